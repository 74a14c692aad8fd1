"""The per-Doc structures every extraction pass shares, and the span helpers they use.

``DocInfo`` is computed once per Doc (quote segments, token → segment /
sentence / paragraph, the link paragraphs); ``Candidate`` is a quote found by a
pass before speakers are attributed. The helpers turn token ranges into
character spans of reported content: trimmed, cut to one sentence, classified
direct / mixed / indirect.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.doc_tokens import doc_tokens
from corpus.quotes.marks import quote_segments

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CONTENT_DEPS = ("ccomp",)
MIN_FLOATING_WORDS = 3
MIN_DIRECT_WORDS = 3
MIN_INDIRECT_WORDS = 3
FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")  # a finite verb: a clause
#: Subordinators of time: a clause they open says when something was said ("…, he said, after the host said
#: …"), not what. One set for every rule that reads a clause of time.
TIME_MARKS = frozenset({"after", "before", "as", "when", "whenever", "while", "once", "until"})
_SENT_END = ".?!:…"
_TRIM_CHARS = " \t\n,;:—–-"
_PAR_START = re.compile(r"(?:\A|\n)\s*")
_BOILERPLATE = re.compile(
    r"(?:READ MORE|WATCH|RELATED|LISTEN|SEE ALSO|MORE|CLICK HERE|ALSO READ|Read more|Watch|"
    r"Related|RELATED ARTICLE|RELATED VIDEO)\s*:"
)
_SENT_BREAK = re.compile(r"(\S*?)([.!?])[”\"’]?\s+(?=[“\"‘A-Z])")
_SENT_BREAK_ANYWHERE = re.compile(r"[.!?][”\"’]?\s+(?=[“\"‘A-Z])")  # where _SENT_BREAK can match, found faster
_ABBREV = re.compile(r"[A-Z][a-z]{0,3}|\S*\.\S*|")  # titles, initials, abbreviations, nothing


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    cue: Token | None  # the cue token (or "according")
    cue_span: tuple[int, int] | None
    subject: Token | None
    segs: tuple[int, ...]  # indexes of the quote segments it uses
    inherited: bool = False  # floating: speaker of the previous quote
    speaker_span: tuple[int, int] | None = None  # a speaker named outside the parse (embedded posts)
    # where the text names the speaker a label stands for ("A:" → "Jane Doe" in the introduction)
    named_at: tuple[int, int, str] | None = None  # (start, end, entity label)
    # a report inside a report: the candidate whose reported content holds this one (corpus.quotes.nesting)
    within: Candidate | None = None


class DocInfo:
    """Per-doc structures computed once: quote segments, token → segment, token → sentence."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.table = table = doc_tokens(doc)  # the token columns every pass reads (``corpus.doc_tokens``)
        self.text = table.text
        self.segs = quote_segments(self.text)
        self.seg_starts = [s.start for s in self.segs]
        n = len(doc)
        self.tok_seg = [-1] * n
        self.tok_starts = table.idx  # shared, read only
        # paragraph number of each token (a paragraph ends at a line break)
        self.tok_par = [0] * n
        # paragraphs that are links to other stories ("READ MORE: …", "WATCH: …") hold headlines, not quotes
        self.boiler_pars: set[int] = set()
        starts = table.idx
        # the tokens inside each quote segment (segments are in text order and never overlap)
        for k, seg in enumerate(self.segs):
            lo, hi = bisect.bisect_left(starts, seg.start), bisect.bisect_left(starts, seg.end)
            self.tok_seg[lo:hi] = [k] * (hi - lo)
        # a line break is a token of its own (a token's trailing whitespace is one space at most): the
        # paragraphs lie between the break tokens
        breaks = table.line_breaks
        for par, (before, brk) in enumerate(zip([-1, *breaks], [*breaks, n], strict=True)):
            self.tok_par[before + 1 : brk] = [par] * (brk - before - 1)
        for brk in breaks:
            self.tok_par[brk] = -1  # the break itself belongs to no paragraph
        self.sent_bounds: list[tuple[int, int]] = table.sentence_bounds
        self.tok_sent = [0] * n
        for si, (start, end) in enumerate(self.sent_bounds):
            self.tok_sent[start:end] = [si] * (end - start)
        par_start = 0
        for m in _PAR_START.finditer(self.text):
            par_start = m.end()
            if _BOILERPLATE.match(self.text, par_start):
                i = bisect.bisect_left(self.tok_starts, par_start)
                if i < n:
                    self.boiler_pars.add(self.tok_par[i])

    def token_at(self, char: int) -> int:
        """Index of the token containing or following ``char``."""
        i = bisect.bisect_right(self.tok_starts, char) - 1
        return max(0, i)

    def seg_words(self, k: int) -> int:
        s = self.segs[k]
        return len(self.text[s.inner_start : s.inner_end].split())

    def segs_overlapping(self, start: int, end: int) -> list[int]:
        i = bisect.bisect_left(self.seg_starts, start)
        if i > 0 and self.segs[i - 1].end > start:
            i -= 1
        out = []
        while i < len(self.segs) and self.segs[i].start < end:
            if self.segs[i].end > start:
                out.append(i)
            i += 1
        return out


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in _TRIM_CHARS + ".":
        end -= 1
    return start, end


