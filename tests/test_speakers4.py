"""Who says a floating quote (a quotation with no cue of its own) and the speaker of an inverted cue
whose subject the parse hung elsewhere.

Every sentence here is written for the test; each rule has a near-miss it must not fire on."""

from __future__ import annotations

from corpus.quotes.api import quotes_from_text


def _quotes(nlp, text):
    return quotes_from_text(text, nlp=nlp)


def _named(nlp, text):
    return [(q.text[:20], q.speaker_name) for q in _quotes(nlp, text)]


def _floating(nlp, text, opening):
    """The quote that starts with ``opening``."""
    quotes = [q for q in _quotes(nlp, text) if q.text.startswith(opening)]
    assert len(quotes) == 1, [q.text for q in _quotes(nlp, text)]
    return quotes[0]


# --- the narration right before a floating quote --------------------------------------------------


def test_new_paragraph_about_someone_else_gives_the_floating_quote_to_them(nlp):
    # the parser glues "Whitfield pointed to …" to the closing mark of the quotation before it; the
    # narration is the new paragraph, and its subject says who speaks next
    text = (
        "Mayor Tom Avery defended the plan at the meeting on Monday.\n\n"
        'Avery said: "The budget is balanced. Every department has what it asked for."\n\n'
        "Councillor Dana Whitfield pointed to her long record on the finance committee. "
        '"Nobody on this council has seen the final numbers yet, and I will not vote blind."'
    )
    quote = _floating(nlp, text, '"Nobody')
    assert quote.speaker_name == "Dana Whitfield"
    assert quote.speaker is not None and quote.speaker.text.endswith("Whitfield")


def test_narration_about_the_speaker_again_keeps_the_speaker(nlp):
    # near-miss: the narration between the two quotations is about the same person
    text = (
        "Mayor Tom Avery defended the plan at the meeting on Monday.\n\n"
        'Avery said: "The budget is balanced. Every department has what it asked for."\n\n'
        "Avery pointed to his long record on the finance committee. "
        '"Nobody on this council has read the numbers more closely than I have."'
    )
    assert _floating(nlp, text, '"Nobody').speaker_name == "Tom Avery"


def test_a_quote_with_its_own_cue_after_it_is_not_narration(nlp):
    # near-miss: "says Whitfield" after the quotation is its cue, not narration about someone new
    text = (
        "“The roof leaks in three places,” says Dana Whitfield, the caretaker. "
        "“We patched it twice this spring and the water still comes through the ceiling.”"
    )
    quotes = _quotes(nlp, text)
    assert [q.speaker_name for q in quotes] == ["Dana Whitfield", "Dana Whitfield"]


def test_fronted_name_before_the_cue_subject_is_not_the_speaker(nlp):
    # "Or maybe Avery, …, Whitfield says.": the name nearest the verb says it
    text = (
        "“The mayor is running out of allies on the council,” said Tom Avery's rival, Dana Whitfield.\n\n"
        "Or maybe Tom Avery, longtime strategist Paul Brooks says.\n\n"
        "“Several members still owe him a favour from the last budget, and they know it.”"
    )
    assert _floating(nlp, text, "“Several").speaker_name == "Paul Brooks"


def test_a_description_with_a_named_apposition_introduces_the_quote(nlp):
    text = (
        "“The bridge has to close for the winter,” said Marta Kowalski, the city engineer.\n\n"
        "One longtime ally, Councillor Dana Whitfield, gave the idea a sharp reply at the meeting: "
        "“Closing the bridge will cut the east side off from the hospital for four months.”"
    )
    quote = _floating(nlp, text, "“Closing")
    assert quote.speaker_name == "Dana Whitfield"


def test_a_description_without_a_name_does_not_take_the_quote(nlp):
    # near-miss: "one longtime ally" names no one; the quote stays with the last speaker
    text = (
        "“The bridge has to close for the winter,” said Marta Kowalski, the city engineer. "
        "The closure had one longtime ally on the council. "
        "“The east side has no other road to the hospital, so we will run a shuttle.”"
    )
    assert _floating(nlp, text, "“The east").speaker_name == "Marta Kowalski"


def test_a_report_inside_the_narration_names_the_next_speaker(nlp):
    # the reporting verb sits inside the sentence ("…, Whitfield argued in her letter, …"): the quote
    # after it is what she argued
    text = (
        "“We cannot risk another crack in the deck,” said Marta Kowalski, the city engineer.\n\n"
        "If anything, Dana Whitfield argued in her letter, the crack shows why the council must act.\n\n"
        "“Every week of delay makes the repair more expensive for the taxpayers of this city.”"
    )
    assert _floating(nlp, text, "“Every").speaker_name == "Dana Whitfield"


