"""Which of the article's people each he/she of the narration refers to (``PronounReading``),
and the text's gender evidence put together (``text_evidence``)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from corpus.coref.doc_index import doc_index, doc_text, token_at_char
from corpus.coref.gender_evidence import (
    add_votes,
    apposition_votes,
    clause_pronoun_votes,
    honorific_votes,
    person_tokens,
    quoted_words,
)
from corpus.coref.lexicon import (
    FEMALE_NOUNS,
    MALE_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    ROLE_NOUNS,
    TITLES_FEMALE,
    TITLES_MALE,
    animate_noun,
)
from corpus.coref.mentions import initialled_person_name, names_with_article, organisation_like, titled
from corpus.doc_tokens import DocTokens, doc_tokens, line_break_between
from corpus.first_names import AGREEMENT_THRESHOLD, FEMALE, NAME_THRESHOLD, STRICT_THRESHOLD, UNKNOWN, name_gender
from corpus.models import Entity, Quote
from corpus.quotes.verbs import reporting_verbs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class _Genders:
    """What is known of each person's gender while the text is read, for gender agreement: the
    text's strong evidence (honorifics, gendered nouns), else the he/she already taken to refer
    to them, else an unambiguous first name, else a first name given mostly to one gender, else
    the possessives of their clauses. 0 male, 1 female, None unknown.

    A possessive is the weakest evidence: "Sanders endorsed her challenger" is about someone
    else, and a "Bernie" (85% men) says more than one such "her"."""

    def __init__(
        self,
        strong: dict[str, list[int]],
        pronouns: dict[str, list[int]],
        possessives: dict[str, list[int]] | None = None,
    ) -> None:
        self.strong = strong
        self.pronouns = pronouns
        self.possessives = possessives or {}
        self._strict: dict[str, str] = {}  # name → its first name's gender at STRICT_THRESHOLD (asked often)

    def strict(self, name: str) -> str:
        """FEMALE/MALE for a full name whose first name is nearly never given to the other gender, else UNKNOWN."""
        found = self._strict.get(name)
        if found is None:
            words = name.split()
            found = self._strict[name] = name_gender(words[0], STRICT_THRESHOLD) if len(words) >= 2 else UNKNOWN
        return found

    def of(self, name: str, threshold: float = NAME_THRESHOLD) -> int | None:
        words = name.split()
        strict = self.strict(name)
        if strict != UNKNOWN:  # "Donald", "Michelle": a misread pronoun or a misparsed title does not outvote it
            return int(strict == FEMALE)
        said = self.text_says(name)
        if said is not None:
            return said
        g = name_gender(words[0], threshold) if len(words) >= 2 else UNKNOWN
        if g != UNKNOWN:
            return int(g == FEMALE)
        if len(words) >= 2 and name_gender(words[0], AGREEMENT_THRESHOLD) != UNKNOWN:
            return None  # a name given mostly to one gender outweighs a possessive, though it rules no one out
        votes = self.possessives.get(name)
        if votes and votes[0] != votes[1]:
            return 0 if votes[0] > votes[1] else 1
        return None

    def text_says(self, name: str) -> int | None:
        """The gender the text's titles, else its he/she, give ``name`` (None when they say nothing)."""
        for votes in (self.strong.get(name), self.pronouns.get(name)):
            if votes and votes[0] != votes[1]:
                return 0 if votes[0] > votes[1] else 1
        return None

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
    sentence: int
    ident: str  # the person's canonical name, or "#<token>" for a gendered noun
    gender: int | None  # a gendered noun's own gender (None for a name: see _Genders)
    subject: bool = False  # the subject of its clause
    main: bool = False  # the subject of a main clause, not of a reported or subordinate one
    depth: int = 0  # for a subject, how many words its clause hangs below (0: the root's own subject)
    possessor: bool = False  # the possessor of a subject ("Garcia's children persuaded him")
    in_passing: bool = False  # the possessor of anything else ("on Trudeau's watch"): no head of a phrase
    speaks: bool = False  # the subject of a verb of saying ("Ruiz said …", "…, he claimed")
    introduced: bool = False  # named with what they are ("accountant Tom Ruiz", "Ruiz, 50,"): brought in here
    embedded: bool = False  # named inside a clause set in another ("… ruled that doctors could treat Ana Ruiz")

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
    linked = _appositions(tok)
    linked += [c for c in tok.children if c.dep_ == "compound"]
    if any(t.i in person_at for t in linked):
        return None
    return 1 if low in TITLES_FEMALE else 0


def _appositions(tok: Token) -> list[Token]:
    """The phrases in apposition to ``tok``, and theirs in turn: "The other man, his cousin Tom Reyes,"
    sets Reyes beside "cousin" and "cousin" beside "man", so all three are one person."""
    out: list[Token] = []
    todo = [tok]
    while todo and len(out) < 6:
        t = todo.pop()
        near = [t.head] if t.dep_ == "appos" else []
        near += [c for c in t.children if c.dep_ == "appos"]
        for n in near:
            if n.i != tok.i and n not in out:
                out.append(n)
                todo.append(n)
    return out


