"""What keeps a key fast, asserted without timing anything (bench/tui.py measures the times).

A key that moves through articles, quotes, the reader or the sidebar must not
lay the whole screen out again (that doubled the cost of every key, issue 14):
the panes change their content size without a layout (``tui/widgets/steady.py``),
the quote detail has a fixed height, lists keep their scrollbar. And moving to an
article updates the quote detail once, not twice, in the same frame as the list's
cursor; a pane repaints the lines that changed, not all of them.
"""

from __future__ import annotations

import pytest
from test_tui import opened, settled, until
from textual.screen import Screen


@pytest.fixture
def layouts(monkeypatch):
    """How many full-screen layouts ran (a list that grows by one per layout)."""
    done: list[int] = []
    original = Screen._refresh_layout

    def counting(self, *args, **kwargs):
        done.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counting)
    return done


@pytest.fixture
def frames(monkeypatch):
    """For each frame drawn, the widgets that painted lines in it and how many."""
    from collections import Counter

    from textual import _compositor
    from textual.widget import Widget

    from tui.widgets.pane_lines import PaneLines

    done: list[Counter[str]] = []
    current: Counter[str] = Counter()
    render_update = _compositor.Compositor.render_update
    inside: set[int] = set()  # widgets being counted (PaneLines may hand a paint on to Widget's)

    def counting(render_lines):
        def counting_lines(self, crop):
            if id(self) in inside:
                return render_lines(self, crop)
            cache = self._styles_cache
            dirty = sum(1 for y in crop.line_range if cache.is_dirty(y) or y not in cache._cache)
            if dirty:
                current[type(self).__name__] += dirty
            inside.add(id(self))
            try:
                return render_lines(self, crop)
            finally:
                inside.discard(id(self))

        return counting_lines

    def counting_frames(self, *args, **kwargs):
        update = render_update(self, *args, **kwargs)
        if current:
            done.append(Counter(current))
        current.clear()
        return update

    monkeypatch.setattr(Widget, "render_lines", counting(Widget.render_lines))
    monkeypatch.setattr(PaneLines, "render_lines", counting(PaneLines.render_lines))
    monkeypatch.setattr(_compositor.Compositor, "render_update", counting_frames)
    return done


@pytest.mark.parametrize(
    ("focus", "keys"),
    [
        ((), ("j", "k", "j")),  # the article list
        ((), ("right_square_bracket",)),  # next article
        ((), ("J", "J", "J", "K")),  # through the quotes, across articles
        (("tab",), ("j", "j", "k")),  # the reader
        (("b", "b"), ("j", "j", "k")),  # the sidebar (b hides it at 160 columns, b shows it focused)
    ],
)
async def test_moving_never_lays_the_screen_out_again(store_dir, layouts, focus, keys):
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        for key in focus:
            await pilot.press(key)
        await settled(app, pilot)
        screen = app.main

        def where() -> tuple[object, ...]:
            return screen.review.current_row, screen.quotes.cursor, screen.reader.scroll_y, screen.sidebar.highlighted

        before = where()
        layouts.clear()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await settled(app, pilot)
        assert where() != before  # the keys moved something
        assert not layouts


async def test_a_new_article_shows_its_first_quote_once(store_dir, monkeypatch):
    from tui.widgets.quote_detail import QuoteDetail

    shown: list[str | None] = []
    original = QuoteDetail.show

    def counting(self, row, *args, **kwargs) -> None:
        shown.append(row.id if row is not None else None)
        original(self, row, *args, **kwargs)

    monkeypatch.setattr(QuoteDetail, "show", counting)
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        shown.clear()
        await pilot.press("j")
        await settled(app, pilot)
        first = app.main.quotes.current.id
        assert shown == [first]


# A text of one-cell characters beyond ASCII (a pound sign, curly quotes, a dash, accents), and
# one with wide characters, which must keep Rich's cell widths.
ONE_CELL = (
    "The café’s owner said the rent had gone up by £1,200 — “far more than we can pay” — and\n"
    "\n"
    "that she would close in March. A word longer than any line: Llanfairpwllgwyngyllgogerychwyrndrob.\n"
)
WIDE = "The sign read 東京駅 in large letters, and 大阪 under it; nobody could read either of them."


