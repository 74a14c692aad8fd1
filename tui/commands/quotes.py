"""``quotelens quotes CORPUS [filters]``: the matching quotes as a table, JSONL or CSV."""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator
from typing import Any

from rich.markup import escape

from tui.commands.common import add_corpus_args, positive_int
from tui.commands.ingest import add_ingest_args, open_workspace
from tui.wording import plural

NAME = "quotes"
HELP = "list quotes, filtered by speaker, entity, kind or text"
DESCRIPTION = (
    "Print the quotes of CORPUS that match every filter given: --speaker (a name as typed: 'Trudeau', "
    "'justin trudeau' and 'PM Trudeau' all find Justin Trudeau), --entity (articles mentioning it), "
    "--kind (direct, indirect, mixed, floating), --search (words the quote contains). A table on a "
    "terminal; --format jsonl or csv for data. Ingests first if needed."
)
EXAMPLES = (
    "quotelens quotes ~/news --speaker 'Justin Trudeau'",
    "quotelens quotes ~/news --entity Huawei --kind direct",
    "quotelens quotes ~/news --search '5G network' --format csv > quotes.csv",
)
FIELDS = (
    "quote_id",
    "article_id",
    "title",
    "date",
    "source",
    "kind",
    "speaker",
    "speaker_key",
    "cue",
    "text",
    "start",
    "end",
)


def configure(parser: argparse.ArgumentParser) -> None:
    add_corpus_args(parser)
    add_ingest_args(parser)
    parser.add_argument("--speaker", metavar="NAME", help="quotes by this speaker (name, variant or key)")
    parser.add_argument("--entity", metavar="NAME", help="quotes in articles that mention this entity")
    parser.add_argument("--kind", choices=("direct", "indirect", "mixed", "floating"), help="quote kind")
    parser.add_argument("--search", metavar="TEXT", help="quotes whose text contains every word of TEXT")
    parser.add_argument(
        "--format",
        choices=("table", "jsonl", "csv"),
        default=None,
        help="output format (default: table on a terminal, jsonl otherwise)",
    )
    parser.add_argument("--limit", type=positive_int, metavar="N", help="print at most N quotes")


def iter_records(ws: Any, refs: list) -> Iterator[dict[str, Any]]:
    """One plain dict per quote reference, in order, reading each article's analysis once."""
    ix = ws.index
    current_row = None
    analysis = None
    for ref in refs:
        if ref.row != current_row:
            current_row = ref.row
            analysis = ws.analysis(ix.article_id(ref.row))
            meta = ix.meta(ref.row)
        q = analysis.quotes[ref.index]
        yield {
            "quote_id": q.id,
            "article_id": meta.id,
            "title": meta.title,
            "date": meta.date,
            "source": meta.source,
            "kind": q.kind,
            "speaker": ref.speaker_name or q.speaker_name,
            "speaker_key": ref.speaker_key,
            "cue": q.cue.text if q.cue else None,
            "text": q.text,
            "start": q.start,
            "end": q.end,
        }


def run(args: argparse.Namespace) -> int:
    import orjson

    from tui.console import console, err_console

    ws = open_workspace(args)
    if ws is None:
        return 2
    ix = ws.index
    for flag, name in (("--speaker", args.speaker), ("--entity", args.entity)):
        if name and ix.resolve(name) is None:
            err_console.print(
                f"[yellow]No {flag[2:]} matching {escape(repr(name))} in this corpus.[/]", highlight=False
            )
    refs = ix.quotes(speaker=args.speaker, entity=args.entity, kind=args.kind, search=args.search)
    total = len(refs)
    if args.limit is not None:
        refs = refs[: args.limit]
    fmt = args.format or ("table" if console.is_terminal else "jsonl")
    records = iter_records(ws, refs)
    if fmt == "jsonl":
        out = sys.stdout
        for rec in records:
            out.write(orjson.dumps(rec).decode() + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for rec in records:
            writer.writerow(rec)
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
            # Text cells: a quote's "[in Russia]" is text, not Rich markup
            table.add_row(
                Text(rec["speaker"]) if rec["speaker"] else Text("—", style="dim"),
                rec["kind"],
                Text(rec["text"]),
                Text(rec["quote_id"]),
            )
        console.print(table)
    if total and args.limit is not None and total > args.limit:
        err_console.print(f"[dim]{args.limit:,} of {total:,} quotes shown (--limit)[/]", highlight=False)
    return 0
