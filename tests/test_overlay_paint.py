"""Overlays opened again paint what changed, once: what a user notices, asserted without
timing anything (``bench/tui.py`` times it in a real terminal).

An overlay opened again over a screen that did not change shows the dimmed picture it
made before (dimming the whole terminal was a third of an opening); over a screen that
changed it dims the new picture, the same as a fresh dimming.
"""

from __future__ import annotations

import pytest
from test_tui import opened, settled, until
from textual.screen import Screen

from tui.screens.backdrop import SteadyBackdrop


async def _open(app, pilot, key: str) -> Screen:
    await pilot.press(key)
    await until(lambda: app.screen is not app.main, pilot=pilot)
    await pilot.pause()
    return app.screen


async def _close(app, pilot) -> None:
    await pilot.press("escape")
    await until(lambda: app.screen is app.main, pilot=pilot)
    await pilot.pause()


def _dimmed(overlay: Screen) -> list:
    assert isinstance(overlay, SteadyBackdrop) and overlay._backdrop is not None
    return overlay._backdrop[1]


async def _fresh_dimming(overlay: Screen, pilot) -> list[str]:
    """The overlay's backdrop dimmed anew, as segments the terminal gets."""
    overlay._backdrop = None
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
