"""Local ingest worker processes: each loads the pipeline once and analyses batches of texts.

``store.ingest`` hands batches to a ``WorkerPool`` and commits what comes back. Each
worker has its own task queue, so the parent always knows which batches a worker
holds: when one dies, its running batch is split into single articles and retried, and
an article that kills a worker alone is reported as failed. Workers ignore SIGINT (the
parent stops them) and exit by themselves when the parent dies.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable

from store.shard import ShardFailure, ShardItem, analyse_batch, prepare_pipeline


class IngestError(RuntimeError):
    """The pipeline could not be started at all (e.g. the model is missing), the worker
    processes keep dying, or the cluster cannot be used. Re-exported by ``store.ingest``."""


def _worker_main(wid: int, model: str | None, max_chars: int, tasks, results, parent_pid: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    try:
        from corpus.analysis import analysis_key
        from corpus.nlp import load_pipeline

        nlp = prepare_pipeline(load_pipeline(model), max_chars, own_process=True)
        akey = analysis_key(nlp)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        results.put(("fatal", wid, f"{type(exc).__name__}: {exc}"))
        return
    results.put(("ready", wid, akey))
    while True:
        try:
            task = tasks.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent_pid:  # the parent is gone (killed): stop, do not linger,
                results.cancel_join_thread()  # and do not wait to flush results nobody reads
                return
            continue
        if task is None:
            return
        batch_id, items = task
        rows, failures = analyse_batch(nlp, items, max_chars)
        results.put(("done", wid, (batch_id, rows, failures)))


class _Worker:
    def __init__(self, ctx, wid: int, model: str | None, max_chars: int, results) -> None:
        self.wid = wid
        self.tasks = ctx.Queue()
        self.assigned: deque[int] = deque()
        self.ready = False
        self.process = ctx.Process(
            target=_worker_main,
            args=(wid, model, max_chars, self.tasks, results, os.getpid()),
            name=f"quotelens-ingest-{wid}",
            daemon=True,
        )
        self.process.start()

    def stop(self, timeout: float = 2.0) -> None:
        p = self.process
        if p.is_alive():
            p.terminate()
            p.join(timeout)
            if p.is_alive():
                p.kill()
                p.join(timeout)
        self.tasks.cancel_join_thread()
        self.tasks.close()


class WorkerPool:
    """Worker processes that each load the pipeline once and analyse batches of texts.

    Each worker has its own task queue, so the parent always knows which batches a
    worker holds: when one dies its running batch is split into single articles and
    retried, and an article that kills a worker alone is reported as failed.
    """

    PER_WORKER = 2  # batches queued per worker: one running, one waiting

    def __init__(self, n_workers: int, model: str | None, max_chars: int) -> None:
        self.ctx = mp.get_context("spawn")  # fork is unsafe with threads (the TUI) and copies the parent
        self.n_workers = n_workers
        self.model = model
        self.max_chars = max_chars
        self.results = self.ctx.Queue()
        self.workers: dict[int, _Worker] = {}
        self._next_wid = 0
        self._respawns = 0
        self._startup_deaths = 0
        self.analysis_key: str | None = None
        for _ in range(n_workers):
            self._spawn()

    def _spawn(self) -> None:
        self.workers[self._next_wid] = _Worker(self.ctx, self._next_wid, self.model, self.max_chars, self.results)
        self._next_wid += 1

    def _handle_ready(self, wid: int, akey: str) -> None:
        if wid in self.workers:
            self.workers[wid].ready = True
        self.analysis_key = self.analysis_key or akey

    def wait_analysis_key(self, cancel: threading.Event | None = None) -> str | None:
        """Block until a worker has loaded the pipeline; its analysis key (None if cancelled)."""
        while self.analysis_key is None:
            if cancel is not None and cancel.is_set():
                return None
            try:
                kind, wid, data = self.results.get(timeout=0.25)
            except queue.Empty:
                self._check_workers(None, None, None)
                continue
            if kind == "fatal":
                raise IngestError(f"the NLP pipeline could not be started: {data}")
            if kind == "ready":
                self._handle_ready(wid, data)
        return self.analysis_key

    def _check_workers(self, items_of, pending, on_batch) -> None:
        for wid, w in list(self.workers.items()):
            if w.process.is_alive():
                continue
            # A worker died (crash, OOM killer): its running batch is suspect.
            code = w.process.exitcode
            del self.workers[wid]
            w.stop()
            if not w.ready:  # died while loading the pipeline: no batch is to blame
                self._startup_deaths += 1
                if self._startup_deaths > self.n_workers + 2:
                    raise IngestError(f"ingest worker processes die while loading the pipeline (exit code {code})")
                if pending is not None:
                    pending.extendleft(reversed(w.assigned))
            elif w.assigned and items_of is not None:
                suspect = w.assigned.popleft()
                items = items_of.pop(suspect)
                if len(items) == 1:
                    item = items[0]
                    on_batch(
                        [],
                        [
                            ShardFailure(
                                item.hash,
                                item.article_id,
                                f"the analysis crashed its worker process (exit code {code})",
                            )
                        ],
                    )
                else:  # run each article alone to find the culprit
                    for item in reversed(items):
                        self._next_batch += 1
                        items_of[self._next_batch] = [item]
                        pending.appendleft(self._next_batch)
                pending.extendleft(reversed(w.assigned))
            self._respawns += 1
            if self._respawns > 4 * self.n_workers + 8:
                raise IngestError("ingest worker processes keep dying; giving up")
            self._spawn()

    def run(
        self, batches: list[list[ShardItem]], on_batch: Callable[[list, list], None], cancel: threading.Event | None
    ) -> bool:
        """Analyse ``batches``; ``on_batch(rows, failures)`` runs in this thread. False when cancelled."""
        items_of: dict[int, list[ShardItem]] = dict(enumerate(batches))
        pending: deque[int] = deque(items_of)
        self._next_batch = len(batches)
        while pending or any(w.assigned for w in self.workers.values()):
            if cancel is not None and cancel.is_set():
                return False
            for w in self.workers.values():
                while pending and len(w.assigned) < self.PER_WORKER and w.process.is_alive():
                    bid = pending.popleft()
                    w.assigned.append(bid)
                    w.tasks.put((bid, items_of[bid]))
            try:
                kind, wid, data = self.results.get(timeout=0.25)
            except queue.Empty:
                self._check_workers(items_of, pending, on_batch)
                continue
            if kind == "fatal":
                raise IngestError(f"the NLP pipeline could not be started: {data}")
            if kind == "ready":
                self._handle_ready(wid, data)
                continue
            batch_id, rows, failures = data
            sender = self.workers.get(wid)
            if sender is not None and batch_id in sender.assigned:
                sender.assigned.remove(batch_id)
            if items_of.pop(batch_id, None) is not None:
                on_batch(rows, failures)
        return True

    def close(self) -> None:
        for w in self.workers.values():
            try:
                w.tasks.put_nowait(None)
            except Exception:  # noqa: BLE001
                pass
        deadline = time.monotonic() + 1.0
        for w in self.workers.values():
            w.process.join(max(0.0, deadline - time.monotonic()))
            w.stop()
        self.workers.clear()
        self.results.cancel_join_thread()
        self.results.close()


__all__ = ["IngestError", "WorkerPool"]
