"""``quotelens extract CORPUS [-o FILE]``: quotes and entities as JSONL, one article a line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.wording import plural
from tui.commands.common import add_corpus_args, open_workspace, positive_int, report_missing, report_not_corpus
from tui.console import safe_markup

if TYPE_CHECKING:
    from spacy.language import Language

    from corpus.models import Analysis, Article
    from store.workspace import Workspace

HELP = "extract quotes and entities from a corpus as JSONL"
DESCRIPTION = (
    "Run the NLP pipeline over every article of CORPUS and write one JSON object a line: "
    "id, title, date, source, text, entities, quotes (with speaker, resolved speaker name, cue and kind; "
    "offsets are character indices into that text) and people (name, gender, gender_source, quoted, "
    "mentions, quotes). Progress goes to stderr, data to stdout "
    "or to -o FILE. An article the pipeline cannot analyse (a text over the length limit) is "
    "skipped and named; the others are written. No cache is read or written, unless --store DIR "
    "is given: then the corpus is ingested into that store (analyses already there are reused, "
    "new ones kept for next time) and written from it."
)
EXAMPLES = (
    "quotelens extract ~/news -o quotes.jsonl",
    "quotelens extract ~/news --store ~/news/.quotelens -o quotes.jsonl",
    "quotelens extract articles.jsonl | jq '.quotes[] | .speaker_name'",
)


def configure(parser: argparse.ArgumentParser) -> None:
    add_corpus_args(parser)
    parser.add_argument("-o", "--output", metavar="FILE", type=Path, help="write the JSONL here instead of stdout")
    parser.add_argument(
        "--batch-size", type=positive_int, default=32, metavar="N", help="articles parsed per spaCy batch (default: 32)"
    )


def load_articles(paths: list[Path], text_column: str | None = None) -> tuple[list[Article], list[str]]:
    """Articles and problem messages (file and line) from ``corpus.readers``."""
    from corpus.readers import load_corpus

    report = load_corpus(paths, text_column=text_column)
    return list(report.articles), [str(p) for p in report.problems]


def output_clash(output: Path, corpus: list[Path]) -> str | None:
    """Why writing ``output`` would harm the corpus (overwrite a corpus file, or land in a
    corpus folder and be read as an article next time), or None."""
    target = output.expanduser().resolve()
    for path in corpus:
        root = path.expanduser().resolve()
        if target == root:
            return f"{output} is the corpus itself"
        if root.is_dir() and root in target.parents and target.suffix.lower() in (".txt", ".jsonl", ".csv"):
            return f"{output} is inside the corpus folder {path} and would be read as part of it next time"
    return None


def article_record(article: Article, analysis: Analysis) -> dict[str, Any]:
    analysis = analysis.for_article(article.id)
    return {
        "id": article.id,
        "title": article.title,
        "date": article.date,
        "source": article.source,
        # the text the offsets index (for a .txt, the article as read: without its title line)
        "text": article.text,
        "entities": [e.to_dict() for e in analysis.entities],
        "quotes": [q.to_dict() for q in analysis.quotes],
        "people": [
            {k: v for k, v in p.to_dict().items() if k != "key"} for p in analysis.people
        ],  # gender as the article presents it (corpus.people)
    }


def iter_records(
    articles: Sequence[Article],
    nlp: Language,
    batch_size: int = 32,
    progress: Callable[[int], object] | None = None,
    failed: list[tuple[str, str]] | None = None,
) -> Iterator[dict[str, Any]]:
    """One record per article, analysed in batches the way ``ingest`` does
    (``store.shard.analyse_batch``): an article the pipeline fails on (a text over the
    length limit: spaCy's E088) is left out and added to ``failed`` as (id, message)."""
    from corpus.models import text_hash
    from store.cache import unpack_payload
    from store.shard import DEFAULT_MAX_CHARS, ShardItem, analyse_batch, prepare_pipeline

    prepare_pipeline(nlp, DEFAULT_MAX_CHARS)
    done = 0
    for start in range(0, len(articles), batch_size):
        batch = articles[start : start + batch_size]
        items = [ShardItem(text_hash(a.text), a.text, a.id, store_text=False) for a in batch]
        rows, failures = analyse_batch(nlp, items, DEFAULT_MAX_CHARS)
        by_hash = {r.hash: r for r in rows}
        failed_ids = {f.article_id: f.message for f in failures}
        for article, item in zip(batch, items, strict=True):
            row = by_hash.get(item.hash)
            if article.id in failed_ids or row is None:
                if failed is not None:
                    failed.append((article.id, failed_ids.get(article.id, "not analysed")))
                continue
            yield article_record(article, unpack_payload(row.payload))
        done += len(batch)
        if progress:
            progress(done)


def workspace_records(ws: Workspace, failed: list[tuple[str, str]]) -> Iterator[dict[str, Any]]:
    """One record per article of an opened workspace, from its cache (``--store``)."""
    not_analysed = dict(ws.failures())
    failed.extend(not_analysed.items())
    for row in range(ws.index.n_articles):
        article_id = ws.index.meta(row).id
        if article_id in not_analysed:
            continue
        yield article_record(ws.article(article_id), ws.analysis(article_id))


def run(args: argparse.Namespace) -> int:
    from rich.progress import Progress

    from corpus.nlp import ModelNotFound, load_pipeline
    from tui.console import err_console

    clash = output_clash(args.output, list(args.corpus)) if args.output else None
    if clash:
        err_console.print(f"[red]Not writing: {safe_markup(clash)}.[/] Choose another -o FILE.", highlight=False)
        return 2
    failed: list[tuple[str, str]] = []
    if args.store is not None:
        # the cache: what is analysed already is reused, the rest analysed and kept
        ws = open_workspace(args)
        if ws is None:
            return 2
        n_articles = ws.index.n_articles
        records: Iterator[dict[str, Any]] = workspace_records(ws, failed)
        progress_total = None
    else:
        if report_missing(list(args.corpus)) or report_not_corpus(list(args.corpus)):
            return 2
        articles, problems = load_articles(list(args.corpus), getattr(args, "text_column", None))
        for msg in problems:
            err_console.print(f"[yellow]warning:[/] {safe_markup(msg)}", highlight=False)
        if not articles:
            err_console.print("[red]No articles found.[/]")
            return 1
        try:
            nlp = load_pipeline(args.model)
        except ModelNotFound as exc:
            err_console.print(f"[red]{safe_markup(exc)}[/]")
            return 2
        n_articles = len(articles)
        progress_total = n_articles
    try:
        out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    except OSError as exc:
        err_console.print(f"[red]Cannot write {safe_markup(args.output)}: {safe_markup(exc.strerror or exc)}[/]")
        return 1
    n_quotes = 0
    n_written = 0
    try:
        with Progress(console=err_console, transient=True) as progress:
            task = progress.add_task("Extracting", total=progress_total or n_articles)
            if progress_total is not None:
                records = iter_records(
                    articles,
                    nlp,
                    args.batch_size,
                    progress=lambda i: progress.update(task, completed=i),
                    failed=failed,
                )
            for rec in records:
                n_quotes += len(rec["quotes"])
                n_written += 1
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        if not args.output:
            out.flush()  # a closed pipe (`… | head`) is handled in tui.cli.main for every command
    finally:
        if args.output:
            out.close()
    for article_id, message in failed:
        err_console.print(f"[red]skipped:[/] {safe_markup(article_id)}: {safe_markup(message)}", highlight=False)
    skipped = f"; {plural(len(failed), 'article')} skipped" if failed else ""
    err_console.print(
        f"{plural(n_written, 'article')}, {plural(n_quotes, 'quote')}{skipped}"
        + (f" → {safe_markup(args.output)}" if args.output else ""),
        highlight=False,
    )
    return 1 if failed and not n_written else 0
