"""Ingest: worker processes, failing articles skipped and reported, resume after a real
``kill -9`` of an ingest subprocess, Ctrl-C, and the disk-to-disk shard function."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import psutil
import pytest
from conftest import ROOT, SEEDS

from corpus.models import text_hash
from store.cache import CACHE_FILE, AnalysisCache
from store.ingest import ingest
from store.shard import ShardItem, analyse_batch, analyse_shard, read_shard_output, write_shard_input
from store.workspace import Workspace

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def make_corpus(folder: Path, n: int, words: int = 60) -> Path:
    """``n`` distinct small articles with a quote each (hand-made, fast to parse)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = SEED_TEXTS[0].split()
    for i in range(n):
        body = " ".join(base[(i * 7) % 50 : (i * 7) % 50 + words])
        (folder / f"a{i:03d}.txt").write_text(
            f"Story number {i}\n\n“We will look at case {i} closely,” said Jane Doe. {body}\n",
            encoding="utf-8",
        )
    return folder


@pytest.mark.slow
def test_bad_articles_are_skipped_and_reported(tmp_path):
    corpus = make_corpus(tmp_path / "news", 9)  # more than SMALL_JOB: real worker processes
    (corpus / "huge.txt").write_text("Huge\n\n" + "word " * 2000, encoding="utf-8")
    store = tmp_path / "store"
    ws = Workspace.open([corpus], store_dir=store, workers=1, max_chars=5_000)
    rep = ws.ingest_report
    assert rep.workers == 1 and rep.n_analysed == 9
    assert [(f.article_id, f.cached) for f in rep.failures] == [("huge.txt", False)]
    assert "too long" in rep.failures[0].message
    assert ws.index.n_articles == 10  # still listed, with no analysis
    assert ws.analysis("huge.txt").quotes == ()
    assert ws.article("huge.txt").text.startswith("word word")
    assert int(ws.index.analysed.sum()) == 9
    huge = ws.index.row_of("huge.txt")
    assert ws.index.meta(huge).n_words == 2000  # counted although it has no analysis

    # opened again from the snapshot: the failure is still known, its words too
    snap = Workspace.open([corpus], store_dir=store, workers=1, max_chars=5_000)
    assert snap.from_snapshot and [i for i, _ in snap.failures()] == ["huge.txt"]
    # neither the articles nor the index were read into memory: both are mapped from files
    assert isinstance(snap.index.pair_form, np.memmap) and isinstance(snap.index.article_aid, np.memmap)
    assert [snap.index.meta(r) for r in range(10)] == [ws.index.meta(r) for r in range(10)]
    assert snap.index.entities() == ws.index.entities() and snap.index.speakers() == ws.index.speakers()
    assert snap.index.meta(huge).n_words == 2000 and snap.index.n_words == ws.index.n_words

    # a re-run reports it again without retrying; --retry-failed retries
    again = Workspace.open([corpus], store_dir=store, workers=1, max_chars=5_000, reload=True)
    assert [(f.article_id, f.cached) for f in again.ingest_report.failures] == [("huge.txt", True)]
    assert again.ingest_report.n_analysed == 0
    retried = Workspace.open([corpus], store_dir=store, workers=0, max_chars=50_000, retry_failed=True)
    assert retried.ingest_report.n_analysed == 1 and retried.ingest_report.failures == []


class FlakyNLP:
    """A pipeline whose ``pipe`` dies on a poisoned text and whose call raises for it."""

    def __init__(self, nlp):
        self.nlp = nlp
        self.max_length = nlp.max_length

    def pipe(self, texts, batch_size=None):
        for text in texts:
            if "POISON" in text:
                raise RuntimeError("E999 spaCy fell over")
            yield self.nlp(text)

    def __call__(self, text):
        if "POISON" in text:
            raise RuntimeError("E999 spaCy fell over")
        return self.nlp(text)


def test_a_failing_article_costs_only_itself(nlp, monkeypatch):
    items = [
        ShardItem(text_hash(t), t, f"id{i}")
        for i, t in enumerate(["Jane Doe said it was fine.", "POISON pill text.", "“Yes,” said John Smith."])
    ]
    rows, failures = analyse_batch(FlakyNLP(nlp), items)
    assert [r.hash for r in rows] == [items[0].hash, items[2].hash]
    assert [(f.article_id, f.message) for f in failures] == [("id1", "RuntimeError: E999 spaCy fell over")]

    import corpus.analysis as analysis

    real = analysis.analyse_doc

    def broken(doc):
        if "Smith" in doc.text:
            raise ValueError("extractor bug")
        return real(doc)

    monkeypatch.setattr(analysis, "analyse_doc", broken)
    rows, failures = analyse_batch(nlp, items)
    assert [f.article_id for f in failures] == ["id2"] and len(rows) == 2


