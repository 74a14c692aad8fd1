"""Whom a "he said" after a report refers to: the one who reported, not a man named inside what they
reported (the report sits in the scope of "he said": Chomsky's principle C), nor a man the pronoun's own
subjectless adjunct names ("standing beside Mr X, he added": the one who stands is he).

Sentences written for these tests, run through real spaCy; each rule beside a near miss it leaves alone.
"""

from __future__ import annotations

from corpus.coref.pronouns import _sentence_starts
from corpus.quotes.api import quotes_from_text


def _speaker_name(nlp, text: str, opening: str) -> str | None:
    """The speaker name of the one quote whose text contains ``opening``."""
    quotes = [q for q in quotes_from_text(text, nlp=nlp) if opening in q.text]
    assert len(quotes) == 1, [(q.text, q.speaker_name) for q in quotes_from_text(text, nlp=nlp)]
    return quotes[0].speaker_name


# --- a name inside the report is not who reports it ------------------------------------------------------


def test_a_name_in_the_report_before_he_said_is_not_the_reporter(nlp):
    text = (
        "Oliver Grant, the party's campaign chief, spoke to reporters on Sunday. "
        "Mr Walsh still has the same energy for the job, he said."
    )
    assert _speaker_name(nlp, text, "the same energy") == "Oliver Grant"


def test_the_name_in_the_report_is_the_reporter_when_no_other_man_is_near(nlp):
    # near miss: the paragraph names no other man; news writes "Walsh would fight on, he said" of Walsh too
    text = "Ruth Grant spoke to reporters on Sunday. Mr Walsh still has the same energy for the job, he said."
    assert _speaker_name(nlp, text, "the same energy") == "Walsh"


def test_a_reporter_whose_report_names_a_man_keeps_the_next_he_said(nlp):
    text = (
        "Martin Keogh told the station that Samuel Price had lost his nerve over the budget. "
        'He said: "We were promised action and we got nothing at all."'
    )
    assert _speaker_name(nlp, text, "We were promised") == "Martin Keogh"


def test_a_woman_reporting_on_a_man_leaves_him_the_next_he_said(nlp):
    # near miss: the reporter is a woman, so "he" is the man her report names
    text = (
        "Helen Keogh told the station that Samuel Price had lost his nerve over the budget. "
        'He said: "We were promised action and we got nothing at all."'
    )
    assert _speaker_name(nlp, text, "We were promised") == "Samuel Price"


def test_a_quotation_closed_by_he_said_leaves_the_narration_before_it_to_the_speaker(nlp):
    # near miss: "he said" closes the quotation, so the clause before it is narration, not the report
    text = (
        "Peter Olsen, who ran the old ministry, ran through the rules of the house: "
        '"Nobody ever raised their voice in that building," he said.'
    )
    assert _speaker_name(nlp, text, "Nobody ever raised") == "Peter Olsen"


def test_an_aside_in_parentheses_reports_its_own_words_only(nlp):
    # near miss: "(he once said …)" reports what follows it, so the name before it stays its antecedent
    text = (
        "Nobody knows how long Mr Hale will stay in the treasury "
        "(he once said there are two kinds of minister: those who quit and those who are pushed)."
    )
    assert _speaker_name(nlp, text, "two kinds of minister") == "Hale"


def test_the_man_of_the_paragraph_before_keeps_the_he_claimed_on_a_report_naming_another(nlp):
    text = "Peter Ashby set out his plans for the year on Monday.\n\nMr Walsh has failed the country, he claimed."
    assert _speaker_name(nlp, text, "failed the country") == "Peter Ashby"


def test_a_report_the_parser_runs_into_the_next_paragraph_ends_at_it(nlp):
    # near miss: a man named in the next paragraph is no part of what "he said" reports, whatever the parse
    text = (
        "Peter Ashby won the vote on Tuesday night.\n\n"
        'He said his wife, Ruth, "had told him from the start that he would win."\n\n'
        "With most votes counted, Ashby was leading with 40 percent."
    )
    assert _speaker_name(nlp, text, "had told him from the start") == "Peter Ashby"


