"""Gender as the article presents a person, and where that came from.

Evidence, strongest first (``infer_gender``):

1. ``text`` — how the article refers to the person (``text_evidence``): an honorific right
   before a mention (Ms, Mrs, Miss, Madam, Dame, Lady / Mr, Sir, Lord), a gendered title or noun
   beside the name or predicated of it ("Congresswoman Maxine Waters", "Jane Doe, a
   businesswoman", "his wife Ann", "Doe is the company's chairwoman"); a his/her in a clause
   whose subject is the person ("Bains told his staff"); and the he/she that refer to the
   person (``PronounReading``: the subject of a clause above the pronoun, else the one person
   of its gender named before it in the paragraph, with gender agreement — a name the table
   gives to one gender, what the text already said — and "his wife"-like nouns as rivals),
   else the attribution resolver's reading of a "…, she said". Pronouns in someone's own
   words (direct quotes, quoted words of an indirect one) are about someone else. Titles
   used for both ("chairman", "spokesman"), object pronouns and "they" are no evidence.
2. ``name`` — the first name in an offline table (nomquamgender, MIT), only when the
   table says the name is nearly always given to one gender (see ``NAME_THRESHOLD``).
3. otherwise ``unknown``. (``user`` corrections are applied over all this by the store.)

This records how the article presents a person, not who they are.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import importlib.util
import marshal
import os
import re
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.models import Entity, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FEMALE, MALE, UNKNOWN = "female", "male", "unknown"
GENDER_SOURCES: tuple[str, ...] = ("text", "name", "user", "unknown")

# nomquamgender's uncertainty of a name is 0.5 - |0.5 - P(female)|: 0 for a name only ever
# given to one gender, 0.5 for one given to both equally. A name is evidence only at 0.1 or
# below (its authors' default: P(female) ≤ 0.1 or ≥ 0.9) and with at least 10 people behind
# the estimate; everything else stays unknown.
NAME_THRESHOLD = 0.1
NAME_MIN_COUNT = 10
# Which of several people a he/she takes up may lean on a name given mostly to one gender
# ("Bernie": 85% men) — a preference between readings that does not rule out anyone alone,
# and never what is recorded of the person.
AGREEMENT_THRESHOLD = 0.25

HONORIFICS_FEMALE = frozenset({"ms", "mrs", "miss", "madam", "madame", "mme", "dame", "lady", "mlle"})
HONORIFICS_MALE = frozenset({"mr", "sir", "lord", "monsieur"})
# Titles and nouns that say the gender. Forms used for anyone ("chairman", "spokesman",
# "alderman", "fireman", "policeman") are deliberately absent: they are no evidence.
TITLES_FEMALE = frozenset(
    """
congresswoman chairwoman spokeswoman councilwoman assemblywoman alderwoman businesswoman
sportswoman stateswoman countrywoman congresswomen actress waitress hostess empress duchess
countess baroness princess queen heiress widow nun mother daughter wife sister grandmother
granddaughter aunt niece girlfriend woman girl mom mum stepmother
""".split()
)
TITLES_MALE = frozenset(
    """
