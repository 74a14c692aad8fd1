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

    _shown = ""

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
        markup = "  │  ".join(part.replace(" ", "\u00a0") if i else part for i, part in enumerate(parts))
        if markup == self._shown:
            return
        self._shown = markup
        # Laid out again only when the bar needs another number of lines: a new status (each
        # save says "saving…", then "✓ saved") would otherwise re-lay out the whole screen.
        self.update(markup, layout=False)
        region = self.content_region
        if region.width and self.get_content_height(region.size, region.size, region.width) != region.height:
            self.refresh(layout=True)
