"""Speaker names that are no names (round 10, junk10): words a speaker's name must not carry, on sentences
written for these tests, each rule beside a near miss it must leave alone."""

from __future__ import annotations

import pytest
from quote_speakers import speaker_of

from corpus.names import clean_mention
from corpus.person_extent import person_extent


def _extent(nlp, text: str, mention: str) -> str | None:
    """The name ``person_extent`` keeps of the PERSON mention ``mention`` of ``text``, as the NER could cut it."""
    doc = nlp(text)
    at = text.index(mention)
    span = doc.char_span(at, at + len(mention))
    assert span is not None
    found = person_extent(doc, span.start, span.end)
    return None if found is None else doc[found[0] : span.end].text


@pytest.mark.parametrize(
    "text, mention, name",
    [
        # the end of a title the NER cut in two: words no one is given as a first name, then a common first name
        ("Cook County Registrar Helen Dobbs said the count was late.", "Registrar Helen Dobbs", "Helen Dobbs"),
        ("Senate Minority Whip Mark Tolland said the vote would fail.", "Whip Mark Tolland", "Mark Tolland"),
        ("The Secretary of Transport Leon Varga said the road was shut.", "Transport Leon Varga", "Leon Varga"),
        ("Videographer Jack Perrin said he had filmed the march.", "Videographer Jack Perrin", "Jack Perrin"),
        # near misses: a given name opens the name; no surname after the first name as a word of its own
        ("Recep Tayyip Erdogan spoke in Ankara on Monday.", "Recep Tayyip Erdogan", "Recep Tayyip Erdogan"),
        ("Mary Ann Kessler said the shop would close.", "Mary Ann Kessler", "Mary Ann Kessler"),
        ("The organiser Asab Al-Tabchi welcomed the families.", "Asab Al-Tabchi", "Asab Al-Tabchi"),
        # ... nor a firm's name after no title: one word no one is given, then a first name that is a surname too
        ("Engineers from Tolvik Allen Brandt said the bridge was safe.", "Tolvik Allen Brandt", "Tolvik Allen Brandt"),
    ],
)
def test_title_words_before_a_first_name_are_no_name(nlp, text: str, mention: str, name: str) -> None:
    assert _extent(nlp, text, mention) == name


def test_speaker_name_without_the_title_word(nlp) -> None:
    text = '"We will count every ballot," said Cook County Registrar Helen Dobbs on Tuesday.'
    assert speaker_of(nlp, text, "every ballot")[1] == "Helen Dobbs"


@pytest.mark.parametrize(
    "mention, label, kept",
    [
        # a clock time glued onto the next line's first word: the name starts after it
        ("March 3, 2020 7:41PMHarper", None, "Harper"),
        ("10:05 a.m.Okafor", None, "Okafor"),
        # a transcript label and the turn's first word run together: a name holds no colon
        ("Dana Whitfield: Asking", "PERSON", "Dana Whitfield"),
        # near misses: a time set apart is left as it is; a digit in a brand's name is no time; a colon in
        # what is no person's name stays
        ("at 7:41 PM Harper", None, "at 7:41 PM Harper"),
        ("consultancy 4Cast", None, "consultancy 4Cast"),
        ("Star Wars: The Last Jedi", "WORK_OF_ART", "Star Wars: The Last Jedi"),
    ],
)
def test_clean_mention_cuts_glued_times_and_labels(mention: str, label: str | None, kept: str) -> None:
    cleaned = clean_mention(mention, 100, 100 + len(mention), label)
    assert cleaned is not None
    text, start, end = cleaned
    assert text == kept
    assert mention[start - 100 : end - 100] == kept


def test_inverted_label_verb_is_no_name(nlp) -> None:
    # "Stated Stone:" is the writer's "Stone stated": the verb opens the label, the name follows it
    text = (
        "Ada Stone spoke to the station on Monday.\n\nStated Stone:\n\n"
        "“So I think it is a very real problem and we should fix it.”\n\n"
        "United Nations: “We think the ceasefire will hold if both sides keep their word.”"
    )
    assert speaker_of(nlp, text, "real problem") == ("Stone", "Ada Stone")
    # near miss: "United" of "United Nations" is the past tense of no verb of saying
    assert speaker_of(nlp, text, "ceasefire")[1] == "United Nations"


