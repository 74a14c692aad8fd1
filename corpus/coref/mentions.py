"""Mentions in the parse: how far a noun phrase reaches, whether capitalised words look like a
person's name or an organisation's, and who issued a document the text names.

Pure functions over spaCy tokens and text, shared by the speaker resolver, the cue and
attribution passes and the gender reading."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from corpus.coref.lexicon import DOCUMENT_NOUNS, ISSUING_VERBS, KIN_NOUNS, ORG_NOUNS, PERSON_NOUNS
from corpus.doc_tokens import DocTokens, doc_tokens
from corpus.names import TITLE_WORDS
from corpus.quotes.paragraphs import paragraph_clip

if TYPE_CHECKING:
    from spacy.tokens import Token

    from corpus.models import Entity

_EXCLUDE_FROM_MENTION = frozenset({"appos", "relcl", "acl", "punct", "advcl", "parataxis", "ccomp", "cc"})
_ADJUNCT_PREPS = frozenset({"in", "on", "during", "after", "before", "since", "with", "while", "when"})


#: Verbs that send a text out with a particle: "blasted out an email", "fired off a letter" (not "blasted the
#: report": to criticise it).
_SENDING_OUT_VERBS = frozenset({"blast", "fire", "shoot", "dash", "pump", "churn", "crank"})


def _issues(verb: Token) -> bool:
    """``verb`` puts out the text that is its object: an issuing verb, "put out", or a verb of sending with
    "out" or "off"."""
    lemma = verb.lemma_.lower()
    particle = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    if lemma == "put":
        return "out" in particle
    return lemma in ISSUING_VERBS or lemma in _SENDING_OUT_VERBS and bool(particle & {"out", "off"})


def issuer_of_document(document: Token) -> Token | None:
    """The subject who issued ``document`` when it is the object of an issuing verb: in "the senator
    issued a statement saying …" the senator says it; the statement is only the channel. When the parse
    lost the subject, a name right before the verb that it hung on the verb otherwise is the subject ("Black
    Lives Matter issued …" with "Matter" an adverb of "issued")."""
    if document.lemma_.lower() not in DOCUMENT_NOUNS or document.dep_ != "dobj":
        return None
    verb = document.head
    if verb.pos_ != "VERB" or not _issues(verb):
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None or verb.i == 0:
        return subject if subject is not None and subject.dep_ == "nsubj" else None
    before = verb.doc[verb.i - 1]
    if before.pos_ == "PROPN" and before.head.i == verb.i and before.dep_ in ("advmod", "npadvmod", "dep", "compound"):
        return before
    return None


def role_in_apposition(tok: Token) -> bool:
    """Whether a name has a person's role in apposition ("Ana Ruiz, the party chairwoman,"; "Ruiz, a
    spokeswoman for …"): the mark of a person, which an organisation or a place never gets (a kinship
    noun is not: companies have parents too)."""
    return tok.i in doc_tokens(tok.doc).derived("mentions.role_in_apposition", _with_role_in_apposition)


def _with_role_in_apposition(table: DocTokens) -> frozenset[int]:
    """The tokens ``role_in_apposition`` holds for, read once per Doc from the columns (the question is asked
    of every proper noun, and walking its children makes a Token per child)."""
    roles = PERSON_NOUNS - KIN_NOUNS
    poses, lemmas, heads = table.pos, table.lemma, table.head
    return frozenset(
        heads[j]
        for j in table.indexes_of(table.dep, {"appos"})
        if poses[j] == "NOUN" and lemmas[j] in roles and heads[j] != j  # a child, not the root
    )


# What a broadcaster or a publisher has that it does not act through: a possessive before one names the channel.
_SHOW_NOUNS = frozenset({"programme", "program", "show", "series", "bulletin", "documentary", "website", "edition"})


def named_as_actor(head: Token) -> bool:
    """Whether the organisation a mention headed by ``head`` names is named as someone who acts or speaks,
    whom a later it/they can take up: a subject ("the union voted"), an owner ("the union's leaders", "a
    union spokesman"; not of a show or a title: "BBC One's Countryfile programme", "Radio 4's Today"), an
    agent or a source ("by/from/according to the union", "a spokesman for the union"); not a place or a thing
    ("a vote in the Senate", "came to the Senate", "the House bill")."""
    tok, dep = head, head.dep_
    if dep in ("appos", "conj"):
        tok, dep = tok.head, tok.head.dep_
    if dep in ("nsubj", "nsubjpass", "csubj"):
        return True
    if dep == "poss":  # "the union's leaders"; not "BBC One's Countryfile programme", "Radio 4's Today" (a show)
        return not (tok.head.pos_ == "PROPN" or tok.head.lemma_.lower() in _SHOW_NOUNS)
    if dep in ("compound", "nmod"):  # "a union spokesman", not "the House bill"
        return tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in PERSON_NOUNS
    if dep != "pobj":
        return False
    prep = tok.head
    if prep.lower_ in ("by", "from") or prep.lower_ == "to" and prep.head.lower_ == "according":
        return True
    # "a spokesman for the union", "the head of the union"
    return prep.lower_ in ("for", "of", "at") and prep.head.pos_ == "NOUN" and prep.head.lemma_.lower() in PERSON_NOUNS


def mention_bounds(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``head`` (no appositions or relative clauses),
    or of head + apposition when the head is a common noun and the apposition a name
    ("the country's Innovation Minister, Navdeep Bains")."""
    lo = hi = head.i
    appos_name = None
    for c in head.children:
        if c.dep_ in _EXCLUDE_FROM_MENTION:
            if (
                c.dep_ == "appos"
                and c.pos_ == "PROPN"
                and appos_name is None
                and (head.pos_ != "PROPN" or head.lower_ in TITLE_WORDS or head.lemma_.lower() in PERSON_NOUNS)
            ):
                appos_name = c
            continue
        if c.dep_ == "prep" and c.lower_ in _ADJUNCT_PREPS and c.i > head.i:
            continue  # "an IMF official in a briefing on Wednesday": when and where, not who
        lo = min(lo, c.left_edge.i)
        hi = max(hi, c.right_edge.i)
    doc = head.doc
    for j in range(head.i + 1, hi + 1):
        if doc[j].dep_ in ("relcl", "acl"):  # "a spokesman for the WSIS, which is meeting in Geneva"
            hi = max(head.i, doc[j].left_edge.i - 1)
            break
    if appos_name is not None:
        hi = max(hi, _np_right(appos_name))
    lo, hi = paragraph_clip(doc, lo, hi, head.i)
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and hi != head.i and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1  # never the head itself: the "%" of "Some 87% said" is the noun that speaks
    opening = next((j for j in range(hi, lo, -1) if doc[j].text in "()"), None)
    if opening is not None and doc[opening].text == "(":  # "… Society (WSIS" cut short: no brackets
        hi = opening - 1
    return lo, hi + 1


def _np_right(tok: Token) -> int:
    hi = tok.i
    for c in tok.children:
        if c.dep_ in ("compound", "flat", "amod", "nmod") and c.i > tok.i:
            hi = max(hi, c.right_edge.i)
    return hi


def titled(text: str, pos: int) -> bool:
    """Whether a title word comes right before ``pos`` ("President Obama", "Pope Francis", "Mr. Ruiz")."""
    before = text[max(0, pos - 20) : pos].split()
    return bool(before) and before[-1].lower().rstrip(".") in TITLE_WORDS


_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)


def names_with_article(text: str, entities: Iterable[Entity]) -> set[str]:
    """The PERSON names the text gives an article every time it names them ("The Great Debate Debate
    shows …", "a Right Wing Watch report"): a person is named bare ("Ana Ruiz", "the late Ana Ruiz" puts
    a word between), so these are the model's mistakes for a title, an event or an organisation."""
    bare: set[str] = set()
    seen: set[str] = set()
    for e in entities:
        if e.label != "PERSON":
            continue
        seen.add(e.name)
        if _ARTICLE_BEFORE.search(text, max(0, e.start - 5), e.start) is None:
            bare.add(e.name)
    return seen - bare


def in_parentheses(text: str, pos: int) -> bool:
    """Inside "( … )" on the same line, as photo credits are: "( Richard Lautens / Toronto Star )"."""
    line_start = text.rfind("\n", 0, pos) + 1
    opened = text.rfind("(", line_start, pos)
    return opened != -1 and text.find(")", opened, pos) == -1


_PARTICLES = frozenset(
    {
        "de",
        "da",
        "van",
        "von",
        "der",
        "den",
        "bin",
        "al",
        "la",
        "le",
        "du",
        "del",
        "di",
        "dos",
        "el",
        "ibn",
        "ter",
        "st.",
        "o'",
        "mac",
    }
)


# Letters after a person's name (an office, an honour), in capitals: no acronym of an organisation.
_POST_NOMINALS = frozenset({"QC", "KC", "MP", "MSP", "MEP", "AM", "MLA", "MPP", "MNA", "OBE", "MBE", "CBE", "KBE"})


@lru_cache(maxsize=16384)  # a pure function of the text, asked again for every mention
def organisation_like(text: str) -> bool:
    """A "name" with an acronym among mixed-case words ("Burnaby RCMP", "Ontario NDP") or opening with an
    organisation noun ("Studio Lindqvist"): an organisation, whatever the NER says. A name set in capitals
    throughout ("DR. BONNIE HENRY") is not."""
    words = [w.strip(".,") for w in text.split()]
    while len(words) > 2 and (words[-1] in _POST_NOMINALS or _ROMAN.match(words[-1])):
        words.pop()  # "Ben Emmerson QC", "Paul Boateng MP", "Tom Ruiz III": letters after a person's name
    if len(words) < 2 or all(w.isupper() for w in words if any(ch.isalpha() for ch in w)):
        return False
    if words[0].lower() in ORG_NOUNS:
        return True
    # (a generation's numeral after a surname is no acronym: "Joseph Murray II" is "Murray II" to the name index)
    return any(len(w) >= 2 and w.isalpha() and w.isupper() and not _ROMAN.match(w) for w in words)


def looks_like_name(text: str) -> bool:
    """A person's name: capitalised words (name particles allowed), at least one letter."""
    words = text.split()
    if not words:
        return False
    for w in words:
        if w[:1].isupper() or w.lower() in _PARTICLES or w[:1] in "'’":
            continue
        if w[:1] in '"“' and w[1:2].isupper() and w[-1:] in '"”':
            continue  # a nickname in quotes: 'Juan "Chico" Manriquez'
        return False
    return any(ch.isalpha() for ch in text)


# A word that makes a capitalised phrase an organisation, a place, a title or a work rather than
# a person's name ("Getty Images", "Westgate Mall", "Liberal MLA", "Superior Court").
NOT_NAME_WORDS = frozenset(
    """
images press international inc ltd corp co llc plc group mall falls court studio studios club milk
officer mla mpp mp rcmp police university college school hospital bank fund institute association
council committee party government ministry department agency foundation centre center theatre
theater festival awards award street avenue road park lake river island county province city
news media network radio tv times post star journal herald tribune dance act trade checkers valley
mountain mountains intermediate average industrial index chemical fish source garden system systems
sachs central northern southern eastern western
inquiry commission tribunal review report board union office service trust society alliance coalition
league federation dem dems mps msps meps people
""".split()
)
_ROMAN = re.compile(r"^[IVX]+$")  # "Henry VIII", "John Smith III": no acronym
_INITIALS = re.compile(r"^(?:[A-Z]\.){2,3}$")  # "J.M.", "A.J.": a person's initials, written without spaces


@lru_cache(maxsize=8192)  # a pure function of the text, asked again for every mention
@lru_cache(maxsize=16384)  # a pure function of the name, asked again for every mention
def is_person_name(name: str) -> bool:
    """Capitalised words (name particles allowed), with letters, not an all-capitals acronym, no
    digits or dots inside words, and no word that names an organisation, place or title."""
    words = name.split()
    if not words or not any(ch.isalpha() for ch in name):
        return False
    if (
        any(len(w) > 2 and w.isupper() and not _ROMAN.match(w) for w in words)
        or len(words) == 1
        and len(name) > 1
        and name.isupper()
    ):
        return False  # "CBC", "RCMP", "SNC Lavalin": acronyms are organisations (initials "JJ" are not)
    if any(ch.isdigit() for ch in name) or any("." in w.rstrip(".") for w in words):
        return False  # "Jazz.FM91", "Bill C-74"
    if any(w.lower().strip(".,") in NOT_NAME_WORDS for w in words):
        return False
    if len(words) > 1 and words[-1].lower().rstrip(".") in ("st", "rd", "ave"):
        return False  # "Downing St": a street ("St" of a saint comes first, "St John")
    return all(w[:1].isupper() or w.lower() in _PARTICLES or w[:1] in "'’" for w in words)


@lru_cache(maxsize=8192)  # asked again for every mention, as is_person_name
def initialled_person_name(name: str) -> bool:
    """``is_person_name``, or a name of the model's people that opens with initials written without spaces
    ("J.M. Berger", "A.J. Ruiz"), which that test takes for an acronym or a dotted brand: a person's all the
    same when the rest is a person's name. (For names the NER labelled a person: "U.S. Army" is an ORG's.)"""
    words = name.split()
    while len(words) > 1 and _INITIALS.match(words[0]):
        words = words[1:]
    return is_person_name(" ".join(words))


def from_a_body(document: Token) -> list[Token]:
    """The "from" phrases that say which body or person a document comes from when the text names it with a
    common noun: "a memo from the panel", "a letter sent to ministers from the staff association", "a note
    from his lawyer". A named one is the model's (``ArticleModel.issuer_of``); a place or a time is where or
    when it came from ("a report from Iowa", "a letter from last week")."""
    holders = [document] + [c for c in document.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    return [
        p
        for h in holders
        for p in h.children
        if p.dep_ == "prep"
        and p.lower_ == "from"
        and p.i > document.i
        and any(
            o.dep_ == "pobj" and o.pos_ == "NOUN" and not o.ent_type_ and o.lemma_.lower() in ORG_NOUNS | PERSON_NOUNS
            for o in p.children
        )
    ]


#: Titles of knights, dames and peers. British usage calls Sir Ian Blair "Sir Ian", Dame Ana Ruiz "Dame Ana", Lord
#: Ruiz "Lord Ruiz": never "Mr Blair", "Ms Ruiz".
_TITLES_OF_RANK = frozenset({"sir", "dame", "lord", "lady", "baroness", "baron"})
_PLAIN_HONORIFIC = re.compile(r"(?:^|\s)(?:Mr|Mrs|Ms|Miss)\.?\s*$")
_HONORIFIC_OPENING = re.compile(r"(?:Mr|Mrs|Ms|Miss)\.?\s")


def _ranked(text: str, e: Entity) -> bool:
    """Whether the mention ``e`` is given a title of rank ("Sir Ian Blair", "Baroness Ruiz")."""
    words = text[max(0, e.start - 12) : e.start].split() + e.text.split()[:1]
    before = [w for w in words if w.lower() != e.name.split()[0].lower()]
    return bool(before) and before[-1].lower().rstrip(".") in _TITLES_OF_RANK


def titles_of_rank(text: str, entities: Iterable[Entity]) -> tuple[set[str], set[str]]:
    """(the people the article titles Sir, Dame, Lord, Lady or Baroness; its other people named in full)."""
    people = [e for e in entities if e.label == "PERSON"]
    ranked = {e.name for e in people if _ranked(text, e)}
    plain = {e.name for e in people if len(e.name.split()) >= 2 and e.name not in ranked} if ranked else set()
    return ranked, plain


def plain_honorific_namesake(
    text: str, start: int, mention: str, name: str, ranked: set[str], plain: set[str]
) -> str | None:
    """The person a "Mr Blair" (Mr/Mrs/Ms/Miss and a surname, the mention at ``start``) names when the article's
    names made it ``name``, someone the article titles Sir, Dame, Lord, Lady or Baroness (``ranked``), and the
    article names one other person of that surname without such a title (``plain``): "Mr Blair" beside "Sir
    Ian Blair" and "Tony Blair" is Tony Blair. None otherwise."""
    if name not in ranked or len(mention.split()) > 2:
        return None
    if not (_PLAIN_HONORIFIC.search(text[max(0, start - 6) : start]) or _HONORIFIC_OPENING.match(mention)):
        return None
    surname = name.split()[-1]
    others = {other for other in plain if other.split()[-1] == surname}
    return others.pop() if len(others) == 1 else None


def plain_honorific_namesakes(text: str, entities: Sequence[Entity]) -> dict[int, str]:
    """Start of each entity mention ``plain_honorific_namesake`` gives another person → that person's name."""
    ranked, plain = titles_of_rank(text, entities)
    if not ranked:
        return {}
    out: dict[int, str] = {}
    for e in entities:
        if e.label == "PERSON" and (other := plain_honorific_namesake(text, e.start, e.text, e.name, ranked, plain)):
            out[e.start] = other
    return out
