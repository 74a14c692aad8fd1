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


# --- a colon hands the floor to a part of a text, and to the sentence's subject past a quoted phrase -------


def test_a_footnote_announces_the_quotation_after_its_colon(nlp):
    text = (
        "Mayor Ana Ruiz said the audit cleared her office.\n\nBut the audit covered only the small accounts. A "
        'footnote in the report makes that clear: "These findings do not apply to the pension fund, which the '
        'auditors did not review."'
    )
    _, name = _speaker(nlp, text, "These findings")
    assert name is not None and "footnote" in name


def test_an_abstract_subject_announces_nothing(nlp):
    # near miss: "The stakes" speak no words; the quotation goes on from the mayor
    text = (
        'Mayor Ana Ruiz said the audit cleared her office.\n\nThe stakes are high: "These findings do not apply '
        'to the pension fund, which the auditors did not review."'
    )
    _, name = _speaker(nlp, text, "These findings")
    assert name == "Ana Ruiz"


def test_the_subject_before_a_quoted_phrase_announces_the_quotation_after_the_colon(nlp):
    # the "he" of the quoted phrase is not who speaks after the colon: the sentence's subject is
    text = (
        'Ronald Baker was known for his dislike of what he called the "paper empire," voiced in his famous '
        'speech in Leeds in 1987: "Mr. Smith, burn these forms!" His allies still praise him.'
    )
    _, name = _speaker(nlp, text, "burn these forms")
    assert name == "Ronald Baker"


def test_an_it_before_a_quoted_phrase_announces_nothing(nlp):
    # near miss: "It would be hard to …" is no one; "as the local paper noted:" cues the quotation
    text = (
        'Mayor Ana Ruiz said the audit cleared her office.\n\nIt would be hard to overstate the "sense of '
        'relief," as the local paper noted: "These findings do not apply to the pension fund, which the auditors '
        'did not review."'
    )
    _, name = _speaker(nlp, text, "These findings")
    assert name != "It"


# --- "they" is never one man or one woman -------------------------------------------------------------------


def test_they_does_not_take_up_the_man_the_paragraph_names(nlp):
    text = (
        "Tom Baker has led the town for ten years, and he is proud of the new depot.\n\nOn the other side of the "
        "debate are shop owners who are angry with what Baker has done. They say that the depot has emptied the "
        "high street."
    )
    _, name = _speaker(nlp, text, "the depot has emptied")
    assert name != "Tom Baker"


def test_they_takes_up_the_plural_subject_before(nlp):
    # near miss: a plural subject in the sentence before is whom "they" takes up, as before
    text = (
        "Tom Baker has led the town for ten years.\n\nShop owners are angry with what Baker has done. They say "
        "that the depot has emptied the high street."
    )
    _, name = _speaker(nlp, text, "the depot has emptied")
    assert name == "Shop owners"


# --- "The X, <name>, said": the person set beside the office ------------------------------------------------


def test_she_takes_up_the_person_set_beside_a_capitalised_office(nlp):
    # near miss of "a name given 'the' is no person's": the person set beside "The Shadow Secretary" is
    text = (
        'Trade Secretary Ann Hewson said the plan would help mothers. Ms Hewson said: "We have already doubled '
        'the pay." She said fathers would gain too.\n\nThe Shadow Secretary for the Family, Joan Marsh, said: '
        '"These plans were announced last year."\n\nShe said her party would set out its own proposals before '
        "the election."
    )
    _, name = _speaker(nlp, text, "her party would set out")
    assert name == "Joan Marsh"


def test_they_takes_up_the_group_a_man_is_named_in(nlp):
    # the man is one of three engineers set beside the subject: "they" are the engineers
    text = (
        "In a recent study, three engineers -- Tom Baker at the University of Leeds, Ana Ruiz at the Delft "
        "Institute and Peter Grant at the University of Oslo -- questioned the safety of old bridges.\n\nIn "
        "theory, a bridge lasts a hundred years. Steel rusts faster near the sea.\n\n''These results should "
        "worry every town with a river,'' they argued."
    )
    _, name = _speaker(nlp, text, "These results")
    assert name == "three engineers"


def test_they_does_not_take_up_a_man_named_alone(nlp):
    # near miss: one engineer, named alone, is no "they"
    text = (
        "In a recent study, the engineer Tom Baker of the University of Leeds questioned the safety of old "
        "bridges.\n\nIn theory, a bridge lasts a hundred years. Steel rusts faster near the sea.\n\n''These "
        "results should worry every town with a river,'' they argued."
    )
    _, name = _speaker(nlp, text, "These results")
    assert name != "Tom Baker"


# --- a quotation going on after a report inside a report is the quoted person's -----------------------------