@pytest.mark.parametrize("text", [ONE_CELL, WIDE])
@pytest.mark.parametrize("width", [8, 13, 20, 37, 80])
def test_wrapping_by_length_gives_the_lines_of_wrapping_by_cells(monkeypatch, text, width):
    """The reader wraps a one-cell text by string lengths (fast); the lines are those that
    measuring every word's cells gives."""
    from tui.widgets import text_wrap

    assert text_wrap._single_cell(text) == (text is ONE_CELL)  # the wide one keeps the cell widths
    fast = text_wrap.wrap(text, width)
    monkeypatch.setattr(text_wrap, "_single_cell", lambda _text: False)
    assert fast.lines == text_wrap.wrap(text, width).lines


async def test_a_key_in_the_article_list_shows_the_article_in_the_same_frame(store_dir, frames):
    """The list's cursor and the panes that show its article change in one frame (through a
    message, the list's two lines went out alone and the rest a frame later)."""
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        screen = app.main
        first = screen.review.current_row
        frames.clear()
        await pilot.press("j")
        await settled(app, pilot)
        assert screen.review.current_row != first
        with_list = [f for f in frames if f["ArticleList"]]
        assert with_list and all(f["ArticleReader"] and f["QuoteList"] for f in with_list)
        assert with_list[0]["ArticleList"] == 2  # the two rows the cursor left and reached


async def test_moving_between_quotes_repaints_only_their_lines_in_the_reader(store_dir, frames):
    """From a quote to another one in view: the reader repaints the lines of the two."""
    async with opened(store_dir, size=(160, 120)) as (app, pilot):  # tall: several quotes in view
        await settled(app, pilot)
        screen = app.main
        reader = screen.reader
        top, height = int(reader.scroll_y), reader.scrollable_content_region.height
        in_view = [
            i
            for i, q in enumerate(screen.review.article_quotes)
            if top <= reader._wrapped.line_of(q.start) and reader._wrapped.line_of(q.end - 1) < top + height
        ]
        target = next(i for i in in_view if i != screen.quotes.cursor)
        frames.clear()
        screen.quotes.move_by_user(target)  # as j in the quote list does
        await settled(app, pilot)
        assert reader.focused_quote == screen.review.article_quotes[target].id
        assert int(reader.scroll_y) == top
        painted = sum(f["ArticleReader"] for f in frames)
        assert 0 < painted < height


async def test_a_list_scrolled_by_a_line_paints_one_new_row():
    """Rows are kept once painted: j at the bottom of a list paints the row that comes into
    view and the two the cursor left and reached, not every row again."""
    from rich.text import Text
    from textual.app import App

    from tui.widgets.virtual_list import VirtualList

    painted: list[int] = []

    class Rows(VirtualList):
        def render_row(self, index: int, width: int) -> Text:
            painted.append(index)
            return Text(f"row {index}")

    class Host(App):
        CSS = "Rows { height: 12; }"

        def compose(self):
            yield Rows()

    app = Host()
    async with app.run_test(size=(40, 20)) as pilot:
        rows = app.query_one(Rows)
        rows.set_row_count(200)
        rows.focus()
        await pilot.pause()
        while rows.scroll_y == 0:
            await pilot.press("j")
            await pilot.pause()
        top = int(rows.scroll_y)
        painted.clear()
        await pilot.press("j")
        await pilot.pause()
        assert int(rows.scroll_y) == top + 1
        assert sorted(set(painted)) == [rows.cursor - 1, rows.cursor]  # the new row is the cursor's


def _rows_app(css: str):
    from rich.text import Text
    from textual.app import App

    from tui.widgets.virtual_list import VirtualList

    class Rows(VirtualList):
        def render_row(self, index: int, width: int) -> Text:
            return Text(f"row {index} " + "word " * (index % 7))

    class Host(App):
        CSS = css

        def compose(self):
            yield Rows()

    return Host(), Rows


