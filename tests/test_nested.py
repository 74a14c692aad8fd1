"""Reports inside reports (``corpus.quotes.nesting``): "Ruiz said Baker told her …" is two quotes, the
outer one Ruiz's, the inner one Baker's; each rule with a near-miss it must not fire on. Sentences
written for these tests, run through real spaCy."""

from __future__ import annotations

from corpus.evaluate import evaluate, match
from corpus.models import Quote
from corpus.quotes.api import quotes_from_text


def _quotes(nlp, text: str) -> list[Quote]:
    qs = quotes_from_text(text, nlp=nlp, article_id="a1")
    for q in qs:  # offsets always round-trip, inner quotes too
        assert text[q.start : q.end] == q.text
    return qs


def _pairs(nlp, text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker_name) for q in _quotes(nlp, text)]


def _overlapping(qs: list[Quote]) -> list[tuple[str, str]]:
    return [(a.text, b.text) for i, a in enumerate(qs) for b in qs[i + 1 :] if a.start < b.end and b.start < a.end]


# --- a report as the reported clause -------------------------------------------------------------


def test_report_as_the_reported_clause_is_two_quotes(nlp):
    text = "Ruiz said Tom Baker told her the budget would not survive the vote."
    qs = _quotes(nlp, text)
    assert [(q.text, q.speaker_name) for q in qs] == [
        ("Tom Baker told her the budget would not survive the vote", "Ruiz"),
        ("the budget would not survive the vote", "Tom Baker"),
    ]
    outer, inner = qs
    assert outer.cue is not None and outer.cue.text == "said"
    assert inner.cue is not None and inner.cue.text == "told"
    assert inner.speaker is not None and inner.speaker.text == "Tom Baker"
    assert outer.id != inner.id


def test_report_by_the_outer_speaker_again_is_one_quote(nlp):
    # "she" is Ruiz: one person, one statement; the outer quote keeps the whole clause
    text = "Ruiz said she told the board the budget would not survive the vote."
    assert _pairs(nlp, text) == [("she told the board the budget would not survive the vote", "Ruiz")]


def test_inner_pronoun_resolving_to_someone_else_is_their_quote(nlp):
    text = "Ana Ruiz met Tom Baker last week. She said he told her the bridge would reopen in May."
    assert _pairs(nlp, text) == [
        ("he told her the bridge would reopen in May", "Ana Ruiz"),
        ("the bridge would reopen in May", "Tom Baker"),
    ]


def test_quote_after_a_nested_report_continues_the_outer_speaker(nlp):
    text = "Ruiz said Tom Baker told her the budget would not survive the vote. “We will fight for every line of it.”"
    qs = _quotes(nlp, text)
    assert qs[-1].kind == "floating"
    assert qs[-1].speaker_name == "Ruiz"


# --- "according to" -------------------------------------------------------------------------------


def test_according_to_a_source_that_someone_said_is_both_quotes(nlp):
    text = "According to the coroner, the driver told police he never saw the second car."
    qs = _quotes(nlp, text)
    assert [(q.text, q.speaker.text if q.speaker else None) for q in qs] == [
        ("the driver told police he never saw the second car", "the coroner"),
        ("he never saw the second car", "the driver"),
    ]


def test_according_to_inside_a_report_is_the_source_quote_too(nlp):
    text = "Lee said that, according to the fire chief, the blaze started in the kitchen."
    qs = _quotes(nlp, text)
    assert [q.speaker_name for q in qs] == ["Lee", "fire chief"]
    assert qs[1].text == "the blaze started in the kitchen"


def test_according_to_with_no_report_inside_is_one_quote(nlp):
    text = "According to the coroner, the crash happened shortly after midnight on the bridge."
    qs = _quotes(nlp, text)
    assert len(qs) == 1
    assert _overlapping(qs) == []


# --- a relative clause about people who said something ---------------------------------------------


def test_people_who_said_something_inside_a_report_are_quoted(nlp):
    text = "Ruiz said she had met dozens of farmers who said they would sell their land this year."
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == [
        "she had met dozens of farmers who said they would sell their land this year",
        "they would sell their land this year",
    ]
    inner = qs[1]
    assert inner.speaker_name == "farmers"
    # the mention runs through the relative pronoun, as for "Ruiz, who said …"
    assert inner.speaker is not None and inner.speaker.text == "farmers who"


def test_said_in_a_relative_clause_about_a_thing_is_no_quote_of_its_own(nlp):
    text = "The mayor said the plan he said was dead had been revived by the council."
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["the plan he said was dead had been revived by the council"]


# --- a quotation inside a report --------------------------------------------------------------------


