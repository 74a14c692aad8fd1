"""The speaker lists a user reads: one entry per person, and only people, organisations and groups.

Articles written for these tests, run through real spaCy and the whole store: the corpus-level merge
(``corpus.speaker_merge``) and the list rule (``corpus.listed_speakers``) as ``stats``, the app's lists and
its filtered sidebar (``tui.filters.filtered_stats``) see them.
"""

from __future__ import annotations

import pytest

from corpus.listed_speakers import is_listed_speaker
from store.reviewed import ReviewedCorpus
from store.workspace import Workspace
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
    corpus = tmp_path_factory.mktemp("speaker-lists")
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return Workspace.open([corpus], store_dir=corpus.parent / "speaker-lists-store", workers=0)


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
