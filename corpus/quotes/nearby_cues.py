"""Pass 2 of extraction: the cue of a quoted stretch no cue claimed.

``near_cue`` finds the reporting verb beside it in its sentence, ``colon_cue``
the verb of a clause ending in a colon right before it ("He said: “…”"),
``colon_label`` a speaker label ("Clinton: “…”"); ``name_after_cue`` the name
after an inverted cue whose subject the parse hung elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.coref.lexicon import (
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    ISSUING_VERBS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PUBLISHED_NOUNS,
)
from corpus.quotes.docinfo import CONTENT_DEPS, DocInfo
from corpus.quotes.label_words import name_start
from corpus.quotes.speakers import question_put_to_subject, subject_of
from corpus.quotes.verbs import is_cue, is_reporting_use, reporting_verbs, verbs_of_class

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


def is_person(tok: Token | None) -> bool:
    """A person by the words alone: he/she/I/we, a name tagged PERSON, a person noun ("spokeswoman")."""
    if tok is None:
        return False
    if tok.lower_ in ("he", "she", "i", "we"):
        return True
    if tok.ent_type_ == "PERSON":
        return True
    return tok.lemma_.lower() in PERSON_NOUNS or age_description(tok)


def age_description(tok: Token) -> bool:
    """The "old" of "the 43-year-old", "a 29-year-old": someone described by their age, whom the parser
    reads as an adjective."""
    return tok.lower_ == "old" and tok.pos_ == "ADJ" and any(c.lower_ in ("year", "years") for c in tok.children)


def near_cue(info: DocInfo, k: int) -> Token | None:
    """A reporting verb in the sentence around quote segment ``k``: after it first, then before."""
    doc = info.doc
    verbs = reporting_verbs()
    seg = info.segs[k]
    text = info.text
    # after: from the closing mark to the end of that sentence (not into the next quote or paragraph)
    i = info.token_at(seg.end - 1) + 1
    fallback: Token | None = None
    if i < len(doc) and seg.closed:
        si = info.tok_sent[min(i, len(doc) - 1)]
        stop = info.sent_bounds[si][1]
        inner = text[seg.inner_start : seg.inner_end].rstrip()
        # a quote that ends its sentence takes only a cue right after it ("“….” said Bains."), or one
        # whose subject starts right after it, however long its apposition ("“…?” Ana Ruiz, a senior
        # analyst at the bank, said.")
        reach = 4 if inner[-1:] in ".!?" else 10
        for j in range(i, min(stop + 12, len(doc), i + max(reach, _APPOSITION_REACH))):
            t = doc[j]
            if "\n" in t.text:
                break
            if info.tok_seg[j] >= 0:
                if j > i and info.seg_words(info.tok_seg[j]) <= _TITLE_WORDS:
                    continue  # a quoted name in the speaker's apposition ("wearing “Vote Ruiz” pins")
                break
            if (
                is_cue(t, verbs)
                and is_reporting_use(t)
                and not _object_of_its_own(t)
                # "“…” Asked about it, Ruiz said …": a question put to someone opens a sentence of its own
                and not question_put_to_subject(t)
                and (j < i + reach or _subject_starts_at(t, i) or phrase_before_cue(info, i, t) is not None)
            ):
                if inner[-1:] in ".!?" and (_reports_a_clause_after(info, t) or _announces_what_follows(t)):
                    # "… condemning “….” He said he had called …": a new sentence with its own report;
                    # the quotation's cue is before it, if any. So too "“….” Ruiz said: “…”": the colon
                    # turns the cue to the quotation after it
                    fallback = t
                    break
                return t
            if j < i + reach and verb_tagged_noun(t, verbs, info):
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
        if not is_cue(t, verbs) or question_put_to_subject(t):  # "Asked by X if …, Y said … “…”": not X's
            if statement_participle(t) and info.tok_seg[t.i] < 0:
                return t  # "released a statement condemning “…”": the statement's words
            continue
        earlier = [c for c in t.children if c.dep_ in CONTENT_DEPS and c.i < i]
        if not earlier:
            return t
        if doc[i - 1].text == "," and all(info.tok_seg[c.i] >= 0 for c in earlier):
            return t  # “A,” she said, “B”: the cue interrupts one quotation; B is hers too
    before = colon_cue(info, k)
    if before is None and fallback is not None and _goes_on_from_quotation(info, k):
        # "“…,” Cruz told reporters. “This is …” Kasich said he would …": the quotation goes on with the
        # speaker of the quotation before it in its paragraph (the floating pass), not the next sentence's
        return None
    return before if before is not None else fallback


def _announces_what_follows(cue: Token) -> bool:
    """A colon right after the cue ("Ruiz said: “…”", "said Ruiz:") turns it to what follows the colon."""
    doc = cue.doc
    subject = subject_of(cue)
    nxt = subject.right_edge.i + 1 if subject is not None and subject.i > cue.i else cue.i + 1
    return nxt < len(doc) and doc[nxt].text == ":"


def _goes_on_from_quotation(info: DocInfo, k: int) -> bool:
    """Quote segment ``k`` follows another quotation in its paragraph: a quotation with no cue of its own
    goes on with that one's speaker. Not after a question ("“Are you running?” a reporter asked. “No, …”
    Ruiz said …"): the answer is someone else's, so the cue after it keeps it."""
    if k == 0:
        return False
    prev, seg = info.segs[k - 1], info.segs[k]
    doc_par = info.tok_par
    if doc_par[info.token_at(prev.start)] != doc_par[info.token_at(seg.start)]:
        return False
    return not _a_question(info, prev.start, prev.end, seg.start)


