"""Acronyms of organisations' names: which short forms a name can have, and where an article introduces one.

A writer shortens an organisation's name in two ways, and both are read here:

* by its initials, small words skipped or kept: "UK Independence Party" → "UKIP" (a word in capitals
  gives all its letters), "Department of Trade and Industry" → "DTI", "Convention of Scottish Local
  Authorities" → "Cosla", "Bank of England" → "BoE" (``initials`` gives both readings; a short form in
  capitals or written as a word, "Nato", matches either, letter case aside);
* by introducing the short form right after the name: "the New York Mercantile Exchange (Nymex)", "the UK
  Independence Party, or UKIP," (``introduced_short_forms``). A short form in brackets is taken only when
  its letters come from the name in order ("Nymex" from N-ew Y-ork M-ercantile EX-change), so that a
  bracketed aside ("(Reuters)", "(pictured)") is no alias.

Never a person's name: "JFK" is the people code's to read. ``corpus.names`` uses this within an article,
``corpus.org_aliases`` across a corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# Words an acronym skips (or, in the other reading, keeps: "Cosla", "BoE").
SMALL_WORDS = frozenset({"of", "and", "the", "&", "for", "de", "du", "la", "le", "des", "on", "in", "at", "to"})
_WORD = re.compile(r"[^\W\d_][\w.'’\-]*")
# "(Nymex)", "(UKIP)", "(BoE)" right after a name; ", or UKIP" / "- or UKIP -" (capitals only: "Labour, or Plaid"
# is a choice between two parties, not a short form)
_IN_BRACKETS = re.compile(r"\s*\((?P<short>[A-Z][A-Za-z&.]{1,11})\)")
_OR_CAPITALS = re.compile(r"\s*[,–—-]\s*or\s+(?P<short>[A-Z][A-Z&.]{1,9})\b")


def acronym_shaped(word: str) -> bool:
    """A word that can be an acronym: capitals ("UKIP", "U.S.", "B&Q"), two to eight letters, or a word of
    three letters or more written with a capital and small letters ("Nato", "Hefce", "BoE") whose match
    against a name's initials the caller still has to find."""
    letters = word.replace(".", "").replace("&", "")
    if not 2 <= len(letters) <= 8 or not letters.isalpha():
        return False
    return letters.isupper() or (len(letters) >= 3 and letters[0].isupper())


@lru_cache(maxsize=8192)  # a pure function of the text, asked again for every mention
def initials(name: str) -> frozenset[str]:
    """The acronyms a name can have, in capitals: its words' first letters with the small words skipped
    and with them kept ("Bank of England" → {"BE", "BOE"}); a word in capitals gives all its letters
    ("UK Independence Party" → "UKIP"), a hyphenated word its first letter ("Co-operation" → "C"). Empty
    for a name of one word: its acronym would be a letter."""
    words = [w for w in _WORD.findall(name) if w.lower() not in ("the",)]
    if len(words) < 2:
        return frozenset()

    def letters(w: str) -> str:
        bare = w.replace(".", "")
        return bare.upper() if len(bare) >= 2 and bare.isalpha() and bare.isupper() else w[0].upper()

    skipped = "".join(letters(w) for w in words if w.lower() not in SMALL_WORDS)
    kept = "".join(letters(w) for w in words)
    return frozenset(x for x in (skipped, kept) if len(x) >= 2)


def spells_initials(short: str, name: str) -> bool:
    """Whether ``short`` is the name's acronym ("UKIP" of "UK Independence Party", "Nato" of "North Atlantic
    Treaty Organisation"), letter case aside."""
    letters = _acronym_letters(short)
    return letters is not None and letters in initials(name)


@lru_cache(maxsize=8192)  # one acronym is matched against every full name of the article, for every mention
def _acronym_letters(short: str) -> str | None:
    """``short`` in capitals without dots or "&", as ``initials`` writes them, when it is acronym-shaped."""
    return short.replace(".", "").replace("&", "").upper() if acronym_shaped(short) else None


def abbreviates(short: str, name: str) -> bool:
    """Whether the letters of ``short`` come from ``name`` in order, the first from its first letter
    ("Nymex" of "New York Mercantile Exchange", "PwC" of "PricewaterhouseCoopers"); its initials always do."""
    s = [c for c in short.lower() if c.isalpha()]
    n = [c for c in name.lower() if c.isalpha() or c == " "]
    if len(s) < 2 or not n or s[0] != n[0]:
        return False
    i = 0
    for c in n:
        if i < len(s) and c == s[i]:
            i += 1
    return i == len(s)


def introduced_short_forms(text: str, names: Iterable[tuple[str, int, int]]) -> list[tuple[str, str, int]]:
    """(short form, name, position of the name) for each name of ``names`` ((name, start, end) in ``text``,
    organisations of two words or more) that the text follows with a short form of it: "(Nymex)", ", or
    UKIP". A short form that is the name itself, or one word of it, is none."""
    out = []
    for name, _, end in names:
        if len(name.split()) < 2:
            continue
        for pattern in (_IN_BRACKETS, _OR_CAPITALS):
            m = pattern.match(text, end)
            if m is None:
                continue
            short = m["short"].rstrip(".")
            if short.lower() in (w.lower() for w in name.split()):
                continue
            if spells_initials(short, name) or (pattern is _IN_BRACKETS and abbreviates(short, name)):
                out.append((short, name, end))
            break
    return out


def fold_short(short: str) -> str:
    """The short form as compared: capitals, no dots ("U.S." and "US", "Nato" and "NATO" are one)."""
    return short.replace(".", "").replace("&", "").upper()


__all__ = [
    "SMALL_WORDS",
    "abbreviates",
    "acronym_shaped",
    "fold_short",
    "initials",
    "introduced_short_forms",
    "spells_initials",
]
