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
from corpus.gender import is_known_first_name

# Of two organisations whose names spell one acronym, the corpus means the one it names this many times as
# often as the other ("EU": the European Union, not Edinburgh University), as a surname alone means the bearer
# the corpus talks about (``corpus.speaker_merge.DOMINANCE``).
DOMINANCE = 3
# An organisation named in this many articles is one the corpus's readers know by its acronym too.
KNOWN_ARTICLES = 3
# A company named after a person opens with a first name at least this many people of the name table have
# ("George Wimpey"; as ``corpus.entities.ROLE_BEFORE_FIRST_NAME_MIN``).
FOUNDER_FIRST_NAME_MIN = 1000


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
    never_labelled: np.ndarray | None = None,
    n_articles: np.ndarray | None = None,
) -> dict[int, int]:
    """short key → name key, for each key of ``acronym`` (one-word keys that may be an organisation's short
    form) whose acronym one organisation's name spells among the keys of ``full`` (names of two words or
    more, no person's), or one named ``DOMINANCE`` times as often as any other, when some article wrote that
    organisation with the acronym (``written_as``: name key → the short forms, ``fold_short``, its mentions
    were written as; within an article ``corpus.names`` gives an acronym the name it spells or the article
    introduced). Without that, an acronym that spells a name of the corpus may be another organisation the
    corpus never names in full ("RSA", a security firm, beside a "Reliability and Service Awards").
    ``names[k]`` is the key's display name (its letter case tells "UK" from "Uk"); ``weight[k]`` how much
    the corpus uses it (of one name written two ways, the most used is kept).

    An acronym only ever said as a speaker, never labelled by the NER (``never_labelled``: "the FT said", the
    newspaper the corpus names in full elsewhere) needs no such article when the organisation it spells is one
    the readers know (``_known_by_readers``, by ``n_articles``): a writer shortens a name the readers know; an
    organisation of one article ("Reliability and Service Awards") is no such name, and a code the NER saw as a
    name of its own ("RSA" the firm) stays itself."""
    by_acronym: dict[str, dict[str, int]] = {}
    for kid in np.nonzero(full)[0].tolist():
        for acr in initials(names[kid]):
            group = by_acronym.setdefault(acr, {})
            same = _same_name(names[kid])
            if same not in group or weight[kid] > weight[group[same]]:
                group[same] = kid
    proposed: dict[int, int] = {}
    known: dict[int, int] = {}  # never-labelled acronyms of a known organisation: no written evidence needed
    for kid in np.nonzero(acronym)[0].tolist():
        short = names[kid].strip()
        if not acronym_shaped(short):
            continue
        spelt = by_acronym.get(fold_short(short))
        if not spelt:
            continue
        if never_labelled is not None and n_articles is not None and never_labelled[kid]:
            known_name = _known_by_readers(list(spelt.values()), n_articles)
            if known_name >= 0 and known_name != kid:
                known[kid] = known_name
                continue
        ranked = sorted(spelt.values(), key=lambda k: -weight[k])
        if len(ranked) > 1 and weight[ranked[0]] < DOMINANCE * weight[ranked[1]]:
            continue  # two organisations whose names spell it, neither the one the corpus is about
        if ranked[0] != kid:
            proposed[kid] = ranked[0]
    if not proposed:
        return known
    seen = written_as(sorted(set(proposed.values())))
    known.update({k: t for k, t in proposed.items() if fold_short(names[k].strip()) in seen.get(t, set())})
    return known


def _known_by_readers(kids: list[int], n_articles: np.ndarray) -> int:
    """Of the organisations whose names spell one acronym, the one the corpus's readers know by it: named in at
    least ``KNOWN_ARTICLES`` articles and ``DOMINANCE`` times as many as any other ("Financial Times" in nineteen
    articles beside "France Telecom" in one); -1 when none stands out."""
    ranked = sorted(kids, key=lambda k: (-int(n_articles[k]), k))
    top = int(n_articles[ranked[0]])
    if top < KNOWN_ARTICLES or (len(ranked) > 1 and top < DOMINANCE * int(n_articles[ranked[1]])):
        return -1
    return ranked[0]


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


