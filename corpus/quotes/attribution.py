"""Speaker attribution: the last step of extraction, after the passes found the quotes.

Reads the quotes in text order. A quote with a subject gets that mention and
the name ``SpeakerResolver`` resolves it to ("Ruiz, who" when the cue's subject
is a relative pronoun: the antecedent names, the pronoun says); an embedded post
gets its account's owner; a cue whose subject the parse lost takes the person
named last before it in its paragraph, else the previous speaker; a floating
quote (and a multi-paragraph quote's continuation) inherits the previous
speaker, with the mention that introduced it when it goes on in the same
paragraph, unless the narration before it names someone else
(``corpus.quotes.narration``).

A quote gets a speaker key (what the speaker lists and filters group by) only
when its speaker is an entity or a name: "a spokesman", "critics" or "a report"
stay the quote's speaker but are nobody to list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from corpus.coref.lexicon import DOCUMENT_NOUNS, ORG_NOUNS, PRONOUNS_NARRATOR, animate_noun
from corpus.coref.mentions import looks_like_name, mention_bounds
from corpus.coref.resolver import SpeakerResolver
from corpus.models import Entity, Quote, Span, entity_key
from corpus.quotes.account_sources import source_behind_account
from corpus.quotes.docinfo import TIME_MARKS, Candidate, DocInfo
from corpus.quotes.narration import MAX_MENTION_CHARS, narrated_subject
from corpus.quotes.nearby_cues import age_description
from corpus.quotes.nesting import same_speaker
from corpus.quotes.speakers import (
    antecedent,
    asked_in_the_passive,
    name_of_described_person,
    person_after_modifier,
    question_put_to_subject,
    subject_of,
)
from corpus.quotes.verbs import reporting_verbs

if TYPE_CHECKING:
    from spacy.tokens import Token

    from corpus.names import NameIndex

FLOATING_REACH = 1500  # characters: a cue without a subject takes the previous speaker only this close


def _subject_bounds(info: DocInfo, c: Candidate) -> tuple[int, int] | None:
    """Character span of the candidate's subject mention, or None when it is no usable speaker (the
    subject is cleared when a misparse runs it into quoted text)."""
    subject = c.subject
    if subject is None:
        return None
    doc, text = info.doc, info.text
    lo, hi = _age_bounds(subject) if age_description(subject) else mention_bounds(subject)
    lo = _without_fronted_modifiers(subject, lo)
    cue = c.cue
    if cue is not None and lo <= cue.i < subject.i < hi:
        lo = cue.i + 1  # the parse hung the cue inside the speaker's phrase ("tweeted Rubio spokesman Alex Conant")
    s, e = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
    while s < e - 1 and text[s] in "-–— ":
        s += 1  # a signature dash glued to the name ("-President Obama")
    segs = info.segs_overlapping(s, e)
    if segs and info.tok_seg[subject.i] < 0:
        # a misparse: the "subject" runs into quoted text; keep the name part before it
        cut = min(info.segs[k].start for k in segs)
        comma = text.find(",", subject.idx, cut)
        e = comma if comma != -1 else cut
        while e > s and text[e - 1] in " \t":
            e -= 1
        if e <= subject.idx:
            c.subject = None
    elif segs:
        c.subject = None
    if e - s > MAX_MENTION_CHARS and c.subject is not None:
        # a long apposition ("Tom Adeyemi, a veteran of several campaigns, including …"): the mention
        # is the part before its first comma, when that holds the subject's head
        comma = text.find(",", subject.idx, e)
        if comma != -1 and comma - s <= MAX_MENTION_CHARS:
            e = comma
        else:
            c.subject = None
    return (s, e) if c.subject is not None else None


def _age_bounds(old: Token) -> tuple[int, int]:
    """Tokens of "the 43-year-old" ending at its "old": the parser can make it the root of a sentence
    whose quotation and cue hang on it, so its subtree is no mention."""
    doc = old.doc
    lo = old.i
    while lo > 0 and (doc[lo - 1].tag_ in ("CD", "HYPH") or doc[lo - 1].lower_ in ("year", "years")):
        lo -= 1
    if lo > 0 and doc[lo - 1].tag_ in ("DT", "PRP$"):  # "the", "my"
        lo -= 1
    return lo, old.i + 1


#: Dependencies of one-word modifiers the parser hangs on a subject from before it that say nothing of
#: who it is: a focus adverb ("Even Rendell said", "Only Ruiz voted"), a conjunction ("But Ruiz said").
_FRONTED_DEPS = frozenset({"advmod", "cc"})


def _without_fronted_modifiers(subject: Token, lo: int) -> int:
    """Where the mention of ``subject`` starts once the one-word modifiers before it that name no one are
    left out ("Even Rendell" → "Rendell"); a longer one stays ("At least half of the members")."""
    for child in subject.lefts:
        if child.i != lo or child.dep_ not in _FRONTED_DEPS or child.left_edge.i != child.right_edge.i:
            break
        lo += 1
    return lo


def _relative_pronoun(c: Candidate) -> Token | None:
    """The relative pronoun that is the grammatical subject of the candidate's cue when the speaker is its
    antecedent: "Ruiz, who said the plan …" (also through a coordinated or participle cue: "Ruiz, who
    arrived late and said …"). None when the cue has a subject of its own."""
    t, subject = c.cue, c.subject
    if t is None or subject is None:
        return None
    for _ in range(4):
        if t.dep_ == "relcl":
            wh = next((x for x in t.children if x.dep_ == "nsubj" and x.lower_ in ("who", "which", "that")), None)
            if wh is None or t.head.i != subject.i and antecedent(t.head, wh).i != subject.i:
                return None
            return wh
        if t.dep_ not in ("conj", "advcl", "xcomp") or any(x.dep_ in ("nsubj", "nsubjpass") for x in t.children):
            return None
        t = t.head
    return None


def _with_relative_pronoun(info: DocInfo, c: Candidate, bounds: tuple[int, int]) -> tuple[int, int]:
    """The speaker mention of a cue in a relative clause reaches from the antecedent through the relative
    pronoun that is the cue's subject ("Ruiz, who said …" → "Ruiz, who"): the antecedent says who it is,
    the pronoun is the subject of the saying. The name is resolved from the antecedent alone."""
    wh = _relative_pronoun(c)
    s, e = bounds
    if wh is None or wh.idx < e or info.tok_seg[wh.i] >= 0:
        return bounds
    if wh.idx - e > 3 and not _apposition_between(info, c, e, wh):
        return bounds  # right after the antecedent ("Ruiz, who") or its apposition, nothing else between
    return s, wh.idx + len(wh.text)


def _apposition_between(info: DocInfo, c: Candidate, end: int, wh: Token) -> bool:
    """Everything between the end of the antecedent's mention and the relative pronoun is the antecedent's
    apposition ("Sen. Ana Ruiz of Oregon, the ranking member on the committee, who said"), and the mention
    through the pronoun stays a mention's length."""
    subject = c.subject
    if subject is None or wh.idx + len(wh.text) - end > MAX_MENTION_CHARS:
        return False
    doc = info.doc
    between = [t for t in doc[info.token_at(end) : wh.i] if t.idx >= end and not (t.is_punct or t.is_space)]
    return bool(between) and all(
        info.tok_seg[t.i] < 0 and any(a.i == subject.i and t.dep_ != "relcl" for a in t.ancestors) for t in between
    )


#: A pronoun subject of a cue that a name of the same person may stand beside.
PRONOUNS_SPEAKING = frozenset({"he", "she"})


def _named_mention_inside(info: DocInfo, resolver: SpeakerResolver, c: Candidate, name: str) -> tuple[int, int] | None:
    """The name of the quote's speaker as the subject of a report inside the quote's own span, when its
    cue's subject is a pronoun for the same person: "In her speech, Ruiz declared the need for …: “…,”
    she said" or "Ruiz said “…,” she said" report one speaker twice, and the name says who better than
    the pronoun. None when no report inside names the same person."""
    doc = info.doc
    verbs = reporting_verbs()
    lo, hi = info.token_at(c.start), info.token_at(c.end - 1)
    for j in range(lo, hi + 1):
        t = doc[j]
        if t.pos_ != "VERB" or info.tok_seg[j] >= 0 or t.lemma_.lower() not in verbs or t is c.cue:
            continue
        subj = subject_of(t)
        if subj is None or subj.pos_ != "PROPN" or not lo <= subj.i <= hi or info.tok_seg[subj.i] >= 0:
            continue
        if resolver.person_named_at(subj) == name:
            m_lo, m_hi = mention_bounds(subj)
            return doc[m_lo].idx, doc[m_hi - 1].idx + len(doc[m_hi - 1].text)
    return None


def _person_before_cue(
    info: DocInfo, resolver: SpeakerResolver, cue_start: int, quote: tuple[int, int]
) -> Entity | None:
    """The person named last before the cue in its paragraph, for a cue whose subject the parse lost; a
    possessor is passed over for a person named before it ("Ana Ruiz, drawing attention to Tom Lee's
    record, wrote": Lee's record is only what she wrote about), when there is one, and so is a name that
    qualifies a common noun ("Tom Reyes, a senior Ruiz adviser, said": the adviser speaks, not Ruiz) and
    one that is the object of a verb ("Ruiz spent the night fending off Lee, but claimed …": Ruiz claims
    it), unless no one is named before it or only an aside stands between it and the cue."""
    first = near = resolver.person_in_paragraph_before(cue_start, quote)
    an_object: Entity | None = None  # the first object passed over: who speaks when no one is named before it
    for _ in range(3):
        if near is None:
            break
        if info.text[near.end : near.end + 2] in ("'s", "’s") or name_serves_apposed_person(info, near.end):
            pass
        elif _named_as_object(info, near.end) and not _aside_between(info.text[near.end : cue_start]):
            an_object = an_object or near
        else:
            break
        near = resolver.person_in_paragraph_before(near.start, quote)
    return near if near is not None else an_object or first


_ASIDE = re.compile(r"\s*(?:\([^()]*\)|,[^,]*,)?\s*")


def _people_asked_about(resolver: SpeakerResolver, c: Candidate) -> frozenset[str]:
    """The people named in a question put to a cue's he/she ("Asked if Mr Berg could return to the
    cabinet, he replied …"): the one asked, named by a pronoun, is none of them (the text would have said
    "asked if he could return"). Empty for any other cue."""
    if c.subject is None or c.cue is None or c.subject.lower_ not in PRONOUNS_SPEAKING:
        return frozenset()
    names: set[str] = set()
    for clause in c.cue.children:
        if clause.i < c.subject.i and question_put_to_subject(clause):
            names.update(n for t in clause.subtree if t.pos_ == "PROPN" and (n := resolver.person_named_at(t)))
    return frozenset(names)


def _aside_between(between: str) -> bool:
    """Nothing but an aside set off by commas or brackets (or nothing at all) between a name and the cue
    after it: "Rep. Ana Ruiz (D-Ore.) said", "Ruiz, in an attempt to calm the room, wrote": the name is the
    cue's subject whatever the parse made of it."""
    return _ASIDE.fullmatch(between) is not None


def _named_as_object(info: DocInfo, end: int) -> bool:
    """The name ending at character ``end`` is the object of a verb, or the possessor of an object ("had
    never touched Lee", "seemed unimpressed with Lee's remarks, telling …"): a cue whose subject the parse
    lost has that subject in some clause, and an object is none. Not the object of a preposition, which
    may be the one who acts ("it was left to Lee to produce the figures, claiming …", "by Lee")."""
    tok = info.doc[info.token_at(end - 1)]
    while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i and tok.head.pos_ == "PROPN":
        tok = tok.head  # the name's last word ("a Labour donor" is no object named Labour)
    if tok.dep_ == "poss":
        return tok.head.dep_ in ("dobj", "pobj")
    return tok.dep_ in ("dobj", "dative", "oprd")


def name_serves_apposed_person(info: DocInfo, end: int) -> bool:
    """The name ending at character ``end`` modifies a noun for a person in apposition to another name ("Tom
    Reyes, a senior Ruiz adviser,"): whom that person serves, not the speaker, who is named before it. A
    name on an organisation or a text ("a Ruiz campaign memo") names the one who speaks through it, and a
    description with no name beside it ("a Labour donor", "the palace staff") is the speaker itself: both
    keep the name."""
    last = info.doc[info.token_at(end - 1)]
    head = last.head
    if last.dep_ != "compound" or head.i <= last.i or head.pos_ != "NOUN":
        return False
    lemma = head.lemma_.lower()
    if not animate_noun(lemma) or lemma in ORG_NOUNS:
        return False
    up = head
    for _ in range(3):  # "a top outside Ruiz adviser": the apposition may hang on a word before the noun
        if up.dep_ == "appos":
            return up.head.pos_ == "PROPN"
        if up.head.i == up.i:
            break
        up = up.head
    return False


def _cue_after_in_sentence(info: DocInfo, cands: Sequence[Candidate], k: int) -> Candidate | None:
    """The next quotation's candidate when its cue stands between the floating quotation ``cands[k]`` and
    it, in the same sentence: "“…” by the council, Ruiz said on Monday, “…”" (the writer's sentence goes
    on after the first quotation, its cue and subject before the second). None when a sentence or a
    paragraph ends between them, or the first quotation ends its own sentence."""
    c = cands[k]
    n = next((x for x in cands[k + 1 :] if x.within is None), None)
    if n is None or n.cue_span is None or n.subject is None or not c.end <= n.cue_span[0] < n.start:
        return None
    text = info.text
    inner = text[c.start : c.end].rstrip("\"'”’ ")
    between = text[c.end : n.cue_span[0]]
    if inner[-1:] in (".", "!", "?") or "\n" in between or any(m in between for m in (". ", "! ", "? ")):
        return None
    return n


def _speaker_of(info: DocInfo, resolver: SpeakerResolver, n: Candidate) -> tuple[str, Span] | None:
    """(name, mention) of the subject of candidate ``n``'s cue, when it names someone."""
    bounds = _subject_bounds(info, n)
    if bounds is None or n.subject is None:
        return None
    name, _ = resolver.resolve(n.subject, *bounds)
    if not name:
        return None
    return name, Span(info.text[bounds[0] : bounds[1]], *bounds)


def _announced_by(info: DocInfo, mention: Span, c: Candidate) -> bool:
    """The clause of ``mention`` ends in a colon that announces quotation ``c`` set off below it: "…, as the
    society's website notes:" and the quotation in the next paragraph. Nothing but the rest of that clause
    between them (no sentence end), and no more than one blank line."""
    between = info.text[mention.end : c.start]
    head, _, gap = between.rpartition(":")
    if not head or gap.strip(" \t\n\"'“‘") or gap.count("\n") > 2:
        return False
    return "\n" not in head and not any(m in head for m in (". ", "! ", "? ", "“", '"'))


def _reported_in_cue_clause(c: Candidate, prev_cue: Token | None) -> bool:
    """Indirect report ``c`` stands in a clause of time of the cue of the quotation before it ("“…,” Ruiz
    said, two hours after outlets declared her the winner"): it tells when Ruiz spoke, and what follows
    goes on with her; or in a relative clause on her mention ("said Ruiz, who also said …"). Only through
    those: a coordinated clause ("…,” Ruiz said, but Lee said …") is a new report, and the quotation after
    it is Lee's."""
    if prev_cue is None or c.cue is None or c.kind == "direct" or c.inherited or c.cue.i <= prev_cue.i:
        return False
    tok, scene = c.cue, False
    while tok.i != prev_cue.i:
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return False
        scene = scene or _time_clause(tok) or _describes_the_subject(tok, prev_cue)
        tok = tok.head
    return scene


def _describes_the_subject(tok: Token, cue: Token) -> bool:
    """``tok`` heads a relative clause on the subject of ``cue`` or its apposition ("said Lionel Sosa, a
    consultant who said he would not vote for him"): a report of the same speaker's, who goes on."""
    if tok.dep_ != "relcl":
        return False
    n = tok.head
    while n.dep_ in ("appos", "conj") and n.head.i != n.i:
        n = n.head
    return n.dep_ in ("nsubj", "nsubjpass") and n.head.i == cue.i


def _time_clause(tok: Token) -> bool:
    """``tok`` heads an adverbial of time: a clause ("[two hours] after outlets declared …", its subordinator
    in ``TIME_MARKS``) or a phrase ("a point he makes after an appearance during which callers asked …")."""
    if tok.dep_ == "prep":
        return tok.lower_ in TIME_MARKS
    return tok.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in TIME_MARKS for m in tok.children)


