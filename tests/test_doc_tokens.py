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
    assert table.head == [t.head.i for t in doc]
    assert table.ents == doc.ents
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
    assert table.words == table.lemma == table.pos == table.head == [] and table.text == ""
    assert table.indexes_of(table.lower, {"said"}) == []
    assert table.words_after({"mr"}) == set() and table.heads_of("conj") == frozenset()


def test_words_never_read_before_get_their_strings(nlp):
    # the strings are found by their IDs in a table kept across Docs: a Doc with words the process has not read
    # yet adds them, and a Doc read before it keeps its own
    first = nlp("Ana Ruiz said the plan was sound.")
    assert doc_tokens(first).lemma == [t.lemma_.lower() for t in first]
    second = nlp("Zorblax Quindlewhip QUIBBLED about the Frobnicator.")
    table = doc_tokens(second)
    assert table.words == [t.text for t in second] and table.lemma == [t.lemma_.lower() for t in second]
    assert table.lower[:2] == ["zorblax", "quindlewhip"]
    assert doc_tokens(first).words == [t.text for t in first]


def test_the_words_after_titles_and_the_heads_of_a_relation(nlp):
    doc = nlp("Mr. Ruiz and Ms Berg met Dr Lee. The mayor and the senator spoke.")
    table = doc_tokens(doc)
    # a title in lower case, with or without its dot
    assert table.words_after({"mr", "ms"}) == {"Ruiz", "Berg"}
    assert table.words_after({"dr"}) == {"Lee"}
    assert table.words_after({"senator"}) == {"spoke"}
    # what ``any(c.dep_ == dep for c in tok.children)`` says of every token
    for dep in ("conj", "nsubj", "det", "ROOT"):
        assert table.heads_of(dep) == {t.i for t in doc if any(c.dep_ == dep for c in t.children)}


def test_what_is_derived_from_a_table_is_made_once_and_for_its_doc_only(nlp):
    first, second = nlp("Ana Ruiz said it."), nlp("Tom Berg said it twice.")
    made: list[int] = []

    def count(table):
        made.append(len(table.words))
        return len(table.words)

    assert doc_tokens(first).derived("test.count", count) == 5
    assert doc_tokens(first).derived("test.count", count) == 5
    assert made == [5]  # asked again for the same Doc: made once
    assert doc_tokens(second).derived("test.count", count) == 6  # another Doc: made again, for it
    assert made == [5, 6]