def _candidates(doc: Doc, person_at: dict[int, str], in_quote: Callable[[int], bool]) -> list[_Candidate]:
    """The people and gendered nouns outside quotes, in text order (one per mention)."""
    paragraph_starts = _paragraph_starts(doc)
    index = doc_index(doc)
    sentence_starts = _sentence_starts(doc)
    out: list[_Candidate] = []
    # the tokens of names and the gendered nouns, in text order (a walk over the whole Doc costs more)
    # the offices the text writes as titles before a name ("Cardinal Tomas Varga"): a capitalised "the Cardinal"
    # is then that office, not a name; a capitalised office the text never puts before a name may be a name's end
    titles = {
        c.lower_
        for i in person_at
        for c in doc[i].children
        if c.dep_ == "compound" and c.pos_ == "PROPN" and c.lower_ in ROLE_NOUNS
    }
    described = {
        t.i
        for t in index.noun_subjects
        if (_role_described(t) and (t.pos_ == "NOUN" or t.lower_ in titles))
        or _someones_speaker(t, person_at)
        or unnamed_speaker(t, person_at)
    }
    for i in sorted(person_at.keys() | {t.i for t in index.gendered_nouns} | described):
        tok = doc[i]
        if in_quote(tok.idx):
            continue
        name = person_at.get(tok.i)
        clause_subject = _subject_of_clause(tok)
        subject = clause_subject is not None
        main = clause_subject is not None and _in_main_clause(clause_subject)
        depth = sum(1 for _ in clause_subject.ancestors) if clause_subject is not None else 0
        possessor = tok.dep_ == "poss" and tok.head.dep_ in ("nsubj", "nsubjpass")
        in_passing = tok.dep_ == "poss" and not possessor
        if name is not None and tok.i > 0 and person_at.get(tok.i - 1) == name and out:
            # the rest of a name already counted: "Doug Ford" is a subject by "Ford"
            if subject and clause_subject is not None:
                out[-1] = replace(out[-1], subject=True, main=main, depth=depth, speaks=_says(clause_subject))
            elif possessor:
                out[-1] = replace(out[-1], possessor=True)
            # its last word says how
            out[-1] = replace(out[-1], in_passing=in_passing, introduced=_introduced(tok), embedded=_embedded(tok))
            continue
        gender = None if name is not None else _gendered_noun(tok, person_at)
        if name is None and gender is None and i not in described:
            continue
        if name is not None and _modifies_a_noun(tok, name, person_at):
            continue
        paragraph = bisect.bisect_right(paragraph_starts, tok.idx) - 1
        sentence = bisect.bisect_right(sentence_starts, tok.idx) - 1
        ident = name if name is not None else f"#{tok.i}"
        speaks = clause_subject is not None and _says(clause_subject)
        out.append(
            _Candidate(
                tok.idx,
                paragraph,
                sentence,
                ident,
                gender,
                subject,
                main,
                depth,
                possessor,
                in_passing,
                speaks,
                _introduced(tok),
                _embedded(tok),
            )
        )
    return out


_SENTENCE_ENDS = frozenset(".!?:;\"'\u201d\u2019)\u2026")


def _closes(verb: Token) -> bool:
    """Whether the aside ``verb`` ("he said") closes what comes before it, as a report of all of it ("Ruiz
    has the same passion, he said"): not an aside followed by words of its own ("… rivals including, he
    claims, the mayor"; "(he once said there are …)"), nor one in parentheses, nor one deep in a clause."""
    doc = verb.doc
    if verb.left_edge.i > 0 and doc[verb.left_edge.i - 1].text in ("(", "["):
        return False
    for c in verb.children:
        if c.i > verb.i and c.dep_ in _OWN_WORDS and c.ent_type_ not in ("DATE", "TIME"):
            return False
    if verb.dep_ != "parataxis":
        return True
    own = range(verb.left_edge.i, verb.right_edge.i + 1)
    return all(t.i < verb.left_edge.i for t in verb.head.subtree if t.i not in own and not (t.is_punct or t.is_space))


# what a verb of saying says, when it comes after it
_OWN_WORDS = frozenset({"ccomp", "dobj", "npadvmod", "attr", "xcomp", "oprd", "dep"})


def _paragraph_starts(doc: Doc) -> list[int]:
    """Where the paragraphs start (after each run of line breaks), read once per Doc; callers only read it."""
    return doc_tokens(doc).derived("pronouns.paragraph_starts", _read_paragraph_starts)


def _read_paragraph_starts(table: DocTokens) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n+", doc_text(table.doc))]


def _sentence_starts(doc: Doc) -> list[int]:
    """Where the sentences start, as a reader sees them: the parser's sentences, joined where it split one
    with no punctuation between ("Ruiz told the programme Berg had refused …" read as two sentences, the
    second starting at "Berg"), so that a name in the reported clause does not pass for the subject of a
    sentence of its own. Read once per Doc; callers only read it."""
    return doc_tokens(doc).derived("pronouns.sentence_starts", _read_sentence_starts)


def _read_sentence_starts(table: DocTokens) -> list[int]:
    text = doc_text(table.doc)
    out: list[int] = []
    for start in doc_index(table.doc).sentence_starts:
        last = start  # the end of the text before the sentence, spaces and tabs left out
        while last > 0 and text[last - 1] in " \t":
            last -= 1
        if not out or last == 0 or text[last - 1] == "\n" or text[last - 1] in _SENTENCE_ENDS:
            out.append(start)
    return out


def _someones_speaker(tok: Token, person_at: dict[int, str]) -> bool:
    """Whether a subject of a verb of saying is someone unnamed who speaks for a named person ("Ruiz's
    official spokesman said", "a spokesman for Ruiz said", "Ruiz's lawyer told the court"): the one a "he
    added" after it goes on from, not the person named in passing as the possessor. Not an office the text
    gives a name ("Ruiz's deputy, Ana Berg, said": Berg)."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not _says(tok):
        return False
    lemma = tok.lemma_.lower()
    if lemma not in PERSON_NOUNS or lemma in ROLE_NOUNS:
        return False
    if not any(t.i in person_at for t in _whose(tok)):
        return False
    linked = _appositions(tok) + [c for c in tok.children if c.dep_ == "compound"]
    return not any(t.i in person_at for t in linked)


def unnamed_speaker(tok: Token, person_at: dict[int, str]) -> bool:
    """Whether a subject of a verb of saying brings in someone the text leaves unnamed, by an indefinite
    description ("One California delegate said he tried …", "A senior aide told reporters …"): the one a
    "he said" after it goes on from, not the last person named. Not one given a name ("a delegate, Tom Ruiz,"),
    whether or not the NER made a person of it."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.dep_ != "nsubj" or not _someone(tok):
        return False
    if tok.lemma_.lower() in ORG_NOUNS or tok.lemma_.lower() in _COLLECTIVE_NOUNS:
        return False  # "a group dressed in T-shirts marched …": many, whom no he/she takes up
    if not _says(tok) and not _in_main_clause(tok):
        return False  # "A 29-year-old woman received probation after …": the sentence's own subject, too
    if not _a_persons_noun(tok) and (
        not _says(tok) or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    ):
        # a noun only its ending makes a person's ("A poster appeared …", "A number of residents complained …",
        # "A quarter of voters said …": a thing, or a share of many) brings in no one a he/she goes on from
        return False
    if any(_object_pronoun(c) for c in tok.head.children):
        return False  # "One protester shouted at him.": the he/she after it is more likely the one shouted at
    if not any(c.dep_ in ("det", "nummod") and c.lower_ in _INDEFINITE for c in tok.children):
        return False
    linked = _appositions(tok) + [c for c in tok.children if c.dep_ == "compound"]
    return not any(t.i in person_at or t.pos_ == "PROPN" and t.i > tok.i for t in linked)


