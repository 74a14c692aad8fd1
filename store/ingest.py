"""Ingest: analyse the articles the cache does not have yet, at full spaCy speed.

The parent finds what is missing (content hash + analysis key), hands batches of
texts to worker processes that each load the pipeline once and run
``store.shard.analyse_batch`` (``nlp.pipe`` + ``analyse_doc``), and commits each
finished batch to the cache. Only small payloads travel back (no Docs).

- ``workers``: processes (default: the CPUs this process may use, at most 4);
  ``0`` analyses in this process. A tiny job (at most ``SMALL_JOB`` distinct texts,
  e.g. the sample corpus) always runs in this process: starting a worker costs more.
- Interrupt-safe: a batch is one transaction; Ctrl-C, ``cancel.set()`` or
  ``kill -9`` keep the finished batches and the next run resumes. Workers ignore
  SIGINT (the parent stops them) and exit by themselves when the parent dies.
- A failing article (too long, a spaCy error, a crash of the worker process) is
  reported by id and skipped; the failure is remembered so a re-run does not retry
  it unless ``retry_failed``.
"""

from __future__ import annotations

import importlib.util
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from corpus.models import Article, text_hash
from store.cache import AnalysisCache, AnalysisRow
from store.pool import IngestError, WorkerPool
from store.shard import DEFAULT_MAX_CHARS, ShardFailure, ShardItem, analyse_batch, prepare_pipeline

MAX_DEFAULT_WORKERS = 4
MAX_BATCH = 32
MIN_BATCH = 4
SMALL_JOB = 8  # texts; at most this many are analysed in this process whatever ``workers`` says


class ProgressCallback(Protocol):
    """Called after every finished batch: texts analysed (or failed) so far, texts to
    analyse in all, words analysed so far. Runs in the thread that called ``ingest``."""

    def __call__(self, done: int, total: int, words: int) -> object: ...


@dataclass(frozen=True, slots=True)
class IngestFailure:
    article_id: str
    message: str
    content_hash: str = ""
    cached: bool = False  # failed in an earlier run; not retried


@dataclass
class IngestReport:
    n_articles: int = 0
    n_texts: int = 0  # distinct texts
    n_cached: int = 0  # distinct texts already analysed
    n_analysed: int = 0  # distinct texts analysed by this run
    words_analysed: int = 0
    seconds: float = 0.0
    workers: int = 0
    analysis_key: str = ""
    interrupted: bool = False
    cluster: str = ""  # the Dask cluster the analysis ran on ("" = worker processes here)
    n_reused: int = 0  # distinct texts merged from shards an interrupted cluster run finished
    failures: list[IngestFailure] = field(default_factory=list)

    @property
    def n_failed(self) -> int:
        return len(self.failures)

    @property
    def words_per_second(self) -> float:
        return self.words_analysed / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        parts = [
            f"{self.n_articles:,} articles",
            f"{self.n_cached:,} texts from the cache",
            f"{self.n_analysed:,} analysed",
        ]
        if self.n_analysed:
            where = f" on {self.cluster}" if self.cluster else ""
            parts.append(
                f"{self.words_analysed:,} words in {self.seconds:.1f} s "
                f"({self.words_per_second:,.0f} words/s, {self.workers} worker"
                f"{'s' if self.workers != 1 else ''}{where})"
            )
        if self.n_reused:
            parts.append(f"{self.n_reused:,} merged from the shards of an interrupted run")
        if self.failures:
            parts.append(f"{self.n_failed:,} failed")
        if self.interrupted:
            parts.append("interrupted (finished batches are saved; run again to resume)")
        return "; ".join(parts)


def default_workers() -> int:
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        n = os.cpu_count() or 1
    return max(1, min(n, MAX_DEFAULT_WORKERS))


# --- the analysis key, without loading spaCy when it is known ---------------


def _model_fingerprint(model: str | None) -> str | None:
    from corpus.analysis import EXTRACTOR_VERSION
    from corpus.nlp import resolve_model_name

    name = resolve_model_name(model)
    folder: str | None = name if os.path.isdir(name) else None
    if folder is None:
        spec = importlib.util.find_spec(name)
        locations = list(spec.submodule_search_locations or []) if spec else []
        folder = locations[0] if locations else None
    if folder is None:
        return None
    meta = Path(folder) / "meta.json"
    try:
        st = meta.stat()
    except OSError:
        return None
    return f"{name}|{meta.resolve()}|{st.st_mtime_ns}|{st.st_size}|{EXTRACTOR_VERSION}"


