"""A keyboard list that renders only the rows on screen.

The article list must stay smooth with 100,000 rows and the quote list with
every quote of a speaker across the corpus, so neither builds a widget or an
``Option`` per row: this ``ScrollView`` asks its subclass for the text of a
row (``render_row``) only when that row is painted. A fixed header line (the
column titles) sits on the first line and does not scroll.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.pane_lines import PaneLines
from tui.widgets.steady import SteadyScrolling


class VirtualList(ScrollView, SteadyScrolling, PaneLines, can_focus=True):
    """Rows ``0..row_count-1`` with a cursor; subclasses say how a row looks."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="cursor_down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="cursor_up"),
        Binding("g,home", "cursor_first", "First", show=False, id="cursor_first"),
        Binding("G,end", "cursor_last", "Last", show=False, id="cursor_last"),
        Binding("pagedown,ctrl+d", "page_down", "Page down", show=False, id="page_down"),
        Binding("pageup,ctrl+u", "page_up", "Page up", show=False, id="page_up"),
        Binding("enter", "select", "Read", id="select"),  # in the footer: the pane's own key
    ]

    COMPONENT_CLASSES = {
        "virtual-list--header",
        "virtual-list--cursor",
        "virtual-list--dim",
        "virtual-list--empty",
    }

    DEFAULT_CSS = """
    /* The scrollbar is always there: appearing and disappearing with the number of rows,
       it would re-lay out the whole screen on the key that changed them. */
    VirtualList {
        background: $surface;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
        overflow-y: scroll;
    }
    VirtualList > .virtual-list--header { text-style: bold; color: $text-muted; background: $panel; }
    VirtualList > .virtual-list--cursor { background: $block-cursor-blurred-background; }
    VirtualList:focus > .virtual-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    VirtualList > .virtual-list--dim { color: $text-muted; }
    VirtualList > .virtual-list--empty { color: $text-muted; text-style: italic; }
    """

    # repaint=False: a move repaints the two rows it changes (``watch_cursor``), not the list.
    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    class Highlighted(Message):
        """The cursor moved onto ``index``."""

        def __init__(self, source: VirtualList, index: int) -> None:
            super().__init__()
            self.source = source
            self.index = index

        @property
        def control(self) -> VirtualList:
            return self.source

    class Selected(Highlighted):
        """Enter (or a click) on ``index``."""

    empty_text = "Nothing to show"

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._row_count = 0
        self._announce = True  # False while the owner sets rows it already shows elsewhere
        self._by_user = False  # the move under way is a key's or a click's
        # Called at once when a key or a click moves the cursor (else a Highlighted message is
        # posted): what shows the row then changes in the same frame as the cursor. Through a
        # message, the list's two repainted lines went out as a frame of their own and the
        # rest waited for the next one (a sixtieth of a second later at best).
        self.follow: Callable[[int], None] | None = None
        # Rich styles of the component classes (and "" for the widget's own), looked up once
        # per theme and focus state instead of for every painted line.
        self._styles: dict[str, Style] = {}
        # Painted rows by (index, under the cursor), for one width: a list scrolled by a line
        # (j at the bottom) paints one new row, not every row again.
        self._row_strips: dict[tuple[int, bool], Strip] = {}
        self._row_strips_width = 0
        # Painted rows by what they show (``row_key``), for the same width: a list whose rows
        # are replaced (the next article's quotes or entities) paints a row it showed before, or
        # one ``prepare_rows`` painted ahead in idle time, without rendering it again.
        self._keyed_strips: dict[tuple[Hashable, bool], Strip] = {}
        self._painting: tuple[int, int] | None = None  # (width, header lines) while render_lines runs

    # --- what subclasses provide -------------------------------------------------
    @property
    def row_count(self) -> int:
        return self._row_count

    def header(self, width: int) -> Text | None:
        """The column titles, or None for a list without a header line."""
        return None

    def has_header(self) -> bool:
        """Whether ``header`` gives a line now (asked for every painted line: keep it cheap)."""
        return self.header(1) is not None

    def render_row(self, index: int, width: int) -> Text:
        """Row ``index`` as a new ``Text`` (it is cut to ``width`` in place). Rows are painted
        once and kept until ``set_row_count`` or ``refresh_rows`` says they changed."""
        raise NotImplementedError

    def row_key(self, index: int) -> Hashable | None:
        """What row ``index`` shows, as a value that ``render_row`` is a function of (with the
        width and the styles), or None. Rows with a key are painted once per key: the same key
        at another index or in another set of rows reuses the line."""
        return None

    # At most this many rows are kept by key: a few screens (the shown article's, its neighbours',
    # those just left). Each kept line is a dozen objects the cyclic collector walks.
    KEYED_STRIPS = 512

    def prepare_rows(self, rows: Iterable[tuple[Hashable, Callable[[int], Text]]], cursor_key: Hashable = None) -> int:
        """Paint, ahead of time, the rows a coming change will show: ``(key, text_at_width)``
        pairs, the one keyed ``cursor_key`` under the cursor. Returns how many were painted
        (those already kept are not painted again)."""
        width = self.scrollable_content_region.width
        if not width or self._styles_stale():
            return 0
        self._keep_width(width)
        painted = 0
        strips = []
        for key, text_at in rows:
            under_cursor = key == cursor_key
            strip = self._keyed_strips.get((key, under_cursor))
            if strip is None:
                strip = self._paint_row(text_at(width), width, under_cursor)
                self._keep_keyed(key, under_cursor, strip)
                painted += 1
            strips.append(strip)
        self.bake(strips)  # and their screen lines
        return painted

    def _styles_stale(self) -> bool:
        """Whether the widget's styles may not be computed yet (before its first layout)."""
        return not self.is_mounted or not self.size.width

    # --- data changes ---------------------------------------------------------------
    def set_row_count(self, count: int, cursor: int = 0, announce: bool = True, repaint: bool = True) -> None:
        """New rows: resize the virtual canvas and put the cursor on ``cursor``.

        ``announce=False``: no ``Highlighted`` for the new cursor (the caller already shows
        that row everywhere; a second update would cost the user another frame).
        ``repaint=False``: the caller has marked the lines that changed itself."""
        before = self._row_count
        self._row_count = count
        self._row_strips.clear()
        self.set_virtual_height(count + self._header_lines)
        # The lines past both the old and the new rows stay blank: only the others are repainted.
        if repaint:
            self._refresh_visible(max(before, count, 1))
        self._announce = announce
        try:
            self.move_cursor(max(0, min(cursor, count - 1)) if count else 0, force=True)
        finally:
            self._announce = True

    def refresh_rows(self) -> None:
        """Repaint every visible row (their data changed, not their number)."""
        self._row_strips.clear()
        self._refresh_visible(max(self._row_count, 1))

    def _refresh_visible(self, rows: int) -> None:
        """Repaint the header and the visible lines of rows ``0..rows-1``."""
        header_lines = self._header_lines
        shown = max(0, min(rows - int(self.scroll_y), self._visible_rows))
        self.refresh(Region(0, 0, self.size.width, header_lines + shown))

    @property
    def _header_lines(self) -> int:
        return 1 if self.has_header() else 0

    # --- cursor ------------------------------------------------------------------------
    def move_cursor(self, index: int, *, force: bool = False) -> None:
        if not self._row_count:
            if force:
                self.cursor = 0
            return
        index = max(0, min(index, self._row_count - 1))
        if index == self.cursor and not force:
            return
        self.cursor = index

    def watch_cursor(self, old: int, new: int) -> None:
        top = int(self.scroll_y)
        self.scroll_to_row(new)
        if int(self.scroll_y) == top:
            # Only two lines changed: repaint those, not the whole list.
            self.refresh_line(old + self._header_lines)
            self.refresh_line(new + self._header_lines)
        else:
            self.refresh()
        if self._row_count and self._announce:
            if self._by_user and self.follow is not None:
                self.follow(new)
            else:
                self.post_message(self.Highlighted(self, new))

    def move_by_user(self, index: int) -> None:
        """``move_cursor`` for a key or a click: ``follow`` (when set) is called at once."""
        self._by_user = True
        try:
            self.move_cursor(index)
        finally:
            self._by_user = False

    @property
    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - self._header_lines)

    def scroll_to_row(self, index: int) -> None:
        if not self.scrollable_content_region.height:
            return  # not laid out yet: on_resize brings the cursor into view
        top = int(self.scroll_y)
        height = self._visible_rows
        if index < top:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self.move_by_user(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_by_user(self.cursor - 1)

    def action_cursor_first(self) -> None:
        self.move_by_user(0)

    def action_cursor_last(self) -> None:
        self.move_by_user(self._row_count - 1)

    def action_page_down(self) -> None:
        self.move_by_user(self.cursor + self._visible_rows)

    def action_page_up(self) -> None:
        self.move_by_user(self.cursor - self._visible_rows)

    def action_select(self) -> None:
        if self._row_count:
            self.post_message(self.Selected(self, self.cursor))

    # --- mouse -----------------------------------------------------------------------------
    def row_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        y = offset.y - self._header_lines
        if y < 0:
            return None
        index = int(self.scroll_y) + y
        return index if 0 <= index < self._row_count else None

    def on_click(self, event: events.Click) -> None:
        index = self.row_under(event)
        if index is None:
            return
        self.focus()
        if index == self.cursor and event.chain >= 2:
            self.post_message(self.Selected(self, index))
        self.move_by_user(index)

    # --- painting ---------------------------------------------------------------------------
    def component_style(self, name: str) -> Style:
        """The Rich style of component class ``name`` ("" for the list's own), cached."""
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name) if name else self.rich_style
        return style

    def _forget_painted(self) -> None:
        """The styles changed: every kept line is out of date."""
        self._styles.clear()
        self._row_strips.clear()
        self._keyed_strips.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()  # a new theme
        self._forget_painted()

    def on_focus(self) -> None:
        self._forget_painted()  # ":focus" styles the cursor line differently
        self.refresh()

    def on_blur(self) -> None:
        self._forget_painted()
        self.refresh()

    def on_resize(self) -> None:
        self.set_virtual_height(self._row_count + self._header_lines)
        self.scroll_to_row(self.cursor)

    def render_lines(self, crop: Region) -> list[Strip]:
        # the same for every line of this paint: looked up once
        self._painting = (self.scrollable_content_region.width, self._header_lines)
        try:
            return super().render_lines(crop)
        finally:
            self._painting = None

    def render_line(self, y: int) -> Strip:
        width, header_lines = self._painting or (self.scrollable_content_region.width, self._header_lines)
        if header_lines and y == 0:
            header = self.header(width)
            assert header is not None
            return self._strip(header, width, self.component_style("virtual-list--header"))
        index = int(self.scroll_y) + y - header_lines
        base = self.component_style("")
        if not self._row_count:
            if index == 0:
                return self._strip(Text(self.empty_text), width, self.component_style("virtual-list--empty"))
            return Strip.blank(width, base)
        if index >= self._row_count:
            return Strip.blank(width, base)
        self._keep_width(width)
        under_cursor = index == self.cursor
        strip = self._row_strips.get((index, under_cursor))
        if strip is None:
            key = self.row_key(index)
            strip = None if key is None else self._keyed_strips.get((key, under_cursor))
            if strip is None:
                strip = self._paint_row(self.render_row(index, width), width, under_cursor)
                if key is not None:
                    self._keep_keyed(key, under_cursor, strip)
            self._row_strips[index, under_cursor] = strip
        return strip

    def _keep_width(self, width: int) -> None:
        if width != self._row_strips_width:
            self._row_strips.clear()
            self._keyed_strips.clear()
            self._row_strips_width = width

    def _keep_keyed(self, key: Hashable, under_cursor: bool, strip: Strip) -> None:
        if len(self._keyed_strips) >= self.KEYED_STRIPS:
            self._keyed_strips.clear()  # (rarely: a few screens of rows come back within a few keys)
        self._keyed_strips[key, under_cursor] = strip

    def _paint_row(self, text: Text, width: int, under_cursor: bool) -> Strip:
        if under_cursor:
            return self._strip(text, width, self.component_style("virtual-list--cursor"), over=True)
        return self._strip(text, width, self.component_style(""))

    def _strip(self, text: Text, width: int, style: Style, over: bool = False) -> Strip:
        """One painted line: ``text`` cut or padded to ``width`` (in place), on ``style``.

        ``over`` lays the style on top of the row's own colours (the cursor line
        must win over, say, a green "accepted" marker) instead of under them.
        Neighbouring pieces of the same style are joined: every segment of a line
        costs again in each step of Textual's painting.
        """
        text.truncate(width, overflow="ellipsis", pad=True)
        text.no_wrap = True
        if over:
            segments = [Segment(seg.text, (seg.style or Style()) + style) for seg in text.render(self.app.console)]
        else:
            segments = [
                Segment(seg.text, style + seg.style if seg.style else style) for seg in text.render(self.app.console)
            ]
        return Strip(Segment.simplify(segments), width)