@pytest.mark.parametrize(
    "css",
    [
        "Rows { height: 12; border: round red; padding: 0 2; border-title-color: yellow; }",
        "Rows { height: 12; border: heavy $accent; padding: 1 1; }",
        "Rows { height: 12; }",  # no border, no padding
        "Rows { height: 12; border: round red; tint: blue 20%; }",  # a tint: Textual paints it
    ],
)
async def test_a_pane_paints_the_lines_textual_would(css):
    """The panes join their content between border edges themselves (``PaneLines``): each line
    is the one Textual's own pipeline gives, border title included, before and after a move."""
    from textual.widget import Widget

    app, rows_type = _rows_app(css)
    async with app.run_test(size=(40, 20)) as pilot:
        rows = app.query_one(rows_type)
        rows.border_title = "Rows"
        rows.set_row_count(50)
        rows.focus()
        for key in ("", "j", "j", "G"):
            if key:
                await pilot.press(key)
            await pilot.pause()
            region = rows.region.size.region
            ours = [strip.render(app.console) for strip in rows.render_lines(region)]
            rows._styles_cache.clear()
            assert ours == [strip.render(app.console) for strip in Widget.render_lines(rows, region)]


async def test_a_scrollbar_repaints_only_the_cells_that_change(frames):
    """Scrolling a long list by a line moves the scrollbar's thumb by a fraction of a cell at
    most: the bar repaints those cells, not its whole height; what it shows is Textual's bar."""
    from tui.widgets.steady import SteadyScrollBar

    app, rows_type = _rows_app("Rows { height: 40; }")
    async with app.run_test(size=(40, 42)) as pilot:
        rows = app.query_one(rows_type)
        rows.set_row_count(500)
        rows.focus()
        await pilot.pause()
        bar = rows.vertical_scrollbar
        assert isinstance(bar, SteadyScrollBar)
        while rows.scroll_y < 3:  # the cursor at the bottom: each j scrolls by a line
            await pilot.press("j")
            await pilot.pause()
        frames.clear()
        for _ in range(5):
            await pilot.press("j")
            await pilot.pause()
        assert int(rows.scroll_y) >= 8
        painted = [f["SteadyScrollBar"] for f in frames]
        assert len(painted) == 5 and sum(painted) <= 5 * 2 < bar.size.height  # Textual's: 40 a key
        region = bar.size.region
        shown = [s.render(app.console) for s in bar.render_lines(region)]
        assert shown == _textual_bar(bar)


def _textual_bar(bar) -> list[str]:
    """The bar's lines as Textual paints them: the whole bar rendered through Rich at once."""
    from textual.widget import Widget

    bar._styles_cache.clear()
    bar._dirty_regions.add(bar.size.region)
    return [Widget.render_line(bar, y).render(bar.app.console) for y in range(bar.size.height)]


async def test_a_scrollbar_paints_each_cell_as_textual_paints_the_whole_bar():
    """The bar paints a line from its one cell (a handful of kinds of cells, each painted once);
    every line is the one Textual's rendering of the whole bar gives, wherever the thumb is."""
    app, rows_type = _rows_app("Rows { height: 30; border: round red; }")
    async with app.run_test(size=(40, 32)) as pilot:
        rows = app.query_one(rows_type)
        rows.set_row_count(300)
        await pilot.pause()
        bar = rows.vertical_scrollbar
        for cursor in [*range(0, 300, 13), 299, 140, 0]:
            rows.move_cursor(cursor)
            await pilot.pause()
            ours = [bar.render_line(y).render(app.console) for y in range(bar.size.height)]
            assert ours == _textual_bar(bar)
        assert len(bar._cell_strips) < 30  # kinds of cells, not lines


async def test_the_help_shows_its_first_rows_before_the_rest_is_put_together(store_dir, monkeypatch):
    """The help's box and first section are on screen while its worker is still putting the
    other sections together; they come in as they are ready."""
    import threading

    from test_tui import screen_text, until

    from tui.screens import help as help_module

    gate = threading.Event()
    sections_given: list[int] = []
    entries = help_module.help_entries

    def held_back(app):
        for i, section in enumerate(entries(app)):
            if i == 1:
                gate.wait(timeout=30)  # the rest waits until the test has looked
            sections_given.append(i)
            yield section

    monkeypatch.setattr(help_module, "help_entries", held_back)
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await pilot.press("question_mark")
        await until(lambda: "What the marks mean" in screen_text(app), pilot=pilot)
        help_screen = app.screen
        assert isinstance(help_screen, help_module.HelpScreen)
        assert not help_screen.filled and sections_given == [0]
        assert "Moving around" not in screen_text(app)  # the next section is not in yet
        gate.set()
        await until(lambda: help_screen.filled, pilot=pilot)
        await pilot.pause()
        assert "Moving around" in screen_text(app)
        assert "Next article" in help_screen.query_one(help_module.HelpLines).text


