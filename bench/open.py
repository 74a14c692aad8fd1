"""Open benchmark: load the cache + build the index for BBC replicated to 10k and 100k articles.

    .venv/bin/python bench/open.py [--sizes 10000 100000] [--source-store DIR] [--limit N] [--json]

Set-up (not timed): BBC (../shared/corpora/bbc) is ingested into a temp store (or
``--source-store`` names a store that already holds it), then replicated into a
JSONL corpus of N articles in a temp folder, in two flavours:

- ``same``: replicas keep the text (ids differ): the cache holds each distinct text
  once, the index still has N articles with all their entities and quotes;
- ``unique``: every replica gets a distinct text (a suffix line), and the cache is
  seeded with a copy of the original's analysis under the new hash — as if N
  distinct articles had been ingested (N facet rows, N texts, N FTS docs);
- ``folder``: N .txt files (texts repeated) — opening also stats every file.

Each corpus is opened once to write its snapshot, then timed in a fresh process:
``Workspace.open`` (manifest check, snapshot + facets + vocabulary load, index
build) — the path of ``quotelens CORPUS`` on an ingested corpus — and its peak RSS.

Goals: open <= 1.0 s at 10,000 and <= 4 s at 100,000; peak RSS at 100,000 <= 1 GB.
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
    ents = ix.entities(label="PERSON", top=10)
    spk = ix.speakers(top=10)
    refs = ix.quotes(speaker=spk[0].key) if spk else []
    rows = ix.filter(entity=ents[0].key) if ents else []
    hits = ix.search("minister")
    t_query = time.perf_counter() - t2
    # VmHWM, not ru_maxrss: the latter keeps the forking parent's peak across exec
    with open("/proc/self/status") as f:
        rss = next(int(line.split()[1]) for line in f if line.startswith("VmHWM")) / 1024
    return {"open_s": t_open, "import_s": t_import, "queries_s": t_query, "peak_rss_mb": rss,
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
    """Copy each original analysis (and text) under the hash of its unique replica."""
    import sqlite3
    import zlib

    from corpus.models import text_hash
    from store.cache import CACHE_FILE

    con = sqlite3.connect(store / CACHE_FILE)
    akey = con.execute("SELECT akey FROM corpora LIMIT 1").fetchone()[0]
    ids = {h: i for h, i in con.execute("SELECT hash, id FROM analyses WHERE akey=?", (akey,))}
    orig = [ids.get(text_hash(a.text)) for a in articles]
    con.execute("BEGIN")
    for k, (_, _, text) in enumerate(replicate(articles, n, True)):
        src = orig[k % len(articles)]
        if src is None:
            continue
        h = text_hash(text)
        cur = con.execute(
            "INSERT OR IGNORE INTO analyses(hash, akey, payload) SELECT ?, akey, payload FROM analyses WHERE id=?",
            (h, src),
        )
        if cur.rowcount:
            con.execute(
                "INSERT INTO facets SELECT ?, akey, n_words, n_quotes, ent_forms, ent_counts, q_kinds, q_speakers, "
                "q_ids FROM facets WHERE id=?",
                (cur.lastrowid, src),
            )
            con.execute("INSERT OR IGNORE INTO texts VALUES(?, ?)", (h, zlib.compress(text.encode(), 1)))
    con.execute("COMMIT")
    con.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--flavours", nargs="+", default=["same", "unique", "folder"], choices=["same", "unique", "folder"])
    ap.add_argument("--source-store", type=Path, help="a store that already holds the BBC analyses")
    ap.add_argument("--limit", type=int, default=0, help="replicate only the first N BBC articles")
    ap.add_argument("--runs", type=int, default=2, help="timed opens per corpus (best is reported)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not BBC.exists():
        print("../shared/corpora/bbc is absent", file=sys.stderr)
        return 2
    results = []
    with tempfile.TemporaryDirectory(prefix="quotelens-bench-open-") as tmp_name:
        tmp = Path(tmp_name)
        import shutil

        from corpus.readers import load_corpus
        from store.workspace import Workspace

        source = args.source_store
        if source is None:
            source = tmp / "source"
            source.mkdir()
            print(f"ingesting BBC into {source} (set-up) …", file=sys.stderr)
            articles = ingest_source(source, args.limit)
        else:
            articles = load_corpus([BBC]).articles[: args.limit or None]
        for flavour in args.flavours:
            for n in args.sizes:
                store = tmp / f"store-{flavour}-{n}"
                shutil.copytree(source, store)
                if flavour == "folder":
                    corpus = tmp / f"bbc-folder-{n}"
                    write_folder(corpus, articles, n)
                else:
                    corpus = tmp / f"bbc-{flavour}-{n}.jsonl"
                    write_jsonl(corpus, replicate(articles, n, flavour == "unique"))
                if flavour == "unique":
                    seed_unique(store, articles, n)
                print(f"{flavour} {n:,}: first open (set-up: reads, hashes, FTS, snapshot) …", file=sys.stderr)
                Workspace.open([corpus], store_dir=store, workers=1).cache.close()
                runs = [run_variant(OPEN, str(corpus), str(store)) for _ in range(args.runs)]
                best = min(runs, key=lambda r: r["open_s"])
                best["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
                best.update(
                    flavour=flavour,
                    size=n,
                    store_mb=sum(f.stat().st_size for f in store.iterdir() if f.is_file()) / 2**20,
                )
                print(f"  {best}", file=sys.stderr)
                results.append(best)
                shutil.rmtree(store, ignore_errors=True)
                if corpus.is_dir():
                    shutil.rmtree(corpus, ignore_errors=True)
                else:
                    corpus.unlink()
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"\n{'corpus':<16} {'articles':>9} {'open s':>7} {'goal':>6} {'peak RSS MB':>12} {'store MB':>9} "
        f"{'import s':>9} {'queries s':>9}"
    )
    for r in results:
        goal = 1.0 if r["size"] <= 10_000 else 4.0
        ok = "OK" if r["open_s"] <= goal and (r["size"] < 100_000 or r["peak_rss_mb"] <= 1024) else "MISSED"
        print(
            f"{r['flavour'] + ' ' + format(r['size'], ','):<16} {r['articles']:>9,} {r['open_s']:>7.2f} "
            f"{'<=' + str(goal):>6} {r['peak_rss_mb']:>12.0f} {r['store_mb']:>9.0f} {r['import_s']:>9.2f} "
            f"{r['queries_s']:>9.2f}  {ok}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