def _a_question(info: DocInfo, start: int, end: int, after: int) -> bool:
    """The quotation at characters ``start`` .. ``end`` asks a question: it ends in "?", or its cue, the first
    verb after it (before character ``after``), is a verb of asking ("“Will you resign,” Lee asked her.").
    Not a verb of asking further on ("“…!” LeVell declared, after callers asked how …": his)."""
    if info.text[start:end].rstrip("\"'”’ ").endswith("?"):
        return True
    lo, hi = info.token_at(end), info.token_at(after)
    cue = next((t for t in info.doc[lo:hi] if t.pos_ == "VERB"), None)
    return cue is not None and cue.lemma_.lower() in verbs_of_class("question")


def _object_of_its_own(cue: Token) -> bool:
    """A verb that reports only a quotation beside it ("“…,” he mocks") has an object of its own after
    it: "ISIS fighters mock the army's tactics" says nothing of the quotation before."""
    return cue.lemma_.lower() in verbs_of_class("quoted") and any(
        c.dep_ == "dobj" and c.i > cue.i for c in cue.children
    )


def _reports_a_clause_after(info: DocInfo, cue: Token) -> bool:
    """The cue has a clausal complement of its own after it, outside quote marks ("He said he had …") or
    in a quotation of its own ("“…?” Ruiz writes back, “You look tired.”"): it reports that, not the
    quotation that ends before it."""
    return any(c.dep_ in CONTENT_DEPS and c.i > cue.i for c in cue.children)


def statement_participle(tok: Token) -> bool:
    """A participle that gives the content of a document ("a statement condemning …", "a letter calling
    on …"): what it quotes is the document's, and so its issuer's ("Ellis released a statement
    condemning “…”"). Not a participle of any other noun ("a crowd chanting “…”" has its own cue)."""
    if tok.tag_ != "VBG":
        return False
    head = tok.head
    if tok.dep_ == "acl":
        return head.lemma_.lower() in DOCUMENT_NOUNS
    # the parser hangs the participle on the verb: "released a statement Thursday condemning …"
    return (
        tok.dep_ == "advcl"
        and head.lemma_.lower() in ISSUING_VERBS
        and any(c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENT_NOUNS and c.i < tok.i for c in head.children)
    )


