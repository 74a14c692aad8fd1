"""Block quotations set in a paragraph of their own, without quote marks, after a cue and a colon.

    Hewitt writes:

    The movie mentions neither the president nor the secretary of state by name …

A paragraph that ends with a reporting verb's clause and a colon hands the floor to its subject:
the next paragraph is what was written or said, as a whole (web pages set quotations as indented
blocks, whose marks the text loses). The cue is the verb the colon closes ("writes:", "said in a
statement:"); any other verb ("The result:", "She made a promise:") announces no words. The block
is an unquoted paragraph holding a clause; a paragraph that opens with a quote mark is a quotation
the marks already find.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.quotes.docinfo import FINITE_TAGS, MIN_INDIRECT_WORDS, Candidate, DocInfo, classify, trim
from corpus.quotes.speakers import subject_of
from corpus.quotes.verbs import is_cue, is_reporting_use, reporting_verbs, verbs_of_class

if TYPE_CHECKING:
    from spacy.tokens import Token

_OPENING_MARKS = "\"“‘'«"


def _cue_of_colon(info: DocInfo, colon: Token) -> Token | None:
    """The reporting verb whose clause the paragraph-final colon closes, or None."""
    verb = colon.head
    if verb.i >= colon.i or info.tok_par[verb.i] != info.tok_par[colon.i] or info.tok_seg[verb.i] >= 0:
        return None
    verbs = reporting_verbs() - verbs_of_class("quoted") - verbs_of_class("question")
    if not is_cue(verb, verbs) or not is_reporting_use(verb):
        return None
    # the verb's own content before the colon ("said that … :") makes the colon a list, not a hand-over
    if any(c.dep_ == "ccomp" and c.i < colon.i for c in verb.children):
        return None
    return verb


def _next_paragraph(info: DocInfo, colon: Token) -> tuple[int, int] | None:
    """Token range [lo, hi] of the paragraph right after the colon's, or None."""
    doc = info.doc
    par = info.tok_par[colon.i]
    lo = colon.i + 1
    while lo < len(doc) and (info.tok_par[lo] == -1 or doc[lo].is_space):
        lo += 1
    if lo >= len(doc) or info.tok_par[lo] != par + 1:
        return None
    hi = lo
    while hi + 1 < len(doc) and info.tok_par[hi + 1] == info.tok_par[lo]:
        hi += 1
    return lo, hi


def block_quotes(info: DocInfo) -> list[Candidate]:
    """Every unquoted paragraph a cue and a colon at the end of the paragraph before introduce."""
    doc, text = info.doc, info.text
    out: list[Candidate] = []
    if ":" not in text:
        return out
    colons = [info.table.tokens[i] for i, word in enumerate(info.table.words) if word == ":"]  # no Token per word
    for colon in colons:
        if info.tok_seg[colon.i] >= 0 or info.tok_par[colon.i] in info.boiler_pars:
            continue
        after = colon.i + 1
        if after >= len(doc) or "\n" not in (colon.whitespace_ + doc[after].text):
            continue  # not the paragraph's last token
        verb = _cue_of_colon(info, colon)
        if verb is None:
            continue
        subject = subject_of(verb)
        if subject is None or info.tok_seg[subject.i] >= 0:
            continue
        block = _next_paragraph(info, colon)
        if block is None:
            continue
        lo, hi = block
        if doc[lo].text[:1] in _OPENING_MARKS or info.tok_par[lo] in info.boiler_pars:
            continue
        words = doc[lo : hi + 1]
        if len([t for t in words if not t.is_punct]) < MIN_INDIRECT_WORDS or not any(
            t.tag_ in FINITE_TAGS for t in words
        ):
            continue
        s, e = trim(text, doc[lo].idx, doc[hi].idx + len(doc[hi].text))
        if s >= e:
            continue
        kind, s, e, segs = classify(info, s, e)
        out.append(Candidate(s, e, kind, verb, (verb.idx, verb.idx + len(verb.text)), subject, segs))
    return out


__all__ = ["block_quotes"]
