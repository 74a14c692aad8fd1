"""The annotation store: API, undo/redo, history, tags, anchoring (real files in tmp_path)."""

from __future__ import annotations

import os

import orjson
import pytest

from corpus.models import Quote, quote_id, with_quote_ids
from store.anchoring import plan_reattach
from store.annotations import AnnotationStore, StoreCorrupt, StoreWriteError, repair_store, salvage_records


@pytest.fixture(autouse=True)
def _verify_spliced_saves(monkeypatch):
    """Every fold is checked: one JSON document that reads back to the state in memory (see SafeJSONStorage)."""
    monkeypatch.setenv("QUOTELENS_STORE_VERIFY", "1")


TEXT = (
    'The mayor said "We will fix the roads before winter." Critics were unconvinced. '
    '"It is a promise we have heard before," said Ann Lee. The mayor said the budget was ready.'
)


def quotes_of(article_id: str, spans: list[tuple[int, int]], kind: str = "direct") -> list[Quote]:
    qs = [Quote(id="", text=TEXT[s:e], start=s, end=e, kind=kind) for s, e in spans]
    return with_quote_ids(article_id, qs)


def q(article: str = "a1", text: str = "We will fix the roads", start: int = 16, n: int = 0) -> Quote:
    return Quote(id=quote_id(article, text, n), text=text, start=start, end=start + len(text), kind="direct")


@pytest.fixture
def store(tmp_path):
    s = AnnotationStore(tmp_path, who="tester", source="test")
    yield s
    s.close()


def test_fields_roundtrip_and_persist(tmp_path, store):
    quote = q()
    store.update(
        quote,
        add_tags=["economy", "Check"],
        note="line 1\nline 2",
        status="accepted",
        speaker="Jane Doe",
        span=(16, 40, "We will fix the roads be"),
    )
    a = store.get(quote.id)
    assert a.tags == ("economy", "Check") and a.note == "line 1\nline 2" and a.status == "accepted"
    assert a.speaker == "Jane Doe" and (a.span.start, a.span.end) == (16, 40)
    assert a.article_id == "a1" and a.text == quote.text and a.created and a.updated and a.by == "tester"
    again = AnnotationStore(tmp_path)  # another process would see the same
    assert again.get(quote.id) == a
    raw = orjson.loads((tmp_path / "annotations.json").read_bytes())
    assert quote.id in raw["annotations"] and raw["_meta"]["1"]["token"]


def test_tags_dedupe_untag_and_autocomplete(store):
    store.tag(q(), "economy", "Economy ", "health")
    store.tag(q(text="Other words here"), "economy", "elections")
    assert store.get(q().id).tags == ("economy", "health")
    assert store.tags() == [("economy", 2), ("elections", 1), ("health", 1)]
    assert store.tag_names("e") == ["economy", "elections"]
    assert store.tag_names("H") == ["health"]
    store.untag(q(), "ECONOMY")
    assert store.get(q().id).tags == ("health",)
    with pytest.raises(ValueError):
        store.tag(q(), "  ")
    with pytest.raises(ValueError):
        store.set_status(q(), "maybe")


def test_empty_annotation_is_dropped_and_noop_is_not_a_change(store):
    assert store.tag(q(), "x") is not None
    assert store.tag(q(), "x") is None  # nothing changed
    store.untag(q(), "x")
    assert q().id not in store and len(store) == 0


def test_undo_redo_sequence(store):
    a, b = q(), q(text="Another quote entirely")
    store.tag(a, "one")
    store.set_note(a, "first")
    store.set_status(b, "rejected")
    assert store.undo().label.startswith("undo")
    assert store.get(b.id) is None
    store.undo()
    assert store.get(a.id).note == ""
    store.redo()
    assert store.get(a.id).note == "first"
    store.undo()
    store.undo()
    assert len(store) == 0 and not store.can_undo()
    assert store.undo() is None
    store.redo()
    assert store.get(a.id).tags == ("one",)
    # a new change clears the redo stack
    store.set_speaker(a, "Ann Lee")
    assert not store.can_redo()
    assert store.redo() is None
    store.undo()
    assert store.get(a.id).speaker is None and store.get(a.id).tags == ("one",)


