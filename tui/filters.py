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

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from corpus.models import article_of, entity_key
from store.index import EntityStat, QuoteRef, SpeakerStat

if TYPE_CHECKING:
    from collections.abc import Sequence

    from store.annotations import Annotation, AnnotationStore
    from store.index import CorpusIndex

USER_QUOTE = -1  # QuoteRef.index of a quote the user added

FIELDS = ("search", "entity", "speaker", "kind", "tag", "status", "source", "dates", "note")
FIELD_LABELS = {
    "search": "text",
    "entity": "entity",
    "speaker": "speaker",
    "kind": "kind",
    "tag": "tag",
    "status": "status",
    "source": "source",
    "dates": "dates",
    "note": "note",
}
HAS_NOTE = "has a note"  # the one value of the note filter
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def parse_dates(text: str) -> tuple[str | None, str | None]:
    """A date range as typed: "2005", "2005-01..2005-03", "2005-02 2005-04", "..2005-06",
    "2005-06..". Each end is YYYY, YYYY-MM or YYYY-MM-DD, inclusive; raises ValueError."""
    text = text.strip()
    for sep in ("..", "–", "—", " to "):
        if sep in text:
            low, _, high = text.partition(sep)
            break
    else:
        parts = text.split()
        if len(parts) > 2:
            raise ValueError(f"{text!r}: give one date, or two (from and to)")
        low, high = (parts[0], parts[-1]) if parts else ("", "")
    low, high = low.strip(), high.strip()
    for end in (low, high):
        if end and not _DATE.fullmatch(end):
            raise ValueError(f"{end!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if not (low or high):
        raise ValueError("give a date: from, to, or both (YYYY, YYYY-MM or YYYY-MM-DD)")
    if low and high and low[: len(high)] > high:
        raise ValueError(f"{low} is after {high}")
    return low or None, high or None


@dataclass(frozen=True, slots=True)
class Filters:
    """The active filters; ``entity``/``speaker`` are (key, display name); ``dates`` is a range
    as ``parse_dates`` reads it; ``note`` is ``HAS_NOTE`` or None."""

    search: str | None = None
    entity: tuple[str, str] | None = None
    speaker: tuple[str, str] | None = None
    kind: str | None = None
    tag: str | None = None
    status: str | None = None
    source: str | None = None
    dates: str | None = None
    note: str | None = None
    order: tuple[str, ...] = ()  # the order they were set: Escape clears the newest first

    def set(self, field: str, value: str | tuple[str, str] | None) -> Filters:
        if field not in FIELDS:
            raise ValueError(f"no filter {field!r}; one of {', '.join(FIELDS)}")
        order = tuple(f for f in self.order if f != field)
        if value not in (None, ""):
            order += (field,)
        changed = replace(self, order=order)
        # a fresh frozen copy, set once before anyone sees it (the field is named at run time)
        object.__setattr__(changed, field, value or None)
        return changed

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
        return any(getattr(self, f) is not None for f in ("entity", "speaker", "kind", "tag", "status", "note"))

    @property
    def date_range(self) -> tuple[str | None, str | None]:
        return parse_dates(self.dates) if self.dates else (None, None)

    @property
    def narrows_articles(self) -> bool:
        """True when a filter keeps whole articles by what they are (outlet, date)."""
        return bool(self.source or self.dates)

    def describe(self) -> str:
        return " · ".join(f"{FIELD_LABELS[f]}: {v}" for f, v in self.active) or "no filters"


class AnnotationLookup:
    """The annotation facts the filters need, asked of the ``AnnotationStore``."""

    def __init__(self, store: AnnotationStore) -> None:
        self.store = store

    def quote_ids(self, tag: str | None = None, status: str | None = None) -> set[str]:
        return {a.quote_id for a in self.store.find(tag=tag, status=status)}

    def noted_ids(self) -> set[str]:
        return {a.quote_id for a in self.store.all() if a.note.strip()}

    def reviewed_ids(self) -> set[str]:
        return {a.quote_id for status in ("accepted", "rejected") for a in self.store.find(status=status)}

    def corrected_speakers(self) -> dict[str, str]:
        return self.store.corrected_speakers()

    def added_quotes(self) -> list[Annotation]:
        return [a for a in self.store.user_quotes() if not a.orphan]


def article_rows(index: CorpusIndex, filters: Filters, lookup: AnnotationLookup | None) -> np.ndarray:
    """The index rows the filters keep, unsorted."""
    entity = filters.entity[0] if filters.entity else None
    speaker = filters.speaker[0] if filters.speaker else None
    low, high = filters.date_range
    if filters.search or entity or speaker or filters.kind or filters.narrows_articles:
        rows = np.asarray(
            index.filter(
                search=filters.search,
                entity=entity,
                speaker=speaker,
                kind=filters.kind,
                source=filters.source,
                date_from=low,
                date_to=high,
            ),
            dtype=np.int64,
        )
    else:
        rows = np.arange(index.n_articles, dtype=np.int64)
    if (speaker or filters.kind) and lookup is not None:
        # articles where the user's work puts a quote of this speaker / kind
        extra = {r.row for r in _user_refs(index, filters, lookup, speaker, None)}
        if extra:
            extra_rows = index.filter(
                search=filters.search,
                entity=entity,
                rows=sorted(extra),
                source=filters.source,
                date_from=low,
                date_to=high,
            )
            rows = np.union1d(rows, extra_rows)
    if lookup is not None and filters.status == "unreviewed":
        # "Unreviewed" is the absence of a record: every article with a quote left to review.
        refs = quote_refs(index, filters, lookup, rows=rows)
        keep = np.unique(np.fromiter((r.row for r in refs), dtype=np.int64, count=len(refs)))
        rows = np.intersect1d(rows, keep, assume_unique=False)
    elif lookup is not None:
        ids = _annotated_ids(filters, lookup)
        if ids is not None:
            found = (index.row_of(article_of(q)) for q in ids)
            keep = np.unique(np.fromiter((r for r in found if r is not None), dtype=np.int64))
            rows = np.intersect1d(rows, keep, assume_unique=False)
    return rows


def keeps_added(index: CorpusIndex, filters: Filters, kind: str, speaker: str | None) -> bool:
    """Whether the quote filters keep a quote the user has just added (accepted, no tags, no
    note) to an article the list shows: what ``quote_refs`` will say once it is saved."""
    if filters.tag or filters.note or filters.status not in (None, "accepted"):
        return False
    if filters.kind and filters.kind != kind:
        return False
    if filters.speaker and (speaker is None or speaker_key_of(index, speaker) != filters.speaker[0]):
        return False
    return True


def _annotated_ids(filters: Filters, lookup: AnnotationLookup) -> set[str] | None:
    """The quotes the annotation filters (tag, a recorded status, a note) keep; None: no such filter."""
    status = filters.status if filters.status != "unreviewed" else None
    ids = lookup.quote_ids(tag=filters.tag, status=status) if (filters.tag or status) else None
    if filters.note:
        noted = lookup.noted_ids()
        ids = noted if ids is None else ids & noted
    return ids


def quote_refs(
    index: CorpusIndex, filters: Filters, lookup: AnnotationLookup | None, rows: np.ndarray | None = None
) -> list[QuoteRef]:
    """The quotes the filters keep, across the corpus (``QuoteRef`` list): grouped by article
    in the order of ``rows`` when given (the article list's sort), else in index order."""
    entity = filters.entity[0] if filters.entity else None
    speaker = filters.speaker[0] if filters.speaker else None
    ordered = rows is not None
    if rows is None and (entity or filters.search or filters.narrows_articles):
        low, high = filters.date_range
        rows = index.filter(search=filters.search, entity=entity, source=filters.source, date_from=low, date_to=high)
    # The search narrows articles, not the words of each quote: the rows carry it.
    refs = index.quotes(speaker=speaker, kind=filters.kind, rows=rows)
    if lookup is not None:
        refs = _with_user_work(index, filters, lookup, speaker, rows, refs)
        if filters.status == "unreviewed":
            reviewed = lookup.reviewed_ids()
            refs = [r for r in refs if r.quote_id not in reviewed]
        wanted = _annotated_ids(filters, lookup)
        if wanted is not None:
            refs = [r for r in refs if r.quote_id in wanted]
    if ordered and len(refs) > 1:
        refs = _in_row_order(refs, np.asarray(rows, dtype=np.int64), index.n_articles)
    return list(refs)


def speaker_key_of(index: CorpusIndex, name: str) -> str:
    """The corpus key of a speaker name the user typed (the key it would have as an entity
    when the corpus never mentions it)."""
    return index.resolve(name) or entity_key(name)


def _user_refs(
    index: CorpusIndex,
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
    index: CorpusIndex,
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


class FilteredStats:
    """The speakers and entities of the articles a filter keeps, listed like the index's own
    (``speakers(top)``, ``entities(top=...)``) so the corpus sidebar shows either."""

    def __init__(self, speakers: list[SpeakerStat], entities: list[EntityStat]) -> None:
        self._speakers = speakers
        self._entities = entities

    def speakers(self, top: int | None = None) -> list[SpeakerStat]:
        return self._speakers[:top]

    def entities(self, label: str | None = None, top: int | None = None) -> list[EntityStat]:
        found = [e for e in self._entities if label is None or e.label == label]
        return found[:top]


def filtered_stats(
    index: CorpusIndex, rows: np.ndarray, candidates: int = 2000, refs: Sequence[QuoteRef] | None = None
) -> FilteredStats:
    """Who speaks and what is mentioned in the articles ``rows``: speakers by their quotes there (those
    the lists show: ``CorpusIndex.is_listed_speaker``) — or by ``refs``, the quotes a filter that picks
    quotes keeps ("kind: indirect" counts each speaker's indirect quotes, as the quote list shows them) —,
    entities by the articles there that mention them (among the corpus's ``candidates`` most
    mentioned, each counted with one pass over its postings)."""
    keep = np.zeros(index.n_articles, dtype=np.bool_)
    keep[np.asarray(rows, dtype=np.int64)] = True
    quotes: dict[str, int] = {}
    articles: dict[str, set[int]] = {}
    names: dict[str, str] = {}
    for ref in index.quotes(rows=rows) if refs is None else refs:
        if ref.speaker_key and index.is_listed_speaker(ref.speaker_key):
            quotes[ref.speaker_key] = quotes.get(ref.speaker_key, 0) + 1
            articles.setdefault(ref.speaker_key, set()).add(ref.row)
            names.setdefault(ref.speaker_key, ref.speaker_name or ref.speaker_key)
    speakers = [SpeakerStat(key, names[key], n, len(articles[key])) for key, n in quotes.items()]
    speakers.sort(key=lambda s: (-s.n_quotes, -s.n_articles, s.name))
    entities = []
    for stat in index.entities(top=candidates):
        n = int(keep[index.entity_rows(stat.key)].sum())
        if n:
            entities.append(replace(stat, n_articles=n))
    entities.sort(key=lambda e: -e.n_articles)
    return FilteredStats(speakers, entities)
