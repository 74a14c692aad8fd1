"""Reopening where the user left off: the main screen's ``SessionKeeper``.

It reads the corpus's saved session when the screen opens (``tui/session.py``:
the file, its checks and its atomic write), asks the screen to show it, notes
where the user is as they move, and writes it a moment after they stop (and
when the app closes). A file that cannot be used or written is said once; the
app goes on either way.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from store.annotations import StoreError
from tui.session import Session, load_session, save_session

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui.screens.main import MainScreen

QUIET = 1.0  # seconds without a move before the session is written


class SessionKeeper:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.store_dir = screen.review.ws.store_dir
        self.session, self._problem = load_session(self.store_dir)
        self._timer: Timer | None = None
        self._dirty = False
        self._write_failed = False

    def resume(self) -> None:
        """Show the saved session (the theme is the app's; the rest the screen's)."""
        screen = self.screen
        if self._problem:
            screen.notify(self._problem, title="Where you left off", severity="warning", timeout=8)
        theme = self.session.theme
        if theme and theme in screen.app.available_themes:
            screen.app.theme = theme
        screen.resume(self.session)

    def remember(self) -> None:
        """Note where the user is now; written after ``QUIET`` seconds without a move."""
        screen = self.screen
        current = screen.quotes.current
        article = screen.review.current_article
        self.session = Session(
            article_id=article.id if article is not None else None,
            quote_id=current.id if current is not None else None,
            filters=screen.review.filters,
            sort=screen.review.sort,
            theme=screen.app.theme,
            sidebar_scope=screen.sidebar.scope,
        )
        self._dirty = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = screen.set_timer(QUIET, self.flush, name="remember where the user is")

    def flush(self) -> None:
        """Write the session now if it changed (also the theme, which ``D`` switches in the app)."""
        self._timer = None
        theme = self.screen.app.theme
        if theme != self.session.theme:
            self.session = replace(self.session, theme=theme)
            self._dirty = True
        if not self._dirty:
            return
        self._dirty = False
        try:
            save_session(self.store_dir, self.session)
        except StoreError as exc:  # never lose work over this: say it once, go on
            if not self._write_failed:
                self._write_failed = True
                self.screen.notify(str(exc), title="Cannot remember where you are", severity="warning", timeout=6)
