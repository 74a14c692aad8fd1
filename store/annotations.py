"""The annotation store: tags, notes, review status and corrections per quote.

TinyDB (table ``annotations``, one document per quote, the document id *is* the
quote id) on :class:`store.safe_storage.SafeJSONStorage` (atomic writes, one
backup, corrupt files refused) with an inter-process lock around every
read-modify-write (:mod:`store.locking`). The history of changes is a separate
append-only JSON-lines file so the main file does not grow with every edit.

Files, in the store directory: ``annotations.json`` (+ ``.bak``, ``.lock``) and
``annotations.history.jsonl``. Usable without spaCy: open it on a path.

Public API (what the TUI and the CLI code against)
-------------------------------------------------
``AnnotationStore(path, *, who=None, source="api", lock_timeout=15.0)``
  ``path`` is the ``annotations.json`` file (or the store directory). Opening
  reads nothing; the first read raises :class:`StoreCorrupt` if the file is bad.
  ``AnnotationStore.in_dir(store_dir)`` is the same on ``<store_dir>/annotations.json``.

``Annotation`` (NamedTuple snapshot): ``quote_id, article_id, text, start, end, tags
(tuple), note, status, speaker (corrected name|None), span (CorrectedSpan(start, end,
text)|None), user_added, kind, orphan, created, updated, by``; properties
``reviewed``, ``corrected``, ``is_empty``; ``to_dict()``.

Reading (cheap: the parsed state is reused while the file is unchanged)
  - ``get(quote_id) -> Annotation | None``; ``quote_id in store``; ``len(store)``
  - ``all() -> list[Annotation]``; ``for_article(article_id) -> list[Annotation]``
  - ``find(tag=None, status=None, orphan=None, user_added=None) -> list[Annotation]``;
    ``quote_ids(...same filters...) -> set[str]`` (cheaper when only ids are needed)
  - ``orphans() -> list[Annotation]`` (annotations whose quote is gone after re-ingest)
  - ``user_quotes(article_id=None) -> list[Annotation]`` (quotes the user added)
  - ``tags() -> list[tuple[str, int]]`` (tag, number of quotes; most used first)
  - ``tag_names(prefix="") -> list[str]`` (for autocompletion; case-insensitive prefix)
  - ``article_ids() -> set[str]``; ``refresh()`` (drop caches; normally not needed)

Changing (each call = one saved change = one undo step; returns the ``Change``,
or ``None`` when nothing changed). ``quote`` is a ``corpus.models.Quote`` (needed
the first time a quote is annotated so it can be re-anchored later) or a quote id.
  - ``update(quote, *, tags=None, add_tags=(), remove_tags=(), note=None,
    status=None, speaker=..., span=...)`` — several fields at once
    (``speaker=None`` clears the correction; ``span=(start, end, text)`` or None)
  - ``tag(quote, *tags)``, ``untag(quote, *tags)``, ``set_tags(quote, tags)``
  - ``set_note(quote, text)``, ``set_status(quote, "accepted"|"rejected"|"unreviewed")``
  - ``set_speaker(quote, name_or_None)``, ``set_span(quote, start, end, text)`` / ``set_span(quote, None)``
  - ``add_quote(article_id, start, end, text, speaker=None, kind="direct") -> Annotation``
    (a quote the extractor missed; id ``<article>#u<hash>``), ``remove(quote_id)``
  - ``with store.batch("label"):`` — many calls, one save, one undo step
  - ``undo() -> Change | None`` / ``redo()``; ``can_undo()`` / ``can_redo()`` (same ``scope``).
    ``scope="session"`` (default: this process's changes, what the TUI wants) or
    ``scope="all"`` (the latest change in the persisted history, what the CLI uses).
    Undo is field-wise: a field somebody else changed since is left alone
    (listed in ``Change.conflicts``). Changes to quotes that a re-analysis
    re-attached since leave the undo stack (their ids are stale).
  - ``reattach({article_id: [Quote, ...]}) -> AnchorReport`` after a re-ingest
    (see :mod:`store.anchoring`). For a Workspace call
    ``store.anchoring.ensure_anchored(ws)`` after ``Workspace.open``: it re-attaches
    only when the analysis key changed or the corpus was re-read, else costs nothing.
  - ``get_state(key)`` / ``set_state(key, value)``: small settings kept in the store
    file (no history, no undo).

History: ``history(quote_id=None, limit=None) -> list[Change]`` (oldest first;
``Change(id, ts, who, source, session, op, label, items, undoes, redoes)`` with
``items = [ChangeItem(quote_id, before, after)]``).

Errors (all subclasses of :class:`StoreError`; ``str(exc)`` is a user message
naming the file):
  - :class:`StoreCorrupt` (``.path``, ``.backup``): the file cannot be parsed;
    it is never overwritten; ``quotelens store repair`` fixes it.
  - :class:`StoreWriteError` (``.path``, ``.cause``): the save failed; the
    previous state is on disk and in memory; the change did NOT happen — keep
    showing it as unsaved and let the user retry (call the same method again).
  - :class:`StoreLocked`: another process held the lock longer than the timeout.
Repair (what ``quotelens store repair`` runs): ``repair_store(path, mode="auto"|"backup"|"salvage",
dry_run=False) -> RepairReport``; ``salvage_records(raw_bytes)``.

Warnings that did not stop a save (the history file could not be appended) are
in ``store.warnings`` (a list of str).

Thread safety: one store object may be used from several threads (calls are
serialised); several processes may use the same file at once.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import secrets
import threading
import unicodedata
import warnings as _warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import orjson
from tinydb import TinyDB
from tinydb.table import Document, Table

from corpus.models import REVIEW_STATUSES, Quote, normalise_quote_text, quote_excerpt
from store.locking import DEFAULT_TIMEOUT, StoreLock
from store.safe_storage import (
    FORMAT_VERSION,
    META_TABLE,
    SafeJSONStorage,
    StoreCorrupt,
    StoreError,
    StoreLocked,
    StoreWriteError,
    atomic_write_bytes,
    backup_path,
    cleanup_temp_files,
    parse_store_bytes,
)

STORE_FILENAME = "annotations.json"
TABLE = "annotations"
STATE_TABLE = "state"
UNSET: Any = object()

# Fields that carry the user's work (compared by undo/redo; the rest is bookkeeping).
CONTENT_FIELDS = ("tags", "note", "status", "speaker", "span")
ANCHOR_FIELDS = ("article_id", "text", "start", "end", "user_added", "kind", "orphan")
# Values left out of the file when they are the default (keeps the file, and every save, smaller).
DEFAULTS: dict[str, Any] = {
    "tags": [],
    "note": "",
    "status": "unreviewed",
    "speaker": None,
    "span": None,
    "user_added": False,
    "kind": None,
    "orphan": False,
}
TRACKED_FIELDS = CONTENT_FIELDS + ANCHOR_FIELDS
# Person corrections (table ``people``, one document per person key = ``corpus.models.entity_key(name)``).
PEOPLE_TABLE = "people"
PERSON_FIELDS = ("name", "gender", "merged_into", "merged_name")
QUOTE, PERSON = "quote", "person"
NOT_UNDOABLE_OPS = frozenset({"reattach", "repair", "import"})


# --- public value types ------------------------------------------------------


class CorrectedSpan(NamedTuple):
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


class Annotation(NamedTuple):
    """What the user recorded about one quote (a read-only snapshot; a NamedTuple, cheap to build)."""

    quote_id: str
    article_id: str
    text: str = ""  # the quote's text when it was first annotated (or the added quote's text)
    start: int | None = None
    end: int | None = None
    tags: tuple[str, ...] = ()
    note: str = ""
    status: str = "unreviewed"
    speaker: str | None = None  # corrected speaker name
    span: CorrectedSpan | None = None  # corrected quote span
    user_added: bool = False
    kind: str | None = None  # for user-added quotes
    orphan: bool = False  # the quote is no longer found in the article (kept, never dropped)
    created: str = ""
    updated: str = ""
    by: str = ""

    @property
    def reviewed(self) -> bool:
        return self.status != "unreviewed"

    @property
    def corrected(self) -> bool:
        return self.speaker is not None or self.span is not None

    @property
    def is_empty(self) -> bool:
        return not (self.tags or self.note or self.reviewed or self.corrected or self.user_added)

    def to_dict(self) -> dict[str, Any]:
        return {
            "quote_id": self.quote_id,
            "article_id": self.article_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "tags": list(self.tags),
            "note": self.note,
            "status": self.status,
            "speaker": self.speaker,
            "span": self.span.to_dict() if self.span else None,
            "user_added": self.user_added,
            "kind": self.kind,
            "orphan": self.orphan,
            "created": self.created,
            "updated": self.updated,
            "by": self.by,
        }

    @classmethod
    def from_record(cls, rec: Mapping[str, Any]) -> Annotation:
        span = rec.get("span")
        return cls(
            quote_id=rec["quote_id"],
            article_id=rec.get("article_id") or article_of(rec["quote_id"]),
            text=rec.get("text") or "",
            start=rec.get("start"),
            end=rec.get("end"),
            tags=tuple(rec.get("tags") or ()),
            note=rec.get("note") or "",
            status=rec.get("status") or "unreviewed",
            speaker=rec.get("speaker"),
            span=CorrectedSpan(int(span["start"]), int(span["end"]), span.get("text", "")) if span else None,
            user_added=bool(rec.get("user_added")),
            kind=rec.get("kind"),
            orphan=bool(rec.get("orphan")),
            created=rec.get("created") or "",
            updated=rec.get("updated") or "",
            by=rec.get("by") or "",
        )


@dataclass(frozen=True, slots=True)
class ChangeItem:
    """One record a change touched: a quote's annotation, or (``kind == "person"``) a person
    correction, whose ``quote_id`` is then the person key."""

    quote_id: str
    before: dict[str, Any] | None  # the record before (None: it did not exist)
    after: dict[str, Any] | None  # the record after (None: it was removed)
    kind: str = QUOTE

    @property
    def key(self) -> str:
        return self.quote_id

    def fields(self) -> list[str]:
        b, a = self.before or {}, self.after or {}
        return [f for f in (PERSON_FIELDS if self.kind == PERSON else TRACKED_FIELDS) if b.get(f) != a.get(f)]

    def to_dict(self) -> dict[str, Any]:
        out = {"quote_id": self.quote_id, "before": self.before, "after": self.after}
        if self.kind != QUOTE:
            out["kind"] = self.kind
        return out


@dataclass(frozen=True, slots=True)
class PersonOverrides:
    """The user's corrections of people, corpus-wide (a snapshot).

    ``gender``: person key → the label the user typed (any text, e.g. "non-binary").
    ``merged_into``: person key → the key of the person it was merged into, chains
    already followed (``"goodale"`` → ``"ralph goodale"``). ``names``: person key →
    the display name the user saw when correcting it.
    """

    gender: dict[str, str]
    merged_into: dict[str, str]
    names: dict[str, str]

    def resolve(self, key: str) -> str:
        """The key a person is counted under (itself unless merged into another)."""
        return self.merged_into.get(key, key)

    def gender_of(self, key: str) -> str | None:
        """The user's gender label for a person (of the person it was merged into), or None."""
        return self.gender.get(self.resolve(key))

    def name_of(self, key: str, default: str = "") -> str:
        return self.names.get(key, default)