async def test_a_palette_opens_before_its_names_are_read(store_dir, monkeypatch):
    """``@`` paints its palette at once; the speakers are read in a thread and listed when
    they come (the UI thread never waits for them)."""
    import threading

    from test_tui import until
    from textual.command import CommandList, CommandPalette

    from tui.palette import SpeakerProvider

    gate = threading.Event()
    load = SpeakerProvider.load

    def slow_load(self, main, top):
        gate.wait(timeout=30)
        return load(self, main, top)

    monkeypatch.setattr(SpeakerProvider, "load", slow_load)
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await pilot.press("at")
        await until(lambda: isinstance(app.screen, CommandPalette), pilot=pilot)
        palette = app.screen
        await pilot.pause()
        assert palette.query_one(CommandList).option_count == 0  # open, the names not read yet
        gate.set()
        await until(lambda: palette.query_one(CommandList).option_count > 0, pilot=pilot)


async def test_the_full_palette_lists_the_actions_while_the_names_are_read(store_dir, monkeypatch):
    """ctrl+p lists every action while the speakers and entities are still being read (it
    lists no names before anything is typed, so it has nothing to wait for), and marks itself
    ready; typing a name then finds it once they are read."""
    import threading

    from test_tui import until
    from textual.command import CommandList, CommandPalette

    from tui.palette import EntityProvider, SpeakerProvider

    gate = threading.Event()
    read: list[str] = []  # the names read so far, by kind
    for provider in (SpeakerProvider, EntityProvider):
        monkeypatch.setattr(provider, "load", _held(gate, provider.load, read))
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await pilot.press("ctrl+p")
        await until(lambda: isinstance(app.screen, CommandPalette), pilot=pilot)
        palette = app.screen
        commands = palette.query_one(CommandList)
        await until(lambda: palette.has_class("-ready"), pilot=pilot)
        assert read == []  # ready, the names not read yet
        assert "Help" in {
            str(commands.get_option_at_index(i).prompt).split("\n")[0] for i in range(commands.option_count)
        }
        gate.set()
        speaker = app.main.review.speakers(top=1)[0].name
        await pilot.press(*speaker.split()[-1])
        await until(
            lambda: any(
                str(commands.get_option_at_index(i).prompt).startswith(speaker) for i in range(commands.option_count)
            ),
            pilot=pilot,
        )


def _held(gate, load, read):
    """``load``, held until the test has looked; notes in ``read`` when it has read."""

    def held(self, main, top):
        gate.wait(timeout=30)
        names = load(self, main, top)
        read.append(self.kind)
        return names

    return held


async def open_and_close(app, pilot, key: str) -> None:
    """Open the overlay ``key`` opens, let it paint, and close it with escape."""
    from test_tui import until

    await pilot.press(key)
    await until(lambda: app.screen is not app.main, pilot=pilot)
    await pilot.pause()
    await pilot.press("escape")
    await until(lambda: app.screen is app.main, pilot=pilot)


@pytest.mark.parametrize("key", ["question_mark", "ctrl+p", "at"])
async def test_the_screen_under_an_overlay_is_as_it_was_once_the_overlay_closes(store_dir, key):
    """An overlay keeps its dimmed picture of the screen beneath and that screen's footer is
    not recomposed while covered: once the overlay closes, the screen (footer and focused
    pane included) is what it was before it opened."""
    from test_tui import screen_text

    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        before = screen_text(app)
        await open_and_close(app, pilot, key)
        await settled(app, pilot)
        assert screen_text(app) == before


async def test_an_overlay_dims_again_what_changed_beneath(store_dir):
    """A change under an open overlay (a row of the article list beneath, as a save repaints
    it) reaches the overlay's kept backdrop: it equals a whole new dimming of the screen."""
    from test_tui import until

    from tui.screens.backdrop import SteadyBackdrop

    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        await pilot.press("question_mark")
        await until(lambda: getattr(app.screen, "filled", False), pilot=pilot)
        await pilot.pause()
        overlay = app.screen
        assert isinstance(overlay, SteadyBackdrop) and overlay._backdrop is not None
        before = [strip.text for strip in overlay._backdrop[1]]
        articles = app.main.articles
        articles.added_counts = {int(articles.rows[0]): 70}  # its first row now counts 70 more quotes
        articles._row_strips.clear()
        articles.refresh_line(1)  # under the header line
        await until(lambda: [strip.text for strip in overlay._backdrop[1]] != before, pilot=pilot)
        kept = [strip.render(app.console) for strip in overlay._backdrop[1]]
        overlay._backdrop = SteadyBackdrop._last_dimmed = None  # dimmed anew, not the picture kept
        overlay.refresh()
        await until(lambda: overlay._backdrop is not None, pilot=pilot)
        assert kept == [strip.render(app.console) for strip in overlay._backdrop[1]]


