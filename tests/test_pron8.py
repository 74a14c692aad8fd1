"""Who a he/she and a role description in the narration are (issue 12, branch pron8): a man named in a
report that runs on into a quotation is not the one who reports it; "Mr Blair" is not "Sir Ian Blair";
a "he" after "the chancellor" is the man the article gave that office.

Sentences written for these tests, run through real spaCy; each rule beside a near miss it leaves alone.
"""

from __future__ import annotations

from quote_speakers import speaker_of

# --- a report that runs on into a quotation --------------------------------------------------------------


def test_a_name_in_a_report_that_runs_into_a_quotation_is_not_the_reporter(nlp):
    # the quotation is part of the reported clause ("was a "…""), so Mr Walsh is inside the report
    text = (
        "Oliver Grant attacked the cabinet on Friday. "
        'Mr Walsh\'s cabinet was a "tired, timid team that has run out of ideas," he added.'
    )
    assert speaker_of(nlp, text, "tired, timid team")[1] == "Oliver Grant"


def test_a_quotation_after_a_verb_of_saying_in_the_clause_is_that_verbs_report(nlp):
    # near miss: "telling the radio, "…"" reports the quotation itself; the clause's subject stays the speaker
    text = (
        "Mary Dunne said little about the vote.\n\n"
        "Peter Walsh weighed in too, telling a local radio station on Monday, "
        '"Frankly, they are both fit for the job," he said.'
    )
    assert speaker_of(nlp, text, "both fit for the job")[1] == "Peter Walsh"


# --- "Mr Blair" is not "Sir Ian Blair" -----------------------------------------------------------------------


def test_mr_and_a_surname_is_not_the_knight_of_that_surname(nlp):
    # British usage: Sir Alan Price is "Sir Alan", never "Mr Price"; the article's other Price is
    text = (
        "Sir Alan Price, the head of the fire service, said crews were stretched. "
        "Peter Price, the housing minister, promised more money last week.\n\n"
        'Sir Alan said: "We cannot cover every street." '
        'But Mr Price insisted: "The money is already on its way."'
    )
    assert speaker_of(nlp, text, "already on its way") == ("Mr Price", "Peter Price")
    assert speaker_of(nlp, text, "cover every street")[1] == "Alan Price"


def test_mr_and_a_surname_stays_the_only_person_of_that_surname(nlp):
    # near miss: no other Price to name, so the mention keeps the one the article names
    text = (
        "Sir Alan Price, the head of the fire service, said crews were stretched.\n\n"
        'But Mr Price insisted: "The money is already on its way."'
    )
    assert speaker_of(nlp, text, "already on its way")[1] == "Alan Price"


# --- "the chancellor" is the person introduced with that office, not another one --------------------------


def test_the_chancellor_is_not_the_shadow_chancellor(nlp):
    text = (
        "Chancellor Tom Hale will set out his budget on Wednesday. "
        "Shadow chancellor Peter Grant attacked the plans on Monday.\n\n"
        'The chancellor said: "Every pound will be spent with care."'
    )
    assert speaker_of(nlp, text, "Every pound will be spent") == ("The chancellor", "Tom Hale")


def test_the_chancellor_stays_unresolved_when_only_a_shadow_chancellor_was_named(nlp):
    # near miss: a shadow chancellor is another office, so the description names no one the article introduced
    text = (
        "Shadow chancellor Peter Grant attacked the budget plans on Monday.\n\n"
        'The chancellor said: "Every pound will be spent with care."'
    )
    assert speaker_of(nlp, text, "Every pound will be spent")[1] != "Peter Grant"


def test_the_prime_minister_is_not_the_deputy_prime_minister(nlp):
    text = (
        "Deputy Prime Minister Alan Crewe hosted the dinner at his flat in Whitehall.\n\n"
        'At the dinner, the prime minister said: "I will stand down next year."'
    )
    assert speaker_of(nlp, text, "I will stand down")[1] != "Alan Crewe"


def test_a_description_names_the_office_the_introduction_spelt_out_after_its_noun(nlp):
    # "Secretary of State for Health" is the health secretary
    text = (
        "The Secretary of State for Health, Ruth Nolan, visited the hospital on Friday.\n\n"
        'The health secretary said: "Waiting lists are falling across the region."'
    )
    assert speaker_of(nlp, text, "Waiting lists are falling")[1] == "Ruth Nolan"


def test_a_man_who_quit_an_office_is_its_former_holder(nlp):
    text = (
        "Tom Hale quit as home secretary last week after the report was published. "
        'In a statement, the former home secretary said: "I have always told the truth."'
    )
    assert speaker_of(nlp, text, "always told the truth")[1] == "Tom Hale"


def test_a_man_who_quit_an_office_is_no_longer_its_holder(nlp):
    # near miss: "the home secretary" is whoever holds the office now, not the man who quit it
    text = (
        "Tom Hale quit as home secretary last week after the report was published. "
        'The home secretary said: "We will study the findings with care."'
    )
    assert speaker_of(nlp, text, "study the findings")[1] != "Tom Hale"


