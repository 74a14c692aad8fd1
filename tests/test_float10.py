"""Which speaker a quotation with no cue of its own gets: one that goes on after its speaker's quotation,
however the next sentence starts.

Every sentence here is written for the test; each rule has a near-miss it must not fire on."""

from __future__ import annotations

from tests.quote_speakers import speaker_of

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
