"""A TinyDB Storage that never leaves a half-written file, plus the store's errors.

``SafeJSONStorage`` writes the whole database the way a careful editor saves a
document:

1. serialise with orjson (compact, no indent) into a temporary file in the same
   directory, ``flush`` + ``fsync`` it;
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
annotations does not pay a full re-parse. Another process's write always
changes the token, so its data is never missed.

A file that cannot be parsed raises :class:`StoreCorrupt` and is never written
over: the storage refuses to write until it has read the file successfully.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

META_TABLE = "_meta"
FORMAT_VERSION = 1
_TOKEN_RE = re.compile(rb'"token":"([0-9a-f]{32})"')
_HEAD_BYTES = 160


# --- errors -----------------------------------------------------------------


class StoreError(Exception):
    """Base class of every annotation-store error; ``str(exc)`` is a message for the user."""


class StoreCorrupt(StoreError):
    """The store file exists but cannot be parsed. It is left untouched."""

    def __init__(self, path: str | os.PathLike[str], backup: str | os.PathLike[str] | None, detail: str = "") -> None:
        self.path = Path(path)
        self.backup = Path(backup) if backup else None
        self.detail = detail
        backup_text = (
            f"The previous version is kept in {self.backup}."
            if self.backup and self.backup.exists()
            else "There is no backup file."
        )
        if detail.startswith("the file is missing"):
            backup_text += f" (To really start afresh, delete {self.backup.name if self.backup else 'the backup'} too.)"
        super().__init__(
            f"The annotation store {self.path} cannot be read ({detail or 'invalid JSON'}). "
            f"It has not been modified. {backup_text} "
            f"Run `quotelens store repair --store {self.path.parent}` to restore the backup and "
            f"salvage the readable records."
        )


class StoreWriteError(StoreError):
    """Saving failed (disk full, read-only directory, permission …); the last good state is on disk."""

    def __init__(self, path: str | os.PathLike[str], cause: BaseException | None = None, action: str = "save") -> None:
        self.path = Path(path)
        self.cause = cause
        reason = _os_reason(cause)
        what = {"save": "save to", "lock": "lock", "history": "append to"}.get(action, action)
        super().__init__(
            f"Could not {what} {self.path}: {reason}. Nothing was changed on disk; "
            f"the last saved annotations are intact."
        )


class StoreLocked(StoreError):
    """Another process held the store lock for longer than the timeout."""

    def __init__(self, path: str | os.PathLike[str], timeout: float) -> None:
        self.path = Path(path)
        self.timeout = timeout
        super().__init__(
            f"The annotation store is locked by another quotelens process ({self.path}, waited {timeout:g} s). "
            "Try again in a moment."
        )


def _os_reason(exc: BaseException | None) -> str:
    if exc is None:
        return "unknown error"
    if isinstance(exc, OSError) and exc.errno is not None:
        names = {
            errno.ENOSPC: "the disk is full",
            errno.EDQUOT: "the disk quota is exceeded",
            errno.EROFS: "the file system is read-only",
            errno.EACCES: "permission denied",
            errno.EPERM: "operation not permitted",
            errno.EFBIG: "the file is too large (file-size limit)",
        }
        return names.get(exc.errno, exc.strerror or str(exc))
    return str(exc) or type(exc).__name__


class StoreUnsafePath(StoreError):
    """A file of the store is a symbolic link (or not a regular file): it is never followed."""

    def __init__(self, path: str | os.PathLike[str], what: str = "a symbolic link") -> None:
        self.path = Path(path)
        try:
            target = f" (to {os.readlink(self.path)})" if self.path.is_symlink() else ""
        except OSError:
            target = ""
        super().__init__(
            f"Refusing to use {self.path}: it is {what}{target}. quotelens never follows links for the files "
            "of its store, so a link planted in a corpus cannot make it write or read elsewhere; nothing "
            "was written. Remove the link (or replace it with the real file) and try again."
        )


# --- paths ------------------------------------------------------------------

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def open_nofollow(path: str | os.PathLike[str], flags: int, mode: int = 0o644) -> int:
    """``os.open`` that refuses a symbolic link at ``path`` (:class:`StoreUnsafePath`).

    With ``O_NOFOLLOW`` the kernel refuses the link itself (no window between a check
    and the open); a FIFO or device is refused too, so a read never hangs on one.
    """
    try:
        fd = os.open(path, flags | _NOFOLLOW | _CLOEXEC | getattr(os, "O_NONBLOCK", 0), mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP or (exc.errno in (errno.EMLINK, errno.ENXIO) and os.path.islink(path)):
            raise StoreUnsafePath(path) from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise StoreUnsafePath(path, "not a regular file")
        if getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def refuse_symlink(path: str | os.PathLike[str]) -> None:
    """Raise :class:`StoreUnsafePath` when ``path`` is a symbolic link (a dangling one too)."""
    if os.path.islink(path):
        raise StoreUnsafePath(path)


def backup_path(path: str | os.PathLike[str]) -> Path:
    path = Path(path)
    return path.with_name(path.name + ".bak")


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows cannot open directories
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on directories
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(
    path: str | os.PathLike[str], payload: bytes | Sequence[bytes], *, keep_backup: bool = True
) -> None:
    """Write ``payload`` (bytes, or a sequence of chunks written with ``writev``) to
    ``path`` atomically (temp file, fsync, replace, fsync dir).

    With ``keep_backup`` the replaced version becomes ``<path>.bak`` — only once the new
    version is in place: a save that fails leaves both files as they were. Raises
    :class:`StoreWriteError` and leaves ``path`` untouched on any failure; refuses
    (:class:`StoreUnsafePath`) when ``path`` or its backup is a symbolic link.
    """
    path = Path(path)
    refuse_symlink(path)
    if keep_backup:
        refuse_symlink(backup_path(path))
    directory = path.parent
    tmp = directory / f".{path.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}"
    kept: Path | None = None
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o644)
        try:
            _write_all(fd, [payload] if isinstance(payload, (bytes, bytearray)) else payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        if keep_backup and path.exists():
            kept = _link_current(path)
        os.replace(tmp, path)
    except BaseException as exc:
        for leftover in (tmp, kept):
            if leftover is not None:
                try:
                    os.unlink(leftover)
                except OSError:
                    pass
        if isinstance(exc, OSError):
            raise StoreWriteError(path, exc) from exc
        raise
    if kept is not None:
        try:
            os.replace(kept, backup_path(path))  # the version just replaced is now the backup
        except OSError:
            pass
        # rename() between two links of one file does nothing: never leave the temp name behind
        try:
            os.unlink(kept)
        except OSError:
            pass
    _fsync_dir(directory)


_IOV_MAX = min(getattr(os, "sysconf", lambda _n: 1024)("SC_IOV_MAX") if hasattr(os, "sysconf") else 1024, 1024)


def _write_all(fd: int, chunks: Sequence[bytes]) -> None:
    """Write every chunk, in order, handling short writes."""
    if not hasattr(os, "writev"):  # pragma: no cover - Windows
        for chunk in chunks:
            view = memoryview(chunk)
            while view:
                view = view[os.write(fd, view) :]
        return
    i, n = 0, len(chunks)
    while i < n:
        batch = chunks[i : i + _IOV_MAX]
        expected = sum(map(len, batch))
        written = os.writev(fd, batch)
        if written == expected:
            i += len(batch)
            continue
        # short write: finish this batch chunk by chunk
        for chunk in batch:
            if written >= len(chunk):
                written -= len(chunk)
                continue
            view = memoryview(chunk)[written:]
            written = 0
            while view:
                view = view[os.write(fd, view) :]
        i += len(batch)


def _link_current(path: Path) -> Path:
    """A second name for the current version of ``path`` (a hard link, or a copy where links
    are not supported), to become ``<path>.bak`` once the new version is in place."""
    bak = backup_path(path)
    tmp = path.parent / f".{bak.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        os.link(path, tmp, follow_symlinks=False)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES):
            raise
        shutil.copyfile(path, tmp, follow_symlinks=False)  # no hard links here (some network/FUSE file systems)
    return tmp


def cleanup_temp_files(path: str | os.PathLike[str]) -> int:
    """Remove temporary files left by writers that died mid-write (call with the lock held)."""
    path = Path(path)
    removed = 0
    for prefix in (f".{path.name}.tmp-", f".{backup_path(path).name}.tmp-"):
        for tmp in path.parent.glob(prefix + "*"):
            try:
                pid = int(tmp.name[len(prefix) :].split("-")[0])
            except ValueError:
                continue
            if pid != os.getpid() and _pid_alive(pid):
                continue
            try:
                tmp.unlink()
                removed += 1
            except OSError:
                pass
    return removed


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


# --- parsing ----------------------------------------------------------------


def parse_store_bytes(raw: bytes, path: Path) -> dict[str, dict[str, Any]] | None:
    """Parse the bytes of a store file, raising :class:`StoreCorrupt` when they are not a TinyDB database."""
    if not raw.strip():
        return None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise StoreCorrupt(path, backup_path(path), f"invalid JSON: {exc}") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise StoreCorrupt(path, backup_path(path), "not a TinyDB database (expected an object of tables)")
    return data


def read_token(path: Path) -> tuple[bytes | None, os.stat_result | None]:
    """The write token at the head of the file and the file's stat (None, None when missing)."""
    try:
        with os.fdopen(open_nofollow(path, os.O_RDONLY), "rb") as fh:
            st = os.fstat(fh.fileno())
            head = fh.read(_HEAD_BYTES)
    except FileNotFoundError:
        return None, None
    m = _TOKEN_RE.search(head)
    return (m.group(1) if m else None), st


