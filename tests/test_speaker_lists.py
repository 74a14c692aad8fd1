"""The speaker lists a user reads: one entry per person, and only people, organisations and groups.

Articles written for these tests, run through real spaCy and the whole store: the corpus-level merge
(``corpus.speaker_merge``) and the list rule (``corpus.listed_speakers``) as ``stats``, the app's lists and
its filtered sidebar (``tui.filters.filtered_stats``) see them.
"""

from __future__ import annotations

import pytest
from corpus_workspace import workspace_of

from corpus.listed_speakers import coordinated_names, is_entity_name, is_listed_speaker, spokesperson_of
from store.reviewed import ReviewedCorpus
from tui.filters import filtered_stats

ARTICLES = {
    "a1.txt": "Blair sets out plans for Africa\n\nTony Blair said on Monday that the G8 would put Africa first. "
    '"We cannot look away any longer," Mr Blair said. Gordon Brown backed the plan.\n',
    "a2.txt": "Labour manifesto launched\n\nPrime Minister Tony Blair told activists in Leeds that Labour would keep "
    'the economy strong. "This is our moment," Mr Blair said, standing beside Gordon Brown.\n',
    "a3.txt": 'Election date hint\n\nTony Blair has hinted at a spring election. "I am not going to tell you the '
    'date," Mr Blair told reporters in Downing Street.\n',
    "a4.txt": "Crime figures fall\n\nSir Ian Blair, the Metropolitan Police commissioner, said street crime had "
    'fallen. "Our officers have done a fine job," he said.\n',
    # names nobody fully: "Mr Blair" is the Blair the corpus talks about, the context agrees (G8, Gordon Brown)
    "a5.txt": 'Summit plans\n\nMr Blair said the G8 summit would focus on debt relief. "Africa cannot wait," Mr '
    'Blair told MPs. Gordon Brown will travel to Nairobi next week.\n\n"The talks will go on," Britain said in a '
    'statement. "The figures are wrong," a spokesman said.\n',
    # near miss: names nobody fully either, but its Blair is a footballer
    "a6.txt": 'Cup tie report\n\nBlair scored twice as Leeds United beat Chelsea in the FA Cup. "It was a great '
    'night for the club," Blair said after the match. Chelsea manager Jose Mourinho praised Leeds United, and '
    "Wayne Rooney watched from the stands.\n",
}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return workspace_of(tmp_path_factory, "speaker-lists", ARTICLES)


def test_blair_mr_blair_and_tony_blair_are_one_entry_where_the_articles_say_so(workspace):
    listed = {s.name: (s.n_quotes, s.n_articles) for s in workspace.index.speakers()}
    assert listed["Tony Blair"] == (7, 4)  # a1-a3 and the summit story that says only "Mr Blair"
    assert listed["Ian Blair"] == (2, 1)  # the police chief keeps his own entry
    assert listed["Blair"] == (1, 1)  # the footballer is nobody else
    reviewed = ReviewedCorpus(workspace.index, workspace.annotations)
    assert [(s.name, s.n_quotes) for s in reviewed.speakers()] == [
        (s.name, s.n_quotes) for s in workspace.index.speakers()
    ]
    tony = {r.quote_id for r in reviewed.refs(speaker="Tony Blair")}
    assert {r.quote_id for r in reviewed.refs(speaker="Mr Blair")} == tony
    assert {r.row for r in reviewed.refs(speaker="Tony Blair")} == {0, 1, 2, 4}


def test_places_and_descriptions_are_quoted_but_not_listed(workspace):
    names = {s.name for s in workspace.index.speakers()}
    assert "Britain" not in names and "a spokesman" not in names
    # the quotes keep their speaker: a filter still finds them
    assert [r.speaker_name for r in workspace.index.quotes(speaker="Britain")] == ["Britain"]
    sidebar = {s.name for s in filtered_stats(workspace.index, workspace.index.all_rows()).speakers()}
    assert sidebar == names


