"""Overlays opened again paint what changed, once: what a user notices, asserted without
timing anything (``bench/tui.py`` times it in a real terminal).

An overlay opened again over a screen that did not change shows the dimmed picture it
made before (dimming the whole terminal was a third of an opening); over a screen that
changed it dims the new picture, the same as a fresh dimming.
"""

from __future__ import annotations

import re

import pytest
from test_tui import opened, settled, until
from test_tui_overlays import _close, _open
from textual.command import CommandInput, CommandList
from textual.screen import Screen

from tui.screens.backdrop import SteadyBackdrop


def _dimmed(overlay: Screen) -> list:
    assert isinstance(overlay, SteadyBackdrop) and overlay._backdrop is not None
    return overlay._backdrop[1]


async def _fresh_dimming(overlay: Screen, pilot) -> list[str]:
    """The overlay's backdrop dimmed anew, as segments the terminal gets."""
    overlay._backdrop = SteadyBackdrop._last_dimmed = None
    overlay.refresh()
    await until(lambda: overlay._backdrop is not None, pilot=pilot)
    return [strip.render(overlay.app.console) for strip in _dimmed(overlay)]


@pytest.mark.parametrize("key", ["question_mark", "ctrl+p", "p"])
async def test_an_overlay_opened_again_over_the_same_screen_keeps_its_dimmed_picture(store_dir, key):
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        overlay = await _open(app, pilot, key)
        await pilot.pause(0.1)
        dimmed = _dimmed(overlay)
        await _close(app, pilot)
        again = await _open(app, pilot, key)
        await pilot.pause(0.1)
        assert again is overlay and _dimmed(overlay) is dimmed
        kept = [strip.render(app.console) for strip in dimmed]
        assert kept == await _fresh_dimming(overlay, pilot)


async def test_an_overlay_opened_again_after_a_move_beneath_dims_the_new_picture(store_dir):
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        overlay = await _open(app, pilot, "question_mark")
        dimmed = [strip.text for strip in _dimmed(overlay)]
        await _close(app, pilot)
        await pilot.press("j")  # the next article: the list, the reader, the quotes change
        await settled(app, pilot)
        await _open(app, pilot, "question_mark")
        await pilot.pause(0.1)
        now = [strip.render(app.console) for strip in _dimmed(overlay)]
        assert [strip.text for strip in _dimmed(overlay)] != dimmed
        assert now == await _fresh_dimming(overlay, pilot)


async def test_a_palette_opened_after_the_help_over_the_same_screen_shows_the_help_s_dimmed_picture(store_dir):
    """The help and a palette dim the same screen the same way: the palette, new, opened after
    the help closed with nothing changed beneath, shows the picture the help made."""
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        help_screen = await _open(app, pilot, "question_mark")
        await pilot.pause(0.1)
        dimmed = _dimmed(help_screen)
        await _close(app, pilot)
        palette = await _open(app, pilot, "p")
        await pilot.pause(0.1)
        assert _dimmed(palette) is dimmed
        kept = [strip.render(app.console) for strip in dimmed]
        assert kept == await _fresh_dimming(palette, pilot)


@pytest.fixture
def frames(monkeypatch):
    """The picture of the screen on top after each frame drawn (its rows as text), with that
    screen: a list that grows by one per frame."""
    from textual.app import App

    done: list[tuple[Screen, list[str]]] = []
    display = App._display

    def noting(self, screen, renderable):
        if renderable is not None:
            done.append((screen, [strip.text for strip in screen._compositor.render_strips()]))
        return display(self, screen, renderable)

    monkeypatch.setattr(App, "_display", noting)
    return done


def _listed(palette: Screen) -> list[str]:
    """The first line (the name) of each row of the palette's list."""
    commands = palette.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt).split("\n")[0] for i in range(commands.option_count)]


async def _listing(pilot, palette) -> list[str]:
    """The palette's listing once gathered whole (nothing left to gather)."""
    await until(lambda: palette._list_visible and palette._listed_key is not None, pilot=pilot)
    await until(lambda: not palette._gathering(), pilot=pilot)
    await pilot.pause()
    return _listed(palette)


def _names_shown(rows: list[str], names: list[str]) -> list[str]:
    """The names the picture shows as rows of a palette's list, top to bottom."""
    known = set(names)
    cells = [re.split(r"\s{2,}", row.strip())[0] for row in rows]  # without a scrollbar at the end
    return [cell for cell in cells if cell in known]


@pytest.mark.parametrize("key", ["p", "at", "E", "ctrl+p"])
async def test_a_palette_opened_again_shows_its_box_and_rows_in_its_first_frame(store_dir, frames, key):
    """Opened again with the listing it closed on, the palette's first frame is the whole
    palette: its prompt and the rows it lists once gathered anew, in their order."""
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        palette = await _open(app, pilot, key)
        names = await _listing(pilot, palette)
        assert names
        await _close(app, pilot)
        frames.clear()
        assert await _open(app, pilot, key) is palette
        assert await _listing(pilot, palette) == names
        first_screen, first = next((screen, rows) for screen, rows in frames if screen is palette)
        placeholder = palette.query_one(CommandInput).placeholder
        assert any(placeholder in row for row in first)
        shown = _names_shown(first, names)
        assert shown and shown == names[: len(shown)]
        assert all(_names_shown(rows, names) == shown for screen, rows in frames if screen is palette)


async def test_a_palette_opened_again_over_a_new_order_never_shows_the_old_rows(store_dir, frames):
    """``p`` lists the first articles of the list: sorted anew while it was closed, the
    palette opened again shows only the new first articles, in the new order."""
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        palette = await _open(app, pilot, "p")
        before = await _listing(pilot, palette)
        await _close(app, pilot)
        await pilot.press("o")  # the article list sorted by another column
        await settled(app, pilot)
        frames.clear()
        await _open(app, pilot, "p")
        after = await _listing(pilot, palette)
        assert after != before
        for screen, rows in frames:
            if screen is palette:
                shown = _names_shown(rows, before + after)
                assert shown == after[: len(shown)]


@pytest.fixture
def list_lines_painted(monkeypatch):
    """The paints of a palette's list (frames in which it rendered lines anew, not from its
    cache) since the fixture started: how many lines each."""
    from tui.palette import SteadyCommandList

    done: list[int] = []
    render_lines = SteadyCommandList.render_lines

    def counting(self, crop):
        cache = self._styles_cache
        painted = sum(1 for y in crop.line_range if cache.is_dirty(y) or y not in cache._cache)
        if painted:
            done.append(painted)
        return render_lines(self, crop)

    monkeypatch.setattr(SteadyCommandList, "render_lines", counting)
    return done


@pytest.mark.parametrize("key", ["p", "ctrl+p"])
async def test_a_palette_paints_each_line_of_its_list_once_as_it_shows_and_as_it_narrows(
    store_dir, list_lines_painted, key
):
    """Shown for the first time, and narrowed to fewer hits as the user types, the list is
    painted in one frame (Textual's option list painted them all again in the next
    frame, as it forgot its rows on being shown or resized)."""
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        palette = await _open(app, pilot, key)
        await _listing(pilot, palette)
        await pilot.pause(0.1)
        assert len(list_lines_painted) == 1
        list_lines_painted.clear()
        await pilot.press("e")  # fewer hits: a shorter list
        await until(lambda: palette._listed_key is None and not palette._gathering(), pilot=pilot)  # hits listed
        await pilot.pause(0.1)
        assert len(list_lines_painted) == 1
