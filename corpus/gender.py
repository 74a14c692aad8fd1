"""Gender as the article presents a person, and where that came from.

Evidence, strongest first (``infer_gender``):

1. ``text`` — how the article refers to the person: an honorific right before a mention
   (Ms, Mrs, Miss, Madam, Dame, Lady / Mr, Sir, Lord), a gendered title or noun beside the
   name ("Congresswoman Maxine Waters", "Jane Doe, a businesswoman", "his wife Ann"), and
   the he/she pronouns that co-refer with the person: the speaker resolver's resolution of
   a pronoun speaker ("…, she said"), he/she subjects that take up the person last named as a
   subject, and a his/him/her in a clause whose subject is the person; pronouns
   inside quotes are someone else's words and do not count. Titles used for both ("chairman",
   "spokesman") and "they" are no evidence.
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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.models import Entity, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

FEMALE, MALE, UNKNOWN = "female", "male", "unknown"
GENDER_SOURCES: tuple[str, ...] = ("text", "name", "user", "unknown")

# nomquamgender's uncertainty of a name is 0.5 - |0.5 - P(female)|: 0 for a name only ever
# given to one gender, 0.5 for one given to both equally. A name is evidence only at 0.1 or
# below (its authors' default: P(female) ≤ 0.1 or ≥ 0.9) and with at least 10 people behind
# the estimate; everything else stays unknown.
NAME_THRESHOLD = 0.1
NAME_MIN_COUNT = 10

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
    opening it ("Mrs Thatcher", "Congresswoman Waters")."""
    votes: dict[str, list[int]] = {}
    for e in entities:
        if e.label != "PERSON":
            continue
        words = [_title_before(text, e.start)] + [w.strip(".").lower() for w in e.text.split()[:1]]
        for w in words:
            if w is None:
                continue
            v = votes.setdefault(e.name, [0, 0])
            if w in HONORIFICS_MALE or w in TITLES_MALE:
                v[0] += STRONG
            elif w in HONORIFICS_FEMALE or w in TITLES_FEMALE:
                v[1] += STRONG
    return votes


def apposition_votes(doc: Doc, entities: Sequence[Entity]) -> dict[str, list[int]]:
    """[male, female] votes from a gendered noun in apposition to, or compounded with, a name:
    "Jane Doe, a businesswoman", "the congresswoman, Jane Doe", "his wife Ann"."""
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
        if lemma not in TITLES_FEMALE and lemma not in TITLES_MALE:
            continue
        related = [tok.head] if tok.dep_ in ("appos", "compound") else []
        related += [c for c in tok.children if c.dep_ in ("appos", "compound")]
        for other in related:
            person = by_token.get(other.i)
            if person is None:
                continue
            v = votes.setdefault(person.name, [0, 0])
            v[1 if lemma in TITLES_FEMALE else 0] += STRONG
    return votes


def pronoun_speaker_votes(quotes: Iterable[Quote]) -> dict[str, list[int]]:
    """[male, female] votes from the quotes whose speaker the resolver resolved from a pronoun
    ("…, she said") or from a document a possessive names ("her statement")."""
    votes: dict[str, list[int]] = {}
    for q in quotes:
        if q.speaker is None or not q.speaker_name:
            continue
        words = q.speaker.text.lower().split()
        if words and words[0] in ("he", "she", "his", "her") and (len(words) == 1) == (words[0] in ("he", "she")):
            votes.setdefault(q.speaker_name, [0, 0])[0 if words[0] in ("he", "his") else 1] += 1
    return votes


_PRONOUN_GENDER = {"he": 0, "him": 0, "his": 0, "himself": 0, "she": 1, "her": 1, "hers": 1, "herself": 1}