def test_a_quotation_after_one_a_paper_reports_goes_on_with_the_quoted_person(nlp):
    text = (
        '"We will not sell the park," Mayor Ana Ruiz said on Monday, according to the Daily Courier. "The land '
        'belongs to the children of this town."'
    )
    _, name = _speaker(nlp, text, "The land belongs")
    assert name == "Ana Ruiz"


def test_a_quotation_after_a_papers_own_report_goes_on_with_the_paper(nlp):
    # near miss: no one's words in quote marks inside the report; the paper's report goes on
    text = (
        'The Daily Courier reported on Monday that Mayor Ana Ruiz would not sell the park. "The land belongs to '
        'the children of this town."'
    )
    _, name = _speaker(nlp, text, "The land belongs")
    assert name == "Daily Courier"


# --- "it" reads past clauses about several, and a white paper is a text ---------------------------------------


def test_it_reads_past_a_clause_about_several_to_the_memo(nlp):
    text = (
        "The memo was sent on Monday by the county clerk, Tom Baker. Two roads were closed.\n\n“Drivers should "
        "stay home until the water goes down,” it reads."
    )
    _, name = _speaker(nlp, text, "Drivers should stay home")
    assert name is not None and "memo" in name


def test_it_after_a_clause_about_an_organisation_is_the_organisation(nlp):
    # near miss: one organisation is an "it"; the memo before it is not taken up
    text = (
        "The memo was sent on Monday by the county clerk, Tom Baker. The Western Water Board closed two roads."
        "\n\n“Drivers should stay home until the water goes down,” it said."
    )
    _, name = _speaker(nlp, text, "Drivers should stay home")
    assert name == "Western Water Board"


def test_it_after_a_white_paper_notes_is_the_paper(nlp):
    text = (
        "The Western Water Board published a white paper on droughts. For instance, the paper notes the county "
        "monitors 200 wells, it lists steps taken to save water, and it says farmers have cut their use by a third."
    )
    _, name = _speaker(nlp, text, "farmers have cut")
    assert name is not None and "paper" in name


def test_it_after_a_newspaper_notes_is_the_newspaper(nlp):
    # near miss: "the paper" of an article about a newspaper is the newspaper, whose name "it" takes up
    text = (
        "The Daily Courier covered the drought. For instance, the paper notes the county monitors 200 wells, it "
        "lists steps taken to save water, and it says farmers have cut their use by a third."
    )
    _, name = _speaker(nlp, text, "farmers have cut")
    assert name == "Daily Courier"


# --- an issuer's name drops the article the NER kept ---------------------------------------------------------


def test_a_poll_by_a_named_pollster_speaks_for_the_pollster_without_an_article(nlp):
    text = (
        "Most voters prefer cheaper goods, according to an Associated Press-GfK poll released Thursday. Nearly "
        "three in four say they would buy local goods, the survey found."
    )
    _, name = _speaker(nlp, text, "Most voters prefer")
    assert name == "Associated Press-GfK"


def test_a_poll_by_a_pollster_named_bare_keeps_its_name(nlp):
    # near miss: nothing to drop
    text = "Most voters prefer cheaper goods, according to a poll by Gallup released Thursday."
    _, name = _speaker(nlp, text, "Most voters prefer")
    assert name == "Gallup"


# --- lords and peers are people a "they" takes up --------------------------------------------------------------


def test_they_takes_up_the_law_lords(nlp):
    text = (
        "The home secretary, Tom Baker, defended the scheme on Monday. Senior law lords ruled against the scheme "
        "last week. They said it was wrong to hold people without trial."
    )
    _, name = _speaker(nlp, text, "it was wrong")
    assert name == "Senior law lords"


def test_they_does_not_take_up_records(nlp):
    # near miss: records are things, which say nothing
    text = (
        "The home secretary, Tom Baker, defended the scheme on Monday. Old records ruled out the scheme last "
        "week. They said it was wrong to hold people without trial."
    )
    _, name = _speaker(nlp, text, "it was wrong")
    assert name != "Old records"


# --- a campaign's memo is the campaign's -----------------------------------------------------------------------


def test_a_campaign_memo_speaks_for_the_campaign(nlp):
    text = (
        "Mayor Ana Ruiz lost the vote on Tuesday. Four hours earlier, a Ruiz campaign memo was released stating "
        'that the loss was expected. "We feel good about the next vote," the memo stated.'
    )
    _, name = _speaker(nlp, text, "We feel good")
    assert name == "Ruiz campaign"


def test_a_memo_with_her_name_speaks_for_her(nlp):
    # near miss: no organisation named in front of the memo
    text = (
        "Mayor Ana Ruiz lost the vote on Tuesday. Four hours earlier, a Ruiz memo was released stating that the "
        'loss was expected. "We feel good about the next vote," the memo stated.'
    )
    _, name = _speaker(nlp, text, "We feel good")
    assert name == "Ana Ruiz"
