"""Whose cue it is when the cue sits in a non-finite or subordinate clause, and "according to X": the one sent
to ask, the object a participle says is speaking, the subject of the clause a participle hangs on when the
parse joined that subject to the clause before, a pleading that alleges, "according to" in parentheses or
before a paragraph break, an announced noun object, and a time clause with a report of its own.

Sentences written for these tests, run through real spaCy; each rule beside a near miss it leaves alone.
"""

from __future__ import annotations

from quote_speakers import speaker_of as _speaker

from corpus.quotes.api import quotes_from_text


def _quotes(nlp, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker.text if q.speaker else None, q.speaker_name) for q in quotes_from_text(text, nlp=nlp)]


# --- the one sent goes to ask ---------------------------------------------------------------------------------


def test_the_one_sent_to_ask_asks_whatever_the_noun(nlp):
    text = "On Monday the network sent a breakfast-show host to the market in Leeds to ask shoppers if prices rose."
    assert _speaker(nlp, text, "prices rose")[0] == "a breakfast-show host"


def test_a_purpose_infinitive_with_no_one_sent_stays_the_subjects(nlp):
    # near miss: nothing is sent; the subject goes to ask
    text = "On Monday the network went to the market in Leeds to ask shoppers if prices rose."
    assert _speaker(nlp, text, "prices rose")[0] == "the network"


# --- "left 62 percent of voters saying": the object speaks ------------------------------------------------------


def test_the_object_a_participle_describes_is_the_speaker(nlp):
    # the parse hangs "saying" on "left" here, not on the noun
    text = "The months of delays have left 55 percent of voters saying the railways are growing worse."
    assert _speaker(nlp, text, "railways are growing")[0] == "55 percent of voters"


def test_a_participle_set_off_after_a_thing_stays_the_subjects(nlp):
    # near miss: a meeting says nothing; the one who left it says it
    text = "Councillor Ana Ruiz left the meeting saying the council no longer listens to parents."
    assert _speaker(nlp, text, "no longer listens")[1] == "Ana Ruiz"


# --- ", acknowledging that" on a second clause whose subject the parse joined to the first ---------------------


def _parsed(nlp, rows: list[tuple[str, int, str, str, str, str]]):
    """A Doc with the parse given row by row (word, head, dep, tag, pos, lemma): the parse the small model
    gives news sentences of this shape, which it does not give every sentence written for a test."""
    from spacy.tokens import Doc

    words, heads, deps, tags, pos, lemmas = (list(col) for col in zip(*rows, strict=True))
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)


def test_a_participle_goes_with_the_subject_the_parse_joined_to_the_clause_before(nlp):
    # "Police charged the driver with murder and Okafor fired his chief, acknowledging that trust was lost.":
    # the parse makes "Okafor" a conjunct of "murder" and "fired" a subjectless conjunct of "charged"
    from corpus.quotes.speakers import subject_of

    doc = _parsed(
        nlp,
        [
            ("Police", 1, "nsubj", "NNS", "NOUN", "police"),
            ("charged", 1, "ROOT", "VBD", "VERB", "charge"),
            ("the", 3, "det", "DT", "DET", "the"),
            ("driver", 1, "dobj", "NN", "NOUN", "driver"),
            ("with", 1, "prep", "IN", "ADP", "with"),
            ("murder", 4, "pobj", "NN", "NOUN", "murder"),
            ("and", 5, "cc", "CC", "CCONJ", "and"),
            ("Okafor", 5, "conj", "NNP", "PROPN", "Okafor"),
            ("fired", 1, "conj", "VBD", "VERB", "fire"),
            ("his", 10, "poss", "PRP$", "PRON", "his"),
            ("chief", 8, "dobj", "NN", "NOUN", "chief"),
            (",", 8, "punct", ",", "PUNCT", ","),
            ("acknowledging", 8, "advcl", "VBG", "VERB", "acknowledge"),
            ("that", 16, "mark", "IN", "SCONJ", "that"),
            ("trust", 16, "nsubjpass", "NN", "NOUN", "trust"),
            ("was", 16, "auxpass", "VBD", "AUX", "be"),
            ("lost", 12, "ccomp", "VBN", "VERB", "lose"),
            (".", 1, "punct", ".", "PUNCT", "."),
        ],
    )
    found = subject_of(doc[12])
    assert found is not None and found.text == "Okafor"


