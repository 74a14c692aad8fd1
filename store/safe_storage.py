"""A TinyDB Storage that never leaves a half-written file, plus the store's errors.

``SafeJSONStorage`` writes the whole database the way a careful editor saves a
document:

1. serialise through its codec (the annotation store's lays out one record per
   line with an index: :mod:`store.annotations.snapshot`) into a temporary file in
   the same directory, ``flush`` + ``fsync`` it;
2. hard-link the current file to ``<name>.bak`` (one previous version is kept;
   a copy is made where hard links are not supported);
3. ``os.replace`` the temporary file over the store (atomic on POSIX and
   Windows) and ``fsync`` the directory so the rename itself is durable.

At every instant the store path names one complete version, so a reader needs
no lock and a crash (``kill -9``, power cut after the fsyncs) leaves either the
old or the new state. A failure at any step removes the temporary file and
raises :class:`StoreWriteError`; the file on disk is untouched.

Reading is cached: every file this storage writes starts with a ``_meta`` table
holding a random ``token`` that changes with each write. ``read()`` re-reads
the first bytes of the file (and its size/inode) and reuses the parsed state
when they still match what this process last read or wrote, so a save at 10k
annotations does not pay a re-read. Another process's write always
changes the token, so its data is never missed.

A file that cannot be parsed raises :class:`StoreCorrupt` and is never written
over: the storage refuses to write until it has read the file successfully.

With a journal (what the annotation store uses), a transaction's commit is one line
appended to the journal by the caller, and the whole-file write above happens only
when the state is folded into the snapshot (see the class docstring and
:mod:`store.annotations.journal`). Every file is opened without following symbolic
links (:func:`open_nofollow`, :class:`StoreUnsafePath`).
The errors, the no-follow opening and the atomic write live in :mod:`store.files`
(re-exported here).
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import orjson
from tinydb.storages import Storage

from store.files import (
    StoreCorrupt,
    StoreError,
    StoreLocked,
    StoreUnsafePath,
    StoreWriteError,
    atomic_write_bytes,
    backup_path,
    cleanup_temp_files,
    open_nofollow,
    os_reason,
    refuse_symlink,
)

_TOKEN_RE = re.compile(rb'"token":"([0-9a-f]{32})"')
_BASE_RE = re.compile(rb'"base":"([0-9a-f]{16})"')
_JOURNAL_RE = re.compile(rb'"journal":(\d+)')
_HEAD_BYTES = 200


class Journal(Protocol):
    """The append-only journal of changes a snapshot is folded from (see ``SafeJSONStorage``)."""

    path: Path

    def size(self) -> int:
        """The journal's size in bytes (0 when it does not exist)."""
        ...

    def replay(self, data: dict[str, dict[str, Any]], start: int) -> int:
        """Apply the whole lines after byte ``start`` to ``data``; the offset after the last one."""
        ...


# --- parsing ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SnapshotHead:
    """What the first bytes of a snapshot say: its write token, its base (changes when the
    snapshot is not a fold of the journal), the journal offset it folds in."""

    token: bytes | None
    base: bytes | None
    journal: int | None

    @classmethod
    def of(cls, head: bytes) -> SnapshotHead:
        token, base, journal = _TOKEN_RE.search(head), _BASE_RE.search(head), _JOURNAL_RE.search(head)
        return cls(
            token.group(1) if token else None,
            base.group(1) if base else None,
            int(journal.group(1)) if journal else None,
        )


def read_head(path: Path) -> tuple[SnapshotHead, os.stat_result | None]:
    """The head of the snapshot and the file's stat (stat None when missing)."""
    try:
        with os.fdopen(open_nofollow(path, os.O_RDONLY), "rb") as fh:
            st = os.fstat(fh.fileno())
            head = fh.read(_HEAD_BYTES)
    except FileNotFoundError:
        return SnapshotHead(None, None, None), None
    return SnapshotHead.of(head), st


# --- the storage -------------------------------------------------------------


def _stat_key(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class FileBytes:
    """The bytes of a snapshot file, read on demand (``os.pread``) through a descriptor kept
    open: ``self[a:b]`` is bytes. The store's files are only ever replaced (an atomic rename),
    never written in place, so the version opened stays readable and unchanged for as long as
    this object lives, whatever other processes save meanwhile. (A file truncated in place by
    hand reads short: its records come back damaged, never a crash.)"""

    def __init__(self, fd: int, size: int) -> None:
        self.fd: int | None = fd
        self.size = size

    @classmethod
    def open(cls, path: Path) -> FileBytes | bytes:
        """The file's bytes to read on demand; where an open file cannot be replaced by another
        process (Windows) or ``pread`` is missing, all of them, read now."""
        fd = open_nofollow(path, os.O_RDONLY)
        if os.name == "nt" or not hasattr(os, "pread"):  # pragma: no cover - POSIX here
            with os.fdopen(fd, "rb") as fh:
                return fh.read()
        return cls(fd, os.fstat(fd).st_size)

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, key: slice, /) -> bytes:
        start, stop, _ = key.indices(self.size)
        if stop <= start or self.fd is None:
            return b""
        return os.pread(self.fd, stop - start, start)

    def close(self) -> None:
        fd, self.fd = self.fd, None
        if fd is not None:
            os.close(fd)

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # pragma: no cover - at interpreter shutdown
            pass


