"""Whose cue it is when the cue sits in a non-finite or subordinate clause, and "according to X": "according
to" in parentheses or before a paragraph break.

Sentences written for these tests, run through real spaCy; each rule beside a near miss it leaves alone.
"""

from __future__ import annotations

from quote_speakers import speaker_of as _speaker

from corpus.quotes.api import quotes_from_text


def _quotes(nlp, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker.text if q.speaker else None, q.speaker_name) for q in quotes_from_text(text, nlp=nlp)]


# --- "according to X" in parentheses, and before a paragraph break -------------------------------------------


def test_according_to_in_parentheses_covers_what_they_hold(nlp):
    text = (
        "Lee, for his part, cites his donors as the source for some of his figures, such as his boast that the "
        "scheme saved 40 million pounds a year (the true figure is nearer 4 million, according to the audit "
        "office). He also defended the cuts."
    )
    found = [(t, s) for t, s, _ in _quotes(nlp, text) if s == "the audit office"]
    assert found == [("the true figure is nearer 4 million", "the audit office")]


def test_according_to_outside_parentheses_covers_the_clause(nlp):
    # near miss: no parentheses; the clause before it is what the office says
    text = "The true figure is nearer 4 million pounds a year, according to the audit office (a watchdog)."
    assert _speaker(nlp, text, "true figure")[0] == "the audit office"


def test_according_to_an_abbreviation_at_a_paragraph_end_names_it(nlp):
    text = (
        "The ferry was held in port after a safety check found faults. It is now cleared to sail again, "
        "according to the M.C.A.\n\nMost people who own boats keep only one."
    )
    assert _speaker(nlp, text, "cleared to sail")[0] == "M.C.A."
