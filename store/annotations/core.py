"""The store's core: its files, reading, and the one way a change is saved.

Every change runs under the inter-process lock (:mod:`store.locking`) inside one
storage transaction (:class:`store.safe_storage.SafeJSONStorage`: one atomic save),
then its history line is appended (:mod:`store.annotations.history`). What a user
can change (quotes, people, undo) is :class:`store.annotations.store.AnnotationStore`,
built on this class. (A little over 500 lines: the read side and the commit path share
the lock, the storage's generation and the per-article index, so they stay together.)
"""

from __future__ import annotations

import os
import secrets
import threading
import warnings as _warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from corpus.models import Quote
from store.annotations.history import (
    HIDDEN_OPS,
    Change,
    ChangeItem,
    HistoryLog,
    now_iso,
)
from store.annotations.journal import FOLD_BYTES, SMALL_SNAPSHOT, ChangeJournal
from store.annotations.lazy_table import LazyTable
from store.annotations.records import (
    PEOPLE_TABLE,
    PERSON,
    QUOTE,
    STATE,
    STATE_TABLE,
    STORE_FILENAME,
    TABLE,
    TRACKED_FIELDS,
    Annotation,
    PersonOverrides,
    article_of,
    default_who,
    full,
    history_path,
    lock_path,
    person_problem,
    record_problem,
    slim,
    slim_person,
)
from store.annotations.snapshot import LineSnapshotCodec
from store.annotations.tinydb_adapter import AnnotationDB, Record
from store.locking import DEFAULT_TIMEOUT, StoreLock
from store.safe_storage import (
    SafeJSONStorage,
    StoreError,
    StoreWriteError,
    backup_path,
    cleanup_temp_files,
    os_reason,
    refuse_symlink,
)

if TYPE_CHECKING:
    from store.anchoring import AnchorReport


@dataclass
class _Commit:
    """What a transaction commits: the change to journal; ``bulk``: a write the change does
    not describe (an import), folded into a new snapshot instead."""

    change: Change | None = None
    bulk: bool = False


