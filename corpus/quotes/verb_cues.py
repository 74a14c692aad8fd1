"""A reporting verb and what it reports: the builder of pass 1's verb cues.

``reporting_verb_candidates`` takes a reporting verb (``corpus/data/reporting_verbs.txt``,
by lemma), ``call``/``describe`` or ``go on``, and finds its content: the clausal
complement, a quoted object, or one of the shapes of ``corpus.quotes.content_shapes``
(the name given, a request, an indirect question, the clause an "as" cue or a
trailing cue clause attributes), plus the parts of a clause a set-off cue
interrupts (``corpus.quotes.set_off_cues``). Its speaker is the verb's subject.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from corpus.coref.lexicon import ORG_NOUNS, PERSON_NOUNS, animate_noun
from corpus.quotes.content_shapes import (
    DIRECTIVE_VERBS,
    NAMING_VERBS,
    as_clause_pieces,
    clause_on_modifier,
    closing_cue_over_colon_quote,
    colon_quote_report_pieces,
    directive_pieces,
    gerund_subject_clause,
    indirect_question,
    naming_pieces,
    trailing_cue_clause,
    trailing_cue_pieces,
    unmarked_clause,
    what_says_pieces,
)
from corpus.quotes.docinfo import (
    CONTENT_DEPS,
    MIN_INDIRECT_WORDS,
    TIME_MARKS,
    Candidate,
    DocInfo,
    classify,
    false_sentence_end,
    one_sentence,
    span_of,
)
from corpus.quotes.nearby_cues import is_person, speaker_of_inverted_cue
from corpus.quotes.paragraphs import paragraph_clip
from corpus.quotes.set_off_cues import (
    around_interrupting_cue,
    around_misparsed_cue,
    final_inverted_cue,
    inverted_set_off,
    is_parenthetical,
    stolen_subject_set_off,
    with_clause_after_set_off_cue,
    with_preposed_clause,
)
from corpus.quotes.speakers import clause_after_object, question_put_to_subject, subject_of
from corpus.quotes.verbs import contracted_perfect_subject, is_cue, is_reporting_use, verbs_of_class

if TYPE_CHECKING:
    from spacy.tokens import Token

#: The first piece of a content a cue interrupts may be as short as a subject and its copula ("It was, he
#: said, …", "The reality is, she added, …"): the rest of the clause follows the cue.
MIN_INTERRUPTED_WORDS = 2
DATELINE = re.compile(r"\A[A-Z][A-Z .,'-]{1,40}(?:\([A-Za-z .]+\))?\s*[—–-]+\s*")


@lru_cache(maxsize=4)
def cue_lemmas(verbs: frozenset[str]) -> frozenset[str]:
    """Every lemma ``reporting_verb_candidates`` may take as a cue: a test on the lemma alone, to pass over
    the other tokens cheaply."""
    return verbs | frozenset(NAMING_VERBS) | {"go"}


def reporting_verb_candidates(info: DocInfo, tok: Token, verbs: frozenset[str]) -> list[Candidate]:
    """A reporting verb (or ``call``, ``describe … as``, ``go on``) at ``tok`` with its content: a clausal
    complement, a quoted object, the object and the name given; its speaker the verb's subject."""
    doc = info.doc
    out: list[Candidate] = []
    lemma = tok.lemma_.lower()
    if not (is_cue(tok, verbs) or lemma in NAMING_VERBS or lemma == "go") or not is_reporting_use(tok):
        return []
    content: list[Token] = []
    if lemma in NAMING_VERBS:
        pass  # naming_pieces below
    elif lemma == "go":
        if not any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children):
            return []
        content = [c for c in tok.children if c.dep_ in CONTENT_DEPS]
    elif closing_cue_over_colon_quote(info, tok) is not None:
        pass  # "Ruiz said: “…,” the Gazette reported": the whole sentence (colon_quote_report_pieces)
    else:
        content = [
            g
            for c in tok.children
            # the quotation the parser hung on the closing cue after it is what the colon announces
            for g in (_quotation_under_closing_cue(info, c) if c.dep_ == "ccomp" else [c])
            if g.dep_ in CONTENT_DEPS
            and not _said_then_when(tok, g)
            and not clause_after_object(tok, g)
            and not _quotation_of_another_cue(info, tok, g, verbs)
            and not trailing_cue_clause(info, g, verbs)
        ]
        if not content:
            # "said: “…”" / "said “…”": a quoted object
            content = [c for c in tok.children if c.dep_ in ("dobj", "parataxis", "xcomp") and info.tok_seg[c.i] >= 0]
        if not content and lemma in verbs_of_class("question"):
            content = indirect_question(tok)
        if not content:
            content = gerund_subject_clause(tok)
    pieces_override = directive_pieces(info, tok) if not content and lemma in DIRECTIVE_VERBS else []
    if not content and lemma in ("say", "tell"):
        content = unmarked_clause(tok)
    if not content and lemma not in NAMING_VERBS and lemma != "go":
        content = clause_on_modifier(tok)
    pieces = _pieces(info, tok, content, verbs) if content else []
    if lemma in NAMING_VERBS:
        pieces = naming_pieces(info, tok)
    elif pieces_override:
        pieces = pieces_override
    elif not content and lemma != "go":
        pieces = (
            as_clause_pieces(info, tok)
            or what_says_pieces(info, tok)
            or trailing_cue_pieces(info, tok)
            or colon_quote_report_pieces(info, tok)
        )
    if (
        (tok.dep_ == "parataxis" or tok.dep_ == "ccomp" and not content and tok.head.i > tok.i)
        and tok.head.pos_ in ("VERB", "AUX")
        and info.tok_par[tok.head.i] == info.tok_par[tok.i]
        and is_parenthetical(tok)
    ):
        # "If anything, Ash argued in his email, the incident is …": a set-off cue with no content of its
        # own that the parser made the complement of the clause it interrupts reports that clause too
        pieces = around_interrupting_cue(info, tok, pieces, bool(content))
    elif not pieces and tok.dep_ == "parataxis" and tok.head.pos_ not in ("VERB", "AUX") and is_parenthetical(tok):
        pieces = around_misparsed_cue(info, tok)
    if pieces and tok.dep_ == "ROOT":
        pieces = with_preposed_clause(info, tok, pieces)
        pieces = with_clause_after_set_off_cue(info, tok, pieces, verbs)
    mended = None
    if not content and lemma not in NAMING_VERBS and lemma != "go":
        # "The plan, said Tom Baxter, would …" / "…, said Ana Ruiz, a pollster.": a set-off cue whose
        # clause the parser broke up; the speaker is not the subject it gave the cue
        mended = stolen_subject_set_off(info, tok) or (None if pieces else final_inverted_cue(info, tok))
        if mended is not None:
            pieces = mended[1]
    # "Asked whether he would resign, Ruiz said, …": a question put to the speaker is none of their words;
    # a closing cue's report that holds the answer's own cue ("Asked about it, Ruiz said: “…,” the Gazette
    # reported") runs from it
    pieces = [
        (lo, hi)
        for lo, hi in pieces
        if not question_put_to_subject(doc[lo]) or any(_cue_with_subject(doc[k], verbs) for k in range(lo, hi + 1))
    ]
    if not pieces:
        return out
    subject = _quoted_as_saying(tok) or subject_of(tok) or contracted_perfect_subject(tok)
    if subject is None and question_put_to_subject(tok):
        return out  # "Asked whether he would resign, Ruiz said …": the text does not say who asked
    inverted = inverted_set_off(info, tok) if content else mended
    if inverted is not None:  # "Part of the problem, say experts like Ana Ruiz, is …"
        subject, pieces = inverted
    if subject is not None and info.tok_par[subject.i] != info.tok_par[tok.i]:
        # the parse ran two paragraphs into one sentence; a conjunct cue then goes with the name that opens
        # its own paragraph, if any, not the subject of the verb in the paragraph before
        subject = _name_opening_paragraph(info, tok) if tok.dep_ == "conj" else None
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
            subject = _head_of_phrase(info, prev) or subject  # "A spokeswoman for Trudeau said": the spokeswoman
            if prev.pos_ == "NOUN":
                subject = _head_of_relative_clause(info, prev, tok) or subject
            if prev.ent_type_ in ("DATE", "TIME"):
                # "Ruiz, who backed the bill, last week said …": the time is when, the name opening the
                # sentence who (else the time stands in: the quote is kept, its speaker left to the names)
                subject = _opening_name(info, tok) or prev
            if subject is prev and prev.pos_ == "PROPN" and prev.head.i != tok.i:
                # the parse put the name inside the content ("“…was a real eye-opener” Ruiz says"): the
                # content ends before it, and the name is the speaker's mention
                first = prev.i
                while first > 0 and doc[first - 1].pos_ == "PROPN" and info.tok_seg[first - 1] < 0:
                    first -= 1
                pieces = [
                    (lo, hi if lo > tok.i else min(hi, first - 1)) for lo, hi in pieces if lo > tok.i or lo < first
                ]
                speaker_span = (doc[first].idx, prev.idx + len(prev.text))
    if all(hi < tok.i for _, hi in pieces):
        subject = speaker_of_inverted_cue(info, tok, subject)  # "“…,” said Ana Ruiz" with "Ruiz" hung elsewhere
    if subject is None and tok.dep_ not in ("advcl", "conj", "xcomp", "relcl", "acl", "pcomp"):
        if not _subject_lost(info, tok):
            return out  # imperative or subjectless ("Note that …", "Here's hoping …")
        pieces = [p for p in pieces if p[0] > tok.i]  # what stands before the cue is its lost subject
        # "About 4 in 10 say …": a share of people says it; "Ruiz, in the wake of the vote, told …": the
        # name that opens the sentence
        subject = _share_before(info, tok) or _opening_name(info, tok)
    if lemma in verbs_of_class("weak") and not _people(subject):
        return out
    # a content the cue interrupts ("The plan, she says, is dead"): pieces on both sides of the cue
    interrupted = any(hi < tok.i for _, hi in pieces) and any(lo > tok.i for lo, _ in pieces)
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
        least = MIN_INDIRECT_WORDS
        last = next((j for j in range(hi, lo - 1, -1) if not doc[j].is_punct), lo)
        if hi < tok.i and interrupted and doc[last].pos_ == "AUX":
            # "It was, he said, one of the bitterest failures": a subject and its copula, whose complement
            # follows the cue, are said too; not "That said, she noted …" or "Eyebrows raised, he asked …"
            least = MIN_INTERRUPTED_WORDS
        if kind == "indirect" and lemma not in NAMING_VERBS and len(info.text[s:e].split()) < least:
            continue
        if kind != "direct" and lemma in verbs_of_class("quoted"):
            continue  # "avoid answering whether …": a verb that reports only the quotation beside it
        out.append(
            Candidate(s, e, kind, tok, (tok.idx, tok.idx + len(tok.text)), subject, segs, speaker_span=speaker_span)
        )
    return out