def test_quotation_someone_shouted_inside_a_report_is_theirs(nlp):
    text = "Maria Lopez was on duty that night. She said she heard the guards shout “Get down now!” before dawn."
    qs = _quotes(nlp, text)
    assert qs[0].speaker_name == "Maria Lopez"
    assert qs[0].text.startswith("she heard the guards shout")
    assert qs[1].text.startswith("“Get down now!”")
    assert qs[1].speaker is not None and qs[1].speaker.text == "the guards"


def test_report_inside_someones_own_quoted_words_is_part_of_them(nlp):
    text = "“My brother told me the bridge was closed,” Lopez said."
    assert _pairs(nlp, text) == [("“My brother told me the bridge was closed,”", "Lopez")]


def test_naming_something_inside_a_report_is_no_report(nlp):
    # "called her plan “…”" names the plan: a thing done, not a statement of its own
    text = "Ruiz said the mayor called her plan “a total disaster” at the meeting."
    assert len(_quotes(nlp, text)) == 1


# --- what does not nest ---------------------------------------------------------------------------


def test_claim_judged_in_an_adverbial_clause_does_not_nest(nlp):
    text = "Ruiz said the opposition is lying when they say the budget will raise taxes."
    assert _pairs(nlp, text) == [("the opposition is lying when they say the budget will raise taxes", "Ruiz")]


def test_guess_or_opinion_inside_a_report_does_not_nest(nlp):
    assert len(_quotes(nlp, "Ruiz said analysts predict the market will fall sharply next year.")) == 1
    assert len(_quotes(nlp, "Ruiz said farmers believe the drought will end soon.")) == 1


def test_quote_split_by_a_cue_in_its_middle_is_not_nested(nlp):
    text = "Ana Ruiz spoke after the vote. The plan, she says, is dead on arrival."
    qs = _quotes(nlp, text)
    assert qs and _overlapping(qs) == []


# --- scoring -----------------------------------------------------------------------------------------


def _q(start: int, end: int, speaker: str) -> dict:
    return {"text": "", "start": start, "end": end, "kind": "indirect", "speaker": None, "speaker_name": speaker}


def test_scorer_pairs_outer_with_outer_and_inner_with_inner_in_any_order():
    outer, inner = _q(0, 60, "Ruiz"), _q(25, 60, "Baker")
    for gold in ([outer, inner], [inner, outer]):
        for pred in ([outer, inner], [inner, outer]):
            pairs = match(gold, pred, 0.3)
            assert {gold[g]["speaker_name"]: pred[p]["speaker_name"] for g, p in pairs.items()} == {
                "Ruiz": "Ruiz",
                "Baker": "Baker",
            }
    result = evaluate([{"id": "a", "quotes": [inner, outer]}], [{"id": "a", "quotes": [inner, outer]}])
    assert result.prf[0.8].f1 == 1.0
    assert result.name.value == 1.0


def test_clause_before_the_inner_verb_is_no_report_of_it(nlp):
    # "after the storm came" is when he told her, not what he told her: words outside quote marks
    # that a verb inside a report reports follow it
    from corpus.quotes.docinfo import Candidate, DocInfo
    from corpus.quotes.nesting import nests

    text = "Ruiz said that after the storm came, Tom Baker told her that the bridge was closed."
    doc = nlp(text)
    info = DocInfo(doc)
    said = next(t for t in doc if t.text == "said")
    told = next(t for t in doc if t.text == "told")
    baker = next(t for t in doc if t.text == "Baker")
    ruiz = doc[0]

    def cand(piece: str, cue, subject) -> Candidate:
        start = text.index(piece)
        return Candidate(start, start + len(piece), "indirect", cue, (cue.idx, cue.idx + len(cue)), subject, ())

    outer = cand("that after the storm came, Tom Baker told her that the bridge was closed", said, ruiz)
    assert nests(info, cand("that the bridge was closed", told, baker), outer)
    assert not nests(info, cand("after the storm came", told, baker), outer)


def test_report_inside_an_according_to_with_no_speaker_mention_keeps_its_own_speaker(nlp):
    # the source is a quoted book title (no speaker mention): the outer speaker is a guess, and the
    # report inside it stays the quote of the one who told it
    text = (
        "Tom Baker grew up in Leeds and looked up to his brother. According to “The Bakers of Leeds,” a family "
        "history, Tom told his teacher that the bakery would be his one day."
    )
    qs = _quotes(nlp, text)
    inner = [q for q in qs if q.cue is not None and q.cue.text == "told"]
    assert [(q.text, q.speaker_name) for q in inner] == [("that the bakery would be his one day", "Tom Baker")]