# --- a "he" after an office no one was introduced with: not a man the clauses name -------------------------


def test_he_after_an_unnamed_office_is_not_the_man_its_clause_names(nlp):
    # the prime minister is not Tom Berg, whom his own clause names: the lede's Peter Walsh is the one meant
    text = (
        'Peter Walsh says his party\'s manifesto will be "bold and unashamed".\n\n'
        "The prime minister is trying to repair his relationship with Tom Berg with a speech in Leeds. "
        'He is saying that "growth must reach every town".'
    )
    assert speaker_of(nlp, text, "growth must reach every town")[1] == "Peter Walsh"


def test_he_after_an_unnamed_office_is_not_the_man_his_own_report_names(nlp):
    text = (
        "Peter Walsh opened the debate after a week of talk about his rift with Tom Berg.\n\n"
        "Meanwhile, the chancellor is leaving for a tour of Asia. "
        'But before going, he insisted he still trusted Mr Walsh: "Nothing has changed between us."'
    )
    assert speaker_of(nlp, text, "Nothing has changed between us")[1] == "Tom Berg"


def test_a_name_inside_the_office_holders_own_phrase_is_not_ruled_out(nlp):
    # near miss: "the judge Ruiz appointed" names Ruiz inside the subject's phrase, which its clause does not scope
    text = (
        "Ana Ruiz spent the morning at the county court.\n\n"
        "The judge Ruiz appointed last year is hearing the case this week. "
        'She said: "Nobody is above the rules of this court."'
    )
    assert speaker_of(nlp, text, "Nobody is above the rules")[1] == "Ana Ruiz"


# --- a man named only inside a clause set in another does not take the next "he said" ----------------------


def test_a_man_named_only_inside_a_ruling_is_not_who_says_the_next_quote(nlp):
    text = (
        "Peter Walsh said he would do all he could to meet the worries about the bill. "
        "But the changes must not undo the law set when a court ruled that doctors could stop treating "
        'crash victim Tom Berg. "Nobody wants doctors to fear the courts," he said.'
    )
    assert speaker_of(nlp, text, "Nobody wants doctors")[1] == "Peter Walsh"


def test_a_man_brought_in_as_an_object_of_the_sentence_itself_takes_the_next_he_said(nlp):
    # near miss: named in the sentence's own clause, the new man is the one the quote goes on from
    text = (
        "Peter Walsh said he would do all he could to meet the worries about the bill. "
        'The changes were welcomed by retired surgeon Tom Berg. "Nobody wants doctors to fear the courts," he said.'
    )
    assert speaker_of(nlp, text, "Nobody wants doctors")[1] == "Tom Berg"


# --- a chain of he's that goes on from an office; a report's own people and descriptions --------------------


def test_a_he_that_goes_on_from_an_office_carries_the_chain_past_a_man_named_as_an_object(nlp):
    # each "He" goes on from "the Tory leader"; the "he" inside "to admit he had …" is the chancellor's, and
    # Mr Walsh is only accused: the last quote is the Tory leader's
    text = (
        "Tory leader Peter Grant attacked the budget on Monday.\n\n"
        '"Its sums do not add up," the Tory leader said. He went on to accuse Mr Walsh of hiding the cost. '
        "He urged the chancellor to admit he had raised taxes by stealth. He also accused the government of "
        'waste. "They tax, they spend and they waste," he said.'
    )
    assert speaker_of(nlp, text, "they spend and they waste")[1] == "Peter Grant"


def test_a_man_named_in_the_report_says_it_when_the_paragraph_before_names_men_only_as_objects(nlp):
    # the governor is part of the report, and Tom Walsh only an object of the paragraph before: Grant said it
    text = (
        "Some voters are so opposed to Tom Walsh that they now back Ana Ruiz.\n"
        "Former senator Peter Grant was for Ruiz while the governor was still in the race, he said on Wednesday."
    )
    assert speaker_of(nlp, text, "was for Ruiz")[1] == "Peter Grant"


def test_the_subject_of_the_paragraph_before_says_a_report_that_names_another_man(nlp):
    # near miss: Tom Walsh is the subject of the paragraph before, so the report naming Grant is his
    text = (
        "Tom Walsh spoke to reporters in Ohio on Monday.\n"
        "Former senator Peter Grant was for Ruiz while the governor was still in the race, he said."
    )
    assert speaker_of(nlp, text, "was for Ruiz")[1] == "Tom Walsh"


# --- a man named with a generation after his surname ("Tom Avery IV") ---------------------------------------


def test_a_surname_alone_is_the_man_named_with_a_generation_after_it(nlp):
    # "Tom Avery IV" is "Avery": the "IV" of a man's name is no organisation's capitals
    text = (
        "It turns out that Ruiz donor Tom Avery IV, a wealthy builder, was the one behind the ads.\n\n"
        "Avery and his friends have tried to keep Ruiz out of it. Avery claimed in an interview that he is not "
        "backing any candidate, and in addition to a meeting he had with Ruiz a year ago, he also hosted Lane on "
        'his private jet.\n\n"I have not spoken to any campaign in a year," he said.'
    )
    assert speaker_of(nlp, text, "not spoken to any campaign")[1] == "Tom Avery IV"


