"""Snapshot tests of the main screen on the sample corpus, at 80×24 and 160×50.

Regenerate after an intended change with ``pytest tests/test_tui_snapshots.py --snapshot-update``
and look at the report. Deterministic: no clock, no temp paths on screen, the
store copied from one session ingest.
"""

from __future__ import annotations

from test_tui import make_app, ready, settled


def _run_before(keys: tuple[str, ...] = ()):
    async def run_before(pilot) -> None:
        app = pilot.app
        await ready(app, pilot)
        for key in keys:
            await pilot.press(key)
        await settled(app, pilot)
        app.clear_notifications()
        await pilot.pause()

    return run_before


def test_main_screen_80x24(snap_compare, store_dir):
    assert snap_compare(make_app(store_dir), terminal_size=(80, 24), run_before=_run_before())


def test_main_screen_160x50(snap_compare, store_dir):
    assert snap_compare(make_app(store_dir), terminal_size=(160, 50), run_before=_run_before())


def test_main_screen_160x50_reviewing(snap_compare, store_dir):
    """A reviewed quote, entity highlighting on, the second quote focused."""
    assert snap_compare(make_app(store_dir), terminal_size=(160, 50), run_before=_run_before(("a", "e")))
