"""Modal screens that dim the screen under them once, not on every frame.

A Textual screen with a translucent background (every modal: help, the
palettes, prompts) paints the screen beneath it, tinted, as its own
background. It re-does that for the whole terminal each time the modal screen
itself is repainted, and a palette is repainted several times while it opens
(the list appears, fills, is marked ready): most of the time it took to open
went into dimming the same picture again. ``SteadyBackdrop`` keeps the dimmed
picture until the screen beneath changes; ``CoveredFooter`` keeps the main
screen's footer from changing it as a modal opens (it did twice per palette).
The main screen counts its changes (``CountsChanges``): the picture of it is then
kept across openings of a kept overlay and shared by every modal screen over it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any, ClassVar, Self

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from textual import messages
from textual.await_complete import AwaitComplete
from textual.color import Color
from textual.events import ScreenResume
from textual.geometry import Region
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import _RenderCache

from tui.widgets.steady_footer import SteadyFooter


class SteadyBackdrop(Screen):
    """Mixed in after a modal screen class (Textual takes CSS from the first base):
    ``class HelpScreen(ModalScreen[None], SteadyBackdrop)``."""

    _backdrop: tuple[Hashable, list[Strip]] | None = None  # the dimmed picture, for its _backdrop_key

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Close this screen, once: Textual's dismiss pops whatever screen is on top, so a second
        choice on its way to a closing overlay (a double click on a suggestion) closed the main
        screen beneath too, and the app died (ScreenStackError)."""
        if self.app.screen is not self:
            return AwaitComplete.nothing()
        return super().dismiss(result)

    def _watch__pointer_shape(self, pointer_shape: Any) -> None:
        # Textual tells the terminal a screen's pointer shape as the screen mounts. An overlay made
        # ahead (``tui.screens.ahead``) mounts off the stack, while the main screen is the one shown:
        # the terminal's pointer is that screen's, and an overlay says nothing until it is shown (each
        # one made ahead wrote a pointer sequence to the terminal, in the seconds after start-up).
        if self.is_current:
            super()._watch__pointer_shape(pointer_shape)

    def _backdrop_key(self) -> Hashable:
        """What the dimmed picture depends on: the size, the tint and the style of this screen,
        the theme (a new theme gives new colours beneath and a new tint) and the screen
        beneath, with its count of changes when it keeps one (``CountsChanges``)."""
        beneath = self._beneath()
        changes = _changes(beneath) if beneath is not None else None
        look = (self.size, self.styles.background, self.visual_style, self.app.theme, self.app.ansi_color)
        return (look, beneath, changes)

    def _beneath(self) -> Screen | None:
        """The screen this one covers (the one it dims), if it is in the stack shown."""
        stack = self.app.screen_stack
        if self in stack:
            at = stack.index(self)
            return stack[at - 1] if at > 0 else None
        return None

    def render(self) -> RenderableType:
        rendered = super().render()
        if type(rendered) is BackgroundScreen:
            return TintOnce(rendered.screen, rendered.color)
        return rendered

    def _render_content(self) -> None:
        # Textual's hook that renders the screen's own picture (for a modal screen: the
        # backdrop); there is no public one.
        key = self._backdrop_key()
        backdrop = self._backdrop
        if backdrop is None or backdrop[0] != key:
            backdrop = SteadyBackdrop._last_dimmed
        if backdrop is not None and backdrop[0] == key:
            self._backdrop = backdrop
            self._render_cache = _RenderCache(self.size, backdrop[1])
            self._dirty_regions.clear()
            return
        super()._render_content()
        self._backdrop = (key, self._render_cache.lines)
        if self._counts_changes():
            SteadyBackdrop._last_dimmed = self._backdrop

    # The last picture dimmed of a screen that counts its changes, for any modal screen over
    # it: the help, then a palette over the same screen, dim it once. Its key names everything
    # the picture depends on, the look of the modal screen dimming it included.
    _last_dimmed: ClassVar[tuple[Hashable, list[Strip]] | None] = None

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if regions and not self._counts_changes():
            # The screen beneath may have changed (Textual hands its changed regions on, in
            # practice the whole screen, also when it only asked itself to repaint as this one
            # was pushed): dim it again. A screen that counts its changes says when it changed.
            self._backdrop = None
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _counts_changes(self) -> bool:
        """Whether the screen dimmed in the kept picture counts its changes (the key then says
        when the picture is out of date). Looked up in the key: a closing overlay is out of the
        stack by the time it is told."""
        backdrop = self._backdrop
        if backdrop is None:
            return False
        key = backdrop[0]
        return isinstance(key, tuple) and isinstance(key[-2], CountsChanges)

    _styled_with: Hashable | None = None  # the theme the screen's styles were last worked out for
    _shown_ever = False  # it has been on the screen stack (made ahead, it may not have been)

    def styled_now(self) -> None:
        """Its styles were just worked out under the current theme (off the stack,
        ``tui.screens.ahead``): its first opening need not work them out again."""
        self._styled_with = (self.app.theme, self.app.ansi_color)

    def _on_screen_resume(self, event: ScreenResume) -> None:
        self._shown_ever = True
        # Textual calls the handler of each class in the MRO, this one before Screen's, which
        # works out the styles of every widget of the screen again when ``refresh_styles`` (a
        # new theme while it was covered or closed). A kept overlay opening again under the
        # same theme has the styles it had: that work was most of the time before it painted.
        # (Uncovered again, Textual does not restyle it: that is not recorded as styled.)
        styled_with = (self.app.theme, self.app.ansi_color)
        if event.refresh_styles:
            if styled_with == self._styled_with:
                event.refresh_styles = False
            else:
                self._styled_with = styled_with

    def on_screen_suspend(self) -> None:
        # A kept overlay (``tui.screens.kept``) opens again over whatever the screen beneath
        # became while it was closed: it dims that afresh, unless the screen beneath counts
        # its changes and none was made (the key says so).
        if not self._counts_changes():
            self._backdrop = None

    # Textual restyles the screen on every class change (a palette is marked "-ready" once
    # filled): that alone no longer dims it again, the key above says when it must.


