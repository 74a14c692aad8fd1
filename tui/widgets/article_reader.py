"""The article reader: the text with its quotes, speakers, cues and entities marked.

It wraps the text itself (``text_wrap``) so it knows the character range of
every screen line: highlights are laid by offset, moving through quotes
scrolls the focused one into the middle of the view, and the selection mode
(mark a quote the extractor missed) moves a caret word by word.
Only the lines on screen are styled, and each once until something changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from corpus.models import Article, Entity
from tui.widgets.overlay_style import OverlayStyles
from tui.widgets.quote_row import QuoteRow
from tui.widgets.text_wrap import WrappedText, wrap

_TOKEN = re.compile(r"\S+")
# Entity labels with a colour of their own; every other label shares one.
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC")


class ArticleReader(ScrollView, can_focus=True):
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
        # Selection mode (shown in the footer only while selecting).
        Binding("l,right,w", "caret_word(1)", "Next word", id="select_next_word"),
        Binding("h,left,b", "caret_word(-1)", "Prev word", id="select_prev_word"),
        Binding("j,down", "caret_line(1)", "Line down", show=False, id="select_line_down"),
        Binding("k,up", "caret_line(-1)", "Line up", show=False, id="select_line_up"),
        Binding("0", "caret_line_edge(0)", "Line start", show=False, id="select_line_start"),
        Binding("dollar_sign", "caret_line_edge(1)", "Line end", show=False, id="select_line_end", key_display="$"),
        Binding("v,space", "toggle_anchor", "Start/stop extending", id="select_anchor"),
        Binding("enter", "confirm_selection", "Confirm quote", id="select_confirm"),
        Binding("escape", "cancel_selection", "Cancel", id="select_cancel"),
    ]
    _SELECTION_ACTIONS = {
        "caret_word",
        "caret_line",
        "caret_line_edge",
        "toggle_anchor",
        "confirm_selection",
        "cancel_selection",
    }
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
        "article-reader--speaker",
        "article-reader--cue",
        "article-reader--selection",
        "article-reader--caret",
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
    ArticleReader > .article-reader--speaker { text-style: bold underline; color: $text-warning; }
    ArticleReader > .article-reader--cue { text-style: italic underline; color: $text-accent; }
    ArticleReader > .article-reader--selection { background: $warning 60%; color: $text; }
    ArticleReader > .article-reader--caret { text-style: reverse bold; }
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
        """The user confirmed a span to add as a quote."""

        def __init__(self, article_id: str, start: int, end: int) -> None:
            super().__init__()
            self.article_id = article_id
            self.start = start
            self.end = end

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

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.empty_text = "Select an article in the list to read it here."  # what is true when none is shown
        self.quotes: tuple[QuoteRow, ...] = ()
        self.entities: tuple[Entity, ...] = ()
        self.focused_quote: str | None = None
        self.caret = 0
        self.span_start: int | None = None
        self._wrapped: WrappedText | None = None
        self._line_cache: dict[int, Strip] = {}
        self._tokens: list[tuple[int, int]] = []
        self._style = OverlayStyles(self)

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
        self.article = article
        self.quotes = tuple(sorted(quotes, key=lambda q: (q.start, q.end)))
        self.entities = tuple(entities)
        self.focused_quote = focused_quote
        self.border_title = (article.title or article.id) if article else "Reader"
        self.border_subtitle = subtitle
        if not same_article:
            if self.selecting:
                self._end_selection()
            self._wrapped = None
            self._tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(article.text)] if article else []
            self.scroll_to(y=0, animate=False, immediate=True)
        self._relayout()
        if focused_quote and (same_article or scroll_to_focus):
            self.scroll_to_quote(focused_quote)

    def update_quotes(self, quotes: Sequence[QuoteRow], focused_quote: str | None = None) -> None:
        """New annotation state for the same article (a status, a correction). A new focused
        quote is scrolled to here: its ``focus_quote`` may come after and find it focused."""
        self.quotes = tuple(sorted(quotes, key=lambda q: (q.start, q.end)))
        moved = focused_quote != self.focused_quote
        self.focused_quote = focused_quote
        self._invalidate()
        if moved and focused_quote:
            self.scroll_to_quote(focused_quote)

    def focus_quote(self, quote_id: str | None) -> None:
        """Highlight ``quote_id`` and scroll to it (not when it is already the focused one:
        the reader may have been scrolled away on purpose)."""
        if quote_id == self.focused_quote:
            return
        self.focused_quote = quote_id
        self._invalidate()
        if quote_id:
            self.scroll_to_quote(quote_id)

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
            self.virtual_size = Size(self.size.width, 1)
        else:
            width = self._text_width()
            if self._wrapped is None or self._wrapped.width != width:
                self._wrapped = wrap(self.article.text, width)
            self.virtual_size = Size(self.size.width, len(self._wrapped.lines))
        self._invalidate()

    def _invalidate(self) -> None:
        self._line_cache.clear()
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
        self._line_cache.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = int(self.scroll_y) + y
        if self.article is None or self._wrapped is None:
            if y == 0:
                text = Text(self.empty_text, style=self._style("article-reader--empty"))
                return self._to_strip(text, width)
            return Strip.blank(width, self.rich_style)
        if line >= len(self._wrapped.lines):
            return Strip.blank(width, self.rich_style)
        strip = self._line_cache.get(line)
        if strip is None or strip.cell_length != width:
            strip = self._to_strip(self._style_line(line), width)
            self._line_cache[line] = strip
        return strip

    def _to_strip(self, text: Text, width: int) -> Strip:
        text.truncate(width, overflow="crop", pad=True)
        base = self.rich_style
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
        for quote in self.quotes:
            if quote.end <= start or quote.start >= end:
                continue
            key = quote.kind if self.colour_by == "kind" else quote.status
            paint(quote.start, quote.end, self._style(f"article-reader--{key}"))
            if quote.id == self.focused_quote:
                paint(quote.start, quote.end, self._style("article-reader--focused"))
        for quote in self.quotes:
            speaker = quote.speaker_span
            if speaker and speaker.end > start and speaker.start < end:
                paint(speaker.start, speaker.end, self._style("article-reader--speaker"))
            cue = quote.quote.cue
            if cue and cue.end > start and cue.start < end:
                paint(cue.start, cue.end, self._style("article-reader--cue"))
        if self.selecting:
            if self.span_start is not None:
                lo, hi = self.selection
                paint(lo, hi, self._style("article-reader--selection"))
            if start <= self.caret < max(end, start + 1):
                col = self.caret - start
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
        if self.selecting:
            self._move_caret(self._token_containing(position)[0] if self._tokens else position)
            return
        hit = next((q for q in self.quotes if q.start <= position < q.end), None)
        if hit is not None:
            self.post_message(self.QuoteClicked(hit.id))

    # --- selection mode -----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self._SELECTION_ACTIONS:
            return self.selecting
        if action in self._READING_ACTIONS:
            return not self.selecting
        return True

    def start_selection(self) -> bool:
        """Enter selection mode with the caret at the top of what is on screen."""
        if self.article is None or not self._tokens:
            return False
        assert self._wrapped is not None
        first_visible = self._wrapped.lines[min(int(self.scroll_y), len(self._wrapped.lines) - 1)][0]
        self.caret = self._token_at_or_after(first_visible)[0]
        self.span_start = None
        self.selecting = True
        self.focus()
        return True

    def watch_selecting(self, selecting: bool) -> None:
        self.refresh_bindings()
        self._invalidate()
        self.post_message(self.SelectionChanged(selecting))

    @property
    def selection(self) -> tuple[int, int]:
        """The selected text range: anchor to caret, whole words at both ends."""
        anchor = self.caret if self.span_start is None else self.span_start
        lo, hi = min(anchor, self.caret), max(anchor, self.caret)
        return lo, self._token_containing(hi)[1]

    def _token_index(self, offset: int) -> int:
        """Index of the last token starting at or before ``offset``."""
        lo, hi = 0, len(self._tokens)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._tokens[mid][0] <= offset:
                lo = mid + 1
            else:
                hi = mid
        return max(0, lo - 1)

    def _token_containing(self, offset: int) -> tuple[int, int]:
        return self._tokens[self._token_index(offset)]

    def _token_at_or_after(self, offset: int) -> tuple[int, int]:
        i = self._token_index(offset)
        if self._tokens[i][1] <= offset and i + 1 < len(self._tokens):
            i += 1
        return self._tokens[i]

    def _move_caret(self, offset: int) -> None:
        self.caret = offset
        self._follow_caret()
        self._invalidate()

    def _follow_caret(self) -> None:
        if self._wrapped is not None:
            self._scroll_to_span(self.caret, self.caret + 1, center=False)

    def action_caret_word(self, step: int) -> None:
        i = self._token_index(self.caret)
        if step < 0 and self._tokens[i][0] < self.caret:
            i += 1  # inside a word: "back" goes to its own start
        i = max(0, min(len(self._tokens) - 1, i + step))
        self._move_caret(self._tokens[i][0])

    def action_caret_line(self, step: int) -> None:
        """The word under the caret's column on the next line with words (blank lines
        between paragraphs are stepped over, not stuck on)."""
        wrapped = self._wrapped
        assert wrapped is not None
        if not self._tokens:
            return
        column = wrapped.column_of(self.caret)
        target = wrapped.line_of(self.caret) + step
        while 0 <= target < len(wrapped.lines):
            start, end = wrapped.lines[target]
            first = self._token_at_or_after(start)
            if start <= first[0] < end:  # the line has a word
                word = self._token_containing(wrapped.offset_at(target, column))
                self._move_caret(word[0] if word[0] >= start else first[0])
                return
            target += step

    def action_caret_line_edge(self, edge: int) -> None:
        assert self._wrapped is not None
        start, end = self._wrapped.lines[self._wrapped.line_of(self.caret)]
        target = start if edge == 0 else max(start, end - 1)
        self._move_caret(self._token_containing(target)[0] if edge else self._token_at_or_after(target)[0])

    def action_toggle_anchor(self) -> None:
        self.span_start = None if self.span_start is not None else self.caret
        self._invalidate()

    def action_confirm_selection(self) -> None:
        if self.span_start is None:
            # The first Enter starts the span at the caret; the second confirms it.
            self.span_start = self.caret
            self._invalidate()
            return
        assert self.article is not None
        start, end = self.selection
        article_id = self.article.id
        self._end_selection()
        self.post_message(self.SpanSelected(article_id, start, end))

    def action_cancel_selection(self) -> None:
        self._end_selection()

    def _end_selection(self) -> None:
        self.span_start = None
        self.selecting = False

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)