def verb_tagged_noun(tok: Token, verbs: frozenset[str], info: DocInfo | None = None) -> bool:
    """ "“…,” the post read.": the tagger took a sentence-final reporting verb for a noun ("a good read",
    "her notes"). A noun form of a reporting verb that roots its sentence, after a noun and before the
    sentence's end, is that verb; its subject is the noun before it. So is one the parser hung on a word
    of the quotation before it ("“…,” the two write." with "write" a modifier of a quoted verb): the
    writer's words never depend on the quoted ones."""
    doc = tok.doc
    form = tok.lower_
    misparsed = info is not None and tok.head.i != tok.i and info.tok_seg[tok.head.i] >= 0
    if tok.pos_ != "NOUN" or tok.i == 0 or tok.i + 1 >= len(doc):
        return False
    if not (form in verbs or form.endswith("s") and form[:-1] in verbs):
        return False
    after = doc[tok.i + 1].text
    # "“Paid leave,” the leaflet states, starts “…”": a plural-looking "states" set off right after a
    # quotation it interrupts, whatever the parser made of it
    set_off = (
        after == ","
        and tok.tag_ == "NNS"
        and tok.i >= 3
        and doc[tok.i - 2].pos_ == "DET"
        and doc[tok.i - 3].is_quote
        and tok.i + 2 < len(doc)
        and (doc[tok.i + 2].is_quote or doc[tok.i + 2].tag_ in ("VBZ", "VBD", "MD"))
    )  # not "“…,” the border states, Ohio and Utah, offer …"
    if not (tok.dep_ == "ROOT" or misparsed or set_off or _closes_phrase_after_quotation(tok)):
        return False
    before = doc[tok.i - 1]
    # "the editorial read": a noun for a published piece the tagger took for an adjective
    noun_before = before.pos_ in ("NOUN", "PROPN", "NUM") or before.pos_ == "ADJ" and before.lower_ in PUBLISHED_NOUNS
    return noun_before and (after in (".", "!", "?") or set_off)


#: Words between a closing mark and a sentence-final "states"/"reads" that make up a noun phrase.
_NOUN_PHRASE_TAGS = frozenset({"DT", "JJ", "NN", "NNS", "NNP", "NNPS", "IN", "HYPH", "POS", "CD", "PRP$"})


def _closes_phrase_after_quotation(tok: Token) -> bool:
    """ "“…,” a voice-over in the ad states.": a plural-looking reporting verb that ends a noun phrase
    standing alone between a quotation (and its comma) and the sentence's end, however the parser hung it.
    Not "“…,” he said of the border states.": a verb before it makes it a noun of that clause."""
    doc = tok.doc
    if tok.tag_ != "NNS" or doc[tok.i + 1].text not in (".", "!", "?"):
        return False
    j = tok.i - 1
    while j > 0 and doc[j].tag_ in _NOUN_PHRASE_TAGS and not doc[j].is_quote:
        j -= 1
    return j < tok.i - 1 and doc[j].is_quote and doc[j - 1].text == "," if j > 0 else False


_APPOSITION_REACH = 25  # tokens: a name and its title between a quotation and its cue


def _subject_starts_at(cue: Token, i: int) -> bool:
    """The subject of ``cue`` is someone whose mention opens at token ``i``: a person (a name, an age, "the
    spokesman") or, as the subject of the cue's own clause, a plain noun for people (``_people_noun``). Not
    a thing ("“….” The paper, which …, said"): the cue may stand up to ``_APPOSITION_REACH`` tokens on."""
    subject = subject_of(cue)
    if subject is None or subject.left_edge.i != i:
        return False
    if is_person(subject) or _is_named(subject):
        return True
    # a plain noun for people too ("a reporter", "one protester"), as the subject of the cue's own clause
    # ("… a reporter can be heard asking"), not of a clause the cue only hangs on ("… Clinton's pollster
    # lashed out, advising …")
    own = subject.head.i == cue.i or cue.dep_ == "xcomp" and subject.head.i == cue.head.i
    return own and subject.pos_ == "NOUN" and _people_noun(subject.lemma_.lower())