def _same_paragraph(info: DocInfo, start: int, end: int) -> bool:
    """No paragraph break between character offsets ``start`` and ``end``."""
    return "\n" not in info.text[start:end]


def attribute_speakers(
    info: DocInfo, cands: Sequence[Candidate], entities: Sequence[Entity], index: NameIndex
) -> list[Quote]:
    """The quotes of ``cands`` (in text order; none overlapping but a report inside a report, after the
    one that holds it) with speaker, name and entity key."""
    doc, text = info.doc, info.text
    outermost = [(c.start, c.end) for c in cands if c.within is None]  # reports inside them add no text
    resolver = SpeakerResolver(doc, entities, index, outermost, text=text, tok_starts=info.tok_starts)
    key_by_name = {e.name: e.key for e in entities}
    quotes: list[Quote] = []
    prev_name: str | None = None
    prev_key: str | None = None
    prev_end = -1
    prev_mention: Span | None = None  # the speaker mention of the previous quote
    prev_cue: Token | None = None  # the cue of the previous quote, when it was a quotation with a speaker
    name_of: dict[int, str | None] = {}  # id of a candidate → its speaker's name, for the reports inside it
    for k, c in enumerate(cands):
        if c.subject is not None and c.subject.lower_ in PRONOUNS_NARRATOR:
            continue  # the writer quoting themselves
        if c.subject is not None:
            c.subject = person_after_modifier(c.subject) or c.subject  # "said Tory … secretary Caroline Spelman"
            if c.cue is not None:  # "The director of the Lyon Centre, Ana Ruiz, told": Ruiz
                c.subject = name_of_described_person(c.subject, c.cue) or c.subject
            # "according to interviews with X", "a statement e-mailed by X said …": X says it
            c.subject = source_behind_account(c.subject) or c.subject
        bounds = _subject_bounds(info, c)
        if c.within is not None:
            nested = _nested_quote(info, resolver, c, bounds, name_of.get(id(c.within)), key_by_name)
            if nested is not None:
                quotes.append(nested)
                if nested.kind == "direct" and nested.speaker_name:
                    # "“…,” Ruiz noted in an interview, as reported by the Herald. “…”": the words in quote
                    # marks are Ruiz's, and the quotation after them goes on with hers, not the Herald's
                    prev_name, prev_key, prev_end = nested.speaker_name, nested.speaker_key, nested.end
                    prev_mention = nested.speaker
            continue  # a report inside a report: its own speaker only for a quotation that goes on
        speaker_span = None
        name = None
        kind = "person"
        if c.speaker_span is not None:
            s, e = c.speaker_span
            speaker_span = Span(text[s:e], s, e)
            if c.named_at is not None:  # a label ("A:") for a speaker named elsewhere
                ns, ne, label = c.named_at
                name, label = index.resolve(text[ns:ne], label, ns)
                kind = "person" if label == "PERSON" else "group"
            elif c.subject is not None and c.subject.pos_ == "NOUN" and c.subject.lemma_.lower() in DOCUMENT_NOUNS:
                # a document as the label ("From Ruiz's Facebook post: “…”"): it speaks for whoever wrote it
                name, kind = resolver.resolve(c.subject, s, e)
            else:
                name, _ = index.resolve(text[s:e], "PERSON", s)
        elif bounds is not None and c.subject is not None:
            s, e = bounds
            if c.subject.tag_ == "MD":  # "“…,” Will wrote": a name the tagger took for a modal (subject_of)
                name, kind = index.resolve(text[s:e], "PERSON", s)[0], "person"
            else:
                name, kind = resolver.resolve(c.subject, s, e)
            asked_about = _people_asked_about(resolver, c)
            if name in asked_about:
                # "Asked if Mr Berg could return, he replied …": he is the one asked, not Mr Berg
                gender = "m" if c.subject.lower_ == "he" else "f"
                name = resolver.salient_person(s, gender, asked_about) or name
            s, e = _with_relative_pronoun(info, c, bounds)
            if name and c.subject.lower_ in PRONOUNS_SPEAKING:
                s, e = _named_mention_inside(info, resolver, c, name) or (s, e)
            speaker_span = Span(text[s:e], s, e)
        elif c.cue_span is not None and not c.inherited and not (c.cue is not None and asked_in_the_passive(c.cue)):
            # (not "Ruiz was asked, “Will you resign?”": the one asked, named before the cue, did not ask it)
            near = _person_before_cue(info, resolver, c.cue_span[0], (c.start, c.end))
            if near is not None:
                speaker_span = Span(text[near.start : near.end], near.start, near.end)
                name = near.name
            elif prev_name is not None and c.start - prev_end <= FLOATING_REACH:
                name = prev_name
        if c.inherited:
            narrated = narrated_subject(info, resolver, c, prev_end) if c.kind == "floating" else None
            shared = _cue_after_in_sentence(info, cands, k) if c.kind == "floating" else None
            if shared is not None:
                # "“If it had not been for that vote” by the council, Ruiz said on Monday, “we would …”": one
                # sentence, one cue for both quotations
                narrated = _speaker_of(info, resolver, shared)
            if narrated is not None:
                name, speaker_span = narrated
            elif prev_name is None:
                continue
            else:
                name = prev_name
                if prev_mention is not None and (
                    _same_paragraph(info, prev_mention.start, c.start) or _announced_by(info, prev_mention, c)
                ):
                    # "“…,” Ruiz said. “…”": the quotation goes on; the mention that introduced it names
                    # who says this part too
                    speaker_span = prev_mention
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
                speaker_key=key
                if key
                else (entity_key(name) if name and kind == "person" and looks_like_name(name) else None),
            )
        )
        # the speaker of a report inside this one is someone else unless this one's speaker is its own
        # cue's subject or label (not a guess from the text around a cue whose subject was lost)
        name_of[id(c)] = name if c.speaker_span is not None or bounds is not None else None
        if c.cue is not None and question_put_to_subject(c.cue):
            # "…,” Ruiz told the Gazette when asked whether …. “…”": the quotation after the question goes
            # on with the one who answers, not with the one who asked
            continue
        if _reported_in_cue_clause(c, prev_cue):
            # "“…,” Ruiz said, after her rival said the count was rigged. “…”": a report inside the cue
            # clause of a quotation tells the scene; the quotation after it goes on with Ruiz
            continue
        prev_cue = c.cue if c.kind == "direct" and name else None
        prev_name, prev_key, prev_end, prev_mention = name, key, c.end, speaker_span
    return quotes


