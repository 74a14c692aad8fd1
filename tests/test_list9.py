"""Speaker lists, ninth round: an organisation under a label the NER read as a person ("Old Labour"), a
president named with and without his middle initial, a newspaper quoted by its acronym.

Sentences and articles written for these tests, run through real spaCy; each rule beside a near miss it
leaves alone.
"""

from __future__ import annotations

import numpy as np
from test_speaker_lists4 import _merged

from corpus.entities import raw_mentions
from corpus.not_people import relabel_not_people
from corpus.org_aliases import acronym_merges

# --- an organisation with a word in front ---------------------------------------------------------------


def _labels(nlp, text: str) -> dict[str, str]:
    return {t: label for t, _, _, label in raw_mentions(nlp(text))}


def test_an_english_word_in_front_of_an_organisation_is_no_first_name(nlp):
    # "old" is nowhere in lower case here; the name table knows "Old" as the first name of a few dozen people
    # only: an English word, not a name
    text = (
        "Labour has promised more money for schools. "
        "The minister said the party had changed in ways Old Labour never did."
    )
    doc = nlp(text)
    assert ("Old Labour", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    assert _labels(nlp, text)["Old Labour"] == "ORG"


def test_a_first_name_in_front_of_an_organisations_name_stays_a_person(nlp):
    # near miss: the same article with a first name many people have ("Derek") in front of "Labour"
    text = "Labour has promised more money for schools. The minister said Derek Labour never did."
    doc = nlp(text)
    start = text.index("Derek")
    mentions = [("Labour", 0, 6, "ORG"), ("Derek Labour", start, start + 12, "PERSON")]
    assert relabel_not_people(doc, mentions)[1][3] == "PERSON"


# --- a middle initial written or left out ---------------------------------------------------------------


def test_a_middle_initial_left_out_in_as_many_articles_is_still_one_person():
    # writers drop a middle initial as a matter of style: both forms frequent, no article with both
    articles = [["george w bush", "iraq"]] * 5 + [["george bush", "iraq"]] * 4 + [["bush", "iraq"]]
    merged = _merged(articles)
    assert merged["george w bush"] == merged["george bush"] == merged["bush"]
    # near miss: two spellings of a first name, each in as many articles, are two people's names
    two = _merged([["carol hale", "leeds"]] * 5 + [["carole hale", "leeds"]] * 4)
    assert two["carol hale"] != two["carole hale"]
    assert _merged([["carol hale", "leeds"]] * 5 + [["carole hale", "leeds"]])["carole hale"] == "carol hale"
    # near miss: an article that names both (father and son) still keeps them apart
    both = _merged([["george w bush", "george bush"]] + [["george w bush"]] * 4 + [["george bush"]] * 4)
    assert both["george w bush"] != both["george bush"]


# --- an acronym quoted as a speaker ---------------------------------------------------------------------


def test_an_acronym_only_ever_said_as_a_speaker_joins_the_one_known_organisation_it_spells():
    names = ["FT", "Financial Times", "RSA", "Reliability and Service Awards", "NHS"]
    acronym = np.array([True, False, True, False, True])
    never_labelled = np.array([True, False, True, False, True])
    n_articles = np.array([0, 12, 0, 1, 0])
    merges = acronym_merges(names, acronym, ~acronym, np.ones(len(names)), lambda kids: {}, never_labelled, n_articles)
    # "FT said" → the Financial Times, named in twelve articles; "RSA" spells an organisation of one article
    # only (a firm of that name is as likely); "NHS" spells nothing here
    assert merges == {0: 1}
    # a telecoms firm of one article spelling "FT" too, however often it names it there, is no rival to a
    # newspaper named in twelve articles; one named in five is
    names2 = names + ["Fireside Telecom"]
    acronym2, never2 = np.append(acronym, False), np.append(never_labelled, False)
    weight = np.array([1, 12, 1, 1, 1, 9])
    merges = acronym_merges(names2, acronym2, ~acronym2, weight, lambda kids: {}, never2, np.append(n_articles, 1))
    assert merges == {0: 1}
    rival = acronym_merges(names2, acronym2, ~acronym2, weight, lambda kids: {}, never2, np.append(n_articles, 5))
    assert rival == {}
    # near miss: an acronym the NER labelled (a name of its own somewhere) needs an article writing it so
    labelled = np.array([False, False, False, False, False])
    assert acronym_merges(names, acronym, ~acronym, np.ones(len(names)), lambda kids: {}, labelled, n_articles) == {}
