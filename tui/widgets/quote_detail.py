"""The focused quote in full: its text, who said it, its review state and note."""

from __future__ import annotations

from rich.markup import escape
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from tui.widgets.quote_row import SAVING, UNSAVED, QuoteRow


class QuoteDetail(Static):
    """Everything known about one quote, wrapped to the pane's width.

    It fills the scroll pane around it (fixed heights in app.tcss) and is laid out again
    only when its text is longer than that pane, or was: a detail that grew and shrank
    with each quote would re-lay out the whole screen on every key.
    """

    DEFAULT_CSS = """
    QuoteDetail { height: auto; padding: 0 1; background: $panel; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._overflowing = False
        # Parsed details and their heights by markup (and width): the next article's first quote
        # is parsed and measured ahead, in idle time (``prepare``); one shown before is not again.
        self._parsed: dict[str, Content] = {}
        self._heights: dict[tuple[str, int], int] = {}

    def _content(self, markup: str) -> Content:
        content = self._parsed.get(markup)
        if content is None:
            if len(self._parsed) > 64:
                self._parsed.clear()
                self._heights.clear()
            content = self._parsed[markup] = Content.from_markup(markup)  # as Static parses a str
        return content

    def _height(self, markup: str, width: int) -> int:
        """The height of ``markup`` wrapped to ``width`` (as Textual measures the widget's content)."""
        height = self._heights.get((markup, width))
        if height is None:
            height = self._heights[markup, width] = self._content(markup).get_height(self.styles, width)
        return height

    def prepare(self, row: QuoteRow | None, article_title: str = "") -> None:
        """Parse and measure, ahead, what ``show`` with these arguments will show."""
        width = self.content_region.width
        if width:
            self._height(self._markup(row, article_title), width)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._heights.clear()  # (a width or a wrapping style may have changed)

    def _set(self, markup: str) -> None:
        """New content, laid out again only when it needs (or needed) more than the pane."""
        self.update(self._content(markup), layout=False)
        region = self.content_region
        height = self._height(markup, region.width) if region.width else 0
        # Measured against the pane (the scroll view this fills), not this widget's own height:
        # after a long quote this widget is taller than the pane, and a shorter quote that still
        # overflowed would then count as fitting and a short one after it would keep the stale
        # height (a scrollbar for text that fits), depending on when the layout last ran.
        pane = self.parent.scrollable_content_region if isinstance(self.parent, Widget) else self.content_region
        overflowing = height + self.styles.gutter.height > pane.height
        if overflowing or self._overflowing:
            self.refresh(layout=True)
        self._overflowing = overflowing

    def show(self, row: QuoteRow | None, article_title: str = "") -> None:
        self._set(self._markup(row, article_title))

    @staticmethod
    def _markup(row: QuoteRow | None, article_title: str) -> str:
        if row is None:
            return "[dim]No quote selected.[/]"
        status_colour = {"accepted": "$text-success", "rejected": "$text-error"}.get(row.status, "$text-muted")
        facts = [
            f"[b $text-warning]{escape(row.speaker or 'unknown speaker')}[/]"
            + (" [dim](corrected)[/]" if row.speaker_override else ""),
            f"[dim]cue[/] {escape(row.cue)}" if row.cue else "",
            f"[dim]{row.kind}{' · added by you' if row.user_added else ''}[/]",
            f"[{status_colour}]{row.status}[/]",
            " ".join(f"[$text-accent]#{escape(t)}[/]" for t in row.tags),
        ]
        if row.save_state == UNSAVED:
            facts.append("[b $text-error]● not saved[/] [dim](ctrl+s retries)[/]")
        elif row.save_state == SAVING:
            facts.append("[dim]saving…[/]")
        lines = [" · ".join(f for f in facts if f)]
        if article_title:
            lines.append(f"[dim]in[/] [i]{escape(article_title)}[/]")
        lines.append(escape(" ".join(row.quote.text.split())))
        if row.note:
            lines.append(f"[$text-accent]✎[/] {escape(row.note)}")
        return "\n".join(lines)
