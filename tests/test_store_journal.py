"""The journal: a save appends one history line instead of rewriting the store file; the
file is a snapshot folded from the history now and then; other processes catch up from
the history lines alone (real files, real processes)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import store.annotations.core as core
from store.annotations import AnnotationStore

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.usefixtures("verify_spliced_saves")


@pytest.fixture
def big_enough(monkeypatch):
    """Thresholds scaled down so a store of a few hundred records behaves like a large one."""
    monkeypatch.setattr(core, "SMALL_SNAPSHOT", 1_000)
    monkeypatch.setattr(core, "FOLD_BYTES", 20_000)


def _records(n: int) -> list[dict]:
    return [
        {"quote_id": f"a{i // 8}#{i:06x}", "article_id": f"a{i // 8}", "text": f"quote {i}", "tags": ["t"]}
        for i in range(n)
    ]


def test_a_save_appends_and_other_processes_catch_up_without_rereading(tmp_path, big_enough):
    path = tmp_path / "annotations.json"
    s = AnnotationStore(tmp_path)
    s.import_records(_records(300))
    snapshot = path.read_bytes()
    ids = [r["quote_id"] for r in _records(3)]
    s.set_note(ids[0], "one")
    assert path.read_bytes() == snapshot  # the save did not rewrite the store file
    other = AnnotationStore(tmp_path)
    assert other.get(ids[0]).note == "one"  # snapshot + the history line after it
    reads = other.storage.full_reads
    s.set_note(ids[1], "two")
    other.tag(ids[1], "x")  # the other process applies s's line, then appends its own
    assert other.get(ids[1]).note == "two" and s.get(ids[1]).tags == ("t", "x")
    for i in range(150):  # enough history to fold it into the snapshot (once or more)
        s.set_note(ids[2], f"n{i}")
    assert path.read_bytes() != snapshot and s.storage.snapshot_writes >= 1
    assert other.get(ids[2]).note == "n149"
    assert other.storage.full_reads == reads  # a fold of the same history is adopted, not re-parsed
    fresh = AnnotationStore(tmp_path)
    assert [fresh.get(i).note for i in ids] == ["one", "two", "n149"] and len(fresh) == 300
    assert fresh.storage.journal_tail < 20_000


def test_undo_and_people_go_through_the_journal(tmp_path, big_enough):
    s = AnnotationStore(tmp_path)
    s.import_records(_records(300))
    s.merge_person("goodale", "ralph goodale", source_name="Goodale", target_name="Ralph Goodale")
    s.set_status("a0#000000", "accepted")
    s.undo()
    fresh = AnnotationStore(tmp_path)
    assert fresh.get("a0#000000").status == "unreviewed"
    assert fresh.person_overrides().merged_into == {"goodale": "ralph goodale"}


KILLED_WRITER = textwrap.dedent(
    """
    import sys
    import store.annotations.core as core
    from store.annotations import AnnotationStore
    core.SMALL_SNAPSHOT, core.FOLD_BYTES = 1_000, 20_000
    store = AnnotationStore(sys.argv[1], who=sys.argv[2])
    i = 0
    while True:
        store.set_note(f"a{i % 40}#{sys.argv[2]}{i % 40}", f"{sys.argv[2]} {i}")
        print(i, flush=True)
        i += 1
    """
)


@pytest.mark.soak
def test_kill9_during_saves_and_folds_loses_no_acknowledged_save(tmp_path, big_enough):
    AnnotationStore(tmp_path).import_records(_records(300))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for round_ in range(6):
        p = subprocess.Popen(
            [sys.executable, "-c", KILLED_WRITER, str(tmp_path), f"w{round_}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        last = -1
        for line in p.stdout:  # let it run until it has saved past a fold or two
            last = int(line)
            if last >= 60 + round_ * 7:
                break
        p.kill()
        _, err = p.communicate()
        assert last >= 60 + round_ * 7, err  # the writer was killed, it did not fail
        s = AnnotationStore(tmp_path)
        for i in range(max(0, last - 39), last + 1):  # the latest acknowledged note of each quote, or later
            who, n = s.get(f"a{i % 40}#w{round_}{i % 40}").note.split()
            assert who == f"w{round_}" and int(n) >= i
        assert len(s) == 300 + 40 * (round_ + 1)  # and nothing of the earlier writers went missing
