"""The speaker mention of a cue: the subject of its reporting verb, inherited by participles
and conjuncts, or the issuer of a document that speaks.

The name a mention resolves to is ``corpus.coref``'s job (``SpeakerResolver``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.coref.lexicon import (
    DOCUMENT_NOUNS,
    ISSUING_VERBS,
    KIN_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PUBLISHED_NOUNS,
    WH_PRONOUNS,
    animate_noun,
)
from corpus.coref.mentions import issuer_of_document
from corpus.doc_tokens import line_break_between, memo_per_doc
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
    if head.dep_ == "appos" and head.pos_ == "NOUN" and head.head.pos_ == "PROPN" and head.head.i < head.i:
        # "Novak, a Leeds native who told reporters …": the description is in apposition to the name, and
        # the name says who
        return head.head
    member = _member_of_those(head)
    if member is not None:
        return member
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


def _member_of_those(head: Token) -> Token | None:
    """The person said to be one of the people a "who" clause describes: in "Ruiz is among those who say
    …" and "Ruiz is one of many who say …" Ruiz says it too, and is the one the sentence is about. None
    for any other antecedent."""
    if head.lower_ not in ("those", "many", "others") or head.dep_ != "pobj":
        return None
    prep = head.head
    if prep.lower_ == "of" and prep.head.lower_ == "one" and prep.head.dep_ == "attr":
        verb = prep.head.head
    elif prep.lower_ == "among":
        verb = prep.head
    else:
        return None
    if verb.lemma_ != "be":
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not (subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she")):
        return None
    return subject


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


def name_of_described_person(subject: Token, cue: Token) -> Token | None:
    """The name set off by commas at the end of a description that is the cue's subject, when the parse hung
    it on a name inside that description: in "One pastor supporting Mayor Ruiz, Tom Lee of St Mark's, said"
    and "The director of the Lyon Centre, Ana Ruiz, told" the name in apposition says who the pastor or
    the director is (a name is not put in apposition to another name). None for a subject that is no
    description of a person, that has a name of its own beside it, or a name hung on a place ("the
    shooting in Newtown, Connecticut,")."""
    if subject.pos_ != "NOUN" or not (animate_noun(subject.lemma_.lower()) or subject.lemma_.lower() in PERSON_NOUNS):
        return None
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in subject.children):
        return None
    doc = subject.doc
    for t in subject.subtree:
        if t.i >= cue.i:
            break
        if t.dep_ != "appos" or t.pos_ != "PROPN" or t.ent_type_ not in ("PERSON", ""):
            continue
        head = t.head
        if head.i == subject.i or head.pos_ != "PROPN" or head.ent_type_ not in ("PERSON", "ORG"):
            continue
        end = t.right_edge.i
        if end + 2 == cue.i and doc[end + 1].text == "," and doc[t.left_edge.i - 1].text == ",":
            return t
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


#: Verbs that put a text out, making its author or publisher the one it speaks for: "released a video
#: that said", "ran a piece that noted", "added a caption which reads".
_PUBLISHING_VERBS = ISSUING_VERBS | frozenset({"run", "air", "print", "broadcast", "add", "post", "tweet"})
_TEXT_NOUNS = (
    DOCUMENT_NOUNS
    | PUBLISHED_NOUNS
    | (DISPLAYED_TEXTS - {"percent"})
    | frozenset({"film", "clip", "commercial", "flyer", "leaflet", "mailer", "pamphlet", "brochure"})
)


def _issuer_of_text(noun: Token, depth: int) -> Token | None:
    """Who put out the text ``noun`` is, when it is the object of a verb of publishing whose subject can
    speak: "Ruiz released a video that said …" → Ruiz, "The Courier ran a piece that noted …" → the
    Courier. None for a text someone only read or received ("Ruiz read a letter that said …")."""
    if noun.dep_ != "dobj" or noun.lemma_.lower() not in _TEXT_NOUNS:
        return None
    verb = noun.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in _PUBLISHING_VERBS:
        return None
    issuer = subject_of(verb, depth + 1)
    if issuer is None or issuer.lower_ in WH_PRONOUNS or issuer.pos_ not in ("PROPN", "PRON", "NOUN"):
        return None
    return issuer if issuer.pos_ != "NOUN" or not _mute_thing(issuer) else None


def _person_in_dateline(subject: Token) -> Token | None:
    """The person or organisation in apposition to a place the parse made the subject: "LYON, May 2 (AP) —
    Mayor Ana Ruiz told …" hangs the mayor on the dateline's city; she speaks, not the city."""
    if subject.ent_type_ not in ("GPE", "LOC", "FAC"):
        return None
    return next(
        (c for c in subject.children if c.dep_ == "appos" and c.i > subject.i and c.ent_type_ in ("PERSON", "ORG")),
        None,
    )


