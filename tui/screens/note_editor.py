"""Edit a quote's note in a multi-line editor."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from tui.screens.backdrop import SteadyBackdrop


class NoteEditorScreen(ModalScreen[str | None], SteadyBackdrop):
    """Returns the edited note (ctrl+s) or None (escape: leave it as it was). Escape on a
    changed note asks first: a second escape discards it, so typed words are never lost
    to a key pressed out of habit."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", id="note_save", priority=True),
        Binding("escape", "cancel", "Cancel", id="note_cancel"),
    ]
    DEFAULT_CSS = """
    NoteEditorScreen { align: center middle; }
    NoteEditorScreen > Vertical {
        width: 80%; max-width: 100; height: 70%; min-height: 8;
        border: round $accent; background: $panel; padding: 0 1;
    }
    NoteEditorScreen TextArea { height: 1fr; }
    NoteEditorScreen Label { color: $text-muted; width: 100%; }
    """

    HINT = "ctrl+s saves · esc cancels (an empty note removes it)"

    def __init__(self, note: str, about: str = "") -> None:
        super().__init__()
        self._note = note
        self._about = about
        self._discard_armed = False

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Note"
            if self._about:
                yield Label(self._about, markup=False)
            yield TextArea(self._note, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Label(self.HINT, id="note-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.rstrip())

    def action_cancel(self) -> None:
        changed = self.query_one(TextArea).text.rstrip() != self._note.rstrip()
        if changed and not self._discard_armed:
            self._discard_armed = True
            self.query_one("#note-hint", Label).update(
                "[b $text-warning]The note has changes:[/] esc again discards them · ctrl+s saves"
            )
            return
        self.dismiss(None)

    def on_text_area_changed(self) -> None:
        if self._discard_armed:  # typing again: escape asks again
            self._discard_armed = False
            self.query_one("#note-hint", Label).update(self.HINT)
