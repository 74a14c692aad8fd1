"""Which speakers the lists show: people, organisations and groups, not places, things or descriptions.

Every quote keeps the speaker the extractor found ("a spokesman", "Britain", "a report"), and
``quotes --speaker`` still finds it; but the speaker lists and counts a user reads (``stats``,
the app's speaker list, prompts and sidebar) show only who can speak in their own name:

* a corpus entity the NER mostly labels a person, an organisation or a group (PERSON, ORG,
  NORP); not a place, a venue, an event, a product, a work or a law ("Britain", "Downing
  Street", "Old Trafford", "Commons motion");
* never a document named as one ("Prevention of Terrorism Bill", "Barker Review"): the list
  has whoever issued it when the article says so;
* a speaker the NER never labelled: when it reads as a proper name (capitalised words, name
  particles allowed, as the extractor's own speaker keys) and is none of: a description ("A
  spokesman", "Some economists", "His spokesman"), a quantity ("70", "Three-quarters"), a title
  or role alone ("Chancellor", "QC", "Culture Secretary", "Salford MP"; not "Guy Mansfield QC"),
  or a plural noun that opened a sentence ("Critics", "Ministers": a surname the NER never once
  tagged is rarer than these).
"""

from __future__ import annotations

from corpus.entities import POST_NOMINALS
from corpus.gender import is_known_first_name
from corpus.names import TITLE_WORDS

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
_DOCUMENT_WORDS = frozenset(
    """
bill act report review convention treaty manifesto motion directive charter code guidance guidelines
paper survey poll study letter statement book documentary
""".split()
)
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


def is_listed_speaker(name: str, label: str | None) -> bool:
    """Whether a speaker with this display name and corpus entity label ("" or None when the NER never
    labelled it) belongs in the speaker lists."""
    words = name.split()
    if not words or (len(words) > 1 and words[-1].lower() in _DOCUMENT_WORDS):
        return False  # (a person is not called "Finance Bill", whatever the NER says)
    if label:
        return label in SPEAKING_LABELS
    if not _reads_as_a_name(name) or any(ch.isdigit() for ch in name):
        return False
    if words[0].lower().split("-")[0] in _DESCRIPTION_OPENERS:
        return False
    if all(_is_title(w) for w in words):
        return False
    if _is_title(words[-1]) and not is_known_first_name(words[0], ROLE_FIRST_NAME_MIN):
        return False
    return not (len(words) == 1 and name.endswith("s") and not name.endswith("ss"))


__all__ = ["SPEAKING_LABELS", "is_listed_speaker"]
