"""The focused quote in full: its text, who said it, its review state and note."""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Static

from tui.widgets.quote_row import SAVING, UNSAVED, QuoteRow


class QuoteDetail(Static):
    """Everything known about one quote, wrapped to the pane's width."""

    DEFAULT_CSS = """
    QuoteDetail { height: auto; max-height: 40%; padding: 0 1; background: $panel; overflow-y: auto; }
    """

    def show(self, row: QuoteRow | None, article_title: str = "") -> None:
        if row is None:
            self.update("[dim]No quote selected.[/]")
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
        self.update("\n".join(lines))
