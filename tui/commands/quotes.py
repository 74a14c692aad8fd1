"""``quotelens quotes CORPUS [filters]``: the matching quotes as a table, JSONL or CSV."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from corpus.models import QUOTE_KINDS, REVIEW_STATUSES
from corpus.printable import printable
from corpus.wording import plural
from tui.commands.common import add_corpus_args, open_annotations, positive_int, print_store_error
from tui.commands.ingest import add_ingest_args

if TYPE_CHECKING:
    from store.reviewed import ReviewedCorpus, ReviewedRef
    from store.workspace import Workspace

HELP = "list quotes as reviewed, filtered by speaker, entity, kind, text, status or tag"
DESCRIPTION = (
    "Print the quotes of CORPUS, as you reviewed them (a corrected speaker replaces the extractor's, "
    "rejected quotes are left out, quotes you added are in), that match every filter given: --speaker "
    "(a name as typed: 'Trudeau', 'justin trudeau' and 'PM Trudeau' all find Justin Trudeau), --entity "
    "(articles mentioning it), --kind (direct, indirect, mixed, floating), --search (words the quote "
    "contains), --status (unreviewed, accepted, rejected: --status rejected lists the rejected ones), "
    "--tag. A table on a terminal; --format jsonl or csv for data (the CSV of `export`). Ingests first "
    "if needed."
)
EXAMPLES = (
    "quotelens quotes ~/news --speaker 'Justin Trudeau'",
    "quotelens quotes ~/news --entity Huawei --kind direct",
    "quotelens quotes ~/news --status rejected --tag check",
    "quotelens quotes ~/news --search '5G network' --format csv > quotes.csv",
)


def configure(parser: argparse.ArgumentParser) -> None:
    add_corpus_args(parser)
    add_ingest_args(parser)
    parser.add_argument("--speaker", metavar="NAME", help="quotes by this speaker (name, variant or key)")
    parser.add_argument("--entity", metavar="NAME", help="quotes in articles that mention this entity")
    parser.add_argument("--kind", choices=QUOTE_KINDS, help="quote kind")
    parser.add_argument("--search", metavar="TEXT", help="quotes whose text contains every word of TEXT")
    parser.add_argument("--status", choices=REVIEW_STATUSES, help="quotes with this review status")
    parser.add_argument("--tag", metavar="TAG", help="quotes with this tag (case-insensitive)")
    parser.add_argument(
        "--format",
        choices=("table", "jsonl", "csv"),
        default=None,
        help="output format (default: table on a terminal, jsonl otherwise)",
    )
    parser.add_argument("--limit", type=positive_int, metavar="N", help="print at most N quotes")


def iter_records(ws: Workspace, reviewed: ReviewedCorpus, refs: Sequence[ReviewedRef]) -> Iterator[dict[str, Any]]:
    """One plain dict per quote, as reviewed, in order (each article's analysis read once)."""
    for rq in reviewed.quotes(refs, ws):
        ref = rq.ref
        yield {
            **rq.identity(),
            "speaker": ref.speaker_name,
            "speaker_key": ref.speaker_key,
            "cue": rq.cue,
            "text": rq.text,
            "start": rq.start,
            "end": rq.end,
            "status": ref.status,
            "tags": list(ref.tags),
            "extracted_speaker": ref.extracted_speaker,
        }


def run(args: argparse.Namespace) -> int:
    import orjson

    from store.export import FIELDS, rows_of, write_csv
    from store.reviewed import ReviewedCorpus
    from store.safe_storage import StoreError
    from tui.console import console, err_console, safe_markup, safe_text

    ws, store = open_annotations(args)
    if ws is None or store is None:
        return 2
    ix = ws.index
    try:
        reviewed = ReviewedCorpus(ix, store)
    except StoreError as exc:
        print_store_error(exc)
        return 1
    filters = dict(speaker=args.speaker, entity=args.entity, kind=args.kind, search=args.search, tag=args.tag)
    refs = reviewed.refs(status=args.status, **filters)
    if args.entity and ix.resolve(args.entity) is None:
        err_console.print(f"[yellow]No entity matching {safe_markup(repr(args.entity))} in this corpus.[/]")
    if args.speaker and not refs and not reviewed.refs(speaker=args.speaker, include_rejected=True):
        err_console.print(f"[yellow]No speaker matching {safe_markup(repr(args.speaker))} in this corpus.[/]")
    if args.status is None:
        hidden = len(reviewed.refs(status="rejected", **filters))
        if hidden:
            err_console.print(
                f"[dim]{plural(hidden, 'rejected quote')} not shown (--status rejected lists them)[/]",
                highlight=False,
            )
    total = len(refs)
    if args.limit is not None:
        refs = refs[: args.limit]
    fmt = args.format or ("table" if console.is_terminal else "jsonl")
    records = iter_records(ws, reviewed, refs)
    if fmt == "jsonl":
        out = sys.stdout
        for rec in records:
            # JSON escapes control characters (\u001b): nothing raw reaches a terminal
            out.write(orjson.dumps(rec).decode() + "\n")
    elif fmt == "csv":
        sys.stdout.flush()
        # the CSV of `export` (its columns, the reviewed speaker last) for the quotes listed: formulas
        # neutralised; control characters shown when it is a terminal
        export = rows_of(ws, store, reviewed, refs)
        rows = (_printable_values(rec) for rec in export) if sys.stdout.isatty() else export
        write_csv(rows, sys.stdout.buffer, FIELDS)
        sys.stdout.buffer.flush()
    else:
        from rich.table import Table
        from rich.text import Text

        table = Table(title=plural(total, "quote"), title_justify="left", show_lines=False, expand=True)
        table.add_column("Speaker", style="bold", max_width=24, overflow="fold")
        table.add_column("Kind", max_width=9)
        table.add_column("Quote", ratio=1, overflow="fold")
        # the id (article#hash) is what `quotelens annotate` takes
        table.add_column("Quote id", style="dim", max_width=34, overflow="fold")
        for rec in records:
            speaker = safe_text(rec["speaker"]) if rec["speaker"] else Text("—", style="dim")
            if rec["speaker"] != rec["extracted_speaker"]:
                speaker.append(" (corrected)", style="dim")
            mark = {"accepted": "✓ ", "rejected": "✗ "}.get(rec["status"], "")
            table.add_row(speaker, rec["kind"], Text(mark) + safe_text(rec["text"]), safe_text(rec["quote_id"]))
        console.print(table)
    if total and args.limit is not None and total > args.limit:
        err_console.print(f"[dim]{args.limit:,} of {total:,} quotes shown (--limit)[/]", highlight=False)
    return 0


def _printable_values(rec: dict[str, Any]) -> dict[str, Any]:
    return {k: printable(v) if isinstance(v, str) else v for k, v in rec.items()}