def resolve_analysis_key(model: str | None, cache: AnalysisCache) -> str:
    """``corpus.analysis.analysis_key(nlp)`` for ``model``, memoised in the cache so that a
    corpus whose analyses are all cached opens without loading the pipeline."""
    fingerprint = _model_fingerprint(model)
    if fingerprint:
        known = cache.model_key(fingerprint)
        if known:
            return known
    from corpus.analysis import analysis_key
    from corpus.nlp import load_pipeline

    akey = analysis_key(load_pipeline(model))
    if fingerprint:
        cache.remember_model_key(fingerprint, akey)
    return akey


def cached_analysis_key(model: str | None, cache: AnalysisCache) -> str | None:
    """The memoised analysis key, or None when the pipeline would have to be loaded."""
    fingerprint = _model_fingerprint(model)
    return cache.model_key(fingerprint) if fingerprint else None


def _batches(items: list[ShardItem], n_workers: int, batch_size: int | None) -> list[list[ShardItem]]:
    """Split ``items`` into batches: a fixed ``batch_size``, else guided self-scheduling —
    big batches first (``nlp.pipe`` is faster on bigger batches), shrinking towards the end
    so that no worker idles long while another finishes a big last batch."""
    out: list[list[ShardItem]] = []
    i = 0
    while i < len(items):
        size = batch_size or max(MIN_BATCH, min(MAX_BATCH, -(-(len(items) - i) // (3 * max(1, n_workers)))))
        out.append(items[i : i + size])
        i += size
    return out


# --- the entry point --------------------------------------------------------------


def ingest(
    articles: Sequence[Article],
    store_dir: str | Path,
    model: str | None = None,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    *,
    batch_size: int | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    retry_failed: bool = False,
    cache: AnalysisCache | None = None,
    hashes: Sequence[str] | None = None,
    cluster: str | None = None,
    shard_dir: str | Path | None = None,
) -> IngestReport:
    """Analyse every article whose text is not in the cache yet (see the module docstring).

    ``cluster``: a Dask scheduler address or ``local:N`` — the analysis runs there, in
    shards written under ``shard_dir`` (default ``<store>/shards``), see ``store.cluster``.
    """
    start = time.perf_counter()
    cache = cache or AnalysisCache(store_dir)
    if hashes is None:
        hashes = [text_hash(a.text) for a in articles]
    options = _Options(model, batch_size, max_chars, retry_failed, progress, cancel, start)
    if cluster is not None:
        return _ingest_on_cluster(articles, hashes, cache, cluster, shard_dir, options)
    n_workers = default_workers() if workers is None else max(0, int(workers))
    if len(set(hashes)) <= SMALL_JOB:
        n_workers = 0  # starting worker processes would cost more than the work
    pool: WorkerPool | None = None
    try:
        akey = cached_analysis_key(model, cache)
        if akey is None and n_workers > 0:
            # First run with this model here: the workers load the pipeline anyway, so they
            # tell the key rather than loading it once more in this process.
            pool = WorkerPool(n_workers, model, max_chars)
            akey = pool.wait_analysis_key(cancel)
            if akey is None:
                return IngestReport(n_articles=len(articles), interrupted=True, workers=n_workers)
            _remember_key(model, cache, akey)
        elif akey is None:
            akey = resolve_analysis_key(model, cache)
        plan = _Plan(articles, hashes, cache, akey, options)
        plan.report.workers = n_workers
        if plan.items:
            plan.run_here(n_workers, pool)
        return plan.finish()
    finally:
        if pool is not None:
            pool.close()


def _ingest_on_cluster(
    articles: Sequence[Article],
    hashes: Sequence[str],
    cache: AnalysisCache,
    address: str,
    shard_dir: str | Path | None,
    options: _Options,
) -> IngestReport:
    from store.cluster import LazyClient, ShardDriver, cluster_analysis_key, n_worker_threads, shard_folder

    with LazyClient(address) as session:
        akey = cached_analysis_key(options.model, cache)
        if akey is None:  # the workers load the pipeline (and keep it): they tell the key
            akey = cluster_analysis_key(session.client, options.model)
            _remember_key(options.model, cache, akey)
        plan = _Plan(articles, hashes, cache, akey, options)
        plan.report.cluster = address
        folder = shard_folder(Path(shard_dir) if shard_dir is not None else None, cache.store_dir, akey)
        driver = ShardDriver(folder, akey, options.model, options.max_chars, address)
        if plan.items:  # outputs an interrupted run left behind: merged without NLP
            todo = {item.hash: item for item in plan.items}
            plan.report.n_reused = driver.reuse_finished(todo, plan.store)
            plan.items = list(todo.values())
        if plan.items:
            client = session.client
            plan.report.workers = n_worker_threads(client)
            plan.start_progress()
            try:
                finished = driver.run(client, plan.items, plan.on_batch, options.cancel, options.batch_size)
            except KeyboardInterrupt:
                plan.report.interrupted = True
                raise
            finally:
                plan.report.seconds = time.perf_counter() - options.start
            plan.report.interrupted = not finished
        return plan.finish()


def _remember_key(model: str | None, cache: AnalysisCache, akey: str) -> None:
    fingerprint = _model_fingerprint(model)
    if fingerprint:
        cache.remember_model_key(fingerprint, akey)


@dataclass(frozen=True, slots=True)
class _Options:
    model: str | None
    batch_size: int | None
    max_chars: int
    retry_failed: bool
    progress: ProgressCallback | None
    cancel: threading.Event | None
    start: float


class _Plan:
    """What one ingest has to do (the texts the cache lacks) and how results are stored:
    shared by the local worker processes and the cluster driver."""

    def __init__(
        self,
        articles: Sequence[Article],
        hashes: Sequence[str],
        cache: AnalysisCache,
        akey: str,
        options: _Options,
    ) -> None:
        self.cache = cache
        self.akey = akey
        self.options = options
        report = self.report = IngestReport(n_articles=len(articles), analysis_key=akey)
        analysed = cache.analysed_hashes(akey)
        failed = {} if options.retry_failed else cache.failures(akey)
        first_of: dict[str, Article] = {}
        for a, h in zip(articles, hashes, strict=False):
            first_of.setdefault(h, a)
        self.first_of = first_of
        report.n_texts = len(first_of)
        todo_hashes = [h for h in first_of if h not in analysed and h not in failed]
        todo_set = set(todo_hashes)
        report.n_cached = sum(1 for h in first_of if h in analysed)
        for h, message in failed.items():
            if h in first_of and h not in analysed:
                report.failures.append(IngestFailure(first_of[h].id, message, h, cached=True))

        # Texts of cached analyses must be stored too (e.g. analyses merged from a cluster).
        stored = self.stored = cache.stored_texts(first_of)
        missing_texts = [(h, first_of[h].text) for h in first_of if h not in stored and h not in todo_set]
        if missing_texts:
            cache.put_texts(missing_texts)
        self.items = [ShardItem(h, first_of[h].text, first_of[h].id, store_text=h not in stored) for h in todo_hashes]
        self.total = 0
        self.done = 0

    def store(self, rows: list[AnalysisRow], failures: list[ShardFailure]) -> None:
        """Commit finished analyses and failures (one transaction) and report the failures."""
        self.cache.put_batch(self.akey, rows, [(f.hash, f.article_id, f.message) for f in failures])
        if failures:  # not analysed, but still readable in the app
            self.cache.put_texts([(f.hash, self.first_of[f.hash].text) for f in failures if f.hash not in self.stored])
        for f in failures:
            self.report.failures.append(IngestFailure(f.article_id, f.message, f.hash))

    def start_progress(self) -> None:
        self.total = len(self.items)
        if self.options.progress is not None:
            self.options.progress(0, self.total, 0)

    def on_batch(self, rows: list[AnalysisRow], failures: list[ShardFailure]) -> None:
        """A batch analysed by this run: stored, counted, shown."""
        self.store(rows, failures)
        report = self.report
        report.n_analysed += len(rows)
        self.done += len(rows) + len(failures)
        report.words_analysed += sum(r.facets.n_words for r in rows)
        if self.options.progress is not None:
            self.options.progress(self.done, self.total, report.words_analysed)

    def run_here(self, n_workers: int, pool: WorkerPool | None) -> None:
        """Analyse the items in this process (``n_workers == 0``) or in worker processes."""
        options, report = self.options, self.report
        cancel, max_chars = options.cancel, options.max_chars
        self.start_progress()
        try:
            if n_workers == 0:
                from corpus.nlp import load_pipeline

                nlp = prepare_pipeline(load_pipeline(options.model), max_chars)
                for batch in _batches(self.items, 1, options.batch_size):
                    if cancel is not None and cancel.is_set():
                        report.interrupted = True
                        break
                    self.on_batch(*analyse_batch(nlp, batch, max_chars))
            else:
                batches = _batches(self.items, n_workers, options.batch_size)
                if pool is None:
                    report.workers = n_workers = min(n_workers, len(batches))
                    pool = WorkerPool(n_workers, options.model, max_chars)
                    try:
                        finished = pool.run(batches, self.on_batch, cancel)
                    finally:
                        pool.close()
                else:
                    finished = pool.run(batches, self.on_batch, cancel)
                report.interrupted = not finished
        except KeyboardInterrupt:
            report.interrupted = True
            raise
        finally:
            report.seconds = time.perf_counter() - options.start

    def finish(self) -> IngestReport:
        self.report.seconds = time.perf_counter() - self.options.start
        return self.report


__all__ = [
    "IngestError",
    "IngestFailure",
    "IngestReport",
    "ProgressCallback",
    "cached_analysis_key",
    "default_workers",
    "ingest",
    "resolve_analysis_key",
]
