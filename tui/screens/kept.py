"""Overlays made once and kept: opening one again costs a repaint, not a new screen.

A new overlay screen (the help, a palette) is composed, its widgets mounted and
styled, before anything is painted, and once it closes Textual removes it, which
lays the screen beneath out and repaints it again (twice as a palette closed).
An overlay installed in the app (``App.install_screen``) is neither removed when
it closes nor made again when it opens; it resets itself when it closes
(``ScreenSuspend``) and brings its content up to date when it opens again
(``ScreenResume``).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.screen import Screen


def push_kept(app: App, name: str, make: Callable[[], Screen]) -> Screen:
    """Push the overlay installed as ``name``; ``make`` makes (and it is installed) the first time."""
    if not app.is_screen_installed(name):
        app.install_screen(make(), name)
    screen = app.get_screen(name)
    app.push_screen(screen)
    return screen
