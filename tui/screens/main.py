"""The main screen: article list, reader, quote viewer and entity sidebar.

The review state (filters, sort, scope, the current article, the annotations
as the user sees them, the changes on their way to the store) lives in a
``Review`` (``tui/review.py``, no Textual). This screen holds one, mirrors the
choices that change what the panes show in reactives (``filters``, ``sort``,
``quote_scope``, ``status``) whose ``watch_*`` methods repaint, and answers the
workers' typed messages (``tui/messages.py``) with ``@on``. The prompts of the
annotation and filter actions are in ``annotating.py`` and ``filtering.py``;
they call this screen's public methods.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input
from textual.worker import get_current_worker

from store.annotations import StoreError
from tui.bindings import ANNOTATING, NAVIGATION, VIEWS
from tui.filters import Filters, article_rows, filtered_stats, quote_refs
from tui.messages import FiltersApplied, QuotesFound, SaveFinished, SidebarStats
from tui.review import Review, RowFields, SortOrder
from tui.saver import AnnotationSaver, SaveJob, SaveResult
from tui.screens import annotating, filtering, reviewing
from tui.session import Session, load_session, save_session
from tui.widgets.article_list import SORT_KEYS, ArticleList
from tui.widgets.article_reader import ArticleReader
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.filter_bar import FilterBar
from tui.widgets.quote_detail import QuoteDetail
from tui.widgets.quote_list import QuoteList
from tui.widgets.quote_row import QuoteRow
from tui.wording import plural

if TYPE_CHECKING:
    from collections.abc import Callable

    from corpus.models import Quote
    from store.annotations import AnnotationStore
    from store.workspace import Workspace
    from tui.screens.export import ExportFinished


SEARCH_HINT = (
    "Search: words of titles and texts, each must occur (the start of a word is enough) · enter keeps · esc undoes"
)
SEARCH_DELAY = 0.15  # seconds of quiet typing before the search runs


class MainScreen(Screen[None]):
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
    DEFAULT_CSS = """
    MainScreen #search { height: 1; border: none; padding: 0 1; background: $boost; }
    MainScreen #search.-hidden { display: none; }
    """

    # Setting one of these re-runs the filters / re-fills the quote list / rewrites the bar.
    filters: reactive[Filters] = reactive(Filters, init=False, always_update=True)
    sort: reactive[SortOrder] = reactive(SortOrder, init=False)
    quote_scope: reactive[str] = reactive("article", init=False, always_update=True)
    status: reactive[str] = reactive("", init=False)

    def __init__(self, workspace: Workspace, quick_tags: list[str] | None = None, corpus_label: str = "") -> None:
        super().__init__()
        self.review = Review.open(workspace, on_read_error=self._read_failed)
        self.quick_tags = list(quick_tags or [])
        self.corpus_label = corpus_label
        self.session, self._session_problem = load_session(workspace.store_dir)
        self._keep_quote: str | None = None  # the quote the next filter answer puts the cursor on
        self._remember_timer: Timer | None = None
        self._session_write_failed = False
        self._session_dirty = False
        self._search_timer: Timer | None = None
        self._search_before: str | None = None  # the search when the search line opened (esc returns to it)
        self.filtering = False  # a filter worker is under way (tests and the bench wait on it)
        self.last_update_ms = 0.0  # the time the last article change took (bench/tui.py reads it)
        store = self.review.store
        self.saver = None if store is None else AnnotationSaver(store, self._saved)

    # --- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(icon="❝")
        yield FilterBar(id="filter-bar")
        yield Input(id="search", placeholder=SEARCH_HINT, classes="-hidden")
        with Horizontal(id="panes"):
            yield ArticleList(self.review.index, id="articles")
            with Vertical(id="middle"):
                yield ArticleReader(id="reader")
                with Vertical(id="quotes-pane"):
                    yield QuoteList(id="quotes")
                    yield QuoteDetail(id="quote-detail")
            yield EntitySidebar(id="sidebar")
        yield Footer()

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

    def on_mount(self) -> None:
        self.title = "quotelens"
        self.sub_title = self.corpus_label
        self.articles.border_title = "Articles"
        self.query_one("#quotes-pane").border_title = "Quotes · article"
        if self.saver is not None:
            self._run_saver()
        self._resume(self.session)

    def _resume(self, session: Session) -> None:
        """Open where the user left off: sort, filters, article, quote, sidebar, theme."""
        review = self.review
        if self._session_problem:
            self.notify(self._session_problem, title="Where you left off", severity="warning", timeout=8)
        if session.theme and session.theme in self.app.available_themes:
            self.app.theme = session.theme
        review.sort = session.sort
        self.set_reactive(MainScreen.sort, session.sort)
        self._sync_sort_header()
        rows = review.all_rows()
        row = review.index.row_of(session.article_id) if session.article_id else None
        self.articles.set_rows(rows, keep_row=row)
        if session.sidebar_scope == "corpus":
            self.sidebar.scope = "corpus"
            self.sidebar.show_corpus(review.index)  # narrowed when the filters below answer
        self.show_article(self.articles.current_row, focus_quote=session.quote_id)
        if session.filters.any:
            self._keep_quote = session.quote_id
            self.filters = session.filters
        else:
            self.update_filter_bar()

    def remember(self) -> None:
        """Note where the user is; saved a moment after they stop moving (one small atomic write)."""
        current = self.quotes.current
        article = self.review.current_article
        self.session = Session(
            article_id=article.id if article is not None else None,
            quote_id=current.id if current is not None else None,
            filters=self.review.filters,
            sort=self.review.sort,
            theme=self.app.theme,
            sidebar_scope=self.sidebar.scope,
        )
        self._session_dirty = True
        if self._remember_timer is not None:
            self._remember_timer.stop()
        self._remember_timer = self.set_timer(1.0, self._save_session, name="remember")

    def _save_session(self) -> None:
        self._remember_timer = None
        if self.app.theme != self.session.theme:  # D switched it
            self.session = replace(self.session, theme=self.app.theme)
            self._session_dirty = True
        if not self._session_dirty:
            return
        self._session_dirty = False
        try:
            save_session(self.review.ws.store_dir, self.session)
        except StoreError as exc:  # never lose work over this: say it once, go on
            if not self._session_write_failed:
                self._session_write_failed = True
                self.notify(str(exc), title="Cannot remember where you are", severity="warning", timeout=6)

    def on_unmount(self) -> None:
        if self.saver is not None:
            self.saver.stop()
        self._save_session()

    def _saved(self, result: SaveResult) -> None:
        """Called from the saver's thread: the answer goes through the message queue."""
        self.post_message(SaveFinished(result))

    def _read_failed(self, message: str) -> None:
        self.notify(message, title="Cannot read the annotations", severity="error", timeout=10)

    # --- showing an article -----------------------------------------------------------------
    def show_article(self, row: int | None, focus_quote: str | None = None, keep_quotes: bool = False) -> None:
        """Put article ``row`` in every pane (synchronous: this is the ≤ 50 ms path)."""
        started = time.perf_counter()
        review = self.review
        article = review.open_article(row)
        if article is None:
            self.reader.show(None, [])
            self.sidebar.show_article([])
            if review.quote_scope == "article":
                self.quotes.set_source(0, self._article_row)
                self.detail.show(None)
            return
        if review.quote_scope == "article" and not keep_quotes:
            cursor = review.quote_index(focus_quote) if focus_quote else None
            self.quotes.set_source(len(review.article_quotes), self._article_row, cursor=cursor or 0)
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
            self.sidebar.show_article(analysis.entities, review.article_speakers())
        if review.quote_scope == "article" and not keep_quotes:
            self.detail.show(self.quotes.current)
        self.last_update_ms = (time.perf_counter() - started) * 1000
        self.remember()

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
            self.reader.border_subtitle = self._reader_subtitle()
            if self.sidebar.scope == "article":
                self.sidebar.show_article(
                    review.analysis(review.current_article.id).entities, review.article_speakers()
                )
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
            scope = "of the filter" if review.quote_scope == "filter" else ("listed" if review.filters.any else "")
            self.query_one("#quotes-pane").border_subtitle = f"{done:,} of {total:,} {scope} reviewed".replace(
                "  ", " "
            )
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
        review = self.review
        row = self.articles.current_row
        if row is not None and row == review.current_row and review.current_article is not None:
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
        review = self.review
        row = self.quotes.current
        if row is None:
            self.detail.show(None)
            return
        if review.quote_scope == "filter":
            ref = review.filter_refs[event.index]
            if ref.row != review.current_row:
                self.show_article(ref.row, focus_quote=row.id, keep_quotes=True)
                self.articles.move_to_row(ref.row)  # its Highlighted finds the article already shown
            else:
                self.reader.focus_quote(row.id)
        else:
            self.reader.focus_quote(row.id)
        self._show_detail()
        self.remember()

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
        self._set_status("accepted")

    def action_reject(self) -> None:
        self._set_status("rejected")

    def action_reset_status(self) -> None:
        self._set_status("unreviewed")

    def _set_status(self, status: str) -> None:
        row = self.focused_quote()
        if row is None:
            return
        label = {"accepted": "accept", "rejected": "reject"}.get(status, "reset status")
        self.change(row, label, RowFields(status=status), lambda store, q: store.set_status(q, status))
        # Prodigy-style flow: after a decision, move on to the next quote.
        if status != "unreviewed" and self.quotes.cursor < self.quotes.row_count - 1:
            self.quotes.action_cursor_down()

    def action_add_tag(self) -> None:
        annotating.ask_tag(self)

    def action_remove_tag(self) -> None:
        annotating.ask_untag(self)

    def action_quick_tag(self, number: int) -> None:
        if number > len(self.quick_tags):
            self.notify(
                f"No quick tag {number}: set quick_tags in {self.app_config_label()}.", severity="warning", timeout=4
            )
            return
        row = self.focused_quote()
        if row is None:
            return
        tag = self.quick_tags[number - 1]
        self.tag(row, tag, add=tag.casefold() not in {t.casefold() for t in row.tags})

    def tag(self, row: QuoteRow, tag: str, add: bool) -> None:
        """Add or remove ``tag`` on ``row`` (as shown now, if it is still under the cursor)."""
        current = self.quotes.current if self.quotes.current and self.quotes.current.id == row.id else row
        tags = tuple(t for t in current.tags if t.casefold() != tag.casefold())
        if add:
            self.change(current, f"tag #{tag}", RowFields(tags=(*tags, tag)), lambda store, q: store.tag(q, tag))
        else:
            self.change(current, f"untag #{tag}", RowFields(tags=tags), lambda store, q: store.untag(q, tag))

    def app_config_label(self) -> str:
        from tui.app import QuotelensApp

        return self.app.config_path_label if isinstance(self.app, QuotelensApp) else "the config file"

    def action_edit_note(self) -> None:
        annotating.ask_note(self)

    def action_correct_speaker(self) -> None:
        annotating.ask_speaker(self)

    def action_select_span(self) -> None:
        if self.saver is None:
            self.focused_quote()  # says why
            return
        if not self.reader.start_selection():
            self.notify("Open an article first.", severity="warning", timeout=2)
            return
        self.notify(
            "Move with h/l (word) j/k (line), v to start the span, enter to confirm, esc to cancel.",
            title="Add a missed quote",
            timeout=6,
        )

    @on(ArticleReader.SpanSelected)
    def _span_selected(self, event: ArticleReader.SpanSelected) -> None:
        article = self.review.current_article
        if article is not None and article.id == event.article_id:
            annotating.ask_added_speaker(self, article, event.start, event.end)

    def add_quote(self, article_id: str, start: int, end: int, text: str, speaker: str | None) -> None:
        """Record a quote the user found, shown at once and focused."""
        job = self.review.add_quote(article_id, start, end, text, speaker)
        self.submit(job)
        index = self.review.quote_index(job.quote_ids[0])
        if index is not None and self.review.quote_scope == "article":
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
        self.remember()

    def watch_sort(self, sort: SortOrder) -> None:
        self.review.sort = sort
        self.apply_filters()
        self.remember()

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
    def filter_generation(self) -> int:
        return self.review.generation

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
            self.sidebar.border_title = "Entities · filter (counting…)"
            self._sidebar_worker(self.review.generation, self.articles.rows)
        else:
            self.sidebar.show_corpus(self.review.index)

    @work(thread=True, exclusive=True, group="sidebar", name="sidebar stats")
    def _sidebar_worker(self, generation: int, rows: np.ndarray) -> None:
        stats = filtered_stats(self.review.index, rows)
        if not get_current_worker().is_cancelled:
            self.post_message(SidebarStats(generation, stats))

    @on(SidebarStats)
    def _sidebar_stats(self, event: SidebarStats) -> None:
        if event.generation != self.review.generation or self.sidebar.scope != "corpus":
            return
        self.sidebar.show_corpus(event.stats)
        self.sidebar.border_title = "Entities · filter"

    @on(QuotesFound)
    def _quotes_found(self, event: QuotesFound) -> None:
        if event.generation != self.review.generation:
            return
        if self._keep_quote is None and self.review.quote_scope == "filter" and self.quotes.current is not None:
            self._keep_quote = self.quotes.current.id  # a re-run of the same kind of list keeps the place
        self.filtering = False
        self.review.filter_refs = event.refs
        self.quote_scope = "filter"
        self.status = ""

    def watch_quote_scope(self, scope: str) -> None:
        review = self.review
        review.quote_scope = scope
        pane = self.query_one("#quotes-pane")
        if scope == "filter":
            pane.border_title = "Quotes · filter (corpus)"
            self.quotes.empty_text = "No quote matches the filters"
            # Stay on the quote (or else the article) being read when the filter keeps it.
            keep, self._keep_quote = self._keep_quote, None
            cursor = next((i for i, ref in enumerate(review.filter_refs) if ref.quote_id == keep), None)
            if cursor is None:
                cursor = next((i for i, ref in enumerate(review.filter_refs) if ref.row == review.current_row), 0)
            self.quotes.set_source(len(review.filter_refs), review.filter_row, cursor=cursor, show_article=True)
        else:
            pane.border_title = "Quotes · article"
            self.quotes.empty_text = "No quotes in this article"
            self.show_article(review.current_row)
        self.update_filter_bar()

    # --- live search ----------------------------------------------------------------------------
    @property
    def search_line(self) -> Input:
        return self.query_one("#search", Input)

    def action_search(self) -> None:
        """Open the search line: the lists follow the words as they are typed."""
        line = self.search_line
        self._search_before = self.review.filters.search
        line.value = self.review.filters.search or ""
        line.remove_class("-hidden")
        line.focus()

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._run_search, name="search")

    def _run_search(self) -> None:
        self._search_timer = None
        text = self.search_line.value.strip()
        if text != (self.review.filters.search or ""):
            self.set_filter("search", text or None)

    @on(Input.Submitted, "#search")
    def _search_done(self, event: Input.Submitted) -> None:
        event.stop()
        if self._search_timer is not None:
            self._search_timer.stop()
        self._run_search()
        self._close_search()

    def _close_search(self) -> None:
        self._search_before = None
        self.search_line.add_class("-hidden")
        self.articles.focus()

    def action_filter_menu(self) -> None:
        filtering.ask_filter(self)

    def action_cycle_sort(self) -> None:
        self.sort = self.review.sort.next(SORT_KEYS)

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
        """The next quote; past an article's last one, the first quote of the next article
        that has quotes (a reviewer works through the corpus with J alone)."""
        if self.review.quote_scope == "article" and self.quotes.cursor >= self.quotes.row_count - 1:
            if not self._step_article(+1):
                self.notify("That was the last quote.", timeout=2)
            return
        self.quotes.action_cursor_down()

    def action_previous_quote(self) -> None:
        if self.review.quote_scope == "article" and self.quotes.cursor <= 0:
            if self._step_article(-1, last_quote=True):
                return
        self.quotes.action_cursor_up()

    def _step_article(self, step: int, last_quote: bool = False) -> bool:
        """Move the article list to the nearest article in direction ``step`` with quotes."""
        rows = self.articles.rows
        at = self.articles.cursor + step
        while 0 <= at < len(rows):
            row = int(rows[at])
            if self.review.index.meta(row).n_quotes or self.articles.added_counts.get(row):
                self.articles.move_to_row(row)
                self.show_article(row)
                if last_quote and self.quotes.row_count:
                    self.quotes.move_cursor(self.quotes.row_count - 1)
                return True
            at += step
        return False

    def action_next_unreviewed(self) -> None:
        """The next quote nobody has accepted or rejected: in the filter's list, or in this
        article and then the next articles of the list (round to the top once)."""
        review = self.review
        reviewed = review.reviewed_ids()
        cursor = self.quotes.cursor
        if review.quote_scope == "filter":
            refs = review.filter_refs
            order = [*range(cursor + 1, len(refs)), *range(0, min(cursor + 1, len(refs)))]
            index = next((i for i in order if refs[i].quote_id not in reviewed), None)
            if index is None:
                self.notify("Every quote of the filter is reviewed.", timeout=3)
            else:
                self.quotes.move_cursor(index)
            return
        rows = review.article_quotes
        index = next((i for i in range(cursor + 1, len(rows)) if rows[i].id not in reviewed), None)
        if index is not None:
            self.quotes.move_cursor(index)
            return
        found = review.next_unreviewed(self.articles.rows, self.articles.cursor + 1)
        if found is None:
            self.notify("Every quote of the listed articles is reviewed.", timeout=3)
            return
        row, quote_id = found
        self.show_article(row, focus_quote=quote_id)
        self.articles.move_to_row(row)  # its Highlighted finds the article already shown

    def action_back(self) -> None:
        if not self.search_line.has_class("-hidden"):  # esc in the search line: the search as it was
            if self._search_timer is not None:
                self._search_timer.stop()
            before = self._search_before
            self._close_search()
            if before != self.review.filters.search:
                self.set_filter("search", before)
        elif self.review.filters.any:
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

        self._palette(ArticleProvider, "Jump to article…")

    def action_jump_entity(self) -> None:
        from tui.palette import EntityProvider

        self._palette(EntityProvider, "Filter by entity…")

    def action_jump_speaker(self) -> None:
        from tui.palette import SpeakerProvider

        self._palette(SpeakerProvider, "Filter by speaker…")

    def _palette(self, provider: type, placeholder: str) -> None:
        from tui.app import QuotelensApp

        if isinstance(self.app, QuotelensApp):
            self.app.search_commands_with(provider, placeholder)

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
        self.remember()

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
            self.notify(f"{event.summary} exported to {event.path}", title="Exported", timeout=8)


__all__ = ["MainScreen"]
