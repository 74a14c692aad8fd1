"""The history file as the journal the store's snapshot is folded from.

A save appends one line (the change: what changed, see :mod:`store.annotations.history`)
to ``annotations.history.jsonl`` and fsyncs it: that is the commit. ``annotations.json``
is a snapshot that names the journal offset it folds in; it is rewritten only now and
then (:data:`FOLD_BYTES` of journal since the last fold, a quarter of the snapshot's size,
or at every save while it is under :data:`SMALL_SNAPSHOT`; and after a bulk import), so
the cost of a save does not grow with the store. Opening parses the snapshot and applies the lines
after its offset; a process that already has the state applies only the lines other
processes appended since (:meth:`ChangeJournal.replay`).
"""

from __future__ import annotations

import os
import stat
from typing import Any

from store.annotations.history import Change, HistoryLog, parse_line
from store.annotations.records import (
    DEFAULTS,
    PEOPLE_TABLE,
    PERSON,
    QUOTE,
    STATE,
    STATE_TABLE,
    TABLE,
    person_problem,
    record_problem,
)
from store.safe_storage import StoreError, StoreUnsafePath, open_nofollow

# Journal bytes after which a save also folds the state into the snapshot (about 3,000
# changes): opening replays at most this much, and the fold's cost is spread over them.
FOLD_BYTES = 1_000_000
# A snapshot this small is folded at every save (cheap), so a small store's file is always current.
SMALL_SNAPSHOT = 64_000

TABLE_OF = {QUOTE: TABLE, PERSON: PEOPLE_TABLE, STATE: STATE_TABLE}


def change_problem(change: Change) -> str | None:
    """Why a journaled change cannot be applied (a record of the wrong shape), or None."""
    for item in change.items:
        for rec in (item.before, item.after):
            if rec is not None and not isinstance(rec, dict):
                return f"a record of {item.quote_id!r} is not an object"
        if item.before is None and item.after is not None:
            check = record_problem if item.kind == QUOTE else person_problem if item.kind == PERSON else None
            problem = check(item.quote_id, item.after) if check else None
            if problem:
                return problem
    return None


def apply_change(data: dict[str, dict[str, Any]], change: Change) -> None:
    """Apply one journaled change to the tables (what the process that made it did in memory)."""
    for item in change.items:
        name = TABLE_OF.get(item.kind)
        if name is None:
            continue
        table = data.setdefault(name, {})
        key = item.quote_id
        if item.after is None:
            table.pop(key, None)
        elif item.before is None:
            table[key] = dict(item.after)
        else:
            current = table.get(key)
            if current is None and key in getattr(table, "problems", dict)():
                continue  # a record of the wrong shape is kept as it is, for `store repair`
            rec = dict(current) if isinstance(current, dict) else ({"quote_id": key} if item.kind == QUOTE else {})
            for field, value in item.after.items():
                if value is None or (item.kind == QUOTE and field in DEFAULTS and value == DEFAULTS[field]):
                    rec.pop(field, None)
                else:
                    rec[field] = value
            if item.kind == QUOTE:
                rec["updated"], rec["by"] = change.ts, change.who
            table[key] = rec


class ChangeJournal:
    """The history file seen as the storage's journal (:class:`store.safe_storage.Journal`)."""

    def __init__(self, log: HistoryLog) -> None:
        self.log = log
        self.path = log.path
        self.warnings: list[str] = []

    def size(self) -> int:
        try:
            st = os.lstat(self.path)
        except FileNotFoundError:
            return 0
        except OSError as exc:
            raise StoreError(f"Cannot read the history file {self.path}: {exc.strerror or exc}.") from exc
        if stat.S_ISLNK(st.st_mode):
            raise StoreUnsafePath(self.path)
        return st.st_size

    def replay(self, data: dict[str, dict[str, Any]], start: int) -> int:
        try:
            fd = open_nofollow(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return start
        except OSError as exc:
            raise StoreError(f"Cannot read the history file {self.path}: {exc.strerror or exc}.") from exc
        with os.fdopen(fd, "rb") as fh:
            fh.seek(start)
            raw = fh.read()
        end = raw.rfind(b"\n")
        if end < 0:
            return start  # nothing, or a line still being written (or torn: skipped once completed)
        pos = start
        for line in raw[:end].split(b"\n"):
            if line.strip():
                change = parse_line(line)
                if change is None or change_problem(change) is not None:
                    self._damaged(pos)
                else:
                    apply_change(data, change)
            pos += len(line) + 1
        return start + end + 1

    def _damaged(self, pos: int) -> None:
        with os.fdopen(open_nofollow(self.path, os.O_RDONLY), "rb") as fh:
            line_no = fh.read(pos).count(b"\n") + 1
        message = self.log.damaged(line_no)
        if message not in self.warnings:
            self.warnings.append(message)
