"""Pick one of a few choices: the filter menu, a review status, an export format."""

from __future__ import annotations

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.screens.backdrop import SteadyBackdrop


class ChoiceScreen(ModalScreen[str | None], SteadyBackdrop):
    """``choices`` are (value, label); returns the chosen value, None on Escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="choice_cancel"),
        Binding("j", "move(1)", "Down", show=False, id="choice_down"),
        Binding("k", "move(-1)", "Up", show=False, id="choice_up"),
    ]
    DEFAULT_CSS = """
    ChoiceScreen { align: center middle; }
    ChoiceScreen > Vertical {
        width: auto; min-width: 40; max-width: 80; height: auto; max-height: 80%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    ChoiceScreen OptionList { height: auto; max-height: 20; border: none; background: $panel; }
    ChoiceScreen Label { color: $text-muted; }
    """

    def __init__(self, title: str, choices: list[tuple[str, str]], hint: str = "") -> None:
        super().__init__()
        self._title = title
        self._choices = choices
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self._title
            yield OptionList(*[Option(label, id=value) for value, label in self._choices])
            yield Label(escape(self._hint) if self._hint else "enter chooses · esc cancels")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        options.highlighted = 0

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
