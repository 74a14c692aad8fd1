"""The speaker mention of a cue: the subject of its reporting verb, inherited by participles
and conjuncts, or the issuer of a document that speaks.

The name a mention resolves to is ``corpus.coref``'s job (``SpeakerResolver``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.coref.lexicon import (
    DOCUMENT_NOUNS,
    KIN_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PUBLISHED_NOUNS,
    WH_PRONOUNS,
    animate_noun,
)
from corpus.coref.mentions import issuer_of_document
from corpus.entities import POST_NOMINALS, ROLE_WORDS, role_word
from corpus.names import TITLE_WORDS
from corpus.quotes.verbs import reporting_verbs, verbs_of_class

if TYPE_CHECKING:
    from spacy.tokens import Token


#: Verbs that address their object with words ("emailed supporters", "told reporters", "wrote voters").
ADDRESSING_VERBS = frozenset({"email", "e-mail", "tell", "write", "text", "message", "tweet", "call", "urge"})


#: Entity labels of things that are no "who": a "who" the parse hung on one is about the person before it.
_PLACES = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})


def antecedent(head: Token, wh: Token) -> Token:
    """The antecedent of relative pronoun ``wh`` whose clause the parse hung on ``head``: ``head`` itself,
    unless "who" hangs on a place or a date inside the person's description ("Alan Berger, a doctor from
    Englewood, New Jersey, who said …"); then the person that description is about."""
    if wh.lower_ not in ("who", "whom"):
        return head
    if head.ent_type_ not in _PLACES:
        before = _speaker_right_before(wh)
        if before is not None and before.i != head.i and not _can_speak(head):
            # "labelled a misjudgement by the Conservatives who said …": "who" is someone, and the parse hung
            # its clause on a thing; the one named right before it is who
            return before
        return head
    for a in list(head.ancestors)[:5]:
        if a.ent_type_ == "PERSON" or a.pos_ == "NOUN" and a.lemma_.lower() in PERSON_NOUNS:
            while a.dep_ == "appos" and a.head.ent_type_ == "PERSON":
                a = a.head  # "Berger, a doctor": the name, not the description
            return a
    return head


# Words of a role between a party's name and the person ("Tory shadow local government secretary Caroline
# Spelman"): lower case, or a title's capitals ("Home Secretary", "MP"); at most this many.
_ROLE_REACH = 6
# Words no role is made of (a verb in the present the parse may make of a noun: "shadow", "chair").
_NOT_IN_A_ROLE = frozenset({"PRON", "ADV", "ADP", "DET", "AUX", "CCONJ", "SCONJ", "PART", "NUM"})


def person_after_modifier(tok: Token) -> Token | None:
    """The person a one-word party, group or place name modifies when the parse took that word for the
    subject: "said Tory shadow local government secretary Caroline Spelman" → Spelman ("Tory" is what she
    is, not who speaks). Only through a role: words in lower case or titles, ending in an office or title
    word, then the person's name; None otherwise ("Tory claims they could cut …": no one after it)."""
    doc = tok.doc
    if tok.ent_type_ not in ("NORP", "ORG", "GPE") or tok.ent_iob_ != "B":
        return None
    j = tok.i + 1
    if j < len(doc) and doc[j].ent_iob_ == "I":
        return None  # a name of several words ("Liberal Democrats"): the NER's own
    last_role = False
    while j < len(doc) and j - tok.i <= _ROLE_REACH + 1:
        t = doc[j]
        if t.ent_type_ == "PERSON" and t.ent_iob_ == "B":
            if not last_role:
                return None
            while j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I":
                j += 1
            return doc[j]
        word = t.lower_.strip(".")
        if t.ent_type_ or not (t.is_alpha or t.text in ("-", "–")):
            return None
        if t.pos_ in _NOT_IN_A_ROLE or t.tag_ in ("VBD", "VBN", "VBG"):
            return None  # "Cuban also said he supports President Obama's …": a clause, no role
        is_role = role_word(word) in ROLE_WORDS or word in TITLE_WORDS or word in POST_NOMINALS
        if t.text[:1].isupper() and not is_role:
            return None
        last_role = is_role if t.is_alpha else last_role
        j += 1
    return None