def _quotation_of_another_cue(info: DocInfo, tok: Token, c: Token, verbs: frozenset[str]) -> bool:
    """The quotation the parse made the content of cue ``tok`` (which stands before it) has a cue of its
    own right beside it, with its own subject: "Ruiz said as the heckler yelled: “You lie!”" (the verb
    that announces it with a colon) or "… but Moscow denies — “why would you?” asked Lee" (the verb right
    after it, the attribution news puts after a quotation, unless ``tok`` stands right before the
    quotation: "he warned, “…,” Lee told the paper" is one report). That cue says it, not ``tok``."""
    k = info.tok_seg[c.i]
    if k < 0:
        return False
    doc = info.doc
    seg = info.segs[k]
    first, last = info.token_at(seg.start), info.token_at(seg.end - 1)
    if tok.i >= first:
        # "“…,” Trump said, after Quick said …": the parser made the quotation the content of a cue after
        # its own; the cue right after the quotation says it
        cue = _cue_right_after(info, last, verbs) if tok.i > last else None
        return cue is not None and cue.i < tok.i
    before = first - 1
    if before - 1 > tok.i and doc[before].text == ":" and _cue_with_subject(doc[before - 1], verbs):
        return True
    if all(doc[x].text in (",", ":") for x in range(tok.i + 1, first)):
        return False  # "he warned, “…,” Lee said": the cue right before the quotation introduces it
    return _cue_right_after(info, last, verbs) is not None


