"""Ingest on a Dask cluster (``--cluster``): the same results as a local ingest, a worker
killed mid-shard, the driver killed and restarted, an unreachable scheduler, and an
article that breaks the analysis (a failure line, not a failed task).

Real processes throughout: a ``LocalCluster`` of worker processes for the module, the
driver as a subprocess when it is killed. Waits are on conditions, never fixed sleeps.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from corpus.models import text_hash
from store.cache import CACHE_FILE
from store.shard import ShardItem, analyse_shard, read_shard_output, write_shard_input
from store.workspace import Workspace
from tui.cli import main

# One worker runs the module (`make test` runs pytest with --dist loadgroup, see tests/conftest.py): the
# cluster, the corpus and the reference ingest below start once, not once per test process.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("cluster")]

N_ARTICLES = 24


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def make_corpus(folder: Path, n: int = N_ARTICLES) -> Path:
    """``n`` distinct articles made of the sample articles' paragraphs, rotated."""
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = [
        p.strip()
        for f in sorted(SEEDS.glob("*.txt"))
        for p in f.read_text(encoding="utf-8").split("\n\n")[1:]
        if len(p.split()) > 8
    ]
    for i in range(n):
        body = "\n\n".join(paragraphs[(i + k) % len(paragraphs)] for k in range(6))
        (folder / f"a{i:03d}.txt").write_text(f"Story {i}\n\n“Case {i} matters,” said Jane Doe.\n\n{body}\n")
    return folder


@pytest.fixture(scope="module")
def news(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("cluster") / "news")


@pytest.fixture(scope="module")
def reference(news, tmp_path_factory) -> dict:
    """What a local ingest (in this process) finds in the corpus."""
    store = tmp_path_factory.mktemp("reference-store")
    ws = Workspace.open([news], store_dir=store, workers=0)
    try:
        return results(ws)
    finally:
        ws.close()


@pytest.fixture(scope="module")
def cluster():
    """A scheduler and two single-threaded worker processes (with nannies, as `dask worker`)."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
        ) as lc,
        Client(lc, set_as_default=False) as client,
    ):
        yield lc.scheduler_address, client


def results(ws: Workspace) -> dict:
    from tui.commands.stats import collect

    ix = ws.index
    stats = collect(ws, top=1000)
    stats.pop("store")
    return {
        "stats": stats,
        "quotes": [(q.quote_id, q.kind, q.speaker_key) for q in ix.quotes()],
        "entities": ix.entities(),
        "analyses": {ix.article_id(r): ws.analysis(ix.article_id(r)) for r in range(ix.n_articles)},
    }


def store_results(news: Path, store: Path) -> dict:
    ws = Workspace.open([news], store_dir=store, workers=0, ingest=False)
    try:
        return results(ws)
    finally:
        ws.close()


def table_counts(store: Path) -> dict[str, int]:
    path = store / CACHE_FILE
    if not path.exists():
        return {}
    try:
        with sqlite3.connect(path, timeout=5) as con:
            return {
                t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("analyses", "facets", "corpora")
            }
    except sqlite3.OperationalError:  # the schema is being created
        return {}


def shard_folder(store: Path) -> Path:
    folders = list((store / "shards").glob("*"))
    return folders[0] if folders else store / "shards" / "none"


def test_a_local_cluster_finds_what_a_local_ingest_finds(news, reference, tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["ingest", str(news), "--store", str(store), "--cluster", "local:2", "--json"]) == 0
    import orjson

    report = orjson.loads(capsys.readouterr().out)
    assert report["cluster"] == "local:2" and report["workers"] == 2
    assert report["analysed"] == N_ARTICLES and report["failed"] == []
    assert store_results(news, store) == reference
    # one row per text, nothing merged twice; the shard files are gone
    assert table_counts(store) == {"analyses": N_ARTICLES, "facets": N_ARTICLES, "corpora": 1}
    assert not any(shard_folder(store).glob("*"))


def test_an_article_that_breaks_the_analysis_is_a_failure_line(nlp, tmp_path, monkeypatch):
    import corpus.analysis as analysis

    real = analysis.analyse_doc

    def broken(doc):
        if "POISON" in doc.text:
            raise ValueError("the extractor fell over")
        return real(doc)

    monkeypatch.setattr(analysis, "analyse_doc", broken)
    texts = ["“Fine,” said Jane Doe.", "POISON in this one, said John Smith.", "Nothing else."]
    items = [ShardItem(text_hash(t), t, f"id{i}") for i, t in enumerate(texts)]
    write_shard_input(tmp_path / "s.in.jsonl", items)
    assert analyse_shard(tmp_path / "s.in.jsonl", tmp_path / "s.out.jsonl") == (2, 1)  # the task succeeds
    rows, failures = read_shard_output(tmp_path / "s.out.jsonl")
    assert [r.hash for r in rows] == [items[0].hash, items[2].hash]
    assert [(f.article_id, f.message) for f in failures] == [("id1", "ValueError: the extractor fell over")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.in.jsonl", "s.out.jsonl"]  # no temporary left


def test_a_worker_killed_mid_shard(news, reference, cluster, tmp_path):
    address, client = cluster
    store = tmp_path / "store"
    outcome: dict = {}

    def run() -> None:
        try:
            ws = Workspace.open([news], store_dir=store, cluster=address, batch_size=4)
            outcome["report"] = ws.ingest_report
            ws.close()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test thread
            outcome["error"] = exc

    driver = threading.Thread(target=run)
    driver.start()
    # a worker is mid-shard when its temporary output (named after its pid) exists
    killed: list[int] = []

    def kill_a_busy_worker() -> bool:
        assert "error" not in outcome, outcome.get("error")
        for tmp in shard_folder(store).glob("*.tmp"):
            # a worker's output is <shard>.out.jsonl.<pid>-<thread>.tmp; the driver's own
            # input writes (<shard>.in.jsonl.tmp) are not a worker's
            worker = re.search(r"\.(\d+)-\d+\.tmp$", tmp.name)
            if worker is None:
                continue
            pid = int(worker.group(1))
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
            return True
        return False

    wait_until(kill_a_busy_worker, "a worker to start a shard")
    driver.join(300)
    assert not driver.is_alive() and "error" not in outcome, outcome.get("error")
    report = outcome["report"]
    assert report.n_analysed == N_ARTICLES and report.failures == []
    assert killed[0] not in client.run(os.getpid).values()  # the nanny started a new process
    assert table_counts(store) == {"analyses": N_ARTICLES, "facets": N_ARTICLES, "corpora": 1}
    assert store_results(news, store) == reference
    assert not any(shard_folder(store).glob("*"))  # the killed attempt's file removed too


DRIVER = r"""
import sys
from store.workspace import Workspace
if __name__ == "__main__":
    Workspace.open([sys.argv[1]], store_dir=sys.argv[2], cluster=sys.argv[3], batch_size=2)
