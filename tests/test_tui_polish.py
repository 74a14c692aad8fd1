"""The app's prompts, quick tags, export, help and palette, driven with Pilot as a user would.

Each test asserts what the screen shows and, where the flow writes something,
the file on disk (the annotation store, the user's config, the exported file).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from test_tui import on_disk, opened, ready, screen_text, settled, until
from textual.widgets import Input, OptionList

from tui.screens.prompt import PromptScreen


async def _prompt(app, pilot) -> PromptScreen:
    await until(lambda: isinstance(app.screen, PromptScreen), pilot=pilot)
    await pilot.pause()
    assert isinstance(app.screen, PromptScreen)
    return app.screen


# --- prompts: Enter takes the highlighted suggestion ---------------------------------------


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_enter_in_the_tag_prompt_takes_the_highlighted_suggestion(store_dir, config_file):
    config_file.write_text('quick_tags = ["policy", "economy"]\n')
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        quote_id = screen.quotes.current.id
        await pilot.press("t")
        prompt = await _prompt(app, pilot)
        await pilot.press("p")
        options = prompt.query_one(OptionList)
        # the first row keeps what was typed; the best suggestion is highlighted
        assert [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)][1:] == ["policy"]
        assert prompt.highlighted_value == "policy"
        await pilot.press("enter")
        await settled(app, pilot)
        assert screen.quotes.current.tags == ("policy",)
        assert on_disk(store_dir).get(quote_id).tags == ("policy",)


async def test_a_key_typed_right_after_t_is_not_lost(store_dir, config_file):
    """`t p` typed faster than the prompt opens: the p still lands in the prompt."""
    from textual import events

    config_file.write_text('quick_tags = ["policy"]\n')
    async with opened(store_dir) as (app, pilot):
        for key in "tp":  # both queued before the app handles the first
            app.post_message(events.Key(key, key))
        prompt = await _prompt(app, pilot)
        await until(lambda: prompt.query_one(Input).value == "p", pilot=pilot)
        assert prompt.highlighted_value == "policy"


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_up_onto_the_typed_row_keeps_a_new_tag_as_typed(store_dir, config_file):
    config_file.write_text('quick_tags = ["policy"]\n')
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        quote_id = screen.quotes.current.id
        await pilot.press("t")
        prompt = await _prompt(app, pilot)
        await pilot.press("p", "o")
        assert prompt.highlighted_value == "policy"
        await pilot.press("up")
        assert prompt.highlighted_value == "po"
        assert "new tag" in str(prompt.query_one(OptionList).get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settled(app, pilot)
        assert on_disk(store_dir).get(quote_id).tags == ("po",)


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_a_tag_nobody_suggested_is_taken_as_typed(store_dir):
    async with opened(store_dir) as (app, pilot):
        quote_id = app.main.quotes.current.id
        await pilot.press("t", *"brand-new", "enter")
        await settled(app, pilot)
        assert on_disk(store_dir).get(quote_id).tags == ("brand-new",)


@pytest.mark.slow
async def test_speaker_prompt_keeps_its_value_and_takes_a_highlighted_name(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        row = screen.quotes.current
        await pilot.press("s")
        prompt = await _prompt(app, pilot)
        assert prompt.query_one(Input).value == row.speaker
        # untouched, Enter changes nothing
        await pilot.press("enter")
        await settled(app, pilot)
        assert on_disk(store_dir).get(row.id) is None
        # a few letters of another speaker, Enter: that speaker
        await pilot.press("s")
        prompt = await _prompt(app, pilot)
        others = [n for n in prompt._suggestions if n != row.speaker]
        target = others[0]
        await pilot.press("ctrl+u", *target[:4])  # ctrl+u clears the input
        assert prompt.highlighted_value is not None
        expected = prompt.highlighted_value
        assert expected.casefold().startswith(target[:4].casefold())
        await pilot.press("enter")
        await settled(app, pilot)
        assert on_disk(store_dir).get(row.id).speaker == expected
        assert screen.quotes.quote_at(0).speaker == expected


# --- quick tags from the app ---------------------------------------------------------------


@pytest.mark.slow  # dominates `make check` (still runs in `make test`)
async def test_quick_tags_are_set_from_the_app_and_saved_to_the_config(store_dir, config_file):
    config_file.write_text('# my settings\ntheme = "textual-dark"\n\n[keymap]\naccept = "a"\n')
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        quote_id = screen.quotes.current.id
        await pilot.press("1")  # no quick tag yet: the menu opens on "add"
        await until(lambda: app.screen.query(OptionList), pilot=pilot)
        await pilot.press("enter")
        prompt = await _prompt(app, pilot)
        assert prompt.query_one(Input).value == ""
        await pilot.press(*"economy", "enter")
        await pilot.pause()
        assert screen.quick_tags == ["economy"]
        saved = config_file.read_text()
        assert saved.startswith('quick_tags = ["economy"]\n# my settings')  # the rest kept as written
        assert tomllib.loads(saved)["keymap"] == {"accept": "a"}
        await pilot.press("1")  # now it tags
        await settled(app, pilot)
        assert on_disk(store_dir).get(quote_id).tags == ("economy",)
        # the help names it
        await pilot.press("question_mark")
        await until(lambda: getattr(app.screen, "filled", False), pilot=pilot)
        assert "Quick tag 1: toggle #economy" in _help_text(app)
        await pilot.press("escape")
        # "#" changes it; empty removes it
        await pilot.press("number_sign", "enter")
        prompt = await _prompt(app, pilot)
        assert prompt.query_one(Input).value == "economy"
        await pilot.press("ctrl+u", "enter")
        await pilot.pause()
        assert screen.quick_tags == []
        assert tomllib.loads(config_file.read_text())["quick_tags"] == []


def _help_text(app) -> str:
    """Every row of the help screen, as "keys | description | id" lines."""
    from tui.screens.help import HelpScreen, sections

    assert isinstance(app.screen, HelpScreen)
    return "\n".join(" | ".join(row) for _, bindings in sections() for row in app.screen.rows(bindings))


# --- export ---------------------------------------------------------------------------------


async def _export_prompt(app, pilot, format_keys: tuple[str, ...] = ()) -> PromptScreen:
    """ctrl+e, the format (``j`` presses from CSV), enter: the file prompt."""
    await pilot.press("ctrl+e", *format_keys, "enter")
    return await _prompt(app, pilot)


async def _exported(app, pilot, path: Path | None = None):
    """The "Exported" notification (of ``path``, when given: an earlier one may have timed out)."""

    def notes():
        return [n for n in app._notifications if n.title == "Exported" and (path is None or str(path) in n.message)]

    await until(lambda: notes(), 60, pilot=pilot)  # the file is written in a worker: slow under load
    return notes()[-1]


@pytest.mark.slow  # dominates `make check` (still runs in `make test`)
async def test_export_asks_before_replacing_a_file(store_dir, tmp_path, monkeypatch):
    from tui.screens.choice import ChoiceScreen

    monkeypatch.chdir(tmp_path)
    target = tmp_path / "quotelens-quotes.csv"
    target.write_text("mine\n")
    async with opened(store_dir) as (app, pilot):
        await _export_prompt(app, pilot)
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, ChoiceScreen), pilot=pilot)
        assert "quotelens-quotes.csv exists" in screen_text(app)
        await pilot.press("enter")  # the first choice: another name
        prompt = await _prompt(app, pilot)
        assert prompt.query_one(Input).value == str(target)
        await pilot.press("escape")
        await pilot.pause()
        assert target.read_text() == "mine\n"  # nothing replaced
        await _export_prompt(app, pilot)
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, ChoiceScreen), pilot=pilot)
        await pilot.press("j", "enter")  # Replace
        await _exported(app, pilot)
        assert target.read_text(encoding="utf-8-sig").startswith("quote_id,")


async def _enter_path(app, pilot, path) -> None:
    """Put ``path`` in the focused path prompt and press enter: typing a long temporary
    path key by key cost seconds and tested nothing the prompt tests do not."""
    from textual.widgets import Input

    prompt = app.focused
    assert isinstance(prompt, Input)
    prompt.value = str(path)
    await pilot.press("enter")


@pytest.mark.slow  # dominates `make check` (still runs in `make test`)
async def test_export_remembers_the_folder_per_corpus(store_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    chosen = tmp_path / "exports" / "mine.csv"
    chosen.parent.mkdir()
    async with opened(store_dir) as (app, pilot):
        await _export_prompt(app, pilot)
        await _enter_path(app, pilot, chosen)
        await _exported(app, pilot)
        assert chosen.exists()
    async with opened(store_dir) as (app, pilot):  # the app again, later
        prompt = await _export_prompt(app, pilot, ("j",))  # JSON lines
        assert prompt.query_one(Input).value == str(chosen.parent / "quotelens-quotes.jsonl")


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_export_never_proposes_the_programs_own_folder(store_dir, monkeypatch):
    from tui.screens.export import PROGRAM_ROOT

    monkeypatch.chdir(PROGRAM_ROOT)  # `make run` starts the app here
    async with opened(store_dir) as (app, pilot):
        prompt = await _export_prompt(app, pilot)
        proposal = Path(prompt.query_one(Input).value)
        assert not proposal.resolve().is_relative_to(PROGRAM_ROOT)
        assert proposal.parent.is_dir()


@pytest.mark.slow  # dominates `make check` (still runs in `make test`)
async def test_gold_export_with_and_without_the_unreviewed_quotes(store_dir, tmp_path, monkeypatch):
    import json

    monkeypatch.chdir(tmp_path)
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        article = screen.review.current_article.id
        n_quotes = screen.quotes.row_count
        await pilot.press("a")  # one quote of the first article accepted
        await settled(app, pilot)
        await _export_prompt(app, pilot, ("j", "j"))  # gold: reviewed quotes only
        await _enter_path(app, pilot, tmp_path / "gold.jsonl")
        note = await _exported(app, pilot, tmp_path / "gold.jsonl")
        assert "1 quote in 1 reviewed article: eval scores these only" in note.message
        assert f"{n_quotes - 1} quotes in them you did not review were left out" in note.message
        gold = [json.loads(line) for line in (tmp_path / "gold.jsonl").read_text().splitlines()]
        assert [g["id"] for g in gold] == [article] and len(gold[0]["quotes"]) == 1
        await _export_prompt(app, pilot, ("j", "j", "j"))  # gold, keeping the unreviewed quotes
        await _enter_path(app, pilot, tmp_path / "gold-all.jsonl")
        note = await _exported(app, pilot, tmp_path / "gold-all.jsonl")
        gold = [json.loads(line) for line in (tmp_path / "gold-all.jsonl").read_text().splitlines()]
        assert len(gold[0]["quotes"]) == n_quotes
        assert f"{n_quotes - 1} unreviewed quotes kept as right" in note.message


@pytest.mark.slow  # dominates `make check` (still runs in `make test`)
async def test_app_and_command_line_export_the_same_csv(store_dir, tmp_path, monkeypatch):
    from corpus.readers import SAMPLE_CORPUS
    from tui.cli import main

    monkeypatch.chdir(tmp_path)
    async with opened(store_dir) as (app, pilot):
        await pilot.press("a")
        await settled(app, pilot)
        await _export_prompt(app, pilot)
        await _enter_path(app, pilot, tmp_path / "app.csv")
        await _exported(app, pilot)
    assert main(["export", str(SAMPLE_CORPUS), "--store", str(store_dir), "-o", str(tmp_path / "cli.csv")]) == 0
    app_csv = (tmp_path / "app.csv").read_text(encoding="utf-8-sig")
    cli_csv = (tmp_path / "cli.csv").read_text(encoding="utf-8-sig")
    assert app_csv == cli_csv


# --- discoverable and tidy ------------------------------------------------------------------


async def test_keymap_conflicts_are_reported_at_start(store_dir, config_file):
    config_file.write_text('[keymap]\naccept = "y"\nreject = "j"\n')
    async with opened(store_dir) as (app, pilot):
        problems = [n.message for n in app._notifications if n.title == "Config problem"]
        assert len(problems) == 1
        assert problems[0].startswith(f"{config_file}, line 3: key 'j' of Reject (reject) is also Down")
        assert "in the article and quote lists" in problems[0] and "Reject does not work there" in problems[0]


async def _steady(pilot, value, rounds: int = 5) -> None:
    """Wait until ``value()`` stays the same over ``rounds`` refreshes in a row."""
    last, same = value(), 0
    while same < rounds:
        await pilot.pause()
        current = value()
        same = same + 1 if current == last else 0
        last = current


async def _palette_rows(app, pilot, query: str = "") -> list[str]:
    from textual.command import CommandList, CommandPalette

    await pilot.press("ctrl+p")
    await until(lambda: CommandPalette.is_open(app), pilot=pilot)
    if query:
        await pilot.press(*query)
    palette = app.screen
    commands = palette.query_one(CommandList)
    await until(lambda: commands.option_count > 0 and not palette._show_busy, pilot=pilot)
    await _steady(pilot, lambda: commands.option_count)  # the palette fills in batches
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def test_the_palette_lists_each_action_once(store_dir):
    async with opened(store_dir) as (app, pilot):
        rows = await _palette_rows(app, pilot)
        names = [row.split("\n")[0] for row in rows]
        assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
        assert "Quit" in names and "Keys" not in names and "Screenshot" in names and "Theme" in names
        assert "Maximise pane" in names and "Maximize" not in names  # z, once


@pytest.mark.slow
async def test_screenshot_goes_to_a_folder_that_exists_and_says_where(store_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with opened(store_dir) as (app, pilot):
        await _palette_rows(app, pilot, "screenshot")
        await pilot.press("enter")
        await until(lambda: any(n.title == "Screenshot saved" for n in app._notifications), pilot=pilot)
        note = next(n for n in app._notifications if n.title == "Screenshot saved")
        saved = Path(note.message)
        assert saved.parent == tmp_path and saved.suffix == ".svg" and saved.exists()


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_help_explains_every_mark_of_a_row(store_dir):
    from tui.screens.help import LEGEND

    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await pilot.press("question_mark")
        await until(lambda: getattr(app.screen, "filled", False), pilot=pilot)  # it fills a section at a time
        shown = screen_text(app)
        assert "What the marks mean" in shown
        for mark in (
            "✓ accepted",
            "✗ rejected",
            "D direct",
            "I indirect",
            "M mixed",
            "F floating",
            "a quote you added",
            "a report inside the quote above it",
        ):
            assert mark in shown, mark
        assert len(LEGEND) >= 8


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_palette_names_entity_labels_in_words(store_dir):
    async with opened(store_dir) as (app, pilot):
        await pilot.press("E")
        from textual.command import CommandList, CommandPalette

        await until(lambda: CommandPalette.is_open(app), pilot=pilot)
        await pilot.press(*"huawei")
        commands = app.screen.query_one(CommandList)
        await until(lambda: commands.option_count > 0, pilot=pilot)
        text = screen_text(app)
        assert "Organisation · " in text and "ORG" not in text


async def test_the_load_notification_names_the_skipped_file(tmp_path):
    import shutil

    from corpus.readers import SAMPLE_CORPUS
    from store.workspace import Workspace
    from tui.app import QuotelensApp

    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS, corpus)
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff" * 50)

    def factory(progress, status, cancel):
        return Workspace.open([corpus], store_dir=tmp_path / "store", progress=progress, status=status, cancel=cancel)

    app = QuotelensApp(factory, corpus_label="corpus")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        note = next(n for n in app._notifications if n.title == "Corpus")
        assert "1 skipped" in note.message
        assert f"skipped {corpus / 'broken.txt'}" in note.message


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_the_footer_starts_with_the_focused_panes_keys(store_dir):
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        screen = app.main

        def footer() -> str:
            return screen_text(app).rstrip("\n").splitlines()[-1].strip()

        expected = {screen.articles: "⏎ Read", screen.reader: "space Page down", screen.quotes: "⏎ Read"}
        for pane, keys in expected.items():
            pane.focus()
            await until(lambda pane=pane, keys=keys: footer().startswith(keys) and screen.focused is pane, pilot=pilot)
        screen.sidebar.focus()
        await until(lambda: footer().startswith("⏎ Filter"), pilot=pilot)
        assert "? Help" in footer()


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_empty_panes_say_no_article_matches_not_no_quotes(store_dir):
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        screen = app.main
        await pilot.press("slash", *"zzyzx", "enter")
        await settled(app, pilot)
        assert screen.articles.row_count == 0
        text = screen_text(app)
        assert text.count("No article matches the filters (esc clears them)") >= 3  # reader, quotes, sidebar
        assert "No quotes in this article" not in text and "No named entities" not in text
        await pilot.press("escape")
        await settled(app, pilot)
        assert "No article matches" not in screen_text(app)


async def test_o_sorts_only_by_columns_the_corpus_has(tmp_path):
    """Bare .txt files have no dates or sources: o never sorts by them."""
    from store.workspace import Workspace
    from tui.app import QuotelensApp

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Rail strike\n\nUnion leaders said the strike would go on.\n")
    (corpus / "b.txt").write_text("Budget talks\n\nThe minister said the budget would pass. “It is fair,” she said.\n")

    def factory(progress, status, cancel):
        return Workspace.open([corpus], store_dir=tmp_path / "store", progress=progress, status=status, cancel=cancel)

    app = QuotelensApp(factory, corpus_label="corpus")
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(app, pilot)
        screen = app.main
        await settled(app, pilot)
        assert screen.articles.sort_keys == ("quotes", "title")
        assert screen.sort.key == "quotes"  # not the date order the corpus cannot have
        # a first visit starts at the top of the list as shown: the article with the most quotes, not a.txt
        assert screen.articles.cursor == 0 and screen.review.current_article.id == "b.txt"
        seen = []
        for _ in range(3):
            await pilot.press("o")
            await settled(app, pilot)
            seen.append(screen.sort.key)
        assert seen == ["title", "quotes", "title"]
        assert "sort title ▲" in screen_text(app).replace("\xa0", " ")  # the filter bar keeps its parts whole


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_at_80x24_the_sidebar_takes_the_lists_place_not_the_readers(store_dir):
    async with opened(store_dir, size=(80, 24)) as (app, pilot):
        screen = app.main
        reader_width = screen.reader.size.width
        await pilot.press("b")  # show the entity sidebar
        await until(lambda: screen.sidebar.display and screen.sidebar.size.width > 0, pilot=pilot)
        await pilot.pause()
        assert not screen.articles.display or screen.articles.size.width == 0
        assert screen.reader.size.width >= reader_width - 8  # the reader keeps (about) its room
        await pilot.press("b")
        await until(lambda: screen.articles.size.width > 0, pilot=pilot)
        assert "Articles" in screen_text(app)


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_z_maximises_the_focused_pane_and_angle_brackets_resize_the_list(store_dir):
    async with opened(store_dir, size=(80, 24)) as (app, pilot):
        screen = app.main
        screen.quotes.focus()
        await pilot.press("z")
        await until(lambda: screen.maximized is not None, pilot=pilot)
        text = screen_text(app)
        assert "Quotes · article" in text and "Articles" not in text
        assert screen.query_one("#quotes-pane").outer_size.width == 80
        await pilot.press("z")
        await until(lambda: screen.maximized is None, pilot=pilot)
        assert "Articles" in screen_text(app)
        start = screen.articles.size.width
        await pilot.press("greater_than_sign")
        await until(lambda: screen.articles.size.width > start, pilot=pilot)
        for _ in range(6):
            await pilot.press("less_than_sign")
        await until(lambda: not screen.articles.display or screen.articles.size.width == 0, pilot=pilot)
        assert screen.reader.size.width > 70  # the reader has the room
        assert "Articles" not in screen_text(app)
        await pilot.press("greater_than_sign")
        await until(lambda: screen.articles.size.width > 0, pilot=pilot)


@pytest.mark.slow  # dominates `make check` (still runs in `make test`)
async def test_a_long_note_scrolls_in_the_detail_pane(store_dir):
    async with opened(store_dir, size=(80, 24)) as (app, pilot):
        screen = app.main
        screen.quotes.focus()
        note = "\n".join(f"nl{n}" for n in range(1, 16))  # short lines: each key is a Pilot round
        keys = [key for line in note.splitlines() for key in (*line, "enter")][:-1]
        await pilot.press("n", *keys, "ctrl+s")
        await settled(app, pilot)
        assert on_disk(store_dir).get(screen.quotes.current.id).note == note
        assert "nl15" not in screen_text(app)  # more than the pane holds
        scroller = screen.query_one("#quote-detail-scroll")
        scroller.focus()
        for _ in range(20):
            await pilot.press("down")
        await until(lambda: "nl15" in screen_text(app), pilot=pilot)
        assert scroller.scroll_y > 0


async def test_the_detail_pane_fits_a_short_quote_after_long_ones():
    """After a long quote and a shorter one that still overflowed, a quote that fits shows no
    scrollbar: the detail was measured against its own (stale) height, not the pane's, so it
    kept the last layout's height — a scrollbar or not depending on when the layout ran."""
    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll

    from tui.widgets.quote_detail import QuoteDetail

    class Host(App[None]):
        CSS = "#pane { height: 7; scrollbar-gutter: stable; } #detail { min-height: 100%; }"

        def compose(self) -> ComposeResult:
            with VerticalScroll(id="pane"):
                yield QuoteDetail(id="detail")

    app = Host()
    async with app.run_test(size=(60, 12)) as pilot:
        pane, detail = app.query_one("#pane", VerticalScroll), app.query_one(QuoteDetail)
        for n_lines, can_scroll in ((9, 2), (8, 1), (6, 0), (8, 1), (3, 0)):
            detail._set("\n".join(f"line {i}" for i in range(1, n_lines + 1)))
            await until(lambda n=can_scroll: pane.max_scroll_y == n, pilot=pilot, timeout=10)
