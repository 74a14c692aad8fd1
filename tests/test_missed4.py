"""Reported speech the extractor used to miss, each shape with a near-miss it must not fire on
(sentences written for these tests, run through real spaCy)."""

from __future__ import annotations

from corpus.quotes.api import quotes_from_text


def _quotes(nlp, text):
    qs = quotes_from_text(text, nlp=nlp, article_id="a1")
    for q in qs:  # offsets always round-trip
        assert text[q.start : q.end] == q.text
    return qs


def _texts(nlp, text):
    return [q.text for q in _quotes(nlp, text)]


# --- "said on Friday during a briefing that …": the clause hung on a modifier's noun --------------


def test_that_clause_after_a_time_phrase_is_what_was_said(nlp):
    text = "The chief also said for the first time that several emails between the two officers have been found."
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["that several emails between the two officers have been found"]
    assert qs[0].speaker is not None and qs[0].speaker.text == "The chief"


def test_that_clause_after_an_occasion_is_what_was_said(nlp):
    text = "Tom Baxter said on Monday during a town hall meeting that he may run for the council next year."
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["that he may run for the council next year"]
    assert qs[0].speaker_name == "Tom Baxter"


def test_relative_clause_of_the_object_is_no_report(nlp):
    # near miss: the object's own relative clause ("a plan that would …") is not reported content
    assert _texts(nlp, "The minister announced a new plan that would cut fees for young families.") == []


# --- "As X said, …": the comma that sets the cue off hangs on the cue ----------------------------


def test_as_cue_set_off_before_the_clause_attributes_it(nlp):
    text = "As the harbour master said, the new ferry schedule has left many islanders without a morning boat."
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["the new ferry schedule has left many islanders without a morning boat"]
    assert qs[0].speaker is not None and qs[0].speaker.text.endswith("harbour master")


def test_temporal_as_clause_is_no_report(nlp):
    # near miss: "as" of time, with what was announced as the verb's object
    text = "As the judge announced the verdict, the families in the gallery began to weep quietly."
    assert _texts(nlp, text) == []


# --- set-off cues whose clause the parser broke up --------------------------------------------------


def test_inverted_cue_set_off_inside_the_clause_reports_both_parts(nlp):
    text = "The new schedule, said Ana Ruiz, would be put to the council in May."
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["The new schedule", "would be put to the council in May"]
    assert all(q.speaker is not None and q.speaker.text == "Ana Ruiz" for q in qs)


def test_set_off_cue_after_its_speaker_reports_both_parts(nlp):
    text = "The cause of the long delay, engineers say, is the soft ground under the old pier."
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["The cause of the long delay", "is the soft ground under the old pier"]
    assert qs[1].speaker is not None and qs[1].speaker.text == "engineers"


def test_opinion_verb_set_off_inside_a_clause_is_no_report(nlp):
    # near miss: "hoped" is no reporting verb, however it is set off
    assert _texts(nlp, "The plan, she hoped, would pass before the summer.") == []


def test_inverted_cue_closing_the_sentence_reports_what_comes_before(nlp):
    text = (
        "The promise of cheaper ferries appeals to older islanders who remember an era when the crossing "
        "was free, said Ana Ruiz, a pollster at the university."
    )
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == [
        "The promise of cheaper ferries appeals to older islanders who remember an era when the crossing was free"
    ]
    assert qs[0].speaker_name == "Ana Ruiz"


def test_cue_closing_a_sentence_with_an_object_is_no_report(nlp):
    # near miss: "said nothing" has an object and no subject after the verb: no inverted cue
    text = "The captain checked the ropes on the deck, said nothing to the crew and sailed away at dawn."
    assert _texts(nlp, text) == []


def test_set_off_cue_parsed_as_the_clauses_complement_reports_the_clause(nlp):
    text = "If anything, the mayor argued in her letter, the closure is a sign of how badly the old bridge was kept."
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["the closure is a sign of how badly the old bridge was kept"]
    assert qs[0].speaker is not None and qs[0].speaker.text == "the mayor"


def test_clause_joined_after_a_set_off_cue_goes_on_with_what_was_said(nlp):
    text = "The ferry service was cut back in winter, a spokeswoman said on Monday, and it will resume in April."
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["The ferry service was cut back in winter", "it will resume in April"]
    assert {q.speaker.text for q in qs if q.speaker is not None} == {"a spokeswoman"}


def test_clause_of_time_after_a_set_off_cue_is_the_scene(nlp):
    # near miss: "as the crowd cheered" says when it was said, not what
    text = "The bridge will reopen in May, the mayor said, as the crowd cheered loudly."
    assert _texts(nlp, text) == ["The bridge will reopen in May"]


