"""The review state of the main screen, with no Textual in it.

One ``Review`` holds what the panes of the main screen show and what the user
is doing to it: the filters, the sort and the quote scope; the current article
and its rows; the annotations as read from the store; and the changes not saved
yet (shown at once, marked "saving…" or "unsaved ●", until the store confirms
them). The screen owns one, mirrors the view choices in reactives, and turns
what this module computes into widgets. Tests drive it without an app
(``tests/test_review.py``), like ``tui/filters.py`` and ``tui/saver.py``.

Optimistic changes: ``change()`` records what the user sees (``Pending``) and
returns the ``SaveJob`` for the ``AnnotationSaver``; ``finish()`` folds the
saver's answer back in. A failed job stays pending, marked unsaved, until
``retry()`` hands it back.

Why this module is longer than ~500 lines: ``Review`` is the single home of the
main screen's state (the issue that made it asked for exactly one), and its parts
— rows, the current article, pending changes, filters, progress, bulk actions —
all read the same pending overlay and annotation view; the value types it hands
the screen (``AddedQuote``, ``Pending``, ``SortOrder``, ``Saved``) are small and
live beside it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypedDict, TypeVar

import numpy as np

from corpus.models import Analysis, Article, Person, Quote, article_of
from store.annotations import Annotation, Change, user_quote_id
from store.index import QuoteRef, SpeakerStat
from store.reviewed import ReviewedCorpus
from tui.filters import (
    USER_QUOTE,
    AnnotationLookup,
    FilteredStats,
    Filters,
    keeps_added,
    quote_refs,
    speaker_key_of,
)
from tui.saver import SaveJob, SaveResult
from tui.widgets.quote_row import SAVED, SAVING, UNSAVED, QuoteRow, in_reading_order

if TYPE_CHECKING:
    from store.annotations import AnnotationStore
    from store.index import ArticleMeta, CorpusIndex
    from store.workspace import Workspace

T = TypeVar("T")

ANALYSIS_CACHE = 256  # analyses kept in memory (corpus-scope quote lists touch many articles)
ARTICLE_CACHE = 16  # article texts kept: the one shown and those read ahead around it
REVIEWED = ("accepted", "rejected")


class RowFields(TypedDict, total=False):
    """The fields of a ``QuoteRow`` a pending change may show before it is saved."""

    status: str
    tags: tuple[str, ...]
    note: str
    speaker_override: str | None


@dataclass(frozen=True, slots=True)
class AddedQuote:
    """A quote the user added: from the store, or shown before the store confirms it."""

    quote_id: str
    article_id: str
    text: str
    start: int
    end: int
    speaker: str | None
    kind: str = "direct"

    @classmethod
    def of(cls, ann: Annotation) -> AddedQuote:
        if ann.span is not None:  # its span changed since it was added
            text = ann.span.text or ann.text
            return cls(
                ann.quote_id, ann.article_id, text, ann.span.start, ann.span.end, ann.speaker, ann.kind or "direct"
            )
        return cls(
            ann.quote_id,
            ann.article_id,
            ann.text,
            int(ann.start or 0),
            int(ann.end or 0),
            ann.speaker,
            ann.kind or "direct",
        )

    def quote(self) -> Quote:
        return Quote(
            id=self.quote_id, text=self.text, start=self.start, end=self.end, kind=self.kind, speaker_name=self.speaker
        )


@dataclass
class Pending:
    """What the user sees of a quote while its change is saving (or after it failed)."""

    fields: RowFields = field(default_factory=lambda: RowFields())
    save_state: str = SAVING
    added: AddedQuote | None = None  # a quote being added


@dataclass(frozen=True, slots=True)
class SortOrder:
    key: str = "date"
    reverse: bool = True  # newest first

    def next(self, keys: Sequence[str]) -> SortOrder:
        """The next key of ``keys``; dates and counts read best biggest first, names A to Z."""
        key = keys[(keys.index(self.key) + 1) % len(keys)] if self.key in keys else keys[0]
        return SortOrder(key, key in ("date", "quotes"))

    def reversed(self) -> SortOrder:
        return SortOrder(self.key, not self.reverse)


@dataclass(frozen=True, slots=True)
class Saved:
    """What ``Review.finish`` made of a saver's answer, for the screen to say."""

    ok: bool
    label: str
    status: str  # the line for the filter bar
    error: str = ""
    undo_change: Change | None = None  # an undo/redo that changed something
    undo_elsewhere: tuple[str, ...] = ()  # article ids it touched besides the current one
    added: str | None = None  # the id of a quote the user added