def _people_noun(lemma: str) -> bool:
    """A noun for people: a listed one ("official", "protester") or the agent noun of a verb of saying ("a
    reporter", "the writer", "an adviser"), never a thing the agent suffix alone would let in ("paper",
    "order", "computer")."""
    if lemma in PERSON_NOUNS or lemma in GROUP_NOUNS:
        return True
    verbs = reporting_verbs()
    return any(lemma.endswith(s) and lemma[: -len(s)] in verbs for s in ("er", "r", "or"))


_PHRASE_OPENERS = frozenset({"PROPN", "DET", "NOUN", "ADJ", "NUM"})
_TITLE_WORDS = 3  # a quoted stretch this short inside a noun phrase is a name or a title
#: Tags that open or head a clause: finite verbs, modals, "to" and wh-words ("how to", "who said").
_CLAUSE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD", "TO", "WRB", "WP", "WDT"})


def phrase_before_cue(info: DocInfo, i: int, cue: Token) -> Token | None:
    """The head of the noun phrase that fills tokens ``i`` .. the cue, right after a quotation: "“…,”
    Tom Baxter, the governor's former chief of staff, said". However the parser hung it (often as an
    apposition of a quoted word), a phrase that stands alone between a quotation and its finite
    reporting verb is the verb's subject. Its words hold no clause of its own (no finite verb, "to" or
    wh-word: "“…,” the bill the council passed says" is not one phrase) and no quotation but a quoted
    name or title of up to ``_TITLE_WORDS`` words; None otherwise."""
    doc = info.doc
    j = cue.i
    if j <= i or doc[i].pos_ not in _PHRASE_OPENERS or doc[i].is_punct:
        return None
    if cue.tag_ not in ("VBD", "VBZ", "VBP") and not (cue.tag_ == "VBN" and age_description(doc[j - 1])):
        # the verb is finite: "“…” a tour on how to read labels" has no cue "read"; the tagger reads the
        # past tense after an age as a participle that describes it ("“…?” the 43-year-old asked")
        return None
    j = _before_relative_clause(doc, i, j)
    head = None
    name = _name_set_off(doc, i, j)
    for t in doc[i:j]:
        if info.tok_seg[t.i] >= 0 and info.seg_words(info.tok_seg[t.i]) <= _TITLE_WORDS:
            continue
        if name is not None and t.i > name.i and t.tag_ in ("VBD", "VBN") and doc[t.i - 1].lower_ == "and":
            continue  # "Ana Ruiz, now 81 and retired in Leeds, said": a participle of the apposition
        if info.tok_seg[t.i] >= 0 or "\n" in t.text or t.tag_ in _CLAUSE_TAGS:
            return None
        if t.is_punct and t.text not in (",", "-", "–", "—", "."):
            return None
        if head is None and not t.is_punct and not i <= t.head.i < j:
            head = t
    if head is None or head.pos_ == "VERB":
        # "“…,” Ana Ruiz, a teacher then working for the county, wrote": the parser made the participle of
        # the apposition the head and the name its subject; the phrase is still the name set off by commas
        head = name
    age = doc[j - 1]
    if age_description(age) and all(t.i >= age.left_edge.i or t.pos_ == "DET" for t in doc[i : j - 1]):
        return age  # "the 43-year-old" alone, however the parser hung the verb and the article
    if head is None or head.pos_ not in ("PROPN", "NOUN", "PRON") or head.ent_type_ in _NOT_SPEAKERS:
        return None
    return head


