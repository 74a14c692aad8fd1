"""Quoted stretches of text: pairing double quote marks, paragraph by paragraph.

Curly marks say which side they are on (“ opens, ” closes; „ opens); a
straight ``"`` opens when it follows a space, a line start or an opening
bracket/dash, and closes otherwise (writers mix them: “like this"). A quote
never crosses a paragraph break: a paragraph that opens a quote without
closing it (the multi-paragraph convention) ends its segment at the
paragraph's end, with ``closed=False``; the next paragraph's segment usually
continues it. Where paragraphs were flattened onto one line (the BBC corpus:
``…but this. "I know you…``), an opening mark right after a sentence end
while a quote is open is that convention too: the quote goes on.

An opening mark glued to the word before it and followed by a space closes
the open quote (“Not yet,“ he said: a typo for ”).

Doubled single marks are double quote marks too: ``''`` (two apostrophes, as
some wire copy and archives set quotes: ``''We will win,'' she said``), and
the typographic ``‘‘`` (opens) and ``’’`` (closes); either kind may close a
quote a curly ``“`` opened (unbalanced marks). A lone apostrophe or single
mark never is (it is a possessive, an elision or a quote inside a quote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'
_MARKS = OPENERS + CLOSERS + STRAIGHT + "\n'‘’"  # where ``quote_segments`` looks
_MARK = re.compile("[" + re.escape(_MARKS) + "]")
_OPEN_CONTEXT = " \t\n\xa0([{—–-/:;"  # \xa0: a no-break space, as web copy often has


@dataclass(frozen=True, slots=True)
class Segment:
    start: int  # index of the opening mark
    end: int  # index after the closing mark (or the paragraph's end when not closed)
    closed: bool
    open_width: int = 1  # characters of the opening mark ("''" is 2)
    close_width: int = 1

    @property
    def inner_start(self) -> int:
        return self.start + self.open_width

    @property
    def inner_end(self) -> int:
        return self.end - self.close_width if self.closed else self.end


DOUBLED = ("''", "‘‘", "’’")


def _mark_width(text: str, i: int) -> int:
    """1 for a double quote mark at ``i``, 2 for a doubled single mark, 0 for anything else."""
    ch = text[i]
    if ch in OPENERS or ch in CLOSERS or ch == STRAIGHT:
        return 1
    if text.startswith(DOUBLED, i) and (i + 2 >= len(text) or text[i + 2] not in "'‘’"):
        return 2
    return 0


def _is_opening(text: str, i: int, width: int = 1) -> bool:
    ch = text[i]
    if ch in OPENERS or ch == "‘":
        return True
    if ch in CLOSERS or ch == "’":
        return False
    prev = text[i - 1] if i else "\n"
    nxt = text[i + width] if i + width < len(text) else "\n"
    if prev in _OPEN_CONTEXT:
        return not nxt.isspace()
    return False


def _opener_as_closer(text: str, i: int, width: int) -> bool:
    """An opening mark typed where a closing one belongs (“Not yet,“ he said): glued to the word or
    punctuation before it and followed by a space, a line end or punctuation, it ends the open quote."""
    if text[i] not in OPENERS or i == 0 or text[i - 1].isspace():
        return False
    nxt = text[i + width] if i + width < len(text) else "\n"
    return nxt.isspace() or nxt in ",.;:!?)"


def _after_sentence_end(text: str, i: int, open_at: int) -> bool:
    """The mark at ``i`` follows a space after ".", "?" or "!" that ends a sentence of the open quote."""
    j = i - 1
    while j > open_at and text[j] in " \t\xa0":
        j -= 1
    return j < i - 1 and j > open_at + 1 and text[j] in ".?!"


def quote_segments(text: str) -> list[Segment]:
    """The quoted stretches of ``text``, in order, marks included."""
    out: list[Segment] = []
    open_at = -1
    open_width = 1
    i = 0
    n = len(text)
    marks = _MARKS
    while i < n:
        ch = text[i]
        if ch not in marks:
            found = _MARK.search(text, i)  # most characters are no mark: jump to the next one
            i = found.start() if found else n
            continue
        if ch == "\n":
            if open_at >= 0:
                out += _unclosed(text, open_at, open_width, i)
                open_at = -1
            i += 1
            continue
        width = _mark_width(text, i)
        if not width:
            i += 1
            continue
        if _is_opening(text, i, width) and not (open_at >= 0 and _opener_as_closer(text, i, width)):
            if open_at < 0:
                open_at, open_width = i, width
            elif (inner_end := _nested_curly(text, i, open_at)) > 0:
                i = inner_end  # "… isn’t about “Equal Justice” anymore …": a quote inside the quote
                continue
            elif _after_sentence_end(text, i, open_at):
                pass  # a flattened paragraph break inside a multi-paragraph quote: one quote
            elif _ambiguous(text, i, width) or _ambiguous(text, open_at, open_width):
                # a second opener while open: the first one was a stray; restart here
                open_at, open_width = i, width
        elif open_at >= 0:
            out.append(Segment(open_at, i + width, True, open_width, width))
            open_at = -1
        i += width
    if open_at >= 0:
        out += _unclosed(text, open_at, open_width, n)
    return out


def _nested_curly(text: str, i: int, open_at: int) -> int:
    """Where a curly quotation inside a straight one ends: ``"He said “No” and left."``. A curly opener at
    ``i`` while a straight ``"`` is open is a quote inside the quote when its curly closer follows in the
    paragraph and the straight quote goes on after it: closed by a straight mark later in the paragraph,
    or left open at the paragraph's end with the next paragraph opening with a straight mark (the
    multi-paragraph convention). Returns the index after the inner closer, or 0: then the straight mark
    was a stray and the curly one opens the quote."""
    if text[i] not in OPENERS or text[open_at] != STRAIGHT:
        return 0
    par_end = text.find("\n", i)
    if par_end < 0:
        par_end = len(text)
    close = next((j for j in range(i + 1, par_end) if text[j] in CLOSERS), -1)
    if close < 0:
        return 0
    if STRAIGHT in text[close + 1 : par_end]:
        return close + 1
    nxt = par_end
    while nxt < len(text) and text[nxt].isspace():
        nxt += 1
    return close + 1 if nxt < len(text) and nxt > par_end and text[nxt] == STRAIGHT else 0


def _unclosed(text: str, open_at: int, open_width: int, end: int) -> list[Segment]:
    """The quote opened at ``open_at`` and cut off at ``end`` (a line break or the end of the
    text), trailing space trimmed; none when nothing follows the opening mark."""
    while end > open_at + open_width and text[end - 1].isspace():
        end -= 1
    return [Segment(open_at, end, False, open_width)] if end - open_at > open_width else []


def _ambiguous(text: str, i: int, width: int) -> bool:
    """A mark that may open or close: the straight ``"`` and ``''``."""
    return text[i] == STRAIGHT or width == 2 and text[i] == "'"


__all__ = ["DOUBLED", "Segment", "quote_segments"]