def test_inverted_transcript_label(nlp) -> None:
    text = (
        "Reporters asked Lena Voss about the plan.\n\nVOSS: We will not back down on this and we never did.\n\n"
        "Continued Voss: I think the voters know exactly where I stand on it."
    )
    assert speaker_of(nlp, text, "voters know")[1] == "Lena Voss"


@pytest.mark.parametrize(
    "text, opening, name",
    [
        # letters after a name head the phrase: the person is the name before them
        (
            'Former housing minister Peter Lowry MP said the plan was "a disgrace and a waste".',
            "disgrace",
            "Peter Lowry",
        ),
        ('"We are ready for the vote," said Helen Carver QC, the party\'s legal adviser.', "ready", "Helen Carver"),
        # a rank whose full stop the parser split off ends the subject: the person is the name after it
        (
            '"The soldiers were never told the plan," said Army Capt. Daniel Ortega-Reyes, who led them.',
            "soldiers",
            "Daniel Ortega-Reyes",
        ),
        ('"I was hoping for a better choice," said Air Force 1st Lt. Mason Hendry.', "better choice", "Mason Hendry"),
    ],
)
def test_the_person_around_letters_and_ranks(nlp, text: str, opening: str, name: str) -> None:
    assert speaker_of(nlp, text, opening)[1] == name


def test_a_title_ending_a_sentence_is_no_rank_before_the_next_name(nlp) -> None:
    # near miss: the full stop ends the sentence; the name after it opens the next one
    text = '"The plan is dead," said the Secretary. Jane Cole added that it was late.'
    assert speaker_of(nlp, text, "plan is dead")[1] != "Jane Cole"


def test_letters_after_a_place_or_a_party_name_no_one(nlp) -> None:
    # near miss: "the Hartfield MP" is the MP for a place, no one named Hartfield
    text = 'The Hartfield MP said: "It is a scandal and we will fight it all the way."'
    assert speaker_of(nlp, text, "scandal")[1] != "Hartfield"


def test_a_possessor_is_no_part_of_the_name(nlp) -> None:
    # "Winnipeg's Bo Lindqvist" (which the small model tags as a title of a work): the team that has him is
    # no word of his name
    text = '"It was a poor night for us," Winnipeg\'s Bo Lindqvist said.'
    assert speaker_of(nlp, text, "poor night")[1] == "Bo Lindqvist"
    # near miss: a name with no possessor keeps every word
    assert speaker_of(nlp, '"It was a poor night for us," Bo Lindqvist said.', "poor night")[1] == "Bo Lindqvist"


def test_a_preposition_taken_for_the_subject_speaks_for_no_one(nlp) -> None:
    # "Of Carson, Halvorsen … said": the parse makes "Of" the subject; the name after the comma speaks
    text = (
        "Nora Halvorsen backed the plan. Of Carson, Halvorsen, who has given money to the party, said, "
        "“He is a decent man but he is not ready.”"
    )
    assert speaker_of(nlp, text, "decent man") == ("Halvorsen", "Nora Halvorsen")
    # near miss: the parse gets the subject right: it stays
    near = "Of Brandt, Halvorsen said, “He is a decent man but he is not ready.”"
    assert speaker_of(nlp, near, "decent man")[1] == "Halvorsen"


def test_a_headlines_sentence_is_no_name(nlp) -> None:
    from corpus.doc_tokens import doc_tokens
    from corpus.entities import _subject_of_a_clause

    # a mention of four words or more holding a verb and its subject is a headline's sentence: its subject
    doc = nlp("Dock Workers Explain Why Delaney Offers Change.")
    subject = _subject_of_a_clause(doc_tokens(doc).tokens, 0, len(doc) - 1)
    assert subject is not None and subject.text == "Workers"
    # near misses: three words ("Moms Demand Action"-like) are too few for a sentence; a name with no verb
    doc = nlp("Workers Want Answers.")
    assert _subject_of_a_clause(doc_tokens(doc).tokens, 0, len(doc) - 1) is None
    doc = nlp("The Harbour Workers Union of Eastern Canada met.")
    assert _subject_of_a_clause(doc_tokens(doc).tokens, 1, 8) is None
