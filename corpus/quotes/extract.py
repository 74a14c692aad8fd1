"""Quote extraction over a parsed Doc: pure rules on the dependency parse.

Four passes, each linear in the number of tokens (the per-Doc structures — quote
segments, token → segment / sentence / paragraph — are computed once):

1. **Cues.** Every reporting verb (``corpus/data/reporting_verbs.txt``, by
   lemma) outside quote marks with a clausal complement ("Bains said China is
   …", "told CTV that …", "“…,” he said"), plus ``according to X``, ``call X
   “Y”`` and ``go on``. The complement is the quote: *direct* when it lies
   inside quote marks (span = the quoted stretch, marks included), *mixed*
   when it combines quoted and unquoted text, *indirect* otherwise. The
   speaker is the verb's subject (inherited by participles: "…, adding that").
2. **Quoted stretches** not claimed yet take the nearest reporting verb of
   their sentence (``“…” Farinloye says``) as a *direct* quote.
3. **Multi-paragraph quotes**: a paragraph that opens a quote without closing
   it shares the cue and speaker of the next paragraph's quote.
4. **Floating quotes**: a quoted sentence or paragraph with no cue that
   continues the previous speaker.

No two quotes overlap (``_resolve_overlaps``): a report inside a report is
one quote, the outer one ("lying when they say …") unless the inner cue is
the reported clause itself ("According to CTV, Bains told … China is …":
Bains's), and a cue clause coordinated with a content ends it ("admitted X
but argued Y"). Content outside quote marks stays within one sentence.

Scare quotes, titles and single quoted words never become quotes on their own;
nor does anything in "READ MORE:"-style link paragraphs. Speakers are resolved
in text order by ``corpus.quotes.speakers.SpeakerResolver``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.models import Entity, Quote, Span, entity_key
from corpus.quotes.marks import quote_segments
from corpus.quotes.paragraphs import paragraph_clip
from corpus.quotes.speakers import (
    DOCUMENT_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PRONOUNS_NARRATOR,
    SpeakerResolver,
    mention_bounds,
    subject_of,
)
from corpus.quotes.verbs import WEAK_VERBS, reporting_verbs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from corpus.names import NameIndex

CONTENT_DEPS = ("ccomp",)
MIN_FLOATING_WORDS = 3
MIN_DIRECT_WORDS = 3
MIN_INDIRECT_WORDS = 3
_SENT_END = ".?!:…"
_TRIM_CHARS = " \t\n,;:—–-"
_PAR_START = re.compile(r"(?:\A|\n)\s*")
_BOILERPLATE = re.compile(
    r"(?:READ MORE|WATCH|RELATED|LISTEN|SEE ALSO|MORE|CLICK HERE|ALSO READ|Read more|Watch|"
    r"Related|RELATED ARTICLE|RELATED VIDEO)\s*:"
)
# An embedded social-media post as news sites paste it: "<text> pic.twitter.com/… — Name (@handle) Date"
_EMBEDDED_POST = re.compile(
    r"(?P<body>[^\n]*?\S)\s*(?:(?:pic\.twitter\.com|https?://t\.co)/\S+\s*)*[—–]\s*"
    r"(?P<name>[^\n(@—–]{2,80}?)\s*\(@\w{1,30}\)[^\n]*$",
    re.MULTILINE,
)
_SENT_BREAK = re.compile(r"(\S*?)([.!?])[”\"’]?\s+(?=[“\"‘A-Z])")
_ABBREV = re.compile(r"[A-Z][a-z]{0,3}|\S*\.\S*|")  # titles, initials, abbreviations, nothing
_PAR_GAP = re.compile(r"\n[ \t\n]*")
MAX_POST_CHARS = 320  # a tweet: 280 characters, links and hashtags aside
_DATELINE = re.compile(r"\A[A-Z][A-Z .,'-]{1,40}(?:\([A-Za-z .]+\))?\s*[—–-]+\s*")


@dataclass
class _Cand:
    start: int
    end: int
    kind: str
    cue: Token | None  # the cue token (or "according")
    cue_span: tuple[int, int] | None
    subject: Token | None
    segs: tuple[int, ...]  # indexes of the quote segments it uses
    inherited: bool = False  # floating: speaker of the previous quote
    speaker_span: tuple[int, int] | None = None  # a speaker named outside the parse (embedded posts)


class _DocInfo:
    """Per-doc structures computed once: quote segments, token → segment, token → sentence."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.segs = quote_segments(self.text)
        self.seg_starts = [s.start for s in self.segs]
        n = len(doc)
        self.tok_seg = [-1] * n
        self.tok_starts = [0] * n
        # paragraph number of each token (a paragraph ends at a line break)
        self.tok_par = [0] * n
        # paragraphs that are links to other stories ("READ MORE: …", "WATCH: …") hold headlines, not quotes
        self.boiler_pars: set[int] = set()
        segs = self.segs
        j = 0
        par = 0
        for tok in doc:  # one pass over the tokens
            i, idx = tok.i, tok.idx
            self.tok_starts[i] = idx
            while j < len(segs) and segs[j].end <= idx:
                j += 1
            if j < len(segs) and segs[j].start <= idx:
                self.tok_seg[i] = j
            if "\n" in tok.text:
                par += 1
                self.tok_par[i] = -1  # the break itself belongs to no paragraph
                continue
            self.tok_par[i] = par
            if "\n" in tok.whitespace_:
                par += 1
        self.sent_bounds: list[tuple[int, int]] = []
        self.tok_sent = [0] * n
        for si, sent in enumerate(doc.sents):
            self.sent_bounds.append((sent.start, sent.end))
            self.tok_sent[sent.start : sent.end] = [si] * (sent.end - sent.start)
        par_start = 0
        for m in _PAR_START.finditer(self.text):
            par_start = m.end()
            if _BOILERPLATE.match(self.text, par_start):
                i = bisect.bisect_left(self.tok_starts, par_start)
                if i < n:
                    self.boiler_pars.add(self.tok_par[i])

    def token_at(self, char: int) -> int:
        """Index of the token containing or following ``char``."""
        i = bisect.bisect_right(self.tok_starts, char) - 1
        return max(0, i)

    def seg_words(self, k: int) -> int:
        s = self.segs[k]
        return len(self.text[s.inner_start : s.inner_end].split())

    def segs_overlapping(self, start: int, end: int) -> list[int]:
        i = bisect.bisect_left(self.seg_starts, start)
        if i > 0 and self.segs[i - 1].end > start:
            i -= 1
        out = []
        while i < len(self.segs) and self.segs[i].start < end:
            if self.segs[i].end > start:
                out.append(i)
            i += 1
        return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in _TRIM_CHARS + ".":
        end -= 1
    return start, end


