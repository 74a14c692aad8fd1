"""The first screen: opening (and, if needed, ingesting) the corpus, with progress."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, ProgressBar, Static

from tui.widgets.steady_footer import SteadyFooter


class LoadingScreen(Screen[None]):
    """Shows what the opening worker reports; on failure, why, and how to quit."""

    BINDINGS = [Binding("q", "app.quit", "Quit", id="quit_loading")]
    DEFAULT_CSS = """
    LoadingScreen { align: center middle; }
    LoadingScreen #loading-box { width: 72; height: auto; padding: 1 2; border: round $primary; background: $panel; }
    LoadingScreen #loading-title { text-style: bold; color: $text-primary; width: 100%; }
    LoadingScreen #loading-message { color: $text-muted; width: 100%; margin-top: 1; }
    LoadingScreen #loading-error { color: $text-error; width: 100%; display: none; margin-top: 1; }
    LoadingScreen ProgressBar { margin-top: 1; width: 100%; }
    """

    def __init__(self, title: str = "Opening the corpus…") -> None:
        super().__init__()
        self._title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="loading-box"):
            yield Label(self._title, id="loading-title")
            yield ProgressBar(id="loading-progress", show_eta=True)
            yield Static("", id="loading-message")
            yield Static("", id="loading-error")
        yield SteadyFooter()

    def set_progress(self, done: int | None, total: int | None, message: str = "") -> None:
        bar = self.query_one(ProgressBar)
        if total:
            bar.update(total=total, progress=done or 0)
        if message:
            self.query_one("#loading-message", Static).update(escape(message))

    def show_error(self, message: str) -> None:
        self.query_one("#loading-title", Label).update("Could not open the corpus")
        self.query_one(ProgressBar).display = False
        error = self.query_one("#loading-error", Static)
        error.update(escape(message) + "\n\n[dim]Press q to quit.[/]")
        error.display = True