def test_a_man_named_in_a_relative_clause_of_the_report_is_not_the_reporter(nlp):
    text = (
        "Peter Grant set out his party's plans for the new year on Sunday.\n\n"
        '"We simply need to change direction." This is the record Mr Walsh will have to defend in the coming '
        "months, he said, urging voters to hold him to account."
    )
    assert speaker_of(nlp, text, "This is the record")[1] == "Peter Grant"


def test_a_man_named_in_a_relative_clause_of_the_report_says_it_when_no_other_man_is_near(nlp):
    # near miss: no one else in reach, so news means Walsh himself, as with a name in the report's main clause
    text = (
        "The party set out its plans for the new year on Sunday.\n\n"
        "This is the record Mr Walsh will be proud to defend in the coming months, he said."
    )
    assert speaker_of(nlp, text, "This is the record")[1] == "Walsh"


def test_he_after_the_prime_minister_is_not_the_man_introduced_as_chancellor(nlp):
    text = (
        "Peter Walsh's big speech will be remembered as the start of the campaign.\n\n"
        "The prime minister used his speech to set out his plans. There was an attempt to end the gossip about "
        "his rift with Chancellor Tom Berg.\n\n"
        "There were few firm pledges, although the prime minister talked about a plan for all. The party does "
        'stand for something - that it is, as he said, more than "an electoral device".'
    )
    assert speaker_of(nlp, text, "that it is")[1] == "Peter Walsh"


def test_he_after_the_prime_minister_may_be_the_man_introduced_as_party_leader(nlp):
    # near miss: a party leader may be prime minister too; only another sole office (chancellor) rules a man out
    text = (
        "Tom Berg's big speech will be remembered as the start of the campaign.\n\n"
        "Party leader Tom Berg used his speech to set out his plans.\n\n"
        "There were few firm pledges, although the prime minister talked about a plan for all. The party does "
        'stand for something - that it is, as he said, more than "an electoral device".'
    )
    assert speaker_of(nlp, text, "that it is")[1] == "Tom Berg"


# --- several people described are no he/she ----------------------------------------------------------------


def test_a_she_is_not_a_plural_description_that_spoke_before(nlp):
    text = (
        "Party campaign chiefs said the tour would carry on as planned. "
        '"That pattern will continue," the campaign chiefs said.\n\n'
        "During an interview on the radio she said she often teased her husband about his speeches."
    )
    assert speaker_of(nlp, text, "teased her husband")[1] != "campaign chiefs"


def test_a_she_may_be_a_singular_description_that_spoke_before(nlp):
    # near miss: one person described ("the campaign chief") is someone a she goes on from
    text = (
        "The party's campaign chief said the tour would carry on as planned. "
        '"That pattern will continue," the campaign chief said.\n\n'
        "During an interview on the radio she said the tour had gone well so far."
    )
    assert speaker_of(nlp, text, "had gone well so far")[1] == "campaign chief"


def test_he_after_the_prime_minister_is_not_the_man_introduced_as_deputy_prime_minister(nlp):
    text = (
        "Peter Walsh spoke briefly at the dinner hosted by Deputy Prime Minister Alan Crewe, who also spoke.\n\n"
        'The prime minister is to give a speech on the economy in Leeds next week. He said: "Growth must reach '
        'every town."'
    )
    assert speaker_of(nlp, text, "Growth must reach every town")[1] == "Peter Walsh"


def test_a_man_named_in_a_clause_the_report_reports_is_not_the_reporter(nlp):
    # "they could see Tom Walsh "coming in …"": Walsh is the subject of a clause inside the report
    text = (
        'Meanwhile, Commons leader Peter Hain has warned that on the campaign trail he has seen "dangerous '
        'complacency" among party voters sure of a win. If those voters "stayed at home" in marginal seats they '
        "could see Tory leader Tom Walsh \"coming in the back door to Number 10 with the tradesman's key, getting "
        'into power", he added.'
    )
    assert speaker_of(nlp, text, "If those voters")[1] == "Peter Hain"


def test_he_after_a_spokesman_for_a_named_man_is_the_spokesman(nlp):
    text = (
        'A spokesman for Tom Walsh said Mr Grant\'s views were "very different" from those of the party. '
        '"He wants higher fees," the spokesman said. He added that it was no surprise Mr Grant had chosen to leave.'
    )
    assert speaker_of(nlp, text, "no surprise Mr Grant")[1] == "spokesman"


def test_a_spokesman_for_a_cause_named_before_his_name_is_that_man(nlp):
    # near miss: "spokesman for sport Hugh Ross" is Ross's own title, not someone speaking for Ross
    text = (
        'Shadow spokesman for sport Hugh Ross said: "The clubs are where the passion is." '
        "He said more weight should be given to team games."
    )
    assert speaker_of(nlp, text, "more weight should be given")[1] == "Hugh Ross"
