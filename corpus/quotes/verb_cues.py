"""A reporting verb and what it reports: the builder of pass 1's verb cues.

``reporting_verb_candidates`` takes a reporting verb (``corpus/data/reporting_verbs.txt``,
by lemma), ``call X “Y”`` or ``go on``, and finds its content: the clausal
complement, a quoted object, an indirect question, the clause an "as" cue or a
trailing cue clause attributes, the parts of a clause a parenthetical cue
interrupts. Its speaker is the verb's subject.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from corpus.quotes.docinfo import (
    CONTENT_DEPS,
    MIN_INDIRECT_WORDS,
    Candidate,
    DocInfo,
    classify,
    false_sentence_end,
    one_sentence,
    span_of,
)
from corpus.quotes.nearby_cues import is_person, subject_after_cue
from corpus.quotes.paragraphs import paragraph_clip
from corpus.quotes.speakers import subject_of
from corpus.quotes.verbs import is_cue, is_reporting_use, verbs_of_class

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DATELINE = re.compile(r"\A[A-Z][A-Z .,'-]{1,40}(?:\([A-Za-z .]+\))?\s*[—–-]+\s*")


def reporting_verb_candidates(info: DocInfo, tok: Token, verbs: frozenset[str]) -> list[Candidate]:
    """A reporting verb (or ``call``, ``describe … as``, ``go on``) at ``tok`` with its content: a clausal
    complement, a quoted object, the object and the name given; its speaker the verb's subject."""
    doc = info.doc
    out: list[Candidate] = []
    lemma = tok.lemma_.lower()
    if not (is_cue(tok, verbs) or lemma in _NAMING_VERBS or lemma == "go") or not is_reporting_use(tok):
        return []
    content: list[Token] = []
    if lemma in _NAMING_VERBS:
        pass  # _naming_pieces below
    elif lemma == "go":
        if not any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children):
            return []
        content = [c for c in tok.children if c.dep_ in CONTENT_DEPS]
    else:
        content = [c for c in tok.children if c.dep_ in CONTENT_DEPS and not _said_then_when(tok, c)]
        if not content:
            # "said: “…”" / "said “…”": a quoted object
            content = [c for c in tok.children if c.dep_ in ("dobj", "parataxis", "xcomp") and info.tok_seg[c.i] >= 0]
        if not content and lemma in verbs_of_class("question"):
            content = _indirect_question(tok)
        if not content:
            content = _gerund_subject_clause(tok)
    pieces_override = _directive_pieces(info, tok) if not content and lemma in _DIRECTIVE_VERBS else []
    if not content and lemma in ("say", "tell"):
        content = _unmarked_clause(tok)
    pieces = _pieces(info, tok, content, verbs) if content else []
    if lemma in _NAMING_VERBS:
        pieces = _naming_pieces(info, tok)
    elif pieces_override:
        pieces = pieces_override
    elif not content and lemma != "go":
        pieces = _as_clause_pieces(info, tok) or _what_says_pieces(info, tok) or _trailing_cue_pieces(info, tok)
    if (
        tok.dep_ == "parataxis"
        and tok.head.pos_ in ("VERB", "AUX")
        and info.tok_par[tok.head.i] == info.tok_par[tok.i]
        and _is_parenthetical(tok)
    ):
        pieces = _around_interrupting_cue(info, tok, pieces, bool(content))
    elif not pieces and tok.dep_ == "parataxis" and tok.head.pos_ not in ("VERB", "AUX") and _is_parenthetical(tok):
        pieces = _around_misparsed_cue(info, tok)
    if pieces and tok.dep_ == "ROOT":
        pieces = _with_preposed_clause(info, tok, pieces)
    if not pieces:
        return out
    subject = subject_of(tok)
    if subject is not None and info.tok_par[subject.i] != info.tok_par[tok.i]:
        subject = None
    if subject is not None and subject.lower_ in ("that", "this") and not list(subject.children):
        return out  # "That said, …"
    speaker_span: tuple[int, int] | None = None
    if subject is None and tok.i > 0:
        prev = doc[tok.i - 1]
        if (
            (prev.pos_ == "PROPN" or tok.dep_ in ("ROOT", "ccomp") and prev.pos_ in ("NOUN", "PRON"))
            and info.tok_par[prev.i] == info.tok_par[tok.i]
            and info.tok_seg[prev.i] < 0
        ):
            subject = prev  # a misparsed subject right before the verb ("Champagne tweeted that …")
            if prev.pos_ == "PROPN" and prev.head.i != tok.i:
                # the parse put the name inside the content ("“…was a real eye-opener” Ruiz says"): the
                # content ends before it, and the name is the speaker's mention
                first = prev.i
                while first > 0 and doc[first - 1].pos_ == "PROPN" and info.tok_seg[first - 1] < 0:
                    first -= 1
                pieces = [
                    (lo, hi if lo > tok.i else min(hi, first - 1)) for lo, hi in pieces if lo > tok.i or lo < first
                ]
                speaker_span = (doc[first].idx, prev.idx + len(prev.text))
    if subject is None and all(hi < tok.i for _, hi in pieces):
        subject = subject_after_cue(info, tok)  # "“…,” said Ana Ruiz" with "Ruiz" hung elsewhere
    if subject is None and tok.dep_ not in ("advcl", "conj", "xcomp", "relcl", "acl", "pcomp"):
        if not _subject_lost(info, tok):
            return out  # imperative or subjectless ("Note that …", "Here's hoping …")
        pieces = [p for p in pieces if p[0] > tok.i]  # what stands before the cue is its lost subject
    if lemma in verbs_of_class("weak") and not is_person(subject):
        return out
    for lo, hi in pieces:
        if hi < tok.i and ":" in (doc[j].text for j in range(hi, tok.i)):
            continue  # "X announced a policy …: Trudeau promised …" is not what Trudeau said
        if lo > tok.i:
            hi = false_sentence_end(info, hi)
        s, e = span_of(info, lo, hi)
        m = DATELINE.match(info.text, s, e)
        if m:  # "OTTAWA — Scheer says …": the dateline is not reported content
            s = m.end()
        s, e = one_sentence(info, s, e, tok.idx)
        if s >= e:
            continue
        kind, s, e, segs = classify(info, s, e)
        if kind == "indirect" and lemma not in _NAMING_VERBS and len(info.text[s:e].split()) < MIN_INDIRECT_WORDS:
            continue
        out.append(
            Candidate(s, e, kind, tok, (tok.idx, tok.idx + len(tok.text)), subject, segs, speaker_span=speaker_span)
        )
    return out


