"""Paragraph boundaries at the token level.

A quote or a speaker mention never runs across a line break: the parser happily
glues a headline, a photo credit or the next paragraph to a sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc


def paragraph_clip(doc: Doc, lo: int, hi: int, anchor: int) -> tuple[int, int]:
    """Token range [lo, hi] (inclusive) cut to the paragraph of token ``anchor``."""
    for j in range(anchor - 1, lo - 1, -1):
        if "\n" in doc[j].text or "\n" in doc[j].whitespace_:
            lo = j + 1
            break
    for j in range(anchor, hi + 1):
        if "\n" in doc[j].text:
            hi = j - 1
            break
        if "\n" in doc[j].whitespace_:
            hi = j
            break
    return lo, hi
