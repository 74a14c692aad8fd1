"""Speaker mentions of quote shapes whose speaker stands outside the cue's own subject slot: a quotation
that goes on after its cue, a relative clause ("Ruiz, who said …"), the narration before a quote.

Every sentence here is written for the test; each rule has a near-miss it must not fire on."""

from __future__ import annotations

from corpus.quotes.api import quotes_from_text


def _quotes(nlp, text):
    return quotes_from_text(text, nlp=nlp)


def _speakers(nlp, text):
    return [(q.speaker.text if q.speaker else None, q.speaker_name) for q in _quotes(nlp, text)]


# --- a quotation that goes on after its cue --------------------------------------------------------


def test_quotation_going_on_after_its_cue_keeps_the_mention_that_introduced_it(nlp):
    text = (
        "The council met on Tuesday night.\n\n"
        "“The bridge has to close for the winter,” said Marta Kowalski, the city engineer. "
        "“We cannot risk another crack in the deck.”"
    )
    quotes = _quotes(nlp, text)
    assert len(quotes) == 2
    assert quotes[1].text.startswith("“We cannot")
    assert quotes[1].speaker is not None and quotes[1].speaker.text.startswith("Marta Kowalski")
    assert quotes[1].speaker.start == quotes[0].speaker.start
    assert quotes[1].speaker_name == "Marta Kowalski"


def test_quotation_in_the_next_paragraph_has_the_speaker_but_no_mention_of_its_own(nlp):
    # near-miss: across a paragraph break the floating quote still continues Kowalski, but no mention
    # in its paragraph says so
    text = (
        "“The bridge has to close for the winter,” said Marta Kowalski, the city engineer.\n\n"
        "“We cannot risk another crack in the deck before the spring thaw arrives.”"
    )
    quotes = _quotes(nlp, text)
    assert len(quotes) == 2
    assert quotes[1].speaker is None
    assert quotes[1].speaker_name == "Marta Kowalski"


# --- the narration before a floating quote --------------------------------------------------------


def test_narrated_subject_is_the_mention_of_the_floating_quote_after_it(nlp):
    text = (
        "“The budget is balanced,” Mayor Tom Avery said.\n\n"
        "Councillor Dana Whitfield was not convinced. "
        "“Nobody on this council has seen the final numbers yet.”"
    )
    quotes = _quotes(nlp, text)
    assert len(quotes) == 2
    assert quotes[1].speaker is not None and "Dana Whitfield" in quotes[1].speaker.text
    assert quotes[1].speaker_name == "Dana Whitfield"


# --- relative clauses ------------------------------------------------------------------------------


def test_relative_pronoun_subject_joins_its_antecedent_in_the_mention(nlp):
    text = (
        "The plan was opposed by Senator Ellen Park, who said the budget could not absorb another "
        "round of cuts this year."
    )
    assert _speakers(nlp, text) == [("Senator Ellen Park, who", "Ellen Park")]


def test_cue_with_its_own_subject_after_a_relative_clause_keeps_the_plain_mention(nlp):
    # near-miss: "who chairs the committee" is no cue; "said" has Park as its own subject
    text = (
        "Senator Ellen Park, who chairs the finance committee, said the budget could not absorb "
        "another round of cuts this year."
    )
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and "who" not in quotes[0].speaker.text
    assert quotes[0].speaker_name == "Ellen Park"


# --- a speaker after an inverted cue ----------------------------------------------------------------


def test_speaker_after_inverted_cue_is_not_a_word_of_the_quotation(nlp):
    # the parser reads "recap" (quoted) as the subject of "tweeted"; the speaker is the phrase after it
    text = "The debate ended late.\n\n“Debate recap,” tweeted Senator Cole spokesman Ian Marsh."
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and quotes[0].speaker.text.endswith("Ian Marsh")
    assert quotes[0].speaker_name == "Ian Marsh"


def test_inverted_cue_read_as_an_adjective_of_its_speaker(nlp):
    # the parser makes "tweeted" an adjective of "spokesman"; the mention starts after the verb
    text = "“Big win tonight,” tweeted campaign spokesman Raul Ortiz."
    assert _speakers(nlp, text) == [("campaign spokesman Raul Ortiz", "Raul Ortiz")]


