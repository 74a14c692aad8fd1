"""The help screen (``?``): every key, generated from the bindings.

Keys are looked up through the app's keymap, so a remapped key shows as the
user set it. ``keys_markdown()`` renders the same table for docs/keys.md
(``python -m tui.screens.help > docs/keys.md``).
"""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

# Every mark a row can show, in the order of the columns (quotes, then articles, then the sidebar).
LEGEND = [
    ("✓ column", "review status: · unreviewed, ✓ accepted, ✗ rejected"),
    (
        "K column",
        "kind: D direct (in quotation marks), I indirect (reported), M mixed (partly quoted), "
        "F floating (a quotation with no cue: the previous quote's speaker goes on)",
    ),
    ("+ after the kind", "a quote you added (v in the reader)"),
    ("● before a row", "a change not saved (the store refused it); ctrl+s retries"),
    ("… before a row", "a change being saved"),
    ("#tag  ✎", "the quote's tags; ✎: it has a note (shown under the list)"),
    ("Q (article list)", "the article's number of quotes; ▲ ▼ mark the sort column (o, O)"),
    ("12q (sidebar)", "the speaker's quotes; a bare number counts an entity's mentions (article) or articles (corpus)"),
]


def sections() -> list[tuple[str, list[Binding]]]:
    """(section title, bindings) for every key of the app, in the order the help shows them."""
    from tui.app import APP_BINDINGS
    from tui.bindings import SECTIONS
    from tui.widgets.article_reader import ArticleReader
    from tui.widgets.entity_sidebar import EntitySidebar
    from tui.widgets.virtual_list import VirtualList

    reader = [b for b in ArticleReader.BINDINGS if isinstance(b, Binding)]
    return [
        *SECTIONS,
        ("In the article and quote lists", [b for b in VirtualList.BINDINGS if isinstance(b, Binding)]),
        (
            "In the entity sidebar (also arrows, enter filters)",
            [b for b in EntitySidebar.BINDINGS if isinstance(b, Binding)],
        ),
        ("In the reader", [b for b in reader if not (b.id or "").startswith("select_")]),
        ("Selecting a missed quote in the reader (after v)", [b for b in reader if (b.id or "").startswith("select_")]),
        ("App", [*APP_BINDINGS, Binding("ctrl+p", "command_palette", "Command palette", id="command_palette")]),
    ]


def binding_scopes() -> tuple[list[tuple[str, str, str]], list[tuple[str, list[tuple[str, str, str]]]]]:
    """The bindings active everywhere, and those of each pane (which win while it has the
    focus), as (id, description, keys): what ``keymap_conflicts`` checks a keymap against."""
    from tui.app import APP_BINDINGS
    from tui.bindings import SECTIONS

    def plain(bindings: list[Binding]) -> list[tuple[str, str, str]]:
        return [(b.id, b.description, b.key) for b in bindings if b.id]

    everywhere = plain([*APP_BINDINGS, *[b for _, bindings in SECTIONS for b in bindings]])
    pane_names = ["in the article and quote lists", "in the entity sidebar", "in the reader", "while selecting a quote"]
    panes = [
        (name, plain(bindings)) for name, (_, bindings) in zip(pane_names, sections()[len(SECTIONS) : -1], strict=True)
    ]
    return everywhere, panes


def _display_key(key: str) -> str:
    names = {
        "question_mark": "?",
        "slash": "/",
        "at": "@",
        "right_square_bracket": "]",
        "left_square_bracket": "[",
        "dollar_sign": "$",
        "number_sign": "#",
        "space": "space",
        "escape": "esc",
        "enter": "enter",
        "pagedown": "pgdn",
        "pageup": "pgup",
        "shift+tab": "shift+tab",
    }
    return names.get(key, key)


def key_label(app: Any | None, binding: Binding) -> str:
    """The key(s) bound now: the keymap's if the user remapped this binding id."""
    keys = binding.key
    keymap = getattr(app, "_keymap", {}) if app is not None else {}
    if binding.id and binding.id in keymap:
        keys = keymap[binding.id]
    return " ".join(_display_key(k.strip()) for k in keys.split(","))


