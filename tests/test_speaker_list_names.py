"""The names a user reads in the speaker lists: one entry for a first name in full and short, no party or
role glued to a name, no street, no chamber taken for a person. Articles written for these tests, run
through real spaCy and the whole store, read as ``stats`` and the app's lists read them."""

from __future__ import annotations

import pytest

from corpus.listed_speakers import is_listed_speaker
from store.workspace import Workspace

ARTICLES = {
    "c1.txt": 'Debt warning\n\nVincent Harlow said household debt would rise. "Banks lend too freely," Mr Harlow '
    "told reporters. Ministers rejected the claim.\n",
    "c2.txt": 'Budget row\n\nLib Dem spokesman Vince Harlow said the sums did not add up. "It is a fantasy budget," '
    "Mr Harlow said.\n",
    "c3.txt": 'Interest rates\n\nVince Harlow said rates would have to rise. "Borrowers will pay," he said.\n',
    "c4.txt": "Rebate fight\n\nTory Ian Marsh said the rebate was a test of nerve for ministers. "
    '"We must not give an inch," he said.\n',
    "c5.txt": "Aid offer\n\nDowning St said a similar offer might be made to other governments. Graham Lane, a "
    'council leader, said the offer was welcome. "It helps," Mr Lane said.\n',
    "c6.txt": "Detention ruling\n\nLady Hale, sitting with Lords Avery, Pell and Dunmore, said the rules were "
    "unfair. Lord Avery said the law could not stand.\n",
    "c7.txt": 'Campaign reaction\n\nJane Avery, a campaigner, said: "This is a great day."\n',
}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("speaker-list-names")
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return Workspace.open([corpus], store_dir=corpus.parent / "speaker-list-names-store", workers=0)


def _listed(workspace) -> dict[str, int]:
    return {s.name: s.n_quotes for s in workspace.index.speakers()}


def test_a_first_name_in_full_and_short_is_one_entry(workspace):
    listed = _listed(workspace)
    assert "Vincent Harlow" not in listed
    assert listed["Vince Harlow"] == 6  # the name in most articles, with every quote of both
    assert workspace.index.resolve("Vincent Harlow") == workspace.index.resolve("Vince Harlow")


def test_a_party_word_in_front_is_no_part_of_the_name(workspace):
    listed = _listed(workspace)
    assert listed.get("Ian Marsh") == 2 and "Tory Ian Marsh" not in listed


def test_a_street_is_quoted_but_not_listed_and_a_surname_lane_is(workspace):
    listed = _listed(workspace)
    assert "Downing St" not in listed
    assert "Graham Lane" in listed  # near miss: "Lane" ends a name, not a street


def test_a_chamber_in_front_of_a_name_is_no_full_name(workspace):
    listed = _listed(workspace)
    assert not any(name.startswith("Lords") for name in listed)
    assert "Jane Avery" in listed and listed.get("Avery") == 1  # the law lord is not the campaigner either


@pytest.mark.parametrize(
    "name, label, listed",
    [
        ("Downing St", "PERSON", False),
        ("Whitehall Rd", "", False),
        ("Graham Lane", "PERSON", True),  # a surname that is also a street word in full
        ("St John Clarke", "PERSON", True),  # a saint's "St" opens a name
    ],
)
def test_a_street_abbreviation_ends_no_speakers_name(name, label, listed):
    assert is_listed_speaker(name, label) is listed


def test_an_article_naming_someone_in_full_and_short_has_one_person(nlp):
    from corpus.analysis import analyse_doc

    text = "The novelist Frederick Hale wrote to the paper. Freddie Hale said the law was wrong."
    assert [p.name for p in analyse_doc(nlp(text)).people] == ["Frederick Hale"]
    # near miss: two first names of one surname are two people
    text = "Tony Marsh and Cherie Marsh said the law was wrong."
    assert sorted(p.name for p in analyse_doc(nlp(text)).people) == ["Cherie Marsh", "Tony Marsh"]
