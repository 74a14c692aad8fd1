"""The per-Doc memo of a pure function of the parse (corpus.doc_tokens.memo_per_doc) and the sentence bounds
the token table reads from the sentence starts, on sentences written for these tests."""

from __future__ import annotations

from corpus.doc_tokens import doc_tokens, memo_per_doc

calls: list[tuple[int, int]] = []


@memo_per_doc
def _head_after(tok, steps: int = 1):  # a pure function of the parse that counts its calls
    calls.append((tok.i, steps))
    for _ in range(steps):
        tok = tok.head
    return tok


def test_the_memo_answers_as_the_function_once_per_token_and_arguments(nlp):
    doc = nlp("Ana Ruiz said the council had approved the plan.")
    calls.clear()
    first = _head_after(doc[1])
    assert first == doc[1].head
    assert _head_after(doc[1]) == first and calls == [(1, 1)]  # asked again: kept
    assert _head_after(doc[1], 2) == doc[1].head.head and calls == [(1, 1), (1, 2)]  # other arguments: asked
    assert _head_after(doc[4]) == doc[4].head and len(calls) == 3  # another token: asked


def test_another_doc_gets_its_own_answers(nlp):
    first, second = nlp("Ana Ruiz said it."), nlp("Yesterday the mayor of the town said nothing at all.")
    calls.clear()
    assert _head_after(first[0]).text == first[0].head.text
    assert _head_after(second[0]).text == second[0].head.text  # same index, another Doc: asked anew
    assert _head_after(first[0]).text == first[0].head.text
    assert len(calls) == 3  # the table, so the memo, is kept for the last Doc only


def test_sentence_bounds_are_those_of_doc_sents(nlp):
    doc = nlp("Ana Ruiz spoke first. The mayor, who had arrived late, disagreed!\n\nThen the vote was held")
    bounds = doc_tokens(doc).sentence_bounds
    assert bounds == [(s.start, s.end) for s in doc.sents]
    assert len(bounds) >= 3 and bounds[0][0] == 0 and bounds[-1][1] == len(doc)


def test_an_empty_doc_has_no_sentences(nlp):
    assert doc_tokens(nlp("")).sentence_bounds == []


def test_distinct_words_are_the_words_as_written(nlp):
    table = doc_tokens(nlp("Vote Smith, the vote said. Smith won."))
    assert table.distinct_words == set(table.words)
    assert "vote" in table.distinct_words and "Vote" in table.distinct_words and "won" in table.distinct_words
