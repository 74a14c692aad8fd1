"""Ingest benchmark: quotelens ingest against plain ``nlp.pipe``, side by side in one run.

    .venv/bin/python bench/ingest.py [CORPUS ...] [--limit N] [--workers 1 2] [--json]

Default corpora: ../shared/corpora/bbc and the seeds. Every variant runs in a fresh
process and is timed end to end inside it:

- ``pipe-N``: ``load_pipeline()`` with the spaCy components the analysis runs
  (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner) and our ``quotes``
  component disabled + ``for doc in nlp.pipe(texts, n_process=N)`` over the distinct
  texts (quotelens analyses a repeated text once); texts are read before the clock
  starts; words/s counts the corpus's words for both. This is the goal's baseline: raw spaCy speed, so the
  ratio also pays for quote and entity extraction. (spaCy's ``n_process>1`` cannot
  even send Docs carrying the ``quotes`` extensions back to the parent.)
- ``pipe+quotes-1``: the same with the ``quotes`` component enabled (one process).
- ``quotelens-N``: ``Workspace.open(corpus, fresh store, workers=N)`` — what
  ``quotelens ingest --workers N`` does: read the corpus, hash, spawn workers, analyse,
  cache, FTS, snapshot, build the index.
- ``reingest``: the same again on the now-filled store (a fresh process).

Goals (issue "Ingest at full spaCy speed"): quotelens-N / pipe-N words/s >= 0.90;
quotelens-2 / quotelens-1 >= 1.5; reingest / first ingest time <= 0.02.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BBC, SEEDS, fmt_ratio, run_variant  # noqa: E402

PIPE = r"""
import time
def main(argv):
    corpus, n_process, limit, with_quotes = argv[0], int(argv[1]), int(argv[2]), argv[3] == "1"
    from corpus.readers import load_corpus
    from corpus.models import count_words
    arts = load_corpus([corpus]).articles
    if limit: arts = arts[:limit]
    words = sum(count_words(a.text) for a in arts)
    # Each distinct text once, as quotelens analyses it (BBC repeats ~130 articles):
    # the ratio then compares the same NLP work, not the cache's deduplication.
    texts = list(dict.fromkeys(a.text for a in arts))
    t0 = time.perf_counter()
    from corpus.nlp import load_pipeline
    nlp = load_pipeline()
    disabled = [] if with_quotes else ["quotes"]
    n = 0
    with nlp.select_pipes(disable=disabled):
        for doc in nlp.pipe(texts, n_process=n_process):
            n += 1
    return {"seconds": time.perf_counter() - t0, "words": words, "docs": n}
"""

QUOTELENS = r"""
import time
def main(argv):
    corpus, workers, limit, store = argv[0], int(argv[1]), int(argv[2]), argv[3]
    from pathlib import Path
    if limit:  # a limited corpus: the first N articles written as JSONL next to the store
        import orjson
        from corpus.readers import load_corpus
        src = Path(store).parent / (Path(store).name + ".jsonl")
        if not src.exists():
            with open(src, "wb") as out:
                for a in load_corpus([corpus]).articles[:limit]:
                    out.write(orjson.dumps({"id": a.id, "title": a.title, "text": a.text}) + b"\n")
        corpus = str(src)
    t0 = time.perf_counter()
    from store.workspace import Workspace
    ws = Workspace.open([corpus], store_dir=store, workers=workers)
    seconds = time.perf_counter() - t0
    r = ws.ingest_report
    return {"seconds": seconds, "words": ws.index.n_words, "articles": ws.index.n_articles,
            "analysed": r.n_analysed if r else 0, "failed": r.n_failed if r else 0,
            "from_snapshot": ws.from_snapshot, "quotes": ws.index.n_quotes}
