"""One organisation across the corpus under its name and its acronym: "UKIP" and "UK Independence Party".

Within an article the acronym already takes the name the article gives (``corpus.names``: the name's
initials, or a short form the article introduces). What is left are articles that use the acronym alone:
there the acronym is the organisation of the corpus whose name it spells, and that some article wrote with
that acronym (an acronym that only happens to spell a name of the corpus may be another organisation: "RSA"
the security firm beside one article's "Reliability and Service Awards") (``corpus.acronyms.initials``:
"UKIP" → "UK Independence Party", "Nato" → "North Atlantic Treaty Organisation") when one organisation of
the corpus has a name that spells it, or when the corpus names one of several ``DOMINANCE`` times as often
as any other ("EU": the European Union, not Edinburgh University, named once). Two named about as often
("CPS": the Crown Prosecution Service and the Centre for Policy Studies) leave it alone: it could be
either. Names that are one name written two ways ("Food and Agriculture Organisation", "Food &
Agriculture Organisation") count as one.

People are never merged here (a person's initials are the people code's to read), and a name of one word
spells no acronym.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from corpus.acronyms import acronym_shaped, fold_short, initials

# Of two organisations whose names spell one acronym, the corpus means the one it names this many times as
# often as the other ("EU": the European Union, not Edinburgh University), as a surname alone means the bearer
# the corpus talks about (``corpus.speaker_merge.DOMINANCE``).
DOMINANCE = 3


def _same_name(name: str) -> str:
    """A name with "&" read as "and", "the", case and punctuation aside: the one name written two ways."""
    words = re.findall(r"\w+|&", name.lower())
    return " ".join("and" if w == "&" else w for w in words if w != "the")


def acronym_merges(
    names: Sequence[str],
    acronym: np.ndarray,
    full: np.ndarray,
    weight: np.ndarray,
    written_as: Callable[[list[int]], dict[int, set[str]]],
) -> dict[int, int]:
    """short key → name key, for each key of ``acronym`` (one-word keys that may be an organisation's short
    form) whose acronym one organisation's name spells among the keys of ``full`` (names of two words or
    more, no person's), or one named ``DOMINANCE`` times as often as any other, when some article wrote that
    organisation with the acronym (``written_as``: name key → the short forms, ``fold_short``, its mentions
    were written as; within an article ``corpus.names`` gives an acronym the name it spells or the article
    introduced). Without that, an acronym that spells a name of the corpus may be another organisation the
    corpus never names in full ("RSA", a security firm, beside a "Reliability and Service Awards").
    ``names[k]`` is the key's display name (its letter case tells "UK" from "Uk"); ``weight[k]`` how much
    the corpus uses it (of one name written two ways, the most used is kept)."""
    by_acronym: dict[str, dict[str, int]] = {}
    for kid in np.nonzero(full)[0].tolist():
        for acr in initials(names[kid]):
            group = by_acronym.setdefault(acr, {})
            same = _same_name(names[kid])
            if same not in group or weight[kid] > weight[group[same]]:
                group[same] = kid
    proposed: dict[int, int] = {}
    for kid in np.nonzero(acronym)[0].tolist():
        short = names[kid].strip()
        if not acronym_shaped(short):
            continue
        spelt = by_acronym.get(fold_short(short))
        if not spelt:
            continue
        ranked = sorted(spelt.values(), key=lambda k: -weight[k])
        if len(ranked) > 1 and weight[ranked[0]] < DOMINANCE * weight[ranked[1]]:
            continue  # two organisations whose names spell it, neither the one the corpus is about
        if ranked[0] != kid:
            proposed[kid] = ranked[0]
    if not proposed:
        return {}
    seen = written_as(sorted(set(proposed.values())))
    return {k: t for k, t in proposed.items() if fold_short(names[k].strip()) in seen.get(t, set())}


def _clipped(short: str, long: str) -> bool:
    """Whether the word ``short`` is ``long`` cut short ("Lib" of "Liberal", "Dems" of "Democrats": a plural
    keeps its "s"): at least three letters of it, and not the whole word."""
    short, long = short.lower(), long.lower()
    if short.endswith("s") and long.endswith("s"):
        short, long = short[:-1], long[:-1]
    return 3 <= len(short) < len(long) and long.startswith(short)


def _variant_of(short: str, long: str) -> bool:
    """Whether the organisation name ``short`` is ``long`` written shorter: without "Party" ("Labour",
    "Labour Party"), without what it is "of" ("Muslim Council", "Muslim Council of Britain"), or with its
    words cut short ("Lib Dems", "Liberal Democrats")."""
    s_words, l_words = short.split(), long.split()
    if l_words[-1] == "Party" and l_words[:-1] == s_words:
        return True
    if "of" in l_words and len(s_words) >= 2 and l_words[: l_words.index("of")] == s_words:
        return True
    return (
        len(s_words) == len(l_words) >= 2
        and all(a == b or _clipped(a, b) for a, b in zip(s_words, l_words, strict=True))
        and s_words != l_words
    )


def variant_merges(names: Sequence[str], organisation: np.ndarray, weight: np.ndarray) -> dict[int, int]:
    """key → key for organisations of the corpus named two ways, one the other written shorter (``_variant_of``):
    "Labour" and "Labour Party", "Lib Dems" and "Liberal Democrats", "Muslim Council" and "Muslim Council of
    Britain" are one speaker, listed under the name the corpus uses most. Only when the shorter name could be
    one organisation of the corpus alone: beside "Green Party" and "Green Party of Canada" a "Green Party"
    stays itself."""
    kids = np.nonzero(organisation)[0].tolist()
    by_first: dict[str, list[int]] = {}  # a variant shares its first word's first three letters
    for kid in kids:
        by_first.setdefault(names[kid].strip()[:3].lower(), []).append(kid)
    out: dict[int, int] = {}
    for group in by_first.values():
        for kid in group:
            longer = [o for o in group if o != kid and _variant_of(names[kid].strip(), names[o].strip())]
            if len(longer) != 1:
                continue
            other = longer[0]
            keep, drop = (kid, other) if weight[kid] > weight[other] else (other, kid)
            if drop not in out and keep not in out:
                out[drop] = keep
    return out


__all__ = ["acronym_merges", "variant_merges"]