def _with_absolute_subject(cue: Token) -> Token | None:
    """The subject of a participle in a "with" phrase: in "the debate ended with Ruiz asking whether …" (the
    parse hangs "asking" on the verb and "Ruiz" on "with") Ruiz asks. Only right after the noun, with no
    comma between, and only one who can speak ("ended with a vote, leaving …" is no such phrase)."""
    if cue.tag_ != "VBG" or cue.i == 0:
        return None
    prev = cue.doc[cue.i - 1]
    noun = prev if prev.dep_ == "pobj" else prev.head if prev.head.dep_ == "pobj" and prev.head.i < cue.i else None
    if noun is None or noun.head.lower_ != "with" or noun.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return noun if _can_speak(noun) and not (noun.pos_ == "NOUN" and _mute_thing(noun)) else None


#: Verbs with an object and an infinitive whose subject is the verb's subject, not its object: control
#: ("promised voters to say") and an instrument used for a purpose ("used his words to hint": the user hints).
_SUBJECT_CONTROL = frozenset({"promise", "vow", "pledge", "threaten", "use", "employ", "exploit", "seize"})


#: Verbs that send their object somewhere to do something: the one sent is the one to speak ("the station
#: sent a reporter to the streets to ask voters …").
_SENDING_VERBS = frozenset({"send", "dispatch", "deploy", "assign", "hire"})


def _object_controller(cue: Token) -> Token | None:
    """The object of the verb an infinitive cue completes, who is the one to speak: "the result led Ruiz to
    declare …", "the ruling prompted the union to say …" (object control), "the station sent a reporter to
    the streets to ask …" (the one sent goes to ask). Not after a verb of saying,
    whose own subject the cue inherits ("Ruiz asked him to explain" reports Ruiz), nor after "promise",
    nor when the object cannot speak ("used the occasion to say": the user says it)."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children):
        return None
    head = cue.head
    lemma = head.lemma_.lower()
    if cue.dep_ != "xcomp" and not (cue.dep_ == "advcl" and lemma in _SENDING_VERBS):
        return None
    if head.pos_ != "VERB" or lemma in reporting_verbs() or lemma in _SUBJECT_CONTROL:
        return None
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < cue.i), None)
    if obj is None or obj.lower_ in ("it", "this", "that") or obj.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    if lemma in _SENDING_VERBS:
        return obj  # the one sent goes to speak, whatever the noun ("sent a morning-show host to ask …")
    return obj if obj.pos_ != "NOUN" or animate_noun(obj.lemma_.lower()) or not _mute_thing(obj) else None


#: Verbs that take an object and a participle saying what the object is doing: "the killings have left most
#: voters saying …", "the poll found 60 percent saying …", "we hear people saying …" (the object speaks).
_OBJECT_PREDICATE_VERBS = frozenset(
    {"leave", "find", "have", "keep", "catch", "hear", "see", "show", "get", "set", "quote"}
)


def _object_of_predicative_participle(cue: Token) -> Token | None:
    """The object a participle cue says what it is doing, right after it with no comma: in "The killings have
    left 62 percent of voters saying …" the voters say it, not the killings. Only after a verb that takes
    such a participle (``_OBJECT_PREDICATE_VERBS``), and only an object for people (``_people_object``;
    after "quote" and a passive, ``_one_who_speaks``):
    "Ruiz left the meeting saying …", "Ruiz left UKIP saying …" and "Ruiz left the room, saying …" (set off)
    stay Ruiz's."""
    head = cue.head
    if cue.tag_ != "VBG" or cue.dep_ not in ("advcl", "xcomp", "ccomp") or head.i > cue.i:
        return None
    if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() not in _OBJECT_PREDICATE_VERBS:
        return None
    if cue.dep_ == "xcomp" and _passive(head):
        # "“…?” a reporter can be heard asking", "the senator was caught saying": the passive's subject is
        # the active's object, and so the one the participle says is speaking
        patient = _passive_patient(cue)
        return patient if patient is not None and _one_who_speaks(patient) else None
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.right_edge.i == cue.i - 1), None)
    if obj is not None and head.lemma_.lower() == "quote" and _one_who_speaks(obj):
        return obj  # "The Standard quoted Mr Clarke telling activists …": whoever is quoted speaks
    return obj if obj is not None and _people_object(obj) else None


def _passive_patient(cue: Token) -> Token | None:
    """The subject of the passive verb of ``_OBJECT_PREDICATE_VERBS`` that participle ``cue`` completes ("a
    note was left saying …": the note); None for any other cue."""
    head = cue.head
    if cue.tag_ != "VBG" or cue.dep_ != "xcomp" or head.i > cue.i or not _passive(head):
        return None
    if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() not in _OBJECT_PREDICATE_VERBS:
        return None
    patient = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    return patient if patient is not None and patient.lower_ not in ("it", "this", "that") else None


