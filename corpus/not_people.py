"""Names the small model labels a person that the words and the article show to be no one.

A person's name is written with a capital and small letters, has no digit, and is what the article calls
someone. Three shapes break that, whatever the first name table says:

* a word in capitals or with a digit ("BAA", "MI6", "G8"): an organisation's short name or code. Not a
  person's initials the article spells out ("JFK" beside "John F Kennedy"), and not in a line written all in
  capitals (a headline);
* a name ending in a word for a building ("Clarence House", "Lambeth Palace"): the building, standing for
  whoever works there as "Downing Street" does — a place, as the NER labels Downing Street. Not when the
  article gives that last word a title, as a surname ("Mr House");
* an organisation of the article with a word in front that is no first name ("New Labour", "Old Labour",
  "Senior Labour"; a word the article writes in lower case, or one the name table gives a few people only):
  that organisation, under a label or a description (also when read as a place or a title).
  Not a person whose surname happens to name one ("Andrew Green" beside "the Greens"), nor a place whose last
  word the article also gives a place ("New England" beside "England");
* a name ending in what an organisation is called ("Christian Medical Fellowship", "Crofters Federation"), that
  last word no surname of the article;
* a name the NER reads as a person and as a place in one article, opening with no first name ("Krispy Kreme",
  "Manchester United"): an organisation named after a person or a place, a company or a club.

``corpus.entities.raw_mentions`` relabels these (ORG, FAC, ORG) before anything reads the people of the article,
so that neither the speaker lists nor he/she take them for someone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from corpus.acronyms import initials
from corpus.coref.lexicon import PERSON_NOUNS
from corpus.doc_tokens import DocTokens, doc_tokens
from corpus.gender import is_known_first_name
from corpus.names import TITLE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Nouns for a building that a name ends with ("Clarence House", "Lambeth Palace", "Westminster Abbey"). Not
# "Hall", "Castle" or "Lodge": common surnames ("Barbara Castle").
BUILDING_WORDS = frozenset({"house", "palace", "abbey", "cathedral", "manor", "mansion", "towers"})

# The last word of an organisation's name ("… Curriculum Authority", "… Crofters Federation", "… Medical
# Fellowship").
ORGANISATION_HEADS = frozenset(
    """
authority council commission association union agency office department committee institute federation
service board trust society foundation company corporation league alliance coalition ministry bureau
hospital university college school court unit inquiry tribunal executive assembly parliament fellowship
""".split()
)
# Of those, the ones that are surnames too ("Margaret Court").
_SURNAME_HEADS = frozenset({"court"})

Mention = tuple[str, int, int, str]
# Labels the small model gives an organisation with a word in front ("New Labour" as a place or a title).
_PLACE_OR_WORK_LABELS = frozenset({"GPE", "LOC", "WORK_OF_ART"})
_RELABELLED = _PLACE_OR_WORK_LABELS | {"PERSON"}
# A word this many people of the name table have as a first name is one in front of a surname ("Bill Gates"
# beside a bill and a "Gates" read as a company), not a word in front of an organisation's name ("New").
FIRST_NAME_MIN = 1000
# A word the name table gives fewer people than this as a first name, though it knows it, is an English word that
# a few people were given ("Old": 43, "New": 54), not a name: in front of an organisation it is an adjective.
WORD_NOT_NAME_MAX = 100


def _code_shaped(word: str) -> bool:
    """An organisation's short name or code: letters and a digit ("MI6", "G-III"), or two to four capitals
    ("BAA", "NHS"; a longer word in capitals is as often a name shouted, "CLINTON:" of a transcript)."""
    letters = word.replace(".", "").replace("&", "").replace("-", "")
    if len(letters) < 2 or not letters.isalnum() or not any(c.isalpha() for c in letters):
        return False
    return any(c.isdigit() for c in letters) or (letters.isupper() and len(letters) <= 4)


def _in_capitals_line(text: str, start: int) -> bool:
    """Whether the line around ``start`` is written in capitals (a headline), so capitals say nothing."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    line = text[lo : hi if hi >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 0 and sum(c.isupper() for c in letters) * 10 >= len(letters) * 8


def _titled_and_lower_case(table: DocTokens) -> tuple[set[str], set[str]]:
    """The words the article puts after a title ("Mr House" → "House"), and those it writes in lower case."""
    return table.words_after(TITLE_WORDS), {w for w in set(table.words) if w[:1].islower()}


class _Article:
    """What the rules read of the article: the words it puts after a title ("Mr House" → "House"), the
    words it writes in lower case, the names it gives people, organisations and places alone."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        # read of the Doc alone, once for both readers of the article (``relabel_not_people``, ``article_names``)
        self.titled, self.lower_case = doc_tokens(doc).derived("not_people.words", _titled_and_lower_case)
        people = [t for t, _, _, label in mentions if label == "PERSON"]
        self.person_words = {w for t in people for w in t.split()}
        self.people_alone = {t for t in people if " " not in t}
        # words alone read as a person more often than as an organisation or a group ("Labour" the NER now and then
        # labels a person is the party)
        as_body = [t for t, _, _, label in mentions if label in ("ORG", "NORP") and " " not in t]
        self.mostly_people_alone = {
            t for t in self.people_alone if sum(p == t for p in people) > sum(b == t for b in as_body)
        }
        self.spelt = {acr for t in people if " " in t for acr in initials(t)}
        self.organisations = {t for t, _, _, label in mentions if label in ("ORG", "NORP")}
        self.places = {t for t, _, _, label in mentions if label in ("GPE", "LOC")}


def _a_code(doc: Doc, text: str, start: int, article: _Article) -> bool:
    """ "BAA", "MI6": a code, not a person's initials the article spells ("JFK" beside "John F Kennedy"), not a
    name of the article's people in capitals, not after a title, not in a headline in capitals."""
    return (
        " " not in text
        and _code_shaped(text)
        and text.replace(".", "").upper() not in article.spelt
        and text.title() not in article.person_words
        and text not in article.titled
        and not _in_capitals_line(doc.text, start)
    )


