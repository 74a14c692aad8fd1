"""The focused quote in full: its text, who said it, its review state and note."""

from __future__ import annotations

from rich.markup import escape
from textual.content import Content
from textual.strip import Strip
from textual.visual import Visual
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
        # And their lines, painted as Textual paints a Static, by what they depend on.
        self._markup = ""
        self._painted: dict[tuple[object, ...], list[Strip]] = {}
        self._lines: list[Strip] = []

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
            # The widget's styles, as Widget.get_content_height passes them (read as a RulesMap).
            styles = self.styles
            height = self._heights[markup, width] = self._content(markup).get_height(styles, width)  # type: ignore[arg-type]
        return height

    def prepare(self, row: QuoteRow | None, article_title: str = "") -> None:
        """Parse, measure and paint, ahead, what ``show`` with these arguments will show."""
        width = self.content_region.width
        if width:
            markup = self._markup_of(row, article_title)
            self._height(markup, width)
            self._paint(markup, self._content(markup))

    def _paint(self, markup: str, visual: Content) -> list[Strip]:
        """The lines of ``visual`` at the widget's size (as ``Widget._render_content`` makes them)."""
        width, height = self.size
        style = self.visual_style
        key = (markup, width, height, style, self.text_selection)
        lines = self._painted.get(key)
        if lines is None:
            if len(self._painted) > 16:
                self._painted.clear()
            lines = self._painted[key] = Visual.to_strips(self, visual, width, height, style)
        return lines

    def render_line(self, y: int) -> Strip:
        if self._dirty_regions:  # (a refresh since the last paint: Textual renders the content again here)
            visual = self._render()
            self._lines = (
                self._paint(self._markup, visual)
                if isinstance(visual, Content) and visual is self._parsed.get(self._markup)
                else Visual.to_strips(self, visual, self.size.width, self.size.height, self.visual_style)
            )
            self._dirty_regions.clear()
        if 0 <= y < len(self._lines):
            return self._lines[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._heights.clear()  # (a width or a wrapping style may have changed)
        self._painted.clear()

    def _set(self, markup: str) -> None:
        """New content, laid out again only when it needs (or needed) more than the pane."""
        self._markup = markup
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
        self._set(self._markup_of(row, article_title))

    @staticmethod
    def _markup_of(row: QuoteRow | None, article_title: str) -> str:
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
        if row.inside is not None:
            lines.append(f"[dim]reported inside a quote of[/] {escape(row.inside)}")
        lines.append(escape(" ".join(row.quote.text.split())))
        if row.note:
            lines.append(f"[$text-accent]✎[/] {escape(row.note)}")
        return "\n".join(lines)