# --- "he's said …": the contracted perfect the parser reads as a passive ---------------------------


def test_contracted_perfect_reports_with_its_subject(nlp):
    text = "He's said he gets his ideas about the harbour from an old sailing manual."
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["he gets his ideas about the harbour from an old sailing manual"]
    assert qs[0].speaker is not None and qs[0].speaker.text == "He"


def test_impersonal_passive_is_no_report(nlp):
    # near miss: "it's said that …" is a real passive with no speaker
    assert _texts(nlp, "It's said that the old castle on the hill is haunted.") == []


# --- a subject and its copula before a set-off cue ----------------------------------------------------


def test_subject_and_copula_before_an_interrupting_cue_are_a_piece(nlp):
    text = "The cuts were deeply unpopular. It was, he said, one of the hardest choices of his time in office."
    assert _texts(nlp, text) == ["It was", "one of the hardest choices of his time in office"]


def test_fixed_phrase_before_a_set_off_cue_is_no_piece(nlp):
    # near miss: "That said" frames what follows; it is no subject and copula
    text = "That said, she also noted that the new bridge will cost far more than planned."
    assert _texts(nlp, text) == ["that the new bridge will cost far more than planned"]


# --- "says in a statement that …": the complement of a noun of saying in the verb's modifier ----------


def test_that_clause_of_a_statement_the_verb_was_said_in_is_the_content(nlp):
    text = "The harbour master says in a statement that the ferry will now run twice a day between the islands."
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["that the ferry will now run twice a day between the islands"]
    assert qs[0].speaker is not None and qs[0].speaker.text == "The harbour master"


def test_complement_of_a_noun_of_thought_is_no_report(nlp):
    # near miss: "pointed to the theory that …" names a theory; the theory is not what was said
    text = "As an example, Ruiz pointed to the theory that the old pier is sinking because of the warmer water."
    assert _texts(nlp, text) == []


# --- "X thinks …, Y said this week": a cue after its subject hung on the clause before the comma -------


def test_cue_hung_on_the_clause_before_it_reports_that_clause(nlp):
    text = (
        "Ana Ruiz thinks the provincial government spends too much money on highway projects, "
        "former Mayor Tom Baxter said this week at an event in Halifax."
    )
    qs = _quotes(nlp, text)
    said = "Ana Ruiz thinks the provincial government spends too much money on highway projects"
    assert [q.text for q in qs] == [said]
    assert qs[0].speaker_name == "Tom Baxter"


def test_clause_joined_by_and_before_a_verb_with_an_object_is_no_report(nlp):
    # near miss: "and the fans said goodbye": a verb with an object, joined by "and", closes no report
    assert _texts(nlp, "The game ended in a draw, and the fans said goodbye to the old stadium.") == []


# --- "the mayor's claim that …": the clause of a noun naming something said -------------------------


def test_clause_of_a_claim_is_a_quote_of_its_possessor(nlp):
    text = "Critics mocked the mayor’s claim that the old bridge is perfectly safe for heavy trucks."
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["that the old bridge is perfectly safe for heavy trucks"]
    assert qs[0].speaker is not None and qs[0].speaker.text.startswith("the mayor")
    assert qs[0].cue is not None and qs[0].cue.text == "claim"


def test_allegation_brought_forward_is_a_quote_of_who_brought_it(nlp):
    text = "A former employee has come forward with an allegation that the harbour fund paid for private trips."
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["that the harbour fund paid for private trips"]
    assert qs[0].speaker is not None and qs[0].speaker.text == "A former employee"


def test_claim_without_a_source_or_with_a_gap_is_no_quote(nlp):
    # near misses: accusations nobody in the text makes; "that" filling the object of "made"; a theory
    for text in (
        "The council chair is firing back at accusations that she hid the cost of the new ferry.",
        "The claim that the harbour master made on Monday was false.",
        "Ruiz rejected the theory that the pier is sinking because of warmer water.",
    ):
        assert _texts(nlp, text) == [], text


# --- "said X, but would now …": a predicate joined to the cue that goes on with the reported clause --


def test_predicate_in_another_tense_than_the_cue_goes_on_with_the_content(nlp):
    text = "Ana Ruiz said she had been rooting for the Halifax team all season, but would now cheer for Moncton."
    said = "she had been rooting for the Halifax team all season, but would now cheer for Moncton"
    assert _texts(nlp, text) == [said]