def test_the_one_told_is_not_the_speaker_of_an_inverted_cue(nlp):
    # near-miss: "told Reuters" names the hearer; the speaker stands before the verb
    text = "“We were wrong from the start,” Ortiz, 61, told Reuters in an interview on Monday."
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Ortiz"


# --- a clause ending in a colon announces the quotation -------------------------------------------


def test_colon_clause_subject_is_the_speaker_of_the_floating_quote_after_it(nlp):
    text = (
        "“The budget is balanced,” Mayor Tom Avery said. "
        "Councillor Dana Whitfield then addressed the gallery: “Nobody here has seen the final numbers.”"
    )
    quotes = _quotes(nlp, text)
    assert len(quotes) == 2
    assert quotes[1].speaker is not None and quotes[1].speaker.text.endswith("Dana Whitfield")
    assert quotes[1].speaker_name == "Dana Whitfield"


def test_colon_clause_about_a_thing_names_no_speaker(nlp):
    # near-miss: "The stakes" announce nothing anyone said; the quote continues the previous speaker
    text = (
        "“The budget is balanced,” Mayor Tom Avery said. "
        "The stakes for the city are high: “Every hospital in the region has cancelled surgeries.”"
    )
    quotes = _quotes(nlp, text)
    assert quotes[-1].speaker_name == "Tom Avery"
    assert quotes[-1].speaker is None or "stakes" not in quotes[-1].speaker.text


def test_colon_clause_of_an_organisation_announces_its_words(nlp):
    # "makes its case" is no reporting verb, but the colon hands the floor to the union
    text = (
        "“The budget is balanced,” Mayor Tom Avery said. "
        "The teachers union makes its case plainly: “Every school in the district has lost staff this year.”"
    )
    quotes = _quotes(nlp, text)
    assert len(quotes) == 2
    assert quotes[1].speaker is not None and quotes[1].speaker.text == "The teachers union"
    assert quotes[1].speaker_name != "Tom Avery"


# --- transcript turns ------------------------------------------------------------------------------

_TRANSCRIPT = (
    "Governor Ruth Calloway defended the budget on Sunday in a television interview.\n\n"
    "A partial transcript follows:\n\n"
    "DANA PRICE: Do you think the budget will pass before the summer recess?\n\n"
    "CALLOWAY: I think it will pass, because every county needs the road money.\n\n"
    "PRICE: And what do you say to the mayors who oppose it?\n\n"
    "CALLOWAY: We have listened to them and we changed the formula twice.\n\n"
    "UPDATE: The legislature scheduled its first vote for Tuesday afternoon."
)


def test_turns_of_a_transcript_are_quotes_of_their_labels(nlp):
    quotes = _quotes(nlp, _TRANSCRIPT)
    turns = [(q.speaker.text, q.text.split()[0]) for q in quotes if q.speaker is not None]
    assert ("DANA PRICE", "Do") in turns
    assert ("CALLOWAY", "I") in turns
    assert ("PRICE", "And") in turns
    assert ("CALLOWAY", "We") in turns
    assert all(q.kind == "indirect" for q in quotes if q.speaker is not None and q.speaker.text.isupper())
    calloway = [q for q in quotes if q.speaker is not None and q.speaker.text == "CALLOWAY"]
    assert {q.speaker_name for q in calloway} == {"Ruth Calloway"}


def test_a_heading_in_a_transcript_is_no_turn(nlp):
    # near-miss: "UPDATE:" is in capitals and opens a paragraph, but it names nobody
    quotes = _quotes(nlp, _TRANSCRIPT)
    assert not any("legislature" in q.text for q in quotes)


def test_capitals_label_outside_a_transcript_is_no_turn(nlp):
    # near-miss: no person label anywhere, so a first name in capitals is not enough ("JUNE SALES:")
    text = (
        "The store reported its figures on Monday.\n\n"
        "MAY TOTALS: The store sold more bicycles than it did in any month last year."
    )
    assert not [q for q in _quotes(nlp, text) if q.speaker is not None and q.speaker.text.isupper()]


# --- a statement issued -----------------------------------------------------------------------------


def test_quotation_a_released_statement_gives_is_the_issuer_s(nlp):
    text = (
        "Governor Ellis released a statement condemning “the reckless decision of a council that never "
        "listens to the people it serves.” He said he had called the mayor."
    )
    quotes = _quotes(nlp, text)
    statement = [q for q in quotes if q.text.startswith("“the reckless")]
    assert len(statement) == 1
    assert statement[0].speaker is not None and statement[0].speaker.text == "Governor Ellis"
    assert statement[0].cue is not None and statement[0].cue.text == "condemning"


