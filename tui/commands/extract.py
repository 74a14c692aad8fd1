"""``quotelens extract CORPUS [-o FILE]``: quotes and entities as JSONL, one article a line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rich.markup import escape

from tui.commands.common import add_corpus_args, positive_int
from tui.wording import plural

NAME = "extract"
HELP = "extract quotes and entities from a corpus as JSONL"
DESCRIPTION = (
    "Run the NLP pipeline over every article of CORPUS and write one JSON object a line: "
    "id, title, date, source, text, entities, quotes (with speaker, resolved speaker name, cue and kind; "
    "offsets are character indices into that text) and people (name, gender, gender_source, quoted, "
    "mentions, quotes). Progress goes to stderr, data to stdout "
    "or to -o FILE. No cache is read or written."
)
EXAMPLES = (
    "quotelens extract ~/news -o quotes.jsonl",
    "quotelens extract articles.jsonl | jq '.quotes[] | .speaker_name'",
)


def configure(parser: argparse.ArgumentParser) -> None:
    add_corpus_args(parser)
    parser.add_argument("-o", "--output", metavar="FILE", type=Path, help="write the JSONL here instead of stdout")
    parser.add_argument(
        "--batch-size", type=positive_int, default=32, metavar="N", help="articles parsed per spaCy batch (default: 32)"
    )


def load_articles(paths: list[Path], text_column: str | None = None):
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


def article_record(article, analysis) -> dict[str, Any]:
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


def iter_records(articles, nlp, batch_size: int = 32, progress=None) -> Iterator[dict[str, Any]]:
    from corpus.analysis import analyse_doc

    texts = ((a.text, a) for a in articles)
    for i, (doc, article) in enumerate(nlp.pipe(texts, as_tuples=True, batch_size=batch_size), 1):
        yield article_record(article, analyse_doc(doc))
        if progress:
            progress(i)


def run(args: argparse.Namespace) -> int:
    from rich.progress import Progress

    from corpus.nlp import ModelNotFound, load_pipeline
    from tui.console import err_console

    clash = output_clash(args.output, list(args.corpus)) if args.output else None
    if clash:
        err_console.print(f"[red]Not writing: {escape(clash)}.[/] Choose another -o FILE.", highlight=False)
        return 2
    articles, problems = load_articles(list(args.corpus), getattr(args, "text_column", None))
    for msg in problems:
        err_console.print(f"[yellow]warning:[/] {escape(str(msg))}", highlight=False)
    if not articles:
        err_console.print("[red]No articles found.[/]")
        return 1
    try:
        nlp = load_pipeline(args.model)
    except ModelNotFound as exc:
        err_console.print(f"[red]{escape(str(exc))}[/]")
        return 2
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    n_quotes = 0
    n_done = 0
    try:
        with Progress(console=err_console, transient=True) as progress:
            task = progress.add_task("Extracting", total=len(articles))
            for rec in iter_records(
                articles, nlp, args.batch_size, progress=lambda i: progress.update(task, completed=i)
            ):
                n_quotes += len(rec["quotes"])
                n_done += 1
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        if not args.output:
            out.flush()  # a closed pipe (`… | head`) is handled in tui.cli.main for every command
    finally:
        if args.output:
            out.close()
    err_console.print(
        f"{plural(len(articles), 'article')}, {plural(n_quotes, 'quote')}"
        + (f" → {args.output}" if args.output else "")
    )
    return 0
