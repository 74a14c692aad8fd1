"""The main screen: article list, reader, quote viewer and entity sidebar.

It owns the state the panes share (filters, sort, the current article, the
annotations as the user sees them) and every key that is not about one
pane. Panes only draw and post messages; this screen decides what they show.

Annotation changes are optimistic: they show at once marked "saving…", go to
the ``AnnotationSaver`` thread, and come back as ``SaveFinished``; a failed
save keeps the change on screen marked unsaved (●) until ``ctrl+s`` retries.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import replace
from typing import Any, Callable

import numpy as np
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header
from textual.worker import get_current_worker

from corpus.models import QUOTE_KINDS, REVIEW_STATUSES, Analysis, Article, Quote
from tui.filters import AnnotationLookup, Filters, article_rows, quote_refs
from tui.saver import AnnotationSaver, SaveJob, SaveResult
from tui.widgets.article_list import SORT_KEYS, ArticleList
from tui.widgets.article_reader import ArticleReader
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.filter_bar import FilterBar
from tui.widgets.quote_detail import QuoteDetail
from tui.widgets.quote_list import QuoteList
from tui.widgets.quote_row import SAVED, SAVING, UNSAVED, QuoteRow

ANALYSIS_CACHE = 256  # analyses kept in memory (corpus-scope quote lists touch many articles)

# Sections of the help screen and docs/keys.md; every binding has an id (the keymap name).
NAVIGATION = [
    Binding("tab", "app.focus_next", "Next pane", show=False, id="focus_next"),
    Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="focus_previous"),
    Binding("right_square_bracket", "next_article", "Next article", show=False, id="next_article",
            key_display="]"),
    Binding("left_square_bracket", "previous_article", "Previous article", show=False, id="previous_article",
            key_display="["),
    Binding("J", "next_quote", "Next quote", show=False, id="next_quote"),
    Binding("K", "previous_quote", "Previous quote", show=False, id="previous_quote"),
    Binding("p", "jump_article", "Jump to article", show=False, id="jump_article"),
    Binding("E", "jump_entity", "Jump to entity", show=False, id="jump_entity"),
    Binding("at", "jump_speaker", "Jump to speaker", show=False, id="jump_speaker", key_display="@"),
    Binding("escape", "back", "Back / clear filter", show=False, id="back"),
]
ANNOTATING = [
    Binding("a", "accept", "Accept", id="accept"),
    Binding("x", "reject", "Reject", id="reject"),
    Binding("r", "reset_status", "Reset", show=False, id="reset_status"),
    Binding("t", "add_tag", "Tag", id="add_tag"),
    Binding("T", "remove_tag", "Untag", show=False, id="remove_tag"),
    *[Binding(str(n), f"quick_tag({n})", f"Quick tag {n}", show=False, id=f"quick_tag_{n}") for n in range(1, 10)],
    Binding("n", "edit_note", "Note", id="edit_note"),
    Binding("s", "correct_speaker", "Speaker", id="correct_speaker"),
    Binding("v", "select_span", "Add quote", id="select_span"),
    Binding("u", "undo", "Undo", id="undo"),
    Binding("U,ctrl+r", "redo", "Redo", show=False, id="redo"),
    Binding("ctrl+s", "retry_saves", "Retry unsaved", show=False, id="retry_saves"),
]
VIEWS = [
    Binding("slash", "search", "Search", id="search", key_display="/"),
    Binding("f", "filter_menu", "Filter", id="filter_menu"),
    Binding("o", "cycle_sort", "Sort", show=False, id="cycle_sort"),
    Binding("O", "reverse_sort", "Reverse sort", show=False, id="reverse_sort"),
    Binding("e", "toggle_entities", "Entities", show=False, id="toggle_entities"),
    Binding("c", "toggle_colour", "Colour by kind/status", show=False, id="toggle_colour"),
    Binding("S", "toggle_sidebar_scope", "Sidebar article/corpus", show=False, id="toggle_sidebar_scope"),
    Binding("Q", "toggle_quote_scope", "Quotes article/filter", show=False, id="toggle_quote_scope"),
    Binding("b", "toggle_sidebar", "Sidebar", show=False, id="toggle_sidebar"),
    Binding("ctrl+e", "export", "Export", show=False, id="export"),
]
SECTIONS: list[tuple[str, list[Binding]]] = [
    ("Moving around", NAVIGATION), ("Annotating the focused quote", ANNOTATING), ("Filters and views", VIEWS),
]


# The fields of a QuoteRow a pending change may show before it is saved.
_ROW_FIELDS = {"status", "tags", "note", "speaker_override"}


class FiltersApplied(Message):
    """The filter worker's first answer: the article rows, sorted (``quotes_follow``: a
    ``QuotesFound`` comes next, with the quotes the filters pick across the corpus)."""

    def __init__(self, generation: int, rows: np.ndarray, quotes_follow: bool, seconds: float) -> None:
        super().__init__()
        self.generation = generation
        self.rows = rows
        self.quotes_follow = quotes_follow
        self.seconds = seconds


class QuotesFound(Message):
    def __init__(self, generation: int, refs: list, seconds: float) -> None:
        super().__init__()
        self.generation = generation
        self.refs = refs
        self.seconds = seconds


class SaveFinished(Message):
    def __init__(self, result: SaveResult) -> None:
        super().__init__()
        self.result = result


class MainScreen(Screen[None]):
    """Everything at once; see the module docstring."""

    # "? Help" first so the footer shows it even at 80 columns (the app's own binding is hidden).
    BINDINGS = [Binding("question_mark", "app.help", "Help", id="help", key_display="?"),
                *NAVIGATION, *ANNOTATING, *VIEWS]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    AUTO_FOCUS = "ArticleList"

    def __init__(self, workspace: Any, quick_tags: list[str] | None = None, corpus_label: str = "") -> None:
        super().__init__()
        self.ws = workspace
        self.index = workspace.index
        self.quick_tags = list(quick_tags or [])
        self.corpus_label = corpus_label
        self.filters = Filters()
        self.sort_key = "date"
        self.sort_reverse = True  # newest first
        self.quote_scope = "article"
        self.filter_refs: list = []
        self.current_row: int | None = None
        self.current_article: Article | None = None
        self.article_quotes: list[QuoteRow] = []
        self._analyses: OrderedDict[str, Analysis] = OrderedDict()
        self._annotations: dict[str, Any] = {}  # quote id -> Annotation | None (None: none saved)
        self._article_annotations: dict[str, Any] = {}  # the current article's, incl. user-added quotes
        self._shown: dict[str, dict[str, Any]] = {}  # quote id -> fields shown while saving / unsaved
        self._in_flight: dict[str, int] = {}  # quote id -> saves under way
        self._failed: list[SaveJob] = []
        self._filter_generation = 0
        self.rows_generation = 0  # the filter generation the article list shows
        self.filtering = False  # a filter worker is under way (tests and the bench wait on it)
        self._status = ""
        self.last_update_ms = 0.0  # the time the last article change took (bench/tui.py reads it)
        self.store = None
        self.saver: AnnotationSaver | None = None
        self._open_store()

    # --- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(icon="❝")
        yield FilterBar(id="filter-bar")
        with Horizontal(id="panes"):
            yield ArticleList(self.index, id="articles")
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
        rows = np.asarray(self.index.sort(np.arange(self.index.n_articles, dtype=np.int64), key=self.sort_key,
                                          reverse=self.sort_reverse), dtype=np.int64)
        self.articles.sort_key, self.articles.sort_reverse = self.sort_key, self.sort_reverse
        self.articles.set_rows(rows)
        if not len(rows):
            self.show_article(None)
        self._update_filter_bar()
        if self.saver is not None:
            self._run_saver()

    # --- the annotation store ---------------------------------------------------------------
    def _open_store(self) -> None:
        try:
            store = self.ws.annotations
            store.check()  # a corrupt file is reported now, not at the first keypress
        except Exception as exc:
            self.store = None
            self._store_error = str(exc)
            return
        self.store = store
        self._store_error = ""
        self.saver = AnnotationSaver(store, lambda result: self.post_message(SaveFinished(result)))

    @work(thread=True, group="saver", name="annotation saver")
    def _run_saver(self) -> None:
        worker = get_current_worker()
        assert self.saver is not None
        self.saver.run_forever(lambda: worker.is_cancelled)

    def on_unmount(self) -> None:
        if self.saver is not None:
            self.saver.stop()

    def _annotation(self, quote_id: str) -> Any:
        if quote_id not in self._annotations:
            self._annotations[quote_id] = self._read_store(lambda store: store.get(quote_id), None)
        return self._annotations[quote_id]

    def _read_store(self, read: Callable[[Any], Any], default: Any) -> Any:
        """A read of the annotation store that cannot take the app down (a file another
        process broke, a lock held too long): the error is shown once, the panes go on."""
        if self.store is None:
            return default
        try:
            return read(self.store)
        except Exception as exc:
            if not getattr(self, "_read_error_shown", False):
                self._read_error_shown = True
                self.notify(str(exc), title="Cannot read the annotations", severity="error", timeout=10)
            return default

    def lookup(self) -> AnnotationLookup | None:
        if self.store is None:
            return None
        return AnnotationLookup(self.store)

    # --- building what the panes show -------------------------------------------------------
    def analysis(self, article_id: str) -> Analysis:
        cached = self._analyses.get(article_id)
        if cached is None:
            cached = self.ws.analysis(article_id)
            self._analyses[article_id] = cached
            if len(self._analyses) > ANALYSIS_CACHE:
                self._analyses.popitem(last=False)
        else:
            self._analyses.move_to_end(article_id)
        return cached

    def quote_row(self, quote: Quote, article_id: str, user_added: bool = False) -> QuoteRow:
        ann = self._annotation(quote.id)
        fields: dict[str, Any] = {}
        if ann is not None:
            fields = {"status": ann.status, "tags": tuple(ann.tags), "note": ann.note,
                      # An added quote's speaker is its own, not a correction.
                      "speaker_override": None if user_added else ann.speaker}
            if ann.span is not None and not user_added:
                quote = replace(quote, start=ann.span.start, end=ann.span.end, text=ann.span.text or quote.text)
        shown = self._shown.get(quote.id)
        save_state = SAVED
        if shown:
            fields.update({k: v for k, v in shown.items() if k in _ROW_FIELDS})
            save_state = shown.get("save_state", SAVING)
        return QuoteRow(quote=quote, article_id=article_id, user_added=user_added, save_state=save_state, **fields)

    def _user_quote(self, ann: Any) -> Quote:
        return Quote(id=ann.quote_id, text=ann.text, start=int(ann.start or 0), end=int(ann.end or 0),
                     kind=ann.kind or "direct", speaker_name=ann.speaker)

    def _article_rows(self, article: Article, analysis: Analysis) -> list[QuoteRow]:
        rows = [self.quote_row(q, article.id) for q in analysis.quotes]
        known = {q.id for q in analysis.quotes}
        added = [a for a in self._article_annotations.values() if a is not None and a.user_added
                 and a.quote_id not in known and not a.orphan]
        # Quotes added in this session but not saved yet are shown too.
        for quote_id, shown in self._shown.items():
            if shown.get("user_quote") and shown["user_quote"].article_id == article.id and \
                    quote_id not in self._article_annotations:
                added.append(shown["user_quote"])
        rows += [self.quote_row(self._user_quote(a), article.id, user_added=True) for a in added]
        rows.sort(key=lambda r: (r.start, r.end))
        return rows

    def _ref_row(self, ref: Any) -> QuoteRow:
        meta = self.index.meta(ref.row)
        quote = self.analysis(meta.id).quotes[ref.index]
        return self.quote_row(quote, meta.id)

    # --- showing an article -----------------------------------------------------------------
    def show_article(self, row: int | None, focus_quote: str | None = None, keep_quotes: bool = False) -> None:
        """Put article ``row`` in every pane (synchronous: this is the ≤ 50 ms path)."""
        started = time.perf_counter()
        self.current_row = row
        if row is None:
            self.current_article = None
            self.article_quotes = []
            self.reader.show(None, [])
            self.sidebar.show_article([])
            if self.quote_scope == "article":
                self.quotes.set_source(0, lambda i: self.article_quotes[i])
                self.detail.show(None)
            return
        meta = self.index.meta(row)
        article = self.ws.article(meta.id)
        analysis = self.analysis(meta.id)
        self.current_article = article
        if self.store is not None:
            anns = self._read_store(lambda store: store.for_article(article.id), [])
            self._article_annotations = {a.quote_id: a for a in anns}
            for quote in analysis.quotes:
                self._annotations[quote.id] = self._article_annotations.get(quote.id)
            self._annotations.update(self._article_annotations)
        else:
            self._article_annotations = {}
        self.article_quotes = self._article_rows(article, analysis)
        subtitle = " · ".join(x for x in (meta.date, meta.source, f"{len(self.article_quotes)} quotes") if x)
        if self.quote_scope == "article" and not keep_quotes:
            cursor = 0
            if focus_quote:
                cursor = next((i for i, q in enumerate(self.article_quotes) if q.id == focus_quote), 0)
            self.quotes.set_source(len(self.article_quotes), lambda i: self.article_quotes[i], cursor=cursor)
            focus_quote = self.article_quotes[cursor].id if self.article_quotes else None
        self.reader.show(article, self.article_quotes, analysis.entities, focused_quote=focus_quote,
                         subtitle=subtitle, scroll_to_focus=keep_quotes)
        if self.sidebar.scope == "article":
            speakers = [(q.quote.speaker_key, q.speaker) for q in self.article_quotes if q.quote.speaker_key]
            self.sidebar.show_article(analysis.entities, speakers)
        if self.quote_scope == "article" and not keep_quotes:
            self.detail.show(self.quotes.current)
        self.last_update_ms = (time.perf_counter() - started) * 1000

    @on(ArticleList.Highlighted, "#articles")
    def _article_highlighted(self, event: ArticleList.Highlighted) -> None:
        event.stop()
        row = self.articles.current_row
        if row is not None and row == self.current_row and self.current_article is not None:
            return  # already shown (the quote viewer moved the list here)
        self.show_article(row)
        if self.quote_scope == "filter" and row is not None:
            # Follow with the quote viewer: the first quote of this article that matches.
            index = next((i for i, ref in enumerate(self.filter_refs) if ref.row == row), None)
            if index is not None:
                self.quotes.move_cursor(index)

    @on(ArticleList.Selected, "#articles")
    def _article_selected(self, event: ArticleList.Selected) -> None:
        event.stop()
        self.reader.focus()

    @on(QuoteList.Highlighted, "#quotes")
    def _quote_highlighted(self, event: QuoteList.Highlighted) -> None:
        event.stop()
        row = self.quotes.current
        if row is None:
            self.detail.show(None)
            return
        if self.quote_scope == "filter":
            ref = self.filter_refs[event.index]
            if ref.row != self.current_row:
                self.show_article(ref.row, focus_quote=row.id, keep_quotes=True)
                self.articles.move_to_row(ref.row)  # its Highlighted finds the article already shown
            else:
                self.reader.focus_quote(row.id)
            title = self.current_article.title if self.current_article else ""
            self.detail.show(row, article_title=title)
        else:
            self.reader.focus_quote(row.id)
            self.detail.show(row)

    @on(ArticleReader.QuoteClicked)
    def _quote_clicked(self, event: ArticleReader.QuoteClicked) -> None:
        if self.quote_scope == "article":
            index = next((i for i, q in enumerate(self.article_quotes) if q.id == event.quote_id), None)
        else:
            index = next((i for i, r in enumerate(self.filter_refs) if r.quote_id == event.quote_id), None)
        if index is not None:
            self.quotes.move_cursor(index)

    @on(QuoteList.Selected, "#quotes")
    def _quote_selected(self, event: QuoteList.Selected) -> None:
        event.stop()
        self.reader.focus()

    # --- repainting after an annotation change ------------------------------------------------
    def _repaint_quotes(self) -> None:
        if self.current_article is not None:
            previous = self.quotes.current.id if self.quotes.current else None
            self.article_quotes = self._article_rows(self.current_article, self.analysis(self.current_article.id))
            if self.quote_scope == "article" and self.quotes.row_count != len(self.article_quotes):
                # A quote was added (or its adding undone): same quote under the cursor if it is still there.
                ids = [q.id for q in self.article_quotes]
                cursor = ids.index(previous) if previous in ids else min(self.quotes.cursor, len(ids) - 1)
                self.quotes.set_source(len(ids), lambda i: self.article_quotes[i], cursor=max(0, cursor))
            current = self.quotes.current
            self.reader.update_quotes(self.article_quotes, focused_quote=current.id if current else None)
        self.quotes.refresh_rows()
        current = self.quotes.current
        title = self.current_article.title if (self.quote_scope == "filter" and self.current_article) else ""
        self.detail.show(current, article_title=title)
        self._update_filter_bar()

    # --- filters ------------------------------------------------------------------------------
    def set_filter(self, field: str, value: Any) -> None:
        self.filters = self.filters.set(field, value)
        self.apply_filters()

    def apply_filters(self) -> None:
        self._filter_generation += 1
        self.filtering = True
        self._status = "filtering…"
        self._update_filter_bar()
        self._filter_worker(self._filter_generation, self.filters, self.sort_key, self.sort_reverse)

    @work(thread=True, exclusive=True, group="filter", name="filter")
    def _filter_worker(self, generation: int, filters: Filters, sort_key: str, reverse: bool) -> None:
        """Two steps, two messages: the article list first (fast, numpy), then the quotes
        across the corpus (one Python object per quote), so the list never waits for them."""
        started = time.perf_counter()
        worker = get_current_worker()
        lookup = self.lookup()
        rows = article_rows(self.index, filters, lookup)
        rows = np.asarray(self.index.sort(rows, key=sort_key, reverse=reverse), dtype=np.int64)
        if worker.is_cancelled:
            return
        self.post_message(FiltersApplied(generation, rows, filters.narrows_quotes, time.perf_counter() - started))
        if filters.narrows_quotes:
            refs = quote_refs(self.index, filters, lookup, rows=rows)
            if not worker.is_cancelled:
                self.post_message(QuotesFound(generation, refs, time.perf_counter() - started))

    @on(FiltersApplied)
    def _filters_applied(self, event: FiltersApplied) -> None:
        if event.generation != self._filter_generation:
            return  # a newer filter is on its way
        self._status = "finding quotes…" if event.quotes_follow else ""
        self.rows_generation = event.generation
        self.filtering = event.quotes_follow
        self.articles.sort_key, self.articles.sort_reverse = self.sort_key, self.sort_reverse
        previous = self.current_row
        self.articles.set_rows(event.rows, keep_row=previous)
        if not len(event.rows):
            self.show_article(None)
        if not event.quotes_follow:
            self.filter_refs = []
            self._set_quote_scope("article")
        elif self.quote_scope == "filter":
            self.filter_refs = []
            self.quotes.empty_text = "Finding the quotes…"
            self.quotes.set_source(0, lambda i: self._ref_row(self.filter_refs[i]), show_article=True)
        self._update_filter_bar()

    @on(QuotesFound)
    def _quotes_found(self, event: QuotesFound) -> None:
        if event.generation != self._filter_generation:
            return
        self._status = ""
        self.filtering = False
        self.filter_refs = event.refs
        self._set_quote_scope("filter")
        self._update_filter_bar()

    def _set_quote_scope(self, scope: str) -> None:
        self.quote_scope = scope
        if scope == "filter":
            self.query_one("#quotes-pane").border_title = "Quotes · filter (corpus)"
            self.quotes.empty_text = "No quote matches the filters"
            self.quotes.set_source(len(self.filter_refs), lambda i: self._ref_row(self.filter_refs[i]),
                                   show_article=True)
        else:
            self.query_one("#quotes-pane").border_title = "Quotes · article"
            self.quotes.empty_text = "No quotes in this article"
            self.show_article(self.current_row)

    def _update_filter_bar(self) -> None:
        status = self._status
        unsaved = sum(1 for s in self._shown.values() if s.get("save_state") == UNSAVED)
        if unsaved:
            status = f"● {unsaved} unsaved (ctrl+s retries)"
        elif not status and self._store_error:
            status = "annotations unavailable"
        self.query_one(FilterBar).show(
            self.filters, len(self.articles.rows), self.index.n_articles, self.sort_key, self.sort_reverse,
            busy=status, n_quotes=len(self.filter_refs) if self.quote_scope == "filter" else None,
        )

    # --- navigation actions -----------------------------------------------------------------
    def action_next_article(self) -> None:
        self.articles.action_cursor_down()

    def action_previous_article(self) -> None:
        self.articles.action_cursor_up()

    def action_next_quote(self) -> None:
        self.quotes.action_cursor_down()

    def action_previous_quote(self) -> None:
        self.quotes.action_cursor_up()

    def action_back(self) -> None:
        if self.filters.any:
            self.filters = self.filters.clear()
            self.apply_filters()
        elif self.focused is not self.articles:
            self.articles.focus()

    def jump_to_row(self, row: int) -> None:
        """Show article ``row``; clears the filters first when they hide it."""
        if not self.articles.move_to_row(row):
            self.filters = Filters()
            self._filter_generation += 1
            rows = np.asarray(self.index.sort(np.arange(self.index.n_articles), key=self.sort_key,
                                              reverse=self.sort_reverse), dtype=np.int64)
            self.filter_refs = []
            self.quote_scope = "article"
            self.query_one("#quotes-pane").border_title = "Quotes · article"
            self.articles.set_rows(rows, keep_row=row)
            self._update_filter_bar()
        self.articles.focus()

    def action_jump_article(self) -> None:
        from tui.palette import ArticleProvider

        self.app.search_commands_with(ArticleProvider, "Jump to article…")

    def action_jump_entity(self) -> None:
        from tui.palette import EntityProvider

        self.app.search_commands_with(EntityProvider, "Filter by entity…")

    def action_jump_speaker(self) -> None:
        from tui.palette import SpeakerProvider

        self.app.search_commands_with(SpeakerProvider, "Filter by speaker…")

    # --- view actions ------------------------------------------------------------------------
    def action_search(self) -> None:
        from tui.screens.prompt import PromptScreen

        def done(text: str | None) -> None:
            if text is not None:
                self.set_filter("search", text)

        self.app.push_screen(PromptScreen("Search titles and texts", self.filters.search or "",
                                          placeholder="words or \"a phrase\"",
                                          hint="empty clears the search · "), done)

    def action_filter_menu(self) -> None:
        from tui.screens.choice import ChoiceScreen

        choices = [("entity", "Entity…"), ("speaker", "Speaker…"), ("tag", "Tag…"),
                   ("status", "Review status…"), ("kind", "Quote kind…"), ("search", "Text search…")]
        if self.filters.any:
            choices.append(("clear", "Clear all filters"))
        self.app.push_screen(ChoiceScreen("Filter by", choices), self._filter_chosen)

    def _filter_chosen(self, field: str | None) -> None:
        from tui.screens.choice import ChoiceScreen
        from tui.screens.prompt import PromptScreen

        if field is None:
            return
        if field == "clear":
            self.filters = Filters()
            self.apply_filters()
        elif field == "search":
            self.action_search()
        elif field in ("status", "kind"):
            values = REVIEW_STATUSES if field == "status" else QUOTE_KINDS
            self.app.push_screen(ChoiceScreen(f"Filter by {field}", [(v, v) for v in values]),
                                 lambda v: v and self.set_filter(field, v))
        elif field == "tag":
            tags = self._read_store(lambda store: store.tag_names(), [])
            self.app.push_screen(PromptScreen("Filter by tag", suggestions=tags + self.quick_tags),
                                 lambda v: v is not None and self.set_filter("tag", v))
        elif field == "entity":
            names = [s.name for s in self.index.entities(top=2000)]
            self.app.push_screen(PromptScreen("Filter by entity", suggestions=names), self._entity_typed)
        elif field == "speaker":
            names = [s.name for s in self.index.speakers(top=2000)]
            self.app.push_screen(PromptScreen("Filter by speaker", suggestions=names), self._speaker_typed)

    def _entity_typed(self, name: str | None) -> None:
        if name:
            key = self.index.resolve(name)
            if key is None:
                self.notify(f"No entity called {name!r} in this corpus.", severity="warning")
                return
            self.set_filter("entity", (key, name))
        elif name == "":
            self.set_filter("entity", None)

    def _speaker_typed(self, name: str | None) -> None:
        if name:
            key = self.index.resolve(name)
            if key is None:
                self.notify(f"Nobody called {name!r} speaks in this corpus.", severity="warning")
                return
            self.set_filter("speaker", (key, name))
        elif name == "":
            self.set_filter("speaker", None)

    @on(EntitySidebar.Chosen)
    def _entity_chosen(self, event: EntitySidebar.Chosen) -> None:
        self.filter_by(event.kind, event.key, event.name)

    def filter_by(self, kind: str, key: str, name: str) -> None:
        """Filter to an entity or a speaker (the sidebar and the palettes call this)."""
        self.set_filter("speaker" if kind == "speaker" else "entity", (key, name))

    def action_cycle_sort(self) -> None:
        self.sort_key = SORT_KEYS[(SORT_KEYS.index(self.sort_key) + 1) % len(SORT_KEYS)]
        # Dates and quote counts read best biggest first; names alphabetically.
        self.sort_reverse = self.sort_key in ("date", "quotes")
        self.apply_filters()

    def action_reverse_sort(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.apply_filters()

    def action_toggle_entities(self) -> None:
        self.reader.show_entities = not self.reader.show_entities
        self.notify("Entities highlighted in the reader" if self.reader.show_entities else "Entity highlighting off",
                    timeout=2)

    def action_toggle_colour(self) -> None:
        self.reader.colour_by = "status" if self.reader.colour_by == "kind" else "kind"
        self.notify(f"Quotes coloured by {self.reader.colour_by}", timeout=2)

    def action_toggle_sidebar_scope(self) -> None:
        if self.sidebar.scope == "article":
            self.sidebar.show_corpus(self.index)
        else:
            self.sidebar.scope = "article"
            self.show_article(self.current_row, keep_quotes=True,
                              focus_quote=self.quotes.current.id if self.quotes.current else None)
        self.sidebar.display = True
        self.sidebar.add_class("-shown")

    def action_toggle_quote_scope(self) -> None:
        if self.quote_scope == "article":
            if not self.filters.narrows_quotes:
                self.notify("Choose an entity, speaker, tag, status or kind filter first (f).", timeout=3)
                return
            self._set_quote_scope("filter")
        else:
            self._set_quote_scope("article")
        self._update_filter_bar()

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

    def action_export(self) -> None:
        from tui.screens.export import start_export

        start_export(self)

    def on_export_finished(self, event: Any) -> None:
        self._status = ""
        if event.error:
            self.notify(event.error, title="Export failed", severity="error", timeout=10)
        else:
            self.notify(f"{event.summary} exported to {event.path}", title="Exported", timeout=8)
        self._update_filter_bar()

    # --- annotating -------------------------------------------------------------------------------
    def _focused_quote(self) -> QuoteRow | None:
        if self.store is None:
            self.notify(self._store_error or "The annotation store is not available.", severity="error",
                        title="Cannot annotate")
            return None
        row = self.quotes.current
        if row is None:
            self.notify("No quote selected (move to one in the quote list).", severity="warning", timeout=3)
        return row

    def _change(self, row: QuoteRow, label: str, shown: dict[str, Any], run: Callable[[Any, Any], Any]) -> None:
        """Show ``shown`` on ``row`` now and save ``run(store, quote)`` in the background."""
        target: Any = row.id if row.user_added else row.quote
        fields = {**self._shown.get(row.id, {}), **shown, "save_state": SAVING}
        self._shown[row.id] = fields
        job = SaveJob(label=label, run=lambda store: run(store, target), quote_ids=(row.id,),
                      shown={row.id: dict(shown)})
        self._submit(job)

    def _submit(self, job: SaveJob) -> None:
        assert self.saver is not None
        for quote_id in job.quote_ids:
            self._in_flight[quote_id] = self._in_flight.get(quote_id, 0) + 1
        self._status = f"saving {job.label}…"
        self.saver.submit(job)
        self._repaint_quotes()

    @on(SaveFinished)
    def _save_finished(self, event: SaveFinished) -> None:
        result = event.result
        job = result.job
        for quote_id in job.quote_ids:
            self._in_flight[quote_id] = max(0, self._in_flight.get(quote_id, 1) - 1)
        if result.ok:
            self._failed = [j for j in self._failed if j.seq != job.seq]
            for quote_id, ann in result.fresh.items():
                self._annotations[quote_id] = ann
                if self.current_article is not None and quote_id.rsplit("#", 1)[0] == self.current_article.id:
                    if ann is None:
                        self._article_annotations.pop(quote_id, None)
                    else:
                        self._article_annotations[quote_id] = ann
            for quote_id in set(job.quote_ids) | set(result.fresh):
                if not self._in_flight.get(quote_id) and not any(quote_id in j.quote_ids for j in self._failed):
                    self._shown.pop(quote_id, None)
            self._status = f"✓ saved: {job.label}" if not result.error else result.error
            if job.label in ("undo", "redo"):
                self._after_undo(job.label, result.result)
        else:
            self._failed.append(job)
            for quote_id in job.quote_ids:
                self._shown.setdefault(quote_id, {})["save_state"] = UNSAVED
            self._status = ""
            self.notify(f"{result.error}\nThe change is kept on screen, marked ●; ctrl+s retries.",
                        title=f"Not saved: {job.label}", severity="error", timeout=8)
        self._repaint_quotes()

    def action_accept(self) -> None:
        self._set_status("accepted")

    def action_reject(self) -> None:
        self._set_status("rejected")

    def action_reset_status(self) -> None:
        self._set_status("unreviewed")

    def _set_status(self, status: str) -> None:
        row = self._focused_quote()
        if row is None:
            return
        label = {"accepted": "accept", "rejected": "reject"}.get(status, "reset status")
        self._change(row, label, {"status": status}, lambda store, q: store.set_status(q, status))
        # Prodigy-style flow: after a decision, move on to the next quote.
        if status != "unreviewed" and self.quotes.cursor < self.quotes.row_count - 1:
            self.quotes.action_cursor_down()

    def action_add_tag(self) -> None:
        from tui.screens.prompt import PromptScreen

        row = self._focused_quote()
        if row is None:
            return
        suggestions = self._read_store(lambda store: store.tag_names(), []) + self.quick_tags

        def done(tag: str | None) -> None:
            if tag:
                self._tag(row, tag, add=True)

        self.app.push_screen(PromptScreen("Add a tag", suggestions=[t for t in suggestions if t not in row.tags],
                                          placeholder="tag name"), done)

    def action_remove_tag(self) -> None:
        from tui.screens.choice import ChoiceScreen

        row = self._focused_quote()
        if row is None:
            return
        if not row.tags:
            self.notify("This quote has no tags.", timeout=2)
            return
        self.app.push_screen(ChoiceScreen("Remove a tag", [(t, f"#{t}") for t in row.tags]),
                             lambda tag: tag and self._tag(row, tag, add=False))

    def _tag(self, row: QuoteRow, tag: str, add: bool) -> None:
        current = self.quotes.current if self.quotes.current and self.quotes.current.id == row.id else row
        tags = tuple(t for t in current.tags if t.casefold() != tag.casefold())
        if add:
            tags += (tag,)
            self._change(current, f"tag #{tag}", {"tags": tags}, lambda store, q: store.tag(q, tag))
        else:
            self._change(current, f"untag #{tag}", {"tags": tags}, lambda store, q: store.untag(q, tag))

    def action_quick_tag(self, number: int) -> None:
        if number > len(self.quick_tags):
            self.notify(f"No quick tag {number}: set quick_tags in {self.app.config_path_label}.",
                        severity="warning", timeout=4)
            return
        row = self._focused_quote()
        if row is None:
            return
        tag = self.quick_tags[number - 1]
        self._tag(row, tag, add=tag.casefold() not in {t.casefold() for t in row.tags})

    def action_edit_note(self) -> None:
        from tui.screens.note_editor import NoteEditorScreen

        row = self._focused_quote()
        if row is None:
            return

        def done(note: str | None) -> None:
            if note is not None and note != row.note:
                self._change(row, "note", {"note": note}, lambda store, q: store.set_note(q, note))

        about = f"{row.speaker or 'unknown speaker'}: {' '.join(row.quote.text.split())[:120]}"
        self.app.push_screen(NoteEditorScreen(row.note, about), done)

    def action_correct_speaker(self) -> None:
        from tui.screens.prompt import PromptScreen

        row = self._focused_quote()
        if row is None:
            return

        def done(name: str | None) -> None:
            if name is None:
                return
            speaker = name or None
            if speaker == row.speaker_override:
                return
            self._change(row, "speaker", {"speaker_override": speaker},
                         lambda store, q: store.set_speaker(q, speaker))

        self.app.push_screen(PromptScreen("Who said it?", row.speaker, suggestions=self._speaker_names(),
                                          hint="empty restores the extracted speaker · "), done)

    def _speaker_names(self) -> list[str]:
        names = []
        if self.current_article is not None:
            names += [e.name for e in self.analysis(self.current_article.id).entities if e.label == "PERSON"]
        names += [s.name for s in self.index.speakers(top=500)]
        return list(dict.fromkeys(names))

    def action_select_span(self) -> None:
        if self.store is None:
            self._focused_quote()
            return
        if not self.reader.start_selection():
            self.notify("Open an article first.", severity="warning", timeout=2)
            return
        self.notify("Move with h/l (word) j/k (line), v to start the span, enter to confirm, esc to cancel.",
                    title="Add a missed quote", timeout=6)

    @on(ArticleReader.SpanSelected)
    def _span_selected(self, event: ArticleReader.SpanSelected) -> None:
        from store.annotations import user_quote_id
        from tui.screens.prompt import PromptScreen

        article = self.current_article
        if article is None or article.id != event.article_id:
            return
        text = article.text[event.start:event.end]
        start, end = event.start, event.end

        def done(name: str | None) -> None:
            if name is None:
                self.notify("No quote added.", timeout=2)
                return
            speaker = name or None
            quote_id = user_quote_id(article.id, start, end, text)
            pending = _PendingUserQuote(quote_id, article.id, text, start, end, speaker)
            self._shown[quote_id] = {"user_quote": pending, "status": "accepted", "save_state": SAVING}
            job = SaveJob(label="add quote",
                          run=lambda store: store.add_quote(article.id, start, end, text, speaker=speaker),
                          quote_ids=(quote_id,))
            self._submit(job)
            if self.quote_scope == "article":
                index = next((i for i, q in enumerate(self.article_quotes) if q.id == quote_id), None)
                if index is not None:
                    self.quotes.move_cursor(index)
            self.quotes.focus()

        preview = " ".join(text.split())
        self.app.push_screen(PromptScreen(f"Speaker of “{preview[:50]}{'…' if len(preview) > 50 else ''}”",
                                          suggestions=self._speaker_names(),
                                          hint="empty: unknown speaker · "), done)

    def action_undo(self) -> None:
        if self.saver is not None:
            self._submit(SaveJob(label="undo", run=lambda store: store.undo()))

    def action_redo(self) -> None:
        if self.saver is not None:
            self._submit(SaveJob(label="redo", run=lambda store: store.redo()))

    def _after_undo(self, label: str, change: Any) -> None:
        if change is None:
            self._status = f"nothing to {label}"
            return
        what = getattr(change, "label", "") or label
        self._status = f"✓ {what}" if what.startswith(label) else f"✓ {label}: {what}"
        self.notify(self._status.lstrip("✓ "), timeout=2)

    def action_retry_saves(self) -> None:
        if not self._failed:
            self.notify("Everything is saved.", timeout=2)
            return
        jobs, self._failed = self._failed, []
        for job in jobs:
            for quote_id in job.quote_ids:
                self._shown.setdefault(quote_id, {})["save_state"] = SAVING
            self._submit(job)


class _PendingUserQuote:
    """A quote the user added, shown before the store confirms it (quacks like an Annotation)."""

    def __init__(self, quote_id: str, article_id: str, text: str, start: int, end: int, speaker: str | None):
        self.quote_id, self.article_id, self.text = quote_id, article_id, text
        self.start, self.end, self.speaker, self.kind = start, end, speaker, "direct"
        self.user_added, self.orphan = True, False
