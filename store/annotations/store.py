"""The annotation store: what a user changes — quotes, people — and undo/redo.

See the package docstring (:mod:`store.annotations`) for the API.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from corpus.models import REVIEW_STATUSES, Quote, quote_excerpt
from store.annotations.core import StoreCore
from store.annotations.history import Change, three_way, undo_stacks
from store.annotations.records import (
    PERSON,
    QUOTE,
    Annotation,
    CorrectedSpan,
    PersonOverrides,
    clean_tag,
    full,
    has_content,
    merge_tags,
    new_record,
    user_quote_id,
)
from store.annotations.tinydb_adapter import Record
from store.safe_storage import StoreError

UNSET: Any = object()  # "not given" for arguments where None means "clear"
SCOPES = ("session", "actor", "all")


class AnnotationStore(StoreCore):
    """See the package docstring (:mod:`store.annotations`) for the API."""

    # -- changing quotes -------------------------------------------------------

    def _base_record(self, quote: Quote | str) -> tuple[str, Record]:
        """The current record of a quote (a copy), or a new one anchored on the Quote."""
        qid = quote if isinstance(quote, str) else quote.id
        if not qid:
            raise ValueError("the quote has no id (use Analysis.for_article or with_quote_ids)")
        cur = self._table.record(qid)
        if cur is not None:
            rec = full(cur)
            if isinstance(quote, Quote):
                rec["orphan"] = False
                if not rec.get("text"):
                    rec.update(text=quote.text, start=quote.start, end=quote.end)
            return qid, rec
        rec = new_record(qid)
        if isinstance(quote, Quote):
            rec.update(text=quote.text, start=quote.start, end=quote.end)
        return qid, rec

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
        new_tags = None if tags is None else merge_tags([], tags)
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
                rec["tags"] = merge_tags(rec["tags"], add_tags, remove_tags)
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
            # nothing left worth keeping: drop the record (undo brings it back)
            return self._change("update", label or " ".join(parts), [(qid, rec if has_content(rec) else None)])

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
        with self._lock(), self._rlock:
            cur = self._table.record(qid)
            if cur is not None and cur.get("user_added"):
                rec = full(cur)
                rec.update(
                    tags=merge_tags(rec["tags"], tags),
                    note=note or rec["note"],
                    status=status or rec["status"],
                    speaker=speaker or rec["speaker"],
                    orphan=False,
                )
                label = f"add quote {quote_excerpt(text)} again"
            else:
                rec = new_record(
                    qid,
                    article_id,
                    text=text,
                    start=start,
                    end=end,
                    tags=merge_tags([], tags),
                    note=note,
                    status=status or "accepted",
                    speaker=speaker,
                    user_added=True,
                    kind=kind,
                )
                label = f"add quote {quote_excerpt(text)}"
            self._change("add", label, [(qid, rec)])
        got = self.get(qid)
        assert got is not None
        return got

    def remove(self, quote_id: str) -> Change | None:
        """Remove a quote's annotation entirely (e.g. a user-added quote). Undoable."""
        return self._change("remove", "remove", [(quote_id, None)])

    # -- people ----------------------------------------------------------------

    def _person_record(self, key: str, name: str) -> Record:
        if not key or not key.strip():
            raise ValueError("a person key cannot be empty")
        rec = dict(self._people.record(key) or {})
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
            if source_key == target_key or self.person_overrides().resolve(target_key) == source_key:
                raise ValueError(
                    f"cannot merge {source_name} into {target_name}: that would merge them into themselves"
                )
            rec = self._person_record(source_key, source_name)
            rec["merged_into"] = target_key
            rec["merged_name"] = (target_name or "").strip() or target_key
            label = f"merge {rec['name']} into {rec['merged_name']}"
            return self._change("person", label, [(source_key, rec)], kind=PERSON)

    def unmerge_person(self, source_key: str, *, name: str) -> Change | None:
        """Take back a merge of ``source_key`` (whenever it was made): it counts as itself again."""
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
            people = self._people.records()
            if self._people_gen == self.storage.generation and self._people_cache is not None:
                return self._people_cache
            gender: dict[str, str] = {}
            direct: dict[str, str] = {}
            names: dict[str, str] = {}
            for key, rec in people.items():
                if rec.get("name"):
                    names[key] = rec["name"]
                if rec.get("gender"):
                    gender[key] = rec["gender"]
                if rec.get("merged_into"):
                    direct[key] = rec["merged_into"]
                    names.setdefault(rec["merged_into"], rec.get("merged_name") or rec["merged_into"])
            merged: dict[str, str] = {}
            for key, target in direct.items():
                seen = {key}
                while target in direct and direct[target] not in seen:  # a loop (two writers) stops
                    seen.add(target)
                    target = direct[target]
                merged[key] = target
            self._people_cache = PersonOverrides(gender, merged, names)
            self._people_gen = self.storage.generation
            return self._people_cache

    # -- undo / redo -----------------------------------------------------------

    def _changes(self, scope: str) -> list[Change]:
        """The changes undo/redo choose from (see the package docstring for the scopes)."""
        if scope == "session":
            return list(self._session_changes)
        if scope == "actor":
            return [c for c in self.history() if c.who == self.who and c.source == self.source]
        if scope == "all":
            return self.history()
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}")

    def can_undo(self, scope: str = "session") -> bool:
        return bool(undo_stacks(self._changes(scope))[0])

    def can_redo(self, scope: str = "session") -> bool:
        return bool(undo_stacks(self._changes(scope))[1])

    def undo(self, scope: str = "session") -> Change | None:
        """Revert the latest change of ``scope`` (fields changed by others since are left alone)."""
        return self._undo_redo(scope, undo=True)

    def redo(self, scope: str = "session") -> Change | None:
        return self._undo_redo(scope, undo=False)

    def _undo_redo(self, scope: str, *, undo: bool) -> Change | None:
        with self._lock(), self._rlock:
            if self._batch is not None:
                raise RuntimeError("cannot undo inside a batch")
            changes = self._changes(scope)
            undo_stack, redo_stack = undo_stacks(changes)
            stack = undo_stack if undo else redo_stack
            if not stack:
                return None
            target = next(c for c in changes if c.id == stack[-1])
            verb = "undo" if undo else "redo"
            self._refuse_after_reattach(changes, target, verb)
            edits: list[tuple[str, Record | None, str]] = []
            conflicts: list[str] = []
            for item in reversed(target.items) if undo else target.items:
                goal, expected = (item.before, item.after) if undo else (item.after, item.before)
                table = self._people if item.kind == PERSON else self._table
                current = table.record(item.quote_id)
                rec, clash = three_way(item.kind, current, goal, expected)
                if rec is not None and item.kind == QUOTE and not has_content(rec):
                    rec = None
                conflicts += [f"{item.quote_id}:{f}" for f in clash]
                edits.append((item.quote_id, rec, item.kind))
            link = {"undoes": target.id} if undo else {"redoes": target.id}
            with self._txn() as commit:
                items = [i for i in (self._put(q, r, k) for q, r, k in edits) if i is not None]
                # a change with no items (already in that state) still moves the undo/redo stacks
                commit.change = self._new_change(
                    verb, f"{verb} {target.label}".strip(), items, conflicts=tuple(conflicts), **link
                )
            return commit.change

    @staticmethod
    def _refuse_after_reattach(changes: Sequence[Change], target: Change, verb: str) -> None:
        """A re-analysis that re-keyed or orphaned these quotes since makes the recorded
        states refer to ids that moved: refuse rather than resurrect stale records."""
        last = max(i for i, c in enumerate(changes) if target.id in (c.id, c.undoes, c.redoes))
        touched = set(target.quote_ids)
        for c in changes[last + 1 :]:
            if c.op == "reattach" and touched & set(c.quote_ids):
                raise StoreError(
                    f"Cannot {verb} “{target.label}”: the quotes it changed were "
                    "re-attached after a re-analysis since. Change them directly instead."
                )
