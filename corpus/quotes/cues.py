"""Pass 1 of extraction: quotes introduced by a cue.

Two builders: ``according_to_candidates`` ("…, according to X") and
``reporting_verb_candidates`` (a reporting verb from
``corpus/data/reporting_verbs.txt``, by lemma, with its clausal complement,
a quoted object, ``call X “Y”`` or ``go on``), plus tweets pasted into the
article (``embedded_posts``). ``near_cue`` finds the reporting verb beside a
quoted stretch no cue claimed (pass 2).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from corpus.coref.lexicon import PERSON_NOUNS
from corpus.quotes.docinfo import (
    CONTENT_DEPS,
    MIN_DIRECT_WORDS,
    MIN_INDIRECT_WORDS,
    Candidate,
    DocInfo,
    classify,
    false_sentence_end,
    one_sentence,
    span_of,
    trim,
)
from corpus.quotes.paragraphs import paragraph_clip
from corpus.quotes.speakers import subject_of
from corpus.quotes.verbs import reporting_verbs, verbs_of_class

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

_EMBEDDED_POST = re.compile(
    r"(?P<body>[^\n]*?\S)\s*(?:(?:pic\.twitter\.com|https?://t\.co)/\S+\s*)*[—–]\s*"
    r"(?P<name>[^\n(@—–]{2,80}?)\s*\(@\w{1,30}\)[^\n]*$",
    re.MULTILINE,
)
_PAR_GAP = re.compile(r"\n[ \t\n]*")
MAX_POST_CHARS = 320  # a tweet: 280 characters, links and hashtags aside
DATELINE = re.compile(r"\A[A-Z][A-Z .,'-]{1,40}(?:\([A-Za-z .]+\))?\s*[—–-]+\s*")


def is_cue(tok: Token, verbs: frozenset[str]) -> bool:
    return tok.lemma_.lower() in verbs and (tok.pos_ == "VERB" or tok.tag_.startswith("VB"))


def is_reporting_use(tok: Token) -> bool:
    """Not negated ("would not say"), not passive ("was told"), not conditional ("if she feels")."""
    passive = False
    for c in tok.children:
        if c.dep_ == "neg":
            return False
        if c.dep_ in ("auxpass", "nsubjpass"):
            passive = True
        if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
            return False
    if passive and not any(c.dep_ == "agent" for c in tok.children):
        return False
    return True


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
    # reported one (its own subject, or "that") continues the content
    doc = info.doc
    for x in tok.children:
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


def according_to_candidates(info: DocInfo, tok: Token) -> list[Candidate]:
    """ "…, according to X" at ``tok`` ("according"): the clause it attributes, on either side."""
    doc = info.doc
    to = doc[tok.i + 1]
    out: list[Candidate] = []
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    head = tok.head
    if pobj is None or head.i == tok.i:
        return []
    a_lo, a_hi = tok.left_edge.i, max(tok.right_edge.i, to.right_edge.i)
    # the attributed content is the main clause, whatever the phrase hangs on (the parser hangs
    # a final "…, according to X." on the nearest verb); a reporting verb in it makes a quote of
    # its own (resolve_overlaps)
    s_lo, s_hi = info.sent_bounds[info.tok_sent[tok.i]]
    h_lo = min(head.left_edge.i, s_lo)
    h_hi = max(head.right_edge.i, s_hi - 1)
    h_lo, h_hi = paragraph_clip(info.doc, h_lo, h_hi, tok.i)
    left = (h_lo, a_lo - 1)
    right = (a_hi + 1, h_hi)
    for lo, hi in (left, right):
        if hi - lo < 2:
            continue
        last = hi
        while last > lo and doc[last].is_punct:
            last -= 1
        if hi == left[1] and (doc[last].dep_ in ("cc", "mark") or doc[last].tag_ in ("WDT", "WP")):
            continue  # "… his defence and, according to X, …": it covers what follows only
        s, e = span_of(info, lo, hi)
        s, e = trim(info.text, s, e)
        if len(info.text[s:e].split()) < 3:
            continue
        s, e = one_sentence(info, s, e, tok.idx)
        kind, s, e, segs = classify(info, s, e)
        out.append(Candidate(s, e, kind, tok, (tok.idx, to.idx + len(to.text)), pobj, segs))
    return out


def reporting_verb_candidates(info: DocInfo, tok: Token, verbs: frozenset[str]) -> list[Candidate]:
    """A reporting verb (or ``call``, ``go on``) at ``tok`` with its content: a clausal complement, a quoted
    object, the name given; its speaker the verb's subject."""
    doc = info.doc
    out: list[Candidate] = []
    lemma = tok.lemma_.lower()
    if not (is_cue(tok, verbs) or lemma in ("call", "go")) or not is_reporting_use(tok):
        return []
    if lemma == "call":
        content = [c for c in tok.children if c.dep_ == "oprd"]
        quoted = [c for c in content if any(info.tok_seg[t.i] >= 0 for t in c.subtree)]
        content = quoted or content[-1:]  # "called the minister a “chicken”": the name given
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
    if not content and lemma in ("say", "tell"):
        content = _unmarked_clause(tok)
    pieces = _pieces(info, tok, content, verbs) if content else []
    if not content and lemma not in ("call", "go"):
        pieces = _as_clause_pieces(info, tok) or _what_says_pieces(info, tok) or _trailing_cue_pieces(info, tok)
    if (
        tok.dep_ == "parataxis"
        and tok.head.pos_ in ("VERB", "AUX")
        and info.tok_par[tok.head.i] == info.tok_par[tok.i]
        and _is_parenthetical(tok)
    ):
        pieces = _around_interrupting_cue(info, tok, pieces, bool(content))
    if not pieces:
        return out
    subject = subject_of(tok)
    if subject is not None and info.tok_par[subject.i] != info.tok_par[tok.i]:
        subject = None
    if subject is not None and subject.lower_ in ("that", "this") and not list(subject.children):
        return out  # "That said, …"
    if subject is None and tok.i > 0:
        prev = doc[tok.i - 1]
        if (
            (prev.pos_ == "PROPN" or tok.dep_ in ("ROOT", "ccomp") and prev.pos_ in ("NOUN", "PRON"))
            and info.tok_par[prev.i] == info.tok_par[tok.i]
            and info.tok_seg[prev.i] < 0
        ):
            subject = prev  # a misparsed subject right before the verb ("Champagne tweeted that …")
    if subject is None and all(hi < tok.i for _, hi in pieces):
        subject = name_after_cue(info, tok)  # "“…,” said Ana Ruiz" with "Ruiz" hung elsewhere
    if subject is None and tok.dep_ not in ("advcl", "conj", "xcomp", "relcl", "acl", "pcomp"):
        if not _subject_lost(info, tok):
            return out  # imperative or subjectless ("Note that …", "Here's hoping …")
        pieces = [p for p in pieces if p[0] > tok.i]  # what stands before the cue is its lost subject
    if lemma in verbs_of_class("weak") and not _is_person(subject):
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
        if kind == "indirect" and lemma != "call" and len(info.text[s:e].split()) < MIN_INDIRECT_WORDS:
            continue
        if lemma == "call" and not segs and len(info.text[s:e].split()) < 3:
            continue
        out.append(Candidate(s, e, kind, tok, (tok.idx, tok.idx + len(tok.text)), subject, segs))
    return out