def _can_speak(tok: Token) -> bool:
    """Someone a "who" may be: a name, a pronoun, a noun for people, kin or organisations ("daughter",
    "union", "campaigners"); not a thing ("misjudgement")."""
    lemma = tok.lemma_.lower()
    return (
        tok.ent_type_ in ("PERSON", "NORP", "ORG")
        or tok.pos_ in ("PROPN", "PRON")
        or animate_noun(lemma)
        or lemma in KIN_NOUNS
    )


def _speaker_right_before(wh: Token) -> Token | None:
    """The head of the noun phrase right before a relative pronoun (a comma between allowed), when it is a
    person, a group or an organisation by its label or its noun (not a place: "of Romania, who")."""
    i = wh.i - 1
    if i >= 0 and wh.doc[i].text == ",":
        i -= 1
    if i < 0:
        return None
    tok = wh.doc[i]
    if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in _PLACES:
        return None
    speaks = tok.ent_type_ in ("PERSON", "NORP", "ORG") or tok.lemma_.lower() in PERSON_NOUNS | ORG_NOUNS
    return tok if speaks else None


def _addressee_of_report(tok: Token) -> bool:
    """``tok`` is who a verb of addressing speaks to: its object ("emailed supporters", "told reporters")."""
    head = tok.head
    return tok.dep_ in ("dobj", "dative") and head.pos_ == "VERB" and head.lemma_.lower() in ADDRESSING_VERBS


