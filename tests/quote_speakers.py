"""The speaker a test sentence's quote gets: one helper for the NLP tests that ask it of one quote."""

from __future__ import annotations

from corpus.quotes.api import quotes_from_text


def speaker_of(nlp, text: str, opening: str) -> tuple[str | None, str | None]:
    """(speaker mention, speaker name) of the one quote whose text holds ``opening``."""
    quotes = [q for q in quotes_from_text(text, nlp=nlp) if opening in q.text]
    assert len(quotes) == 1, [(q.text, q.speaker) for q in quotes_from_text(text, nlp=nlp)]
    q = quotes[0]
    return (q.speaker.text if q.speaker else None), q.speaker_name
