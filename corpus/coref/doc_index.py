"""What the readers of one article look up in its Doc, found in one pass and kept for that Doc: the
text (``Doc.text`` joins every token), where tokens start, where sentences start, and the few
tokens the gender reading looks at (gendered pronouns and nouns, proper nouns). Walking a Doc
creates a Python object per token, which costs more than the rules; only the last Doc is kept
(articles are read one after another). The token columns come from ``corpus.doc_tokens``, which the
quote passes share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.coref.lexicon import ROLE_NOUNS, TITLES_FEMALE, TITLES_MALE
from corpus.doc_tokens import doc_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

GENDERED_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_GENDERED_NOUNS = TITLES_FEMALE | TITLES_MALE


@dataclass(frozen=True, slots=True)
class DocIndex:
    text: str
    token_at_char: dict[int, int]  # a token's start offset → its index
    sentence_starts: list[int]  # start offsets of the sentences
    pronouns: list[Token]  # he/him/his/himself/she/her/hers/herself
    gendered_nouns: list[Token]  # words of TITLES_FEMALE / TITLES_MALE
    proper_nouns: list[Token]
    common_subjects: list[Token]  # capitalised subjects tagged as common words ("Fields said", "Sanders drew")
    noun_subjects: list[
        Token
    ]  # subjects that are singular common nouns ("the senator said"), or offices ("the Cardinal")


_last: list[tuple[Doc, DocIndex]] = []


def doc_index(doc: Doc) -> DocIndex:
    """The index of ``doc``, built on the first call for it."""
    if _last and _last[0][0] is doc:
        return _last[0][1]
    table = doc_tokens(doc)  # the columns, read once for every pass (``corpus.doc_tokens``)
    tokens, words, lower, pos, dep, tag = table.tokens, table.words, table.lower, table.pos, table.dep, table.tag
    starts = dict(zip(table.idx, range(len(tokens)), strict=True))
    pronouns: list[Token] = []
    nouns: list[Token] = []
    proper: list[Token] = []
    common: list[Token] = []
    singular: list[Token] = []
    for i, low in enumerate(lower):
        if low in GENDERED_PRONOUNS:
            pronouns.append(tokens[i])
        elif low in _GENDERED_NOUNS:
            nouns.append(tokens[i])
        if pos[i] == "PROPN":
            proper.append(tokens[i])
            if (dep[i] == "nsubj" or dep[i] == "nsubjpass") and tag[i] == "NNP" and low in ROLE_NOUNS:
                singular.append(tokens[i])  # "the Cardinal will ask": an office capitalised, as a common noun is
        elif (dep[i] == "nsubj" or dep[i] == "nsubjpass") and pos[i] != "PRON":
            if words[i][:1].isupper():
                common.append(tokens[i])
            if tag[i] == "NN":
                singular.append(tokens[i])
    sentence_starts = [table.idx[start] for start, _ in table.sentence_bounds]
    index = DocIndex(table.text, starts, sentence_starts, pronouns, nouns, proper, common, singular)
    _last[:] = [(doc, index)]
    return index


def doc_text(doc: Doc) -> str:
    """``doc.text``, once per Doc."""
    return doc_index(doc).text


def token_at_char(doc: Doc) -> dict[int, int]:
    """Character offset of each token's start → the token's index, once per Doc."""
    return doc_index(doc).token_at_char
