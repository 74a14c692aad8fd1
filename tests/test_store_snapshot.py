"""The snapshot's line layout (format 3): opened without reading every record, read lazily,
still one JSON document; files of the previous layout open and are migrated; damage found
lazily is reported, kept and repaired; a fold killed half-way loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import orjson
import pytest

from store.annotations import AnnotationStore, StoreCorrupt, repair_store
from store.annotations.snapshot import FORMAT

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _verify_saves(monkeypatch):
    """Every fold is checked: one JSON document, and it reads back to the state in memory."""
    monkeypatch.setenv("QUOTELENS_STORE_VERIFY", "1")


def records(n: int, prefix: str = "art") -> list[dict]:
    return [
        {
            "quote_id": f"{prefix}-{i // 4}#q{i:05d}",
            "article_id": f"{prefix}-{i // 4}",
            "text": f"We will build {i} new schools this year",
            "start": i,
            "end": i + 30,
            "tags": ["schools"] if i % 3 == 0 else [],
            "note": f"note {i}" if i % 2 else "",
            "status": "accepted" if i % 5 == 0 else "unreviewed",
        }
        for i in range(n)
    ]


def first_line(path: Path) -> dict:
    line = path.read_bytes().split(b"\n", 1)[0]
    return orjson.loads(line[len(b'{"_meta":{"1":') : -len(b"},")])


def test_many_records_round_trip_through_edits_deletions_and_folds(tmp_path):
    store = AnnotationStore(tmp_path, who="ann")
    store.import_records(records(1500))  # ~16 buckets
    expected = {a.quote_id: a for a in store.all()}
    for i in range(0, 1500, 97):
        qid = f"art-{i // 4}#q{i:05d}"
        store.set_note(qid, f"edited {i}")
        expected[qid] = store.get(qid)
    for i in range(1, 1500, 211):
        qid = f"art-{i // 4}#q{i:05d}"
        store.remove(qid)
        expected.pop(qid)
    added = store.add_quote("new-article", 3, 20, "A quote the extractor missed")
    expected[added.quote_id] = added
    store.storage.save_snapshot()
    assert first_line(store.path)["format"] == FORMAT
    again = AnnotationStore(tmp_path)
    assert len(again) == len(expected)
    assert {a.quote_id: a for a in again.all()} == expected
    # the file is still one JSON document that any JSON reader (or an older quotelens) reads
    whole = orjson.loads(store.path.read_bytes())
    assert set(whole["annotations"]) == set(expected)
    assert whole["annotations"][added.quote_id]["text"] == "A quote the extractor missed"


def test_open_reads_the_directory_not_the_records(tmp_path):
    AnnotationStore(tmp_path, who="ann").import_records(records(3000))
    store = AnnotationStore(tmp_path)
    assert len(store) == 3000
    table = store._table.records()
    assert not table._good and not any(table._parsed)  # nothing parsed yet
    assert store.get("art-10#q00041").note == "note 41"
    assert len(table._good) == 1  # one record read, one bucket's index parsed
    assert sum(ix is not None for ix in table._index) == 1


def test_a_file_of_the_previous_layout_opens_and_is_migrated_at_the_next_save(tmp_path):
    recs = {r["quote_id"]: r for r in records(40)}
    people = {"ann lee": {"name": "Ann Lee", "gender": "woman"}}
    old = orjson.dumps(
        {
            "_meta": {"1": {"token": "a" * 32, "base": "b" * 16, "journal": 0, "format": 2}},
            "annotations": recs,
            "people": people,
            "state": {"analysis": {"value": "k1"}},
        }
    )
    path = tmp_path / "annotations.json"
    path.write_bytes(old)
    store = AnnotationStore(tmp_path, who="ann")
    assert store.get("art-1#q00005").note == "note 5" and len(store) == 40
    assert store.storage.needs_migration
    assert store.person_overrides().gender_of("ann lee") == "woman"
    store.tag("art-1#q00005", "checked")
    assert first_line(path)["format"] == FORMAT  # rewritten at the first save
    assert (tmp_path / "annotations.json.bak").read_bytes() == old  # the old file is the backup
    fresh = AnnotationStore(tmp_path)
    assert fresh.get("art-1#q00005").tags == ("checked",)
    assert {a.quote_id for a in fresh.all()} == set(recs)
    assert fresh.person_overrides().gender_of("ann lee") == "woman"
    assert fresh.get_state("analysis") == "k1"


def test_a_file_edited_by_hand_is_read_whole_and_keeps_the_edit(tmp_path):
    store = AnnotationStore(tmp_path, who="ann")
    store.import_records(records(300))
    path = store.path
    edited = path.read_bytes().replace(b'"note":"note 7"', b'"note":"note 7, checked by hand"')
    path.write_bytes(edited)  # valid JSON, but the directory no longer matches
    reader = AnnotationStore(tmp_path)
    assert reader.get("art-1#q00007").note == "note 7, checked by hand"
    assert reader.storage.needs_migration and not reader.warnings
    reader.set_note("art-1#q00008", "more")
    assert first_line(path)["format"] == FORMAT
    assert AnnotationStore(tmp_path).get("art-1#q00007").note == "note 7, checked by hand"


def _damage_in_place(path: Path, old: bytes, new: bytes) -> None:
    """Overwrite bytes of the file in place, keeping its length (a disk error, an editor)."""
    assert len(old) == len(new)
    raw = path.read_bytes()
    at = raw.index(old)
    with open(path, "r+b") as fh:
        fh.seek(at)
        fh.write(new)


def test_a_damaged_record_is_found_when_first_read_reported_kept_and_repaired(tmp_path):
    store = AnnotationStore(tmp_path, who="ann")
    store.import_records(records(600))
    path = store.path
    _damage_in_place(path, b'"art-2#q00009":{"quote_id"', b'"art-2#q00009":["quote_id"')  # not JSON any more
    text = b'"text":"We will build 12 new schools this year"'
    _damage_in_place(path, text, b'"text":7.0'.ljust(len(text)))  # JSON, but of the wrong shape

    reader = AnnotationStore(tmp_path)
    assert len(reader) == 600 and not reader.warnings  # opening reads no record
    assert reader.get("art-2#q00008").note == ""  # its neighbours read fine
    assert reader.get("art-2#q00009") is None
    assert any("'art-2#q00009'" in w and "store repair" in w for w in reader.warnings)
    assert "art-2#q00009" not in reader
    problems = reader.invalid_records()  # every record read: the second one is found too
    assert len(problems) == 2 and any("'art-3#q00012'" in m and "text must be a text" in m for m in problems)
    assert len(reader) == 598 and len(reader.all()) == 598

    # a save and a fold keep the damaged records' bytes: nothing is lost before repair
    reader.set_note("art-2#q00008", "still works")
    reader.storage.save_snapshot()
    assert b'"art-2#q00009":["quote_id"' in path.read_bytes()
    with pytest.raises(Exception, match="not valid"):
        reader.set_note("art-2#q00009", "refused")

    report = repair_store(path)
    assert report.action == "set aside" and report.n_invalid == 2 and report.n_total == 598
    side = orjson.loads(report.invalid_copy.read_bytes())["annotations"]
    assert side["art-2#q00009"]["record"].startswith('"art-2#q00009":["quote_id"')  # the raw line, kept
    assert side["art-3#q00012"]["record"]["text"] == 7.0
    fresh = AnnotationStore(tmp_path)
    assert fresh.check() == 598 and not fresh.warnings
    assert fresh.get("art-2#q00008").note == "still works"


def test_a_torn_header_is_refused_untouched_and_repaired_from_the_backup(tmp_path):
    store = AnnotationStore(tmp_path, who="ann")
    store.import_records(records(200))
    store.set_note("art-0#q00001", "first")  # (small files fold at every save: a backup exists)
    store.set_note("art-0#q00001", "second")
    path = store.path
    raw = path.read_bytes()
    cut = raw.index(b"\n") + 40  # in the middle of the directory line
    path.write_bytes(raw[:cut])
    with pytest.raises(StoreCorrupt, match="store repair"):
        AnnotationStore(tmp_path).get("art-0#q00001")
    assert path.read_bytes() == raw[:cut]  # never written over
    report = repair_store(path)
    assert report.action in ("restored", "merged")
    fresh = AnnotationStore(tmp_path)
    assert len(fresh) == 200 and fresh.get("art-0#q00001").note == "second"  # the history replayed


def test_a_file_cut_short_in_its_records_is_refused_and_salvaged(tmp_path):
    store = AnnotationStore(tmp_path, who="ann")
    store.import_records(records(400))
    path = store.path
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) * 3 // 4])
    (tmp_path / "annotations.json.bak").unlink(missing_ok=True)
    with pytest.raises(StoreCorrupt):
        AnnotationStore(tmp_path).check()
    report = repair_store(path, mode="salvage")
    assert 200 < report.n_salvaged < 400
    assert AnnotationStore(tmp_path).check() == report.n_salvaged


def test_a_reader_of_an_older_snapshot_sees_another_process_s_fold_correctly(tmp_path):
    AnnotationStore(tmp_path, who="a").import_records(records(800))
    mine = AnnotationStore(tmp_path, who="a")
    assert mine.get("art-0#q00000") is not None  # open, read one record
    other = AnnotationStore(tmp_path, who="b")
    other.set_note("art-50#q00201", "from b")
    other.remove("art-60#q00241")
    other.storage.save_snapshot()  # a new file: its records sit elsewhere
    other.set_note("art-70#q00281", "after the fold")
    assert mine.get("art-50#q00201").note == "from b"
    assert mine.get("art-60#q00241") is None
    assert mine.get("art-70#q00281").note == "after the fold"
    assert mine.get("art-100#q00401").note == "note 401"  # a record never read before
    mine.set_note("art-100#q00401", "from a")
    mine.storage.save_snapshot()
    final = {a.quote_id: a.note for a in AnnotationStore(tmp_path).all()}
    assert len(final) == 799 and final["art-100#q00401"] == "from a" and final["art-50#q00201"] == "from b"


FOLDER = textwrap.dedent(
    """
    import sys
    from store.annotations import AnnotationStore
    store = AnnotationStore(sys.argv[1], who="folder")
    i = 0
    while True:  # over the 500 records art-N#q(4N) again and again: never a new record
        store.set_note(f"art-{i % 500}#q{i % 500 * 4:05d}", f"fold {i}")
        print(i, flush=True)
        store.storage.save_snapshot()
        i += 1
    """
)


@pytest.mark.slow
@pytest.mark.soak
def test_kill9_during_a_fold_loses_nothing_acknowledged(tmp_path, monkeypatch):
    monkeypatch.delenv("QUOTELENS_STORE_VERIFY")
    AnnotationStore(tmp_path, who="setup").import_records(records(2000))
    env = {k: v for k, v in os.environ.items() if k != "QUOTELENS_STORE_VERIFY"}
    env["PYTHONPATH"] = str(ROOT)
    for round_ in range(4):
        proc = subprocess.Popen(
            [sys.executable, "-c", FOLDER, str(tmp_path)], stdout=subprocess.PIPE, env=env, cwd=str(ROOT), text=True
        )
        assert proc.stdout is not None
        acknowledged = -1
        deadline = time.monotonic() + 60
        # wait until a fold is under way (its temp file exists), a few saves in, then kill
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            acknowledged = int(line)
            if acknowledged >= 2 + round_ and any(tmp_path.glob(".annotations.json.tmp-*")):
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        store = AnnotationStore(tmp_path, who="check")
        assert store.check() == 2000
        assert not [w for w in store.warnings if "not valid" in w]  # (a torn history line may be reported)
        for i in range(max(0, acknowledged - 499), acknowledged + 1):  # each record's last acknowledged note
            assert store.get(f"art-{i % 500}#q{i % 500 * 4:05d}").note == f"fold {i}"
        store.set_note("art-0#q00000", f"after kill {round_}")  # the store is writable again
        assert not any(tmp_path.glob(".annotations.json.tmp-*"))  # the dead writer's temp file is gone


def test_a_store_that_outgrows_its_buckets_keeps_every_record(tmp_path):
    store = AnnotationStore(tmp_path, who="ann")
    store.import_records(records(100))  # one bucket
    store.set_note("art-3#q00013", "kept through the regrouping")
    store.import_records(records(700, prefix="more"))  # 800 records: 8 buckets, every line moves
    store.remove("art-4#q00017")
    store.storage.save_snapshot()
    fresh = AnnotationStore(tmp_path)
    assert len(fresh.all()) == 799 and not fresh.warnings
    assert fresh.get("art-3#q00013").note == "kept through the regrouping"
    assert fresh.get("more-174#q00699").note == "note 699" and fresh.get("art-4#q00017") is None
    assert len(fresh._table.records().buckets) == 8
