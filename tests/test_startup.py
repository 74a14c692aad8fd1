"""Start-up: the first screen comes before the work that can wait, asserted through state, never
through durations (``bench/tui.py`` times the first paint in a real terminal).

The main screen's first frame is laid out as the screen stays (its breakpoint classes, such as
``-wide`` which shows the sidebar at 160 columns, were set only on its first Resize, after that
frame: the whole screen was laid out and drawn a second time). It shows the article it opens on
before any overlay is made ahead (that waits for the user to pause: ``tui/screens/ahead.py``),
and the overlays made ahead say nothing to the terminal: a screen mounted off the stack sent
its pointer shape as it mounted, while the main screen was the one shown (output the terminal
had to take in the seconds after start-up).
"""

from __future__ import annotations

import pytest
from test_overlay_ahead import NAMES
from test_tui import opened, settled, until
from textual.app import App
from textual.geometry import Region

from tui.app import QuotelensApp
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen

PANES = ("#filter-bar", "#articles", "#reader", "#quotes-pane", "#quote-detail-scroll", "#sidebar")


def _layout(screen: MainScreen) -> dict[str, Region]:
    """Where each pane is on the screen (an empty region: not shown); nothing while they mount."""
    panes = {pane: screen.query(pane) for pane in PANES}
    return {pane: found.first().region for pane, found in panes.items()} if all(panes.values()) else {}


@pytest.mark.parametrize("size", [(160, 50), (80, 24)])
async def test_the_first_frame_is_laid_out_as_the_screen_stays(store_dir, monkeypatch, size):
    first_frame: dict[str, Region] = {}
    display = App._display

    def noting(self: App, screen, renderable) -> None:
        if isinstance(screen, MainScreen) and not first_frame:
            # the first frame that shows the panes (on a loaded machine a frame may be drawn while they
            # mount, before any of them has a place: it shows none of them, so no layout to compare)
            layout = _layout(screen)
            if any(layout.values()):
                first_frame.update(layout)
        display(self, screen, renderable)

    monkeypatch.setattr(App, "_display", noting)
    async with opened(store_dir, size=size) as (app, pilot):
        await settled(app, pilot)
        assert first_frame == _layout(app.main)
        assert bool(first_frame["#sidebar"]) == (size[0] >= 120)  # the sidebar beside the panes when wide


async def test_the_first_screen_shows_an_article_before_any_overlay_is_made(store_dir, monkeypatch):
    monkeypatch.setattr(MainScreen, "MAKE_OVERLAYS_AHEAD", True)
    at_first_paint: dict[str, object] = {}
    painted = QuotelensApp._painted

    def noting(self: QuotelensApp) -> None:
        if self.first_paint_at is None and self.main is not None:
            at_first_paint["article"] = self.main.reader.article
            at_first_paint["quotes"] = self.main.quotes.current
            at_first_paint["overlays"] = [name for name in NAMES.values() if self.is_screen_installed(name)]
        painted(self)

    monkeypatch.setattr(QuotelensApp, "_painted", noting)
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        assert at_first_paint["article"] is not None and at_first_paint["article"] is app.main.current_article
        assert at_first_paint["quotes"] is not None  # its quotes listed, one under the cursor
        assert at_first_paint["overlays"] == []
        await settled(app, pilot)
        ahead = app.main._overlays_ahead
        assert ahead is not None
        await until(lambda: ahead.done, pilot=pilot)
        assert all(app.is_screen_installed(name) for name in NAMES.values())  # made once the user paused


def _pointer_shapes(monkeypatch) -> list[tuple[str, str]]:
    """Every pointer shape the app sends the terminal: (the screen shown then, the shape)."""
    sent: list[tuple[str, str]] = []

    def noting(self: QuotelensApp, shape: str) -> None:
        sent.append((type(self.screen).__name__, shape))

    monkeypatch.setattr(QuotelensApp, "_set_pointer_shape", noting)
    return sent


async def test_overlays_made_ahead_send_the_terminal_nothing(store_dir, monkeypatch):
    monkeypatch.setattr(MainScreen, "MAKE_OVERLAYS_AHEAD", True)
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        sent = _pointer_shapes(monkeypatch)
        ahead = app.main._overlays_ahead
        assert ahead is not None
        await until(lambda: ahead.done, pilot=pilot)
        assert app.is_screen_installed("help") and not app.get_screen("help").is_current
        assert sent == []


async def test_an_overlay_opened_sends_its_pointer_shape(store_dir, monkeypatch):
    """An overlay made as it opens (not ahead) is the screen shown as it mounts: its pointer shape
    reaches the terminal, as Textual sends it."""
    monkeypatch.setattr(MainScreen, "MAKE_OVERLAYS_AHEAD", False)
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        sent = _pointer_shapes(monkeypatch)
        await pilot.press("question_mark")
        await until(lambda: isinstance(app.screen, HelpScreen), pilot=pilot)
        await until(lambda: ("HelpScreen", "default") in sent, pilot=pilot)


def test_the_app_opens_a_corpus_without_importing_spacy():
    """What the app imports to open an analysed corpus and show it leaves spaCy out (some 0.8 s of a
    start): spaCy is loaded when an article has to be analysed, not on the way to the index."""
    import subprocess
    import sys

    code = "import sys, store.workspace, tui.app, tui.screens.main; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
