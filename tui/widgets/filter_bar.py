"""One line above the panes: the active filters, the counts and the sort order."""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Static

from tui.filters import FIELD_LABELS, Filters
from tui.wording import plural


class FilterBar(Static):
    """Shows what the article list and the quote viewer are narrowed to."""

    DEFAULT_CSS = """
    /* auto: on a narrow terminal the counts and the save status wrap to a second line, not off the edge */
    FilterBar { height: auto; max-height: 3; padding: 0 1; background: $panel; color: $text-muted; }
    """

    def show(
        self,
        filters: Filters,
        n_rows: int,
        n_total: int,
        sort_key: str,
        reverse: bool,
        busy: str = "",
        n_quotes: int | None = None,
    ) -> None:
        parts = []
        if filters.any:
            chips = " ".join(
                f"[b $text-accent on $accent 15%] {FIELD_LABELS[field]}: {escape(value)} [/]"
                for field, value in filters.active
            )
            parts.append(chips + " [dim](esc clears)[/]")
        else:
            parts.append("[dim]no filters ( / search · f filter )[/]")
        counts = f"{n_rows:,} of {plural(n_total, 'article')}" if filters.any else plural(n_total, "article")
        if n_quotes is not None and filters.narrows_quotes:
            counts += f" · {plural(n_quotes, 'quote')}"
        parts.append(counts)
        parts.append(f"sort {sort_key} {'▼' if reverse else '▲'}")
        if busy:
            parts.append(f"[b $text-warning]{escape(busy)}[/]")
        # a wrapped bar breaks between the parts, never inside "1 of 2 articles · 1 quote"
        self.update("  │  ".join(part.replace(" ", "\u00a0") if i else part for i, part in enumerate(parts)))
