"""Snapshots of the overlays and screens of tuipolish, at 80×24 and 160×50: help, the command
palette, export (format, file, replace?), the tag and speaker prompts, a choice menu, the note
editor and the loading screen.

Regenerate after an intended change with
``pytest tests/test_tui_polish_snapshots.py --snapshot-update`` and look at the report.
Deterministic: no clock, no temporary paths on screen, the store copied from one session ingest.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui import make_app, ready, settled, until
from textual.app import App
from textual.widgets import Input, TextArea

from tui.keymap import Config

SIZES = [(80, 24), (160, 50)]
CONFIG = Config(path=Path("config.toml"), quick_tags=["policy", "economy", "follow-up"])


def _after(*keys: str, wait=None):
    """run_before: the main screen open, ``keys`` pressed, then ``wait(app)`` true."""

    async def run_before(pilot) -> None:
        app = pilot.app
        await ready(app, pilot)
        app.clear_notifications()
        for key in keys:
            await pilot.press(key)
        if wait is not None:
            await until(lambda: wait(app), pilot=pilot)
        await settled(app, pilot)
        # a blinking cursor is on or off depending on the moment (the note editor's TextArea too:
        # it went off in a snapshot when the machine was slow to settle after the last key)
        for field in app.screen.query(Input):
            field.cursor_blink = False
        for area in app.screen.query(TextArea):
            area.cursor_blink = False
        await pilot.pause()

    return run_before


def _is(screen_name: str):
    return lambda app: type(app.screen).__name__ == screen_name


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_help(snap_compare, store_dir, size):
    app = make_app(store_dir, config=CONFIG)
    assert snap_compare(app, terminal_size=size, run_before=_after("question_mark", wait=_help_filled))


def _help_filled(app: App) -> bool:
    """The help is open and every section is in (it fills a section at a time)."""
    return _is("HelpScreen")(app) and app.screen.filled


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_command_palette(snap_compare, store_dir, size):
    def listed(app) -> bool:
        """Every action listed, Screenshot (the last) too: the palette fills in batches."""
        from textual.command import CommandList, CommandPalette

        palette = app.screen
        if not isinstance(palette, CommandPalette):
            return False
        commands = palette.query_one(CommandList)
        rows = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
        return any(row.startswith("Screenshot") for row in rows)

    app = make_app(store_dir, config=CONFIG)
    assert snap_compare(app, terminal_size=size, run_before=_after("ctrl+p", wait=listed))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_export_formats(snap_compare, store_dir, size):
    app = make_app(store_dir, config=CONFIG)
    assert snap_compare(app, terminal_size=size, run_before=_after("ctrl+e", wait=_is("ChoiceScreen")))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_export_file_prompt(snap_compare, store_dir, size, monkeypatch):
    monkeypatch.chdir("/tmp")  # the proposed folder, the same on every run
    app = make_app(store_dir, config=CONFIG)
    assert snap_compare(app, terminal_size=size, run_before=_after("ctrl+e", "enter", wait=_is("PromptScreen")))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_tag_prompt_with_a_suggestion_highlighted(snap_compare, store_dir, size):
    app = make_app(store_dir, config=CONFIG)
    assert snap_compare(app, terminal_size=size, run_before=_after("t", "o", wait=_is("PromptScreen")))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_speaker_prompt(snap_compare, store_dir, size):
    app = make_app(store_dir, config=CONFIG)
    assert snap_compare(app, terminal_size=size, run_before=_after("s", wait=_is("PromptScreen")))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_quick_tags_menu(snap_compare, store_dir, size):
    app = make_app(store_dir, config=CONFIG)
    assert snap_compare(app, terminal_size=size, run_before=_after("number_sign", wait=_is("ChoiceScreen")))


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
@pytest.mark.slow
def test_note_editor(snap_compare, store_dir, size):
    keys = ("n", *"First line.", "enter", *"Second line, longer than the first.")
    app = make_app(store_dir, config=CONFIG)
    assert snap_compare(app, terminal_size=size, run_before=_after(*keys, wait=_is("NoteEditorScreen")))


class _ConfirmHost(App[None]):
    """The replace-a-file question of the export, on its own (its real folder is a temp path)."""

    def on_mount(self) -> None:
        from tui.screens.choice import ChoiceScreen

        self.push_screen(
            ChoiceScreen(
                "quotelens-quotes.csv exists",
                [("rename", "Choose another name"), ("replace", "Replace quotelens-quotes.csv")],
                hint="in /home/reviewer/exports · esc cancels the export",
            )
        )


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_replace_confirmation(snap_compare, size):
    assert snap_compare(_ConfirmHost(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
@pytest.mark.slow  # dominates `make check` (still runs in `make test`)
def test_loading_screen(snap_compare, size):
    """Opening a corpus: the progress of the analysis, frozen half-way."""
    from tui.app import QuotelensApp

    def factory(progress, status, cancel):
        progress(120, 417, 48_210)
        cancel.wait(30)  # frozen until the app closes after the snapshot (it sets cancel, as when a user quits)
        raise RuntimeError("stopped")

    app = QuotelensApp(factory, corpus_label="bbc/politics", config=CONFIG)

    async def run_before(pilot) -> None:
        from textual.widgets import ProgressBar

        await until(
            lambda: pilot.app.screen.query(ProgressBar) and pilot.app.screen.query_one(ProgressBar).total, pilot=pilot
        )
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
