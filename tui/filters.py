"""The app's filters and how they narrow the corpus (no Textual here).

Search, entity, speaker and kind are answered by the ``CorpusIndex``; tag and
review status live in the annotation store, so they are answered from its
records and intersected with the index's rows. Everything returns numpy row
arrays or lists of ``QuoteRef`` so 100,000 articles stay cheap.

The user's own work counts as much as the extraction: a quote whose speaker the
user corrected is found under the corrected speaker (and no longer under the
extracted one), and quotes the user added are found like extracted ones (their
``QuoteRef.index`` is ``USER_QUOTE``: they are not in the analysis).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from corpus.models import article_of, entity_key
from store.index import QuoteRef

USER_QUOTE = -1  # QuoteRef.index of a quote the user added

FIELDS = ("search", "entity", "speaker", "kind", "tag", "status")
FIELD_LABELS = {
    "search": "text",
    "entity": "entity",
    "speaker": "speaker",
    "kind": "kind",
    "tag": "tag",
    "status": "status",
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

    def set(self, field: str, value: Any) -> Filters:
        order = tuple(f for f in self.order if f != field)
        if value not in (None, ""):
            order += (field,)
        return replace(self, **{field: value or None}, order=order)

    def clear(self, field: str | None = None) -> Filters:
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

    def corrected_speakers(self) -> dict[str, str]:
        return self.store.corrected_speakers()

    def added_quotes(self) -> list[Any]:
        return [a for a in self.store.user_quotes() if not a.orphan]


def article_rows(index: Any, filters: Filters, lookup: AnnotationLookup | None) -> np.ndarray:
    """The index rows the filters keep, unsorted."""
    entity = filters.entity[0] if filters.entity else None
    speaker = filters.speaker[0] if filters.speaker else None
    if filters.search or entity or speaker or filters.kind:
        rows = np.asarray(
            index.filter(search=filters.search, entity=entity, speaker=speaker, kind=filters.kind), dtype=np.int64
        )
    else:
        rows = np.arange(index.n_articles, dtype=np.int64)
    if (speaker or filters.kind) and lookup is not None:
        # articles where the user's work puts a quote of this speaker / kind
        extra = {r.row for r in _user_refs(index, filters, lookup, speaker, None)}
        if extra:
            extra_rows = index.filter(search=filters.search, entity=entity, rows=sorted(extra))
            rows = np.union1d(rows, extra_rows)
    if (filters.tag or filters.status) and lookup is not None:
        if filters.status == "unreviewed":
            # "Unreviewed" is the absence of a record: every article with a quote left to review.
            refs = quote_refs(index, filters, lookup, rows=rows)
            keep = np.unique(np.fromiter((r.row for r in refs), dtype=np.int64, count=len(refs)))
        else:
            ids = lookup.quote_ids(tag=filters.tag, status=filters.status)
            found = (index.row_of(article_of(q)) for q in ids)
            keep = np.unique(np.fromiter((r for r in found if r is not None), dtype=np.int64))
        rows = np.intersect1d(rows, keep, assume_unique=False)
    return rows


def quote_refs(index: Any, filters: Filters, lookup: AnnotationLookup | None, rows: np.ndarray | None = None) -> list:
    """The quotes the filters keep, across the corpus (``QuoteRef`` list): grouped by article
    in the order of ``rows`` when given (the article list's sort), else in index order."""
    entity = filters.entity[0] if filters.entity else None
    speaker = filters.speaker[0] if filters.speaker else None
    ordered = rows is not None
    if rows is None and (entity or filters.search):
        rows = index.filter(search=filters.search, entity=entity)
    # The search narrows articles, not the words of each quote: the rows carry it.
    refs = index.quotes(speaker=speaker, kind=filters.kind, rows=rows)
    if lookup is not None:
        refs = _with_user_work(index, filters, lookup, speaker, rows, refs)
        if filters.status == "unreviewed":
            reviewed = lookup.reviewed_ids()
            refs = [r for r in refs if r.quote_id not in reviewed]
            if filters.tag:
                tagged = lookup.quote_ids(tag=filters.tag)
                refs = [r for r in refs if r.quote_id in tagged]
        elif filters.tag or filters.status:
            wanted = lookup.quote_ids(tag=filters.tag, status=filters.status)
            refs = [r for r in refs if r.quote_id in wanted]
    if ordered and len(refs) > 1:
        refs = _in_row_order(refs, np.asarray(rows, dtype=np.int64), index.n_articles)
    return list(refs)


def speaker_key_of(index: Any, name: str) -> str:
    """The corpus key of a speaker name the user typed (the key it would have as an entity
    when the corpus never mentions it)."""
    return index.resolve(name) or entity_key(name)


def _user_refs(
    index: Any,
    filters: Filters,
    lookup: AnnotationLookup,
    speaker: str | None,
    rows: np.ndarray | None,
    corrected: dict[str, str] | None = None,
) -> list[QuoteRef]:
    """The quotes the user's work puts under ``speaker`` / ``filters.kind`` in ``rows``: extracted
    quotes whose speaker was corrected to ``speaker``, and added quotes."""
    keep = None if rows is None else set(np.asarray(rows).tolist())
    out: list[QuoteRef] = []
    if speaker:
        wanted: dict[int, set[str]] = {}
        if corrected is None:
            corrected = lookup.corrected_speakers()
        for quote_id, name in corrected.items():
            row = index.row_of(article_of(quote_id))
            if row is not None and (keep is None or row in keep) and speaker_key_of(index, name) == speaker:
                wanted.setdefault(row, set()).add(quote_id)
        for row, ids in wanted.items():
            out += [r for r in index.quotes(kind=filters.kind, rows=[row]) if r.quote_id in ids]
    for ann in lookup.added_quotes():
        row = index.row_of(ann.article_id)
        kind = ann.kind or "direct"
        key = speaker_key_of(index, ann.speaker) if ann.speaker else None
        if row is None or (keep is not None and row not in keep) or (filters.kind and kind != filters.kind):
            continue
        if speaker and key != speaker:
            continue
        out.append(
            QuoteRef(
                row=row, index=USER_QUOTE, quote_id=ann.quote_id, kind=kind, speaker_key=key, speaker_name=ann.speaker
            )
        )
    return out


def _with_user_work(
    index: Any,
    filters: Filters,
    lookup: AnnotationLookup,
    speaker: str | None,
    rows: np.ndarray | None,
    refs: list[QuoteRef],
) -> list[QuoteRef]:
    """``refs`` as the user sees them: quotes corrected away from ``speaker`` out, the
    quotes ``_user_refs`` finds in; article order, then text order (added quotes last)."""
    corrected = lookup.corrected_speakers() if speaker else None  # one pass over the store
    if corrected:
        refs = [
            r for r in refs if r.quote_id not in corrected or speaker_key_of(index, corrected[r.quote_id]) == speaker
        ]
    have = {r.quote_id for r in refs}
    extra = [r for r in _user_refs(index, filters, lookup, speaker, rows, corrected) if r.quote_id not in have]
    if not extra:
        return refs
    merged = list(refs) + extra
    merged.sort(key=lambda r: (r.row, r.index == USER_QUOTE, r.index))
    return merged


def _in_row_order(refs: list[QuoteRef], rows: np.ndarray, n_articles: int) -> list[QuoteRef]:
    """``refs`` (index order) regrouped by article in the order of ``rows`` — the article
    list's sort — keeping each article's quotes in text order."""
    rank = np.full(n_articles, len(rows), dtype=np.int64)
    rank[rows] = np.arange(len(rows), dtype=np.int64)
    keys = rank[np.fromiter((r.row for r in refs), dtype=np.int64, count=len(refs))]
    order = np.argsort(keys, kind="stable")
    return [refs[i] for i in order.tolist()]
