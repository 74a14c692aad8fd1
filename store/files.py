"""The store's files: its errors (messages that name the file), opening without following
symbolic links, and the atomic write with one backup.

Shared by the annotation store (:mod:`store.safe_storage`, :mod:`store.annotations`) and
the analysis cache (:mod:`store.cache_files`).
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import stat
from collections.abc import Sequence
from pathlib import Path

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
        reason = os_reason(cause)
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


def os_reason(exc: BaseException | None) -> str:
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
