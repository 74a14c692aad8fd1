"""One speaker across the corpus (corpus.speaker_merge): surnames go where the articles say."""

from __future__ import annotations

import numpy as np

from corpus.speaker_merge import merge_person_keys

KEYS = ["tony blair", "cherie blair", "blair", "mr blair", "gordon brown", "brown", "smith", "mr tony blair"]
NORM = ["tony blair", "cherie blair", "blair", "blair", "gordon brown", "brown", "smith", "tony blair"]
MULTI = np.array([" " in n for n in NORM])
MERGEABLE = np.ones(len(KEYS), dtype=bool)


def _canon(articles: list[list[str]]) -> dict[str, str]:
    art = [a for a, keys in enumerate(articles) for _ in keys]
    key = [KEYS.index(k) for keys in articles for k in keys]
    canon = merge_person_keys(KEYS, NORM, MULTI, MERGEABLE, np.array(art), np.array(key))
    return {k: KEYS[int(canon[i])] for i, k in enumerate(KEYS)}


def test_a_surname_joins_the_full_name_its_articles_give():
    canon = _canon(
        [
            ["tony blair", "blair"],
            ["mr tony blair", "mr blair"],
            ["tony blair", "cherie blair", "blair"],  # two Blairs: this article votes for neither
            ["cherie blair"],
            ["brown"],  # no full name beside it anywhere: the only Brown of the corpus
            ["gordon brown"],
            ["smith"],
        ]
    )
    assert canon["blair"] == canon["mr blair"] == canon["mr tony blair"] == "tony blair"
    assert canon["cherie blair"] == "cherie blair"  # two full names are never merged
    assert canon["brown"] == "gordon brown"
    assert canon["smith"] == "smith"  # no full name with that surname


def test_a_surname_the_articles_split_between_two_people_stays_itself():
    canon = _canon(
        [
            ["tony blair", "blair"],
            ["cherie blair", "blair"],
        ]
    )
    assert canon["blair"] == "blair" and canon["mr blair"] == "mr blair"


def test_without_article_evidence_two_full_names_leave_the_surname_alone():
    canon = _canon([["tony blair"], ["cherie blair"], ["blair"]])
    assert canon["blair"] == "blair"