_INDEFINITE = frozenset({"a", "an", "one", "another"})


def _a_persons_noun(noun: Token) -> bool:
    """A common noun the lexicon gives a person ("woman", "spokesman"), or one that ``animate_noun`` guesses from
    its ending and that holds a role at a named body; not a guess alone ("poster", "number", "quarter" end as
    "teacher" does)."""
    lemma = noun.lemma_.lower()
    if lemma in PERSON_NOUNS or lemma in MALE_NOUNS or lemma in FEMALE_NOUNS:
        return True
    # a role at a named body is a person's: "A reporter for Agence France-Presse", "a trader at Barclays"
    return animate_noun(lemma) and any(
        c.dep_ == "prep" and c.lower_ in ("for", "at", "with") and any(o.pos_ == "PROPN" for o in c.children)
        for c in noun.children
    )


def _object_pronoun(child: Token) -> bool:
    """A him/her the verb acts on, itself or through its preposition ("told him", "shouted at her")."""
    if child.dep_ in ("dobj", "dative") and child.lower_ in ("him", "her"):
        return True
    return child.dep_ == "prep" and any(o.dep_ == "pobj" and o.lower_ in ("him", "her") for o in child.children)


# singular nouns of many people (organisations are ``ORG_NOUNS``)
_COLLECTIVE_NOUNS = frozenset("crowd audience family couple public people staff delegation band gang mob".split())


def _whose(noun: Token) -> list[Token]:
    """Whose a person noun says its person is: its possessor ("Ruiz's spokesman") or a name that is all the
    object of its "for" ("a spokesman for Ana Ruiz"; not "spokesman for sport Ana Ruiz", her own title)."""
    return [c for c in noun.children if c.dep_ == "poss"] + spoken_for(noun)


def spoken_for(noun: Token) -> list[Token]:
    """The name that is the whole object of a "for" after ``noun`` ("a spokesman for Ana Ruiz": Ruiz)."""
    return [
        o
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "for"
        for o in c.children
        if o.dep_ == "pobj" and o.pos_ == "PROPN" and all(t.pos_ == "PROPN" or t.is_punct for t in o.subtree)
    ]


def _role_described(tok: Token) -> bool:
    """Whether a subject is one person described by the office the text gave them ("The Florida senator
    sought to calm his supporters."): someone a he/she after it continues, whoever the text named last."""
    return (
        (tok.pos_ == "NOUN" and tok.tag_ == "NN" or tok.pos_ == "PROPN" and tok.tag_ == "NNP")  # "the Cardinal"
        and tok.lemma_.lower() in ROLE_NOUNS
        and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
    )


def _co_arguments(pronoun: Token, person_at: dict[int, str]) -> set[str]:
    """The people named as the objects of the pronoun's own verb, whom the pronoun cannot be (a
    pronoun is free in its clause, Chomsky's principle B): in "he told Ruiz" or "she thanked Ruiz
    for …" the pronoun is not Ruiz. Not a name further down ("he said Ruiz was right")."""
    verb = pronoun.head
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")]
    objects += [o for c in verb.children if c.dep_ in ("prep", "dative") for o in c.children if o.dep_ == "pobj"]
    found = {person_at[o.i] for o in objects if o.i in person_at}
    return found | _adjunct_objects(pronoun, verb, person_at)


def _adjunct_objects(pronoun: Token, verb: Token, person_at: dict[int, str]) -> set[str]:
    """The people named as objects in a clause of the pronoun's verb that has no subject of its own, whose
    understood subject is the pronoun: in "Sitting beside Ruiz, he smiled" or "After meeting Ruiz he said …"
    the one who sits or meets is he, so he is not Ruiz (as in "he sat beside Ruiz")."""
    if pronoun.dep_ != "nsubj":
        return set()
    found: set[str] = set()
    for clause in verb.children:
        if clause.dep_ != "advcl" or clause.tag_ not in ("VBG", "VBN"):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
            continue  # "When Ruiz arrived, he …": a clause with its own subject
        objects = [c for c in clause.children if c.dep_ in ("dobj", "dative")]
        objects += [o for c in clause.children if c.dep_ in ("prep", "agent") for o in c.children if o.dep_ == "pobj"]
        objects += [  # "standing next to Ruiz": "next" carries the preposition
            o
            for a in clause.children
            if a.dep_ == "advmod"
            for c in a.children
            if c.dep_ == "prep"
            for o in c.children
            if o.dep_ == "pobj"
        ]
        found |= {person_at[o.i] for o in objects if o.i in person_at}
    return found