_NAMING_VERBS = ("call", "describe")


def _naming_pieces(info: DocInfo, tok: Token) -> list[tuple[int, int]]:
    """ "called the plan “a fairy tale”", "described the budget as “a betrayal”": the speaker says that
    the object is what the name given says; the content runs from the object (what the name is said
    of) to the end of the name. Call's name may be unquoted when it has three words or more ("calls
    this a false narrative the base won't buy"; not "called the minister a chicken"); describe's must
    be quoted ("described the scene", "described it as chaotic" give no words of the speaker's)."""
    doc = info.doc
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return []  # "a group called “Black Votes Matter”": the name something goes by, said by no one
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if tok.lemma_.lower() == "call":
        names = [c for c in tok.children if c.dep_ == "oprd" and c.i > tok.i]
        quoted = [c for c in names if _quoted_only(info, c.left_edge.i, c.right_edge.i, any_mark=True)]
        names = quoted or names[-1:]
    else:
        after = obj.i if obj is not None else tok.i
        holders = [tok] if obj is None else [tok, obj]
        names = [
            p
            for h in holders
            for p in h.children
            if p.dep_ == "prep"
            and p.lower_ == "as"
            and p.i > after
            and _quoted_only(info, p.left_edge.i, p.right_edge.i, any_mark=True)
        ]
    if not names:
        return []
    name = names[-1]
    n_lo, n_hi = name.left_edge.i, name.right_edge.i
    if not _quoted_only(info, n_lo, n_hi, any_mark=True) and len(_words(info, n_lo, n_hi)) < 3:
        return []
    lo, hi = n_lo, n_hi
    if obj is not None and obj.i < n_lo:
        lo, hi = obj.left_edge.i, max(n_hi, obj.right_edge.i)
    lo, hi = paragraph_clip(doc, lo, hi, name.i)
    return [(lo, hi)] if lo <= hi else []