def test_undo_leaves_other_writers_fields_alone(tmp_path):
    mine, theirs = AnnotationStore(tmp_path, who="me"), AnnotationStore(tmp_path, who="them")
    mine.update(q(), note="my note", add_tags=["mine"])
    theirs.set_status(q(), "accepted")
    theirs.update(q(), add_tags=["theirs"])
    ch = mine.undo()
    a = mine.get(q().id)
    assert a.note == "" and a.status == "accepted"
    assert a.tags == ("theirs",) and not ch.conflicts  # tags are a set: only mine is taken back
    mine.set_note(q(), "mine again")
    theirs.set_note(q(), "theirs now")
    ch = mine.undo()
    assert mine.get(q().id).note == "theirs now" and ch.conflicts == (f"{q().id}:note",)


def test_persisted_undo_scope_all(tmp_path):
    AnnotationStore(tmp_path).tag(q(), "cli")
    AnnotationStore(tmp_path).set_note(q(), "from cli")
    s = AnnotationStore(tmp_path)
    assert not s.can_undo() and s.can_undo(scope="all")
    s.undo(scope="all")
    assert AnnotationStore(tmp_path).get(q().id).note == ""
    AnnotationStore(tmp_path).undo(scope="all")
    assert AnnotationStore(tmp_path).get(q().id) is None
    AnnotationStore(tmp_path).redo(scope="all")
    assert AnnotationStore(tmp_path).get(q().id).tags == ("cli",)


def test_history_lists_who_when_what(store):
    store.tag(q(), "a")
    store.set_note(q(text="Something else"), "n")
    store.undo()
    hist = store.history()
    assert [c.op for c in hist] == ["update", "update", "undo"]
    assert all(c.who == "tester" and c.ts for c in hist)
    assert [c.op for c in store.history(quote_id=q().id)] == ["update"]
    assert hist[-1].undoes == hist[1].id
    # a torn last line (crash mid-append) is skipped
    with open(store.history_path, "ab") as fh:
        fh.write(b'{"id": "broken", "ts"')
    assert len(store.history()) == 3


def test_batch_is_one_save_and_one_undo_step(store):
    writes = store.storage.writes
    with store.batch("tag three"):
        for i in range(3):
            store.tag(q(text=f"quote number {i}"), "bulk")
    assert store.storage.writes == writes + 1
    assert len(store) == 3 and store.history()[-1].op == "batch"
    store.undo()
    assert len(store) == 0


def test_batch_error_saves_nothing(store):
    store.tag(q(), "keep")
    with pytest.raises(RuntimeError):
        with store.batch():
            store.tag(q(text="in batch"), "lost")
            raise RuntimeError("boom")
    assert len(store) == 1 and AnnotationStore(store.path).get(q(text="in batch").id) is None


def test_user_added_quotes(store):
    a = store.add_quote("a1", 120, 160, "the budget was ready", speaker="The mayor", kind="indirect")
    assert a.user_added and a.status == "accepted" and a.quote_id.startswith("a1#u")
    assert store.user_quotes("a1") == [a] and store.user_quotes("other") == []
    store.undo()
    assert store.user_quotes() == []
    with pytest.raises(ValueError):
        store.add_quote("a1", 10, 5, "x")


def test_adding_a_quote_again_keeps_what_was_recorded_on_it(store):
    first = store.add_quote(
        "a1", 120, 160, "the budget was ready", speaker="The mayor", tags=["keep"], note="important", status="rejected"
    )
    again = store.add_quote("a1", 120, 160, "the budget was ready", tags=["budget"])
    assert again.quote_id == first.quote_id
    assert again.tags == ("keep", "budget") and again.note == "important"
    assert again.speaker == "The mayor" and again.status == "rejected"
    on_disk = AnnotationStore(store.path).get(first.quote_id)
    assert on_disk.tags == ("keep", "budget") and on_disk.created == first.created
    # the same again with nothing new: no change, nothing to undo beyond the real ones
    before = len(store.history())
    store.add_quote("a1", 120, 160, "the budget was ready")
    assert len(store.history()) == before


