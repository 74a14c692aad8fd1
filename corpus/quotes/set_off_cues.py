"""Cue clauses set off inside the sentence they report: "The plan, she says, is dead".

``is_parenthetical`` recognises a short cue clause between commas or dashes;
``around_interrupting_cue`` takes the parts of the reported clause on either
side of it, ``with_preposed_clause`` an adverbial clause before a set-off cue
the parser made the main verb, ``around_misparsed_cue`` the clauses around a
set-off cue the parser hung on a noun.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.quotes.docinfo import FINITE_TAGS, MIN_INDIRECT_WORDS, TIME_MARKS, DocInfo, quoted_only, word_tokens
from corpus.quotes.paragraphs import paragraph_clip
from corpus.quotes.speakers import subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SET_OFF = (",", "—", "–")


def is_parenthetical(tok: Token) -> bool:
    """A short cue clause set off by a comma or dash: ", Scheer said," / ", he said in an interview"."""
    subj = subject_of(tok)
    lo = subj.left_edge.i if subj is not None and subj.i < tok.i else tok.i
    if tok.i - lo > 6 or lo == 0:
        return False
    doc = tok.doc
    before = doc[lo - 1].text
    return before in (",", "—", "–") or (lo > 1 and before in '”"' and doc[lo - 2].text == ",")


def around_interrupting_cue(
    info: DocInfo, tok: Token, pieces: list[tuple[int, int]], has_content: bool
) -> list[tuple[int, int]]:
    """A cue clause set off inside the clause it reports, which the parser made the head: "It is on the
    mayor's watch, Ruiz said, that the plan failed"; "The plan, she says, is dead". The parts of that
    clause on either side of the cue are its content, each a quote of its own with the cue's speaker.
    A cue whose head comes after it must be set off on both sides ("The plan, she says, is …")."""
    doc = info.doc
    head = tok.head
    lo, hi = paragraph_clip(doc, head.left_edge.i, head.right_edge.i, head.i)
    left = (lo, tok.left_edge.i - 1)
    right = (tok.right_edge.i + 1, hi)
    if head.i > tok.i:
        # the cue clause ends at its last word ("he said, “this …”" hangs the opening mark on "said")
        after = max(t.i for t in tok.subtree if not t.is_punct) + 1
        if after >= len(doc) or doc[after].text not in _SET_OFF:
            return pieces
        before = [p for p in [*pieces, left] if p[1] < tok.i and word_tokens(info, *p)]
        if before and all(quoted_only(info, *p) for p in before) and not quoted_only(info, *right, any_mark=True):
            if not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in head.children):
                # "“We lost everything,” he said, visibly moved, as …": after a whole quotation, a
                # clause with no subject describes the speaker (the parser made it the head)
                return pieces
        # the part before the cue is reported only when it is a clause or the reported clause's subject;
        # "At the same time, she added, …" / "With turnout falling, they said, …" frame what follows
        subject = any(c.dep_ in ("nsubj", "nsubjpass") and left[0] <= c.i <= left[1] for c in head.children)
        finite = any(doc[j].tag_ in FINITE_TAGS for j in range(left[0], left[1] + 1))
        extra = [left, right] if subject or finite else [right]
        if any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in head.children) and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in head.children
        ):
            # "“I never said that,” Trump said, after the host said he had …": a clause of time with a
            # subject of its own says when it was said, not what
            extra = [p for p in extra if p is not right]
    else:
        extra = [left] if has_content else [left, right]
    min_tokens = 2 if head.i > tok.i else 3
    return sorted(
        pieces
        + [p for p in extra if p[1] - p[0] + 1 >= min_tokens and not any(p[0] <= q[1] and q[0] <= p[1] for q in pieces)]
    )


def with_preposed_clause(info: DocInfo, tok: Token, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "After the court approved the map, Li Wei said, most districts were safe": a cue set off by commas
    on both sides, which the parser made the main verb, with an adverbial clause before its subject:
    that clause belongs to the reported one, a piece of its own. Without the comma after the cue
    ("After the meeting ended, Ruiz said the deal was dead") it is when the cue was said."""
    doc = info.doc
    subj = subject_of(tok)
    if subj is None or subj.i > tok.i or tok.i + 1 >= len(doc) or doc[tok.i + 1].text != ",":
        return pieces
    if not any(lo > tok.i + 1 for lo, _ in pieces):
        return pieces
    first = subj.left_edge.i
    if first < 1 or doc[first - 1].text != ",":
        return pieces
    for c in tok.children:
        if c.dep_ != "advcl" or c.i > first:
            continue
        if c.tag_ in ("VBN", "VBG") and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            # "Asked by a reporter whether she had read it, the mayor said, …": a participle without a
            # subject of its own tells the speaker's circumstance, not what was said
            continue
        lo, hi = paragraph_clip(doc, c.left_edge.i, first - 2, c.i)
        s_lo = info.sent_bounds[info.tok_sent[tok.i]][0]
        words = word_tokens(info, lo, hi)
        if lo == s_lo and len(words) >= MIN_INDIRECT_WORDS and any(doc[j].tag_ in FINITE_TAGS for j in words):
            return sorted([*pieces, (lo, hi)])
    return pieces