def _cut_participles(info: DocInfo, lo: int, hi: int, anchor: int, verbs: frozenset[str]) -> int:
    """End the content before ", adding/noting/saying …": the participle is a cue of its own."""
    doc = info.doc
    for j in range(max(lo, anchor + 1), hi + 1):
        t = doc[j]
        if (
            t.tag_ == "VBG"
            and is_cue(t, verbs)
            and info.tok_seg[j] < 0
            and j - 1 >= lo
            and doc[j - 1].text in (",", "—", "–", ";")
            and not any(c.dep_ == "nsubj" for c in t.children)
        ):
            return j - 2
    return hi


def _pieces(info: DocInfo, tok: Token, content: list[Token], verbs) -> list[tuple[int, int]]:
    """Token ranges [lo, hi] of a cue's content, one per complement, never across the cue or a paragraph."""
    out = []
    subject = subject_of(tok)
    for c in content:
        lo, hi = c.left_edge.i, c.right_edge.i
        if info.tok_par[c.i] != info.tok_par[tok.i]:
            # the parser joined two paragraphs into one sentence: keep the part in the cue's paragraph
            if c.i > tok.i:
                continue
            lo, hi = paragraph_clip(info.doc, lo, min(hi, tok.i - 1), tok.i - 1)
            if subject is not None and lo <= subject.i <= hi:
                hi = subject.left_edge.i - 1
            if hi - lo < 3 or not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in info.doc[lo : hi + 1]):
                continue  # no finite clause ("“…”\n\nSpeaking in Vaughan, Ont., Trudeau denied …")
            out.append((lo, hi))
            continue
        if (
            c.dep_ == "ccomp"
            and c.i > tok.i
            and (
                not any(x.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for x in c.children)
                or tok.lemma_ != "tell"
                and tok.doc[lo].dep_ != "mark"
            )
        ):
            # "added Canada is an independent country and will …": the parser took the subject of the
            # reported clause for the verb's object, and its coordinated verbs for the verb's own
            obj = next(
                (
                    x
                    for x in tok.children
                    if x.dep_ in ("dobj", "npadvmod") and tok.i < x.i < c.i and x.right_edge.i == lo - 1
                ),
                None,
            )
            if obj is not None:
                lo = obj.left_edge.i
                for x in tok.children:
                    if x.dep_ == "conj" and x.i > c.i and not any(y.dep_ in ("nsubj", "nsubjpass") for y in x.children):
                        hi = max(hi, x.right_edge.i)
        if c.i > tok.i:
            lo = max(lo, tok.i + 1)
        else:
            hi = min(hi, tok.i - 1)
        lo, hi = paragraph_clip(info.doc, lo, hi, c.i)
        hi = _cut_participles(info, lo, hi, c.i, verbs)
        if lo <= hi:
            out.append((lo, hi))
    if not out:
        return out
    # "said X, but that Y" / "said X, and the government will Y": a clause coordinated with the
    # reported one (its own subject, or "that") continues the content. After a participle cue ("…,
    # noting that X, and there's Y") the parser hangs that clause on the main verb: it continues the
    # participle's content, the nearest
    doc = info.doc
    coordinated = list(tok.children)
    if tok.tag_ == "VBG" and tok.dep_ == "advcl" and tok.head.i < tok.i:
        coordinated += [x for x in tok.head.children if x.i > tok.right_edge.i]
    for x in coordinated:
        if x.dep_ != "conj" or x.i < tok.i or info.tok_par[x.i] != info.tok_par[tok.i]:
            continue
        if is_cue(x, verbs) and any(y.dep_ in CONTENT_DEPS for y in x.children):
            continue  # "said X and added that Y": a quote of its own
        own = [y for y in x.children if y.dep_ in ("nsubj", "nsubjpass", "expl") and y.lower_ not in ("who", "which")]
        marked = any(y.dep_ == "mark" and y.lower_ == "that" for y in x.children)
        if not (own or marked):
            continue
        last = max(range(len(out)), key=lambda k: out[k][1])
        lo, hi = out[last]
        if (
            lo > tok.i
            and hi < x.left_edge.i
            and all(doc[j].is_punct or doc[j].dep_ == "cc" for j in range(hi + 1, x.left_edge.i))
        ):
            out[last] = (lo, paragraph_clip(info.doc, lo, x.right_edge.i, x.i)[1])
    # two complements side by side ("said he worked with companies … that would boost …")
    out.sort()
    merged = [out[0]]
    for lo, hi in out[1:]:
        plo, phi = merged[-1]
        if (plo > tok.i) == (lo > tok.i) and all(doc[j].is_punct for j in range(phi + 1, lo)):
            merged[-1] = (plo, max(phi, hi))
        else:
            merged.append((lo, hi))
    return merged


