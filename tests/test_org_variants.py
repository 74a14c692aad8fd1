"""One organisation named two ways across a corpus, one name the other written shorter: "Labour" and
"Labour Party", "Lib Dems" and "Liberal Democrats", "Muslim Council" and "Muslim Council of Britain" are one
speaker in the lists. Names and articles written for these tests; each rule beside a near miss."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from corpus_workspace import workspace_of

from corpus.org_aliases import variant_merges
from store.workspace import Workspace


def _merged(names: list[str], weight: list[int] | None = None) -> dict[str, str]:
    w = np.array(weight if weight is not None else [1] * len(names))
    return {names[k]: names[v] for k, v in variant_merges(names, np.ones(len(names), bool), w).items()}


def test_a_party_named_with_and_without_party_is_one_listed_under_the_name_used_most():
    assert _merged(["Harbour", "Harbour Party"], [5, 2]) == {"Harbour Party": "Harbour"}
    assert _merged(["Harbour", "Harbour Party"], [1, 2]) == {"Harbour": "Harbour Party"}


def test_a_name_without_what_it_is_of_is_the_one_organisation_of_that_name():
    assert _merged(["Crofters Council", "Crofters Council of Scotland"]) == {
        "Crofters Council": "Crofters Council of Scotland"
    }
    # near miss: two councils "of" somewhere: the short name could be either, it stays itself
    assert _merged(["Crofters Council", "Crofters Council of Scotland", "Crofters Council of Wales"]) == {}
    # near miss: one word before "of" is too little to name an organisation ("Bank", "Department")
    assert _merged(["Bank", "Bank of Harbourton"]) == {}


def test_words_cut_short_name_the_same_organisation():
    assert _merged(["Soc Dems", "Social Democrats"], [3, 1]) == {"Social Democrats": "Soc Dems"}
    # near misses: a different word, a word too short to be a clipping, a single word
    assert _merged(["Social Workers", "Social Democrats"]) == {}
    assert _merged(["So Dems", "Social Democrats"]) == {}
    assert _merged(["Con", "Conservatives"]) == {}


ARTICLES = {
    "alliance-1.txt": (
        "Vote row deepens\n\nThe Highland Alliance Party has attacked the new grazing rules.\n\n"
        '"These rules are unworkable," the Highland Alliance Party said in a statement on Monday.\n'
    ),
    "alliance-2.txt": (
        "Grazing rules return\n\nMinisters published the grazing rules again this week.\n\n"
        'The Highland Alliance said the changes were "far too small" and called for a new vote.\n'
    ),
}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return workspace_of(tmp_path_factory, "org-variants", ARTICLES)


def test_the_speaker_list_shows_a_party_once_under_both_its_names(workspace: Workspace):
    listed = {s.name: s.n_quotes for s in workspace.index.speakers()}
    assert listed.get("Highland Alliance Party") == 2
    assert "Highland Alliance" not in listed


def _merged_with(
    names: list[str],
    weight: list[int] | None = None,
    group: Sequence[str] = (),
    place: Sequence[str] = (),
    articles: dict[str, list[int]] | None = None,
) -> dict[str, str]:
    """``variant_merges`` over ``names`` (organisations unless in ``group`` or ``place``), with the articles
    that name each (default: all in article 0)."""
    all_names = names + [p for p in place if p not in names]
    w = np.array((weight or [1] * len(names)) + [1] * (len(all_names) - len(names)))
    org = np.array([n not in place and n not in group for n in all_names])
    grp = np.array([n in group for n in all_names])
    plc = np.array([n in place for n in all_names])
    rows = [(a, k) for k, n in enumerate(all_names) for a in (articles or {}).get(n, [0])]
    pairs = (np.array([a for a, _ in rows]), np.array([k for _, k in rows]))
    merged = variant_merges(all_names, org, w, group=grp, place=plc, pairs=pairs)
    return {all_names[k]: all_names[v] for k, v in merged.items()}


def test_a_name_in_the_other_order_is_the_same_institution():
    assert _merged_with(["Appeal Court", "Court of Appeal"], [1, 4]) == {"Appeal Court": "Court of Appeal"}
    assert _merged_with(["Harbour Board", "Board of Harbour"], [3, 1]) == {"Board of Harbour": "Harbour Board"}
    # near misses: other words, or more of them
    assert _merged_with(["Appeal Court", "Court of Justice"]) == {}
    assert _merged_with(["Appeal Court", "Court of Final Appeal"]) == {}


def test_a_name_with_its_place_in_front_is_the_same_organisation_when_the_articles_shorten_it():
    both = {"Harbour Party": [1, 2], "Westland Harbour Party": [1, 2, 3]}
    assert _merged_with(["Harbour Party", "Westland Harbour Party"], [2, 5], place=["Westland"], articles=both) == {
        "Harbour Party": "Westland Harbour Party"
    }
    # near miss: the shorter name mostly stands in stories of its own (another country's court)
    apart = {"Grand Court": [1, 2, 3, 4], "Westland Grand Court": [4]}
    assert _merged_with(["Grand Court", "Westland Grand Court"], place=["Westland"], articles=apart) == {}
    # near miss: two places put their name in front of it, it could be either
    two = ["Evening Post", "Westland Evening Post", "Eastby Evening Post"]
    assert _merged_with(two, place=["Westland", "Eastby"]) == {}
    # near miss: the word in front is no place of the corpus (a nationality adjective: a party of its own)
    assert _merged_with(["Harbour Party", "Westish Harbour Party"]) == {}


def test_a_groups_adjective_as_a_speaker_is_the_group_under_its_plural():
    names = ["Whig", "Whigs", "Radical", "Radicals"]
    assert _merged_with(names, group=names) == {"Whig": "Whigs", "Radical": "Radicals"}
    assert _merged_with(["Tory", "Tories"], group=["Tory", "Tories"]) == {"Tory": "Tories"}
    # near misses: no plural in the corpus; an organisation (not a group) of one word
    assert _merged_with(["Whig", "Radicals"], group=["Whig", "Radicals"]) == {}
    assert _merged_with(["Harbour", "Harbours"]) == {}


def test_one_name_written_with_and_or_an_ampersand_or_without_a_space_is_one_organisation():
    assert _merged_with(["Crofting & Grazing Board", "Crofting and Grazing Board"], [1, 3]) == {
        "Crofting & Grazing Board": "Crofting and Grazing Board"
    }
    assert _merged_with(["HarbourNet", "Harbour Net"], [2, 1]) == {"Harbour Net": "HarbourNet"}
    # near miss: another word, not another way of writing one
    assert _merged_with(["Crofting and Grazing Board", "Crofting or Grazing Board"]) == {}


def _names_of(nlp: Any, text: str, word: str) -> list[str]:
    """The canonical names the article's mentions written ``word`` alone stand for."""
    from corpus.entities import entities_and_names

    entities, _ = entities_and_names(nlp(text))
    return [e.name for e in entities if e.text == word]


