"""A report inside a report in the app and the store: both quotes listed, each highlighted when
focused, the annotation keys acting on the one chosen, and an annotation that stays on its quote when
the analysis changes (``corpus.quotes.nesting``). The article is written for these tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corpus.models import Quote, normalise_quote_text
from store.anchoring import plan_reattach
from tests.test_tui import on_disk, ready, settled, until

ARTICLE = (
    "Council budget in doubt\n\n"
    "The city's finance chair spoke to reporters on Monday after a long closed meeting.\n\n"
    "Ana Ruiz said Tom Baker told her the budget would not survive the vote.\n\n"
    "The council meets again on Thursday.\n"
)
OUTER = "Tom Baker told her the budget would not survive the vote"
INNER = "the budget would not survive the vote"


@pytest.fixture(scope="module")
def nested_corpus(tmp_path_factory) -> tuple[Path, Path]:
    """A one-article corpus with a nested report, analysed once: ``(folder, store)``."""
    from store.workspace import Workspace

    folder = tmp_path_factory.mktemp("nested-corpus")
    (folder / "budget.txt").write_text(ARTICLE, encoding="utf-8")
    store = folder / ".quotelens"
    Workspace.open([folder], store_dir=store).close()
    return folder, store


@pytest.fixture
def nested_app_dirs(nested_corpus, tmp_path) -> tuple[Path, Path]:
    """The corpus and a copy of its analysed store without annotations: each test starts unreviewed."""
    folder, ingested = nested_corpus
    store = tmp_path / "store"
    shutil.copytree(ingested, store, ignore=shutil.ignore_patterns("annotations*"))
    return folder, store


def _app(folder: Path, store: Path):
    from store.workspace import Workspace
    from tui.app import QuotelensApp

    def factory(progress, status, cancel):
        return Workspace.open([folder], store_dir=store, progress=progress, status=status, cancel=cancel)

    return QuotelensApp(factory, corpus_label="nested")


def _painted(reader, start: int, end: int) -> list:
    """The styles the reader paints on the characters [start, end) (each on its own screen line)."""
    wrapped = reader._wrapped
    styles = []
    for offset in range(start, end):
        line = wrapped.line_of(offset)
        text = reader._style_line(line)
        col = offset - wrapped.lines[line][0]
        if col < len(text.plain) and not text.plain[col].isspace():
            styles.append(text.get_style_at_offset(reader.app.console, col))
    return styles


async def test_both_quotes_listed_highlighted_and_the_inner_one_accepted(nested_app_dirs):
    folder, store = nested_app_dirs
    app = _app(folder, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        screen = app.main
        rows = [screen.quotes.quote_at(i) for i in range(screen.quotes.row_count)]
        assert [(r.quote.text, r.speaker) for r in rows] == [(OUTER, "Ana Ruiz"), (INNER, "Tom Baker")]
        outer, inner = rows
        assert outer.inside is None and inner.inside == "Ana Ruiz"

        reader = screen.reader
        text = reader.article.text  # (the first line is the article's title, not its text)
        focused = reader._style("article-reader--focused")
        start_inner = text.index(INNER)
        # "her": of the outer quote only (not the inner quote, its speaker or its cue, each marked too)
        her = text.index(" her ", outer.start) + 1
        only_outer = (her, her + 3)
        assert start_inner > her + 3
        # the outer quote focused: all of it, the inner part too, has the focus's background
        screen.quotes.move_cursor(0)
        await until(lambda: reader.focused_quote == outer.id, pilot=pilot)
        assert all(s.bgcolor == focused.bgcolor for s in _painted(reader, outer.start, outer.end))
        # ... and the inner quote stays told apart inside it
        assert all(s.underline for s in _painted(reader, inner.start, inner.end))
        assert not any(s.underline for s in _painted(reader, *only_outer))

        # the inner quote focused: it has the focus, the rest of the outer quote its own colour
        screen.quotes.focus()
        await pilot.press("down")
        await until(lambda: reader.focused_quote == inner.id, pilot=pilot)
        assert all(s.bgcolor == focused.bgcolor for s in _painted(reader, inner.start, inner.end))
        assert not any(s.bgcolor == focused.bgcolor for s in _painted(reader, *only_outer))
        assert "reported inside a quote of Ana Ruiz" in str(screen.detail.render())

        # accepting acts on the inner quote: its id on disk, the outer one untouched
        await pilot.press("a")
        await settled(app, pilot)
        disk = on_disk(store)
        assert disk.get(inner.id) is not None and disk.get(inner.id).status == "accepted"
        assert disk.get(outer.id) is None or disk.get(outer.id).status == "unreviewed"
        assert screen.quotes.quote_at(1).status == "accepted"
        assert screen.quotes.quote_at(0).status == "unreviewed"


async def test_click_on_the_inner_quote_moves_the_list_to_it(nested_app_dirs):
    folder, store = nested_app_dirs
    app = _app(folder, store)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        screen = app.main
        reader = screen.reader
        inner = screen.quotes.quote_at(1)
        line = reader._wrapped.line_of(inner.start + 4)
        x = inner.start + 4 - reader._wrapped.lines[line][0]
        # the reader's padding (one column) and its border: click through the content offset
        await pilot.click(reader, offset=(x + 2, line - int(reader.scroll_y) + 1))
        await until(lambda: screen.quotes.current is not None and screen.quotes.current.id == inner.id, pilot=pilot)


# --- the store: an annotation stays on its quote ---------------------------------------------------


def _quote(text: str, start: int, qid: str) -> Quote:
    return Quote(id=qid, text=text, start=start, end=start + len(text), kind="indirect")


def _accepted_record(old_text: str, start: int) -> dict[str, object]:
    """The annotation an earlier analysis saved: quote ``old_text`` at ``start``, accepted."""
    return {
        "quote_id": "a#old",
        "article_id": "a",
        "status": "accepted",
        "start": start,
        "end": start + len(old_text),
        "text": old_text,
        "anchor": normalise_quote_text(old_text),
    }


def test_annotation_of_an_outer_quote_never_moves_onto_the_report_inside_it():
    """The outer quote's text changed with the analysis (its id with it): its annotation follows the
    outer quote, not the inner one that its old text contains."""
    old_text = "Tom Baker told her on Monday the budget would not survive the vote"
    start = ARTICLE.index("Tom Baker")
    record = _accepted_record(old_text, start)
    outer = _quote(OUTER, start, "a#outer")
    inner = _quote(INNER, ARTICLE.index(INNER), "a#inner")
    plan = plan_reattach([record], {"a": (outer, inner)})
    moved = {k: v for k, v in plan.edits if v is not None}
    assert list(moved) == ["a#outer"]
    assert moved["a#outer"]["status"] == "accepted"


def test_annotation_of_an_inner_quote_still_follows_it_when_its_text_grew():
    old_text = "the budget would not survive"
    start = ARTICLE.index(INNER)
    record = _accepted_record(old_text, start)
    outer = _quote(OUTER, ARTICLE.index(OUTER), "a#outer")
    inner = _quote(INNER, start, "a#inner")
    plan = plan_reattach([record], {"a": (outer, inner)})
    assert [k for k, v in plan.edits if v is not None] == ["a#inner"]


# --- `quotelens extract` and the people ---------------------------------------------------------------


def test_extract_writes_both_quotes_with_offsets_into_the_text(nested_corpus, tmp_path):
    import argparse
    import json

    from tui.commands import extract as extract_cmd

    folder, _ = nested_corpus
    out = tmp_path / "quotes.jsonl"
    parser = argparse.ArgumentParser()
    extract_cmd.configure(parser)
    assert extract_cmd.run(parser.parse_args([str(folder / "budget.txt"), "-o", str(out)])) == 0
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    text = record["text"]
    quotes = [(q["text"], q["speaker_name"]) for q in record["quotes"]]
    assert quotes == [(OUTER, "Ana Ruiz"), (INNER, "Tom Baker")]
    for q in record["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]
        assert text[q["speaker"]["start"] : q["speaker"]["end"]] == q["speaker"]["text"]
    # Tom Baker is quoted (his report inside Ana Ruiz's), and counted once, as Ana Ruiz is
    people = {p["name"]: p for p in record["people"]}
    assert people["Tom Baker"]["quoted"] and people["Tom Baker"]["quotes"] == 1
    assert people["Ana Ruiz"]["quoted"] and people["Ana Ruiz"]["quotes"] == 1


# --- how it looks ---------------------------------------------------------------------------------


def _inner_focused():
    async def run_before(pilot) -> None:
        app = pilot.app
        await ready(app, pilot)
        app.main.quotes.focus()
        await pilot.press("down")  # the report inside the report
        await settled(app, pilot)
        app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_nested_report_snapshot(snap_compare, nested_app_dirs, size):
    """The list's second row marked ↳ and focused, the reader's inner quote in the focus's colour inside
    the outer one, the detail saying whose quote holds it."""
    folder, store = nested_app_dirs
    assert snap_compare(_app(folder, store), terminal_size=size, run_before=_inner_focused())