@pytest.fixture
def footer_keys_mounted(monkeypatch):
    """How many footer keys were mounted (a list that grows by one per key)."""
    from textual.widgets._footer import FooterKey

    done: list[str] = []
    monkeypatch.setattr(FooterKey, "on_mount", lambda self: done.append(self.key), raising=False)
    return done


def _footer_text(app) -> str:
    from textual.widgets._footer import FooterKey

    return " ".join(f"{k.key_display} {k.description}" for k in app.main.query(FooterKey))


async def test_the_footer_is_not_rebuilt_by_keys_that_change_nothing_it_shows(store_dir, footer_keys_mounted):
    """Moving in a list, opening and closing overlays: the footer's keys stay the same, so not
    one footer key is mounted again (Textual's footer remounted all of them each time)."""

    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        shown = _footer_text(app)
        footer_keys_mounted.clear()
        for key in ("j", "k", "j", "right_square_bracket", "J"):
            await pilot.press(key)
        for key in ("question_mark", "at", "ctrl+p"):
            await open_and_close(app, pilot, key)
        await settled(app, pilot)
        assert footer_keys_mounted == []
        assert _footer_text(app) == shown


async def test_the_footer_shows_the_keys_of_the_focused_pane(store_dir, footer_keys_mounted):
    """Focus on another pane: the footer shows that pane's keys (relabelled in place when it
    has as many, mounted afresh otherwise), as Textual's own footer composes them."""
    from test_tui import until
    from textual.widgets._footer import FooterKey

    from tui.widgets.steady_footer import SteadyFooter

    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        footer = app.main.query_one(SteadyFooter)
        in_list = _footer_text(app)
        for _ in range(3):
            before = _footer_text(app)
            await pilot.press("tab")
            await until(lambda before=before: _footer_text(app) != before, pilot=pilot)
            await pilot.pause()
            active = app.main.active_bindings
            first_of_action: dict[str, tuple[str, str, bool]] = {}  # Textual shows one key an action
            for _, b, enabled, _ in active.values():
                if b.show:
                    first_of_action.setdefault(b.action, (b.key, b.description, not enabled))
            expected = list(first_of_action.values())
            if app.COMMAND_PALETTE_BINDING in active:
                _, b, enabled, _ = active[app.COMMAND_PALETTE_BINDING]
                expected.append((b.key, b.description, not enabled))
            mounted = [(k.key, k.description, k.has_class("-disabled")) for k in footer.query(FooterKey)]
            assert mounted == expected
        assert _footer_text(app) != in_list


async def test_a_palette_is_not_dimmed_again_as_it_fills(store_dir, monkeypatch):
    """The palette's dimmed picture of the screen beneath is made once: listing the names and
    marking itself ready (a class, so Textual restyles the screen) change nothing beneath."""
    import threading

    from test_tui import until
    from textual.command import CommandList

    from tui.palette import SpeakerProvider
    from tui.screens.backdrop import SteadyBackdrop

    gate = threading.Event()
    monkeypatch.setattr(SpeakerProvider, "load", _held(gate, SpeakerProvider.load, []))
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        await _main_screen_still(app, pilot)  # idle work beneath (prefetch, gender marks) may still repaint it
        await pilot.press("at")
        await until(lambda: getattr(app.screen, "_backdrop", None) is not None, pilot=pilot)
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, SteadyBackdrop) and palette._backdrop is not None
        dimmed = palette._backdrop[1]
        changes_beneath = app.main.changes_shown
        gate.set()
        await until(lambda: palette.has_class("-ready"), pilot=pilot)
        await pilot.pause()
        assert palette.query_one(CommandList).option_count > 0
        assert app.main.changes_shown == changes_beneath  # nothing beneath changed, so …
        assert palette._backdrop is not None and palette._backdrop[1] is dimmed  # … nothing is dimmed again