def test_a_participle_after_a_subjectless_conjunct_stays_the_first_subjects(nlp):
    # near miss: "Police charged the driver and Okafor and fired his chief, acknowledging …": "and" stands
    # before "fired", which goes on with the police
    from corpus.quotes.speakers import subject_of

    doc = _parsed(
        nlp,
        [
            ("Police", 1, "nsubj", "NNS", "NOUN", "police"),
            ("charged", 1, "ROOT", "VBD", "VERB", "charge"),
            ("the", 3, "det", "DT", "DET", "the"),
            ("driver", 1, "dobj", "NN", "NOUN", "driver"),
            ("and", 3, "cc", "CC", "CCONJ", "and"),
            ("Okafor", 3, "conj", "NNP", "PROPN", "Okafor"),
            ("and", 1, "cc", "CC", "CCONJ", "and"),
            ("fired", 1, "conj", "VBD", "VERB", "fire"),
            ("his", 9, "poss", "PRP$", "PRON", "his"),
            ("chief", 7, "dobj", "NN", "NOUN", "chief"),
            (",", 7, "punct", ",", "PUNCT", ","),
            ("acknowledging", 7, "advcl", "VBG", "VERB", "acknowledge"),
            ("that", 15, "mark", "IN", "SCONJ", "that"),
            ("trust", 15, "nsubjpass", "NN", "NOUN", "trust"),
            ("was", 15, "auxpass", "VBD", "AUX", "be"),
            ("lost", 11, "ccomp", "VBN", "VERB", "lose"),
            (".", 1, "punct", ".", "PUNCT", "."),
        ],
    )
    found = subject_of(doc[11])
    assert found is not None and found.text == "Police"


# --- a pleading alleges ------------------------------------------------------------------------------------------


def test_a_filed_lawsuit_alleges(nlp):
    text = (
        '"We will win this," Ruiz said.\n\n'
        "A civil lawsuit was filed in 2019 challenging the county's eviction rules and alleging that landlords "
        "ignored the tenants' repeated complaints about damp."
    )
    assert _speaker(nlp, text, "landlords ignored")[0] == "A civil lawsuit"


def test_a_passive_thing_that_cannot_allege_gives_no_speaker(nlp):
    # near miss: a row alleges nothing; the report does
    text = "The row was set off by a report alleging that landlords ignored the tenants' complaints about damp."
    assert _speaker(nlp, text, "landlords ignored")[0] == "a report"


# --- "according to X" in parentheses, and before a paragraph break -------------------------------------------


def test_according_to_in_parentheses_covers_what_they_hold(nlp):
    text = (
        "Lee, for his part, cites his donors as the source for some of his figures, such as his boast that the "
        "scheme saved 40 million pounds a year (the true figure is nearer 4 million, according to the audit "
        "office). He also defended the cuts."
    )
    found = [(t, s) for t, s, _ in _quotes(nlp, text) if s == "the audit office"]
    assert found == [("the true figure is nearer 4 million", "the audit office")]


def test_according_to_outside_parentheses_covers_the_clause(nlp):
    # near miss: no parentheses; the clause before it is what the office says
    text = "The true figure is nearer 4 million pounds a year, according to the audit office (a watchdog)."
    assert _speaker(nlp, text, "true figure")[0] == "the audit office"


def test_according_to_an_abbreviation_at_a_paragraph_end_names_it(nlp):
    text = (
        "The ferry was held in port after a safety check found faults. It is now cleared to sail again, "
        "according to the M.C.A.\n\nMost people who own boats keep only one."
    )
    assert _speaker(nlp, text, "cleared to sail")[0] == "M.C.A."