# --- the storage -------------------------------------------------------------


class SafeJSONStorage(Storage):
    """Atomic, cached, corruption-refusing JSON storage for TinyDB.

    ``TinyDB(path, storage=SafeJSONStorage)``. Extra behaviour, used by
    :class:`store.annotations.AnnotationStore`:

    - ``defer()`` / ``commit()`` / ``rollback()``: inside a transaction writes only
      update the in-memory state, and ``commit()`` saves once.
    - ``refresh()``: forget the cached state (next read goes to disk).
    - ``generation``: a token that changes whenever the state changes (for caches
      built on top of the data, e.g. the set of tags).
    """

    def __init__(
        self, path: str | os.PathLike[str], create_dirs: bool = True, keep_backup: bool = True, **_: Any
    ) -> None:
        super().__init__()
        self.path = Path(path)  # never a symbolic link: reads and writes refuse one (StoreUnsafePath)
        self.backup = backup_path(self.path)
        self.create_dirs = create_dirs
        self.keep_backup = keep_backup
        self._data: dict[str, dict[str, Any]] | None = None
        self._token: bytes | None = None
        self._stat_key: tuple[int, int, int] | None = None
        self._loaded = False
        self._deferred = 0
        self._dirty = False
        self._trusted = False  # inside a transaction the state was validated once; skip re-checks
        self.generation = 0
        self.writes = 0
        self._enc: dict[str, dict[str, bytes]] = {}  # table -> doc id -> encoded '"id":{...}'
        self._dirty_note: dict[str, set[str] | None] | None = None
        self._noted = False
        self._unnoted = False
        self._warm = False  # True once this process saved since the last load
        self.verify = bool(os.environ.get("QUOTELENS_STORE_VERIFY"))
        self.full_reads = 0

    # -- reading --

    def _is_current(self) -> bool:
        token, st = read_token(self.path)
        if st is None:
            return self._loaded and self._data is None and self._token is None
        return (
            self._loaded
            and token is not None
            and token == self._token
            and (st.st_ino, st.st_size, st.st_mtime_ns) == self._stat_key
        )

    def _load(self) -> None:
        try:
            with os.fdopen(open_nofollow(self.path, os.O_RDONLY), "rb") as fh:
                st = os.fstat(fh.fileno())
                raw = fh.read()
        except FileNotFoundError:
            refuse_symlink(self.backup)
            if self.backup.exists() and self.backup.stat().st_size > 0:
                # Starting afresh here would soon rotate the only good copy out of the backup.
                raise StoreCorrupt(self.path, self.backup, "the file is missing but its backup exists") from None
            self._enc.clear()
            self._data, self._token, self._stat_key = None, None, None
            self._loaded = True
            self.generation += 1
            return
        except OSError as exc:
            raise StoreError(f"Cannot read the annotation store {self.path}: {_os_reason(exc)}.") from exc
        self.full_reads += 1
        if not raw.strip() and self.backup.exists() and self.backup.stat().st_size > 0:
            raise StoreCorrupt(self.path, self.backup, "the file is empty")
        data = parse_store_bytes(raw, self.path)
        m = _TOKEN_RE.search(raw[:_HEAD_BYTES])
        self._data = data
        self._enc.clear()
        self._warm = False
        self._dirty_note = None
        self._token = m.group(1) if m else None
        self._stat_key = (st.st_ino, st.st_size, st.st_mtime_ns)
        self._loaded = True
        self.generation += 1

    def read(self) -> dict[str, dict[str, Any]] | None:
        if not (self._trusted or (self._deferred and self._dirty)):
            if not self._is_current():
                self._load()
            if self._deferred:
                self._trusted = True
        return self._data

    def refresh(self) -> None:
        """Forget the cached state; the next read parses the file again."""
        self._loaded = False
        self._data = None
        self._token = None
        self._trusted = False
        self._enc.clear()
        self._dirty_note = None

    # -- writing --

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if not self._loaded:
            # Never write a state that was not built on a successful read of the file.
            self.read()
        self._data = data
        self.generation += 1
        if not self._noted:
            self._unnoted = True  # a write nobody described: re-encode in full
        self._noted = False
        if self._deferred:
            self._dirty = True
            return
        self._save()

    def note_dirty(self, table: str, doc_ids: Iterable[str] | None) -> None:
        """Tell the storage which documents the next ``write`` changes (None: unknown/all).

        Lets a save re-encode only those documents and splice the cached bytes of
        the others (a save at 10k annotations serialises one record, not 10k).
        Without a note every table is re-encoded in full, which is always safe.
        """
        self._noted = True
        if self._dirty_note is None:
            self._dirty_note = {}
        if doc_ids is None:
            self._dirty_note[table] = None
        elif self._dirty_note.get(table, ()) is not None:
            self._dirty_note.setdefault(table, set()).update(str(i) for i in doc_ids)  # type: ignore[union-attr]

    def _encode(self, out: dict[str, Any]) -> list[bytes]:  # noqa: C901
        note, self._dirty_note = (None if self._unnoted else self._dirty_note), None
        self._unnoted = False
        parts: list[bytes] = [b"{"]
        for i, (name, table) in enumerate(out.items()):
            if i:
                parts.append(b",")
            if name == META_TABLE or not isinstance(table, dict):
                parts.append(orjson.dumps(name) + b":" + orjson.dumps(table))
                continue
            cache = self._enc.get(name)
            ids = None if note is None else note.get(name, set())
            if cache is None and not self._warm:
                # First save since the state was (re)loaded: one plain encode is cheaper than
                # building the per-document cache, which pays off only if this process saves
                # again before someone else does (then it is built on the next save).
                parts.append(orjson.dumps(name) + b":" + orjson.dumps(table))
                self._warm = True
                continue
            if cache is None or ids is None:
                cache = self._enc[name] = {k: b"," + orjson.dumps(k) + b":" + orjson.dumps(v) for k, v in table.items()}
            else:
                for k in ids:
                    if k in table:
                        cache[k] = b"," + orjson.dumps(k) + b":" + orjson.dumps(table[k])
                    else:
                        cache.pop(k, None)
                if len(cache) != len(table):  # a change nobody noted: rebuild (never write stale bytes)
                    cache = self._enc[name] = {
                        k: b"," + orjson.dumps(k) + b":" + orjson.dumps(v) for k, v in table.items()
                    }
            parts.append(orjson.dumps(name) + b":{")
            # each cached entry is ',"id":{...}' (the first one is written without its comma);
            # the entries are not joined: writev writes them straight from the cache
            entries = list(cache.values())
            if entries:
                entries[0] = entries[0][1:]
                parts.extend(entries)
            parts.append(b"}")
        parts.append(b"}")
        for name in list(self._enc):
            if name not in out:
                del self._enc[name]
        if self.verify and orjson.loads(b"".join(parts)) != orjson.loads(orjson.dumps(out)):
            raise AssertionError(f"spliced encoding of {self.path} differs from the data (a change was not noted)")
        return parts

    def _save(self) -> None:
        data = self._data or {}
        token = secrets.token_hex(16)
        meta = {"1": {"token": token, "format": FORMAT_VERSION, "app": "quotelens"}}
        out: dict[str, Any] = {META_TABLE: meta}
        for name, table in data.items():
            if name != META_TABLE:
                out[name] = table
        try:
            payload = self._encode(out)
        except BaseException:
            self._enc.clear()
            self.refresh()
            raise
        if self.create_dirs:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                self.refresh()
                raise StoreWriteError(self.path, exc) from exc
        try:
            atomic_write_bytes(self.path, payload, keep_backup=self.keep_backup)
        except BaseException:
            self.refresh()  # the in-memory state was already changed by TinyDB: drop it
            raise
        data[META_TABLE] = meta
        self._data = data
        self._token = token.encode()
        try:
            st = os.stat(self.path)
            self._stat_key = (st.st_ino, st.st_size, st.st_mtime_ns)
        except OSError:  # pragma: no cover
            self._stat_key = None
        self.writes += 1

    # -- transactions --

    def defer(self) -> None:
        """Start a transaction: writes stay in memory until ``commit()``."""
        if self._deferred == 0:
            self._dirty = False
            self._trusted = False
        self._deferred += 1

    def commit(self) -> bool:
        """End a transaction; save if anything changed. Returns True when a save happened."""
        self._deferred -= 1
        if self._deferred:
            return False
        self._trusted = False
        if not self._dirty:
            return False
        self._dirty = False
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
    "FORMAT_VERSION",
    "META_TABLE",
    "SafeJSONStorage",
    "StoreCorrupt",
    "StoreError",
    "StoreLocked",
    "StoreWriteError",
    "atomic_write_bytes",
    "backup_path",
    "cleanup_temp_files",
    "parse_store_bytes",
]
