"""Which person a speaker is when the text and the first-name table disagree, when a pronoun sits
in a parenthetical, when the model takes a title for a person and which namesake a surname is (issue 12,
"entity-centric resolver"; the genders are shared with the people issue).

Every sentence here is written for the test; each rule has a near-miss it must not fire on.
"""

from __future__ import annotations

from corpus.coref.gender_evidence import apposition_votes
from corpus.coref.mentions import names_with_article
from corpus.coref.pronouns import _UNTRACKED, _Genders, _subject_above, read_article
from corpus.entities import extract_entities
from corpus.models import Entity
from corpus.names import NameIndex, build_name_index
from corpus.quotes.api import quotes_from_text


def _names(nlp, text):
    return [(q.speaker.text if q.speaker else None, q.speaker_name) for q in quotes_from_text(text, nlp=nlp)]


def _pronoun(doc, word):
    return next(t for t in doc if t.lower_ == word)


# --- a parenthetical "he noted" takes up the man who spoke, not the subject it interrupts -----------


def test_a_parenthetical_he_continues_the_speaker(nlp):
    # "states are called …, he noted": the states are no one he could be; Keller keeps the floor, though
    # Ruiz is the subject of the clause that follows
    text = (
        "Tom Keller said he was ready to challenge the party leaders at the convention. But during the roll "
        "call, states are called in alphabetical order, he noted, so it may already be clear whether Paul "
        "Ruiz will be the nominee by then. He said the delegates would decide.\n"
        '"We might abstain," he said.'
    )
    assert _names(nlp, text)[-2:] == [("He", "Tom Keller"), ("he", "Tom Keller")]


def test_the_parenthetical_binds_nothing_but_a_reported_clause_still_does(nlp):
    # near-miss: "The senator said he …" still binds he to the senator, someone the article did not name
    parenthetical = nlp("The states are called in alphabetical order, he noted.")
    reported = nlp("The senator said he would run again.")
    assert _subject_above(_pronoun(parenthetical, "he"), {}, after=False) is None
    assert _subject_above(_pronoun(reported, "he"), {}, after=False) == _UNTRACKED


def test_a_passing_mention_does_not_take_the_floor_from_the_last_subject(nlp):
    # "on Governor Hanley's watch" names Hanley in passing; the subject before, Lyle, is who goes on
    text = (
        "Senator Andrew Lyle spoke at the rally in Dayton on Tuesday. "
        "And it is on Governor Hanley's watch, he went on, that the state lost 20,000 jobs."
    )
    assert _names(nlp, text) == [("he", "Andrew Lyle")]


def test_someone_the_last_sentence_introduces_takes_the_floor(nlp):
    # near-miss: a person met for the first time, even as an object, is whom the quote after is about
    text = (
        "Senator Andrew Lyle spoke at the rally in Dayton on Tuesday. "
        "The plan also won praise from Denver teacher Omar Haddad, 50. "
        '"It is the first plan that works," he says.'
    )
    assert _names(nlp, text) == [("he", "Omar Haddad")]


# --- the text's he/she outweigh the first-name table; a first name outweighs a stray possessive -------


def test_a_she_takes_up_a_woman_whose_first_name_is_mostly_mens(nlp):
    # "Logan" is a man's name nine times in ten, but nobody else in the paragraph is a she: Logan Pryce is
    # the woman the paragraph is about, not Ana Lopez, whom it names only as the one she would back
    text = (
        "Logan Pryce runs the teachers' union in the county.\n"
        "Pryce approaches the question more calmly. She said she would rather see the money spent to elect "
        'Ana Lopez. "We want the same thing," she said.'
    )
    assert _names(nlp, text)[-1] == ("she", "Logan Pryce")


def test_a_woman_in_reach_is_still_preferred_to_a_name_of_the_other_gender(nlp):
    # near-miss: when a woman is named in the paragraph, the she is hers
    text = (
        "Logan Pryce runs the teachers' union in the county.\n"
        'Ana Lopez, the mayor, approaches the question more calmly. "We want the same thing," she said.'
    )
    assert _names(nlp, text) == [("she", "Ana Lopez")]


def test_a_first_name_nearly_never_given_to_women_is_never_a_she(nlp):
    # near-miss: "Donald" rules a she out even when no one else is in reach
    text = (
        "Donald Pryce runs the teachers' union in the county.\n"
        'Pryce approaches the question more calmly. "We want the same thing," she said.'
    )
    assert _names(nlp, text)[-1][1] != "Donald Pryce"