class SnapshotCodec(Protocol):
    """How a snapshot's tables are laid out in the file (the annotation store's is
    :class:`store.annotations.snapshot.LineSnapshotCodec`: one record per line, read lazily).
    Tables are mutable mappings (key → document)."""

    def decode(self, raw: Any, path: Path) -> Any:
        """A ``Decoded`` (``.meta``, ``.tables``, ``.legacy``) or None for an empty file; raises
        :class:`StoreCorrupt` when the bytes cannot be read."""
        ...

    def encode(self, meta: Mapping[str, Any], tables: dict[str, MutableMapping[str, Any]], path: Path) -> Any:
        """An ``Encoded``: ``.chunks``, the file's bytes (``.size`` of them; ``.payload`` joined)."""
        ...

    def adopt(self, old: Mapping[str, MutableMapping[str, Any]], raw: Any, path: Path) -> dict[str, Any]:
        """The tables of ``raw``, the file just encoded from ``old`` (keeping what ``old`` had read)."""
        ...

    def normalise(self, tables: dict[str, Any]) -> dict[str, MutableMapping[str, Any]]:
        """The tables in the codec's own type (a plain dict TinyDB wrote is converted)."""
        ...


class SafeJSONStorage(Storage):
    """Atomic, cached, corruption-refusing JSON storage for TinyDB, with a journal.

    ``TinyDB(path, storage=SafeJSONStorage, journal=..., codec=...)``. Extra behaviour, used by
    :class:`store.annotations.AnnotationStore`:

    - ``defer()`` / ``commit()`` / ``rollback()``: inside a transaction writes only
      update the in-memory state. Without a journal ``commit()`` saves once. With a
      journal ``commit()`` saves nothing: the caller appends the change to the journal
      (the commit point, one short line: the cost of a save does not grow with the
      store) and calls ``journaled(offset)``; ``save_snapshot()`` folds the state into
      the file now and then (compaction) or after a bulk write.
    - Reading: the snapshot is read once (the codec decides how lazily: the annotation
      store's reads a directory, then records on first use); afterwards only the journal
      lines other processes appended since are applied (``Journal.replay``). A snapshot
      another process folded from the same journal (same ``base``) is not re-read either.
    - ``refresh()``: forget the cached state (next read goes to disk).
    - ``generation``: a token that changes whenever the state changes (for caches
      built on top of the data, e.g. the set of tags).
    - ``needs_migration``: the file is in an older layout; the next fold rewrites it.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        create_dirs: bool = True,
        keep_backup: bool = True,
        journal: Journal | None = None,
        *,
        codec: SnapshotCodec,
        **_: Any,
    ) -> None:
        super().__init__()
        self.path = Path(path)  # never a symbolic link: reads and writes refuse one (StoreUnsafePath)
        self.backup = backup_path(self.path)
        self.create_dirs = create_dirs
        self.keep_backup = keep_backup
        self.journal = journal
        self.codec = codec
        self._data: dict[str, MutableMapping[str, Any]] | None = None
        self._token: bytes | None = None
        self._base: bytes | None = None
        self.journal_offset = 0  # bytes of the journal folded into the state in memory
        self.snapshot_offset = 0  # … and into the snapshot file
        self._stat_key: tuple[int, int, int] | None = None
        self._loaded = False
        self._deferred = 0
        self._dirty = False
        self._trusted = False  # inside a transaction the state was validated once; skip re-checks
        self.generation = 0
        self.writes = 0  # commits (one per transaction that changed something)
        self.snapshot_writes = 0
        self.needs_migration = False
        self.verify = bool(os.environ.get("QUOTELENS_STORE_VERIFY"))
        self.full_reads = 0
        self._looking = 0  # depth of ``one_look``
        self._looked = False  # the file was looked at in the current look

    # -- reading --

    def _freshness(self) -> str:
        """``"current"``, ``"catch up"`` (only journal lines to apply) or ``"reload"``."""
        if not self._loaded:
            return "reload"
        head, st = read_head(self.path)
        if st is None:
            if self._token is not None:
                return "reload"  # the snapshot went away
        elif head.token is None or head.token != self._token or self._stat_key != _stat_key(st):
            folded = (
                self.journal is not None
                and head.token != self._token  # (the same token with another stat: an edit in place)
                and head.base is not None
                and head.base == self._base
                and head.journal is not None
                and head.journal <= self.journal.size()
            )
            if not folded:
                return "reload"
            # another process folded the same journal into the snapshot: our state plus the
            # journal lines after our offset is still the whole truth; adopt the new file
            self._token, self._stat_key, self.snapshot_offset = head.token, _stat_key(st), head.journal or 0
            self.needs_migration = False
        if self.journal is None:
            return "current"
        size = self.journal.size()
        if size == self.journal_offset:
            return "current"
        return "catch up" if size > self.journal_offset else "reload"

    def _load(self) -> None:
        try:
            raw = FileBytes.open(self.path)
            st = os.fstat(raw.fd) if isinstance(raw, FileBytes) and raw.fd is not None else os.lstat(self.path)
        except FileNotFoundError:
            refuse_symlink(self.backup)
            if self.backup.exists() and self.backup.stat().st_size > 0:
                # Starting afresh here would soon rotate the only good copy out of the backup.
                raise StoreCorrupt(self.path, self.backup, "the file is missing but its backup exists") from None
            self._data, self._token, self._stat_key, self._base = None, None, None, None
            self.journal_offset = self.snapshot_offset = 0  # no snapshot yet: the journal is everything
            self._loaded = True
            self.needs_migration = False
            self.generation += 1
            self._catch_up()
            return
        except OSError as exc:
            raise StoreError(f"Cannot read the annotation store {self.path}: {os_reason(exc)}.") from exc
        self.full_reads += 1
        empty = not len(raw) or (len(raw) < 4096 and raw[0 : len(raw)].isspace())
        if empty and self.backup.exists() and self.backup.stat().st_size > 0:
            raise StoreCorrupt(self.path, self.backup, "the file is empty")
        decoded = self.codec.decode(raw, self.path)
        head = SnapshotHead.of(raw[0:_HEAD_BYTES])
        self._data = decoded.tables if decoded is not None else None
        self.needs_migration = decoded is not None and decoded.legacy
        self._token, self._base = head.token, head.base
        self._stat_key = _stat_key(st)
        self._loaded = True
        self.generation += 1
        if self.journal is not None:
            size = self.journal.size()
            # A snapshot written before the journal existed (format 1) folds in all of it; a
            # journal shorter than the snapshot says was replaced: nothing of it can be applied.
            offset = head.journal if head.journal is not None else size
            self.journal_offset = self.snapshot_offset = min(offset, size)
            self._catch_up()

    def _catch_up(self) -> None:
        """Apply the journal lines appended since the state in memory."""
        if self.journal is None:
            return
        data: dict[str, Any] = self._data if self._data is not None else {}
        offset = self.journal.replay(data, self.journal_offset)
        if offset != self.journal_offset:
            self._data = self.codec.normalise(data)
            self.journal_offset = offset
            self.generation += 1

    def read(self) -> dict[str, MutableMapping[str, Any]] | None:  # type: ignore[override]  # tables are mappings
        if self._looking and self._looked and self._loaded and not self._deferred:
            return self._data  # looked at the file once in this look (``one_look``)
        if self._looking:
            self._looked = True
        if not (self._trusted or (self._deferred and self._dirty)):
            state = self._freshness()
            if state == "reload":
                self._load()
            elif state == "catch up":
                self._catch_up()
            if self._deferred:
                self._trusted = True
        return self._data

    @contextmanager
    def one_look(self) -> Iterator[None]:
        """Reads inside look at the file once: the first brings the state up to date as any read
        does (another process's change is read then), the others take that state as it is. For
        a few reads in a row that make one picture (the app showing an article read the file's
        head seven times); the caller holds the store's lock meanwhile, so no write of this
        process comes between them. A transaction inside looks at the file itself."""
        if not self._looking:
            self._looked = False
        self._looking += 1
        try:
            yield
        finally:
            self._looking -= 1

    def refresh(self) -> None:
        """Forget the cached state; the next read reads the file again."""
        self._loaded = False
        self._data = None
        self._token = None
        self._trusted = False

    # -- writing --

    def write(self, data: dict[str, Any]) -> None:
        if not self._loaded:
            # Never write a state that was not built on a successful read of the file.
            self.read()
        self._data = self.codec.normalise(data)
        self.generation += 1
        if self._deferred:
            self._dirty = True
            return
        self._save()

    def _save(self, *, new_base: bool = False) -> None:
        data = self._data or {}
        token = secrets.token_hex(16)
        base = (secrets.token_hex(8).encode() if new_base or self._base is None else self._base).decode()
        meta = {"token": token, "base": base, "journal": self.journal_offset}
        try:
            encoded = self.codec.encode(meta, data, self.path)
            if self.verify:
                self._verify(encoded.payload, data)
        except BaseException:
            self.refresh()
            raise
        if self.create_dirs:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                self.refresh()
                raise StoreWriteError(self.path, exc) from exc
        try:
            atomic_write_bytes(self.path, encoded.chunks, keep_backup=self.keep_backup)
        except BaseException:
            self.refresh()  # the in-memory state was already changed by TinyDB: drop it
            raise
        try:  # read records back from the file (under the lock: it is the one just written)
            source: FileBytes | bytes = FileBytes.open(self.path)
            if len(source) != encoded.size:  # pragma: no cover - cannot happen under the lock
                raise OSError("the file just written changed")
        except OSError:  # pragma: no cover - then from memory
            source = encoded.payload
        try:
            self._data = self.codec.adopt(data, source, self.path)
        except Exception:  # pragma: no cover - the file is written and right; read it afresh instead
            self.refresh()
            return
        self._token, self._base = token.encode(), base.encode()
        self.snapshot_offset = self.journal_offset
        self.needs_migration = False
        try:
            self._stat_key = _stat_key(os.lstat(self.path))
        except OSError:  # pragma: no cover
            self._stat_key = None
        self.snapshot_writes += 1
        if self.journal is None:
            self.writes += 1

    def _verify(self, payload: bytes, data: Mapping[str, Mapping[str, Any]]) -> None:
        """(Tests: ``QUOTELENS_STORE_VERIFY``) the bytes are one JSON document holding exactly the
        state in memory, and they read back through the codec to the same tables."""
        again = self.codec.decode(payload, self.path)
        try:
            whole = orjson.loads(payload)
        except orjson.JSONDecodeError:
            if not any(getattr(t, "problems", dict)() for t in data.values()):
                raise
            whole = None  # a damaged record kept as found (until `store repair`): not one document
        for name, table in data.items():
            expected = dict(table.items())
            if whole is not None and {k: v for k, v in whole.get(name, {}).items() if k in expected} != expected:
                raise AssertionError(f"the snapshot of {self.path} as JSON differs from the state ({name})")
            if again is None or dict(again.tables[name].items()) != expected:
                raise AssertionError(f"the snapshot of {self.path} reads back differently ({name})")

    def save_snapshot(self, *, new_base: bool = False) -> None:
        """Fold the state into the file now (atomically, the backup kept). ``new_base``: the
        state is not only a fold of the journal (a bulk import): readers must re-read it."""
        if not self._loaded:
            self.read()
        self._save(new_base=new_base)

    def journaled(self, offset: int) -> None:
        """The transaction just committed was appended to the journal, which now ends at ``offset``."""
        self.journal_offset = offset
        self.writes += 1

    @property
    def snapshot_bytes(self) -> int:
        """The size of the snapshot file as last read or written (0: none yet)."""
        return self._stat_key[1] if self._stat_key else 0

    @property
    def journal_tail(self) -> int:
        """Bytes of journal not folded into the snapshot file yet."""
        return self.journal_offset - self.snapshot_offset

    # -- transactions --

    def defer(self) -> None:
        """Start a transaction: writes stay in memory until ``commit()``."""
        if self._deferred == 0:
            self._dirty = False
            self._trusted = False
        self._deferred += 1

    def commit(self) -> bool:
        """End a transaction; True when anything changed. Without a journal the change is saved
        here; with one the caller appends it to the journal (see the class docstring)."""
        self._deferred -= 1
        if self._deferred:
            return False
        self._trusted = False
        if not self._dirty:
            return False
        self._dirty = False
        if self.journal is None:
            self._save()
        return True

    def rollback(self) -> None:
        """Abandon a transaction: the in-memory changes are dropped (the file was not written)."""
        self._deferred = max(0, self._deferred - 1)
        if self._deferred == 0:
            self._dirty = False
            self._trusted = False
            self.refresh()

    def close(self) -> None:
        self._data = None
        self._loaded = False


__all__ = [
    "FileBytes",
    "Journal",
    "SafeJSONStorage",
    "SnapshotCodec",
    "SnapshotHead",
    "StoreCorrupt",
    "StoreError",
    "StoreLocked",
    "StoreUnsafePath",
    "StoreWriteError",
    "atomic_write_bytes",
    "backup_path",
    "cleanup_temp_files",
    "open_nofollow",
    "os_reason",
    "read_head",
    "refuse_symlink",
]