def _one_sentence(info: _DocInfo, start: int, end: int, cue: int) -> tuple[int, int]:
    """The sentence of [start, end) next to the cue at ``cue``: reported content outside quote marks never
    runs across a sentence end, where the parser joined two sentences ("… of $660m. “It won't …,” he
    said"; "noted that … $40m. Between 10 and 12 …")."""
    text = info.text
    breaks = []
    for m in _SENT_BREAK.finditer(text, start, end):
        word = m.group(1).lstrip("(“\"‘'")
        if _ABBREV.fullmatch(word) or info.segs_overlapping(m.start(2), m.start(2) + 1):
            continue  # "Mr. Smith", "Cpl. Green", "U.S. officials", or inside a quote
        breaks.append((m.start(2), m.end()))
    if not breaks:
        return start, end
    if cue < start:
        return _trim(text, start, breaks[0][0] + 1)
    if cue >= end:
        return _trim(text, breaks[-1][1], end)
    return start, end


def _classify(info: _DocInfo, start: int, end: int) -> tuple[str, int, int, tuple[int, ...]]:
    """direct / mixed / indirect, and the span extended over the quote segments it touches."""
    segs = info.segs_overlapping(start, end)
    if not segs:
        s, e = _trim(info.text, start, end)
        return "indirect", s, e, ()
    text = info.text
    outside = 0
    pos = start
    for k in segs:
        seg = info.segs[k]
        outside += sum(ch.isalnum() for ch in text[pos : max(pos, seg.start)])
        pos = max(pos, seg.end)
    outside += sum(ch.isalnum() for ch in text[pos:end])
    s = min(start, info.segs[segs[0]].start)
    e = max(end, info.segs[segs[-1]].end)
    if outside == 0:
        return "direct", s, e, tuple(segs)
    s, e = _trim(text, s, e)
    return "mixed", s, e, tuple(segs)