INGEST_SCRIPT = r"""
import signal, sys
from pathlib import Path
from store.workspace import Workspace

def pause_after(n, marker):
    # after n texts are committed: say so, then wait for the test's Ctrl-C (no race with the end)
    def progress(done, total, words):
        if done >= n:
            marker.touch()
            signal.pause()
    return progress

if __name__ == "__main__":
    # Ctrl-C raises KeyboardInterrupt as in a terminal, whatever signal state the test runner has
    signal.signal(signal.SIGINT, signal.default_int_handler)
    progress = pause_after(int(sys.argv[3]), Path(sys.argv[4])) if len(sys.argv) > 3 else None
    Workspace.open([sys.argv[1]], store_dir=sys.argv[2], workers=1, batch_size=2, progress=progress)
"""


def _analysed(store: Path) -> int:
    path = store / CACHE_FILE
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(path, timeout=5) as con:
            return con.execute("SELECT count(*) FROM analyses").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _start_ingest(corpus: Path, store: Path, *pause: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", INGEST_SCRIPT, str(corpus), str(store), *pause],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_for_batches(proc: subprocess.Popen, store: Path, at_least: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while _analysed(store) < at_least:
        assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
        assert time.monotonic() < deadline, "the ingest subprocess made no progress"
        time.sleep(0.05)


@pytest.mark.slow
def test_resume_after_kill_9(tmp_path):
    corpus = make_corpus(tmp_path / "news", 80)
    store = tmp_path / "store"
    proc = _start_ingest(corpus, store)
    try:
        _wait_for_batches(proc, store, 4)
        children = psutil.Process(proc.pid).children(recursive=True)
        proc.send_signal(signal.SIGKILL)
        proc.wait(60)
    finally:
        if proc.poll() is None:
            proc.kill()
    # The orphaned worker notices its parent is gone (within a second), finishes the batch it
    # holds and exits by itself. The timeout only ends a test that would hang: on a loaded
    # machine a spaCy process can take more than 15 s to finish a batch and tear down.
    gone, alive = psutil.wait_procs(children, timeout=120)
    assert not alive

    with sqlite3.connect(store / CACHE_FILE) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    done = _analysed(store)
    assert 4 <= done < 80

    ws = Workspace.open([corpus], store_dir=store, workers=1)
    rep = ws.ingest_report
    assert rep.n_cached == done and rep.n_analysed == 80 - done and not rep.failures
    assert ws.index.n_articles == 80 and int(ws.index.analysed.sum()) == 80


@pytest.mark.slow
def test_ctrl_c_keeps_finished_batches(tmp_path):
    corpus = make_corpus(tmp_path / "news", 80)
    store = tmp_path / "store"
    paused = tmp_path / "paused"
    proc = _start_ingest(corpus, store, "4", str(paused))
    try:
        deadline = time.monotonic() + 120
        while not paused.exists():  # 4 texts committed, the ingest still running
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "the ingest subprocess made no progress"
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        proc.wait(120)  # it stops its worker and exits: quick, unless the machine is loaded
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode != 0 and b"KeyboardInterrupt" in proc.stderr.read()
    done = _analysed(store)
    assert done == 4
    rep = ingest(_articles(corpus), store, workers=0)
    assert rep.n_cached == done and rep.n_analysed == 80 - done


def _articles(corpus: Path):
    from corpus.readers import load_corpus

    return load_corpus([corpus]).articles


def test_shard_disk_to_disk_then_merge(tmp_path, nlp):
    corpus = make_corpus(tmp_path / "news", 4)
    articles = _articles(corpus)
    src, dst = tmp_path / "shard-0.jsonl", tmp_path / "shard-0.out.jsonl"
    items = [ShardItem(text_hash(a.text), a.text, a.id) for a in articles]
    assert write_shard_input(src, items) == 4
    assert analyse_shard(src, dst) == (4, 0)
    rows, failures = read_shard_output(dst)
    assert len(rows) == 4 and not failures

    # the driver merges shard outputs into the cache; opening then does no NLP
    store = tmp_path / "store"
    cache = AnalysisCache(store)
    from corpus.analysis import analysis_key

    cache.put_batch(analysis_key(nlp), rows)
    ws = Workspace.open([corpus], store_dir=store, workers=0)
    assert ws.ingest_report.n_analysed == 0 and ws.ingest_report.n_cached == 4
    assert ws.article(articles[0].id).text == articles[0].text  # texts stored on the way
    assert ws.index.n_quotes >= 4
