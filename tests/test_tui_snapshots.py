"""Snapshot tests of the main screen on the sample corpus, at 80×24 and 160×50.

Regenerate after an intended change with ``pytest tests/test_tui_snapshots.py --snapshot-update``
and look at the report. Deterministic: no clock, no temp paths on screen, the
store copied from one session ingest.
"""

from __future__ import annotations

import pytest
from test_tui import make_app, ready, settled

from tui.widgets.search_line import SearchLine


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


# --- a day of review (issue 14): progress, many quotes at once, search as you type, the sidebar narrowed --------


def _run_then_wait(keys: tuple[str, ...], condition=None, notifications: bool = False):
    from test_tui import until

    async def run_before(pilot) -> None:
        app = pilot.app
        await ready(app, pilot)
        for key in keys:
            if len(key) > 1 and key.startswith("="):  # "=text": the search line takes it whole
                app.main.query_one(SearchLine).value = key[1:]  # (typed key by key, each pause may search)
            else:
                await pilot.press(key)
            # The next key acts on what the screen shows once this one is done: a filter's quotes
            # are found in a worker, and an ``a`` pressed before they arrive accepts a quote of
            # the list being replaced (on a loaded machine, other quotes ended up accepted).
            await settled(app, pilot)
        if condition is not None:
            await until(lambda: condition(app), pilot=pilot)
        app.main.query_one(SearchLine).cursor_blink = False  # a blinking cursor is never the same twice
        await settled(app, pilot)
        await pilot.wait_for_scheduled_animations()
        # Where the reader lands after a live filter depends on when the typing paused (not what
        # these pictures are about): its top, always.
        app.main.reader.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        if not notifications:
            app.clear_notifications()
        await pilot.pause()

    return run_before


FILTERED_AND_REVIEWED = ("f", "j", "j", "j", "j", "enter", "enter", "a", "a")  # kind: direct, two accepted
BULK_CONFIRMATION = ("B", "enter")  # accept all → "Accept the N quotes of this article?"
SEARCHING = ("slash", "=Magnit")


def _searched(app) -> bool:
    return app.main.filters.search == "Magnit"


def _sidebar_narrowed(app) -> bool:
    return app.main.sidebar.border_title == "Entities · filter"


def test_filtered_with_progress_80x24(snap_compare, store_dir):
    assert snap_compare(make_app(store_dir), terminal_size=(80, 24), run_before=_run_then_wait(FILTERED_AND_REVIEWED))


@pytest.mark.slow
def test_filtered_with_progress_160x50(snap_compare, store_dir):
    assert snap_compare(make_app(store_dir), terminal_size=(160, 50), run_before=_run_then_wait(FILTERED_AND_REVIEWED))


def test_bulk_confirmation_80x24(snap_compare, store_dir):
    assert snap_compare(make_app(store_dir), terminal_size=(80, 24), run_before=_run_then_wait(BULK_CONFIRMATION))


def test_bulk_confirmation_160x50(snap_compare, store_dir):
    assert snap_compare(make_app(store_dir), terminal_size=(160, 50), run_before=_run_then_wait(BULK_CONFIRMATION))


def test_search_as_you_type_80x24(snap_compare, store_dir):
    run_before = _run_then_wait(SEARCHING, _searched)
    assert snap_compare(make_app(store_dir), terminal_size=(80, 24), run_before=run_before)


def test_search_as_you_type_160x50(snap_compare, store_dir):
    run_before = _run_then_wait(SEARCHING, _searched)
    assert snap_compare(make_app(store_dir), terminal_size=(160, 50), run_before=run_before)


def test_corpus_sidebar_narrowed_to_the_filter_160x50(snap_compare, store_dir):
    run_before = _run_then_wait(("S", *SEARCHING, "enter"), _sidebar_narrowed)
    assert snap_compare(make_app(store_dir), terminal_size=(160, 50), run_before=run_before)