def _one_who_speaks(tok: Token) -> bool:
    """The one heard or quoted speaking: a person's pronoun, a name, or a noun for people or a group ("a
    reporter can be heard asking", "the senator was caught saying"); not a thing or a text ("A note was
    left saying …": the note is no speaker, whoever left it may be)."""
    if tok.pos_ == "PRON":
        return tok.lower_ in ("he", "she", "they", "we", "i", "you", "him", "her", "them", "us", "me")
    if tok.pos_ == "PROPN":
        return True
    return animate_noun(tok.lemma_.lower())


def _people_object(obj: Token) -> bool:
    """An object that stands for people a participle can describe as speaking: a person's name, a pronoun for
    people, a share ("62 percent of voters", "most"), a noun for a person ("a candidate") or a plural noun for
    people ("parents"). Not a party, a place or a room one leaves ("left UKIP saying …", "left the party
    saying …": the one who left says it), nor "herself" ("found herself saying …": the subject, whom the
    cue inherits anyway)."""
    if obj.pos_ == "PRON":
        return obj.lower_ in ("them", "us", "me", "him", "her", "you", "many", "most", "some", "others")
    if obj.pos_ == "PROPN":
        return obj.ent_type_ == "PERSON"
    if obj.pos_ == "NUM" or obj.lemma_.lower() in ("percent", "%") or obj.ent_type_ == "PERCENT":
        return True
    lemma = obj.lemma_.lower()
    return lemma in PERSON_NOUNS or obj.tag_ == "NNS" and animate_noun(lemma)


#: Verbs of taking place: their subject is an event ("the meeting began", "the incident came during …").
_OCCURRENCE_VERBS = frozenset({"begin", "start", "end", "come", "happen", "occur", "unfold", "follow", "open", "close"})


def _an_occurrence(subject: Token) -> bool:
    """A thing that happens, which cannot speak: a singular common noun that is the subject of a verb of
    taking place ("the meeting began", "the first incident came during …"). A person's noun is not, nor
    a text ("the report came out saying …")."""
    if subject.dep_ != "nsubj":
        return False
    verb = subject.head
    if subject.lower_ in ("it", "this", "that") and verb.lemma_.lower() == "be":
        # "It was a potent punch …, as Ruiz echoed the criticism, saying …": "it" is a thing the copula
        # names, and a thing says nothing
        attr = next((c for c in verb.children if c.dep_ == "attr"), None)
        return attr is not None and attr.pos_ == "NOUN" and _mute_thing(attr)
    return verb.lemma_.lower() in _OCCURRENCE_VERBS and subject.pos_ == "NOUN" and _mute_thing(subject)


def _speaking_subject_before(cue: Token, mute: Token) -> Token | None:
    """The subject nearest before participle ``cue`` in its sentence, other than ``mute``, that can speak (a
    name, a pronoun for people, a plural or a noun for people): the clause a final participle goes with
    when the parse hung it on a clause about a thing."""
    start = cue.sent.start
    for j in range(cue.i - 1, start - 1, -1):
        t = cue.doc[j]
        if t.dep_ != "nsubj" or t.i == mute.i or t.lower_ in WH_PRONOUNS or t.lower_ in ("it", "this", "that"):
            continue
        if t.pos_ in ("PROPN", "PRON") or t.pos_ == "NOUN" and not _mute_thing(t):
            return t
    return None


def _writer_in_text(text: Token, depth: int) -> Token | None:
    """Who writes in ``text`` when a clause says someone did something in it: "Forbes shot back in an
    article stating …", "Ruiz replied in a letter saying …": the subject of the verb the "in" phrase
    belongs to. None for a text that is not the place of someone's act ("a line in the report stating")."""
    prep = text.head
    if text.dep_ != "pobj" or prep.lower_ != "in" or text.lemma_.lower() not in _TEXT_NOUNS or depth >= 4:
        return None
    verb = prep.head
    if verb.pos_ != "VERB":
        return None
    writer = subject_of(verb, depth + 1)
    if writer is None or writer.lower_ in WH_PRONOUNS or writer.pos_ not in ("PROPN", "PRON", "NOUN"):
        return None
    return writer if writer.pos_ != "NOUN" or not _mute_thing(writer) else None


