"""Annotation records: the value types the store hands out and the helpers that build,
slim and merge the raw records kept in the TinyDB table (one set of defaults, one ``merge_tags``).

A raw record is a dict with the fields of :class:`Annotation`; fields holding their
default (``DEFAULTS``) are left out of the file. Person corrections are raw records of
their own (``PERSON_FIELDS``) in the ``people`` table, keyed by ``entity_key(name)``.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from corpus.models import REVIEW_STATUSES, article_of, normalise_quote_text
from store.paths import STORE_FILENAME as STORE_FILENAME  # re-exported: defined once, in store.paths

TABLE = "annotations"
PEOPLE_TABLE = "people"
STATE_TABLE = "state"

# Fields that carry the user's work (compared by undo/redo; the rest is bookkeeping).
CONTENT_FIELDS = ("tags", "note", "status", "speaker", "span")
ANCHOR_FIELDS = ("article_id", "text", "start", "end", "user_added", "kind", "orphan")
TRACKED_FIELDS = CONTENT_FIELDS + ANCHOR_FIELDS
# The default of every tracked field but the anchor's text and offsets: values left out of
# the file when they are the default (keeps the file, and every save, smaller).
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
# A person correction: the name shown, the gender label the user typed, the person it is merged into.
PERSON_FIELDS = ("name", "gender", "merged_into", "merged_name")
# What a change item is about (STATE: a small setting, journaled but not in the history).
QUOTE, PERSON, STATE = "quote", "person", "state"


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


def user_quote_id(article_id: str, start: int, end: int, text: str) -> str:
    """The id of a quote the user added: ``<article>#u<hash of span and text>``."""
    digest = hashlib.blake2b(
        f"{start}:{end}:{normalise_quote_text(text)}".encode("utf-8", "surrogatepass"), digest_size=5
    ).hexdigest()
    return f"{article_id}#u{digest}"


def clean_tag(tag: str) -> str:
    tag = " ".join(unicodedata.normalize("NFC", str(tag)).split())
    if not tag:
        raise ValueError("a tag cannot be empty")
    return tag


def merge_tags(current: Sequence[str], add: Iterable[str] = (), remove: Iterable[str] = ()) -> list[str]:
    """``current`` plus ``add`` minus ``remove``; tags compare case-insensitively, first spelling kept."""
    out = list(current)
    folded = {t.casefold() for t in out}
    for t in add:
        t = clean_tag(t)
        if t.casefold() not in folded:
            out.append(t)
            folded.add(t.casefold())
    drop = {clean_tag(t).casefold() for t in remove}
    return [t for t in out if t.casefold() not in drop]


def new_record(quote_id: str, article_id: str | None = None, **fields: Any) -> dict[str, Any]:
    """A full record (every default filled in) for a quote that has none yet."""
    rec: dict[str, Any] = {
        "quote_id": quote_id,
        "article_id": article_id or article_of(quote_id),
        "text": "",
        "start": None,
        "end": None,
    }
    rec.update(full(DEFAULTS))
    rec.update(fields)
    return rec


def full(rec: Mapping[str, Any]) -> dict[str, Any]:
    """A deep-enough copy of a record with every default filled in (safe to modify)."""
    out = {**DEFAULTS, **rec}
    out["tags"] = list(out.get("tags") or ())
    if out.get("span"):
        out["span"] = dict(out["span"])
    return out


def slim(rec: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A copy of the record without the fields that hold their default value."""
    if rec is None:
        return None
    out = {}
    for k, v in rec.items():
        if k in DEFAULTS and (v == DEFAULTS[k] or v is None):
            continue
        out[k] = list(v) if k == "tags" else (dict(v) if k == "span" and v else v)
    return out


def slim_person(rec: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A copy of a person correction with only the fields that are set."""
    if rec is None:
        return None
    return {f: rec[f] for f in PERSON_FIELDS if rec.get(f) is not None}


def has_content(rec: Mapping[str, Any]) -> bool:
    """Whether a record holds anything the user recorded (else it is dropped)."""
    return bool(
        rec.get("tags")
        or rec.get("note")
        or (rec.get("status") or "unreviewed") != "unreviewed"
        or rec.get("speaker") is not None
        or rec.get("span")
        or rec.get("user_added")
    )


def default_who() -> str:
    """The user name recorded with each change: $QUOTELENS_USER, else the login name."""
    who = os.environ.get("QUOTELENS_USER")
    if who:
        return who
    try:
        return getpass.getuser()
    except Exception:  # pragma: no cover - no login name (containers)
        return "unknown"


def history_path(store_path: Path) -> Path:
    """``annotations.history.jsonl`` beside ``annotations.json``."""
    return store_path.with_name(store_path.stem + ".history.jsonl")


def lock_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".lock")


