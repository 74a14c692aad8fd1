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

import bisect
from collections.abc import Callable
from functools import cached_property, wraps
from itertools import compress
from operator import add, methodcaller
from typing import TYPE_CHECKING, Any, TypeVar, cast

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

T = TypeVar("T")

# Attributes by name (``Doc.to_array`` takes spaCy's names), not spacy.attrs: this module is imported on the
# way to store.index, and importing spaCy there cost the app ~0.8 s before its first screen.
_STRING_ATTRS = ("ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE")
# Every string ID read so far, sorted, and its string at the same place, kept across Docs: an ID names the same
# string in every Doc and vocabulary (the hash of the string, or one of spaCy's fixed symbols), so a Doc's IDs
# are looked up in one numpy search, not one StringStore lookup each. Bounded by the words the process has
# read. With each string its lower case (what the lemma column holds). Replaced whole, never changed in place: a
# thread that reads it meanwhile sees one consistent triple.
_KNOWN_STRINGS: tuple[np.ndarray, np.ndarray, np.ndarray] = (
    np.zeros(0, dtype=np.uint64),
    np.zeros(0, dtype=object),
    np.zeros(0, dtype=object),
)


class DocTokens:
    """Column ``c[i]`` is the attribute of token ``i`` (``lemma`` is lower-cased, as the rules compare it)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._derived: dict[str, Any] = {}

    @cached_property
    def _string_columns(self) -> list[list[str]]:
        """The string attributes of ``_STRING_ATTRS``, all read in one ``to_array`` call (cheaper than one
        per attribute), the strings found by their IDs in ``_KNOWN_STRINGS``; then the lemmas in lower case."""
        global _KNOWN_STRINGS
        ids = self.doc.to_array(list(_STRING_ATTRS)).T.ravel()  # column after column
        known, strings, lowered = _KNOWN_STRINGS
        at = np.searchsorted(known, ids)
        if len(ids) and (int(at.max()) >= len(known) or not np.array_equal(known[at], ids)):
            new = np.setdiff1d(ids, known)  # sorted, each once
            store = self.doc.vocab.strings
            added = [store[h] for h in new.tolist()]
            where = np.searchsorted(known, new)
            known = np.insert(known, where, new)
            strings = np.insert(strings, where, np.array(added, dtype=object))
            lowered = np.insert(lowered, where, np.array([s.lower() for s in added], dtype=object))
            _KNOWN_STRINGS = (known, strings, lowered)
            at = np.searchsorted(known, ids)
        columns: list[list[str]] = strings[at].reshape(len(_STRING_ATTRS), -1).tolist()
        n = len(self.doc)
        lemma = _STRING_ATTRS.index("LEMMA")
        columns.append(lowered[at[lemma * n : (lemma + 1) * n]].tolist())
        return columns

    @cached_property
    def tokens(self) -> list[Token]:
        return list(self.doc)

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        """``doc.ents``, which makes a new Span per entity on every read."""
        return tuple(self.doc.ents)

    @cached_property
    def text(self) -> str:
        # what ``Doc.text`` joins, from the columns (it makes a Token per step)
        return "".join(map(add, self.words, [" " if space else "" for space in self.spaces]))

    @cached_property
    def idx(self) -> list[int]:
        idx: list[int] = self.doc.to_array("IDX").tolist()  # Python ints already
        return idx

    @cached_property
    def _flag_columns(self) -> list[list[bool]]:
        """``SPACY``, ``IS_PUNCT`` and ``IS_SPACE`` in one ``to_array`` call, as Python bools."""
        flags: list[list[bool]] = self.doc.to_array(["SPACY", "IS_PUNCT", "IS_SPACE"]).astype(bool).T.tolist()
        return flags

    @cached_property
    def spaces(self) -> list[bool]:  # a space after the token (``tok.whitespace_`` is " " or "")
        return self._flag_columns[0]

    @cached_property
    def punct(self) -> list[bool]:  # tok.is_punct
        return self._flag_columns[1]

    @cached_property
    def space(self) -> list[bool]:  # tok.is_space
        return self._flag_columns[2]

    @cached_property
    def head(self) -> list[int]:
        """The index of each token's head (``tok.head.i``; the root's is its own)."""
        offsets = self.doc.to_array("HEAD").astype(np.int64)  # stored relative to the token, signed
        heads: list[int] = (offsets + np.arange(len(offsets), dtype=np.int64)).tolist()
        return heads

    @cached_property
    def words(self) -> list[str]:  # tok.text
        return self._string_columns[0]

    @cached_property
    def lower(self) -> list[str]:
        return self._string_columns[1]

    @cached_property
    def lemma(self) -> list[str]:
        return self._string_columns[len(_STRING_ATTRS)]  # (read with the others)

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
    def line_breaks(self) -> list[int]:
        """The tokens with a line break in them, in order (a line break is a token of its own)."""
        return [i for i, word in enumerate(self.words) if "\n" in word]

    @cached_property
    def sentence_bounds(self) -> list[tuple[int, int]]:
        """(start, end) token indexes of each sentence, as ``doc.sents``, read from the sentence starts in one
        ``to_array`` call (``doc.sents`` makes a Span per sentence)."""
        doc = self.doc
        if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
            return [(s.start, s.end) for s in doc.sents]  # (its hook, or its error)
        n = len(doc)
        if not n:
            return []
        # as ``doc.sents``: a sentence starts at the first token and at every later one whose start is 1
        starts: list[int] = [0, *(np.flatnonzero(doc.to_array("SENT_START")[1:] == 1) + 1).tolist()]
        return list(zip(starts, [*starts[1:], n], strict=True))

    def derived(self, key: str, make: Callable[[DocTokens], T]) -> T:
        """What ``make`` reads of this Doc's table, made on the first call for ``key`` and kept with the table
        (so for this Doc only): for the facts of the whole article that more than one pass reads."""
        if key not in self._derived:
            self._derived[key] = make(self)
        value: T = self._derived[key]
        return value

    def heads_of(self, dep: str) -> frozenset[int]:
        """The tokens with a child of relation ``dep`` (``any(c.dep_ == dep for c in tok.children)``), read once
        per Doc from the columns."""
        return self.derived(f"heads_of:{dep}", lambda table: _heads_of(table, dep))

    def words_after(self, openers: frozenset[str] | set[str]) -> set[str]:
        """The words that follow a word of ``openers`` (lower case; a dot after it or not): "Mr Ruiz" → "Ruiz"."""
        distinct, dotted = self._distinct_lower
        # a word is one of them as written, or with dots after it (the few words with a dot are tested one by one)
        opening = {w for w in distinct & openers if w[-1:] != "."} | {w for w in dotted if w.rstrip(".") in openers}
        return set(compress(self.words[1:], map(opening.__contains__, self.lower)))  # (no Python step per word)

    @cached_property
    def distinct_words(self) -> frozenset[str]:
        """The distinct words as written: asking whether a word is one of the article's is then one hash lookup,
        not a scan of the column."""
        return frozenset(self.words)

    @cached_property
    def _distinct_lower(self) -> tuple[set[str], list[str]]:
        """The distinct words in lower case, and those of them that end with a dot ("mr.", "u.s.")."""
        distinct = set(self.lower)
        return distinct, list(filter(methodcaller("endswith", "."), distinct))

    def indexes_of(self, column: list[str], values: frozenset[str] | set[str]) -> list[int]:
        """The tokens whose value in ``column`` is one of ``values``, in order."""
        return list(compress(range(len(column)), map(values.__contains__, column)))  # (no Python step per word)


def _heads_of(table: DocTokens, dep: str) -> frozenset[int]:
    heads = table.head
    return frozenset(heads[j] for j in table.indexes_of(table.dep, {dep}) if heads[j] != j)  # the root: no child


F = TypeVar("F", bound=Callable[..., Any])


def memo_per_doc(fn: F) -> F:
    """``fn(tok, *args)``, a pure function of the parse of ``tok``'s Doc, kept with that Doc's table (so for the
    last Doc only) by the token's index and the other arguments: for a question several passes ask again of the
    same token (``subject_of`` of a cue, asked by each pass that reads the cue), whose answer makes Tokens."""
    key = f"memo_per_doc:{fn.__module__}.{fn.__qualname__}"

    @wraps(fn)
    def memoised(tok: Token, *args: Any) -> Any:
        memo: dict[tuple[Any, ...], Any] = doc_tokens(tok.doc).derived(key, _new_memo)
        at = (tok.i, *args)
        if at not in memo:
            memo[at] = fn(tok, *args)
        return memo[at]

    return cast(F, memoised)


def _new_memo(_table: DocTokens) -> dict[tuple[Any, ...], Any]:
    return {}


_last: DocTokens | None = None


def doc_tokens(doc: Doc) -> DocTokens:
    """The token table of ``doc``, made on the first call for it. It keeps what the Doc held then: a Doc whose
    labels are set afterwards (tests that set ``doc.ents`` by hand) is parsed without the quotes pipe first."""
    global _last
    table = _last  # read once: another thread may replace it meanwhile
    if table is None or table.doc is not doc:
        table = _last = DocTokens(doc)
    return table


def line_break_between(a: Token, b: Token) -> bool:
    """Whether a line break (a paragraph's end) lies between the tokens ``a`` and ``b`` of one Doc, ``a``
    or ``b`` first, the first one included: one bisect in the table's line breaks, no Token per word between."""
    breaks = doc_tokens(a.doc).line_breaks
    lo, hi = min(a.i, b.i), max(a.i, b.i)
    k = bisect.bisect_left(breaks, lo)
    return k < len(breaks) and breaks[k] < hi


__all__ = ["DocTokens", "doc_tokens", "line_break_between", "memo_per_doc"]