def _nested_quote(
    info: DocInfo,
    resolver: SpeakerResolver,
    c: Candidate,
    bounds: tuple[int, int] | None,
    outer_name: str | None,
    key_by_name: dict[str, str],
) -> Quote | None:
    """The quote of a report inside a report (``corpus.quotes.nesting``) with its own speaker, or None when
    that speaker is nobody or the outer speaker again ("Ruiz said she told the board …": one statement).
    It leaves the salience and the previous speaker as they were: what follows goes on from the outer
    report."""
    if bounds is None or c.subject is None or c.cue_span is None:
        return None
    text = info.text
    name, kind = resolver.resolve(c.subject, *bounds)
    if same_speaker(name, outer_name):
        return None
    s, e = _with_relative_pronoun(info, c, bounds)
    key = key_by_name.get(name) if name else None
    if key is None and name and kind == "person" and looks_like_name(name):
        key = entity_key(name)
    return Quote(
        id="",
        text=text[c.start : c.end],
        start=c.start,
        end=c.end,
        kind=c.kind,
        speaker=Span(text[s:e], s, e),
        speaker_name=name,
        cue=Span(text[c.cue_span[0] : c.cue_span[1]], *c.cue_span),
        speaker_key=key,
    )


__all__ = ["attribute_speakers"]