def _reported_by(
    pronoun: Token,
    verb: Token,
    person_at: dict[int, str],
    in_quote: Callable[[int], bool],
    described: Iterable[int] = (),
) -> set[str]:
    """The people named in the main clause of what the pronoun is reported to say: in "Ruiz would lead the
    campaign, he said" or "He said Ruiz would lead it" the one who says is, as a rule, not Ruiz (the report,
    put back under "he said", is in the pronoun's scope: Chomsky's principle C). Only a rule: news writes
    "Ruiz would fight on, he said" of Ruiz too, so the reading takes these people up when no one else is
    in reach. A name in a relative clause of the report, or in a clause it reports, is in it ("This is the record
    Ruiz must defend, he said"; "they could see Ruiz "coming in by the back door", he added"); not one in an
    adverbial clause inside the report ("When she saw Ruiz, she froze, he said"), nor one of
    the speaker's own quoted words, nor one of the narration before a quotation that the "he said" closes
    ("Ruiz ran through the rules: "…," he said" is Ruiz's)."""
    if pronoun.dep_ != "nsubj" or verb.lemma_.lower() not in reporting_verbs():
        return set()
    doc = verb.doc
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and (c.i > verb.i or _closes(verb))]
    own = range(verb.left_edge.i, verb.right_edge.i + 1)
    line_breaks = doc_tokens(doc).line_breaks  # the columns: no Token per word of the 400 around the verb
    breaks = line_breaks[bisect.bisect_left(line_breaks, verb.i - 200) : bisect.bisect_left(line_breaks, verb.i + 200)]
    lo = max((b for b in breaks if b < pronoun.i), default=-1)
    hi = min((b for b in breaks if b > verb.i), default=len(doc))
    if verb.dep_ == "parataxis" and verb.i > verb.head.i and _closes(verb):
        clauses.append(verb.head)  # "Ruiz has the same passion, he said": the parse hangs "he said" on the report
    found: set[str] = set()
    for clause in clauses:
        if clause.i < pronoun.i:
            last = pronoun.left_edge.i - 1
            while last > clause.i and doc[last].is_punct and not doc[last].is_quote:
                last -= 1
            if (doc[last].is_quote or in_quote(doc[last].idx)) and not _quotes_within(clause, last, in_quote):
                continue  # a quotation closes just before "he said": it is the report
        # a description anywhere in the report is not who says it either ("Ruiz backed Berg while the governor
        # was running, he said"): it is no name that news would use of the speaker in the report
        # (``described``: the tokens of the descriptions the reading counts as people; a subtree spans its edges)
        first, last_i = max(clause.left_edge.i, lo + 1), min(clause.right_edge.i, hi - 1)
        found |= {f"#{j}" for j in described if first <= j <= last_i and not in_quote(doc[j].idx)}
        todo = [clause]
        if clause.lemma_.lower() in reporting_verbs():
            # "Ruiz acknowledged the split, which was expected, he said": the clause is a report of its own,
            # whose subject is the reporter (the "he"), and whose words are not in it
            todo = [c for c in clause.children if c.dep_ not in ("nsubj", "nsubjpass", "ccomp") and c.i not in own]
        while todo:
            tok = todo.pop()
            if not lo < tok.i < hi:
                continue  # the parse ran the report on into another paragraph
            if tok.i in person_at and not in_quote(tok.idx):
                found.add(person_at[tok.i])
            todo += [
                c
                for c in tok.children
                if c.dep_ not in ("advcl", "acl", "parataxis") and (tok.i != verb.head.i or c.i not in own)
            ]
    return found


def _quotes_within(clause: Token, last: int, in_quote: Callable[[int], bool]) -> bool:
    """Whether the quotation that ends at token ``last`` is set inside the reported ``clause`` rather than
    being the whole report: in "Ruiz's plan was a "reckless gamble," he added" the clause's verb and subject
    stand before the marks, run on into them, and are reported too; in "Ruiz ran through the rules: "…," he
    said" (a parse that hangs the narration on the verb of saying) a colon sets the quotation apart, as a verb
    of saying before it does in "Ruiz weighed in, telling the radio, "…," he said". A comma alone does not:
    "Ruiz, with her record on trade, "is seen as a safe pair of hands," he said"."""
    doc = clause.doc
    k = last
    while k >= clause.left_edge.i and (doc[k].is_quote or in_quote(doc[k].idx)):
        k -= 1  # back to the last word before the quotation opens
    if k < clause.left_edge.i or clause.i > k:
        return False  # the clause's verb is inside the quotation: the quoted words are the report
    before = doc[clause.left_edge.i : k + 1]
    if any(t.text in (".", "!", "?", ";", ":") for t in before):
        return False
    if doc[k].is_punct and (doc[k].text != "," or any(t.lemma_.lower() in reporting_verbs() for t in before)):
        return False  # "…, telling Mic in an interview, "…," he said": the quotation is what "telling" reports
    return True


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _subject_of_clause(tok: Token) -> Token | None:
    """The subject token ``tok`` is, or names: itself when it is a subject; the noun it is in
        apposition to when that is a subject ("Mr. Ruiz's lawyer, Ana Berg, said …": Berg is who the
        clause is about, as much as if she were named without her role), as is the name it is given ("a
    nurse named Ana Ruiz said …"). None otherwise."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return tok
    if tok.dep_ == "ROOT" and any(c.dep_ == "acl" and c.tag_ in _FINITE_TAGS and c.i > tok.i for c in tok.children):
        # "Ana Ruiz, head of the union, called on Mr Berg to …" parsed as a noun phrase with "called" hung on
        # the name: a finite verb is no noun's modifier (that is "called", "named" as participles), so the
        # name is its subject
        return tok
    top = tok
    while top.dep_ == "appos" and top.head.i != top.i:  # "The other man, his cousin Tom Reyes, said …"
        top = top.head
    if top.i != tok.i and top.dep_ in ("nsubj", "nsubjpass"):
        return top
    named = tok.head  # "a worker named Ana Ruiz said …": the name the subject is given
    if tok.dep_ in ("oprd", "dobj") and named.dep_ == "acl" and named.lemma_ in ("name", "call"):
        if named.head.dep_ in ("nsubj", "nsubjpass"):
            return named.head
    return None


def _modifies_a_noun(first: Token, name: str, person_at: dict[int, str]) -> bool:
    """Whether the name that starts at ``first`` modifies a noun ("the Kinder Morgan pipeline", "the
    Ruiz campaign"): it names a thing of theirs, not someone a he/she takes up."""
    doc = first.doc
    last = first.i
    while last + 1 < len(doc) and person_at.get(last + 1) == name:
        last += 1
    return doc[last].dep_ == "compound" and doc[last].head.pos_ == "NOUN"


# Clauses inside another (what someone said or thought, why or when, which or who) and clauses
# joined to the first by "and"/"but": the subject of the first clause is the sentence's centre.
_EMBEDDED = frozenset({"ccomp", "advcl", "relcl", "acl", "xcomp", "csubj", "pcomp", "conj"})


def _in_main_clause(subject: Token) -> bool:
    """Whether ``subject`` is the subject of a sentence's main clause: in "Babcock said Trump is his
    third choice" Babcock is, Trump (the subject of what Babcock said) is not; in "Lopez welcomed
    the nurses, and Walsh handed out the schedules" Lopez is."""
    node = subject.head
    for _ in range(12):
        if node.dep_ in _EMBEDDED:
            return False
        if node.head.i == node.i:
            return True
        node = node.head
    return False


def _antecedent_people(doc: Doc, person_at: dict[int, str], not_people: Container[str] = ()) -> dict[int, str]:
    """The person tokens a he/she may take up: names that look like a person's ("Hermenegildo
    Galeana Street" does not), and of one-word names only those the article makes a subject or
    gives a title somewhere ("President Obama"); a lone capitalised word the model called a person
    and nothing else supports ("I love Oreos", "Conceding that …") is more often its mistake, and
    so is a name the article elsewhere tags as a place or an organisation (``not_people``) and a
    hashtag or a handle."""
    text = doc_text(doc)
    # a hashtag or a handle ("#Justdoit", "@JaneDoe") names no one the text refers back to
    tagged = {name for i, name in person_at.items() if i > 0 and doc[i - 1].text in ("#", "@")}
    tagged |= {name for i, name in person_at.items() if doc[i].text[:1] in ("#", "@")}
    confirmed = {
        name for i, name in person_at.items() if _subject_of_clause(doc[i]) is not None or titled(text, doc[i].idx)
    }
    return {
        i: name
        for i, name in person_at.items()
        if initialled_person_name(name)
        and not organisation_like(name)
        and (" " in name.strip() or name in confirmed)
        and name not in not_people
        and name not in tagged
    }


_PLACES_AND_ORGANISATIONS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})
_UNTRACKED = "?"  # a subject that is someone or something other than the article's people


