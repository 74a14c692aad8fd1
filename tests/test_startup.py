"""Start-up: the first screen comes before the work that can wait, asserted through state, never
through durations (``bench/tui.py`` times the first paint in a real terminal).

The main screen shows the article it opens on before any overlay is made ahead (that waits for
the user to pause: ``tui/screens/ahead.py``), and the overlays made ahead say nothing to the
terminal: a screen mounted off the stack sent its pointer shape as it mounted, while the main
screen was the one shown (output the terminal had to take in the seconds after start-up).
"""

from __future__ import annotations

from test_overlay_ahead import NAMES
from test_tui import opened, settled, until

from tui.app import QuotelensApp
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen


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
