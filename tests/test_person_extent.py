"""Where a person's name starts in a PERSON mention, and which mentions are no person (corpus.person_extent),
on sentences written for these tests, each rule beside a near miss it must leave alone."""

from __future__ import annotations

import pytest

from corpus.analysis import analyse_doc
from corpus.entities import raw_mentions
from corpus.person_extent import person_extent


def _extent(nlp, text: str, mention: str) -> tuple[str, str] | None:
    """(name, label) ``person_extent`` gives the PERSON mention ``mention`` of ``text``, as the NER could
    have cut it."""
    doc = nlp(text)
    at = text.index(mention)
    span = doc.char_span(at, at + len(mention))
    assert span is not None
    found = person_extent(doc, span.start, span.end)
    return None if found is None else (doc[found[0] : span.end].text, found[1])


@pytest.mark.parametrize(
    "text, mention, name",
    [
        # a party word in front: what the person belongs to
        ("Conservative Helen Marsh said the deal was a test of nerve.", "Conservative Helen Marsh", "Helen Marsh"),
        ("Tory Owen Price agreed with the minister.", "Tory Owen Price", "Owen Price"),
        ("Lib Dem Rachel Ives voted against the bill.", "Lib Dem Rachel Ives", "Rachel Ives"),
        # a role in front: a word few people have as a first name, then a common first name
        ("MEP Carol Dunn said the rules were a mess.", "MEP Carol Dunn", "Carol Dunn"),
        ("Commissioner Franco Bellini said the ban would stay.", "Commissioner Franco Bellini", "Franco Bellini"),
        # ... or a portfolio's last word
        (
            "The Minister for Children, Young People and Families Jane Pratt said so.",
            "Families Jane Pratt",
            "Jane Pratt",
        ),
        # ... or a word the article writes in lower case too, before a rarer first name
        ("The farmer was angry. Farmer Geoff Pike said the rules would ruin him.", "Farmer Geoff Pike", "Geoff Pike"),
        # a title of several people: each is named after it
        ("The judge, sitting with Lords Avery, Pell and Dunmore, said the law was unfair.", "Lords Avery", "Avery"),
        # a slogan's verb opening a sentence, the article using the word in lower case elsewhere
        ("His slogan is short. Vote Hartley, Get Pryce. He tells every voter how to vote.", "Vote Hartley", "Hartley"),
        # a century before a name
        ("He called the chancellor a 21st Century Scrooge.", "Century Scrooge", "Scrooge"),
    ],
)
def test_words_in_front_of_a_name_are_no_part_of_it(nlp, text, mention, name):
    assert _extent(nlp, text, mention) == (name, "PERSON")


@pytest.mark.parametrize(
    "text, mention",
    [
        ("Ieuan Wyn Jones said the vote was close.", "Ieuan Wyn Jones"),  # a first name, then a middle name
        ("Iain Duncan Smith said the vote was close.", "Iain Duncan Smith"),  # both first names
        ("Mark Oaten said the result was a mark of progress.", "Mark Oaten"),  # "mark" in lower case, a first name
        ("Gloria Hartley said the plan would work.", "Gloria Hartley"),  # no word in front at all
        ("Lady Hale said the rules were unfair.", "Lady Hale"),  # a title stays for the names code to fold
    ],
)
def test_a_name_that_opens_the_mention_is_kept_whole(nlp, text, mention):
    assert _extent(nlp, text, mention) == (mention, "PERSON")


@pytest.mark.parametrize(
    "text, mention",
    [
        ("Labour MPs said the plan would fail.", "Labour MPs"),  # a group
        ("The Minister for Children, Young People and Families Jane Pratt said so.", "Young People"),
        ("Tom Dyer, Labour MP for West Ham, said the plan would fail.", "West Ham"),  # a seat
        ("MEP Carol Dunn said the rules were a mess.", "MEP"),  # a title alone
    ],
)
def test_groups_seats_portfolios_and_titles_are_no_person(nlp, text, mention):
    assert _extent(nlp, text, mention) is None