def test_a_name_in_the_narration_that_reports_nothing_does_not_take_the_quote(nlp):
    # near-miss: Whitfield is mentioned, but she is not the one reporting anything
    text = (
        "“We cannot risk another crack in the deck,” said Marta Kowalski, the city engineer. "
        "She walked the council through the photos. "
        "“Every week of delay makes the repair more expensive for the taxpayers of this city.”"
    )
    assert _floating(nlp, text, "“Every").speaker_name == "Marta Kowalski"


# --- an inverted cue followed by a titled name ------------------------------------------------------


def test_inverted_cue_takes_the_titled_name_after_it(nlp):
    # the parser makes "Avery" the subject of "asked", not of "said"
    text = (
        '"I\'m not going to say it is a mistake, so forget about it," said retired surgeon Tom Avery, '
        "asked about his claims that he had received a scholarship offer from the academy, when he had not applied."
    )
    quotes = _quotes(nlp, text)
    assert quotes[0].speaker_name == "Tom Avery"
    assert quotes[0].speaker is not None and "Avery" in quotes[0].speaker.text


def test_inverted_cue_before_a_group_named_after_someone_is_not_that_person(nlp):
    # near-miss: "Avery administration officials" are the speakers, not Avery
    text = (
        "“The bridge will reopen in the spring,” said Avery administration officials on Tuesday "
        "after a long closed meeting."
    )
    quotes = _quotes(nlp, text)
    assert quotes[0].speaker_name != "Avery"


def _cue_subject(nlp, text, verb):
    """The subject ``subject_of`` finds for the first token ``verb`` of ``text``."""
    from corpus.quotes.speakers import subject_of

    doc = nlp(text)
    cue = next(t for t in doc if t.text == verb)
    subject = subject_of(cue)
    return subject.text if subject is not None else None


def test_the_one_quoted_as_saying_is_the_speaker(nlp):
    text = "Tom Avery is quoted as saying that his survey method beats every other poll in the state."
    assert _cue_subject(nlp, text, "saying") == "Avery"


def test_the_one_told_is_not_the_speaker(nlp):
    # near-miss: the subject of a passive "told" is who listens
    text = "Tom Avery was told that his survey method had missed the result by ten points."
    assert _cue_subject(nlp, text, "told") is None


def _inverted_cue_subject(nlp, text):
    """The speaker token the extractor finds for the first quotation of ``text``."""
    from corpus.quotes.extract import find_quotes

    _, cands = find_quotes(nlp(text))
    subject = cands[0].subject
    return subject.text if subject is not None else None


def test_inverted_cue_takes_a_capitalised_name_the_tagger_misread(nlp):
    # the small model tags "Skelly" as an adverb of "said" here
    text = (
        "“Having two people on staff who understand the voter file is valuable,” said Skelly, explaining he "
        "had worked with both of them before."
    )
    assert _inverted_cue_subject(nlp, text) == "Skelly"


def test_inverted_cue_before_a_date_takes_no_name(nlp):
    # near-miss: "said Thursday" names a day, and the speaker is the phrase after it
    text = "“The plan is a disaster,” said Thursday a spokesman for the council."
    assert _inverted_cue_subject(nlp, text) != "Thursday"


# --- a name and a pronoun for one speaker at two cues -----------------------------------------------


def _attributed_with_last_cue(nlp, text):
    """Attribute one candidate spanning the whole last sentence, as the parser sometimes builds it: the
    cue is the final "said" and its subject the pronoun before it."""
    from corpus.entities import entities_and_names
    from corpus.quotes.attribution import attribute_speakers
    from corpus.quotes.docinfo import Candidate, DocInfo

    doc = nlp(text)
    info = DocInfo(doc)
    cue = [t for t in doc if t.text == "said"][-1]
    pronoun = doc[cue.i - 1]
    start = doc[[t.i for t in doc if t.is_sent_start][-1]].idx
    end = pronoun.idx - 1
    cand = Candidate(start, end, "mixed", cue, (cue.idx, cue.idx + 4), pronoun, tuple(range(len(info.segs))))
    entities, names = entities_and_names(doc)
    (quote,) = attribute_speakers(info, [cand], entities, names)
    return quote