congressman councilman assemblyman businessman sportsman statesman countryman actor emperor
duke baron prince king heir widower monk father son husband brother grandfather grandson
uncle nephew boyfriend man boy dad stepfather
""".split()
)
# The evidence of one honorific or title outweighs a stray pronoun vote.
STRONG = 3

_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+$")


@dataclass(frozen=True, slots=True)
class GenderCall:
    gender: str  # female | male | unknown
    source: str  # text | name | unknown


def _title_before(text: str, start: int) -> str | None:
    """The word right before a mention ("Ms. Waters" → "ms"), on the same line."""
    m = _WORD_BEFORE.search(text, max(0, start - 20), start)
    if m is None or "\n" in m.group(0):
        return None
    return m.group(1).lower()


def honorific_votes(entities: Sequence[Entity], text: str) -> dict[str, list[int]]:
    """[male, female] votes per person from the honorific or title right before a mention or
    opening it ("Mrs Thatcher", "Congresswoman Waters"; a lone "Countess" is a surname). A lone
    surname whose honorific disagrees with the first name of the full name it was resolved to
    ("Mr. Obama" read as "Michelle Obama") is another person of that name: no vote."""
    votes: dict[str, list[int]] = {}
    for e in entities:
        if e.label != "PERSON":
            continue
        words = e.text.split()
        titles = [_title_before(text, e.start)] + ([words[0].strip(".").lower()] if len(words) >= 2 else [])
        v = votes.setdefault(e.name, [0, 0])
        for w in titles:
            if w is None:
                continue
            g = (
                0
                if w in HONORIFICS_MALE or w in TITLES_MALE
                else 1
                if w in HONORIFICS_FEMALE or w in TITLES_FEMALE
                else None
            )
            if g is None:
                continue
            full = e.name.split()
            by_name = name_gender(full[0]) if len(words) == 1 and len(full) >= 2 else UNKNOWN
            if by_name != UNKNOWN and int(by_name == FEMALE) != g:
                continue
            v[g] += STRONG
    return votes


def apposition_votes(doc: Doc, entities: Sequence[Entity]) -> dict[str, list[int]]:
    """[male, female] votes from a gendered noun in apposition to, compounded with, or predicated
    of a name: "Jane Doe, a businesswoman", "the congresswoman, Jane Doe", "his wife Ann", "Doe
    is a mother of three"."""
    votes: dict[str, list[int]] = {}
    by_token: dict[int, Entity] = {}
    starts = {t.idx: t.i for t in doc}
    for e in entities:
        if e.label == "PERSON" and e.start in starts:
            i = starts[e.start]
            while i < len(doc) and doc[i].idx < e.end:
                by_token[i] = e
                i += 1
    for tok in doc:
        lemma = tok.lower_
        if lemma not in TITLES_FEMALE and lemma not in TITLES_MALE or tok.i in by_token:
            continue  # a word of a name ("Jemal Countess") is no noun (titles opening one: honorific_votes)
        related = [tok.head] if tok.dep_ in ("appos", "compound") else []
        related += [c for c in tok.children if c.dep_ in ("appos", "compound")]
        if tok.dep_ == "attr":  # "Okafor is the company's chairwoman": the subject of the copula
            related += [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        for other in related:
            person = by_token.get(other.i)
            if person is None or _across_a_list(tok, other):
                continue
            v = votes.setdefault(person.name, [0, 0])
            v[1 if lemma in TITLES_FEMALE else 0] += STRONG
    return votes


def _across_a_list(noun: Token, name: Token) -> bool:
    """An apposition the parse hung on the first of several names ("Bill Clinton and Melania
    Trump, Donald Trump's wife, …": the wife is the last one): which one it describes is unsure."""
    lo, hi = sorted((noun.i, name.i))
    return any(c.dep_ == "conj" and lo < c.i < hi for c in (name.children if name.i < noun.i else noun.children))


_PRONOUN_GENDER = {"he": 0, "him": 0, "his": 0, "himself": 0, "she": 1, "her": 1, "hers": 1, "herself": 1}


# Words between quotation marks inside an indirect or mixed quote ("called it “a disgrace”").
_MARKED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")


def _quote_test(quotes: Sequence[Quote]) -> Callable[[int], bool]:
    """Whether a position is in someone's own words: a direct quote, or the part of an indirect or
    mixed one between quotation marks. A "he" there is about someone else; the rest of an
    indirect quote is the reporter's words ("Ford said he would not …")."""
    spans = []
    for q in quotes:
        if q.kind in ("indirect", "mixed"):
            spans += [(q.start + m.start(), q.start + m.end()) for m in _MARKED.finditer(q.text)]
        else:
            spans.append((q.start, q.end))
    spans.sort()
    starts = [a for a, _ in spans]

    def in_quote(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and spans[i][0] <= pos < spans[i][1]

    return in_quote


def _person_tokens(doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote] = ()) -> dict[int, str]:
    """Token index → the canonical name of the person it names: the tokens of PERSON entities; a
    speaker the attribution resolver named whose mention is a capitalised name the NER missed
    ("Navdeep Bains, Minister of …, said"); and a proper noun the NER left out that is the
    surname of exactly one full name of the article ("Lonechild said she …")."""
    out: dict[int, str] = {}
    tok_at = {t.idx: t.i for t in doc}
    owners: dict[str, set[str]] = {}

    def claim(start: int, end: int, name: str) -> None:
        i = tok_at.get(start)
        while i is not None and i < len(doc) and doc[i].idx < end:
            out.setdefault(i, name)
            i += 1

    for e in entities:
        if e.label == "PERSON":
            claim(e.start, e.end, e.name)
            if len(e.name.split()) >= 2:
                owners.setdefault(e.name.split()[-1].lower(), set()).add(e.name)
    for q in quotes:
        words = q.speaker.text.split() if q.speaker is not None else []
        if q.speaker is not None and q.speaker_name and words and all(w[:1].isupper() for w in words):
            if words[0].lower() not in ("he", "she", "they", "i", "we", "it"):
                claim(q.speaker.start, q.speaker.end, q.speaker_name)
    for tok in doc:
        if tok.pos_ == "PROPN" and tok.i not in out and not tok.ent_type_:
            names = owners.get(tok.lower_, set())
            if len(names) == 1:
                out[tok.i] = next(iter(names))
    return out


class _Genders:
    """What is known of each person's gender while the text is read, for gender agreement: the
    text's strong evidence (honorifics, gendered nouns), else the pronouns already taken to
    refer to them, else an unambiguous first name. 0 male, 1 female, None unknown."""

    def __init__(self, strong: dict[str, list[int]], pronouns: dict[str, list[int]]) -> None:
        self.strong = strong
        self.pronouns = pronouns

    def of(self, name: str, threshold: float = NAME_THRESHOLD) -> int | None:
        for votes in (self.strong.get(name), self.pronouns.get(name)):
            if votes and votes[0] != votes[1]:
                return 0 if votes[0] > votes[1] else 1
        words = name.split()
        g = name_gender(words[0], threshold) if len(words) >= 2 else UNKNOWN
        return None if g == UNKNOWN else int(g == FEMALE)

    def compatible(self, name: str, gender: int) -> bool:
        known = self.of(name)
        return known is None or known == gender

    def likely(self, name: str, gender: int) -> bool:
        """Compatible even by a name given mostly (not nearly always) to the other gender."""
        known = self.of(name, AGREEMENT_THRESHOLD)
        return known is None or known == gender


@dataclass(frozen=True, slots=True)
class _Candidate:
    """Someone a he/she may take up: a named person, or a gendered noun that names nobody ("his
    wife", "a spokeswoman for the mayor") but is a candidate all the same."""

    pos: int
    paragraph: int
    ident: str  # the person's canonical name, or "#<token>" for a gendered noun
    gender: int | None  # a gendered noun's own gender (None for a name: see _Genders)
    subject: bool = False  # the subject of its clause

    def fits(self, gender: int, genders: _Genders) -> bool:
        return self.gender == gender if self.gender is not None else genders.compatible(self.ident, gender)


def _gendered_noun(tok: Token, person_at: dict[int, str]) -> int | None:
    """0/1 when ``tok`` is a singular gendered noun standing for someone unnamed ("his wife",
    "a spokeswoman"); None for any other word, and for a noun tied to a name by apposition,
    compound or copula ("Robin Lee, a businesswoman": that is Robin Lee) or modifying another
    noun ("mother ship")."""
    low = tok.lower_
    if low not in TITLES_FEMALE and low not in TITLES_MALE or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if tok.i in person_at or tok.dep_ in ("compound", "attr"):
        return None
    linked = [tok.head] if tok.dep_ == "appos" else []
    linked += [c for c in tok.children if c.dep_ in ("appos", "compound")]
    if any(t.i in person_at for t in linked):
        return None
    return 1 if low in TITLES_FEMALE else 0


def _candidates(doc: Doc, person_at: dict[int, str], in_quote: Callable[[int], bool]) -> list[_Candidate]:
    """The people and gendered nouns outside quotes, in text order (one per mention)."""
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n+", doc.text)]
    out: list[_Candidate] = []
    for tok in doc:
        if in_quote(tok.idx):
            continue
        name = person_at.get(tok.i)
        subject = tok.dep_ in ("nsubj", "nsubjpass")
        if name is not None and tok.i > 0 and person_at.get(tok.i - 1) == name and out:
            if subject:  # the rest of a name already counted: "Doug Ford" is a subject by "Ford"
                out[-1] = replace(out[-1], subject=True)
            continue
        gender = None if name is not None else _gendered_noun(tok, person_at)
        if name is None and gender is None:
            continue
        paragraph = bisect.bisect_right(paragraph_starts, tok.idx) - 1
        out.append(_Candidate(tok.idx, paragraph, name if name is not None else f"#{tok.i}", gender, subject))
    return out


_UNTRACKED = "?"  # a subject that is someone or something other than the article's people


def _subject_above(pronoun: Token, person_at: dict[int, str], *, after: bool) -> str | None:
    """The subject of the nearest clause above the pronoun that has one before it (or, with
    ``after``, after it): the person's name; ``_UNTRACKED`` when it is a noun or a name that is
    none of the article's people ("The minister said he …": the minister); None when there is
    none or it is a pronoun."""
    node = pronoun
    for _ in range(8):
        if node.head.i == node.i or node.dep_ == "conj":
            return None  # a clause joined by "and"/"but" has its own subject, bound by no other
        below, node = node, node.head
        subjects = [
            c
            for c in node.children
            if c.dep_ in ("nsubj", "nsubjpass")
            and c.i != below.i  # not the subject the pronoun is part of ("her statement read")
            and (c.i > pronoun.i if after else c.i < pronoun.i)
        ]
        if subjects:
            subject = subjects[0]
            if subject.i in person_at:
                return person_at[subject.i]
            return _UNTRACKED if subject.pos_ in ("NOUN", "PROPN") else None
    return None


# How many paragraphs before its own a he/she reaches back for someone of its gender. Beyond
# that ("WATCH: …" lines, quotes between), the attribution resolver's reading of a "he said",
# which follows a run of quotes, is taken instead (``pronoun_speaker_votes``).
PARAGRAPHS_BACK = 1


class PronounReading:
    """Which of the article's people each he/she subject outside quotes refers to, read as English
    is usually read:

    1. in a clause put before the main one, the subject named after it ("Months after he lost,
       Trump said …": Trump);
    2. else the subject of a clause above it ("Scheer said that when Trudeau objects, he …":
       Scheer) when the gender agrees;
    3. else someone named before it in its paragraph — or, when its paragraph names no one of its
       gender before it, in the paragraph before: the only one there whose gender agrees
       (gendered nouns like "his wife" count as people); among several, those whose first name
       is not given mostly to the other gender, then the last one who was the subject of a
       clause (the centre of attention a subject pronoun continues).

    A noun or an unknown name in 1 or 2 ("The minister said he …") means nobody of ours.
    """

    def __init__(self, doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote]) -> None:
        self.doc = doc
        self.in_quote = _quote_test(quotes)
        self.person_at = _person_tokens(doc, entities, quotes)
        self.candidates = _candidates(doc, self.person_at, self.in_quote)
        self.positions = [c.pos for c in self.candidates]
        self.paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n+", doc.text)]
        # pronouns read as someone other than the article's named people, or as one of several
        self.elsewhere: set[int] = set()

    def votes(self, genders: _Genders, *, learn: bool = False) -> dict[int, tuple[str, int]]:
        """Pronoun position → (person, 0 male / 1 female). Agreement uses ``genders``; with
        ``learn`` each pronoun read adds to it, so that after "he" went to a man the "she"
        beside him goes to the woman."""
        out: dict[int, tuple[str, int]] = {}
        self.elsewhere = set()
        for tok in self.doc:
            g = {"he": 0, "she": 1}.get(tok.lower_)
            if g is not None and tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if g is None and self._opening_possessive(tok):
                g = 0 if tok.lower_ == "his" else 1
            if g is None or self.in_quote(tok.idx):
                continue
            found = self.antecedent(tok, g, genders)
            if found == _UNTRACKED:
                self.elsewhere.add(tok.idx)
            elif found is not None:
                out[tok.idx] = (found, g)
                if learn:
                    genders.pronouns.setdefault(found, [0, 0])[g] += 1
        return out

    def _opening_possessive(self, tok: Token) -> bool:
        """A his/her that opens the subject of a clause no subject above binds ("His comments
        come days after …"): it continues the centre of attention as a he/she would. (One bound
        by a subject above is ``clause_pronoun_votes``'s.)"""
        return (
            tok.lower_ in ("his", "her")
            and tok.dep_ == "poss"
            and tok.head.dep_ in ("nsubj", "nsubjpass")
            and _subject_above(tok, self.person_at, after=False) is None
        )

    def antecedent(self, tok: Token, g: int, genders: _Genders) -> str | None:
        """The person's name; ``_UNTRACKED`` when the pronoun is someone unnamed or an
        incompatible subject's, or could be any of several; None when no one is in reach."""
        ahead = _subject_above(tok, self.person_at, after=True)
        if ahead is not None:
            return ahead if ahead == _UNTRACKED or genders.compatible(ahead, g) else _UNTRACKED
        binder = _subject_above(tok, self.person_at, after=False)
        if binder == _UNTRACKED or binder is not None and genders.compatible(binder, g):
            return binder
        here = bisect.bisect_right(self.paragraph_starts, tok.idx) - 1
        before = self.candidates[: bisect.bisect_left(self.positions, tok.idx)]
        pool: list[_Candidate] = []
        for paragraph in range(here, here - 1 - PARAGRAPHS_BACK, -1):
            pool = [c for c in before if c.paragraph == paragraph and c.fits(g, genders)]
            if pool:
                break
        if not pool:
            return None
        if len({c.ident for c in pool}) > 1:
            pool = [c for c in pool if c.gender is not None or genders.likely(c.ident, g)]
        if len({c.ident for c in pool}) > 1:
            pool = [c for c in pool if c.subject][-1:]
        fits = {c.ident for c in pool}
        name = fits.pop() if len(fits) == 1 else _UNTRACKED
        return _UNTRACKED if name.startswith("#") else name