#: Subordinators of a reason, a concession or a condition: "…, he said, because he prizes …" gives the
#: speaker's reason; a clause of time ("…, he said, as the crowd cheered") tells the scene.
_REASONS = frozenset({"because", "since", "although", "though", "if", "unless", "so"})


def with_clause_after_set_off_cue(
    info: DocInfo, tok: Token, pieces: list[tuple[int, int]], verbs: frozenset[str]
) -> list[tuple[int, int]]:
    """ "He is leaning toward Kasich, he said, because he prizes electability"; "The tool helps in a crisis,
    a spokeswoman said on Saturday, and it has been used five times": a cue set off by commas after the
    clause it reports, which the parser made the main verb, with the rest of the sentence hung on it. A
    clause of reason, concession or condition, or a clause with its own subject joined by "and"/"but",
    goes on with what was said: a piece of its own. Not a clause of time ("…, he said, as the crowd
    cheered"), a participle ("…, she said, adding that …": a cue of its own) or another cue ("…, he
    said, and she agreed that …")."""
    doc = info.doc
    if not pieces or not all(hi < tok.i for _, hi in pieces):
        return pieces
    own = [c for c in tok.children if c.i > tok.i and c.dep_ in ("nsubj", "prep", "npadvmod", "advmod")]
    end = max((t.i for c in own for t in c.subtree if not t.is_punct), default=tok.i)
    if end + 2 >= len(doc) or doc[end + 1].text not in _SET_OFF:
        return pieces
    s_hi = info.sent_bounds[info.tok_sent[tok.i]][1]
    for c in tok.children:
        if c.i <= end + 1 or info.tok_par[c.i] != info.tok_par[tok.i] or c.i >= s_hi:
            continue
        if c.dep_ == "advcl":
            marks = [m.lower_ for m in c.children if m.dep_ == "mark"]
            if not marks or marks[0] not in _REASONS:
                continue
        elif c.dep_ == "conj":
            if not any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in c.children):
                continue
            if c.lemma_.lower() in verbs:
                continue
        else:
            continue
        lo, hi = paragraph_clip(doc, end + 2, min(c.right_edge.i, s_hi - 1), c.i)
        words = word_tokens(info, lo, hi)
        if len(words) >= MIN_INDIRECT_WORDS and _has_clause(doc, words):
            return sorted([*pieces, (lo, hi)])
    return pieces


def around_misparsed_cue(info: DocInfo, tok: Token) -> list[tuple[int, int]]:
    """A cue clause set off by commas inside a sentence ("Two colleagues hid under desks, he said, but
    one guard ran to the roof") that the parser hung on a noun: the clauses on either side of it, within
    its sentence and paragraph, are what was said. Each must be a clause; the right one runs to the
    sentence end."""
    doc = info.doc
    subj = subject_of(tok)
    first = subj.left_edge.i if subj is not None and subj.i < tok.i else tok.i
    after = tok.right_edge.i if doc[tok.right_edge.i].text in _SET_OFF else tok.right_edge.i + 1
    if first < 1 or after >= len(doc) or doc[after].text not in _SET_OFF:
        return []
    s_lo, s_hi = info.sent_bounds[info.tok_sent[tok.i]]
    out = []
    for lo, hi in ((s_lo, first - 2), (after + 1, s_hi - 1)):
        lo, hi = paragraph_clip(doc, lo, hi, tok.i)
        words = word_tokens(info, lo, hi)
        if lo > hi or len(words) < MIN_INDIRECT_WORDS or not _has_clause(doc, words):
            return []
        if any(info.tok_seg[j] >= 0 for j in words):
            return []  # a quotation beside the cue: pass 2 finds it
        out.append((lo, hi))
    return out


