"""The main screen: article list, reader, quote viewer and entity sidebar.

The review state (filters, sort, scope, the current article, the annotations
as the user sees them, the changes on their way to the store) lives in a
``Review`` (``tui/review.py``, no Textual). This screen holds one, mirrors the
choices that change what the panes show in reactives (``filters``, ``sort``,
``quote_scope``, ``status``) whose ``watch_*`` methods repaint, and answers the
workers' typed messages (``tui/messages.py``) with ``@on``. Everything that
asks the user something or walks the corpus is in a module of its own and
calls this screen's public methods: ``annotating`` (tags, notes, speakers,
added quotes), ``filtering`` (the filter menu), ``reviewing`` (many quotes at
once, merging speakers), ``navigating`` (J/K, the next unreviewed quote),
``resuming`` (where the user left off).

Why this module is longer than ~500 lines: it is the one place where the five
panes, the reactives and the worker messages meet, kept together so that one
reading shows how the panes keep in step."""

from __future__ import annotations

import gc
import time
from collections import deque
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header
from textual.worker import get_current_worker

from store.people import corpus_gender_marks, gender_marks
from tui.bindings import ANNOTATING, NAVIGATION, VIEWS
from tui.filters import Filters, article_rows, filtered_stats, quote_refs
from tui.held_keys import HeldMoves
from tui.messages import ArticlesRead, FiltersApplied, QuotesFound, SaveFinished, SidebarStats
from tui.review import Review, RowFields, SortOrder
from tui.saver import AnnotationSaver, SaveJob, SaveResult
from tui.screens import annotating, filtering, navigating, reviewing
from tui.screens.ahead import OverlaysAhead
from tui.screens.backdrop import CountsChanges, CoveredFooter
from tui.screens.resuming import SessionKeeper
from tui.widgets.article_list import ArticleList
from tui.widgets.article_reader import ArticleReader
from tui.widgets.covered_chops import CoveredChops
from tui.widgets.entity_sidebar import CORPUS_TOP, EntitySidebar
from tui.widgets.filter_bar import FilterBar
from tui.widgets.quote_detail import QuoteDetail
from tui.widgets.quote_list import QuoteList
from tui.widgets.quote_row import QuoteRow
from tui.widgets.search_line import SearchLine
from tui.widgets.steady import retitle
from tui.wording import plural

if TYPE_CHECKING:
    from collections.abc import Callable

    from corpus.models import Analysis, Article, Quote
    from store.annotations import AnnotationStore
    from store.index import CorpusIndex
    from store.workspace import Workspace
    from tui.filters import FilteredStats
    from tui.screens.export import ExportFinished
    from tui.session import Session


