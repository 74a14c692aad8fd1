"""The text's evidence of a person's gender other than a he/she: honorifics and gendered titles
before a name, gendered nouns in apposition or predicated of it, and his/her/himself/herself in a
clause whose subject the person is; and what counts as someone's own words (where a pronoun is
about someone else)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from corpus.coref.doc_index import doc_index, token_at_char
from corpus.coref.lexicon import HONORIFICS_FEMALE, HONORIFICS_MALE, TITLES_FEMALE, TITLES_MALE
from corpus.first_names import FEMALE, STRICT_THRESHOLD, UNKNOWN, name_gender
from corpus.models import Entity, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# The evidence of one honorific or title outweighs a stray pronoun vote.
STRONG = 3

_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+$")


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
    ("Mr. Obama" read as "Michelle Obama") is another person of that name: no vote, unless the text says it
    again and again and never the other, of a first name given to both ("Mr. Graham" of Lindsey Graham)."""
    votes: dict[str, list[int]] = {}
    against: dict[str, list[int]] = {}  # the honorifics that disagree with the first name, by person
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
                against.setdefault(e.name, [0, 0])[g] += 1
                continue
            v[g] += STRONG
    for name, (m, f) in against.items():
        v = votes[name]
        if (
            min(m, f) == 0
            and max(m, f) >= 2
            and v == [0, 0]
            and name_gender(name.split()[0], STRICT_THRESHOLD) == UNKNOWN
        ):
            # "Mr. Graham" again and again, never "Ms.", after "Lindsey Graham" (a name given to men too): him
            v[0 if m else 1] += STRONG
    return votes


def apposition_votes(doc: Doc, entities: Sequence[Entity]) -> dict[str, list[int]]:
    """[male, female] votes from a gendered noun in apposition to, compounded with, or predicated
    of a name: "Jane Doe, a businesswoman", "the congresswoman, Jane Doe", "his wife Ann", "Doe
    is a mother of three"."""
    votes: dict[str, list[int]] = {}
    by_token: dict[int, Entity] = {}
    starts = token_at_char(doc)
    for e in entities:
        if e.label == "PERSON" and e.start in starts:
            i = starts[e.start]
            while i < len(doc) and doc[i].idx < e.end:
                by_token[i] = e
                i += 1
    for tok in doc_index(doc).gendered_nouns:
        lemma = tok.lower_
        if lemma not in TITLES_FEMALE and lemma not in TITLES_MALE or tok.i in by_token:
            continue  # a word of a name ("Jemal Countess") is no noun (titles opening one: honorific_votes)
        related = [tok.head] if tok.dep_ in ("appos", "compound") else []
        if any(c.lower_ == "whose" for c in tok.children):
            related = []  # "Ana Ruiz, whose husband, …": the husband is someone else, not Ana Ruiz
        # a name compounded before the noun modifies it ("Ruiz campaign spokeswoman Ann Lee": Lee is the
        # spokeswoman, not Ruiz); one after it, or in apposition, is the person ("his wife, Ann")
        related += [c for c in tok.children if c.dep_ == "appos" or c.dep_ == "compound" and c.i > tok.i]
        if tok.dep_ == "attr" and not _unreal(tok.head):  # "Okafor is the company's chairwoman": the subject
            related += [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        for other in related:
            person = by_token.get(other.i)
            if person is None or _across_a_list(tok, other):
                continue
            v = votes.setdefault(person.name, [0, 0])
            v[1 if lemma in TITLES_FEMALE else 0] += STRONG
    return votes


def _unreal(copula: Token) -> bool:
    """Whether a copula predicates nothing of its subject: negated ("Ruiz is not a businesswoman"), or
    supposed ("if Ruiz were a man", "as though she were a mother to them", "Ruiz would be a great
    chairwoman")."""
    children = list(copula.children)
    if any(c.dep_ == "neg" for c in children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "though", "whether") for c in children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "should", "'d", "’d") for c in children):
        return True
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    # "were" after a singular subject is the subjunctive of something untrue ("she wished he were a father")
    return copula.lower_ == "were" and subject is not None and subject.tag_ in ("NNP", "NN")


def _across_a_list(noun: Token, name: Token) -> bool:
    """An apposition the parse hung on the first of several names ("Bill Clinton and Melania
    Trump, Donald Trump's wife, …": the wife is the last one): which one it describes is unsure."""
    lo, hi = sorted((noun.i, name.i))
    return any(c.dep_ == "conj" and lo < c.i < hi for c in (name.children if name.i < noun.i else noun.children))


_PRONOUN_GENDER = {"he": 0, "him": 0, "his": 0, "himself": 0, "she": 1, "her": 1, "hers": 1, "herself": 1}


# Words between quotation marks inside an indirect or mixed quote ("called it “a disgrace”").
_MARKED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")


