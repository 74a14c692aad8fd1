"""Selection mode: a caret and a span over an article's words, moved from the keyboard.

The reader (``article_reader.py``) paints the text; this module holds what
selection mode is about, without Textual: where the caret is, where the span
starts, which kind of quote it will be, a pending count (``5w``) and the text
being looked for (``/``), and every motion over the words of the text as the
reader wraps it. ``SELECTION_BINDINGS`` are the keys, bound on the reader
(which has the focus) and active only while selecting.

A selection starts where the user is: on the span of the quote being edited,
at a clicked word (the reader's cursor), on the focused quote, or else at the
top of the view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.binding import Binding

from tui.widgets.text_wrap import WrappedText

_TOKEN = re.compile(r"\S+")
# Punctuation that ends a sentence or clause after a quote's last word, not part of what was said.
_TRAILING_STOP = ".,;:"
QUOTE_KINDS_TO_ADD = ("direct", "indirect")
MAX_COUNT = 999

SELECTION_BINDINGS = [
    # A count before a motion repeats it (5w: five words on); the reader takes the digits.
    Binding("l,right,w", "caret_word(1)", "Next word (5w: five)", id="select_next_word"),
    Binding("h,left,b", "caret_word(-1)", "Prev word", id="select_prev_word"),
    Binding("j,down", "caret_line(1)", "Line down", show=False, id="select_line_down"),
    Binding("k,up", "caret_line(-1)", "Line up", show=False, id="select_line_up"),
    Binding("0", "caret_line_edge(0)", "Line start", show=False, id="select_line_start"),
    Binding("dollar_sign", "caret_line_edge(1)", "Line end", show=False, id="select_line_end", key_display="$"),
    Binding("slash", "find_in_selection", "Find", id="select_find", key_display="/"),
    Binding("n", "find_again(1)", "Find next", show=False, id="select_find_next"),
    Binding("N", "find_again(-1)", "Find previous", show=False, id="select_find_previous"),
    Binding("i", "toggle_kind", "Direct/indirect", id="select_kind"),
    Binding("v,space", "toggle_anchor", "Start/stop extending", id="select_anchor"),
    Binding("enter", "confirm_selection", "Confirm quote", id="select_confirm"),
    Binding("escape", "cancel_selection", "Cancel", id="select_cancel"),
]
SELECTION_ACTIONS = {
    "caret_word",
    "caret_line",
    "caret_line_edge",
    "find_in_selection",
    "find_again",
    "toggle_kind",
    "toggle_anchor",
    "confirm_selection",
    "cancel_selection",
}


@dataclass(frozen=True, slots=True)
class SpanChoice:
    """What a confirmed selection says: the span, the kind, and the quote it edits (if any)."""

    start: int
    end: int
    kind: str
    editing: str | None = None


class SpanSelection:
    """The state and motions of selection mode over ``text`` (see the module docstring).

    ``editing``: the id of the quote whose span is being changed (None: adding a quote);
    ``span`` given, the selection starts as that span, already extending.
    """

    def __init__(
        self,
        text: str,
        caret: int,
        *,
        kind: str = "direct",
        editing: str | None = None,
        span: tuple[int, int] | None = None,
    ) -> None:
        self.text = text
        self.tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        if not self.tokens:
            raise ValueError("selection mode needs a text with words")
        self.kind = kind if kind in QUOTE_KINDS_TO_ADD else "direct"
        self.editing = editing
        self.count = 0  # a pending count prefix (0: none)
        self.finding: str | None = None  # the text typed after "/", while typing it
        self.last_find = ""
        self.span_start: int | None = None
        # The edited quote's exact ends, kept while the caret or the start stays on their word:
        # V then enter leaves the quote as it was (its end may stop before a word's full stop).
        self._edited = span
        if span is not None:
            self.span_start = self.token_at_or_after(span[0])[0]
            self.caret = self.token_containing(max(span[0], span[1] - 1))[0]
        else:
            self.caret = self.token_at_or_after(caret)[0]

    # --- the span ----------------------------------------------------------------------------
    @property
    def extending(self) -> bool:
        return self.span_start is not None

    @property
    def span(self) -> tuple[int, int]:
        """The selected text range: span start to caret, whole words at both ends, without the
        sentence's full stop or comma after the last word (as the extractor ends a quote: "…more
        funds", not "…more funds."; a closing quotation mark stays). An edited quote keeps its own
        start and end while they are on the words it had them in."""
        anchor = self.caret if self.span_start is None else self.span_start
        lo, hi = min(anchor, self.caret), max(anchor, self.caret)
        last = self.token_containing(hi)
        start, end = lo, _without_trailing_stop(self.text, last)
        if self._edited is not None:
            edited_start, edited_end = self._edited
            if lo == self.token_at_or_after(edited_start)[0]:
                start = edited_start
            if last == self.token_containing(max(edited_start, edited_end - 1)):
                end = edited_end
        return start, end

    def choice(self) -> SpanChoice:
        start, end = self.span
        return SpanChoice(start, end, self.kind, self.editing)

    def toggle_anchor(self) -> None:
        self.span_start = None if self.span_start is not None else self.caret

    def toggle_kind(self) -> str:
        self.kind = "indirect" if self.kind == "direct" else "direct"
        return self.kind

    # --- counts ------------------------------------------------------------------------------
    def add_digit(self, digit: int) -> None:
        self.count = min(MAX_COUNT, self.count * 10 + digit)

    def take_count(self) -> int:
        """The pending count (1 when none), cleared: the motion it prefixes uses it."""
        count, self.count = max(1, self.count), 0
        return count

    # --- words ---------------------------------------------------------------------------------
    def token_index(self, offset: int) -> int:
        """Index of the last token starting at or before ``offset``."""
        lo, hi = 0, len(self.tokens)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.tokens[mid][0] <= offset:
                lo = mid + 1
            else:
                hi = mid
        return max(0, lo - 1)

    def token_containing(self, offset: int) -> tuple[int, int]:
        return self.tokens[self.token_index(offset)]

    def token_at_or_after(self, offset: int) -> tuple[int, int]:
        i = self.token_index(offset)
        if self.tokens[i][1] <= offset and i + 1 < len(self.tokens):
            i += 1
        return self.tokens[i]

    # --- motions (each returns the new caret) ---------------------------------------------------
    def move_to(self, offset: int) -> int:
        """The caret to the word at ``offset`` (a click)."""
        self.caret = self.token_containing(offset)[0]
        return self.caret

    def word(self, step: int) -> int:
        i = self.token_index(self.caret)
        if step < 0 and self.tokens[i][0] < self.caret:
            i += 1  # inside a word: "back" goes to its own start
        i = max(0, min(len(self.tokens) - 1, i + step))
        self.caret = self.tokens[i][0]
        return self.caret

    def line(self, step: int, wrapped: WrappedText) -> int:
        """The word under the caret's column ``step`` lines with words away (blank lines
        between paragraphs are stepped over, not stuck on)."""
        direction = 1 if step > 0 else -1
        for _ in range(abs(step)):
            column = wrapped.column_of(self.caret)
            target = wrapped.line_of(self.caret) + direction
            while 0 <= target < len(wrapped.lines):
                start, end = wrapped.lines[target]
                first = self.token_at_or_after(start)
                if start <= first[0] < end:  # the line has a word
                    word = self.token_containing(wrapped.offset_at(target, column))
                    self.caret = word[0] if word[0] >= start else first[0]
                    break
                target += direction
            else:
                break  # no line with words that way
        return self.caret

    def line_edge(self, edge: int, wrapped: WrappedText) -> int:
        start, end = wrapped.lines[wrapped.line_of(self.caret)]
        if edge == 0:
            self.caret = self.token_at_or_after(start)[0]
        else:
            self.caret = self.token_containing(max(start, end - 1))[0]
        return self.caret

    def find(self, query: str, step: int = 1) -> bool:
        """The caret to the next (``step`` 1) or previous (-1) word where ``query`` starts,
        case-insensitively, wrapping around the text; False when it is nowhere."""
        query = query.strip()
        if not query:
            return False
        self.last_find = query
        pattern = re.compile(re.escape(query), re.IGNORECASE)
        hits = [m.start() for m in pattern.finditer(self.text)]
        if not hits:
            return False
        if step > 0:
            after = [h for h in hits if h > self.caret]
            target = after[0] if after else hits[0]
        else:
            before = [h for h in hits if h < self.caret]
            target = before[-1] if before else hits[-1]
        self.caret = self.token_containing(target)[0]
        return True


def _without_trailing_stop(text: str, token: tuple[int, int]) -> int:
    """Where the span should end in ``token``: before one final full stop, comma, colon or semicolon
    ("funds." → "funds", 'win".' → 'win"'), unless that leaves nothing or the word is an
    abbreviation with a stop inside ("U.S.")."""
    start, end = token
    word = text[start:end]
    if len(word) > 1 and word[-1] in _TRAILING_STOP and "." not in word[:-1]:
        return end - 1
    return end