def test_reads_see_other_process_writes(tmp_path):
    a, b = AnnotationStore(tmp_path), AnnotationStore(tmp_path)
    assert len(a) == 0
    b.tag(q(), "from-b")
    assert a.get(q().id).tags == ("from-b",)
    a.tag(q(), "from-a")
    assert b.get(q().id).tags == ("from-b", "from-a")
    assert a.tags() == [("from-a", 1), ("from-b", 1)]


def test_write_failure_keeps_last_good_state(tmp_path, store, monkeypatch):
    store.set_note(q(), "saved")
    before = (tmp_path / "annotations.json").read_bytes()

    def no_space(fd):
        raise OSError(28, "No space left on device")

    history = (tmp_path / "annotations.history.jsonl").read_bytes()
    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(StoreWriteError) as err:  # the history line is the commit: it could not be made durable
        store.set_note(q(), "lost")
    assert "annotations.history.jsonl" in str(err.value) and "disk is full" in str(err.value)
    monkeypatch.undo()
    assert (tmp_path / "annotations.json").read_bytes() == before
    assert (tmp_path / "annotations.history.jsonl").read_bytes() == history
    assert store.get(q().id).note == "saved"  # memory reloaded from disk, not the failed state
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]
    assert store.history()[-1].items[0].after["note"] == "saved"
    store.set_note(q(), "retry works")
    assert AnnotationStore(tmp_path).get(q().id).note == "retry works"


def test_partial_write_then_error(tmp_path, store, monkeypatch):
    import store.files as ss

    store.set_note(q(), "good")
    before = (tmp_path / "annotations.json").read_bytes()
    real = ss._write_all

    def half(fd, chunks):
        os.write(fd, b"".join(chunks)[:50])
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(ss, "_write_all", half)
    with pytest.warns(RuntimeWarning, match="Your change is saved in"):
        store.set_note(q(), "kept")  # committed to the history (journal); only the fold failed
    monkeypatch.setattr(ss, "_write_all", real)
    assert (tmp_path / "annotations.json").read_bytes() == before  # the half-written fold never shows
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]
    assert AnnotationStore(tmp_path).get(q().id).note == "kept"
    store.set_note(q(), "later")  # the next save folds it in
    assert b"later" in (tmp_path / "annotations.json").read_bytes()


def test_backup_is_previous_version(tmp_path, store):
    store.set_note(q(), "v1")
    store.set_note(q(), "v2")
    bak = orjson.loads((tmp_path / "annotations.json.bak").read_bytes())
    assert bak["annotations"][q().id]["note"] == "v1"