def _subject_above(pronoun: Token, person_at: dict[int, str], *, after: bool) -> str | None:
    """The subject of the nearest clause above the pronoun that has one before it (or, with
    ``after``, after it): the person's name; ``_UNTRACKED`` when it is a noun or a name that is
    none of the article's people ("The minister said he …": the minister); None when there is
    none or it is a pronoun, or a thing before it that no he/she could be ("the district",
    "states"): the pronoun is left to the discourse."""
    node = pronoun
    for _ in range(8):
        if node.head.i == node.i or node.dep_ in ("conj", "parataxis"):
            # a clause joined by "and"/"but" has its own subject, bound by no other; so has a parenthetical
            # "he noted" in "States are called alphabetically, he noted": the man who spoke, not the states
            return None
        below, node = node, node.head
        controller = object_controller(below, node) if not after else None
        if controller is not None:
            # "Lord Smith challenged Mr Brown to deny reports that he …": who denies is Brown, the object
            if controller.i in person_at:
                return person_at[controller.i]
            if controller.pos_ == "PRON":
                return None  # "urged him to say whether he …": whoever "him" is, left to the discourse
            if _someone_or_named(controller):
                return _UNTRACKED
            # "forced the plan to fail": a thing is no one a he/she takes up; the subject above still binds
        subjects = [
            c
            for c in node.children
            if c.dep_ in ("nsubj", "nsubjpass")
            and c.i != below.i  # not the subject the pronoun is part of ("her statement read")
            and (c.i > pronoun.i if after else c.i < pronoun.i)
        ]
        if subjects:
            subject = subjects[0]
            if line_break_between(pronoun, subject):
                # the parse ran a sentence on into the next paragraph (a quotation closing one, "said Ruiz"
                # opening the other): a subject there is in another sentence, and binds nothing here
                return None
            if subject.i in person_at:
                return person_at[subject.i]
            if not after and subject.pos_ == "NOUN" and not _someone(subject):
                return None  # "the district saw …, which he said …": no one a he/she could be, so no binder
            return _UNTRACKED if subject.pos_ in ("NOUN", "PROPN") else None
    return None


# Verbs that hand their infinitive to their object (object control): "challenged Mr Brown to deny …", "urged
# the minister to say …". Not a verb whose infinitive may be a purpose ("she called Ruiz to congratulate him":
# she congratulates) or whose subject keeps it ("promised Ruiz to …").
_OBJECT_CONTROL = frozenset(
    """challenge dare urge ask press pressure implore beg invite persuade encourage force order instruct tell
    warn advise remind prompt compel push""".split()
)


def object_controller(clause: Token, verb: Token) -> Token | None:
    """The object of ``verb`` that is the understood subject of its infinitive ``clause``: in "Lord Smith
    challenged Mr Brown to deny reports that he …" or "urged the minister to say whether she …" whoever denies
    or says is the one challenged or urged (object control), so a he/she inside the infinitive's clause goes on
    from the object, not from the subject of "challenged". "called on Ruiz to …" likewise. None for another
    clause, a verb with no such object, or one not of ``_OBJECT_CONTROL`` ("called Ruiz to congratulate him")."""
    if clause.dep_ != "xcomp" or clause.tag_ != "VB" or verb.pos_ != "VERB":
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return None
    if verb.lemma_.lower() not in _OBJECT_CONTROL and verb.lemma_.lower() != "call":
        return None
    for c in verb.children:
        if c.i > clause.i:
            break
        if c.dep_ == "dobj" and verb.lemma_.lower() != "call":
            return c
        if c.dep_ == "prep" and c.lower_ == "on" and verb.lemma_.lower() == "call":
            return next((o for o in c.children if o.dep_ == "pobj"), None)
    return None


def _someone_or_named(noun: Token) -> bool:
    """A proper noun, or a common noun that names people (``_someone``)."""
    return noun.pos_ == "PROPN" or _someone(noun)


def _reporting_aside(pronoun: Token) -> bool:
    """The pronoun is the subject of a verb of saying set in the middle of what it reports ("since, he said,
    the average Bobby …"): the parse hangs such an aside on the reported clause."""
    verb = pronoun.head
    return pronoun.dep_ == "nsubj" and verb.dep_ == "parataxis" and verb.lemma_.lower() in reporting_verbs()


