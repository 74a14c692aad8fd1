"""One speaker across the corpus (corpus.speaker_merge): surnames go where the articles say."""

from __future__ import annotations

import numpy as np

from corpus.speaker_merge import merge_speakers

KEYS = ["tony blair", "cherie blair", "blair", "mr blair", "gordon brown", "brown", "smith", "mr tony blair"]
NORM = ["tony blair", "cherie blair", "blair", "blair", "gordon brown", "brown", "smith", "tony blair"]
MULTI = np.array([" " in n for n in NORM])
MERGEABLE = np.ones(len(KEYS), dtype=bool)


def _canon(articles: list[list[str]]) -> dict[str, str]:
    art = [a for a, keys in enumerate(articles) for _ in keys]
    key = [KEYS.index(k) for keys in articles for k in keys]
    canon = merge_speakers(KEYS, NORM, MULTI, MERGEABLE, np.array(art), np.array(key)).canon
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


# --- articles that name the surname alone: the bearer the corpus talks about, if the context agrees -------
CTX_KEYS = [
    "tony blair",
    "ian blair",
    "blair",
    "labour",
    "gordon brown",
    "g8",
    "metropolitan police",
    "scotland yard",
    "manchester united",
    "wayne rooney",
    "old trafford",
]
CTX_NORM = list(CTX_KEYS)
CTX_MULTI = np.array([k in ("tony blair", "ian blair", "gordon brown", "wayne rooney") for k in CTX_KEYS])


def _ctx_canon(articles: list[list[str]]) -> str:
    art = [a for a, keys in enumerate(articles) for _ in keys]
    key = [CTX_KEYS.index(k) for keys in articles for k in keys]
    mergeable = np.array([k in ("tony blair", "ian blair", "blair", "gordon brown", "wayne rooney") for k in CTX_KEYS])
    used = np.isin(np.arange(len(CTX_KEYS)), key)  # as the index does: the full names the corpus uses
    canon = merge_speakers(CTX_KEYS, CTX_NORM, CTX_MULTI & used, mergeable, np.array(art), np.array(key)).canon
    return CTX_KEYS[int(canon[CTX_KEYS.index("blair")])]


def test_a_surname_alone_goes_to_the_bearer_the_corpus_talks_about_when_the_context_agrees():
    # "Mr Blair said …" in an article about the G8 that names nobody fully; the corpus names Tony Blair in
    # four articles, the police chief Ian Blair in one
    corpus = [["tony blair", "labour", "gordon brown"]] * 3 + [["tony blair", "g8"], ["ian blair", "scotland yard"]]
    assert _ctx_canon([*corpus, ["blair", "g8", "gordon brown"]]) == "tony blair"


def test_a_surname_alone_stays_itself_when_no_bearer_stands_out():
    corpus = [["tony blair", "labour"], ["tony blair", "g8"], ["ian blair", "scotland yard"], ["ian blair", "labour"]]
    assert _ctx_canon([*corpus, ["blair", "labour"]]) == "blair"


def test_a_surname_alone_stays_itself_when_its_article_shares_nothing_with_the_bearer():
    # a footballer called Blair in a sports story: the only Blair of the corpus is a politician
    corpus = [["tony blair", "labour"], ["tony blair", "g8"], ["tony blair", "gordon brown"]]
    assert _ctx_canon([*corpus, ["blair", "manchester united", "wayne rooney", "old trafford"]]) == "blair"


def test_each_article_keeps_what_it_decided_for_a_surname_alone():
    # one "Blair" is in a story about Labour, the other in a football report: only the first is Tony Blair
    articles = [
        ["tony blair", "labour"],
        ["tony blair", "g8"],
        ["blair", "labour"],
        ["blair", "manchester united", "wayne rooney", "old trafford"],
    ]
    art = np.array([a for a, keys in enumerate(articles) for _ in keys])
    key = np.array([CTX_KEYS.index(k) for keys in articles for k in keys])
    mergeable = np.array([k in ("tony blair", "ian blair", "blair") for k in CTX_KEYS])
    merge = merge_speakers(CTX_KEYS, CTX_NORM, CTX_MULTI, mergeable, art, key)
    blair = CTX_KEYS.index("blair")
    got = merge.apply(np.array([2, 3]), np.array([blair, blair]))
    assert [CTX_KEYS[int(k)] for k in got] == ["tony blair", "blair"]
    assert CTX_KEYS[int(merge.canon[blair])] == "blair"  # the articles split: no corpus-wide merge


def test_a_surname_beside_two_of_its_bearers_stays_itself_in_that_article():
    articles = [["tony blair", "labour"]] * 3 + [["blair", "labour"], ["tony blair", "ian blair", "blair"]]
    art = np.array([a for a, keys in enumerate(articles) for _ in keys])
    key = np.array([CTX_KEYS.index(k) for keys in articles for k in keys])
    mergeable = np.array([k in ("tony blair", "ian blair", "blair") for k in CTX_KEYS])
    merge = merge_speakers(CTX_KEYS, CTX_NORM, CTX_MULTI, mergeable, art, key)
    blair = CTX_KEYS.index("blair")
    got = merge.apply(np.array([3, 4]), np.array([blair, blair]))
    assert [CTX_KEYS[int(k)] for k in got] == ["tony blair", "blair"]


def test_an_article_with_too_little_context_leaves_the_corpus_to_decide():
    # "Mr Blair" in a two-line brief that names only one place: no vote, so the only Blair of the corpus
    assert _ctx_canon([["tony blair", "labour"], ["blair", "manchester united"]]) == "tony blair"


