"""``quotelens [CORPUS ...]``: open the terminal app (ingesting first, with progress, if needed)."""

from __future__ import annotations

import argparse
import sys

from tui.commands.common import add_corpus_args, report_missing, report_not_corpus

NAME = "open"
HELP = "open the terminal app on a corpus (the default command)"
DESCRIPTION = (
    "Open the keyboard-driven explorer on CORPUS (default: the bundled sample). Articles not analysed yet "
    "are ingested first, with a progress bar; annotations are saved as you go.\n\n"
    "Keys: ? lists every key; ctrl+p opens the command palette. Remap keys and set quick tags in "
    "$QUOTELENS_CONFIG or config.toml in the user config directory."
)
EXAMPLES = (
    "quotelens                                  # the bundled sample corpus",
    "quotelens ~/news/                          # a folder of .txt files",
    "quotelens articles.jsonl --store /tmp/qs   # keep the cache and annotations elsewhere",
)


def configure(parser: argparse.ArgumentParser) -> None:
    add_corpus_args(parser, required=False)


def corpus_label(paths: list) -> str:
    """What the header says the corpus is (the folder or file names, not full paths)."""
    from corpus.readers import SAMPLE_CORPUS

    if not paths:
        return "sample corpus"
    names = ["sample corpus" if p.resolve() == SAMPLE_CORPUS.resolve() else (p.name or str(p)) for p in paths]
    return ", ".join(names)


def run(args: argparse.Namespace) -> int:
    from corpus.readers import SAMPLE_CORPUS
    from tui.app import QuotelensApp

    paths = list(args.corpus) or [SAMPLE_CORPUS]
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from tui.console import err_console

        # The app needs a terminal to draw in and read keys from; piped, it would hang.
        err_console.print(
            "[red]quotelens opens an interactive app and needs a terminal.[/] Without one, use "
            "`quotelens stats`, `quotelens quotes` or `quotelens extract`.",
            highlight=False,
        )
        return 2
    if report_missing(paths) or report_not_corpus(paths):
        return 2

    def open_workspace(progress, status, cancel):
        from store.workspace import Workspace

        return Workspace.open(
            paths,
            store_dir=args.store,
            model=args.model,
            text_column=args.text_column,
            progress=progress,
            status=status,
            cancel=cancel,
        )

    app = QuotelensApp(open_workspace, corpus_label=corpus_label(list(args.corpus)))
    app.run()
    return int(app.return_code or 0)