def _someone(noun: Token) -> bool:
    """Whether a common noun names people ("the minister", "his wife", "officials", "the
    demonstrators", "the union"), not things ("the district", "states", "the poll"), which no
    he/she in their clause could be bound to."""
    lemma = noun.lemma_.lower()
    return lemma in PERSON_NOUNS or noun.lower_ in TITLES_FEMALE or noun.lower_ in TITLES_MALE or animate_noun(lemma)


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

    def __init__(
        self, doc: Doc, in_quote: Callable[[int], bool], person_at: dict[int, str], not_people: Container[str] = ()
    ) -> None:
        self.doc = doc
        self.in_quote = in_quote
        self.person_at = _antecedent_people(doc, person_at, not_people)
        self.candidates = _candidates(doc, self.person_at, self.in_quote)
        self.positions = [c.pos for c in self.candidates]
        # the tokens of the descriptions among them ("the senator", "his wife")
        self.described_tokens = [int(c.ident[1:]) for c in self.candidates if c.ident.startswith("#")]
        self.paragraph_starts = _paragraph_starts(doc)
        self.sentence_starts = _sentence_starts(doc)
        # the he/she/his/her of the text, found once for both readings (``votes``)
        self.pronouns = [tok for tok in doc_index(doc).pronouns if tok.lower_ in ("he", "she", "his", "her")]
        # the he/she read so far, as subject mentions of their person (a chain continues its centre)
        self.chain: list[_Candidate] = []
        # pronouns read as someone other than the article's named people, or as one of several
        self.elsewhere: set[int] = set()
        # pronouns bound by a guess between several people (the last subject): a reader with a
        # finer model of salience may know better (``ArticleReading.pronouns`` leaves them out)
        self.guessed: set[int] = set()
        # pronouns that continue a subject described by an office ("The senator sought …. He said …"): pronoun
        # position → the description's token, for a reader who knows who holds the office
        self.described: dict[int, int] = {}
        # of those, the people the pronoun cannot be (named in the description's clause or in its own)
        self.excluded: dict[int, frozenset[str]] = {}
        # what the parse alone says of each pronoun, the same in both readings (``votes`` runs twice): read once
        self._subjects_above: dict[tuple[bool, int], str | None] = {}
        self._not_antecedents_of: dict[int, tuple[frozenset[str], frozenset[str]]] = {}

    def votes(self, genders: _Genders, *, learn: bool = False) -> dict[int, tuple[str, int]]:
        """Pronoun position → (person, 0 male / 1 female). Agreement uses ``genders``; with
        ``learn`` each pronoun read adds to it, so that after "he" went to a man the "she"
        beside him goes to the woman."""
        out: dict[int, tuple[str, int]] = {}
        self.elsewhere = set()
        self.guessed = set()
        self.described = {}
        self.excluded = {}
        self.chain = []
        for tok in self.pronouns:
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
                if tok.idx in self.described and tok.dep_ in ("nsubj", "nsubjpass"):
                    # "The Tory leader said … . He urged the chancellor …": the chain goes on from the office
                    self._continue_chain(tok, f"#{self.described[tok.idx]}")
            elif found is not None:
                out[tok.idx] = (found, g)
                if tok.dep_ in ("nsubj", "nsubjpass"):
                    self._continue_chain(tok, found)
                if learn:
                    genders.pronouns.setdefault(found, [0, 0])[g] += 1
        return out

    def _continue_chain(self, pronoun: Token, ident: str) -> None:
        """Count a subject he/she as a mention of whom it took up (``ident``), ranked as a subject is: by its
        clause, and by how deep that clause hangs ("He urged the chancellor to admit he had …": the first he)."""
        paragraph = bisect.bisect_right(self.paragraph_starts, pronoun.idx) - 1
        sentence = self._sentence_at(pronoun.idx)
        main = _in_main_clause(pronoun)
        depth = sum(1 for _ in pronoun.ancestors)
        says = _says(pronoun)
        self.chain.append(_Candidate(pronoun.idx, paragraph, sentence, ident, None, True, main, depth, speaks=says))

    def _named_beside(self, subject: Token) -> set[str]:
        """The people named in the clause of ``subject`` outside the subject itself, whom it cannot be (its
        clause is in its scope): not a name inside its own phrase ("the judge Ruiz appointed"), nor the one a
        copula makes it ("The new judge is Ana Ruiz")."""
        clause = subject.head
        own = {t.i for t in subject.subtree}
        if clause.lemma_ == "be":
            own |= {t.i for c in clause.children if c.dep_ == "attr" for t in c.subtree}
        return {
            self.person_at[t.i]
            for t in clause.subtree
            if t.i in self.person_at and t.i not in own and not self.in_quote(t.idx)
        }

    def _sentence_at(self, pos: int) -> int:
        return bisect.bisect_right(self.sentence_starts, pos) - 1

    def _opening_possessive(self, tok: Token) -> bool:
        """A his/her that opens the subject of a clause no subject above binds ("His comments
        come days after …"): it continues the centre of attention as a he/she would. (One bound
        by a subject above is ``clause_pronoun_votes``'s.)"""
        return (
            tok.lower_ in ("his", "her")
            and tok.dep_ == "poss"
            and tok.head.dep_ in ("nsubj", "nsubjpass")
            and self._subject_above(tok, after=False) is None
        )

    def _subject_above(self, tok: Token, *, after: bool) -> str | None:
        """``_subject_above`` of the pronoun ``tok``, read once per pronoun (``votes`` reads each twice)."""
        key = (after, tok.i)
        if key not in self._subjects_above:
            self._subjects_above[key] = _subject_above(tok, self.person_at, after=after)
        return self._subjects_above[key]

    def _not_antecedents(self, tok: Token) -> tuple[frozenset[str], frozenset[str]]:
        """(``_co_arguments``, ``_reported_by``) of the pronoun ``tok``, read once per pronoun (``votes`` reads
        each twice); callers only read them."""
        found = self._not_antecedents_of.get(tok.i)
        if found is None:
            others = frozenset(_co_arguments(tok, self.person_at))
            reported = frozenset(_reported_by(tok, tok.head, self.person_at, self.in_quote, self.described_tokens))
            found = self._not_antecedents_of[tok.i] = (others, reported)
        return found

    def antecedent(self, tok: Token, g: int, genders: _Genders) -> str | None:
        """The person's name; ``_UNTRACKED`` when the pronoun is someone unnamed or an
        incompatible subject's, or could be any of several; None when no one is in reach."""
        # "…, which Churchill dropped since, he said, the average Bobby could not be trusted": who says is never
        # the subject of what they are reported to say after the aside
        ahead = None if _reporting_aside(tok) else self._subject_above(tok, after=True)
        if ahead is not None:
            return ahead if ahead == _UNTRACKED or genders.compatible(ahead, g) else _UNTRACKED
        binder = self._subject_above(tok, after=False)
        if binder == _UNTRACKED or binder is not None and genders.compatible(binder, g):
            return binder
        here = bisect.bisect_right(self.paragraph_starts, tok.idx) - 1
        before = self.candidates[: bisect.bisect_left(self.positions, tok.idx)]
        before = sorted(before + [c for c in self.chain if c.pos < tok.idx], key=lambda c: c.pos)
        co_arguments, reported_by = self._not_antecedents(tok)
        others = set(co_arguments)
        reported = reported_by - others
        if reported and not any(
            (c.paragraph == here or here - c.paragraph <= PARAGRAPHS_BACK and c.subject) and c.fits(g, genders)
            for c in before
            if c.ident not in others | reported
        ):
            # no one else of its paragraph, nor the subject of one in the paragraph before (a man named there only
            # as an object is no one a "he said" goes on from): news writes "Ruiz would fight on, he said" of Ruiz
            reported = frozenset()
        others |= reported
        spoken_of = _third_person_quoted_before(tok, self.in_quote)
        if spoken_of is not None:
            # "“The primary has moved him,” he said" after "forcing Sanders to reverse …": the man the quote speaks
            # of, named last before it (as no subject), is not who speaks it
            last = next((c for c in reversed(before) if c.pos < spoken_of and c.fits(g, genders)), None)
            if last is not None and not last.subject and last.ident not in others:
                others = others | {last.ident}
        pool: list[_Candidate] = []
        for paragraph in range(here, here - 1 - PARAGRAPHS_BACK, -1):
            pool = [c for c in before if c.paragraph == paragraph and c.fits(g, genders) and c.ident not in others]
            if pool:
                break
        if not pool:
            # no one of its gender in reach: someone of its paragraph only a first name says is not
            pool = [c for c in before if c.paragraph == here and c.ident not in others]
            pool = [c for c in pool if _named_against(c, g, genders)]
            if not pool:
                return None
        elif len({c.ident for c in pool}) > 1:
            pool = [c for c in pool if c.gender is not None or genders.likely(c.ident, g)]
        if len({c.ident for c in pool}) > 1:
            pool = [_centre(pool, reports=_says(tok), earlier=before)]
            self.guessed.add(tok.idx)
        fits = {c.ident for c in pool}
        name = fits.pop() if len(fits) == 1 else _UNTRACKED
        if name.startswith("#") and (
            pool[-1].gender is None or unnamed_speaker(self.doc[int(name[1:])], self.person_at)
        ):
            # (a gendered noun, only when it brings in someone unnamed: "A 29-year-old woman received …")
            self.described[tok.idx] = int(name[1:])  # "the senator": someone the reader may know by office
            # whoever that is, it is no one named in the rest of the description's own clause ("The prime minister
            # … his relationship with Tom Berg"), nor in the pronoun's ("he insisted he still trusted Mr Berg")
            self.excluded[tok.idx] = frozenset(others | self._named_beside(self.doc[int(name[1:])]))
        return _UNTRACKED if name.startswith("#") else name


