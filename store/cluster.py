"""Ingest on a Dask cluster: the shard driver (see docs/scaling.md).

The texts to analyse are written as shard files (``store.shard.write_shard_input``)
into a folder every worker can read and write; each shard is one Dask task running
``store.shard.analyse_shard`` (pure, disk to disk); as tasks finish, this process —
the only writer of the cache — merges their outputs, one transaction per shard.

- ``tcp://host:port`` (or ``host:port``, ``tls://…``) connects to a running scheduler;
  ``local:N`` starts a ``LocalCluster`` of N single-threaded worker processes here.
- A worker that dies mid-shard: Dask runs the shard again on another worker (the
  nanny restarts the dead one). A shard that keeps killing workers (Dask gives up
  with ``KilledWorker``) is split in halves until the culprit article is alone; it is
  then reported as failed.
- The driver killed: merged shards are in the cache; shards that finished but were
  not merged are still on disk, and the next run merges them without NLP.
- An article that breaks spaCy is a failure line in the shard output, not a failed task.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from store.files import refuse_symlink
from store.ingest import IngestError
from store.shard import (
    ShardFailure,
    ShardItem,
    analyse_shard,
    pipeline_analysis_key,
    read_shard_output,
    write_shard_input,
)

if TYPE_CHECKING:
    from distributed import Client, Future

    from store.cache import AnalysisRow

LOCAL_PREFIX = "local:"
CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler before giving up
MAX_SHARD = 400  # articles per shard (a few MB of text): progress every few seconds per worker
MIN_SHARD = 4
SHARD_SUFFIX_IN = ".in.jsonl"
SHARD_SUFFIX_OUT = ".out.jsonl"

_ADDRESS = re.compile(r"^(?:(tcp|tls|ws|wss)://)?[\w.\-\[\]:]+:\d+$")


class ClusterError(IngestError):
    """The cluster could not be used (unreachable scheduler, no shared folder, …)."""


def check_address(address: str) -> str:
    """``address`` if it names a scheduler (``tcp://host:port``, ``host:port``) or a local
    cluster (``local:N``); a ``ValueError`` saying what is expected otherwise."""
    if address.startswith(LOCAL_PREFIX):
        n = address[len(LOCAL_PREFIX) :]
        if n.isdigit() and int(n) > 0:
            return address
        raise ValueError(f"{address!r}: local:N needs a number of worker processes, e.g. local:2")
    if _ADDRESS.match(address):
        return address
    raise ValueError(
        f"{address!r} is not a Dask scheduler address: use tcp://HOST:PORT (as printed by "
        "`dask scheduler`) or local:N to start N worker processes here"
    )


@contextmanager
def connect(address: str) -> Iterator[Client]:
    """A Dask client for ``address`` (see the module docstring), closed on exit."""
    from distributed import Client, LocalCluster

    check_address(address)
    if address.startswith(LOCAL_PREFIX):
        import dask

        n = int(address[len(LOCAL_PREFIX) :])
        # Dask's profiler wakes every worker's event loop every 10 ms to sample the task
        # thread: on a busy machine that steals the GIL from the NLP (see docs/scaling.md).
        dask.config.set({"distributed.worker.profile.enabled": False})
        cluster = LocalCluster(
            n_workers=n,
            threads_per_worker=1,  # one pipeline per process, one shard at a time
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        try:
            with Client(cluster, set_as_default=False) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address} ({exc}); is `dask scheduler` running there, "
            "and can this machine reach its port?"
        ) from None
    try:
        yield client
    finally:
        client.close()


class LazyClient:
    """A client for ``address`` made on first use: a corpus with nothing left to analyse
    never starts (or waits for) a cluster. A context manager; closing ends the client
    (and a ``local:N`` cluster)."""

    def __init__(self, address: str) -> None:
        self.address = check_address(address)
        self._stack = ExitStack()
        self._client: Client | None = None

    @property
    def client(self) -> Client:
        if self._client is None:
            client = self._stack.enter_context(connect(self.address))
            wait_for_workers(client, self.address)
            self._client = client
        return self._client

    def __enter__(self) -> LazyClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()


def cluster_analysis_key(client: Client, model: str | None) -> str:
    """The analysis key of ``model`` as the workers load it. Every worker loads the pipeline
    now, all at once (each keeps it for its shards), and they must agree: a worker with
    another model version would mix analyses in one cache."""
    addresses = list(client.scheduler_info().get("workers", {}))
    futures = [
        client.submit(pipeline_analysis_key, model, pure=False, workers=[addr], allow_other_workers=False)
        for addr in addresses
    ]
    keys = {}
    for fut, addr in zip(futures, addresses, strict=True):
        try:
            keys[addr] = str(fut.result())
        except Exception as exc:  # noqa: BLE001 - said with the worker's address
            raise ClusterError(f"the Dask worker {addr} cannot load the NLP pipeline: {exc}") from None
    if len(set(keys.values())) > 1:
        listed = "; ".join(f"{addr}: {key}" for addr, key in sorted(keys.items()))
        raise ClusterError(f"the Dask workers run different pipelines ({listed}); install the same everywhere")
    return next(iter(keys.values()))


def n_worker_threads(client: Client) -> int:
    workers = client.scheduler_info().get("workers", {})
    return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))


def shard_folder(shard_dir: Path | None, store_dir: Path, akey: str) -> Path:
    """Where the shards of ``akey`` go: ``<shard_dir or store/shards>/<analysis key>/``.
    (The default folder is a file of the store: never a symbolic link planted in a corpus.)"""
    if shard_dir is None:
        refuse_symlink(store_dir / "shards")
        refuse_symlink(store_dir / "shards" / _safe(akey))
    return (shard_dir if shard_dir is not None else store_dir / "shards") / _safe(akey)


def _safe(name: str) -> str:
    return re.sub(r"[^\w.+\-]", "_", name)


@dataclass
class _Shard:
    name: str
    items: list[ShardItem]
    folder: Path

    @property
    def input(self) -> Path:
        return self.folder / (self.name + SHARD_SUFFIX_IN)

    @property
    def output(self) -> Path:
        return self.folder / (self.name + SHARD_SUFFIX_OUT)

    def remove_files(self) -> None:
        """Its input, output and any temporary file of a killed attempt."""
        for f in self.folder.glob(self.name + ".*"):
            f.unlink(missing_ok=True)


def _shard_name(items: Sequence[ShardItem]) -> str:
    """Named by content: the same texts make the same shard, whoever cuts it."""
    digest = hashlib.blake2b(digest_size=10)
    for item in items:
        digest.update(item.hash.encode())
    return f"s{len(items)}-{digest.hexdigest()}"


def _shard_sizes(n: int, n_workers: int, fixed: int | None) -> Iterator[int]:
    """Guided self-scheduling (as ``store.ingest`` does for batches): big shards first,
    shrinking towards the end so that no worker idles while another finishes a big one."""
    left = n
    while left > 0:
        size = fixed or max(MIN_SHARD, min(MAX_SHARD, -(-left // (3 * n_workers))))
        size = min(size, left)
        yield size
        left -= size


OnBatch = Callable[[list["AnalysisRow"], list[ShardFailure]], None]


class ShardDriver:
    """Runs the shards of one ingest on a cluster and merges them through ``on_batch``."""

    def __init__(
        self,
        folder: Path,
        akey: str,
        model: str | None,
        max_chars: int,
        address: str,
    ) -> None:
        self.folder = folder
        self.akey = akey
        self.model = model
        self.max_chars = max_chars
        self.address = address

    @staticmethod
    def _merge_rows(
        rows: list[AnalysisRow], failures: list[ShardFailure], todo: dict[str, ShardItem], on_batch: OnBatch
    ) -> int:
        """Merge the rows still to do (a shard of an earlier run may hold some merged since)."""
        from store.cache import AnalysisRow

        keep_rows: list[AnalysisRow] = []
        for r in rows:
            item = todo.pop(r.hash, None)
            if item is None:
                continue
            ztext = zlib.compress(item.text.encode("utf-8", "surrogatepass"), 1) if item.store_text else None
            keep_rows.append(AnalysisRow(r.hash, r.payload, r.facets, ztext))
        keep_failures = []
        for f in failures:
            if todo.pop(f.hash, None) is not None:
                keep_failures.append(f)
        if keep_rows or keep_failures:
            on_batch(keep_rows, keep_failures)
        return len(keep_rows) + len(keep_failures)

    def reuse_finished(self, todo: dict[str, ShardItem], on_batch: OnBatch) -> int:
        """Merge what an earlier (killed) driver left on disk: the outputs of its finished
        shards, for the texts still in ``todo`` (removed from it). Stale inputs are removed.
        Needs no cluster. Returns the texts merged."""
        if not self.folder.is_dir():
            return 0
        n = 0
        for out in sorted(self.folder.glob("*" + SHARD_SUFFIX_OUT)):
            try:
                rows, failures = read_shard_output(out)
            except (OSError, ValueError, KeyError):  # unreadable: its texts simply run again
                rows, failures = [], []
            n += self._merge_rows(rows, failures, todo, on_batch)
            out.unlink(missing_ok=True)
        for stale in self.folder.glob("*" + SHARD_SUFFIX_IN):
            stale.unlink(missing_ok=True)
        return n

    def _submit(self, client: Client, shard: _Shard) -> Future:
        write_shard_input(shard.input, shard.items)
        return client.submit(
            analyse_shard,
            str(shard.input),
            str(shard.output),
            self.model,
            self.max_chars,
            expect_key=self.akey,
            key=f"quotelens-{shard.name}-{_safe(self.akey)}",
            pure=False,
        )

    def run(
        self,
        client: Client,
        items: list[ShardItem],
        on_batch: OnBatch,
        cancel: threading.Event | None,
        shard_size: int | None = None,
    ) -> bool:
        """Analyse ``items``, merging each finished shard through ``on_batch`` (in this
        thread); False when cancelled."""
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        self.folder.mkdir(parents=True, exist_ok=True)
        todo = {item.hash: item for item in items}
        remaining = list(todo.values())
        n_workers = n_worker_threads(client)
        shards: dict[str, _Shard] = {}
        start = 0
        for size in _shard_sizes(len(remaining), n_workers, shard_size):
            chunk = remaining[start : start + size]
            start += size
            shard = _Shard(_shard_name(chunk), chunk, self.folder)
            shards[shard.name] = shard
        futures = {self._submit(client, s): s for s in shards.values()}
        done = as_completed(list(futures), loop=client.loop)
        try:
            while not done.is_empty():
                if cancel is not None and cancel.is_set():
                    client.cancel(list(futures))
                    return False
                finished = done.next_batch(block=False)
                if not finished:
                    (cancel or threading.Event()).wait(0.1)
                    continue
                for fut in finished:
                    shard = futures.pop(fut)
                    if fut.status == "finished":
                        rows, failures = read_shard_output(shard.output)
                        self._merge_rows(rows, failures, todo, on_batch)
                        shard.remove_files()
                        continue
                    exc = fut.exception() if fut.status == "error" else None
                    if isinstance(exc, KilledWorker):
                        for part in self._split(shard, todo, on_batch):
                            new = self._submit(client, part)
                            futures[new] = part
                            done.add(new)
                        continue
                    raise ClusterError(self._explain(shard, exc, fut.status))
        except BaseException:
            client.cancel(list(futures))
            raise
        for folder in (self.folder, self.folder.parent):  # tidy when nothing is left in them
            try:
                folder.rmdir()
            except OSError:
                break
        return True

    def _split(self, shard: _Shard, todo: dict[str, ShardItem], on_batch: OnBatch) -> list[_Shard]:
        """A shard that killed its workers: halves, or — one article — a failure."""
        shard.remove_files()
        if len(shard.items) == 1:
            item = shard.items[0]
            failure = ShardFailure(item.hash, item.article_id, "the analysis crashed its Dask worker process")
            self._merge_rows([], [failure], todo, on_batch)
            return []
        mid = len(shard.items) // 2
        return [_Shard(_shard_name(part), part, self.folder) for part in (shard.items[:mid], shard.items[mid:]) if part]

    def _explain(self, shard: _Shard, exc: BaseException | None, status: str) -> str:
        if exc is None:
            return f"the Dask scheduler at {self.address} dropped shard {shard.name} ({status}); run again to resume"
        if isinstance(exc, FileNotFoundError):
            return (
                f"a Dask worker could not read {shard.input}: every worker must see the shard folder "
                f"{self.folder} at the same path (a shared file system; choose it with --shard-dir)"
            )
        return f"a Dask worker failed on shard {shard.name}: {type(exc).__name__}: {exc}"


def wait_for_workers(client: Client, address: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """A scheduler without workers would queue shards forever: say so instead."""
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        raise ClusterError(
            f"the Dask scheduler at {address} has no workers; start some with `dask worker {address}`"
        ) from None


__all__ = [
    "CONNECT_TIMEOUT",
    "ClusterError",
    "LazyClient",
    "ShardDriver",
    "check_address",
    "cluster_analysis_key",
    "connect",
    "shard_folder",
    "n_worker_threads",
    "wait_for_workers",
]
