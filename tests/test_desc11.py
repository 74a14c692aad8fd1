"""Descriptions that took up the wrong holder: a lede's "a district judge" taken up by the circuit judge named
next, and a later "that letter" named after an earlier "a copy of the letter" (the description again, no name).

Sentences written for these tests, run through real spaCy; each rule beside a near miss it leaves alone.
"""

from __future__ import annotations

from quote_speakers import speaker_of as _speaker

from corpus.coref.resolver import _says_more

# --- a lede's "a … judge" is the next person named only when introduced with its qualifiers ------------------


def test_a_district_judge_is_not_the_circuit_judge_named_next(nlp):
    text = (
        "In March, a U.S. District Court judge sided with the farmers, saying the rule was "
        '"plainly unlawful." The ruling was overturned on Friday. Circuit Court Judge Tom Berg, writing for '
        "the majority, said the rule was lawful."
    )
    assert _speaker(nlp, text, "plainly unlawful") == ("a U.S. District Court judge", "a U.S. District Court judge")


def test_a_district_judge_is_the_district_judge_named_next(nlp):
    # near miss: the next person is introduced as a judge of that court
    text = (
        "In March, a U.S. District Court judge sided with the farmers, saying the rule was "
        '"plainly unlawful." U.S. District Court Judge Tom Berg wrote that the agency had overstepped.'
    )
    assert _speaker(nlp, text, "plainly unlawful")[1] == "Tom Berg"


# --- a later "that letter" is not named after "a copy of the letter" ------------------------------------------


def test_an_earlier_description_of_the_document_says_no_more_than_the_later_one():
    assert not _says_more("a copy of the letter", "letter")
    assert not _says_more("a report", "report")
    # near misses: a word of its own says who or which
    assert _says_more("the Mueller report", "report")
    assert _says_more("a congressional report", "report")


def test_that_letter_after_a_copy_of_the_letter_stays_as_written(nlp):
    text = (
        "The mayor was warned on Monday, according to a copy of the letter seen by reporters. That letter "
        'demanded that the council "stop the works at once."'
    )
    assert _speaker(nlp, text, "stop the works") == ("That letter", "That letter")


# --- a plural description's first member in apposition is not its speaker ----------------------------------


def test_a_plural_description_is_not_the_first_name_in_apposition(nlp):
    text = "The two economists - Mr. Berg and Ms. Ruiz - agreed there are good reasons to expect a slowdown next year."
    speaker, name = _speaker(nlp, text, "good reasons")
    assert name is not None and name.startswith("two economists")


def test_a_singular_description_is_the_name_in_apposition(nlp):
    # near miss: one chairman, named beside the description
    text = 'The chairman, Tom Berg, said that the archive was "the best kept in the country."'
    assert _speaker(nlp, text, "the best kept")[1] == "Tom Berg"


def test_a_court_judge_is_the_justice_named_next(nlp):
    # near miss: the next person's title names no other court
    text = (
        "A Superior Court judge rebuked the council on Friday, saying it had been "
        '"playing games" with its members. Justice Tom Berg ordered the council to hand over its records.'
    )
    assert _speaker(nlp, text, "playing games")[1] == "Tom Berg"