def _a_building(doc: Doc, words: list[str], start: int, article: _Article) -> bool:
    """ "Clarence House": a name ending in a building's noun, that last word no surname of the article (said
    alone or after a title: "Mr House", "House said"), the name not introduced by a role ("artistic director
    Christopher House")."""
    if len(words) < 2 or re.sub(r"\W", "", words[-1]).lower() not in BUILDING_WORDS:
        return False
    if words[-1] in article.titled or words[-1] in article.people_alone:
        return False
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    before = doc[span.start - 1] if span is not None and span.start > 0 else None
    return before is None or before.lower_ not in PERSON_NOUNS


def _a_word_not_a_name(word: str, article: _Article) -> bool:
    """A word in front of a name that is an English word, not a first name: the article writes it in lower case,
    or the name table knows it as the first name of only a few people ("Old", "New"; a name it never saw may be
    a foreign first name)."""
    return word.lower() in article.lower_case or (
        is_known_first_name(word, 1) and not is_known_first_name(word, WORD_NOT_NAME_MAX)
    )


def _organisation_with_a_word_in_front(words: list[str], article: _Article) -> bool:
    """ "New Labour", "Old Labour": a word that is no first name (``_a_word_not_a_name``) and no title in front
    of a name the article gives an organisation or a group alone, and never a person or a place ("New England"
    beside the football team "England" and the country; "Reince Priebus" beside a "Priebus" read as an
    organisation)."""
    rest = " ".join(words[1:])
    return (
        len(words) >= 2
        and _a_word_not_a_name(words[0], article)
        and words[0].lower() not in TITLE_WORDS
        and not is_known_first_name(words[0], FIRST_NAME_MIN)
        and rest in article.organisations
        and rest not in article.places
        and rest not in article.mostly_people_alone
        and rest not in article.titled
    )


def _named_as_a_body(words: list[str], article: _Article) -> bool:
    """ "Christian Medical Fellowship", "Crofters Federation": a name ending in what an organisation is called
    (``ORGANISATION_HEADS``), not a surname of the article ("Mr Court") nor one of those that is a surname too."""
    last = words[-1]
    return (
        len(words) >= 2
        and last.lower() in ORGANISATION_HEADS
        and last.lower() not in _SURNAME_HEADS
        and last not in article.titled
        and last not in article.people_alone
    )


def article_names(doc: Doc, mentions: list[Mention]) -> _Article:
    """What ``names_an_organisation`` reads of the article, read once."""
    return _Article(doc, mentions)


def names_an_organisation(run: str, article: _Article) -> bool:
    """Whether a run of capitalised words the NER left unlabelled is an organisation of the article: named
    so elsewhere in it, or one with a word in front ("New Labour" beside "Labour"), not a person's name."""
    return run in article.organisations or _organisation_with_a_word_in_front(run.split(), article)


def _read_as_person_and_place(doc: Doc, mentions: list[Mention], article: _Article) -> set[str]:
    """Names of two words or more the NER labels a person in some mentions and a place in others, at least as
    often a person, that open with no first name and take no title, and that act as the subject of a verb where
    read as a person ("Shares in Krispy Kreme fell … Krispy Kreme said", "a stake in Manchester United …
    Manchester United revealed"): neither a person nor a place but an organisation named after one, a company
    or a club. (A place the NER once took for someone stays a place: "New York" read as a place more often,
    "the presidents of Sri Lanka" where no verb has it as its subject; "Jordan Henderson" opens with a first
    name.)"""
    as_person: dict[str, int] = {}
    as_place: dict[str, int] = {}
    for text, _, _, label in mentions:
        if label == "PERSON":
            as_person[text] = as_person.get(text, 0) + 1
        elif label in ("GPE", "LOC"):
            as_place[text] = as_place.get(text, 0) + 1
    both = {
        text
        for text, n in as_person.items()
        if n >= as_place.get(text, 0) > 0
        and " " in text
        and not is_known_first_name(text.split()[0], FIRST_NAME_MIN)
        and not any(w in article.titled for w in text.split())
    }
    acting = set()
    for text, start, end, label in mentions if both else ():
        if label == "PERSON" and text in both and text not in acting:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                acting.add(text)
    return acting


def relabel_not_people(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with the PERSON mentions that are no one's name relabelled (see the module)."""
    if not any(m[3] in _RELABELLED for m in mentions):
        return mentions
    article = _Article(doc, mentions)
    named_after = _read_as_person_and_place(doc, mentions, article)
    out = []
    for text, start, end, label in mentions:
        words = text.split()
        if text in named_after and label in ("PERSON", "GPE", "LOC"):
            label = "ORG"  # "Krispy Kreme", "Manchester United": a company or a club named after a person or place
        elif label == "PERSON":
            if _a_code(doc, text, start, article):
                label = "ORG"
            elif _a_building(doc, words, start, article):
                label = "FAC"
            elif _organisation_with_a_word_in_front(words, article) or _named_as_a_body(words, article):
                label = "ORG"
        elif label in _PLACE_OR_WORK_LABELS and _organisation_with_a_word_in_front(words, article):
            label = "ORG"  # "New Labour" read as a place or a title: the party under a label
        out.append((text, start, end, label))
    return out


__all__ = ["BUILDING_WORDS", "ORGANISATION_HEADS", "article_names", "names_an_organisation", "relabel_not_people"]
