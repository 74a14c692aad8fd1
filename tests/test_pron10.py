"""Who a he/she takes up, where the people in reach were misjudged: a name opening with initials ("J.M. Berger")
or closing with a generation's numeral ("Murray II") taken for an organisation's, a parse run on across a
paragraph break that made the next paragraph's "said Tom Berg" the subject above a he, a lone surname the NER
tags an organisation now and then ("the Sanders campaign") struck from the people, and the last person named
inside a clause chosen over the one the sentence itself is about.

Sentences written for these tests, run through real spaCy; each rule beside a near miss it leaves alone.
"""

from __future__ import annotations

from quote_speakers import speaker_of as _speaker

from corpus.coref.mentions import initialled_person_name, organisation_like
from corpus.coref.pronouns import _Candidate, _centre, _mostly_not_people
from corpus.models import Entity

# --- initials and numerals are parts of a person's name -------------------------------------------------------


def test_a_he_after_a_name_with_initials_takes_up_that_name(nlp):
    # (taken for an acronym, A.J. Okonkwo was no one a he could be: the he went to Tom Berg)
    text = (
        "Tom Berg drew up the plan. A.J. Okonkwo, a fellow at the Centre for Policy Research, criticised it on "
        'Tuesday. He said that the ministry had "waited for the floods before it acted."'
    )
    assert _speaker(nlp, text, "waited for the floods") == ("He", "A.J. Okonkwo")


def test_initials_make_a_person_s_name_only_before_a_name():
    assert initialled_person_name("J.M. Berger")
    assert initialled_person_name("A.J. Ruiz")
    # near misses: initials alone are an acronym; a dotted brand or a number is no one's name
    assert not initialled_person_name("J.M.")
    assert not initialled_person_name("Jazz.FM91")
    assert not initialled_person_name("Bill C-74")


def test_a_generation_s_numeral_is_no_acronym():
    assert not organisation_like("Murray II")
    assert not organisation_like("Tom Ruiz III")
    # near miss: capitals that are no numeral still make an organisation
    assert organisation_like("Ontario NDP")
    assert organisation_like("Burnaby RCMP")


# --- a parse that runs across a paragraph break binds nothing ------------------------------------------------


def test_a_he_is_not_bound_by_the_speaker_of_the_next_paragraph(nlp):
    text = (
        "Allies say that he sees no need to fight either rival, believing that Mrs. Okafor can handle them. "
        "And he wants to avoid giving any grist to her opponents, recalling how the rival campaign used "
        "Mr. Okafor's remark about ''the biggest fairy tale I've ever seen.''\n\n"
        "''I think he has become more cautious,'' said Tom Berg, a former adviser to Mr. Okafor."
    )
    speaker, name = _speaker(nlp, text, "how the rival campaign")
    assert speaker == "he" and name != "Tom Berg"


def test_a_he_before_its_subject_in_one_sentence_is_still_that_subject(nlp):
    # near miss: a clause put before the main one, in one paragraph, is bound by the subject after it
    from corpus.coref.pronouns import read_article

    text = "Ana Ruiz spoke first at the meeting.\n\nMonths after he lost the seat, Tom Berg said the party had changed."
    doc = nlp(text)
    reading = read_article(doc, doc._.entities, lambda pos: False)
    assert reading.pronouns.get(text.index("he lost")) == "Tom Berg"


# --- a lone surname the NER tags an organisation now and then -------------------------------------------------


def _ent(text: str, label: str, start: int) -> Entity:
    return Entity(text=text, start=start, end=start + len(text), label=label, name=text, key=text.lower())


def test_a_surname_tagged_a_person_more_often_than_anything_else_is_a_person():
    tags = [("Sanders", "ORG", 0), ("Sanders", "PERSON", 40), ("Sanders", "PERSON", 90), ("Sanders", "ORG", 130)]
    tags += [("Sanders", "PERSON", 170)]
    assert "Sanders" not in _mostly_not_people([_ent(*t) for t in tags])


def test_a_name_tagged_otherwise_as_often_or_a_full_name_tagged_a_place_once_is_no_one_s():
    # near misses: a word tagged a place as often as a person, and two words tagged a place even once
    tags = [("Victoria", "GPE", 0), ("Victoria", "PERSON", 40), ("Sandy Hook", "GPE", 90)]
    tags += [("Sandy Hook", "PERSON", 130), ("Sandy Hook", "PERSON", 170)]
    found = _mostly_not_people([_ent(*t) for t in tags])
    assert {"Victoria", "Sandy Hook"} <= found


# --- the person the sentence names, before those named inside a clause of it --------------------------------


def test_a_he_said_goes_on_from_the_one_the_sentence_names_not_those_inside_its_clause(nlp):
    text = (
        "Then there was the newspaper's deputy editor Bret Stevens, who, after trading insults with Mr. Hannity "
        'over Mr. Trump, said on a morning show that "too much of the party became an echo chamber of itself."'
        "\n\nThose who spend all day listening to cable shows, he said, wind up in a debate that is "
        '"divorced from reality."'
    )
    assert _speaker(nlp, text, "divorced from reality") == ("he", "Bret Stevens")


