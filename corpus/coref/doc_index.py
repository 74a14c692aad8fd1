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
    # the token subsets by their columns (``indexes_of``: no Python step per word), each in text order
    pronouns = [tokens[i] for i in table.indexes_of(lower, GENDERED_PRONOUNS)]
    nouns = [tokens[i] for i in table.indexes_of(lower, _GENDERED_NOUNS)]
    proper = [tokens[i] for i in table.indexes_of(pos, {"PROPN"})]
    subjects = table.indexes_of(dep, {"nsubj", "nsubjpass"})
    common = [tokens[i] for i in subjects if pos[i] != "PROPN" and pos[i] != "PRON" and words[i][:1].isupper()]
    singular = [
        tokens[i]
        for i in subjects
        # "the Cardinal will ask": an office capitalised, as a common noun is; else a singular common noun
        if (tag[i] == "NNP" and lower[i] in ROLE_NOUNS if pos[i] == "PROPN" else pos[i] != "PRON" and tag[i] == "NN")
    ]
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
