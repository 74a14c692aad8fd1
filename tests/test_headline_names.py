"""Names in a headline written in title case: every word there has a capital, so the model runs a name on into
the verb after it ("Nora Quill Backs Lee"). The name a speaker gets is the one the article writes in its text.

Sentences written for these tests, run through real spaCy; each rule beside a near miss it leaves alone.
"""

from __future__ import annotations

from quote_speakers import speaker_of as _speaker

from corpus.entities import _in_title_case_line, _without_glued_words, extract_entities

HEADLINE_AND_STORY = (
    "Nora Quill Backs Lee And Denounces Hart.\n\n"
    "DUBLIN (Reuters) - The party leader, Nora Quill, voiced support for Lee on Wednesday, saying Hart would "
    'bring ruin. "We are not insiders," she told reporters.'
)


def test_a_title_case_headline_does_not_lengthen_the_name_the_story_gives(nlp):
    speaker, name = _speaker(nlp, HEADLINE_AND_STORY, "We are not insiders")
    assert (speaker, name) == ("she", "Nora Quill")


def test_a_headline_mention_is_cut_to_the_name_and_the_verb_after_it_is_no_part_of_it(nlp):
    people = {e.text for e in extract_entities(nlp(HEADLINE_AND_STORY)) if e.label == "PERSON"}
    assert "Nora Quill" in people
    assert not any("Backs" in p for p in people), people


def test_a_headline_report_speaks_for_the_person_the_story_names(nlp):
    text = (
        "Lee Says He Never Promised To Cut Pensions.\n\n"
        'Tom Lee said on Monday that he had never promised to cut pensions. "That is a lie," Lee said.'
    )
    speaker, name = _speaker(nlp, text, "Never Promised")
    assert speaker == "Lee" and name == "Tom Lee"


def test_a_headline_name_whose_next_word_is_a_name_word_of_the_text_stays_whole():
    # near miss: "Ana Ruiz" of a headline beside "Ana" and "Ruiz" in the text is not cut to "Ana": the word cut
    # would be a word of a name the text writes
    text = "Ana Ruiz Meets Voters In Dublin Today.\nAna met voters first. Ruiz spoke later."
    mentions = [("Ana Ruiz", 0, 8, "PERSON"), ("Ana", 39, 42, "PERSON"), ("Ruiz", 61, 65, "PERSON")]
    assert _without_glued_words(text, mentions) == mentions
    glued = [("Ana Ruiz Meets", 0, 14, "PERSON"), ("Ana Ruiz", 39, 47, "PERSON")]
    text = "Ana Ruiz Meets Voters In Dublin Today.\nAna Ruiz met voters first."
    assert _without_glued_words(text, glued)[0] == ("Ana Ruiz", 0, 8, "PERSON")


def test_title_case_is_a_line_of_capitalised_long_words_not_a_sentence():
    assert _in_title_case_line("Quill Backs Lee And Denounces Hart.\nThe party leader said so.", 3)
    # near misses: a sentence in sentence case, and the next line of the same text
    assert not _in_title_case_line("Quill backs Lee and denounces Hart in Dublin.", 3)
    assert not _in_title_case_line("Quill Backs Lee And Denounces Hart.\nThe party leader said so.", 40)
    # too few long words to tell title case from a name at the start of a line
    assert not _in_title_case_line("Nora Quill spoke.", 0)