def test_a_possessive_about_someone_else_does_not_make_a_man_a_woman(nlp):
    # "her challenger" is Maria Lopez's, not Dale Hurst's: a "Dale" (mostly men) and the he that follow
    # say who Hurst is
    text = (
        "Maria Lopez has chaired the county board since 2012.\n"
        "Dale Hurst, a local developer, has raised money for her challenger since March. "
        '"The board has wasted two years," Hurst said. He added that he would run himself.'
    )
    assert _names(nlp, text)[-1] == ("He", "Dale Hurst")


def test_possessives_decide_only_what_neither_the_text_nor_the_name_says():
    # a name that says nothing ("Robin") leaves the gender to the possessives; a "Dale" or the he/she
    # read so far outweigh them
    assert _Genders({}, {}, {"Robin Ashby": [0, 2]}).of("Robin Ashby") == 1
    assert _Genders({}, {}, {"Dale Hurst": [0, 1]}).of("Dale Hurst") is None
    assert _Genders({}, {"Dale Hurst": [2, 0]}, {"Dale Hurst": [0, 3]}).of("Dale Hurst") == 0


def test_a_supposed_or_denied_predicate_says_nothing_of_the_subject(nlp):
    # "if Carol Dunn were a man" does not make her one; the she after is hers
    text = (
        "If Carol Dunn were a man, the party would have backed her long ago, her supporters say. "
        '"She has done the work," said Paul Reyes.\n'
        '"It is a scandal," she said.'
    )
    assert _names(nlp, text)[-1] == ("she", "Carol Dunn")
    doc = nlp("Robin Dunn is not a businessman, and Lee Park would be a fine chairwoman.")
    assert apposition_votes(doc, extract_entities(doc)) == {}


def test_a_predicate_that_holds_still_gives_the_gender(nlp):
    # near-miss: "Robin Dunn is a businesswoman" says what she is
    doc = nlp("Robin Dunn is a businesswoman from Leeds.")
    assert apposition_votes(doc, extract_entities(doc)) == {"Robin Dunn": [0, 3]}


# --- "Mr. Abernathy" is not the Carol Abernathy the text calls she ------------------------------------


def test_an_honorific_of_the_other_gender_names_a_namesake(nlp):
    # the article names only Carol Abernathy in full and calls her she: "Mr. Abernathy" is another
    # Abernathy (her husband, say), so the speaker stays the surname, not her name
    text = (
        "Carol Abernathy, the state's attorney general, announced the settlement on Monday. She said the "
        "company had agreed to pay $4 million.\n"
        '"It was a fair deal," Mr. Abernathy said.'
    )
    assert _names(nlp, text) == [("She", "Carol Abernathy"), ("Mr. Abernathy", "Abernathy")]


def test_an_honorific_that_agrees_with_the_text_names_the_person(nlp):
    # near-miss: "Marion" is mostly women's, but the text calls Marion Tate he; "Mr. Tate" is him
    text = (
        "Marion Tate, the state's attorney general, announced the settlement on Monday. He said the "
        "company had agreed to pay $4 million.\n"
        '"It was a fair deal," Mr. Tate said.'
    )
    assert _names(nlp, text) == [("He", "Marion Tate"), ("Mr. Tate", "Marion Tate")]


# --- titles the model takes for people --------------------------------------------------------------


def test_a_name_always_given_an_article_is_no_person():
    # "The Great Calendar Fight shows …": people are named bare; a "person" the text always gives an
    # article is a title or an event
    text = "The Great Calendar Fight shows the futility. Ana Ruiz spoke. The late Tom Berg agreed."
    entities = [
        Entity(name, text.index(name), text.index(name) + len(name), "PERSON", name, name.lower())
        for name in ("Great Calendar Fight", "Ana Ruiz", "Tom Berg")
    ]
    assert names_with_article(text, entities) == {"Great Calendar Fight"}


# --- a chain of appositions names one person ---------------------------------------------------------


def _read_he(nlp, text):
    doc = nlp(text)
    return read_article(doc, extract_entities(doc), lambda pos: False).pronouns.get(text.rindex("He said"))


