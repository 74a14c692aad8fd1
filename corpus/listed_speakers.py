"""Which speakers the lists show: people, organisations and groups, not places, things or descriptions.

Every quote keeps the speaker the extractor found ("a spokesman", "Britain", "a report"), and
``quotes --speaker`` still finds it; but the speaker lists and counts a user reads (``stats``,
the app's speaker list, prompts and sidebar) show only who can speak in their own name:

* a corpus entity the NER mostly labels a person, an organisation or a group (PERSON, ORG,
  NORP); not a place, a venue, an event, a product, a work or a law ("Britain", "Downing Street",
  "Old Trafford", "Commons motion"), unless its name ends in what an organisation is called ("Qualifications and
  Curriculum Authority" labelled a work, "Hereford County Hospital" a building: ``ORGANISATION_HEADS``);
* never some members of a group ("Senior Tories", "Leading Democrats": the group is listed as itself);
* never a document named as one ("Prevention of Terrorism Bill", "Barker Review", "the Bill"): the list
  has whoever issued it when the article says so;
* a speaker the NER never labelled: when it reads as a proper name (capitalised words, name
  particles allowed, as the extractor's own speaker keys) and is none of: a description ("A
  spokesman", "Some economists", "His spokesman"), a quantity ("70", "Three-quarters"), a title
  or role alone ("Chancellor", "QC", "Culture Secretary", "Salford MP"; not "Guy Mansfield QC"),
  or a plural noun that opened a sentence ("Critics", "Ministers": a surname the NER never once
  tagged is rarer than these).

Two shapes get their own treatment, the same in every list:

* a coordination of people ("Mr Blair and Mr Brown", "Both Tony Blair and Gordon Brown",
  "Brown/Blair") names a group of those people, not a person: ``coordinated_names`` gives its
  conjuncts, and the index leaves it out of the speaker and entity lists when every conjunct is a
  person (a title in front, or a person of the corpus). An organisation's name with "and" in it
  ("Department of Trade and Industry", "Ernst & Young") is no coordination of people;
* a person's spokesperson ("Mr Blair's official spokesman", "A spokesman for Mr Blair"):
  ``spokesperson_of`` gives the owner and the role, and the index lists one entry per owner and
  role ("Tony Blair's spokesman"), the owner resolved by the corpus merge.
"""

from __future__ import annotations

import re

from corpus.entities import POST_NOMINALS, ROLE_WORDS, role_word
from corpus.gender import is_known_first_name
from corpus.names import TITLE_WORDS
from corpus.not_people import ORGANISATION_HEADS
from corpus.person_extent import STREET_ABBREVIATIONS

SPEAKING_LABELS = frozenset({"PERSON", "ORG", "NORP"})

# Words that open a description of someone, or a quantity, rather than a name.
_DESCRIPTION_OPENERS = frozenset(
    """
a an the this that these those some many most all both each every several few one another other others
his her their its our my your no any such more less much half
two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand
""".split()
)
# The last word of a document's name.
DOCUMENT_WORDS = frozenset(
    """
bill act report review convention treaty manifesto motion directive charter code guidance guidelines
paper survey poll study letter statement book documentary
""".split()
)
# Openers of a description the NER labels all the same ("an Election Court"); "The", "All", "One" open names
# too ("One Nation").
_INDEFINITE_OR_OWNED = frozenset({"a", "an", "his", "her", "their", "its", "our", "my", "your"})
# Adjectives picking out some members of a group ("Senior Tories", "Rebel Labour MPs").
_SOME_OF_A_GROUP = frozenset({"senior", "leading", "top", "prominent", "rebel", "fellow", "junior", "veteran"})
_PARTICLES = frozenset(
    {"de", "da", "van", "von", "der", "den", "bin", "al", "la", "le", "du", "del", "di", "of", "and"}
)
# A role is "<place or department> <title>"; a person with letters after the name opens with a first name
# at least this many people in the name table have ("Guy Mansfield QC").
ROLE_FIRST_NAME_MIN = 1000


def _reads_as_a_name(name: str) -> bool:
    words = name.split()
    return bool(words) and all(w[:1].isupper() or w.lower() in _PARTICLES or w[:1] in "'’" for w in words)


def _is_title(word: str) -> bool:
    w = word.lower().strip(".,")
    return w in TITLE_WORDS or w in POST_NOMINALS


def is_role(name: str, labelled: bool = True) -> bool:
    """Whether a name is a role, not a name: its last word an office or occupation (``ROLE_WORDS``; where the
    NER gave no label, ``labelled=False``, any title or letters after a name too: "Salford MP"), its first word
    no first name ("European Commissioner", "Conservative Party Co-Chairman"; not "Guy Mansfield QC", not
    "Oona King"); or one word, the plural of an office ("MPs", "Ministers")."""
    words = name.split()
    if not words:
        return False
    if len(words) == 1 and len(name) > 2 and name.endswith("s") and not name.endswith("ss"):
        one = role_word(name[:-1])
        if one in ROLE_WORDS or one in POST_NOMINALS:
            return True  # "MPs", "Ministers", "Analysts": some holders of an office, described, not named
    last = role_word(words[-1])
    if last not in ROLE_WORDS and (labelled or not _is_title(last)):
        return False
    if len(words) >= 3 and last in ROLE_WORDS:
        return True  # "Roman Catholic Archbishop": no one's first name and surname end in an office
    return len(words) == 1 or not is_known_first_name(words[0], ROLE_FIRST_NAME_MIN)


