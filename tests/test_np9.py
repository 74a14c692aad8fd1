"""Which mention speaks: the asker of a question put to a speaker, the "of" of a verdict, two reports set
against each other with "while", a name set off by an apposition after a quotation.

Sentences written for these tests, run through real spaCy; each rule beside a near miss it leaves alone.
Where the small model does not give in a written sentence the parse it gives in context, the Doc is built
with that parse (as in tests/test_np7.py).
"""

from __future__ import annotations

from quote_speakers import speaker_of as _speaker

from corpus.quotes.api import quotes_from_text

# --- a question put to the speaker is the asker's, or nobody's ---------------------------------------------


def test_a_question_put_by_a_named_asker_is_the_askers(nlp):
    text = 'Asked by a reporter whether she had read the report, the mayor said, "I read it once."'
    quotes = quotes_from_text(text, nlp=nlp)
    assert not any("Asked" in q.text for q in quotes)  # the circumstance is no part of her words
    speaker, _ = _speaker(nlp, text, "whether she had read")
    assert speaker == "a reporter"
    speaker, _ = _speaker(nlp, text, "I read it once")
    assert speaker == "the mayor"


def test_a_question_put_by_no_one_named_is_nobodys_quote(nlp):
    text = "Asked whether he would resign, Mr Hollis said he had no plans to leave."
    quotes = quotes_from_text(text, nlp=nlp)
    assert not any("would resign" in q.text for q in quotes)
    speaker, _ = _speaker(nlp, text, "no plans to leave")
    assert speaker == "Mr Hollis"


def test_a_question_the_speaker_asks_is_theirs(nlp):
    # near miss: "asked" with a subject of its own: the subject asks
    speaker, _ = _speaker(nlp, "Mr Hollis asked whether the council would resign.", "whether the council")
    assert speaker == "Mr Hollis"


def test_the_one_told_the_answer_asked_the_question(nlp):
    text = (
        '"I stand by everything I said," the senator told the Gazette on Thursday when asked if he still '
        "believes the mayor cannot be trusted."
    )
    speaker, _ = _speaker(nlp, text, "if he still believes")
    assert speaker == "the Gazette"
    speaker, _ = _speaker(nlp, text, "I stand by")
    assert speaker == "the senator"


def test_a_question_after_said_is_put_by_no_one_named(nlp):
    # near miss: "said … when asked": nobody is told, so the text does not say who asked
    text = (
        '"I stand by everything I said," the senator said on Thursday when asked if he still believes the '
        "mayor cannot be trusted."
    )
    assert not any("still believes" in q.text for q in quotes_from_text(text, nlp=nlp))


def test_a_quotation_after_the_question_goes_on_with_the_one_who_answers(nlp):
    text = (
        '"It was very nice," the tycoon Sam Pollard told the Gazette in a rare interview when asked if he had '
        'met the mayor. "He was very charming."'
    )
    _, name = _speaker(nlp, text, "very charming")
    assert name == "Sam Pollard"


def test_he_who_is_asked_about_someone_is_not_that_someone(nlp):
    text = (
        "Prime Minister Tom Hale praised the inquiry on Monday. Mr Dunmore resigned last week. Asked if Mr "
        'Dunmore could return to the cabinet at some point, he replied: "I have made my admiration for him '
        'very clear."'
    )
    _, name = _speaker(nlp, text, "my admiration")
    assert name == "Tom Hale"


def test_he_with_no_question_put_to_him_is_read_as_before(nlp):
    # near miss: no question names anyone; the pronoun goes to the most salient man, as without the rule
    text = (
        "Prime Minister Tom Hale praised the inquiry on Monday. Mr Dunmore resigned last week. Speaking about "
        'the cabinet on Monday, he said: "I have made my admiration for it very clear."'
    )
    _, name = _speaker(nlp, text, "my admiration")
    assert name == "Dunmore"


# --- "“…,” is the verdict of X" ----------------------------------------------------------------------------


def test_a_quotation_that_is_the_assessment_of_someone_is_theirs(nlp):
    text = (
        '"The voters are keener on the plan than some of the councillors," is the dry assessment of Mary Hale, '
        "leader of the Labour group on the council."
    )
    speaker, name = _speaker(nlp, text, "The voters are keener")
    assert speaker == "Mary Hale"
    assert name == "Mary Hale"


def test_a_view_with_no_quotation_or_of_no_one_is_no_quote(nlp):
    # near misses: no quotation before "is"; a view of a thing
    assert quotes_from_text("That is the view of the council, which meets on Monday.", nlp=nlp) == []
    assert quotes_from_text('"A grand old house" is the view of the river from the hill.', nlp=nlp) == []


# --- "X said …, while Y said …": two reports -----------------------------------------------------------------


