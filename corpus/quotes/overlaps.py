"""No two quotes overlap: which of two overlapping candidates wins, and where an outer one ends."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.coref.lexicon import DOCUMENT_NOUNS, ORG_NOUNS, PERSON_NOUNS
from corpus.quotes.docinfo import CONTENT_DEPS, MIN_INDIRECT_WORDS, Candidate, DocInfo, classify

if TYPE_CHECKING:
    from spacy.tokens import Token


def _own_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "agent") for c in tok.children)


def _heads_content(inner: Candidate, outer: Candidate) -> bool:
    """``inner``'s cue is the reported clause of an "according to" ``outer``, with a speaker of its own:
    "According to CTV, Bains told … China is …". "According to" names where the writer learnt of a
    speech act, not a speech act: the report is Bains's. A reporting verb is a speech act of its own:
    "The Times reported that Ruiz told aides …" is the Times's quote (the outer one)."""
    cue, ocue = inner.cue, outer.cue
    if cue is None or ocue is None or ocue.lower_ != "according":
        return False
    if not outer.start <= cue.idx < outer.end or not _own_subject(cue):
        return False
    subj = inner.subject
    if subj is None or not (
        subj.pos_ in ("PRON", "PROPN")
        or subj.ent_type_
        or subj.tag_ == "NNS"
        or subj.lemma_.lower() in PERSON_NOUNS | ORG_NOUNS | DOCUMENT_NOUNS
    ):
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


def resolve_overlaps(info: DocInfo, cands: list[Candidate]) -> list[Candidate]:
    """No two quotes overlap. For each pair, longest first, the outer one wins ("…are lying when they say
    …", "what it called a “patent commons”", "The Times reported that Ruiz told aides …") unless the
    inner cue heads an "according to" content (the inner wins: ``_heads_content``) or joins the content
    as a clause of its own (the outer ends before it: ``_coordinated_cue``)."""
    doc = info.doc
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        for o in list(kept):
            if c.start >= o.end or o.start >= c.end:
                continue
            if _heads_content(c, o):
                kept.remove(o)
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
            break
        else:
            kept.append(c)
    return kept


__all__ = ["resolve_overlaps"]