def test_corrupt_file_refused_untouched_and_repaired(tmp_path, store):
    for i in range(20):
        store.update(q(text=f"quote {i}"), note=f"note {i}", add_tags=["t"])
    path = tmp_path / "annotations.json"
    raw = path.read_bytes()
    damaged = raw[: len(raw) // 2] + b"\x00GARBAGE" + raw[len(raw) // 2 + 40 :]
    path.write_bytes(damaged)
    fresh = AnnotationStore(tmp_path)
    with pytest.raises(StoreCorrupt) as err:
        fresh.tag(q(), "x")
    msg = str(err.value)
    assert str(path) in msg and "annotations.json.bak" in msg and "quotelens store repair" in msg
    with pytest.raises(StoreCorrupt):
        len(store)  # the already-open store notices too
    assert path.read_bytes() == damaged  # never overwritten
    report = repair_store(path)
    assert report.action == "merged" and report.corrupt_copy.read_bytes() == damaged
    repaired = AnnotationStore(tmp_path)
    assert len(repaired) == 20  # backup (19) + salvaged newer records
    assert repaired.get(q(text="quote 19").id).note == "note 19"
    assert repair_store(path).action == "ok"


def test_truncated_file_salvage(tmp_path, store):
    for i in range(10):
        store.set_note(q(text=f"quote {i}"), f"n{i}")
    raw = (tmp_path / "annotations.json").read_bytes()
    got = salvage_records(raw[: int(len(raw) * 0.7)])
    assert 5 <= len(got) < 10
    (tmp_path / "annotations.json").write_bytes(raw[: int(len(raw) * 0.7)])
    (tmp_path / "annotations.json.bak").unlink()
    report = repair_store(tmp_path, mode="salvage")
    assert report.action == "salvaged" and len(AnnotationStore(tmp_path)) == len(got)


def test_empty_file_with_backup_is_corrupt(tmp_path, store):
    store.set_note(q(), "a")
    store.set_note(q(), "b")
    (tmp_path / "annotations.json").write_bytes(b"")
    with pytest.raises(StoreCorrupt):
        AnnotationStore(tmp_path).get(q().id)
    assert repair_store(tmp_path, mode="backup").action == "restored"
    # the backup, plus the history lines after it: nothing is lost
    assert AnnotationStore(tmp_path).get(q().id).note == "b"


def test_stale_temp_files_cleaned(tmp_path, store):
    junk = tmp_path / ".annotations.json.tmp-999999999-abcd"
    junk.write_bytes(b"partial")
    store.tag(q(), "x")
    assert not junk.exists()


# --- anchoring -----------------------------------------------------------------


def test_reattach_offsets_move_text_same(store):
    old = quotes_of("a1", [(16, 52), (81, 115)])
    store.update(old[0], add_tags=["roads"])
    store.set_note(old[1], "check")
    # re-ingest: same texts, offsets moved (e.g. the article got a new first line)
    shifted = [Quote(id=x.id, text=x.text, start=x.start + 10, end=x.end + 10, kind=x.kind) for x in old]
    report = store.reattach({"a1": shifted})
    assert report.moved == 2 and report.orphaned == 0
    assert store.get(old[0].id).start == 26 and store.get(old[0].id).tags == ("roads",)


def test_reattach_moves_a_corrected_span_with_its_quote(store):
    old = quotes_of("a1", [(16, 52)])[0]
    store.set_span(old, 19, 40, "will fix the roads be")
    shifted = Quote(id=old.id, text=old.text, start=old.start + 63, end=old.end + 63, kind=old.kind)
    store.reattach({"a1": [shifted]})
    span = AnnotationStore(store.path).get(old.id).span
    assert (span.start, span.end, span.text) == (82, 103, "will fix the roads be")


def test_reattach_span_changed_rekeys(store):
    old = quotes_of("a1", [(16, 52)])[0]  # "We will fix the roads before winter."
    store.update(old, add_tags=["roads"], status="accepted")
    new = quotes_of("a1", [(16, 51)])[0]  # the new extractor drops the full stop: same normalised text
    assert new.id == old.id  # normalisation keeps the id here
    newer = quotes_of("a1", [(16, 37)])[0]  # "We will fix the roads" (shorter span)
    report = store.reattach({"a1": [newer]})
    assert report.rekeyed == 1
    assert store.get(old.id) is None
    a = store.get(newer.id)
    assert a.tags == ("roads",) and a.status == "accepted" and a.start == 16 and not a.orphan


def test_reattach_orphans_and_restores(store):
    old = quotes_of("a1", [(16, 52), (81, 115)])
    store.set_note(old[0], "keep me")
    store.set_note(old[1], "me too")
    report = store.reattach({"a1": [old[1]]})
    assert report.orphaned == 1 and report.kept == 1
    orphans = store.orphans()
    assert [o.quote_id for o in orphans] == [old[0].id] and orphans[0].note == "keep me"
    # articles not re-analysed are left alone
    assert store.reattach({"other": []}).orphaned == 0
    # the quote comes back (e.g. model switched back)
    report = store.reattach({"a1": old})
    assert report.restored == 1 and store.orphans() == []
    assert not store.can_undo() or store.history()[-1].op == "reattach"


def test_reattach_occurrence_shift(store):
    text = "Yes"
    first = Quote(id=quote_id("a1", text, 0), text=text, start=5, end=8, kind="direct")
    second = Quote(id=quote_id("a1", text, 1), text=text, start=50, end=53, kind="direct")
    store.set_note(second, "the second yes")
    # the first occurrence is no longer extracted: the second now has occurrence 0
    now = Quote(id=quote_id("a1", text, 0), text=text, start=50, end=53, kind="direct")
    report = store.reattach({"a1": [now]})
    assert report.rekeyed == 1 and store.get(now.id).note == "the second yes"
    assert first.id == now.id and store.get(second.id) is None


def test_plan_does_not_give_one_quote_to_two_annotations():
    recs = [
        {"quote_id": "a#1", "article_id": "a", "text": "we will fix the roads", "start": 0, "end": 21},
        {"quote_id": "a#2", "article_id": "a", "text": "we will fix the roads soon", "start": 0, "end": 26},
    ]
    new = Quote(id="a#3", text="We will fix the roads soon, he said", start=0, end=35, kind="direct")
    plan = plan_reattach(recs, {"a": [new]})
    assert plan.report.rekeyed == 1 and plan.report.orphaned == 1


def test_index_stays_right_incrementally_and_after_other_writers(tmp_path, store):
    other = AnnotationStore(tmp_path)
    store.tag(q(), "a", "b")
    assert store.tags() == [("a", 1), ("b", 1)]
    store.tag(q(text="second quote"), "a")
    store.untag(q(), "b")
    assert store.tags() == [("a", 2)]
    other.tag(q(article="a2", text="elsewhere"), "c")
    assert store.tags() == [("a", 2), ("c", 1)]
    assert [x.quote_id for x in store.for_article("a2")] == [q(article="a2", text="elsewhere").id]
    store.remove(q().id)
    assert store.tags() == [("a", 1), ("c", 1)] and store.article_ids() == {"a1", "a2"}
    rebuilt = AnnotationStore(tmp_path)
    assert rebuilt.tags() == store.tags()


def test_threads_share_one_store(store):
    import threading

    def work(n):
        for i in range(25):
            store.tag(q(text=f"thread {n} quote {i}"), f"t{n}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(AnnotationStore(store.path)) == 100
    assert dict(store.tags()) == {"t0": 25, "t1": 25, "t2": 25, "t3": 25}


class FakeWorkspace:
    """What ensure_anchored needs of a store.workspace.Workspace."""

    def __init__(self, store, quotes_by_article, akey="model-a:v1", from_snapshot=False):
        self.annotations = store
        self.quotes = quotes_by_article
        self.analysis_key = akey
        self.from_snapshot = from_snapshot

    def article(self, article_id):
        if article_id not in self.quotes:
            raise KeyError(article_id)
        return object()

    def analysis(self, article_id):
        from corpus.models import Analysis

        return Analysis(quotes=tuple(self.quotes[article_id]))

    def covers(self, article_id):
        return True  # the whole corpus is opened


def test_ensure_anchored_runs_when_the_analysis_changes(store):
    from store.anchoring import ensure_anchored

    old = quotes_of("a1", [(16, 52), (81, 115)])
    store.set_note(old[0], "n0")
    store.set_note(old[1], "n1")
    assert ensure_anchored(FakeWorkspace(store, {"a1": old})).kept == 2
    # same analysis, corpus unchanged: nothing read
    assert ensure_anchored(FakeWorkspace(store, {}, from_snapshot=True)) is None
    # a new extractor finds only a shorter version of the first quote
    new = quotes_of("a1", [(16, 37)])
    report = ensure_anchored(FakeWorkspace(store, {"a1": new}, akey="model-a:v2", from_snapshot=True))
    assert report.rekeyed == 1 and report.orphaned == 1
    assert store.get(new[0].id).note == "n0" and [o.note for o in store.orphans()] == ["n1"]
    # the article leaves the corpus: its annotations are orphaned, never dropped
    report = ensure_anchored(FakeWorkspace(store, {}, akey="model-a:v3"))
    assert report.orphaned == 1 and len(store) == 2


def test_two_store_objects_in_two_threads(tmp_path):
    import threading

    a, b = AnnotationStore(tmp_path), AnnotationStore(tmp_path)

    def work(s, n):
        for i in range(30):
            s.tag(f"x#{n}-{i}", "t")
            s.tag("x#common", f"{n}-{i}")

    threads = [threading.Thread(target=work, args=(s, n)) for n, s in enumerate((a, b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    c = AnnotationStore(tmp_path)
    assert len(c) == 61 and len(c.get("x#common").tags) == 60


def test_in_place_edit_of_the_file_is_noticed(tmp_path, store):
    store.set_note(q(), "mine")
    path = tmp_path / "annotations.json"
    raw = path.read_bytes()
    i = raw.index(b'"note":"mine"')
    with open(path, "r+b") as fh:  # same size, same inode, same token: an editor writing in place
        fh.seek(i)
        fh.write(b'"note":"MINE"')
    import time

    time.sleep(0.01)
    os.utime(path)  # coarse clocks: make sure the mtime moves
    assert store.get(q().id).note == "MINE"


def test_read_only_directory_simulated(tmp_path, store, monkeypatch):
    """Root ignores permissions, so the read-only file system is simulated at the syscall."""
    import errno

    store.set_note(q(), "kept")
    real_open = os.open

    def ro_open(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", ro_open)
    with pytest.raises(StoreWriteError) as err:
        store.set_note(q(), "lost")
    assert "read-only" in str(err.value) and "annotations.json" in str(err.value)
    monkeypatch.undo()
    assert AnnotationStore(tmp_path).get(q().id).note == "kept"


def test_lock_failure_is_a_write_error(tmp_path, store, monkeypatch):
    import filelock

    def denied(self, *a, **k):
        raise PermissionError(13, "Permission denied", str(self.lock_file))

    monkeypatch.setattr(filelock.FileLock, "acquire", denied)
    with pytest.raises(StoreWriteError) as err:
        store.tag(q(), "x")
    assert "lock" in str(err.value) and "permission denied" in str(err.value)
    assert len(AnnotationStore(tmp_path)) == 0  # reading needs no lock


def test_missing_file_with_a_backup_is_not_started_afresh(tmp_path, store):
    store.set_note(q(), "v1")
    store.set_note(q(), "v2")
    (tmp_path / "annotations.json").unlink()
    with pytest.raises(StoreCorrupt) as err:
        AnnotationStore(tmp_path).tag(q(text="new"), "x")
    assert "missing" in str(err.value)
    assert repair_store(tmp_path).action == "restored"
    assert AnnotationStore(tmp_path).get(q().id).note == "v2"  # the backup + the history after it


def test_find_and_quote_ids(store):
    store.update(q(), add_tags=["Economy"], status="accepted")
    store.update(q(text="two"), add_tags=["economy"], status="rejected")
    store.add_quote("a1", 1, 9, "added q")
    assert store.quote_ids(tag="ECONOMY") == {q().id, q(text="two").id}
    assert [a.quote_id for a in store.find(tag="economy", status="rejected")] == [q(text="two").id]
    assert len(store.quote_ids(status="accepted")) == 2 and len(store.quote_ids(user_added=True)) == 1
    assert store.quote_ids(orphan=True) == set()


def test_salvage_does_not_depend_on_key_order():
    raw = (
        b'{"_meta":{},"annotations":{"a#1":{"tags":["x"],"span":{"start":1,"end":2,"text":"y"},'
        b'"quote_id":"a#1","note":"n"},"a#2":{"quote_id":"a#2","note":"m"},"a#3":{"quote_id":"a#3","no'
    )
    got = salvage_records(raw)
    assert set(got) == {"a#1", "a#2"} and got["a#1"]["span"]["end"] == 2


def test_no_undo_across_a_reattach_that_moved_the_quote(store):
    old = quotes_of("a1", [(16, 52)])[0]
    other = q(article="a2", text="untouched by the re-analysis")
    store.set_note(other, "earlier")
    store.set_note(old, "n")
    newer = quotes_of("a1", [(16, 37)])[0]
    assert store.reattach({"a1": [newer]}).rekeyed == 1
    store.undo()  # skips the change whose quote moved (its ids are stale) and undoes the earlier one
    assert store.get(old.id) is None and store.get(newer.id).note == "n"
    assert store.get(other.id) is None
    assert store.undo() is None


def test_backup_rotation_when_backup_is_already_the_current_file(tmp_path, store):
    """A writer killed between the backup step and the replace leaves .bak == the file."""
    store.set_note(q(), "v1")
    path, bak = tmp_path / "annotations.json", tmp_path / "annotations.json.bak"
    bak.unlink(missing_ok=True)
    os.link(path, bak)
    store.set_note(q(), "v2")
    assert not [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name]
    assert orjson.loads(bak.read_bytes())["annotations"][q().id]["note"] == "v1"