def pronoun_speaker_votes(quotes: Iterable[Quote], genders: _Genders, read: Container[int]) -> dict[str, list[int]]:
    """[male, female] votes from the quotes whose speaker the attribution resolver resolved from a
    pronoun ("…, she said") or from a document a possessive names ("her statement"), one per
    pronoun: only where the pronoun reading had no one in reach (``read``: the positions it
    settled, on someone or on someone else), and only for a person whose gender agrees (the
    resolver may bind a "he" to a woman it knew nothing of)."""
    votes: dict[str, list[int]] = {}
    seen: set[int] = set()
    for q in quotes:
        if q.speaker is None or not q.speaker_name or q.speaker.start in seen or q.speaker.start in read:
            continue
        words = q.speaker.text.lower().split()
        if words and words[0] in ("he", "she", "his", "her") and (len(words) == 1) == (words[0] in ("he", "she")):
            g = 0 if words[0] in ("he", "his") else 1
            seen.add(q.speaker.start)
            if genders.compatible(q.speaker_name, g):
                votes.setdefault(q.speaker_name, [0, 0])[g] += 1
    return votes


def clause_pronoun_votes(doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote]) -> dict[str, list[int]]:
    """[male, female] votes from a possessive his/her or a himself/herself outside quotes whose
    clause has a person as its subject (an object him/her never is that person): "… arguments
    Meng could make to prevent her extradition", "Bains told his staff". Climbing from the
    pronoun to the verbs above it stops at a reported clause or a relative clause, where someone
    else may be meant ("X said her …" votes nothing); in a relative clause whose subject is
    "who", the person the clause describes is the subject ("Yoni Freedhoff, medical director of
    the institute, who writes on his blog")."""
    in_quote = _quote_test(quotes)
    person_at = _person_tokens(doc, entities, quotes)
    votes: dict[str, list[int]] = {}
    for tok in doc:
        g = _PRONOUN_GENDER.get(tok.lower_)
        if g is None or not (tok.dep_ == "poss" or tok.lower_.endswith("self")) or in_quote(tok.idx):
            continue  # an object "him"/"her" is never its own clause's subject ("Kelly confronted him")
        node = tok
        for _ in range(8):
            if node.dep_ in ("ccomp", "relcl", "parataxis") or node.head.i == node.i:
                break
            node = node.head
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i]
            if subjects:
                subject = subjects[0]
                if subject.lower_ == "who" and node.dep_ == "relcl":
                    subject = _described_person(node.head, person_at) or subject
                name = person_at.get(subject.i)
                if name is not None and not in_quote(subject.idx):
                    votes.setdefault(name, [0, 0])[g] += 1
                break
    return votes


