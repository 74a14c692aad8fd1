"""The search line: one line above the panes where a search is typed and runs as you type.

It posts ``Typed`` after a short pause in the typing (the screen runs the
search), and ``Closed`` when enter keeps the search or escape gives back the
search it opened with. Hidden when closed.
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

TYPING_PAUSE = 0.15  # seconds without a key before the search runs

HINT = "Search titles and texts: every word must occur, the start of a word is enough · enter keeps · esc undoes"


class SearchLine(Input):
    """See the module docstring."""

    BINDINGS = [Binding("escape", "cancel", "Undo the search", show=False, id="search_cancel")]
    DEFAULT_CSS = """
    SearchLine { padding: 0 1; }
    SearchLine.-hidden { display: none; }
    """

    class Typed(Message):
        """The words typed so far (stripped; "" clears the search)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Closed(Message):
        """The line closed: ``kept`` by enter, or by escape with the search it opened with (``before``)."""

        def __init__(self, kept: bool, before: str | None) -> None:
            super().__init__()
            self.kept = kept
            self.before = before

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=HINT, id=id, classes="-hidden", compact=True)
        self._pause: Timer | None = None
        self._before: str | None = None

    @property
    def is_open(self) -> bool:
        return not self.has_class("-hidden")

    def open(self, search: str | None) -> None:
        self._before = search
        self.value = search or ""
        self.remove_class("-hidden")
        # Focus now, not after the keys already queued (``focus()`` waits its turn): what is
        # typed right after "/" belongs to the search, never to the list's keys.
        self.screen.set_focus(self)

    def _stop_pause(self) -> None:
        if self._pause is not None:
            self._pause.stop()
            self._pause = None

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self.is_open:
            self._stop_pause()
            self._pause = self.set_timer(TYPING_PAUSE, self._send, name="search pause")

    def _send(self) -> None:
        self._pause = None
        self.post_message(self.Typed(self.value.strip()))

    @on(Input.Submitted)
    def _kept(self, event: Input.Submitted) -> None:
        event.stop()
        self._stop_pause()
        self._send()
        self._close(kept=True)

    def action_cancel(self) -> None:
        self._stop_pause()
        self._close(kept=False)

    def _close(self, kept: bool) -> None:
        self.add_class("-hidden")
        self.post_message(self.Closed(kept, self._before))