def _is_cue(tok: Token, verbs: frozenset[str]) -> bool:
    return tok.lemma_.lower() in verbs and (tok.pos_ == "VERB" or tok.tag_.startswith("VB"))


def _is_reporting_use(tok: Token) -> bool:
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


def _cut_participles(info: _DocInfo, lo: int, hi: int, anchor: int, verbs: frozenset[str]) -> int:
    """End the content before ", adding/noting/saying …": the participle is a cue of its own."""
    doc = info.doc
    for j in range(max(lo, anchor + 1), hi + 1):
        t = doc[j]
        if (
            t.tag_ == "VBG"
            and _is_cue(t, verbs)
            and info.tok_seg[j] < 0
            and j - 1 >= lo
            and doc[j - 1].text in (",", "—", "–", ";")
            and not any(c.dep_ == "nsubj" for c in t.children)
        ):
            return j - 2
    return hi


def _pieces(info: _DocInfo, tok: Token, content: list[Token], verbs) -> list[tuple[int, int]]:
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
        if _is_cue(x, verbs) and any(y.dep_ in CONTENT_DEPS for y in x.children):
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


def _false_sentence_end(info: _DocInfo, hi: int) -> int:
    """Content cut at a sentence end the parser put after an abbreviation ("he’s lost 16 lbs. since he
    signed up …"): a next sentence that starts in lower case goes on with it."""
    doc = info.doc
    si = info.tok_sent[hi]
    end = info.sent_bounds[si][1]
    if end >= len(doc) or not all(doc[j].is_punct for j in range(hi + 1, end)):
        return hi
    nxt = doc[end]
    if not (nxt.is_alpha and nxt.is_lower) or info.tok_par[end] != info.tok_par[hi] or info.tok_seg[end] >= 0:
        return hi
    return info.sent_bounds[si + 1][1] - 1


def _span_of(info: _DocInfo, lo: int, hi: int) -> tuple[int, int]:
    doc = info.doc
    while lo < hi and (
        doc[lo].is_punct and doc[lo].text not in '“"' or doc[lo].is_space or _discourse_adverb(info, lo)
    ):
        lo += 1
    while hi > lo and (doc[hi].is_punct and doc[hi].text not in '”"' or doc[hi].is_space):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _discourse_adverb(info: _DocInfo, i: int) -> bool:
    """ "Meanwhile," / "However," / "But": links the sentence to the article, not part of what was said."""
    doc = info.doc
    t = doc[i]
    if info.tok_seg[i] >= 0 or i + 1 >= len(doc):
        return False
    return t.dep_ == "cc" or t.dep_ == "advmod" and t.pos_ == "ADV" and doc[i + 1].text == ","


