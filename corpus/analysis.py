"""One article's analysis from a parsed Doc, and the cache key of the pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.models import Analysis, count_words

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Part of the analysis cache key: bump it whenever extraction output (entities or quotes) changes.
EXTRACTOR_VERSION = "1.61"  # +people-N: the people of the article (corpus.people) changed


def analyse_doc(doc: Doc) -> Analysis:
    """Entities, quotes (ids relative to article id ""), word count and people of a parsed Doc."""
    from corpus.doc_tokens import doc_tokens
    from corpus.entities import entities_and_names
    from corpus.people import article_people
    from corpus.quotes.extract import extract_quotes

    entities = doc._.entities if doc.has_extension("entities") else None
    quotes = doc._.quotes if doc.has_extension("quotes") else None
    if entities is None or quotes is None:
        entities, names = entities_and_names(doc)
        quotes = extract_quotes(doc, entities, names=names)
    people = article_people(doc, entities, quotes)
    text = doc_tokens(doc).text  # (``doc.text`` makes a Token per word)
    return Analysis(tuple(entities), tuple(quotes), count_words(text), people).for_article("")


def analysis_key(nlp: Language) -> str:
    """Cache key of what ``analyse_doc`` produces with this pipeline: model name + version + extractor."""
    from corpus.nlp import model_id

    return f"{model_id(nlp)}+quotes-{EXTRACTOR_VERSION}"
