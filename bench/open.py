"""Open benchmark: open BBC replicated to 10k, 100k and 1M articles from its snapshot.

    .venv/bin/python bench/open.py [--sizes 10000 100000] [--flavours ...] [--source-store DIR]
                                   [--limit N] [--keep DIR] [--json]
    nice .venv/bin/python bench/open.py --sizes 1000000 --flavours unique --keep /tmp/open-1m

Set-up (not timed): BBC (../shared/corpora/bbc) is ingested into a temp store (or
``--source-store`` names a store that already holds it), then replicated into a
JSONL corpus of N articles in a temp folder, in two flavours:

- ``same``: replicas keep the text (ids differ): the cache holds each distinct text
  once, the index still has N articles with all their entities and quotes;
- ``unique``: every replica gets a distinct text (a suffix line), and the cache is
  seeded with a copy of the original's analysis under the new hash — as if N
  distinct articles had been ingested (N facet rows, N texts, N FTS docs);
- ``folder``: N .txt files (texts repeated) — opening also stats every file.

Each corpus is opened once to write its snapshot (and, since the index is saved with
the article table, its index), then timed in a fresh process: ``Workspace.open``
(manifest check, snapshot, index) — the path of ``quotelens CORPUS`` on an ingested
corpus — then what the app does next, each timed: the first screen of rows (sort all
rows by date, the metadata of the first 50), the speaker and PERSON lists, an entity
filter over every article, the top speaker's quotes in those rows, a full-text search;
and the peak RSS of the whole process.

``--keep DIR`` keeps the synthesised corpora and stores in DIR and reuses them on the
next run (a million unique articles take a long set-up: ~2.4 GB of JSONL, a 5 GB store,
FTS over every text).

Goals: open <= 1.0 s at 10,000 and <= 4 s at 100,000 (peak RSS <= 1 GB); at 1,000,000
open <= 5 s with peak RSS <= 1.5 GB, an entity filter <= 1 s.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BBC, ROOT, run_variant  # noqa: E402

sys.path.insert(0, str(ROOT))

OPEN = r"""
import time
def main(argv):
    corpus, store = argv
    t0 = time.perf_counter()
    from store.workspace import Workspace
    import numpy
    t_import = time.perf_counter() - t0
    t1 = time.perf_counter()
    ws = Workspace.open([corpus], store_dir=store)
    t_open = time.perf_counter() - t1
    ix = ws.index
    t2 = time.perf_counter()
    first = [ix.meta(r) for r in ix.sort(ix.all_rows(), key="date", reverse=True)[:50]]
    t_first = time.perf_counter() - t2
    t3 = time.perf_counter()
    spk = ix.speakers(top=2000)
    ents = ix.entities(label="PERSON", top=2000)
    t_lists = time.perf_counter() - t3
    t4 = time.perf_counter()
    rows = ix.filter(entity=ents[0].key) if ents else []
    t_filter = time.perf_counter() - t4
    t5 = time.perf_counter()
    refs = ix.quotes(speaker=spk[0].key, rows=rows[:200]) if spk else []
    t_quotes = time.perf_counter() - t5
    t6 = time.perf_counter()
    hits = ix.search("minister")
    t_search = time.perf_counter() - t6
    t_query = time.perf_counter() - t2
    # VmHWM, not ru_maxrss: the latter keeps the forking parent's peak across exec
    with open("/proc/self/status") as f:
        rss = next(int(line.split()[1]) for line in f if line.startswith("VmHWM")) / 1024
    return {"open_s": t_open, "import_s": t_import, "queries_s": t_query, "peak_rss_mb": rss,
            "first_rows_s": t_first, "lists_s": t_lists, "filter_s": t_filter, "speaker_quotes_s": t_quotes,
            "search_s": t_search, "first_rows": len(first),
            "from_snapshot": ws.from_snapshot, "articles": ix.n_articles, "quotes": ix.n_quotes,
            "entity_pairs": int(len(ix.pair_form)), "speaker_quotes": len(refs), "entity_rows": len(rows),
            "search_hits": int(len(hits))}