class MainScreen(CountsChanges, Screen[None]):  # CountsChanges: overlays keep their dimmed picture of it
    """Everything at once; see the module docstring."""

    # "? Help" first so the footer shows it even at 80 columns (the app's own binding is hidden).
    BINDINGS = [
        Binding("question_mark", "app.help", "Help", id="help", key_display="?"),
        *NAVIGATION,
        *ANNOTATING,
        *VIEWS,
    ]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    AUTO_FOCUS = "ArticleList"

    # Setting one of these re-runs the filters / re-fills the quote list / rewrites the bar.
    # repaint=False: their watchers repaint the panes that change; a repaint of the screen
    # itself would send every line of every pane to the terminal again.
    filters: reactive[Filters] = reactive(Filters, init=False, always_update=True, repaint=False)
    sort: reactive[SortOrder] = reactive(SortOrder, init=False, repaint=False)
    quote_scope: reactive[str] = reactive("article", init=False, always_update=True, repaint=False)
    status: reactive[str] = reactive("", init=False, repaint=False)

    def __init__(self, workspace: Workspace, quick_tags: list[str] | None = None, corpus_label: str = "") -> None:
        super().__init__()
        self._compositor = CoveredChops()  # the same frames, without cutting up lines hidden behind the panes
        self.review = Review.open(workspace, on_read_error=self._read_failed)
        self.quick_tags = list(quick_tags or [])
        self.corpus_label = corpus_label
        self.session = SessionKeeper(self)
        self._keep_quote: str | None = None  # the quote the next filter answer puts the cursor on
        self.filtering = False  # a filter worker is under way (tests and the bench wait on it)
        self.marking_genders = False  # the corpus sidebar's gender marks are being read (tests wait on it)
        self.last_update_ms = 0.0  # the time the last article change took (bench/tui.py reads it)
        self._articles_width = 34  # % (< and > change it; the stylesheet's at start)
        self._read_ahead_due = False  # a read-ahead is planned for after the next repaint
        self._prepare_generation = 0  # neighbours' panes planned for an article left are dropped
        self._prepare_steps: deque[Callable[[], None]] = deque()  # what is left to paint ahead, in order
        self._last_key_at = 0.0  # when the last key reached the screen (full collections wait for a pause)
        self._thresholds: tuple[int, int, int] | None = None  # the collector's before _freeze_heap
        self._held = HeldMoves(self, self._article_moved)  # a held j/k: the panes follow the last press
        store = self.review.store
        self.saver = None if store is None else AnnotationSaver(store, self._saved)
        # Laid out for the terminal's size from the first frame: Textual sets the breakpoint classes
        # (-wide, -tall …) on the screen's first Resize, which comes after its first frame. That
        # frame was laid out without them (at 160 columns: no sidebar, the articles at their narrow
        # width) and the whole screen laid out and drawn again a moment later.
        self.update_classes(self._breakpoint_classes(self.app.size), update=False)

    def _breakpoint_classes(self, size: Size) -> dict[str, bool]:
        """The breakpoint classes at ``size``, by Textual's rule: in each direction, the one of the
        largest breakpoint the size reaches."""
        classes: dict[str, bool] = {}
        for breakpoints, cells in ((self.HORIZONTAL_BREAKPOINTS, size.width), (self.VERTICAL_BREAKPOINTS, size.height)):
            reached = [name for at, name in sorted(breakpoints) if cells >= at]
            classes.update((name, bool(reached) and name == reached[-1]) for _at, name in breakpoints)
        return classes

    # --- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(icon="❝")
        yield FilterBar(id="filter-bar")
        yield SearchLine(id="search")
        with Horizontal(id="panes"):
            yield ArticleList(self.review.index, id="articles")
            with Vertical(id="middle"):
                yield ArticleReader(id="reader")
                with Vertical(id="quotes-pane"):
                    yield QuoteList(id="quotes")
                    # a long note scrolls here: tab to it, then ↑/↓ (a Static cannot scroll itself)
                    with VerticalScroll(id="quote-detail-scroll"):
                        yield QuoteDetail(id="quote-detail")
            yield EntitySidebar(id="sidebar")
        yield CoveredFooter()

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> ArticleReader:
        return self.query_one(ArticleReader)

    @property
    def quotes(self) -> QuoteList:
        return self.query_one(QuoteList)

    @property
    def detail(self) -> QuoteDetail:
        return self.query_one(QuoteDetail)

    @property
    def sidebar(self) -> EntitySidebar:
        return self.query_one(EntitySidebar)

    # What the panes show, read-only (the review owns it; tests and the palette read these).
    @property
    def index(self) -> CorpusIndex:
        return self.review.index

    @property
    def current_row(self) -> int | None:
        return self.review.current_row

    @property
    def current_article(self) -> Article | None:
        return self.review.current_article

    @property
    def article_quotes(self) -> list[QuoteRow]:
        return self.review.article_quotes

    def on_mount(self) -> None:
        self.title = "quotelens"
        self.sub_title = self.corpus_label
        self.articles.border_title = "Articles"
        self.articles.follow = self._article_followed
        self.quotes.follow = self._quote_moved
        self.query_one("#quotes-pane").border_title = "Quotes · article"
        if self.saver is not None:
            self._run_saver()
        self.session.resume()
        self.call_after_refresh(self._freeze_heap)
        from tui.app import QuotelensApp

        make_ahead = self.MAKE_OVERLAYS_AHEAD
        if make_ahead is None:
            make_ahead = not self.app.is_headless
        if isinstance(self.app, QuotelensApp) and make_ahead:
            self._overlays_ahead = OverlaysAhead(self, self.app.kept_overlays())

    # The help and the palettes are made in idle time, once the user pauses (OVERLAYS_AHEAD_IDLE)
    # (``tui.screens.ahead``): their first opening costs what an opening again costs. None: in a
    # terminal, not in a headless app (a test's: nobody reads there, and every test would pay
    # for overlays it never opens; the tests of this set it).
    MAKE_OVERLAYS_AHEAD: bool | None = None
    # Seconds without a key before they are made (looked at every FULL_COLLECTION_IDLE / 2): a step
    # runs on the UI thread, so steps run between the keys of a burst (j j j …) delayed those keys
    # (the article list's j went from ~1.4x to 1.8x a bare app's time while they were being made).
    OVERLAYS_AHEAD_IDLE = 0.5
    _overlays_ahead: OverlaysAhead | None = None

    def _make_overlays_ahead(self) -> None:
        # Never before the first frame is out: on a loaded machine the first paint can come later than
        # the first idle tick, and the overlays would then delay it (tests/test_startup.py).
        if self._overlays_ahead is not None and getattr(self.app, "first_paint_at", None) is not None:
            self._overlays_ahead.resume()

    # --- the cyclic garbage collector, kept off the keys -------------------------------------------
    FULL_COLLECTION_IDLE = 1.0  # seconds without a key before a full collection may run

    def _freeze_heap(self) -> None:
        """Put what is alive once the corpus is open and shown (its index, the store, spaCy's
        tables, the panes: some 100,000 objects that live as long as the app) out of the cyclic
        collector's way, and run its full collections when the user pauses, not at a key.

        A full collection walked the whole heap: 100-240 ms at a random key every dozen or so
        (a bare Textual app has little to walk). Objects still die by reference counting as
        before; the young generations are collected as before; the full collections Python
        would run are run in the first second without a key after they fall due (a cycle among
        the frozen objects that became garbage is kept).

        The young generations are collected when the keys leave time for it too: Python's own
        rhythm (every 700 new objects) ran a middle-generation collection, some 5 ms, at two keys
        in three on 10,000 articles. With a threshold above what a key allocates, the screen
        collects them once a key's frame is out and its neighbours are painted ahead
        (``_collect_young``), so a key starts with them empty and pays for none."""
        gc.freeze()
        self._thresholds = gc.get_threshold()
        young, middle, _full = self._thresholds
        if young:  # (0: the collector is off)
            gc.set_threshold(max(young, self.YOUNG_THRESHOLD), middle, 1_000_000)
        self._last_key_at = time.monotonic()
        self.set_interval(self.FULL_COLLECTION_IDLE / 2, self._collect_when_idle, name="idle collection")

    FULL_COLLECTION_DUE = 10  # middle-generation collections before a full one (Python's default)
    YOUNG_THRESHOLD = 10_000  # new objects before Python collects the young generation itself

    def _collect_young(self) -> None:
        """Collect the young generations now, in idle time (see ``_freeze_heap``)."""
        if gc.isenabled() and self._thresholds is not None and gc.get_count()[0]:
            gc.collect(1)

    def _collect_when_idle(self) -> None:
        # A key posted but not handled yet counts as a key: otherwise the making ahead could resume
        # in the gap and take that key for the input it started under (a step before the key's frame).
        paused = time.monotonic() - max(self._last_key_at, getattr(self.app, "last_input_at", 0.0))
        if paused >= self.OVERLAYS_AHEAD_IDLE:
            self._make_overlays_ahead()  # made (or resumed) while the user reads, never between keys of a burst
        if not gc.isenabled():
            return
        if gc.get_count()[2] < self.FULL_COLLECTION_DUE:
            # keys that open no article (the reader's) leave the young generations to this
            if gc.get_count()[0] >= self.YOUNG_THRESHOLD // 2 and paused >= self.FULL_COLLECTION_IDLE / 5:
                self._collect_young()
            return
        if paused >= self.FULL_COLLECTION_IDLE:
            gc.collect()

    def on_key(self) -> None:
        self._last_key_at = time.monotonic()  # (keys reach the screen before its bindings run)

    def before_bindings(self, key: str) -> None:
        """The app is about to run ``key``'s bindings: another key than the one held acts on the
        article the list's cursor is on, so a held key's article still waiting is shown first."""
        self._held.before_key(key)

    def resume(self, session: Session) -> None:
        """Show ``session``: its sort, article, quote, sidebar scope, then its filters."""
        review = self.review
        review.sort = session.sort
        self.set_reactive(MainScreen.sort, session.sort)  # no filter run yet: the rows are set below
        self._sync_sort_header()
        row = review.index.row_of(session.article_id) if session.article_id else None
        self.articles.set_rows(review.all_rows(), keep_row=row)
        if review.sort.key not in self.articles.sort_keys:  # no dates in this corpus: sort by what is shown
            # sorted again here, not through the reactive (whose filter run keeps the cursor's article):
            # a first visit starts at the top of the list as shown, a return on the article left open
            review.sort = review.sort.next(self.articles.sort_keys)
            self.set_reactive(MainScreen.sort, review.sort)
            self._sync_sort_header()
            self.articles.set_rows(review.all_rows(), keep_row=row)
        if session.sidebar_scope == "corpus":
            self.sidebar.scope = "corpus"
            self.show_corpus_lists(review.corpus_stats(CORPUS_TOP * 4))  # narrowed when the filters answer
        self.show_article(self.articles.current_row, focus_quote=session.quote_id)
        if session.filters.any:
            self._keep_quote = session.quote_id
            self.filters = session.filters
        else:
            self.update_filter_bar()

    def on_unmount(self) -> None:
        if self.saver is not None:
            self.saver.stop()
        self.session.flush()
        if self._thresholds is not None:  # the collector as it was (several apps run in one test process)
            gc.unfreeze()
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def _saved(self, result: SaveResult) -> None:
        """Called from the saver's thread: the answer goes through the message queue."""
        self.post_message(SaveFinished(result))

    def _read_failed(self, message: str) -> None:
        self.notify(message, title="Cannot read the annotations", severity="error", timeout=10)

    # --- showing an article -----------------------------------------------------------------
    def show_article(self, row: int | None, focus_quote: str | None = None, keep_quotes: bool = False) -> None:
        """Put article ``row`` in every pane (synchronous: this is the ≤ 50 ms path)."""
        with self.review.one_look():  # the annotations read once for all the panes
            self._show_article(row, focus_quote, keep_quotes)

    def _show_article(self, row: int | None, focus_quote: str | None, keep_quotes: bool) -> None:
        started = time.perf_counter()
        self._held.cancel()  # whatever a held key left waiting, this article is the one shown
        # The neighbours planned for the article shown before are not this one's: their steps,
        # still queued, would run before this article's frame is painted (a held key left them).
        self._prepare_generation += 1
        review = self.review
        article = review.open_article(row)
        if article is None:
            # Say what is true: no article is open (the filter matched none), not "no quotes".
            why = "No article matches the filters (esc clears them)" if review.filters.any else "No article selected"
            self.reader.empty_text = why
            self.reader.show(None, [])
            self.sidebar.show_article([], empty=why)
            if review.quote_scope == "article":
                self.quotes.empty_text = why
                self.quotes.set_source(0, self._article_row)
                self.detail.show(None)
            return
        if review.quote_scope == "article":
            self.quotes.empty_text = "No quotes in this article"
        if review.quote_scope == "article" and not keep_quotes:
            cursor = review.quote_index(focus_quote) if focus_quote else None
            # announce=False: this method shows that quote in every pane below (no second update)
            self.quotes.set_source(len(review.article_quotes), self._article_row, cursor=cursor or 0, announce=False)
            current = self.quotes.current
            focus_quote = current.id if current is not None else None
        analysis = review.analysis(article.id)
        self.reader.show(
            article,
            review.article_quotes,
            analysis.entities,
            focused_quote=focus_quote,
            subtitle=self._reader_subtitle(),
            scroll_to_focus=keep_quotes,
        )
        if self.sidebar.scope == "article":
            self._sidebar_article(analysis)
        if review.quote_scope == "article" and not keep_quotes:
            self.detail.show(self.quotes.current)
        self.last_update_ms = (time.perf_counter() - started) * 1000
        self.session.remember()
        if not self._read_ahead_due:
            # after the frame is out: the reading thread must not slow the repaint down
            self._read_ahead_due = True
            self.call_after_refresh(self._read_ahead)

    # Articles read ahead of the cursor: the next ones (where j, ] and J go) and the previous ones.
    READ_AHEAD = (1, -1, 2, 3, -2)

    def _read_ahead(self) -> None:
        self._read_ahead_due = False
        rows = self.articles.rows
        at = self.articles.cursor
        near = [int(rows[at + step]) for step in self.READ_AHEAD if 0 <= at + step < len(rows)]
        ids = self.review.to_read_ahead(near)
        if ids:
            self._read_ahead_worker(ids)
        self._prepare_neighbours()

    # The neighbours whose panes are painted ahead: where j (and ]) goes, then where k goes.
    PREPARE = (1, -1)

    def _prepare_neighbours(self) -> None:
        """Paint the panes of the articles j and k go to, in idle time, a pane a step, each in an
        idle moment of its own once the frame is out (``call_after_refresh``): a key pressed
        meanwhile, and the frame it paints, go first. As messages (``call_later``) the steps sat
        in the screen's queue ahead of the key, which passes through that queue on its way to the
        bindings: a key waited for every step (some 40 ms), not one. The steps planned for an
        article left are dropped."""
        self._prepare_generation += 1
        generation = self._prepare_generation
        self._prepare_steps = deque(partial(self._prepare_neighbour, step) for step in self.PREPARE)
        self.call_after_refresh(self._prepare_step, generation)

    def _prepare_step(self, generation: int) -> None:
        # Not while an article shown since waits for its frame (a held key, an ArticlesRead that
        # arrived after the show): that frame goes first, and _read_ahead plans again after it.
        if generation != self._prepare_generation or self._read_ahead_due or not self._prepare_steps:
            return
        with self.review.one_look():  # the annotations read once for the step
            self._prepare_steps.popleft()()
        if self._prepare_steps:
            self.call_after_refresh(self._prepare_step, generation)
        else:
            self.call_after_refresh(self._collect_young)  # the last step: what the key left, collected now

    def _prepare_neighbour(self, step: int) -> None:
        """Plan the panes of the article ``step`` rows away, as steps of their own."""
        if self.review.current_row is None:
            return
        rows, at = self.articles.rows, self.articles.cursor + step
        if not 0 <= at < len(rows) or self.articles.current_row != self.review.current_row:
            return
        if self.reader.keeps(self.index.article_id(int(rows[at]))):
            return  # shown or prepared a moment ago (the article just left): its panes are painted
        peeked = self.review.peek(int(rows[at]))
        if peeked is None:
            return  # not read yet: ArticlesRead prepares it
        article, quotes, speakers = peeked
        analysis = self.review.analysis(article.id)
        article_scope = self.review.quote_scope == "article"

        def quote_panes() -> None:
            if article_scope:
                self.quotes.prepare(quotes)
                self.detail.prepare(quotes[0] if quotes else None)

        def sidebar() -> None:
            if self.sidebar.scope == "article" and self.sidebar.display:
                overrides = self.review.read(lambda store: store.person_overrides(), None)
                genders = gender_marks(analysis.people, overrides)
                people = self.review.people_as_listed(article.id, analysis.people)
                self.sidebar.prepare_article(analysis.entities, speakers, genders, people=people)

        def reader() -> None:  # last: a kept article counts as prepared (see above)
            first = quotes[0].id if quotes and article_scope else None
            self.reader.prepare(article, quotes, analysis.entities, focused_quote=first)

        self._prepare_steps.extend((quote_panes, sidebar, reader))

    @work(thread=True, exclusive=True, group="read ahead", name="read ahead")
    def _read_ahead_worker(self, article_ids: list[str]) -> None:
        worker = get_current_worker()
        read = self.review.read_ahead(article_ids, lambda: worker.is_cancelled)
        if read and not worker.is_cancelled:
            self.post_message(ArticlesRead(read))

    @on(ArticlesRead)
    def _articles_read(self, event: ArticlesRead) -> None:
        self.review.keep_read(event.articles)
        self._prepare_neighbours()  # those that were not in memory yet

    def _sidebar_article(self, analysis: Analysis) -> None:
        """The article's entities and speakers, each person with their gender mark (corrections applied)."""
        overrides = self.review.read(lambda store: store.person_overrides(), None)
        genders = gender_marks(analysis.people, overrides)
        article = self.review.current_article
        people = self.review.people_as_listed(article.id, analysis.people) if article else analysis.people
        self.sidebar.show_article(analysis.entities, self.review.article_speakers(), genders=genders, people=people)

    def action_dashboard(self) -> None:
        """The sources dashboard over the articles the active filter shows."""
        from tui.screens.dashboard import DashboardScope, DashboardScreen

        filters = self.review.filters
        rows = self.articles.rows.copy() if filters.any else None
        scope = DashboardScope(rows, filters.describe() if filters.any else "all articles")

        def closed(corrected: bool | None) -> None:
            if corrected:  # the sidebar's gender marks
                self.repaint_quotes()
                if self.sidebar.scope == "corpus":
                    self.mark_corpus_genders()

        self.app.push_screen(DashboardScreen(self.review.ws, scope, self.review.store), closed)

    def _article_row(self, index: int) -> QuoteRow:
        return self.review.article_quotes[index]

    def _reader_subtitle(self) -> str:
        meta = self.review.meta()
        if meta is None:
            return ""
        return " · ".join(x for x in (meta.date, meta.source, plural(len(self.review.article_quotes), "quote")) if x)

    def repaint_quotes(self) -> None:
        """Show the annotations as they are now (after a change, a save, an undo)."""
        review = self.review
        if review.current_article is not None:
            previous = self.quotes.current.id if self.quotes.current else None
            review.refresh_article()
            if review.quote_scope == "article" and self.quotes.row_count != len(review.article_quotes):
                # A quote was added (or its adding undone): same quote under the cursor if it is still there.
                ids = [q.id for q in review.article_quotes]
                cursor = ids.index(previous) if previous in ids else min(self.quotes.cursor, len(ids) - 1)
                self.quotes.set_source(len(ids), self._article_row, cursor=max(0, cursor))
            current = self.quotes.current
            self.reader.update_quotes(review.article_quotes, focused_quote=current.id if current else None)
            # the counts and speakers around the article follow the change too
            self.reader.set_subtitle(self._reader_subtitle())
            if self.sidebar.scope == "article":
                self._sidebar_article(review.analysis(review.current_article.id))
        self.quotes.refresh_rows()
        self._show_detail()
        self.update_filter_bar()

    def _show_detail(self) -> None:
        article = self.review.current_article
        title = article.title if (self.review.quote_scope == "filter" and article is not None) else ""
        self.detail.show(self.quotes.current, article_title=title)

    # --- what the panes say -----------------------------------------------------------------
    def watch_status(self) -> None:
        self.update_filter_bar()

    def update_filter_bar(self) -> None:
        review = self.review
        self.reader.set_search(review.filters.search)  # the searched words, highlighted (n/N)
        status = self.status
        if review.unsaved:
            status = f"● {review.unsaved} unsaved (ctrl+s retries)"
        elif not status and review.store_error:
            status = "annotations unavailable"
        self.query_one(FilterBar).show(
            review.filters,
            len(self.articles.rows),
            review.index.n_articles,
            review.sort.key,
            review.sort.reverse,
            busy=status,
            n_quotes=review.quote_count(),
        )
        self.update_counts()

    def update_counts(self) -> None:
        """The review's progress under the quote list and the article list's counts with added quotes."""
        review = self.review
        if review.store is not None:
            done, total = review.progress(self.articles.rows)
            # of what: the filter's quotes, the listed articles' quotes, or the whole corpus's
            scope = " (filter)" if review.quote_scope == "filter" else (" (listed)" if review.filters.any else "")
            retitle(self.query_one("#quotes-pane"), subtitle=f"{done:,} of {total:,} reviewed{scope}")
        added = review.added_counts()
        if added != self.articles.added_counts:
            self.articles.added_counts = added
            self.articles.refresh_rows()

    def _sync_sort_header(self) -> None:
        self.articles.sort_key, self.articles.sort_reverse = self.review.sort.key, self.review.sort.reverse

    # --- the lists ----------------------------------------------------------------------------
    @on(ArticleList.Highlighted, "#articles")
    def _article_highlighted(self, event: ArticleList.Highlighted) -> None:
        event.stop()
        self._article_moved()

    def _article_followed(self, _index: int) -> None:
        """A key or a click moved the article list: its article is shown now, or once the keys
        pressed since have moved the cursor (``tui/held_keys.py``)."""
        if not self._held.defer():
            self._article_moved()

    def _article_moved(self, _index: int | None = None) -> None:
        """The article list's cursor moved: show its article (the list calls this at once for
        a key or a click, and through its Highlighted message otherwise)."""
        review = self.review
        row = self.articles.current_row
        if row is not None and row == review.current_row and review.current_article is not None:
            self._held.cancel()
            return  # already shown (the quote viewer moved the list here)
        self.show_article(row)
        if review.quote_scope == "filter" and row is not None:
            # Follow with the quote viewer: the first quote of this article that matches.
            index = next((i for i, ref in enumerate(review.filter_refs) if ref.row == row), None)
            if index is not None:
                self.quotes.move_cursor(index)

    @on(ArticleList.Selected, "#articles")
    def _article_selected(self, event: ArticleList.Selected) -> None:
        event.stop()
        self.reader.focus()

    @on(QuoteList.Highlighted, "#quotes")
    def _quote_highlighted(self, event: QuoteList.Highlighted) -> None:
        event.stop()
        self._quote_moved(event.index)

    def _quote_moved(self, index: int) -> None:
        """The quote list's cursor moved to ``index``: the reader and the detail follow (at
        once for a key or a click, as for the article list)."""
        review = self.review
        row = self.quotes.current
        if row is None:
            self.detail.show(None)
            return
        if review.quote_scope == "filter":
            ref = review.filter_refs[index]
            if ref.row != review.current_row:
                self.show_article(ref.row, focus_quote=row.id, keep_quotes=True)
                self.articles.move_to_row(ref.row)  # its Highlighted finds the article already shown
            else:
                self.reader.focus_quote(row.id)
        else:
            self.reader.focus_quote(row.id)
        self._show_detail()
        self.session.remember()

    @on(ArticleReader.QuoteClicked)
    def _quote_clicked(self, event: ArticleReader.QuoteClicked) -> None:
        index = self.review.quote_index(event.quote_id)
        if index is not None:
            self.quotes.move_cursor(index)

    @on(QuoteList.Selected, "#quotes")
    def _quote_selected(self, event: QuoteList.Selected) -> None:
        event.stop()
        self.reader.focus()

    @on(EntitySidebar.Chosen)
    def _sidebar_chosen(self, event: EntitySidebar.Chosen) -> None:
        self.filter_by(event.kind, event.key, event.name)

    # --- saving ----------------------------------------------------------------------------------
    @work(thread=True, group="saver", name="annotation saver")
    def _run_saver(self) -> None:
        worker = get_current_worker()
        if self.saver is not None:
            self.saver.run_forever(lambda: worker.is_cancelled)

    @property
    def saving(self) -> bool:
        """A change is on its way to the store (tests and the screenshot wait on this)."""
        return self.saver is not None and (not self.saver.idle or self.review.saving)

    def focused_quote(self) -> QuoteRow | None:
        """The quote the annotation keys act on; says why when there is none."""
        if self.saver is None:
            self.notify(
                self.review.store_error or "The annotation store is not available.",
                severity="error",
                title="Cannot annotate",
            )
            return None
        row = self.quotes.current
        if row is None:
            self.notify("No quote selected (move to one in the quote list).", severity="warning", timeout=3)
        return row

    def change(
        self, row: QuoteRow, label: str, shown: RowFields, run: Callable[[AnnotationStore, Quote | str], object]
    ) -> None:
        """Show ``shown`` on ``row`` now and save ``run(store, quote)`` in the background."""
        self.submit(self.review.change(row, label, shown, run))

    def submit(self, job: SaveJob) -> None:
        """Hand a job the review has begun to the saver."""
        if self.saver is None:
            return
        self.saver.submit(job)
        self.status = f"saving {job.label}…"
        self.repaint_quotes()

    @on(SaveFinished)
    def _save_finished(self, event: SaveFinished) -> None:
        saved = self.review.finish(event.result)
        if not saved.ok:
            self.notify(
                f"{saved.error}\nThe change is kept on screen, marked ●; ctrl+s retries.",
                title=f"Not saved: {saved.label}",
                severity="error",
                timeout=8,
            )
        elif saved.label in ("undo", "redo"):
            self._say_undone(saved.status, saved.undo_elsewhere)
        self.status = saved.status
        self.repaint_quotes()
        if saved.ok and saved.added and self.review.filters.narrows_quotes:
            # the filter's list takes the added quote in when it matches (and stays on it)
            self._keep_quote = saved.added
            self.apply_filters()

    def _say_undone(self, status: str, elsewhere: tuple[str, ...]) -> None:
        message = status.lstrip("✓ ")
        # An undo may touch a quote of another article: say which, it is not on screen.
        if elsewhere:
            index = self.review.index
            row = index.row_of(elsewhere[0])
            title = index.meta(row).title if row is not None else elsewhere[0]
            message += f"\nin “{title}”" + (f" and {len(elsewhere) - 1} more" if len(elsewhere) > 1 else "")
        self.notify(message, timeout=4 if elsewhere else 2)

    # --- annotating -------------------------------------------------------------------------------
    def action_accept(self) -> None:
        annotating.set_status(self, "accepted")

    def action_reject(self) -> None:
        annotating.set_status(self, "rejected")

    def action_reset_status(self) -> None:
        annotating.set_status(self, "unreviewed")

    def action_add_tag(self) -> None:
        annotating.ask_tag(self)

    def action_remove_tag(self) -> None:
        annotating.ask_untag(self)

    def action_quick_tag(self, number: int) -> None:
        annotating.quick_tag(self, number)

    def action_set_quick_tags(self) -> None:
        from tui.screens.quick_tags import start_set_quick_tags

        start_set_quick_tags(self)

    def action_edit_note(self) -> None:
        annotating.ask_note(self)

    def action_correct_speaker(self) -> None:
        annotating.ask_speaker(self)

    def action_select_span(self) -> None:
        annotating.start_selection(self)

    def action_edit_span(self) -> None:
        annotating.start_span_edit(self)

    @on(ArticleReader.SpanSelected)
    def _span_selected(self, event: ArticleReader.SpanSelected) -> None:
        article = self.review.current_article
        if article is None or article.id != event.article_id:
            return
        if event.editing is not None:
            annotating.change_span(self, article, event.editing, event.start, event.end)
        else:
            annotating.ask_added_speaker(self, article, event.start, event.end, event.kind)

    def add_quote(
        self, article_id: str, start: int, end: int, text: str, speaker: str | None, kind: str = "direct"
    ) -> None:
        """Record a quote the user found, shown at once and focused."""
        review = self.review
        job = review.add_quote(article_id, start, end, text, speaker, kind)
        listed = review.list_added(job.quote_ids[0])  # a filter that keeps it lists it now
        if listed is not None:
            self.quotes.set_source(len(review.filter_refs), review.filter_row, cursor=listed, show_article=True)
        self.submit(job)
        index = review.quote_index(job.quote_ids[0])
        if index is not None:
            self.quotes.move_cursor(index)
        self.quotes.focus()

    def action_bulk(self) -> None:
        reviewing.ask_bulk(self)

    def action_merge_speaker(self) -> None:
        reviewing.ask_merge(self)

    def action_undo(self) -> None:
        if self.saver is not None:
            self.submit(self.review.store_job("undo"))

    def action_redo(self) -> None:
        if self.saver is not None:
            self.submit(self.review.store_job("redo"))

    def action_retry_saves(self) -> None:
        jobs = self.review.retry()
        if not jobs:
            self.notify("Everything is saved.", timeout=2)
            return
        for job in jobs:
            self.submit(job)

    # --- filtering and sorting ---------------------------------------------------------------
    def watch_filters(self, filters: Filters) -> None:
        self.review.filters = filters
        self.apply_filters()
        self.session.remember()

    def watch_sort(self, sort: SortOrder) -> None:
        self.review.sort = sort
        self.apply_filters()
        self.session.remember()

    def set_filter(self, field: str, value: str | tuple[str, str] | None) -> None:
        self.filters = self.review.filters.set(field, value)

    def filter_by(self, kind: str, key: str, name: str) -> None:
        """Filter to an entity or a speaker (the sidebar and the palettes call this)."""
        self.set_filter("speaker" if kind == "speaker" else "entity", (key, name))

    def apply_filters(self) -> None:
        review = self.review
        self.filtering = True
        self.status = "filtering…"
        self._filter_worker(review.next_generation(), review.filters, review.sort)

    @work(thread=True, exclusive=True, group="filter", name="filter")
    def _filter_worker(self, generation: int, filters: Filters, sort: SortOrder) -> None:
        """Two steps, two messages: the article list first (fast, numpy), then the quotes
        across the corpus (one Python object per quote), so the list never waits for them."""
        started = time.perf_counter()
        worker = get_current_worker()
        index, lookup = self.review.index, self.review.lookup()
        rows = article_rows(index, filters, lookup)
        rows = np.asarray(index.sort(rows, key=sort.key, reverse=sort.reverse), dtype=np.int64)
        if worker.is_cancelled:
            return
        self.post_message(FiltersApplied(generation, rows, filters.narrows_quotes, time.perf_counter() - started))
        if filters.narrows_quotes:
            refs = quote_refs(index, filters, lookup, rows=rows)
            if not worker.is_cancelled:
                self.post_message(QuotesFound(generation, refs, time.perf_counter() - started))

    @property
    def rows_generation(self) -> int:
        return self.review.rows_generation

    @on(FiltersApplied)
    def _filters_applied(self, event: FiltersApplied) -> None:
        review = self.review
        if event.generation != review.generation:
            return  # a newer filter is on its way
        review.rows_generation = event.generation
        self.filtering = event.quotes_follow
        self._sync_sort_header()
        self.articles.set_rows(event.rows, keep_row=review.current_row)
        if not len(event.rows):
            self.show_article(None)
        if not event.quotes_follow:
            review.filter_refs = []
            self.quote_scope = "article"
        elif review.quote_scope == "filter":
            review.filter_refs = []
            self.quotes.empty_text = "Finding the quotes…"
            self.quotes.set_source(0, review.filter_row, show_article=True)
        self.status = "finding quotes…" if event.quotes_follow else ""
        self.update_filter_bar()
        if self.sidebar.scope == "corpus":
            self.show_corpus_sidebar()

    def show_corpus_sidebar(self) -> None:
        """The corpus sidebar: the whole corpus's names, or those of the articles the filter keeps."""
        if self.review.filters.any:
            retitle(self.sidebar, "Entities · filter (counting…)")
            self._sidebar_worker(self.review.generation, self.articles.rows, self.review.filters)
        else:
            self.show_corpus_lists(self.review.corpus_stats(CORPUS_TOP * 4))

    def show_corpus_lists(self, stats: FilteredStats) -> None:
        """The corpus sidebar's lists now, each person's gender mark when a worker has read it."""
        self.sidebar.show_corpus(stats)
        self.mark_corpus_genders()

    def mark_corpus_genders(self) -> None:
        """Read the gender of the people the corpus sidebar lists, off the UI thread."""
        people = self.sidebar.corpus_people()
        if people:
            self.marking_genders = True
            self._corpus_marks_worker(self.review.generation, people)

    @work(thread=True, exclusive=True, group="sidebar-marks", name="sidebar gender marks")
    def _corpus_marks_worker(self, generation: int, people: list[tuple[str, str]]) -> None:
        overrides = self.review.read(lambda store: store.person_overrides(), None)
        marks = corpus_gender_marks(self.review.ws, people, overrides)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._corpus_marks_read, generation, marks)

    def _corpus_marks_read(self, generation: int, marks: dict[str, str]) -> None:
        if generation == self.review.generation and self.sidebar.scope == "corpus":
            self.sidebar.mark_corpus_genders(marks)
        self.marking_genders = False

    @work(thread=True, exclusive=True, group="sidebar", name="sidebar stats")
    def _sidebar_worker(self, generation: int, rows: np.ndarray, filters: Filters) -> None:
        index = self.review.index
        # a filter that picks quotes (kind, status, tag, note …) counts the speakers' quotes it keeps
        refs = quote_refs(index, filters, self.review.lookup(), rows=rows) if filters.narrows_quotes else None
        stats = filtered_stats(index, rows, refs=refs)
        if not get_current_worker().is_cancelled:
            self.post_message(SidebarStats(generation, stats))

    @on(SidebarStats)
    def _sidebar_stats(self, event: SidebarStats) -> None:
        if event.generation != self.review.generation or self.sidebar.scope != "corpus":
            return
        self.show_corpus_lists(event.stats)
        retitle(self.sidebar, "Entities · filter")

    @on(QuotesFound)
    def _quotes_found(self, event: QuotesFound) -> None:
        if event.generation != self.review.generation:
            return
        if self._keep_quote is None and self.quotes.current is not None:
            # the list the filter gives keeps the quote being read when it lists it (a re-run of the
            # filter's list, or the first quote filter over an article's quotes)
            self._keep_quote = self.quotes.current.id
        self.filtering = False
        self.review.filter_refs = event.refs
        self.quote_scope = "filter"
        self.status = ""

    def watch_quote_scope(self, scope: str) -> None:
        review = self.review
        review.quote_scope = scope
        pane = self.query_one("#quotes-pane")
        if scope == "filter":
            retitle(pane, "Quotes · filter (corpus)")
            self.quotes.empty_text = "No quote matches the filters"
            # Stay on the quote (or else the article) being read when the filter keeps it.
            keep, self._keep_quote = self._keep_quote, None
            cursor = next((i for i, ref in enumerate(review.filter_refs) if ref.quote_id == keep), None)
            if cursor is None:
                cursor = next((i for i, ref in enumerate(review.filter_refs) if ref.row == review.current_row), 0)
            self.quotes.set_source(len(review.filter_refs), review.filter_row, cursor=cursor, show_article=True)
        else:
            retitle(pane, "Quotes · article")
            self.quotes.empty_text = "No quotes in this article"
            self.show_article(review.current_row)
        self.update_filter_bar()

    # --- search as you type -----------------------------------------------------------------------
    def action_search(self) -> None:
        self.query_one(SearchLine).open(self.review.filters.search)

    @on(SearchLine.Typed)
    def _search_typed(self, event: SearchLine.Typed) -> None:
        if event.text != (self.review.filters.search or ""):
            self.set_filter("search", event.text or None)

    @on(SearchLine.Closed)
    def _search_closed(self, event: SearchLine.Closed) -> None:
        if not event.kept and event.before != self.review.filters.search:
            self.set_filter("search", event.before)  # esc: the search as it was
        self.articles.focus()

    def action_filter_menu(self) -> None:
        filtering.ask_filter(self)

    def action_cycle_sort(self) -> None:
        self.sort = self.review.sort.next(self.articles.sort_keys)  # only what the list shows or can show

    def action_reverse_sort(self) -> None:
        self.sort = self.review.sort.reversed()

    def action_toggle_quote_scope(self) -> None:
        if self.review.quote_scope == "article":
            if not self.review.filters.narrows_quotes:
                self.notify("Choose an entity, speaker, tag, status or kind filter first (f).", timeout=3)
                return
            self.quote_scope = "filter"
        else:
            self.quote_scope = "article"

    # --- navigation -------------------------------------------------------------------------
    def action_next_article(self) -> None:
        self.articles.action_cursor_down()

    def action_previous_article(self) -> None:
        self.articles.action_cursor_up()

    def action_next_quote(self) -> None:
        navigating.next_quote(self)

    def action_previous_quote(self) -> None:
        navigating.previous_quote(self)

    def action_next_unreviewed(self) -> None:
        navigating.next_unreviewed(self)

    def action_back(self) -> None:
        if self.review.filters.any:
            self.filters = self.review.filters.clear()
        elif self.focused is not self.articles:
            self.articles.focus()

    def jump_to_row(self, row: int) -> None:
        """Show article ``row``; clears the filters first when they hide it."""
        if not self.articles.move_to_row(row):
            review = self.review
            review.filters = Filters()
            self.set_reactive(MainScreen.filters, review.filters)  # shown below, no filter run needed
            review.next_generation()  # an answer still on its way is out of date
            review.filter_refs = []
            self.articles.set_rows(review.all_rows(), keep_row=row)
            self.quote_scope = "article"
        self.articles.focus()

    def action_jump_article(self) -> None:
        from tui.palette import ArticleProvider

        self._palette(ArticleProvider)

    def action_jump_entity(self) -> None:
        from tui.palette import EntityProvider

        self._palette(EntityProvider)

    def action_jump_speaker(self) -> None:
        from tui.palette import SpeakerProvider

        self._palette(SpeakerProvider)

    def _palette(self, provider: type) -> None:
        from tui.app import QuotelensApp
        from tui.palette import JUMP_PALETTES

        if isinstance(self.app, QuotelensApp):
            self.app.search_commands_with(provider, dict(JUMP_PALETTES)[provider])

    # --- views ------------------------------------------------------------------------------
    def action_toggle_entities(self) -> None:
        self.reader.show_entities = not self.reader.show_entities
        self.notify(
            "Entities highlighted in the reader" if self.reader.show_entities else "Entity highlighting off", timeout=2
        )

    def action_toggle_colour(self) -> None:
        self.reader.colour_by = "status" if self.reader.colour_by == "kind" else "kind"
        self.notify(f"Quotes coloured by {self.reader.colour_by}", timeout=2)

    def action_toggle_sidebar_scope(self) -> None:
        if self.sidebar.scope == "article":
            self.sidebar.scope = "corpus"
            self.show_corpus_sidebar()
        else:
            self.sidebar.scope = "article"
            current = self.quotes.current
            self.show_article(self.review.current_row, keep_quotes=True, focus_quote=current.id if current else None)
        self.sidebar.remove_class("-hidden")
        self.sidebar.add_class("-shown")
        self.add_class("-sidebar-shown")
        self.session.remember()

    def action_toggle_sidebar(self) -> None:
        sidebar = self.sidebar
        if sidebar.has_class("-shown") or (not sidebar.has_class("-hidden") and self.has_class("-wide")):
            sidebar.remove_class("-shown")
            sidebar.add_class("-hidden")
            if self.focused is sidebar:
                self.articles.focus()
        else:
            sidebar.remove_class("-hidden")
            sidebar.add_class("-shown")
            sidebar.focus()
        # On a narrow terminal the sidebar takes the article list's place, not the reader's.
        self.set_class(sidebar.has_class("-shown"), "-sidebar-shown")

    def action_toggle_maximize(self) -> None:
        """z: the focused pane fills the screen (the quote list with its detail); z or esc
        brings the others back."""
        if self.maximized is not None:
            self.minimize()
            return
        focused = self.focused
        if focused is None:
            return
        self.maximized = self.query_one("#quotes-pane") if focused is self.quotes else focused

    ARTICLES_WIDTHS = (0, 20, 27, 34, 42, 50, 60)  # % of the width; 0 hides the list; 34: the stylesheet's

    def action_resize_articles(self, step: int) -> None:
        """< and >: the article list narrower or wider, down to hidden (all the room to the reader)."""
        widths = self.ARTICLES_WIDTHS
        articles = self.articles
        current = 0 if articles.has_class("-collapsed") else self._articles_width
        width = widths[max(0, min(len(widths) - 1, widths.index(current) + step))]
        self._articles_width = width
        articles.set_class(width == 0, "-collapsed")
        if width:
            articles.styles.width = f"{width}%"
            articles.styles.min_width = None if width >= 27 else 0
        elif self.focused is articles:
            self.reader.focus()

    def action_copy_quote_id(self) -> None:
        """The focused quote's id to the clipboard (what `quotelens annotate` takes) and on screen."""
        row = self.quotes.current
        if row is None:
            self.notify("No quote selected.", severity="warning", timeout=2)
            return
        self.app.copy_to_clipboard(row.id)
        self.notify(row.id, title="Quote id copied", timeout=6)

    def action_export(self) -> None:
        from tui.screens.export import start_export

        start_export(self)

    def on_export_finished(self, event: ExportFinished) -> None:
        self.status = ""
        if event.error:
            self.notify(event.error, title="Export failed", severity="error", timeout=10)
        else:
            self.notify(f"{event.path}\n{event.summary}", title="Exported", timeout=12)


__all__ = ["MainScreen"]