def _text_sent_to(tok: Token) -> Token | None:
    """The document ``tok`` is the addressee of ("a text message to supporters", "an email to donors"), or
    None."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "to" or prep.dep_ not in ("prep", "dative"):
        return None
    text = prep.head
    if text.pos_ == "VERB":  # "sent out a text message to supporters": the parse hangs "to" on the verb
        text = next((c for c in text.children if c.dep_ == "dobj"), text)
    return text if text.pos_ == "NOUN" and text.lemma_.lower() in DOCUMENT_NOUNS else None


def _outside_noun_clause(cue: Token, head: Token) -> Token | None:
    """The verb of the sentence when a participle set off by a comma hangs on the verb of a "that" clause
    of a noun: in "Ruiz rejected the idea that the mayor would hurt the ticket, saying …" Ruiz says it,
    not the mayor. None otherwise."""
    if cue.dep_ != "advcl" or cue.i == 0 or cue.doc[cue.i - 1].text != ",":
        return None
    if (
        head.dep_ != "acl"
        or head.head.pos_ != "NOUN"
        or not any(c.dep_ == "mark" and c.lower_ == "that" for c in head.children)
    ):
        return None
    return next((a for a in head.head.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _mute_thing(tok: Token) -> bool:
    """A singular common noun that cannot speak: not a person, an organisation or a text ("the notion",
    "a third attempt", "a visual vote"); a plural may be people ("protesters chanting")."""
    if tok.tag_ != "NN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "PERCENT", "CARDINAL", "QUANTITY"):
        return False  # "with 50 percent saying": a share of the people asked
    lemma = tok.lemma_.lower()
    if lemma == "percent":  # the tagger misses the number's entity at times
        return False
    return lemma not in _SPEAKING_NOUNS


#: Singular nouns for people together, who chant, shout and answer: "a crowd chanting …".
PEOPLE_GATHERED = frozenset(
    {
        "crowd",
        "audience",
        "mob",
        "chorus",
        "choir",
        "congregation",
        "jury",
        "panel",
        "public",
        "electorate",
        "team",
        "family",
        "class",
        "gathering",
        "assembly",
        "staff",
        "delegation",
        "caucus",
        "base",
        "chamber",
    }
)


#: Things whose words are on show: "a sign saying …", "a banner reading …" say what is written on them.
DISPLAYED_TEXTS = frozenset(
    {
        "sign",
        "banner",
        "placard",
        "poster",
        "billboard",
        "caption",
        "headline",
        "ad",
        "advert",
        "advertisement",
        "video",
        "slogan",
        "shirt",
        "t-shirt",
        "note",
        "percent",
    }
)
_SPEAKING_NOUNS = PERSON_NOUNS | ORG_NOUNS | DOCUMENT_NOUNS | PUBLISHED_NOUNS | DISPLAYED_TEXTS | PEOPLE_GATHERED


def subject_of(cue: Token, depth: int = 0) -> Token | None:
    """The subject of a cue verb, inherited by participles and conjuncts ("…, adding that") from the
    reporting verb they depend on, else from the verb they hang on."""
    subjects = [c for c in cue.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        c = min(subjects, key=lambda x: abs(x.i - cue.i))  # a misparse can hang a far one on the verb too
        if c.lower_ in WH_PRONOUNS and cue.dep_ == "relcl":
            return antecedent(cue.head, c)
        return c
    if cue.lemma_.lower() == "quote":
        # "Ruiz is quoted as saying …": the one quoted says it (not so "was told" or "was asked": the
        # subject of those is who listens)
        quoted = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
        if quoted is not None:
            return quoted
    for c in cue.children:
        if c.dep_ == "agent":
            for cc in c.children:
                if cc.dep_ == "pobj":
                    return cc
    if cue.dep_ == "parataxis" and cue.head.tag_ == "VBG" and cue.head.i < cue.i and depth < 4:
        # "Ruiz, noting the size of the crowd, said …": the parse made the participle the root and the
        # verb of saying an aside to it; the participle's subject is who says it
        return next((c for c in cue.head.children if c.dep_ == "nsubj" and c.i < cue.head.i), None)
    if depth >= 4 or cue.dep_ not in ("advcl", "conj", "xcomp", "pcomp", "acl") or cue.head.i == cue.i:
        return None
    if cue.dep_ == "conj" and cue.head.pos_ in ("VERB", "AUX") and cue.head.dep_ == "relcl":
        # "… Guessford, who answered her door and said …": coordinated verbs share their subject, here the
        # relative pronoun and so its antecedent (not the subject of the clause the antecedent is in)
        found = subject_of(cue.head, depth + 1)
        if found is not None:
            return found
    # the nearest reporting verb above ("argued that …, noting …" → the one who argued); a verb that
    # reports only a quotation beside it reports nothing here ("had trouble answering questions and
    # saying …": who says is not who answers)
    verbs = reporting_verbs() - verbs_of_class("quoted")
    anc = cue.head
    for _ in range(6):
        if anc.lemma_.lower() in verbs and anc.pos_ == "VERB":
            found = subject_of(anc, depth + 1)
            if found is not None:
                return found
            break
        if anc.head.i == anc.i:
            break
        anc = anc.head
    head = cue.head
    if head.dep_ == "prep" and head.head.i != head.i:  # "was quoted as saying"
        head = head.head
    if head.pos_ in ("VERB", "AUX"):
        outer = _outside_noun_clause(cue, head)
        return subject_of(outer if outer is not None else head, depth + 1)
    if cue.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        issuer = issuer_of_document(head)
        if issuer is None and _addressee_of_report(head):
            # "Ruiz emailed supporters saying …", "told reporters saying …": the parse hung the participle on
            # the ones addressed; who says it is who wrote or told them
            return subject_of(head.head, depth + 1)
        text = _text_sent_to(head)
        if issuer is None and text is not None:
            # "the campaign sent a text message to supporters saying …": the message says it, and so
            # whoever sent it
            return issuer_of_document(text) or text
        if issuer is None and _mute_thing(head):
            # "Ruiz rejected the notion …, saying": a notion, an attempt or a vote says nothing; the one who
            # rejected, made or called it does
            verb = next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), None)
            return subject_of(verb, depth + 1) if verb is not None else None
        return issuer if issuer is not None else head
    return None


__all__ = ["antecedent", "person_after_modifier", "subject_of"]
