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

from tui.screens.backdrop import SteadyBackdrop

MAX_SHOWN = 200
AS_TYPED = "as-typed"  # the option id of the row that keeps the typed text as it is


def rank_suggestions(suggestions: list[str], typed: str) -> list[str]:
    """The suggestions that contain ``typed`` (case-insensitively): the exact match first,
    then those starting with it, then the rest, each group in the caller's order (the
    likeliest first, and the first prefix match is also what the input completes in grey)."""
    needle = typed.casefold().strip()
    if not needle:
        return list(suggestions)
    matches = [s for s in suggestions if needle in s.casefold()]
    return sorted(matches, key=lambda s: (s.casefold() != needle, not s.casefold().startswith(needle)))


class PromptScreen(ModalScreen[str | None], SteadyBackdrop):
    """Ask for a value; suggestions are listed below and completed inline.

    As soon as something is typed, the best suggestion is highlighted and Enter
    takes it (``t p ⏎`` tags the "policy" listed, not "p"); ↓/↑ move the
    highlight while typing goes on. Unless ``choose_only`` (a filter: only a
    known name finds anything), the first row keeps the text as typed, for a
    new tag or a name nobody suggested: ↑ onto it, then Enter. With nothing
    typed (or nothing matching) Enter takes the typed text ("" when empty).
    Escape returns None.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="prompt_cancel"),
        Binding("down", "move(1)", "Next suggestion", show=False, id="prompt_down"),
        Binding("up", "move(-1)", "Previous suggestion", show=False, id="prompt_up"),
    ]
    DEFAULT_CSS = """
    PromptScreen { align: center middle; }
    PromptScreen > Vertical {
        width: 70%; max-width: 90; min-width: 40; height: auto; max-height: 80%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    PromptScreen Label { color: $text-muted; width: 100%; }
    PromptScreen OptionList { height: auto; max-height: 12; border: none; background: $panel; }
    PromptScreen OptionList > .option-list--option-highlighted { background: $block-cursor-background; }
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
        new_label: str = "as typed",
    ) -> None:
        super().__init__()
        self._title = title
        self._value = value
        self._suggestions = list(dict.fromkeys(s for s in (suggestions or []) if s))
        self._placeholder = placeholder
        self._hint = hint
        self._choose_only = choose_only
        self._new_label = new_label  # what the as-typed row says it is ("new tag")
        self._shown: list[str] = []  # the value of each listed row, in order

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self._title
            suggester = SuggestFromList(self._suggestions, case_sensitive=False) if self._suggestions else None
            yield Input(self._value, placeholder=self._placeholder, suggester=suggester, id="prompt-input")
            options = OptionList(id="prompt-suggestions")
            options.can_focus = False  # typing stays in the input; ↑/↓ move the highlight from there
            yield options
            hint = self._hint
            hint += "↑↓ choose · enter takes the highlighted · " if self._suggestions else "enter confirms · "
            yield Label(hint + "esc cancels", id="prompt-hint")

    def on_mount(self) -> None:
        # The caller's value is kept on Enter unless it is one of the suggestions.
        self._refresh_suggestions(self._value, typed=False)
        self.query_one(Input).focus()

    def type_ahead(self, character: str) -> None:
        """Type ``character`` into the input: a key pressed right after the one that opened
        the prompt (``t p``) is still on its way through the screen below when this one
        opens; the app hands it here instead of losing it."""
        field = self.query_one(Input)
        field.focus()
        field.insert_text_at_cursor(character)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._refresh_suggestions(event.value, typed=event.value != self._value)

    def _refresh_suggestions(self, text: str, typed: bool) -> None:
        options = self.query_one(OptionList)
        matches = rank_suggestions(self._suggestions, text)[:MAX_SHOWN]
        value = text.strip()
        exact = bool(matches) and matches[0].casefold() == value.casefold()
        rows: list[Option] = []
        self._shown = []
        if value and not exact and not self._choose_only and self._suggestions:
            rows.append(Option(f"[i]“{escape(value)}”[/] [dim]{escape(self._new_label)}[/]", id=AS_TYPED))
            self._shown.append(value)
        rows += [Option(escape(s), id=f"s{i}") for i, s in enumerate(matches)]
        self._shown += matches
        options.set_options(rows)
        options.set_class(not rows, "-empty")
        if not value or not rows:
            return  # nothing typed: Enter takes the input as it is
        if exact or (typed and matches) or self._choose_only:
            options.highlighted = rows.index(next(r for r in rows if r.id != AS_TYPED))
        else:
            options.highlighted = 0  # the caller's value, as it is

    @property
    def highlighted_value(self) -> str | None:
        """What Enter takes now from the list (None: the input's text)."""
        index = self.query_one(OptionList).highlighted
        return self._shown[index] if index is not None and index < len(self._shown) else None

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        chosen = self.highlighted_value
        self.dismiss(chosen if chosen is not None else event.value.strip())  # "": cleared on purpose

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:  # a click on a row
        self.dismiss(self._shown[event.option_index])

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if not options.option_count:
            return
        if options.highlighted is None:
            options.highlighted = 0
        else:
            options.highlighted = max(0, min(options.option_count - 1, options.highlighted + step))

    def action_cancel(self) -> None:
        self.dismiss(None)
