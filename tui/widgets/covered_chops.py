"""A compositor that cuts up only the lines that reach the terminal.

To send a frame, Textual's ``Compositor`` takes the rectangle around every
region that changed, asks each widget in it for all its lines, and, for every
line where anything changed, cuts each widget's line at every widget edge on
that line ("chops"), front to back; the first widget to fill a piece wins, and
only the pieces that meet a changed span of the line are sent. A key that opens
another article changes the reader, the quote list, its detail and the sidebar
on some 45 lines: Textual then also cut the unchanged article list (and its
scrollbar) on each of them, and the containers behind the panes (the screen,
the row of panes, the middle column), fully covered by what they hold, into
every piece of every line. That cutting was a third of the frame.

``CoveredChops`` skips, on a line, a widget whose pieces there are all taken by
widgets in front of it, and a widget that meets none of the line's changed
spans (its pieces are marked taken, by an empty piece, so that no widget behind
fills them); a widget that meets no changed region at all is not asked for its
lines. The bytes sent to the terminal are exactly Textual's: a piece outside
every changed span is either not sent or sent as a cursor move with no cells,
whatever it holds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

_TAKEN = Strip([])  # a piece no update sends a cell of


class CoveredChops(Compositor):
    """``Compositor`` cutting only what is sent (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__()
        # The changed spans of each line, (x1, x2) by y, while a partial update is rendered.
        self._line_spans: dict[int, list[tuple[int, int]]] | None = None

    def render_partial_update(self) -> ChopsUpdate | None:
        # The same steps as the method it overrides (Textual 8.x, MIT), but the changed spans
        # are kept by line, for _render_chops to skip what meets none of them.
        screen_region = self.size.region
        update_regions = self._dirty_regions.copy()
        self._dirty_regions.clear()
        if not update_regions:
            return None
        crop = Region.from_union(list(update_regions)).intersection(screen_region)
        spans = list(self._regions_to_spans(update_regions))
        line_spans: dict[int, list[tuple[int, int]]] = {}
        for y, x1, x2 in spans:
            line_spans.setdefault(y, []).append((x1, x2))
        self._line_spans = line_spans
        try:
            chops = self._render_chops(crop, line_spans.__contains__)
        finally:
            self._line_spans = None
        chop_ends = [cut_set[1:] for cut_set in self.cuts]
        return ChopsUpdate(chops, spans, chop_ends)

    def _render_chops(
        self,
        crop: Region,
        is_rendered_line: Callable[[int], bool],
    ) -> Sequence[Mapping[int, Strip]]:
        # Overrides Textual 8.x's _render_chops (and inlines the walk of its _get_renders) to add
        # the checks marked "skip"; tests/test_tui_perf.py holds the bytes sent equal to Textual's.
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        line_spans = self._line_spans
        intersection = Region.intersection
        for widget, (region, clip) in self.visible_widgets.items():
            if not crop.overlaps(clip):
                continue
            render_region = intersection(region, clip)
            if not render_region.area:
                continue
            first_cut, last_cut = render_region.column_span
            rendered_lines = [y for y in render_region.line_range if is_rendered_line(y)]
            if line_spans is not None:
                meets = [any(x1 < last_cut and first_cut < x2 for x1, x2 in line_spans[y]) for y in rendered_lines]
                if not any(meets):
                    # skip: nothing of this widget is sent; its pieces are taken as they are
                    for y in rendered_lines:
                        _take(chops[y], cuts[y], first_cut, last_cut)
                    continue
            else:
                meets = [True] * len(rendered_lines)
            x, y, width, height = render_region
            strips = widget.render_lines(Region(x - region.x, y - region.y, width, height))
            top = render_region.y
            render_x = render_region.x
            for y, sent in zip(rendered_lines, meets, strict=True):
                chops_line = chops[y]
                final_cuts = [cut for cut in cuts[y] if (last_cut >= cut >= first_cut)]
                if not sent:
                    _take(chops_line, final_cuts, first_cut, last_cut)  # skip: this line of it is not sent
                    continue
                get_chops_line = chops_line.get
                # skip: every piece of this line is taken by widgets in front (the last cut, the
                # widget's right edge, starts a piece of the widget beside it, never filled here)
                if all(get_chops_line(cut) is not None for cut in final_cuts[:-1]):
                    continue
                cut_strips = strips[y - top].divide([cut - render_x for cut in final_cuts[1:]])
                # widgets come front to back: a piece keeps the first strip given to it
                for cut, strip in zip(final_cuts, cut_strips, strict=False):
                    if get_chops_line(cut) is None:
                        chops_line[cut] = strip
        return chops  # type: ignore[return-value]  # (as Textual's: every piece sent is filled)


def _take(chops_line: dict[int, Strip | None], line_cuts: list[int], first_cut: int, last_cut: int) -> None:
    """Mark the pieces of ``[first_cut, last_cut)`` not yet filled as taken (nothing of them is sent)."""
    for cut in line_cuts:
        if first_cut <= cut < last_cut and chops_line.get(cut, _TAKEN) is None:
            chops_line[cut] = _TAKEN
