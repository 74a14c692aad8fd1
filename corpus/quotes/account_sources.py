"""Who is behind the account "according to" names when it names an occasion or a record, not a source.

"…, according to interviews with party officials" reports what the officials said; "according to an
interview his brother gave" what the brother said; "according to a court filing by the state attorney"
what the attorney filed. The source is the one who spoke in the conversation or put out the record; an
account that names nobody ("according to a recording") stays what it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.coref.lexicon import (
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    ISSUING_VERBS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PUBLISHED_NOUNS,
    WH_PRONOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Occasions of speaking: what was said in them was said by the people they were "with".
CONVERSATION_NOUNS = frozenset({"interview", "conversation", "discussion", "talk", "exchange", "chat"})
#: Records of what someone said or wrote, whose source is who gave, filed or provided them.
RECORD_NOUNS = (
    DOCUMENT_NOUNS
    | PUBLISHED_NOUNS
    | frozenset({"audio", "video", "recording", "tape", "footage", "transcript", "account", "testimony"})
)
#: Verbs whose agent is the source of a record ("filed by", "provided by"), not its finder or reader
#: ("obtained by", "reviewed by", "seen by": a news outlet that got hold of someone else's record).
_GIVING_VERBS = ISSUING_VERBS | frozenset({"provide", "give", "conduct", "grant"})


def _can_be_source(tok: Token) -> bool:
    """A name, a person's pronoun or a noun for people or organisations: someone who can say something."""
    if tok.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    if tok.pos_ == "PRON":
        return tok.lower_ not in ("it", "this", "that") and tok.lower_ not in WH_PRONOUNS
    lemma = tok.lemma_.lower()
    return tok.pos_ == "PROPN" or lemma in PERSON_NOUNS or lemma in ORG_NOUNS or lemma in GROUP_NOUNS


def _verb_lemma(verb: Token) -> str:
    """The lemma of a participle, rejoined when the tokenizer split a hyphenated one ("e-mailed" → "e",
    "-", "mailed")."""
    doc = verb.doc
    if verb.i >= 2 and doc[verb.i - 1].text == "-" and doc[verb.i - 2].lower_ == "e":
        return "e-" + verb.lemma_.lower()
    return verb.lemma_.lower()


def lost_relative_clause(account: Token) -> Token | None:
    """The verb of a relative clause after ``account``, the object of "according to", that the parser took
    for the verb "according" hangs on: in "…, according to an interview his brother gave to ITV" it can
    make "his brother gave to ITV" the clause the phrase attributes. The clause follows the account at
    once (no comma: "according to a letter, the mayor sent …" is a clause of its own), its verb gives or
    puts out a record and lacks the object the account fills ("according to the report the firm gave no
    figures" is a misplaced comma, not a relative clause). None when the parse is no such clause."""
    according = account.head.head if account.dep_ == "pobj" and account.head.lower_ == "to" else None
    if according is None or according.lower_ != "according":
        return None
    verb = according.head
    if verb.i <= account.i or verb.pos_ != "VERB" or _verb_lemma(verb) not in _GIVING_VERBS:
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.left_edge.i != account.right_edge.i + 1 or not _can_be_source(subject):
        return None
    return verb


#: Words a quoted title before its noun may have ("the “Medicare for all” document").
_TITLE_WORDS = 6


def noun_after_title(account: Token) -> Token | None:
    """The noun a quoted title names when the parser took the title for the noun phrase's head: in "according
    to the “Medicare for all” document he released" the object of "to" is "Medicare", and "document" hangs
    under it. The noun right after the closing mark, within the title's phrase, is the account; None when
    ``account`` opens no short quoted title or no noun follows it."""
    doc = account.doc
    if account.i == 0 or not doc[account.i - 1].is_quote:
        return None
    close = next(
        (j for j in range(account.i + 1, min(len(doc), account.i + _TITLE_WORDS + 1)) if doc[j].is_quote), None
    )
    if close is None or close + 1 >= len(doc):
        return None
    noun = doc[close + 1]
    if noun.pos_ != "NOUN" or not any(a.i == account.i for a in noun.ancestors):
        return None
    return noun


def source_behind_account(account: Token) -> Token | None:
    """The one who spoke or wrote behind ``account``, the object of "according to", when the account is an
    occasion or a record and the text names its source; None when it names a source itself or none."""
    titled = noun_after_title(account)
    if titled is not None:
        return source_behind_account(titled) or titled  # the record a quoted title names, and who put it out
    if account.pos_ != "NOUN" or account.ent_type_ in ("PERSON", "ORG", "NORP"):
        return None
    lemma = account.lemma_.lower()
    if lemma in CONVERSATION_NOUNS:
        for prep in account.children:
            if prep.dep_ == "prep" and prep.lower_ == "with":
                who = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if who is not None and _can_be_source(who):
                    return who  # "interviews with party officials"
    if lemma not in CONVERSATION_NOUNS and lemma not in RECORD_NOUNS:
        return None
    for clause in account.children:
        if clause.dep_ == "acl" and clause.tag_ in ("VBN", "VBD") and _verb_lemma(clause) in _GIVING_VERBS:
            agent = next((c for c in clause.children if c.dep_ == "agent"), None)
            who = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if who is not None and _can_be_source(who):
                return who  # "a court document filed by the state attorney"
        if clause.dep_ == "relcl" and clause.lemma_.lower() in _GIVING_VERBS:
            who = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if who is not None and _can_be_source(who):
                return who  # "an interview his brother gave to a broadcaster"
    lost = lost_relative_clause(account)
    if lost is not None:  # the same, parsed as a clause of its own
        return next(c for c in lost.children if c.dep_ == "nsubj")
    return None


__all__ = ["lost_relative_clause", "noun_after_title", "source_behind_account"]