def _described_person(noun: Token, person_at: dict[int, str]) -> Token | None:
    """The named person a relative "who" clause hangs on: the noun itself, or up from it through
    the phrase it sits in ("director of the institute" ← appos of the name), as far as a name."""
    node = noun
    for _ in range(6):
        if node.i in person_at:
            return node
        if node.dep_ not in ("appos", "pobj", "prep", "compound", "poss") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _add(total: dict[str, list[int]], part: dict[str, list[int]]) -> None:
    for name, (m, f) in part.items():
        v = total.setdefault(name, [0, 0])
        v[0] += m
        v[1] += f


def text_evidence(doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote]) -> dict[str, dict[str, list[int]]]:
    """The text's [male, female] votes per canonical person name, by kind of evidence:
    ``titles`` (honorifics and gendered nouns), ``possessives`` (his/her in one's own clause),
    ``pronouns`` (he/she that take a person up) and ``speakers`` (the resolver's "…, she said")."""
    titles: dict[str, list[int]] = {}
    _add(titles, honorific_votes(entities, doc.text))
    _add(titles, apposition_votes(doc, entities))
    possessives = clause_pronoun_votes(doc, entities, quotes)
    # Two readings: the first knows genders from the titles, the possessives and the names, and
    # learns from each he/she as it goes; the second knows what the first made of all of them,
    # so that one pronoun misread early on does not decide how the rest are read.
    reading = PronounReading(doc, entities, quotes)
    learnt = _Genders(titles, {name: list(v) for name, v in possessives.items()})
    reading.votes(learnt, learn=True)
    genders = _Genders(titles, learnt.pronouns)
    bound = reading.votes(genders)
    pronouns: dict[str, list[int]] = {}
    for name, g in bound.values():
        pronouns.setdefault(name, [0, 0])[g] += 1
    return {
        "titles": titles,
        "possessives": possessives,
        "pronouns": pronouns,
        "speakers": pronoun_speaker_votes(quotes, genders, bound.keys() | reading.elsewhere),
    }


