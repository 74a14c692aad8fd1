"""A key held down in the article list (issue 14): presses that come faster than the screen
settles move the cursor every time, and every pane ends on the article of the last press;
another key pressed in the middle acts on the article the cursor is on.

The presses are posted all at once, as a terminal's auto-repeat delivers them to an app that
is still busy with the first: nothing here times anything (bench/tui.py does, "held j").
"""

from __future__ import annotations

import json
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from test_tui import on_disk, ready, screen_text, settled, until
from textual import events

FIRST = ["Maria", "Thomas", "Aisha", "Peter", "Grace", "Daniel", "Helen", "Samuel"]
LAST = ["Okafor", "Lindqvist", "Brennan"]
N_ARTICLES = 24


def _speaker(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[i // len(FIRST)]}"


@pytest.fixture(scope="module")
def council_corpus(tmp_path_factory) -> tuple[Path, Path]:
    """24 short council reports, each with one speaker of its own and one quote: ``(corpus, store)``.
    The dates go down with the number, so the list (newest first) shows article 0 first."""
    from store.workspace import Workspace

    d = tmp_path_factory.mktemp("council")
    corpus = d / "council.jsonl"
    with corpus.open("w") as f:
        for i in range(N_ARTICLES):
            name = _speaker(i)
            text = (
                f"The council met on Tuesday to discuss the plan for ward {i}. "
                f'"We will open {i + 2} new reading rooms before the winter," said {name}. '
                f"{name} added that the money had already been set aside."
            )
            record = {"id": f"ward-{i:02d}", "title": f"Reading rooms for ward {i}", "text": text}
            record |= {"date": f"2024-{12 - i // 28:02d}-{28 - i % 28:02d}", "source": "Town Gazette"}
            f.write(json.dumps(record) + "\n")
    store = d / "store"
    # analysed here, with the test process's spaCy: 24 texts would otherwise start worker processes
    # that each load it (~4 CPU-s in all, for a fixture)
    Workspace.open([corpus], store_dir=store, workers=0).close()
    return corpus, store


@asynccontextmanager
async def opened_council(council_corpus, tmp_path):
    import shutil

    from store.workspace import Workspace
    from tui.app import QuotelensApp

    corpus, ingested = council_corpus
    store = tmp_path / "store"
    shutil.copytree(ingested, store)

    def factory(progress, status, cancel):
        return Workspace.open([corpus], store_dir=store, progress=progress, status=status, cancel=cancel)

    app = QuotelensApp(factory, corpus_label="council")
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(app, pilot)
        await settled(app, pilot)
        yield app, pilot, store


def _hold(app, key: str, presses: int) -> None:
    """``presses`` presses of ``key`` at once, as the terminal sends a held key to a busy app."""
    for _ in range(presses):
        app.post_message(events.Key(key, key))


def _counting_shows(screen) -> list[int | None]:
    """The articles ``show_article`` put in the panes, in order."""
    shown: list[int | None] = []
    show = screen.show_article

    def counting(row, *args, **kwargs):
        shown.append(row)
        return show(row, *args, **kwargs)

    screen.show_article = counting
    return shown


def _every_pane_shows(app, article_id: str) -> None:
    screen = app.main
    i = int(article_id.split("-")[1])
    assert screen.review.current_article.id == article_id
    assert screen.reader.article.id == article_id
    assert {screen.quotes.quote_at(n).article_id for n in range(screen.quotes.row_count)} == {article_id}
    speakers = {screen.sidebar.get_option_at_index(n).prompt for n in range(screen.sidebar.option_count)}
    assert any(_speaker(i) in s for s in speakers)
    text = screen_text(app)
    assert f"Reading rooms for ward {i}" in text  # the reader's title
    assert f"We will open {i + 2} new reading rooms" in text  # the reader, the quote list, the detail
    assert _speaker(i) in text
    assert _speaker(i - 1) not in text  # nothing left of the article passed just before


async def test_twenty_fast_presses_end_on_the_right_article_in_every_pane(council_corpus, tmp_path):
    async with opened_council(council_corpus, tmp_path) as (app, pilot, _store):
        screen = app.main
        assert screen.articles.cursor == 0 and screen.review.current_article.id == "ward-00"
        shown = _counting_shows(screen)
        _hold(app, "j", 20)
        await until(lambda: screen.articles.cursor == 20 and screen.review.current_article.id == "ward-20", pilot=pilot)
        await settled(app, pilot)
        _every_pane_shows(app, "ward-20")
        # The panes followed the last press, not each of the twenty (a timer may show one on the way).
        assert shown[-1] == screen.articles.current_row and len(shown) < 20
        _hold(app, "k", 20)  # and back up
        await until(lambda: screen.articles.cursor == 0 and screen.review.current_article.id == "ward-00", pilot=pilot)
        await settled(app, pilot)
        _every_pane_shows(app, "ward-00")


async def test_a_key_pressed_among_held_ones_acts_on_the_article_under_the_cursor(council_corpus, tmp_path):
    """``a`` right after ten fast ``j``: it accepts the quote of the tenth article down, the one the
    cursor is on, though the panes had not caught up with the presses before it."""
    async with opened_council(council_corpus, tmp_path) as (app, pilot, store):
        screen = app.main
        _hold(app, "j", 10)
        app.post_message(events.Key("a", "a"))
        await until(lambda: screen.articles.cursor == 10 and screen.review.current_article.id == "ward-10", pilot=pilot)
        await settled(app, pilot)
        accepted = [a.quote_id for a in on_disk(store).all() if a.status == "accepted"]
        assert len(accepted) == 1 and accepted[0].startswith("ward-10#")
        _every_pane_shows(app, "ward-10")


async def test_a_single_key_shows_its_article_at_once(council_corpus, tmp_path):
    """One press, nothing after it: the panes show the article when the key is done (no waiting)."""
    async with opened_council(council_corpus, tmp_path) as (app, pilot, _store):
        screen = app.main
        await pilot.press("j")
        assert screen.review.current_article.id == "ward-01"
        assert screen.reader.article.id == "ward-01"


async def test_presses_past_the_end_of_the_list_show_the_last_article(council_corpus, tmp_path):
    """Held past the last row: the presses that find the list at its end move nothing, and the
    last article is shown all the same."""
    async with opened_council(council_corpus, tmp_path) as (app, pilot, _store):
        screen = app.main
        screen.articles.move_to_row(screen.index.row_of(f"ward-{N_ARTICLES - 4:02d}"))
        await settled(app, pilot)
        _hold(app, "j", 8)
        last = f"ward-{N_ARTICLES - 1:02d}"
        await until(lambda: screen.review.current_article.id == last, pilot=pilot)
        await settled(app, pilot)
        assert screen.articles.cursor == N_ARTICLES - 1
        _every_pane_shows(app, last)