@dataclass(frozen=True, slots=True)
class Change:
    """One saved change (one undo step), as listed by ``history``."""

    id: str
    ts: str
    who: str
    source: str
    session: str
    op: str
    label: str
    items: tuple[ChangeItem, ...]
    undoes: str | None = None
    redoes: str | None = None
    conflicts: tuple[str, ...] = ()

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
            id=d["id"],
            ts=d.get("ts", ""),
            who=d.get("who", ""),
            source=d.get("source", ""),
            session=d.get("session", ""),
            op=d.get("op", ""),
            label=d.get("label", ""),
            items=tuple(
                ChangeItem(i["quote_id"], i.get("before"), i.get("after"), i.get("kind") or QUOTE)
                for i in d.get("items", ())
            ),
            undoes=d.get("undoes"),
            redoes=d.get("redoes"),
            conflicts=tuple(d.get("conflicts") or ()),
        )


# --- helpers -----------------------------------------------------------------


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def article_of(quote_id: str) -> str:
    """The article id part of a quote id (``<article id>#<hash>``)."""
    return quote_id.rsplit("#", 1)[0] if "#" in quote_id else quote_id


def user_quote_id(article_id: str, start: int, end: int, text: str) -> str:
    import hashlib

    digest = hashlib.blake2b(
        f"{start}:{end}:{normalise_quote_text(text)}".encode("utf-8", "surrogatepass"), digest_size=5
    ).hexdigest()
    return f"{article_id}#u{digest}"


def clean_tag(tag: str) -> str:
    tag = " ".join(unicodedata.normalize("NFC", str(tag)).split())
    if not tag:
        raise ValueError("a tag cannot be empty")
    return tag


def _merge_tags(current: Sequence[str], add: Iterable[str] = (), remove: Iterable[str] = ()) -> list[str]:
    out = list(current)
    folded = {t.casefold() for t in out}
    for t in add:
        t = clean_tag(t)
        if t.casefold() not in folded:
            out.append(t)
            folded.add(t.casefold())
    drop = {clean_tag(t).casefold() for t in remove}
    return [t for t in out if t.casefold() not in drop]


