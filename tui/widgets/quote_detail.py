"""The focused quote in full: its text, who said it, its review state and note."""

from __future__ import annotations

from rich.markup import escape
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

    def _set(self, markup: str) -> None:
        """New content, laid out again only when it needs (or needed) more than the pane."""
        self.update(markup, layout=False)
        region = self.content_region
        height = self.get_content_height(region.size, region.size, region.width)
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
        if row is None:
            self._set("[dim]No quote selected.[/]")
            return
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
        self._set("\n".join(lines))
