"""Extraction cost relative to the spaCy parse of the same articles.

    .venv/bin/python bench/extraction_cost.py [--n 200] [--rounds 3] [--profile] [FILES_OR_DIRS ...]

Parses N articles (default: 200 from ../shared/corpora/bbc/*/) with the model's own
pipes, then times entities + quote extraction on the parsed Docs. The issue's budget:
extraction <= 10% of the parse time.

The machine is shared, so one timing of each says little: parse and extraction are timed
in alternating rounds (parse, extract, parse, extract, ...) so that both see the same load,
and the best (least disturbed) time of each is compared. The median of the per-round
ratios is printed too, as a check that the best times are not a fluke, and the ratio of
the process CPU times (which the other processes on the machine disturb far less). The
exit code is 1 when the ratio of the best times is over budget.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"
BUDGET = 0.10


def _texts(paths: list[Path], n: int) -> list[str]:
    files: list[Path] = []
    for p in paths:
        files.extend(sorted(p.rglob("*.txt")) if p.is_dir() else [p])
    return [f.read_text(encoding="utf-8", errors="replace") for f in files[:n]]


def _seconds(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_CORPUS])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds of parse and extraction")
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

    def parse_all() -> list:
        with nlp.select_pipes(disable=[QUOTES_PIPE]):
            return list(nlp.pipe(texts, batch_size=32))

    def extract_all() -> None:
        for doc in docs:
            entities, names = entities_and_names(doc)
            extract_quotes(doc, entities, names=names)

    def timed(run: Callable[[], object], wall: list[float], cpu: list[float]) -> None:
        t0, c0 = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)

    docs = parse_all()  # warm-up of the model, and the Docs every extraction round reads
    extract_all()  # warm-up of the data files and caches
    parse_times: list[float] = []
    extract_times: list[float] = []
    parse_cpu: list[float] = []
    extract_cpu: list[float] = []
    for _ in range(args.rounds):
        timed(parse_all, parse_times, parse_cpu)
        timed(extract_all, extract_times, extract_cpu)

    n_quotes = sum(len(extract_quotes(d)) for d in docs)
    n_words = sum(len(d) for d in docs)
    parse, extract = min(parse_times), min(extract_times)
    ratio = extract / parse
    median = statistics.median(e / p for p, e in zip(parse_times, extract_times, strict=True))
    print(f"{len(docs)} articles, {n_words} tokens, {n_quotes} quotes, {args.rounds} rounds")
    print(f"spaCy parse : {parse:8.3f} s  best of {_seconds(parse_times)}")
    print(f"extraction  : {extract:8.3f} s  best of {_seconds(extract_times)}  (entities + quotes)")
    print(f"ratio       : {ratio:8.1%}  best/best (budget {BUDGET:.0%})")
    print(f"median ratio: {median:8.1%}  of the rounds side by side")
    # CPU time of this process: what other processes on the machine take from it does not count
    print(f"cpu ratio   : {min(extract_cpu) / min(parse_cpu):8.1%}  best/best of the process CPU times")
    if args.profile:
        import cProfile
        import pstats

        cProfile.runctx("extract_all()", globals(), locals(), "/tmp/quotelens_extract.prof")
        pstats.Stats("/tmp/quotelens_extract.prof").sort_stats("cumulative").print_stats(25)
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
