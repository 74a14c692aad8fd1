"""Overlays made ahead in idle time (``tui/screens/ahead.py``): what a user notices, asserted
without timing anything (``bench/tui.py`` times the first opening in a real terminal).

The help and the palettes are made, laid out, filled and drawn while the user reads; their
first opening shows exactly what an overlay made on the spot shows, is the screen made
ahead, and lays nothing out. A key pressed meanwhile is answered before any more of that
work, which goes on once the keys pause; an overlay opened while it is being made is the
user's at once and lists what it should.
"""

from __future__ import annotations

import threading

import pytest
from test_overlay_paint import _listing
from test_tui import opened, screen_text, settled, until
from test_tui_overlays import _close, _open
from textual import events
from textual.screen import Screen

from tui.palette import Palette, SpeakerProvider
from tui.screens.ahead import OverlaysAhead
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen

KEYS = ["question_mark", "at", "E", "p", "ctrl+p"]
NAMES = {
    "question_mark": "help",
    "at": "palette:SpeakerProvider",
    "E": "palette:EntityProvider",
    "p": "palette:ArticleProvider",
    "ctrl+p": "palette",
}


def _ahead(app) -> OverlaysAhead:
    ahead = app.main._overlays_ahead
    assert ahead is not None
    return ahead


async def _complete(pilot, overlay: Screen) -> None:
    """Until the overlay shows all it will show: the help's every section, a palette's listing."""
    if isinstance(overlay, HelpScreen):
        await until(lambda: overlay.filled, pilot=pilot)
    else:
        await _listing(pilot, overlay)
    await pilot.pause()


async def _first_openings(store_dir, monkeypatch, ahead: bool) -> dict[str, str]:
    """What each overlay shows the first time it opens, with or without making it ahead."""
    monkeypatch.setattr(MainScreen, "MAKE_OVERLAYS_AHEAD", ahead)
    shown = {}
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        if ahead:
            await until(lambda: _ahead(app).done, pilot=pilot)
        for key in KEYS:
            overlay = await _open(app, pilot, key)
            await _complete(pilot, overlay)
            shown[key] = screen_text(app)
            await _close(app, pilot)
    return shown


async def test_an_overlay_made_ahead_shows_what_one_made_on_the_spot_shows(store_dir, monkeypatch):
    made_ahead = await _first_openings(store_dir, monkeypatch, ahead=True)
    on_the_spot = await _first_openings(store_dir, monkeypatch, ahead=False)
    assert "Keys" in made_ahead["question_mark"] and "Filter by speaker" in made_ahead["at"]
    for key in KEYS:
        assert made_ahead[key] == on_the_spot[key], key


@pytest.fixture
def layouts(monkeypatch):
    """The screens laid out (one entry per layout)."""
    done: list[Screen] = []
    original = Screen._refresh_layout

    def counting(self, *args, **kwargs):
        done.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counting)
    return done


@pytest.mark.parametrize("key", KEYS)
async def test_the_first_opening_of_an_overlay_made_ahead_is_that_screen_and_lays_out_only_it(
    store_dir, monkeypatch, layouts, key
):
    """The overlay made ahead is the one that opens, styled and filled: only it is laid out (as
    Textual lays out a screen that becomes current), never the screen beneath."""
    monkeypatch.setattr(MainScreen, "MAKE_OVERLAYS_AHEAD", True)
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        await until(lambda: _ahead(app).done, pilot=pilot)
        made = app.get_screen(NAMES[key])
        layouts.clear()
        overlay = await _open(app, pilot, key)
        await _complete(pilot, overlay)
        assert overlay is made
        assert set(layouts) == {overlay}


async def test_a_key_pressed_while_overlays_are_made_is_answered_first(store_dir, monkeypatch):
    """The speakers' palette waits for its names (held back): a key pressed then moves the
    article with no step of the making ahead in between; the making goes on once the keys
    pause and finishes."""
    monkeypatch.setattr(MainScreen, "MAKE_OVERLAYS_AHEAD", True)
    gate = threading.Event()
    load = SpeakerProvider.load

    def held(self, main, top):
        gate.wait(timeout=30)
        return load(self, main, top)

    monkeypatch.setattr(SpeakerProvider, "load", held)
    happened: list[str] = []
    step = OverlaysAhead._next
    show = MainScreen.show_article

    async def noting_step(self):
        happened.append("step")
        return await step(self)

    def noting_show(self, *args, **kwargs):
        happened.append("show")
        return show(self, *args, **kwargs)

    monkeypatch.setattr(OverlaysAhead, "_next", noting_step)
    monkeypatch.setattr(MainScreen, "show_article", noting_show)
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        await until(lambda: app.is_screen_installed(NAMES["at"]), pilot=pilot)  # the speakers' palette is being made
        row = app.main.review.current_row
        original_post = app.post_message

        def noting_keys(message):
            if isinstance(message, events.Key) and not message.is_forwarded:
                happened.append("key")
            return original_post(message)

        monkeypatch.setattr(app, "post_message", noting_keys)
        await pilot.press("j")
        await until(lambda: app.main.review.current_row != row, pilot=pilot)
        at = happened.index("key")
        assert happened[at + 1] == "show"  # the key's article first, no step of the making between
        assert not _ahead(app).done
        gate.set()
        await until(lambda: _ahead(app).done, pilot=pilot)  # resumed in the pause, without a key
        assert all(app.is_screen_installed(name) for name in NAMES.values())


async def test_an_overlay_opened_while_it_is_being_made_lists_its_names(store_dir, monkeypatch):
    """``@`` pressed while the speakers' palette is made ahead (its names still being read) opens
    that palette, which lists the speakers once they are read; the others are made after it."""
    monkeypatch.setattr(MainScreen, "MAKE_OVERLAYS_AHEAD", True)
    gate = threading.Event()
    load = SpeakerProvider.load

    def held(self, main, top):
        gate.wait(timeout=30)
        return load(self, main, top)

    monkeypatch.setattr(SpeakerProvider, "load", held)
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        await until(lambda: app.is_screen_installed(NAMES["at"]), pilot=pilot)
        made = app.get_screen(NAMES["at"])
        palette = await _open(app, pilot, "at")
        assert palette is made and isinstance(palette, Palette)
        gate.set()
        names = await _listing(pilot, palette)
        assert names[: len(names)] == [s.name for s in app.main.review.speakers(top=len(names))]
        await _close(app, pilot)
        await until(lambda: _ahead(app).done, pilot=pilot)
        assert app.is_screen_installed(NAMES["ctrl+p"])
