"""A plain function API over text, for callers that do not use spaCy directly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.models import Quote

if TYPE_CHECKING:
    from spacy.language import Language


def quotes_from_text(text: str, nlp: Language | None = None, article_id: str = "") -> list[Quote]:
    from corpus.models import with_quote_ids
    from corpus.nlp import load_pipeline
    from corpus.quotes.component import QUOTES_PIPE
    from corpus.quotes.extract import extract_quotes

    nlp = nlp or load_pipeline()
    doc = nlp(text)
    if QUOTES_PIPE in nlp.pipe_names and doc._.quotes is not None:
        return with_quote_ids(article_id, doc._.quotes)
    return with_quote_ids(article_id, extract_quotes(doc))