def _agent_of_intent(noun: Token, depth: int) -> Token | None:
    """Who is to speak in "the campaign's decision to tell …", "took pains to say …", "his refusal to
    answer whether …": a noun of intent or effort with an infinitive says nothing itself; its owner, else
    the subject of the verb it is the object of, is the one to speak. None for a noun for people ("the
    first senator to say …": the senator) or when neither is found."""
    if noun.pos_ != "NOUN" or _can_speak(noun) or depth >= 4:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None and owner.pos_ in ("PRON", "PROPN", "NOUN") and owner.lower_ not in ("its", "their"):
        return owner
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB":
        return None
    return subject_of(verb, depth + 1)


_DASHES = frozenset({"—", "–", "--", ":", ";"})


def _name_after_dash(cue: Token) -> Token | None:
    """The name that opens a new clause after a dash, when the parse made its verb a conjunct of the clause
    before: in "It was no accident — Tom Reyes, a spokesman for the mayor, told the paper that …" the parse
    hangs "Tom Reyes" on "accident" and "told" on "was"; Reyes told it, not "it". Only a name of a person
    or an organisation right before the verb (its apposition set off by commas between), with no "and" or
    "but" between the two clauses."""
    if cue.dep_ != "conj" or cue.head.i > cue.i:
        return None
    doc = cue.doc
    between = doc[cue.head.i + 1 : cue.i]
    if any(t.dep_ == "cc" and t.head.i == cue.head.i for t in between):
        return None  # "… and told": a verb that shares the first clause's subject
    for name in between:
        if name.pos_ != "PROPN" or name.ent_type_ not in ("PERSON", "ORG") or name.dep_ != "appos":
            continue
        if name.right_edge.i + 1 != cue.i and not (name.right_edge.i + 2 == cue.i and doc[cue.i - 1].text == ","):
            continue
        dash = doc[name.left_edge.i - 1] if name.left_edge.i > 0 else None
        if dash is not None and dash.text in _DASHES:
            return name
    return None


#: Verbs of saying whose object is the one told: in the passive ("he was promised that …") their subject is
#: who hears it.
_TOLD_VERBS = frozenset({"tell", "promise", "assure", "reassure", "warn", "inform", "advise", "remind", "notify"})


#: Verbs whose passive participle stands for the one addressed: "Asked whether he would resign, Ruiz
#: said …" and "Told that the plan had failed, Ruiz said …" give Ruiz what someone else asked or told him.
_ADDRESSED_VERBS = _TOLD_VERBS | {"ask", "question", "quiz", "press"}


def question_put_to_subject(cue: Token) -> bool:
    """``cue`` is the bare passive participle of a verb of asking or telling that opens a clause of its own
    ("Asked whether he would resign, Ruiz said …", "When asked if …", "Ruiz, asked about the vote, said …"),
    so its controller is the one asked or told, and what was asked or told is someone else's words. The
    asker, when the text names one, is the agent ("Asked by a reporter whether …"). Not a participle with
    a subject or an auxiliary of its own ("Ruiz had asked whether …", "Ruiz was asked …" are clauses whose
    subject does the asking or is asked, which the verb's other rules read)."""
    if cue.lemma_.lower() not in _ADDRESSED_VERBS or cue.dep_ not in ("advcl", "acl"):
        return False
    if cue.tag_ != "VBN" and not (cue.tag_ == "VBD" and cue.is_sent_start):
        return False  # the parser can tag a sentence's opening "Asked" as a past tense; nothing precedes it
    if cue.dep_ == "acl" and (cue.i == 0 or cue.doc[cue.i - 1].text != ","):
        return False  # "“…?” the reporter asked" taken for a modifier of "reporter": she asks
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in cue.children)


def asked_in_the_passive(cue: Token) -> bool:
    """``cue`` is a verb of asking or telling in the passive with the one asked as its subject and no "by":
    in "Ruiz was asked, “Will you resign?”" someone the text does not name asks, and Ruiz only listens."""
    if cue.lemma_.lower() not in _ADDRESSED_VERBS or not any(c.dep_ == "nsubjpass" for c in cue.children):
        return False
    return not any(c.dep_ == "agent" for c in cue.children)


def asker_of(cue: Token) -> Token | None:
    """The one named by "by" after a participle ``question_put_to_subject`` reads ("Asked by a reporter
    whether …": the reporter asks), or the one told the answer ("Ruiz told the Gazette when asked whether
    …": the Gazette asks), else None: the text does not say who asked."""
    for c in cue.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    if cue.dep_ == "advcl" and cue.lemma_.lower() == "ask" and cue.head.lemma_.lower() == "tell":
        told = next((c for c in cue.head.children if c.dep_ == "dobj" and c.i < cue.i), None)
        if told is not None and told.pos_ in ("PROPN", "NOUN"):
            return told
    return None


def _passive(verb: Token) -> bool:
    """``verb`` is in the passive voice ("was joined by", "were booed")."""
    return any(c.dep_ in ("auxpass", "agent", "nsubjpass") for c in verb.children)