def variant_merges(
    names: Sequence[str],
    organisation: np.ndarray,
    weight: np.ndarray,
    group: np.ndarray | None = None,
    place: np.ndarray | None = None,
    pairs: tuple[np.ndarray, np.ndarray] | None = None,
) -> dict[int, int]:
    """key → key for organisations of the corpus named two ways, one the other written shorter (``_variant_of``):
    "Labour" and "Labour Party", "Lib Dems" and "Liberal Democrats", "Muslim Council" and "Muslim Council of
    Britain" are one speaker, listed under the name the corpus uses most. Only when the shorter name could be
    one organisation of the corpus alone: beside "Green Party" and "Green Party of Canada" a "Green Party"
    stays itself. Also one name with its words in the other order ("Appeal Court", "Court of Appeal";
    ``_inverted_merges``), one named with and without the place it is of in front ("London Evening Standard",
    ``_place_prefixed_merges``, when ``place`` marks the corpus's places and the articles, ``pairs`` of
    (article, key) rows, with the shorter name mostly give the longer), and a group's adjective or member
    noun said as a speaker ("Tory claims") under the group's plural name ("Tories"; ``_member_merges``, when
    ``group`` marks the corpus's groups)."""
    out = _shortened_merges(names, organisation, weight)
    for extra in (
        _written_two_ways(names, organisation, weight),
        _inverted_merges(names, organisation, weight),
        _place_prefixed_merges(names, organisation, weight, place, pairs) if place is not None and pairs else {},
        _founder_surname_merges(names, organisation, weight, pairs) if pairs else {},
        _company_form_merges(names, organisation, weight, pairs, place) if pairs else {},
        _member_merges(names, group) if group is not None else {},
    ):
        for drop, keep in extra.items():
            if drop not in out and keep not in out:
                out[drop] = keep
    return out


def _shortened_merges(names: Sequence[str], organisation: np.ndarray, weight: np.ndarray) -> dict[int, int]:
    """``_variant_of`` pairs: the shorter name → the name used most of the two."""
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


def _kept(a: int, b: int, weight: np.ndarray) -> tuple[int, int]:
    """(kept, dropped) of two names of one organisation: the one the corpus uses most (then the lower key)."""
    return (a, b) if (weight[a], -a) > (weight[b], -b) else (b, a)


def _written_two_ways(names: Sequence[str], organisation: np.ndarray, weight: np.ndarray) -> dict[int, int]:
    """One name written two ways: "&" for "and", a space or dots left out ("Food & Agriculture Organisation",
    "Food and Agriculture Organisation"; "TimeWarner", "Time Warner"; "U.S.", "US") → the one used most. (The
    index passes every key that is no person's, so a place written two ways is one place too.)"""
    groups: dict[str, list[int]] = {}
    for kid in np.nonzero(organisation)[0].tolist():
        if names[kid].strip():
            groups.setdefault(_same_name(names[kid]).replace(" ", ""), []).append(kid)
    out: dict[int, int] = {}
    for kids in groups.values():
        if len(kids) > 1:
            keep = max(kids, key=lambda k: (weight[k], -k))
            out.update({k: keep for k in kids if k != keep})
    return out


def _shortened_in_articles(
    candidates: list[tuple[int, int]], weight: np.ndarray, pairs: tuple[np.ndarray, np.ndarray]
) -> dict[int, int]:
    """(short, long) pairs whose short name's articles mostly give the long one too: one organisation."""
    if not candidates:
        return {}
    articles = _articles_of({k for pair in candidates for k in pair}, *pairs)
    out: dict[int, int] = {}
    for short, long in candidates:
        shared = articles.get(short, set()) & articles.get(long, set())
        if shared and len(shared) * 2 >= len(articles.get(short, ())):
            keep, drop = _kept(short, long, weight)
            out[drop] = keep
    return out


