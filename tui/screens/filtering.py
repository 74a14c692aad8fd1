"""The prompts of the filter menu (``f``): entity, speaker, tag, status, kind, outlet, dates, note.

Each asks the user in a modal screen, then sets the main screen's ``filters``
reactive (``set_filter``), which runs the filters in a worker; the filtering
itself is in ``tui/filters.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from corpus.models import QUOTE_KINDS, REVIEW_STATUSES
from tui.filters import HAS_NOTE, Filters, parse_dates

if TYPE_CHECKING:
    from store.index import CorpusIndex
    from tui.screens.main import MainScreen

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")

MENU = [
    ("entity", "Entity…"),
    ("speaker", "Speaker…"),
    ("tag", "Tag…"),
    ("status", "Review status…"),
    ("kind", "Quote kind…"),
    ("source", "Outlet / source…"),
    ("dates", "Date range…"),
    ("note", "Has a note"),
    ("search", "Text search…"),
]


def ask_filter(screen: MainScreen) -> None:
    from tui.screens.choice import ChoiceScreen

    choices = list(MENU)
    if screen.review.filters.any:
        choices.append(("clear", "Clear all filters"))
    screen.app.push_screen(ChoiceScreen("Filter by", choices), lambda field: _chosen(screen, field))


def _chosen(screen: MainScreen, field: str | None) -> None:
    from tui.screens.choice import ChoiceScreen
    from tui.screens.prompt import PromptScreen

    if field is None:
        return
    index = screen.review.index
    if field == "clear":
        screen.filters = Filters()
    elif field == "search":
        screen.action_search()
    elif field == "note":
        screen.set_filter("note", None if screen.review.filters.note else HAS_NOTE)
    elif field == "source":
        sources = [name for name in index.articles_per_source() if name != "(none)"]
        if not sources:
            screen.notify("The articles of this corpus name no outlet or source.", severity="warning", timeout=4)
            return

        def source_chosen(source: str | None) -> None:
            if source is not None:
                screen.set_filter("source", source or None)

        screen.app.push_screen(
            PromptScreen(
                "Filter by outlet / source",
                screen.review.filters.source or "",
                suggestions=sources,
                choose_only=True,
                hint="empty clears it · ",
            ),
            source_chosen,
        )
    elif field == "dates":
        ask_dates(screen)
    elif field in ("status", "kind"):
        values = REVIEW_STATUSES if field == "status" else QUOTE_KINDS

        def value_chosen(value: str | None) -> None:
            if value:
                screen.set_filter(field, value)

        screen.app.push_screen(ChoiceScreen(f"Filter by {field}", [(v, v) for v in values]), value_chosen)
    elif field == "tag":

        def tag_chosen(tag: str | None) -> None:
            if tag is not None:
                screen.set_filter("tag", tag)

        tags = screen.review.tag_names()
        screen.app.push_screen(
            PromptScreen("Filter by tag", suggestions=tags + screen.quick_tags, choose_only=True), tag_chosen
        )
    elif field == "entity":
        names = [s.name for s in index.entities(top=2000)]
        screen.app.push_screen(
            PromptScreen("Filter by entity", suggestions=names, choose_only=True),
            _name_typed(screen, "entity", "No entity called {name!r} in this corpus."),
        )
    elif field == "speaker":
        names = [s.name for s in screen.review.speakers(top=2000)]
        screen.app.push_screen(
            PromptScreen("Filter by speaker", suggestions=names, choose_only=True),
            _name_typed(screen, "speaker", "Nobody called {name!r} speaks in this corpus."),
        )


def corpus_dates(index: CorpusIndex) -> tuple[str, str] | None:
    """The first and last ISO date (YYYY-MM-DD) of the corpus's articles, None when none has one."""
    dates = [d for d in np.unique(index.article_date).tolist() if _ISO_DATE.match(d)]
    return (dates[0], dates[-1]) if dates else None


def ask_dates(screen: MainScreen) -> None:
    from tui.screens.prompt import PromptScreen

    span = corpus_dates(screen.review.index)
    if span is None:  # a folder of bare .txt files: a date filter would only ever find nothing
        screen.notify("The articles of this corpus have no dates.", severity="warning", timeout=4)
        return
    first, last = span

    def typed(text: str | None) -> None:
        if text is None:
            return
        if not text.strip():
            screen.set_filter("dates", None)
            return
        try:
            low, high = parse_dates(text)
        except ValueError as exc:
            screen.notify(str(exc), title="Date range", severity="warning", timeout=5)
            return
        screen.set_filter("dates", f"{low or ''}..{high or ''}")

    screen.app.push_screen(
        PromptScreen(
            "Filter by date",
            screen.review.filters.dates or "",
            # examples in the corpus's own years: "2005-01..2005-03" on a 2020 corpus found nothing
            placeholder=f"{first[:7]}..{last[:7]} · {first[:4]} · {first[:7]}.. · ..{last[:7]}",
            hint=f"the articles run from {first} to {last} · from..to, either may be left out; empty clears it · ",
        ),
        typed,
    )


def _name_typed(screen: MainScreen, field: str, unknown: str) -> Callable[[str | None], None]:
    """The prompt callback of the entity/speaker filter: a typed name or variant is
    resolved to its corpus key; empty clears the filter; ``unknown`` says no match."""

    def done(name: str | None) -> None:
        if name:
            key = screen.review.index.resolve(name)
            if key is None:
                screen.notify(unknown.format(name=name), severity="warning")
                return
            screen.set_filter(field, (key, name))
        elif name == "":
            screen.set_filter(field, None)

    return done