def own_words(spans: Iterable[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether a position is inside one of ``spans`` (someone's own words). Spans may overlap (a report
    inside a report, ``corpus.quotes.nesting``): they are merged first, so the last span starting before
    a position is the only one that can hold it."""
    ordered: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if ordered and a <= ordered[-1][1]:
            ordered[-1] = (ordered[-1][0], max(ordered[-1][1], b))
        else:
            ordered.append((a, b))
    starts = [a for a, _ in ordered]

    def in_quote(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and ordered[i][0] <= pos < ordered[i][1]

    return in_quote


def quoted_words(quotes: Sequence[Quote]) -> Callable[[int], bool]:
    """Whether a position is in someone's own words: a direct quote, or the part of an indirect or
    mixed one between quotation marks. A "he" there is about someone else; the rest of an
    indirect quote is the reporter's words ("Ford said he would not …")."""
    spans = []
    for q in quotes:
        if q.kind in ("indirect", "mixed"):
            spans += [(q.start + m.start(), q.start + m.end()) for m in _MARKED.finditer(q.text)]
        else:
            spans.append((q.start, q.end))
    return own_words(spans)


_OPENING_MARKS = "“\"‘'«"


def quoted_words_of_spans(text: str, spans: Iterable[tuple[int, int]]) -> Callable[[int], bool]:
    """``quoted_words`` for quotes known only by their spans (while attribution runs): a span that
    opens with a quotation mark is someone's own words throughout, any other only between marks."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if text[start : start + 1] in _OPENING_MARKS and start < end:
            out.append((start, end))
        else:
            out += [(m.start(), m.end()) for m in _MARKED.finditer(text, start, end)]
    return own_words(out)


#: What follows a surname to tell a son from his father ("Luther Pate IV", "Tom Ruiz Jr.").
_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def person_tokens(doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote] = ()) -> dict[int, str]:
    """Token index → the canonical name of the person it names: the tokens of PERSON entities; a
    speaker the attribution resolver named whose mention is a capitalised name the NER missed
    ("Navdeep Bains, Minister of …, said"); and a proper noun the NER left out that is the
    surname of exactly one full name of the article ("Lonechild said she …")."""
    out: dict[int, str] = {}
    tok_at = token_at_char(doc)
    owners: dict[str, set[str]] = {}

    def claim(start: int, end: int, name: str) -> None:
        i = tok_at.get(start)
        while i is not None and i < len(doc) and doc[i].idx < end:
            out.setdefault(i, name)
            i += 1

    for e in entities:
        if e.label == "PERSON":
            claim(e.start, e.end, e.name)
            words = [w for w in e.name.split() if w.lower().rstrip(".,") not in _GENERATIONS]
            if len(words) >= 2:  # "Luther Stan Pate IV" is "Pate"
                owners.setdefault(words[-1].lower(), set()).add(e.name)
    for q in quotes:
        words = q.speaker.text.split() if q.speaker is not None else []
        if q.speaker is not None and q.speaker_name and words and all(w[:1].isupper() for w in words):
            if words[0].lower() not in ("he", "she", "they", "i", "we", "it"):
                claim(q.speaker.start, q.speaker.end, q.speaker_name)
    for tok in doc_index(doc).proper_nouns:
        if tok.i not in out and not tok.ent_type_:
            names = owners.get(tok.lower_, set())
            if len(names) == 1:
                out[tok.i] = next(iter(names))
    return out


def clause_pronoun_votes(doc: Doc, in_quote: Callable[[int], bool], person_at: dict[int, str]) -> dict[str, list[int]]:
    """[male, female] votes from a possessive his/her or a himself/herself outside quotes whose
    clause has a person as its subject (an object him/her never is that person): "… arguments
    Meng could make to prevent her extradition", "Bains told his staff". Climbing from the
    pronoun to the verbs above it stops at a reported clause or a relative clause, where someone
    else may be meant ("X said her …" votes nothing); in a relative clause whose subject is
    "who", the person the clause describes is the subject ("Yoni Freedhoff, medical director of
    the institute, who writes on his blog")."""
    votes: dict[str, list[int]] = {}
    for tok in doc_index(doc).pronouns:
        g = _PRONOUN_GENDER.get(tok.lower_)
        if g is None or not (tok.dep_ == "poss" or tok.lower_.endswith("self")) or in_quote(tok.idx):
            continue  # an object "him"/"her" is never its own clause's subject ("Kelly confronted him")
        node = tok
        path: list[Token] = []
        for _ in range(8):
            if node.dep_ in ("ccomp", "relcl", "parataxis") or node.head.i == node.i:
                break
            node = node.head
            path.append(node)
            subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i]
            if subjects:
                subject = subjects[0]
                if subject.lower_ == "who" and node.dep_ == "relcl":
                    subject = _described_person(node.head, person_at) or subject
                name = person_at.get(subject.i)
                if name is not None and not in_quote(subject.idx) and not _named_on_the_way(path, name, person_at):
                    votes.setdefault(name, [0, 0])[g] += 1
                break
    return votes


def _named_on_the_way(path: list[Token], name: str, person_at: dict[int, str]) -> bool:
    """Whether a phrase between the possessive and its clause's subject names someone else as its modifier,
    whom the possessive may as well be: in "said Tom Ruiz, a Clinton campaign aide during her failed run" her
    is Clinton's ("aide" on the way up has "Clinton" before it); not "Kim switched places with Clark after her
    illness flared up", where Clark is no modifier on the way."""
    return any(
        c.dep_ in ("compound", "poss", "nmod") and person_at.get(c.i) not in (None, name)
        for node in path
        for c in node.children
    )


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


def add_votes(total: dict[str, list[int]], part: dict[str, list[int]]) -> None:
    for name, (m, f) in part.items():
        v = total.setdefault(name, [0, 0])
        v[0] += m
        v[1] += f
