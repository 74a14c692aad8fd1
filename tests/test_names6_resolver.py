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
