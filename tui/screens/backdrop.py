"""Modal screens that dim the screen under them once, not on every frame.

A Textual screen with a translucent background (every modal: help, the
palettes, prompts) paints the screen beneath it, tinted, as its own
background. It re-does that for the whole terminal each time the modal screen
itself is repainted, and a palette is repainted several times while it opens
(the list appears, fills, is marked ready): most of the time it took to open
went into dimming the same picture again. ``SteadyBackdrop`` keeps the dimmed
picture for its size and dims again only the lines that changed beneath (the
screen beneath hands its changed regions on; as a modal opens, that is the
footer of the screen it covers, a line or two).
"""

from __future__ import annotations

from typing import Self

from textual.geometry import Region, Size
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import _RenderCache
from textual.widgets import Footer


class SteadyBackdrop(Screen):
    """Mixed in after a modal screen class (Textual takes CSS from the first base):
    ``class HelpScreen(ModalScreen[None], SteadyBackdrop)``."""

    _backdrop: tuple[Size, list[Strip]] | None = None  # the dimmed picture, for that size
    _stale: frozenset[int] = frozenset()  # its lines that changed beneath since

    def _render_content(self) -> None:
        # Textual's hook that renders the screen's own picture (for a modal screen: the
        # backdrop); there is no public one.
        backdrop = self._backdrop
        if backdrop is not None and backdrop[0] == self.size:
            # Line by line costs more than Textual's whole-screen pass beyond a few lines.
            few = len(self._stale) <= self.size.height // 4
            lines = backdrop[1] if not self._stale else self._dim_again(backdrop[1], self._stale) if few else None
            if lines is not None:
                self._stale = frozenset()
                self._backdrop = (self.size, lines)
                self._render_cache = _RenderCache(self.size, lines)
                self._dirty_regions.clear()
                return
        self._stale = frozenset()
        super()._render_content()
        self._backdrop = (self.size, self._render_cache.lines)

    def _dim_again(self, lines: list[Strip], stale: frozenset[int]) -> list[Strip] | None:
        """``lines`` with the ``stale`` ones dimmed again from the screen beneath, as
        ``BackgroundScreen`` dims them (None: no translucent backdrop to redo by line)."""
        stack = self.app.screen_stack
        colour = self.styles.background
        if self not in stack or stack.index(self) == 0 or colour.a >= 1:
            return None
        beneath = stack[stack.index(self) - 1]
        width, height = self.size
        ys = sorted(y for y in stale if 0 <= y < min(height, len(lines)))
        if not ys:
            return lines
        chops = beneath._compositor._render_chops(  # Textual's own render of those lines, no public way
            Region(0, ys[0], width, ys[-1] - ys[0] + 1), frozenset(ys).__contains__
        )
        lines = list(lines)
        for y in ys:
            beneath_line = Strip.join(chops[y].values())
            lines[y] = Strip(list(BackgroundScreen.process_segments(beneath_line, colour)), width)
        return lines

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if regions and self._backdrop is not None:
            # the screen beneath changed there (Textual hands its changed regions on)
            self._stale = self._stale.union(*(region.line_range for region in regions))
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def notify_style_update(self) -> None:
        self._backdrop = None  # a new theme: new colours beneath and a new tint
        super().notify_style_update()


class CoveredFooter(Footer):
    """Textual's footer, left as it is while a modal screen covers its screen: its keys are
    not what the user can press then, and recomposing it re-laid the covered screen out
    (twice as a palette opened) and so made the modal dim the whole screen again. Back on
    top, the screen's bindings change again (the focus comes back) and it catches up."""

    def bindings_changed(self, screen: Screen) -> None:
        if screen.is_attached and screen.app.screen is not screen:
            return
        super().bindings_changed(screen)