"""


def ingest_source(store: Path, limit: int) -> list:
    from corpus.readers import load_corpus
    from store.workspace import Workspace

    articles = load_corpus([BBC]).articles
    if limit:
        articles = articles[:limit]
        src = store.parent / "bbc-limited.jsonl"
        write_jsonl(src, ((a.id, a.title, a.text) for a in articles))
        Workspace.open([src], store_dir=store)
    else:
        Workspace.open([BBC], store_dir=store)
    return articles


def write_jsonl(path: Path, rows) -> None:
    import orjson

    with open(path, "wb") as out:
        for aid, title, text in rows:
            out.write(orjson.dumps({"id": aid, "title": title, "text": text}) + b"\n")


def write_folder(folder: Path, articles: list, n: int) -> None:
    """N .txt files (title line, blank line, text) in sub-folders of 1,000, texts repeated."""
    for k in range(n):
        a = articles[k % len(articles)]
        path = folder / f"{k // 1000:03d}" / f"{k:06d}.txt"
        if k % 1000 == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{a.title}\n\n{a.text}\n", encoding="utf-8")


def replicate(articles: list, n: int, unique: bool):
    for k in range(n):
        a = articles[k % len(articles)]
        text = a.text + f"\n\n(Replica {k}.)" if unique else a.text
        yield f"r{k}/{a.id}", a.title, text


def seed_unique(store: Path, articles: list, n: int) -> None:
    """Copy each original analysis (and text) under the hash of its unique replica, in bulk."""
    import sqlite3
    import zlib

    from corpus.models import text_hash
    from store.cache import CACHE_FILE

    con = sqlite3.connect(store / CACHE_FILE)
    akey = con.execute("SELECT akey FROM corpora LIMIT 1").fetchone()[0]
    ids = {h: i for h, i in con.execute("SELECT hash, id FROM analyses WHERE akey=?", (akey,))}
    orig = [ids.get(text_hash(a.text)) for a in articles]
    con.execute("CREATE TEMP TABLE m(h TEXT PRIMARY KEY, src INTEGER, z BLOB)")
    con.execute("BEGIN")
    rows = (
        (text_hash(text), orig[k % len(articles)], zlib.compress(text.encode(), 1))
        for k, (_, _, text) in enumerate(replicate(articles, n, True))
        if orig[k % len(articles)] is not None
    )
    con.executemany("INSERT OR IGNORE INTO m VALUES(?, ?, ?)", rows)
    con.execute(
        "INSERT OR IGNORE INTO analyses(hash, akey, payload) SELECT m.h, a.akey, a.payload "
        "FROM m JOIN analyses a ON a.id = m.src"
    )
    con.execute(
        "INSERT OR IGNORE INTO facets SELECT n.id, f.akey, f.n_words, f.n_quotes, f.ent_forms, f.ent_counts, "
        "f.q_kinds, f.q_speakers, f.q_ids FROM m JOIN analyses n ON n.hash = m.h AND n.akey = ? "
        "JOIN facets f ON f.id = m.src",
        (akey,),
    )
    con.execute("INSERT OR IGNORE INTO texts SELECT h, z FROM m")
    con.execute("COMMIT")
    con.close()


def direct_snapshot(corpus: Path, store: Path, articles: list, n: int) -> None:
    """The snapshot the first open of a ``unique`` corpus writes, made without that open:
    it skips reading the corpus file (GBs at a million) and indexing every text for search.
    Replica k points at its seeded analysis (by the hash of its text) and at the search
    doc of its original; the article table and the index are written by the code a first
    open runs (``save_table``, ``CorpusIndex.build``)."""
    from corpus.models import text_hash
    from store.cache import AnalysisCache
    from store.columns import save_table
    from store.index import CorpusIndex
    from store.ingest import _model_fingerprint
    from store.paths import corpus_key, locate
    from store.workspace import corpus_manifest

    paths = [corpus]
    where = locate(paths, store)
    cache = AnalysisCache(where.store)
    # The seeded analyses carry the key of the code that made the source store; opening is
    # what is measured, so the current model is told to read them (else a newer extractor
    # version would send the open into a re-analysis of every article).
    akey = cache.connection.execute("SELECT akey FROM corpora LIMIT 1").fetchone()[0]
    fingerprint = _model_fingerprint(None)
    if fingerprint:
        cache.remember_model_key(fingerprint, akey)
    analysed = cache.analysed_hashes(akey)
    originals = [text_hash(a.text) for a in articles]
    docs = cache.doc_ids([(h, a.title) for h, a in zip(originals, articles, strict=True)])
    columns: dict = {name: [] for name in ("id", "title", "hash", "aid", "doc", "line")}
    for k, (aid, title, text) in enumerate(replicate(articles, n, True)):
        h = text_hash(text)
        columns["id"].append(aid)
        columns["title"].append(title)
        columns["hash"].append(h)
        columns["aid"].append(analysed.get(h, -1))
        columns["doc"].append(docs[k % len(articles)])
        columns["line"].append(k + 1)
    columns.update(
        date=[None] * n,
        source=[None] * n,
        url=[None] * n,
        origin=[str(corpus.resolve())] * n,
        title_derived=[False] * n,
        words=[-1] * n,
        complete=True,
    )
    ckey = f"{corpus_key(paths)}:{''}:{where.root}"
    table, reference = save_table(where.store, ckey, columns)
    del columns
    cache.save_corpus(ckey, corpus_manifest(paths, None), akey, reference, [], 1)
    CorpusIndex.build(table, cache, akey)
    cache.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--flavours", nargs="+", default=["same", "unique", "folder"], choices=["same", "unique", "folder"])
    ap.add_argument("--source-store", type=Path, help="a store that already holds the BBC analyses")
    ap.add_argument("--limit", type=int, default=0, help="replicate only the first N BBC articles")
    ap.add_argument("--runs", type=int, default=2, help="timed opens per corpus (best is reported)")
    ap.add_argument("--keep", type=Path, help="keep (and reuse) the synthesised corpora and stores in this folder")
    ap.add_argument(
        "--direct-snapshot",
        action="store_true",
        help="unique flavour: write the snapshot directly instead of a first open (no corpus read, no FTS)",
    )
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not BBC.exists():
        print("../shared/corpora/bbc is absent", file=sys.stderr)
        return 2
    results = []
    with tempfile.TemporaryDirectory(prefix="quotelens-bench-open-") as tmp_name:
        tmp = args.keep or Path(tmp_name)
        tmp.mkdir(parents=True, exist_ok=True)
        import shutil

        from corpus.readers import load_corpus
        from store.workspace import Workspace

        source = args.source_store
        if source is None and args.keep and (tmp / "source" / "ready").exists():
            source = tmp / "source"
        if source is None:
            source = tmp / "source"
            shutil.rmtree(source, ignore_errors=True)
            source.mkdir()
            print(f"ingesting BBC into {source} (set-up) …", file=sys.stderr)
            articles = ingest_source(source, args.limit)
            (source / "ready").touch()
        else:
            articles = load_corpus([BBC]).articles[: args.limit or None]
        for flavour in args.flavours:
            for n in args.sizes:
                store = tmp / f"store-{flavour}-{n}"
                corpus = tmp / (f"bbc-folder-{n}" if flavour == "folder" else f"bbc-{flavour}-{n}.jsonl")
                if not (store / "synthesised").exists():  # (kept with --keep)
                    shutil.rmtree(store, ignore_errors=True)
                    shutil.copytree(source, store)
                    print(f"{flavour} {n:,}: writing the corpus …", file=sys.stderr)
                    if flavour == "folder":
                        write_folder(corpus, articles, n)
                    else:
                        write_jsonl(corpus, replicate(articles, n, flavour == "unique"))
                    if flavour == "unique":
                        print(f"{flavour} {n:,}: seeding the cache …", file=sys.stderr)
                        seed_unique(store, articles, n)
                    (store / "synthesised").touch()
                if flavour == "unique" and args.direct_snapshot:
                    print(f"{flavour} {n:,}: writing the snapshot directly …", file=sys.stderr)
                    direct_snapshot(corpus, store, articles, n)
                else:
                    print(f"{flavour} {n:,}: first open (set-up: reads, hashes, FTS, snapshot) …", file=sys.stderr)
                    Workspace.open([corpus], store_dir=store, workers=1).cache.close()
                runs = [run_variant(OPEN, str(corpus), str(store)) for _ in range(args.runs)]
                best = min(runs, key=lambda r: r["open_s"])
                best["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
                best.update(
                    flavour=flavour,
                    size=n,
                    store_mb=sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / 2**20,
                )
                print(f"  {best}", file=sys.stderr)
                results.append(best)
                if not args.keep:
                    shutil.rmtree(store, ignore_errors=True)
                    if corpus.is_dir():
                        shutil.rmtree(corpus, ignore_errors=True)
                    else:
                        corpus.unlink()
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"\n{'corpus':<18} {'articles':>9} {'open s':>7} {'goal':>6} {'peak RSS MB':>12} {'store MB':>9} "
        f"{'1st rows s':>10} {'lists s':>8} {'filter s':>8} {'search s':>8}"
    )
    for r in results:
        goal, rss_goal = (1.0, 1024) if r["size"] <= 10_000 else (4.0, 1024) if r["size"] <= 100_000 else (5.0, 1536)
        ok = r["open_s"] <= goal and r["peak_rss_mb"] <= rss_goal and r["filter_s"] <= 1.0
        print(
            f"{r['flavour'] + ' ' + format(r['size'], ','):<18} {r['articles']:>9,} {r['open_s']:>7.2f} "
            f"{'<=' + str(goal):>6} {r['peak_rss_mb']:>12.0f} {r['store_mb']:>9.0f} {r['first_rows_s']:>10.3f} "
            f"{r['lists_s']:>8.3f} {r['filter_s']:>8.3f} {r['search_s']:>8.3f}  {'OK' if ok else 'MISSED'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
