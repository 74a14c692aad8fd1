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
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.scrollbar import ScrollBar
from textual.widget import Widget


class SteadyScrolling(Widget):
    """Mixed in after a pane's Textual base (``class X(ScrollView, SteadyScrolling)``): Textual
    takes CSS and component classes from the first base."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)

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