@pytest.mark.parametrize(
    "name, label, listed",
    [
        ("Tony Blair", "PERSON", True),
        ("Electoral Commission", "ORG", True),
        ("Tories", "NORP", True),
        ("Britain", "GPE", False),  # a place
        ("Old Trafford", "FAC", False),  # a venue
        ("Prevention of Terrorism Bill", "LAW", False),  # a document
        ("Falconer", "", True),  # a surname the NER never labelled
        ("A spokesman", "", False),  # a description
        ("Some economists", "", False),
        ("prime minister", "", False),
        ("Chancellor", "", False),  # a title alone
        ("14% of people", "", False),  # a number
        ("Tony Blair's entry", "", False),  # a thing
    ],
)
def test_the_list_keeps_people_organisations_and_groups(name, label, listed):
    assert is_listed_speaker(name, label) is listed


@pytest.mark.parametrize(
    "name, listed",
    [
        ("QC", False),  # letters after a name, alone
        ("Salford MP", False),  # a role: "<place> <title>"
        ("Culture Secretary", False),
        ("Guy Mansfield QC", True),  # near miss: a person with letters after the name
        ("Critics", False),  # a plural noun that opened a sentence
        ("Three-quarters", False),  # a quantity
        ("Walker", True),  # near miss: a surname
        ("Archbishop of Canterbury", True),
    ],
)
def test_speakers_the_ner_never_labelled_are_listed_when_they_name_someone(name, listed):
    assert is_listed_speaker(name, "") is listed


def test_a_document_is_not_listed_whatever_its_label():
    assert not is_listed_speaker("Finance Bill", "PERSON")
    assert not is_listed_speaker("Barker Review", "ORG")
    assert not is_listed_speaker("Bill", "PERSON")  # "the Bill says": the document, capitalised
    assert is_listed_speaker("Bill Cash", "PERSON")  # near miss: a first name that is also a document word


def test_people_and_exported_genders_use_the_merged_names(workspace):
    from store.people import SpeakerGenders, corpus_people, iter_article_people

    people = {p.name: p for p in corpus_people(iter_article_people(workspace))}
    assert people["Tony Blair"].articles == 4 and people["Tony Blair"].quotes == 7
    assert people["Blair"].articles == 1  # the footballer
    # an export looks the speaker of the summit story up under the name the lists give him
    summit = next(r for r in workspace.index.quotes(speaker="Tony Blair") if r.row == 4)
    genders = SpeakerGenders(workspace, None).fields(workspace.index.article_id(4), summit.speaker_key, None)
    assert genders["speaker_gender"] == "male"


# Groups and spokespeople, in a corpus of their own.
GROUP_ARTICLES = {
    "b1.txt": "Budget row eases\n\nTony Blair and Gordon Brown are trying hard to end their long rivalry over the "
    'budget. Mr Blair\'s official spokesman said: "The prime minister has full confidence in the chancellor." '
    "Tony Blair later flew to Brussels for talks with Jacques Chirac.\n",
    "b2.txt": "Cabinet meets\n\nTony Blair chaired a long cabinet meeting on Thursday. "
    '"There was no split over the budget," a spokesman for Mr Blair said. Gordon Brown declined to comment.\n',
    # near misses: another owner's spokesman keeps his own entry; an organisation's is no person's
    "b3.txt": "Tories attack plans\n\nMichael Howard attacked the plans in a speech in Bristol. "
    '"These figures do not add up," Michael Howard\'s spokesman said. '
    '"The rules are clear," a spokesman for the Electoral Commission said.\n',
    # a coordination of people as a speaker and as an entity; near miss: an organisation with "and" in its name
    "b4.txt": "Exports rise\n\nThe Department of Trade and Industry published new figures on Monday. "
    '"Exports rose by four per cent," the Department of Trade and Industry said. Mr Howard and Mr Kennedy '
    "campaigned together in Leeds on Friday. They say the figures were published late. The Brown/Blair rivalry "
    "was not mentioned.\n",
}


@pytest.fixture(scope="module")
def groups(tmp_path_factory):
    return workspace_of(tmp_path_factory, "speaker-groups", GROUP_ARTICLES)