_THIRD_PERSON = {"he": frozenset({"he", "him", "his", "himself"}), "she": frozenset({"she", "her", "hers", "herself"})}


def _third_person_quoted_before(pronoun: Token, in_quote: Callable[[int], bool]) -> int | None:
    """Where the quotation a "he said" or "she said" closes starts, when its words speak of a he (or a she) in
    the third person: whoever speaks says "I" of themselves, so that he is someone else. None when no
    quotation ends right before the pronoun, or it speaks of no one so."""
    words = _THIRD_PERSON.get(pronoun.lower_)
    doc = pronoun.doc
    k = pronoun.i - 1
    while k >= 0 and (doc[k].is_punct or doc[k].is_space) and not in_quote(doc[k].idx):
        k -= 1  # the closing mark and comma
    if words is None or k < 0 or not in_quote(doc[k].idx):
        return None
    found = False
    while k >= 0 and (in_quote(doc[k].idx) or doc[k].is_quote):
        found = found or doc[k].lower_ in words
        k -= 1
    return doc[k + 1].idx if found else None


def _named_against(c: _Candidate, g: int, genders: _Genders) -> bool:
    """Whether only the first name's likelihood, not the text, says the person ``c`` is not of gender
    ``g``: a "she" that follows "Marty Walz approaches it differently." in a paragraph naming no woman is
    Marty Walz (a name 8% of whose bearers are women), as no reader doubts; not a "Donald" or a
    "Michelle" (``STRICT_THRESHOLD``), nor anyone the titles or the he/she read so far give a gender."""
    return c.gender is None and genders.strict(c.ident) == UNKNOWN and genders.text_says(c.ident) in (None, g)


def _embedded(tok: Token) -> bool:
    """Whether ``tok`` is inside a clause set in another (what someone said or ruled, when or which): "… when a
    court ruled that doctors could withdraw treatment from Ana Ruiz" names Ruiz only as part of the ruling."""
    return any(a.dep_ in ("ccomp", "advcl", "relcl") for a in tok.ancestors)


def _introduced(tok: Token) -> bool:
    """Whether the name ending at ``tok`` comes with what the person is, as when the text brings them in: a
    common noun before it ("accountant Tom Ruiz") or a phrase in apposition ("Ruiz, 50,", "Ruiz, a nurse,")."""
    return any(c.dep_ == "appos" or c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < tok.i for c in tok.children)


def _says(subject: Token) -> bool:
    """Whether ``subject`` is the subject of a verb of saying."""
    return subject.dep_ == "nsubj" and subject.head.lemma_.lower() in reporting_verbs()


def _centre(pool: Sequence[_Candidate], *, reports: bool = False, earlier: Sequence[_Candidate] = ()) -> _Candidate:
    """The centre of attention a subject pronoun continues (after centering theory), of several
    people who fit: the highest-ranked person of the last sentence that names one — the subject of
    its main clause; else the least embedded subject (a clause the parser hung below another, as
    when it runs two sentences together, still ranks below the one above it); else the possessor
    of a subject ("But Garcia's children persuaded him …": Garcia); else the last named, of those the
    sentence names outside its subordinate clauses when it names any there."""
    latest = max(c.sentence for c in pool)
    last = [c for c in pool if c.sentence == latest]
    known = {c.ident for c in earlier if c.sentence < latest}
    if reports and not any(
        c.subject or c.possessor or (c.introduced or c.ident not in known) and not c.embedded for c in last
    ):
        # a "he said" after a sentence that names its men only as objects, and men named before ("They could
        # picture Ruiz or Berg doing it. …, he said"), goes on from whoever of the paragraph was speaking; not
        # after a man brought in as an object ("… paid off for accountant Tom Ruiz. "…," he says": Ruiz), unless
        # only inside a clause set in another ("… when a court ruled that doctors could treat coma victim Tom
        # Ruiz. "…," he said": the one who spoke before)
        speakers = [c for c in pool if c.speaks]
        if speakers:
            return speakers[-1]
    if all(c.in_passing for c in last):
        # the last sentence names them only in passing, as the possessor of a phrase ("And it is on Trudeau's
        # watch, he went on, …"): the subject of the sentence before, whom a subject pronoun continues, when it
        # has one (a person the last sentence names as the head of a phrase, "results for Ana Ruiz, 50", is
        # what it is about)
        before = [c for c in pool if c.sentence == latest - 1 and (c.main or c.subject)]
        last = before or last
    main = [c for c in last if c.main]
    if main:
        return main[-1]
    subjects = [c for c in last if c.subject]
    if subjects:
        least = min(c.depth for c in subjects)
        return [c for c in subjects if c.depth == least][-1]
    possessors = [c for c in last if c.possessor]
    # else someone the sentence itself names, not one named inside a clause set in it: "Then there was the
    # editor Tom Berg, who, after trading insults with Ruiz, said …. "…," he said" is Berg
    heads = [c for c in last if not c.embedded and not c.in_passing]
    return (possessors or heads or last)[-1]


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