def test_name_reporting_inside_the_quote_is_the_mention_rather_than_the_pronoun(nlp):
    text = (
        "The prize went to the novelist Dana Whitfield on Friday. In her speech, Whitfield declared the need "
        "for courage: “Write the book nobody else will write,” she said."
    )
    quote = _attributed_with_last_cue(nlp, text)
    assert quote.speaker_name == "Dana Whitfield"
    assert quote.speaker is not None and quote.speaker.text == "Whitfield"


def test_name_of_someone_else_inside_the_quote_leaves_the_pronoun(nlp):
    # near-miss: Brooks declared something, but "she" is Whitfield; the mention stays the pronoun
    text = (
        "The prize went to the novelist Dana Whitfield on Friday. In his speech, Tom Brooks declared the need "
        "for courage: “Write the book nobody else will write,” she said."
    )
    quote = _attributed_with_last_cue(nlp, text)
    assert quote.speaker is not None and quote.speaker.text == "she"


# --- a participle the parse hung on the ones addressed ---------------------------------------------


def test_participle_hung_on_the_addressees_is_said_by_the_one_who_wrote(nlp):
    text = "Senator Tom Avery emailed supporters saying: “The fight goes on” and vowing to compete next week."
    assert _cue_subject(nlp, text, "saying") == "Avery"


def test_participle_of_the_people_met_is_theirs(nlp):
    # near-miss: "met" addresses no one with words; the protesters chant
    text = "Senator Tom Avery met protesters chanting “No more cuts” outside the hall on Monday."
    assert _cue_subject(nlp, text, "chanting") == "protesters"


# --- a participle the parse hung on a thing that cannot speak ---------------------------------------


def test_participle_hung_on_a_mute_thing_is_said_by_the_one_who_acted(nlp):
    # "declaring" hangs on "show" (of hands); a show of hands declares nothing, Avery does
    text = "Avery held a voice vote and then a show of hands, declaring after both that the motion had failed."
    assert _cue_subject(nlp, text, "declaring") == "Avery"


def test_participle_of_a_sign_is_the_sign(nlp):
    # near-miss: a sign says what is written on it
    text = "A man outside the hall held a sign saying that the bridge must stay open."
    assert _cue_subject(nlp, text, "saying") == "sign"


def test_participle_of_the_addressees_of_a_message_is_said_by_the_sender(nlp):
    text = (
        "As Avery took the stage, his campaign sent out a text message to supporters saying: “We won tonight! "
        "Reply GIVE to keep the momentum going.”"
    )
    assert _cue_subject(nlp, text, "saying") == "campaign"


def test_participle_of_people_handed_a_thing_is_theirs(nlp):
    # near-miss: a microphone is no message; the protesters chant
    text = "The mayor handed the microphone to protesters chanting “Save our park” outside the hall."
    assert _cue_subject(nlp, text, "chanting") == "protesters"


# --- a participle after a noun's "that" clause --------------------------------------------------------


def test_participle_after_a_nouns_that_clause_is_the_sentence_subjects(nlp):
    # the parser hangs "saying" on "be" inside "the notion that the general would be …"
    text = (
        "Party chairwoman Lena Brooks dismissed the notion that the retired army general would be a burden on "
        "the state ticket, saying the large crowds he draws at town halls show that he would lift turnout."
    )
    assert _cue_subject(nlp, text, "saying") == "Brooks"


def test_participle_inside_a_nouns_that_clause_without_a_comma_stays_there(nlp):
    # near-miss: "the news that the general resigned saying …" — no comma, the participle is the general's
    text = "Lena Brooks welcomed the news that the general resigned on Monday saying he was tired of the fight."
    assert _cue_subject(nlp, text, "saying") != "Brooks"


# --- a cue the parse made an aside, and the person named before a cue that lost its subject ----------


def test_cue_made_an_aside_to_a_participle_takes_the_participles_subject(nlp):
    # the parser roots the sentence at "noting" and hangs "said" on it as parataxis
    text = (
        "But Senator Tom Avery (D-Ohio), noting the size of Brooks's following, said, \"Let me tell you, she has "
        'got a heck of a mailing list."'
    )
    assert _cue_subject(nlp, text, "said") == "Avery"


def test_aside_cue_with_a_main_clause_of_its_own_takes_no_participle_subject(nlp):
    # near-miss: "the plan, he said, is dead": the aside has its own subject
    text = "The plan, he said, is dead on arrival in the council."
    assert _cue_subject(nlp, text, "said") == "he"


