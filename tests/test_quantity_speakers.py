"""A share of people as a speaker ("Some 87% said …"): the "%" is the noun that speaks, so the speaker as
shown keeps it. Sentences written for these tests, run through real spaCy."""

from __future__ import annotations

from quote_speakers import speaker_of as _speaker

POLL = (
    "The survey asked voters about trust. Some 87% said ministers did not keep their promises, while 64% "
    "said they never gave a straight answer."
)


def test_a_percentage_that_speaks_keeps_its_sign(nlp):
    assert _speaker(nlp, POLL, "ministers did not keep")[0] == "Some 87%"
    assert _speaker(nlp, POLL, "never gave a straight")[0] == "64%"


def test_punctuation_after_a_speaker_is_still_no_part_of_it(nlp):
    # near miss: the comma and the dash after a name are cut as before
    text = "The mayor, Ana Ruiz, said the bridge would reopen in May. Tom Berg - the engineer - said it would not."
    assert _speaker(nlp, text, "the bridge would reopen")[0] == "The mayor, Ana Ruiz"