def test_an_organisations_first_word_alone_after_its_full_name_is_that_organisation(nlp):
    text = "Telecoms group Baltrex Communications has cut 400 jobs. Baltrex said the cuts would save money.\n"
    assert _names_of(nlp, text, "Baltrex") == ["Baltrex Communications"]
    # near miss: two organisations of the article open with the word; it could be either
    text = (
        "Telecoms group Baltrex Communications has cut 400 jobs, and Baltrex Energy sold a plant. "
        "Baltrex said the cuts would save money.\n"
    )
    assert "Baltrex Communications" not in _names_of(nlp, text, "Baltrex")
    # near miss: the word alone came first, the longer name after it (a part of it, as "BBC" … "BBC News")
    text = "Baltrex said the cuts would save money. Telecoms group Baltrex Communications has cut 400 jobs.\n"
    assert _names_of(nlp, text, "Baltrex") == ["Baltrex"]


def test_a_first_name_alone_after_a_name_read_as_an_organisation_stays_the_persons():
    # near miss: a man's first name is no company's short name, whatever label the model gave the full name
    from corpus.names import build_name_index

    index = build_name_index([("Gareth Forsey", "ORG", 0), ("Gareth", "ORG", 40)])
    assert index.resolve("Gareth", "ORG", 40) == ("Gareth", "ORG")
    index = build_name_index([("Baltrex Communications", "ORG", 0), ("Baltrex", "ORG", 40)])
    assert index.resolve("Baltrex", "ORG", 40) == ("Baltrex Communications", "ORG")
