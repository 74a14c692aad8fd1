"""The inter-process lock around every read-modify-write of the annotation store.

One lock file next to the store (``annotations.json.lock``), taken with
:mod:`filelock` (``fcntl``/``flock`` on Unix: released by the kernel when the
holder dies, so a ``kill -9`` never leaves a stale lock). A thread lock is taken
first so that threads of one process (Textual workers) queue up cheaply.

Reads do not need the lock: writes replace the file atomically (see
``store.safe_storage``), so a reader always sees one complete version.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from store.safe_storage import StoreLocked, StoreWriteError, open_nofollow

DEFAULT_TIMEOUT = 15.0
POLL_INTERVAL = 0.003  # flock is polled while another process holds it; saves take milliseconds


class StoreLock:
    """A re-entrant (per thread) lock shared by the threads of this process and
    exclusive across processes."""

    def __init__(self, lock_path: str | os.PathLike[str], timeout: float = DEFAULT_TIMEOUT) -> None:
        self.path = Path(lock_path)
        self.timeout = timeout
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._file_lock = FileLock(
            str(self.path),
            timeout=timeout,
            thread_local=False,
            preserve_lock_file=True,
            poll_interval=POLL_INTERVAL,
        )

    @contextmanager
    def __call__(self) -> Iterator[None]:
        if not self._thread_lock.acquire(timeout=self.timeout):
            raise StoreLocked(self.path, self.timeout)
        try:
            if self._depth == 0:
                try:
                    # create the lock file ourselves, refusing a symbolic link planted in its place
                    os.close(open_nofollow(self.path, os.O_RDWR | os.O_CREAT))
                    self._file_lock.acquire()
                except Timeout:
                    raise StoreLocked(self.path, self.timeout) from None
                except OSError as exc:  # read-only directory, permission, disk full …
                    raise StoreWriteError(self.path, exc, action="lock") from exc
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    try:
                        self._file_lock.release()
                    except OSError:  # pragma: no cover - release of an fcntl lock does not fail in practice
                        pass
        finally:
            self._thread_lock.release()


__all__ = ["DEFAULT_TIMEOUT", "StoreLock"]
