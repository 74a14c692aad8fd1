"""Quote extraction over a parsed Doc: pure rules on the dependency parse.

``extract_quotes`` runs four passes, each linear in the number of tokens (the
per-Doc structures — quote segments, token → segment / sentence / paragraph —
are computed once, ``corpus.quotes.docinfo.DocInfo``), then attributes speakers:

1. **Cues** (``cue_pass``; builders in ``corpus.quotes.cues`` and ``corpus.quotes.verb_cues``). Every
   reporting verb (``corpus/data/reporting_verbs.txt``, by lemma) outside
   quote marks with a clausal complement ("Bains said China is …", "told CTV
   that …", "“…,” he said"), plus ``according to X``, ``call X “Y”``, ``go
   on`` and the "that" clause of a noun naming something said whose source the
   text gives ("Trump's claim that …"). The complement is the quote: *direct* when it lies inside quote marks
   (span = the quoted stretch, marks included), *mixed* when it combines
   quoted and unquoted text, *indirect* otherwise. The speaker is the verb's
   subject (inherited by participles: "…, adding that").
2. **Quoted stretches** not claimed yet take the nearest reporting verb of
   their sentence (``“…” Farinloye says``) as a *direct* quote
   (``near_cue_pass``).
3. **Multi-paragraph quotes**: a paragraph that opens a quote without closing
   it shares the cue and speaker of the next paragraph's quote
   (``continuation_pass``).
4. **Floating quotes**: a quoted sentence or paragraph with no cue that
   continues the previous speaker (``floating_pass``).

Then ``attribute_speakers`` (``corpus.quotes.attribution``) resolves who said
each quote, in text order.

No two quotes overlap (``corpus.quotes.overlaps.resolve_overlaps``) but a
report inside a report (``corpus.quotes.nesting``): "The Times reported that
Ruiz told aides [she would not run]" is the Times's quote and, inside it,
Ruiz's; "According to the coroner, the driver told police …" the coroner's and
the driver's. Any other pair is one quote, the outer one ("lying when they say
…"), unless "according to" frames a report with no speaker the nesting accepts,
and a cue clause coordinated with a content ends it ("admitted X but argued
Y"). Content outside quote marks stays within one sentence.

Scare quotes, titles and single quoted words never become quotes on their own;
nor does anything in "READ MORE:"-style link paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from corpus.models import Entity, Quote
from corpus.quotes.attribution import attribute_speakers
from corpus.quotes.block_quotes import block_quotes
from corpus.quotes.cues import cue_candidates, embedded_posts
from corpus.quotes.docinfo import (
    MIN_DIRECT_WORDS,
    MIN_FLOATING_WORDS,
    Candidate,
    DocInfo,
    is_clause,
    starts_sentence,
)
from corpus.quotes.nearby_cues import colon_label, near_cue, phrase_before_cue, speaker_of_inverted_cue
from corpus.quotes.nesting import nests
from corpus.quotes.overlaps import end_before_closing_cues, resolve_overlaps
from corpus.quotes.pullquotes import pull_quotes
from corpus.quotes.signatures import dash_signature
from corpus.quotes.speakers import subject_of
from corpus.quotes.transcripts import transcript_turns

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from corpus.names import NameIndex


def cue_pass(info: DocInfo) -> list[Candidate]:
    """Pass 1: the quotes cues introduce (and embedded posts, transcript turns, pull-quotes, block
    quotations), none overlapping.

    A quoted piece inside a longer indirect quote is part of it, and one span is one quote; other
    overlaps (reported speech inside reported speech) are settled by ``resolve_overlaps``."""
    cands = (
        cue_candidates(info) + embedded_posts(info) + transcript_turns(info) + pull_quotes(info) + block_quotes(info)
    )
    end_before_closing_cues(info, cands)
    cands.sort(key=lambda c: (-(c.end - c.start), c.start))
    final: list[Candidate] = []
    seen_spans: set[tuple[int, int]] = set()
    for c in cands:
        if (c.start, c.end) in seen_spans:
            continue
        inside = [o for o in final if o.start <= c.start and c.end <= o.end]
        if inside and c.kind == "direct" and not any(nests(info, c, o) for o in inside):
            continue
        if any(min(c.end, o.end) - max(c.start, o.start) > 0.5 * (c.end - c.start) and o.cue is c.cue for o in final):
            continue
        final.append(c)
        seen_spans.add((c.start, c.end))
    return resolve_overlaps(info, final)


def _link_segments(info: DocInfo) -> set[int]:
    """Quote segments in "READ MORE:"-style link paragraphs: headlines, never quotes."""
    return {k for k, seg in enumerate(info.segs) if info.tok_par[info.token_at(seg.start)] in info.boiler_pars}


def near_cue_pass(info: DocInfo, final: list[Candidate], claimed: set[int], links: set[int]) -> None:
    """Pass 2: a quoted stretch no cue claimed takes a reporting verb of its sentence (``near_cue``), or
    the speaker label before it ("Clinton: “…”", ``colon_label``)."""
    for k, seg in enumerate(info.segs):
        if k in claimed or k in links:
            continue
        words = info.seg_words(k)
        if any(o.start <= seg.start and seg.end <= o.end for o in final):
            continue
        cue = near_cue(info, k)
        label = colon_label(info, k)
        label_span = (label.start_char, label.end_char) if label is not None else None
        signed = dash_signature(info, k) if label is None and cue is None else None
        if signed is not None:
            label, label_span = signed  # "“…” - Sanders."
        if cue is not None and label is not None and cue.i < label.start:
            cue = None  # "Pollsters agree - Carl Bialik: “…”": the label right before the quotation names who
        utterance = cue is not None and _short_utterance(info, k, cue)
        if words < MIN_DIRECT_WORDS and not (utterance or _opens_interrupted_quote(info, k)):
            continue
        if cue is None:
            if label is not None and info.seg_words(k) >= MIN_FLOATING_WORDS:
                final.append(
                    Candidate(seg.start, seg.end, "direct", None, None, label.root, (k,), speaker_span=label_span)
                )
                claimed.add(k)
            continue
        if not is_clause(info, k) and words < 6 and not starts_sentence(info, seg.start):
            continue
        subject = subject_of(cue)
        if subject is None and cue.pos_ == "NOUN":
            subject = info.doc[cue.i - 1]  # "“…,” the post read.", the verb tagged as a noun
        if cue.i > info.token_at(seg.start):
            subject = speaker_of_inverted_cue(info, cue, subject)
            after = info.token_at(seg.end - 1) + 1
            if cue.i > after and (subject is None or info.tok_seg[subject.i] >= 0 or subject.i < after):
                # "“…,” Tom Baxter, the governor's aide, said": the phrase between quotation and verb
                subject = phrase_before_cue(info, after, cue) or subject
        final.append(Candidate(seg.start, seg.end, "direct", cue, (cue.idx, cue.idx + len(cue.text)), subject, (k,)))
        claimed.add(k)


def _opens_interrupted_quote(info: DocInfo, k: int) -> bool:
    """Quote segment ``k`` is the first piece of a quotation a cue interrupts ("“Frankly,” she said, “we
    lost”"): it ends with a comma and the next segment follows in its paragraph after a short clause
    set off by commas. Such a piece is part of what was said however short it is; a short quoted
    word in running text ("the so-called “reform,” which …") is not followed by another quotation."""
    seg = info.segs[k]
    if not seg.closed or k + 1 >= len(info.segs):
        return False
    text = info.text
    inner = text[seg.inner_start : seg.inner_end].rstrip()
    if not inner.endswith(","):
        return False
    gap = text[seg.end : info.segs[k + 1].start]
    return "\n" not in gap and gap.rstrip().endswith(",") and 1 <= len(gap.split()) <= 8


def _short_utterance(info: DocInfo, k: int, cue: Token) -> bool:
    """A quotation of one or two words is a whole utterance when it ends in its own punctuation and
    its cue stands right beside it: "“Absolutely,” he said", "“No,” replied the director", "asked,
    “Really?”". A short quoted word or title ("the “47 percent” comment", "wrote in “Ralph Nader”")
    has neither."""
    seg = info.segs[k]
    text = info.text
    if not seg.closed or text[seg.inner_start : seg.inner_end].rstrip()[-1:] not in (",", ".", "?", "!"):
        return False
    doc = info.doc
    first, last = info.token_at(seg.start), info.token_at(seg.end - 1)
    if cue.i > last:
        return cue.i - last <= 4 and all(info.tok_seg[j] < 0 and not doc[j].is_punct for j in range(last + 1, cue.i))
    return all(doc[j].is_punct for j in range(cue.i + 1, first))


def continuation_pass(info: DocInfo, final: list[Candidate], claimed: set[int]) -> None:
    """Pass 3: a paragraph that opens a quote without closing it continues in the next paragraph's quote,
    whose cue and speaker it shares ("“…\\n\\n“…,” he said.")."""
    text = info.text
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
        if c.cue is None and c.speaker_span is not None and c.speaker_span[0] < nxt.end:
            # the next paragraph opens with a speaker label ("RUIZ: “…”", "“RUIZ: …”"): a new turn starts
            # there (a signature after a quotation, "“…” - Ruiz", labels no turn)
            continue
        cont = Candidate(seg.start, seg.end, c.kind, c.cue, c.cue_span, c.subject, (k,), inherited=c.inherited)
        final.append(cont)
        owner[k] = cont
        claimed.add(k)


def floating_pass(info: DocInfo, final: list[Candidate], claimed: set[int], links: set[int]) -> None:
    """Pass 4: a quoted sentence or paragraph with no cue continues the previous speaker."""
    for k, seg in enumerate(info.segs):
        if k in claimed or k in links:
            continue
        if info.seg_words(k) < MIN_FLOATING_WORDS or not starts_sentence(info, seg.start):
            continue
        if not is_clause(info, k):
            continue
        if any(o.start <= seg.start < o.end for o in final):
            continue
        final.append(Candidate(seg.start, seg.end, "floating", None, None, None, (k,), inherited=True))
        claimed.add(k)


def _in_text_order(cands: list[Candidate]) -> list[Candidate]:
    """Sorted by start, an outer report before the reports inside it; passes 2-4 only take quote marks
    no quote holds, so dropping an overlap should never happen: a cheap guarantee. A report inside a
    report (``Candidate.within``) overlaps its outer one by design."""
    kept: list[Candidate] = []
    end = -1
    for c in sorted(cands, key=lambda c: (c.start, -c.end)):
        outer = c.within
        if outer is not None and not (outer.start <= c.start and c.end <= outer.end):
            c.within = outer = None  # a coordinated cue ended the outer report before it: not inside now
        if outer is not None:
            if any(o is outer for o in kept):
                kept.append(c)
        elif c.start >= end:
            kept.append(c)
            end = c.end
    return kept


def find_quotes(doc: Doc) -> tuple[DocInfo, list[Candidate]]:
    """The four passes: every quote of the Doc, in text order, before speaker attribution."""
    info = DocInfo(doc)
    final = cue_pass(info)
    claimed = {k for c in final for k in c.segs}
    links = _link_segments(info)
    near_cue_pass(info, final, claimed, links)
    continuation_pass(info, final, claimed)
    floating_pass(info, final, claimed, links)
    return info, _in_text_order(final)


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
    info, cands = find_quotes(doc)
    index = names if names is not None else name_index(doc, ((e.text, e.label, e.start) for e in entities))
    return attribute_speakers(info, cands, entities, index)


__all__ = ["cue_pass", "continuation_pass", "extract_quotes", "find_quotes", "floating_pass", "near_cue_pass"]
