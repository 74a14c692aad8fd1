"""The article list: date, source, title and number of quotes of each article.

It holds only a numpy array of index rows (the current filter, in the current
order) and asks the ``CorpusIndex`` for the metadata of the rows it paints,
so 100,000 articles cost one array, not 100,000 widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from rich.text import Text

from tui.widgets.virtual_list import VirtualList

if TYPE_CHECKING:
    from store.index import CorpusIndex

SORT_KEYS = ("date", "source", "quotes", "title")


class ArticleList(VirtualList):
    """Rows of the corpus index, in display order."""

    COMPONENT_CLASSES = VirtualList.COMPONENT_CLASSES | {"article-list--count"}
    DEFAULT_CSS = """
    ArticleList > .article-list--count { color: $text-accent; }
    """
    BORDER_TITLE = "Articles"
    empty_text = "No article matches the filters (esc clears them)"

    def __init__(self, index: CorpusIndex, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.index = index
        self.rows: np.ndarray = np.zeros(0, dtype=np.int64)
        self.sort_key = "date"
        self.sort_reverse = False
        self._has_dates = self._has_sources = True
        self.added_counts: dict[int, int] = {}  # index row -> quotes the user added (the count includes them)

    @property
    def sort_keys(self) -> tuple[str, ...]:
        """What ``o`` cycles through: the columns this corpus has (bare .txt files have no
        dates or sources, so no date or source order, which would look like no order)."""
        missing = {"date"} if not self._has_dates else set()
        missing |= {"source"} if not self._has_sources else set()
        return tuple(k for k in SORT_KEYS if k not in missing)

    # --- data -------------------------------------------------------------------------
    def set_rows(self, rows: np.ndarray, keep_row: int | None = None) -> None:
        """Show ``rows`` (index row numbers, already in display order).

        ``keep_row`` keeps the cursor on that article when it is still listed,
        so re-sorting or widening a filter does not lose the reader's place.
        """
        self.rows = np.asarray(rows, dtype=np.int64)
        if len(self.rows) and self.index.n_articles == len(self.rows):
            # A corpus of bare .txt files has no dates or sources: give their columns to the title.
            sample = [self.index.meta(int(r)) for r in self.rows[:: max(1, len(self.rows) // 200)][:200]]
            self._has_dates = any(m.date for m in sample)
            self._has_sources = any(m.source for m in sample)
        cursor = 0
        if keep_row is not None and len(self.rows):
            hits = np.flatnonzero(self.rows == keep_row)
            if len(hits):
                cursor = int(hits[0])
        self.set_row_count(len(self.rows), cursor)

    @property
    def current_row(self) -> int | None:
        """The index row under the cursor (None when the list is empty)."""
        if not len(self.rows):
            return None
        return int(self.rows[min(self.cursor, len(self.rows) - 1)])

    def move_to_row(self, row: int) -> bool:
        """Put the cursor on index row ``row``; False when it is filtered out."""
        hits = np.flatnonzero(self.rows == row)
        if not len(hits):
            return False
        self.move_cursor(int(hits[0]), force=True)
        return True

    # --- painting ----------------------------------------------------------------------
    def _columns(self, width: int) -> tuple[int, int, int]:
        """Widths of date, source and the quote count; the title gets the rest."""
        date_w = 10 if width >= 34 and self._has_dates else 0
        source_w = 0 if width < 56 or not self._has_sources else min(14, max(8, width // 8))
        return date_w, source_w, 3

    def has_header(self) -> bool:
        return True

    def header(self, width: int) -> Text:
        date_w, source_w, count_w = self._columns(width)
        arrow = "▼" if self.sort_reverse else "▲"

        def title(name: str, label: str, w: int, right: bool = False) -> str:
            label = label + (arrow if self.sort_key == name else "")
            return (label.rjust(w) if right else label.ljust(w))[:w]

        parts = []
        if date_w:
            parts.append(title("date", "Date", date_w))
        if source_w:
            parts.append(title("source", "Source", source_w))
        parts.append(title("quotes", "Q", count_w + 1, right=True))
        title_w = max(1, width - sum(len(p) + 1 for p in parts))
        parts.append(title("title", "Title", title_w))
        return Text(" ".join(parts))

    def render_row(self, index: int, width: int) -> Text:
        row = int(self.rows[index])
        meta = self.index.meta(row)
        date_w, source_w, count_w = self._columns(width)
        text = Text(no_wrap=True, overflow="ellipsis")
        # Three pieces, each with the space after it (a line's segments cost in every step of
        # Textual's painting): date and source dim, the count, the title.
        dates = ""
        if date_w:
            dates = (meta.date or "")[:date_w].ljust(date_w) + " "
        if source_w:
            source = meta.source or ""
            if len(source) > source_w:
                source = source[: source_w - 1] + "…"
            dates += source.ljust(source_w) + " "
        if dates:
            text.append(dates, self.component_style("virtual-list--dim"))
        n_quotes = meta.n_quotes + self.added_counts.get(row, 0)
        count = str(n_quotes) if n_quotes else "·"
        text.append(count.rjust(count_w + 1)[: count_w + 1] + " ", self.component_style("article-list--count"))
        text.append(meta.title or meta.id)
        return text
