"""Overlays (help, palettes) made once and kept, painted at once, filled as their content comes.

What a user notices, asserted without timing anything (bench/tui.py times it): an
overlay opened again is the screen it was (so it costs a repaint, not a new
screen), it opens as a new one would (empty input, the listing anew, the help's
top, the current theme and quick tags), closing it repaints the screen beneath
once and lays nothing out, a palette opened again lists the rows it rendered
before and a choice runs what the new listing says, the thousands of names are
read once the listing is shown, and the dimmed backdrop is Textual's own.
"""

from __future__ import annotations

import pytest
from test_tui import opened, screen_text, settled, until
from textual.command import CommandInput, CommandList, CommandPalette
from textual.screen import Screen


async def _open(app, pilot, key: str) -> Screen:
    await pilot.press(key)
    await until(lambda: app.screen is not app.main, pilot=pilot)
    await pilot.pause()
    return app.screen


async def _close(app, pilot) -> None:
    await pilot.press("escape")
    await until(lambda: app.screen is app.main, pilot=pilot)
    await pilot.pause()


def _listed(palette: Screen) -> list[str]:
    commands = palette.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt).split("\n")[0] for i in range(commands.option_count)]


async def _listing(app, pilot, palette: Screen) -> list[str]:
    """The palette's rows once its listing is shown."""
    await until(lambda: palette._list_visible and palette.query_one(CommandList).option_count > 0, pilot=pilot)
    return _listed(palette)


@pytest.mark.parametrize("key", ["question_mark", "ctrl+p", "at", "E", "p"])
async def test_an_overlay_opened_again_is_the_same_screen(store_dir, key):
    """Closing keeps the overlay (installed, mounted): opening it again pushes that screen."""
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        first = await _open(app, pilot, key)
        await _close(app, pilot)
        assert first.is_attached  # not removed
        again = await _open(app, pilot, key)
        assert again is first


@pytest.fixture
def main_layouts_and_repaints(monkeypatch):
    """The main screen's layouts and full repaints (lists that grow by one each)."""
    from textual import _compositor

    from tui.screens.main import MainScreen

    layouts: list[int] = []
    repaints: list[int] = []
    refresh_layout = MainScreen._refresh_layout
    render_full_update = _compositor.Compositor.render_full_update

    def counting_layout(self, *args, **kwargs):
        layouts.append(1)
        return refresh_layout(self, *args, **kwargs)

    def counting_repaint(self, *args, **kwargs):
        if isinstance(self.root, MainScreen):
            repaints.append(1)
        return render_full_update(self, *args, **kwargs)

    monkeypatch.setattr(MainScreen, "_refresh_layout", counting_layout)
    monkeypatch.setattr(_compositor.Compositor, "render_full_update", counting_repaint)
    return layouts, repaints


@pytest.mark.parametrize("key", ["question_mark", "ctrl+p", "at"])
async def test_closing_an_overlay_repaints_the_screen_beneath_once(store_dir, key, main_layouts_and_repaints):
    """Textual removed a closed palette, which laid the screen beneath out and repainted it
    twice more; a kept overlay closes with one repaint and no layout, the first time and after."""
    layouts, repaints = main_layouts_and_repaints
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        for _ in range(2):
            await _open(app, pilot, key)
            await pilot.pause()
            layouts.clear()
            repaints.clear()
            await _close(app, pilot)
            await settled(app, pilot)
            assert (len(layouts), len(repaints)) == (0, 1)


async def test_a_palette_opens_again_empty_and_lists_anew(store_dir):
    """What was typed is gone and the actions are listed again, as in a new palette."""
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        palette = await _open(app, pilot, "ctrl+p")
        actions = await _listing(app, pilot, palette)
        assert "Help" in actions
        await pilot.press(*"zzqx")
        await until(lambda: "Help" not in _listed(palette), pilot=pilot)
        await _close(app, pilot)
        assert await _open(app, pilot, "ctrl+p") is palette
        assert palette.query_one(CommandInput).value == ""
        assert await _listing(app, pilot, palette) == actions


async def test_a_jump_palette_opened_again_shows_its_rows_and_runs_the_new_choice(store_dir):
    """``@`` opened again with the same speakers shows the rows it rendered (the same options)
    and enter filters by the first speaker, through the palette's new providers."""
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        palette = await _open(app, pilot, "at")
        names = await _listing(app, pilot, palette)
        rows = list(palette.query_one(CommandList).options)
        hits = [row.hit for row in rows]
        await _close(app, pilot)
        await _open(app, pilot, "at")
        assert await _listing(app, pilot, palette) == names
        shown = list(palette.query_one(CommandList).options)
        assert all(a is b for a, b in zip(shown, rows, strict=True))  # not rendered anew
        assert all(row.hit is not hit for row, hit in zip(shown, hits, strict=True))  # the new listing's
        await pilot.press("enter")
        await until(lambda: app.screen is app.main, pilot=pilot)
        await settled(app, pilot)
        assert app.main.review.filters.speaker is not None
        assert app.main.review.filters.speaker[1] == names[0]


