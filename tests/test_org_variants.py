"""One organisation named two ways across a corpus, one name the other written shorter: "Labour" and
"Labour Party", "Lib Dems" and "Liberal Democrats", "Muslim Council" and "Muslim Council of Britain" are one
speaker in the lists. Names and articles written for these tests; each rule beside a near miss."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

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
    corpus: Path = tmp_path_factory.mktemp("org-variants")
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return Workspace.open([corpus], store_dir=corpus.parent / "org-variants-store", workers=0)


def test_the_speaker_list_shows_a_party_once_under_both_its_names(workspace: Workspace):
    listed = {s.name: s.n_quotes for s in workspace.index.speakers()}
    assert listed.get("Highland Alliance Party") == 2
    assert "Highland Alliance" not in listed
