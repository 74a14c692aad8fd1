"""Person corrections in the annotation store: a gender label corpus-wide and merging two
people, with undo/redo, history, reopening and two writers (real files, real processes)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from corpus.models import entity_key
from store.annotations import AnnotationStore, PersonOverrides
from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.usefixtures("verify_spliced_saves")

GOODALE, RALPH = entity_key("Goodale"), entity_key("Ralph Goodale")


@pytest.fixture
def store(tmp_path):
    s = AnnotationStore(tmp_path, who="tester", source="test")
    yield s
    s.close()


def test_gender_label_is_any_text_and_survives_reopen(tmp_path, store):
    assert store.person_overrides() == PersonOverrides({}, {}, {})
    change = store.set_person_gender(entity_key("Alex Kim"), "non-binary", name="Alex Kim")
    assert change is not None and change.label == "gender of Alex Kim: non-binary"
    assert change.person_keys == ["alex kim"] and change.quote_ids == []
    again = AnnotationStore(tmp_path)
    assert again.person_overrides().gender == {"alex kim": "non-binary"}
    assert again.person_overrides().gender_of("alex kim") == "non-binary"
    assert again.person_overrides().names["alex kim"] == "Alex Kim"
    # the same label again is not a change; None clears it and drops the record
    assert store.set_person_gender("alex kim", "non-binary", name="Alex Kim") is None
    store.set_person_gender("alex kim", None, name="Alex Kim")
    assert AnnotationStore(tmp_path).person_overrides().gender == {}
    assert len(AnnotationStore(tmp_path)) == 0  # person corrections are not quote annotations


def test_merge_then_undo_redo_and_gender_follows_the_target(store):
    store.set_person_gender(RALPH, "male", name="Ralph Goodale")
    change = store.merge_person(GOODALE, RALPH, source_name="Goodale", target_name="Ralph Goodale")
    assert change.label == "merge Goodale into Ralph Goodale"
    o = store.person_overrides()
    assert o.merged_into == {GOODALE: RALPH} and o.resolve(GOODALE) == RALPH
    assert o.gender_of(GOODALE) == "male" and o.names[RALPH] == "Ralph Goodale"
    undone = store.undo()
    assert undone.label == "undo merge Goodale into Ralph Goodale"
    assert store.person_overrides().merged_into == {}
    assert store.person_overrides().gender == {RALPH: "male"}
    store.redo()
    assert store.person_overrides().merged_into == {GOODALE: RALPH}
    store.undo()
    store.undo()
    assert store.person_overrides() == PersonOverrides({}, {}, {})


def test_merges_chain_and_refuse_loops(store):
    store.merge_person("goodale", "ralph goodale", source_name="Goodale", target_name="Ralph Goodale")
    store.merge_person("r goodale", "goodale", source_name="R. Goodale", target_name="Goodale")
    assert store.person_overrides().resolve("r goodale") == "ralph goodale"
    with pytest.raises(ValueError, match="into themselves"):
        store.merge_person("ralph goodale", "r goodale", source_name="Ralph Goodale", target_name="R. Goodale")
    with pytest.raises(ValueError):
        store.merge_person("goodale", "goodale", source_name="Goodale", target_name="Goodale")
    store.unmerge_person("goodale", name="Goodale")
    assert store.person_overrides().merged_into == {"r goodale": "goodale"}


def test_person_and_quote_changes_in_one_batch_undo_together(store):
    with store.batch("fix Goodale"):
        store.tag("a1#abc", "checked")
        store.merge_person(GOODALE, RALPH, source_name="Goodale", target_name="Ralph Goodale")
    change = store.history()[-1]
    assert change.quote_ids == ["a1#abc"] and change.person_keys == [GOODALE]
    store.undo()
    assert store.get("a1#abc") is None and store.person_overrides().merged_into == {}


def test_undo_leaves_a_gender_another_writer_set_since(tmp_path):
    mine, theirs = AnnotationStore(tmp_path, who="me"), AnnotationStore(tmp_path, who="them")
    mine.merge_person(GOODALE, RALPH, source_name="Goodale", target_name="Ralph Goodale")
    theirs.set_person_gender(GOODALE, "female", name="Goodale")
    change = mine.undo()
    o = AnnotationStore(tmp_path).person_overrides()
    assert o.merged_into == {} and o.gender == {GOODALE: "female"}
    assert not change.conflicts


WRITER = textwrap.dedent(
    """
    import sys
    from store.annotations import AnnotationStore
    path, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = AnnotationStore(path, who=prefix)
    for i in range(count):
        store.set_person_gender(f"{prefix} person {i}", f"label {i}", name=f"{prefix} Person {i}")
        store.tag(f"art#{prefix}{i}", prefix)
    """
)


def test_two_processes_correct_people_at_once(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), p, "40"], env=env, stderr=subprocess.PIPE)
        for p in ("alpha", "beta")
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    s = AnnotationStore(tmp_path)
    assert len(s.person_overrides().gender) == 80 and len(s) == 80
    assert len(s.history()) == 160


def test_history_command_names_people(tmp_path, capsys):
    s = AnnotationStore(tmp_path, source="cli")
    s.set_person_gender(GOODALE, "male", name="Goodale")
    s.merge_person(GOODALE, RALPH, source_name="Goodale", target_name="Ralph Goodale")
    capsys.readouterr()
    assert main(["history", "--store", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "person Goodale: gender ∅ → male" in out
    assert "person Goodale: merged into Ralph Goodale" in out