async def _main_screen_still(app, pilot, frames: int = 5) -> None:
    """Until the main screen has counted no change over ``frames`` consecutive pauses."""
    from test_tui import until

    seen = [app.main.changes_shown, 0]

    def still() -> bool:
        now = app.main.changes_shown
        seen[1] = seen[1] + 1 if now == seen[0] else 0
        seen[0] = now
        return seen[1] >= frames

    await until(still, pilot=pilot)


async def test_a_jump_palette_lists_its_first_names_before_it_has_read_them_all(store_dir, monkeypatch):
    """``@`` lists the speakers with most quotes while the thousands a search looks through
    are still being read; a search finds any of them once they are."""
    import threading

    from test_tui import until
    from textual.command import CommandList, CommandPalette

    from tui import palette as palette_module
    from tui.palette import SpeakerProvider

    gate = threading.Event()
    load = SpeakerProvider.load
    read_all: list[int] = []

    def all_held_back(self, main, top):
        if top == palette_module.MAX_NAMES:
            gate.wait(timeout=30)
            read_all.append(top)
        return load(self, main, top)

    monkeypatch.setattr(SpeakerProvider, "load", all_held_back)
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        everyone = app.main.review.speakers()
        await pilot.press("at")
        await until(lambda: isinstance(app.screen, CommandPalette), pilot=pilot)
        commands = app.screen.query_one(CommandList)
        await until(lambda: commands.option_count > 0, pilot=pilot)
        assert read_all == []
        listed = [str(commands.get_option_at_index(i).prompt).split("\n")[0] for i in range(commands.option_count)]
        assert listed == [s.name for s in everyone[: palette_module.MAX_HITS]]
        gate.set()
        last = everyone[-1].name  # fewest quotes: not listed before a search
        await pilot.press(*last)
        await until(
            lambda: any(
                str(commands.get_option_at_index(i).prompt).startswith(last) for i in range(commands.option_count)
            ),
            pilot=pilot,
        )
        assert read_all == [palette_module.MAX_NAMES]


async def test_j_and_k_in_the_reader_move_a_whole_line_at_once(store_dir):
    """No scroll animation: the reader is on its new line in the key's own frame (an animated
    one-line scroll kept the screen changing over several frames)."""
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await pilot.press("tab")
        await settled(app, pilot)
        reader = app.main.reader
        assert app.focused is reader and reader.max_scroll_y >= 2
        animated: list[str] = []
        animate = app.animator.animate

        def recording(obj, attribute, *args, **kwargs):
            if obj is reader:
                animated.append(attribute)
            return animate(obj, attribute, *args, **kwargs)

        app.animator.animate = recording
        top = reader.scroll_y
        await pilot.press("j")
        assert reader.scroll_y == top + 1
        await pilot.press("j", "k")
        assert reader.scroll_y == top + 1
        assert animated == []


# --- an article-list move: its panes painted ahead, nothing else repainted -----------------------


@pytest.fixture
def painted_in_frames(monkeypatch):
    """The reader lines styled and the quote and sidebar rows drawn while a frame is painted
    (not ahead of it, in idle time): a list that grows by one name per line or row."""
    from tui.widgets.article_reader import ArticleReader
    from tui.widgets.entity_sidebar import EntitySidebar
    from tui.widgets.pane_lines import PaneLines
    from tui.widgets.quote_list import QuoteList

    drawn: list[str] = []
    painting: list[bool] = []
    render_lines = PaneLines.render_lines

    def painting_lines(self, crop):
        painting.append(True)
        try:
            return render_lines(self, crop)
        finally:
            painting.pop()

    def counted(cls, name: str):
        original = getattr(cls, name)

        def counting(self, *args, **kwargs):
            if painting:
                drawn.append(cls.__name__)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(cls, name, counting)

    monkeypatch.setattr(PaneLines, "render_lines", painting_lines)
    counted(ArticleReader, "_style_line")
    counted(QuoteList, "_row_text")
    counted(EntitySidebar, "_row_text")
    return drawn


async def test_the_article_j_goes_to_is_painted_ahead(store_dir, painted_in_frames):
    """Once an article is shown, the one j goes to has its reader lines, quote rows and sidebar
    rows painted in idle time: the frame of j styles and draws none of them."""
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        screen = app.main
        coming = screen.index.article_id(int(screen.articles.rows[screen.articles.cursor + 1]))
        await until_prepared(screen, coming, pilot)
        painted_in_frames.clear()
        await pilot.press("j")
        await settled(app, pilot)
        assert screen.review.current_article.id == coming
        assert screen.reader.article.id == coming
        assert painted_in_frames == []