def _subject_of_passive(verb: Token) -> Token | None:
    """The subject of a passive verb that is no verb of saying, for a cue that shares it: in "Ruiz was
    joined on stage by Lee and joked …" and "Ruiz was booed by the crowd after telling …" Ruiz jokes and
    tells, not the one named by "by" (who does the joining or booing). A coordinated passive shares the
    first one's subject ("was booed and shouted down by …"). None for an active verb, a verb of saying (its
    agent says it: "it was announced by the mayor") or a subject that cannot speak ("it was decided", "the
    row was set off by a report alleging …")."""
    if not _passive(verb) or verb.lemma_.lower() in reporting_verbs() and not _drowned_out(verb):
        return None
    patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if patient is None and verb.dep_ == "conj" and _passive(verb.head):
        patient = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
    if patient is None or patient.lower_ in ("it", "this", "that") or patient.lower_ in WH_PRONOUNS:
        return None
    if patient.pos_ == "NOUN" and _mute_thing(patient) and patient.lemma_.lower() not in _PLEADINGS:
        return None  # "The row was set off by a report that alleged …": a row alleges nothing
    return patient


#: Papers filed in court, which allege and claim: "A lawsuit was filed in May, alleging that …" is the
#: lawsuit's claim (only as the subject of a passive: "the judge dismissed the lawsuit, saying …" is hers).
_PLEADINGS = frozenset({"lawsuit", "suit", "complaint", "petition", "motion", "indictment", "appeal"})


def _verb_of_purpose(cue: Token) -> Token | None:
    """The verb an infinitive cue gives the purpose of, when the parser made it a relative clause on the
    object of a preposition that cannot speak: "The judge pointed to an earlier case to say that …", "Staff
    were at pains to point out that …" (the judge says it, the staff point it out). None otherwise."""
    noun = cue.head
    if cue.dep_ != "relcl" or noun.dep_ != "pobj" or _can_speak(noun):
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children):
        return None
    return next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)


_PRESENT_FORMS = {"VB": "VBP", "VBP": "VBP", "VBZ": "VBZ"}


def _verb_coordinated_above(cue: Token) -> Token | None:
    """The verb a conjunct cue is really coordinated with when the parse joined it to a perfect inside
    that verb's complement: in "Strategists fear that the mayor has missed a chance and warn that …"
    "warn" does not agree with "the mayor" but does with "fear", whose subject warns. None unless the cue
    is a present form that disagrees in number with the subject of the participle after "has/have/had"
    it hangs on, in a complement clause, and agrees with the verb above ("the council has approved the
    plan and wants …": the council wants it)."""
    head = cue.head
    form = _PRESENT_FORMS.get(cue.tag_)
    if cue.dep_ != "conj" or form is None or head.tag_ != "VBN" or head.dep_ != "ccomp":
        return None
    if not any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children):
        return None
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is None or _number_form(subject) in (None, form):
        return None
    above = head.head
    return above if above.pos_ == "VERB" and _PRESENT_FORMS.get(above.tag_) == form else None


def _number_form(subject: Token) -> str | None:
    """The present form a subject takes: "VBZ" for one ("the mayor", "she"), "VBP" for many ("voters",
    "they"); None when the words do not say ("the staff", "I", "you")."""
    if (
        subject.lower_ in ("he", "she", "it")
        or subject.tag_ in ("NN", "NNP")
        and not any(c.dep_ == "conj" for c in subject.children)
    ):
        return "VBZ"
    if subject.lower_ in ("they", "we") or subject.tag_ in ("NNS", "NNPS"):
        return "VBP"
    return None


def _drowned_out(verb: Token) -> bool:
    """A verb of saying with "down" is no saying: "was shouted down by the crowd" silences the one it is
    said of (who may go on to say something: "… after telling them …")."""
    return any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children)


def _own_clause(verb: Token, cue: Token) -> bool:
    """The participle ``cue`` hangs (through ``verb``) on a clause of its own, so no reporting verb above
    it says who speaks: ``verb`` has a subject and is coordinated with the verb above ("Protest groups say
    …, and the union has sued the city, saying …": the union says it) or opens a clause subordinate to a
    verb after the cue ("Where the rivals sought to outdo each other in saying …, the mayor stressed …":
    the rivals say it; but in "Ruiz said so after the vote ended, adding …" Ruiz adds it), or a
    paragraph ends between them (a parse that ran two paragraphs into one sentence). A clause that is
    the content of the verb above is none ("Ruiz argued that the plan fails, noting …": Ruiz notes it)."""
    if verb.pos_ in ("VERB", "AUX") and (verb.dep_ == "conj" or verb.dep_ == "advcl" and verb.head.i > cue.i):
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in WH_PRONOUNS for c in verb.children):
            return True
        if _subject_joined_to_object(verb) is not None:
            return True  # "… charged the officer and Emanuel fired his chief, acknowledging …"
    if clause_after_object(verb.head, verb):
        return True  # "At the moment Sanders announced his candidacy, Mook was holding a meeting and told …"
    return line_break_between(verb.head, cue)


