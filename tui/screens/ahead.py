"""Overlays made ahead, in idle time: their first opening costs what an opening again costs.

An overlay opened for the first time in a session (the help, a palette) was composed, its
widgets mounted and styled, laid out, its rows gathered and drawn, all between the key and
its first complete frame: 150-300 ms, against some 25 ms once it was kept
(``tui.screens.kept``). ``OverlaysAhead`` does that work before the key, while the user
reads: each overlay is made, installed as ``push_kept`` would install it, mounted off the
screen stack, laid out at the terminal's size, filled (``MadeAhead.fill_ahead``: the
help's sections, a palette's listing), styled and its lines drawn, so that the key finds
it as an opening again would.

The work goes in small steps, one after a frame of the main screen (``call_after_refresh``),
and stops as soon as a key or a click arrives (``QuotelensApp._last_input`` changes): that
key, and its frame, come first; the main screen starts and resumes the steps in its idle
check, once no key has come for ``MainScreen.OVERLAYS_AHEAD_IDLE`` seconds (never between the
keys of a burst, which a step on the UI thread would delay). An overlay opened while it
is being made is the user's from then on: its own opening takes over and the steps for it
are dropped.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.geometry import Region
from textual.screen import Screen
from textual.scrollbar import ScrollBar

if TYPE_CHECKING:
    from textual.app import App

# What a step of an overlay's own filling yields: None (the next step after the next frame),
# or a condition to wait for first (looked at every ``OverlaysAhead.POLL`` seconds).
Wait = Callable[[], bool] | None


@runtime_checkable
class MadeAhead(Protocol):
    """An overlay that can be made ahead: told so before it mounts, it does not start as an
    opened overlay does when it mounts; ``fill_ahead`` fills it off the screen stack, a step
    per item yielded; its first opening then goes the way an opening again goes."""

    def make_ahead(self) -> None:
        """Called before it is mounted off the screen stack."""
        ...

    def fill_ahead(self) -> AsyncIterator[Wait]:
        """Its content, put in place in steps (see ``Wait``)."""
        ...


class OverlaysAhead:
    """Makes ``overlays`` — (name, make) as ``push_kept`` takes them — ahead, in the order
    given, a step after each frame of ``screen`` while no key comes (see the module docstring)."""

    POLL = 0.03  # seconds between looks at a condition a step waits for

    def __init__(self, screen: Screen[Any], overlays: list[tuple[str, Callable[[], Screen[Any]]]]) -> None:
        self._screen = screen
        self._overlays = deque(overlays)
        self._steps: AsyncIterator[Wait] | None = None  # the current overlay's, once it is made
        self._making: Screen[Any] | None = None
        self._scheduled = False
        self._input: object = None  # the app's newest input when the steps (re)started

    @property
    def done(self) -> bool:
        return not self._overlays and self._making is None

    def resume(self) -> None:
        """Go on with the steps after the next frame (nothing when done or already going)."""
        if self.done or self._scheduled or not self._screen.is_attached:
            return
        self._scheduled = True
        self._input = self._newest_input()
        self._screen.call_after_refresh(self._step)

    def _newest_input(self) -> object:
        return getattr(self._screen.app, "_last_input", None)

    def _may_go_on(self) -> bool:
        app = self._screen.app
        return self._screen.is_attached and app.screen is self._screen and self._newest_input() is self._input

    async def _step(self) -> None:
        self._scheduled = False
        if not self._may_go_on():
            return  # a key came (or something covers the screen): resumed when the keys pause
        wait = await self._next()
        if self.done:
            return
        if wait is None:
            self._scheduled = True
            self._screen.call_after_refresh(self._step)
        else:
            self._wait(wait)

    def _wait(self, condition: Callable[[], bool]) -> None:
        def look() -> None:
            if not self._may_go_on():
                self._scheduled = False
            elif condition():
                self._screen.call_after_refresh(self._step)
            else:
                self._screen.set_timer(self.POLL, look, name="overlay made ahead")

        self._scheduled = True
        self._screen.set_timer(self.POLL, look, name="overlay made ahead")

    async def _next(self) -> Wait:
        """Run one step; what to wait for before the next."""
        app = self._screen.app
        overlay = self._making
        if overlay is not None and getattr(overlay, "_shown_ever", False):
            self._making = self._steps = None  # opened meanwhile: its opening took over
            return None
        if overlay is None:
            if not self._overlays:
                return None
            name, make = self._overlays.popleft()
            if app.is_screen_installed(name):
                return None  # opened (so made) already
            overlay = make()
            if isinstance(overlay, MadeAhead):
                overlay.make_ahead()
            app.install_screen(overlay, name)
            _mount_off_stack(app, overlay)
            self._making = overlay
            self._steps = _steps(app, overlay)
            return lambda: overlay.is_mounted
        assert self._steps is not None
        try:
            wait = await anext(self._steps)
        except StopAsyncIteration:
            self._making = self._steps = None
            return None
        return wait


async def _steps(app: App[Any], overlay: Screen[Any]) -> AsyncIterator[Wait]:
    """Lay ``overlay`` out at the terminal's size, fill it, and style it as its opening would."""
    _lay_out(app, overlay)
    yield lambda: _quiet(overlay)
    if isinstance(overlay, MadeAhead):
        async for wait in overlay.fill_ahead():
            yield wait
    # Textual works the styles of a screen out again as it pushes it; off the stack, the widgets
    # made since it mounted (a list's scrollbar, once the list is filled) have none yet. Done
    # here, its first opening need not (``SteadyBackdrop.styled_now``).
    overlay.update_node_styles(animate=False)
    styled = getattr(overlay, "styled_now", None)
    if callable(styled):
        styled()
    yield lambda: _quiet(overlay)
    # Laid out again now that its content and styles are in (the first opening lays it out
    # once more, as Textual does a screen that becomes current: a layout known from off the
    # stack hid the thumb of a list's scrollbar; this one changes no size, so it keeps the lines).
    _lay_out(app, overlay)
    yield lambda: _quiet(overlay)
    _draw(overlay)


def _draw(overlay: Screen[Any]) -> None:
    """Draw the lines of the widgets of ``overlay`` into their caches, as its first frame would
    (not the scrollbars, a few cells each; nor its own picture, the dimmed screen beneath)."""
    for widget, (region, _clip) in overlay._compositor.visible_widgets.items():
        if widget is not overlay and region and not isinstance(widget, ScrollBar):
            widget.render_lines(Region(0, 0, region.width, region.height))


def _mount_off_stack(app: App[Any], overlay: Screen[Any]) -> None:
    """Compose and mount ``overlay`` (and apply its styles) without pushing it: what
    ``App.push_screen`` does for a screen that is not running yet, less the push (Textual
    8.x privates; there is no public way to mount a screen off the stack)."""
    app._load_screen_css(overlay)
    app._register(app, overlay)


def _lay_out(app: App[Any], overlay: Screen[Any]) -> None:
    # Textual lays a screen out only while it is current; off the stack it is laid out here
    # at the terminal's size (its widgets get their Resize as they would), and no frame is sent.
    overlay._refresh_layout(app.size)


def _quiet(overlay: Screen[Any]) -> bool:
    """Every widget of ``overlay`` has handled its messages (the Resize of a layout …)."""
    return all(node._message_queue.empty() for node in overlay.walk_children(with_self=True))
