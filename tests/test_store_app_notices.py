"""The app tells what the command line tells on opening: a damaged cache rebuilt, records of
the wrong shape ignored, a damaged history line skipped (as notifications)."""

from __future__ import annotations

import asyncio
import time

import orjson

from corpus.readers import SAMPLE_CORPUS
from store.cache import CACHE_FILE


async def _until(condition, pilot, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        await pilot.pause(0.02) if pilot is not None else await asyncio.sleep(0.02)


async def test_the_app_notifies_a_rebuilt_cache_and_the_stores_warnings(store_dir, nlp):
    from store.workspace import Workspace
    from tui.app import QuotelensApp

    cache = store_dir / CACHE_FILE
    for side in ("-wal", "-shm"):
        (store_dir / (CACHE_FILE + side)).unlink(missing_ok=True)
    cache.write_bytes(b"this is not a database" * 100)
    store = store_dir / "annotations.json"
    records = {
        "good#1": {"quote_id": "good#1", "article_id": "good", "tags": ["ok"]},
        "bad#tags": {"quote_id": "bad#tags", "tags": "abc"},
    }
    # the snapshot folds in none of the history, whose first line is damaged
    store.write_bytes(orjson.dumps({"_meta": {"1": {"token": "0" * 32, "journal": 0}}, "annotations": records}))
    history = store_dir / "annotations.history.jsonl"
    history.write_bytes(b'{"id": "20260101000000-abcdef", "op": "upd\n')

    def factory(progress, status, cancel):
        return Workspace.open([SAMPLE_CORPUS], store_dir=store_dir, progress=progress, status=status, cancel=cancel)

    app = QuotelensApp(factory, corpus_label="sample corpus")
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(lambda: app.main is not None and app.main.is_mounted, pilot)
        await pilot.pause()
        shown = {(n.title, n.message) for n in app._notifications}
        cache_notes = [m for t, m in shown if t == "Analysis cache"]
        assert any("was damaged" in m and str(cache) in m and "rebuilt from the corpus" in m for m in cache_notes)
        store_notes = [m for t, m in shown if t == "Annotations"]
        assert any("'bad#tags'" in m and "tags must be a list" in m and "store repair" in m for m in store_notes)
        assert any("Line 1 of the history file" in m and str(history) in m for m in store_notes)
        assert not any("good#1" in m for m in store_notes)
        # the rest goes on: the good record is there, the bad one kept in the file for repair
        assert app.workspace is not None and app.workspace.annotations.get("good#1") is not None
    assert "bad#tags" in orjson.loads(store.read_bytes())["annotations"]