def _before_relative_clause(doc: Doc, i: int, j: int) -> int:
    """Where the noun phrase in tokens ``i`` .. ``j`` ends when a relative clause set off by commas closes
    it ("an official, who was not authorized to speak, told …"): at the comma before "who"; else ``j``.
    The clause has a verb of its own, but it only says who the noun is."""
    if doc[j - 1].text != ",":
        return j
    for k in range(i + 1, j - 1):
        if doc[k].lower_ in ("who", "which") and doc[k - 1].text == ",":
            return k - 1
    return j


def _name_set_off(doc: Doc, i: int, j: int) -> Token | None:
    """The head of the name that opens tokens ``i`` .. ``j`` when a comma follows it (an apposition comes
    after): the first proper noun that is no part of a longer name."""
    for t in doc[i:j]:
        if t.pos_ != "PROPN":
            return None
        if t.dep_ != "compound":
            return t if t.i + 1 < j and doc[t.i + 1].text == "," else None
    return None


def colon_cue(info: DocInfo, k: int) -> Token | None:
    """The verb of a clause that ends in a colon right before quote segment ``k``, in its paragraph or
    at the end of the paragraph before: "He said: “…”", "Pence continued:\n\n“…”", "Hannity
    interjected: “…”".

    The verb must head the colon's clause and have a subject. A reporting verb qualifies as it is;
    any other verb only with a person, a named speaker, an organisation ("the union") or a document
    ("The letter continues:") as subject and no object or complement before the colon: a person who
    "continued", "shot back" or "demurred" right before a quotation says it, while "She made a
    promise: “…”" or "He was blunt: “…”" introduce no speech of their own. Two objects introduce what
    follows as the subject's words: a document the subject issues ("released the following
    statement:") and the "it" of "put it" ("As Ruiz put it:"); "made it clear" or "issued a warning"
    do not."""
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
    if verb.dep_ == "dobj" and verb.head.i < verb.i:  # "issued the following statement:" hangs it on the noun
        verb = verb.head
    if verb.i >= j or info.tok_sent[verb.i] != info.tok_sent[j] or info.tok_seg[verb.i] >= 0:
        return None
    if not is_reporting_use(verb) or any(c.dep_ in ("ccomp", "xcomp") and c.i < j for c in verb.children):
        return None
    subject = subject_of(verb)
    if subject is None:
        return None
    if is_cue(verb, reporting_verbs()):
        return verb
    if verb.pos_ != "VERB" or not (
        is_person(subject) or _is_named(subject) or _is_document(subject) or _is_body(subject)
    ):
        return None
    if any(c.dep_ in _OBJECTS and c.i < j and not _introduces_words(verb, c) for c in verb.children):
        return None
    return verb


def _is_document(tok: Token) -> bool:
    """A common noun for a text that speaks ("the letter", "the report", "her statement")."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in DOCUMENT_NOUNS


def _is_body(tok: Token) -> bool:
    """A common noun for an organisation that speaks ("the union", "the campaign"), not a place ("the city")."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in ORG_NOUNS and tok.lemma_.lower() not in _PLACE_NOUNS


_PLACE_NOUNS = frozenset({"city", "province", "state", "country"})