def test_quotation_after_a_statement_issued_is_the_issuer_s(nlp):
    text = (
        "Mayor Tom Ruiz spoke first.\n\n"
        "At the request of the board, the union issued a statement apologizing to the mayor.\n\n"
        "“On behalf of all our members, we regret the harm our posters caused.”"
    )
    quotes = _quotes(nlp, text)
    assert quotes[-1].text.startswith("“On behalf")
    assert quotes[-1].speaker is not None and quotes[-1].speaker.text == "the union"


def test_participle_of_a_crowd_is_no_statement(nlp):
    # near-miss: a participle of a noun that is no document ("a crowd chanting") gives no statement
    text = (
        "Mayor Tom Ruiz released his plan on Monday to a crowd chanting “we want the park back before the "
        "summer starts.”"
    )
    quotes = _quotes(nlp, text)
    assert not any(q.speaker is not None and "Ruiz" in q.speaker.text for q in quotes)


# --- a noun phrase between a quotation and its verb --------------------------------------------------


def test_phrase_with_apposition_between_quotation_and_verb_is_the_speaker(nlp):
    text = "“We have had better weeks than this one,” Ohio delegate Jim Pratt, wearing a cowboy hat, said quietly."
    assert _speakers(nlp, text) == [("Ohio delegate Jim Pratt", "Jim Pratt")]


def test_quoted_name_inside_the_apposition_does_not_hide_the_verb(nlp):
    text = (
        "“We have had better weeks than this one,” Ohio delegate Jim Pratt, wearing a cowboy hat and "
        "“Vote Ruiz” pins, said quietly as the hall emptied."
    )
    assert _speakers(nlp, text) == [("Ohio delegate Jim Pratt", "Jim Pratt")]


def test_infinitive_after_a_phrase_is_no_cue(nlp):
    # near-miss: "how to read" is no one reading out the quotation; "read" is no finite cue
    text = (
        "“Now I cook at home five nights a week.” A store tour with a dietitian on how to read "
        "labels, “was a real eye-opener” Ms. Okafor says."
    )
    quotes = _quotes(nlp, text)
    assert not any(q.cue is not None and q.cue.text == "read" for q in quotes)


# --- verbs that report only the quotation beside them -----------------------------------------------


def test_answered_beside_a_quotation_is_its_cue(nlp):
    text = "“Nobody called me about the permit before the vote was held,” Ms. Okafor answered."
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1
    assert quotes[0].cue is not None and quotes[0].cue.text == "answered"
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Ms. Okafor"


def test_answering_a_question_reports_no_speech(nlp):
    # near-miss: "avoid answering whether …" answers nothing; no quote comes of it
    text = "The opposition said the minister kept avoiding answering whether the contract had been signed."
    quotes = _quotes(nlp, text)
    assert not any(q.cue is not None and q.cue.text == "answering" for q in quotes)


def test_verb_with_an_object_of_its_own_is_not_the_cue_of_a_quotation_before_it(nlp):
    # near-miss: "mock the army's tactics" is what the fighters do, not who said the quoted words
    text = (
        "The video closes on a banner. “They will find no rest and no respite in any city of ours.” "
        "Fighters mock the army's tactics in the second half."
    )
    quotes = _quotes(nlp, text)
    assert not any(q.cue is not None and q.cue.text == "mock" for q in quotes)


# --- labels of round-up quotations -----------------------------------------------------------------


def test_document_after_from_labels_the_quotation(nlp):
    text = (
        "The turnout was low.\n\n"
        "From the report: “In general, the samples with longer field periods produced more accurate results.”"
    )
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "the report"


def test_names_after_a_glued_dash_label_the_quotation(nlp):
    text = (
        "The sample is small -More from Ana Ruiz and Li Wei: “Data collected by our firm helps confirm "
        "both trends in the poll.”"
    )
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Ana Ruiz and Li Wei"


def test_heading_or_document_without_from_is_no_label(nlp):
    # near-misses: "Update:" is a heading; "Read the report:" tells the reader to read, no one speaks
    for label in ("Update:", "Read the report:"):
        text = f"{label} “The council has voted to delay the plan until the spring session.”"
        quotes = _quotes(nlp, text)
        assert not [q for q in quotes if q.speaker is not None], label


