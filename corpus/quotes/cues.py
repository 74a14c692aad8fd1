"""Pass 1 of extraction: quotes introduced by a cue.

``cue_candidates`` walks the Doc once: "…, according to X"
(``according_to_candidates``, here) and reporting verbs with their content
(``corpus.quotes.verb_cues``); ``embedded_posts`` adds tweets pasted into the
article. Pass 2's cues beside quoted stretches are in
``corpus.quotes.nearby_cues``.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress
from typing import TYPE_CHECKING

from corpus.quotes.account_sources import lost_relative_clause
from corpus.quotes.content_shapes import SPEECH_NOUNS, speech_noun_content
from corpus.quotes.docinfo import (
    FINITE_TAGS,
    MIN_DIRECT_WORDS,
    MIN_INDIRECT_WORDS,
    Candidate,
    DocInfo,
    classify,
    one_sentence,
    span_of,
    trim,
)
from corpus.quotes.nearby_cues import is_person
from corpus.quotes.paragraphs import paragraph_clip
from corpus.quotes.verb_cues import cue_lemmas, reporting_verb_candidates
from corpus.quotes.verbs import reporting_verbs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_EMBEDDED_POST = re.compile(
    r"(?P<body>[^\n]*?\S)\s*(?:(?:pic\.twitter\.com|https?://t\.co)/\S+\s*)*[—–]\s*"
    r"(?P<name>[^\n(@—–]{2,80}?)\s*\(@\w{1,30}\)[^\n]*$",
    re.MULTILINE,
)
_PAR_GAP = re.compile(r"\n[ \t\n]*")
MAX_POST_CHARS = 320  # a tweet: 280 characters, links and hashtags aside


def according_to_candidates(info: DocInfo, tok: Token) -> list[Candidate]:
    """ "…, according to X" at ``tok`` ("according"): the clause it attributes, on either side."""
    doc = info.doc
    to = doc[tok.i + 1]
    out: list[Candidate] = []
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    head = tok.head
    if pobj is None or head.i == tok.i:
        return []
    if info.tok_par[pobj.i] != info.tok_par[tok.i]:
        pobj = _source_before_break(info, to)
        if pobj is None:
            return []
    a_lo, a_hi = tok.left_edge.i, max(tok.right_edge.i, to.right_edge.i)
    # the attributed content is the main clause, whatever the phrase hangs on (the parser hangs
    # a final "…, according to X." on the nearest verb); a reporting verb in it makes a quote of
    # its own (resolve_overlaps)
    s_lo, s_hi = info.sent_bounds[info.tok_sent[tok.i]]
    h_lo = min(head.left_edge.i, s_lo)
    h_hi = max(head.right_edge.i, s_hi - 1)
    h_lo, h_hi = paragraph_clip(info.doc, h_lo, h_hi, tok.i)
    inside = _parentheses_around(info, tok.i, a_hi)
    if inside is not None:  # "… his claim (the actual number is 15 percent, according to X).": X says what
        h_lo, h_hi = max(h_lo, inside[0]), min(h_hi, inside[1])  # the parentheses hold, not the sentence
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
        if hi == right[1] and out and not _attributed_right(doc, lo, hi):
            continue
        if hi == right[1] and lost_relative_clause(pobj) is not None:
            continue  # "according to an interview his brother gave to ITV": the account's own clause
        s, e = span_of(info, lo, hi)
        s, e = trim(info.text, s, e)
        if len(info.text[s:e].split()) < 3:
            continue
        s, e = one_sentence(info, s, e, tok.idx)
        kind, s, e, segs = classify(info, s, e)
        out.append(Candidate(s, e, kind, tok, (tok.idx, to.idx + len(to.text)), pobj, segs))
    return out


#: How far to look for the parentheses around "according to X" (a parenthesis holds a clause or two).
_PAREN_REACH = 60


def _parentheses_around(info: DocInfo, i: int, last: int) -> tuple[int, int] | None:
    """The first and last token inside the parentheses that hold "according" at ``i`` (whose phrase ends at
    ``last``), in its paragraph; None when it stands in none ("…, according to X (a think tank)")."""
    lower, par = info.table.lower, info.tok_par[i]
    j = i - 1
    while j >= max(0, i - _PAREN_REACH) and info.tok_par[j] == par and lower[j] not in ("(", ")"):
        j -= 1
    if j < 0 or info.tok_par[j] != par or lower[j] != "(":
        return None
    k = last + 1
    while k < min(len(lower), last + _PAREN_REACH) and info.tok_par[k] == par and lower[k] not in ("(", ")"):
        k += 1
    if k >= len(lower) or info.tok_par[k] != par or lower[k] != ")":
        return None
    return j + 1, k - 1


def _source_before_break(info: DocInfo, to: Token) -> Token | None:
    """The source named by "according to" when the parse ran its noun phrase into the next paragraph: in
    "…, according to the F.A.A.↵↵Most people who own aircraft …" the abbreviation's dot hid the sentence's
    end, and the phrase's head is "people"; the source is the last noun before the break."""
    doc, par = info.doc, info.tok_par[to.i]
    j = to.i + 1
    while j < len(doc) and info.tok_par[j] == par:
        j += 1
    return next((doc[k] for k in range(j - 1, to.i, -1) if doc[k].pos_ in ("NOUN", "PROPN")), None)


