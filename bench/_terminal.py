"""A program in a real terminal (a pseudo-terminal), timed as its user sees it.

``Terminal(argv, cols, rows)`` starts ``argv`` on a new pty of that size, the
way a terminal emulator would: the program's stdin, stdout and stderr are the
pty, it is the session leader with the pty as its controlling terminal, and
``TERM`` says xterm-256color. A thread reads everything the program writes
and notes when each chunk arrived; ``press(key)`` writes the key's bytes and
waits until the screen settles, i.e. nothing more is written for ``settle``
seconds. The key's time is then *until the last byte of its update*: what a
terminal shows once it has drawn everything the program sent. Nothing else
(Textual callbacks, Pilot) is involved, so a bare Textual app measured the
same way is a fair yardstick.
"""

from __future__ import annotations

import fcntl
import os
import re
import signal
import struct
import subprocess
import termios
import threading
import time
from dataclasses import dataclass

# What a terminal sends for the keys the benchmark presses.
KEYS = {
    "enter": b"\r",
    "escape": b"\x1b",
    "tab": b"\t",
    "ctrl+p": b"\x10",
}


# Output that draws nothing: operating-system commands (a pointer shape, a title) and
# the mode switches Textual writes with every update.
_NOT_DRAWING = re.compile(rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\\\)|\x1b\[\?\d+[hl]")


def draws(data: bytes) -> bool:
    """Whether ``data`` changes what the terminal shows (not only OSC or mode sequences)."""
    return bool(_NOT_DRAWING.sub(b"", data))


@dataclass(frozen=True)
class KeyTime:
    """One key: milliseconds until the first byte that draws (the first paint) and until the
    last byte of its update."""

    first_ms: float
    settled_ms: float
    n_bytes: int


class Terminal:
    """See the module docstring."""

    def __init__(
        self, argv: list[str], cols: int, rows: int, env: dict[str, str] | None = None, cwd: str | None = None
    ):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self._master = master
        self._chunks: list[tuple[float, int]] = []  # (arrival, end offset in the output)
        self._text = bytearray()
        self._lock = threading.Lock()
        full_env = dict(os.environ if env is None else env, TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
        full_env.pop("TEXTUAL", None)

        def become_terminal_owner() -> None:
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full_env,
            cwd=cwd,
            preexec_fn=become_terminal_owner,
            close_fds=True,
        )
        os.close(slave)
        self._reader = threading.Thread(target=self._read, name="pty reader", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self._master, 65536)
            except OSError:
                return
            if not data:
                return
            now = time.perf_counter()
            with self._lock:
                self._text += data
                self._chunks.append((now, len(self._text)))

    # --- waiting --------------------------------------------------------------------------
    def output_since(self, start: int) -> bytes:
        with self._lock:
            return bytes(self._text[start:])

    @property
    def written(self) -> int:
        with self._lock:
            return len(self._text)

    def wait_for(self, needle: bytes, timeout: float = 600.0) -> None:
        """Until ``needle`` has been written (raises with the tail of the output on timeout)."""
        deadline = time.perf_counter() + timeout
        while needle not in self.output_since(0):
            if self.process.poll() is not None or time.perf_counter() > deadline:
                tail = self.output_since(0)[-2000:].decode("utf-8", "replace")
                raise RuntimeError(f"{needle!r} never appeared (exit {self.process.poll()}); output ends:\n{tail}")
            time.sleep(0.01)

    def quiet(self, settle: float, timeout: float = 30.0) -> None:
        """Until nothing has been written for ``settle`` seconds."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            with self._lock:
                last = self._chunks[-1][0] if self._chunks else 0.0
            if time.perf_counter() - last >= settle:
                return
            time.sleep(settle / 10)

    # --- keys -----------------------------------------------------------------------------
    def press(self, key: str, settle: float = 0.15, timeout: float = 5.0) -> KeyTime | None:
        """Write ``key`` and wait for the screen to settle; None when nothing was drawn within
        ``timeout``. A screen still changing after ``timeout`` counts as settled then (and
        ``KeyTime.settled_ms`` says so by being that long)."""
        self.quiet(settle)
        with self._lock:
            before = len(self._chunks)
            offset = len(self._text)
        data = KEYS.get(key, key.encode())
        started = time.perf_counter()
        os.write(self._master, data)
        deadline = started + timeout
        while True:
            time.sleep(settle / 20)
            now = time.perf_counter()
            with self._lock:
                new = self._chunks[before:]
            if new and (now - new[-1][0] >= settle or now > deadline):
                break
            if not new and now > deadline:
                return None
        with self._lock:
            text = bytes(self._text[offset : new[-1][1]])
        starts = [offset] + [end for _, end in new[:-1]]
        first = next(
            (at for (at, end), start in zip(new, starts, strict=True) if draws(text[start - offset : end - offset])),
            new[-1][0],
        )
        return KeyTime(
            first_ms=(first - started) * 1000,
            settled_ms=(new[-1][0] - started) * 1000,
            n_bytes=new[-1][1] - offset,
        )

    def hold(self, key: str, presses: int, interval: float, settle: float = 0.15, timeout: float = 5.0) -> KeyTime:
        """Hold ``key`` down: ``presses`` writes of it ``interval`` seconds apart (a terminal's
        auto-repeat), without waiting for the screen between them; then wait for the screen to
        settle. Times are from the LAST press: how long after the user lets go the screen stops
        changing (0 when it had already caught up, nothing drawn after the last press)."""
        self.quiet(settle)
        data = KEYS.get(key, key.encode())
        due = time.perf_counter()
        last = due
        for _ in range(presses):
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            last = time.perf_counter()
            os.write(self._master, data)
            due += interval
        deadline = last + timeout
        while True:
            time.sleep(settle / 20)
            now = time.perf_counter()
            with self._lock:
                latest = self._chunks[-1][0] if self._chunks else 0.0
            if (latest <= last and now - last >= settle) or (latest > last and now - latest >= settle):
                break
            if now > deadline:
                break
        with self._lock:
            after = [(at, end) for at, end in self._chunks if at > last]
            start = next((i for i, (at, _) in enumerate(self._chunks) if at > last), len(self._chunks))
            offset = self._chunks[start - 1][1] if start > 0 else 0
            text = bytes(self._text[offset : after[-1][1]]) if after else b""
        if not after:
            return KeyTime(first_ms=0.0, settled_ms=0.0, n_bytes=0)
        starts = [offset] + [end for _, end in after[:-1]]
        first = next(
            (at for (at, end), begin in zip(after, starts, strict=True) if draws(text[begin - offset : end - offset])),
            after[-1][0],
        )
        return KeyTime(
            first_ms=(first - last) * 1000, settled_ms=(after[-1][0] - last) * 1000, n_bytes=after[-1][1] - offset
        )

    def cpu_seconds(self) -> float:
        """CPU time the program has used so far, all its threads (Linux: /proc; else 0)."""
        try:
            with open(f"/proc/{self.process.pid}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self._master)