def test_a_report_set_against_another_with_while_is_a_quote_of_its_own(nlp):
    text = (
        "Several teachers said the new plan had made a good case for reform, while other parents said they had "
        "not heard anything to change their minds."
    )
    speaker, _ = _speaker(nlp, text, "good case for reform")
    assert speaker == "Several teachers"
    speaker, _ = _speaker(nlp, text, "had not heard anything")
    assert speaker == "other parents"
    assert not any("good case" in q.text and "not heard" in q.text for q in quotes_from_text(text, nlp=nlp))


def test_a_clause_with_while_that_reports_nothing_stays_in_the_report(nlp):
    # near miss: "while wages stalled" reports nothing; it is part of what the mayor said
    text = "The mayor said prices rose sharply last year, while wages stalled for most workers."
    quotes = quotes_from_text(text, nlp=nlp)
    assert len(quotes) == 1 and "wages stalled" in quotes[0].text


# --- "“…,” Ana Ruiz, a teacher then working for the county, wrote" -----------------------------------------


def _quotation_then_name_doc(nlp, apposition_verb: bool):
    """ "“See you at the lunch,” Ellen Parkes, a Canadian then working for the embassy, wrote in an email."
    with the parse the model gives such a sentence after a longer quotation in an article: the participle of
    the apposition hung on the quotation's verb with the name as its subject, "wrote" a conjunct of the
    quotation's verb. With ``apposition_verb`` False the participle is a finite verb ("… Canadian who worked
    …" misread as a clause of its own), which is no apposition."""
    from spacy.tokens import Doc

    middle = "working" if apposition_verb else "works"
    # word, dependency, head, tag, part of speech, lemma, space after
    rows = [
        ("“", "punct", 2, "``", "PUNCT", "“", False),
        ("See", "ROOT", 2, "VB", "VERB", "see", True),
        ("you", "dobj", 2, "PRP", "PRON", "you", True),
        ("at", "prep", 2, "IN", "ADP", "at", True),
        ("the", "det", 5, "DT", "DET", "the", True),
        ("lunch", "pobj", 3, "NN", "NOUN", "lunch", False),
        (",", "punct", 2, ",", "PUNCT", ",", False),
        ("”", "punct", 2, "''", "PUNCT", "”", True),
        ("Ellen", "compound", 9, "NNP", "PROPN", "Ellen", True),
        ("Parkes", "nsubj", 14, "NNP", "PROPN", "Parkes", False),
        (",", "punct", 9, ",", "PUNCT", ",", True),
        ("a", "det", 12, "DT", "DET", "a", True),
        ("Canadian", "appos", 9, "NNP", "PROPN", "Canadian", True),
        ("then", "advmod", 14, "RB", "ADV", "then", True),
        (middle, "advcl", 2, "VBG" if apposition_verb else "VBZ", "VERB", "work", True),
        ("for", "prep", 14, "IN", "ADP", "for", True),
        ("the", "det", 17, "DT", "DET", "the", True),
        ("embassy", "pobj", 15, "NN", "NOUN", "embassy", False),
        (",", "punct", 14, ",", "PUNCT", ",", True),
        ("wrote", "conj", 2, "VBD", "VERB", "write", True),
        ("in", "prep", 19, "IN", "ADP", "in", True),
        ("an", "det", 22, "DT", "DET", "an", True),
        ("email", "pobj", 20, "NN", "NOUN", "email", False),
        (".", "punct", 2, ".", "PUNCT", ".", False),
    ]
    words, deps, heads, tags, pos, lemmas, spaces = (list(col) for col in zip(*rows, strict=True))
    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)


def test_a_name_set_off_by_an_apposition_after_a_quotation_is_its_cues_subject(nlp):
    from corpus.quotes.docinfo import DocInfo
    from corpus.quotes.nearby_cues import phrase_before_cue

    doc = _quotation_then_name_doc(nlp, apposition_verb=True)
    head = phrase_before_cue(DocInfo(doc), 8, doc[19])
    assert head is not None and head.text == "Parkes"


def test_a_finite_verb_after_the_name_is_a_clause_of_its_own(nlp):
    # near miss: a finite verb between the quotation and the cue is a clause, not an apposition
    from corpus.quotes.docinfo import DocInfo
    from corpus.quotes.nearby_cues import phrase_before_cue

    doc = _quotation_then_name_doc(nlp, apposition_verb=False)
    assert phrase_before_cue(DocInfo(doc), 8, doc[19]) is None


# --- "One delegate, who like others spoke …, said": the subject the parse gave the relative clause --------


