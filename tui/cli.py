"""The ``quotelens`` command line.

argparse (stdlib) with rich-argparse for Rich-formatted help: no extra
framework to learn, every subcommand is a small module in ``tui.commands``
exposing ``HELP``, ``EXAMPLES``, ``configure(parser)`` and
``run(args) -> int``. ``quotelens [CORPUS ...]`` with no subcommand opens the
terminal app.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from rich.markup import escape
from rich_argparse import RawDescriptionRichHelpFormatter

from tui import __version__

# Order is the order shown in --help.
COMMAND_MODULES = (
    "open",
    "ingest",
    "extract",
    "quotes",
    "stats",
    "people",
    "person",
    "export",
    "annotate",
    "history",
    "eval",
    "store",
)
DEFAULT_COMMAND = "open"


class HelpFormatter(RawDescriptionRichHelpFormatter):
    """Rich help that keeps the hand-made line breaks of the examples."""


def _command(name: str):
    return importlib.import_module(f"tui.commands.{'store_cmd' if name == 'store' else name}")


def _epilog(examples: Sequence[str]) -> str:
    if not examples:
        return ""
    return "[argparse.groups]Examples:[/]\n" + "\n".join(f"  [dim]$[/] {line}" for line in examples)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotelens",
        description=(
            "Find every quote in a folder of news articles, direct and indirect, and who "
            "said it; explore, tag, review and export them from the keyboard.\n\n"
            "Run [bold]quotelens[/] with no command (or just a CORPUS) to open the terminal app."
        ),
        epilog=_epilog(
            [
                "quotelens                          # open the bundled sample corpus",
                "quotelens ~/news/                  # open (ingesting first if needed) a folder of .txt",
                "quotelens ingest articles.jsonl --workers 2",
                "quotelens quotes ~/news --speaker 'Justin Trudeau'",
                "quotelens COMMAND --help           # help for one command",
            ]
        ),
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"quotelens {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name in COMMAND_MODULES:
        module = _command(name)
        p = sub.add_parser(
            name,
            help=module.HELP,
            description=getattr(module, "DESCRIPTION", module.HELP),
            epilog=_epilog(getattr(module, "EXAMPLES", ())),
            formatter_class=HelpFormatter,
        )
        module.configure(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from store.safe_storage import StoreError
    from tui.console import err_console

    args_list = list(sys.argv[1:] if argv is None else argv)
    # `quotelens CORPUS` (or nothing) means `quotelens open CORPUS`.
    if not args_list or (args_list[0] not in COMMAND_MODULES and args_list[0] not in ("-h", "--help", "--version")):
        typo = _command_typo(args_list[0]) if args_list else None
        if typo:
            err_console.print(
                f"[red]No command or corpus {escape(repr(args_list[0]))}.[/] Did you mean [bold]quotelens {typo}[/]?",
                highlight=False,
            )
            return 2
        args_list.insert(0, DEFAULT_COMMAND)
    parser = build_parser()
    args = parser.parse_args(args_list)
    try:
        return int(args._run(args) or 0)
    except KeyboardInterrupt:
        err_console.print("[yellow]Interrupted.[/]")
        return 130
    except BrokenPipeError:
        # `quotelens quotes … | head`: the reader has gone; stop quietly like other Unix tools.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except StoreError as exc:
        # A store file (annotations, history, the analysis cache) that cannot be used: the
        # message names the file and what to do; the same for every command.
        err_console.print(f"[red]{escape(str(exc))}[/]", highlight=False)
        return 1
    except OSError as exc:
        # A path the user gave cannot be read or written (a folder where a file is wanted,
        # a missing parent, no permission): say which, not a traceback.
        where = f"{exc.filename}: " if exc.filename else ""
        err_console.print(f"[red]{escape(where + (exc.strerror or str(exc)))}[/]", highlight=False)
        return 1


def _command_typo(word: str) -> str | None:
    """The command ``word`` was probably meant to be ("stat" → "stats"), unless it is a path."""
    import difflib

    if word.startswith("-") or os.path.exists(word) or "/" in word or "." in word:
        return None
    close = difflib.get_close_matches(word, list(COMMAND_MODULES), n=1, cutoff=0.75)
    return close[0] if close else None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
