"""Names within one article: cleaning entity mentions and canonicalising them.

This is the one implementation of "surname / title / acronym → the full name
introduced in the article", shared by entity extraction (``corpus.entities``)
and speaker resolution (``corpus.quotes.speakers``).

* ``clean_mention(text, start, end)`` strips a leading "the", a possessive
  ’s / 's, hashtags glued to words (``late.#cdnpoli``) and trailing punctuation,
  keeping offsets exact.
* ``strip_titles(name)`` drops honorifics and job titles in front of a person's
  name ("PM Trudeau" → "Trudeau", "Mr. Hemming" → "Hemming").
* ``NameIndex`` holds the full names of an article in text order and resolves a
  mention at a position to the full name it stands for: surnames and first
  names to the nearest compatible full name (preferring one introduced
  earlier), acronyms to the organisation whose initials they spell.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from corpus.acronyms import abbreviates, acronym_shaped, fold_short, spells_initials
from corpus.first_names import FEMALE, MALE, STRICT_THRESHOLD, name_gender

# Honorifics and titles that precede a person's name (lower case, no final dot).
TITLE_WORDS = frozenset(
    """
mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sr
pm premier president minister prime deputy justice judge chief sen senator rep representative
gov governor mayor councillor coun cllr sgt sergeant const constable cpl corporal det detective
insp inspector supt superintendent officer lt lieutenant col colonel gen general capt captain
cmdr commander adm admiral maj major pte private mp mpp mla mna speaker chancellor secretary leader
spokesperson spokesman spokeswoman
king queen prince princess pope cardinal bishop archbishop rabbi imam sheikh dean coach
vice acting interim former late crown attorney ceo cfo cto chair chairman chairwoman chairperson
ambassador sheriff congressman congresswoman treasurer
""".split()
)

# Titles that are things too ("Coach", "Crown", "Chair"): one inside a name, after words that are no title,
# with a single word after it, names a group or a thing ("Fairford Coach Action"), not someone so titled.
THING_TITLES = frozenset({"coach", "crown", "chair"})

# Letters after a person's name ("Jane Cole QC", "Tom Hart MP"); a plural of these ("MPs", "MSPs") is a group.
POST_NOMINALS = frozenset({"qc", "kc", "mp", "msp", "mep", "mla", "mpp", "mna", "obe", "mbe", "cbe"})


def is_post_nominal(word: str) -> bool:
    """Letters a person's name takes after it ("MP", "QC", "MEP"): of the person, no word of the name."""
    return word.isupper() and word.lower() in POST_NOMINALS


# "Mr." / "Mrs." / "Ms." / "Miss" right before a mention: the gender the writer gives the person.
_HONORIFIC_BEFORE = re.compile(r"\b(Mrs|Ms|Miss|Mr)\.?\s+$")
_HONORIFIC_IN = re.compile(r"^(Mrs|Ms|Miss|Mr)\.?\s")

# Words that join a group's name to the person it is named after, never the words of a person's name.
_CONNECTORS = frozenset({"against", "for", "of", "with", "and", "&", "the", "to", "from"})
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_TRAIL_CONJUNCTION = re.compile(r"\s+(?:and|or|&)$")
_TRAIL_PUNCT = " \t\n.,;:!?\"'“”‘’()[]{}-–—/\\|*"
_LEAD_PUNCT = " \t\n.,;:!?\"'“”‘’()[]{}-–—/\\|*@"
_WORD = re.compile(r"[\w][\w.'’\-]*")


_LEAD_CLITIC = re.compile(r"^['’]s\s+")
# A clock time glued to the capitalised word after it ("9:52PMBush", "10:05 a.m.Smith").
_GLUED_CLOCK = re.compile(r"^.*?\b\d{1,2}:\d{2}\s?(?:[AaPp]\.?[Mm]\.?)(?=[A-Z][a-z])")
_POSSESSOR = re.compile(r"^.*\w['’]s\s+(?=[A-Z])")