# Days and months: a date, never who spoke ("Friday said" is a sentence the parse cut short). Months that are
# first names or surnames too ("May", "June", "August") are left to the NER.
DATE_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday
    january february september october november december""".split()
)


def is_listed_speaker(name: str, label: str | None) -> bool:
    """Whether a speaker with this display name and corpus entity label ("" or None when the NER never
    labelled it) belongs in the speaker lists."""
    words = name.split()
    if not words or words[-1].lower() in _DANGLING or (len(words) == 1 and words[0].lower() in DATE_WORDS):
        return False  # "Office of the": a phrase cut off, no name; "Friday": a date
    if words[-1].lower() in DOCUMENT_WORDS:
        # a person is not called "Finance Bill", whatever the NER says; "the Bill said" alone is the Bill too
        # (news cites a person by surname or full name, not by a first name alone)
        return False
    if len(words) > 1 and words[-1].lower().rstrip(".") in STREET_ABBREVIATIONS:
        return False  # "Downing St", "Whitehall Road": a place, whoever speaks from there
    if is_role(name):
        return False  # an office or occupation, whatever the NER labelled it
    if words[0].lower() in _INDEFINITE_OR_OWNED:
        return False  # "an Election Court", "His party": a description, whatever the NER labelled it
    if len(words) > 1 and words[0].lower() in _SOME_OF_A_GROUP and name.endswith("s") and not name.endswith("ss"):
        return False  # "Senior Tories", "Leading Democrats": some members of a group the list has as itself
    if label and label not in SPEAKING_LABELS and label not in ("GPE", "LOC") and len(words) > 1:
        # "Qualifications and Curriculum Authority" as a work, "Hereford County Hospital" as a building: the NER's
        # label aside, a name ending in what an organisation is called is an organisation
        return words[-1].lower() in ORGANISATION_HEADS
    if label:
        return label in SPEAKING_LABELS
    if not _reads_as_a_name(name) or any(ch.isdigit() for ch in name):
        return False
    if words[0].lower().split("-")[0] in _DESCRIPTION_OPENERS:
        return False
    if all(_is_title(w) for w in words) or is_role(name, labelled=False):
        return False
    return not (len(words) == 1 and name.endswith("s") and not name.endswith("ss"))


# "Mr Blair's official spokesman", "Tony Blair's spokeswoman": a name, a possessive, lowercase modifiers
_OWNED_ROLE = re.compile(r"^(?P<owner>.+?)['’]s?\s+(?:[a-z][a-z-]*\s+)*(?P<role>spokes(?:man|woman|person))$")
# "A spokesman for Mr Blair", "the official spokeswoman for Tony Blair"
_ROLE_FOR = re.compile(
    r"^(?:(?:[Aa]n?|[Tt]he)\s+)?(?:[a-z][a-z-]*\s+)*(?P<role>spokes(?:man|woman|person))\s+for\s+(?P<owner>.+)$"
)
# "Mr Blair and Mr Brown", "Brown/Blair", "Smith, Jones and Brown", "Ernst & Young" (the index decides)
_CONJUNCTION = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*/\s*")


def spokesperson_of(name: str) -> tuple[str, str] | None:
    """(owner, role) when a speaker is someone's spokesperson named by whose it is: "Mr Blair's official
    spokesman" → ("Mr Blair", "spokesman"); "A spokesman for Tony Blair" → ("Tony Blair", "spokesman").
    None when the owner reads as no name ("the prime minister's spokesman", "His spokesman", "A Labour
    spokesman": an organisation's word in front is no possessive owner)."""
    found = _OWNED_ROLE.match(name.strip()) or _ROLE_FOR.match(name.strip())
    if found is None:
        return None
    owner = found["owner"].strip()
    if not _reads_as_a_name(owner) or owner.split()[0].lower() in _DESCRIPTION_OPENERS:
        return None
    return owner, found["role"]


# Words that end no name: a mention the NER cut off inside a clause ("Alan Milburn - the").
# (Numbers end names: "BBC Two", "Guildford Four".)
_DANGLING = frozenset(
    """a an the this that these those his her their its our my your some any no
    of and or for to in at on with by after from""".split()
)
# Titles only a person takes; one inside a name, after other words, means a phrase around a name.
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})


def is_entity_name(name: str) -> bool:
    """Whether an entity the NER found reads as a name at all, not a phrase around one: it ends on no
    article, conjunction or preposition ("Alan Milburn - the") and has no honorific after its first word
    ("Commons after Mr Brown", "Analysing Mr Brown": a name takes its honorific in front; a coordination of
    people, "Mr Blair and Mr Brown", is ``coordinated_names``'s)."""
    words = name.split()
    if not words or words[-1].lower() in _DANGLING:
        return False
    if coordinated_names(name) is not None:
        return True
    return not any(w.lower().rstrip(".") in _HONORIFICS for w in words[1:])


def coordinated_names(name: str) -> list[str] | None:
    """The conjuncts when a name reads as a coordination of names ("Mr Blair and Mr Brown", "Both Mr Brown
    and Mr Blair", "Brown/Blair", "Smith, Jones and Brown"), else None ("Labour and the Liberal
    Democrats": "the ..." is a description). Whether the conjuncts are people is the caller's to say:
    "Department of Trade and Industry" splits too, and neither half is a person."""
    text = name.strip()
    if text.split(" ", 1)[0].lower() == "both":
        text = text.split(" ", 1)[1] if " " in text else ""
    parts = [p for p in _CONJUNCTION.split(text)]
    if len(parts) < 2 or not all(p and _reads_as_a_name(p) and p.split()[0].lower() not in _PARTICLES for p in parts):
        return None
    return parts


__all__ = [
    "DOCUMENT_WORDS",
    "ROLE_WORDS",
    "SPEAKING_LABELS",
    "coordinated_names",
    "is_entity_name",
    "is_listed_speaker",
    "is_role",
    "role_word",
    "spokesperson_of",
]
