"""Documents, organisations and interview transcripts as speakers: who speaks through a statement, a charter or
a memo, which organisation "the airline" is, and who asks and who answers in a Q/A transcript.

Sentences written for these tests, run through real spaCy; each rule beside a near miss it leaves alone.
"""

from __future__ import annotations

from quote_speakers import speaker_of as _speaker

from corpus.quotes.api import quotes_from_text

_APOLOGY = (
    "\n\n“We are sorry for the hurt these posts caused. They do not reflect the values of this club, and the "
    "players involved have been suspended.”"
)

# --- the words after "X issued a statement" are X's, even with a report inside that sentence ---------------


def test_a_statement_issued_in_a_sentence_with_a_report_inside_speaks_for_its_issuer(nlp):
    # "players saying …" is a report inside the sentence, not the cue of the paragraph after it: the club's
    # statement follows
    text = (
        "The league fined the club on Monday.\n\nThe club issued a statement apologizing to Baker for the posts, "
        "which showed players saying the referee had been paid." + _APOLOGY
    )
    _, name = _speaker(nlp, text, "We are sorry")
    assert name == "club"


def test_a_report_with_no_statement_issued_still_goes_on(nlp):
    # near miss: nobody issues anything; the quotation goes on from the players who wrote
    text = "The league fined the club on Monday.\n\nThe players wrote in posts that the referee was paid." + _APOLOGY
    _, name = _speaker(nlp, text, "We are sorry")
    assert name == "players"


# --- "it" takes up a text that speaks: the subject of its sentence, or what a person cited ---------------


def test_it_in_a_charters_sentence_is_the_charter(nlp):
    text = (
        "The old charter of the town makes no mention of parking fees, although it does say that “streets "
        "belong to everyone who walks them.”"
    )
    _, name = _speaker(nlp, text, "streets belong")
    assert name is not None and "charter" in name


def test_it_in_a_councils_sentence_is_the_council(nlp):
    # near miss: the subject is an organisation, which "it" takes up as before
    text = (
        "The town council makes no mention of parking fees in its plan, although it does say that “streets "
        "belong to everyone who walks them.”"
    )
    _, name = _speaker(nlp, text, "streets belong")
    assert name == "town council"


def test_it_after_a_person_cited_a_memo_is_the_memo_of_its_issuer(nlp):
    # a person is no "it": the memo the councillor cited says it, for the board that issued it
    text = (
        "Councillor Tom Baker cited a 1998 memorandum issued by the county water board. It says that wells on "
        "private land may be closed in a drought."
    )
    _, name = _speaker(nlp, text, "wells on private land")
    assert name == "county water board"


def test_it_after_an_organisation_cited_a_memo_is_the_organisation(nlp):
    # near miss: an organisation can be "it"; the rule is for a person's clause only
    text = (
        "The Western Water Board cited a memorandum from the county. It says that wells on private land may be "
        "closed in a drought."
    )
    _, name = _speaker(nlp, text, "wells on private land")
    assert name == "Western Water Board"


# --- "the airline" is not the news outlet that reported ---------------------------------------------------


def test_the_airline_is_not_the_channel_that_reported(nlp):
    text = (
        "The storm grounded every flight on Friday, the Daily Courier reported. The pilot had flown for Coastal "
        "Air for ten years, the airline said."
    )
    _, name = _speaker(nlp, text, "The pilot had flown")
    assert name != "Daily Courier"


def test_the_airline_is_the_airline_that_spoke_before(nlp):
    # near miss: the organisation that spoke last did not report news; "the airline" takes it up
    text = (
        "The storm grounded every flight on Friday, according to Coastal Air. The pilot had flown for ten "
        "years, the airline said."
    )
    _, name = _speaker(nlp, text, "The pilot had flown")
    assert name == "Coastal Air"


# --- a name given "the" is no person a he takes up ---------------------------------------------------------


def test_he_does_not_take_up_a_named_front(nlp):
    # "The Caliphate State claimed …": the small model leaves the name untagged; it is no man
    text = (
        "The Caliphate State claimed the bombing on Sunday. A reporter for the local radio called it "
        'a massacre.\n\n"We saw people running from the square," he said.'
    )
    _, name = _speaker(nlp, text, "We saw people")
    assert name != "Caliphate State"


def test_he_takes_up_a_reverend_named_with_the(nlp):
    # near miss: "The Rev. Al Sharpton" has a title between "the" and the name; he is a person
    text = 'The Rev. Al Sharpton spoke at the church on Sunday. The crowd cheered.\n\n"We will march again," he said.'
    _, name = _speaker(nlp, text, "We will march")
    assert name == "Al Sharpton"


# --- Q/A transcripts: the reporter asks ----------------------------------------------------------------------

_TURNS = (
    "\n\nQ: Why did the depot cost so much?\n\nA: We had to rebuild the roof twice, and the steel came late."
    "\n\nQ: Will fares go up next year?\n\nA: Not while I am mayor, and the council agrees with me."
)


def _turns(nlp, text: str) -> dict[str, set[str | None]]:
    out: dict[str, set[str | None]] = {}
    for q in quotes_from_text(text, nlp=nlp):
        if q.speaker is not None and q.speaker.text in ("Q", "A"):
            out.setdefault(q.speaker.text, set()).add(q.speaker_name)
    return out


def test_the_reporter_someone_spoke_with_asks_and_that_someone_answers(nlp):
    text = "Mayor Ana Ruiz spent Tuesday at the new depot. She later spoke with Herald reporter Tom Baker." + _TURNS
    assert _turns(nlp, text) == {"Q": {"Tom Baker"}, "A": {"Ana Ruiz"}}


def test_the_manager_someone_spoke_with_answers(nlp):
    # near miss: the person spoken with is no reporter; as in "The Herald spoke to Jane Doe", they answer
    text = "Mayor Ana Ruiz spent Tuesday at the depot. She later spoke with Tom Baker, the depot's manager." + _TURNS
    turns = _turns(nlp, text)
    assert turns["A"] == {"Tom Baker"}