def _introduces_words(verb: Token, obj: Token) -> bool:
    """The object of ``verb`` introduces the words after the colon: a document it issues ("issued the
    following statement:", "released a statement:") or the "it" of "put it" ("as she put it:")."""
    lemma = verb.lemma_.lower()
    if obj.dep_ != "dobj":
        return False
    if lemma == "put":
        return obj.lower_ == "it"
    return lemma in ISSUING_VERBS and _is_document(obj)


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
        if not _name_part(t) and not (t.lower_ in ("and", "&") and i < j and _name_part(doc[i - 2])):
            break
        i -= 1
    if i < j and not any(t.pos_ == "PROPN" for t in doc[i:j]) and j - i < 2:
        i = j  # a capitalised common noun alone is a heading ("Update:"), not a name
    document = i == j
    if document:
        i = _document_after_from(info, j)  # "From the report:", "More from her letter:"
        if i == j:
            return None
    opener = i - 1
    if opener >= 0 and doc[opener].lower_ == "from":  # "More from Jones:", "From Ana Ruiz:"
        if opener > 0 and doc[opener - 1].lower_.lstrip("-–—") == "more":
            opener -= 1
            if doc[opener].text[0] in "-–—":  # "… along -More from Jones:": the dash opens the label
                opener = -1
        opener -= 1 if opener >= 0 else 0
    elif i < j and doc[i].lower_ in ("the", "his", "her", "its", "their"):
        return None  # a document is a label only after "from" ("Read the report: “…”" is no label)
    if opener >= 0 and not (doc[opener].is_space or doc[opener].text in _LABEL_OPENERS):
        return None
    name = doc[i:j]
    if not document:
        name = name[name_start(name) :]  # "Stated Stone:": the inverted "Stone stated"
    if not document and any(t.ent_type_ in _NOT_SPEAKERS for t in name):
        # (a document speaks for whoever wrote it, whatever the NER made of its words: "From the
        # White House's statement:", "From Ruiz's Facebook post:")
        return None
    return name


def _name_part(tok: Token) -> bool:
    """A word of a name label: a proper noun, or a capitalised word the small model tags as a common
    noun ("Pew Research")."""
    if tok.pos_ == "PROPN":
        return True
    return tok.pos_ == "NOUN" and tok.text[:1].isupper() and not tok.text.isupper()


def _document_after_from(info: DocInfo, j: int) -> int:
    """Start of a document phrase right before the colon at ``j`` that "from" opens ("From the report:",
    "More from her letter:", "From Ruiz's Facebook post:"), or ``j`` when there is none. The document is
    made definite by a determiner or a possessor, whose words it speaks: a bare "From posts:" is none."""
    doc = info.doc
    if j < 2 or doc[j - 1].pos_ != "NOUN" or doc[j - 1].lemma_.lower() not in DOCUMENT_NOUNS:
        return j
    i = j - 1
    owned = False  # a possessor's "'s" seen: the words before it name who wrote the document
    while i > 0 and j - i < 7 and info.tok_seg[i - 1] < 0:
        t = doc[i - 1]
        if t.tag_ == "POS" and not owned:
            owned = True
        elif t.pos_ not in ("ADJ", "NOUN", "PROPN", "DET", "PRON"):  # ("her campaign's Facebook post")
            break
        i -= 1
        if t.pos_ in ("DET", "PRON"):
            break
    definite = doc[i].pos_ in ("DET", "PRON") or owned and doc[i].pos_ == "PROPN"
    return i if i > 0 and definite and doc[i - 1].lower_ == "from" else j


def name_after_cue(info: DocInfo, cue: Token) -> Token | None:
    """The name right after an inverted cue whose subject the parse hung elsewhere ("“…,” said Ana
    Ruiz, the mayor" where a missed sentence break made "Ruiz" the subject of the next paragraph's
    verb; "“…,” said retired surgeon Ana Ruiz, asked about …" where it made her the subject of "asked"):
    the last token of the name that follows the verb in its paragraph, after the titles and descriptions
    that may precede it. A name that only qualifies a common noun ("said Obama administration
    officials") is none."""
    doc = info.doc
    j = cue.i + 1
    while j < len(doc) and j - cue.i <= _TITLED_NAME_WORDS and info.tok_par[j] == info.tok_par[cue.i]:
        t = doc[j]
        participle = t.pos_ == "VERB" and t.tag_ in ("VBG", "VBN")  # "retired", "ranking"
        if info.tok_seg[j] >= 0 or not (t.pos_ in ("PROPN", "NOUN", "ADJ") or participle or _name_word(t)):
            break
        j += 1
    last = doc[j - 1]
    if j == cue.i + 1 or not _name_word(last) or any(t.ent_type_ in _NOT_SPEAKERS for t in doc[cue.i + 1 : j]):
        return None  # "“…,” said Monday": a date, not who said it
    return last