def _inverted_merges(names: Sequence[str], organisation: np.ndarray, weight: np.ndarray) -> dict[int, int]:
    """ "B A" and "A of B", each word a capitalised one ("Appeal Court" and "Court of Appeal", "Defence
    Ministry" and "Ministry of Defence"): English names an institution by a noun and its modifier in either
    order, one name → the one used most. A name of more words ("Court of Appeal Judges") is no such pair."""
    kids = np.nonzero(organisation)[0].tolist()
    of_form: dict[tuple[str, str], int] = {}
    for kid in kids:
        words = names[kid].split()
        if len(words) == 3 and words[1] == "of" and words[0][:1].isupper() and words[2][:1].isupper():
            of_form[(words[2].lower(), words[0].lower())] = kid
    out: dict[int, int] = {}
    for kid in kids:
        words = names[kid].split()
        if len(words) != 2 or not all(w[:1].isupper() for w in words):
            continue
        other = of_form.get((words[0].lower(), words[1].lower()), -1)
        if other >= 0 and other != kid:
            keep, drop = _kept(kid, other, weight)
            out[drop] = keep
    return out


def _place_prefixed_merges(
    names: Sequence[str],
    organisation: np.ndarray,
    weight: np.ndarray,
    place: np.ndarray,
    pairs: tuple[np.ndarray, np.ndarray],
) -> dict[int, int]:
    """A name of two capitalised words or more and the same name with a place of the corpus in front
    ("Evening Standard", "London Evening Standard"; "Independence Party", "UK Independence Party"): one
    organisation, when only one place puts its name in front of it (beside "London Evening News" and
    "Manchester Evening News" an "Evening News" could be either) and at least half the articles with the
    shorter name give the longer one too, the writers shortening the name they gave (a "Supreme Court" of
    many stories beside one "US Supreme Court" may be another country's). A place is a name the corpus
    labels one ("London", "UK"), not a nationality adjective ("Scottish Labour" is a party of its own)."""
    places = {names[k].strip().lower() for k in np.nonzero(place)[0].tolist() if names[k].strip()}
    if not places:
        return {}
    by_name = {names[k].strip().lower(): k for k in np.nonzero(organisation)[0].tolist()}
    longer: dict[int, list[int]] = {}
    for name, kid in by_name.items():
        words = name.split()
        for i in range(1, len(words) - 1):
            if " ".join(words[:i]) in places and len(words) - i >= 2:
                short = by_name.get(" ".join(words[i:]), -1)
                if short >= 0 and short != kid and all(w[:1].isupper() for w in names[short].split()):
                    longer.setdefault(short, []).append(kid)
    candidates = [(short, kids[0]) for short, kids in longer.items() if len(kids) == 1]
    return _shortened_in_articles(candidates, weight, pairs)


# Words after a company's name that say what form it takes or what it does as a whole, not which part of it
# ("Qwest Communications", "Yili Industrial", "Goldman Sachs & Co", "Amnesty International"; not "BBC Radio 4",
# "Ford Credit": a channel, a branch).
COMPANY_FORM_WORDS = frozenset(
    """group holdings corp corporation co company inc incorporated ltd limited plc ag sa nv industries industrial
    communications resources international interactive entertainment &""".split()
)


