"""Extraction cost relative to the spaCy parse of the same articles.

    .venv/bin/python bench/extraction_cost.py [--n 200] [--profile] [FILES_OR_DIRS ...]

Parses N articles (default: 200 from ../shared/corpora/bbc/*/) with the model's own
pipes, then times entities + quote extraction on the parsed Docs. The issue's budget:
extraction <= 10% of the parse time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"


def _texts(paths: list[Path], n: int) -> list[str]:
    files: list[Path] = []
    for p in paths:
        files.extend(sorted(p.rglob("*.txt")) if p.is_dir() else [p])
    return [f.read_text(encoding="utf-8", errors="replace") for f in files[:n]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_CORPUS])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args(argv)
    texts = _texts(args.paths, args.n)
    if not texts:
        print("no articles found", file=sys.stderr)
        return 2

    from corpus.entities import entities_and_names
    from corpus.nlp import load_pipeline
    from corpus.quotes.component import QUOTES_PIPE
    from corpus.quotes.extract import extract_quotes

    nlp = load_pipeline()
    with nlp.select_pipes(disable=[QUOTES_PIPE]):
        list(nlp.pipe(texts[:5]))  # warm up
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=32))
        parse = time.perf_counter() - t0

    def extract_all() -> None:
        for doc in docs:
            entities, names = entities_and_names(doc)
            extract_quotes(doc, entities, names=names)

    extract_all()  # warm up (data files, caches)
    t0 = time.perf_counter()
    extract_all()
    extract = time.perf_counter() - t0
    n_quotes = sum(len(extract_quotes(d)) for d in docs)
    n_words = sum(len(d) for d in docs)
    print(f"{len(docs)} articles, {n_words} tokens, {n_quotes} quotes")
    print(f"spaCy parse : {parse:8.3f} s")
    print(f"extraction  : {extract:8.3f} s  (entities + quotes)")
    print(f"ratio       : {extract / parse:8.1%}  (budget 10%)")
    if args.profile:
        import cProfile
        import pstats

        cProfile.runctx("extract_all()", globals(), locals(), "/tmp/quotelens_extract.prof")
        pstats.Stats("/tmp/quotelens_extract.prof").sort_stats("cumulative").print_stats(25)
    return 0 if extract / parse <= 0.10 else 1


if __name__ == "__main__":
    sys.exit(main())
