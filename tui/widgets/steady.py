"""A scrolling widget whose content can grow or shrink without laying the screen out again.

Textual's ``Widget.virtual_size`` is a reactive with ``layout=True``: every
change (a new article in the reader, a new number of rows in a list, a new
set of entities in the sidebar) re-arranges and repaints the *whole* screen,
which made a key press in any pane cost two full-screen layouts. The panes
here have sizes fixed by the stylesheet, so their content size only matters
to their own scrollbar: ``SteadyScrolling`` redeclares ``virtual_size``
without ``layout`` and updates the scrollbar itself. When the scrollbar has
to appear or disappear, ``show_vertical_scrollbar`` (a layout reactive) still
lays the screen out, as it must.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widget import Widget


class SteadyScrolling(Widget):
    """Mixed in after a pane's Textual base (``class X(ScrollView, SteadyScrolling)``): Textual
    takes CSS and component classes from the first base."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def set_virtual_height(self, height: int) -> None:
        """The content is now ``height`` lines: the scrollbar follows, the screen is not re-laid out."""
        size = Size(self.size.width, height)
        if size == self.virtual_size:
            return
        self.virtual_size = size
        self._scroll_update(size)