def _cand(pos: int, ident: str, *, embedded: bool = False, possessor: bool = False) -> _Candidate:
    return _Candidate(pos, 0, 0, ident, None, possessor=possessor, embedded=embedded)


def test_the_centre_of_a_sentence_without_subjects_is_a_name_outside_its_clauses():
    pool = [_cand(10, "Bret Stevens"), _cand(40, "Sean Hannity", embedded=True), _cand(60, "Tom Ruiz", embedded=True)]
    assert _centre(pool).ident == "Bret Stevens"


def test_the_centre_of_a_sentence_naming_people_only_inside_clauses_is_the_last_named():
    # near misses: when every name is inside a clause, the last; a subject's possessor goes before either
    pool = [_cand(40, "Sean Hannity", embedded=True), _cand(60, "Tom Ruiz", embedded=True)]
    assert _centre(pool).ident == "Tom Ruiz"
    pool = [_cand(10, "Bret Stevens"), _cand(40, "Sean Hannity", possessor=True, embedded=True)]
    assert _centre(pool).ident == "Sean Hannity"


# --- whom an office acts on is not its holder ------------------------------------------------------------------

_PUT_IN_CHARGE = (
    "Labour staged a show of unity, with Mr Okafor joining his alleged rival Tom Berg - who the {office} put in "
    "charge of election planning in Mr Okafor's stead - at a poster launch.\n\n"
    "While Mr Okafor is in Africa for a week, the prime minister is to deliver a speech on the economy. And he is "
    'expected to repeat his recent insistence that the next manifesto will be "New" Labour through and through.'
)


def test_the_one_the_prime_minister_put_in_charge_is_not_the_prime_minister(nlp):
    speaker, name = _speaker(nlp, _PUT_IN_CHARGE.format(office="prime minister"), "next manifesto")
    assert speaker == "his" and name != "Tom Berg"


def test_the_one_another_office_put_in_charge_may_still_be_the_prime_minister(nlp):
    # near miss: "the deputy prime minister" is another office; what it does says nothing of the prime minister
    speaker, name = _speaker(nlp, _PUT_IN_CHARGE.format(office="deputy prime minister"), "next manifesto")
    assert (speaker, name) == ("his", "Tom Berg")


# --- someone brought in unnamed ("One California delegate said he …") ----------------------------------------

_DELEGATE = (
    "Many Latino Republicans are warming to the party, thanks to Donald Trump. One California delegate{named} said "
    "he tried to give away guest passes for the convention to his friends. He was unable to find a single taker, "
    'he said. "Not even one," he said.'
)


def test_a_he_said_after_an_unnamed_speaker_goes_on_from_that_speaker(nlp):
    assert _speaker(nlp, _DELEGATE.format(named=""), "Not even one") == ("he", "One California delegate")


def test_a_he_said_after_a_spokesman_is_the_spokesman_not_a_man_named_before(nlp):
    text = (
        "Critics have accused the party of buying votes with the money of Sir Paul Okafor. But a party spokesman "
        'said its rivals had spent far more on the last election. "The only way a small party can get its message '
        'across is by buying the space," he added.'
    )
    assert _speaker(nlp, text, "The only way") == ("he", "a party spokesman")


def test_a_he_said_after_a_description_given_a_name_is_that_name(nlp):
    # near miss: the description names its person ("One California delegate, Tom Ruiz,")
    assert _speaker(nlp, _DELEGATE.format(named=", Tom Ruiz,"), "Not even one") == ("he", "Tom Ruiz")


def test_a_he_after_an_unnamed_subject_of_any_main_clause_goes_on_from_it(nlp):
    text = (
        'Mr Okafor believes the council should reconsider its plan. He said: "We want the tariffs kept as they '
        'are." But a spokesman for the Home Office defended the proposals. He said: "Parliament sent a clear '
        'signal that it expects murder to be treated differently."'
    )
    assert _speaker(nlp, text, "Parliament sent") == ("He", "a spokesman for the Home Office")


def test_a_he_never_goes_on_from_a_group(nlp):
    # near miss: "a group" brings in many people, whom no he takes up
    text = (
        "Thousands marched through the city on Sunday, led by the mayor, Tom Berg. In the square, a group dressed "
        'in white T-shirts marched in silence. "I cried the whole parade," he said.'
    )
    assert _speaker(nlp, text, "I cried") == ("he", "Tom Berg")


def test_a_she_after_a_woman_brought_in_unnamed_is_that_woman(nlp):
    text = (
        "The minister, Angela Okafor, defended the new law on Monday.\n\nA 29-year-old Leeds woman received five "
        'months\' probation in July. "Filth out!" she wrote on Facebook.'
    )
    assert _speaker(nlp, text, "Filth out") == ("she", "A 29-year-old Leeds woman")


def test_a_she_after_a_woman_given_her_name_is_that_name(nlp):
    # near miss: the woman is named in apposition
    text = (
        "The minister, Angela Okafor, defended the new law on Monday. A woman in the audience, Jane Ruiz, shouted "
        'at her. "Shame on you!" she said.'
    )
    assert _speaker(nlp, text, "Shame on you") == ("she", "Jane Ruiz")
