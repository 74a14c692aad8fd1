"""Interview transcripts: a paragraph that opens with a speaker label is that speaker's turn.

    TAPPER: Do you think he has campaigned as a healer?
    FALLIN: I think he is trying to. I think that has been part of his message.
    Q: What did you find?
    A: I came home from school and my parents were gone.

The turn (the rest of the paragraph) is a quote of the labelled speaker when it
holds a clause. A label is a person's name, checked against the article itself:
a name the model tags as a person, or the surname of a person the article names
elsewhere ("TAPPER" after "Jake Tapper"). "Q" and "A" are labels only in an
article that has both, as interviews do; when the introduction before the
first turn says who talked to whom ("The Herald spoke to Jane Doe", "Ana Ruiz
interviewed the coach, Tom Adeyemi", "In an interview with Jane Doe, …"; "Doe
spoke with reporter Ana Ruiz": the reporter asks), the
"A" turns are the interviewee's and the "Q" turns the interviewer's (a person
or an outlet); otherwise they stay "A" and "Q". Section headings ("UPDATE:",
"CORRECTION:", "KEEPING SCORE:", "Iowa:") name nobody and are no labels; a
headline in that form ("Ruiz: Budget Is ‘Dead On Arrival’", the text's first
line) is a title, not a turn. A transcript set in quote marks opens each turn with
the mark before the label ("“TAPPER: Do you think …"): the label is read the same.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from corpus.first_names import is_known_first_name
from corpus.quotes.docinfo import MIN_FLOATING_WORDS, Candidate, DocInfo, classify, trim
from corpus.quotes.label_words import name_start

if TYPE_CHECKING:
    from spacy.tokens import Token

#: A paragraph's opening label: up to four capitalised words (or Q / A) and a colon.
_LABEL = re.compile(
    r"(?m)^[ \t]*(?:[\"“][ \t]*)?(?P<label>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})[ \t]*:[ \t]+(?=\S)"
)
_INTERVIEW = ("Q", "A")
_FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")


def _person_surnames(info: DocInfo) -> set[str]:
    """Case-folded last words of the people the model finds in the article."""
    return {ent[-1].lower_ for ent in info.doc.ents if ent.label_ == "PERSON" and len(ent) >= 1}


def _names_person(tokens: list[Token], surnames: set[str]) -> bool:
    """The label is a person's name: tagged as one, or its last word is the surname of a person named
    in the article (transcripts set "TAPPER:" in capitals, which the model does not tag)."""
    if not tokens or any(t.ent_type_ in _NOT_PEOPLE or t.tag_ == "POS" for t in tokens):
        return False  # a place or a date ("Iowa:"), or a possessive ("Editor's Note:")
    if all(t.ent_type_ == "PERSON" for t in tokens):
        return True
    if any(t.ent_type_ and t.ent_type_ != "PERSON" for t in tokens) and not all(t.text.isupper() for t in tokens):
        return False  # "Clinton Foundation:": a name the model tags as something else, in ordinary case
    # a label in capitals ("FALLIN:") the model takes for an acronym or an organisation names a person
    # when it is the surname of someone the article names
    return tokens[-1].lower_ in surnames


#: Entity labels of what never takes a turn: places, times, works, laws, amounts.
_NOT_PEOPLE = frozenset(
    {"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "MONEY", "PERCENT", "QUANTITY"}
)


def _label_tokens(info: DocInfo, m: re.Match[str]) -> list[Token]:
    lo, hi = info.token_at(m.start("label")), info.token_at(m.end("label") - 1)
    return list(info.doc[lo : hi + 1])


def _person_labels(info: DocInfo, matches: list[re.Match[str]]) -> set[int]:
    """Start offsets of the labels (not Q/A) that name a person (``_names_person``). In a transcript —
    an article with such a label — a label in capitals that opens with a first name ("JAKE TAPPER:")
    names a person too, and its last word then names them in later turns ("TAPPER:"). A heading
    ("UPDATE:", "READ MORE:") is in no transcript's cast: it needs a person label elsewhere, a
    first name and a paragraph that is not a link list."""
    labels = [m for m in matches if m.group("label") not in _INTERVIEW]
    if not labels:
        return set()
    surnames = _person_surnames(info)
    found = {m.start("label") for m in labels if _names_person(_label_tokens(info, m), surnames)}
    if not found:
        return found
    more = False
    for m in labels:
        words = m.group("label").split()
        if (
            m.start("label") not in found
            and 2 <= len(words) <= 3
            and all(w.isalpha() and w.isupper() for w in words)
            and is_known_first_name(words[0])
            and info.tok_par[info.token_at(m.start("label"))] not in info.boiler_pars
        ):
            found.add(m.start("label"))
            surnames.add(words[-1].lower())
            more = True
    if more:
        found |= {m.start("label") for m in labels if _names_person(_label_tokens(info, m), surnames)}
    return found


#: Verbs whose subject interviews the person after "to"/"with" or in the object ("spoke to X",
#: "sat down with X", "interviewed X").
_INTERVIEW_VERBS = frozenset({"speak", "talk", "chat", "sit", "interview", "meet"})
_NAMED = ("PERSON", "ORG")
_INTRO_SENTENCES = 4


def _named_mention(tok: Token) -> tuple[int, int, str] | None:
    """(start, end, label) of the person or organisation name ``tok`` heads, or of an apposition that
    names it ("the coach, Tom Adeyemi"); a proper name the model left untagged counts as a person's.
    None for anything else ("reporters", "we")."""
    for t in (tok, *(c for c in tok.children if c.dep_ == "appos")):
        if t.ent_type_ in _NAMED:
            ent = next(e for e in t.doc.ents if e.start <= t.i < e.end)
            return ent.start_char, ent.end_char, ent.label_
    if tok.pos_ == "PROPN" and not tok.ent_type_:  # a name the small model left untagged ("Ana Ruiz")
        first = min(
            (c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"), default=tok, key=lambda c: c.i
        )
        return first.idx, tok.idx + len(tok.text), "PERSON"
    return None


#: Nouns that make the person talked to the one who asks: "spoke with POLITICO writer Ana Ruiz".
_JOURNALIST_NOUNS = frozenset(
    """reporter writer correspondent journalist editor columnist host anchor interviewer blogger
    commentator""".split()
)


def _journalist(tok: Token) -> bool:
    """The mention headed by ``tok`` describes a journalist: "senior writer Ana Ruiz", "Ruiz, a reporter"."""
    return any(
        c.dep_ in ("compound", "appos", "amod", "nmod") and c.lemma_.lower() in _JOURNALIST_NOUNS for c in tok.children
    )


def _subject_named_before(info: DocInfo, pronoun: Token) -> tuple[int, int, str] | None:
    """(start, end, "PERSON") of the person the he/she ``pronoun`` of an introduction takes up: the last person
    named as a subject in its sentence or the two before ("Vice President Ana Ruiz spent Thursday in Ohio. She
    later spoke with …"). None when no person is a subject there."""
    doc = info.doc
    s = info.tok_sent[pronoun.i]
    lo = info.sent_bounds[max(0, s - 2)][0]
    for tok in reversed(doc[lo : pronoun.i]):
        if tok.dep_ in ("nsubj", "nsubjpass") and (named := _named_mention(tok)) is not None and named[2] == "PERSON":
            return named
    return None


def interview_roles(info: DocInfo, first_turn: int) -> tuple[tuple[int, int, str] | None, ...]:
    """(interviewer, interviewee) the introduction before ``first_turn`` (a character offset) names: the
    subject and the person talked to of an interview verb ("The Herald spoke to Jane Doe"), or the
    person of "an interview with X"; when the person talked to is a reporter ("he spoke with POLITICO
    writer Ana Ruiz"), the reporter asks and the subject answers. The last few sentences before the first turn
    only; either is None when not named."""
    doc = info.doc
    end = info.token_at(first_turn)
    s_last = info.tok_sent[max(end - 1, 0)]
    lo = info.sent_bounds[max(0, s_last - _INTRO_SENTENCES + 1)][0]
    for tok in reversed(doc[lo:end]):
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in _INTERVIEW_VERBS:
            talked: Token | None = None
            if lemma == "interview":
                talked = next((c for c in tok.children if c.dep_ == "dobj"), None)
            else:
                for prep in tok.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("to", "with"):
                        talked = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    elif prep.dep_ == "prt":  # "sat down with X"
                        for p2 in prep.children:
                            if p2.dep_ == "prep" and p2.lower_ == "with":
                                talked = next((c for c in p2.children if c.dep_ == "pobj"), None)
            interviewee = _named_mention(talked) if talked is not None else None
            if talked is None or interviewee is None or interviewee[2] != "PERSON":
                continue
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            named_subject = _named_mention(subject) if subject is not None else None
            if _journalist(talked):
                # "where he spoke with POLITICO senior writer Ana Ruiz": the reporter asks; the one who spoke
                # with her answers (of several reporters, no one of them asks every question)
                asker = None if any(c.dep_ == "conj" for c in talked.children) else interviewee
                if named_subject is None and subject is not None and subject.lower_ in ("he", "she"):
                    named_subject = _subject_named_before(info, subject)
                return asker, named_subject
            return named_subject, interviewee
        if tok.lower_ == "interview" and tok.pos_ == "NOUN":  # "In an interview with Jane Doe, …"
            with_ = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"), None)
            pobj = next((c for c in with_.children if c.dep_ == "pobj"), None) if with_ is not None else None
            named = _named_mention(pobj) if pobj is not None else None
            if named is not None and named[2] == "PERSON":
                return None, named
    return None, None


def _name_start(info: DocInfo, m: re.Match[str]) -> int:
    """Where the name in a label starts: after a verb of saying that opens it ("Continued Stone:", "Added
    Ruiz:", the writer's "Stone continued:" inverted), which is no word of the name (not "Will Ruiz:")."""
    tokens = _label_tokens(info, m)
    k = name_start(tokens)
    return tokens[k].idx if k else m.start("label")


def transcript_turns(info: DocInfo) -> list[Candidate]:
    """Every labelled turn of an interview transcript in the article, as a quote of its speaker."""
    text = info.text
    if ":" not in text:
        return []
    matches = [m for m in _LABEL.finditer(text)]
    if not matches:
        return []
    labels = {m.group("label") for m in matches}
    interview = all(x in labels for x in _INTERVIEW)
    out: list[Candidate] = []
    headline_end = text.find("\n")
    roles: dict[str, tuple[int, int, str] | None] = {}
    if interview:
        first = min(m.start("label") for m in matches if m.group("label") in _INTERVIEW)
        interviewer, interviewee = interview_roles(info, first)
        roles = {"Q": interviewer, "A": interviewee}
    people = _person_labels(info, [m for m in matches if m.start() >= headline_end])
    for m in matches:
        if m.start() < headline_end:
            continue  # "Ruiz: Budget Is ‘Dead On Arrival’": a headline names its source; no turn
        label = m.group("label")
        if label in _INTERVIEW:
            if not interview:
                continue
        elif m.start("label") not in people:
            continue
        end = text.find("\n", m.end())
        s, e = trim(text, m.end(), len(text) if end < 0 else end)
        if len(text[s:e].split()) < MIN_FLOATING_WORDS:
            continue
        first, last = info.token_at(s), info.token_at(e - 1)
        if not any(t.tag_ in _FINITE_TAGS for t in info.doc[first : last + 1]):
            continue
        kind, s, e, segs = classify(info, s, e)
        span = (_name_start(info, m), m.end("label"))
        out.append(Candidate(s, e, kind, None, None, None, segs, speaker_span=span, named_at=roles.get(label)))
    return out


__all__ = ["interview_roles", "transcript_turns"]