def _cue_right_after(info: DocInfo, last: int, verbs: frozenset[str]) -> Token | None:
    """The reporting verb with a subject right after a quotation that ends at token ``last`` ("“…,” Lee
    asked", "“…” said Lee"), or None."""
    doc = info.doc
    j = last + 1
    while j < len(doc) and doc[j].text in (",", "”", '"', "’", "'"):
        j += 1
    if j < len(doc) and doc[j].pos_ == "PROPN":  # "“…,” Lee asked"
        name = doc[j]
        while j < len(doc) and doc[j].pos_ == "PROPN":
            j += 1
        found = j < len(doc) and _cue_with_subject(doc[j], verbs) and name.head.i == j
        return doc[j] if found else None
    return doc[j] if j < len(doc) and _cue_with_subject(doc[j], verbs) else None


def _quotation_under_closing_cue(info: DocInfo, c: Token) -> list[Token]:
    """The content the parser hung on ``c`` when ``c`` is the closing cue after a quotation announced with
    a colon (``closing_cue_over_colon_quote``); ``[c]`` itself otherwise."""
    if closing_cue_over_colon_quote(info, c) is None:
        return [c]
    return [g for g in c.children if g.dep_ in CONTENT_DEPS]


def _cue_with_subject(w: Token, verbs: frozenset[str]) -> bool:
    """``w`` is a reporting verb with a subject of its own."""
    return w.pos_ == "VERB" and w.lemma_.lower() in verbs and any(x.dep_ == "nsubj" for x in w.children)


