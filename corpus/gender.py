"""Gender as the article presents a person, and where that came from.

Evidence, strongest first (``infer_gender``):

1. ``text`` — how the article refers to the person (``text_evidence``): an honorific right
   before a mention (Ms, Mrs, Miss, Madam, Dame, Lady / Mr, Sir, Lord), a gendered title or noun
   beside the name or predicated of it ("Congresswoman Maxine Waters", "Jane Doe, a
   businesswoman", "his wife Ann", "Doe is the company's chairwoman"); a his/her in a clause
   whose subject is the person ("Bains told his staff"); and the he/she that refer to the
   person (``corpus.coref.pronouns.PronounReading``, the one reading the speaker resolver
   uses too: the subject of a clause above the pronoun, else the people of its gender named
   before it in the paragraph — the only one, or the highest-ranked of the last sentence that
   names one — with gender agreement and "his wife"-like nouns as rivals), else the
   attribution resolver's reading of a "…, she said". Pronouns in someone's own
   words (direct quotes, quoted words of an indirect one) are about someone else. Titles
   used for both ("chairman", "spokesman"), object pronouns and "they" are no evidence.
2. ``name`` — the first name in an offline table (nomquamgender, MIT), only when the
   table says the name is nearly always given to one gender (see ``NAME_THRESHOLD``).
3. otherwise ``unknown``. (``user`` corrections are applied over all this by the store.)

This records how the article presents a person, not who they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corpus.coref.pronouns import text_evidence, text_votes
from corpus.first_names import FEMALE, MALE, NAME_THRESHOLD, UNKNOWN, is_known_first_name, name_gender

GENDER_SOURCES: tuple[str, ...] = ("text", "name", "user", "unknown")


@dataclass(frozen=True, slots=True)
class GenderCall:
    gender: str  # female | male | unknown
    source: str  # text | name | unknown


def infer_gender(votes: Sequence[int] | None, full_name: str, spellings: Sequence[str] = ()) -> GenderCall:
    """The text's votes decide when they lean one way; else an unambiguous first name (only for a
    name of two words or more: a lone word may be a surname) — the one of ``full_name``, or when
    the table abstains on it, the first names of the other ``spellings`` of it in the article
    ("Jody" is given to both, "Jodie" to women) when they agree; else unknown."""
    if votes is not None:
        m, f = votes
        if m > f:
            return GenderCall(MALE, "text")
        if f > m:
            return GenderCall(FEMALE, "text")
    first_names = [n.split()[0] for n in (full_name, *spellings) if len(n.split()) >= 2]
    g = name_gender(first_names[0]) if first_names else UNKNOWN
    if g == UNKNOWN and first_names:
        others = {name_gender(n) for n in first_names[1:]} - {UNKNOWN}
        g = others.pop() if len(others) == 1 else UNKNOWN
    if g != UNKNOWN:
        return GenderCall(g, "name")
    return GenderCall(UNKNOWN, "unknown")


__all__ = [
    "FEMALE",
    "GENDER_SOURCES",
    "MALE",
    "NAME_THRESHOLD",
    "UNKNOWN",
    "GenderCall",
    "infer_gender",
    "is_known_first_name",
    "name_gender",
    "text_evidence",
    "text_votes",
]
