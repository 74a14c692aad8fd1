"""Which of two overlapping candidates wins, where an outer one ends, and when both are quotes because one
is a report inside the other (``corpus.quotes.nesting``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.quotes.content_shapes import closing_cue_start
from corpus.quotes.docinfo import CONTENT_DEPS, MIN_INDIRECT_WORDS, Candidate, DocInfo, classify
from corpus.quotes.nesting import nests, speaker_like

if TYPE_CHECKING:
    from spacy.tokens import Token


def _own_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "agent") for c in tok.children)


def _heads_content(inner: Candidate, outer: Candidate) -> bool:
    """``inner``'s cue is the reported clause of an "according to" ``outer``, with a speaker of its own:
    "According to CTV, Bains told … China is …". When the two do not nest (``nests``), "according to"
    names where the writer learnt of a speech act, not a speech act: the report is Bains's."""
    cue, ocue = inner.cue, outer.cue
    if cue is None or ocue is None or ocue.lower_ != "according":
        return False
    if not outer.start <= cue.idx < outer.end or not _own_subject(cue):
        return False
    subj = inner.subject
    if subj is None or not speaker_like(subj):
        return False  # "says that a chip inside the cartridge tells the printer that …": no speaker
    return cue.head.i == ocue.i and cue.dep_ in CONTENT_DEPS + ("relcl",) or ocue.head.i == cue.i


def _coordinated_cue(inner: Candidate, outer: Candidate) -> int | None:
    """Token where a cue clause joined to ``outer``'s content starts ("said X and he said Y", "admitted X
    but argued Y", "…, saying that Y"): a report of its own that ends ``outer``'s content; else None."""
    cue = inner.cue
    if cue is None or not outer.start < cue.idx < outer.end:
        return None
    head = cue.head
    if not (outer.start <= head.idx < outer.end or outer.cue is not None and head.i == outer.cue.i):
        return None
    if cue.dep_ == "conj" or cue.dep_ == "advcl" and cue.tag_ == "VBG" and not _own_subject(cue):
        return cue.left_edge.i
    return None


def end_before_closing_cues(info: DocInfo, cands: list[Candidate]) -> None:
    """What a cue reports ends where a closing cue clause of another quote begins: in "Ruiz admitted that the
    bridge was “unsafe,” the Gazette reported." the parser may hang "the Gazette reported" inside Ruiz's
    clause (``corpus.quotes.content_shapes.closing_cue_start``); Ruiz's words end at the comma, and the
    Gazette's report holds them (``nests``)."""
    doc = info.doc
    starts = [(c.cue, j) for c in cands if c.cue is not None and (j := closing_cue_start(info, c.cue)) is not None]
    for cue, first in starts:
        for c in cands:
            if c.cue is None or c.cue.i >= first or c.cue.i == cue.i or not c.start < doc[first].idx < c.end:
                continue
            if not any(a.i == c.cue.i for a in cue.ancestors):
                continue  # the closing cue hangs on this cue's clause
            last = first - 1
            while last > 0 and (doc[last].is_punct or doc[last].is_space) and not doc[last].is_quote:
                last -= 1  # the comma before the cue clause, not a closing mark
            end = doc[last].idx + len(doc[last].text)
            if end > c.start and len(info.text[c.start : end].split()) >= MIN_INDIRECT_WORDS:
                c.kind, c.start, c.end, c.segs = classify(info, c.start, end)


def resolve_overlaps(info: DocInfo, cands: list[Candidate]) -> list[Candidate]:
    """Two quotes overlap only when one is a report inside the other (``nests``: "Ruiz said Baker told her
    …", "According to the coroner, the driver told police …"): both are kept, the inner one knowing the
    quote it is ``within``. For any other pair, longest first, the outer one wins ("…are lying when they
    say …", "what it called a “patent commons”") unless the inner cue heads an "according to" content
    (the inner wins: ``_heads_content``). A cue clause joined to the content as a clause of its own ends the outer one
    before it, whether or not it could nest ("said X and he said Y": ``_coordinated_cue``)."""
    doc = info.doc
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        within: Candidate | None = None
        for o in list(kept):
            if c.start >= o.end or o.start >= c.end:
                continue
            cut = _coordinated_cue(c, o)
            if cut is not None:
                j = cut - 1
                while j > 0 and (doc[j].is_punct or doc[j].dep_ in ("cc", "mark")):
                    j -= 1
                end = doc[j].idx + len(doc[j].text)
                if end <= c.start and len(info.text[o.start : end].split()) >= MIN_INDIRECT_WORDS:
                    o.kind, o.start, o.end, o.segs = classify(info, o.start, end)
                    continue
            if nests(info, c, o):
                if within is None or o.end - o.start < within.end - within.start:
                    within = o  # the innermost report that holds it
                continue
            if _heads_content(c, o):
                kept.remove(o)
                continue
            break
        else:
            c.within = within if within is not None and any(o is within for o in kept) else None
            kept.append(c)
    return kept


__all__ = ["end_before_closing_cues", "resolve_overlaps"]