def _delegate_doc(nlp, pronoun: str):
    """ "One delegate, who like others spoke at length, said the vote failed." with the parse the model
    gives such a sentence in context: "who" hung on "like", "delegate" made the subject of "spoke", a
    complement of "said", which is left without one. ``pronoun`` replaces "who" for the near miss."""
    from spacy.tokens import Doc

    wh = pronoun == "who"
    # word, dependency, head, tag, part of speech, lemma, space after
    rows = [
        ("One", "nummod", 1, "CD", "NUM", "one", True),
        ("delegate", "nsubj", 6, "NN", "NOUN", "delegate", False),
        (",", "punct", 1, ",", "PUNCT", ",", True),
        (
            pronoun,
            "nsubj" if wh else "mark",
            4 if wh else 6,
            "WP" if wh else "IN",
            "PRON" if wh else "SCONJ",
            pronoun,
            True,
        ),
        ("like", "relcl", 1, "IN", "ADP", "like", True),
        ("others", "dobj", 4, "NNS", "NOUN", "other", True),
        ("spoke", "ccomp", 10, "VBD", "VERB", "speak", True),
        ("at", "prep", 6, "IN", "ADP", "at", True),
        ("length", "pobj", 7, "NN", "NOUN", "length", False),
        (",", "punct", 10, ",", "PUNCT", ",", True),
        ("said", "ROOT", 10, "VBD", "VERB", "say", True),
        ("the", "det", 12, "DT", "DET", "the", True),
        ("vote", "nsubj", 13, "NN", "NOUN", "vote", True),
        ("failed", "ccomp", 10, "VBD", "VERB", "fail", False),
        (".", "punct", 10, ".", "PUNCT", ".", False),
    ]
    words, deps, heads, tags, pos, lemmas, spaces = (list(col) for col in zip(*rows, strict=True))
    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)


def test_the_noun_a_relative_clause_describes_is_the_subject_of_the_cue_after_it(nlp):
    from corpus.quotes.speakers import subject_of

    doc = _delegate_doc(nlp, "who")
    subject = subject_of(doc[10])
    assert subject is not None and subject.text == "delegate"


def test_a_clause_before_the_cue_without_who_gives_it_no_subject(nlp):
    # near miss: "One delegate, as others spoke at length, said …" misparsed alike has no relative clause
    from corpus.quotes.speakers import subject_of

    doc = _delegate_doc(nlp, "as")
    assert subject_of(doc[10]) is None


# --- "“…,” Mr. Dalton, now 70 and retired in Leeds, said by telephone" -------------------------------------


def test_a_name_with_an_age_and_a_participle_in_apposition_speaks(nlp):
    # the model makes "retired" a verb of its own and "by telephone" the agent of "said"; the name set off
    # after the quotation still says it, and the telephone is how, not who
    text = (
        '"If the council had listened, we would have been spared a long winter," Mr. Dalton, now 70 and '
        "retired in Leeds, said by telephone this week."
    )
    speaker, name = _speaker(nlp, text, "spared a long winter")
    assert speaker == "Mr. Dalton"
    assert name == "Dalton"


def test_a_phrase_with_a_clause_of_its_own_before_the_cue_is_no_apposition(nlp):
    # near miss: "the bill the council passed" holds a finite verb not joined to a name by "and"
    from corpus.quotes.docinfo import DocInfo
    from corpus.quotes.nearby_cues import phrase_before_cue

    doc = nlp('"It was a long winter," the bill the council passed says.')
    cue = next(t for t in doc if t.text == "says")
    assert phrase_before_cue(DocInfo(doc), 8, cue) is None


def test_the_agent_of_a_passive_report_still_speaks(nlp):
    # near miss for "by telephone": "announced by the council" names who announced it
    speaker, _ = _speaker(nlp, "It was announced by the council that the bridge would close.", "the bridge would")
    assert speaker == "the council"


def test_a_question_put_after_a_quotation_is_not_its_cue(nlp):
    # "Asked about Mr Dunn's position" opens the next sentence; the quotation before it goes on with the
    # spokesman, not with Mr Dunn (named in the question) nor with the one asked
    text = (
        'Tory spokesman Tom Hale said families would wonder why Mr Dunn was still in his job. "Even if he was '
        'working out his notice, he should have been clearing his desk by now." Asked on Thursday about Mr '
        'Dunn\'s position Mr Jones told the radio he thought it was a "non-story".'
    )
    _, name = _speaker(nlp, text, "clearing his desk")
    assert name == "Tom Hale"


# --- "was shouted down by …": a silencing, not a saying ---------------------------------------------------


def test_one_shouted_down_who_goes_on_to_tell_speaks_not_the_crowd(nlp):
    text = (
        "Comedian Mary Hale was booed and shouted down by supporters of the mayor after telling them that they "
        'were "being ridiculous."'
    )
    _, name = _speaker(nlp, text, "being ridiculous")
    assert name == "Mary Hale"


def test_the_agent_of_a_passive_verb_of_saying_still_says_it(nlp):
    # near miss: "was shouted by" (no "down") is a saying, and the agent says it
    text = '"Call the roll" was shouted by the delegates from the floor, and the chair agreed to a vote.'
    speaker, _ = _speaker(nlp, text, "Call the roll")
    assert speaker == "the delegates"