# --- the one who stands beside a man is not that man -----------------------------------------------------


def test_a_man_named_in_the_pronouns_own_participle_is_not_it(nlp):
    text = (
        "General Hollis said the rebels were retreating in the north.\n\n"
        "But standing beside Mr Fenwick he added that the war was far from over."
    )
    assert _speaker_name(nlp, text, "the war was far from over") == "Hollis"


def test_a_clause_with_its_own_subject_does_not_exclude_its_man(nlp):
    # near miss: "when Mr Fenwick arrived" has a subject of its own, so the "he" may well be Fenwick
    text = (
        "General Hollis said the rebels were retreating in the north.\n\n"
        "When Mr Fenwick arrived, he added that the war was far from over."
    )
    assert _speaker_name(nlp, text, "the war was far from over") == "Fenwick"


# --- after a sentence naming men only as objects, the paragraph's speaker goes on ------------------------


def test_a_man_named_again_as_an_object_does_not_take_the_speakers_he_said(nlp):
    text = (
        "Peter Ashby launched the Tory campaign on Monday.\n\n"
        "Keith Dorran said his party was ready for the fight. Voters could easily picture Mr Ashby in Downing "
        'Street. "That is why we will be out on every street," he said.'
    )
    assert _speaker_name(nlp, text, "out on every street") == "Keith Dorran"


def test_a_man_brought_in_as_an_object_takes_the_next_he_said(nlp):
    # near miss: a man brought in with what he is ("local baker Tom Ashby, 52") is whom the quote is from
    text = (
        "Keith Dorran said his party was ready for the fight. The campaign has already paid off for local baker "
        'Tom Ashby, 52. "I have never sold so many cakes," he said.'
    )
    assert _speaker_name(nlp, text, "so many cakes") == "Tom Ashby"


# --- someone's unnamed spokesman ------------------------------------------------------------------------


def test_he_added_after_someones_spokesman_is_the_spokesman(nlp):
    text = (
        "Rain closed the port for a second day.\n\n"
        'Senator Carl Holm\'s official spokesman said: "We are watching the situation closely." '
        "He added that ferries would run again on Friday."
    )
    name = _speaker_name(nlp, text, "ferries would run again")
    assert name is not None and "spokesman" in name


def test_he_added_after_a_named_spokesman_is_that_man(nlp):
    # near miss: the spokesman has a name of his own, so "he" is him
    text = (
        "Rain closed the port for a second day.\n\n"
        'Senator Carl Holm\'s spokesman, Tom Berg, said: "We are watching the situation closely." '
        "He added that ferries would run again on Friday."
    )
    assert _speaker_name(nlp, text, "ferries would run again") == "Tom Berg"


# --- sentences as a reader sees them ---------------------------------------------------------------------


def _with_sentences(nlp, text: str, starts: list[str]):
    """``text`` as a Doc whose sentences start at the words ``starts`` (as a parser might have cut it)."""
    doc = nlp.make_doc(text)
    for tok in doc:
        tok.is_sent_start = tok.i == 0 or tok.text in starts
    return doc


def test_a_sentence_the_parser_cut_without_punctuation_is_read_as_one(nlp):
    doc = _with_sentences(nlp, "Keogh told the programme Price had refused it. He said so.", ["Price", "He"])
    assert _sentence_starts(doc) == [0, doc.text.index("He")]


def test_a_sentence_after_a_full_stop_or_a_colon_stays_its_own(nlp):
    # near miss: a cut after punctuation is a real sentence boundary
    doc = _with_sentences(nlp, "Keogh spoke to the programme. Price had refused it: He said so.", ["Price", "He"])
    assert _sentence_starts(doc) == [0, doc.text.index("Price"), doc.text.index("He")]
