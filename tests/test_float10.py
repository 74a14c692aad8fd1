"""Which speaker a quotation with no cue of its own gets: one that goes on after its speaker's quotation,
however the next sentence starts.

Every sentence here is written for the test; each rule has a near-miss it must not fire on."""

from __future__ import annotations

from quote_speakers import speaker_of

# --- a quotation that goes on, before the next sentence's own report --------------------------------


def test_quotation_going_on_is_not_the_next_sentence_reporter_s(nlp):
    text = (
        "The mayor's rivals were quick to respond. “It is a sad day for the city,” Ana Ruiz told reporters "
        "outside the town hall. “This is what happens when nobody checks the budget.” Tom Baxter said he "
        "would have resigned."
    )
    assert speaker_of(nlp, text, "This is what happens") == ("Ana Ruiz", "Ana Ruiz")


def test_quotation_going_on_is_not_the_colon_cue_s_after_it(nlp):
    # "Baxter said:" turns to the quotation after its colon, not the one before it
    text = (
        "The two owners spoke after the fire. “We are bakers,” Ms. Ruiz said. “We are not landlords.” "
        "Mr. Baxter said: “The insurance will not pay for the ovens we lost last night.”"
    )
    assert speaker_of(nlp, text, "We are not landlords") == ("Ms. Ruiz", "Ruiz")
    assert speaker_of(nlp, text, "The insurance") == ("Mr. Baxter", "Baxter")


def test_quotation_alone_in_its_paragraph_takes_the_report_after_it(nlp):
    # near-miss: no quotation before it in its paragraph, so nothing goes on; the next sentence's
    # reporter is the best guess left
    text = (
        "The council voted late on Tuesday.\n\n"
        "“This is what happens when nobody checks the budget.” Tom Baxter said he would have resigned."
    )
    assert speaker_of(nlp, text, "This is what happens") == ("Tom Baxter", "Tom Baxter")


# --- a speaker label inside the quotation marks --------------------------------------------------------


def test_label_inside_the_quotation_marks_names_the_turn_s_speaker(nlp):
    text = (
        "The hosts argued about the budget on Sunday's show.\n\n"
        '"Maria Delgado: Honestly, nobody on this panel believes those numbers add up. The plan taxes '
        'everyone twice and calls it a saving."'
    )
    assert speaker_of(nlp, text, "nobody on this panel") == ("Maria Delgado", "Maria Delgado")


def test_heading_inside_the_quotation_marks_is_no_label(nlp):
    # near-miss: "Update:" names nobody; the quotation goes on with the speaker before it
    text = (
        "“The budget is balanced,” said Maria Delgado, the treasurer.\n\n"
        "“Update: the council has approved the final figures for the coming year after a long debate.”"
    )
    speaker, name = speaker_of(nlp, text, "the council has approved")
    assert speaker != "Update" and name == "Maria Delgado"


def test_unclosed_paragraph_before_a_labelled_turn_goes_on_with_the_turn_before(nlp):
    # a paragraph that opens a quotation without closing it goes on into the next paragraph's quotation,
    # but not when that one opens with a speaker label: a new turn starts there, and the paragraph goes
    # on with the turn before it
    text = (
        "Maria Delgado took questions from the host, Tom Baxter, and a partial transcript follows.\n\n"
        '"DELGADO: The budget is balanced and the reserves are full for the first time in years.\n\n'
        '"Our pensions are safe for another decade, whatever the opposition claims.\n\n'
        '"TOM BAXTER: Then why did the council raise taxes this spring?"'
    )
    assert speaker_of(nlp, text, "Our pensions")[1] == "Maria Delgado"
    assert speaker_of(nlp, text, "raise taxes")[0] == "TOM BAXTER"


# --- a cue set off inside the clause it reports ----------------------------------------------------------


def test_inverted_cue_inside_the_clause_is_the_speaker_s_even_with_the_comma_on_the_subject(nlp):
    text = "And the mayor, said Lopez, who still works with her old boss, never forgives a slight."
    assert speaker_of(nlp, text, "forgives a slight") == ("Lopez", "Lopez")


def test_subject_closed_by_its_own_relative_clause_is_no_inverted_cue(nlp):
    # near-miss: "…, who …, said their plans …": the comma closes the subject's relative clause; the
    # subject before the verb speaks
    text = (
        "Aides to Ana Ruiz of Leeds, a former judge, and Tom Baxter of York, who served in Parliament, said "
        "their speeches, already full of warnings about crime, would focus even more on the police."
    )
    speaker, _ = speaker_of(nlp, text, "would focus")
    assert speaker is not None and speaker.startswith("Aides to Ana Ruiz")


def test_clause_of_time_after_a_set_off_cue_is_not_what_it_reports(nlp):
    # "…, Baxter said, after Ruiz said …": the clause after the cue tells when; the quotation before it
    # is Baxter's, and what Ruiz said is hers
    text = (
        '"I never wrote that. I never wrote that," Baxter said, after the BBC\'s Ana Ruiz said the candidate '
        'had described the mayor as the "pet senator" of a banker.'
    )
    assert speaker_of(nlp, text, "I never wrote that")[0] == "Baxter"
    speaker, _ = speaker_of(nlp, text, "the candidate had described")
    assert speaker is not None and speaker.endswith("Ana Ruiz")


def test_quotation_before_its_own_cue_is_not_the_content_of_a_later_cue(nlp):
    # the parser can make the quotation the complement of the second "said"; the cue right after the
    # quotation, with its subject, says it
    text = (
        '"I never said that. I never said that," Baxter said, after ITV\'s Ana Ruiz said the front-runner had '
        'derisively referred to Mayor Tom Green as the "pet senator" of a banker.'
    )
    assert speaker_of(nlp, text, "I never said that")[0] == "Baxter"


def test_clause_of_reason_around_a_set_off_cue_is_still_reported(nlp):
    # near-miss: a clause the cue interrupts that is no clause of time is still what the cue reports
    text = "If anything, Tom Baxter argued on Monday, the plan will cost the city far more than it saves."
    assert speaker_of(nlp, text, "the plan will cost")[0] == "Tom Baxter"


# --- a report inside the cue clause of a quotation ---------------------------------------------------


def test_report_in_the_cue_clause_does_not_take_over_the_quotation_after_it(nlp):
    text = (
        '"We are going to win so much," Ruiz said at her victory party, after her rival said the count was '
        'rigged. "You are going to be so happy with the result."'
    )
    assert speaker_of(nlp, text, "so happy")[1] == "Ruiz"


def test_report_in_a_sentence_of_its_own_does_take_over(nlp):
    # near-miss: the rival's report is a sentence of its own, no part of Ruiz's cue clause; the quotation
    # after it goes on with the rival
    text = (
        '"We are going to win so much," Ruiz said at her victory party. Her rival, Tom Baxter, said the count '
        'was rigged. "The ballots in two districts were never counted at all."'
    )
    assert speaker_of(nlp, text, "never counted")[1] == "Tom Baxter"


# --- the speaker's mention ----------------------------------------------------------------------------


def test_focus_adverb_before_the_subject_is_no_part_of_its_mention(nlp):
    text = "Tom Baxter had backed the plan for years. Even Baxter, a loyal ally of the mayor, said the vote was lost."
    assert speaker_of(nlp, text, "the vote was lost") == ("Baxter", "Tom Baxter")


def test_longer_modifier_of_a_quantity_stays_in_the_mention(nlp):
    # near-miss: "at least" says how many spoke; it is no one-word aside
    text = "At least half of the members said the vote should be held again next month."
    speaker, _ = speaker_of(nlp, text, "the vote should be held")
    assert speaker is not None and speaker.startswith("At least half")


# --- a name the parse joined to the clause before ------------------------------------------------------


def test_name_before_a_coordinated_verb_is_its_subject(nlp):
    text = (
        "Over the past two weeks, prosecutors charged the officer with murder and Okafor fired his police chief, "
        "Tom Baxter, acknowledging that large parts of the city have lost trust in the police."
    )
    assert speaker_of(nlp, text, "lost trust")[1] == "Okafor"


def test_name_inside_the_first_clause_is_not_the_participle_s_subject(nlp):
    # near-miss: no finite verb follows the name; the ones who charged say it
    text = "Prosecutors charged Ana Ruiz and Tom Baxter with fraud, saying the two had hidden the accounts for years."
    speaker, _ = speaker_of(nlp, text, "had hidden the accounts")
    assert speaker == "Prosecutors"