def _cue_candidates(info: _DocInfo) -> list[_Cand]:
    doc = info.doc
    verbs = reporting_verbs()
    out: list[_Cand] = []
    for tok in doc:
        if info.tok_seg[tok.i] >= 0 or info.tok_par[tok.i] in info.boiler_pars:
            continue
        lower = tok.lower_
        if lower == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            head = tok.head
            if pobj is None or head.i == tok.i:
                continue
            a_lo, a_hi = tok.left_edge.i, max(tok.right_edge.i, to.right_edge.i)
            # the attributed content is the main clause, whatever the phrase hangs on (the parser hangs
            # a final "…, according to X." on the nearest verb); a reporting verb in it makes a quote of
            # its own (_resolve_overlaps)
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
                s, e = _span_of(info, lo, hi)
                s, e = _trim(info.text, s, e)
                if len(info.text[s:e].split()) < 3:
                    continue
                s, e = _one_sentence(info, s, e, tok.idx)
                kind, s, e, segs = _classify(info, s, e)
                out.append(_Cand(s, e, kind, tok, (tok.idx, to.idx + len(to.text)), pobj, segs))
            continue
        lemma = tok.lemma_.lower()
        if not (_is_cue(tok, verbs) or lemma in ("call", "go")) or not _is_reporting_use(tok):
            continue
        if lemma == "call":
            content = [c for c in tok.children if c.dep_ == "oprd"]
            quoted = [c for c in content if any(info.tok_seg[t.i] >= 0 for t in c.subtree)]
            content = quoted or content[-1:]  # "called the minister a “chicken”": the name given
        elif lemma == "go":
            if not any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children):
                continue
            content = [c for c in tok.children if c.dep_ in CONTENT_DEPS]
        else:
            content = [c for c in tok.children if c.dep_ in CONTENT_DEPS]
            if not content:
                # "said: “…”" / "said “…”": a quoted object
                content = [
                    c for c in tok.children if c.dep_ in ("dobj", "parataxis", "xcomp") and info.tok_seg[c.i] >= 0
                ]
        if not content and lemma in ("say", "tell"):
            content = _unmarked_clause(tok)
        pieces = _pieces(info, tok, content, verbs) if content else []
        if (
            tok.dep_ == "parataxis"
            and tok.head.pos_ in ("VERB", "AUX")
            and tok.head.i < tok.i
            and info.tok_par[tok.head.i] == info.tok_par[tok.i]
            and _is_parenthetical(tok)
        ):
            # "It is on Trudeau's watch, Scheer said, that …": the cue interrupts its content
            head = tok.head
            lo, hi = paragraph_clip(info.doc, head.left_edge.i, head.right_edge.i, head.i)
            extra = [(lo, tok.left_edge.i - 1)]
            if not content:
                extra.append((tok.right_edge.i + 1, hi))
            pieces = sorted(
                pieces
                + [p for p in extra if p[1] - p[0] >= 2 and not any(p[0] <= q[1] and q[0] <= p[1] for q in pieces)]
            )
        if not pieces:
            continue
        subject = subject_of(tok)
        if subject is not None and info.tok_par[subject.i] != info.tok_par[tok.i]:
            subject = None
        if subject is not None and subject.lower_ in ("that", "this") and not list(subject.children):
            continue  # "That said, …"
        if subject is None and tok.i > 0:
            prev = doc[tok.i - 1]
            if (
                (prev.pos_ == "PROPN" or tok.dep_ in ("ROOT", "ccomp") and prev.pos_ in ("NOUN", "PRON"))
                and info.tok_par[prev.i] == info.tok_par[tok.i]
                and info.tok_seg[prev.i] < 0
            ):
                subject = prev  # a misparsed subject right before the verb ("Champagne tweeted that …")
        if subject is None and tok.dep_ not in ("advcl", "conj", "xcomp", "relcl", "acl", "pcomp"):
            continue  # imperative or subjectless ("Note that …", "Here's hoping …")
        if lemma in WEAK_VERBS and not _is_person(subject):
            continue
        for lo, hi in pieces:
            if hi < tok.i and ":" in (doc[j].text for j in range(hi, tok.i)):
                continue  # "X announced a policy …: Trudeau promised …" is not what Trudeau said
            if lo > tok.i:
                hi = _false_sentence_end(info, hi)
            s, e = _span_of(info, lo, hi)
            m = _DATELINE.match(info.text, s, e)
            if m:  # "OTTAWA — Scheer says …": the dateline is not reported content
                s = m.end()
            s, e = _one_sentence(info, s, e, tok.idx)
            if s >= e:
                continue
            kind, s, e, segs = _classify(info, s, e)
            if kind == "indirect" and lemma != "call" and len(info.text[s:e].split()) < MIN_INDIRECT_WORDS:
                continue
            if lemma == "call" and not segs and len(info.text[s:e].split()) < 3:
                continue
            out.append(_Cand(s, e, kind, tok, (tok.idx, tok.idx + len(tok.text)), subject, segs))
    return out


