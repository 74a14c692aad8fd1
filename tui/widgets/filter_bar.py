"""One line above the panes: the active filters, the counts and the sort order."""

from __future__ import annotations

from rich.markup import escape
from textual.content import Content
from textual.widgets import Static

from tui.filters import FIELD_LABELS, Filters
from tui.wording import plural

SEPARATOR = "  │  "


class FilterBar(Static):
    """Shows what the article list and the quote viewer are narrowed to."""

    DEFAULT_CSS = """
    /* auto: on a narrow terminal the counts and the save status wrap to a second line, not off the edge */
    FilterBar { height: auto; max-height: 3; padding: 0 1; background: $panel; color: $text-muted; }
    """

    _shown = ""
    _parts: list[str] = []

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
        # no-break spaces inside a part, as the bar has always drawn them (its line breaks are placed
        # by _show_parts: Textual would break at these too)
        self._parts = [part.replace(" ", "\u00a0") if i else part for i, part in enumerate(parts)]
        self._show_parts()

    def on_resize(self) -> None:
        self._show_parts()

    def _show_parts(self) -> None:
        """The parts on as many lines as the width needs, broken between parts only, never inside "1 of
        2 articles · 1 quote" or "✓ saved: accept" (Textual wraps at any space, a no-break one too)."""
        width = (self.content_region.width or self.app.size.width - 2) if self.is_attached else 0
        lines: list[str] = []
        length = 0
        for part in self._parts:
            cells = Content.from_markup(part).cell_length
            if lines and width and length + len(SEPARATOR) + cells > width:
                lines.append(part)  # a part longer than the line still wraps inside itself
                length = cells
            elif lines:
                lines[-1] += SEPARATOR + part
                length += len(SEPARATOR) + cells
            else:
                lines.append(part)
                length = cells
        markup = "\n".join(lines)
        if markup == self._shown:
            return
        self._shown = markup
        # Laid out again only when the bar needs another number of lines: a new status (each
        # save says "saving…", then "✓ saved") would otherwise re-lay out the whole screen.
        self.update(markup, layout=False)
        region = self.content_region
        if region.width and self.get_content_height(region.size, region.size, region.width) != region.height:
            self.refresh(layout=True)
