"""Interview transcripts: a paragraph that opens with a speaker label is that speaker's turn.

    TAPPER: Do you think he has campaigned as a healer?
    FALLIN: I think he is trying to. I think that has been part of his message.
    Q: What did you find?
    A: I came home from school and my parents were gone.

The turn (the rest of the paragraph) is a quote of the labelled speaker when it
holds a clause. A label is a person's name, checked against the article itself:
a name the model tags as a person, or the surname of a person the article names
elsewhere ("TAPPER" after "Jake Tapper"). "Q" and "A" are labels only in an
article that has both, as interviews do. Section headings ("UPDATE:",
"CORRECTION:", "KEEPING SCORE:", "Iowa:") name nobody and are no labels; a
headline in that form ("Ruiz: Budget Is ‘Dead On Arrival’", the text's first
line) is a title, not a turn.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from corpus.quotes.docinfo import MIN_FLOATING_WORDS, Candidate, DocInfo, classify, trim

if TYPE_CHECKING:
    from spacy.tokens import Token

#: A paragraph's opening label: up to four capitalised words (or Q / A) and a colon.
_LABEL = re.compile(r"(?m)^[ \t]*(?P<label>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})[ \t]*:[ \t]+(?=\S)")
_INTERVIEW = ("Q", "A")
_FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")


def _person_surnames(info: DocInfo) -> set[str]:
    """Case-folded last words of the people the model finds in the article."""
    return {ent[-1].lower_ for ent in info.doc.ents if ent.label_ == "PERSON" and len(ent) >= 1}


def _names_person(tokens: list[Token], surnames: set[str]) -> bool:
    """The label is a person's name: tagged as one, or its last word is the surname of a person named
    in the article (transcripts set "TAPPER:" in capitals, which the model does not tag)."""
    if not tokens or any(t.ent_type_ and t.ent_type_ != "PERSON" or t.tag_ == "POS" for t in tokens):
        return False  # a place or a date ("Iowa:"), or a possessive ("Editor's Note:")
    if all(t.ent_type_ == "PERSON" for t in tokens):
        return True
    return tokens[-1].lower_ in surnames


def transcript_turns(info: DocInfo) -> list[Candidate]:
    """Every labelled turn of an interview transcript in the article, as a quote of its speaker."""
    text = info.text
    if ":" not in text:
        return []
    matches = [m for m in _LABEL.finditer(text)]
    if not matches:
        return []
    labels = {m.group("label") for m in matches}
    interview = all(x in labels for x in _INTERVIEW)
    surnames: set[str] | None = None
    out: list[Candidate] = []
    headline_end = text.find("\n")
    for m in matches:
        if m.start() < headline_end:
            continue  # "Ruiz: Budget Is ‘Dead On Arrival’": a headline names its source; no turn
        label = m.group("label")
        if label in _INTERVIEW:
            if not interview:
                continue
        else:
            if surnames is None:
                surnames = _person_surnames(info)
            lo, hi = info.token_at(m.start("label")), info.token_at(m.end("label") - 1)
            if not _names_person(list(info.doc[lo : hi + 1]), surnames):
                continue
        end = text.find("\n", m.end())
        s, e = trim(text, m.end(), len(text) if end < 0 else end)
        if len(text[s:e].split()) < MIN_FLOATING_WORDS:
            continue
        first, last = info.token_at(s), info.token_at(e - 1)
        if not any(t.tag_ in _FINITE_TAGS for t in info.doc[first : last + 1]):
            continue
        kind, s, e, segs = classify(info, s, e)
        out.append(Candidate(s, e, kind, None, None, None, segs, speaker_span=(m.start("label"), m.end("label"))))
    return out


__all__ = ["transcript_turns"]