def _cut_participles(info: DocInfo, lo: int, hi: int, anchor: int, verbs: frozenset[str]) -> int:
    """End the content before ", adding/noting/saying …": the participle is a cue of its own."""
    doc = info.doc
    tags = info.table.tag
    for j in range(max(lo, anchor + 1), hi + 1):
        if tags[j] != "VBG":  # the column first: a Token only for a participle
            continue
        t = doc[j]
        if (
            is_cue(t, verbs)
            and info.tok_seg[j] < 0
            and j - 1 >= lo
            and doc[j - 1].text in (",", "—", "–", ";")
            and not any(c.dep_ == "nsubj" for c in t.children)
        ):
            return j - 2
    return hi


#: Subordinators that set one report against another: "Ruiz said …, while Lee said …".
_CONTRASTING = frozenset({"while", "whereas"})


def _cut_contrasted_report(info: DocInfo, lo: int, hi: int, verbs: frozenset[str]) -> int:
    """End the content before ", while Lee said …": a report of someone else's set against this one (the
    parser hangs it on the reported clause) is a quote of its own, not part of what the first one said.
    Not "while" opening a clause of the content that reports nothing ("said prices rose while wages
    stalled"), nor one whose verb has no subject of its own."""
    doc = info.doc
    lower = info.table.lower
    for j in range(lo + 1, hi + 1):
        if lower[j] not in _CONTRASTING or info.tok_seg[j] >= 0:
            continue
        t = doc[j]
        clause = t.head
        if doc[j - 1].text == "," and t.dep_ == "mark" and clause.dep_ == "advcl" and clause.i <= hi:
            if not _cue_with_subject(clause, verbs):
                continue
            cut = j - 1
            while cut > lo and doc[cut].is_punct:
                cut -= 1
            return cut
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
            if subject is not None and lo <= subject.i <= hi:
                continue  # "One attendee, who like others spoke …, said": the speaker's clause, not the words
        lo, hi = paragraph_clip(info.doc, lo, hi, c.i)
        hi = _cut_participles(info, lo, hi, c.i, verbs)
        hi = _cut_contrasted_report(info, lo, hi, verbs)
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
        if not (own or marked or _reported_predicate(tok, x, verbs)):
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


_MODALS = frozenset({"would", "could", "will", "can", "may", "might", "should", "must", "'ll", "’ll", "'d", "’d"})
_PAST = frozenset({"VBD"})
_PRESENT = frozenset({"VBZ", "VBP"})


def _reported_predicate(cue: Token, x: Token, verbs: frozenset[str]) -> bool:
    """ "said he was rooting for Denver but would now root for Carolina", "claims they adopted him and
    gained custody in August": a predicate with no subject of its own that the parser joined to the cue
    goes on with the reported clause when its tense is not the cue's (a modal, or a present after a past
    cue and the other way round): the cue's own next act shares its tense ("said X and left the room",
    "said X but declined to elaborate"). A reporting verb is a cue of its own."""
    lemma = x.lemma_.lower()
    if lemma in verbs or lemma in NAMING_VERBS or lemma in DIRECTIVE_VERBS or x.pos_ not in ("VERB", "AUX"):
        return False
    finite = [x, *(a for a in x.children if a.dep_ in ("aux", "auxpass") and a.i < x.i)]
    if any(a.lower_ in _MODALS for a in finite):
        return True
    tags = {a.tag_ for a in finite} & (_PAST | _PRESENT)
    if not tags or cue.tag_ not in _PAST | _PRESENT:
        return False
    return tags <= (_PRESENT if cue.tag_ in _PAST else _PAST)