def test_a_persons_spokesman_is_one_entry_named_after_the_person(groups):
    listed = {s.name: s.n_quotes for s in groups.index.speakers()}
    # "Mr Blair's official spokesman" and "a spokesman for Mr Blair": one role of one person
    assert listed["Tony Blair's spokesman"] == 2
    assert listed["Michael Howard's spokesman"] == 1  # another owner: never merged with Blair's
    assert not any("Electoral Commission" in name for name in listed)  # an organisation's: no person's role
    index = groups.index
    quotes = index.quotes(speaker="Tony Blair's spokesman")
    assert [r.speaker_name for r in quotes] == ["Tony Blair's spokesman"] * 2
    assert {r.row for r in quotes} == {0, 1}
    assert not {r.quote_id for r in quotes} & {r.quote_id for r in index.quotes(speaker="Tony Blair")}


def test_a_coordination_of_people_is_quoted_but_listed_as_nobody(groups):
    index = groups.index
    names = {s.name for s in index.speakers()}
    assert "Mr Howard and Mr Kennedy" not in names
    assert "Department of Trade and Industry" in names  # near miss: one organisation
    # the quote keeps its speaker, and a filter by that name finds it alone (not Mr Howard's quotes)
    assert [r.speaker_name for r in index.quotes(speaker="Mr Howard and Mr Kennedy")] == ["Mr Howard and Mr Kennedy"]
    sidebar = filtered_stats(index, index.all_rows())
    assert {s.name for s in sidebar.speakers()} == names
    # the entity lists (filter prompt, palette, sidebar) leave the pair out too
    found = {e.name for e in groups.analysis("b4.txt").entities}
    assert "Brown/Blair" in found
    entities = {e.name for e in index.entities()}
    assert "Brown/Blair" not in entities and "Department of Trade and Industry" in entities
    assert {e.name for e in sidebar.entities()} == entities


@pytest.mark.parametrize(
    "name, found",
    [
        ("Mr Blair's official spokesman", ("Mr Blair", "spokesman")),
        ("Prime Minister Tony Blair's spokeswoman", ("Prime Minister Tony Blair", "spokeswoman")),
        ("A spokesman for Mr Blair", ("Mr Blair", "spokesman")),
        ("the prime minister's official spokesman", None),  # near miss: no name owns it
        ("His spokesman", None),
        ("A Labour spokesman", None),  # near miss: no possessive, an organisation's word
        ("A spokesman for the Home Office", None),
    ],
)
def test_a_spokesperson_is_read_with_its_owner(name, found):
    assert spokesperson_of(name) == found


@pytest.mark.parametrize(
    "name, parts",
    [
        ("Mr Blair and Mr Brown", ["Mr Blair", "Mr Brown"]),
        ("Both Mr Brown and Mr Blair", ["Mr Brown", "Mr Blair"]),
        ("Brown/Blair", ["Brown", "Blair"]),
        ("Smith, Jones and Brown", ["Smith", "Jones", "Brown"]),
        ("Labour and the Liberal Democrats", None),  # near miss: a description after "and"
        ("Tony Blair", None),
    ],
)
def test_a_coordination_of_names_is_split_into_its_conjuncts(name, parts):
    assert coordinated_names(name) == parts


@pytest.mark.parametrize(
    "name, named",
    [
        ("Alan Milburn - the", False),  # cut off inside a clause
        ("Commons after Mr Brown", False),  # a phrase around a name
        ("Analysing Mr Brown", False),
        ("Mr Brown", True),  # near miss: the honorific in front
        ("Mr Blair and Mr Brown", True),  # a coordination: the index decides
        ("Commons science and technology committee", True),  # near miss: lowercase words, still a name
        ("Department of Trade and Industry", True),
        ("Guildford Four", True),  # near miss: a number ends a name
        ("Perm 35 - a", False),
    ],
)
def test_an_entity_list_takes_names_not_phrases(name, named):
    assert is_entity_name(name) is named
