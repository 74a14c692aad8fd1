"""Words in front of the name in a speaker label that are no part of the name.

A round-up or a transcript may set the writer's "Stone continued:" inverted, as "Continued Stone:" or
"Stated Stone:": the verb of saying opens the label and the name follows it. The verb is no word of the
name (a speaker list would show "Stated Stone"); a first name that looks like a verb ("Will Ruiz:") is one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.first_names import is_known_first_name
from corpus.quotes.verbs import reporting_verbs

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def verb_of_saying(tok: Token) -> bool:
    """A finite or past verb ("Continued", "Says"), or a capitalised past tense of a reporting verb the
    tagger took for a proper noun ("Stated", "Added"); never a word someone has as a first name ("Will",
    "Ted"), nor a past tense of another verb ("United" of "United Nations")."""
    if is_known_first_name(tok.text):
        return False
    if tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBN", "VBZ"):
        return True
    low = tok.lower_
    if not low.endswith("ed"):
        return False
    verbs = reporting_verbs()
    return low[:-1] in verbs or low[:-2] in verbs or (len(low) > 4 and low[-3] == low[-4] and low[:-3] in verbs)


def name_start(label: Span | list[Token]) -> int:
    """The index in ``label`` of the first word of the name: past the verbs of saying that open it, but
    never past the last word."""
    k = 0
    while k < len(label) - 1 and verb_of_saying(label[k]):
        k += 1
    return k


__all__ = ["name_start", "verb_of_saying"]