def _copy_record(rec: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if rec is None:
        return None
    out = dict(rec)
    out["tags"] = list(rec.get("tags") or ())
    if rec.get("span"):
        out["span"] = dict(rec["span"])
    return out


def _slim(rec: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A copy of the record without the fields that hold their default value."""
    if rec is None:
        return None
    out = {}
    for k, v in rec.items():
        if k in DEFAULTS and (v == DEFAULTS[k] or v is None):
            continue
        out[k] = list(v) if k == "tags" else (dict(v) if k == "span" and v else v)
    return out


def _slim_person(rec: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A copy of a person correction with only the fields that are set."""
    if rec is None:
        return None
    return {f: rec[f] for f in PERSON_FIELDS if rec.get(f) is not None}


def _has_content(rec: Mapping[str, Any]) -> bool:
    return bool(
        rec.get("tags")
        or rec.get("note")
        or (rec.get("status") or "unreviewed") != "unreviewed"
        or rec.get("speaker") is not None
        or rec.get("span")
        or rec.get("user_added")
    )


def _default_who() -> str:
    who = os.environ.get("QUOTELENS_USER")
    if who:
        return who
    try:
        return getpass.getuser()
    except Exception:  # pragma: no cover - no login name (containers)
        return "unknown"


class _StrIdTable(Table):
    """A TinyDB table whose document ids are the quote ids (str).

    ``document_id_class`` is TinyDB's documented customisation point; the
    table update is overridden only to skip the two whole-table key conversions
    TinyDB does for int ids (identity for str ids), which would make every save
    O(n) in Python before serialising.
    """

    document_id_class = str  # type: ignore[assignment]
    _touched: list[str] | None = None

    # The documents a call changes are told to the storage, which then re-encodes
    # only those (see SafeJSONStorage.note_dirty); any other call re-encodes all.
    def insert(self, document):  # type: ignore[override]
        self._touched = [document.doc_id] if isinstance(document, Document) else None
        return super().insert(document)

    def insert_multiple(self, documents):  # type: ignore[override]
        documents = list(documents)
        self._touched = [d.doc_id for d in documents] if all(isinstance(d, Document) for d in documents) else None
        return super().insert_multiple(documents)

    def update(self, fields, cond=None, doc_ids=None):  # type: ignore[override]
        if doc_ids is not None:
            doc_ids = list(doc_ids)
        self._touched = list(doc_ids) if (doc_ids is not None and cond is None) else None
        return super().update(fields, cond, doc_ids)

    def remove(self, cond=None, doc_ids=None):  # type: ignore[override]
        if doc_ids is not None:
            doc_ids = list(doc_ids)
        self._touched = list(doc_ids) if (doc_ids is not None and cond is None) else None
        return super().remove(cond, doc_ids)

    def _update_table(self, updater):  # type: ignore[override]
        touched, self._touched = self._touched, None
        tables = self._storage.read()
        if tables is None:
            tables = {}
        table = tables.get(self.name)
        if table is None:
            table = tables[self.name] = {}
        updater(table)
        note = getattr(self._storage, "note_dirty", None)
        if note is not None:
            note(self.name, touched)
        self._storage.write(tables)
        self.clear_cache()


class _DB(TinyDB):
    table_class = _StrIdTable


# --- the store ---------------------------------------------------------------


class AnnotationStore:
    """See the module docstring for the API."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        who: str | None = None,
        source: str = "api",
        lock_timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        path = Path(path)
        if path.is_dir() or (not path.suffix and not path.exists()):
            path = path / STORE_FILENAME
        if path.is_symlink():  # lock, backup and history live next to the real file
            path = Path(os.path.realpath(path))
        self.path = path
        self.backup_path = backup_path(path)
        self.history_path = path.with_name(path.stem + ".history.jsonl")
        self.lock_path = path.with_name(path.name + ".lock")
        self.who = who or _default_who()
        self.source = source
        self.session = secrets.token_hex(4)
        self.warnings: list[str] = []
        self._lock = StoreLock(self.lock_path, timeout=lock_timeout)
        self._rlock = threading.RLock()
        self._db = _DB(str(path), storage=SafeJSONStorage)
        self.storage: SafeJSONStorage = self._db.storage  # type: ignore[assignment]
        self._table = self._db.table(TABLE, cache_size=0)
        self._people = self._db.table(PEOPLE_TABLE, cache_size=0)
        self._people_gen = -1
        self._people_cache: PersonOverrides | None = None
        self._session_changes: list[Change] = []
        self._batch: list[ChangeItem] | None = None
        self._cleaned = False
        self._index_gen = -1
        self._by_article: dict[str, dict[str, None]] = {}  # article id -> quote ids (ordered set)
        self._tag_fold: dict[str, list[Any]] = {}  # folded tag -> [display form, count]

    @classmethod
    def in_dir(cls, store_dir: str | os.PathLike[str], **kwargs: Any) -> AnnotationStore:
        return cls(Path(store_dir) / STORE_FILENAME, **kwargs)

    def __repr__(self) -> str:
        return f"AnnotationStore({str(self.path)!r})"

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------

    def _raw(self) -> dict[str, dict[str, Any]]:
        with self._rlock:
            return self._table._read_table()  # type: ignore[return-value]

    def refresh(self) -> None:
        with self._rlock:
            self.storage.refresh()

    def check(self) -> int:
        """Read the file now (raises :class:`StoreCorrupt`); the number of annotations."""
        return len(self)

    def __len__(self) -> int:
        with self._rlock:
            return len(self._raw())

    def __contains__(self, quote_id: object) -> bool:
        with self._rlock:
            return isinstance(quote_id, str) and quote_id in self._raw()

    def get(self, quote_id: str) -> Annotation | None:
        with self._rlock:
            rec = self._table.get(doc_id=quote_id)
            return Annotation.from_record(rec) if rec is not None else None

    def all(self) -> list[Annotation]:
        with self._rlock:
            return [Annotation.from_record(r) for r in self._raw().values()]

    def _index(self) -> None:
        """(Re)build the per-article and per-tag index when the state changed underneath it."""
        with self._rlock:
            raw = self._raw()
            if self._index_gen == self.storage.generation:
                return
            self._by_article = {}
            self._tag_fold = {}
            for qid, rec in raw.items():
                self._index_add(qid, rec)
            self._index_gen = self.storage.generation

    def _index_add(self, qid: str, rec: Mapping[str, Any], sign: int = 1) -> None:
        aid = rec.get("article_id") or article_of(qid)
        if sign > 0:
            self._by_article.setdefault(aid, {})[qid] = None
        else:
            ids = self._by_article.get(aid)
            if ids is not None:
                ids.pop(qid, None)
                if not ids:
                    del self._by_article[aid]
        for t in rec.get("tags") or ():
            k = t.casefold()
            entry = self._tag_fold.get(k)
            if entry is None:
                if sign > 0:
                    self._tag_fold[k] = [t, 1]
                continue
            entry[1] += sign
            if entry[1] <= 0:
                del self._tag_fold[k]

    def for_article(self, article_id: str) -> list[Annotation]:
        with self._rlock:
            self._index()
            raw = self._raw()
            return [Annotation.from_record(raw[q]) for q in self._by_article.get(article_id, ()) if q in raw]

    def article_ids(self) -> set[str]:
        with self._rlock:
            self._index()
            return set(self._by_article)

    def _matching(
        self, tag: str | None, status: str | None, orphan: bool | None, user_added: bool | None
    ) -> list[tuple[str, dict[str, Any]]]:
        """(quote id, raw record) pairs that match; call with ``_rlock`` held."""
        tag_f = tag.casefold() if tag else None
        out = []
        for qid, rec in self._raw().items():
            if tag_f is not None and not any(t.casefold() == tag_f for t in rec.get("tags") or ()):
                continue
            if status is not None and (rec.get("status") or "unreviewed") != status:
                continue
            if orphan is not None and bool(rec.get("orphan")) != orphan:
                continue
            if user_added is not None and bool(rec.get("user_added")) != user_added:
                continue
            out.append((qid, rec))
        return out

    def find(
        self,
        tag: str | None = None,
        status: str | None = None,
        orphan: bool | None = None,
        user_added: bool | None = None,
    ) -> list[Annotation]:
        """The annotations matching every filter given (tag: case-insensitive)."""
        with self._rlock:
            return [Annotation.from_record(rec) for _qid, rec in self._matching(tag, status, orphan, user_added)]

    def quote_ids(
        self,
        tag: str | None = None,
        status: str | None = None,
        orphan: bool | None = None,
        user_added: bool | None = None,
    ) -> set[str]:
        """Like ``find`` but only the ids (cheaper: for filters)."""
        with self._rlock:
            return {qid for qid, _rec in self._matching(tag, status, orphan, user_added)}

    def orphans(self) -> list[Annotation]:
        return self.find(orphan=True)

    def corrected_speakers(self) -> dict[str, str]:
        """Quote id → the speaker the user gave an extracted quote (not added quotes)."""
        with self._rlock:
            return {
                qid: rec["speaker"]
                for qid, rec in self._raw().items()
                if rec.get("speaker") and not rec.get("user_added")
            }

    def user_quotes(self, article_id: str | None = None) -> list[Annotation]:
        items = self.find(user_added=True)
        return [a for a in items if article_id is None or a.article_id == article_id]

    def tags(self) -> list[tuple[str, int]]:
        with self._rlock:
            self._index()
            return sorted(((t, n) for t, n in self._tag_fold.values()), key=lambda kv: (-kv[1], kv[0].casefold()))

    def tag_names(self, prefix: str = "") -> list[str]:
        p = prefix.casefold()
        return sorted((t for t, _ in self.tags() if t.casefold().startswith(p)), key=str.casefold)

    # -- transactions ----------------------------------------------------------

    @contextmanager
    def _txn(self) -> Iterator[None]:
        """Lock, reload the state if another process changed it, save once at the end."""
        with self._lock(), self._rlock:
            if not self._cleaned:
                cleanup_temp_files(self.path)
                self._cleaned = True
            self.storage.defer()
            try:
                yield
            except BaseException:
                self.storage.rollback()
                raise
            self.storage.commit()  # raises StoreWriteError (state reloaded from disk next time)

    def _put(self, quote_id: str, rec: dict[str, Any] | None, kind: str = QUOTE) -> ChangeItem | None:
        """Set (or remove, with None) one record inside a transaction."""
        if kind == PERSON:
            return self._put_person(quote_id, rec)
        cur = self._table.get(doc_id=quote_id)
        before = _slim(cur)
        # keep the index current without a rebuild when it reflected the state just read
        index_ok = self._index_gen == self.storage.generation
        if rec is None:
            if before is None:
                return None
            self._table.remove(doc_ids=[quote_id])
            if index_ok:
                self._index_add(quote_id, before, -1)
                self._index_gen = self.storage.generation
            return ChangeItem(quote_id, before, None)
        rec = _slim(rec)
        assert rec is not None
        if before is not None and all(before.get(f) == rec.get(f) for f in TRACKED_FIELDS):
            return None
        rec = {"quote_id": quote_id, **{k: v for k, v in rec.items() if k != "quote_id"}}  # id first (salvage)
        rec["updated"] = now_iso()
        rec["by"] = self.who
        if before is None:
            rec.setdefault("created", rec["updated"])
            self._table.insert(Document(rec, doc_id=quote_id))
        else:
            rec["created"] = before.get("created") or rec["updated"]

            def replace(doc: dict[str, Any]) -> None:
                doc.clear()
                doc.update(rec)

            self._table.update(replace, doc_ids=[quote_id])
        if index_ok:
            if before is not None:
                self._index_add(quote_id, before, -1)
            self._index_add(quote_id, rec)
            self._index_gen = self.storage.generation
        return ChangeItem(quote_id, before, _slim(rec))

    def _put_person(self, key: str, rec: dict[str, Any] | None) -> ChangeItem | None:
        """Set (or remove) one person correction inside a transaction (no timestamps: the
        history has them)."""
        table = self._people
        cur = table.get(doc_id=key)
        before = _slim_person(cur)
        after = _slim_person(rec)
        if after is not None and not (after.get("gender") or after.get("merged_into")):
            after = None  # nothing corrected any more: drop the record
        if before == after:
            return None
        if after is None:
            table.remove(doc_ids=[key])
        elif cur is None:
            table.insert(Document(after, doc_id=key))
        else:

            def replace(doc: dict[str, Any]) -> None:
                doc.clear()
                doc.update(after)

            table.update(replace, doc_ids=[key])
        self._people_gen = -1
        return ChangeItem(key, before, after, PERSON)

    def _commit_change(
        self,
        op: str,
        label: str,
        items: list[ChangeItem],
        *,
        undoes: str | None = None,
        redoes: str | None = None,
        conflicts: Sequence[str] = (),
    ) -> Change | None:
        """Run inside ``_txn``; returns the Change to be recorded after the save."""
        items = [i for i in items if i is not None]
        if not items:
            return None
        return Change(
            id=f"{datetime.now(UTC).strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(3)}",
            ts=now_iso(),
            who=self.who,
            source=self.source,
            session=self.session,
            op=op,
            label=label,
            items=tuple(items),
            undoes=undoes,
            redoes=redoes,
            conflicts=tuple(conflicts),
        )

    def _record(self, change: Change | None) -> None:
        """After a successful save: append to the history file (still under the lock) and the session."""
        if change is None:
            return
        self._session_changes.append(change)
        try:
            line = orjson.dumps(change.to_dict()) + b"\n"
            fd = os.open(self.history_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            msg = str(StoreWriteError(self.history_path, exc, action="history")).replace(
                "Nothing was changed on disk; the last saved annotations are intact.",
                "The annotation itself was saved; only its history entry is missing.",
            )
            self.warnings.append(msg)
            _warnings.warn(msg, RuntimeWarning, stacklevel=3)

    def _change(
        self,
        op: str,
        label: str,
        edits: Iterable[tuple[str, dict[str, Any] | None]],
        *,
        kind: str = QUOTE,
        **kw: Any,
    ) -> Change | None:
        # Lock order everywhere: the store lock (threads, then the file) before ``_rlock``,
        # so a thread waiting for another process never blocks readers of this one.
        with self._lock():  # held across the save and the history append (same order in both)
            with self._rlock:
                if self._batch is not None:
                    for qid, rec in edits:
                        item = self._put(qid, rec, kind)
                        if item is not None:
                            self._batch.append(item)
                    return None
            with self._txn():
                items = [self._put(qid, rec, kind) for qid, rec in edits]
                change = self._commit_change(op, label, [i for i in items if i is not None], **kw)
            self._record(change)
            return change

    @contextmanager
    def batch(self, label: str = "batch") -> Iterator[list[ChangeItem]]:
        """Group many changes into one save and one undo step.

        If anything inside raises, nothing is saved.
        """
        with self._lock():
            if self._batch is not None:  # nested: join the outer batch
                yield self._batch
                return
            with self._txn():
                self._batch = []
                try:
                    yield self._batch
                    items = self._batch
                finally:
                    self._batch = None
                change = self._commit_change("batch", label, items)
                # the save happens when _txn exits; record only after it succeeded
            self._record(change)

    # -- building records ------------------------------------------------------

    def _base_record(self, quote: Quote | str) -> tuple[str, dict[str, Any]]:
        """The current record of a quote (a copy), or a new one anchored on the Quote."""
        qid = quote if isinstance(quote, str) else quote.id
        if not qid:
            raise ValueError("the quote has no id (use Analysis.for_article or with_quote_ids)")
        cur = self._table.get(doc_id=qid)
        if cur is not None:
            rec = {**_copy_record(DEFAULTS), **_copy_record(cur)}  # type: ignore[arg-type]
            if isinstance(quote, Quote):
                rec["orphan"] = False
                if not rec.get("text"):
                    rec.update(text=quote.text, start=quote.start, end=quote.end)
            return qid, rec
        rec = {
            "quote_id": qid,
            "article_id": article_of(qid),
            "text": "",
            "start": None,
            "end": None,
            "tags": [],
            "note": "",
            "status": "unreviewed",
            "speaker": None,
            "span": None,
            "user_added": False,
            "kind": None,
            "orphan": False,
        }
        if isinstance(quote, Quote):
            rec.update(text=quote.text, start=quote.start, end=quote.end)
        return qid, rec

    # -- changing --------------------------------------------------------------

    def update(
        self,
        quote: Quote | str,
        *,
        tags: Iterable[str] | None = None,
        add_tags: Iterable[str] = (),
        remove_tags: Iterable[str] = (),
        note: str | None = None,
        status: str | None = None,
        speaker: str | None = UNSET,
        span: tuple[int, int, str] | CorrectedSpan | None = UNSET,
        label: str | None = None,
    ) -> Change | None:
        """Change several fields of one quote's annotation in one step."""
        if status is not None and status not in REVIEW_STATUSES:
            raise ValueError(f"status must be one of {', '.join(REVIEW_STATUSES)} (got {status!r})")
        add_tags, remove_tags = list(add_tags), list(remove_tags)
        new_tags = None if tags is None else _merge_tags([], tags)
        if isinstance(span, tuple):
            start, end, text = span
            if not (0 <= int(start) < int(end)):
                raise ValueError(f"invalid span {start}-{end}")
            span = CorrectedSpan(int(start), int(end), str(text))
        with self._lock(), self._rlock:  # the base record is read and written under one lock hold
            qid, rec = self._base_record(quote)
            parts = []
            if new_tags is not None:
                rec["tags"] = new_tags
                parts.append("tags")
            if add_tags or remove_tags:
                rec["tags"] = _merge_tags(rec["tags"], add_tags, remove_tags)
                parts += [f"+{clean_tag(t)}" for t in add_tags] + [f"-{clean_tag(t)}" for t in remove_tags]
            if note is not None:
                rec["note"] = note
                parts.append("note")
            if status is not None:
                rec["status"] = status
                parts.append(status)
            if speaker is not UNSET:
                rec["speaker"] = (speaker or "").strip() or None
                parts.append("speaker")
            if span is not UNSET:
                rec["span"] = span.to_dict() if span else None
                parts.append("span")
            if not _has_content(rec):
                # nothing left worth keeping: drop the record (undo brings it back)
                return self._change("update", label or " ".join(parts), [(qid, None)])
            return self._change("update", label or " ".join(parts), [(qid, rec)])

    def tag(self, quote: Quote | str, *tags: str) -> Change | None:
        return self.update(quote, add_tags=tags)

    def untag(self, quote: Quote | str, *tags: str) -> Change | None:
        return self.update(quote, remove_tags=tags)

    def set_tags(self, quote: Quote | str, tags: Iterable[str]) -> Change | None:
        return self.update(quote, tags=tags)

    def set_note(self, quote: Quote | str, note: str) -> Change | None:
        return self.update(quote, note=note)

    def set_status(self, quote: Quote | str, status: str) -> Change | None:
        return self.update(quote, status=status)

    def set_speaker(self, quote: Quote | str, speaker: str | None) -> Change | None:
        return self.update(quote, speaker=speaker)

    def set_span(self, quote: Quote | str, start: int | None, end: int | None = None, text: str = "") -> Change | None:
        return self.update(quote, span=None if start is None else (int(start), int(end or 0), text))

    def add_quote(
        self,
        article_id: str,
        start: int,
        end: int,
        text: str,
        speaker: str | None = None,
        kind: str = "direct",
        *,
        note: str = "",
        tags: Iterable[str] = (),
        status: str | None = None,
    ) -> Annotation:
        """Record a quote the extractor missed. Returns its annotation (id ``<article>#u<hash>``).

        Adding a quote that is already there keeps what the user recorded on it: the tags
        given are added, a note, speaker or status given replaces the old one, nothing is
        cleared (``status`` is ``accepted`` for a new quote when not given)."""
        if not (0 <= start < end):
            raise ValueError(f"invalid span {start}-{end}")
        if not text.strip():
            raise ValueError("the quote text is empty")
        if status is not None and status not in REVIEW_STATUSES:
            raise ValueError(f"status must be one of {', '.join(REVIEW_STATUSES)}")
        qid = user_quote_id(article_id, start, end, text)
        speaker = (speaker or "").strip() or None
        old = self.get(qid)
        if old is not None and old.user_added:
            rec = {
                **old.to_dict(),
                "tags": _merge_tags(list(old.tags), tags),
                "note": note or old.note,
                "status": status or old.status,
                "speaker": speaker or old.speaker,
                "orphan": False,
            }
            for key in ("created", "updated", "by"):
                rec.pop(key, None)
            label = f"add quote {quote_excerpt(text)} again"
        else:
            rec = {
                "quote_id": qid,
                "article_id": article_id,
                "text": text,
                "start": start,
                "end": end,
                "tags": _merge_tags([], tags),
                "note": note,
                "status": status or "accepted",
                "speaker": speaker,
                "span": None,
                "user_added": True,
                "kind": kind,
                "orphan": False,
            }
            label = f"add quote {quote_excerpt(text)}"
        self._change("add", label, [(qid, rec)])
        got = self.get(qid)
        assert got is not None
        return got

    def remove(self, quote_id: str) -> Change | None:
        """Remove a quote's annotation entirely (e.g. a user-added quote). Undoable."""
        return self._change("remove", "remove", [(quote_id, None)])

    # -- undo / redo -----------------------------------------------------------

    def _changes(self, scope: str) -> list[Change]:
        if scope == "session":
            return list(self._session_changes)
        if scope == "all":
            return self.history()
        raise ValueError("scope must be 'session' or 'all'")

    @staticmethod
    def _stacks(changes: Sequence[Change]) -> tuple[list[str], list[str]]:
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

    def can_undo(self, scope: str = "session") -> bool:
        return bool(self._stacks(self._changes(scope))[0])

    def can_redo(self, scope: str = "session") -> bool:
        return bool(self._stacks(self._changes(scope))[1])

    def undo(self, scope: str = "session") -> Change | None:
        """Revert the latest change (of this session, or of anyone with ``scope="all"``)."""
        return self._undo_redo(scope, undo=True)

    def redo(self, scope: str = "session") -> Change | None:
        return self._undo_redo(scope, undo=False)

    def _undo_redo(self, scope: str, *, undo: bool) -> Change | None:
        with self._lock(), self._rlock:
            if self._batch is not None:
                raise RuntimeError("cannot undo inside a batch")
            changes = self._changes(scope)
            undo_stack, redo_stack = self._stacks(changes)
            stack = undo_stack if undo else redo_stack
            if not stack:
                return None
            target_id = stack[-1]
            by_id = {c.id: c for c in changes}
            target = by_id.get(target_id)
            if target is None:  # pragma: no cover - session changes are always known
                return None
            # A re-analysis that re-keyed or orphaned these quotes since makes the recorded
            # states refer to ids that moved: refuse rather than resurrect stale records.
            last = max(i for i, c in enumerate(changes) if target_id in (c.id, c.undoes, c.redoes))
            touched = set(target.quote_ids)
            for c in changes[last + 1 :]:
                if c.op == "reattach" and touched & set(c.quote_ids):
                    raise StoreError(
                        f"Cannot {'undo' if undo else 'redo'} “{target.label}”: the quotes it changed were "
                        "re-attached after a re-analysis since. Change them directly instead."
                    )
            edits: list[tuple[str, dict[str, Any] | None, str]] = []
            conflicts: list[str] = []
            items = target.items if not undo else tuple(reversed(target.items))
            for item in items:
                goal, expected = (item.before, item.after) if undo else (item.after, item.before)
                if item.kind == PERSON:
                    rec, clash = self._three_way_person(item.quote_id, goal, expected)
                else:
                    rec, clash = self._three_way(item.quote_id, goal, expected)
                conflicts += [f"{item.quote_id}:{f}" for f in clash]
                edits.append((item.quote_id, rec, item.kind))
            with self._txn():
                put = [self._put(q, r, k) for q, r, k in edits]
                verb = "undo" if undo else "redo"
                change = self._commit_change(
                    verb,
                    f"{verb} {target.label}".strip(),
                    [i for i in put if i is not None],
                    undoes=target.id if undo else None,
                    redoes=None if undo else target.id,
                    conflicts=conflicts,
                )
                if change is None:  # nothing to do (already in that state): still move the stacks
                    change = Change(
                        id=f"{datetime.now(UTC).strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(3)}",
                        ts=now_iso(),
                        who=self.who,
                        source=self.source,
                        session=self.session,
                        op=verb,
                        label=f"{verb} {target.label}".strip(),
                        items=(),
                        undoes=target.id if undo else None,
                        redoes=None if undo else target.id,
                        conflicts=tuple(conflicts),
                    )
            self._record(change)
            return change

    def _three_way(
        self, quote_id: str, goal: dict[str, Any] | None, expected: dict[str, Any] | None
    ) -> tuple[dict[str, Any] | None, list[str]]:
        """Move the current record towards ``goal`` field by field, leaving fields that
        somebody changed since (current != expected) alone."""
        cur = _slim(self._table.get(doc_id=quote_id))
        goal, expected = _slim(goal), _slim(expected)
        if cur is None:
            return goal, []
        exp = expected or {}
        new = dict(cur)
        clash = []
        for f in TRACKED_FIELDS:
            if cur.get(f) == exp.get(f):
                if goal is None:
                    new.pop(f, None)
                else:
                    new[f] = goal.get(f, DEFAULTS.get(f))
            elif f in CONTENT_FIELDS:
                clash.append(f)
        if goal is None:
            if not clash:
                return None, []
            # keep what others added; reset the rest to the defaults
            new.setdefault("tags", [])
            new.setdefault("note", "")
            new.setdefault("status", "unreviewed")
            new.setdefault("speaker", None)
            new.setdefault("span", None)
            for f in ANCHOR_FIELDS:
                new.setdefault(f, cur.get(f))
        return new, clash

    def _three_way_person(
        self, key: str, goal: dict[str, Any] | None, expected: dict[str, Any] | None
    ) -> tuple[dict[str, Any] | None, list[str]]:
        """As ``_three_way`` for a person correction (gender and merge move independently)."""
        cur = _slim_person(self._people.get(doc_id=key)) or {}
        goal, exp = goal or {}, expected or {}
        new = dict(cur)
        clash = []
        for f in ("gender", "merged_into"):
            if cur.get(f) == exp.get(f):
                value = goal.get(f)
                if value is None:
                    new.pop(f, None)
                else:
                    new[f] = value
                if f == "merged_into":
                    new.pop("merged_name", None)
                    if goal.get("merged_name") is not None:
                        new["merged_name"] = goal["merged_name"]
            elif goal.get(f) != exp.get(f):  # a field this change moved, changed by somebody since
                clash.append(f)
        new["name"] = cur.get("name") or goal.get("name") or exp.get("name") or key
        return new, clash

    # -- people ----------------------------------------------------------------

    def _person_record(self, key: str, name: str) -> dict[str, Any]:
        if not key or not key.strip():
            raise ValueError("a person key cannot be empty")
        cur = self._people.get(doc_id=key)
        rec = dict(cur) if cur is not None else {}
        rec["name"] = (name or "").strip() or rec.get("name") or key
        return rec

    def set_person_gender(self, person_key: str, label: str | None, *, name: str) -> Change | None:
        """Set a person's gender corpus-wide to any label the user typed (``None`` or "" clears it).

        ``person_key`` is ``corpus.models.entity_key(name)``; ``name`` is how the person is
        shown (for history lines). One saved change, one undo step; ``None`` when nothing changed.
        """
        gender = " ".join(unicodedata.normalize("NFC", label).split()) if label else ""
        with self._lock(), self._rlock:
            rec = self._person_record(person_key, name)
            if gender:
                rec["gender"] = gender
            else:
                rec.pop("gender", None)
            what = f"gender of {rec['name']}: {gender}" if gender else f"clear gender of {rec['name']}"
            return self._change("person", what, [(person_key, rec)], kind=PERSON)

    def merge_person(self, source_key: str, target_key: str, *, source_name: str, target_name: str) -> Change | None:
        """Merge person ``source_key`` into ``target_key`` ("Goodale" → "Ralph Goodale"), corpus-wide.

        Statistics, lists and exports then count the source under the target (see
        :meth:`person_overrides`). Raises ``ValueError`` for a merge into oneself or one
        that would make a loop (the target is already merged into the source).
        """
        if not target_key or not target_key.strip():
            raise ValueError("a person key cannot be empty")
        with self._lock(), self._rlock:
            overrides = self.person_overrides()
            if source_key == target_key or overrides.resolve(target_key) == source_key:
                raise ValueError(
                    f"cannot merge {source_name} into {target_name}: that would merge them into themselves"
                )
            rec = self._person_record(source_key, source_name)
            rec["merged_into"] = target_key
            rec["merged_name"] = (target_name or "").strip() or target_key
            label = f"merge {rec['name']} into {rec['merged_name']}"
            return self._change("person", label, [(source_key, rec)], kind=PERSON)

    def unmerge_person(self, source_key: str, *, name: str) -> Change | None:
        """Undo a merge of ``source_key`` (whenever it was made): it counts as itself again."""
        with self._lock(), self._rlock:
            rec = self._person_record(source_key, name)
            if "merged_into" not in rec:
                return None
            target = rec.pop("merged_into")
            target_name = rec.pop("merged_name", None) or target
            return self._change("person", f"unmerge {rec['name']} from {target_name}", [(source_key, rec)], kind=PERSON)

    def person_overrides(self) -> PersonOverrides:
        """Every person correction (gender labels and merges), chains of merges followed."""
        with self._rlock:
            people = self._people._read_table()
            if self._people_gen == self.storage.generation and self._people_cache is not None:
                return self._people_cache
            gender: dict[str, str] = {}
            direct: dict[str, str] = {}
            names: dict[str, str] = {}
            for key, rec in people.items():
                key = str(key)
                if rec.get("name"):
                    names[key] = rec["name"]
                if rec.get("gender"):
                    gender[key] = rec["gender"]
                if rec.get("merged_into"):
                    direct[key] = rec["merged_into"]
                    names.setdefault(rec["merged_into"], rec.get("merged_name") or rec["merged_into"])
            merged: dict[str, str] = {}
            for key in direct:
                seen = {key}
                target = direct[key]
                while target in direct and direct[target] not in seen:  # a loop (two writers) stops
                    seen.add(target)
                    target = direct[target]
                merged[key] = target
            self._people_cache = PersonOverrides(gender, merged, names)
            self._people_gen = self.storage.generation
            return self._people_cache

    # -- history ---------------------------------------------------------------

    def history(self, quote_id: str | None = None, limit: int | None = None) -> list[Change]:
        """Saved changes, oldest first (a torn last line from a crash is skipped)."""
        try:
            raw = self.history_path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise StoreError(f"Cannot read the history file {self.history_path}: {exc}") from exc
        out: list[Change] = []
        for line in raw.splitlines():
            if not line.strip():
                continue
            try:
                c = Change.from_dict(orjson.loads(line))
            except (orjson.JSONDecodeError, KeyError, TypeError):
                continue
            if quote_id is None or quote_id in c.quote_ids:
                out.append(c)
        if limit is not None:
            out = out[-limit:]
        return out

    # -- anchoring -------------------------------------------------------------

    def reattach(self, current: Mapping[str, Sequence[Quote]]):
        """Re-attach annotations after re-ingest (see :func:`store.anchoring.plan_reattach`).

        ``current`` maps each re-analysed article id to its quotes now (with ids).
        Articles not in the mapping are left alone. Returns an ``AnchorReport``.
        """
        from store.anchoring import plan_reattach

        with self._lock(), self._rlock:
            raw = self._raw()
            records = [_copy_record(raw[q]) for q in raw if (raw[q].get("article_id") or article_of(q)) in current]
            plan = plan_reattach(records, current)  # type: ignore[arg-type]
            if plan.edits:
                self._change("reattach", plan.report.summary(), plan.edits)
            return plan.report

    # -- small persistent settings (not annotations; no history, no undo) ------

    def get_state(self, key: str, default: Any = None) -> Any:
        with self._rlock:
            doc = self._db.table(STATE_TABLE, cache_size=0).get(doc_id=key)
            return default if doc is None else doc.get("value", default)

    def set_state(self, key: str, value: Any) -> None:
        with self._txn():
            table = self._db.table(STATE_TABLE, cache_size=0)
            if table.get(doc_id=key) is None:
                table.insert(Document({"value": value}, doc_id=key))
            else:
                table.update({"value": value}, doc_ids=[key])

    # -- bulk import (benchmarks, repair) --------------------------------------

    def import_records(self, records: Iterable[Mapping[str, Any]], *, op: str = "import") -> int:
        """Insert or replace many raw records in one save (no per-record history)."""
        stamp = now_iso()
        with self._txn():
            raw = self._table._read_table()
            new = {}
            for r in records:
                rec = _slim(r)
                assert rec is not None
                rec.setdefault("created", stamp)
                rec.setdefault("updated", stamp)
                new[rec["quote_id"]] = rec
            updates = [k for k in new if k in raw]
            if updates:
                self._table.remove(doc_ids=updates)
            self._table.insert_multiple(Document(v, doc_id=k) for k, v in new.items())
            n = len(new)
        if n:
            self._record(
                Change(
                    id=f"{datetime.now(UTC).strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(3)}",
                    ts=now_iso(),
                    who=self.who,
                    source=self.source,
                    session=self.session,
                    op=op,
                    label=f"{op} {n} records",
                    items=(),
                )
            )
        return n


# --- repair ------------------------------------------------------------------


@dataclass
class RepairReport:
    path: Path
    action: str  # "ok" (nothing to repair), "restored", "salvaged", "merged", "empty"
    n_backup: int = 0  # records readable in the backup
    n_salvaged: int = 0  # records read back from the damaged file
    n_total: int = 0  # records in the repaired store
    corrupt_copy: Path | None = None  # where the damaged file was kept
    dry_run: bool = False

    def summary(self) -> str:
        if self.action == "ok":
            return f"{self.path} is fine ({self.n_total} annotations); nothing to repair."
        verb = "would write" if self.dry_run else "wrote"
        kept = f"; the damaged file is kept as {self.corrupt_copy}" if self.corrupt_copy else ""
        return (
            f"{self.path}: {self.action} — {self.n_backup} annotations in the backup, {self.n_salvaged} salvaged "
            f"from the damaged file; {verb} {self.n_total}{kept}."
        )


_QUOTE_ID_KEY = re.compile(r'"quote_id":')


def salvage_records(raw: bytes) -> dict[str, dict[str, Any]]:
    """Annotation records that can still be read from a damaged store file.

    Every record holds its own ``"quote_id"``; for each occurrence the enclosing
    object is parsed (trying the nearest opening braces before it), so truncation
    or garbage elsewhere in the file does not matter. The newest copy of a record wins.
    """
    text = raw.decode("utf-8", errors="replace")
    decoder = json.JSONDecoder()
    out: dict[str, dict[str, Any]] = {}
    for m in _QUOTE_ID_KEY.finditer(text):
        pos = m.start()
        j = pos
        for _attempt in range(6):  # the record's '{' (a nested span object may come first)
            j = text.rfind("{", 0, j)
            if j < 0:
                break
            try:
                obj, end = decoder.raw_decode(text, j)
            except ValueError:
                continue
            if isinstance(obj, dict) and isinstance(obj.get("quote_id"), str) and end > pos:
                qid = obj["quote_id"]
                if qid not in out or (obj.get("updated") or "") >= (out[qid].get("updated") or ""):
                    out[qid] = obj
                break
    return out


def _records_of(data: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    table = (data or {}).get(TABLE) or {}
    return {k: v for k, v in table.items() if isinstance(v, dict)}


def repair_store(
    path: str | os.PathLike[str], mode: str = "auto", *, dry_run: bool = False, lock_timeout: float = DEFAULT_TIMEOUT
) -> RepairReport:
    """Repair a store file that cannot be parsed.

    ``mode``: ``"auto"`` (the backup, plus every record salvaged from the damaged
    file that is newer), ``"backup"`` (the backup only) or ``"salvage"`` (only what
    can be read from the damaged file). The damaged file is first copied to
    ``annotations.json.corrupt-<time>``; nothing is deleted.
    """
    if mode not in ("auto", "backup", "salvage"):
        raise ValueError("mode must be auto, backup or salvage")
    path = Path(path)
    if path.is_dir():
        path = path / STORE_FILENAME
    bak = backup_path(path)
    lock = StoreLock(path.with_name(path.name + ".lock"), timeout=lock_timeout)
    with lock():
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raw = None
        empty_but_backup = raw is not None and not raw.strip() and bak.exists() and bak.stat().st_size > 0
        if raw is not None and not empty_but_backup:
            try:
                data = parse_store_bytes(raw, path)
                return RepairReport(path, "ok", n_total=len(_records_of(data)), dry_run=dry_run)
            except StoreCorrupt:
                pass
        backup_records: dict[str, dict[str, Any]] = {}
        if mode in ("auto", "backup") and bak.exists():
            try:
                backup_records = _records_of(parse_store_bytes(bak.read_bytes(), bak))
            except StoreCorrupt:
                if mode == "backup":
                    raise StoreError(f"The backup {bak} cannot be read either; try `--salvage`.") from None
        elif mode == "backup":
            raise StoreError(f"There is no backup ({bak}); try `--salvage`.")
        salvaged = salvage_records(raw) if (raw and mode in ("auto", "salvage")) else {}
        merged = dict(backup_records)
        for qid, rec in salvaged.items():
            if qid not in merged or (rec.get("updated") or "") >= (merged[qid].get("updated") or ""):
                merged[qid] = rec
        action = (
            "merged"
            if backup_records and salvaged
            else "restored"
            if backup_records
            else "salvaged"
            if salvaged
            else "empty"
        )
        report = RepairReport(path, action, len(backup_records), len(salvaged), len(merged), dry_run=dry_run)
        if dry_run:
            return report
        if raw is not None:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            copy = path.with_name(f"{path.name}.corrupt-{stamp}")
            atomic_write_bytes(copy, raw, keep_backup=False)
            report.corrupt_copy = copy
        token = secrets.token_hex(16)
        payload = orjson.dumps(
            {
                META_TABLE: {"1": {"token": token, "format": FORMAT_VERSION, "app": "quotelens"}},
                TABLE: merged,
            }
        )
        atomic_write_bytes(path, payload, keep_backup=False)  # keep the good .bak as it is
    store = AnnotationStore(path, source="repair")
    store._record(
        Change(
            id=f"{datetime.now(UTC).strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(3)}",
            ts=now_iso(),
            who=store.who,
            source="repair",
            session=store.session,
            op="repair",
            label=report.summary(),
            items=(),
        )
    )
    return report


def open_store(store_dir: str | os.PathLike[str], **kwargs: Any) -> AnnotationStore:
    """The annotation store of a store directory (``<store_dir>/annotations.json``)."""
    return AnnotationStore.in_dir(store_dir, **kwargs)


__all__ = [
    "Annotation",
    "AnnotationStore",
    "Change",
    "RepairReport",
    "repair_store",
    "salvage_records",
    "ChangeItem",
    "CorrectedSpan",
    "PersonOverrides",
    "META_TABLE",
    "STORE_FILENAME",
    "StoreCorrupt",
    "StoreError",
    "StoreLocked",
    "StoreWriteError",
    "article_of",
    "open_store",
    "user_quote_id",
]
