"""The speaker a floating quote's narration names: the subject of the sentence right before it.

A quotation with no cue continues the previous speaker, unless the narration between the two
quotes is about someone else ("“…,” says House. Durning did not need much coaxing. “…”": the
second quote is Durning's). A clause that ends in a colon right before the quotation announces it
("She then turned to the crowd: “…”", "The union's letter goes further: “…”", "A footnote in the report
makes that clear: “…”"), and its subject is the speaker whoever it is: a person, an organisation or a text
that speaks (a document, a published piece, a part of one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.coref.lexicon import DOCUMENT_NOUNS, ISSUING_VERBS, ORG_NOUNS, PUBLISHED_NOUNS
from corpus.coref.mentions import mention_bounds
from corpus.models import Span
from corpus.quotes.docinfo import Candidate, DocInfo
from corpus.quotes.nearby_cues import is_person
from corpus.quotes.speakers import subject_of
from corpus.quotes.verbs import reporting_verbs

if TYPE_CHECKING:
    from spacy.tokens import Token

    from corpus.coref.resolver import SpeakerResolver

MAX_MENTION_CHARS = 120  # a speaker mention longer than this is a misparse, or keeps its head only
#: Parts of a text that announce its words with a colon: "A footnote in the report makes that clear: “…”".
DOCUMENT_PARTS = frozenset(
    "footnote passage section chapter excerpt paragraph headline caption summary preface foreword appendix".split()
)


def _announcer(tok: Token) -> bool:
    """A subject that can announce a quotation with a colon: a person or a name, an organisation or a
    document ("the union", "her letter"), or "it"/"they" for one of those. Not a place, a time or an
    abstract noun ("The stakes are high: “…”")."""
    if tok.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME", "EVENT", "PRODUCT", "MONEY", "PERCENT"):
        return False
    if is_person(tok) or tok.pos_ == "PROPN":
        return True
    lemma = tok.lemma_.lower()
    texts = DOCUMENT_NOUNS | PUBLISHED_NOUNS | DOCUMENT_PARTS
    return tok.pos_ == "NOUN" and (lemma in texts or lemma in ORG_NOUNS) or tok.lower_ in ("it", "they")


def _reporting_subject(info: DocInfo, lo: int, i: int) -> Token | None:
    """The person who reports in the narration (tokens ``lo`` .. ``i``) with a reporting verb the parse
    hung inside the sentence ("If anything, Ash argued in his email, the incident shows …"): the subject
    of the last such verb, when it is a name or he/she."""
    doc = info.doc
    verbs = reporting_verbs()
    for j in range(i, lo - 1, -1):
        t = doc[j]
        if t.pos_ != "VERB" or info.tok_seg[j] >= 0 or t.lemma_.lower() not in verbs:
            continue
        subj = subject_of(t)
        if subj is not None and lo <= subj.i <= i and (subj.pos_ == "PROPN" or subj.lower_ in ("he", "she")):
            return subj
    return None


def _named_apposition(tok: Token) -> Token | None:
    """The name a common-noun subject is set beside ("One early supporter, Senator Ana Ruiz, …"): the
    apposition names the person the description is about."""
    if tok.pos_ != "NOUN":
        return None
    return next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"), None)


def _whole_sentences(info: DocInfo, c: Candidate) -> bool:
    """The quotation ends with its own sentence's end mark ("“… caused.”"), not a comma the writer's
    sentence goes on after."""
    if not c.segs:
        return False
    seg = info.segs[c.segs[-1]]
    return info.text[seg.inner_start : seg.inner_end].rstrip()[-1:] in (".", "!", "?")


def _narration_start(info: DocInfo, lo: int, i: int, prev_end: int) -> int | None:
    """First token of the narration whose last token is ``i``: its sentence's start ``lo``, or the first
    token after the previous quote when the parser glued the sentence to that quote's closing mark (the
    sentence opens inside it and only marks and spaces follow it) and a new sentence starts there: after a
    paragraph break or a quotation that ended its own sentence. None when the narration is the rest of the
    previous quote's sentence, its cue ("“…,” Ruiz said.")."""
    doc = info.doc
    if doc[lo].idx >= prev_end:
        return lo
    j = lo
    while j <= i and doc[j].idx < prev_end:
        if info.tok_seg[j] < 0 and not (doc[j].is_punct or doc[j].is_space):
            return None
        j += 1
    while j <= i and (doc[j].is_space or doc[j].is_punct):
        j += 1
    if j > i or not doc[j].text[:1].isupper():
        return None  # "“…,” says Ruiz.", "“…” wrote a reader": the previous quote's own cue
    before = info.text[:prev_end].rstrip("\"'”’ ")
    if "\n" not in info.text[prev_end : doc[j].idx] and before[-1:] not in (".", "!", "?"):
        return None  # "“…,” Ruiz said.": the cue of the quote the sentence goes on from
    return j


def _last_sentence(info: DocInfo, lo: int, i: int) -> int:
    """Start of the last sentence in tokens ``lo`` .. ``i``: the parser misses sentence breaks around
    quotations ("… he faced. But Frank argues … Here's Ruiz in 1992:"), and only the sentence right
    before the quotation introduces it."""
    doc = info.doc
    for j in range(i - 1, lo, -1):
        if doc[j].text in (".", "!", "?") and info.tok_seg[j] < 0 and doc[j + 1].text[:1].isupper():
            return j + 1
    return lo


