"""``quotelens people CORPUS``: the people of a corpus with their gender, and the people metric
of ``quotelens eval --people`` (``run_people_eval``)."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.markup import escape

from tui.commands.common import add_corpus_args, positive_int
from tui.commands.ingest import add_ingest_args, open_workspace

if TYPE_CHECKING:
    from corpus.evaluate_people import PeopleScore
    from store.people import CorpusPerson
    from store.workspace import Workspace

HELP = "list the people of a corpus with their gender (as the articles present it) and quotes"
DESCRIPTION = (
    "Print every person the articles of CORPUS name: articles, mentions, quotes, gender and where the "
    "gender came from (text: pronouns, honorifics and titles of the article; name: an unambiguous first "
    "name; user: your correction with `quotelens person`; unknown). Most quoted first, so "
    "`--gender unknown` is the queue of people to check. Ingests first if needed."
)
EXAMPLES = (
    "quotelens people ~/news --quoted",
    "quotelens people ~/news --gender unknown --limit 20",
    "quotelens people ~/news --format csv > people.csv",
)
FIELDS = ("name", "key", "gender", "gender_source", "quoted", "articles", "quoted_in", "mentions", "quotes")


def configure(parser: argparse.ArgumentParser) -> None:
    add_corpus_args(parser)
    add_ingest_args(parser)
    parser.add_argument("--quoted", action="store_true", help="only people quoted at least once (sources)")
    parser.add_argument("--gender", metavar="G", help="only people of this gender label (female, male, unknown, …)")
    parser.add_argument(
        "--format",
        choices=("table", "jsonl", "csv"),
        default=None,
        help="output format (default: table on a terminal, jsonl otherwise)",
    )
    parser.add_argument("--limit", type=positive_int, metavar="N", help="print at most N people")


def load_people(ws: Workspace) -> list[CorpusPerson]:
    """The corpus's people with the user's corrections applied, most quoted first."""
    from store.people import corpus_people, iter_article_people

    return corpus_people(iter_article_people(ws, overrides=ws.annotations.person_overrides()))


def select(people: list[CorpusPerson], *, quoted: bool = False, gender: str | None = None) -> list[CorpusPerson]:
    wanted = gender.strip().casefold() if gender else None
    return [p for p in people if (not quoted or p.quoted) and (wanted is None or p.gender.casefold() == wanted)]


def run(args: argparse.Namespace) -> int:
    import orjson

    from tui.console import console, err_console

    ws = open_workspace(args)
    if ws is None:
        return 2
    people = select(load_people(ws), quoted=args.quoted, gender=args.gender)
    total = len(people)
    if args.limit is not None:
        people = people[: args.limit]
    fmt = args.format or ("table" if console.is_terminal else "jsonl")
    if fmt == "jsonl":
        for p in people:
            sys.stdout.write(orjson.dumps(p.to_dict()).decode() + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for p in people:
            writer.writerow(p.to_dict())
    else:
        from rich.table import Table
        from rich.text import Text

        table = Table(title=f"{total:,} {'person' if total == 1 else 'people'}", title_justify="left")
        table.add_column("Person", style="bold")
        table.add_column("Gender")
        table.add_column("From", style="dim")
        for col in ("Articles", "Mentions", "Quotes"):
            table.add_column(col, justify="right")
        for p in people:
            table.add_row(
                Text(p.name), Text(p.gender), p.gender_source, f"{p.articles:,}", f"{p.mentions:,}", f"{p.quotes:,}"
            )
        console.print(table)
    if not total:
        err_console.print("[yellow]No people match.[/]")
    elif args.limit is not None and total > args.limit:
        err_console.print(f"[dim]{args.limit:,} of {total:,} people shown (--limit)[/]", highlight=False)
    return 0


# --- quotelens eval --people GOLD.jsonl [TEXTS.jsonl | --pred EXTRACT.jsonl] ------------------------


def _texts_and_people(path: Path) -> tuple[dict[str, str], dict[str, list[dict[str, Any]]], list[str]]:
    """Article texts and any "people" lists of a JSONL of articles (``{"id", "text"}``, as the gold
    quote files and `quotelens extract` write them)."""
    from corpus.evaluate_people import jsonl_records

    texts: dict[str, str] = {}
    people: dict[str, list[dict[str, Any]]] = {}
    problems: list[str] = []
    for n, rec in jsonl_records(path, problems):
        if not isinstance(rec, dict) or "id" not in rec:
            problems.append(f'{path}:{n}: no "id"; skipped')
            continue
        if isinstance(rec.get("text"), str):
            texts[str(rec["id"])] = rec["text"]
        if isinstance(rec.get("people"), list):
            people[str(rec["id"])] = rec["people"]
    return texts, people, problems


def run_people_eval(args: argparse.Namespace) -> int:
    """``quotelens eval --people GOLD.jsonl [TEXTS.jsonl]`` (texts from TEXTS, default the gold
    file itself) or ``--pred EXTRACT.jsonl`` (people as `quotelens extract` wrote them)."""
    from corpus.evaluate_people import gender_sources, load_people_gold, predict_people, score_people
    from corpus.nlp import ModelNotFound
    from tui.console import err_console

    try:
        gold, problems = load_people_gold(str(args.people))
        source = args.pred or args.gold or args.people
        texts, predicted, more = _texts_and_people(source)
    except OSError as exc:
        err_console.print(f"[red]Cannot read input:[/] {escape(str(exc))}", highlight=False)
        return 2
    for problem in (problems + more)[:10]:
        err_console.print(f"[yellow]{escape(problem)}[/]", highlight=False)
    if not gold:
        err_console.print(f"[red]No articles with people in {escape(str(args.people))}.[/]", highlight=False)
        return 2
    if not args.pred:
        wanted = {aid: texts[aid] for aid in gold if aid in texts}
        if not wanted:
            err_console.print(
                f"[red]No texts for the gold articles in {escape(str(source))}.[/] Give the articles "
                "(e.g. ../shared/eval/ggt-dev.jsonl) after GOLD, or --pred with `quotelens extract` output.",
                highlight=False,
            )
            return 2
        try:
            with err_console.status(f"Finding the people of {len(wanted)} articles…"):
                predicted = predict_people(wanted, args.model)
        except ModelNotFound as exc:
            err_console.print(f"[red]{escape(str(exc))}[/]")
            return 2
    score = score_people(gold, predicted)
    print_people_score(
        score,
        Path(args.people).name,
        gender_sources(predicted),
        gender_sources(predicted, quoted=True),
        as_json=args.json,
    )
    return 0


def print_people_score(
    score: PeopleScore, title: str, sources: dict[str, int], quoted_sources: dict[str, int], *, as_json: bool = False
) -> None:
    """The metric's table, the women's share of sources and where the genders came from, for the
    people (``sources``: gender_source → count) and for the people quoted (``quoted_sources``)."""
    import json

    from rich.table import Table

    from tui.console import console, err_console

    if as_json:
        data = score.to_dict()
        data["gender_sources"] = sources
        data["gender_sources_quoted"] = quoted_sources
        console.print_json(json.dumps(data))
        return
    table = Table(title=f"People and gender — {title} ({score.n_articles} articles)")
    table.add_column("set")
    for col in ("precision", "recall", "F1", "TP", "FP", "FN"):
        table.add_column(col, justify="right")
    for name, s in score.sets.items():
        table.add_row(
            name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"[bold]{s.f1:.3f}[/]", str(s.tp), str(s.fp), str(s.fn)
        )
    console.print(table)
    console.print(
        f"Women's share of sources: [bold]{score.predicted_female_share:.3f}[/] "
        f"({score.pred_sources_female}/{score.pred_sources}); gold {score.gold_female_share:.3f} "
        f"({score.gold_sources_female}/{score.gold_sources})",
        highlight=False,
    )
    for label, counts in (("people", sources), ("people quoted", quoted_sources)):
        shown = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
        console.print(f"Gender of the {label} from: {shown}", highlight=False)
    if score.n_missing:
        err_console.print(f"[yellow]{score.n_missing} gold articles have no prediction[/]")
