"""A one-line question with suggestions: search, tags, speakers, entity names, paths."""

from __future__ import annotations

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

MAX_SHOWN = 200


class PromptScreen(ModalScreen[str | None]):
    """Ask for a value; suggestions are listed below and completed inline.

    Enter takes the highlighted suggestion when the user moved into the list
    (down arrow), else the typed text ("" when empty). Escape returns None.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="prompt_cancel"),
        Binding("down", "into_list", "Suggestions", show=False, id="prompt_down"),
    ]
    DEFAULT_CSS = """
    PromptScreen { align: center middle; }
    PromptScreen > Vertical {
        width: 70%; max-width: 90; min-width: 40; height: auto; max-height: 80%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    PromptScreen Label { color: $text-muted; width: 100%; }
    PromptScreen OptionList { height: auto; max-height: 12; border: none; background: $panel; }
    PromptScreen OptionList.-empty { display: none; }
    """

    def __init__(self, title: str, value: str = "", suggestions: list[str] | None = None,
                 placeholder: str = "", hint: str = "") -> None:
        super().__init__()
        self._title = title
        self._value = value
        self._suggestions = list(dict.fromkeys(s for s in (suggestions or []) if s))
        self._placeholder = placeholder
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self._title
            suggester = SuggestFromList(self._suggestions, case_sensitive=False) if self._suggestions else None
            yield Input(self._value, placeholder=self._placeholder, suggester=suggester, id="prompt-input")
            yield OptionList(id="prompt-suggestions")
            hint = self._hint or ("↓ choose a suggestion · → completes · " if self._suggestions else "")
            yield Label(hint + "enter confirms · esc cancels")

    def on_mount(self) -> None:
        self._refresh_suggestions(self._value)
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._refresh_suggestions(event.value)

    def _refresh_suggestions(self, typed: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        needle = typed.casefold().strip()
        matches = [s for s in self._suggestions if needle in s.casefold()] if needle else self._suggestions
        # Prefix matches first: what the user types is usually the start of the name.
        matches.sort(key=lambda s: (not s.casefold().startswith(needle), s.casefold()))
        options.add_options([Option(escape(s), id=f"s{i}") for i, s in enumerate(matches[:MAX_SHOWN])])
        self._shown = matches[:MAX_SHOWN]
        options.set_class(not matches, "-empty")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())  # "" (not None): the user cleared it on purpose

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._shown[event.option_index])

    def action_into_list(self) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.focus()
            options.highlighted = 0

    def action_cancel(self) -> None:
        self.dismiss(None)