class HelpScreen(ModalScreen[None]):
    """Every key, by section, with the binding id to remap it."""

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help_close"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help_down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help_up"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 110; height: 90%; border: round $accent; background: $panel; padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = "Keys"
            box.border_subtitle = "esc closes · remap in the \\[keymap] table of your config"
            yield Static(self._intro(), markup=True)
            yield Static(self._legend(), id="help-legend")
            for title, bindings in sections():
                table = Table(
                    title=title,
                    title_justify="left",
                    title_style="bold",
                    box=None,
                    expand=True,
                    show_header=False,
                    padding=(0, 1),
                )
                table.add_column("key", style="bold", width=18, no_wrap=True)
                table.add_column("action", ratio=1)
                table.add_column("id", style="dim", width=22, no_wrap=True)
                for key, description, binding_id in self.rows(bindings):
                    table.add_row(escape(key), escape(description), binding_id)
                yield Static(table)

    def rows(self, bindings: list[Binding]) -> list[tuple[str, str, str]]:
        """(keys, description, binding id) of each binding, as the help lists them."""
        return [(key_label(self.app, b), self._describe(b), b.id or "") for b in bindings]

    def _describe(self, binding: Binding) -> str:
        """The binding's description; quick tags also name the tag they toggle."""
        binding_id = binding.id or ""
        if binding_id.startswith("quick_tag_"):
            number = int(binding_id.rsplit("_", 1)[1])
            tags = getattr(getattr(self.app, "main", None), "quick_tags", []) or []
            if number <= len(tags):
                return f"{binding.description}: toggle #{tags[number - 1]}"
            return f"{binding.description} (unset)"
        return binding.description

    def _legend(self) -> Table:
        """What each mark in a row means (the quote list, the article list, the sidebar)."""
        table = Table(
            title="What the marks mean",
            title_justify="left",
            title_style="bold",
            box=None,
            expand=True,
            show_header=False,
            padding=(0, 1),
        )
        table.add_column("mark", style="bold", width=18, no_wrap=True)
        table.add_column("meaning", ratio=1)
        for mark, meaning in LEGEND:
            table.add_row(mark, meaning)
        return table

    def _intro(self) -> str:
        path = getattr(self.app, "config_path_label", "config.toml")
        return (
            f'[dim]Config: {escape(path)} — e.g. [b]\\[keymap][/b] accept = "y" · '
            '[b]quick_tags[/b] = \\["economy", "health"][/]\n'
        )

    def action_scroll(self, step: int) -> None:
        box = self.query_one(VerticalScroll)
        box.scroll_relative(y=step * 3, animate=False)


def keys_markdown() -> str:
    """The key table for docs/keys.md and the README (default keys)."""
    lines = [
        "# Keys",
        "",
        "Every key of `quotelens` (the terminal app). Remap any of them by its id in the `[keymap]` table of "
        "the config file (`$QUOTELENS_CONFIG`, else `config.toml` in the user config directory, e.g. "
        "`~/.config/quotelens/config.toml`):",
        "",
        "```toml",
        'theme = "ansi-dark"   # optional: the terminal\'s own colours (ansi-light too); or textual-light, nord, …',
        'quick_tags = ["economy", "health", "follow-up"]   # keys 1-9',
        "",
        "[keymap]",
        'accept = "y"',
        'reject = "n,x"',
        "```",
        "",
        "A bad config file never stops the app: it says which file and line is wrong and carries on. "
        "`D` switches between light and dark; `ctrl+p` → *Theme* lists every theme.",
        "",
    ]
    for title, bindings in sections():
        lines += [f"## {title}", "", "| Key | Action | Id |", "|---|---|---|"]
        for binding in bindings:
            key = key_label(None, binding).replace("|", "\\|")
            lines.append(f"| `{key}` | {binding.description} | `{binding.id}` |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(keys_markdown())
