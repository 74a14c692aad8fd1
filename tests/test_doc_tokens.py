"""The per-Doc token columns the extraction passes share (corpus.doc_tokens): each column holds what the
Token attribute gives, and the table is made once per Doc, on sentences written for these tests."""

from __future__ import annotations

from corpus.doc_tokens import doc_tokens

TEXT = (
    "Senator Ana Ruiz said on Tuesday that the co-operative's plan was “dead on arrival”.\n\n"
    "The mayor, who spoke to reporters, disagreed:  he called it a fair deal.\n"
    "READ MORE: Council votes again"
)


def test_columns_hold_what_the_tokens_say(nlp):
    doc = nlp(TEXT)
    table = doc_tokens(doc)
    assert table.text == doc.text == TEXT
    assert table.tokens == list(doc)
    assert table.idx == [t.idx for t in doc]
    assert table.words == [t.text for t in doc]
    assert table.lower == [t.lower_ for t in doc]
    assert table.lemma == [t.lemma_.lower() for t in doc]
    assert table.pos == [t.pos_ for t in doc]
    assert table.tag == [t.tag_ for t in doc]
    assert table.dep == [t.dep_ for t in doc]
    assert table.ent_type == [t.ent_type_ for t in doc]
    assert table.spaces == [bool(t.whitespace_) for t in doc]
    assert table.punct == [t.is_punct for t in doc]
    assert table.space == [t.is_space for t in doc]
    assert table.sentence_bounds == [(s.start, s.end) for s in doc.sents]
    # the line breaks are tokens of their own: a token's trailing whitespace is one space at most
    assert any("\n" in w for w in table.words)
    assert all(t.whitespace_ in ("", " ") for t in doc)


def test_one_table_per_doc(nlp):
    first, second = nlp("Ana Ruiz said it."), nlp("Tom Berg said it.")
    table = doc_tokens(first)
    assert doc_tokens(first) is table  # asked again for the same Doc: the same table
    assert doc_tokens(second).words[:2] == ["Tom", "Berg"]  # another Doc: its own columns
    assert doc_tokens(first).words[:2] == ["Ana", "Ruiz"]


def test_an_empty_doc_has_empty_columns(nlp):
    table = doc_tokens(nlp(""))
    assert table.words == table.lemma == table.pos == [] and table.text == ""
    assert table.indexes_of(table.lower, {"said"}) == []