def clause_after_object(cue: Token, clause: Token) -> bool:
    """``clause``, parsed as the content of ``cue``, is a clause of its own set off after the cue's object, a
    thing: in "At the moment Sanders announced his candidacy last spring, Mook was holding a meeting …" the
    parse made Mook's clause what Sanders announced, but what he announced is his candidacy. The clause
    has its own subject and no "that", a comma opens it, and the object before it is a common noun for
    no one (not the one told: "told reporters, the plan is dead" says the plan is dead)."""
    if clause.dep_ != "ccomp" or clause.i < cue.i or any(c.dep_ == "mark" for c in clause.children):
        return False
    subject = next((c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i), None)
    obj = next((c for c in cue.children if c.dep_ == "dobj" and c.i < clause.i), None)
    if subject is None or obj is None or obj.right_edge.i >= subject.left_edge.i:
        return False
    if not any(t.text == "," for t in cue.doc[obj.right_edge.i + 1 : subject.left_edge.i]):
        return False
    return (
        obj.pos_ == "NOUN" and obj.ent_type_ not in ("PERSON", "ORG", "NORP") and not animate_noun(obj.lemma_.lower())
    )


_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _subject_of_a_relative_clause_misread(cue: Token) -> Token | None:
    """The subject the parse gave the verb of a relative clause on it: in "One attendee, who like others
    spoke on condition of anonymity, said …" it can hang "who" on "like" and make "attendee" the subject
    of "spoke", a complement of "said" before it, which is left without one. The noun opens the sentence,
    a comma and "who" follow it, and a comma closes the clause right before the cue. None for a cue with
    any other clause before it ("The plan failed, officials said" has no relative pronoun)."""
    if cue.i < 2 or cue.doc[cue.i - 1].text != ",":
        return None
    doc = cue.doc
    for clause in cue.children:
        if clause.dep_ != "ccomp" or clause.i > cue.i:
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i), None)
        if subject is None or subject.left_edge.i != subject.sent.start or subject.i + 2 >= clause.i:
            continue
        comma, wh = doc[subject.i + 1], doc[subject.i + 2]
        if comma.text == "," and wh.lower_ in ("who", "which") and _can_speak(subject):
            return subject
    return None


def _subject_joined_to_object(verb: Token) -> Token | None:
    """The subject of a second clause that the parse joined to the first clause's object: in "prosecutors
    charged the officer with murder and Emanuel fired his chief, acknowledging …" it makes "Emanuel" a
    conjunct of "murder" and "fired" a subjectless conjunct of "charged", so Emanuel's act (and the
    participle on it) would go to the prosecutors. A finite conjunct verb with no subject, right after a
    noun that "and"/"but" joins to a noun of the clause it is coordinated with, has that noun as subject.
    Not "Ruiz met Lee and Kim and said …" (nothing between "Kim" and the verb but "and": one subject)."""
    if verb.dep_ != "conj" or verb.tag_ not in _FINITE or verb.i == 0:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return None
    noun = verb.doc[verb.i - 1]
    if noun.dep_ != "conj" or noun.pos_ not in ("PROPN", "NOUN") or not verb.head.i < noun.head.i < noun.i:
        return None
    first = noun.left_edge.i
    if first == 0 or verb.doc[first - 1].lower_ not in ("and", "but"):
        return None
    clause = verb.head
    return noun if any(a.i == clause.i for a in noun.ancestors) else None


def _first_of_a_series(verb: Token, inherited: bool) -> Token | None:
    """The subject of the first verb of a series that the parse broke up: in "Ruiz summed up the plan as
    “reckless,” attacked the mayor and said …" it can make "summed" a clause hanging on "attacked" and
    leave "attacked" (and "said", its conjunct) without a subject. A finite verb before ``verb``, hanging
    on it as an adverbial clause, whose subject opens the sentence, opens the series, and its subject is
    the subject of all. None when anything comes before that subject: a word that subordinates the clause
    ("When Ruiz summed up …, attacked …") or a quote mark (the clause is then what is said)."""
    if verb.tag_ not in _FINITE:
        return None
    # a closing quote mark after the first verb's object can make it a "ccomp" instead; but the "ccomp"
    # before a cue of its own is its content ("Ruiz, who chairs it, said …" misparsed), so that counts
    # only for the verb a conjunct cue inherits its subject from
    deps = ("advcl", "ccomp") if inherited else ("advcl",)
    for c in verb.children:
        if c.dep_ not in deps or c.i > verb.i or c.tag_ not in _FINITE:
            continue
        subject = next((g for g in c.children if g.dep_ == "nsubj" and g.lower_ not in WH_PRONOUNS), None)
        if subject is not None and subject.left_edge.i == subject.sent.start:
            return subject
    return None


