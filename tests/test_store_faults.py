"""The annotation store's edges: a torn or cut-short history line, records of the wrong
shape, a failed save and the backup, and whose change undo takes (real files, real processes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import orjson
import pytest

from store.annotations import AnnotationStore, StoreError, repair_store
from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.usefixtures("verify_spliced_saves")


def test_a_torn_history_line_is_skipped_with_a_warning_and_undo_takes_the_right_change(tmp_path):
    s = AnnotationStore(tmp_path, who="me", source="cli")
    s.tag("a#1", "first")
    s.tag("a#2", "second")
    with open(s.history_path, "ab") as fh:  # a crash mid-append: no newline at the end
        fh.write(b'{"id": "20260101000000-abcdef", "ts": "2026-01-01T00:00:00Z", "op": "upd')
    later = AnnotationStore(tmp_path, who="me", source="cli")
    later.tag("a#3", "third")  # starts on a line of its own: the torn line does not swallow it
    hist = later.history()
    assert [c.label for c in hist] == ["+first", "+second", "+third"]
    assert any("Line 3 of the history file" in w and str(later.history_path) in w for w in later.warnings)
    change = AnnotationStore(tmp_path, who="me", source="cli").undo(scope="actor")
    assert change.label == "undo +third"
    fresh = AnnotationStore(tmp_path)
    assert fresh.get("a#3") is None and fresh.get("a#2").tags == ("second",)


def test_history_stores_what_changed_not_whole_records(tmp_path):
    s = AnnotationStore(tmp_path)
    s.update("a#1", add_tags=["x", "y"], note="n" * 500, status="accepted")
    s.set_status("a#1", "rejected")
    last = orjson.loads(s.history_path.read_bytes().splitlines()[-1])
    (item,) = last["items"]
    assert item["before"] == {"status": "accepted"} and item["after"] == {"status": "rejected"}
    s.undo()
    assert AnnotationStore(tmp_path).get("a#1").status == "accepted"


HISTORY_FSIZE = textwrap.dedent(
    """
    import os, resource, signal, sys
    from store.annotations import AnnotationStore, StoreWriteError
    path = sys.argv[1]
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
    limit = os.path.getsize(os.path.join(path, "annotations.history.jsonl")) + 200
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    store = AnnotationStore(path)
    try:
        store.set_note("a#1", "y" * 1000)  # the history line (the commit) does not fit
    except StoreWriteError as exc:
        print("ERROR", exc)
        sys.exit(3)
    """
)


def test_a_cut_short_history_append_is_cut_back_off_and_the_save_refused(tmp_path):
    s = AnnotationStore(tmp_path)
    for i in range(40):
        s.set_note("a#1", f"{i} " + "x" * 1500)
    before = s.history_path.read_bytes()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run(
        [sys.executable, "-c", HISTORY_FSIZE, str(tmp_path)], capture_output=True, text=True, env=env, timeout=60
    )
    assert r.returncode == 3, (r.stdout, r.stderr)
    assert "annotations.history.jsonl" in r.stdout and "too large" in r.stdout
    assert s.history_path.read_bytes() == before  # no torn line left behind
    again = AnnotationStore(tmp_path)
    assert len(again.history()) == 40 and not again.warnings
    assert again.get("a#1").note.startswith("39 ")  # the change that could not be recorded did not happen


def test_a_failed_save_does_not_replace_the_backup(tmp_path, monkeypatch):
    s = AnnotationStore(tmp_path)
    s.set_note("a#1", "v1")
    s.set_note("a#1", "v2")
    path, bak = tmp_path / "annotations.json", tmp_path / "annotations.json.bak"
    file_before, bak_before = path.read_bytes(), bak.read_bytes()
    real_replace = os.replace

    def refuse(src, dst, *a, **kw):  # what an immutable (chattr +i) store file does to the rename
        if Path(dst) == path:
            raise PermissionError(1, "Operation not permitted", str(dst))
        return real_replace(src, dst, *a, **kw)

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.warns(RuntimeWarning, match="not permitted"):
        s.set_note("a#1", "v3")  # committed to the history; folding it into the file fails
    monkeypatch.undo()
    assert path.read_bytes() == file_before and bak.read_bytes() == bak_before
    assert not [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name]
    assert AnnotationStore(tmp_path).get("a#1").note == "v3"


def _write_store(path: Path, records: dict) -> None:
    path.write_bytes(orjson.dumps({"_meta": {"1": {"token": "0" * 32}}, "annotations": records}))


BAD = {
    "good#1": {"quote_id": "good#1", "article_id": "good", "tags": ["ok"]},
    "bad#string": "just a string",
    "bad#number": {"quote_id": 12345, "tags": []},
    "bad#tags": {"quote_id": "bad#tags", "tags": "abc"},
}


def test_records_of_the_wrong_shape_are_ignored_reported_refused_and_set_aside(tmp_path, capsys):
    path = tmp_path / "annotations.json"
    _write_store(path, BAD)
    s = AnnotationStore(tmp_path)
    assert [a.quote_id for a in s.all()] == ["good#1"] and len(s) == 1 and s.tags() == [("ok", 1)]
    assert s.get("bad#tags") is None and "bad#tags" not in s
    assert len(s.warnings) == 3 and all(str(path) in w and "store repair" in w for w in s.warnings)
    assert any("'bad#tags'" in w and "tags must be a list" in w for w in s.warnings)
    with pytest.raises(StoreError, match="not valid"):  # never overwritten before it is set aside
        s.tag("bad#tags", "x")
    s.tag("good#1", "more")  # the rest goes on, the bad records stay in the file
    assert set(orjson.loads(path.read_bytes())["annotations"]) == set(BAD)

    capsys.readouterr()
    assert main(["store", "check", "--store", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "3 record(s) of the wrong shape" in err and "bad#number" in err

    report = repair_store(path)
    assert report.action == "set aside" and report.n_invalid == 3 and report.n_total == 1
    kept = json.loads(report.invalid_copy.read_text())
    assert kept["annotations"]["bad#string"]["record"] == "just a string"
    assert kept["annotations"]["bad#tags"]["record"]["tags"] == "abc"
    fresh = AnnotationStore(tmp_path)
    assert [a.tags for a in fresh.all()] == [("ok", "more")] and not fresh.warnings
    assert main(["store", "check", "--store", str(tmp_path)]) == 0


def test_cli_undo_takes_the_cli_users_change_never_another_process_change_in_between(tmp_path, monkeypatch):
    mine = AnnotationStore(tmp_path, who="me", source="cli")
    mine.tag("a#1", "mine")
    AnnotationStore(tmp_path, who="me", source="app").tag("a#2", "in the app")
    AnnotationStore(tmp_path, who="you", source="cli").tag("a#3", "yours")
    AnnotationStore(tmp_path, who="you", source="cli").tag("a#1", "yours too")
    change = AnnotationStore(tmp_path, who="me", source="cli").undo(scope="actor")
    assert change.label == "undo +mine" and change.source == "cli"
    s = AnnotationStore(tmp_path)
    assert s.get("a#1").tags == ("yours too",)  # the other writer's tag on the same quote stays
    assert s.get("a#2").tags == ("in the app",) and s.get("a#3").tags == ("yours",)
    assert AnnotationStore(tmp_path, who="me", source="cli").undo(scope="actor") is None


def test_a_history_line_with_a_record_of_the_wrong_shape_is_skipped_not_applied(tmp_path):
    s = AnnotationStore(tmp_path)
    s.tag("a#1", "x")
    line = b'{"id":"20260101000000-aaaaaa","ts":"t","op":"update","items":[{"quote_id":"b#1","before":null,'
    line += b'"after":{"quote_id":"b#1","tags":"not a list"}}]}\n'
    with open(s.history_path, "ab") as fh:  # as a hand edit (or a foreign tool) might leave it
        fh.write(line)
    again = AnnotationStore(tmp_path)
    assert [a.quote_id for a in again.all()] == ["a#1"]
    assert any("Line 2 of the history file" in w for w in again.warnings)


def _immutable(path: Path, on: bool) -> bool:
    """``chattr +i`` (even root cannot write, rename over or delete the file); False where unsupported."""
    r = subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True)
    return r.returncode == 0


def test_an_immutable_store_file_keeps_the_backup_and_the_change(tmp_path):
    s = AnnotationStore(tmp_path)
    s.set_note("a#1", "v1")
    s.set_note("a#1", "v2")
    path, bak = tmp_path / "annotations.json", tmp_path / "annotations.json.bak"
    file_before, bak_before = path.read_bytes(), bak.read_bytes()
    if not _immutable(path, True):
        pytest.skip("chattr +i is not available here")
    try:
        with pytest.warns(RuntimeWarning, match="not permitted"):
            s.set_note("a#1", "v3")  # in the history; the file cannot be replaced
        assert path.read_bytes() == file_before and bak.read_bytes() == bak_before
        assert AnnotationStore(tmp_path).get("a#1").note == "v3"
    finally:
        _immutable(path, False)
    s.set_note("a#1", "v4")  # the next save brings the file up to date
    assert b'"v4"' in path.read_bytes() and AnnotationStore(tmp_path).get("a#1").note == "v4"


def test_records_of_a_shape_already_seen_are_still_checked_value_by_value():
    from store.annotations.records import record_problem

    good = {"quote_id": "a#1", "tags": ["x"], "status": "accepted", "span": {"start": 1, "end": 2, "text": "t"}}
    assert record_problem("a#1", good) is None
    for key, rec, problem in [
        ("b#1", {**good, "quote_id": "b#1", "tags": [1]}, "tags must be a list of texts"),
        ("c#1", {**good, "quote_id": "c#1", "status": "maybe"}, "status must be one of"),
        ("d#1", {**good}, "is not the text 'd#1'"),
        ("e#1", {**good, "quote_id": "e#1", "span": {"start": "1", "end": 2}}, "span must be"),
    ]:
        assert problem in (record_problem(key, rec) or ""), key
