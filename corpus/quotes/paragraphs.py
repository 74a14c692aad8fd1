"""Paragraph boundaries at the token level.

A quote or a speaker mention never runs across a line break: the parser happily
glues a headline, a photo credit or the next paragraph to a sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.doc_tokens import doc_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc


def paragraph_clip(doc: Doc, lo: int, hi: int, anchor: int) -> tuple[int, int]:
    """Token range [lo, hi] (inclusive) cut to the paragraph of token ``anchor``."""
    # a line break is a token of its own (a token's trailing whitespace is one space at most); the words
    # column spares a Token object per step
    words = doc_tokens(doc).words
    for j in range(anchor - 1, lo - 1, -1):
        if "\n" in words[j]:
            lo = j + 1
            break
    for j in range(anchor, hi + 1):
        if "\n" in words[j]:
            hi = j - 1
            break
    return lo, hi
