"""A pane's lines put together with its border without Textual's general line pipeline.

Textual turns each line a widget paints into a screen line in
``StylesCache.render_line``: it looks the border, outline, padding, hatch,
tint and opacity up again for every line and builds the border's segments
anew, then runs the app's line filters over the result, and for every line that
did not change it still runs the filters' cache look-up. For the panes that
repaint most of their lines on a key (the lists, the reader) that was about a
third of the time a frame took.

``PaneLines.render_lines`` does the same for the common case (a border and
padding, nothing translucent): the left and right edge of a content line (border
and padding) are taken once per paint from a line Textual renders itself, and
each new content line is joined between them; the lines that did not change are
handed back as they were painted, filters applied. Anything else (the border's
own lines, a tint, an outline, opacity) goes through Textual as before, so what
reaches the screen is the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget


class PaneLines(Widget):
    """Mixed in after a pane's Textual base, as ``SteadyScrolling`` is."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Painted lines with the line filters applied, by y; valid while Textual's styles cache
        # holds the same line un-dirtied (it is the one that knows when a line must be redone).
        self._filtered: dict[int, Strip] = {}
        self._filtered_key: tuple[object, ...] = ()
        # Content lines already put between these edges, by the content strip (kept alive here so
        # that its id stays its own): a row that scrolls to another line, or a line painted ahead
        # of a key, is the same strip, and its screen line (and the pieces the compositor cuts it
        # into, which Textual keeps on the strip) is reused rather than built again.
        self._joined: dict[int, tuple[Strip, Strip, Strip]] = {}
        self._joined_edges: tuple[object, ...] = ()
        # What the last paint joined content lines with: edges, inner style, content width,
        # line filters and background (``bake`` joins lines painted ahead the same way).
        self._bake_with: tuple[Strip, Strip, Style, int, Sequence[LineFilter], Color] | None = None

    def _joined_line(self, content: Strip) -> tuple[Strip, Strip]:
        """``content`` between the edges, and that with the line filters applied (kept by content)."""
        joined = self._joined.get(id(content))
        if joined is not None and joined[0] is content:
            return joined[1], joined[2]
        assert self._bake_with is not None
        left, right, _style, _width, filters, background = self._bake_with
        strip = unfiltered = Strip.join([left, content, right])
        for line_filter in filters:
            strip = strip.apply_filter(line_filter, background)
        if len(self._joined) > 6 * max(1, self.size.height):
            self._joined.clear()
        self._joined[id(content)] = (content, unfiltered, strip)
        return unfiltered, strip

    def bake(self, contents: Iterable[Strip]) -> int:
        """Put content lines a coming change will show (painted ahead, in idle time) between the
        edges as the last paint had them, and cut them where the compositor will: that frame
        then finds the screen lines and their pieces made. Returns how many lines were made
        (none before a first paint, or when the pane is not painted the plain way)."""
        if self._bake_with is None or not self._plain_styles():
            return 0
        _left, _right, inner_style, content_width, _filters, _background = self._bake_with
        cuts = self._content_cuts()
        console = self.app.console
        made = 0
        for content in contents:
            content = content.adjust_cell_length(content_width, inner_style)
            joined = self._joined.get(id(content))
            if joined is not None and joined[0] is content:
                continue
            _unfiltered, strip = self._joined_line(content)
            if cuts is not None:
                for piece in strip.divide(cuts):
                    piece.render(console)  # (the strip keeps its pieces and their terminal text)
            made += 1
        return made

    def _content_cuts(self) -> list[int] | None:
        """Where the compositor cuts a content line of this pane (as ``Compositor._render_chops``
        divides it), or None when the pane is not on screen."""
        if not self.is_mounted or not self.display:
            return None
        compositor = self.screen._compositor
        region = self.region
        y = region.y + self.styles.gutter.top
        if not region or not 0 <= y < len(compositor.cuts):
            return None
        final_cuts = [cut for cut in compositor.cuts[y] if region.x <= cut <= region.right]
        return [cut - region.x for cut in final_cuts[1:]]

    def _same_edges(self, edges: tuple[Strip, Strip], inner_style: Style) -> None:
        """Forget the joined lines when the edges (a focus colour, a new width) changed."""
        key = (inner_style, *(tuple(edge) for edge in edges))
        if key != self._joined_edges:
            self._joined.clear()
            self._joined_edges = key

    def _plain_styles(self) -> bool:
        """Whether only a border and padding lie between the content and the screen."""
        styles = self.styles
        if styles.tint.a or styles.text_opacity != 1.0 or self.opacity != 1.0:
            return False
        if styles.has_rule("hatch") and styles.hatch != "none":
            return False
        if any(edge for edge, _ in styles.outline):
            return False
        return not (self.auto_links and self.hover_style._link_id)

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self._plain_styles():
            self._filtered.clear()
            return super().render_lines(crop)
        cache = self._styles_cache  # Textual's, kept in step: its dirty lines are the ones redone here
        size = self.region.size
        width, height = size
        if width != cache._width:
            cache.clear()
            cache._width = width
        cache._simple_strip = None
        styles = self.styles
        app = self.app
        base_background, background = self.background_colors
        filters = self.get_line_filters()
        key = (width, base_background, background, *(id(f) for f in filters))
        if key != self._filtered_key:
            self._filtered.clear()
            self._joined.clear()
            self._filtered_key = key
        filtered = self._filtered
        painted = cache._cache
        dirty = cache._dirty_lines
        gutter = styles.gutter
        content_size = self.content_region.size
        content_width, content_height = content_size
        padding = styles.padding
        inner_style: Style = cache.get_inner_outer(base_background, background)[0].rich_style
        edges: tuple[Strip, Strip] | None = None

        def textual_line(y: int, content=self.render_line) -> Strip:
            """Line ``y`` as Textual's own pipeline renders it."""
            title = self._border_title
            subtitle = self._border_subtitle
            return cache.render_line(
                styles,
                y,
                size,
                content_size,
                padding,
                base_background,
                background,
                content,
                None if title is None else (title, *self._get_title_style_information(base_background)),
                None if subtitle is None else (subtitle, *self._get_subtitle_style_information(base_background)),
                1.0,
                app.ansi_theme,
                app.native_ansi_color,
            )

        strips: list[Strip] = []
        first_content, end_content = gutter.top, min(height - gutter.bottom, gutter.top + content_height)
        for y in crop.line_range:
            if y not in dirty and y in painted:
                strip = filtered.get(y)
                if strip is None:
                    strip = painted[y]
                    for line_filter in filters:
                        strip = strip.apply_filter(line_filter, background)
                    filtered[y] = strip
                strips.append(strip)
                continue
            if first_content <= y < end_content:
                if edges is None:
                    # The border and padding either side of a content line, from one line Textual
                    # renders with no content.
                    probe = textual_line(y, lambda _y: Strip([], 0))
                    edges = (probe.crop(0, gutter.left), probe.crop(width - gutter.right, width))
                    self._same_edges(edges, inner_style)
                left, right = edges
                content = self.render_line(y - gutter.top).adjust_cell_length(content_width, inner_style)
                self._bake_with = (left, right, inner_style, content_width, filters, background)
                unfiltered, strip = self._joined_line(content)
                painted[y], filtered[y] = unfiltered, strip
                strips.append(strip)
                continue
            else:
                strip = textual_line(y)
            painted[y] = strip
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            filtered[y] = strip
            strips.append(strip)
        dirty.difference_update(crop.line_range)
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips
