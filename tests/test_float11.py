"""Speakers of quotations whose cue or speaker the tagger or parser misread: a name taken for a modal ("Will
wrote"), a reporter "heard asking", an age as the speaker ("the 43-year-old asked"), the one a paper quotes.

Every sentence here is written for the test; each rule has a near-miss it must not fire on."""

from __future__ import annotations

from quote_speakers import speaker_of

from corpus.quotes.api import quotes_from_text

# --- a name the tagger took for a modal -----------------------------------------------------------------


def test_will_before_a_past_tense_is_a_name(nlp):
    text = "“The long campaign has worn the party down to its last few loyal supporters,” Will wrote."
    assert speaker_of(nlp, text, "The long campaign") == ("Will", "Will")


def test_will_before_a_past_tense_takes_the_full_name_named_before(nlp):
    text = (
        "Columnist Harold Will turned on the front-runner. “The long campaign has worn the party down to its "
        "last few loyal supporters,” Will wrote."
    )
    assert speaker_of(nlp, text, "The long campaign") == ("Will", "Harold Will")


def test_modal_before_a_bare_verb_stays_a_modal(nlp):
    # near-miss: "will say" is a modal and its verb; the speaker is the pronoun, never "will"
    text = "“The long campaign has worn the party down to its last few loyal supporters,” she will say on Monday."
    speaker, _ = speaker_of(nlp, text, "The long campaign")
    assert speaker == "she"


# --- a speaker heard or seen speaking -------------------------------------------------------------------


def test_reporter_heard_asking_after_the_question(nlp):
    text = (
        "The footage was posted on Friday. “Should the council close the library for good this year?” a "
        "reporter can be heard asking the mayor outside the town hall."
    )
    assert speaker_of(nlp, text, "Should the council") == ("a reporter", "a reporter")


def test_one_caught_shouting_is_the_speaker(nlp):
    text = "The clip spread quickly. “You are a disgrace to this city,” a protester was caught shouting at the mayor."
    assert speaker_of(nlp, text, "You are a disgrace") == ("a protester", "a protester")


# --- an age as the speaker ---------------------------------------------------------------------------


def test_age_as_the_speaker_of_a_question(nlp):
    text = (
        "Pratt posted the clip to his channel on Thursday. “What if the mayor had taken singing lessons?” "
        "the 43-year-old asked in the clip's description."
    )
    speaker, name = speaker_of(nlp, text, "What if the mayor")
    assert speaker == "the 43-year-old" and name is not None and "43-year-old" in name


def test_age_of_a_thing_is_no_speaker(nlp):
    # near-miss: "the 80-year-old bridge" is a bridge, and "reopened" reports nothing
    text = "Traffic was light on Monday. “It is the best news this town has had,” the 80-year-old bridge reopened."
    assert not any(q.speaker and "80-year-old" in q.speaker.text for q in quotes_from_text(text, nlp=nlp))


# --- the one a newspaper quotes ------------------------------------------------------------------------


def test_paper_quoting_someone_telling(nlp):
    text = "The Herald quoted Ana Ruiz telling activists in Leeds that she wanted a new bridge over the river."
    assert speaker_of(nlp, text, "she wanted a new bridge") == ("Ana Ruiz", "Ana Ruiz")


def test_participle_set_off_after_quote_stays_the_subject_s(nlp):
    # near-miss: with a comma the participle is the paper's own aside, not what the one quoted says
    text = "The Herald quoted Ana Ruiz at length, saying that the bridge had been neglected for years."
    speaker, _ = speaker_of(nlp, text, "the bridge had been neglected")
    assert speaker == "The Herald"


def test_participle_of_another_clause_reports_no_quotation_before_its_subject(nlp):
    # near-miss: "telling" hangs on "walked out"; the title before "the presenter" is no quotation of it
    text = (
        "The show aired late. “Question Time Tonight,” the programme's veteran presenter on Monday walked out "
        "of the studio, telling viewers the show was over."
    )
    assert not any("Question Time" in q.text for q in quotes_from_text(text, nlp=nlp))