def _embedded_posts(info: _DocInfo) -> list[_Cand]:
    """Tweets pasted into the article: the post's text is a quote by the account's owner."""
    out = []
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
            and _classify(info, s, e)[0] == "direct"
        ):
            continue
        name_s, name_e = m.start("name"), m.end("name")
        out.append(
            _Cand(s, e, "direct", None, None, None, tuple(info.segs_overlapping(s, e)), speaker_span=(name_s, name_e))
        )
    return out


def _own_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "agent") for c in tok.children)


def _heads_content(inner: _Cand, outer: _Cand) -> bool:
    """``inner``'s cue is the reported clause of ``outer``, with a speaker of its own: "According to CTV,
    Bains told … China is …", "He said she had told him …". The report of a report is the inner one."""
    cue, ocue = inner.cue, outer.cue
    if cue is None or ocue is None or not outer.start <= cue.idx < outer.end or not _own_subject(cue):
        return False
    subj = inner.subject
    if subj is None or not (
        subj.pos_ in ("PRON", "PROPN")
        or subj.ent_type_
        or subj.tag_ == "NNS"
        or subj.lemma_.lower() in PERSON_NOUNS | ORG_NOUNS | DOCUMENT_NOUNS
    ):
        return False  # "says that a chip inside the cartridge tells the printer that …": no speaker
    return cue.head.i == ocue.i and cue.dep_ in CONTENT_DEPS + ("relcl",) or ocue.head.i == cue.i


def _coordinated_cue(inner: _Cand, outer: _Cand) -> int | None:
    """Token where a cue clause joined to ``outer``'s content starts ("said X and he said Y", "admitted X
    but argued Y", "…, saying that Y"): a report of its own that ends ``outer``'s content; else None."""
    cue = inner.cue
    if cue is None or not outer.start < cue.idx < outer.end:
        return None
    head = cue.head
    if not (outer.start <= head.idx < outer.end or outer.cue is not None and head.i == outer.cue.i):
        return None
    if cue.dep_ == "conj" or cue.dep_ == "advcl" and cue.tag_ == "VBG" and not _own_subject(cue):
        return cue.left_edge.i
    return None


def _resolve_overlaps(info: _DocInfo, cands: list[_Cand]) -> list[_Cand]:
    """No two quotes overlap. For each pair, longest first, the outer one wins ("…are lying when they say
    …", "what it called a “patent commons”") unless the inner cue heads its content (the inner wins:
    ``_heads_content``) or joins it as a clause of its own (the outer ends before it: ``_coordinated_cue``)."""
    doc = info.doc
    kept: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        for o in list(kept):
            if c.start >= o.end or o.start >= c.end:
                continue
            if _heads_content(c, o):
                kept.remove(o)
                continue
            cut = _coordinated_cue(c, o)
            if cut is not None:
                j = cut - 1
                while j > 0 and (doc[j].is_punct or doc[j].dep_ in ("cc", "mark")):
                    j -= 1
                end = doc[j].idx + len(doc[j].text)
                if end <= c.start and len(info.text[o.start : end].split()) >= MIN_INDIRECT_WORDS:
                    o.kind, o.start, o.end, o.segs = _classify(info, o.start, end)
                    continue
            break
        else:
            kept.append(c)
    return kept


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


