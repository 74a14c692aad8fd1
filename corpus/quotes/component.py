"""The ``quotes`` spaCy component: ``nlp.add_pipe("quotes")`` sets ``Doc._.quotes``
(list[Quote], ids relative to ``doc.user_data.get("article_id", "")``) and
``Doc._.entities`` (list[Entity]).

The factory is registered through the ``spacy_factories`` entry point (see
pyproject.toml), so once quotelens is installed any pipeline can add it by
name without importing this module; it needs a parser, a tagger, a
lemmatizer and NER before it (``en_core_web_sm`` has them)."""

from spacy.language import Language
from spacy.tokens import Doc

from corpus.entities import entities_and_names
from corpus.models import with_quote_ids
from corpus.quotes.extract import extract_quotes

QUOTES_PIPE = "quotes"

for _name in ("quotes", "entities"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class QuotesComponent:
    """Stateless: every call works only on the Doc it is given."""

    def __init__(self, nlp: Language, name: str = QUOTES_PIPE) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        entities, names = entities_and_names(doc)
        quotes = extract_quotes(doc, entities, names=names)
        doc._.entities = entities
        doc._.quotes = with_quote_ids(doc.user_data.get("article_id", ""), quotes)
        return doc


@Language.factory(
    QUOTES_PIPE,
    assigns=["doc._.quotes", "doc._.entities"],
    requires=["token.dep", "token.head", "token.lemma", "token.pos", "token.tag", "token.ent_type"],
)
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent(nlp, name)


__all__ = ["QUOTES_PIPE", "QuotesComponent", "make_quotes"]
