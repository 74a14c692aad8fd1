"""A day of review, driven with Pilot on the sample corpus: progress, the next unreviewed
quote, changing every listed quote at once, merging speakers, added quotes in a filtered
list, and reopening where the user left off. Each flow is asserted on the screen and on
the store on disk."""

from __future__ import annotations

import json

import pytest
from test_tui import on_disk, opened, screen_text, settled, until

from tui.session import STATE_FILE


def subtitle(screen) -> str:
    return str(screen.query_one("#quotes-pane").border_subtitle)


def listed_ids(screen) -> list[str]:
    return [screen.quotes.quote_at(i).id for i in range(screen.quotes.row_count)]


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_progress_counts_the_reviewed_quotes_of_what_is_listed(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        total = screen.review.index.n_quotes
        assert subtitle(screen) == f"0 of {total} reviewed"
        await pilot.press("a", "x")
        await settled(app, pilot)
        assert subtitle(screen) == f"2 of {total} reviewed"
        assert len(on_disk(store_dir).find(status="accepted")) == 1
        assert len(on_disk(store_dir).find(status="rejected")) == 1
        await pilot.press("f", *"jjjj", "enter", "enter")  # Quote kind… → direct
        await settled(app, pilot)
        direct = screen.quotes.row_count
        reviewed_direct = sum(1 for i in range(direct) if screen.quotes.quote_at(i).status != "unreviewed")
        assert subtitle(screen) == f"{reviewed_direct} of {direct} reviewed (filter)"


async def test_w_goes_to_the_next_unreviewed_quote_across_articles(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        first = screen.review.current_article.id
        n = screen.quotes.row_count
        await pilot.press("a", "a")  # the first two, reviewed
        await settled(app, pilot)
        screen.quotes.move_cursor(0)
        await pilot.press("w")
        assert screen.quotes.cursor == 2  # skips the two reviewed
        # every quote of this article reviewed: w goes on to the next article
        for _ in range(n - 2):
            await pilot.press("a")
        await settled(app, pilot)
        screen.quotes.move_cursor(0)
        await pilot.press("w")
        await pilot.pause()
        assert screen.review.current_article.id != first
        assert screen.quotes.current.status == "unreviewed"
        assert screen.articles.current_row == screen.review.current_row
        assert {a.article_id for a in on_disk(store_dir).find(status="accepted")} == {first}


@pytest.mark.slow
async def test_B_accepts_every_listed_quote_in_one_undoable_step(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        await pilot.press("f", *"jjjj", "enter", "enter")  # Quote kind… → direct (across the corpus)
        await settled(app, pilot)
        ids = listed_ids(screen)
        assert len(ids) > 2
        await pilot.press("B")
        await pilot.pause()
        assert f"Every quote the filter shows ({len(ids)} quotes)" in screen_text(app)
        await pilot.press("enter")  # Accept all
        await pilot.pause()
        assert f"Accept the {len(ids)} quotes the filter shows?" in screen_text(app)
        await pilot.press("enter")  # Yes
        await settled(app, pilot)
        store = on_disk(store_dir)
        assert all(store.get(i).status == "accepted" for i in ids)
        assert set(store.history(limit=1)[0].quote_ids) == set(ids)  # one change
        assert all(screen.quotes.quote_at(i).status == "accepted" for i in range(len(ids)))
        assert subtitle(screen) == f"{len(ids)} of {len(ids)} reviewed (filter)"
        await pilot.press("u")  # one undo takes them all back
        await settled(app, pilot)
        store = on_disk(store_dir)
        assert all(store.get(i) is None for i in ids)
        assert all(screen.quotes.quote_at(i).status == "unreviewed" for i in range(len(ids)))


@pytest.mark.slow  # dominates `make check` (still runs in `make test`)
async def test_B_tags_every_quote_of_the_article_after_saying_how_many(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        ids = listed_ids(screen)
        await pilot.press("B", *"jjj", "enter")  # Tag all…
        await pilot.press(*"policy", "enter")
        await pilot.pause()
        assert f"Tag the {len(ids)} quotes of this article #policy?" in screen_text(app)
        await pilot.press("j", "enter")  # No
        await settled(app, pilot)
        assert all(on_disk(store_dir).get(i) is None for i in ids)
        await pilot.press("B", *"jjj", "enter", *"policy", "enter", "enter")  # ... Yes
        await settled(app, pilot)
        assert all(on_disk(store_dir).get(i).tags == ("policy",) for i in ids)
        assert all("policy" in screen.quotes.quote_at(i).tags for i in range(len(ids)))


@pytest.mark.slow
async def test_M_merges_a_speaker_into_another_in_one_step(store_dir):
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        screen = app.main
        stat = screen.review.index.speakers()[0]
        theirs = [r.quote_id for r in screen.review.index.quotes(speaker=stat.key)]
        assert theirs
        await pilot.press("M", *stat.name, "enter")
        await pilot.pause()
        await pilot.press(*"Ada Lovelace", "enter")
        await pilot.pause()
        assert f"Give the {len(theirs)} quote" in screen_text(app)
        await pilot.press("enter")  # Yes
        await settled(app, pilot)
        store = on_disk(store_dir)
        assert all(store.get(q).speaker == "Ada Lovelace" for q in theirs)
        assert len(store.history(limit=1)[0].quote_ids) == len(theirs)
        # the person is merged too, in the same step: the people list and the dashboard count them as one
        assert store.person_overrides().resolve(stat.key) == "ada lovelace"
        # the speaker lists (palette, filter menu, corpus sidebar) follow the merge
        listed = {s.name: s.n_quotes for s in screen.review.speakers()}
        assert listed.get("Ada Lovelace") == len(theirs) and stat.name not in listed
        await pilot.press("S")
        sidebar = screen.sidebar
        ids = {sidebar.get_option_at_index(i).id for i in range(sidebar.option_count)}
        assert "speaker:ada lovelace" in ids and f"speaker:{stat.key}" not in ids
        # a next merge offers the speakers as reviewed: never the name just merged away
        await pilot.press("M", *"Ada Lovelace", "enter")
        await until(lambda: "Merge “Ada Lovelace”" in screen_text(app), pilot=pilot)
        assert stat.name not in app.screen._suggestions
        await pilot.press("escape")
        await settled(app, pilot)
        # the quotes are found under the new name, no longer under the old one
        screen.filter_by("speaker", "ada lovelace", "Ada Lovelace")
        await settled(app, pilot)
        assert set(listed_ids(screen)) == set(theirs)
        await pilot.press("u")
        await settled(app, pilot)
        assert all(on_disk(store_dir).get(q) is None for q in theirs)
        assert on_disk(store_dir).person_overrides().resolve(stat.key) == stat.key  # one u undid both


@pytest.mark.slow  # dominates `make check` (still runs in `make test`)
async def test_an_added_quote_joins_a_filtered_list_and_the_article_count(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        row = screen.review.current_row
        count = screen.review.index.meta(row).n_quotes
        await pilot.press("f", *"jjjj", "enter", "enter")  # kind: direct, across the corpus
        await settled(app, pilot)
        before = screen.quotes.row_count
        await pilot.press("v", "l", "l", "v", "l", "l", "l", "enter")
        await pilot.press("ctrl+u", *"Erin O'Toole", "enter")
        await settled(app, pilot)
        added = on_disk(store_dir).user_quotes(screen.review.current_article.id)
        assert len(added) == 1
        assert screen.quotes.row_count == before + 1
        assert screen.quotes.current.id == added[0].quote_id and screen.quotes.current.user_added
        assert screen.articles.added_counts == {row: 1}
        assert f" {count + 1} " in screen.articles.render_row(screen.articles.cursor, 80).plain
    async with opened(store_dir) as (app, pilot):  # after a restart too
        assert app.main.articles.added_counts == {row: 1}


@pytest.mark.slow  # dominates `make check` (still runs in `make test`)
async def test_the_app_reopens_where_the_user_left_off(store_dir):
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        screen = app.main
        await pilot.press("o")  # the next sort order
        await settled(app, pilot)
        await pilot.press("right_square_bracket", "J", "J")
        await pilot.press("S", "D")  # corpus sidebar, the other theme
        await pilot.press("f", *"jjjj", "enter", "enter")  # kind: direct
        await settled(app, pilot)
        article = screen.review.current_article.id
        quote = screen.quotes.current.id
        theme, sort = app.theme, screen.sort
        assert sort.key != "date"
    state = json.loads((store_dir / STATE_FILE).read_text(encoding="utf-8"))
    assert state["article_id"] == article and state["quote_id"] == quote
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        screen = app.main
        await settled(app, pilot)
        await until(lambda: screen.quote_scope == "filter", pilot=pilot)
        assert screen.review.current_article.id == article
        assert screen.quotes.current.id == quote
        assert screen.filters.kind == "direct" and screen.sort == sort
        assert screen.sidebar.scope == "corpus" and app.theme == theme


async def test_a_bad_state_file_means_the_defaults_and_a_message_naming_it(store_dir, monkeypatch):
    from tui.app import QuotelensApp

    told: list[str] = []  # every notification, kept: a shown one expires after seconds on a loaded machine
    notify = QuotelensApp.notify
    monkeypatch.setattr(
        QuotelensApp, "notify", lambda self, message, **kw: (told.append(message), notify(self, message, **kw))[1]
    )
    (store_dir / STATE_FILE).write_text("{ not json", encoding="utf-8")
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        assert not screen.filters.any and screen.sort.key == "date"
        assert screen.articles.cursor == 0
        assert any(str(store_dir / STATE_FILE) in m for m in told)
    assert json.loads((store_dir / STATE_FILE).read_text(encoding="utf-8"))["sort"]["key"] == "date"  # replaced


# --- search as you type, the new filters, the sidebar narrowed to the filter ------------------------


@pytest.mark.slow
async def test_search_runs_as_you_type_and_esc_takes_it_back(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        await pilot.press("slash", *"Magnit")  # no enter: the lists follow the typing
        await until(lambda: screen.filters.search == "Magnit", pilot=pilot)
        await settled(app, pilot)
        assert screen.articles.row_count == 1 and "Magnitsky" in screen.review.current_article.text
        assert not on_disk(store_dir).all()  # the letters went to the search, not to the keys (a = accept)
        await pilot.press("escape")  # the search as it was before /
        await settled(app, pilot)
        assert screen.filters.search is None and screen.articles.row_count == 2
        await pilot.press("slash", *"Magnitsky", "enter")  # enter keeps it
        await settled(app, pilot)
        assert screen.filters.search == "Magnitsky" and screen.articles.row_count == 1
        assert "text: Magnitsky" in str(screen.query_one("#filter-bar").render())
        assert screen.focused is screen.articles


@pytest.mark.slow
async def test_has_a_note_filter_lists_the_noted_quotes(store_dir):
    from textual.widgets import TextArea

    async with opened(store_dir) as (app, pilot):
        screen = app.main
        await pilot.press("J")
        noted = screen.quotes.current.id
        await pilot.press("n")
        app.screen.query_one(TextArea).insert("Ask the desk.")
        await pilot.press("ctrl+s")
        await settled(app, pilot)
        await pilot.press("f", *"jjjjjjj", "enter")  # Has a note
        await settled(app, pilot)
        assert screen.filters.note and screen.quote_scope == "filter"
        assert listed_ids(screen) == [noted]
        assert on_disk(store_dir).get(noted).note == "Ask the desk."


async def test_the_corpus_sidebar_narrows_to_the_filter(store_dir):
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        screen = app.main
        await pilot.press("S")
        sidebar = screen.sidebar
        everyone = {sidebar.get_option_at_index(i).id for i in range(sidebar.option_count)}
        screen.set_filter("search", "Magnitsky")
        await settled(app, pilot)
        await until(lambda: sidebar.border_title == "Entities · filter", pilot=pilot)
        narrowed = {sidebar.get_option_at_index(i).id for i in range(sidebar.option_count)}
        row = screen.review.current_row
        index = screen.review.index
        # the article's speakers that the lists show (a description such as "sources of …" is not listed)
        mine = {
            f"speaker:{r.speaker_key}"
            for r in index.quotes(rows=[row])
            if r.speaker_key and index.is_listed_speaker(r.speaker_key)
        }
        assert mine and {i for i in narrowed if i and i.startswith("speaker:")} == mine
        assert narrowed < everyone
        await pilot.press("escape")
        await settled(app, pilot)
        await until(lambda: sidebar.border_title == "Entities · corpus", pilot=pilot)
