"""The quote viewer's list: one line per quote with its review state.

Rows come from a callback (``row_at``) so the same list shows the quotes of
one article or every quote of a speaker across 100,000 articles, building a
``QuoteRow`` only for the lines on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from rich.text import Text

from tui.widgets.quote_row import SAVING, UNSAVED, QuoteRow
from tui.widgets.virtual_list import VirtualList

STATUS_MARK = {"accepted": "✓", "rejected": "✗", "unreviewed": "·"}
KIND_MARK = {"direct": "D", "indirect": "I", "mixed": "M", "floating": "F"}


class QuoteList(VirtualList):
    """Quotes, one a line: status, kind, speaker, cue, text, tags, note marker."""

    COMPONENT_CLASSES = VirtualList.COMPONENT_CLASSES | {
        "quote-list--accepted",
        "quote-list--rejected",
        "quote-list--unsaved",
        "quote-list--speaker",
        "quote-list--tag",
        "quote-list--kind",
    }
    DEFAULT_CSS = """
    QuoteList > .quote-list--accepted { color: $text-success; text-style: bold; }
    QuoteList > .quote-list--rejected { color: $text-error; text-style: bold; }
    QuoteList > .quote-list--unsaved { color: $text-error; text-style: bold; }
    QuoteList > .quote-list--speaker { color: $text-warning; }
    QuoteList > .quote-list--tag { color: $text-accent; }
    QuoteList > .quote-list--kind { color: $text-muted; }
    """
    empty_text = "No quotes here"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._quote_source: Callable[[int], QuoteRow] | None = None
        self.show_article = False  # corpus scope: say which article each quote is from
        self._keyed: tuple[int, QuoteRow | None] | None = None  # the row row_key last built

    def set_source(
        self,
        count: int,
        row_at: Callable[[int], QuoteRow],
        cursor: int = 0,
        show_article: bool = False,
        announce: bool = True,
    ) -> None:
        """``count`` quotes, row ``i`` given by ``row_at(i)``; ``announce``: see ``set_row_count``."""
        self._quote_source = row_at
        self.show_article = show_article
        self.set_row_count(count, cursor, announce=announce)

    def quote_at(self, index: int) -> QuoteRow | None:
        if self._quote_source is None or not 0 <= index < self.row_count:
            return None
        return self._quote_source(index)

    @property
    def current(self) -> QuoteRow | None:
        return self.quote_at(self.cursor)

    def has_header(self) -> bool:
        return self.size.height >= 6  # a short pane keeps every line for quotes

    def header(self, width: int) -> Text | None:
        if not self.has_header():
            return None
        speaker_w = 18 if width >= 70 else 12
        text = "  ✓ K " + "Speaker".ljust(speaker_w) + " "
        if width >= 90:
            text += "Cue".ljust(9) + " "
        return Text(text + "#tags ✎note  Quote")

    def row_key(self, index: int) -> QuoteRow | None:
        # The row drawn is a function of the QuoteRow (its annotations, its save state) and the width.
        try:
            row = self.quote_at(index)
        except (IndexError, KeyError):  # the corpus changed under us: render_row says so
            return None
        self._keyed = (index, row)  # render_row, called next on a miss, need not build it again
        return row

    def prepare(self, rows: Sequence[QuoteRow], cursor: int = 0) -> int:
        """Paint ahead, in idle time, the rows ``set_source`` will show for ``rows`` (the next
        article's quotes, from the top): that key then finds them painted."""
        if not rows:
            return 0
        shown = rows[: self._visible_rows]
        return self.prepare_rows(((row, partial(self._row_text, row)) for row in shown), cursor_key=rows[cursor])

    def render_row(self, index: int, width: int) -> Text:
        keyed, self._keyed = self._keyed, None
        if keyed is not None and keyed[0] == index:
            row: QuoteRow | None = keyed[1]
        else:
            try:
                row = self.quote_at(index)
            except (IndexError, KeyError):  # the corpus changed under us (a re-ingest): never crash a paint
                return Text(
                    "  (this quote is no longer in the analysis)", style=self.component_style("virtual-list--dim")
                )
        return self._row_text(row, width)

    def _row_text(self, row: QuoteRow | None, width: int) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        if row is None:
            return text
        style = self.component_style
        if row.save_state == UNSAVED:
            text.append("●", style("quote-list--unsaved"))
        elif row.save_state == SAVING:
            text.append("…", style("virtual-list--dim"))
        else:
            text.append(" ")
        mark = STATUS_MARK.get(row.status, "·")
        status_style = {"accepted": "quote-list--accepted", "rejected": "quote-list--rejected"}.get(
            row.status, "virtual-list--dim"
        )
        text.append(mark, style(status_style))
        text.append(" ")
        # "+" a quote the user added, "↳" a report inside the quote above it ("Ruiz said Baker told her …")
        second = "+" if row.user_added else ("↳" if row.inside is not None else " ")
        text.append(KIND_MARK.get(row.kind, "?") + second, style("quote-list--kind"))
        speaker_w = 18 if width >= 70 else 12
        speaker = row.speaker or "—"
        if len(speaker) > speaker_w:
            speaker = speaker[: speaker_w - 1] + "…"
        text.append(speaker.ljust(speaker_w), style("quote-list--speaker"))
        text.append(" ")
        if width >= 90:
            cue = (row.cue or "")[:9]
            text.append(cue.ljust(9), style("virtual-list--dim"))
            text.append(" ")
        if row.note:
            text.append("✎ ", style("quote-list--tag"))
        for tag in row.tags:
            text.append(f"#{tag} ", style("quote-list--tag"))
        text.append(" ".join(row.quote.text.split()))
        return text
