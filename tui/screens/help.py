"""The help screen (``?``): every key, generated from the bindings.

Keys are looked up through the app's keymap, so a remapped key shows as the
user set it. ``keys_markdown()`` renders the same table for docs/keys.md
(``python -m tui.screens.help > docs/keys.md``).

The screen paints its box at once and fills it a section at a time from a worker
(``HelpLines`` lays out and paints only the lines on screen): built as Rich tables in
Statics, the help took a third of a second of the UI thread before anything showed.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.events import ScreenResume, ScreenSuspend
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from tui.screens.backdrop import SteadyBackdrop
from tui.widgets.pane_lines import PaneLines
from tui.widgets.steady import SteadyScrolling

if TYPE_CHECKING:
    from tui.app import QuotelensApp
    from tui.screens.ahead import Wait

# Every mark a row can show, in the order of the columns (quotes, then articles, then the sidebar).
LEGEND = [
    ("✓ column", "review status: · unreviewed, ✓ accepted, ✗ rejected"),
    (
        "K column",
        "kind: D direct (in quotation marks), I indirect (reported), M mixed (partly quoted), "
        "F floating (a quotation with no cue: the previous quote's speaker goes on)",
    ),
    ("+ after the kind", "a quote you added (v in the reader)"),
    ("↳ after the kind", 'a report inside the quote above it ("Ruiz said Baker told her …"): two quotes, two speakers'),
    ("● before a row", "a change not saved (the store refused it); ctrl+s retries"),
    ("… before a row", "a change being saved"),
    ("#tag  ✎", "the quote's tags; ✎: it has a note (shown under the list)"),
    ("Q (article list)", "the article's number of quotes; ▲ ▼ mark the sort column (o, O)"),
    ("12q (sidebar)", "the speaker's quotes; a bare number counts an entity's mentions (article) or articles (corpus)"),
    (
        "♀ ♂ ? ⚧ (sidebar)",
        "a person's gender as the articles present them: female, male, unknown, or a label you gave "
        "(f/m/g on the dashboard, d)",
    ),
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
        "greater_than_sign": ">",
        "less_than_sign": "<",
        "number_sign": "#",
        "space": "space",
        "escape": "esc",
        "enter": "enter",
        "pagedown": "pgdn",
        "pageup": "pgup",
        "shift+tab": "shift+tab",
    }
    return names.get(key, key)


def _quotelens_app(app: App) -> QuotelensApp | None:
    from tui.app import QuotelensApp  # at call time: tui.app imports this module

    return app if isinstance(app, QuotelensApp) else None


def key_label(app: App | None, binding: Binding) -> str:
    """The key(s) bound now: the keymap's if the user remapped this binding id."""
    keys = binding.key
    keymap = app._keymap if app is not None else {}  # Textual keeps the keymap private; no public getter
    if binding.id and binding.id in keymap:
        keys = keymap[binding.id]
    return " ".join(_display_key(k.strip()) for k in keys.split(","))


# The help's columns: a key, what it does (wrapped), the binding id to remap it.
KEY_WIDTH = 18
ID_WIDTH = 22


@dataclass(frozen=True, slots=True)
class HelpEntry:
    """One entry of the help: a section title (``kind`` "title"), a blank line between
    sections ("gap"), a line of prose ("prose"), a mark and its meaning ("mark"), or a
    key, its description and binding id ("key")."""

    kind: str
    first: str = ""
    second: str = ""
    binding_id: str = ""


def help_entries(app: App | None) -> Iterator[list[HelpEntry]]:
    """The help's entries, a section at a time (``HelpScreen`` shows each as it comes)."""
    quotelens = _quotelens_app(app) if app is not None else None
    path = quotelens.config_path_label if quotelens is not None else "config.toml"
    yield [
        HelpEntry("prose", f'Config: {path} — e.g. [keymap] accept = "y" · quick_tags = ["economy", "health"]'),
        HelpEntry("gap"),
        HelpEntry("title", "What the marks mean"),
        *(HelpEntry("mark", mark, meaning) for mark, meaning in LEGEND),
    ]
    tags = quotelens.main.quick_tags if quotelens is not None and quotelens.main is not None else []
    for title, bindings in sections():
        yield [
            HelpEntry("gap"),
            HelpEntry("title", title),
            *(
                HelpEntry("key", key, description, binding_id)
                for key, description, binding_id in rows(app, bindings, tags)
            ),
        ]