# --- "pointed to a case to say that …": an infinitive of purpose ------------------------------------------


def test_an_infinitive_of_purpose_parsed_as_a_relative_clause_is_the_subjects(nlp):
    text = (
        "The judge pointed to an earlier case to say that courts must weigh "
        '"whether the case involves issues important to the public."'
    )
    speaker, _ = _speaker(nlp, text, "courts must weigh")
    assert speaker == "The judge"


def test_being_at_pains_to_point_out_is_the_subjects_point(nlp):
    # "pains" cannot speak: who is at pains points it out
    text = "Palace staff were at pains to point out that she attended these events in a private capacity."
    speaker, _ = _speaker(nlp, text, "she attended these events")
    assert speaker == "Palace staff"


def test_an_infinitive_on_someone_who_can_speak_is_not_read_as_purpose(nlp):
    # near miss: "pointed to her critics to say": critics can speak; the rule leaves the noun alone
    from corpus.quotes.speakers import _verb_of_purpose

    doc = nlp("The mayor pointed to her critics to say that the plan failed.")
    say = next(t for t in doc if t.text == "say")
    assert _verb_of_purpose(say) is None


# --- "Strategists fear that the mayor has missed a chance and warn that …" --------------------------------


def test_a_conjunct_cue_that_agrees_with_the_verb_above_shares_its_subject(nlp):
    text = (
        "Some Labour strategists fear that the mayor has already missed a unique chance and warn that counting "
        "on voters to turn out is not a reliable plan."
    )
    speaker, _ = _speaker(nlp, text, "counting on voters")
    assert speaker == "Some Labour strategists"


def test_a_conjunct_cue_that_agrees_with_the_perfects_subject_is_that_subjects(nlp):
    # near miss: "says" agrees with "the council", which has approved the plan and says the rest
    text = "The mayor fears the council has already approved the plan and says it will be built by May."
    speaker, _ = _speaker(nlp, text, "built by May")
    assert speaker == "the council"


def test_a_quotation_after_a_question_put_by_a_named_asker_is_not_the_askers(nlp):
    # the quotation closing the answer is the one asked's words (or nobody's), never the asker's
    text = (
        "Asked by Baxter if he believed the crisis was as grave as the flood, Hale said that he did not, but was "
        'referring to the "same kind of attitude. The attitude being, it is water under the bridge."'
    )
    quotes = [q for q in quotes_from_text(text, nlp=nlp) if "water under the bridge" in q.text]
    assert quotes and all(q.speaker_name != "Baxter" for q in quotes)


# --- "“…,” an official, who was not authorized to speak, told the paper" ----------------------------------


def test_a_relative_clause_set_off_after_the_name_closes_the_phrase_before_the_cue(nlp):
    from corpus.quotes.docinfo import DocInfo
    from corpus.quotes.nearby_cues import phrase_before_cue

    doc = nlp('"The vote is lost," an aide, who was not allowed to speak on the record, told the paper.')
    told = next(t for t in doc if t.text == "told")
    start = next(t.i for t in doc if t.text == "an")
    head = phrase_before_cue(DocInfo(doc), start, told)
    assert head is not None and head.text == "aide"


def test_a_clause_with_no_relative_pronoun_before_the_cue_is_no_phrase(nlp):
    # near miss: "the bill the council passed" is a clause of its own, not set off by "who"
    from corpus.quotes.docinfo import DocInfo
    from corpus.quotes.nearby_cues import phrase_before_cue

    doc = nlp('"It was a long winter," the bill, the council passed, says.')
    says = next(t for t in doc if t.text == "says")
    assert phrase_before_cue(DocInfo(doc), 8, says) is None


def test_the_one_told_is_never_the_speaker_after_the_cue(nlp):
    # "told" after a quotation: the noun phrase after it is who was told
    from corpus.quotes.docinfo import DocInfo
    from corpus.quotes.nearby_cues import speaker_of_inverted_cue

    doc = nlp('"The vote is lost," told the paper.')
    told = next(t for t in doc if t.text == "told")
    assert speaker_of_inverted_cue(DocInfo(doc), told, None) is None


def test_a_question_the_parser_hung_inside_the_clause_before_the_cue_is_nobodys(nlp):
    # the model makes "could bring" the complement of "said" and hangs "Asked" on it: still a question put
    text = (
        "Asked about possible damages the prisoners could bring against the state, Mr Hollis said: "
        '"People who are wrongly jailed are paid large sums."'
    )
    quotes = quotes_from_text(text, nlp=nlp)
    assert not any("Asked" in q.text or "could bring" in q.text for q in quotes)
    speaker, _ = _speaker(nlp, text, "wrongly jailed")
    assert speaker == "Mr Hollis"
