"""The app's filters and how they narrow the corpus (no Textual here).

Search, entity, speaker and kind are answered by the ``CorpusIndex``; tag and
review status live in the annotation store, so they are answered from its
records and intersected with the index's rows. Everything returns numpy row
arrays or lists of ``QuoteRef`` so 100,000 articles stay cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

FIELDS = ("search", "entity", "speaker", "kind", "tag", "status")
FIELD_LABELS = {
    "search": "text", "entity": "entity", "speaker": "speaker", "kind": "kind", "tag": "tag", "status": "status",
}


@dataclass(frozen=True, slots=True)
class Filters:
    """The active filters; ``entity``/``speaker`` are (key, display name)."""

    search: str | None = None
    entity: tuple[str, str] | None = None
    speaker: tuple[str, str] | None = None
    kind: str | None = None
    tag: str | None = None
    status: str | None = None
    order: tuple[str, ...] = ()  # the order they were set: Escape clears the newest first

    def set(self, field: str, value: Any) -> "Filters":
        order = tuple(f for f in self.order if f != field)
        if value not in (None, ""):
            order += (field,)
        return replace(self, **{field: value or None}, order=order)

    def clear(self, field: str | None = None) -> "Filters":
        """Clear ``field``, or the newest filter when None."""
        if field is None:
            if not self.order:
                return self
            field = self.order[-1]
        return self.set(field, None)

    @property
    def active(self) -> list[tuple[str, str]]:
        """(field, shown value) of every active filter, in the order they were set."""
        out = []
        for field in self.order:
            value = getattr(self, field)
            if value is None:
                continue
            out.append((field, value[1] if isinstance(value, tuple) else str(value)))
        return out

    @property
    def any(self) -> bool:
        return bool(self.order)

    @property
    def narrows_quotes(self) -> bool:
        """True when the filters pick quotes (not just articles): the quote viewer follows them."""
        return any(getattr(self, f) is not None for f in ("entity", "speaker", "kind", "tag", "status"))

    def describe(self) -> str:
        return " · ".join(f"{FIELD_LABELS[f]}: {v}" for f, v in self.active) or "no filters"


class AnnotationLookup:
    """The annotation facts the filters need, asked of the ``AnnotationStore``."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def quote_ids(self, tag: str | None = None, status: str | None = None) -> set[str]:
        return {a.quote_id for a in self.store.find(tag=tag, status=status)}

    def reviewed_ids(self) -> set[str]:
        return {a.quote_id for status in ("accepted", "rejected") for a in self.store.find(status=status)}


def article_id_of(quote_id: str) -> str:
    return quote_id.rsplit("#", 1)[0]


def article_rows(index: Any, filters: Filters, lookup: AnnotationLookup | None) -> np.ndarray:
    """The index rows the filters keep, unsorted."""
    entity = filters.entity[0] if filters.entity else None
    speaker = filters.speaker[0] if filters.speaker else None
    if filters.search or entity or speaker or filters.kind:
        rows = np.asarray(index.filter(search=filters.search, entity=entity, speaker=speaker, kind=filters.kind),
                          dtype=np.int64)
    else:
        rows = np.arange(index.n_articles, dtype=np.int64)
    if (filters.tag or filters.status) and lookup is not None:
        if filters.status == "unreviewed":
            # "Unreviewed" is the absence of a record: every article with a quote left to review.
            refs = quote_refs(index, filters, lookup, rows=rows)
            keep = np.unique(np.fromiter((r.row for r in refs), dtype=np.int64, count=len(refs)))
        else:
            ids = lookup.quote_ids(tag=filters.tag, status=filters.status)
            found = (index.row_of(article_id_of(q)) for q in ids)
            keep = np.unique(np.fromiter((r for r in found if r is not None), dtype=np.int64))
        rows = np.intersect1d(rows, keep, assume_unique=False)
    return rows


def quote_refs(index: Any, filters: Filters, lookup: AnnotationLookup | None, rows: np.ndarray | None = None) -> list:
    """The quotes the filters keep, across the corpus (``QuoteRef`` list, index order)."""
    entity = filters.entity[0] if filters.entity else None
    speaker = filters.speaker[0] if filters.speaker else None
    if rows is None and (entity or filters.search):
        rows = index.filter(search=filters.search, entity=entity)
    # The search narrows articles, not the words of each quote: the rows carry it.
    refs = index.quotes(speaker=speaker, kind=filters.kind, rows=rows)
    if lookup is None or not (filters.tag or filters.status):
        return list(refs)
    if filters.status == "unreviewed":
        reviewed = lookup.reviewed_ids()
        refs = [r for r in refs if r.quote_id not in reviewed]
        if filters.tag:
            tagged = lookup.quote_ids(tag=filters.tag)
            refs = [r for r in refs if r.quote_id in tagged]
        return refs
    wanted = lookup.quote_ids(tag=filters.tag, status=filters.status)
    return [r for r in refs if r.quote_id in wanted]
