"""Which person a he/she speaker is (issue 12, "entity-centric resolver"): the person a clause is
about when the text names them beside a role, and the near misses each rule must leave alone.

Every sentence here is written for the test; each rule has a near-miss it must not fire on.
"""

from __future__ import annotations

from corpus.quotes.api import quotes_from_text


def _names(nlp, text):
    return [(q.speaker.text if q.speaker else None, q.speaker_name) for q in quotes_from_text(text, nlp=nlp)]


# --- a name in apposition to the subject is who the clause is about ---------------------------------


def test_a_name_set_beside_the_subject_role_is_taken_up_by_he(nlp):
    # "Ruiz's campaign chairman, Paul Berg, dismissed …": the clause is about Berg, though Ruiz is
    # named after him; the next "he said" is Berg's
    text = (
        "Senator Tom Ruiz spoke to reporters in Denver on Monday. "
        "Ruiz's campaign chairman, Paul Berg, dismissed the criticism of Ruiz as noise. "
        "He said the campaign had raised more money than ever."
    )
    assert _names(nlp, text)[-1] == ("He", "Paul Berg")


def test_a_name_set_beside_the_object_is_not_the_subject(nlp):
    # near-miss: Berg is in apposition to the object; the subject, Ruiz, stays who "he" is
    text = (
        "Senator Tom Ruiz met his campaign chairman, Paul Berg, in Denver on Monday. "
        "He said the campaign had raised more money than ever."
    )
    assert _names(nlp, text)[-1] == ("He", "Tom Ruiz")