def _attributed_right(doc: Doc, lo: int, hi: int) -> bool:
    """What follows "…, according to X," after a clause it already attributes is attributed too only
    when it goes on with that clause: a clause of its own, not opened by a conjunction. "…, according
    to a tally, but his path is narrowing" starts a new claim; "…, according to the center, half a
    point of GDP" is no clause."""
    first = next((j for j in range(lo, hi + 1) if not doc[j].is_punct and not doc[j].is_space), None)
    if first is None or doc[first].dep_ in ("cc", "mark"):
        return False
    return any(doc[j].tag_ in FINITE_TAGS for j in range(first, hi + 1))


def speech_noun_candidates(info: DocInfo, tok: Token) -> list[Candidate]:
    """ "Trump's claim that Obama founded the group", "her remark that …": the clause of a noun naming
    something said (``speech_noun_content``) is a quote of the noun's source, in the noun's sentence."""
    found = speech_noun_content(tok)
    if found is None:
        return []
    clause, source = found
    if info.tok_par[source.i] != info.tok_par[tok.i]:
        return []
    lo, hi = paragraph_clip(info.doc, clause.left_edge.i, clause.right_edge.i, clause.i)
    s, e = span_of(info, lo, hi)
    s, e = one_sentence(info, s, e, tok.idx)
    if s >= e or len(info.text[s:e].split()) < MIN_INDIRECT_WORDS + 1:
        return []
    kind, s, e, segs = classify(info, s, e)
    return [Candidate(s, e, kind, tok, (tok.idx, tok.idx + len(tok.text)), source, segs)]


#: Nouns of a judgement someone gives: "“…,” is the verdict of Ana Ruiz" says whose words the quotation is.
VERDICT_NOUNS = frozenset(
    {"assessment", "verdict", "view", "judgment", "judgement", "conclusion", "opinion", "diagnosis", "summary"}
)


def verdict_noun_candidates(info: DocInfo, tok: Token) -> list[Candidate]:
    """ "“The voters are keener on it than we are,” is the dry assessment of Ana Ruiz, …": a quotation that
    opens its sentence as the subject of "be", whose complement is a noun of judgement (``tok``): the one
    named by its "of" says it. Not "That is the view of the council" (no quotation) nor "the view of the
    river" (nobody who can speak)."""
    doc = info.doc
    be = tok.head
    if tok.dep_ != "attr" or be.lemma_ != "be" or be.i > tok.i:
        return []
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    source = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if source is None or not is_person(source) and source.ent_type_ not in ("ORG", "NORP"):
        return []
    j = be.i - 1
    while j >= 0 and doc[j].is_punct and info.tok_seg[j] < 0:
        j -= 1  # a closing mark and a comma outside it
    if j < 0 or info.tok_seg[j] < 0:
        return []
    seg = info.segs[info.tok_seg[j]]
    s_lo = info.sent_bounds[info.tok_sent[be.i]][0]
    if seg.start > doc[s_lo].idx + len(doc[s_lo].text_with_ws) or info.tok_par[s_lo] != info.tok_par[be.i]:
        return []  # the quotation opens the sentence: it is what "is" says something of
    kind, s, e, segs = classify(info, seg.start, seg.end)
    return [Candidate(s, e, kind, tok, (tok.idx, tok.idx + len(tok.text)), source, segs)]


def cue_candidates(info: DocInfo) -> list[Candidate]:
    """Every quote a cue introduces, outside quote marks and link paragraphs."""
    doc = info.doc
    table = info.table
    tokens, lower, pos, lemma = table.tokens, table.lower, table.pos, table.lemma
    verbs = reporting_verbs()
    # a cheap test on the columns first: most tokens are no cue of any kind
    verb_lemmas = cue_lemmas(verbs)
    out: list[Candidate] = []
    cue_words = SPEECH_NOUNS | VERDICT_NOUNS | verb_lemmas
    # the tokens any branch below takes up (most take up none), found on the columns in one pass: a branch
    # added below must add the words it takes up here
    n = len(lemma)
    found = set(compress(range(n), map(cue_words.__contains__, lemma)))
    found.update(compress(range(n), map("according".__eq__, lower)))
    for i in sorted(found):
        if info.tok_seg[i] >= 0 or info.tok_par[i] in info.boiler_pars:
            continue
        if lower[i] == "according" and i + 1 < len(doc) and lower[i + 1] == "to":
            out += according_to_candidates(info, tokens[i])
        elif pos[i] == "NOUN":
            if lemma[i] in SPEECH_NOUNS:
                out += speech_noun_candidates(info, tokens[i])
            elif lemma[i] in VERDICT_NOUNS:
                out += verdict_noun_candidates(info, tokens[i])
        elif lemma[i] in verb_lemmas:
            out += reporting_verb_candidates(info, tokens[i], verbs)
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


__all__ = ["according_to_candidates", "cue_candidates", "embedded_posts", "speech_noun_candidates"]