_NONE = type(None)
# The type each simple field may have (None is allowed where the reader treats it as the default).
_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    **{f: (str, _NONE) for f in ("article_id", "text", "note", "created", "updated", "by", "speaker", "kind")},
    **{f: (int, _NONE) for f in ("start", "end")},  # exact types: true/false are not numbers here
    **{f: (bool, _NONE) for f in ("user_added", "orphan")},
}
_NAMES = {str: "a text", int: "a whole number", bool: "true or false"}


def record_problem(key: str, rec: object) -> str | None:
    """Why a stored annotation record cannot be used (wrong shape), or None when it is fine.

    Records are checked when the file is read: a hand-edited or foreign file must not
    crash a command, and ``quotelens store repair`` sets such records aside. (One pass
    over the record's fields: this runs for every record at every open.)
    """
    if type(rec) is not dict:
        return f"the record is a {type(rec).__name__}, not an object"
    # Fast path: records of one store share a few shapes (which fields, of which types); a shape
    # seen to be right needs only the checks types cannot make.
    shape = (tuple(rec), tuple(map(type, rec.values())))
    if shape in _GOOD_SHAPES:
        tags = rec.get("tags")
        if tags is not None and not all(type(t) is str for t in tags):
            return f"tags must be a list of texts (got {tags!r})"
        if rec.get("status", "unreviewed") not in REVIEW_STATUSES:
            return f"status must be one of {', '.join(REVIEW_STATUSES)} (got {rec['status']!r})"
        if rec.get("quote_id", key) != key:
            return f"its quote_id {rec['quote_id']!r} is not the text {key!r} it is stored under"
        span = rec.get("span")
        if span is not None and not _span_ok(span):
            return f"span must be an object with whole-number start and end (got {span!r})"
        return None
    problem = _field_problem(key, rec)
    if problem is None and len(_GOOD_SHAPES) < 4096:
        _GOOD_SHAPES.add(shape)
    return problem


_GOOD_SHAPES: set[tuple[tuple[str, ...], tuple[type, ...]]] = set()


def _span_ok(span: object) -> bool:
    return (
        type(span) is dict
        and type(span.get("start")) is int
        and type(span.get("end")) is int
        and type(span.get("text", "")) is str
    )


def _field_problem(key: str, rec: dict[str, Any]) -> str | None:
    """The full check of every field (``record_problem`` for a shape not seen yet)."""
    for field, value in rec.items():
        types = _FIELD_TYPES.get(field)
        if types is not None:
            if type(value) not in types:
                return f"{field} must be {_NAMES[types[0]]} (got {value!r})"
        elif field == "tags":
            if type(value) is not list or not all(type(t) is str for t in value):
                return f"tags must be a list of texts (got {value!r})"
        elif field == "status":
            if value not in REVIEW_STATUSES:
                return f"status must be one of {', '.join(REVIEW_STATUSES)} (got {value!r})"
        elif field == "quote_id":
            if value != key:
                return f"its quote_id {value!r} is not the text {key!r} it is stored under"
        elif field == "span" and value is not None and not _span_ok(value):
            return f"span must be an object with whole-number start and end (got {value!r})"
    return None


def person_problem(key: str, rec: object) -> str | None:
    """Why a stored person correction cannot be used, or None."""
    if not isinstance(rec, dict):
        return f"the record is a {type(rec).__name__}, not an object"
    for f in PERSON_FIELDS:
        if rec.get(f) is not None and not isinstance(rec[f], str):
            return f"{f} must be a text (got {rec[f]!r})"
    return None
