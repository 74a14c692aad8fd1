"""The annotation store: tags, notes, review status and corrections per quote, and
corrections of people.

TinyDB (table ``annotations``, one document per quote, the document id *is* the
quote id; ``people``, one per person key) on :class:`store.safe_storage.SafeJSONStorage`
(atomic writes, one backup, corrupt files refused) with an inter-process lock around
every read-modify-write (:mod:`store.locking`). A save appends one line to the history
file, ``annotations.history.jsonl`` (what changed, fsynced: the commit), and
``annotations.json`` is a snapshot folded from that journal now and then
(:mod:`store.annotations.journal`), so a save costs the same at a thousand
annotations and at a million. The snapshot is one JSON document laid out one record per
line with an index (:mod:`store.annotations.snapshot`): opening reads its directory only
and a record is parsed and checked on first use (:mod:`store.annotations.lazy_table`), so
opening costs the same at a thousand annotations and at a million too.

Files, in the store directory: ``annotations.json`` (+ ``.bak``, ``.lock``) and
``annotations.history.jsonl``. None of them is ever opened through a symbolic link.
Usable without spaCy: open it on a path.

Modules, one job each: ``records`` (value types, defaults, ``merge_tags``, shape checks),
``history`` (changes, the history file, undo stacks, the three-way merge of undo),
``journal`` (the history as the journal the snapshot is folded from), ``snapshot`` (the
snapshot's layout), ``lazy_table`` (a table read on demand), ``tinydb_adapter``
(TinyDB tables keyed by strings), ``repair`` (``store repair``), ``core`` (files,
reading, the one way a change is committed) and ``store`` (the :class:`AnnotationStore`:
quotes, people, undo). Import from :mod:`store.annotations`.

Public API (what the TUI and the CLI code against)
-------------------------------------------------
``AnnotationStore(path, *, who=None, source="app", lock_timeout=15.0)``
  ``path`` is the ``annotations.json`` file (or the store directory). Opening
  reads nothing; the first read raises :class:`StoreCorrupt` if the file is bad.
  ``who`` (default ``$QUOTELENS_USER`` or the login name) and ``source`` (``"app"``,
  ``"cli"``…) are recorded with every change, with a random ``session`` id per object.

``Annotation`` (NamedTuple snapshot): ``quote_id, article_id, text, start, end, tags
(tuple), note, status, speaker (corrected name|None), span (CorrectedSpan(start, end,
text)|None), user_added, kind, orphan, created, updated, by``; properties
``reviewed``, ``corrected``, ``is_empty``; ``to_dict()``.

Reading (cheap: the parsed state is reused while the file is unchanged; a call that looks
at every record — ``all``, ``find``, ``tags``, ``for_article``… — reads each record once per
process, about what one JSON parse of the whole file costs)
  - ``get(quote_id) -> Annotation | None``; ``quote_id in store``; ``len(store)`` (records of
    the wrong shape not found yet are counted: exact after ``check()``)
  - ``check() -> int``: read and shape-check every record now (raises :class:`StoreCorrupt`;
    what is wrong lands in ``warnings``), the number of annotations; ``invalid_records()``
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
    ``scope="session"`` (default: this object's changes, what the app wants),
    ``scope="actor"`` (the persisted changes of the same user from the same source,
    e.g. ``who`` at the command line: what ``annotate --undo`` uses) or ``scope="all"``
    (anyone's latest change). Whatever the scope, undo is field-wise: a field somebody
    else changed since is left alone (listed in ``Change.conflicts``), so undo never
    reverts another process's change. Changes to quotes that a re-analysis
    re-attached since leave the undo stack (their ids are stale).
  - People (corpus-wide, keyed by ``corpus.models.entity_key(name)``), same change/undo/history:
    ``set_person_gender(key, label | None, *, name)`` (any label, e.g. "non-binary"; None clears),
    ``merge_person(source_key, target_key, *, source_name, target_name)`` ("Goodale" into
    "Ralph Goodale"), ``unmerge_person(key, *, name)``, ``person_overrides() -> PersonOverrides``
    (``gender``, ``merged_into`` with chains followed, ``names``; ``resolve(key)``, ``gender_of(key)``).
  - ``reattach({article_id: [Quote, ...]}) -> AnchorReport`` after a re-ingest
    (see :mod:`store.anchoring`). For a Workspace call
    ``store.anchoring.ensure_anchored(ws)`` after ``Workspace.open``: it re-attaches
    only when the analysis key changed or the corpus was re-read, else costs nothing.
  - ``get_state(key)`` / ``set_state(key, value)``: small settings kept in the store
    file (no history, no undo).

History: ``history(quote_id=None, limit=None) -> list[Change]`` (oldest first;
``Change(id, ts, who, source, session, op, label, items, undoes, redoes)`` with
``items = [ChangeItem(quote_id, before, after, kind)]``: the fields that changed, or the
whole record when it was created/removed; ``kind`` is ``"person"`` for person corrections).

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

from store.annotations.history import Change, ChangeItem
from store.annotations.records import (
    STORE_FILENAME,
    Annotation,
    CorrectedSpan,
    PersonOverrides,
    article_of,
    user_quote_id,
)
from store.annotations.repair import RepairReport, repair_store, salvage_records
from store.annotations.store import AnnotationStore
from store.safe_storage import StoreCorrupt, StoreError, StoreLocked, StoreWriteError

__all__ = [
    "STORE_FILENAME",
    "Annotation",
    "AnnotationStore",
    "Change",
    "ChangeItem",
    "CorrectedSpan",
    "PersonOverrides",
    "RepairReport",
    "StoreCorrupt",
    "StoreError",
    "StoreLocked",
    "StoreWriteError",
    "article_of",
    "repair_store",
    "salvage_records",
    "user_quote_id",
]