async def test_the_names_are_read_once_the_listing_is_shown(store_dir, monkeypatch):
    """``E`` lists the entities with most articles; the thousands a search looks through are
    read after that listing has been painted (reading them held the list's paint back)."""
    from tui import palette as palette_module
    from tui.palette import EntityProvider, Palette

    load = EntityProvider.load
    listing_shown = Palette._listing_shown
    events: list[str] = []

    def noting_read(self, main, top):
        if top == palette_module.MAX_NAMES:
            events.append("all read")
        return load(self, main, top)

    def noting_shown(self):
        events.append(f"{self.query_one(CommandList).option_count} rows painted")
        listing_shown(self)

    monkeypatch.setattr(EntityProvider, "load", noting_read)
    monkeypatch.setattr(Palette, "_listing_shown", noting_shown)
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        palette = await _open(app, pilot, "E")
        listed = await _listing(app, pilot, palette)
        await until(lambda: "all read" in events, pilot=pilot)
        assert listed and events[0].endswith("rows painted") and not events[0].startswith("0 ")
        assert events[-1] == "all read" and events.count("all read") == 1


async def test_a_search_reads_the_names_at_once(store_dir, monkeypatch):
    """Typing in ``@`` before its listing is shown does not wait for it: the search asks for
    every name and finds one that is not listed."""
    from tui.palette import Palette

    monkeypatch.setattr(Palette, "_listing_shown", lambda self: None)  # the listing never says so
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        everyone = app.main.review.speakers()
        palette = await _open(app, pilot, "at")
        last = everyone[-1].name
        await pilot.press(*last)
        await until(lambda: any(name.startswith(last) for name in _listed(palette)), pilot=pilot)


async def test_the_help_opened_again_shows_the_quick_tags_set_meanwhile_from_its_top(store_dir):
    from tui.screens.help import HelpLines, HelpScreen

    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        help_screen = await _open(app, pilot, "question_mark")
        assert isinstance(help_screen, HelpScreen)
        await until(lambda: help_screen.filled, pilot=pilot)
        lines = help_screen.query_one(HelpLines)
        assert "toggle #budgetary" not in lines.text
        await pilot.press("j", "j", "j")
        await until(lambda: lines.scroll_y > 0, pilot=pilot)
        await _close(app, pilot)
        app.main.quick_tags = ["budgetary"]
        assert await _open(app, pilot, "question_mark") is help_screen
        assert lines.scroll_y == 0
        await until(lambda: help_screen.filled, pilot=pilot)
        assert "toggle #budgetary" in lines.text
        await pilot.pause()
        assert "What the marks mean" in screen_text(app)


async def test_an_overlay_opened_again_under_a_new_theme_takes_its_colours(store_dir):
    """Opened again under the theme it was styled for, the overlay keeps its styles; under a
    new theme its widgets take the new colours."""
    from textual.color import Color

    from tui.screens.help import HelpLines

    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        help_screen = await _open(app, pilot, "question_mark")
        before = help_screen.query_one(HelpLines).styles.background
        await _close(app, pilot)
        app.theme = "textual-light" if app.current_theme.dark else "textual-dark"
        await pilot.pause()
        await _open(app, pilot, "question_mark")
        after = help_screen.query_one(HelpLines).styles.background
        assert after != before
        assert after == Color.parse(app.get_css_variables()["panel"])


async def test_the_dimmed_backdrop_is_textuals(store_dir):
    """Tinting each style once gives the segments Textual's tint gives."""
    from rich.segment import Segment
    from textual.renderables.background_screen import BackgroundScreen

    from tui.screens.backdrop import TintOnce

    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        overlay = await _open(app, pilot, "question_mark")
        color = overlay.styles.background
        assert 0 < color.a < 1
        segments = list(Segment.split_lines(app.console.render(app.main._compositor, app.console.options)))
        flat = [segment for line in segments for segment in line]
        assert len({segment.style for segment in flat}) < len(flat)  # styles repeat: the case cached
        textual = list(BackgroundScreen.process_segments(flat, color))
        assert list(TintOnce(app.main, color).process_segments(flat, color)) == textual


async def test_a_new_palette_is_still_textuals(store_dir):
    """The palette is Textual's: ``CommandPalette.is_open`` and its class still say so."""
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        palette = await _open(app, pilot, "ctrl+p")
        assert isinstance(palette, CommandPalette) and CommandPalette.is_open(app)
        await _close(app, pilot)
        assert not CommandPalette.is_open(app)


async def test_every_entity_is_read_once_for_the_palettes(store_dir, monkeypatch):
    """The entities a search looks through come from the index, which never changes: ``E``
    and ctrl+p read them once, and a search after another opening still finds one."""
    from store.index import CorpusIndex
    from tui import palette as palette_module

    reads: list[int] = []
    entities = CorpusIndex.entities

    def counting(self, label=None, top=None):
        if top == palette_module.MAX_NAMES:
            reads.append(top)
        return entities(self, label=label, top=top)

    monkeypatch.setattr(CorpusIndex, "entities", counting)
    monkeypatch.setattr(palette_module.EntityProvider, "_everyone", None)
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        last = app.main.review.index.entities()[-1].name
        for key in ("E", "ctrl+p", "E"):
            palette = await _open(app, pilot, key)
            await _listing(app, pilot, palette)
            await _close(app, pilot)
        palette = await _open(app, pilot, "E")
        await pilot.press(*last)
        await until(lambda: any(name.startswith(last) for name in _listed(palette)), pilot=pilot)
        assert reads == [palette_module.MAX_NAMES]
