"""A quotation that ends its sentence and a cue after it that has a quotation of its own: the cue reports
its own quotation, and the first one goes to the cue before it.

Sentences written for these tests, run through real spaCy; the rule beside near misses it leaves alone.
"""

from __future__ import annotations

from corpus.quotes.api import quotes_from_text


def _speakers(nlp, text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.text if q.speaker else None) for q in quotes_from_text(text, nlp=nlp)]


def test_a_reply_with_its_own_quotation_leaves_the_one_before_to_its_cue(nlp):
    text = (
        "The mayor sends a photo of the new bridge. Avery responds to Whitfield with, "
        "“Why now? That was on my way to Leeds?” Whitfield then writes back, “You look tired.”"
    )
    assert _speakers(nlp, text) == [
        ("“Why now? That was on my way to Leeds?”", "Avery"),
        ("“You look tired.”", "Whitfield"),
    ]


def test_a_cue_after_the_quotation_with_nothing_of_its_own_reports_it(nlp):
    # near miss: "“…” Ruiz said." after a sentence about someone else: the cue after is the quotation's
    text = "Avery spoke first at the meeting. “We have won the argument.” Ruiz said."
    assert _speakers(nlp, text) == [("“We have won the argument.”", "Ruiz")]


def test_an_interrupted_quotation_stays_with_its_cue(nlp):
    # near miss: the second piece goes on from the first; both are the cue's
    text = "“We have won the argument.” Ruiz said, “and we will win the vote.”"
    assert [s for _, s in _speakers(nlp, text)] == ["Ruiz", "Ruiz"]


# --- one sentence, one cue for the quotation before it and the one after -------------------------------------


def test_a_quotation_the_sentence_goes_on_from_shares_the_cue_after_it(nlp):
    text = (
        "Avery spoke first. “If it had not been for that vote” by the council, the board and the two unions "
        "that sat with them, Ruiz said at a town hall on Monday, “we would be looking at a closed library.”"
    )
    assert [s for _, s in _speakers(nlp, text)] == ["Ruiz", "Ruiz"]


def test_a_quotation_that_ends_its_sentence_keeps_the_speaker_before_it(nlp):
    # near miss: the floating quotation is a sentence of its own; the next sentence's cue is not its
    text = (
        "Avery told the town hall, “We will fight this.” “The vote changed everything for the library.” Later "
        "that evening, after the two unions that sat with the board had left the hall, Ruiz said, “we would be "
        "looking at a closed library.”"
    )
    assert [s for _, s in _speakers(nlp, text)] == ["Avery", "Avery", "Ruiz"]


# --- a colon that ends the previous report's clause announces the quotation set off below it -----------------


def test_a_quotation_set_off_after_the_reports_colon_is_announced_by_its_subject(nlp):
    text = (
        "Avery credits the charter—the principles of which tie all these leaders together—to the growth of the "
        "modern movement, as the society website notes:\n\n"
        '"In the autumn of 1960, some ninety students met at a farmhouse outside Leeds. They drafted the '
        'founding charter of the society there."'
    )
    quotes = quotes_from_text(text, nlp=nlp)
    block = next(q for q in quotes if q.text.startswith('"In the autumn'))
    assert block.speaker is not None and block.speaker.text == "the society website"


def test_a_quotation_after_a_report_that_ends_its_sentence_names_no_mention(nlp):
    # near miss: no colon; the quotation in the next paragraph goes on with the speaker, not the mention
    text = (
        "The society will fight the closure of the library, Dana Ruiz said on Monday.\n\n"
        "“We have the votes and we have the law on our side, and we will not stop.”"
    )
    quotes = quotes_from_text(text, nlp=nlp)
    block = next(q for q in quotes if q.text.startswith("“We have"))
    assert block.speaker_name == "Dana Ruiz"
    assert block.speaker is None