def clean_mention(text: str, start: int, end: int, label: str | None = None) -> tuple[str, int, int] | None:
    """The mention without leading "the", possessive, glued hashtag or stray punctuation.

    For a person, a possessor in front is dropped too ("Vancouver's Bo Horvat" →
    "Bo Horvat"). Returns ``(text, start, end)`` with offsets moved to match, or
    None when nothing is left.
    """
    m = _LEAD_CLITIC.match(text)
    if m:
        text, start = text[m.end() :], start + m.end()
    m = _GLUED_CLOCK.search(text)
    if m:
        # "February 6, 2016 9:52PMBush": a page that lost its line break glued a time onto the next line's
        # first word; a time is no part of a name, nor is anything before it
        text, start = text[m.end() :], start + m.end()
    if label == "PERSON":
        colon = text.find(": ")
        if colon > 0:
            # "Luciana Lopez: Saying to people …": a transcript's label and the first word of the turn the NER
            # ran together; a person's name never holds a colon
            text, end = text[:colon], start + colon

        m = _POSSESSOR.match(text)
        if m:
            text, start = text[m.end() :], start + m.end()
    # hashtags glued to words: "late.#cdnpoli" → "late"; "#Huawei" → "Huawei"
    h = text.find("#")
    while h != -1:
        if h == 0:
            text, start = text[1:], start + 1
        else:
            text, end = text[:h], start + h
        h = text.find("#")
    # leading punctuation and "the"
    changed = True
    while changed and text:
        changed = False
        stripped = text.lstrip(_LEAD_PUNCT)
        if len(stripped) != len(text):
            start += len(text) - len(stripped)
            text = stripped
            changed = True
        m = _LEADING_THE.match(text)
        if m and len(text) > m.end():
            start += m.end()
            text = text[m.end() :]
            changed = True
    # trailing possessive and punctuation (keep the dot of "Jr." / "Inc." / initials)
    changed = True
    while changed and text:
        changed = False
        m = _POSSESSIVE.search(text)
        if m and m.start() > 0:
            end -= len(text) - m.start()
            text = text[: m.start()]
            changed = True
        m = _TRAIL_CONJUNCTION.search(text)
        if m and m.start() > 0:  # NER sometimes swallows the "and" of a list: "Chrystia Freeland and"
            end -= len(text) - m.start()
            text = text[: m.start()]
            changed = True
        stripped = text.rstrip(_TRAIL_PUNCT)
        if stripped.endswith(("Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "St")) and text[len(stripped) :].startswith("."):
            stripped = stripped + "."
        elif len(stripped) >= 1 and re.search(r"(?:^|[\s.])[A-Z]$", stripped) and text[len(stripped) :].startswith("."):
            stripped = stripped + "."  # initials: "U.S." / "J."
        if len(stripped) != len(text):
            end -= len(text) - len(stripped)
            text = stripped
            changed = True
    if not text or not any(ch.isalnum() for ch in text):
        return None
    return text, start, end


def _fold(word: str) -> str:
    return word.lower().replace("’", "'").rstrip(".")


def name_words(name: str) -> list[str]:
    """The words of a name, dots kept inside ("U.S."), possessive dropped."""
    return list(_name_words(name))


@lru_cache(maxsize=16384)  # a pure function of the name, asked again for every mention
def _name_words(name: str) -> tuple[str, ...]:
    words = []
    for w in _WORD.findall(name):
        w = _POSSESSIVE.sub("", w)
        if w:
            words.append(w)
    return tuple(words)


@lru_cache(maxsize=8192)  # a pure function of the text, asked again for every mention
def strip_titles(name: str) -> str:
    """A person's name without leading honorifics/titles: "PM Justin Trudeau" → "Justin Trudeau", nor the
    letters after it ("Jane Cole QC" → "Jane Cole").

    Never strips the last word ("Justice" alone stays).
    """
    words = name.split()
    while len(words) > 2 and is_post_nominal(words[-1]):
        words.pop()
    i = 0
    while i < len(words) - 1 and _fold(words[i]) in TITLE_WORDS:
        i += 1
    # "Green Leader Andrew Weaver", "Environment Minister Shannon Phillips": through the last title word
    for j in range(len(words) - 2, i - 1, -1):
        parts = re.split(r"[-–]", _fold(words[j]))
        if any(p in TITLE_WORDS for p in parts) and words[j][:1].isupper():
            if j > i and j == len(words) - 2 and _fold(words[j]) in THING_TITLES:
                break  # "Fairford Coach Action": a coach that is a bus, in an organisation's name
            i = j + 1
            break
    return " ".join(words[i:])


def without_brackets(name: str) -> str:
    """A name without the brackets the NER took into it: an acronym introduced after it is no part of it
    ("Association for Payment Clearing Services (Apacs) Apacs", "Institute for Fiscal Studies (IFS" → the
    name before the bracket); a writer's brackets inside it are ("Mike (Ruddock" of "Mike (Ruddock) asked"
    → "Mike Ruddock")."""
    if "(" not in name and ")" not in name:
        return name
    before, _, after = name.partition("(")
    inside = after.split(")", 1)[0].split()
    if len(before.split()) >= 2 and len(inside) == 1 and acronym_shaped(inside[0]):
        return before.strip()
    return " ".join(name.replace("(", " ").replace(")", " ").split())


def honorific_gender(text: str, start: int, mention: str = "") -> str | None:
    """ "m" or "f" when the mention at ``start`` of ``text`` (or ``mention`` itself) opens with Mr. or
    Mrs./Ms./Miss: "Mrs. Clinton" is a woman whichever Clinton the article named in full first."""
    m = _HONORIFIC_IN.match(mention) or _HONORIFIC_BEFORE.search(text[max(0, start - 6) : start])
    if m is None:
        return None
    return "m" if m.group(1) == "Mr" else "f"


def _other_gender(full_name: str, gender: str) -> bool:
    """Whether a full name's first name is (nearly) never given to someone of ``gender``: "Bill
    Clinton" for a "Mrs. Clinton". (A name given mostly to the other gender, "Lindsey Graham" for a
    "Mr. Graham", stays possible.)"""
    words = full_name.split()
    if len(words) < 2:
        return False
    g = name_gender(words[0], STRICT_THRESHOLD)
    return g == (FEMALE if gender == "m" else MALE)


def _honorific_fits(cands: list[tuple[int, _Full]], gender: str) -> list[tuple[int, _Full]]:
    """The full names a mention with an honorific of ``gender`` may stand for: none whose first name is
    (nearly) never that gender's when another namesake is left; of the closest matches left, those whose
    first name is mostly that gender's when there are any ("Mr. Clinton" is Bill when the article names
    both Clintons, and still Hillary when it names only her)."""
    possible = [(st, f) for st, f in cands if not _other_gender(f.name, gender)]
    if not possible:
        # the article names no one else of that surname: the mention still goes to the namesake (whose
        # gender the people of the article do not take from this honorific, ``corpus.people``)
        return cands
    cands = possible
    best = max(st for st, _ in cands)
    wanted = MALE if gender == "m" else FEMALE
    likely = [(st, f) for st, f in cands if st == best and name_gender(f.name.split()[0]) == wanted]
    return likely or cands


def is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


@dataclass
class _Full:
    name: str
    label: str
    words: tuple[str, ...]  # folded
    positions: list[int] = field(default_factory=list)


class NameIndex:
    """Full names of one article, in text order, and the mentions they cover."""

    def __init__(self) -> None:
        self._full: dict[tuple[str, tuple[str, ...]], _Full] = {}
        self._short: dict[str, _Full | None] = {}  # a short form the article introduced → its name (None: two)
        self._first_alone: dict[str, int] = {}  # a word written as a name on its own → where it first was
        # ``_candidates`` of the words asked so far, kept while no full name is added (``_kept_for``: how many)
        self._kept: dict[tuple[tuple[str, ...], bool], list[tuple[int, _Full]]] = {}
        self._kept_for = 0

    @staticmethod
    def core(name: str, label: str) -> str:
        return strip_titles(name) if label == "PERSON" else name

    def add(self, name: str, label: str, position: int) -> None:
        """Register a mention; names of two words or more (after titles) count as full names."""
        bare = without_brackets(name)
        if bare != name and label != "PERSON" and "(" in name:
            inside = name.partition("(")[2].split(")", 1)[0].strip()
            if (
                acronym_shaped(inside)
                and bare == name.partition("(")[0].strip()
                and (spells_initials(inside, bare) or abbreviates(inside, bare))
            ):
                # "Institute for Fiscal Studies (IFS": the NER took in the acronym the article introduces
                self.add(bare, label, position)
                full = self._full.get(("OTHER", tuple(_fold(w) for w in name_words(bare))))
                if full is not None and self._short.get(fold_short(inside), full) is full:
                    self._short[fold_short(inside)] = full
                return
        core = self.core(bare, label)
        words = tuple(_fold(w) for w in name_words(core))
        if len(words) == 1:
            self._first_alone[words[0]] = min(position, self._first_alone.get(words[0], position))
        if len(words) < 2 and not (label == "ORG" and len(words) == 1 and not is_acronym(core)):
            return
        key = ("PERSON" if label == "PERSON" else "OTHER", words)
        full = self._full.get(key)
        if full is None:
            full = self._full[key] = _Full(core, label, words)
        if position not in full.positions:
            bisect.insort(full.positions, position)  # in text order, whatever order the mentions come in

    def add_short_form(self, short: str, name: str, label: str, position: int) -> None:
        """Register a short form the article introduced for a name ("the New York Mercantile Exchange
        (Nymex)": ``corpus.acronyms.introduced_short_forms``): the short form, alone, is that name wherever
        the article uses it; one introduced for two names is neither's."""
        self.add(name, label, position)
        full = self._full.get(("OTHER", tuple(_fold(w) for w in name_words(name))))
        key = fold_short(short)
        if full is not None:
            self._short[key] = full if self._short.get(key, full) is full else None

    def _shortest_suffix(self, full: _Full) -> _Full:
        """ "Press Kevin Vickers" → "Kevin Vickers" when that full name is known too."""
        best = full
        for (kind, fw), other in self._full.items():
            if kind == "PERSON" and 2 <= len(fw) < len(best.words) and full.words[-len(fw) :] == fw:
                best = other
        return best

    def _shortened_organisation(self, word: str, position: int) -> _Full | None:
        """The organisation the article named in full before it used its first word alone ("Merrill Lynch" …
        "Merrill said", "Qwest Communications" … "Qwest"): the one organisation name of the article opening
        with that word, written in full before the word stood alone. Not when the word alone came first
        ("BBC" … "BBC News": the parent, then a part of it), nor a place's or a group's name, nor a person's: a
        word that is a man's or a woman's first name, a longer name the article also gives a person."""
        longer = {
            f.name: f
            for (kind, fw), f in self._full.items()
            if kind == "OTHER" and f.label == "ORG" and len(fw) >= 2 and fw[0] == word
        }
        if len(longer) != 1 or name_gender(word) in (MALE, FEMALE):
            return None  # two to choose from; or a man's or a woman's first name ("Freddie", "Ford")
        full = next(iter(longer.values()))
        if ("PERSON", full.words) in self._full:
            return None  # the article also writes the longer name as a person's ("Freddie Forsyth")
        return full if full.positions[0] < min(self._first_alone.get(word, position), position) else None

    def _candidates(self, words: tuple[str, ...], person: bool) -> list[tuple[int, _Full]]:
        """(strength, full) for full names that contain these words as a name part. Kept until a full name is
        added (every mention of a surname asks again, and the loop is over all the article's full names); callers
        only read the list."""
        if self._kept_for != len(self._full):  # (full names are only ever added)
            self._kept.clear()
            self._kept_for = len(self._full)
        kept = self._kept.get((words, person))
        if kept is not None:
            return kept
        out = self._kept[(words, person)] = []
        n = len(words)
        for (kind, fw), full in self._full.items():
            if fw == words or len(fw) <= n:
                continue
            if person and (kind != "PERSON" or _CONNECTORS.intersection(fw)):
                continue  # "Coalition Against Trump", "Friends of Ana Ruiz": a group named after the person
            if fw[-n:] == words:
                out.append((3, full))  # surname(s)
            elif fw[:n] == words:
                out.append((2, full))  # first name(s) / leading part ("Huawei" → "Huawei Technologies")
            elif n == 1 and words[0] in fw:
                out.append((1, full))
        return out

    @staticmethod
    def _nearest(cands: list[tuple[int, _Full]], position: int) -> _Full | None:
        if not cands:
            return None
        best_strength = max(s for s, _ in cands)
        pool = [f for s, f in cands if s == best_strength]

        def rank(f: _Full) -> tuple[int, int, int]:
            i = bisect.bisect_right(f.positions, position)
            if i:  # introduced before: the most mentioned so far, then the most recent
                return (0, -i, position - f.positions[i - 1])
            return (1, 0, f.positions[0] - position)  # else the first one after

        best = min(pool, key=rank)
        if rank(best)[0] == 1 and len({f.name for f in pool}) > 1:
            # a surname before any of the several people who bear it is introduced ("Trump said …" above both
            # "Ivanka Trump" and "Donald Trump"): none of them yet, so it stays as written
            return None
        return best

    def resolve(
        self, name: str, label: str, position: int, record: bool = False, gender: str | None = None
    ) -> tuple[str, str]:
        """(canonical name, label) of a mention at ``position``.

        With ``record``, a short mention resolved to a full name counts as a mention of it, so that a
        surname later goes to the person mentioned most so far (call in text order). ``gender`` ("m"/"f",
        from an honorific: ``honorific_gender``) rules out the full names whose first name is the other
        gender's: "Mrs. Clinton" is not "Bill Clinton".
        """
        full_name, new_label, full = self._resolve(name, label, position, gender)
        if record and full is not None and position not in full.positions and full.positions[0] < position:
            # (a mention resolved ahead, to a name the text gives later, introduces no one: "Tom's shoes" above
            # "Tom Ebeling" does not make him a Ebeling met before the "Ebeling" that follows)
            bisect.insort(full.positions, position)
        return full_name, new_label

    def _resolve(
        self, name: str, label: str, position: int, gender: str | None = None
    ) -> tuple[str, str, _Full | None]:
        name = without_brackets(name)
        core = self.core(name, label)
        words = tuple(_fold(w) for w in name_words(core))
        if not words:
            return name, label, None
        introduced = self._short.get(fold_short(name.strip())) if len(words) == 1 and self._short else None
        if introduced is not None:
            return introduced.name, introduced.label, introduced
        if label == "PERSON" or len(words) == 1:
            # surnames and first names of persons (spaCy often mislabels a lone surname)
            cands = self._candidates(words, person=True)
            if gender is not None:
                cands = _honorific_fits(cands, gender)
            if label != "PERSON":  # another label: only a capitalised surname of a known person
                cands = [(st, f) for st, f in cands if st == 3] if name[:1].isupper() and not is_acronym(core) else []
            full = self._nearest(cands, position)
            if full is not None:
                return self._shortest_suffix(full).name, "PERSON", full
        # an acronym ("UKIP", "Nato") of an organisation the article names in full (the NER calls some people:
        # "The Hefce report" beside "the Higher Education Funding Council for England")
        if label not in ("GPE", "LOC", "NORP"):
            if len(words) == 1 and acronym_shaped(core):
                cands = [
                    (3, f)
                    for (kind, fw), f in self._full.items()
                    if len(fw) >= 2 and spells_initials(core, f.name) and f.label not in ("GPE", "LOC", "NORP")
                ]
                full = self._nearest(cands, position)
                if full is not None:
                    return full.name, full.label, full
        # (a word the article also labels an organisation alone is that organisation where the model took it
        # for a person: "Vivendi has said" beside "Vivendi's board")
        if len(words) == 1 and not is_acronym(core) and (label == "ORG" or ("OTHER", words) in self._full):
            full = self._shortened_organisation(words[0], position)
            if full is not None:
                return full.name, full.label, full
        if label == "PERSON":
            full = self._full.get(("PERSON", words))
            if full is not None and len(words) >= 3:
                return self._shortest_suffix(full).name, label, None
            return core, label, None
        return name, label, None


def canonical_names(mentions: Sequence[tuple[str, str, int]]) -> list[tuple[str, str]]:
    """Canonical (name, label) for each mention ``(cleaned text, label, position)`` of one article."""
    mentions = list(mentions)
    index = build_name_index(mentions)
    order = sorted(range(len(mentions)), key=lambda i: mentions[i][2])
    out: list[tuple[str, str]] = [("", "")] * len(mentions)
    for i in order:
        text, label, pos = mentions[i]
        out[i] = index.resolve(text, label, pos, record=True)
    return out


def build_name_index(mentions: Iterable[tuple[str, str, int]]) -> NameIndex:
    index = NameIndex()
    for text, label, pos in mentions:
        index.add(text, label, pos)
    return index


__all__ = [
    "NameIndex",
    "TITLE_WORDS",
    "build_name_index",
    "canonical_names",
    "clean_mention",
    "honorific_gender",
    "is_acronym",
    "is_post_nominal",
    "name_words",
    "strip_titles",
]