def _person_before(nlp, text):
    from corpus.coref.resolver import SpeakerResolver
    from corpus.entities import entities_and_names
    from corpus.quotes.attribution import _person_before_cue
    from corpus.quotes.docinfo import DocInfo

    doc = nlp(text)
    info = DocInfo(doc)
    entities, names = entities_and_names(doc)
    resolver = SpeakerResolver(doc, entities, names, [], text=info.text, tok_starts=info.tok_starts)
    cue = text.index(" wrote")
    near = _person_before_cue(info, resolver, cue, (cue, cue))
    return near.name if near is not None else None


def test_person_before_a_cue_passes_over_a_possessor(nlp):
    text = "Columnist Lena Brooks, drawing attention to Tom Avery's lack of press conferences, wrote"
    assert _person_before(nlp, text) == "Lena Brooks"


def test_person_before_a_cue_is_the_last_one_named(nlp):
    # near-miss: no possessive; the person named last before the cue is taken
    text = "Columnist Lena Brooks met Tom Avery at the hall, and Avery wrote"
    assert _person_before(nlp, text) == "Tom Avery"


def test_verb_coordinated_in_a_relative_clause_shares_its_antecedent(nlp):
    text = (
        "“This is one of her oldest friends,” Tom told Lena Brooks, who answered her door on Sunday afternoon "
        "and said she planned to caucus for Avery."
    )
    assert _cue_subject(nlp, text, "said") == "Brooks"


def test_verb_coordinated_in_a_main_clause_shares_its_subject(nlp):
    # near-miss: no relative clause; "said" shares the subject of "knocked"
    text = "Tom Avery knocked on the door of Lena Brooks and said he planned to caucus for the mayor."
    assert _cue_subject(nlp, text, "said") == "Avery"


# --- "who" after an apposition, or hung on a place ----------------------------------------------------


def test_who_hung_on_a_place_in_a_description_is_the_persons(nlp):
    text = (
        "“It is a big issue in the community,” said Alan Brenner, a dentist from Englewood, New Jersey, who said "
        "he is friendly with the mayor but took issue with his plan."
    )
    quote = _floating_or_any(nlp, text, "he is friendly")
    assert quote.speaker_name == "Alan Brenner"
    assert quote.speaker is not None and quote.speaker.text.endswith("who")


def test_mention_reaches_through_an_apposition_to_who(nlp):
    text = (
        "The plan was backed by Lena Brooks, the ranking Democrat on the finance committee, who said none of the "
        "money would go to waste."
    )
    quote = _floating_or_any(nlp, text, "none of the money")
    assert quote.speaker_name == "Lena Brooks"
    assert quote.speaker is not None and quote.speaker.text.startswith("Lena Brooks, the ranking")


def test_who_after_a_place_that_is_the_head_stays_with_the_head(nlp):
    # near-miss: "the mayor of Englewood, who": the mayor, described by the place, says it
    text = "The plan was praised by the mayor of Englewood, who said none of the money would go to waste."
    quote = _floating_or_any(nlp, text, "none of the money")
    assert quote.speaker is not None and quote.speaker.text == "the mayor of Englewood, who"


def _floating_or_any(nlp, text, opening):
    quotes = [q for q in _quotes(nlp, text) if q.text.startswith(opening)]
    assert len(quotes) == 1, [q.text for q in _quotes(nlp, text)]
    return quotes[0]


# --- a sentence-final reporting verb the tagger took for a noun ---------------------------------------


def test_reporting_verb_tagged_as_a_noun_and_hung_inside_the_quotation_is_its_cue(nlp):
    # the parser makes "write" a noun modifying the quoted "describe"
    text = (
        "The two lawmakers, however, argue that there is precedent for prosecution.\n\n"
        "“You seem to have picked a new standard out of thin air — ‘extreme carelessness’ — to describe the actions "
        "of the mayor and her staff,” the two write. “We do not understand the need for it.”"
    )
    quote = _floating_or_any(nlp, text, "“You seem")
    assert quote.cue is not None and quote.cue.text == "write"
    assert quote.speaker is not None and quote.speaker.text == "two"


def test_noun_form_of_a_reporting_verb_in_the_writers_own_phrase_is_no_cue(nlp):
    # near-miss: "claims" after the quotation belongs to the writer's own prepositional phrase
    text = "“The roof leaks in three places,” said the caretaker over its tax claims."
    assert all(q.cue is None or q.cue.text != "claims" for q in _quotes(nlp, text))
