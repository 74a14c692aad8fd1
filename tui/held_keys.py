"""A held key, shown once: the article list's cursor moves for every press, the heavy panes
(reader, quotes, detail, sidebar) for the last one.

A key held down repeats some 30 times a second. When showing an article takes longer than
that (a loaded machine, a long article), the presses queue up and every one of them would
paint the reader, the quote list and the sidebar for an article the user has already left:
the screen would go on changing long after the key is let go. ``HeldMoves`` lets the list
answer each press at once and puts the rest off while the app knows of a later key
(``QuotelensApp.keys_behind``): the last press of the burst shows its article, so the screen
settles right after the key is released.

What stays true meanwhile: the panes and the review all show the article last shown (the
list's cursor alone is ahead), so anything that acts on "the current article" is consistent;
any key other than the one repeating shows the waiting article first (``before_key``, as the
app is about to run that key's bindings), and a later press that moves nothing (the list's
end) or never reaches the bindings is covered by a short timer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer


@runtime_checkable
class KnowsLaterKeys(Protocol):
    """An app that knows whether a key was pressed after the one it is handling (``QuotelensApp``);
    under any other app a move is shown at once."""

    def keys_behind(self) -> str | None:
        """The key in hand when a later key has already been pressed, else None."""
        ...


class HeldMoves:
    """``defer()`` in place of showing a move while later keys wait; ``show`` runs for the
    last one (see the module docstring)."""

    # After this long without a move (a key that never reached the screen, the list's end
    # where a press moves nothing), the waiting article is shown anyway.
    QUIET = 0.1

    def __init__(self, screen: Screen[Any], show: Callable[[], None]) -> None:
        self._screen = screen
        self._show = show
        self._key: str | None = None  # the key whose move waits (None: nothing waits)
        self._timer: Timer | None = None

    def defer(self) -> bool:
        """Put this move's panes off when a later key is on its way (True: the caller shows nothing now)."""
        app = self._screen.app
        key = app.keys_behind() if isinstance(app, KnowsLaterKeys) else None
        if key is None:
            return False
        self._key = key
        if self._timer is not None:
            self._timer.stop()
        self._timer = self._screen.set_timer(self.QUIET, self.flush, name="show the held key's article")
        return True

    def before_key(self, key: str) -> None:
        """A key reached the screen: a waiting move is shown first, unless the key is the one
        repeating (it moves the list again, and the last press shows its article)."""
        if self._key is not None and key != self._key:
            self.flush()

    def flush(self) -> None:
        """Show the waiting move now (nothing when none waits)."""
        if self._key is None:
            return
        self.cancel()
        self._show()

    def cancel(self) -> None:
        """Nothing waits any more (the article was shown some other way)."""
        self._key = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