def _quoted_as_saying(tok: Token) -> Token | None:
    """ "Ruiz was quoted (by the paper) as saying …", "A witness was cited as saying …": the speaker is the
    subject of the passive verb of quoting, not its agent (who quoted) and not no one. (The object of an
    active "quoted a witness as saying" was measured: it named worse on polnear-train.)"""
    prep = tok.head
    if tok.dep_ != "pcomp" or prep.lower_ != "as" or tok.tag_ != "VBG":
        return None
    verb = prep.head
    if verb.lemma_.lower() not in ("quote", "cite", "record", "report"):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def _people(subject: Token | None) -> bool:
    """The subject of an opinion verb is people: a person ("she", a name, "the spokeswoman"), people
    named in a list or an apposition ("Ryan and Trump agreed", "the three scholars - Tribe, Epstein and
    Amar - agreed") or a nationality or party in the plural ("Republicans agree"). Not an organisation,
    a report or data ("the court agreed", "the data suggests")."""
    if subject is None:
        return False
    if is_person(subject):
        return True
    if subject.ent_type_ == "NORP" and subject.tag_ in ("NNPS", "NNS"):
        return True
    return any(c.dep_ in ("conj", "appos") and (is_person(c) or c.ent_type_ == "PERSON") for c in subject.children)


def _said_then_when(tok: Token, clause: Token) -> bool:
    """ "said no when reporters asked if …": the verb already has what was said (an answer word or an
    object before the clause), so a clause opening with "when"/"after" is the time of saying, which the
    parser hung on the verb as its complement. Not "would not say when the talks resume" (no answer)."""
    first = clause.left_edge
    if first.lower_ not in TIME_MARKS or first.i <= tok.i:
        return False
    return any(c.dep_ in ("intj", "dobj") and tok.i < c.i < first.i for c in tok.children)


def _share_before(info: DocInfo, tok: Token) -> Token | None:
    """The lost subject of a finite cue when it is a share of people, right before the verb: "About 4 in
    10 say …", "…, about two-thirds, 67 percent, say …" (the parser hangs the number on the verb or on
    nothing). Its head word: the number, or "percent" after one. None for any other phrase (a name's
    apposition before the verb is found in the paragraph instead)."""
    doc = info.doc
    j = tok.i - 1
    while j >= 0 and (doc[j].dep_ in ("advmod", "aux", "neg") or doc[j].tag_ == "RB"):
        j -= 1
    if j >= 0 and doc[j].text == ",":
        j -= 1
    if j < 1 or info.tok_seg[j] >= 0 or info.tok_par[j] != info.tok_par[tok.i]:
        return None
    t = doc[j]
    if doc[j - 1].text == ",":
        return None  # "Marcel Lazar, 44, said": an age set off after a name
    if t.pos_ == "NUM" or t.lower_ in ("percent", "%") and doc[j - 1].pos_ == "NUM":
        return t
    return None


def _head_of_relative_clause(info: DocInfo, last: Token, verb: Token) -> Token | None:
    """The noun a relative clause ending in ``last`` describes, when that clause ends right before the
    verb that lost its subject: in "an official who spoke to discuss strategy said …" the official says
    it, not the strategy. The outermost such noun below the verb; None when ``last`` is in no relative
    clause (or in one of another sentence or paragraph: a misparse across them)."""
    found = None
    sent = info.tok_sent[verb.i]
    for a in last.ancestors:
        if a.i == verb.i:
            break
        head = a.head
        if a.dep_ == "relcl" and head.i < a.i and head.pos_ in ("NOUN", "PROPN", "PRON"):
            if info.tok_sent[head.i] != sent or info.tok_par[head.i] != info.tok_par[verb.i]:
                break
            found = head
    return found