def one_sentence(info: DocInfo, start: int, end: int, cue: int) -> tuple[int, int]:
    """The sentence of [start, end) next to the cue at ``cue``: reported content outside quote marks never
    runs across a sentence end, where the parser joined two sentences ("… of $660m. “It won't …,” he
    said"; "noted that … $40m. Between 10 and 12 …")."""
    text = info.text
    if _SENT_BREAK_ANYWHERE.search(text, start, end) is None:
        return start, end  # the cheap test first: no sentence end followed by a sentence's start
    breaks = []
    for m in _SENT_BREAK.finditer(text, start, end):
        word = m.group(1).lstrip("(“\"‘'")
        if _ABBREV.fullmatch(word) or info.segs_overlapping(m.start(2), m.start(2) + 1):
            continue  # "Mr. Smith", "Cpl. Green", "U.S. officials", or inside a quote
        breaks.append((m.start(2), m.end()))
    if not breaks:
        return start, end
    if cue < start:
        return trim(text, start, breaks[0][0] + 1)
    if cue >= end:
        return trim(text, breaks[-1][1], end)
    return start, end


def classify(info: DocInfo, start: int, end: int) -> tuple[str, int, int, tuple[int, ...]]:
    """direct / mixed / indirect, and the span extended over the quote segments it touches."""
    segs = info.segs_overlapping(start, end)
    if not segs:
        s, e = trim(info.text, start, end)
        return "indirect", s, e, ()
    text = info.text
    outside = 0
    pos = start
    for k in segs:
        seg = info.segs[k]
        outside += sum(ch.isalnum() for ch in text[pos : max(pos, seg.start)])
        pos = max(pos, seg.end)
    outside += sum(ch.isalnum() for ch in text[pos:end])
    s = min(start, info.segs[segs[0]].start)
    e = max(end, info.segs[segs[-1]].end)
    if outside == 0:
        return "direct", s, e, tuple(segs)
    s, e = trim(text, s, e)
    return "mixed", s, e, tuple(segs)


def false_sentence_end(info: DocInfo, hi: int) -> int:
    """Content cut at a sentence end the parser put after an abbreviation ("he’s lost 16 lbs. since he
    signed up …"): a next sentence that starts in lower case goes on with it."""
    doc = info.doc
    si = info.tok_sent[hi]
    end = info.sent_bounds[si][1]
    if end >= len(doc) or not all(doc[j].is_punct for j in range(hi + 1, end)):
        return hi
    nxt = doc[end]
    if not (nxt.is_alpha and nxt.is_lower) or info.tok_par[end] != info.tok_par[hi] or info.tok_seg[end] >= 0:
        return hi
    return info.sent_bounds[si + 1][1] - 1


def span_of(info: DocInfo, lo: int, hi: int) -> tuple[int, int]:
    words, punct, space = info.table.words, info.table.punct, info.table.space
    while lo < hi and (punct[lo] and words[lo] not in '“"' or space[lo] or _discourse_adverb(info, lo)):
        lo += 1
    while hi > lo and (punct[hi] and words[hi] not in '”"' or space[hi]):
        hi -= 1
    return info.tok_starts[lo], info.tok_starts[hi] + len(words[hi])


def _discourse_adverb(info: DocInfo, i: int) -> bool:
    """ "Meanwhile," / "However," / "But": links the sentence to the article, not part of what was said."""
    table = info.table
    if info.tok_seg[i] >= 0 or i + 1 >= len(table.words):
        return False
    dep = table.dep[i]
    return dep == "cc" or dep == "advmod" and table.pos[i] == "ADV" and table.words[i + 1] == ","


def starts_sentence(info: DocInfo, pos: int) -> bool:
    text = info.text
    j = pos - 1
    while j >= 0 and text[j] in " \t\xa0":  # \xa0: a no-break space (web copy)
        j -= 1
    if j < 0 or text[j] == "\n":
        return True
    if text[j] in "”\"'’":
        j -= 1
    return j < 0 or text[j] in _SENT_END


def is_clause(info: DocInfo, k: int) -> bool:
    seg = info.segs[k]
    lo = info.token_at(seg.inner_start)
    hi = info.token_at(max(seg.inner_start, seg.inner_end - 1))
    return any(pos in ("VERB", "AUX") for pos in info.table.pos[lo : hi + 1])


def word_tokens(info: DocInfo, lo: int, hi: int) -> list[int]:
    """Tokens of [lo, hi] that are words (not punctuation or space)."""
    punct, space = info.table.punct, info.table.space
    return [j for j in range(lo, hi + 1) if not punct[j] and not space[j]]


def quoted_only(info: DocInfo, lo: int, hi: int, *, any_mark: bool = False) -> bool:
    """Every word of tokens [lo, hi] is inside quote marks (``any_mark``: at least one is)."""
    inside = [info.tok_seg[j] >= 0 for j in word_tokens(info, lo, hi)]
    return bool(inside) and (any(inside) if any_mark else all(inside))


__all__ = [
    "CONTENT_DEPS",
    "FINITE_TAGS",
    "MIN_DIRECT_WORDS",
    "MIN_FLOATING_WORDS",
    "MIN_INDIRECT_WORDS",
    "Candidate",
    "DocInfo",
    "classify",
    "false_sentence_end",
    "is_clause",
    "one_sentence",
    "quoted_only",
    "span_of",
    "starts_sentence",
    "trim",
    "word_tokens",
]
