"""The analysis cache's file: opening it safely, clear errors, and repair.

- Every SQLite error on the cache becomes :class:`CacheError` (a ``StoreError``: a user
  message naming the file and saying what to do), never a raw traceback.
- A cache that cannot be written (read-only file or folder, a read-only medium) is
  opened read-only, so commands that only read still work; a write then fails clearly.
- A damaged cache (not a database, malformed pages) is set aside as
  ``analysis.sqlite.corrupt-<time>`` (never deleted) and rebuilt from the corpus; the
  user is told (``AnalysisCache.notices``).
- Symbolic links are never followed for the cache or its ``-wal``/``-shm``/``-journal``
  files (a link planted in a corpus's ``.quotelens`` must not create a database elsewhere).
- ``check_cache`` / ``repair_cache``: what ``quotelens store check|repair`` run.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from store.files import os_reason
from store.safe_storage import StoreError, StoreUnsafePath, refuse_symlink

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
_DAMAGED = ("not a database", "malformed", "file is encrypted", "database corrupt")


class CacheError(StoreError):
    """The analysis cache cannot be read or written; ``str(exc)`` says which file and why."""

    def __init__(self, path: str | os.PathLike[str], cause: BaseException, action: str = "use") -> None:
        self.path = Path(path)
        self.cause = cause
        self.damaged = is_damaged(cause)
        reason = cache_reason(cause)
        advice = (
            f"Run `quotelens store repair --store {self.path.parent}` to set it aside and rebuild it from the corpus."
            if self.damaged
            else "The annotations are not affected."
        )
        super().__init__(f"Cannot {action} the analysis cache {self.path}: {reason}. {advice}")


# SQLite's codes for a state another process is passing through: it holds a lock, or it is setting up or
# recovering the WAL index of a cache it has just made ("attempt to write a readonly database" then means
# "not yet", not "never"). Python 3.11 gives them as ``sqlite_errorcode``.
_TRANSIENT_CODES = frozenset(
    {
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
        sqlite3.SQLITE_READONLY_RECOVERY,
        sqlite3.SQLITE_READONLY_CANTINIT,
    }
)


def is_transient(exc: BaseException) -> bool:
    """Whether the error comes from another process's passing state, so that trying again may succeed."""
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, sqlite3.Error) and (
        code in _TRANSIENT_CODES or (code is not None and (code & 0xFF) in _TRANSIENT_CODES)  # "busy (snapshot)" …
    )