def _issues_a_document(root: Token) -> bool:
    """The verb issues a document: "The union issued a statement", "the firm put out a release"."""
    return root.lemma_.lower() in ISSUING_VERBS and any(
        x.dep_ == "dobj" and x.lemma_.lower() in DOCUMENT_NOUNS for x in root.children
    )


def _statement_sentence(info: DocInfo, lo: int, i: int, c: Candidate) -> bool:
    """The sentence (tokens ``lo`` .. ``i``) that the previous quote ends in issues a document, and the
    quotation opens a paragraph of whole sentences after it: "The council issued a statement apologizing for
    the emails, which included clerks suggesting someone should audit the mayor. / “We are sorry …”". The
    report inside the sentence ("clerks suggesting …") is not its cue: the statement's words follow it."""
    doc = info.doc
    root = doc[lo : i + 1].root
    if not _issues_a_document(root) or not _whole_sentences(info, c):
        return False
    subj = next((t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    return (
        subj is not None
        and info.tok_seg[root.i] < 0
        and info.tok_seg[subj.i] < 0
        and "\n" in info.text[doc[i].idx : c.start]
    )


def narrated_subject(info: DocInfo, resolver: SpeakerResolver, c: Candidate, prev_end: int) -> tuple[str, Span] | None:
    """(name, mention) of the speaker the narration right before floating quote ``c`` names, or None (the
    quote continues the last speaker). The narration is the part of its sentence before the quotation,
    after the previous quote (``prev_end``)."""
    doc = info.doc
    i = info.token_at(c.start) - 1
    colon = False
    while i >= 0 and (doc[i].is_space or doc[i].is_punct and info.tok_seg[i] < 0):
        # a colon right before the quotation, or at the end of the paragraph before it
        colon = colon or doc[i].text == ":" and info.text.count("\n", doc[i].idx, c.start) <= 2
        i -= 1
    if i < 0 or info.tok_seg[i] >= 0:
        return None
    sent_lo = info.sent_bounds[info.tok_sent[i]][0]
    lo = _narration_start(info, sent_lo, i, prev_end)
    if lo is None and (colon or _statement_sentence(info, sent_lo, i, c)):
        # "Reagan was known for what he called the "Evil Empire," voiced in his demand: “…”": a quoted phrase
        # inside the sentence is not what announces the quotation after the colon
        lo = sent_lo
        around_quote = True
    else:
        around_quote = False
    if lo is None:
        return None
    lo = _last_sentence(info, lo, i)
    if not around_quote and info.segs_overlapping(doc[lo].idx, doc[i].idx + 1):
        return None
    # the parser often runs the colon's clause and the quotation into one sentence: the narration is
    # the part before the quotation, and its root the verb of that part
    root = doc[lo : i + 1].root
    # the subject nearest the verb: a misparse hangs a fronted name on it too ("Or maybe Bush, the
    # consultant Ana Ruiz says.": Ruiz says it)
    subj = min(
        (t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")),
        key=lambda t: abs(root.i - t.i),
        default=None,
    )
    if subj is None and root.dep_ == "conj":  # "Trump leaned in and boomed:"
        subj = next((t for t in root.head.children if t.dep_ == "nsubj" and t.i < root.i), None)
    # "The union issued a statement on Friday. “…”": the words after a statement issued are the issuer's
    # (a whole sentence of it: a quoted phrase the writer goes on about is no statement's text)
    colon = colon or _issues_a_document(root) and _whole_sentences(info, c)
    if subj is None and colon and root.pos_ == "PROPN" and root.dep_ == "ROOT":
        subj = root  # a speaker label ("Rep. Ana Ruiz (D-Ore.): “…”") is a name and nothing else
    if subj is None:  # a token the quotation mark is glued to: the subject of the whole sentence, before it
        whole = doc[lo : info.sent_bounds[info.tok_sent[i]][1]].root
        subj = next((t for t in whole.children if t.dep_ in ("nsubj", "nsubjpass") and t.i <= i), None)
    reporter = _reporting_subject(info, lo, i)
    if reporter is not None and (subj is None or not (is_person(subj) or subj.pos_ == "PROPN")):
        subj = reporter  # "If anything, Ash argued in his email, the plan is …": the one who argued
    if subj is None or around_quote and (info.tok_seg[subj.i] >= 0 or subj.pos_ == "PRON"):
        return None  # ("It would be hard to overstate the "…," as the website notes: “…”": not "it")
    if subj.lower_ in ("he", "she"):
        bounds = (subj.idx, subj.idx + len(subj.text))
        name, _ = resolver.resolve(subj, *bounds)
    else:
        m_lo, m_hi = mention_bounds(subj)
        bounds = (doc[m_lo].idx, doc[m_hi - 1].idx + len(doc[m_hi - 1].text))
        named = _named_apposition(subj) or subj
        if colon and _announcer(subj) and named is subj:
            name, _ = resolver.resolve(subj, *bounds)
        else:
            name = resolver.person_named_at(named) if named.pos_ == "PROPN" else None
    if not name or bounds[1] - bounds[0] > MAX_MENTION_CHARS:
        return None
    return name, Span(info.text[bounds[0] : bounds[1]], *bounds)


__all__ = ["narrated_subject"]