def _name_word(tok: Token) -> bool:
    """A word of a name: a proper noun, or a capitalised word inside a sentence the small model tagged as
    something else ("said Skelly" with "Skelly" an adverb)."""
    if tok.pos_ == "PROPN":
        return True
    return tok.pos_ in ("NOUN", "ADV", "X") and tok.text[:1].isupper() and not tok.is_sent_start


#: Words of a name with the titles and descriptions before it ("said retired neurosurgeon Ana Ruiz").
_TITLED_NAME_WORDS = 8


def subject_after_cue(info: DocInfo, cue: Token) -> Token | None:
    """Who said a quotation that stands before its cue, when the parse lost the cue's subject: the name
    run after the verb (``name_after_cue``) or the noun phrase right after it that the parser took for
    its object ("“…,” added a New Hampshire Democrat.", "“…,” tweeted another."): a reporting verb
    whose quotation comes first has no object after it, so what follows it is its speaker. The parser
    also reads an inverted cue as an adjective of the noun phrase after it ("“…,” tweeted Rubio
    spokesman Alex Conant" as "tweeted spokesman"): that noun phrase is the speaker too."""
    if cue.dep_ == "amod" and cue.head.i > cue.i and info.tok_par[cue.head.i] == info.tok_par[cue.i]:
        head = cue.head
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head  # "spokesman" in "spokesman Alex Conant": the phrase ends at the name
        if info.tok_seg[head.i] < 0 and head.pos_ in ("NOUN", "PROPN") and head.ent_type_ not in _NOT_SPEAKERS:
            return head
    obj = next(
        (c for c in cue.children if c.dep_ in ("dobj", "attr", "oprd") and c.left_edge.i == cue.i + 1),
        None,
    )
    if (
        obj is not None
        and obj.pos_ in ("NOUN", "PROPN", "PRON")
        and info.tok_seg[obj.i] < 0
        and info.tok_par[obj.i] == info.tok_par[cue.i]
        and obj.ent_type_ not in _NOT_SPEAKERS
    ):
        return obj
    return name_after_cue(info, cue)


def speaker_of_inverted_cue(info: DocInfo, cue: Token, subject: Token | None) -> Token | None:
    """The speaker of a cue that follows its quotation ("“Not again,” wrote a volunteer …"): the verb's
    subject, unless the parse found none or took a word of the quotation for it ("“Meh,” wrote a
    supporter" read as "Meh wrote"); then the noun phrase after the verb (``subject_after_cue``). What
    is quoted is said, never the one who says it."""
    if subject is not None and not (
        info.tok_seg[subject.i] >= 0 and subject.i < cue.i and subject.head.i == cue.i and cue.lemma_ != "tell"
    ):
        return subject  # "“…,” Ruiz, 58, told AFP": the one told is no speaker; a conjunct keeps its own reading
    if cue.lemma_ == "tell":
        return subject  # "“…,” … told Fox News": the one told, never an inverted subject
    after = subject_after_cue(info, cue)
    return after if after is not None else subject


def _is_named(tok: Token) -> bool:
    """A proper name, also where the small model tags a name as a noun ("Hannity"): capitalised and
    without a determiner ("The crowd" is not named)."""
    if tok.pos_ == "PROPN":
        return True
    return tok.pos_ == "NOUN" and tok.text[:1].isupper() and not any(c.dep_ == "det" for c in tok.children)


#: Dependents that give a verb content of its own before a colon ("made a promise:", "was blunt:").
_OBJECTS = frozenset({"dobj", "attr", "acomp", "oprd", "dative"})


__all__ = [
    "age_description",
    "colon_cue",
    "colon_label",
    "is_person",
    "name_after_cue",
    "near_cue",
    "phrase_before_cue",
    "speaker_of_inverted_cue",
    "statement_participle",
    "subject_after_cue",
    "verb_tagged_noun",
]