def _head_of_phrase(info: DocInfo, last: Token) -> Token | None:
    """The noun for a person or a body whose prepositional phrase ends in ``last``, the word right before a
    verb that lost its subject: in "A spokeswoman for Trudeau said …" and "Members of the board said …" the
    spokeswoman and the members say it, not Trudeau or the board. None when ``last`` is no object of a
    preposition after such a noun in its paragraph ("a number of residents said": the residents)."""
    if last.dep_ != "pobj" or last.head.dep_ != "prep" or last.head.lower_ not in ("for", "of", "at", "with"):
        return None
    noun = last.head.head
    if noun.i >= last.i or noun.pos_ != "NOUN" or info.tok_par[noun.i] != info.tok_par[last.i]:
        return None
    lemma = noun.lemma_.lower()
    if lemma in _SHARES:
        return None
    return noun if animate_noun(lemma) or lemma in PERSON_NOUNS or lemma in ORG_NOUNS else None


#: Nouns for a share of a group: "a number of residents say …" is said by the residents.
_SHARES = frozenset(
    {"number", "majority", "minority", "lot", "handful", "dozen", "hundred", "thousand", "share", "proportion"}
    | {"fraction", "percent", "half", "third", "quarter", "rest", "bulk", "plurality", "couple", "pair"}
)


def _modifier_of_verb(t: Token) -> bool:
    """An adverb, auxiliary or time phrase between a subject and its verb ("has", "also", "last week")."""
    return t.dep_ in ("advmod", "aux", "neg", "npadvmod") or t.tag_ == "RB" or t.ent_type_ in ("DATE", "TIME")


def _opening_name(info: DocInfo, tok: Token) -> Token | None:
    """The name that opens the sentence of a finite cue whose subject the parse lost, when what stands
    between them is set off by commas: "Ruiz, in the wake of a poll showing her behind, told …", "Ruiz,
    who backed the bill, last week said …". Its last word; None when the sentence opens otherwise or the
    verb does not follow a comma (a name in the middle of a clause is no subject of it)."""
    doc = info.doc
    s_lo = info.sent_bounds[info.tok_sent[tok.i]][0]
    while s_lo < tok.i and doc[s_lo].is_space:
        s_lo += 1
    j = s_lo
    while j < tok.i and (doc[j].pos_ == "PROPN" or doc[j].ent_type_ == "PERSON") and info.tok_seg[j] < 0:
        j += 1  # a name the tagger missed is still a person's name
    if j == s_lo or j >= tok.i or doc[j].text != "," or info.tok_par[s_lo] != info.tok_par[tok.i]:
        return None
    if doc[j - 1].ent_type_ not in ("PERSON", "ORG", "NORP"):
        return None
    k = tok.i - 1
    while k > j and _modifier_of_verb(doc[k]):
        k -= 1
    return doc[j - 1] if k > j and doc[k].text == "," else None


def _name_opening_paragraph(info: DocInfo, tok: Token) -> Token | None:
    """The name that opens the paragraph of a conjunct cue which the parse hung on a verb in the paragraph
    before: in "Ruiz, speaking on the radio, called the plan “reckless,” and said …" after a paragraph the
    parse ran into this one, Ruiz speaks. Its last word, when a comma follows the name (an aside or a
    first verb phrase comes next), "and" stands right before the cue, and no noun phrase between them is
    a subject (which would open a clause of its own: "Ruiz, who chairs it, said the vote failed and
    said …" leaves "the vote" there, so the rule stays out)."""
    doc = info.doc
    par = info.tok_par[tok.i]
    start = tok.i
    while start > 0 and info.tok_par[start - 1] == par:
        start -= 1
    while start < tok.i and doc[start].is_space:
        start += 1
    j = start
    while j < tok.i and (doc[j].pos_ == "PROPN" or doc[j].ent_type_ == "PERSON") and info.tok_seg[j] < 0:
        j += 1
    # a name the recogniser left unlabelled still counts; one it labels a place, a date or a thing does not
    if j == start or j >= tok.i or doc[j].text != "," or doc[j - 1].ent_type_ not in ("PERSON", "ORG", "NORP", ""):
        return None
    if doc[tok.i - 1].lower_ != "and":
        return None
    if any(t.dep_ in ("nsubj", "nsubjpass", "csubj") for t in doc[j : tok.i]):
        return None
    return doc[j - 1]


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
    while j >= s_lo and (_modifier_of_verb(doc[j])):
        j -= 1
    if j >= s_lo and doc[j].text == ",":
        j -= 1
    return (
        j >= s_lo
        and info.tok_par[j] == info.tok_par[tok.i]
        and info.tok_seg[j] < 0
        and doc[j].pos_ in ("PROPN", "NOUN", "PRON", "NUM")
    )


__all__ = ["DATELINE", "reporting_verb_candidates"]