#: Verbs that report a request or a warning made to someone: "urged the council to act".
_DIRECTIVE_VERBS = frozenset({"urge", "encourage", "warn", "ask", "implore", "beg", "advise", "exhort"})


def _directive_pieces(info: DocInfo, tok: Token) -> list[tuple[int, int]]:
    """ "asked the board to check whether the rules were broken", "urged voters to stay home if they feel
    unwell": a request reported as the addressee and an infinitive; the content runs from the addressee
    to the end of the infinitive clause (what the speaker asked of whom). Only a request that carries a
    statement (a finite clause inside it) and a cue that reports it (finite): a bare appeal ("urged
    people to send a message") is an act both dev sets leave unannotated, and "decided to ask her to
    return" is a plan. "asked for a recount" and "warned of delays" have no infinitive; "was asked to
    leave" (passive) is not the speaker's request."""
    doc = info.doc
    if tok.tag_ not in ("VBD", "VBZ", "VBP"):
        return []  # "decided to ask her to return", "asking us to think": a plan or a gloss, no report
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative") and c.i > tok.i), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN", "PRON"):
        return []
    inf = next(
        (
            c
            for c in (*tok.children, *obj.children)
            if c.dep_ in ("xcomp", "ccomp", "acl")
            and c.i > obj.i
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ),
        None,
    )
    if inf is None:
        return []
    lo, hi = paragraph_clip(doc, obj.left_edge.i, max(inf.right_edge.i, obj.right_edge.i), inf.i)
    words = _words(info, lo, hi)
    if len(words) < MIN_INDIRECT_WORDS + 1 or not any(doc[j].tag_ in _FINITE_TAGS for j in words):
        return []  # "urged people to send a message": an appeal with no statement in it
    return [(lo, hi)]


def _gerund_subject_clause(tok: Token) -> list[Token]:
    """ "said legalizing it could put thousands to work": a reported clause whose subject is a gerund,
    which the parser hung on the verb as its complement (with the clause's verb below it). A gerund
    right after the verb that governs a finite verb is that clause's subject; "admitted lying to the
    police" (no finite verb) reports no clause."""
    for c in tok.children:
        if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.left_edge.i == tok.i + 1:
            if any(t.tag_ in _FINITE_TAGS and t.i > c.i for t in c.subtree):
                return [c]
    return []