def _company_form_merges(
    names: Sequence[str],
    organisation: np.ndarray,
    weight: np.ndarray,
    pairs: tuple[np.ndarray, np.ndarray],
    place: np.ndarray | None = None,
) -> dict[int, int]:
    """An organisation's name and the same name with words of its company form after it (``COMPANY_FORM_WORDS``:
    "Qwest" and "Qwest Communications", "Yili" and "Yili Industrial"): one organisation under the longer name,
    when one name of the corpus only is the shorter one with such words and at least half the articles with the
    shorter give the longer too; not when the corpus reads the shorter name as a place (``place``: the merged
    name would read as one)."""
    by_name = {names[k].strip(): k for k in np.nonzero(organisation)[0].tolist() if names[k].strip()}
    longer: dict[int, list[int]] = {}
    for name, kid in by_name.items():
        words = name.split()
        for i in range(len(words) - 1, 0, -1):
            if words[i].lower().rstrip(".") not in COMPANY_FORM_WORDS:
                break
            short = by_name.get(" ".join(words[:i]), -1)
            if short >= 0 and not (place is not None and place[short]):
                longer.setdefault(short, []).append(kid)
                break
    candidates = [(short, kids[0]) for short, kids in longer.items() if len(kids) == 1]
    merged = _shortened_in_articles(candidates, weight, pairs)
    # listed under the full name, which says what it is ("Middle Way" alone the model reads as a place too)
    return {short: long for short, long in candidates if short in merged or long in merged}


def _founder_surname_merges(
    names: Sequence[str], organisation: np.ndarray, weight: np.ndarray, pairs: tuple[np.ndarray, np.ndarray]
) -> dict[int, int]:
    """A company named after a person ("George Wimpey", "James Hardie": a common first name and a surname, the
    corpus reading it an organisation) and its surname alone read as an organisation ("Wimpey said", "Hardie's
    shareholders"): one organisation, named short as a person is, when that surname ends no other organisation's
    name of the corpus and at least half the articles with it give the full name too."""
    kids = np.nonzero(organisation)[0].tolist()
    alone = {names[k].strip(): k for k in kids if names[k].strip() and " " not in names[k].strip()}
    by_surname: dict[str, list[int]] = {}
    for kid in kids:
        words = names[kid].split()
        if len(words) == 2 and words[1] in alone and is_known_first_name(words[0], FOUNDER_FIRST_NAME_MIN):
            by_surname.setdefault(words[1], []).append(kid)
    ends: dict[str, int] = {}
    for kid in kids:
        last = names[kid].split()[-1] if names[kid].split() else ""
        ends[last] = ends.get(last, 0) + (last in alone and " " in names[kid].strip())
    candidates = [(alone[w], full[0]) for w, full in by_surname.items() if len(full) == 1 and ends.get(w) == 1]
    return _shortened_in_articles(candidates, weight, pairs)


def _articles_of(kids: set[int], article: np.ndarray, key: np.ndarray) -> dict[int, set[int]]:
    """The articles that mention each of ``kids``."""
    pick = np.isin(key, np.array(sorted(kids), dtype=np.int64))
    out: dict[int, set[int]] = {}
    for a, k in zip(np.asarray(article)[pick].tolist(), np.asarray(key)[pick].tolist(), strict=True):
        out.setdefault(k, set()).add(a)
    return out


def _plurals(word: str) -> tuple[str, ...]:
    """The plural of a group's member noun: "Tory" → "Tories", "Conservative" → "Conservatives"."""
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return (word[:-1] + "ies",)
    return (word + "s",)


def _member_merges(names: Sequence[str], group: np.ndarray) -> dict[int, int]:
    """A group's member noun or adjective of one word as a speaker ("Tory", "Conservative": "Tory claims …")
    → the group's plural name of the corpus ("Tories", "Conservatives"): the words of a party or a people
    speak for it, one member is named otherwise ("a Tory", "one Conservative")."""
    kids = np.nonzero(group)[0].tolist()
    by_name = {names[k].strip(): k for k in kids}
    out: dict[int, int] = {}
    for name, kid in by_name.items():
        if " " in name or not name[:1].isupper() or name.endswith("s"):
            continue
        for plural in _plurals(name):
            other = by_name.get(plural, -1)
            if other >= 0:
                out[kid] = other
    return out


__all__ = ["acronym_merges", "variant_merges"]
