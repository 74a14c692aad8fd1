"""Cluster benchmark: ``quotelens ingest --cluster`` against ``--workers 2``, side by side in one run.

    .venv/bin/python bench/cluster.py [--limit N] [--workers 2] [--json]

BBC (../shared/corpora/bbc; ``--limit N``: its first N articles as a JSONL) is ingested
into two fresh stores:

- ``local``: ``quotelens ingest BBC --workers 2`` (worker processes of its own);
- ``cluster``: ``quotelens ingest BBC --cluster tcp://127.0.0.1:PORT`` on a scheduler and
  2 single-threaded workers started with the ``dask`` CLI of this environment
  (``dask scheduler``, ``dask worker --nworkers 2 --nthreads 1``), on 127.0.0.1 — the
  set-up a user makes on several machines, here on one.

Both commands are timed end to end (read, hash, analyse, merge, FTS, snapshot); neither
gets a warm pipeline (the cluster is started afresh for each run, and its workers load
the pipeline as the local workers do). ``--rounds N`` alternates the two N times and
keeps the best time of each (the machine's load drifts). Then ``quotelens stats --json``
of the two stores is compared.

Goal (issue 15): cluster / local speed >= 0.8, identical stats.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BBC, ROOT, fmt_ratio  # noqa: E402

BIN = Path(sys.executable).parent
# As docs/scaling.md advises: no 10 ms profiler sampling in the workers (it takes the GIL from the NLP).
WORKER_ENV = {"DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"}


def quotelens(*args: str) -> tuple[float, dict]:
    """Run ``quotelens ARGS --json``: (wall seconds, the JSON it prints)."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [str(BIN / "quotelens"), *args, "--json"], capture_output=True, text=True, cwd=ROOT, timeout=7200
    )
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"quotelens {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return seconds, json.loads(proc.stdout)


class DaskCLI:
    """``dask scheduler`` + ``dask worker`` processes on 127.0.0.1, stopped on exit."""

    def __init__(self, folder: Path, n_workers: int) -> None:
        self.folder = folder
        self.n_workers = n_workers
        self.procs: list[subprocess.Popen] = []
        self.address = ""

    def __enter__(self) -> DaskCLI:
        from distributed import Client

        scheduler_file = self.folder / "scheduler.json"
        logs = open(self.folder / "dask.log", "wb")  # noqa: SIM115 - closed with the processes
        self._logs = logs
        common = ["--no-dashboard"]
        self.procs.append(
            subprocess.Popen(
                [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0"]
                + ["--scheduler-file", str(scheduler_file), *common],
                stdout=logs,
                stderr=logs,
            )
        )
        deadline = time.monotonic() + 60
        while not scheduler_file.exists():
            if time.monotonic() > deadline or self.procs[0].poll() is not None:
                raise RuntimeError(f"dask scheduler did not start; see {self.folder / 'dask.log'}")
            time.sleep(0.1)
        self.procs.append(
            subprocess.Popen(
                [str(BIN / "dask"), "worker", "--scheduler-file", str(scheduler_file), "--host", "127.0.0.1"]
                + ["--nworkers", str(self.n_workers), "--nthreads", "1", *common],
                stdout=logs,
                stderr=logs,
                cwd=ROOT,
                env=dict(os.environ, **WORKER_ENV),
            )
        )
        with Client(scheduler_file=str(scheduler_file), set_as_default=False) as client:
            client.wait_for_workers(self.n_workers, timeout=120)
            self.address = client.scheduler.address
        return self

    def __exit__(self, *exc: object) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
        self._logs.close()


def stats(corpus: Path, store: Path) -> dict:
    proc = subprocess.run(
        [str(BIN / "quotelens"), "stats", str(corpus), "--store", str(store), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"quotelens stats failed:\n{proc.stderr[-2000:]}")
    data = json.loads(proc.stdout)
    data.pop("store", None)
    return data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="only the first N BBC articles")
    ap.add_argument("--workers", type=int, default=2, help="local worker processes = cluster workers")
    ap.add_argument("--rounds", type=int, default=2, help="alternated runs of each (the best is kept)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not BBC.exists():
        print("../shared/corpora/bbc is absent", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="quotelens-bench-cluster-") as tmp_name:
        tmp = Path(tmp_name)
        corpus = BBC
        if args.limit:
            import orjson

            from corpus.readers import load_corpus

            corpus = tmp / f"bbc-{args.limit}.jsonl"
            with open(corpus, "wb") as out:
                for a in load_corpus([BBC]).articles[: args.limit]:
                    out.write(orjson.dumps({"id": a.id, "title": a.title, "text": a.text}) + b"\n")
        n = str(args.workers)
        t_local = t_cluster = float("inf")
        local: dict = {}
        clustered: dict = {}
        for round_ in range(1, args.rounds + 1):
            # alternated, fresh stores and a fresh cluster each round: on a shared machine the
            # load drifts, and the best of each is the fairest comparison
            for store in ("local", "cluster"):
                shutil.rmtree(tmp / store, ignore_errors=True)
            print(f"round {round_}: quotelens ingest --workers {n} …", file=sys.stderr)
            t, local = quotelens("ingest", str(corpus), "--store", str(tmp / "local"), "--workers", n)
            t_local = min(t_local, t)
            print(f"  {t:.1f} s, {local['words_analysed']:,} words", file=sys.stderr)
            with DaskCLI(tmp, args.workers) as dask:
                print(f"round {round_}: quotelens ingest --cluster {dask.address} …", file=sys.stderr)
                t, clustered = quotelens(
                    "ingest", str(corpus), "--store", str(tmp / "cluster"), "--cluster", dask.address
                )
            t_cluster = min(t_cluster, t)
            print(f"  {t:.1f} s, {clustered['words_analysed']:,} words", file=sys.stderr)
        same = stats(corpus, tmp / "local") == stats(corpus, tmp / "cluster")
        shutil.rmtree(tmp / "local", ignore_errors=True)
        shutil.rmtree(tmp / "cluster", ignore_errors=True)
    result = {
        "articles": local["articles"],
        "words": local["words_analysed"],
        "local_s": round(t_local, 2),
        "cluster_s": round(t_cluster, 2),
        "local_words_per_s": round(local["words_analysed"] / t_local, 1),
        "cluster_words_per_s": round(clustered["words_analysed"] / t_cluster, 1),
        "speed_ratio": round(t_local / t_cluster, 3),
        "rounds": args.rounds,
        "identical_stats": same,
        "cpus": len(os.sched_getaffinity(0)),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(
        f"\n{result['articles']:,} articles, {result['words']:,} words analysed "
        f"({result['cpus']} CPUs on this machine)\n"
        f"{'--workers ' + n:<24} {t_local:8.1f} s {result['local_words_per_s']:>10,.0f} words/s\n"
        f"{'--cluster (dask CLI, ' + n + 'w)':<24} {t_cluster:8.1f} s {result['cluster_words_per_s']:>10,.0f} words/s\n"
        f"speed cluster / local: {fmt_ratio(result['speed_ratio'], 0.8, True)}\n"
        f"identical stats: {'yes' if same else 'NO'}"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
