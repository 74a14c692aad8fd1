"""A scrolling widget whose content can grow or shrink without laying the screen out again.

Textual's ``Widget.virtual_size`` is a reactive with ``layout=True``: every
change (a new article in the reader, a new number of rows in a list, a new
set of entities in the sidebar) re-arranges and repaints the *whole* screen,
which made a key press in any pane cost two full-screen layouts. The panes
here have sizes fixed by the stylesheet, so their content size only matters
to their own scrollbar: ``SteadyScrolling`` redeclares ``virtual_size``
without ``layout`` and updates the scrollbar itself. When the scrollbar has
to appear or disappear, ``show_vertical_scrollbar`` (a layout reactive) still
lays the screen out, as it must. Nor does a new size repaint the pane: each pane
repaints the lines it changed (a list's next rows, the reader's new text), and the
lines past both the old and the new content stay as they were.

The panes' scrollbars (``SteadyScrollBar``) repaint only the cells whose glyph or
colour changes: Textual repaints a whole scrollbar for any change of its position or
size, which on a key that scrolls a list or opens another article was some 80 lines
a key, more than all the rows that changed.
"""

from __future__ import annotations

from typing import Self

from rich.color import Color
from rich.segment import Segment, Segments
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget


class SteadyScrollBar(ScrollBar):
    """A vertical scrollbar that repaints the lines whose cell changes, not all of them."""

    def __init__(self, thickness: int = 1) -> None:
        super().__init__(vertical=True, name="vertical", thickness=thickness)
        self._painted: tuple[Size, list[Segment]] | None = None  # what the last refresh asked for
        # The cells as painted now, and each kind of cell as a painted line (a bar has a handful:
        # the track above and below the thumb, the thumb, its two ends in eighths), by the style
        # it is painted on. Textual renders the whole bar through Rich for any change of it.
        self._shown_cells: list[Segment] | None = None
        self._cell_strips: dict[tuple[Segment, int, object], Strip] = {}

    def render_line(self, y: int) -> Strip:
        """Line ``y``: its cell, painted once per kind of cell as Textual paints the whole bar."""
        # Its size as laid out (``outer_size``: a bar has no padding or border, so it is ``size``,
        # which looks the bar up in the screen's map: twice a line, some 100 times a key).
        size = self.outer_size
        if self._dirty_regions or self._shown_cells is None or len(self._shown_cells) != size.height:
            cells = self._cells() if self.styles.content_align == ("left", "top") else None
            if cells is None:
                self._shown_cells = None
                return super().render_line(y)  # (Textual's way: the whole bar at once)
            self._shown_cells = cells
            self._dirty_regions.clear()
        if not 0 <= y < len(self._shown_cells):
            return super().render_line(y)
        cell = self._shown_cells[y]
        width = size.width
        style = self.visual_style
        strip = self._cell_strips.get((cell, width, style))
        if strip is None:
            if len(self._cell_strips) > 64:
                self._cell_strips.clear()
            # One cell through the very path Textual renders the bar by (RichVisual, then Strip).
            lines = Visual.to_strips(self, visualize(self, Segments([cell])), width, 1, style)
            strip = lines[0] if lines else Strip.blank(width, style.rich_style)
            self._cell_strips[cell, width, style] = strip
        return strip

    def _cells(self) -> list[Segment] | None:
        """One segment a line, as ``ScrollBarRender`` paints the bar now (None: no way to know)."""
        height, width = self.size.height, self.size.width
        renderable = self.render() if height and width and self.parent is not None else None
        if not isinstance(renderable, ScrollBarRender):
            return None
        style = renderable.style
        if isinstance(style, str):
            return None
        bar = renderable.render_bar(
            size=height,
            virtual_size=renderable.virtual_size,
            window_size=renderable.window_size,
            position=renderable.position,
            thickness=width,
            vertical=True,
            back_color=style.bgcolor or Color.parse("#555555"),
            bar_color=style.color or Color.parse("bright_magenta"),
        )
        return list(bar.segments)

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if regions or layout or recompose or not repaint or not self.is_mounted:
            self._painted = None
            return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        cells = self._cells()
        painted, self._painted = self._painted, (None if cells is None else (self.size, cells))
        if cells is None or painted is None or painted[0] != self.size or len(painted[1]) != len(cells):
            return super().refresh()
        changed = [y for y, (old, new) in enumerate(zip(painted[1], cells, strict=True)) if old != new]
        if not changed:
            return self
        width = self.size.width
        return super().refresh(*(Region(0, y, width, 1) for y in changed))


class SteadyScrolling(Widget):
    """Mixed in after a pane's Textual base (``class X(ScrollView, SteadyScrolling)``): Textual
    takes CSS and component classes from the first base."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's, made a ``SteadyScrollBar`` (created on first use, as Textual's is)."""
        if self._vertical_scrollbar is None:
            self._vertical_scrollbar = scroll_bar = SteadyScrollBar(thickness=self.scrollbar_size_vertical)
            scroll_bar.display = False
            self.app._start_widget(self, scroll_bar)  # as Widget.vertical_scrollbar does (no public way)
        return self._vertical_scrollbar

    def set_virtual_height(self, height: int) -> None:
        """The content is now ``height`` lines: the scrollbar follows, the screen is not re-laid out."""
        size = Size(self.size.width, height)
        before = self.virtual_size
        if size == before:
            return
        self.virtual_size = size
        view = self.scrollable_content_region.height
        if before.width == size.width and before.height <= view and height <= view and not self.scroll_y:
            # Both fit: the scrollbar is all thumb before and after, so it is not repainted.
            self.vertical_scrollbar.set_reactive(ScrollBar.window_virtual_size, height)
            return
        self._scroll_update(size)


def retitle(widget: Widget, title: str | None = None, subtitle: str | None = None) -> None:
    """Set ``widget``'s border title and subtitle (None: leave it) only when they change:
    Textual repaints the whole widget for every assignment, even of the same words."""
    if title is not None and title != widget.border_title:
        widget.border_title = title
    if subtitle is not None and subtitle != widget.border_subtitle:
        widget.border_subtitle = subtitle