@dataclass(frozen=True, slots=True)
class _TextReading:
    titles: dict[str, list[int]]
    possessives: dict[str, list[int]]
    pronouns: dict[str, list[int]]
    genders: _Genders
    read: set[int]  # positions of the pronouns the reading settled (on someone, or on someone else)
    bound: dict[int, tuple[str, int]]  # position of a pronoun → (person, 0 male / 1 female)
    guessed: set[int]  # the bound pronouns whose person was a guess between several
    described: dict[int, int]  # pronouns that continue a description by office → its token
    excluded: dict[int, frozenset[str]]  # of those, the people they cannot be


def _mostly_not_people(entities: Sequence[Entity]) -> set[str]:
    """The names the NER tags as a place or an organisation somewhere ("Sandy Hook" once a place is a place);
    of lone words, only those it tags so at least as often as a person: a surname modifies an organisation's
    name ("the Sanders campaign", "Clinton Foundation") and so is tagged one now and then, and "Sanders" tagged
    a person nine times and an organisation five is the person the article is about."""
    counts: dict[str, int] = {}  # name → person tags minus place and organisation tags
    for e in entities:
        if e.label == "PERSON" or e.label in _PLACES_AND_ORGANISATIONS:
            key = e.text.strip()
            counts[key] = counts.get(key, 0) + (1 if e.label == "PERSON" else -1 if " " not in key else -1000)
    return {name for name, n in counts.items() if n <= 0}


def _read(
    doc: Doc, entities: Sequence[Entity], in_quote: Callable[[int], bool], person_at: dict[int, str]
) -> _TextReading:
    titles: dict[str, list[int]] = {}
    add_votes(titles, honorific_votes(entities, doc_text(doc)))
    add_votes(titles, apposition_votes(doc, entities))
    possessives = clause_pronoun_votes(doc, in_quote, person_at)
    # Two readings: the first knows genders from the titles, the possessives and the names, and
    # learns from each he/she as it goes; the second knows what the first made of all of them,
    # so that one pronoun misread early on does not decide how the rest are read.
    not_people = _mostly_not_people(entities) | names_with_article(doc_text(doc), entities)
    reading = PronounReading(doc, in_quote, person_at, not_people)
    learnt = _Genders(titles, {}, possessives)
    reading.votes(learnt, learn=True)
    genders = _Genders(titles, learnt.pronouns, possessives)
    bound = reading.votes(genders)
    pronouns: dict[str, list[int]] = {}
    for name, g in bound.values():
        pronouns.setdefault(name, [0, 0])[g] += 1
    read = set(bound) | reading.elsewhere
    return _TextReading(
        titles, possessives, pronouns, genders, read, bound, reading.guessed, reading.described, reading.excluded
    )


def text_evidence(doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote]) -> dict[str, dict[str, list[int]]]:
    """The text's [male, female] votes per canonical person name, by kind of evidence:
    ``titles`` (honorifics and gendered nouns), ``possessives`` (his/her in one's own clause),
    ``pronouns`` (he/she that take a person up) and ``speakers`` (the resolver's "…, she said")."""
    r = _read(doc, entities, quoted_words(quotes), person_tokens(doc, entities, quotes))
    return {
        "titles": r.titles,
        "possessives": r.possessives,
        "pronouns": r.pronouns,
        "speakers": pronoun_speaker_votes(quotes, r.genders, r.read),
    }


def text_votes(doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote]) -> dict[str, list[int]]:
    """All the text's [male, female] votes per canonical person name (``text_evidence`` summed)."""
    total: dict[str, list[int]] = {}
    for part in text_evidence(doc, entities, quotes).values():
        add_votes(total, part)
    return total


@dataclass(frozen=True, slots=True)
class ArticleReading:
    """What the text says of its people before any quote has a speaker: ``genders`` ("m"/"f" per
    person from honorifics, gendered nouns, possessives and the he/she bound to them) and
    ``pronouns`` (the character position of each he/she, or opening his/her, the reading bound by
    syntax or to the only person of its gender in reach → the person's name; where it had to
    guess between several, the resolver's salience decides)."""

    genders: dict[str, str]
    pronouns: dict[int, str]
    described: dict[int, int] = field(default_factory=dict)  # he/she → the office that describes its person
    excluded: dict[int, frozenset[str]] = field(default_factory=dict)  # of those, the people they cannot be


def read_article(
    doc: Doc, entities: Sequence[Entity], in_quote: Callable[[int], bool], unlabelled: Iterable[tuple[int, str]] = ()
) -> ArticleReading:
    """The reading the people of the article get (``text_evidence``), for the speaker resolver: one
    decision per pronoun, shared by the speaker a "she said" names and the gender it gives her.
    ``unlabelled``: (start, name) of people the entity model found that the NER missed ("Judge Ana
    Ruiz heard …"), each a run of proper nouns from ``start``."""
    person_at = person_tokens(doc, entities)
    tok_at = token_at_char(doc)
    for start, name in unlabelled:
        i = tok_at.get(start)
        if i is not None and i not in person_at:  # its first word, whatever the tagger made of it ("Fields said")
            person_at[i] = name
            i += 1
        while i is not None and i < len(doc) and doc[i].pos_ == "PROPN" and i not in person_at:
            person_at[i] = name
            i += 1
    r = _read(doc, entities, in_quote, person_at)
    totals: dict[str, list[int]] = {}
    for part in (r.titles, r.possessives, r.pronouns):
        add_votes(totals, part)
    genders = {name: "m" if m > f else "f" for name, (m, f) in totals.items() if m != f}
    return ArticleReading(genders, {pos: name for pos, (name, _) in r.bound.items()}, r.described, r.excluded)
