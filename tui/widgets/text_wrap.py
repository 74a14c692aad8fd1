"""Word-wrapping that remembers where every screen line starts in the text.

The reader highlights quotes by character offsets, scrolls to them and moves a
selection caret through the text, so it needs the exact offset range of each
wrapped line; Rich's wrapping does not expose that.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import cell_len

_WORD = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True, slots=True)
class WrappedText:
    """``lines[i] = (start, end)``: the text offsets shown on screen line ``i``."""

    text: str
    width: int
    lines: tuple[tuple[int, int], ...]
    starts: tuple[int, ...]

    def line_of(self, offset: int) -> int:
        """The screen line showing ``offset`` (the last line for the end of the text)."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def column_of(self, offset: int) -> int:
        start, _ = self.lines[self.line_of(offset)]
        return cell_len(self.text[start:offset])

    def offset_at(self, line: int, column: int) -> int:
        """The text offset at screen ``line`` and cell ``column`` (clamped to the line)."""
        line = max(0, min(line, len(self.lines) - 1))
        start, end = self.lines[line]
        cells = 0
        for offset in range(start, end):
            cells += cell_len(self.text[offset])
            if cells > column:
                return offset
        return max(start, end - 1) if end > start else start


def wrap(text: str, width: int) -> WrappedText:
    """Greedy word wrap of ``text`` to ``width`` cells; a newline always breaks.

    Trailing spaces stay on the line they follow (they are cropped when drawn),
    and a word longer than the width is cut, so every character is on exactly
    one line.
    """
    width = max(1, width)
    # Nearly every article is all one-cell characters (letters, punctuation, £, curly quotes):
    # then a string's cells are its length, and len() is what the reader's j waits on, not
    # Rich's cell_len for each word (a third of moving to the next article).
    cells = len if _single_cell(text) else cell_len
    lines: list[tuple[int, int]] = []
    position = 0
    for paragraph in text.split("\n"):
        p_start, p_end = position, position + len(paragraph)
        position = p_end + 1
        if not paragraph:
            lines.append((p_start, p_start))
            continue
        line_start, line_cells = p_start, 0
        for match in _WORD.finditer(paragraph):
            w_start, w_end = p_start + match.start(), p_start + match.end()
            word = match.group()
            visible = cells(word.rstrip())
            if line_cells and line_cells + visible > width:
                lines.append((line_start, w_start))
                line_start, line_cells = w_start, 0
            while cells(text[line_start:w_start]) == 0 and visible > width:
                # A single word wider than the line: cut it.
                cut = _cut_at(text, w_start, width)
                lines.append((w_start, cut))
                w_start = line_start = cut
                word = text[w_start:w_end]
                visible = cells(word.rstrip())
            line_cells = cells(text[line_start:w_end])
        lines.append((line_start, p_end))
    return WrappedText(text, width, tuple(lines), tuple(start for start, _ in lines))


def _single_cell(text: str) -> bool:
    """Whether every character of ``text`` but the newlines takes exactly one cell."""
    return all(cell_len(ch) == 1 for ch in set(text) if ch != "\n")


def _cut_at(text: str, start: int, width: int) -> int:
    cells = 0
    for offset in range(start, len(text)):
        cells += cell_len(text[offset])
        if cells > width:
            return max(start + 1, offset)
    return len(text)