class Review:
    """See the module docstring. ``on_read_error(message)`` is called once, at the first
    read of the store that fails (the panes go on with what they have)."""

    def __init__(
        self,
        workspace: Workspace,
        store: AnnotationStore | None,
        store_error: str = "",
        on_read_error: Callable[[str], None] | None = None,
    ) -> None:
        self.ws = workspace
        self.index: CorpusIndex = workspace.index
        self.store = store
        self.store_error = store_error
        self._on_read_error = on_read_error
        self._read_error_shown = False
        # the view
        self.filters = Filters()
        self.sort = SortOrder()
        self.quote_scope = "article"  # "filter": the quote list shows the filter's quotes across the corpus
        self.filter_refs: list[QuoteRef] = []
        self.generation = 0  # of the newest filter asked for; answers of older ones are dropped
        self.rows_generation = 0  # the generation the article list shows
        # the current article
        self.current_row: int | None = None
        self.current_article: Article | None = None
        self.article_quotes: list[QuoteRow] = []
        # annotations, as read and as changed
        self._analyses: OrderedDict[str, Analysis] = OrderedDict()
        self._articles: OrderedDict[str, Article] = OrderedDict()
        self._row_of: dict[str, int | None] = {}  # article id -> index row (the index does not change)
        self._annotations: dict[str, Annotation | None] = {}  # None: nothing saved for it
        self._article_annotations: dict[str, Annotation] = {}  # the current article's, added quotes too
        self.pending: dict[str, Pending] = {}
        self.in_flight: dict[str, int] = {}  # quote id -> saves under way
        self.failed: list[SaveJob] = []
        self._reviewed: set[str] | None = None  # reviewed quote ids as saved (read again after a save)
        self._added: dict[int, int] | None = None  # article row -> quotes the user added (saved)
        self._as_reviewed: ReviewedCorpus | None = None  # the corpus as reviewed (read again after a save)
        # Counts the saves that made the caches above stale: a palette builds the speakers in a
        # thread, and a save landing meanwhile must not let that thread keep its older reading.
        self._saves_seen = 0

    @classmethod
    def open(cls, workspace: Workspace, on_read_error: Callable[[str], None] | None = None) -> Review:
        """A review on ``workspace``'s annotation store; without one (a corrupt file, no
        permission) the corpus still reads and ``store_error`` says why."""
        try:
            store = workspace.annotations
            store.check()  # a corrupt file is reported now, not at the first keypress
        except Exception as exc:  # the store's errors name the file; anything else is shown as is
            return cls(workspace, None, str(exc) or exc.__class__.__name__, on_read_error)
        return cls(workspace, store, "", on_read_error)

    # --- reading -------------------------------------------------------------------------
    def read(self, read: Callable[[AnnotationStore], T], default: T) -> T:
        """A read of the annotation store that cannot take the app down (a file another
        process broke, a lock held too long): the error is reported once, ``default`` returned."""
        if self.store is None:
            return default
        try:
            return read(self.store)
        except Exception as exc:
            if not self._read_error_shown:
                self._read_error_shown = True
                if self._on_read_error is not None:
                    self._on_read_error(str(exc))
            return default

    def one_look(self) -> AbstractContextManager[None]:
        """The store's reads inside see the file as at the first of them (one look at it, not
        one per read: ``AnnotationStore.one_look``); an edit by another process shows from the
        next look on."""
        return nullcontext() if self.store is None else self.store.one_look()

    def lookup(self) -> AnnotationLookup | None:
        return None if self.store is None else AnnotationLookup(self.store)

    def analysis(self, article_id: str) -> Analysis:
        return self._cached(self._analyses, article_id, self.ws.analysis, ANALYSIS_CACHE)

    def article(self, article_id: str) -> Article:
        return self._cached(self._articles, article_id, self.ws.article, ARTICLE_CACHE)

    @classmethod
    def _cached(cls, cache: OrderedDict[str, T], key: str, load: Callable[[str], T], size: int) -> T:
        """``cache[key]``, loaded on a miss; the cache keeps the ``size`` most recently used."""
        value = cache.get(key)
        if value is None:
            value = load(key)
            cls._keep(cache, key, value, size)
        else:
            cache.move_to_end(key)
        return value

    @staticmethod
    def _keep(cache: OrderedDict[str, T], key: str, value: T, size: int) -> None:
        cache[key] = value
        cache.move_to_end(key)
        if len(cache) > size:
            cache.popitem(last=False)

    # --- reading ahead (the screen runs read_ahead in a worker thread) ---------------------------
    def to_read_ahead(self, rows: Sequence[int]) -> list[str]:
        """The ids of the articles at index ``rows`` whose text or analysis is not in memory."""
        ids = [self.index.article_id(row) for row in rows]
        return [i for i in dict.fromkeys(ids) if i not in self._articles or i not in self._analyses]

    def read_ahead(self, article_ids: Sequence[str], cancelled: Callable[[], bool]) -> list[tuple[Article, Analysis]]:
        """Read ``article_ids`` from the workspace (thread-safe: touches nothing of the review)."""
        out = []
        for article_id in article_ids:
            if cancelled():
                break
            out.append((self.ws.article(article_id), self.ws.analysis(article_id)))
        return out

    def keep_read(self, articles: Sequence[tuple[Article, Analysis]]) -> None:
        """Keep what ``read_ahead`` read (on the screen's thread), the newest last."""
        for article, analysis in articles:
            if article.id not in self._articles:
                self._keep(self._articles, article.id, article, ARTICLE_CACHE)
            if article.id not in self._analyses:
                self._keep(self._analyses, article.id, analysis, ANALYSIS_CACHE)

    def annotation(self, quote_id: str) -> Annotation | None:
        if quote_id not in self._annotations:
            self._annotations[quote_id] = self.read(lambda store: store.get(quote_id), None)
        return self._annotations[quote_id]

    def tag_names(self) -> list[str]:
        return self.read(lambda store: store.tag_names(), [])

    # --- rows as the user sees them --------------------------------------------------------
    def quote_row(self, quote: Quote, article_id: str, user_added: bool = False) -> QuoteRow:
        """``quote`` with its annotation and any pending change on it."""
        if not user_added and quote.speaker_key:
            quote = self._with_corpus_speaker(quote, article_id)
        ann = self.annotation(quote.id)
        fields = RowFields()
        if ann is not None:
            # An added quote's speaker is its own, not a correction.
            fields = RowFields(
                status=ann.status, tags=ann.tags, note=ann.note, speaker_override=None if user_added else ann.speaker
            )
            if ann.span is not None and not user_added:
                quote = replace(quote, start=ann.span.start, end=ann.span.end, text=ann.span.text or quote.text)
        pending = self.pending.get(quote.id)
        save_state = SAVED
        if pending is not None:
            fields.update(pending.fields)
            save_state = pending.save_state
        return QuoteRow(quote=quote, article_id=article_id, user_added=user_added, save_state=save_state, **fields)

    def _with_corpus_speaker(self, quote: Quote, article_id: str) -> Quote:
        """``quote`` under the speaker's name across the corpus: where the corpus-level merge decided
        that this article's "Blair" is Tony Blair, the row says so, as the speaker lists and the
        speaker filter that found it do."""
        assert quote.speaker_key is not None
        merged = self._corpus_key(article_id, quote.speaker_key)
        if merged is None or merged[0] == quote.speaker_key:
            return quote
        return replace(quote, speaker_key=merged[0], speaker_name=merged[1])

    def _corpus_key(self, article_id: str, key: str) -> tuple[str, str] | None:
        """(key, name) the corpus-level merge gives ``key`` in article ``article_id``."""
        row = self._row_of.get(article_id, -1)
        if row == -1:  # an article's row, looked up once (a search of the index: 0.1 ms, for every quote)
            row = self._row_of[article_id] = self.index.row_of(article_id)
            if len(self._row_of) > 4096:
                self._row_of.clear()
        return self.index.article_key(row, key) if row is not None else None

    def people_as_listed(self, article_id: str, people: Iterable[Person]) -> list[Person]:
        """The article's people under the names the speaker lists give them: where the corpus merge
        decided that this article's "Blair" is Tony Blair, People says "Tony Blair" as Speakers does.
        The key stays the article's, which the entity filter and the gender marks go by."""
        out = []
        for person in people:
            merged = self._corpus_key(article_id, person.key) if person.key else None
            out.append(person if merged is None or merged[0] == person.key else replace(person, name=merged[1]))
        return out

    def added_quotes(self, article_id: str) -> list[AddedQuote]:
        """The quotes the user added to the current article ``article_id``, saved or on their way."""
        known = {q.id for q in self.analysis(article_id).quotes}
        added = [
            AddedQuote.of(a)
            for a in self._article_annotations.values()
            if a.user_added and a.quote_id not in known and not a.orphan
        ]
        for quote_id, pending in self.pending.items():
            if (
                pending.added is not None
                and pending.added.article_id == article_id
                and quote_id not in self._article_annotations
            ):
                added.append(pending.added)
        return added

    def _article_rows(self, article: Article) -> list[QuoteRow]:
        rows = [self.quote_row(q, article.id) for q in self.analysis(article.id).quotes]
        rows += [self.quote_row(a.quote(), article.id, user_added=True) for a in self.added_quotes(article.id)]
        return in_reading_order(rows)

    def ref_row(self, ref: QuoteRef) -> QuoteRow:
        """The row of a quote the filter found (anywhere in the corpus)."""
        article_id = self.index.article_id(ref.row)
        if ref.index == USER_QUOTE:
            ann = self.annotation(ref.quote_id)
            pending = self.pending.get(ref.quote_id)
            if ann is not None:
                quote = AddedQuote.of(ann).quote()
            elif pending is not None and pending.added is not None:
                quote = pending.added.quote()
            else:  # its adding was undone since the filter ran
                quote = Quote(
                    id=ref.quote_id,
                    text="(this added quote was removed)",
                    start=0,
                    end=0,
                    kind=ref.kind,
                    speaker_name=ref.speaker_name,
                )
            return self.quote_row(quote, article_id, user_added=True)
        quotes = self.analysis(article_id).quotes
        row = self.quote_row(quotes[ref.index], article_id)
        holder = _holder(quotes, ref.index)
        if holder is None:
            return row
        return replace(row, inside=self.quote_row(holder, article_id).speaker or "someone")

    def filter_row(self, index: int) -> QuoteRow:
        return self.ref_row(self.filter_refs[index])

    # --- the current article ---------------------------------------------------------------
    def open_article(self, row: int | None) -> Article | None:
        """Make article ``row`` the current one: its annotations read afresh, its rows built."""
        self.current_row = row
        if row is None:
            self.current_article = None
            self.article_quotes = []
            return None
        article = self.article(self.index.article_id(row))
        self.current_article = article
        anns: list[Annotation] = self.read(lambda store: store.for_article(article.id), [])
        self._article_annotations = {a.quote_id: a for a in anns}
        for quote in self.analysis(article.id).quotes:
            self._annotations[quote.id] = self._article_annotations.get(quote.id)
        self._annotations.update(self._article_annotations)
        self.article_quotes = self._article_rows(article)
        return article

    def peek(self, row: int) -> tuple[Article, list[QuoteRow], list[tuple[str, str]]] | None:
        """Article ``row`` as ``open_article`` would show it: the article, its rows and its
        speakers (``article_speakers``), the current article left as it is; None when its text
        or analysis is not in memory yet (read ahead in a thread, never here). The screen
        prepares a neighbour's panes with this in idle time."""
        article_id = self.index.article_id(row)
        if article_id not in self._articles or article_id not in self._analyses:
            return None
        shown = (self.current_row, self.current_article, self.article_quotes, self._article_annotations)
        try:
            article = self.open_article(row)
            assert article is not None
            return article, self.article_quotes, self.article_speakers()
        finally:
            self.current_row, self.current_article, self.article_quotes, self._article_annotations = shown

    def refresh_article(self) -> None:
        """Rebuild the current article's rows after a change (nothing read from disk)."""
        if self.current_article is not None:
            self.article_quotes = self._article_rows(self.current_article)

    def meta(self) -> ArticleMeta | None:
        return None if self.current_row is None else self.index.meta(self.current_row)

    def article_speakers(self) -> list[tuple[str, str]]:
        """(key, name) of who speaks in the current article, as the user sees it: a corrected
        or added quote counts for the speaker the user gave it."""
        out = []
        for q in self.article_quotes:
            if q.speaker_override or (q.user_added and q.speaker):
                out.append((speaker_key_of(self.index, q.speaker), q.speaker))
            elif q.quote.speaker_key:
                out.append((q.quote.speaker_key, q.speaker))
        return out

    def speaker_names(self) -> list[str]:
        """Names to suggest for a speaker: the current article's people, then the corpus's speakers."""
        names = []
        if self.current_article is not None:
            names += [e.name for e in self.analysis(self.current_article.id).entities if e.label == "PERSON"]
        names += [s.name for s in self.speakers(top=500)]
        return list(dict.fromkeys(names))

    def speakers(self, top: int | None = None) -> list[SpeakerStat]:
        """The corpus's speakers as reviewed (``store.reviewed``: a merged or corrected speaker
        under the name the user gave, rejected quotes not counted), most quotes first."""
        if self.store is None:
            return self.index.speakers(top=top)
        as_reviewed = self._as_reviewed
        if as_reviewed is None:
            store, saves_seen = self.store, self._saves_seen
            as_reviewed = self.read(lambda _: ReviewedCorpus(self.index, store), None)
            if saves_seen == self._saves_seen:  # no save landed while it was read
                self._as_reviewed = as_reviewed
        if as_reviewed is None:  # the store could not be read: the extractor's list
            return self.index.speakers(top=top)
        return as_reviewed.speakers(top=top)

    def corpus_stats(self, top_entities: int) -> FilteredStats:
        """The corpus sidebar's lists: speakers as reviewed, the index's entities."""
        return FilteredStats(self.speakers(), self.index.entities(top=top_entities))

    def added_counts(self) -> dict[int, int]:
        """Article row -> how many quotes the user added to it (saved, not orphaned), with the
        ones on their way: the article list's counts follow them."""
        if self._added is None:
            added: list[Annotation] = self.read(lambda store: AnnotationLookup(store).added_quotes(), [])
            counts: dict[int, int] = {}
            for ann in added:
                row = self.index.row_of(ann.article_id)
                if row is not None:
                    counts[row] = counts.get(row, 0) + 1
            self._added = counts
        counts = dict(self._added)
        for quote_id, pending in self.pending.items():
            if pending.added is not None and self.annotation(quote_id) is None:
                row = self.index.row_of(pending.added.article_id)
                if row is not None:
                    counts[row] = counts.get(row, 0) + 1
        return counts

    def quote_index(self, quote_id: str) -> int | None:
        """Where ``quote_id`` is in the quote list as it is now (article or filter scope)."""
        if self.quote_scope == "article":
            return next((i for i, q in enumerate(self.article_quotes) if q.id == quote_id), None)
        return next((i for i, r in enumerate(self.filter_refs) if r.quote_id == quote_id), None)

    # --- changing annotations -----------------------------------------------------------------
    def change(
        self, row: QuoteRow, label: str, shown: RowFields, run: Callable[[AnnotationStore, Quote | str], object]
    ) -> SaveJob:
        """Show ``shown`` on ``row`` now; the job saves ``run(store, quote)``."""
        target: Quote | str = row.id if row.user_added else row.quote
        pending = self.pending.setdefault(row.id, Pending())
        pending.fields.update(shown)
        pending.save_state = SAVING
        return self._begin(SaveJob(label=label, run=lambda store: run(store, target), quote_ids=(row.id,)))

    def add_quote(
        self, article_id: str, start: int, end: int, text: str, speaker: str | None, kind: str = "direct"
    ) -> SaveJob:
        """Show a quote the user added at once (accepted), and the job that saves it."""
        quote_id = user_quote_id(article_id, start, end, text)
        added = AddedQuote(quote_id, article_id, text, start, end, speaker, kind)
        self.pending[quote_id] = Pending(RowFields(status="accepted"), SAVING, added)
        job = SaveJob(
            label="add quote",
            run=lambda store: store.add_quote(article_id, start, end, text, speaker=speaker, kind=kind),
            quote_ids=(quote_id,),
        )
        return self._begin(job)

    def list_added(self, quote_id: str) -> int | None:
        """Put a quote being added into the filter's list at once, after its article's other
        quotes, when the filters keep it; its position, or None."""
        pending = self.pending.get(quote_id)
        row = self.current_row
        if self.quote_scope != "filter" or pending is None or pending.added is None or row is None:
            return None
        added = pending.added
        if not keeps_added(self.index, self.filters, added.kind, added.speaker):
            return None
        key = speaker_key_of(self.index, added.speaker) if added.speaker else None
        ref = QuoteRef(
            row=row, index=USER_QUOTE, quote_id=quote_id, kind=added.kind, speaker_key=key, speaker_name=added.speaker
        )
        mine = [i for i, r in enumerate(self.filter_refs) if r.row == row]
        at = mine[-1] + 1 if mine else len(self.filter_refs)
        self.filter_refs = [*self.filter_refs[:at], ref, *self.filter_refs[at:]]
        return at

    def store_job(self, label: str) -> SaveJob:
        """An undo or a redo (what it touches is known when it is done)."""
        return self._begin(
            SaveJob(label=label, run=(lambda store: store.undo()) if label == "undo" else (lambda store: store.redo()))
        )

    def _begin(self, job: SaveJob) -> SaveJob:
        for quote_id in job.quote_ids:
            self.in_flight[quote_id] = self.in_flight.get(quote_id, 0) + 1
        return job

    @property
    def saving(self) -> bool:
        return any(self.in_flight.values())

    @property
    def unsaved(self) -> int:
        return sum(1 for p in self.pending.values() if p.save_state == UNSAVED)

    def finish(self, result: SaveResult) -> Saved:
        """Fold a saver's answer in: fresh annotations replace pending fields, or the job
        is kept as failed (its quotes marked unsaved)."""
        job = result.job
        for quote_id in job.quote_ids:
            self.in_flight[quote_id] = max(0, self.in_flight.get(quote_id, 1) - 1)
        if not result.ok:
            self.failed.append(job)
            for quote_id in job.quote_ids:
                self.pending.setdefault(quote_id, Pending()).save_state = UNSAVED
            return Saved(False, job.label, "", error=result.error)
        self.failed = [j for j in self.failed if j.seq != job.seq]
        self._reviewed = self._added = self._as_reviewed = None  # the store changed
        self._saves_seen += 1
        current = self.current_article.id if self.current_article is not None else None
        for quote_id, ann in result.fresh.items():
            self._annotations[quote_id] = ann
            if article_of(quote_id) == current:
                if ann is None:
                    self._article_annotations.pop(quote_id, None)
                else:
                    self._article_annotations[quote_id] = ann
        for quote_id in set(job.quote_ids) | set(result.fresh):
            if not self.in_flight.get(quote_id) and not any(quote_id in j.quote_ids for j in self.failed):
                self.pending.pop(quote_id, None)
        if job.label in ("undo", "redo"):
            return self._undone(job.label, result)
        status = f"✓ saved: {job.label}" if not result.error else result.error
        added = result.result.quote_id if isinstance(result.result, Annotation) else None
        return Saved(True, job.label, status, added=added)

    def _undone(self, label: str, result: SaveResult) -> Saved:
        change = result.result if isinstance(result.result, Change) else None
        if change is None:
            return Saved(True, label, f"nothing to {label}")
        what = change.label or label
        status = f"✓ {what}" if what.startswith(label) else f"✓ {label}: {what}"
        current = self.current_article.id if self.current_article is not None else None
        elsewhere = tuple(dict.fromkeys(a for a in map(article_of, change.quote_ids) if a != current))
        return Saved(True, label, status, undo_change=change, undo_elsewhere=elsewhere)

    def retry(self) -> list[SaveJob]:
        """The failed jobs, shown as saving again, to submit once more."""
        jobs, self.failed = self.failed, []
        for job in jobs:
            for quote_id in job.quote_ids:
                self.pending.setdefault(quote_id, Pending()).save_state = SAVING
            self._begin(job)
        return jobs

    # --- filters -----------------------------------------------------------------------------
    def all_rows(self) -> np.ndarray:
        """Every article, in the current sort."""
        return np.asarray(self.index.sort(None, key=self.sort.key, reverse=self.sort.reverse), dtype=np.int64)

    def next_generation(self) -> int:
        self.generation += 1
        return self.generation

    def shown_rows(self) -> list[QuoteRow]:
        """Every quote the quote list shows (the filter's across the corpus, or the article's)."""
        if self.quote_scope == "filter":
            return [self.ref_row(ref) for ref in self.filter_refs]
        return list(self.article_quotes)

    def quote_count(self) -> int | None:
        """The quotes the filter lists (None: the quote list shows one article); an added quote whose
        adding was undone since the filter ran keeps its row ("this added quote was removed") but is
        not counted."""
        if self.quote_scope != "filter":
            return None
        return len(self.filter_refs) - len(self._removed_added())

    def _removed_added(self) -> set[str]:
        """The filter's added quotes whose adding was undone since it ran."""
        return {
            ref.quote_id
            for ref in self.filter_refs
            if ref.index == USER_QUOTE
            and self.annotation(ref.quote_id) is None
            and (self.pending.get(ref.quote_id) is None or self.pending[ref.quote_id].added is None)
        }

    # --- progress -----------------------------------------------------------------------------
    def reviewed_ids(self) -> set[str]:
        """The quotes the user has accepted or rejected, as on screen (changes on their way count)."""
        if self._reviewed is None:
            saved: set[str] = self.read(lambda store: AnnotationLookup(store).reviewed_ids(), set())
            self._reviewed = saved
        ids = set(self._reviewed)
        for quote_id, pending in self.pending.items():
            status = pending.fields.get("status")
            if status in REVIEWED:
                ids.add(quote_id)
            elif status is not None:
                ids.discard(quote_id)
        return ids

    def progress(self, rows: np.ndarray) -> tuple[int, int]:
        """(reviewed, total) quotes of what the filter shows: its quotes across the corpus, or
        every quote of the listed articles ``rows`` (added ones included)."""
        reviewed = self.reviewed_ids()
        if self.quote_scope == "filter":
            removed = self._removed_added()
            done = sum(1 for ref in self.filter_refs if ref.quote_id in reviewed and ref.quote_id not in removed)
            return done, len(self.filter_refs) - len(removed)
        rows = np.asarray(rows, dtype=np.int64)
        added = self.added_counts()
        total = int(self.index.article_nq[rows].sum()) if len(rows) else 0
        if len(rows) == self.index.n_articles:
            total += sum(added.values())
            done = sum(1 for q in reviewed if self.index.row_of(article_of(q)) is not None)
        else:
            listed = set(rows.tolist())
            total += sum(n for row, n in added.items() if row in listed)
            done = sum(1 for q in reviewed if self.index.row_of(article_of(q)) in listed)
        return min(done, total), total  # a review of a quote no longer extracted is not counted twice

    def next_unreviewed(self, rows: np.ndarray, after: int) -> tuple[int, str] | None:
        """(article row, quote id) of the first quote left to review in the articles ``rows``
        (the list's order) from position ``after`` on, wrapping round once; None: all done.
        Quotes the user added count as reviewed (adding one accepts it)."""
        reviewed = self.reviewed_ids()
        n = len(rows)
        order = np.concatenate([rows[after:], rows[:after]]) if n else rows
        order = order[self.index.article_nq[order] > 0] if n else order
        for start in range(0, len(order), 256):
            chunk = order[start : start + 256]
            by_row: dict[int, str] = {}
            for ref in self.index.quotes(rows=chunk):
                if ref.quote_id not in reviewed and ref.row not in by_row:
                    by_row[ref.row] = ref.quote_id
            for row in chunk.tolist():
                if row in by_row:
                    return row, by_row[row]
        return None

    # --- acting on many quotes at once ---------------------------------------------------------------
    def bulk(
        self,
        rows: Sequence[QuoteRow],
        label: str,
        shown: Callable[[QuoteRow], RowFields],
        run: Callable[[AnnotationStore, Quote | str], object],
        and_then: Callable[[AnnotationStore], object] | None = None,
    ) -> SaveJob:
        """One change to every quote of ``rows``, shown at once and saved as ONE undoable step
        (``and_then``'s change, made after the quotes', joins that step)."""
        targets: list[Quote | str] = [row.id if row.user_added else row.quote for row in rows]
        for row in rows:
            pending = self.pending.setdefault(row.id, Pending())
            pending.fields.update(shown(row))
            pending.save_state = SAVING

        def save(store: AnnotationStore) -> None:
            with store.batch(label):
                for target in targets:
                    run(store, target)
                if and_then is not None:
                    and_then(store)

        return self._begin(SaveJob(label=label, run=save, quote_ids=tuple(row.id for row in rows)))

    def speaker_rows(self, key: str, name: str) -> list[QuoteRow]:
        """Every quote said by speaker ``key`` as the user sees it (corrections and added quotes too)."""
        refs = quote_refs(self.index, Filters().set("speaker", (key, name)), self.lookup())
        return [self.ref_row(ref) for ref in refs]


def _holder(quotes: Sequence[Quote], index: int) -> Quote | None:
    """The innermost of ``quotes`` that holds quote ``index`` (a report inside a report), or None."""
    q = quotes[index]
    holders = [
        o
        for i, o in enumerate(quotes)
        if i != index and o.start <= q.start and q.end <= o.end and o.end - o.start > q.end - q.start
    ]
    return min(holders, key=lambda o: o.end - o.start, default=None)