def _unmarked_clause(tok: Token) -> list[Token]:
    """ "told CTV in an interview China is applying pressure", "told the minister at a debate that voters
    were “sick of it”": a clause with its own subject and object that the parser hung on a noun as a
    relative clause; no relative clause has both (nor lacks a relativiser with them), so it is the
    reported clause. A "that" the parser marks as the clause's complementiser ("mark") fills no gap and
    is no relativiser; "the debate that voters were sick of" (a stranded preposition) has a gap."""
    for t in tok.subtree:
        if t.i <= tok.i or t.dep_ != "relcl":
            continue
        subj = next((x for x in t.children if x.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ in ("who", "which", "that", "whom", "whose") or subj.i < t.head.i:
            continue
        if not any(x.dep_ in ("dobj", "attr", "acomp", "ccomp") for x in t.children):
            continue
        if any(_relativiser(x, t) for x in t.subtree if x.i < t.i):
            continue
        if any(x.dep_ == "prep" and not any(c.dep_ in ("pobj", "pcomp") for c in x.children) for x in t.subtree):
            continue
        return [t]
    return []


def _relativiser(x: Token, clause: Token) -> bool:
    """A wh-word or relative "that" of ``clause``; not the complementiser "that" the parser marks as such."""
    if x.lower_ == "that" and x.dep_ == "mark" and x.head.i == clause.i:
        return False
    return x.tag_ in ("WDT", "WP", "WP$", "WRB")


_SET_OFF = (",", "—", "–")
_FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")
_QUESTION_MARKS = ("if", "whether")


_TIME_WH = frozenset({"when", "while", "as", "after", "before", "once"})


def _said_then_when(tok: Token, clause: Token) -> bool:
    """ "said no when reporters asked if …": the verb already has what was said (an answer word or an
    object before the clause), so a clause opening with "when"/"after" is the time of saying, which the
    parser hung on the verb as its complement. Not "would not say when the talks resume" (no answer)."""
    first = clause.left_edge
    if first.lower_ not in _TIME_WH or first.i <= tok.i:
        return False
    return any(c.dep_ in ("intj", "dobj") and tok.i < c.i < first.i for c in tok.children)


def _subject_lost(info: DocInfo, tok: Token) -> bool:
    """A finite main-clause cue whose subject the parse lost, though its clause has one: "Senator Ana
    Ruiz, the committee's chair, said …", "About 4 in 10 say …". A finite verb (not a bare form or an
    imperative: "Note that …") with a noun phrase before it in its sentence, ending right before it or
    before a comma that sets off an apposition. Its speaker is then found in the paragraph."""
    if tok.dep_ not in ("ROOT", "ccomp") or tok.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    doc = info.doc
    s_lo = info.sent_bounds[info.tok_sent[tok.i]][0]
    j = tok.i - 1
    while j >= s_lo and (doc[j].dep_ in ("advmod", "aux", "neg", "npadvmod") or doc[j].tag_ == "RB"):
        j -= 1
    if j >= s_lo and doc[j].text == ",":
        j -= 1
    return (
        j >= s_lo
        and info.tok_par[j] == info.tok_par[tok.i]
        and info.tok_seg[j] < 0
        and doc[j].pos_ in ("PROPN", "NOUN", "PRON", "NUM")
    )


def _trailing_cue_pieces(info: DocInfo, tok: Token) -> list[tuple[int, int]]:
    """ "One group entered the building, where they left a grenade, a guard told Reuters.": a cue clause
    with a subject of its own that closes the sentence after a comma, and which the parser hung on the
    main verb as an adverbial clause, attributes that clause. A clause with a conjunction ("…, because
    she said so", "…, when he told them") is an adverbial of its own, no cue."""
    head = tok.head
    if tok.dep_ != "advcl" or head.i >= tok.i or head.pos_ not in ("VERB", "AUX"):
        return []
    if any(c.dep_ in ("mark", "advmod") and c.i < tok.i for c in tok.children):
        return []
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i for c in tok.children):
        return []
    doc = info.doc
    left, right = tok.left_edge.i, tok.right_edge.i
    s_lo, s_hi = info.sent_bounds[info.tok_sent[tok.i]]
    if left == 0 or doc[left - 1].text not in (",", "—", "–"):
        return []
    if not all(doc[j].is_punct or doc[j].is_space for j in range(right + 1, s_hi)):
        return []  # the cue clause closes the sentence
    lo, hi = paragraph_clip(doc, max(head.left_edge.i, s_lo), left - 1, head.i)
    words = _words(info, lo, hi)
    if len(words) < MIN_INDIRECT_WORDS or not any(doc[j].tag_ in _FINITE_TAGS for j in words):
        return []
    return [(lo, hi)]


def _what_says_pieces(info: DocInfo, tok: Token) -> list[tuple[int, int]]:
    """ "grappling with what it says is a $14bn deficit": a free relative ("what" + speaker + reporting
    verb) as the subject of an embedded verb; what the speaker says is that predicate ("is a $14bn
    deficit"). A main clause "What she said was not true" judges the saying instead."""
    head = tok.head
    if tok.dep_ != "csubj" or head.i <= tok.i or head.pos_ not in ("VERB", "AUX"):
        return []
    if head.dep_ not in ("pcomp", "pobj", "dobj"):
        return []  # "What she said was not true, the judge ruled": a verdict on the saying
    if not any(t.lower_ == "what" and t.i < tok.i for t in tok.subtree):
        return []
    lo, hi = paragraph_clip(info.doc, tok.right_edge.i + 1, head.right_edge.i, head.i)
    return [(lo, hi)] if len(_words(info, lo, hi)) >= MIN_INDIRECT_WORDS else []


def _as_clause_pieces(info: DocInfo, tok: Token) -> list[tuple[int, int]]:
    """ "As the Post reported, the deal fell through" / "The deal fell through, as she noted": an "as"
    clause whose reporting verb has no content of its own attributes the clause it hangs on; that clause
    is the content, on either side of the cue clause. A temporal "as" takes a verb with an object ("As
    she announced the result, the hall fell silent"): no report."""
    head = tok.head
    if tok.dep_ != "advcl" or head.i == tok.i or head.pos_ not in ("VERB", "AUX"):
        return []
    if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < tok.i for c in tok.children):
        return []
    if any(
        c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd", "dative", "nsubjpass")
        or c.dep_ == "prep"
        and c.lower_ in ("to", "of", "about")
        for c in tok.children
    ):
        # "as she announced the result", "as voters responded to the ads", "as the CFO is alleged …
        # of breaking sanctions" (because): the verb has content of its own, the "as" is no report
        return []
    doc = info.doc
    left, right = tok.left_edge.i, tok.right_edge.i
    if not (right + 1 < len(doc) and doc[right + 1].text == "," or left > 0 and doc[left - 1].text in (",", "—", "–")):
        return []  # a report is set off: "As the Post reported, …", "…, as she noted"; "… as he replied" is time
    s_lo, s_hi = info.sent_bounds[info.tok_sent[tok.i]]
    lo, hi = paragraph_clip(doc, max(head.left_edge.i, s_lo), min(head.right_edge.i, s_hi - 1), tok.i)
    out = []
    for p_lo, p_hi in ((lo, tok.left_edge.i - 1), (tok.right_edge.i + 1, hi)):
        words = [t for t in doc[p_lo : p_hi + 1] if not t.is_punct and not t.is_space]
        if len(words) >= MIN_INDIRECT_WORDS and any(t.i == head.i or t.tag_ in _FINITE_TAGS for t in words):
            out.append((p_lo, p_hi))
    return out