"""


def test_the_driver_killed_then_restarted(news, reference, cluster, tmp_path):
    address, client = cluster
    store = tmp_path / "store"
    proc = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(news), str(store), address],
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:

        def merged_some() -> bool:
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:] if proc.stderr else ""
            return table_counts(store).get("analyses", 0) >= 2

        wait_until(merged_some, "the driver to merge a shard")
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()

    # The scheduler drops the dead driver's tasks (once it has noticed the driver is gone: until
    # then it may still hand a queued shard to a worker that is idle for a moment); the shards
    # already running still finish, and a worker forgets one only when it has written its output.
    def scheduler_and_workers_idle() -> bool:
        if client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)):
            return False
        return not any(client.run(lambda dask_worker: len(dask_worker.state.tasks)).values())

    wait_until(scheduler_and_workers_idle, "the workers to finish their running shards")
    merged = table_counts(store)["analyses"]
    # The kill may land between a shard's commit and the removal of its output (the test kills
    # right after seeing a commit): such an output is on disk but already merged, and the next
    # run must not count it again. What is left to reuse is what is on disk and not in the cache.
    with sqlite3.connect(store / CACHE_FILE) as con:
        in_cache = {h for (h,) in con.execute("SELECT hash FROM analyses")}
    on_disk = {r.hash for f in shard_folder(store).glob("*.out.jsonl") for r in read_shard_output(f)[0]}
    left_on_disk = len(on_disk - in_cache)
    assert 2 <= merged < N_ARTICLES and left_on_disk > 0

    ws = Workspace.open([news], store_dir=store, cluster=address)
    report = ws.ingest_report
    ws.close()
    assert report.n_cached == merged and report.n_reused == left_on_disk  # no NLP for those
    assert report.n_analysed == N_ARTICLES - merged - left_on_disk and report.failures == []
    assert table_counts(store) == {"analyses": N_ARTICLES, "facets": N_ARTICLES, "corpora": 1}
    assert store_results(news, store) == reference
    assert not any(shard_folder(store).glob("*"))


def test_an_unreachable_scheduler(news, tmp_path, capsys, monkeypatch):
    import store.cluster

    monkeypatch.setattr(store.cluster, "CONNECT_TIMEOUT", 1.0)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    store_dir = tmp_path / "store"
    assert main(["ingest", str(news), "--store", str(store_dir), "--cluster", address]) == 2
    err = capsys.readouterr().err
    assert f"cannot reach the Dask scheduler at {address}" in " ".join(err.split())
    # nothing half-written: no analyses, no corpus snapshot, no shard files
    assert table_counts(store_dir) == {"analyses": 0, "facets": 0, "corpora": 0}
    assert not (store_dir / "shards").exists()