class CountsChanges(Screen):
    """Mixed in before ``Screen`` by a screen that modal screens cover (the main screen): it
    counts what may change the picture it shows (a widget to repaint, a layout, a scroll), so
    that a modal screen over it (``SteadyBackdrop``) keeps its dimmed picture of it while the
    count stays the same: across openings of a kept overlay, and while Textual hands on a
    repaint of the whole covered screen that changes nothing.

    A repaint asked of the screen alone is not counted: Textual asks one each time it pushes a
    screen over it, and the screen's own picture (its background) changes only with the theme,
    which the backdrop checks. Textual's handlers (``Screen._on_update`` …) come after these
    and stop the message, so these only count."""

    changes_shown = 0

    async def _on_update(self, message: messages.Update) -> None:
        if message.widget is not self:
            self.changes_shown += 1

    async def _on_layout(self, message: messages.Layout) -> None:
        self.changes_shown += 1

    async def _on_update_scroll(self, message: messages.UpdateScroll) -> None:
        self.changes_shown += 1


def _changes(screen: Screen) -> int | None:
    """The screen's count of changes to what it shows, if it keeps one (``CountsChanges``)."""
    return screen.changes_shown if isinstance(screen, CountsChanges) else None


class TintOnce(BackgroundScreen):
    """Textual's tinted picture of the screen beneath, each style tinted once: a screen has
    a few dozen styles over thousands of segments, and Textual tinted every segment anew
    (colour arithmetic and two new styles each)."""

    def process_segments(self, segments: Iterable[Segment], color: Color) -> Iterable[Segment]:  # type: ignore[override]
        # Textual's is a classmethod; this one keeps its styles per picture.
        if color.a == 0:
            yield from BackgroundScreen.process_segments(segments, color)
            return
        tinted: dict[Style | None, Style] = {}
        for segment in segments:
            text, style, control = segment
            if control:
                yield segment
                continue
            new_style = tinted.get(style)
            if new_style is None:
                made = next(iter(BackgroundScreen.process_segments([segment], color))).style
                assert made is not None  # Textual gives every segment it tints a style
                new_style = tinted[style] = made
            yield Segment(text, new_style)


class CoveredFooter(SteadyFooter):
    """Textual's footer, left as it is while a modal screen covers its screen: its keys are
    not what the user can press then, and recomposing it re-laid the covered screen out
    (twice as a palette opened) and so made the modal dim the whole screen again. Back on
    top, the screen's bindings change again (the focus comes back) and it catches up."""

    def bindings_changed(self, screen: Screen) -> None:
        if screen.is_attached and screen.app.screen is not screen:
            return
        super().bindings_changed(screen)
