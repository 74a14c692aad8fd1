"""Benchmark of the annotation store: save / undo / open at 1k, 10k, 100k and 1M annotations.

Goal (issue 15, "A hundred thousand annotations save like a thousand"): at 100,000
annotations save and undo <= 15 ms, open <= 200 ms, the first save after another
process wrote <= 30 ms. Beside it, in the same run, TinyDB's default ``JSONStorage``
doing the same update (one document changed per call) on the same data.

    .venv/bin/python bench/store.py              # 1k, 10k, 100k, 1M
    .venv/bin/python bench/store.py --sizes 1000 10000 --ops 50

Each save is a full durable commit: lock, catch up with the history lines other
processes appended, apply, append + fsync one history line (the journal). Now and
then a save also folds the state into ``annotations.json`` (serialise, temp file,
fsync, backup, atomic rename): that fold is timed on its own and reported with its
cost spread over the saves between two folds ("amortised").
Opening reads the snapshot's directory only (records are parsed on first use, see
``store.annotations.snapshot``): "open+get" is a cold open plus one read. Beside it the
cost of reading every record once (``check()``; stats and exports pay it) and of the old
open (one JSON parse of the whole file and the shape check of every record).
Results are printed and written to ``bench/out/store.json``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import orjson  # noqa: E402
from tinydb import TinyDB  # noqa: E402
from tinydb.storages import JSONStorage  # noqa: E402

from store.annotations import STORE_FILENAME, AnnotationStore  # noqa: E402
from store.annotations.journal import FOLD_BYTES  # noqa: E402
from store.annotations.records import record_problem  # noqa: E402

GOAL_MS = 15.0  # save and undo at 100,000 annotations
GOAL_OPEN_MS = 200.0
GOAL_OTHER_MS = 30.0


def make_records(n: int, seed: int = 1) -> list[dict]:
    rnd = random.Random(seed)
    tags = ["economy", "health", "climate", "check", "misquote", "strong", "follow-up", "politics"]
    out = []
    for i in range(n):
        art = f"article-{i // 8:06d}"
        qid = f"{art}#{i:012x}"
        text = f"We will make sure that every family in the region gets the support it needs, number {i}"
        out.append(
            {
                "quote_id": qid,
                "article_id": art,
                "text": text,
                "anchor": text.lower(),
                "start": 100 + i % 500,
                "end": 190 + i % 500,
                "tags": rnd.sample(tags, rnd.randint(0, 3)),
                "note": "Checked against the press release." if i % 3 == 0 else "",
                "status": rnd.choice(["unreviewed", "accepted", "rejected"]),
                "speaker": "Jane Doe" if i % 17 == 0 else None,
                "span": None,
                "user_added": False,
                "kind": "direct",
                "orphan": False,
            }
        )
    return out


def ms(samples: list[float]) -> dict:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return {"median": statistics.median(samples) * 1e3, "p95": p95 * 1e3, "n": len(samples)}


def bench_store(n: int, ops: int, workdir: Path) -> dict:
    d = workdir / f"qs-{n}"
    d.mkdir()
    records = make_records(n)
    store = AnnotationStore(d, who="bench")
    t = time.perf_counter()
    store.import_records(records)
    fill = time.perf_counter() - t
    size = (d / STORE_FILENAME).stat().st_size
    rnd = random.Random(2)
    ids = [r["quote_id"] for r in records]

    saves, undos, redos, gets, tags = [], [], [], [], []
    for i in range(ops):
        qid = rnd.choice(ids)
        t = time.perf_counter()
        store.set_note(qid, f"edited note {i}")
        saves.append(time.perf_counter() - t)
    for _ in range(ops):
        t = time.perf_counter()
        store.undo()
        undos.append(time.perf_counter() - t)
    for _ in range(ops):
        t = time.perf_counter()
        store.redo()
        redos.append(time.perf_counter() - t)
    for _ in range(ops):
        qid = rnd.choice(ids)
        t = time.perf_counter()
        store.get(qid)
        gets.append(time.perf_counter() - t)
    t = time.perf_counter()
    store.tags()
    tags.append(time.perf_counter() - t)

    # A save right after another process wrote (the cached state must be re-read).
    other = AnnotationStore(d, who="other")
    reloads = []
    for i in range(max(5, ops // 5)):
        other.tag(rnd.choice(ids), f"other-{i}")
        t = time.perf_counter()
        store.tag(rnd.choice(ids), f"mine-{i}")
        reloads.append(time.perf_counter() - t)

    # Opening the store cold and reading one annotation (the history lines since the last fold
    # replayed): what a command-line change or the app's first read costs.
    tail = store.storage.journal_tail
    opens = []
    for _ in range(3):
        t = time.perf_counter()
        s = AnnotationStore(d)
        len(s)
        s.get(rnd.choice(ids))
        opens.append(time.perf_counter() - t)

    profile = open_profile(d / STORE_FILENAME, rnd.choice(ids))

    # A fold of the history into annotations.json, and its cost spread over the saves it covers.
    t = time.perf_counter()
    store.storage.save_snapshot()
    fold = time.perf_counter() - t
    line = max(1, tail // max(1, len(saves) + len(undos) + len(redos) + 2 * len(reloads)))
    saves_per_fold = max(1, min(FOLD_BYTES, store.storage.snapshot_bytes // 4) // line)

    shutil.rmtree(d)
    return {
        "n": n,
        "file_mb": size / 1e6,
        "fill_s": fill,
        "save": ms(saves),
        "undo": ms(undos),
        "redo": ms(redos),
        "get": ms(gets),
        "tags_ms": tags[0] * 1e3,
        "save_after_other_process": ms(reloads),
        "open_read": ms(opens),
        "open_profile_ms": profile,
        "replayed_bytes_at_open": tail,
        "fold_ms": fold * 1e3,
        "saves_per_fold": saves_per_fold,
        "fold_amortised_ms": fold * 1e3 / saves_per_fold,
    }


def open_profile(path: Path, qid: str) -> dict[str, float]:
    """Where the time goes (ms): an open (the directory read, the history lines since the last fold
    replayed), the first read of one annotation (its bucket's index line and the record), a read
    of every record (``check()``: what ``store check``, stats and exports pay, once per process),
    and beside them what opening cost before the snapshot was read lazily: reading the whole file,
    one JSON parse of it and the shape check of every record."""
    t0 = time.perf_counter()
    store = AnnotationStore(path.parent)
    len(store)
    t1 = time.perf_counter()
    store.get(qid)
    t2 = time.perf_counter()
    store.check()
    t3 = time.perf_counter()
    raw = path.read_bytes()
    table = orjson.loads(raw).get("annotations", {})
    bad = sum(record_problem(k, r) is not None for k, r in table.items())
    t4 = time.perf_counter()
    assert bad == 0
    return {"open": (t1 - t0) * 1e3, "get": (t2 - t1) * 1e3, "all": (t3 - t2) * 1e3, "whole": (t4 - t3) * 1e3}


def bench_default_tinydb(n: int, ops: int, workdir: Path) -> dict:
    """TinyDB's default JSONStorage, same records, one document updated per call."""
    d = workdir / f"tdb-{n}"
    d.mkdir()
    path = d / "db.json"
    records = make_records(n)
    db = TinyDB(str(path), storage=JSONStorage)
    table = db.table("annotations")
    table.insert_multiple(records)
    del records
    t = time.perf_counter()
    TinyDB(str(path), storage=JSONStorage).table("annotations").__len__()
    opened = time.perf_counter() - t
    rnd = random.Random(2)
    saves = []
    for i in range(ops):
        doc_id = rnd.randint(1, n)
        t = time.perf_counter()
        table.update({"note": f"edited note {i}"}, doc_ids=[doc_id])
        saves.append(time.perf_counter() - t)
    gets = []
    for _ in range(ops):
        doc_id = rnd.randint(1, n)
        t = time.perf_counter()
        table.get(doc_id=doc_id)
        gets.append(time.perf_counter() - t)
    db.close()
    shutil.rmtree(d)
    return {"n": n, "save": ms(saves), "get": ms(gets), "open_ms": opened * 1e3}


def io_pressure() -> str:
    """Linux PSI: share of time tasks waited for I/O (fsync latency depends on it)."""
    try:
        line = Path("/proc/pressure/io").read_text().splitlines()[0]
    except (OSError, IndexError):
        return "n/a"
    return line.replace("some ", "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000])
    ap.add_argument("--ops", type=int, default=40, help="saves/undos measured per size (fewer at 100k)")
    ap.add_argument("--dir", type=Path, default=None, help="where to put the stores (default: a temp dir)")
    args = ap.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="quotelens-bench-", dir=args.dir))
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    results: dict[str, Any] = {
        "store": [],
        "tinydb_default": [],
        "goal_ms": GOAL_MS,
        "goal_open_ms": GOAL_OPEN_MS,
        "goal_other_process_ms": GOAL_OTHER_MS,
        "fs_dir": str(workdir),
        "cpus": os.cpu_count(),
        "loadavg_start": load,
    }
    results["io_pressure_start"] = io_pressure()
    print(
        f"store files in {workdir}; {os.cpu_count()} CPUs, load average {load[0]:.2f}, "
        f"I/O pressure {results['io_pressure_start']} at start",
        flush=True,
    )
    try:
        for n in args.sizes:
            ops = args.ops if n <= 10_000 else max(10, args.ops // 4)
            r = bench_store(n, ops, workdir)
            b = bench_default_tinydb(n, ops if n <= 100_000 else 3, workdir)  # 1M: ~a minute per update
            results["store"].append(r)
            results["tinydb_default"].append(b)
            p = r["open_profile_ms"]
            ok = (
                r["save"]["median"] <= GOAL_MS
                and r["undo"]["median"] <= GOAL_MS
                and r["open_read"]["median"] <= GOAL_OPEN_MS
                and r["save_after_other_process"]["median"] <= GOAL_OTHER_MS
            )
            print(
                f"{'OK ' if ok else '   '}{n:>9,} annotations ({r['file_mb']:.1f} MB): "
                f"save {r['save']['median']:6.2f} ms (p95 {r['save']['p95']:6.2f})  "
                f"undo {r['undo']['median']:6.2f} ms (p95 {r['undo']['p95']:6.2f})  "
                f"redo {r['redo']['median']:6.2f}  get {r['get']['median']:.3f} ms  "
                f"save-after-other-process {r['save_after_other_process']['median']:6.2f} ms  "
                f"open+get {r['open_read']['median']:7.1f} ms  "
                f"fold {r['fold_ms']:7.1f} ms / {r['saves_per_fold']:,} saves = "
                f"{r['fold_amortised_ms']:.2f} ms amortised\n"
                f"{'':12}open {p['open']:.1f} ms, then the first get {p['get']:.2f} ms; reading every record "
                f"(check, stats, export) {p['all']:.0f} ms; the whole file parsed and checked (the old open) "
                f"{p['whole']:.0f} ms\n"
                f"{'':12}TinyDB JSONStorage, same records: update {b['save']['median']:8.2f} ms "
                f"(p95 {b['save']['p95']:8.2f})  get {b['get']['median']:.2f} ms  open {b['open_ms']:8.1f} ms  "
                f"→ save {b['save']['median'] / max(r['save']['median'], 1e-9):,.0f}× faster",
                flush=True,
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    results["loadavg_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    results["io_pressure_end"] = io_pressure()
    (out / "store.json").write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2))
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    print(
        f"goal at 100,000 annotations: save and undo <= {GOAL_MS:g} ms, open <= {GOAL_OPEN_MS:g} ms, first save "
        f"after another process <= {GOAL_OTHER_MS:g} ms; load average {load[0]:.2f} at the end; "
        f"details in {out / 'store.json'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