# --- block quotations after a cue and a colon -------------------------------------------------------


def test_paragraph_after_a_cue_and_colon_is_a_block_quotation(nlp):
    text = (
        "The mayor was criticised again on Monday. In his column, Tom Ruiz writes:\n\n"
        "The council has failed the city again, and it spent the money on roads nobody uses. "
        "Nobody at city hall seems to care.\n\n"
        "The council did not respond."
    )
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.text.startswith("The council has failed") and q.text.endswith("seems to care")
    assert q.kind == "indirect"
    assert q.speaker is not None and q.speaker.text == "Tom Ruiz"
    assert q.cue is not None and q.cue.text == "writes"


def test_paragraph_after_a_heading_colon_is_no_quotation(nlp):
    # near-misses: "The result:" has no cue, and "said that … :" already has its content
    for intro in ("The result:", "Tom Ruiz said that the council had three options:"):
        text = (
            f"The council met on Monday. {intro}\n\n"
            "The council has failed the city again, and it spent the money on roads nobody uses."
        )
        assert not [q for q in _quotes(nlp, text) if q.text.startswith("The council has failed")], intro


# --- an inverted cue set off inside the clause it reports ----------------------------------------------


def test_inverted_set_off_cue_names_the_speaker_after_the_verb(nlp):
    text = (
        "Part of the problem with the new tunnels, say experts like Ana Ruiz, a geologist, is the soft ground itself."
    )
    quotes = _quotes(nlp, text)
    assert [q.text for q in quotes] == ["Part of the problem with the new tunnels", "is the soft ground itself"]
    assert all(q.speaker is not None and q.speaker.text.startswith("experts like Ana Ruiz") for q in quotes)


def test_subject_with_apposition_before_its_cue_is_no_inversion(nlp):
    # near-miss: the comma after "university" closes the apposition; Baxter said what follows
    text = "Tom Baxter, an economist at the state university, said the plan would be far too costly."
    assert _speakers(nlp, text) == [("Tom Baxter", "Tom Baxter")]
    assert _quotes(nlp, text)[0].text == "the plan would be far too costly"


def test_colon_at_the_end_of_the_paragraph_before_hands_over_too(nlp):
    text = (
        "“The budget is balanced,” Mayor Tom Avery said.\n\n"
        "In a press release on Friday, the teachers union made its own case for the district:\n\n"
        "“Every school in the district has lost staff this year, and the province has not noticed.”"
    )
    quotes = _quotes(nlp, text)
    assert quotes[-1].text.startswith("“Every school")
    assert quotes[-1].speaker is not None and quotes[-1].speaker.text == "the teachers union"


# --- a quotation signed with a dash and a name ---------------------------------------------------------


def test_quotation_signed_with_a_dash_is_the_signer_s(nlp):
    text = (
        "The debate ran late.\n\n"
        "“I helped write that bill and I will defend it in every town in the state.”\n\n"
        "- Senator Ellen Park.\n\n"
        "Park overstates her part in it."
    )
    quotes = _quotes(nlp, text)
    assert quotes[0].text.startswith("“I helped")
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "Senator Ellen Park"
    assert quotes[0].speaker_name == "Ellen Park"


def test_dash_before_a_place_or_a_clause_is_no_signature(nlp):
    # near-misses: a dateline-like place, and a dash that goes on with the writer's sentence
    for after in (" — Paris, 1910.", " — and the mayor agreed with every word of it."):
        text = "“The city will never forget the flood of that spring and the people it lost.”" + after
        assert not [q for q in _quotes(nlp, text) if q.speaker is not None], after


# --- a share of people as the subject the parse lost ---------------------------------------------------


def test_share_of_people_before_the_verb_is_the_speaker(nlp):
    text = "The poll asked about the economy. About 4 in 10 say they want the next governor to cut taxes."
    assert _speakers(nlp, text) == [("About 4 in 10", "About 4 in 10")]


def test_age_after_a_name_is_not_the_speaker(nlp):
    # near-miss: "44" is Lazar's age, set off by commas; Lazar said it
    text = "As part of his plea, Marcel Lazar, 44, said that he had guessed the passwords of his victims."
    quotes = _quotes(nlp, text)
    assert len(quotes) == 1
    assert quotes[0].speaker_name is not None and "Lazar" in quotes[0].speaker_name