def _subject_of_second_clause(subject: Token) -> Token:
    """The subject of the clause the verb belongs to, when the parse joined two clauses' subjects: in
    "The tenants called for a strike, and the union condemned the rent rise and said …" it makes
    "called" a modifier of "tenants" and "union" their conjunct, so "condemned" seems to have both as
    subject. A past-tense verb (finite, so no participle: "tenants called to the hearing") hanging on the
    subject before a conjunct that ", and" introduces gives the sentence away: the last conjunct is the
    subject. Else ``subject`` itself."""
    finite = next((c for c in subject.children if c.dep_ == "acl" and c.tag_ == "VBD"), None)
    if finite is None:
        return subject
    doc = subject.doc
    for conj in subject.children:
        if conj.dep_ != "conj" or conj.i < finite.i:
            continue
        first = conj.left_edge.i
        if first >= 2 and doc[first - 1].lower_ == "and" and doc[first - 2].text == ",":
            return conj
    return subject


def _report_around_subject(cue: Token) -> Token | None:
    """The reporting verb whose content holds ``cue``, a verb of saying in a relative clause on that
    content's subject: in "Nothing the mayor said will calm them, the councillor said." the parse hangs
    "will calm them" on the mayor's "said" and makes "Nothing" a second subject of the councillor's
    "said"; the councillor says it all, and "the mayor said" only says which words are meant. The sign
    is the outer verb with two subjects, the noun before the cue and its own after it. None when the
    noun is the outer verb's only subject ("The man the police said was armed told reporters …": the
    police said he was armed), or when the outer verb reports a clause of its own."""
    noun = cue.head
    # the parse may also hang the noun on the outer verb as a bare noun phrase ("npadvmod", "dep")
    if cue.dep_ != "relcl" or noun.dep_ not in ("nsubj", "npadvmod", "dep") or noun.i > cue.i:
        return None
    outer = noun.head
    if outer.i < cue.i or outer.lemma_.lower() not in reporting_verbs() or outer.pos_ != "VERB":
        return None
    if any(c.dep_ in ("ccomp", "cc") for c in outer.children):
        # the outer verb has content of its own, or joins clauses ("The plan the mayor announced will cost
        # millions, and the councillor said it was a mistake."): the noun's clause is no part of its report
        return None
    if any(c.dep_ == "nsubj" and c.i > cue.i and c.i != noun.i for c in outer.children):
        return outer
    return None


def _name_read_as_modal(verb: Token) -> Token | None:
    """A capitalised "Will" or "May" inside a sentence that the tagger took for the modal of a verb with
    no subject: "“…,” Will wrote.", "May said she …". A modal takes a bare verb ("will write"), never a
    past tense or a participle, so before one it is a name (George Will, Theresa May) and the verb's
    subject. Not "Will he say …?" (the sentence's first word) nor "“…,” she will say" (lower case)."""
    if verb.tag_ not in ("VBD", "VBN", "VBZ"):
        return None
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    if len(auxes) != 1 or auxes[0].tag_ != "MD" or auxes[0].i > verb.i or auxes[0].is_sent_start:
        return None
    modal = auxes[0]
    return modal if modal.text[:1].isupper() and modal.text[1:].islower() else None


