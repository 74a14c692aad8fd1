"""``quotelens stats CORPUS``: the corpus at a glance (Rich tables, or ``--json``)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from tui.commands.common import add_corpus_args, open_annotations, positive_int, print_store_error
from tui.commands.ingest import add_ingest_args
from tui.console import safe_markup, safe_text
from tui.wording import LABEL_NAMES

if TYPE_CHECKING:
    from rich.console import Console

    from store.reviewed import ReviewedCorpus
    from store.workspace import Workspace

HELP = "corpus statistics: articles, words, quotes by kind, top speakers and entities, sources by gender"
DESCRIPTION = (
    "Summarise CORPUS: articles, words, quotes by kind, the most quoted speakers, the top entities "
    "of each label (PERSON, ORG, GPE, …; merged across the corpus: 'Trudeau' counts for "
    "'Justin Trudeau'), articles per source and per month, and the people quoted and named by gender "
    "(share of women overall, per outlet and per month; your `quotelens person` corrections applied). "
    "Ingests first if needed."
)
EXAMPLES = (
    "quotelens stats ~/news",
    "quotelens stats ~/news --top 20 --label PERSON --label ORG",
    "quotelens stats articles.jsonl --json | jq '.speakers[:5]'",
)
DEFAULT_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT")


def configure(parser: argparse.ArgumentParser) -> None:
    add_corpus_args(parser)
    add_ingest_args(parser)
    parser.add_argument("--top", type=positive_int, default=10, metavar="N", help="rows per top list (default: 10)")
    parser.add_argument(
        "--label",
        action="append",
        metavar="LABEL",
        help="entity label to list (repeatable; default: " + ", ".join(DEFAULT_LABELS) + ")",
    )
    parser.add_argument("--json", action="store_true", help="print the statistics as JSON on stdout")


def collect(
    ws: Workspace,
    top: int = 10,
    labels: tuple[str, ...] | list[str] = DEFAULT_LABELS,
    reviewed: ReviewedCorpus | None = None,
) -> dict[str, Any]:
    """The statistics as plain data (what ``--json`` prints). Quotes and speakers are
    counted as reviewed (``store.reviewed``; by default over ``ws.annotations``):
    rejected quotes left out, corrected ones under their new speaker, added ones in."""
    if reviewed is None:
        from store.reviewed import ReviewedCorpus

        reviewed = ReviewedCorpus(ws.index, ws.annotations)
    from store.people import sources_by_gender

    ix = ws.index
    failed = [{"id": i, "message": m} for i, m in ws.failures()]
    counts = reviewed.quote_counts()
    return {
        "store": str(ws.store_dir),
        "articles": ix.n_articles,
        "analysed": int(ix.analysed.sum()),
        "words": ix.n_words,
        "quotes": counts.total,
        "quotes_by_kind": counts.by_kind,
        "review": {**counts.by_status, "corrected": counts.corrected, "added": counts.added},
        "speakers": [
            {"key": s.key, "name": s.name, "quotes": s.n_quotes, "articles": s.n_articles}
            for s in reviewed.speakers(top=top)
        ],
        "entities": {
            label: [
                {
                    "key": e.key,
                    "name": e.name,
                    "articles": e.n_articles,
                    "mentions": e.n_mentions,
                    "quotes": e.n_quotes,
                    "labels": list(e.labels),
                    "variants": list(e.variants[:10]),
                }
                for e in ix.entities(label=label, top=top)
            ]
            for label in labels
        },
        "sources": ix.articles_per_source(),
        "months": ix.articles_per_month(),
        "sources_by_gender": sources_by_gender(ws),
        "problems": len(ws.load_report.problems),
        "not_analysed": failed,
    }


def render(data: dict[str, Any], console: Console) -> None:
    from rich.columns import Columns
    from rich.table import Table

    overview = Table(title="Corpus", show_header=False, title_justify="left")
    overview.add_column(style="bold")
    overview.add_column(justify="right")
    overview.add_row("Articles", f"{data['articles']:,}")
    overview.add_row("Analysed", f"{data['analysed']:,}")
    overview.add_row("Words", f"{data['words']:,}")
    overview.add_row("Quotes", f"{data['quotes']:,}")
    for kind, n in data["quotes_by_kind"].items():
        overview.add_row(f"  {kind}", f"{n:,}")
    review = data["review"]
    if review["accepted"] or review["rejected"] or review["corrected"] or review["added"]:
        overview.add_row("Reviewed", f"{review['accepted'] + review['rejected']:,}")
        for name in ("accepted", "rejected", "corrected", "added"):
            if review[name]:
                overview.add_row(f"  {name}", f"{review[name]:,}")

    speakers = Table(title="Top quoted speakers", title_justify="left")
    speakers.add_column("Speaker")
    speakers.add_column("Quotes", justify="right")
    speakers.add_column("Articles", justify="right")
    for s in data["speakers"]:
        speakers.add_row(safe_text(s["name"]), f"{s['quotes']:,}", f"{s['articles']:,}")
    console.print(Columns([overview, speakers], padding=(0, 4)))

    tables = []
    for label, rows in data["entities"].items():
        if not rows:
            continue
        # named as the app names them ("Top Organisations", not "Top ORG"); --label takes the codes
        t = Table(title=f"Top {LABEL_NAMES.get(label, label)}", title_justify="left")
        t.add_column("Entity")
        t.add_column("Articles", justify="right")
        t.add_column("Mentions", justify="right")
        t.add_column("Quoted", justify="right")
        for e in rows:
            t.add_row(
                safe_text(e["name"]),
                f"{e['articles']:,}",
                f"{e['mentions']:,}",
                f"{e['quotes']:,}" if e["quotes"] else "",
            )
        tables.append(t)
    if tables:
        console.print(Columns(tables, padding=(0, 2)))

    sources = Table(title="Articles per source", title_justify="left")
    sources.add_column("Source")
    sources.add_column("Articles", justify="right")
    for name, n in list(data["sources"].items())[:30]:
        sources.add_row(safe_text(name), f"{n:,}")
    months = Table(title="Articles per month", title_justify="left")
    months.add_column("Month")
    months.add_column("Articles", justify="right")
    for name, n in data["months"].items():
        months.add_row(safe_text(name), f"{n:,}")
    console.print(Columns([sources, months], padding=(0, 4)))
    if "sources_by_gender" in data:
        from store.people import render_sources_by_gender

        render_sources_by_gender(data["sources_by_gender"], console)
    if data["not_analysed"]:
        console.print(
            f"[yellow]{len(data['not_analysed']):,} articles could not be analysed[/] "
            f"(e.g. {safe_markup(data['not_analysed'][0]['id'])}: {safe_markup(data['not_analysed'][0]['message'])})",
            highlight=False,
        )
    console.print(f"[dim]store: {safe_markup(data['store'])}[/]", highlight=False)


def run(args: argparse.Namespace) -> int:
    import orjson

    from store.reviewed import ReviewedCorpus
    from store.safe_storage import StoreError
    from tui.console import console

    ws, store = open_annotations(args)
    if ws is None or store is None:
        return 2
    labels = tuple(label.upper() for label in args.label) if args.label else DEFAULT_LABELS
    try:
        data = collect(ws, top=args.top, labels=labels, reviewed=ReviewedCorpus(ws.index, store))
    except StoreError as exc:
        print_store_error(exc)
        return 1
    if args.json:
        sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        render(data, console)
    return 0