def test_a_role_in_front_or_letters_after_a_full_name_are_that_person():
    keys = ["louise christian", "lawyer louise christian", "paul boateng", "paul boateng mp", "mary kayitesi blewitt",
            "kayitesi blewitt", "mp for sleaford and north hykeham", "north hykeham"]  # fmt: skip
    multi = np.ones(len(keys), dtype=bool)
    canon = merge_speakers(keys, keys, multi, multi, np.arange(len(keys)), np.arange(len(keys))).canon
    got = {k: keys[int(canon[i])] for i, k in enumerate(keys)}
    assert got["lawyer louise christian"] == "louise christian"
    assert got["paul boateng mp"] == "paul boateng"
    # near misses: a first name in front makes a longer name; a phrase is no role
    assert got["mary kayitesi blewitt"] == "mary kayitesi blewitt"
    assert got["mp for sleaford and north hykeham"] == "mp for sleaford and north hykeham"


def test_a_peer_named_by_title_and_surname_is_the_person_the_article_names():
    keys = ["betty boothroyd", "baroness boothroyd", "commons", "neil kinnock", "baron kinnock", "stephen kinnock"]
    multi = np.array([" " in k for k in keys])
    articles = [
        ["betty boothroyd", "baroness boothroyd", "commons"],
        ["neil kinnock", "stephen kinnock", "baron kinnock"],
    ]
    art = np.array([a for a, ks in enumerate(articles) for _ in ks])
    key = np.array([keys.index(k) for ks in articles for k in ks])
    canon = merge_speakers(keys, keys, multi, np.ones(len(keys), bool), art, key).canon
    assert keys[int(canon[1])] == "betty boothroyd"
    # near miss: two Kinnocks in the article; the baron could be either and stays himself
    assert keys[int(canon[4])] == "baron kinnock"


def test_a_surname_never_joins_a_document_the_ner_took_for_a_person():
    keys = ["finance bill", "bill", "bill cash", "cash"]
    norm = list(keys)
    multi = np.array([" " in k for k in keys])
    # "Bill" (a first name the article used alone) beside "Finance Bill"; "Cash" beside "Bill Cash"
    art, key = np.array([0, 0, 1, 1]), np.array([0, 1, 2, 3])
    canon = merge_speakers(keys, norm, multi, np.ones(4, bool), art, key).canon
    assert keys[int(canon[1])] == "bill"  # a law has no surname
    assert keys[int(canon[3])] == "bill cash"  # near miss: a person whose first name is a document word


def _merge(keys: list[str], articles: list[list[str]]) -> dict[str, str]:
    multi = np.array([" " in k for k in keys])
    art = np.array([a for a, ks in enumerate(articles) for _ in ks])
    key = np.array([keys.index(k) for ks in articles for k in ks])
    canon = merge_speakers(keys, keys, multi, np.ones(len(keys), bool), art, key).canon
    return {k: keys[int(canon[i])] for i, k in enumerate(keys)}


def test_a_first_name_written_in_full_and_short_is_one_person():
    keys = ["vince harlow", "vincent harlow", "harlow", "tony marsh", "anthony marsh", "cherie marsh", "greg pye",
            "gregor pye"]  # fmt: skip
    got = _merge(keys, [["vince harlow"], ["vince harlow", "harlow"], ["vincent harlow"],
                        ["anthony marsh", "tony marsh"], ["tony marsh"], ["cherie marsh"],
                        ["greg pye"], ["gregor pye"]])  # fmt: skip
    assert got["vincent harlow"] == got["vince harlow"] == got["harlow"] == "vince harlow"  # the one in most articles
    # both forms in one article: the writer means one person
    assert got["anthony marsh"] == "tony marsh"
    # near misses: another first name of the surname, and a name that only looks like a short form
    assert got["cherie marsh"] == "cherie marsh"
    assert got["gregor pye"] == "gregor pye" and got["greg pye"] == "greg pye"


def test_a_short_form_that_could_be_either_of_two_names_merges_with_neither():
    keys = ["chris leigh", "christine leigh", "christopher leigh"]
    got = _merge(keys, [["chris leigh"], ["christine leigh"], ["christopher leigh"]])
    assert got == {k: k for k in keys}
    # near miss: with one of them only, the short form is that name
    keys = ["chris leigh", "christopher leigh"]
    assert _merge(keys, [["chris leigh"], ["christopher leigh"], ["christopher leigh"]])["chris leigh"] == (
        "christopher leigh"
    )


def test_a_chamber_or_a_party_in_front_of_a_surname_is_no_full_name_to_take():
    keys = ["lords avery", "avery", "tory pryce", "pryce"]
    got = _merge(keys, [["lords avery", "avery"], ["tory pryce", "pryce"]])
    assert got["avery"] == "avery" and got["pryce"] == "pryce"
    # near miss: a person's full name with that surname is
    keys = ["lords avery", "avery", "jane avery"]
    assert _merge(keys, [["lords avery"], ["jane avery", "avery"]])["avery"] == "jane avery"


def test_a_person_of_an_organisation_is_the_person():
    keys = ["ravi shah of the open rights forum", "ravi shah", "lord hill of oareford", "hill"]
    got = _merge(keys, [["ravi shah of the open rights forum"], ["ravi shah"], ["lord hill of oareford", "hill"]])
    assert got["ravi shah of the open rights forum"] == "ravi shah"
    assert got["lord hill of oareford"] == "lord hill of oareford"  # near miss: a peer of a place
