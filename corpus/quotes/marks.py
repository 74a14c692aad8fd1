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
"""

from __future__ import annotations

from dataclasses import dataclass

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'
_OPEN_CONTEXT = " \t\n([{—–-/:;"


@dataclass(frozen=True, slots=True)
class Segment:
    start: int  # index of the opening mark
    end: int  # index after the closing mark (or the paragraph's end when not closed)
    closed: bool

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1 if self.closed else self.end


def _is_opening(text: str, i: int) -> bool:
    ch = text[i]
    if ch in OPENERS:
        return True
    if ch in CLOSERS:
        return False
    prev = text[i - 1] if i else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if prev in _OPEN_CONTEXT:
        return not nxt.isspace()
    return False


def _after_sentence_end(text: str, i: int, open_at: int) -> bool:
    """The mark at ``i`` follows a space after ".", "?" or "!" that ends a sentence of the open quote."""
    j = i - 1
    while j > open_at and text[j] in " \t":
        j -= 1
    return j < i - 1 and j > open_at + 1 and text[j] in ".?!"


def quote_segments(text: str) -> list[Segment]:
    """The quoted stretches of ``text``, in order, marks included."""
    out: list[Segment] = []
    open_at = -1
    para_end = text.find("\n")
    i = 0
    n = len(text)
    marks = OPENERS + CLOSERS + STRAIGHT + "\n"
    while i < n:
        ch = text[i]
        if ch not in marks:
            i += 1
            continue
        if ch == "\n":
            if open_at >= 0:
                end = i
                while end > open_at + 1 and text[end - 1].isspace():
                    end -= 1
                if end - open_at > 1:
                    out.append(Segment(open_at, end, False))
                open_at = -1
            i += 1
            continue
        if _is_opening(text, i):
            if open_at < 0:
                open_at = i
            elif _after_sentence_end(text, i, open_at):
                pass  # a flattened paragraph break inside a multi-paragraph quote: one quote
            elif ch == STRAIGHT or text[open_at] == STRAIGHT:
                # a second opener while open: the first one was a stray; restart here
                open_at = i
        else:
            if open_at >= 0:
                out.append(Segment(open_at, i + 1, True))
                open_at = -1
        i += 1
    if open_at >= 0:
        end = n
        while end > open_at + 1 and text[end - 1].isspace():
            end -= 1
        if end - open_at > 1:
            out.append(Segment(open_at, end, False))
    del para_end
    return out


__all__ = ["Segment", "quote_segments"]
