"""What a reporting verb reports when it has no clausal complement of its own.

The shapes ``reporting_verb_candidates`` (``corpus.quotes.verb_cues``) tries
when the parse gives the verb no ``ccomp``: the name given (``call X “Y”``,
``describe X as “Y”``), a request with an infinitive, a clause with a gerund
subject or one the parser hung on a noun, an indirect question, and the clause
an "as" cue, a trailing cue clause or a free relative ("what it says is …")
attributes. Each returns token ranges (or complement tokens) of the content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.coref.lexicon import DOCUMENT_NOUNS, PUBLISHED_NOUNS
from corpus.doc_tokens import doc_tokens
from corpus.quotes.docinfo import FINITE_TAGS, MIN_INDIRECT_WORDS, DocInfo, quoted_only, word_tokens
from corpus.quotes.paragraphs import paragraph_clip

if TYPE_CHECKING:
    from spacy.tokens import Token

NAMING_VERBS = ("call", "describe")


def naming_pieces(info: DocInfo, tok: Token) -> list[tuple[int, int]]:
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
        quoted = [c for c in names if quoted_only(info, c.left_edge.i, c.right_edge.i, any_mark=True)]
        names = quoted or names[-1:] or _quoted_name_in_object(info, obj)
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
            and quoted_only(info, p.left_edge.i, p.right_edge.i, any_mark=True)
        ]
    if not names:
        return []
    name = names[-1]
    n_lo, n_hi = name.left_edge.i, name.right_edge.i
    if not quoted_only(info, n_lo, n_hi, any_mark=True) and len(word_tokens(info, n_lo, n_hi)) < 3:
        return []
    lo, hi = n_lo, n_hi
    if obj is not None and obj.i < n_lo:
        lo, hi = obj.left_edge.i, max(n_hi, obj.right_edge.i)
    lo, hi = paragraph_clip(doc, lo, hi, name.i)
    return [(lo, hi)] if lo <= hi else []


def _quoted_name_in_object(info: DocInfo, obj: Token | None) -> list[Token]:
    """ "called his executive actions “a crucial step forward”": the name given, a quotation closing the
    object phrase, which the parser hung inside the object (an apposition or a modifier) instead of on
    the verb. Only a quotation of its own that ends the object: in "called the “Gang of Eight” bill"
    the quoted words are no name given."""
    if obj is None:
        return []
    doc = info.doc
    end = max(t.i for t in obj.subtree if not t.is_punct)
    for t in obj.subtree:
        if t.i <= obj.i or t.dep_ not in ("appos", "amod"):
            continue
        lo = t.left_edge.i
        while lo < t.i and doc[lo].is_punct:
            lo += 1
        hi = max(x.i for x in t.subtree if not x.is_punct)
        if hi != end or not quoted_only(info, lo, hi):
            continue
        before = next((j for j in range(lo - 1, obj.left_edge.i - 1, -1) if not doc[j].is_punct), None)
        if before is not None and info.tok_seg[before] != info.tok_seg[lo]:
            return [t]
    return []


#: Verbs that report a request or a warning made to someone: "urged the council to act".
DIRECTIVE_VERBS = frozenset({"urge", "encourage", "warn", "ask", "implore", "beg", "advise", "exhort"})


def directive_pieces(info: DocInfo, tok: Token) -> list[tuple[int, int]]:
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
    words = word_tokens(info, lo, hi)
    if len(words) < MIN_INDIRECT_WORDS + 1 or not any(doc[j].tag_ in FINITE_TAGS for j in words):
        return []  # "urged people to send a message": an appeal with no statement in it
    return [(lo, hi)]


def gerund_subject_clause(tok: Token) -> list[Token]:
    """ "said legalizing it could put thousands to work": a reported clause whose subject is a gerund,
    which the parser hung on the verb as its complement (with the clause's verb below it). A gerund
    right after the verb that governs a finite verb is that clause's subject; "admitted lying to the
    police" (no finite verb) reports no clause."""
    for c in tok.children:
        if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.left_edge.i == tok.i + 1:
            if any(t.tag_ in FINITE_TAGS and t.i > c.i for t in c.subtree):
                return [c]
    return []


def unmarked_clause(tok: Token) -> list[Token]:
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


#: Where something is said ("in a statement that …", "during an interview that …"): the nouns whose
#: complement clause, below a modifier of a reporting verb, is what the verb reports.
_MEDIA_OF_SAYING = (
    DOCUMENT_NOUNS
    | PUBLISHED_NOUNS
    | frozenset("interview speech conference briefing hearing call appearance remark address".split())
)

#: Dependencies that lead from a verb into its modifiers of time, place and occasion ("said on Friday
#: during a news conference", "told reporters in an interview with CNN"), never into its object.
_MODIFIER_PATH = frozenset({"prep", "pobj", "npadvmod", "compound", "amod", "nmod", "poss", "appos"})


def clause_on_modifier(tok: Token) -> list[Token]:
    """ "said for the first time that some emails have been located", "said on Friday during a news
    conference that he may wait", "says in a statement that the race will …": the reported clause,
    opened by the complementiser "that", which the parser hung on the last noun of a modifier of the
    verb as a relative clause or as the complement of a noun of saying ("statement", "interview"). A relative clause has
    a gap its "that" fills (subject or object: "a conference that he attended", "a debate that voters
    were sick of"); a "that" the parser tags as the complementiser (IN, "mark") before a clause with its
    own subject and no stranded preposition fills none, so the clause is what was said. Only below a
    modifier of the verb: "announced a plan that would cut taxes" (the object's relative clause) is not
    reported content here."""
    after = doc_tokens(tok.doc).dep[tok.i + 1 : tok.right_edge.i + 1]  # the subtree lies within its edges
    if "relcl" not in after and "acl" not in after:
        return []  # the columns first: no clause hangs below the verb after it (walking the subtree costs more)
    for t in tok.subtree:
        if t.i <= tok.i or t.dep_ not in ("relcl", "acl"):
            continue
        if t.dep_ == "acl" and t.head.lemma_.lower() not in _MEDIA_OF_SAYING:
            continue  # "pointed to the theory that …": the theory is not what was said
        if not any(x.dep_ == "mark" and x.lower_ == "that" and x.tag_ == "IN" and x.i < t.i for x in t.children):
            continue  # the complementiser (IN), not the relative pronoun (WDT)
        subj = next((x for x in t.children if x.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subj is None or subj.tag_ in ("WDT", "WP", "WP$") or subj.lower_ == "that":
            continue
        if any(x.dep_ == "prep" and not any(c.dep_ in ("pobj", "pcomp") for c in x.children) for x in t.subtree):
            continue  # "a debate that voters were sick of": the stranded preposition is the gap
        node = t.head
        while node.i != tok.i and node.dep_ in _MODIFIER_PATH:
            node = node.head
        if node.i == tok.i and t.head.i != tok.i:
            return [t]
    return []


#: Nouns that name something said: their "that" clause is its content ("Ruiz's claim that the bridge is
#: safe"). Nouns of thought (belief, idea, theory, fear, hope) name no speech.
SPEECH_NOUNS = frozenset(
    """
claim assertion argument allegation accusation statement remark comment promise pledge vow warning
insistence contention suggestion prediction denial announcement admission assurance complaint boast
declaration
""".split()
)
#: Verbs whose subject is the source of the speech noun they take: "she made the claim that …", "a third
#: party came forward with an allegation that …".
_UTTERING_VERBS = frozenset("make issue repeat reiterate renew level voice raise offer deliver come".split())


def speech_noun_content(tok: Token) -> tuple[Token, Token] | None:
    """ "Trump's claim that Obama founded the group", "her remark that …", "claims by intelligence
    agencies that …", "came forward with an allegation that …": a noun naming something said, with a
    clause of its own opened by the complementiser "that", and a source in the text (its possessor, a
    "by"/"from" phrase, or the subject of the verb that utters it). Returns the clause and the source;
    None for a claim with no source ("accusations that he lied" reports no one's words) or a relative
    clause ("the claim that he made": "that" fills the gap)."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in SPEECH_NOUNS:
        return None
    clause = None
    for c in tok.children:
        if c.dep_ in ("acl", "ccomp", "relcl") and c.i > tok.i:
            # the complementiser (IN; the relative pronoun is WDT), however the parser labels its arc
            marked = any(x.lower_ == "that" and x.tag_ == "IN" and x.i == c.left_edge.i for x in c.children)
            own = any(
                x.dep_ in ("nsubj", "nsubjpass", "expl") and x.tag_ not in ("WDT", "WP") and x.lower_ != "that"
                for x in c.children
            )
            if marked and own:
                clause = c
                break
    if clause is None:
        return None
    source = next((c for c in tok.children if c.dep_ == "poss" and c.i < tok.i), None)
    if source is None:
        by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i < clause.i), None)
        source = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if source is None:
        verb = tok.head
        if tok.dep_ == "pobj" and verb.lower_ == "with":
            verb = verb.head
        elif tok.dep_ != "dobj":
            return None
        if verb.lemma_.lower() in _UTTERING_VERBS and verb.pos_ == "VERB":
            source = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if source is None:
        return None
    return clause, source


def _relativiser(x: Token, clause: Token) -> bool:
    """A wh-word or relative "that" of ``clause``; not the complementiser "that" the parser marks as such."""
    if x.lower_ == "that" and x.dep_ == "mark" and x.head.i == clause.i:
        return False
    return x.tag_ in ("WDT", "WP", "WP$", "WRB")


_QUESTION_MARKS = ("if", "whether")


def indirect_question(tok: Token) -> list[Token]:
    """ "asked the students if they had read it", "wondered whether …": the question the parser hung on the
    verb as an adverbial clause. Not "asked for a recount" (no clause)."""
    return [
        c
        for c in tok.children
        if c.dep_ == "advcl"
        and c.i > tok.i
        and any(m.dep_ == "mark" and m.lower_ in _QUESTION_MARKS for m in c.children)
    ]


def _closes_sentence_as_cue(info: DocInfo, tok: Token) -> bool:
    """``tok`` heads a clause with a subject of its own and no conjunction, set off by a comma or a dash
    after the verb it hangs on, and nothing but punctuation follows it in the sentence."""
    head = tok.head
    if head.i >= tok.i or head.pos_ not in ("VERB", "AUX") and tok.dep_ not in _HUNG_DEPS:
        return False
    if any(c.dep_ in ("mark", "advmod") and c.i < tok.i for c in tok.children):
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i for c in tok.children):
        return False
    doc = info.doc
    left, right = _first_word(tok), tok.right_edge.i
    s_hi = info.sent_bounds[info.tok_sent[tok.i]][1]
    marks = left - 1
    while marks > 0 and doc[marks].is_quote:
        marks -= 1  # "… “influence peddling,” the Post reported": the comma before the closing mark
    if left == 0 or doc[marks].text not in (",", "—", "–"):
        return False
    return all(doc[j].is_punct or doc[j].is_space for j in range(right + 1, s_hi))


def _first_word(tok: Token) -> int:
    """The first token of ``tok``'s clause that is not punctuation (the parser may hang the comma and the
    closing mark before a closing cue on its verb)."""
    return next((t.i for t in tok.subtree if not (t.is_punct or t.is_space)), tok.i)


#: Where the parser hangs a closing cue clause besides an adverbial: a second complement of the verb before
#: it, a conjunct or a modifier of a word of the clause it closes ("“influence peddling,” the Post reported"
#: with "reported" a modifier of "peddling"), a parenthetical.
_HUNG_DEPS = frozenset({"ccomp", "conj", "acl", "parataxis"})


def closing_cue_start(info: DocInfo, tok: Token) -> int | None:
    """The first token of the closing cue clause ``tok`` (a reporting verb) heads when the parser hung it on
    the clause it closes (``_HUNG_DEPS``), with nothing of its own to report; None otherwise. What another
    cue reports ends before it: "Ruiz admitted that the bridge was “unsafe,” the Gazette reported." """
    if tok.dep_ not in _HUNG_DEPS or not _bare_closing_cue(info, tok):
        return None
    return _first_word(tok)


def trailing_cue_clause(info: DocInfo, tok: Token, verbs: frozenset[str]) -> bool:
    """ "Ruiz acknowledged that the fees were high, the Gazette reported.": the parser can hang the closing
    cue clause on the reporting verb before it as a second complement. A reporting verb with a subject and
    no complement of its own that closes the sentence after a comma is that cue, not part of what the verb
    before it reports (whose content ends before it); a clause with content of its own ("…, others said it
    worked") is a report of its own."""
    return tok.dep_ == "ccomp" and tok.lemma_.lower() in verbs and _bare_closing_cue(info, tok)


def closing_cue_over_colon_quote(info: DocInfo, tok: Token) -> int | None:
    """ "Ruiz said: “The bridge is safe,” the Gazette reported.": a report inside a report, the quotation
    Ruiz's and the whole sentence the Gazette's. The parser makes the closing cue clause (``tok``, a
    reporting verb) the complement of the verb that announced the quotation with a colon, and hangs the
    quotation on it. Returns the first token of the closing cue clause when ``tok`` is such a clause: its
    subject a name or a noun (not "…,” he added", the announcer again), set off by a comma and the closing
    mark of the quotation that opens right after the colon, nothing after it in the sentence but
    punctuation, and no content of its own outside that quotation; None otherwise."""
    head = tok.head
    if tok.dep_ != "ccomp" or head.i >= tok.i or head.pos_ != "VERB":
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is None or subj.pos_ not in ("PROPN", "NOUN") or any(c.dep_ in ("mark", "advmod") for c in tok.children):
        return None
    doc = info.doc
    first = subj.left_edge.i
    colon = head.i + 1
    if colon + 1 >= first or doc[colon].text != ":" or info.tok_seg[colon + 1] < 0:
        return None
    k = info.tok_seg[colon + 1]
    closing = first - 1
    if not doc[closing].is_quote or info.tok_seg[closing] != k or doc[closing - 1].text != ",":
        return None  # the quotation ends with a comma right before the cue clause: “…,” the Gazette reported
    own = [c for c in tok.children if c.dep_ in _OWN_CONTENT_DEPS]
    if not own or any(not colon < c.left_edge.i <= c.right_edge.i < closing for c in own):
        return None
    s_hi = info.sent_bounds[info.tok_sent[tok.i]][1]
    if not all(doc[j].is_punct or doc[j].is_space for j in range(tok.right_edge.i + 1, s_hi)):
        return None
    return first


def colon_quote_report_pieces(info: DocInfo, tok: Token) -> list[tuple[int, int]]:
    """What the closing cue of ``closing_cue_over_colon_quote`` reports: the sentence before it, the
    announcing clause and the quotation ("Ruiz said: “The bridge is safe,”")."""
    first = closing_cue_over_colon_quote(info, tok)
    if first is None:
        return []
    s_lo = info.sent_bounds[info.tok_sent[tok.i]][0]
    lo, hi = paragraph_clip(info.doc, max(tok.head.left_edge.i, s_lo), first - 1, tok.head.i)
    return [(lo, hi)] if len(word_tokens(info, lo, hi)) >= MIN_INDIRECT_WORDS else []


#: What a verb's own content hangs on it by: a closing cue has none.
_OWN_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "dative"})


def _bare_closing_cue(info: DocInfo, tok: Token) -> bool:
    """A closing cue clause with nothing of its own to report (no complement, no object) and no relative
    pronoun ("…, in which he could tell stories" is a relative clause, not a cue)."""
    if any(c.dep_ in _OWN_CONTENT_DEPS for c in tok.children):
        return False
    if any(t.tag_ in ("WDT", "WP", "WP$") for t in tok.doc[tok.left_edge.i : tok.i]):
        return False
    return _closes_sentence_as_cue(info, tok)


def trailing_cue_pieces(info: DocInfo, tok: Token) -> list[tuple[int, int]]:
    """ "One group entered the building, where they left a grenade, a guard told Reuters.": a cue clause
    with a subject of its own that closes the sentence after a comma, and which the parser hung on the
    main verb as an adverbial clause (or as a second complement of a reporting verb: ``trailing_cue_clause``),
    attributes that clause. A clause with a conjunction ("…, because she said so", "…, when he told them")
    is an adverbial of its own, no cue."""
    if not (tok.dep_ == "advcl" and _closes_sentence_as_cue(info, tok) or closing_cue_start(info, tok) is not None):
        return []
    doc = info.doc
    head = tok.head
    s_lo = info.sent_bounds[info.tok_sent[tok.i]][0]
    # a cue hung on a word inside the clause it closes attributes the whole sentence before it
    if tok.dep_ in ("advcl", "ccomp"):
        lo, hi = paragraph_clip(doc, max(head.left_edge.i, s_lo), _first_word(tok) - 1, head.i)
    else:  # within the cue's own paragraph (the parser can join a headline to the sentence under it)
        lo, hi = paragraph_clip(doc, s_lo, _first_word(tok) - 1, _first_word(tok) - 1)
    words = word_tokens(info, lo, hi)
    if len(words) < MIN_INDIRECT_WORDS or not any(doc[j].tag_ in FINITE_TAGS for j in words):
        return []
    return [(lo, hi)]


def what_says_pieces(info: DocInfo, tok: Token) -> list[tuple[int, int]]:
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
    return [(lo, hi)] if len(word_tokens(info, lo, hi)) >= MIN_INDIRECT_WORDS else []


def as_clause_pieces(info: DocInfo, tok: Token) -> list[tuple[int, int]]:
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
    if doc[right].text == "," and right > tok.i:
        right -= 1  # the parser hangs the comma that sets the clause off on its verb
    if not (right + 1 < len(doc) and doc[right + 1].text == "," or left > 0 and doc[left - 1].text in (",", "—", "–")):
        return []  # a report is set off: "As the Post reported, …", "…, as she noted"; "… as he replied" is time
    s_lo, s_hi = info.sent_bounds[info.tok_sent[tok.i]]
    lo, hi = paragraph_clip(doc, max(head.left_edge.i, s_lo), min(head.right_edge.i, s_hi - 1), tok.i)
    out = []
    for p_lo, p_hi in ((lo, left - 1), (right + 1, hi)):
        words = [t for t in doc[p_lo : p_hi + 1] if not t.is_punct and not t.is_space]
        if len(words) >= MIN_INDIRECT_WORDS and any(t.i == head.i or t.tag_ in FINITE_TAGS for t in words):
            out.append((p_lo, p_hi))
    return out


__all__ = [
    "DIRECTIVE_VERBS",
    "NAMING_VERBS",
    "as_clause_pieces",
    "clause_on_modifier",
    "directive_pieces",
    "gerund_subject_clause",
    "indirect_question",
    "naming_pieces",
    "SPEECH_NOUNS",
    "speech_noun_content",
    "closing_cue_over_colon_quote",
    "closing_cue_start",
    "colon_quote_report_pieces",
    "trailing_cue_clause",
    "trailing_cue_pieces",
    "unmarked_clause",
    "what_says_pieces",
]