_NOT_SPEAKERS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})


def inverted_set_off(info: DocInfo, tok: Token) -> tuple[Token, list[tuple[int, int]]] | None:
    """An inverted cue set off inside the clause it reports: "Part of the problem, say experts like Ana
    Ruiz, a geologist, is the soft ground itself". The parser takes the clause's subject before the
    comma for the cue's and the speaker after the verb for the subject of the rest. Returns the
    speaker (the phrase right after the verb, set off by a comma after it) and the reported parts: the
    rest of the clause, and the part before the cue when the parser made it the cue's subject. None
    for any other shape ("Tom Baxter, an economist, said the plan …": the apposition sets off the
    subject, which has its comma after its own words)."""
    doc = info.doc
    if tok.i < 3 or doc[tok.i - 1].text != "," or tok.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
    if clause is None:
        return None
    name = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i == tok.i + 1), None)
    if name is None or name.pos_ not in ("PROPN", "NOUN") or name.ent_type_ in _NOT_SPEAKERS:
        return None
    end = max(t.i for t in name.subtree if not t.is_punct)  # its set-off comma hangs on it too
    if end + 2 > clause.right_edge.i or doc[end + 1].text not in _SET_OFF:
        return None  # "…, said Ruiz would …" is no inversion: the speaker is set off on both sides
    left_subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
    if left_subject is not None and (
        not _ends_before_set_off_comma(left_subject, tok.i - 1) or any(c.dep_ == "appos" for c in left_subject.children)
    ):
        return None
    s_lo, s_hi = info.sent_bounds[info.tok_sent[tok.i]]
    pieces = []
    if left_subject is not None:
        pieces.append(paragraph_clip(doc, max(s_lo, left_subject.left_edge.i), tok.i - 2, tok.i - 2))
    pieces.append(paragraph_clip(doc, end + 2, min(clause.right_edge.i, s_hi - 1), end + 2))
    return name, [(lo, hi) for lo, hi in pieces if lo <= hi]


def _ends_before_set_off_comma(subject: Token, comma: int) -> bool:
    """The phrase of ``subject`` ends right before the comma at ``comma``. The parser may hang that comma on
    the phrase ("And Trump, said Ruiz, …"); it is then the set-off comma only when the phrase has no comma
    of its own ("aides to Ruiz, a former judge, and Li, who …, said" ends with its relative clause)."""
    if subject.right_edge.i == comma - 1:
        return True
    return subject.right_edge.i == comma and not any(t.text == "," for t in subject.subtree if t.i < comma)


_CUE_SIDE_DEPS = frozenset({"nsubj", "prep", "npadvmod", "advmod", "punct", "appos"})


def final_inverted_cue(info: DocInfo, tok: Token) -> tuple[Token, list[tuple[int, int]]] | None:
    """An inverted cue that closes its sentence after a comma: "The plan appeals to older voters, said Ana
    Ruiz, a pollster at the university." Whatever the parser made of the words before the comma (it
    often takes their subject for the cue's, or hangs the cue on their verb), they are what was said,
    from the start of the sentence. The speaker is the subject right after the verb, and nothing but
    that subject and the cue's own modifiers ("on Friday", "in a statement") follows it. So too a cue
    after its subject that the parser hung on the clause before the comma ("Ruiz thinks the plan will
    fail, her husband said this week"): its subject is the speaker. Returns the
    speaker and the reported part, or None: "…, said nothing and left" (an object, no subject after
    the verb), "…, said Ruiz would win" (a clause after the verb)."""
    doc = info.doc
    if tok.i < 4 or tok.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    after = [c for c in tok.children if c.i > tok.i]
    comma = tok.i - 1
    speaker = next((c for c in after if c.dep_ == "nsubj"), None)
    if speaker is None and tok.dep_ != "ROOT" and tok.head.i < tok.i:
        # "Clinton thinks X, Bill Clinton said this week": a cue after its subject that the parser hung
        # on the clause before it; its subject fills the words between the comma and the verb
        speaker = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
        if speaker is None or speaker.right_edge.i != tok.i - 1:
            return None
        comma = speaker.left_edge.i - 1
    if comma < 3 or doc[comma].text not in _SET_OFF:
        return None
    if speaker is None or speaker.pos_ not in ("PROPN", "NOUN") or speaker.ent_type_ in _NOT_SPEAKERS:
        return None
    if any(c.dep_ not in _CUE_SIDE_DEPS for c in after):
        return None
    s_lo, s_hi = info.sent_bounds[info.tok_sent[tok.i]]
    if any(not doc[j].is_punct for j in range(tok.right_edge.i + 1, s_hi)):
        return None  # the cue clause must close the sentence
    lo, hi = paragraph_clip(doc, s_lo, comma - 1, comma - 1)
    words = word_tokens(info, lo, hi)
    if len(words) < MIN_INDIRECT_WORDS or not _has_clause(doc, words):
        return None
    return speaker, [(lo, hi)]


