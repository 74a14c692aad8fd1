"""The main screen: article list, reader, quote viewer and entity sidebar.

It owns the state the panes share (filters, sort, the current article, the
annotations as the user sees them) and every key that is not about one
pane. Panes only draw and post messages; this screen decides what they show.
Filtering (``filtering.py``) and annotating (``annotating.py``) are mixins with
their own modules; this one lays out the panes and keeps them in step.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import replace
from typing import Any

import numpy as np
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header

from corpus.models import Analysis, Article, Quote
from store.people import gender_marks
from tui.bindings import ANNOTATING, NAVIGATION, VIEWS
from tui.filters import USER_QUOTE, Filters, speaker_key_of
from tui.saver import AnnotationSaver, SaveJob
from tui.screens.annotating import AnnotatingMixin
from tui.screens.filtering import FilteringMixin
from tui.widgets.article_list import ArticleList
from tui.widgets.article_reader import ArticleReader
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.filter_bar import FilterBar
from tui.widgets.quote_detail import QuoteDetail
from tui.widgets.quote_list import QuoteList
from tui.widgets.quote_row import SAVED, SAVING, QuoteRow
from tui.wording import plural

ANALYSIS_CACHE = 256  # analyses kept in memory (corpus-scope quote lists touch many articles)


# The fields of a QuoteRow a pending change may show before it is saved.
_ROW_FIELDS = {"status", "tags", "note", "speaker_override"}


class MainScreen(AnnotatingMixin, FilteringMixin, Screen[None]):
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
        rows = np.asarray(
            self.index.sort(
                np.arange(self.index.n_articles, dtype=np.int64), key=self.sort_key, reverse=self.sort_reverse
            ),
            dtype=np.int64,
        )
        self.articles.sort_key, self.articles.sort_reverse = self.sort_key, self.sort_reverse
        self.articles.set_rows(rows)
        if not len(rows):
            self.show_article(None)
        self._update_filter_bar()
        if self.saver is not None:
            self._run_saver()

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
            fields = {
                "status": ann.status,
                "tags": tuple(ann.tags),
                "note": ann.note,
                # An added quote's speaker is its own, not a correction.
                "speaker_override": None if user_added else ann.speaker,
            }
            if ann.span is not None and not user_added:
                quote = replace(quote, start=ann.span.start, end=ann.span.end, text=ann.span.text or quote.text)
        shown = self._shown.get(quote.id)
        save_state = SAVED
        if shown:
            fields.update({k: v for k, v in shown.items() if k in _ROW_FIELDS})
            save_state = shown.get("save_state", SAVING)
        return QuoteRow(quote=quote, article_id=article_id, user_added=user_added, save_state=save_state, **fields)

    def _user_quote(self, ann: Any) -> Quote:
        return Quote(
            id=ann.quote_id,
            text=ann.text,
            start=int(ann.start or 0),
            end=int(ann.end or 0),
            kind=ann.kind or "direct",
            speaker_name=ann.speaker,
        )

    def _article_rows(self, article: Article, analysis: Analysis) -> list[QuoteRow]:
        rows = [self.quote_row(q, article.id) for q in analysis.quotes]
        known = {q.id for q in analysis.quotes}
        added = [
            a
            for a in self._article_annotations.values()
            if a is not None and a.user_added and a.quote_id not in known and not a.orphan
        ]
        # Quotes added in this session but not saved yet are shown too.
        for quote_id, shown in self._shown.items():
            if (
                shown.get("user_quote")
                and shown["user_quote"].article_id == article.id
                and quote_id not in self._article_annotations
            ):
                added.append(shown["user_quote"])
        rows += [self.quote_row(self._user_quote(a), article.id, user_added=True) for a in added]
        rows.sort(key=lambda r: (r.start, r.end))
        return rows

    def _ref_row(self, ref: Any) -> QuoteRow:
        meta = self.index.meta(ref.row)
        if ref.index == USER_QUOTE:
            ann = self._annotation(ref.quote_id)
            if ann is None:  # its adding was undone since the filter ran
                quote = Quote(
                    id=ref.quote_id,
                    text="(this added quote was removed)",
                    start=0,
                    end=0,
                    kind=ref.kind,
                    speaker_name=ref.speaker_name,
                )
            else:
                quote = self._user_quote(ann)
            return self.quote_row(quote, meta.id, user_added=True)
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
        subtitle = self._reader_subtitle(meta)
        if self.quote_scope == "article" and not keep_quotes:
            cursor = 0
            if focus_quote:
                cursor = next((i for i, q in enumerate(self.article_quotes) if q.id == focus_quote), 0)
            self.quotes.set_source(len(self.article_quotes), lambda i: self.article_quotes[i], cursor=cursor)
            focus_quote = self.article_quotes[cursor].id if self.article_quotes else None
        self.reader.show(
            article,
            self.article_quotes,
            analysis.entities,
            focused_quote=focus_quote,
            subtitle=subtitle,
            scroll_to_focus=keep_quotes,
        )
        if self.sidebar.scope == "article":
            overrides = self._read_store(lambda store: store.person_overrides(), None)
            genders = gender_marks(analysis.people, overrides)
            self.sidebar.show_article(analysis.entities, self._article_speakers(), genders=genders)
        if self.quote_scope == "article" and not keep_quotes:
            self.detail.show(self.quotes.current)
        self.last_update_ms = (time.perf_counter() - started) * 1000

    def _reader_subtitle(self, meta: Any) -> str:
        return " · ".join(x for x in (meta.date, meta.source, plural(len(self.article_quotes), "quote")) if x)

    def _article_speakers(self) -> list[tuple[str, str]]:
        """(key, name) of who speaks in the current article, as the user sees it: a corrected
        or added quote counts for the speaker the user gave it."""
        out = []
        for q in self.article_quotes:
            if q.speaker_override or (q.user_added and q.speaker):
                out.append((speaker_key_of(self.index, q.speaker), q.speaker))
            elif q.quote.speaker_key:
                out.append((q.quote.speaker_key, q.speaker))
        return out

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
            # the counts and speakers around the article follow the change too
            if self.current_row is not None:
                self.reader.border_subtitle = self._reader_subtitle(self.index.meta(self.current_row))
            if self.sidebar.scope == "article":
                self.sidebar.show_article(self.analysis(self.current_article.id).entities, self._article_speakers())
        self.quotes.refresh_rows()
        current = self.quotes.current
        title = self.current_article.title if (self.quote_scope == "filter" and self.current_article) else ""
        self.detail.show(current, article_title=title)
        self._update_filter_bar()

    # --- navigation actions -----------------------------------------------------------------
    def action_dashboard(self) -> None:
        """The sources dashboard over the articles the active filter shows."""
        from tui.screens.dashboard import DashboardScope, DashboardScreen

        rows = self.articles.rows.copy() if self.filters.any else None
        label = self.filters.describe() if self.filters.any else "all articles"

        def closed(corrected: bool | None) -> None:
            if corrected:  # the sidebar's gender marks
                current = self.quotes.current
                self.show_article(self.current_row, focus_quote=current.id if current else None)

        self.app.push_screen(DashboardScreen(self.ws, DashboardScope(rows, label), self.store), closed)

    def action_next_article(self) -> None:
        self.articles.action_cursor_down()

    def action_previous_article(self) -> None:
        self.articles.action_cursor_up()

    def action_next_quote(self) -> None:
        """The next quote; past an article's last one, the first quote of the next article
        that has quotes (a reviewer works through the corpus with J alone)."""
        if self.quote_scope == "article" and self.quotes.cursor >= self.quotes.row_count - 1:
            if not self._step_article(+1):
                self.notify("That was the last quote.", timeout=2)
            return
        self.quotes.action_cursor_down()

    def action_previous_quote(self) -> None:
        if self.quote_scope == "article" and self.quotes.cursor <= 0:
            if self._step_article(-1, last_quote=True):
                return
        self.quotes.action_cursor_up()

    def _step_article(self, step: int, last_quote: bool = False) -> bool:
        """Move the article list to the nearest article in direction ``step`` with quotes."""
        rows = self.articles.rows
        at = self.articles.cursor + step
        while 0 <= at < len(rows):
            if self.index.meta(int(rows[at])).n_quotes or self._article_has_added_quotes(int(rows[at])):
                self.articles.move_to_row(int(rows[at]))
                self.show_article(int(rows[at]))
                if last_quote and self.quotes.row_count:
                    self.quotes.move_cursor(self.quotes.row_count - 1)
                return True
            at += step
        return False

    def _article_has_added_quotes(self, row: int) -> bool:
        article_id = self.index.meta(row).id
        annotations = self._read_store(lambda store: store.for_article(article_id), [])
        return any(a.user_added and not a.orphan for a in annotations)

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
            rows = np.asarray(
                self.index.sort(np.arange(self.index.n_articles), key=self.sort_key, reverse=self.sort_reverse),
                dtype=np.int64,
            )
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
            self.sidebar.show_corpus(self.index)
        else:
            self.sidebar.scope = "article"
            self.show_article(
                self.current_row, keep_quotes=True, focus_quote=self.quotes.current.id if self.quotes.current else None
            )
        self.sidebar.remove_class("-hidden")
        self.sidebar.add_class("-shown")

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

    def on_export_finished(self, event: Any) -> None:
        self._status = ""
        if event.error:
            self.notify(event.error, title="Export failed", severity="error", timeout=10)
        else:
            self.notify(f"{event.summary} exported to {event.path}", title="Exported", timeout=8)
        self._update_filter_bar()
