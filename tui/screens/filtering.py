"""Filtering and sorting the main screen's article and quote lists.

Filters run in a thread worker in two steps, each answered by a message: the
article rows first (numpy, fast), then — when a filter narrows the quotes — the
matching quotes across the corpus, so the article list never waits for them.
A generation number drops the answers of filters the user has since replaced.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from corpus.models import QUOTE_KINDS, REVIEW_STATUSES
from tui.filters import Filters, article_rows, quote_refs
from tui.widgets.article_list import SORT_KEYS
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.filter_bar import FilterBar
from tui.widgets.quote_row import UNSAVED


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


class FilteringMixin:
    """The filter, search and sort actions of ``MainScreen`` (mixed into it: they use its
    panes and state). Handlers go by Textual's naming convention, as ``@on`` only
    registers on message-pump classes."""

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

    def on_filters_applied(self, event: FiltersApplied) -> None:
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

    def on_quotes_found(self, event: QuotesFound) -> None:
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
            # Stay on the article being read when the filter keeps quotes of it.
            cursor = next((i for i, ref in enumerate(self.filter_refs) if ref.row == self.current_row), 0)
            self.quotes.set_source(
                len(self.filter_refs), lambda i: self._ref_row(self.filter_refs[i]), cursor=cursor, show_article=True
            )
        else:
            self.query_one("#quotes-pane").border_title = "Quotes · article"
            self.quotes.empty_text = "No quotes in this article"
            self.show_article(self.current_row)

    def _update_filter_bar(self) -> None:
        self.reader.set_search(self.filters.search)  # the searched words, highlighted (n/N)
        status = self._status
        unsaved = sum(1 for s in self._shown.values() if s.get("save_state") == UNSAVED)
        if unsaved:
            status = f"● {unsaved} unsaved (ctrl+s retries)"
        elif not status and self._store_error:
            status = "annotations unavailable"
        self.query_one(FilterBar).show(
            self.filters,
            len(self.articles.rows),
            self.index.n_articles,
            self.sort_key,
            self.sort_reverse,
            busy=status,
            n_quotes=len(self.filter_refs) if self.quote_scope == "filter" else None,
        )

    def action_search(self) -> None:
        from tui.screens.prompt import PromptScreen

        def done(text: str | None) -> None:
            if text is not None:
                self.set_filter("search", text)

        self.app.push_screen(
            PromptScreen(
                "Search titles and texts",
                self.filters.search or "",
                placeholder="words: every one must occur; the start of a word is enough",
                hint="empty clears the search · ",
            ),
            done,
        )

    def action_filter_menu(self) -> None:
        from tui.screens.choice import ChoiceScreen

        choices = [
            ("entity", "Entity…"),
            ("speaker", "Speaker…"),
            ("tag", "Tag…"),
            ("status", "Review status…"),
            ("kind", "Quote kind…"),
            ("search", "Text search…"),
        ]
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
            self.app.push_screen(
                ChoiceScreen(f"Filter by {field}", [(v, v) for v in values]), lambda v: v and self.set_filter(field, v)
            )
        elif field == "tag":
            tags = self._read_store(lambda store: store.tag_names(), [])
            self.app.push_screen(
                PromptScreen("Filter by tag", suggestions=tags + self.quick_tags, choose_only=True),
                lambda v: v is not None and self.set_filter("tag", v),
            )
        elif field == "entity":
            names = [s.name for s in self.index.entities(top=2000)]
            self.app.push_screen(
                PromptScreen("Filter by entity", suggestions=names, choose_only=True),
                self._name_typed("entity", "No entity called {name!r} in this corpus."),
            )
        elif field == "speaker":
            names = [s.name for s in self.index.speakers(top=2000)]
            self.app.push_screen(
                PromptScreen("Filter by speaker", suggestions=names, choose_only=True),
                self._name_typed("speaker", "Nobody called {name!r} speaks in this corpus."),
            )

    def _name_typed(self, field: str, unknown: str) -> Callable[[str | None], None]:
        """The prompt callback of the entity/speaker filter: a typed name or variant is
        resolved to its corpus key; empty clears the filter; ``unknown`` says no match."""

        def done(name: str | None) -> None:
            if name:
                key = self.index.resolve(name)
                if key is None:
                    self.notify(unknown.format(name=name), severity="warning")
                    return
                self.set_filter(field, (key, name))
            elif name == "":
                self.set_filter(field, None)

        return done

    def on_entity_sidebar_chosen(self, event: EntitySidebar.Chosen) -> None:
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

    def action_toggle_quote_scope(self) -> None:
        if self.quote_scope == "article":
            if not self.filters.narrows_quotes:
                self.notify("Choose an entity, speaker, tag, status or kind filter first (f).", timeout=3)
                return
            self._set_quote_scope("filter")
        else:
            self._set_quote_scope("article")
        self._update_filter_bar()