def stolen_subject_set_off(info: DocInfo, tok: Token) -> tuple[Token, list[tuple[int, int]]] | None:
    """A cue set off by commas inside the clause it reports, whose subject the parser gave to the cue:
    "The plan, said Tom Baxter, would be put to a vote"; "The cause of the delay, engineers say, is the
    soft ground". The cue clause runs from the comma before it (after the speaker when the speaker
    comes first) to the comma after the cue and its own words; the parts of the clause on either side
    are what was said, the speaker is the subject after the verb or the noun phrase before it. None
    when the cue is not set off on both sides or keeps no subject before the first comma (then it is no
    misparse: "In 2010, he said, the plan failed" is ``around_interrupting_cue``'s)."""
    doc = info.doc
    head = tok.head
    if tok.dep_ != "parataxis" or head.i <= tok.i or head.pos_ not in ("VERB", "AUX"):
        return None
    if tok.tag_ not in ("VBD", "VBZ", "VBP") or info.tok_par[head.i] != info.tok_par[tok.i]:
        return None
    # the comma before the cue clause: right before the verb (inverted), or before a short noun phrase
    left = tok.i - 1
    while left > tok.i - 8 and left > 0 and doc[left].text not in _SET_OFF:
        if doc[left].pos_ not in ("NOUN", "PROPN", "PRON", "DET", "ADJ", "CCONJ", "PART", "NUM", "ADV"):
            return None
        left -= 1
    if left < 2 or doc[left].text not in _SET_OFF:
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < left for c in tok.children):
        return None  # the clause's subject is not hung on the cue: no misparse to mend
    inverted = next((c for c in tok.children if c.dep_ == "nsubj" and c.i > tok.i), None)
    if inverted is not None:
        speaker = inverted
    elif left + 1 < tok.i:
        phrase = range(left + 1, tok.i)
        roots = [j for j in phrase if doc[j].head.i not in phrase and doc[j].pos_ in ("NOUN", "PROPN", "PRON")]
        if len(roots) != 1:
            return None
        speaker = doc[roots[0]]
    else:
        return None
    if speaker.ent_type_ in _NOT_SPEAKERS:
        return None
    # the comma after the cue clause: after the cue's own words (its speaker, "in an interview")
    own = [c for c in tok.children if c.i > tok.i and c.dep_ != "punct"]
    end = max((t.i for c in own for t in c.subtree if not t.is_punct), default=tok.i)
    right = end + 1
    if right >= head.i or doc[right].text not in _SET_OFF:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") and right < c.i < head.i for c in head.children):
        return None  # the clause after the cue has a subject of its own
    s_lo, s_hi = info.sent_bounds[info.tok_sent[tok.i]]
    pieces = [
        paragraph_clip(doc, s_lo, left - 1, left - 1),
        paragraph_clip(doc, right + 1, min(head.right_edge.i, s_hi - 1), head.i),
    ]
    return speaker, [(lo, hi) for lo, hi in pieces if lo <= hi]


def _has_clause(doc: Doc, words: list[int]) -> bool:
    """A finite verb among ``words``, or a past form after a noun (a misparse tags "colleagues hid" as a
    participle); not a participle that opens the words ("Asked about it, …")."""
    for n, j in enumerate(words):
        t = doc[j]
        if t.tag_ in FINITE_TAGS:
            return True
        if t.tag_ == "VBN" and n > 0 and doc[words[n - 1]].pos_ in ("NOUN", "PROPN", "PRON"):
            return True
    return False


__all__ = [
    "around_interrupting_cue",
    "around_misparsed_cue",
    "final_inverted_cue",
    "inverted_set_off",
    "is_parenthetical",
    "stolen_subject_set_off",
    "with_clause_after_set_off_cue",
    "with_preposed_clause",
]
