"""The tokens of one Doc and their attributes as plain Python lists, read once per Doc and shared by
every pass of the extraction.

Why: ``for tok in doc`` and ``doc[i]`` create a new ``Token`` object on every step, and each
``tok.pos_`` / ``tok.lower_`` looks the string up again in the vocabulary; the extraction walks
each Doc in many passes, and those walks cost more than the rules in them. Here each column is
read at most once per Doc (``Doc.to_array``: the string columns in one call, each distinct string
looked up once) and only when a pass first asks for it. The lists are shared: readers never change
them. Only the last Doc is kept: articles are read one after another, and holding the Doc keeps
its identity from being reused by another one. (The extraction never changes its Doc; a Doc
retokenised after its table was made would need a new one.)
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Attributes by name (``Doc.to_array`` takes spaCy's names), not spacy.attrs: this module is imported on the
# way to store.index, and importing spaCy there cost the app ~0.8 s before its first screen.
_STRING_ATTRS = ("ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE")


class DocTokens:
    """Column ``c[i]`` is the attribute of token ``i`` (``lemma`` is lower-cased, as the rules compare it)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    @cached_property
    def _string_columns(self) -> list[list[str]]:
        """The string attributes of ``_STRING_ATTRS``, all read in one ``to_array`` call (cheaper than one
        per attribute), each distinct string looked up once."""
        ids = self.doc.to_array(list(_STRING_ATTRS))
        distinct, where = np.unique(ids.ravel(), return_inverse=True)
        strings = self.doc.vocab.strings
        values = np.array([strings[h] for h in distinct.tolist()], dtype=object)
        columns: list[list[str]] = values[where.reshape(ids.shape)].T.tolist()
        return columns

    @cached_property
    def tokens(self) -> list[Token]:
        return list(self.doc)

    @cached_property
    def text(self) -> str:
        # what ``Doc.text`` joins, from the columns (it makes a Token per step)
        return "".join([w + " " if space else w for w, space in zip(self.words, self.spaces, strict=True)])

    @cached_property
    def idx(self) -> list[int]:
        return [int(i) for i in self.doc.to_array("IDX").tolist()]

    @cached_property
    def spaces(self) -> list[bool]:  # a space after the token (``tok.whitespace_`` is " " or "")
        return [bool(b) for b in self.doc.to_array("SPACY").tolist()]

    @cached_property
    def punct(self) -> list[bool]:  # tok.is_punct
        return [bool(b) for b in self.doc.to_array("IS_PUNCT").tolist()]

    @cached_property
    def space(self) -> list[bool]:  # tok.is_space
        return [bool(b) for b in self.doc.to_array("IS_SPACE").tolist()]

    @cached_property
    def words(self) -> list[str]:  # tok.text
        return self._string_columns[0]

    @cached_property
    def lower(self) -> list[str]:
        return self._string_columns[1]

    @cached_property
    def lemma(self) -> list[str]:
        return [w.lower() for w in self._string_columns[2]]

    @cached_property
    def pos(self) -> list[str]:
        return self._string_columns[3]

    @cached_property
    def tag(self) -> list[str]:
        return self._string_columns[4]

    @cached_property
    def dep(self) -> list[str]:
        return self._string_columns[5]

    @cached_property
    def ent_type(self) -> list[str]:
        return self._string_columns[6]

    @cached_property
    def sentence_bounds(self) -> list[tuple[int, int]]:
        """(start, end) token indexes of each sentence, as ``doc.sents``."""
        return [(s.start, s.end) for s in self.doc.sents]

    def indexes_of(self, column: list[str], values: frozenset[str] | set[str]) -> list[int]:
        """The tokens whose value in ``column`` is one of ``values``, in order."""
        return [i for i, v in enumerate(column) if v in values]


_last: DocTokens | None = None


def doc_tokens(doc: Doc) -> DocTokens:
    """The token table of ``doc``, made on the first call for it."""
    global _last
    table = _last  # read once: another thread may replace it meanwhile
    if table is None or table.doc is not doc:
        table = _last = DocTokens(doc)
    return table


__all__ = ["DocTokens", "doc_tokens"]
