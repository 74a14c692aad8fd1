"""The history of changes: what one saved change is, how it is written to and read from
``annotations.history.jsonl``, and which changes undo and redo would move.

One change = one JSON line. Each item stores what changed, not whole records: for an
edit, the fields that changed with their value before and after; for a record that
was created or removed, the record itself (small: fields at their default are left
out). Every append is checked (a short write on a full disk or under a file-size limit
is cut back off and reported) and starts on a fresh line, so one torn line can never
swallow the next entry; a torn line found when reading is skipped with a warning
naming the file and line, so undo never reverts the wrong change.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from store.annotations.records import (
    CONTENT_FIELDS,
    DEFAULTS,
    PERSON,
    PERSON_FIELDS,
    QUOTE,
    TRACKED_FIELDS,
    has_content,
)
from store.safe_storage import StoreError, StoreWriteError, open_nofollow

# Changes that are not undone by the user's undo (a re-analysis, a repair, a bulk import, a setting).
NOT_UNDOABLE_OPS = frozenset({"reattach", "repair", "import", "state"})
# Changes the history does not list: small settings kept in the store (no history, no undo).
HIDDEN_OPS = frozenset({"state"})


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_change_id() -> str:
    """A change id: sortable by time, unique across processes."""
    return f"{datetime.now(UTC).strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(3)}"


def fields_of(kind: str) -> tuple[str, ...]:
    return PERSON_FIELDS if kind == PERSON else TRACKED_FIELDS


def default_of(kind: str, field: str) -> Any:
    return None if kind == PERSON else DEFAULTS.get(field)


@dataclass(frozen=True, slots=True)
class ChangeItem:
    """One record a change touched: a quote's annotation, or (``kind == "person"``) a person
    correction, whose ``quote_id`` is then the person key.

    ``before``/``after``: None when the record did not exist / was removed; the whole
    record when it was created / removed; else only the fields that changed.
    """

    quote_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    kind: str = QUOTE

    def fields(self) -> list[str]:
        """The tracked fields whose value this change moved."""
        b, a = self.before or {}, self.after or {}
        return [
            f for f in fields_of(self.kind) if b.get(f, default_of(self.kind, f)) != a.get(f, default_of(self.kind, f))
        ]

    @classmethod
    def of(cls, key: str, before: dict[str, Any] | None, after: dict[str, Any] | None, kind: str = QUOTE):
        """The item for a record going from ``before`` to ``after`` (slim records), as a delta."""
        if before is None or after is None:
            return cls(key, before, after, kind)
        moved = [f for f in fields_of(kind) if before.get(f, default_of(kind, f)) != after.get(f, default_of(kind, f))]
        if kind == PERSON and "merged_into" in moved:
            moved.append("merged_name")
        if kind == PERSON:
            moved.append("name")  # history lines name the person
        return cls(
            key,
            {f: before.get(f, default_of(kind, f)) for f in dict.fromkeys(moved)},
            {f: after.get(f, default_of(kind, f)) for f in dict.fromkeys(moved)},
            kind,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"quote_id": self.quote_id, "before": self.before, "after": self.after}
        if self.kind != QUOTE:
            out["kind"] = self.kind
        return out


@dataclass(frozen=True, slots=True)
class Change:
    """One saved change (one undo step), as listed by ``history``.

    ``source`` says where it was made (``"app"``, ``"cli"``, …) and ``session`` which
    process made it (a random id per opened store).
    """

    id: str
    ts: str
    who: str
    source: str
    session: str
    op: str
    label: str
    items: tuple[ChangeItem, ...] = ()
    undoes: str | None = None
    redoes: str | None = None
    conflicts: tuple[str, ...] = ()

    @classmethod
    def new(
        cls, *, who: str, source: str, session: str, op: str, label: str, ts: str | None = None, **kw: Any
    ) -> Change:
        """A change made now (the one way to give a change its id and timestamp; ``ts``: the
        time its records were stamped with, when they were)."""
        return cls(
            id=new_change_id(), ts=ts or now_iso(), who=who, source=source, session=session, op=op, label=label, **kw
        )

    @property
    def quote_ids(self) -> list[str]:
        return [i.quote_id for i in self.items if i.kind == QUOTE]

    @property
    def person_keys(self) -> list[str]:
        return [i.quote_id for i in self.items if i.kind == PERSON]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ts": self.ts,
            "who": self.who,
            "source": self.source,
            "session": self.session,
            "op": self.op,
            "label": self.label,
            "items": [i.to_dict() for i in self.items],
            "undoes": self.undoes,
            "redoes": self.redoes,
            "conflicts": list(self.conflicts),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Change:
        return cls(
            id=str(d["id"]),
            ts=str(d.get("ts", "")),
            who=str(d.get("who", "")),
            source=str(d.get("source", "")),
            session=str(d.get("session", "")),
            op=str(d.get("op", "")),
            label=str(d.get("label", "")),
            items=tuple(
                ChangeItem(str(i["quote_id"]), i.get("before"), i.get("after"), i.get("kind") or QUOTE)
                for i in d.get("items", ())
            ),
            undoes=d.get("undoes"),
            redoes=d.get("redoes"),
            conflicts=tuple(d.get("conflicts") or ()),
        )


class HistoryLog:
    """The append-only history file of one store (callers hold the store lock to append)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, change: Change) -> int:
        """Append one change, durably; the file's new size. Raises :class:`StoreWriteError`
        (nothing appended) on failure."""
        line = orjson.dumps(change.to_dict()) + b"\n"
        try:
            fd = open_nofollow(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT)
        except OSError as exc:
            raise StoreWriteError(self.path, exc, action="history") from exc
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                line = b"\n" + line  # a torn last line (a crash mid-append): never glue onto it
            try:
                written = 0
                while written < len(line):
                    n = os.write(fd, line[written:])
                    if n <= 0:
                        raise OSError(28, "short write")  # pragma: no cover - write returns >0 or raises
                    written += n
                os.fsync(fd)
            except OSError as exc:
                try:  # cut the partial line back off: the file stays a list of whole changes
                    os.ftruncate(fd, size)
                except OSError:
                    pass
                raise StoreWriteError(self.path, exc, action="history") from exc
            return size + len(line)
        finally:
            os.close(fd)

    def read(self, warnings: list[str] | None = None) -> list[Change]:
        """Every readable change, oldest first. A damaged line is skipped and reported in ``warnings``."""
        try:
            fd = open_nofollow(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise StoreError(f"Cannot read the history file {self.path}: {exc.strerror or exc}.") from exc
        try:
            with os.fdopen(fd, "rb") as fh:
                raw = fh.read()
        except OSError as exc:
            raise StoreError(f"Cannot read the history file {self.path}: {exc.strerror or exc}.") from exc
        out: list[Change] = []
        for n, line in enumerate(raw.split(b"\n"), 1):
            if not line.strip():
                continue
            change = parse_line(line)
            if change is None:
                if warnings is not None:
                    warnings.append(self.damaged(n))
            elif change.op not in HIDDEN_OPS:
                out.append(change)
        return out

    def damaged(self, line_no: int) -> str:
        return (
            f"Line {line_no} of the history file {self.path} is damaged (a write was cut short); "
            "it was skipped, so undo and `history` ignore that change."
        )


def parse_line(line: bytes) -> Change | None:
    """The change on one line of the history file, or None when the line is damaged."""
    try:
        data = orjson.loads(line)
        if not isinstance(data, dict):
            return None
        return Change.from_dict(data)
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
        return None


def undo_stacks(changes: Sequence[Change]) -> tuple[list[str], list[str]]:
    """The undo and redo stacks (change ids, most recent last) that a list of changes leaves."""
    by_id = {c.id: c for c in changes}
    undo: list[str] = []
    redo: list[str] = []
    for c in changes:
        if c.undoes:
            if c.undoes in undo:
                undo.remove(c.undoes)
            redo.append(c.undoes)
        elif c.redoes:
            if c.redoes in redo:
                redo.remove(c.redoes)
            undo.append(c.redoes)
        elif c.op == "reattach":
            # a re-analysis moved/orphaned these quotes: earlier states of them cannot be restored
            moved = set(c.quote_ids)
            undo[:] = [i for i in undo if i in by_id and not moved & set(by_id[i].quote_ids)]
            redo[:] = [i for i in redo if i in by_id and not moved & set(by_id[i].quote_ids)]
        elif c.op not in NOT_UNDOABLE_OPS:
            undo.append(c.id)
            redo.clear()
    return undo, redo


def three_way(
    kind: str,
    current: Mapping[str, Any] | None,
    goal: Mapping[str, Any] | None,
    expected: Mapping[str, Any] | None,
) -> tuple[dict[str, Any] | None, list[str]]:
    """Move ``current`` towards ``goal`` where it still equals ``expected``, field by field.

    ``goal``/``expected`` are the two sides of a :class:`ChangeItem` (undo: before/after;
    redo: after/before). A field somebody changed since (current != expected) is left
    alone and returned among the conflicts when this change had moved it. Returns
    (the new record or None for "no record", conflicts).
    """
    fields = fields_of(kind)

    def val(rec: Mapping[str, Any] | None, f: str) -> Any:
        return default_of(kind, f) if rec is None else rec.get(f, default_of(kind, f))

    if current is None:
        if expected is None or goal is None:
            # undoing a removal, or redoing one that another writer already made
            return (dict(goal) if goal is not None and expected is None else None), []
        return None, [f for f in fields if f in expected and val(goal, f) != val(expected, f)]
    if goal is None:  # taking back a record's creation: its content goes, where it is the change's own
        touched = [f for f in fields if f in CONTENT_FIELDS or kind == PERSON]
    elif expected is None:
        touched = list(fields)
    else:
        touched = [f for f in fields if f in goal or f in expected]
    new = dict(current)
    clash = []
    for f in touched:
        if kind == QUOTE and f == "tags":
            # tags are a set: take back only the tags this change added (or put back those it
            # removed); tags somebody else added or removed since stay as they are
            cur_tags, goal_tags, exp_tags = val(current, f) or [], val(goal, f) or [], val(expected, f) or []
            added = {t.casefold() for t in exp_tags} - {t.casefold() for t in goal_tags}
            removed = [t for t in goal_tags if t.casefold() not in {e.casefold() for e in exp_tags}]
            tags = [t for t in cur_tags if t.casefold() not in added]
            tags += [t for t in removed if t.casefold() not in {c.casefold() for c in tags}]
            if tags:
                new[f] = tags
            else:
                new.pop(f, None)
            continue
        if val(current, f) == val(expected, f):
            value = val(goal, f)
            if value == default_of(kind, f) or value is None:
                new.pop(f, None)
            else:
                new[f] = value
        elif val(goal, f) != val(expected, f):
            clash.append(f)
    # (an added quote somebody annotated since stays an added quote)
    kept = (
        has_content({**new, "user_added": False})
        if kind == QUOTE
        else bool(new.get("gender") or new.get("merged_into"))
    )
    if goal is None and not kept:
        return None, []  # nothing but what this change made is left: the record goes
    if kind == PERSON:  # the name stays the one shown; a merge's target name goes with the merge
        new["name"] = current.get("name") or new.get("name")
        if "merged_into" not in new:
            new.pop("merged_name", None)
        elif goal is not None and "merged_into" in goal and "merged_name" in goal:
            new["merged_name"] = goal["merged_name"]
    return new, clash