def _near_cue(info: _DocInfo, k: int) -> Token | None:
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
            if _is_cue(t, verbs) and _is_reporting_use(t):
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
        if _is_cue(t, verbs) and not any(c.dep_ in CONTENT_DEPS and c.i < i for c in t.children):
            return t
    return None


def _starts_sentence(info: _DocInfo, pos: int) -> bool:
    text = info.text
    j = pos - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0 or text[j] == "\n":
        return True
    if text[j] in "”\"'’":
        j -= 1
    return j < 0 or text[j] in _SENT_END


def _is_clause(info: _DocInfo, k: int) -> bool:
    seg = info.segs[k]
    lo = info.token_at(seg.inner_start)
    hi = info.token_at(max(seg.inner_start, seg.inner_end - 1))
    return any(t.pos_ in ("VERB", "AUX") for t in info.doc[lo : hi + 1])


def extract_quotes(
    doc: Doc, entities: Sequence[Entity] | None = None, *, names: NameIndex | None = None
) -> list[Quote]:
    """Every quote in the Doc with speaker, resolved name, cue and kind (ids left empty).

    ``entities`` (from ``extract_entities``) and ``names`` (the name index from
    ``entities_and_names``) are computed when not given.
    """
    from corpus.entities import entities_and_names, name_index

    if entities is None:
        entities, names = entities_and_names(doc)
    info = _DocInfo(doc)
    text = info.text

    cands = _cue_candidates(info) + _embedded_posts(info)
    # A quoted piece inside a longer indirect quote is part of it, and one span is one quote; other
    # overlaps (reported speech inside reported speech) are settled by _resolve_overlaps.
    cands.sort(key=lambda c: (-(c.end - c.start), c.start))
    final: list[_Cand] = []
    seen_spans: set[tuple[int, int]] = set()
    for c in cands:
        if (c.start, c.end) in seen_spans:
            continue
        inside = [o for o in final if o.start <= c.start and c.end <= o.end]
        if inside and c.kind == "direct":
            continue
        if any(min(c.end, o.end) - max(c.start, o.start) > 0.5 * (c.end - c.start) and o.cue is c.cue for o in final):
            continue
        final.append(c)
        seen_spans.add((c.start, c.end))
    final = _resolve_overlaps(info, final)
    claimed = {k for c in final for k in c.segs}

    # pass 2: quoted stretches with a cue nearby
    boiler = {k for k, seg in enumerate(info.segs) if info.tok_par[info.token_at(seg.start)] in info.boiler_pars}
    for k, seg in enumerate(info.segs):
        if k in claimed or k in boiler:
            continue
        words = info.seg_words(k)
        if words < MIN_DIRECT_WORDS:
            continue
        if any(o.start <= seg.start and seg.end <= o.end for o in final):
            continue
        cue = _near_cue(info, k)
        if cue is None:
            continue
        if not _is_clause(info, k) and words < 6 and not _starts_sentence(info, seg.start):
            continue
        final.append(
            _Cand(seg.start, seg.end, "direct", cue, (cue.idx, cue.idx + len(cue.text)), subject_of(cue), (k,))
        )
        claimed.add(k)

    # pass 3: a paragraph that opens a quote without closing it continues in the next paragraph's
    # quote, whose cue and speaker it shares ("“…\n\n“…,” he said.")
    owner = {k: c for c in final for k in c.segs}
    for k in range(len(info.segs) - 2, -1, -1):
        seg, nxt = info.segs[k], info.segs[k + 1]
        if seg.closed or k in claimed or k + 1 not in owner:
            continue
        if text[seg.end : nxt.start].strip() or "\n" not in text[seg.end : nxt.start]:
            continue
        c = owner[k + 1]
        if c.kind != "direct" and c.kind != "floating":
            continue
        cont = _Cand(seg.start, seg.end, c.kind, c.cue, c.cue_span, c.subject, (k,), inherited=c.inherited)
        final.append(cont)
        owner[k] = cont
        claimed.add(k)

    # pass 4: floating quotes (a quoted sentence with no cue continues the previous speaker)
    for k, seg in enumerate(info.segs):
        if k in claimed or k in boiler:
            continue
        if info.seg_words(k) < MIN_FLOATING_WORDS or not _starts_sentence(info, seg.start):
            continue
        if not _is_clause(info, k):
            continue
        if any(o.start <= seg.start < o.end for o in final):
            continue
        final.append(_Cand(seg.start, seg.end, "floating", None, None, None, (k,), inherited=True))
        claimed.add(k)

    final.sort(key=lambda c: c.start)
    # passes 2-4 only take quote marks that no quote holds, so this should drop nothing: a cheap guarantee
    kept: list[_Cand] = []
    for c in final:
        if not kept or c.start >= kept[-1].end:
            kept.append(c)
    final = kept
    index = names if names is not None else name_index(doc, ((e.text, e.label, e.start) for e in entities))
    resolver = SpeakerResolver(
        doc, entities, index, [(c.start, c.end) for c in final], text=text, tok_starts=info.tok_starts
    )
    key_by_name = {e.name: e.key for e in entities}
    quotes: list[Quote] = []
    prev_name: str | None = None
    prev_key: str | None = None
    prev_end = -1
    for c in final:
        speaker_span = None
        name = None
        kind = "person"
        if c.subject is not None:
            lo, hi = mention_bounds(c.subject)
            s, e = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
            if c.subject.lower_ in PRONOUNS_NARRATOR:
                continue  # the writer quoting themselves
            segs = info.segs_overlapping(s, e)
            if segs and info.tok_seg[c.subject.i] < 0:
                # a misparse: the "subject" runs into quoted text; keep the name part before it
                cut = min(info.segs[k].start for k in segs)
                comma = text.find(",", c.subject.idx, cut)
                e = comma if comma != -1 else cut
                while e > s and text[e - 1] in " \t":
                    e -= 1
                if e <= c.subject.idx:
                    c.subject = None
            elif segs:
                c.subject = None
            if e - s > 120:
                c.subject = None
        if c.speaker_span is not None:
            s, e = c.speaker_span
            speaker_span = Span(text[s:e], s, e)
            name, _ = index.resolve(text[s:e], "PERSON", s)
        elif c.subject is not None:
            speaker_span = Span(text[s:e], s, e)
            name, kind = resolver.resolve(c.subject, s, e)
        elif c.cue is not None and not c.inherited:
            # a cue whose subject the parse lost: the person named last before it in its paragraph,
            # else the previous speaker
            near = resolver.person_in_paragraph_before(c.cue_span[0], (c.start, c.end))
            if near is not None:
                speaker_span = Span(text[near.start : near.end], near.start, near.end)
                name = near.name
            elif prev_name is not None and c.start - prev_end <= 1500:
                name = prev_name
        if c.inherited and prev_name is None:
            continue
        if c.inherited:
            name = prev_name
        if name:
            resolver.note_speaker(c.start, name, kind)
        key = key_by_name.get(name) if name else None
        if key is None and name and c.inherited:
            key = prev_key
        cue = Span(text[c.cue_span[0] : c.cue_span[1]], *c.cue_span) if c.cue_span else None
        quotes.append(
            Quote(
                id="",
                text=text[c.start : c.end],
                start=c.start,
                end=c.end,
                kind=c.kind,
                speaker=speaker_span,
                speaker_name=name,
                cue=cue,
                speaker_key=key if key else (entity_key(name) if name and kind == "person" else None),
            )
        )
        prev_name, prev_key, prev_end = name, key, c.end
    return quotes


__all__ = ["extract_quotes"]