class StoreCore:
    """Files, lock, reading and saving changes (see :class:`AnnotationStore` for the API)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        who: str | None = None,
        source: str = "app",
        lock_timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        path = Path(path)
        if path.is_dir() or (not path.suffix and not path.exists()):
            path = path / STORE_FILENAME
        self.path = path
        self.backup_path = backup_path(path)
        self.history_path = history_path(path)
        self.lock_path = lock_path(path)
        self.who = who or default_who()
        self.source = source
        self.session = secrets.token_hex(4)
        self.warnings: list[str] = []
        self._history = HistoryLog(self.history_path)
        self._journal = ChangeJournal(self._history)
        self._stamp = ""
        self._lock = StoreLock(self.lock_path, timeout=lock_timeout)
        self._rlock = threading.RLock()
        codec = LineSnapshotCodec({TABLE: record_problem, PEOPLE_TABLE: person_problem})
        self._db = AnnotationDB(str(path), storage=SafeJSONStorage, journal=self._journal, codec=codec)
        self._table = self._db.keyed(TABLE)
        self._people = self._db.keyed(PEOPLE_TABLE)
        self._warned_bad = 0
        self._state = self._db.keyed(STATE_TABLE)
        self.storage = self._table.safe_storage
        self._session_changes: list[Change] = []
        self._batch: list[ChangeItem] | None = None
        self._cleaned = False
        self._index_gen = -1
        self._by_article: dict[str, dict[str, None]] = {}  # article id -> quote ids (ordered set)
        self._tag_fold: dict[str, list[Any]] = {}  # folded tag -> [display form, count]
        self._people_gen = -1
        self._people_cache: PersonOverrides | None = None

    def __repr__(self) -> str:
        return f"AnnotationStore({str(self.path)!r})"

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    # -- reading ---------------------------------------------------------------

    def _raw(self) -> LazyTable:
        with self._rlock:
            records = self._table.records()
            self._report_problems()
            return records

    def _report_problems(self) -> None:
        """Warn about what reading met: damaged history lines, records of the wrong shape (found
        when first used: records are read lazily; ``check()`` reads them all)."""
        for message in self._journal.warnings:  # damaged history lines met while replaying
            self._warn(message)
        found = len(self._table.records().problems()) + len(self._people.records().problems())
        if found != self._warned_bad:
            self._warned_bad = found
            for message in self._problem_messages(full=False):
                self._warn(message)

    def _problem_messages(self, *, full: bool) -> list[str]:
        with self._rlock:
            people, quotes = (
                (self._people.invalid(), self._table.invalid())
                if full
                else (
                    self._people.problems(),
                    self._table.problems(),
                )
            )
        bad = [("annotation", k, p) for k, p in quotes.items()]
        bad += [("person correction", k, p) for k, p in people.items()]
        return [
            f"{self.path}: the {what} {key!r} is not valid ({problem}); it is ignored. Run `quotelens store "
            f"repair --store {self.path.parent}` to set it aside (it is kept in a side file)."
            for what, key, problem in bad
        ]

    def invalid_records(self) -> list[str]:
        """One message per record of the wrong shape in the file (ignored until repaired); reads
        every record not read yet (what ``store check`` runs)."""
        return self._problem_messages(full=True)

    def refresh(self) -> None:
        with self._rlock:
            self.storage.refresh()

    @contextmanager
    def one_look(self) -> Iterator[None]:
        """Reads inside see the file as it was at the first of them (it is looked at once): what
        the app shows for one article. Holds the store's lock (this process's writes wait)."""
        with self._rlock, self.storage.one_look():
            yield

    def check(self) -> int:
        """Read the whole file now: every record parsed and checked (raises :class:`StoreCorrupt`;
        records of the wrong shape land in ``warnings``); the number of annotations. Opening and
        single reads do not need it (records are read on first use): the app runs it in its
        loading thread, ``store check`` at the command line."""
        with self._rlock:
            for message in self.invalid_records():
                self._warn(message)
            return len(self._raw())

    def __len__(self) -> int:
        with self._rlock:
            return len(self._raw())

    def __contains__(self, quote_id: object) -> bool:
        with self._rlock:
            return isinstance(quote_id, str) and quote_id in self._raw()

    def get(self, quote_id: str) -> Annotation | None:
        with self._rlock:
            rec = self._table.record(quote_id)
            self._report_problems()
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
    ) -> list[tuple[str, Record]]:
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
    def _txn(self) -> Iterator[_Commit]:
        """Lock, bring the state up to date, and commit once at the end: append the change
        the body set on the yielded ``_Commit`` to the journal (the history file), which
        makes it durable; fold the state into the snapshot when the journal has grown."""
        with self._lock(), self._rlock:
            # before committing anything: neither the history line nor a fold may go through a link
            refuse_symlink(self.history_path)
            refuse_symlink(self.backup_path)
            if not self._cleaned:
                cleanup_temp_files(self.path)
                self._cleaned = True
            self._stamp = now_iso()
            self.storage.defer()
            commit = _Commit()
            try:
                yield commit
            except BaseException:
                self.storage.rollback()
                raise
            self.storage.commit()
            try:
                if commit.bulk:
                    self.storage.save_snapshot(new_base=True)
                if commit.change is not None:
                    self.storage.journaled(self._history.append(commit.change))
            except BaseException:
                self.storage.refresh()  # the change did not happen: forget it, re-read the files
                raise
            if commit.change is not None:
                if commit.change.op not in HIDDEN_OPS:
                    self._session_changes.append(commit.change)
                self._fold_if_due()

    def _fold_if_due(self) -> None:
        """Fold the journal into the snapshot once it holds enough (see ``store.annotations.journal``)."""
        tail, size = self.storage.journal_tail, self.storage.snapshot_bytes
        if size > SMALL_SNAPSHOT and tail < FOLD_BYTES and tail < size // 4 and not self.storage.needs_migration:
            return  # (a file in an older layout is rewritten at the first save: opening it is slower)
        try:
            self.storage.save_snapshot()
        except StoreError as exc:  # the change itself is safe in the journal
            reason = os_reason(exc.cause) if isinstance(exc, StoreWriteError) else str(exc)
            message = (
                f"Could not bring {self.path} up to date ({reason}). Your change is saved in "
                f"{self.history_path} and kept; the file is brought up to date at a later save."
            )
            self._warn(message)
            _warnings.warn(message, RuntimeWarning, stacklevel=4)

    def _put(self, key: str, rec: Record | None, kind: str = QUOTE) -> ChangeItem | None:
        """Set (or remove, with None) one record inside a transaction."""
        if kind == PERSON:
            return self._put_person(key, rec)
        before = slim(self._table.record(key))
        # keep the index current without a rebuild when it reflected the state just read
        index_ok = self._index_gen == self.storage.generation
        if rec is None:
            if before is None:
                return None
            self._table.delete([key])
            if index_ok:
                self._index_add(key, before, -1)
                self._index_gen = self.storage.generation
            return ChangeItem.of(key, before, None)
        rec = slim(rec)
        assert rec is not None
        if before is not None and all(before.get(f) == rec.get(f) for f in TRACKED_FIELDS):
            return None
        rec = {"quote_id": key, **{k: v for k, v in rec.items() if k != "quote_id"}}  # id first (salvage)
        rec["updated"] = self._stamp
        rec["by"] = self.who
        rec["created"] = (before or {}).get("created") or rec.get("created") or rec["updated"]
        self._table.put(key, rec)
        if index_ok:
            if before is not None:
                self._index_add(key, before, -1)
            self._index_add(key, rec)
            self._index_gen = self.storage.generation
        return ChangeItem.of(key, before, slim(rec))

    def _put_person(self, key: str, rec: Record | None) -> ChangeItem | None:
        """Set (or remove) one person correction inside a transaction (the history has the times)."""
        before = slim_person(self._people.record(key))
        after = slim_person(rec)
        if after is not None and not (after.get("gender") or after.get("merged_into")):
            after = None  # nothing corrected any more: drop the record
        if before == after:
            return None
        if after is None:
            self._people.delete([key])
        else:
            self._people.put(key, after)
        return ChangeItem.of(key, before, after, PERSON)

    def _new_change(self, op: str, label: str, items: Sequence[ChangeItem] = (), **kw: Any) -> Change:
        return Change.new(
            who=self.who,
            source=self.source,
            session=self.session,
            op=op,
            label=label,
            items=tuple(items),
            ts=self._stamp,
            **kw,
        )

    def _change(
        self,
        op: str,
        label: str,
        edits: Iterable[tuple[str, Record | None]],
        *,
        kind: str = QUOTE,
        **kw: Any,
    ) -> Change | None:
        # Lock order everywhere: the store lock (threads, then the file) before ``_rlock``,
        # so a thread waiting for another process never blocks readers of this one.
        with self._lock():
            with self._rlock:
                if self._batch is not None:
                    for key, rec in edits:
                        item = self._put(key, rec, kind)
                        if item is not None:
                            self._batch.append(item)
                    return None
            with self._txn() as commit:
                items = [i for i in (self._put(key, rec, kind) for key, rec in edits) if i is not None]
                commit.change = self._new_change(op, label, items, **kw) if items else None
            return commit.change

    @contextmanager
    def batch(self, label: str = "batch") -> Iterator[list[ChangeItem]]:
        """Group many changes into one save and one undo step.

        If anything inside raises, nothing is saved.
        """
        with self._lock():
            if self._batch is not None:  # nested: join the outer batch
                yield self._batch
                return
            with self._txn() as commit:
                self._batch = []
                try:
                    yield self._batch
                    items = self._batch
                finally:
                    self._batch = None
                commit.change = self._new_change("batch", label, items) if items else None

    # -- history ---------------------------------------------------------------

    def history(self, quote_id: str | None = None, limit: int | None = None) -> list[Change]:
        """Saved changes, oldest first (a damaged line is skipped; see ``warnings``)."""
        found: list[str] = []
        out = self._history.read(found)
        for w in found:
            self._warn(w)
        if quote_id is not None:
            out = [c for c in out if quote_id in c.quote_ids or quote_id in c.person_keys]
        if limit is not None:
            out = out[-limit:]
        return out

    # -- anchoring -------------------------------------------------------------

    def reattach(self, current: Mapping[str, Sequence[Quote]]) -> AnchorReport:
        """Re-attach annotations after re-ingest (see :func:`store.anchoring.plan_reattach`).

        ``current`` maps each re-analysed article id to its quotes now (with ids).
        Articles not in the mapping are left alone. Returns an ``AnchorReport``.
        """
        from store.anchoring import plan_reattach

        with self._lock(), self._rlock:
            raw = self._raw()
            records = [full(rec) for q, rec in raw.items() if (rec.get("article_id") or article_of(q)) in current]
            plan = plan_reattach(records, current)
            if plan.edits:
                self._change("reattach", plan.report.summary(), plan.edits)
            return plan.report

    # -- small persistent settings (not annotations; no history, no undo) ------

    def get_state(self, key: str, default: Any = None) -> Any:
        with self._rlock:
            doc = self._state.record(key)
            return default if doc is None else doc.get("value", default)

    def set_state(self, key: str, value: Any) -> None:
        with self._txn() as commit:
            if self._state.record(key) == {"value": value}:
                return
            self._state.put(key, {"value": value})
            item = ChangeItem(key, None, {"value": value}, STATE)
            commit.change = self._new_change("state", f"set {key}", [item])

    # -- bulk import (benchmarks) ----------------------------------------------

    def import_records(self, records: Iterable[Mapping[str, Any]], *, op: str = "import") -> int:
        """Insert or replace many raw records in one save (one history line, not undoable)."""
        stamp = now_iso()
        new: dict[str, Record] = {}
        for r in records:
            rec = slim(r)
            assert rec is not None
            problem = record_problem(str(rec.get("quote_id")), rec)
            if problem is not None:
                raise ValueError(f"record {rec.get('quote_id')!r}: {problem}")
            rec.setdefault("created", stamp)
            rec.setdefault("updated", stamp)
            new[rec["quote_id"]] = rec
        if not new:
            return 0
        with self._txn() as commit:
            self._table.put_many(new)
            commit.bulk = True  # folded into a new snapshot; the history line only says so
            commit.change = self._new_change(op, f"{op} {len(new)} records")
        return len(new)