def is_damaged(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and any(d in text for d in _DAMAGED)


def cache_reason(exc: BaseException) -> str:
    """What went wrong, in words (SQLite's messages are terse)."""
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno is not None:
        return os_reason(exc)
    if "readonly" in text or "read-only" in text:
        return "it is read-only (the file or its folder cannot be written)"
    if "disk is full" in text or "database or disk is full" in text:
        return "the disk is full or a file-size limit was reached"
    if "disk i/o error" in text:
        return "a disk I/O error (the disk may be full, a file-size limit reached, or the device failing)"
    if is_damaged(exc):
        return f"the file is damaged ({exc})"
    if "unable to open" in text:
        return "it cannot be opened (check the folder's permissions)"
    if "locked" in text or "busy" in text:
        return "another quotelens process kept it locked too long"
    return str(exc) or type(exc).__name__


class GuardedConnection(sqlite3.Connection):
    """A connection whose SQLite errors are :class:`CacheError`\\ s naming the file."""

    cache_path: Path = Path()

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as exc:
            raise CacheError(self.cache_path, exc, _action(sql)) from exc

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        try:
            return super().executemany(sql, parameters)
        except sqlite3.Error as exc:
            raise CacheError(self.cache_path, exc, _action(sql)) from exc

    def executescript(self, sql_script: str, /) -> sqlite3.Cursor:
        try:
            return super().executescript(sql_script)
        except sqlite3.Error as exc:
            raise CacheError(self.cache_path, exc, "write") from exc


def _action(sql: str) -> str:
    return "read" if sql.lstrip()[:6].upper() in ("SELECT", "PRAGMA") else "write"


def refuse_links(path: Path) -> None:
    """Refuse the cache file or one of its side files when it is a symbolic link."""
    for p in (path, *(path.with_name(path.name + s) for s in SIDE_SUFFIXES)):
        refuse_symlink(p)
        if p.exists() and not p.is_file():
            raise StoreUnsafePath(p, "not a regular file")


def connect(path: Path, *, readonly: bool = False, immutable: bool = False) -> GuardedConnection:
    """A connection to the cache (WAL, generous busy timeout); read-only when asked
    (``immutable``: on a read-only medium, where not even the WAL index can be made)."""
    refuse_links(path)
    try:
        if readonly or immutable:
            con = sqlite3.connect(
                f"{path.resolve().as_uri()}?{'immutable=1' if immutable else 'mode=ro'}",
                uri=True,
                timeout=60,
                isolation_level=None,
                check_same_thread=False,
                factory=GuardedConnection,
            )
        else:
            con = sqlite3.connect(
                path, timeout=60, isolation_level=None, check_same_thread=False, factory=GuardedConnection
            )
    except sqlite3.Error as exc:
        raise CacheError(path, exc, "open") from exc
    assert isinstance(con, GuardedConnection)
    con.cache_path = path
    try:
        if not (readonly or immutable):
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
        con.execute("PRAGMA busy_timeout=60000")
        con.execute("PRAGMA cache_size=-65536")
    except CacheError:
        con.close()
        raise
    return con


def set_aside(path: Path) -> Path:
    """Rename a damaged cache (and its side files) to ``<name>.corrupt-<time>``; the new name."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.corrupt-{stamp}")
    os.replace(path, kept)
    for suffix in SIDE_SUFFIXES:
        side = path.with_name(path.name + suffix)
        if side.exists() and not side.is_symlink():
            os.replace(side, kept.with_name(kept.name + suffix))
    return kept


@dataclass
class CacheCheck:
    path: Path
    ok: bool
    message: str
    counts: dict[str, int] | None = None


def check_cache(path: Path) -> CacheCheck:
    """Open the cache read-only and run SQLite's integrity check (``quick_check``)."""
    if not path.exists() and not path.is_symlink():
        return CacheCheck(path, True, f"No analysis cache yet ({path} does not exist).")
    try:
        con = connect(path, readonly=True)
    except StoreUnsafePath as exc:
        return CacheCheck(path, False, str(exc))
    except CacheError as exc:
        return CacheCheck(path, False, str(exc))
    try:
        rows = [r[0] for r in con.execute("PRAGMA quick_check").fetchall()]
        if rows != ["ok"]:
            return CacheCheck(
                path,
                False,
                f"The analysis cache {path} is damaged ({'; '.join(map(str, rows[:3]))}). "
                f"Run `quotelens store repair --store {path.parent}` to set it aside and rebuild it from the corpus.",
            )
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("analyses", "texts", "corpora")}
        stale = stale_snapshots(con)
        if stale:
            return CacheCheck(
                path,
                False,
                f"The analysis cache {path} holds {len(stale)} corpus snapshot(s) that refer to analyses that are "
                f"gone (left by an older quotelens when two processes analysed one corpus at once). Run "
                f"`quotelens store repair --store {path.parent}`: the next open then re-reads the corpus.",
                counts,
            )
    except CacheError as exc:
        return CacheCheck(path, False, str(exc))
    finally:
        con.close()
    return CacheCheck(path, True, f"{path}: {counts['analyses']:,} analyses, {counts['corpora']:,} corpora", counts)


def stale_snapshots(con: sqlite3.Connection) -> list[str]:
    """Keys of the corpus snapshots that name an analysis id the cache no longer has."""
    import orjson

    from store.columns import load_table

    store_dir = Path(con.cache_path).parent if isinstance(con, GuardedConnection) else Path()
    known: dict[str, set[int]] = {}
    out = []
    for ckey, akey, columns in con.execute("SELECT ckey, akey, columns FROM corpora").fetchall():
        if akey not in known:
            known[akey] = {i for (i,) in con.execute("SELECT id FROM facets WHERE akey=?", (akey,))}
        reference = orjson.loads(columns)
        table = load_table(store_dir, reference) if "table" in reference else None
        aids = [int(a) for a in table.numbers["aid"]] if table is not None else reference.get("aid") or []
        if any(a >= 0 and a not in known[akey] for a in aids):
            out.append(ckey)
    return out


def repair_cache(path: Path, *, dry_run: bool = False) -> str | None:
    """Set a damaged cache aside so the next command rebuilds it (or drop snapshots that
    refer to analyses that are gone); a message, or None when it is fine."""
    result = check_cache(path)
    if result.ok:
        return None
    if path.is_symlink():
        return result.message  # never touched: the user removes the link
    if result.counts is not None:  # a good database with stale snapshots
        if dry_run:
            return f"Would drop the stale corpus snapshots in {path}; the next open re-reads the corpus."
        con = connect(path)
        try:
            stale = stale_snapshots(con)
            con.executemany("DELETE FROM corpora WHERE ckey=?", [(k,) for k in stale])
        finally:
            con.close()
        return f"Dropped {len(stale)} stale corpus snapshot(s) from {path}; the next open re-reads the corpus."
    if dry_run:
        return f"Would set the damaged analysis cache {path} aside; the next command rebuilds it from the corpus."
    try:
        kept = set_aside(path)
    except OSError as exc:
        raise CacheError(path, exc, "set aside") from exc
    return (
        f"The damaged analysis cache {path} was set aside as {kept.name}; the next command rebuilds it from "
        "the corpus (your annotations are not affected)."
    )