def _indirect_question(tok: Token) -> list[Token]:
    """ "asked the students if they had read it", "wondered whether …": the question the parser hung on the
    verb as an adverbial clause. Not "asked for a recount" (no clause)."""
    return [
        c
        for c in tok.children
        if c.dep_ == "advcl"
        and c.i > tok.i
        and any(m.dep_ == "mark" and m.lower_ in _QUESTION_MARKS for m in c.children)
    ]


def _around_interrupting_cue(
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
        before = [p for p in [*pieces, left] if p[1] < tok.i and _words(info, *p)]
        if before and all(_quoted_only(info, *p) for p in before) and not _quoted_only(info, *right, any_mark=True):
            if not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in head.children):
                # "“We lost everything,” he said, visibly moved, as …": after a whole quotation, a
                # clause with no subject describes the speaker (the parser made it the head)
                return pieces
        # the part before the cue is reported only when it is a clause or the reported clause's subject;
        # "At the same time, she added, …" / "With turnout falling, they said, …" frame what follows
        subject = any(c.dep_ in ("nsubj", "nsubjpass") and left[0] <= c.i <= left[1] for c in head.children)
        finite = any(doc[j].tag_ in _FINITE_TAGS for j in range(left[0], left[1] + 1))
        extra = [left, right] if subject or finite else [right]
    else:
        extra = [left] if has_content else [left, right]
    min_tokens = 2 if head.i > tok.i else 3
    return sorted(
        pieces
        + [p for p in extra if p[1] - p[0] + 1 >= min_tokens and not any(p[0] <= q[1] and q[0] <= p[1] for q in pieces)]
    )


