"""Which speakers the lists show: people, organisations and groups, not places, things or descriptions.

Every quote keeps the speaker the extractor found ("a spokesman", "Britain", "a report"), and
``quotes --speaker`` still finds it; but the speaker lists and counts a user reads (``stats``,
the app's speaker list and prompts, ``people``) show only who can speak in their own name:

* a corpus entity the NER mostly labels a person, an organisation or a group (PERSON, ORG,
  NORP); not a place, a venue, an event, a product, a work or a law ("Britain", "Downing
  Street", "Old Trafford", "Commons motion", "Prevention of Terrorism Bill");
* a speaker the NER never labelled: when it reads as a proper name (capitalised words, name
  particles allowed, as the extractor's own speaker keys) and is neither
  a description ("A spokesman", "Some economists", "His spokesman"), nor a title alone
  ("Chancellor"), nor a number ("70", "14% of people").
"""

from __future__ import annotations

from corpus.names import TITLE_WORDS

SPEAKING_LABELS = frozenset({"PERSON", "ORG", "NORP"})

# Words that open a description of someone rather than a name.
_DESCRIPTION_OPENERS = frozenset(
    """
a an the this that these those some many most all both each every several few one another other others
his her their its our my your no any such more less much
""".split()
)


_PARTICLES = frozenset(
    {"de", "da", "van", "von", "der", "den", "bin", "al", "la", "le", "du", "del", "di", "of", "and"}
)


def _reads_as_a_name(name: str) -> bool:
    words = name.split()
    return bool(words) and all(w[:1].isupper() or w.lower() in _PARTICLES or w[:1] in "'’" for w in words)


def is_listed_speaker(name: str, label: str | None) -> bool:
    """Whether a speaker with this display name and corpus entity label ("" or None when the NER never
    labelled it) belongs in the speaker lists."""
    if label:
        return label in SPEAKING_LABELS
    words = name.split()
    if not words or not _reads_as_a_name(name) or any(ch.isdigit() for ch in name):
        return False
    if words[0].lower() in _DESCRIPTION_OPENERS:
        return False
    return not all(w.lower().strip(".") in TITLE_WORDS for w in words)


__all__ = ["SPEAKING_LABELS", "is_listed_speaker"]
