"""One piece of code where two did the same (round 11's review, D2 D4 D5 D6 and "year-old"): the shared helpers,
each on a case and a near miss. Sentences written for these tests, run through real spaCy.
"""

from __future__ import annotations

from corpus.coref.resolver import _described_by_age
from corpus.doc_tokens import line_break_between
from corpus.entities import _company_noun, _organisation_description
from corpus.names import is_post_nominal, strip_titles
from corpus.person_extent import _shortens_a_title
from corpus.quotes.component import QUOTES_PIPE


def test_post_nominal_letters_are_capitals_of_a_known_set():
    assert is_post_nominal("MP") and is_post_nominal("QC")
    assert not is_post_nominal("Mp")  # (a word of a name, not the letters)
    assert not is_post_nominal("FBI")
    assert strip_titles("Jane Cole QC") == "Jane Cole"
    assert strip_titles("Cole QC") == "Cole QC"  # (never down to one word)


def test_a_title_written_short_has_its_letters_in_order_in_a_longer_title():
    assert _shortens_a_title("capt") and _shortens_a_title("sgt")
    assert not _shortens_a_title("mayor")  # a title in full is none
    assert not _shortens_a_title("tsg")  # letters of "sergeant", but not from its first


def test_a_line_break_between_two_tokens_either_order(nlp):
    with nlp.select_pipes(disable=[QUOTES_PIPE]):
        doc = nlp("Ana Ruiz spoke first.\n\nTom Lee spoke next.")
    ruiz, lee = doc[1], next(t for t in doc if t.text == "Lee")
    assert line_break_between(ruiz, lee) and line_break_between(lee, ruiz)
    assert not line_break_between(doc[0], ruiz)  # the same paragraph


def test_a_company_noun_is_an_organisation_description_and_a_place_word_is_neither(nlp):
    with nlp.select_pipes(disable=[QUOTES_PIPE]):
        doc = nlp("The drugmaker and the charity met the city council.")
    drugmaker, charity, city = doc[1], doc[4], doc[7]
    assert _company_noun(drugmaker) and _organisation_description(drugmaker)
    assert _organisation_description(charity) and not _company_noun(charity)  # any organisation's, not a company's
    assert not _organisation_description(city)  # stands before places and people too


def test_an_age_description_read_from_the_parse(nlp):
    with nlp.select_pipes(disable=[QUOTES_PIPE]):
        doc = nlp("The 52-year-old woman met the 40-year-old. The old woman left.")
    woman = doc[6]
    old = next(t for t in doc[6:] if t.lower_ == "old")
    assert woman.lower_ == "woman" and _described_by_age(woman)
    assert _described_by_age(old)
    assert not _described_by_age(doc[-2])  # "the old woman": old, no age