def rows(app: App | None, bindings: list[Binding], quick_tags: list[str]) -> list[tuple[str, str, str]]:
    """(keys, description, binding id) of each binding, as the help lists them."""
    return [(key_label(app, b), describe(b, quick_tags), b.id or "") for b in bindings]


def describe(binding: Binding, quick_tags: list[str]) -> str:
    """The binding's description; quick tags also name the tag they toggle."""
    binding_id = binding.id or ""
    if binding_id.startswith("quick_tag_"):
        number = int(binding_id.rsplit("_", 1)[1])
        if number <= len(quick_tags):
            return f"{binding.description}: toggle #{quick_tags[number - 1]}"
        return f"{binding.description} (unset)"
    return binding.description


# A one-character mark and the word after it ("F floating", "✓ accepted") stay on one line.
_MARK_AND_WORD = re.compile(r"(?<!\S)(\S) (?=\w)")


def _wrap(text: str, width: int) -> list[str]:
    kept = _MARK_AND_WORD.sub("\\1\u00a0", text)
    lines = textwrap.wrap(kept, max(1, width), break_long_words=True, break_on_hyphens=False) or [""]
    return [line.replace("\u00a0", " ") for line in lines]


class HelpLines(ScrollView, SteadyScrolling, PaneLines, can_focus=True):
    """The help's lines, painted as they are shown: the entries come in sections (``add``)
    and are wrapped to the width here, so the first ones are on screen while the rest are
    still being put together."""

    COMPONENT_CLASSES = {"help-lines--title", "help-lines--key", "help-lines--id"}
    DEFAULT_CSS = """
    HelpLines { overflow-x: hidden; overflow-y: scroll; scrollbar-size-vertical: 1; }
    HelpLines > .help-lines--title { text-style: bold; }
    HelpLines > .help-lines--key { text-style: bold; }
    HelpLines > .help-lines--id { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[HelpEntry] = []
        self._lines: list[Text] = []
        self._width = 0
        self._styles: dict[str, Style] = {}

    def add(self, entries: list[HelpEntry]) -> None:
        """Show ``entries`` after the ones already there (only the new lines are painted)."""
        self.entries += entries
        first = len(self._lines)
        if self._width:
            self._lines += self._lay_out(entries, self._width)
        self.set_virtual_height(len(self._lines))
        top = int(self.scroll_y)
        height = self.scrollable_content_region.height
        if first < top + height:
            self.refresh(Region(0, max(0, first - top), self.size.width, height))

    def show(self, entries: list[HelpEntry]) -> None:
        """Show ``entries`` instead of the ones there; nothing is painted if they are the same
        (the help opened again with the same keys and quick tags)."""
        if entries == self.entries:
            return
        self.entries = list(entries)
        if self._width:
            self._lines = self._lay_out(self.entries, self._width)
        self.set_virtual_height(len(self._lines))
        self.refresh()

    @property
    def text(self) -> str:
        """The lines as plain text (tests read it)."""
        return "\n".join(line.plain for line in self._lines)

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name)
        return style

    def _lay_out(self, entries: list[HelpEntry], width: int) -> list[Text]:
        lines: list[Text] = []
        # " key  description  id": the keys indented under their section's title
        action_width = width - KEY_WIDTH - ID_WIDTH - 3
        with_ids = action_width >= 16  # else the id column gives its room to the description
        if not with_ids:
            action_width = width - KEY_WIDTH - 2
        for entry in entries:
            if entry.kind == "gap":
                lines.append(Text(""))
            elif entry.kind == "title":
                lines.append(Text(entry.first, self._style("help-lines--title")))
            elif entry.kind == "prose":
                lines += [Text(part, self._style("help-lines--id")) for part in _wrap(entry.first, width)]
            else:
                parts = _wrap(entry.second, width - KEY_WIDTH - 2 if entry.kind == "mark" else action_width)
                for i, part in enumerate(parts):
                    line = Text(no_wrap=True, overflow="ellipsis")
                    key = entry.first if i == 0 else ""
                    line.append(" " + key[:KEY_WIDTH].ljust(KEY_WIDTH) + " ", self._style("help-lines--key"))
                    if entry.kind == "key" and with_ids:
                        line.append(part.ljust(action_width) + " ")
                        if i == 0:
                            line.append(entry.binding_id, self._style("help-lines--id"))
                    else:
                        line.append(part)
                    lines.append(line)
        return lines

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width and width != self._width:
            self._width = width
            self._lines = self._lay_out(self.entries, width)
            self.set_virtual_height(len(self._lines))
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        if self._width:
            self._lines = self._lay_out(self.entries, self._width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        text = self._lines[index].copy()
        text.truncate(width, overflow="ellipsis", pad=True)
        segments = [Segment(s.text, base + s.style if s.style else base) for s in text.render(self.app.console)]
        return Strip(segments, width)

    def action_scroll(self, step: int) -> None:
        self.scroll_relative(y=step * 3, animate=False)


class HelpScreen(ModalScreen[None], SteadyBackdrop):
    """Every key, by section, with the binding id to remap it. The box is painted at once and
    the keys fill it a section at a time, put together in a worker (``help_entries``)."""

    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help_close"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help_down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help_up"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > HelpLines {
        width: 90%; max-width: 110; height: 90%; border: round $accent; background: $panel; padding: 0 1;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.filled = False  # every section is shown (tests wait on this)
        self._opened_before = False

    def compose(self) -> ComposeResult:
        lines = HelpLines()
        lines.border_title = "Keys"
        lines.border_subtitle = "esc closes · remap in the \\[keymap] table of your config"
        yield lines

    def on_mount(self) -> None:
        self._fill()

    def make_ahead(self) -> None:
        # Made ahead (``tui.screens.ahead``): it fills as it mounts, and its first opening
        # goes as an opening again (the entries put together afresh, repainted if they changed).
        self._opened_before = True

    async def fill_ahead(self) -> AsyncIterator[Wait]:
        yield lambda: self.filled

    @on(ScreenResume)
    def _start_when_opened(self) -> None:
        # Kept (``tui.screens.kept``): the first opening fills the help as it mounts; an
        # opening again puts the entries together afresh (the keymap is the same, the quick
        # tags may not be) and repaints only if they changed.
        if self._opened_before:
            self.filled = False
            self.call_after_refresh(self._fill_again)  # after the first paint, not competing with it
        self._opened_before = True

    @on(ScreenSuspend)
    def _reset_when_closed(self) -> None:
        self.workers.cancel_group(self, "help")
        self.query_one(HelpLines).scroll_to(0, 0, animate=False)  # it opens again at the top

    @work(thread=True, exclusive=True, group="help", name="help")
    def _fill(self) -> None:
        worker = get_current_worker()
        for entries in help_entries(self.app):
            if worker.is_cancelled:
                return
            self.app.call_from_thread(self.query_one(HelpLines).add, entries)
        self.app.call_from_thread(setattr, self, "filled", True)

    @work(thread=True, exclusive=True, group="help", name="help again")
    def _fill_again(self) -> None:
        entries = [entry for section in help_entries(self.app) for entry in section]
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self.query_one(HelpLines).show, entries)
        self.app.call_from_thread(setattr, self, "filled", True)

    def rows(self, bindings: list[Binding]) -> list[tuple[str, str, str]]:
        """(keys, description, binding id) of each binding, as the help lists them."""
        app = _quotelens_app(self.app)
        tags = app.main.quick_tags if app is not None and app.main is not None else []
        return rows(self.app, bindings, tags)

    def action_scroll(self, step: int) -> None:
        self.query_one(HelpLines).action_scroll(step)


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