def _quote_test(quotes: Sequence[Quote]) -> Callable[[int], bool]:
    """Whether a position is inside a quote: a "he" in someone's words is about someone else."""
    spans = sorted((q.start, q.end) for q in quotes)
    starts = [a for a, _ in spans]

    def in_quote(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and spans[i][0] <= pos < spans[i][1]

    return in_quote


def topic_pronoun_votes(doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote]) -> dict[str, list[int]]:
    """[male, female] votes from he/she subjects outside quotes that take up the topic: the person
    named last as the subject of a clause (outside quotes), or else the one person a sentence
    names, in the same or the previous sentence. (The reading of
    ``corpus.quotes.speakers.gender_votes``, without the pronouns of quoted words.)"""
    in_quote = _quote_test(quotes)
    by_token = _person_tokens(doc, entities)
    votes: dict[str, list[int]] = {}
    topic: str | None = None
    topic_sent = -10
    sent_no = 0
    for sent in doc.sents:
        sent_no += 1
        named = {by_token[t.i] for t in sent if t.i in by_token and not in_quote(t.idx)}
        subject_named = False
        for tok in sent:
            if tok.dep_ not in ("nsubj", "nsubjpass") or in_quote(tok.idx):
                continue
            g = {"he": 0, "she": 1}.get(tok.lower_)
            if g is not None:
                if topic is not None and sent_no - topic_sent <= 1:
                    votes.setdefault(topic, [0, 0])[g] += 1
            elif tok.i in by_token:
                topic, topic_sent = by_token[tok.i], sent_no
                subject_named = True
        if not subject_named and len(named) == 1:
            # the one person a sentence names is its topic even when not its subject
            topic, topic_sent = next(iter(named)), sent_no
    return votes


def clause_pronoun_votes(doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote]) -> dict[str, list[int]]:
    """[male, female] votes from a his/him/her (not a subject) outside quotes whose clause has a
    person as its subject: "… arguments Meng could make to prevent her extradition", "Bains
    told his staff". Climbing from the pronoun to the verbs above it stops at a reported clause
    or a relative clause, where someone else may be meant ("X said her …" votes nothing)."""
    in_quote = _quote_test(quotes)
    person_at = _person_tokens(doc, entities)
    votes: dict[str, list[int]] = {}
    for tok in doc:
        g = _PRONOUN_GENDER.get(tok.lower_)
        if g is None or tok.dep_ in ("nsubj", "nsubjpass") or in_quote(tok.idx):
            continue
        node = tok
        for _ in range(8):
            if node.dep_ in ("ccomp", "relcl", "parataxis") or node.head.i == node.i:
                break
            node = node.head
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i]
            if subjects:
                subject = subjects[0]
                if subject.lower_ in ("who", "that") and node.dep_ == "relcl":
                    # "Yoni Freedhoff, medical director …, who writes … on his blog"
                    subject = node.head.head if node.head.dep_ == "appos" else node.head
                name = person_at.get(subject.i)
                if name is not None and not in_quote(subject.idx):
                    votes.setdefault(name, [0, 0])[g] += 1
                break
    return votes


def _person_tokens(doc: Doc, entities: Sequence[Entity]) -> dict[int, str]:
    """Token index → the canonical name of the PERSON entity it belongs to."""
    out: dict[int, str] = {}
    tok_at = {t.idx: t.i for t in doc}
    for e in entities:
        if e.label == "PERSON" and e.start in tok_at:
            i = tok_at[e.start]
            while i < len(doc) and doc[i].idx < e.end:
                out[i] = e.name
                i += 1
    return out


def text_votes(doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote]) -> dict[str, list[int]]:
    """All the text's [male, female] votes per canonical person name."""
    text = doc.text
    total: dict[str, list[int]] = {}
    parts = (
        honorific_votes(entities, text),
        apposition_votes(doc, entities),
        pronoun_speaker_votes(quotes),
        clause_pronoun_votes(doc, entities, quotes),
        topic_pronoun_votes(doc, entities, quotes),
    )
    for part in parts:
        for name, (m, f) in part.items():
            v = total.setdefault(name, [0, 0])
            v[0] += m
            v[1] += f
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


def name_gender(first_name: str) -> str:
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
    if 0.5 - abs(0.5 - p_female) > NAME_THRESHOLD:
        return UNKNOWN
    return FEMALE if p_female > 0.5 else MALE


def infer_gender(votes: Sequence[int] | None, full_name: str) -> GenderCall:
    """The text's votes decide when they lean one way; else an unambiguous first name (only for a
    name of two words or more: a lone word may be a surname); else unknown."""
    if votes is not None:
        m, f = votes
        if m > f:
            return GenderCall(MALE, "text")
        if f > m:
            return GenderCall(FEMALE, "text")
    words = full_name.split()
    if len(words) >= 2:
        g = name_gender(words[0])
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
    "text_votes",
]