async def until_prepared(screen, article_id: str, pilot) -> None:
    from test_tui import until

    await until(lambda: screen.reader.keeps(article_id), pilot=pilot)
    await pilot.pause()


async def test_a_move_shows_what_painting_on_the_spot_shows(store_dir, monkeypatch):
    """Panes painted ahead, and kept for a return (k after j), show exactly what painting
    them on the spot shows, key after key."""
    from tui.widgets.article_reader import ArticleReader
    from tui.widgets.virtual_list import VirtualList

    keys = ("j", "k", "j", "right_square_bracket", "k", "J", "k")

    async def screens() -> list[list[str]]:
        shown = []
        async with opened(store_dir, size=(160, 50)) as (app, pilot):
            await settled(app, pilot)
            for key in keys:
                await pilot.press(key)
                await settled(app, pilot)
                shown.append([strip.render(app.console) for strip in app.main._compositor.render_strips()])
        return shown

    ahead = await screens()
    monkeypatch.setattr(ArticleReader, "prepare", lambda *args, **kwargs: False)
    monkeypatch.setattr(ArticleReader, "_keep_shown", lambda *args, **kwargs: None)
    monkeypatch.setattr(VirtualList, "prepare_rows", lambda *args, **kwargs: 0)
    monkeypatch.setattr(VirtualList, "row_key", lambda self, index: None)
    on_the_spot = await screens()
    assert ahead == on_the_spot


async def test_a_move_leaves_the_corpus_sidebar_alone(store_dir, frames):
    """The sidebar listing the corpus does not change with the article: j repaints none of it."""
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await pilot.press("S")  # the sidebar: corpus
        await settled(app, pilot)
        screen = app.main
        assert screen.sidebar.scope == "corpus"
        frames.clear()
        await pilot.press("j")
        await settled(app, pilot)
        assert frames and any(f["ArticleReader"] for f in frames)
        assert not any(f["EntitySidebar"] for f in frames)


@pytest.mark.parametrize("size", [(160, 50), (80, 24)])
async def test_a_frame_sends_the_bytes_textual_sends(store_dir, monkeypatch, size):
    """The main screen's compositor cuts up only the lines and pieces it sends; every frame it
    sends is byte for byte the one Textual's own compositor makes of the same changes."""
    from textual._compositor import Compositor
    from textual._context import active_app

    from tui.widgets.covered_chops import CoveredChops

    frames: list[tuple[str, str]] = []
    ours = CoveredChops.render_partial_update

    def both(self):
        dirty = set(self._dirty_regions)
        update = ours(self)
        self._dirty_regions = dirty
        theirs = Compositor.render_partial_update(self)
        if update is not None and theirs is not None:
            console = active_app.get().console
            frames.append((update.render_segments(console), theirs.render_segments(console)))
        return update

    monkeypatch.setattr(CoveredChops, "render_partial_update", both)
    async with opened(store_dir, size=size) as (app, pilot):
        await settled(app, pilot)
        assert isinstance(app.main._compositor, CoveredChops)
        frames.clear()
        for key in ("j", "k", "J", "tab", "j", "j", "b", "b", "j", "escape", "right_square_bracket"):
            await pilot.press(key)
            await settled(app, pilot)
        assert len(frames) >= 8
        for sent, textual in frames:
            assert sent == textual


async def test_the_young_generations_are_collected_once_a_keys_frame_is_out(store_dir):
    """Python's own rhythm collected the young generations every 700 new objects: a middle
    collection (some 5 ms on 10,000 articles) at two keys in three. The screen raises that
    threshold above what a key makes and collects them itself once the key's frame is out and
    the neighbours are painted ahead: after a key they are empty again, and that was a young
    collection, not a full one."""
    import gc

    seen: list[int] = []

    def collected(phase: str, info: dict) -> None:
        if phase == "start":
            seen.append(info["generation"])

    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        screen = app.main
        assert gc.get_threshold()[0] >= screen.YOUNG_THRESHOLD
        gc.callbacks.append(collected)
        try:
            await pilot.press("j")
            await until(lambda: 1 in seen, pilot=pilot)
        finally:
            gc.callbacks.remove(collected)
        assert 2 not in seen
        assert screen.review.current_article.id == screen.index.article_id(screen.articles.current_row)


