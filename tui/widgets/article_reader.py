"""The article reader: the text with its quotes, speakers, cues and entities marked.

It wraps the text itself (``text_wrap``) so it knows the character range of
every screen line: highlights are laid by offset, moving through quotes
scrolls the focused one into the middle of the view, the words of a search
are highlighted and reached with ``n``/``N``, and selection mode (mark a
quote the extractor missed, or change a quote's span; ``span_selection.py``
holds its state and motions) is painted as a caret and a span.
Only the lines on screen are styled, and each once until something changes.

Why this module is longer than ~500 lines: painting, the quote/cue/entity highlights, the search
hits and the selection caret all read one line map (screen line → character range) and one
style cache, which a split would have to make public; the selection's state and motions already
live apart in ``span_selection.py`` and the wrapping in ``text_wrap.py``.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.actions import SkipAction
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from corpus.models import Article, Entity
from tui.widgets.overlay_style import OverlayStyles
from tui.widgets.pane_lines import PaneLines
from tui.widgets.quote_row import QuoteRow
from tui.widgets.span_selection import SELECTION_ACTIONS, SELECTION_BINDINGS, SpanChoice, SpanSelection
from tui.widgets.steady import SteadyScrolling, retitle
from tui.widgets.text_wrap import WrappedText, wrap

if TYPE_CHECKING:
    from textual.events import Key


@dataclass(frozen=True, slots=True)
class _Kept:
    """An article's wrapping and painted lines, with the look they were painted with."""

    look: tuple[object, ...]
    wrapped: WrappedText
    lines: dict[int, Strip]


def _painting_order(quotes: Sequence[QuoteRow]) -> tuple[QuoteRow, ...]:
    """By start, a quote before the reports inside it: an inner quote is painted over the one holding it."""
    return tuple(sorted(quotes, key=lambda q: (q.start, -q.end)))


# Entity labels with a colour of their own; every other label shares one.
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC")