"""


def bench_corpus(corpus: Path, workers: list[int], limit: int, tmp: Path, with_quotes: bool) -> dict:
    out: dict = {"corpus": str(corpus), "limit": limit, "variants": {}}
    v = out["variants"]
    for n in workers:
        v[f"pipe-{n}"] = run_variant(PIPE, str(corpus), str(n), str(limit), "0")
        print(f"  pipe-{n}: {v[f'pipe-{n}']}", file=sys.stderr)
        if n == 1 and with_quotes:  # spaCy's n_process>1 cannot send Docs with the quotes extensions back
            v["pipe+quotes-1"] = run_variant(PIPE, str(corpus), "1", str(limit), "1")
            print(f"  pipe+quotes-1: {v['pipe+quotes-1']}", file=sys.stderr)
        store = tmp / f"store-{corpus.name}-{n}"
        shutil.rmtree(store, ignore_errors=True)
        v[f"quotelens-{n}"] = run_variant(QUOTELENS, str(corpus), str(n), str(limit), str(store))
        print(f"  quotelens-{n}: {v[f'quotelens-{n}']}", file=sys.stderr)
    last = workers[-1]
    first = v[f"quotelens-{last}"]
    for _ in range(3):
        again = run_variant(QUOTELENS, str(corpus), str(last), str(limit), str(tmp / f"store-{corpus.name}-{last}"))
        print(f"  reingest: {again}", file=sys.stderr)
        if not again["analysed"]:
            break
        # EXTRACTOR_VERSION changed while the bench ran (the NLP is being worked on): that run
        # re-analysed everything, as it must; it becomes the first ingest and we re-ingest again.
        out["note"] = "the extractor version changed during the run; first ingest = the re-analysis"
        first = again
    v["reingest"] = again
    v["first ingest"] = first
    for _name, r in v.items():
        r["words_per_s"] = r["words"] / r["seconds"] if r["seconds"] else 0.0
    ratios = {}
    for n in workers:
        ratios[f"quotelens-{n} / pipe-{n} words/s"] = v[f"quotelens-{n}"]["words_per_s"] / v[f"pipe-{n}"]["words_per_s"]
        if n == 1 and with_quotes:
            ratios["quotelens-1 / pipe+quotes-1 words/s"] = (
                v["quotelens-1"]["words_per_s"] / v["pipe+quotes-1"]["words_per_s"]
            )
    if 1 in workers and 2 in workers:
        ratios["quotelens-2 / quotelens-1 words/s"] = v["quotelens-2"]["words_per_s"] / v["quotelens-1"]["words_per_s"]
    ratios["reingest / first ingest time"] = v["reingest"]["seconds"] / v["first ingest"]["seconds"]
    del v["first ingest"]
    out["ratios"] = ratios
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="*", type=Path)
    ap.add_argument("--limit", type=int, default=0, help="first N articles of each corpus (0 = all)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument(
        "--with-quotes-baseline",
        action="store_true",
        help="also time pipe+quotes-1 (nlp.pipe with the quotes component, one process)",
    )
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    corpora = args.corpus or [c for c in (BBC, SEEDS) if c.exists()]
    if not corpora:
        print("no corpus (../shared is absent); pass one", file=sys.stderr)
        return 2
    results = []
    with tempfile.TemporaryDirectory(prefix="quotelens-bench-") as tmp:
        for corpus in corpora:
            print(f"{corpus} (limit {args.limit or 'none'})", file=sys.stderr)
            results.append(bench_corpus(corpus, sorted(args.workers), args.limit, Path(tmp), args.with_quotes_baseline))
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    goals = {"/ pipe-": (0.90, True), "quotelens-2 / quotelens-1": (1.5, True), "reingest": (0.02, False)}
    for r in results:
        print(f"\n{r['corpus']}" + (f" (first {r['limit']} articles)" if r["limit"] else ""))
        if r.get("note"):
            print(f"  note: {r['note']}")
        for name, v in r["variants"].items():
            print(f"  {name:<13} {v['seconds']:8.2f} s  {v['words']:>9,} words  {v['words_per_s']:>9,.0f} words/s")
        for name, value in r["ratios"].items():
            goal = next((g for k, g in goals.items() if k in name), None)
            print(f"  {name:<36} " + (fmt_ratio(value, *goal) if goal else f"{value:.3f}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