def test_predicate_in_the_cues_tense_is_the_speakers_next_act(nlp):
    # near miss: "and left for Ottawa" is what Ruiz did after saying it
    text = "Ruiz said the budget was balanced, and left for Ottawa on Tuesday."
    assert _texts(nlp, text) == ["the budget was balanced"]


# --- "“Absolutely not,” he said": the answer's "not" is no negation of the cue ------------------------


def test_negative_answer_before_its_cue_is_a_quote(nlp):
    text = "Would the mayor resign? “Absolutely not,” he said of the rumours on Monday."
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["“Absolutely not,”"]
    assert qs[0].cue is not None and qs[0].cue.text == "said"


def test_negated_cue_reports_nothing(nlp):
    # near miss: "did not say" reports no saying
    assert _texts(nlp, "The mayor did not say the bridge would reopen in May.") == []


# --- opinion verbs ("agree") with people named in a list or a party in the plural ----------------------


def test_opinion_verb_with_people_listed_as_its_subject_reports(nlp):
    text = "Ruiz and Baxter agreed the bridge must be rebuilt before the winter storms."
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["the bridge must be rebuilt before the winter storms"]
    assert qs[0].speaker is not None and qs[0].speaker.text == "Ruiz and Baxter"


def test_opinion_verb_with_an_institution_as_its_subject_reports_nothing(nlp):
    # near miss: a court's agreeing is a ruling's finding, no one's opinion reported
    assert _texts(nlp, "The court agreed that the ferry contract was unfair to the islanders.") == []


# --- a verb of saying the data file lacked: demand, used by lemma ------------------------------------------


def test_demand_reports_its_clause(nlp):
    text = "The union demanded that the council resign over the ferry contract."
    assert _texts(nlp, text) == ["that the council resign over the ferry contract"]


def test_demand_of_a_thing_is_no_quote(nlp):
    # near miss: "demanded a refund" names what was asked for, no clause
    assert _texts(nlp, "The islanders demanded a full refund for the cancelled ferry trips.") == []


# --- "called X “Y”" with the name hung inside the object ----------------------------------------------


def test_quoted_name_closing_the_object_of_call_is_the_name_given(nlp):
    text = "She called his new ferry schedule “a crucial step forward for the islands.”"
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["his new ferry schedule “a crucial step forward for the islands.”"]
    assert qs[0].cue is not None and qs[0].cue.text == "called"


def test_quoted_title_inside_the_object_of_call_is_no_name_given(nlp):
    # near misses: a quoted title names the office called or closes a phone call's object: nothing said
    for text in (
        "Baxter called the “Harbour First” office on Monday to complain about the noise.",
        "Baxter called the office of the “Harbour First” campaign.",
    ):
        assert _texts(nlp, text) == [], text


# --- a curly quotation inside a straight one ---------------------------------------------------------


def test_curly_quotation_inside_a_straight_one_keeps_the_outer_quote():
    from corpus.quotes.marks import quote_segments

    text = 'She said: "We lost. “It hurts,” my son told me." Then she left.'
    segs = quote_segments(text)
    assert [text[s.start : s.end] for s in segs] == ['"We lost. “It hurts,” my son told me."']


def test_curly_quotation_inside_a_multi_paragraph_straight_quote(nlp):
    text = (
        'Ruiz wrote: "The ferry isn’t about “service first” anymore. It is about cutting costs.\n\n'
        '"The islanders deserve better than this."\n\nThe council meets on Monday.'
    )
    qs = _quotes(nlp, text)
    assert qs[0].text == '"The ferry isn’t about “service first” anymore. It is about cutting costs.'
    assert qs[0].speaker_name == "Ruiz"


def test_stray_straight_mark_before_a_curly_quotation_is_no_quote():
    # near miss: an inch mark, not an opening quote: the curly quotation stands alone
    from corpus.quotes.marks import quote_segments

    text = 'He is 6" tall. “We will win,” she said.'
    assert [text[s.start : s.end] for s in quote_segments(text)] == ["“We will win,”"]


# --- "X was quoted as saying …": the one quoted speaks --------------------------------------------------


def test_quoted_as_saying_is_said_by_the_one_quoted(nlp):
    text = "A witness was quoted by the local paper as saying he saw one man in the truck and heard gunfire."
    qs = _quotes(nlp, text)
    assert [q.text for q in qs] == ["he saw one man in the truck and heard gunfire"]
    assert qs[0].speaker is not None and qs[0].speaker.text == "A witness"


def test_quoted_as_saying_no_clause_is_no_quote(nlp):
    # near miss: "saying very little" reports no content
    assert _texts(nlp, "The mayor was quoted as saying very little at the meeting.") == []