def cue_candidates(info: DocInfo) -> list[Candidate]:
    """Every quote a cue introduces, outside quote marks and link paragraphs."""
    doc = info.doc
    verbs = reporting_verbs()
    out: list[Candidate] = []
    for tok in doc:
        if info.tok_seg[tok.i] >= 0 or info.tok_par[tok.i] in info.boiler_pars:
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            out += according_to_candidates(info, tok)
        else:
            out += reporting_verb_candidates(info, tok, verbs)
    return out


def embedded_posts(info: DocInfo) -> list[Candidate]:
    """Tweets pasted into the article: the post's text is a quote by the account's owner."""
    out: list[Candidate] = []
    text = info.text
    if "(@" not in text:
        return out
    usual = None
    for m in _EMBEDDED_POST.finditer(text):
        s, e = m.start("body"), m.end("body")
        while s < e and text[s] in " \t":
            s += 1
        if usual is None:  # the article's own paragraph break: how many line breaks, mostly
            usual = Counter(g.count("\n") for g in _PAR_GAP.findall(text)).most_common(1)[0][0]
        s = _post_start(text, s, e, usual)
        if (
            len(text[s:e].split()) < MIN_DIRECT_WORDS
            or info.segs_overlapping(s, e)
            and classify(info, s, e)[0] == "direct"
        ):
            continue
        name_s, name_e = m.start("name"), m.end("name")
        out.append(
            Candidate(
                s, e, "direct", None, None, None, tuple(info.segs_overlapping(s, e)), speaker_span=(name_s, name_e)
            )
        )
    return out


