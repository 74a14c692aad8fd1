"""The noun phrase that says who speaks, when the parse offers more than one: the subject of the clause a
participle is set off from, not a reporting verb's subject further up.

Sentences written for these tests, run through real spaCy; each rule beside a near miss it leaves alone.
"""

from __future__ import annotations

from quote_speakers import speaker_of as _speaker

# --- a participle goes with the clause it is set off from -------------------------------------------------


def test_a_participle_after_a_coordinated_clause_is_that_clauses_subjects(nlp):
    # "the school has sued the club, saying …": the school says it, not the residents of the clause before
    text = (
        "Residents complained about the noise for months, and the school has now sued the club, saying the "
        "music breaks the town's rules."
    )
    speaker, _ = _speaker(nlp, text, "the music breaks")
    assert speaker == "the school"


def test_a_participle_inside_a_preposed_clause_is_that_clauses_subjects(nlp):
    text = (
        "Where the bakers sought to outdo one another in claiming that their bread was the oldest in town, "
        "the millers stressed the quality of their flour."
    )
    speaker, _ = _speaker(nlp, text, "their bread was")
    assert speaker == "the bakers"


def test_a_participle_the_parse_hung_on_the_content_goes_with_the_reporter(nlp):
    # near miss: "noting" hangs on "stay", the content of "insisted"; the mayor notes it, not the stalls
    text = "The mayor insisted the stalls would stay open all summer, noting that the fair brings in visitors."
    speaker, _ = _speaker(nlp, text, "the fair brings")
    assert speaker == "The mayor"


def test_a_participle_goes_with_its_own_paragraph_when_the_parse_ran_two_together(nlp):
    # the parse made the second paragraph's verb the content of "noted" in the first; the paper's words
    # end with its paragraph
    text = (
        'The local paper noted that "as a rule, councillors do not meet with builders who are banned by the '
        'courts."\n\nMarlow and other councillors shunned the developer during his visits to the town, '
        "claiming that the firm had broken its promises."
    )
    speaker, _ = _speaker(nlp, text, "the firm had broken")
    assert speaker == "Marlow and other councillors"
