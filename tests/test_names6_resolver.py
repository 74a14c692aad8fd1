"""Which entity a document or a description speaks for (issue 12, "a document speaker resolves to its author or
issuer when the text names one, else stays the document"; a description that introduces someone by name).

Every sentence here is written for the test; each rule has a near-miss it must not fire on.
"""

from __future__ import annotations

from corpus.quotes.api import quotes_from_text


def _names(nlp, text):
    return [(q.speaker.text if q.speaker else None, q.speaker_name) for q in quotes_from_text(text, nlp=nlp)]


# --- a document the subject speaks through ---------------------------------------------------------------------


def test_an_article_a_person_wrote_in_is_that_persons(nlp):
    text = "Maria Lopez shot back in an article stating that Denver had the most new homes in the region."
    assert [name for _, name in _names(nlp, text)] == ["Maria Lopez"]


def test_a_piece_a_paper_ran_is_the_papers(nlp):
    text = 'The Daily Ledger ran a piece that said the mayor "had misled voters about the budget."'
    assert [name for _, name in _names(nlp, text)] == ["Daily Ledger"]


def test_a_document_with_no_issuer_stays_the_document(nlp):
    # near-miss: an article the text gives no author or publisher speaks for itself
    text = "The Ledger printed nothing last week. An article stated that the city had the most new homes in the region."
    assert [name for _, name in _names(nlp, text)] == ["An article"]


# --- a description that introduces its person by name -------------------------------------------------------


def test_a_description_named_after_a_person_is_that_person(nlp):
    text = "Outside the warehouse on Pine Street, a driver named Carl Ruiz said he liked the work."
    assert _names(nlp, text) == [("a driver", "Carl Ruiz")]
    assert _names(nlp, "A nurse called Maria Santos said the ward was full.") == [("A nurse", "Maria Santos")]


def test_a_description_named_in_a_document_stays_as_written(nlp):
    # near-miss: "named in the lawsuit" gives no name; the driver stays a driver
    text = "A driver named in the lawsuit said he was never paid for the overtime."
    assert _names(nlp, text) == [("A driver", "A driver")]


# --- military and diplomatic offices are roles a description takes up ------------------------------------------


def test_the_admiral_is_the_admiral_the_article_named(nlp):
    text = "Admiral Tom Hale leads the fleet in the Pacific. On Monday the admiral said the ships were ready."
    assert _names(nlp, text) == [("the admiral", "Tom Hale")]


def test_an_office_no_one_was_introduced_with_stays_as_written(nlp):
    # near-miss: "the ambassador" when the article introduced only an admiral
    text = "Admiral Tom Hale leads the fleet in the Pacific. On Monday the ambassador said the talks had failed."
    assert _names(nlp, text) == [("the ambassador", "ambassador")]


# --- an organisation the model took for a person keeps speaking as one ---------------------------------------


def test_a_he_after_an_organisation_speaking_is_the_man_named_before(nlp):
    # "Lorenzo Bianchi" reads as a man to the model; the apposition says it is a news agency, so the "he" after
    # its words is Tom Hale, the only man of the article
    text = (
        "Admiral Tom Hale leads the fleet in the Pacific.\n\n"
        '"The navy wastes money," Lorenzo Bianchi, the official news agency, wrote on Monday. "It should stop."\n\n'
        '"I am proud of my sailors," he said.'
    )
    assert _names(nlp, text)[-1] == ("he", "Tom Hale")


# --- "it" never takes up a person ------------------------------------------------------------------------------


def test_it_does_not_take_up_a_person_who_spoke_last(nlp):
    # the text gives Jordan Ellis no gender, and still no "it" is a person
    text = "Jordan Ellis said the vote was close. It also said that the count would take a week."
    assert _names(nlp, text)[-1] == ("It", None)


def test_it_still_takes_up_a_document_that_spoke_last(nlp):
    # near-miss: a blog post is a thing that "it" goes on with
    text = "A blog post on Friday said the vote was close. It also said that the count would take a week."
    assert _names(nlp, text)[-1] == ("It", "A blog post")