# --- "announced his candidacy, …": the object is what was announced ----------------------------------------------


def test_a_clause_after_an_announced_noun_is_no_announcement(nlp):
    text = (
        "At the moment Ruiz announced her candidacy last May, Baxter was chairing a meeting at the party's "
        "offices and told staff that he saw Ruiz as a serious threat."
    )
    quotes = _quotes(nlp, text)
    assert not [q for q in quotes if q[2] == "Ruiz"], quotes
    assert _speaker(nlp, text, "serious threat")[0] == "Baxter"


def test_a_clause_after_the_one_told_is_what_was_told(nlp):
    # near miss: the object is the one told, and the clause after the comma is what she told them
    text = "Ruiz told reporters on Tuesday, the housing plan would be scrapped by the end of the year."
    assert _speaker(nlp, text, "housing plan")[0] == "Ruiz"


# --- ", after X said …": a time clause with a report of its own -----------------------------------------------------


def test_a_time_clause_after_a_set_off_cue_is_its_own_report(nlp):
    text = (
        '"I never wrote that," Baxter said, after ITV\'s Ana Ruiz said the minister had once called the scheme '
        "a gift to landlords."
    )
    quotes = _quotes(nlp, text)
    assert not [q for q in quotes if "called the scheme" in q[0] and q[2] == "Baxter"], quotes


def test_a_reason_clause_after_a_set_off_cue_goes_on_with_the_report(nlp):
    # near miss: "because" gives the speaker's reason, part of what he said
    text = "He is leaning toward the Greens, Baxter said, because they take the housing crisis seriously."
    found = [q for q in _quotes(nlp, text) if "housing crisis" in q[0]]
    assert found and found[0][2] == "Baxter"


# --- "X was asked, “…?”": the one asked did not ask ----------------------------------------------------------------


def test_a_question_put_in_the_passive_is_not_the_one_askeds(nlp):
    text = 'On the radio show, Okafor was asked, "Would you have backed the plan had you known the cost?"'
    assert _speaker(nlp, text, "backed the plan") == (None, None)


def test_a_question_put_by_someone_named_is_theirs(nlp):
    # near miss: "by a reporter" names who asked
    text = 'On the radio show, Okafor was asked by a reporter, "Would you have backed the plan had you known the cost?"'
    assert _speaker(nlp, text, "backed the plan")[0] == "a reporter"


def test_the_answer_after_a_passive_question_is_the_one_askeds(nlp):
    # near miss: the answer is the one asked's own words
    text = (
        'On the morning show, Okafor was asked, "Would you have backed the plan?" He answered, "I have no idea at all."'
    )
    assert _speaker(nlp, text, "no idea")[1] == "Okafor"


def test_a_participle_after_leaving_a_party_stays_the_subjects(nlp):
    # near miss: "left" here is to quit the party, and the one who quit says it
    text = "Councillor Tom Baxter also left the Green Party saying Ana Ruiz would lead it better than anyone."
    assert _speaker(nlp, text, "lead it better")[1] == "Tom Baxter"


def test_a_person_heard_saying_says_it(nlp):
    text = "What moved the crowd was hearing a leading candidate acknowledging how much ground the towns had lost."
    assert _speaker(nlp, text, "how much ground")[0] == "a leading candidate"


# --- "“…?” implored X": a verb of pleading beside a quotation ---------------------------------------------------


def test_a_quotation_implored_is_the_pleaders(nlp):
    text = '"Will you not listen to us?" implored the campaigner Rosa Vint.'
    assert _quotes(nlp, text) == [('"Will you not listen to us?"', "the campaigner Rosa Vint", "Rosa Vint")]


def test_imploring_someone_to_act_reports_no_speech(nlp):
    # near miss: an object and an infinitive, no quotation beside the verb
    assert _quotes(nlp, "She implored the board to reconsider the closure of the library.") == []
