"""The document an "it" that speaks takes up: the subject of the nearest main clause before it, or the text
that clause's person cited or released.

"The lawsuit contends that the city ignored the warnings. It goes on to fault the mayor …": "it" is the
lawsuit, the subject of the clause before, not the last organisation or place the text named ("the city").
A text that speaks is taken up by "it" as a person is by "she": the main clauses before the pronoun, read
backwards, are about it until one is about something else. An "it" subject on the way continues the chain
("the paper notes …, it lists …, and it says …"); a subject inside quote marks or in a reported clause
(the words of what the text says: "the paper notes the government monitors …") is not the narration's.
A person is never "it": "Baker cited a memo issued by the board. It says …" is the memo, which speaks for the
board.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from corpus.coref.lexicon import DOCUMENT_NOUNS, PUBLISHED_NOUNS
from corpus.doc_tokens import doc_tokens

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Texts that speak: documents, published pieces, and filings and pages the lexicon's lists leave out. Not
#: "paper": "The paper said … . It said …" is mostly a newspaper, whose name the resolver knows (unless the
#: article is about a white paper or the like, ``_speaking_text``).
SPEAKING_TEXTS = (
    DOCUMENT_NOUNS
    | PUBLISHED_NOUNS
    | frozenset({"lawsuit", "suit", "complaint", "indictment", "petition", "website", "blog", "ad"})
    # texts that lay down rules: "The constitution makes no mention of it, although it does say …" (not "the
    # bill", "the law": more often what a clause is about than what speaks: "The bill passed. It said …")
    | frozenset({"constitution", "charter", "memorandum", "platform", "manifesto", "guideline", "guidance"})
)
#: How many sentences back the chain of main clauses is read.
SENTENCE_REACH = 3


def _main_clause_subject(tok: Token) -> bool:
    """A subject of a sentence's root or of a verb coordinated with it ("… notes X, and it says …")."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    # "For instance, the paper notes the state monitors …, it lists …": the parse made the first clause the
    # complement of the verb after it
    return verb.dep_ == "ROOT" or verb.dep_ == "ccomp" and verb.i < verb.head.i and verb.head.dep_ == "ROOT"


def document_subject_before(pronoun: Token, quote_spans: Sequence[tuple[int, int]]) -> Token | None:
    """The head of the document the main clauses right before ``pronoun`` ("it") are about, or None when the
    nearest main clause is about something else (a person, an organisation, a thing) or there is none
    within ``SENTENCE_REACH`` sentences. ``quote_spans`` (sorted character spans) are the quotations."""
    starts = [a for a, _ in quote_spans]

    def in_quote(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos) - 1
        return k >= 0 and quote_spans[k][0] <= pos < quote_spans[k][1]

    doc = pronoun.doc
    first_sent = pronoun.sent
    for _ in range(SENTENCE_REACH):
        if first_sent.start == 0:
            break
        first_sent = doc[first_sent.start - 1].sent
    for i in range(pronoun.i - 1, first_sent.start - 1, -1):
        tok = doc[i]
        if not _main_clause_subject(tok) or in_quote(tok.idx):
            continue
        if tok.lower_ == "it":
            continue  # the same "it" going on
        if by_an_author(tok):  # "Broken Promises, by Ruth Okonjo,": a title, even in the plural
            return tok
        if tok.tag_ in ("NNS", "NNPS") or tok.lower_ in ("they", "we"):
            continue  # "The email was sent by Bash. Two Americans were killed. “…,” it reads": several are no "it"
        if _speaking_text(tok):
            return tok
        if tok.ent_type_ == "PERSON" or tok.lower_ in ("he", "she"):
            # "Baker cited a memo issued by the board. It says …": a person is no "it"; the text the person
            # cited, released or wrote is
            verb = tok.head
            return next((c for c in verb.children if c.dep_ == "dobj" and _speaking_text(c)), None)
        return None
    return None


def _speaking_text(tok: Token) -> bool:
    if tok.pos_ != "NOUN":
        return False
    lemma = tok.lemma_.lower()
    if lemma == "paper":  # "the paper notes …" where the article is about a white paper, not a newspaper
        return _WRITTEN_PAPER.search(doc_tokens(tok.doc).text) is not None  # the text read once per Doc
    return lemma in SPEAKING_TEXTS


#: Papers that are documents, not newspapers: "the white paper", "a policy paper".
_WRITTEN_PAPER = re.compile(r"\b(?:white|position|policy|working|discussion|research|green) papers?\b", re.IGNORECASE)


def by_an_author(tok: Token) -> bool:
    """Whether a proper noun is a work's title with its author after it ("Brown's Britain, by Robert Peston,"):
    a text that speaks."""
    return tok.pos_ == "PROPN" and any(
        c.dep_ == "prep"
        and c.lower_ == "by"
        and c.i > tok.i
        and any(o.dep_ == "pobj" and o.pos_ == "PROPN" for o in c.children)
        for c in tok.children
    )


__all__ = ["SPEAKING_TEXTS", "by_an_author", "document_subject_before"]