def text_votes(doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote]) -> dict[str, list[int]]:
    """All the text's [male, female] votes per canonical person name (``text_evidence`` summed)."""
    total: dict[str, list[int]] = {}
    for part in text_evidence(doc, entities, quotes).values():
        _add(total, part)
    return total


# The table keeps only names with at least this many people behind them: both callers ask for
# NAME_MIN_COUNT or more, and it cuts nomquamgender's 720k names to a fraction.
_TABLE_MIN_COUNT = NAME_MIN_COUNT


def _nomquamgender_data() -> Path:
    """nomquamgender's ``name_data.json``, found without importing the package (its import loads
    pandas and parses the whole file, ~1 s a process)."""
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("nomquamgender is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "name_data.json"


def _table_cache(source: Path) -> Path:
    """Where the compact table of ``source`` is kept: the user's cache folder, keyed by the data file's size
    and time, so a new nomquamgender release builds a new one."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    st = source.stat()
    return Path(base) / "quotelens" / f"first-names-{st.st_size}-{st.st_mtime_ns}-{_TABLE_MIN_COUNT}.marshal"


@functools.lru_cache(maxsize=1)
def _name_table() -> dict[str, tuple[int, float]]:
    """first name (lower case, ASCII) → (observations, P(gendered female)), nomquamgender's data.

    Parsing its 22 MB JSON costs about a second in every process that analyses (each ingest worker,
    each CLI run), so the few names that matter are kept in a compact ``marshal`` file in the user's
    cache folder (marshal holds plain data and runs no code). The cache is best effort: when it cannot
    be read or written, the table is built from the JSON as before.
    """
    import orjson

    source = _nomquamgender_data()
    cache = _table_cache(source)
    try:
        cached = marshal.loads(cache.read_bytes())
        if isinstance(cached, dict):
            return cached
    except (OSError, ValueError, EOFError, TypeError):
        pass  # none yet, or unreadable: build it
    table = {
        name: (int(info[1]), float(info[2]))
        for name, info in orjson.loads(source.read_bytes()).items()
        if int(info[1]) >= _TABLE_MIN_COUNT
    }
    tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps(table))
        os.replace(tmp, cache)  # readers see the whole file or none
    except OSError:  # a read-only, full or missing cache folder: the next process builds the table again
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return table


def is_known_first_name(word: str, min_count: int = NAME_MIN_COUNT) -> bool:
    """Whether the name table knows ``word`` as a first name of at least ``min_count`` people."""
    from unidecode import unidecode

    key = unidecode(word).lower()
    found = _name_table().get(key) if key.isalpha() and len(key) > 1 else None
    return found is not None and found[0] >= min_count


def name_gender(first_name: str, threshold: float = NAME_THRESHOLD) -> str:
    """female/male from an unambiguous first name, else unknown.

    nomquamgender's uncertainty is 0.5 - |0.5 - P(female)|; like its ``NBGC.classify`` we
    take a name only at ``NAME_THRESHOLD`` or below, and only when the table rests on at least
    ``NAME_MIN_COUNT`` observed people (its own "high coverage" line), not on an estimate alone.
    """
    from unidecode import unidecode

    key = unidecode(first_name).strip(".").lower()
    if len(key) < 2 or not key.isalpha():
        return UNKNOWN
    found = _name_table().get(key)
    if found is None:
        return UNKNOWN
    count, p_female = found
    if count < NAME_MIN_COUNT or p_female != p_female:  # NaN: no data
        return UNKNOWN
    if 0.5 - abs(0.5 - p_female) > threshold:
        return UNKNOWN
    return FEMALE if p_female > 0.5 else MALE


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