def test_a_name_set_beside_an_apposition_of_the_subject_is_the_subject(nlp):
    # "The other man, his cousin Tom Okafor," sets Okafor beside "cousin" and "cousin" beside "man": the
    # subject is Okafor, whom the next he takes up
    text = (
        "Two men sat on the porch in Dayton. One of the men, Paul Reyes, 70, said he feared a war. "
        "The other man, his cousin Tom Okafor, 40, cited the cost of living. He said prices had doubled."
    )
    assert _read_he(nlp, text) == "Tom Okafor"


def test_an_unnamed_subject_is_still_no_one_named(nlp):
    # near-miss: "The other man, a cousin of his," names no one: the he is not Paul Reyes either
    text = (
        "Two men sat on the porch in Dayton. One of the men, Paul Reyes, 70, said he feared a war. "
        "The other man, a cousin of his, cited the cost of living. He said prices had doubled."
    )
    assert _read_he(nlp, text) is None


# --- a surname is someone the text has introduced --------------------------------------------------


def test_a_surname_before_several_namesakes_are_introduced_stays_as_written():
    # "Ruiz said …" above both "Ana Ruiz" and "Tom Ruiz": neither is introduced yet, so it is neither
    index = build_name_index([("Ana Ruiz", "PERSON", 50), ("Tom Ruiz", "PERSON", 100)])
    assert index.resolve("Ruiz", "PERSON", 0) == ("Ruiz", "PERSON")
    # once they are, the one mentioned most so far, then the one mentioned last
    assert index.resolve("Ruiz", "PERSON", 120) == ("Tom Ruiz", "PERSON")


def test_a_surname_before_its_only_bearer_is_introduced_is_that_person():
    # near-miss: a headline's "Ruiz" above the lede's "Ana Ruiz" is her, the only Ruiz of the article
    index = build_name_index([("Ana Ruiz", "PERSON", 50)])
    assert index.resolve("Ruiz", "PERSON", 0) == ("Ana Ruiz", "PERSON")


def test_mentions_registered_out_of_order_still_count_in_text_order():
    # the NER's names and the proper-name runs it missed are registered one list after the other; at 350
    # each Ruiz has been named once (Ana at 100, Tom at 300), so the one named last is meant
    index = NameIndex()
    for name, pos in (("Ana Ruiz", 500), ("Tom Ruiz", 300), ("Ana Ruiz", 100)):
        index.add(name, "PERSON", pos)
    assert index.resolve("Ruiz", "PERSON", 350) == ("Tom Ruiz", "PERSON")
    assert index.resolve("Ruiz", "PERSON", 200) == ("Ana Ruiz", "PERSON")


def test_a_group_named_after_a_person_is_not_one_of_their_namesakes():
    # "Coalition Against Ruiz" ends with the surname but is no Ruiz: "Ruiz" stays Ana Ruiz
    index = build_name_index([("Ana Ruiz", "PERSON", 10), ("Coalition Against Ruiz", "PERSON", 50)])
    assert index.resolve("Ruiz", "PERSON", 100) == ("Ana Ruiz", "PERSON")


def test_a_namesake_whose_name_has_a_particle_is_still_a_namesake():
    # near-miss: "de la" and "van" are words of people's names, not of a group's
    index = build_name_index([("Ana de la Cruz", "PERSON", 10)])
    assert index.resolve("Cruz", "PERSON", 100) == ("Ana de la Cruz", "PERSON")


# --- a he that continues a subject described by an office is whoever holds it ------------------------


def _office_text(description):
    return (
        "Senator Tom Ruiz of Florida ended his campaign in Miami on Tuesday, as Paul Lee swept the state.\n\n"
        f"{description} sought to calm his supporters, a swipe at the recent fights at some of Lee's rallies.\n\n"
        "He said he would not endorse anyone."
    )


def test_a_he_after_the_office_of_a_named_person_is_that_person(nlp):
    # "The Florida senator" is the subject the he continues, and the text introduced one Florida senator
    assert _names(nlp, _office_text("The Florida senator")) == [("He", "Tom Ruiz")]


def test_an_office_the_text_gave_no_one_is_no_one_named(nlp):
    # near-miss: no Ohio senator was introduced, so "The Ohio senator" is not Ruiz
    assert _names(nlp, _office_text("The Ohio senator"))[0][1] != "Tom Ruiz"
