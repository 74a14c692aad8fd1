"""``quotelens export CORPUS``: quotes with annotations (JSONL/CSV), or the user's review as gold data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.commands.common import add_corpus_args

NAME = "export"
HELP = "export quotes with your annotations (JSONL, CSV) or your review as gold data for `eval`"
DESCRIPTION = (
    "Write the quotes of CORPUS with their annotations (status, tags, note, corrections) and article "
    "metadata, as JSON lines or CSV (UTF-8 with BOM: opens cleanly in Excel, LibreOffice, Google Sheets). "
    "--tag / --status keep only matching quotes; quotes you added and orphaned annotations are included "
    "and flagged.\n\n"
    "--gold writes the articles you reviewed in the gold format of the evaluation data: accepted, "
    "corrected and added quotes (rejected ones removed), so `quotelens eval gold.jsonl` scores the "
    "extractor against your own review."
)
EXAMPLES = (
    "quotelens export ~/news --format csv -o quotes.csv",
    "quotelens export ~/news --format jsonl --tag economy --status accepted",
    "quotelens export ~/news --gold -o gold.jsonl && quotelens eval gold.jsonl",
)


def configure(parser: argparse.ArgumentParser) -> None:
    add_corpus_args(parser)
    parser.add_argument(
        "--format",
        choices=("jsonl", "csv"),
        default=None,
        help="output format (default: from the -o extension, else jsonl)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write to FILE (atomically) instead of standard output"
    )
    parser.add_argument("--tag", metavar="TAG", help="only quotes with this tag")
    parser.add_argument("--status", choices=("accepted", "rejected", "unreviewed"), help="only quotes with this status")
    parser.add_argument("--annotated", action="store_true", help="only quotes that have an annotation")
    parser.add_argument(
        "--gold", action="store_true", help="write the reviewed articles as gold JSONL for `quotelens eval`"
    )
    parser.add_argument(
        "--include-unreviewed", action="store_true", help="with --gold: keep the unreviewed quotes of reviewed articles"
    )


def run(args: argparse.Namespace) -> int:
    from store.annotations import StoreError
    from store.export import AtomicOutput, export_rows, write_csv, write_jsonl
    from store.gold import GoldReport, gold_articles, write_gold
    from tui.commands.common import open_annotations, print_store_error
    from tui.console import err_console, safe_markup

    fmt = args.format
    if fmt is None:
        fmt = "csv" if (args.output and args.output.suffix.lower() == ".csv" and not args.gold) else "jsonl"
    if args.gold and fmt != "jsonl":
        err_console.print("[red]--gold writes JSON lines (the gold format); drop --format csv.[/]")
        return 2
    if args.gold and (args.tag or args.status or args.annotated):
        err_console.print("[red]--gold exports every reviewed article; --tag/--status/--annotated do not apply.[/]")
        return 2
    ws, store = open_annotations(args)
    if ws is None or store is None:
        return 1
    out = None
    try:
        if args.output:
            out = AtomicOutput(args.output)
            stream = out.fh
        else:
            stream = sys.stdout.buffer
        if args.gold:
            report = GoldReport()
            n = write_gold(gold_articles(ws, store, include_unreviewed=args.include_unreviewed, report=report), stream)
            msg = f"Gold: {report.summary()}"
        else:
            rows = export_rows(ws, store, tag=args.tag, status=args.status, annotated=args.annotated)
            n = write_csv(rows, stream) if fmt == "csv" else write_jsonl(rows, stream)
            msg = f"{n:,} quotes exported"
        stream.flush()
        if out is not None:
            out.commit()
            msg += f" to {args.output}"
    except StoreError as exc:
        if out is not None:
            out.abort()
        print_store_error(exc)
        return 1
    except OSError as exc:
        if out is not None:
            out.abort()
        err_console.print(
            f"[red]Could not write {safe_markup(args.output or 'the output')}: {safe_markup(exc.strerror or exc)}[/]",
            highlight=False,
        )
        return 1
    except BaseException:
        if out is not None:
            out.abort()
        raise
    err_console.print(
        f"[green]{safe_markup(msg)}.[/]" if n else f"[yellow]{safe_markup(msg)} (nothing matched).[/]", highlight=False
    )
    return 0