@memo_per_doc  # asked again of the same cue by the passes that read it
def subject_of(cue: Token, depth: int = 0) -> Token | None:
    """The subject of a cue verb, inherited by participles and conjuncts ("…, adding that") from the
    reporting verb they depend on, else from the verb they hang on."""
    if question_put_to_subject(cue):
        return asker_of(cue)  # who asked, not the one asked
    subjects = [c for c in cue.children if c.dep_ in ("nsubj", "csubj")]
    outer = _report_around_subject(cue)
    if outer is not None and depth < 4:
        return subject_of(outer, depth + 1)
    if subjects:
        c = min(subjects, key=lambda x: abs(x.i - cue.i))  # a misparse can hang a far one on the verb too
        c = _subject_of_second_clause(c)
        if c.pos_ == "ADP":
            # "Of Carson, Levine said …": the parser took the topic's preposition for the subject; a
            # preposition speaks for no one: the name after the comma does (the object's apposition, else
            # the object, which the parse makes of that name)
            # (with no object, the word is no preposition but a name tagged as one: "From said", Al From)
            obj = next((x for x in c.children if x.dep_ == "pobj"), c)
            c = next((x for x in obj.children if x.dep_ in ("appos", "conj") and x.i > obj.i), obj)
        if c.lower_ in WH_PRONOUNS and (cue.dep_ == "relcl" or cue.dep_ == "acl" and cue.head.pos_ == "NOUN"):
            ante = antecedent(cue.head, c)
            # "Ruiz released a video that said …": the video speaks for whoever released it
            return (_issuer_of_text(ante, depth) or ante) if depth < 4 else ante
        return _person_in_dateline(c) or c
    modal = _name_read_as_modal(cue)
    if modal is not None:
        return modal
    joined = _subject_joined_to_object(cue)
    if joined is not None:
        return joined
    with_subject = _with_absolute_subject(cue)
    if with_subject is not None:
        return with_subject
    described = _subject_of_a_relative_clause_misread(cue)
    if described is not None:
        return described
    opener = _first_of_a_series(cue, inherited=depth > 0)
    if opener is not None:
        return opener
    controller = _object_controller(cue) or _object_of_predicative_participle(cue)
    if controller is not None:
        return controller
    patient = _passive_patient(cue)
    if patient is not None and not _one_who_speaks(patient):
        return None  # "A note was left saying …": the note does not speak, and the sentence names no one who did
    if cue.lemma_.lower() == "quote":
        # "Ruiz is quoted as saying …": the one quoted says it (not so "was told" or "was asked": the
        # subject of those is who listens)
        quoted = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
        if quoted is not None:
            return quoted
    patient = _subject_of_passive(cue) if depth > 0 else None
    if patient is not None:
        return patient
    for c in cue.children:
        if c.dep_ == "agent":
            for cc in c.children:
                if cc.dep_ == "pobj" and (_can_speak(cc) or any(x.dep_ == "auxpass" for x in cue.children)):
                    return cc  # not the means of "said by telephone", which the parser can take for an agent
    if cue.dep_ == "parataxis" and cue.head.tag_ == "VBG" and cue.head.i < cue.i and depth < 4:
        # "Ruiz, noting the size of the crowd, said …": the parse made the participle the root and the
        # verb of saying an aside to it; the participle's subject is who says it
        return next((c for c in cue.head.children if c.dep_ == "nsubj" and c.i < cue.head.i), None)
    purpose = _verb_of_purpose(cue)
    if purpose is not None and depth < 4:
        return subject_of(purpose, depth + 1)
    if depth >= 4 or cue.dep_ not in ("advcl", "conj", "xcomp", "pcomp", "acl") or cue.head.i == cue.i:
        return None
    if cue.dep_ == "conj" and cue.lemma_.lower() in _TOLD_VERBS and _passive(cue.head):
        # "He was given a passport and promised that …": the passive goes on; he was promised it by someone
        # the sentence does not name, and says nothing himself
        return None
    after_dash = _name_after_dash(cue)
    if after_dash is not None:
        return after_dash
    above = _verb_coordinated_above(cue)
    if above is not None:
        found = subject_of(above, depth + 1)
        if found is not None:
            return found
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
        if line_break_between(anc, cue):
            break
        if anc.lemma_.lower() in verbs and anc.pos_ == "VERB":
            found = subject_of(anc, depth + 1)
            if found is not None:
                return found
            break
        if anc.head.i == anc.i or _own_clause(anc, cue):
            break
        anc = anc.head
    head = cue.head
    if head.dep_ == "prep" and head.head.i != head.i:  # "was quoted as saying"
        head = head.head
    if head.pos_ == "ADJ" and head.dep_ == "acomp" and cue.dep_ == "xcomp":
        # "Ruiz was quick to add …", "she would be able to claim …": the one the adjective is said of; not
        # the "it" of "it is fair to say …", "it's worth noting …", which stands for no one
        if any(c.dep_ == "nsubj" and c.lower_ == "it" for c in head.head.children):
            return None
        head = head.head
    if head.pos_ in ("VERB", "AUX"):
        outer = _outside_noun_clause(cue, head)
        found = subject_of(outer if outer is not None else head, depth + 1)
        if found is not None and cue.tag_ == "VBG" and _an_occurrence(found):
            # "The first protest came during her speech, when students interrupted it, shouting …": an
            # event shouts nothing; the participle goes with the nearest clause before it whose subject
            # can speak
            return _speaking_subject_before(cue, found) or found
        return found
    if cue.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        issuer = issuer_of_document(head) or _writer_in_text(head, depth)
        if issuer is None and any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children):
            agent = _agent_of_intent(head, depth)
            if agent is not None:
                return agent
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


__all__ = [
    "antecedent",
    "asked_in_the_passive",
    "asker_of",
    "clause_after_object",
    "name_of_described_person",
    "person_after_modifier",
    "question_put_to_subject",
    "subject_of",
]