def test_a_slogans_verb_is_no_first_name_of_a_person_the_article_names(nlp):
    text = "Mr Hartley spoke last. Rivals mock him. Vote Hartley, Get Pryce. Nobody laughed."
    assert _extent(nlp, text, "Vote Hartley") == ("Hartley", "PERSON")
    # near misses: a first name the article gives again, and a sentence with a verb of its own
    text = "Menzies Hartley, the party leader\n\nMenzies Hartley spoke last. Mr Hartley was cheered."
    assert _extent(nlp, text, "Menzies Hartley") == ("Menzies Hartley", "PERSON")
    text = "Mr Hartley spoke last. Vote Hartley went on sale as a badge."
    assert _extent(nlp, text, "Vote Hartley") == ("Vote Hartley", "PERSON")


def test_a_monarch_named_by_title_is_a_person(nlp):
    # near miss of "MEP" alone: a title that names one person stays
    assert _extent(nlp, "The Queen said she was delighted.", "Queen") == ("Queen", "PERSON")


def test_a_compass_word_opens_a_place_not_a_person(nlp):
    text = "Voters in West Hamley and Leeds Central were polled. Oliver North said the poll was flawed."
    assert _extent(nlp, text, "West Hamley") == ("West Hamley", "GPE")
    assert _extent(nlp, text, "Leeds Central") == ("Leeds Central", "GPE")
    assert _extent(nlp, text, "Oliver North") == ("Oliver North", "PERSON")  # near miss: a surname
    # "West" is a first name in the table; a place the NER got right stays a place in the article's people too
    people = [p.name for p in analyse_doc(nlp("Tom Dyer, the MP for West Hamley, said the plan would fail.")).people]
    assert people == ["Tom Dyer"]


def test_a_party_alone_is_a_group_not_a_person(nlp):
    assert _extent(nlp, "The Lib Dem plan was costed.", "Lib Dem") == ("Lib Dem", "NORP")


def test_a_name_after_a_portfolio_is_the_office_holder(nlp):
    # near miss of the seat: "minister for women Jane Smith" names the minister after her portfolio
    text = "Labour's deputy minister for women Jane Smith said the plan would fail."
    assert _extent(nlp, text, "Jane Smith") == ("Jane Smith", "PERSON")
    assert "Jane Smith" in [p.name for p in analyse_doc(nlp(text)).people]


def test_the_article_lists_the_person_not_the_words_glued_to_them(nlp):
    text = (
        "Earlier, Conservative Helen Marsh said the deal was a test of nerve. "
        "Tom Dyer, Labour MP for West Ham, said the plan would fail. "
        "Labour MPs said they would vote against it."
    )
    analysis = analyse_doc(nlp(text))
    people = {p.name for p in analysis.people}
    assert {"Helen Marsh", "Tom Dyer"} <= people
    assert not people & {"Conservative Helen Marsh", "West Ham", "Labour MPs"}
    speakers = {q.speaker_name for q in analysis.quotes}
    assert "Helen Marsh" in speakers and "Conservative Helen Marsh" not in speakers
    assert ("Helen Marsh", "PERSON") in [(t, label) for t, _, _, label in raw_mentions(nlp(text))]


def test_a_street_is_no_person(nlp):
    analysis = analyse_doc(nlp("Downing St said a similar offer might be made to the government."))
    assert [p.name for p in analysis.people] == []
    # near miss: a saint's "St" opens a name
    people = [p.name for p in analyse_doc(nlp("St John Clarke said the offer was fair.")).people]
    assert len(people) == 1 and people[0].endswith("John Clarke")


def test_a_rare_first_name_before_a_common_middle_name_is_kept(nlp):
    # near miss of "Commissioner Franco Bellini": a first name few people have is still a first name
    text = "Economist Ngozi Ali Okafor said the budget was sound."
    assert _extent(nlp, text, "Ngozi Ali Okafor") == ("Ngozi Ali Okafor", "PERSON")


def test_a_firms_name_and_a_title_without_a_name_are_no_person(nlp):
    # "Booz"-like: no first name, but no role either; the mention stays as the NER cut it
    text = "Consultants from Pratz Allen Morton said the plan was sound."
    assert _extent(nlp, text, "Pratz Allen Morton") == ("Pratz Allen Morton", "PERSON")
    assert _extent(nlp, "The Tory Lord said the plan was sound.", "Tory Lord") is None
    # near miss: a surname that is a title word too
    assert _extent(nlp, "Labour's Ruth Bishop said the plan was sound.", "Ruth Bishop") == ("Ruth Bishop", "PERSON")
