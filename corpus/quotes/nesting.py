"""Reports inside reports: when a quote's reported clause holds a report of its own, both are quotes.

"Ruiz said Tom Baker told her the budget would not survive" reports two speech acts: Ruiz's (the
whole clause after "said") and Baker's ("the budget would not survive"). "According to the coroner,
the driver told police he never saw the car" is the coroner's account of what the driver said; "Ruiz
said she met farmers who said they would sell their land" reports what the farmers said inside what
Ruiz said. The Gender Gap Tracker's annotators count both quotes of such a pair, each with its own
speaker.

An inner candidate nests in an outer one (``nests``) when:

- its span lies inside the outer span, its cue inside the outer content and outside quote marks (a
  report inside someone's own quoted words is part of what they said: "“They told us by text …,” she
  said" is one quote);
- its cue is no weak or question verb (``suggest``, ``predict``, ``ask``: a guess or a question, not a
  statement) and not the outer cue, and what it reports is a statement (``_reports_a_clause``): a
  quotation, or a clause with its own subject — not "called him a “chicken”", "proposed to dismantle …";
- it has a speaker of its own inside the outer content: a name, a group, a pronoun, a person or
  organisation noun — never the outer's subject again;
- its cue is the outer content itself or hangs on it through clauses only (``_reported_within``): the
  outer content's verb ("said [Baker told her …]"), a verb under it ("said [she heard the guards shout
  …]"), "according to" inside it, or a relative clause whose relative pronoun is its subject and whose
  antecedent is people ("farmers who said …"). A report in an adverbial clause ("the opposition is lying
  when they say …": the outer speaker judging a claim, not passing on a report) and a relative clause
  about a thing ("the plan he said was dead") do not nest.

Whether the inner speaker is the outer speaker again ("Ruiz said she told the board …": one person,
one statement) is only known once pronouns are resolved: attribution drops such an inner quote
(``same_speaker``).

PolNeAR (``polnear-train-comparable.jsonl``) cannot hold the inner quote of a pair: its annotation is
univocal, each token in one attribution at most, so the inner report is part of the outer content
there, neither gold nor an ``ignore`` span, and scores as a false positive (``bench/accuracy.py``
counts these as "spurious inside a pred").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.coref.lexicon import DOCUMENT_NOUNS, ORG_NOUNS, PERSON_NOUNS, PRONOUNS_NARRATOR, animate_noun
from corpus.models import name_tokens
from corpus.quotes.docinfo import CONTENT_DEPS, Candidate, DocInfo
from corpus.quotes.verbs import verbs_of_class

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Links from an inner cue up through the outer content: clauses under clauses, and their conjuncts.
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "conj"})
#: Links from a noun up to the verb of its clause (the antecedent of a relative clause that reports).
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "prep", "appos", "conj", "attr", "dative"})
MAX_PATH = 10  # tokens climbed from an inner cue to the outer one
_PEOPLE_ENTITIES = frozenset({"PERSON", "ORG", "NORP"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def speaker_like(subj: Token) -> bool:
    """``subj`` can be someone who speaks: a pronoun, a name, a group in the plural, a person,
    organisation or document noun ("a chip inside the cartridge tells the printer …" has none)."""
    return bool(
        subj.pos_ in ("PRON", "PROPN")
        or subj.ent_type_
        or subj.tag_ in ("NNS", "NNPS")
        or subj.lemma_.lower() in PERSON_NOUNS | ORG_NOUNS | DOCUMENT_NOUNS
    )


def _people(noun: Token) -> bool:
    """A name of a person, organisation or group, or a noun for people ("farmers", "the driver")."""
    return noun.ent_type_ in _PEOPLE_ENTITIES or noun.pos_ == "PROPN" or animate_noun(noun.lemma_.lower())


def _relative_subject(cue: Token) -> bool:
    """``cue`` heads a relative clause whose subject is its relative pronoun ("farmers who said …"), not a
    clause with a subject of its own about the antecedent ("the plan he said was dead")."""
    return any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in cue.children)


def _reports_a_clause(info: DocInfo, inner: Candidate) -> bool:
    """What the inner cue reports is a statement: a quotation beside it ("“…,” Walker said"), what
    "according to" frames, or a clause with a subject of its own ("told her [he had left]"). Not a noun
    phrase or an infinitive ("called him a “chicken”", "proposed to dismantle the law", "write a book"):
    those are things done, not reports; nor a clause whose subject is the gap of a relative clause
    ("attacks that Ruiz said [were planned]")."""
    cue = inner.cue
    if cue is None:
        return False
    if cue.lower_ == "according" or inner.kind == "direct":
        return True
    if inner.start < cue.idx:
        # reported words outside quote marks follow their verb inside a report ("after the storm came,
        # he told her that …": the time of the telling, not what was told)
        return False
    if inner.kind == "mixed" and inner.segs and info.segs[inner.segs[0]].start == inner.start:
        return True  # "shout “Get down!” as …": a quotation opens it (not "called Ruiz “weak”")
    return any(
        c.dep_ in CONTENT_DEPS and any(g.dep_ in _SUBJECT_DEPS for g in c.children) and inner.start <= c.idx < inner.end
        for c in cue.children
    )


def _reported_within(cue: Token, outer_cue: Token) -> bool:
    """``cue`` is part of what ``outer_cue`` reports, through clauses only (see the module)."""
    if outer_cue.lower_ == "according" and outer_cue.head.i == cue.i:
        return True  # "According to Z, X said Y": the frame hangs on the report it frames
    if outer_cue.i > cue.i and (
        outer_cue.head.i == cue.i
        and outer_cue.dep_ in ("ccomp", "advcl")
        or outer_cue.dep_ in ("conj", "acl", "parataxis")
        and any(a.i == cue.i for a in outer_cue.ancestors)
    ):
        # "X acknowledged that …, the Post reported": a closing cue the parser hung on the report it closes,
        # or on a word of it (``corpus.quotes.content_shapes.trailing_cue_pieces``)
        return True
    t = cue
    if t.dep_ == "relcl":
        if not (_relative_subject(t) and _people(t.head)):
            return False
        t = t.head
        for _ in range(MAX_PATH):  # from the antecedent up to the verb of its clause
            if t.pos_ in ("VERB", "AUX") or t.dep_ not in NOMINAL_DEPS:
                break
            t = t.head
    elif t.dep_ == "prep" and t.lower_ == "according":
        t = t.head  # "said that, according to the chief, the fire began …"
    for _ in range(MAX_PATH):
        if t.head.i == t.i:
            return False
        if t.head.i == outer_cue.i:
            return t.dep_ in CONTENT_DEPS or outer_cue.lower_ == "according"
        if t.dep_ not in CLAUSE_DEPS:
            return False
        t = t.head
    return False


def nests(info: DocInfo, inner: Candidate, outer: Candidate) -> bool:
    """``inner`` is a report inside ``outer``'s reported content (see the module); both are quotes."""
    cue, ocue, subj = inner.cue, outer.cue, inner.subject
    if cue is None or ocue is None or subj is None or cue.i == ocue.i:
        return False
    inside = outer.start <= inner.start and inner.end <= outer.end
    if not inside or inner.end - inner.start >= outer.end - outer.start:
        return False
    if info.tok_seg[cue.i] >= 0 or not outer.start <= cue.idx < outer.end:
        return False
    lemma = cue.lemma_.lower()
    if lemma in verbs_of_class("weak") or lemma in verbs_of_class("question"):
        return False  # a guess ("analysts predict …") or a question ("asked whether …"), no statement
    if outer.subject is not None and subj.i == outer.subject.i:
        return False
    if subj.lower_ in PRONOUNS_NARRATOR or info.tok_seg[subj.i] >= 0 or not (speaker_like(subj) or _people(subj)):
        return False
    if not outer.start <= subj.idx < outer.end:
        return False
    return _reports_a_clause(info, inner) and _reported_within(cue, ocue)


def same_speaker(inner_name: str | None, outer_name: str | None) -> bool:
    """The inner report's speaker is the outer one's ("Ruiz said she told the board …"), or nobody: no
    second quote then. Names are compared as the metric does (one's tokens among the other's)."""
    if not inner_name:
        return True
    if not outer_name:
        return False
    a, b = _name_words(inner_name), _name_words(outer_name)
    return bool(a) and bool(b) and (a <= b or b <= a)


def _name_words(name: str) -> set[str]:
    """The words of a resolved name that name ("Trump" of "Trump at the time"), folded; all its words
    when none is capitalised ("the coroner")."""
    capitalised = " ".join(w for w in name.split() if w[:1].isupper())
    return set(name_tokens(capitalised or name))


__all__ = ["nests", "same_speaker", "speaker_like"]
