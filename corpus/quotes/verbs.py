"""The curated reporting verbs (``corpus/data/reporting_verbs.txt``), by lemma, with their classes, and
whether a token is one used as a report."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

VERBS_FILE = Path(__file__).resolve().parent.parent / "data" / "reporting_verbs.txt"
VERB_CLASSES = frozenset({"weak", "question", "quoted"})


@lru_cache(maxsize=4)
def verb_classes(path: str | None = None) -> dict[str, frozenset[str]]:
    """Lemma (lower case) → its classes (``weak``, ``question``, ``quoted``; see the data file).
    ``#`` comments and blank lines are ignored; an unknown class is an error naming the file and line."""
    source = Path(path or VERBS_FILE)
    out: dict[str, frozenset[str]] = {}
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        words = line.split("#", 1)[0].lower().split()
        if not words:
            continue
        unknown = set(words[1:]) - VERB_CLASSES
        if unknown:
            raise ValueError(f"{source}:{number}: unknown verb class {', '.join(sorted(unknown))}")
        out[words[0]] = frozenset(words[1:])
    return out


@lru_cache(maxsize=4)
def reporting_verbs(path: str | None = None) -> frozenset[str]:
    """Every listed lemma, lower case."""
    return frozenset(verb_classes(path))


@lru_cache(maxsize=16)
def verbs_of_class(name: str, path: str | None = None) -> frozenset[str]:
    """The lemmas of one class."""
    return frozenset(lemma for lemma, classes in verb_classes(path).items() if name in classes)


def is_cue(tok: Token, verbs: frozenset[str]) -> bool:
    """``tok`` is a verb whose lemma is one of ``verbs``."""
    return tok.lemma_.lower() in verbs and (tok.pos_ == "VERB" or tok.tag_.startswith("VB"))


def contracted_perfect_subject(tok: Token) -> Token | None:
    """The subject of "he's said …" (he has said), which the parser reads as a passive ("he is said"): a
    contracted "'s" taken for the passive auxiliary before a verb it tags as a past tense (VBD, not the
    participle of a real passive), with a subject other than the "it" of "it's said that …"."""
    if tok.tag_ != "VBD":
        return None
    if not any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in tok.children):
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
    if subj is None or subj.lower_ == "it":
        return None
    return subj


def is_reporting_use(tok: Token) -> bool:
    """Not negated ("would not say"; the "not" of an answer before it, "“Absolutely not,” he said", is no
    negation of the verb), not passive ("was told"), not conditional ("if she feels")."""
    if contracted_perfect_subject(tok) is not None:
        passive_aux = False  # "he's said …": an active perfect the parser took for a passive
    else:
        passive_aux = True
    passive = False
    doc = tok.doc
    for c in tok.children:
        if c.dep_ == "neg":
            if c.i < tok.i and any(doc[j].is_punct for j in range(c.i + 1, tok.i)):
                continue  # "“Absolutely not,” he said": the answer's "not", set off from the verb
            return False
        if c.dep_ in ("auxpass", "nsubjpass") and passive_aux:
            passive = True
        if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
            return False
    if passive and not any(c.dep_ == "agent" for c in tok.children):
        return False
    return True


__all__ = [
    "VERBS_FILE",
    "VERB_CLASSES",
    "contracted_perfect_subject",
    "is_cue",
    "is_reporting_use",
    "reporting_verbs",
    "verb_classes",
    "verbs_of_class",
]