def _with_preposed_clause(info: DocInfo, tok: Token, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
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
        lo, hi = paragraph_clip(doc, c.left_edge.i, first - 2, c.i)
        s_lo = info.sent_bounds[info.tok_sent[tok.i]][0]
        words = _words(info, lo, hi)
        if lo == s_lo and len(words) >= MIN_INDIRECT_WORDS and any(doc[j].tag_ in _FINITE_TAGS for j in words):
            return sorted([*pieces, (lo, hi)])
    return pieces


def _around_misparsed_cue(info: DocInfo, tok: Token) -> list[tuple[int, int]]:
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
        words = _words(info, lo, hi)
        if lo > hi or len(words) < MIN_INDIRECT_WORDS or not _has_clause(doc, words):
            return []
        if any(info.tok_seg[j] >= 0 for j in words):
            return []  # a quotation beside the cue: pass 2 finds it
        out.append((lo, hi))
    return out


def _has_clause(doc: Doc, words: list[int]) -> bool:
    """A finite verb among ``words``, or a past form after a noun (a misparse tags "colleagues hid" as a
    participle); not a participle that opens the words ("Asked about it, …")."""
    for n, j in enumerate(words):
        t = doc[j]
        if t.tag_ in _FINITE_TAGS:
            return True
        if t.tag_ == "VBN" and n > 0 and doc[words[n - 1]].pos_ in ("NOUN", "PROPN", "PRON"):
            return True
    return False


def _words(info: DocInfo, lo: int, hi: int) -> list[int]:
    """Tokens of [lo, hi] that are words (not punctuation or space)."""
    return [j for j in range(lo, hi + 1) if not info.doc[j].is_punct and not info.doc[j].is_space]


def _quoted_only(info: DocInfo, lo: int, hi: int, *, any_mark: bool = False) -> bool:
    """Every word of tokens [lo, hi] is inside quote marks (``any_mark``: at least one is)."""
    inside = [info.tok_seg[j] >= 0 for j in _words(info, lo, hi)]
    return bool(inside) and (any(inside) if any_mark else all(inside))


def _is_parenthetical(tok: Token) -> bool:
    """A short cue clause set off by a comma or dash: ", Scheer said," / ", he said in an interview"."""
    subj = subject_of(tok)
    lo = subj.left_edge.i if subj is not None and subj.i < tok.i else tok.i
    if tok.i - lo > 6 or lo == 0:
        return False
    doc = tok.doc
    before = doc[lo - 1].text
    return before in (",", "—", "–") or (lo > 1 and before in '”"' and doc[lo - 2].text == ",")


__all__ = ["DATELINE", "reporting_verb_candidates"]
