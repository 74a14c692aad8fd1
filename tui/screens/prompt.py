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
    (down arrow), else the typed text ("" when empty). With ``choose_only`` (a
    filter: only a known name finds anything) Enter takes the completion shown
    in grey when the typed text is not itself one of the suggestions. Escape
    returns None.
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

    def __init__(
        self,
        title: str,
        value: str = "",
        suggestions: list[str] | None = None,
        placeholder: str = "",
        hint: str = "",
        choose_only: bool = False,
    ) -> None:
        super().__init__()
        self._title = title
        self._value = value
        self._suggestions = list(dict.fromkeys(s for s in (suggestions or []) if s))
        self._placeholder = placeholder
        self._hint = hint
        self._choose_only = choose_only

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self._title
            suggester = SuggestFromList(self._suggestions, case_sensitive=False) if self._suggestions else None
            yield Input(self._value, placeholder=self._placeholder, suggester=suggester, id="prompt-input")
            yield OptionList(id="prompt-suggestions")
            hint = self._hint
            if self._suggestions:
                hint += "↓ choose a suggestion · → completes · " + (
                    "enter takes the completion · " if self._choose_only else ""
                )
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
        matches = [s for s in self._suggestions if needle in s.casefold()] if needle else list(self._suggestions)
        if needle:
            # Prefix matches first: what the user types is usually the start of the name.
            # (Nothing typed: the caller's order stands — the likeliest first, not A to Z.)
            matches.sort(key=lambda s: (not s.casefold().startswith(needle), s.casefold()))
        options.add_options([Option(escape(s), id=f"s{i}") for i, s in enumerate(matches[:MAX_SHOWN])])
        self._shown = matches[:MAX_SHOWN]
        options.set_class(not matches, "-empty")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()  # "" (not None): the user cleared it on purpose
        if self._choose_only and value:
            value = self._completion(value)
        self.dismiss(value)

    def _completion(self, typed: str) -> str:
        """``typed`` when it is a suggestion, else what the input completes it to (the first
        suggestion starting with it, as the grey text shows), else the first listed match."""
        folded = typed.casefold()
        if any(s.casefold() == folded for s in self._suggestions):
            return typed
        prefixed = next((s for s in self._suggestions if s.casefold().startswith(folded)), None)
        return prefixed or (self._shown[0] if self._shown else typed)

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