async def test_full_collections_wait_for_a_pause_in_the_keys(store_dir):
    """Once the corpus is shown, what is alive is frozen and Python no longer runs full
    collections on its own (one walked the heap for 100-240 ms at a random key): the screen
    runs them when due and a second has passed without a key. Closed, the collector is as it was."""
    import gc

    before = gc.get_threshold()
    full: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    gc.callbacks.append(seen)
    try:
        async with opened(store_dir, size=(160, 50)) as (app, pilot):
            await settled(app, pilot)
            screen = app.main
            assert gc.get_freeze_count() > 0
            assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] > 10_000
            screen.FULL_COLLECTION_DUE = 0  # due now
            await pilot.press("j")  # a key a moment ago
            full.clear()
            screen._collect_when_idle()
            assert not full
            screen._last_key_at -= screen.FULL_COLLECTION_IDLE  # the key was handled a second ago
            app.last_input_at -= screen.FULL_COLLECTION_IDLE  # and arrived then
            screen._collect_when_idle()
            assert full
    finally:
        gc.callbacks.remove(seen)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


async def test_showing_an_article_looks_at_the_annotations_file_once(store_dir, monkeypatch):
    """Every pane of an article shown reads the annotations as one picture: the store looks at
    its file once (it looked seven times: the quotes' annotations, their problems, the people)."""
    from store.safe_storage import SafeJSONStorage

    looks: list[int] = []
    freshness = SafeJSONStorage._freshness

    def counting(self):
        looks.append(1)
        return freshness(self)

    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        monkeypatch.setattr(SafeJSONStorage, "_freshness", counting)
        app.main.show_article(int(app.main.articles.rows[1]))
        assert len(looks) == 1


async def test_an_annotation_written_by_another_process_shows_on_the_next_article_shown(store_dir):
    """The CLI (another process, another store on the same file) accepts the first quote of the
    article the app shows; the app shows it accepted once that article is shown again."""
    from test_tui import on_disk

    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        screen = app.main
        first = screen.article_quotes[0]
        assert first.status != "accepted"
        on_disk(store_dir).set_status(first.quote, "accepted")
        await pilot.press("j")
        await settled(app, pilot)
        await pilot.press("k")
        await settled(app, pilot)
        assert screen.article_quotes[0].id == first.id
        assert screen.article_quotes[0].status == "accepted"
        assert screen.quotes.quote_at(0).status == "accepted"


async def test_the_sidebar_shows_the_rows_its_neighbour_was_prepared_with_built_once(store_dir, monkeypatch):
    """The sidebar rows painted ahead for the next article are the ones j shows: they are built
    once, when prepared, and the sidebar then shows what building them anew would show."""
    from tui.widgets.entity_sidebar import EntitySidebar

    built: list[int] = []
    article_rows = EntitySidebar._article_rows

    def counting(self, *args, **kwargs):
        built.append(1)
        return article_rows(self, *args, **kwargs)

    monkeypatch.setattr(EntitySidebar, "_article_rows", counting)
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        screen = app.main
        target = int(screen.articles.rows[screen.articles.cursor + 1])
        await until(lambda: screen.reader.keeps(screen.index.article_id(target)), pilot=pilot)  # painted ahead
        built.clear()
        await pilot.press("j")
        await settled(app, pilot)
        assert screen.review.current_row == target
        assert built == []  # shown with the rows built when it was prepared
        shown = [screen.sidebar.get_option_at_index(i) for i in range(screen.sidebar.option_count)]
        fresh = EntitySidebar._unique(screen.sidebar._article_rows(*_sidebar_arguments(screen)))
        assert shown == fresh


def _sidebar_arguments(screen):
    """What the main screen gives the sidebar for the article it shows (entities, speakers,
    gender marks, people)."""
    from store.people import gender_marks

    analysis = screen.review.analysis(screen.current_article.id)
    overrides = screen.review.read(lambda store: store.person_overrides(), None)
    people = screen.review.people_as_listed(screen.current_article.id, analysis.people)
    return analysis.entities, screen.review.article_speakers(), gender_marks(analysis.people, overrides), people