def _post_start(text: str, s: int, e: int, usual: int) -> int:
    """Where a post whose last paragraph starts at ``s`` begins: a post pasted with its own paragraph
    breaks, set apart by a wider (or narrower) break than the article's ``usual`` one, takes the
    paragraphs before it back to the last usual break, within a post's length."""
    while True:
        k = s
        while k > 0 and text[k - 1] in " \t\n":
            k -= 1
        if k == 0 or text.count("\n", k, s) in (0, usual):
            return s
        p = text.rfind("\n", 0, k) + 1
        if e - p > MAX_POST_CHARS or "(@" in text[p:k]:
            return s
        s = p


def _unmarked_clause(tok: Token) -> list[Token]:
    """ "told CTV in an interview China is applying pressure": a clause with its own subject and object
    that the parser hung on a noun as a relative clause; no relative clause has both (nor lacks a
    relativiser with them), so it is the reported clause."""
    for t in tok.subtree:
        if t.i <= tok.i or t.dep_ != "relcl":
            continue
        subj = next((x for x in t.children if x.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ in ("who", "which", "that", "whom", "whose") or subj.i < t.head.i:
            continue
        if any(x.dep_ in ("dobj", "attr", "acomp", "ccomp") for x in t.children) and not any(
            x.tag_ in ("WDT", "WP", "WP$", "WRB") for x in t.subtree if x.i < t.i
        ):
            return [t]
    return []


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
        after = tok.right_edge.i if doc[tok.right_edge.i].text in _SET_OFF else tok.right_edge.i + 1
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


def _is_person(tok: Token | None) -> bool:
    if tok is None:
        return False
    if tok.lower_ in ("he", "she", "i", "we"):
        return True
    if tok.ent_type_ == "PERSON":
        return True
    return tok.lemma_.lower() in PERSON_NOUNS


def near_cue(info: DocInfo, k: int) -> Token | None:
    """A reporting verb in the sentence around quote segment ``k``: after it first, then before."""
    doc = info.doc
    verbs = reporting_verbs()
    seg = info.segs[k]
    text = info.text
    # after: from the closing mark to the end of that sentence (not into the next quote or paragraph)
    i = info.token_at(seg.end - 1) + 1
    if i < len(doc) and seg.closed:
        si = info.tok_sent[min(i, len(doc) - 1)]
        stop = info.sent_bounds[si][1]
        inner = text[seg.inner_start : seg.inner_end].rstrip()
        # a quote that ends its sentence takes only a cue right after it ("“….” said Bains.")
        reach = 4 if inner[-1:] in ".!?" else 10
        for j in range(i, min(stop + 12, len(doc), i + reach)):
            t = doc[j]
            if info.tok_seg[j] >= 0 or "\n" in t.text:
                break
            if is_cue(t, verbs) and is_reporting_use(t):
                return t
            if j >= stop and t.is_sent_start and j != i:
                break
            if t.text in ".!?" and j > i:
                break
    # before: from the sentence start to the opening mark
    i = info.token_at(seg.start)
    si = info.tok_sent[i]
    lo = info.sent_bounds[si][0]
    for j in range(i - 1, lo - 1, -1):
        t = doc[j]
        if info.tok_seg[j] >= 0 or "\n" in t.text:
            break
        if not is_cue(t, verbs):
            continue
        earlier = [c for c in t.children if c.dep_ in CONTENT_DEPS and c.i < i]
        if not earlier:
            return t
        if doc[i - 1].text == "," and all(info.tok_seg[c.i] >= 0 for c in earlier):
            return t  # “A,” she said, “B”: the cue interrupts one quotation; B is hers too
    return colon_cue(info, k)


def colon_cue(info: DocInfo, k: int) -> Token | None:
    """The verb of a clause that ends in a colon right before quote segment ``k``, in its paragraph or
    at the end of the paragraph before: "He said: “…”", "Pence continued:\n\n“…”", "Hannity
    interjected: “…”".

    The verb must head the colon's clause and have a subject. A reporting verb qualifies as it is;
    any other verb only with a person (or a named speaker) as subject and no object or complement before the colon: a
    person who "continued", "shot back" or "demurred" right before a quotation says it, while "She
    made a promise: “…”" or "He was blunt: “…”" introduce no speech of their own."""
    doc = info.doc
    seg = info.segs[k]
    j = info.token_at(seg.start) - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0 or doc[j].text != ":" or info.tok_seg[j] >= 0:
        return None
    if info.text.count("\n", doc[j].idx + 1, seg.start) > 2:
        return None
    verb = doc[j].head
    if verb.i > j:  # the parse made the quoted verb the root and the introducing verb its complement
        lo = info.sent_bounds[info.tok_sent[j]][0]
        verb = next((t for t in reversed(doc[lo:j]) if t.pos_ == "VERB" and t.head.i > j), verb)
    if verb.i >= j or info.tok_sent[verb.i] != info.tok_sent[j] or info.tok_seg[verb.i] >= 0:
        return None
    if not is_reporting_use(verb) or any(c.dep_ in ("ccomp", "xcomp") and c.i < j for c in verb.children):
        return None
    subject = subject_of(verb)
    if subject is None:
        return None
    if is_cue(verb, reporting_verbs()):
        return verb
    if verb.pos_ != "VERB" or not (_is_person(subject) or _is_named(subject)):
        return None
    if any(c.dep_ in _OBJECTS and c.i < j for c in verb.children):
        return None
    return verb


#: Entity labels of things that never speak: a name label of one of these ("Iowa:") is a heading.
_NOT_SPEAKERS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
_LABEL_OPENERS = frozenset({"-", "—", "–", ".", "!", "?", "]", ")"})


def colon_label(info: DocInfo, k: int) -> SpacySpan | None:
    """The speaker label of a quotation in interview, transcript and round-up style: a proper name
    alone between a boundary (paragraph start, sentence end or a dash) and a colon right before quote
    segment ``k`` ("Clinton: “…”", "Turnout is up - Ana Ruiz and Li Wei: “…”", "More from Ruiz:
    “…”"). Returns the name.

    A place, date or title is a heading, not a speaker ("Iowa: “…”"); a name inside a clause ("Vote
    for Clinton: “…”") is no label."""
    doc = info.doc
    seg = info.segs[k]
    j = info.token_at(seg.start) - 1
    while j >= 0 and doc[j].is_space and doc[j].text.count("\n") <= 2:
        j -= 1
    if j < 1 or doc[j].text != ":" or info.tok_seg[j] >= 0:
        return None
    i = j
    while i > 0 and info.tok_seg[i - 1] < 0 and j - i < 9:
        t = doc[i - 1]
        if t.pos_ != "PROPN" and not (t.lower_ in ("and", "&") and i < j and doc[i - 2].pos_ == "PROPN"):
            break
        i -= 1
    if i == j:
        return None
    opener = i - 1
    if opener >= 0 and doc[opener].lower_ == "from":  # "More from Jones:", "From Ana Ruiz:"
        opener -= 1 if opener > 0 and doc[opener - 1].lower_ == "more" else 0
        opener -= 1
    if opener >= 0 and not (doc[opener].is_space or doc[opener].text in _LABEL_OPENERS):
        return None
    name = doc[i:j]
    if any(t.ent_type_ in _NOT_SPEAKERS for t in name):
        return None
    return name


def name_after_cue(info: DocInfo, cue: Token) -> Token | None:
    """The name right after an inverted cue whose subject the parse hung elsewhere ("“…,” said Ana
    Ruiz, the mayor" where a missed sentence break made "Ruiz" the subject of the next paragraph's
    verb): the last token of the proper-name run that follows the verb in its paragraph."""
    doc = info.doc
    j = cue.i + 1
    last = None
    while j < len(doc) and doc[j].pos_ == "PROPN" and info.tok_par[j] == info.tok_par[cue.i] and info.tok_seg[j] < 0:
        last = doc[j]
        j += 1
    if last is None or any(t.ent_type_ in _NOT_SPEAKERS for t in doc[cue.i + 1 : j]):
        return None  # "“…,” said Monday": a date, not who said it
    return last


def _is_named(tok: Token) -> bool:
    """A proper name, also where the small model tags a name as a noun ("Hannity"): capitalised and
    without a determiner ("The crowd" is not named)."""
    if tok.pos_ == "PROPN":
        return True
    return tok.pos_ == "NOUN" and tok.text[:1].isupper() and not any(c.dep_ == "det" for c in tok.children)


#: Dependents that give a verb content of its own before a colon ("made a promise:", "was blunt:").
_OBJECTS = frozenset({"dobj", "attr", "acomp", "oprd", "dative"})


__all__ = [
    "colon_cue",
    "colon_label",
    "name_after_cue",
    "cue_candidates",
    "embedded_posts",
    "is_cue",
    "is_reporting_use",
    "near_cue",
]
