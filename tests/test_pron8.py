"""Who a he/she and a role description in the narration are (issue 12, branch pron8): a man named in a
report that runs on into a quotation is not the one who reports it; "Mr Blair" is not "Sir Ian Blair";
a "he" after "the chancellor" is the man the article gave that office.

Sentences written for these tests, run through real spaCy; each rule beside a near miss it leaves alone.
"""

from __future__ import annotations

from quote_speakers import speaker_of

# --- a report that runs on into a quotation --------------------------------------------------------------


def test_a_name_in_a_report_that_runs_into_a_quotation_is_not_the_reporter(nlp):
    # the quotation is part of the reported clause ("was a "…""), so Mr Walsh is inside the report
    text = (
        "Oliver Grant attacked the cabinet on Friday. "
        'Mr Walsh\'s cabinet was a "tired, timid team that has run out of ideas," he added.'
    )
    assert speaker_of(nlp, text, "tired, timid team")[1] == "Oliver Grant"


def test_a_quotation_after_a_verb_of_saying_in_the_clause_is_that_verbs_report(nlp):
    # near miss: "telling the radio, "…"" reports the quotation itself; the clause's subject stays the speaker
    text = (
        "Mary Dunne said little about the vote.\n\n"
        "Peter Walsh weighed in too, telling a local radio station on Monday, "
        '"Frankly, they are both fit for the job," he said.'
    )
    assert speaker_of(nlp, text, "both fit for the job")[1] == "Peter Walsh"