class ArticleReader(ScrollView, SteadyScrolling, PaneLines, can_focus=True):
    """The selected article, highlighted."""

    BINDINGS = [
        # Reading.
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="reader_down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="reader_up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="reader_top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="reader_bottom"),
        Binding(
            "space,pagedown", "page_down", "Page down", id="reader_page_down", key_display="space"
        ),  # shown: the pane's own key
        Binding("pageup", "page_up", "Page up", show=False, id="reader_page_up"),
        # The words of the search (only while the article has some).
        Binding("n", "search_hit(1)", "Next hit", id="reader_next_hit"),
        Binding("N", "search_hit(-1)", "Previous hit", id="reader_previous_hit"),
        # Selection mode (shown in the footer only while selecting).
        *SELECTION_BINDINGS,
    ]
    _READING_ACTIONS = {"scroll_down", "scroll_up", "scroll_home", "scroll_end", "page_down", "page_up"}

    COMPONENT_CLASSES = {
        "article-reader--direct",
        "article-reader--indirect",
        "article-reader--mixed",
        "article-reader--floating",
        "article-reader--unreviewed",
        "article-reader--accepted",
        "article-reader--rejected",
        "article-reader--focused",
        "article-reader--nested",
        "article-reader--speaker",
        "article-reader--cue",
        "article-reader--selection",
        "article-reader--caret",
        "article-reader--search",
        "article-reader--search-current",
        "article-reader--empty",
        *(f"article-reader--entity-{label.lower()}" for label in ENTITY_LABELS),
        "article-reader--entity-other",
    }

    DEFAULT_CSS = """
    ArticleReader { padding: 0 1; overflow-x: hidden; overflow-y: scroll; scrollbar-size-vertical: 1; }
    ArticleReader > .article-reader--direct { background: $primary 30%; }
    ArticleReader > .article-reader--indirect { background: $success 22%; }
    ArticleReader > .article-reader--mixed { background: $warning 22%; }
    ArticleReader > .article-reader--floating { background: $secondary 45%; }
    ArticleReader > .article-reader--unreviewed { background: $foreground 10%; }
    ArticleReader > .article-reader--accepted { background: $success 30%; }
    ArticleReader > .article-reader--rejected { background: $error 30%; text-style: strike; }
    ArticleReader > .article-reader--focused { text-style: bold; background: $accent 35%; }
    ArticleReader > .article-reader--nested { text-style: underline; }
    ArticleReader > .article-reader--speaker { text-style: bold underline; color: $text-warning; }
    ArticleReader > .article-reader--cue { text-style: italic underline; color: $text-accent; }
    ArticleReader > .article-reader--selection { background: $warning 60%; color: $text; }
    ArticleReader > .article-reader--caret { text-style: reverse bold; }
    ArticleReader > .article-reader--search { background: $warning 35%; text-style: underline; }
    ArticleReader > .article-reader--search-current { background: $warning 80%; color: $text; text-style: bold; }
    ArticleReader > .article-reader--empty { color: $text-muted; text-style: italic; }
    ArticleReader > .article-reader--entity-person { color: $text-success; }
    ArticleReader > .article-reader--entity-org { color: $text-primary; }
    ArticleReader > .article-reader--entity-gpe { color: $text-secondary; }
    ArticleReader > .article-reader--entity-norp { color: $text-warning; }
    ArticleReader > .article-reader--entity-loc { color: $text-secondary; text-style: italic; }
    ArticleReader > .article-reader--entity-other { color: $text-muted; text-style: underline; }
    """

    show_entities: reactive[bool] = reactive(False, init=False)
    colour_by: reactive[str] = reactive("kind", init=False)  # "kind" or "status"
    selecting: reactive[bool] = reactive(False, init=False)

    class SpanSelected(Message):
        """The user confirmed a span: a quote to add (``editing`` None) of ``kind``, or the
        new span of quote ``editing``."""

        def __init__(
            self, article_id: str, start: int, end: int, kind: str = "direct", editing: str | None = None
        ) -> None:
            super().__init__()
            self.article_id = article_id
            self.start = start
            self.end = end
            self.kind = kind
            self.editing = editing

    class QuoteClicked(Message):
        """A click on a highlighted quote: the quote viewer moves to it."""

        def __init__(self, quote_id: str) -> None:
            super().__init__()
            self.quote_id = quote_id

    class SelectionChanged(Message):
        """Selection mode started or ended (the screen updates its hint line)."""

        def __init__(self, selecting: bool) -> None:
            super().__init__()
            self.selecting = selecting

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.empty_text = "Select an article in the list to read it here."  # what is true when none is shown
        self.quotes: tuple[QuoteRow, ...] = ()
        self.entities: tuple[Entity, ...] = ()
        self.focused_quote: str | None = None
        self.cursor: int | None = None  # the text offset last clicked: where a selection starts
        self.selection_mode: SpanSelection | None = None
        self.search = ""  # the words searched for, highlighted in the text
        self.hits: list[tuple[int, int]] = []
        self.current_hit: int | None = None
        self._find_from = 0  # the caret before "/" (Escape goes back there)
        self._subtitle = ""
        self._wrapped: WrappedText | None = None
        self._line_cache: dict[int, Strip] = {}
        # Articles shown before or prepared ahead (``prepare``), by id: their wrapping and painted
        # lines, and the look those lines were painted with (``_look``). Going back to one, or on
        # to one prepared in idle time, shows it without wrapping or styling its lines again.
        self._kept: OrderedDict[str, _Kept] = OrderedDict()
        self._style = OverlayStyles(self)
        self._base: Style | None = None  # the reader's own Rich style (Textual computes it afresh each time)

    # --- content ------------------------------------------------------------------------
    def show(
        self,
        article: Article | None,
        quotes: Sequence[QuoteRow],
        entities: Iterable[Entity] = (),
        focused_quote: str | None = None,
        subtitle: str = "",
        scroll_to_focus: bool = False,
    ) -> None:
        """Show ``article`` (None: nothing selected) and scroll to the focused quote."""
        same_article = self.article is not None and article is not None and article.id == self.article.id
        before = self.article
        self.article = article
        self.quotes = _painting_order(quotes)
        self.entities = tuple(entities)
        self.focused_quote = focused_quote
        self.border_title = (article.title or article.id) if article else "Reader"
        self._subtitle = subtitle
        kept: _Kept | None = None
        if not same_article:
            if self.selecting:
                self._end_selection()
            self._keep_shown(before)
            self._wrapped = None
            self.cursor = None
            self._find_hits()
            self.scroll_to(y=0, animate=False, immediate=True)
            kept = self._kept.pop(article.id, None) if article is not None else None
            if kept is not None and kept.wrapped.width == self._text_width():
                self._wrapped = kept.wrapped
        self._show_subtitle()
        self._relayout()
        if kept is not None and kept.look == self._look():
            self._line_cache = kept.lines  # painted before with this very look
        if focused_quote and (same_article or scroll_to_focus):
            self.scroll_to_quote(focused_quote)

    def update_quotes(self, quotes: Sequence[QuoteRow], focused_quote: str | None = None) -> None:
        """New annotation state for the same article (a status, a correction). A new focused
        quote is scrolled to here: its ``focus_quote`` may come after and find it focused.
        Only the lines of the quotes that changed (and of the focus, if it moved) are repainted."""
        before = self.quotes
        before_focus = self._focused_row()
        self.quotes = _painting_order(quotes)
        moved = focused_quote != self.focused_quote
        self.focused_quote = focused_quote
        old = {q.id: q for q in before}
        new = {q.id: q for q in self.quotes}
        changed = [q for q in self.quotes if old.get(q.id) != q] + [q for q in before if new.get(q.id) != q]
        if moved:
            changed += [q for q in (before_focus, self._focused_row()) if q is not None]
        self._repaint_quotes(changed)
        if moved and focused_quote:
            self.scroll_to_quote(focused_quote)

    def focus_quote(self, quote_id: str | None) -> None:
        """Highlight ``quote_id`` and scroll to it (not when it is already the focused one:
        the reader may have been scrolled away on purpose). Only the lines of the quote that
        loses the focus and of the one that takes it are repainted."""
        if quote_id == self.focused_quote:
            return
        before = self._focused_row()
        self.focused_quote = quote_id
        self._repaint_quotes([q for q in (before, self._focused_row()) if q is not None])
        if quote_id:
            self.scroll_to_quote(quote_id)

    # --- articles kept and prepared ahead --------------------------------------------------
    KEPT_ARTICLES = 8

    def _look(self) -> tuple[object, ...]:
        """What the painted lines of the article shown depend on, besides the styles (a new
        theme or focus drops every kept line) and the line's text."""
        return (
            self._text_width(),
            self.quotes,
            self.entities if self.show_entities else (),
            self.show_entities,
            self.colour_by,
            self.focused_quote,
            tuple(self.hits),
            self.current_hit,
        )

    def keeps(self, article_id: str) -> bool:
        """Whether ``article_id``'s lines are kept (it was shown or prepared a moment ago)."""
        return article_id in self._kept

    def _keep_shown(self, article: Article | None) -> None:
        """Keep the article being left (its wrapping, its painted lines) for a return to it."""
        if article is None or self._wrapped is None or self.selection_mode is not None:
            return
        self._remember(article.id, _Kept(self._look(), self._wrapped, self._line_cache))

    def _remember(self, article_id: str, kept: _Kept) -> None:
        self._kept[article_id] = kept
        self._kept.move_to_end(article_id)
        while len(self._kept) > self.KEPT_ARTICLES:
            self._kept.popitem(last=False)

    def prepare(
        self,
        article: Article,
        quotes: Sequence[QuoteRow],
        entities: Iterable[Entity] = (),
        focused_quote: str | None = None,
    ) -> bool:
        """Wrap ``article`` and paint its first screen of lines ahead, in idle time, as
        ``show`` with these arguments will show it (from its top): that key then finds them.
        False when there was nothing to do (already prepared, the article shown, no size yet)."""
        height = self.scrollable_content_region.height
        showing = self.article is not None and article.id == self.article.id
        if not height or self.selection_mode is not None or showing:
            return False
        shown = (self.article, self.quotes, self.entities, self.focused_quote, self.hits, self.current_hit)
        painted = (self._wrapped, self._line_cache)
        try:
            # Put in place what _style_line reads, as show() would, and paint as render_line does.
            self.article = article
            self.quotes = _painting_order(quotes)
            self.entities = tuple(entities)
            self.focused_quote = focused_quote
            self._find_hits()
            look = self._look()
            kept = self._kept.get(article.id)
            if kept is not None and kept.look == look:
                return False
            width = self.scrollable_content_region.width
            wrapped = kept.wrapped if kept is not None and kept.wrapped.width == self._text_width() else None
            self._wrapped = wrapped or wrap(article.text, self._text_width())
            self._line_cache = {}
            for line in range(min(height, len(self._wrapped.lines))):
                self._line_cache[line] = self._to_strip(self._style_line(line), width)
            self._remember(article.id, _Kept(look, self._wrapped, self._line_cache))
            self.bake(self._line_cache.values())  # and their screen lines
            return True
        finally:
            self.article, self.quotes, self.entities, self.focused_quote, self.hits, self.current_hit = shown
            self._wrapped, self._line_cache = painted

    def _focused_row(self) -> QuoteRow | None:
        return next((q for q in self.quotes if q.id == self.focused_quote), None) if self.focused_quote else None

    def _repaint_quotes(self, rows: Iterable[QuoteRow]) -> None:
        """Repaint the lines ``rows`` are painted on: the quote, its speaker and its cue."""
        if self._wrapped is None:
            self._invalidate()
            return
        wrapped = self._wrapped
        lines: set[int] = set()
        for row in rows:
            spans = [(row.start, row.end)]
            spans += [(span.start, span.end) for span in (row.speaker_span, row.quote.cue) if span is not None]
            for start, end in spans:
                lines.update(range(wrapped.line_of(start), wrapped.line_of(max(start, end - 1)) + 1))
        for line in lines:
            self._line_cache.pop(line, None)
        top = int(self.scroll_y)
        height = self.scrollable_content_region.height
        shown = sorted(line - top for line in lines if top <= line < top + height)
        regions: list[Region] = []
        for y in shown:
            if regions and regions[-1].bottom == y:
                regions[-1] = Region(0, regions[-1].y, self.size.width, regions[-1].height + 1)
            else:
                regions.append(Region(0, y, self.size.width, 1))
        if regions:
            self.refresh(*regions)

    def scroll_to_quote(self, quote_id: str) -> None:
        quote = next((q for q in self.quotes if q.id == quote_id), None)
        if quote is None or self._wrapped is None:
            return
        self._scroll_to_span(quote.start, quote.end)

    def _scroll_to_span(self, start: int, end: int, center: bool = True) -> None:
        assert self._wrapped is not None
        first = self._wrapped.line_of(start)
        last = self._wrapped.line_of(max(start, end - 1))
        height = self.scrollable_content_region.height or 1
        top = int(self.scroll_y)
        if first >= top and last < top + height:
            return  # already in view: do not make the text jump
        if center and last - first < height:
            target = max(0, first - (height - (last - first + 1)) // 2)
        else:
            target = first
        self.scroll_to(y=target, animate=False, immediate=True)

    # --- toggles ----------------------------------------------------------------------
    def watch_show_entities(self) -> None:
        self._invalidate()

    def watch_colour_by(self) -> None:
        self._invalidate()

    # --- layout & painting ------------------------------------------------------------------
    def _text_width(self) -> int:
        return max(10, self.scrollable_content_region.width)

    def _relayout(self) -> None:
        if self.article is None:
            self._wrapped = None
            self.set_virtual_height(1)
        else:
            width = self._text_width()
            if self._wrapped is None or self._wrapped.width != width:
                self._wrapped = wrap(self.article.text, width)
            self.set_virtual_height(len(self._wrapped.lines))
        self._invalidate()

    def _invalidate(self) -> None:
        self._line_cache = {}  # a new one: the article left keeps its own (``_keep_shown``)
        self.refresh()

    def on_resize(self) -> None:
        # Keep the first visible word at the top: re-wrapping must not lose the reader's place.
        top_offset = None
        if self._wrapped is not None and self._wrapped.lines:
            top_offset = self._wrapped.lines[min(int(self.scroll_y), len(self._wrapped.lines) - 1)][0]
        self._relayout()
        if self.selecting:
            self._follow_caret()
        elif top_offset is not None and self._wrapped is not None:
            self.scroll_to(y=self._wrapped.line_of(top_offset), animate=False, immediate=True)

    def notify_style_update(self) -> None:
        # A theme change restyles the component classes: drop the painted lines.
        super().notify_style_update()
        self._style.clear()
        self._base = None
        self._line_cache.clear()
        self._kept.clear()

    @property
    def base_style(self) -> Style:
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = int(self.scroll_y) + y
        if self.article is None or self._wrapped is None:
            if y == 0:
                text = Text(self.empty_text, style=self._style("article-reader--empty"))
                return self._to_strip(text, width)
            return Strip.blank(width, self.base_style)
        if line >= len(self._wrapped.lines):
            return Strip.blank(width, self.base_style)
        strip = self._line_cache.get(line)
        if strip is None or strip.cell_length != width:
            strip = self._to_strip(self._style_line(line), width)
            self._line_cache[line] = strip
        return strip

    def _to_strip(self, text: Text, width: int) -> Strip:
        text.truncate(width, overflow="crop", pad=True)
        base = self.base_style
        segments = [Segment(s.text, base + s.style if s.style else base) for s in text.render(self.app.console)]
        return Strip(segments, width).crop(0, width)

    def _style_line(self, line: int) -> Text:
        assert self.article is not None and self._wrapped is not None
        start, end = self._wrapped.lines[line]
        raw = self.article.text[start:end].rstrip("\n")
        text = Text(raw.rstrip() if not self.selecting else raw)
        length = len(text.plain)
        if not length and not self.selecting:
            return text

        def paint(a: int, b: int, style: Style) -> None:
            lo, hi = max(a, start) - start, min(b, end) - start
            if lo < hi and lo < length:
                text.stylize(style, lo, min(hi, length))

        if self.show_entities:
            for entity in self.entities:
                if entity.end > start and entity.start < end:
                    label = entity.label.lower() if entity.label in ENTITY_LABELS else "other"
                    paint(entity.start, entity.end, self._style(f"article-reader--entity-{label}"))
        # Each quote's colour, an outer quote before the reports inside it (their colour over its own,
        # and underlined: two quotes of one kind stay two); the focused quote's look last, over any
        # quote inside it or holding it, so it shows whole whichever of the two it is.
        focused = None
        for quote in self.quotes:
            if quote.end <= start or quote.start >= end:
                continue
            key = quote.kind if self.colour_by == "kind" else quote.status
            paint(quote.start, quote.end, self._style(f"article-reader--{key}"))
            if quote.inside is not None:
                paint(quote.start, quote.end, self._style("article-reader--nested"))
            if quote.id == self.focused_quote:
                focused = quote
        if focused is not None:
            paint(focused.start, focused.end, self._style("article-reader--focused"))
        for quote in self.quotes:
            speaker = quote.speaker_span
            if speaker and speaker.end > start and speaker.start < end:
                paint(speaker.start, speaker.end, self._style("article-reader--speaker"))
            cue = quote.quote.cue
            if cue and cue.end > start and cue.start < end:
                paint(cue.start, cue.end, self._style("article-reader--cue"))
        for i, (a, b) in enumerate(self.hits):
            if b > start and a < end:
                current = i == self.current_hit
                paint(a, b, self._style("article-reader--search-current" if current else "article-reader--search"))
        mode = self.selection_mode
        if mode is not None:
            if mode.extending:
                lo, hi = mode.span
                paint(lo, hi, self._style("article-reader--selection"))
            if start <= mode.caret < max(end, start + 1):
                col = mode.caret - start
                if col >= length:
                    text.append(" ")
                    length += 1
                text.stylize(self._style("article-reader--caret"), col, col + 1)
        return text

    # --- mouse ---------------------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self._wrapped is None or not self._wrapped.lines:
            return
        line = int(self.scroll_y) + offset.y
        if line >= len(self._wrapped.lines):
            return
        position = self._wrapped.offset_at(line, offset.x)
        self.cursor = position
        if self.selection_mode is not None:
            self.selection_mode.move_to(position)
            self._caret_moved()
            return
        # the innermost quote there: a click on a report inside a report is a click on the inner one
        hit = min((q for q in self.quotes if q.start <= position < q.end), key=lambda q: q.end - q.start, default=None)
        if hit is not None:
            self.post_message(self.QuoteClicked(hit.id))

    # --- search ----------------------------------------------------------------------------------
    def set_search(self, words: str | None) -> None:
        """Highlight where the words of a search start (``n``/``N`` go from one to the next)."""
        words = (words or "").strip()
        if words == self.search:
            return
        self.search = words
        self._find_hits()
        self._show_subtitle()
        self.refresh_bindings()
        self._invalidate()

    def _find_hits(self) -> None:
        """Every place in the text where a searched word starts (the start of a word is
        enough, as for the search itself)."""
        self.current_hit = None
        terms = [t for t in self.search.split() if t]
        if self.article is None or not terms:
            self.hits = []
            return
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)
        self.hits = [(m.start(), m.end()) for m in pattern.finditer(self.article.text)]

    def action_search_hit(self, step: int) -> None:
        """The next (``step`` 1) or previous (-1) hit from the one shown (or from the top of the
        view), wrapping around the text."""
        if not self.hits or self._wrapped is None:
            return
        if self.current_hit is None:
            top = self._wrapped.lines[min(int(self.scroll_y), len(self._wrapped.lines) - 1)][0]
            after = [i for i, (a, _) in enumerate(self.hits) if a >= top]
            index = (after[0] if after else 0) if step > 0 else ((after[0] if after else 0) - 1)
        else:
            index = self.current_hit + step
        self.current_hit = index % len(self.hits)
        a, b = self.hits[self.current_hit]
        self.cursor = a
        self._scroll_to_span(a, b)
        self._show_subtitle()
        self._invalidate()

    def set_subtitle(self, subtitle: str) -> None:
        """What the border says under the text (the date, source and number of quotes)."""
        self._subtitle = subtitle
        self._show_subtitle()

    def _show_subtitle(self) -> None:
        mode = self.selection_mode
        parts = [self._subtitle] if self._subtitle and mode is None else []
        if mode is not None:
            # short: at 80 columns the reader's border has room for little else
            parts.append("new span" if mode.editing else f"new {mode.kind} quote")
            if mode.count:
                parts.append(f"{mode.count}…")
            if mode.finding is not None:
                parts.append(f"/{mode.finding}▏")
        elif self.search:
            if not self.hits:
                parts.append(f"“{self.search}” not in this article")
            elif self.current_hit is None:
                parts.append(f"{len(self.hits)} hits (n/N)")
            else:
                parts.append(f"hit {self.current_hit + 1} of {len(self.hits)}")
        retitle(self, subtitle=" · ".join(parts))

    # --- selection mode (its state and motions: span_selection.py) ---------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in SELECTION_ACTIONS:
            return self.selecting
        if action in self._READING_ACTIONS:
            return not self.selecting
        if action == "search_hit":
            return bool(self.hits) and not self.selecting  # otherwise n is the screen's (note)
        return True

    def start_selection(self, editing: QuoteRow | None = None, kind: str = "direct") -> bool:
        """Enter selection mode: on ``editing``'s span (to change it), else at the clicked word,
        else on the focused quote when it is on screen, else at the top of the view."""
        if self.article is None or self._wrapped is None or not self.article.text.strip():
            return False
        lines = self._wrapped.lines
        top = int(self.scroll_y)
        first_visible = lines[min(top, len(lines) - 1)][0]
        height = self.scrollable_content_region.height or 1
        last_visible = lines[min(top + height, len(lines)) - 1][1]
        focused = next((q for q in self.quotes if q.id == self.focused_quote), None)
        if editing is not None:
            span = (editing.start, editing.end)
            self.selection_mode = SpanSelection(
                self.article.text, editing.start, kind=editing.kind, editing=editing.id, span=span
            )
        else:
            if self.cursor is not None:
                caret = self.cursor
            elif focused is not None and first_visible <= focused.start < last_visible:
                caret = focused.start
            else:
                caret = first_visible
            self.selection_mode = SpanSelection(self.article.text, caret, kind=kind)
        self.selecting = True
        self.focus()
        self._caret_moved()
        return True

    def watch_selecting(self, selecting: bool) -> None:
        self.refresh_bindings()
        self._show_subtitle()
        self._invalidate()
        self.post_message(self.SelectionChanged(selecting))

    @property
    def caret(self) -> int:
        """Where the caret is (selection mode), or the reader's cursor (0 without one)."""
        if self.selection_mode is not None:
            return self.selection_mode.caret
        return self.cursor or 0

    @property
    def selection(self) -> tuple[int, int]:
        """The selected text range: span start to caret, whole words at both ends."""
        assert self.selection_mode is not None
        return self.selection_mode.span

    def _caret_moved(self) -> None:
        mode = self.selection_mode
        if mode is not None and self._wrapped is not None:
            self._scroll_to_span(mode.caret, mode.caret + 1, center=False)
        self._show_subtitle()
        self._invalidate()

    def _follow_caret(self) -> None:
        mode = self.selection_mode
        if mode is not None and self._wrapped is not None:
            self._scroll_to_span(mode.caret, mode.caret + 1, center=False)

    def _mode(self) -> SpanSelection:
        assert self.selection_mode is not None  # the actions are only enabled while selecting
        return self.selection_mode

    def action_caret_word(self, step: int) -> None:
        mode = self._mode()
        mode.word(step * mode.take_count())
        self._caret_moved()

    def action_caret_line(self, step: int) -> None:
        assert self._wrapped is not None
        mode = self._mode()
        mode.line(step * mode.take_count(), self._wrapped)
        self._caret_moved()

    def action_caret_line_edge(self, edge: int) -> None:
        assert self._wrapped is not None
        mode = self._mode()
        mode.take_count()
        mode.line_edge(edge, self._wrapped)
        self._caret_moved()

    def action_toggle_kind(self) -> None:
        self._mode().toggle_kind()
        self._show_subtitle()

    def action_toggle_anchor(self) -> None:
        self._mode().toggle_anchor()
        self._invalidate()

    # "/" in selection mode: type the words to jump to (each key moves the caret to the next place
    # they occur), Enter keeps the caret there, Escape goes back; n/N jump to the next/previous one.
    def action_find_in_selection(self) -> None:
        mode = self._mode()
        mode.finding = ""
        self._find_from = mode.caret
        self._show_subtitle()

    def action_find_again(self, step: int) -> None:
        mode = self._mode()
        if mode.last_find and not mode.find(mode.last_find, step):
            self.notify(f"“{mode.last_find}” is not in this article.", severity="warning", timeout=2)
        self._caret_moved()

    def on_key(self, event: Key) -> None:
        mode = self.selection_mode
        if mode is None:
            return
        if mode.finding is None:
            # A count (5w): digits, and 0 once a count is under way (a lone 0 is the line start).
            if event.character and event.character.isdigit() and (event.character != "0" or mode.count):
                event.stop()
                event.prevent_default()
                mode.add_digit(int(event.character))
                self._show_subtitle()
            return
        event.stop()
        event.prevent_default()
        if event.key == "escape":
            mode.finding = None
            mode.caret = self._find_from
        elif event.key == "enter":
            if mode.finding and not mode.find(mode.finding, 1) and mode.caret == self._find_from:
                self.notify(f"“{mode.finding}” is not in this article.", severity="warning", timeout=2)
            mode.finding = None
        elif event.key == "backspace":
            mode.finding = mode.finding[:-1]
            mode.caret = self._find_from
            if mode.finding:
                mode.find(mode.finding, 1)
        elif event.character and event.is_printable:
            mode.finding += event.character
            mode.caret = self._find_from
            mode.find(mode.finding, 1)
        self._caret_moved()

    def action_confirm_selection(self) -> None:
        mode = self._mode()
        if not mode.extending:
            # The first Enter starts the span at the caret; the second confirms it.
            mode.toggle_anchor()
            self._invalidate()
            return
        assert self.article is not None
        choice: SpanChoice = mode.choice()
        article_id = self.article.id
        self._end_selection()
        self.post_message(self.SpanSelected(article_id, choice.start, choice.end, choice.kind, choice.editing))

    def action_cancel_selection(self) -> None:
        self._end_selection()

    def _end_selection(self) -> None:
        self.selection_mode = None
        self.selecting = False

    # A line at once, like a page: Textual animates a keyed one-line scroll over several frames,
    # which in a terminal shows nothing smoother and keeps the screen changing twice as long.
    def action_scroll_down(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_up(animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)
