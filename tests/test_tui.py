"""The terminal app, driven with Pilot on the sample corpus.

Every annotation test asserts twice: on the screen (the widgets) and on the
store on disk (a fresh ``AnnotationStore`` reading ``annotations.json``). The
sample corpus is ingested once per session (spaCy runs once); each test gets a
copy of that store.
"""

from __future__ import annotations

import asyncio
import re
import time
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from corpus.readers import SAMPLE_CORPUS
from store.annotations import AnnotationStore, StoreWriteError

SIZE = (120, 40)


# --- fixtures and helpers ----------------------------------------------------------------


def make_app(store_dir: Path, **kwargs):
    from store.workspace import Workspace
    from tui.app import QuotelensApp

    def factory(progress, status, cancel):
        return Workspace.open([SAMPLE_CORPUS], store_dir=store_dir, progress=progress, status=status, cancel=cancel)

    return QuotelensApp(factory, corpus_label="sample corpus", **kwargs)


async def until(condition, timeout: float = 30.0, pilot=None) -> None:
    """Wait (without timing anything) until ``condition()`` holds; the timeout only ends a test that would
    hang, so it is generous: a machine loaded by other work can take ten seconds to paint.

    It looks every 20 ms (Textual's own idle granularity): each look through the pilot paints what
    changed, and looking every 10 ms rather than 50 ms cost test_tui.py and test_review_flows.py 6%
    more CPU (124 against 116 s)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        await (pilot.pause(0.02) if pilot is not None else asyncio.sleep(0.02))


async def ready(app, pilot) -> None:
    try:
        await until(
            lambda: app.main is not None and app.main.is_mounted and app.first_paint_at is not None, pilot=pilot
        )
    except AssertionError:
        raise AssertionError("the main screen did not open; the screen shows:\n" + screen_text(app)) from None
    await pilot.pause()


@asynccontextmanager
async def opened(store_dir: Path, size: tuple[int, int] = SIZE, **kwargs):
    """The app on the sample corpus, run under Pilot, its main screen open: ``(app, pilot)``."""
    app = make_app(store_dir, **kwargs)
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        yield app, pilot


async def settled(app, pilot) -> None:
    """Every save and filter finished and shown."""
    screen = app.main
    await until(lambda: not screen.saving, pilot=pilot)
    await until(lambda: not screen.filtering, pilot=pilot)
    await until(lambda: not screen.marking_genders, pilot=pilot)  # the corpus sidebar's gender marks
    await pilot.pause()


def on_disk(store_dir: Path) -> AnnotationStore:
    return AnnotationStore(store_dir / "annotations.json")


def screen_text(app) -> str:
    """What the terminal shows now, as plain text."""
    import io

    from rich.console import Console

    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        color_system=None,
        record=True,
        legacy_windows=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def speaker_rows(screen) -> list[str]:
    return [screen.quotes.quote_at(i).speaker for i in range(screen.quotes.row_count)]


# --- panes -------------------------------------------------------------------------------------


async def test_opens_on_the_sample_with_every_pane(store_dir):
    from tui.widgets.entity_sidebar import EntitySidebar

    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        screen = app.main
        assert screen.articles.row_count == 2
        assert screen.focused is screen.articles
        assert screen.review.current_article is not None
        assert screen.reader.article.id == screen.review.current_article.id
        assert screen.quotes.row_count == len(screen.review.ws.analysis(screen.review.current_article.id).quotes) > 0
        sidebar = app.main.query_one(EntitySidebar)
        assert sidebar.display and sidebar.option_count > 0
        assert "entity:justin trudeau" in [sidebar.get_option_at_index(i).id for i in range(sidebar.option_count)]


async def test_next_article_updates_every_pane(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        first = screen.review.current_article.id
        await pilot.press("j")
        second = screen.review.current_article.id
        assert second != first
        assert screen.reader.article.id == second
        assert screen.quotes.current.article_id == second
        await pilot.press("right_square_bracket")  # at the end already: stays
        await pilot.press("left_square_bracket")
        assert screen.review.current_article.id == first
        await pilot.press("G")
        assert screen.review.current_article.id == second
        await pilot.press("g")
        assert screen.review.current_article.id == first


async def test_moving_through_quotes_scrolls_the_reader(store_dir):
    async with opened(store_dir, size=(80, 24)) as (app, pilot):
        screen = app.main
        await pilot.press("J")  # next quote, from any pane
        await pilot.press("J")
        quote = screen.quotes.current
        assert screen.quotes.cursor == 2
        assert screen.reader.focused_quote == quote.id
        wrapped = screen.reader._wrapped
        line = wrapped.line_of(quote.start)
        top = int(screen.reader.scroll_y)
        assert top <= line < top + screen.reader.scrollable_content_region.height
        assert (
            quote.quote.text.split()[0] in screen.detail.render().plain
            if hasattr(screen.detail.render(), "plain")
            else True
        )


async def test_accepting_moves_on_and_the_reader_follows_however_the_save_races(store_dir):
    """After ``a`` the next quote is focused and in view in the reader, whether the save's
    repaint comes before the quote list's Highlighted message or after it."""
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        screen = app.main
        screen.reader.scroll_to(y=0, animate=False, immediate=True)
        # the race made deterministic: the repaint of a finished save runs first
        screen.quotes.action_cursor_down()
        screen.repaint_quotes()
        await settled(app, pilot)
        quote = screen.quotes.current
        assert screen.reader.focused_quote == quote.id
        line = screen.reader._wrapped.line_of(quote.start)
        top = int(screen.reader.scroll_y)
        assert top <= line < top + screen.reader.scrollable_content_region.height


async def test_J_past_the_last_quote_goes_on_to_the_next_article(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        first = screen.review.current_article.id
        for _ in range(screen.quotes.row_count - 1):
            await pilot.press("J")
        assert screen.review.current_article.id == first
        await pilot.press("J")  # past the last quote
        await pilot.pause()
        assert screen.review.current_article.id != first and screen.quotes.cursor == 0
        assert screen.articles.cursor == 1
        await pilot.press("K")  # and back: the last quote of the first article
        await pilot.pause()
        assert screen.review.current_article.id == first
        assert screen.quotes.cursor == screen.quotes.row_count - 1


async def test_i_shows_and_copies_the_quote_id(store_dir):
    async with opened(store_dir) as (app, pilot):
        quote_id = app.main.quotes.current.id
        await pilot.press("i")
        await pilot.pause()
        assert app.clipboard == quote_id
        assert any(n.message == quote_id for n in app._notifications)


async def test_entity_highlight_and_colour_toggles(store_dir):
    async with opened(store_dir) as (app, pilot):
        reader = app.main.reader
        assert not reader.show_entities and reader.colour_by == "kind"
        await pilot.press("e", "c")
        assert reader.show_entities and reader.colour_by == "status"


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_sidebar_entity_filters_articles_and_quotes(store_dir):
    from tui.widgets.entity_sidebar import EntitySidebar

    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        screen = app.main
        sidebar = screen.query_one(EntitySidebar)
        await pilot.press("S")  # corpus scope: top speakers and entities
        assert sidebar.scope == "corpus"
        ids = [sidebar.get_option_at_index(i).id for i in range(sidebar.option_count)]
        sidebar.focus()
        sidebar.highlighted = ids.index("speaker:justin trudeau")
        await pilot.press("enter")
        await settled(app, pilot)
        assert screen.filters.speaker == ("justin trudeau", "Justin Trudeau")
        assert screen.quote_scope == "filter"
        assert screen.quotes.row_count >= 1
        assert set(speaker_rows(screen)) == {"Justin Trudeau"}
        assert screen.articles.row_count == 1
        assert "speaker: Justin Trudeau" in str(screen.query_one("#filter-bar").render())
        await pilot.press("escape")  # clears the filter
        await settled(app, pilot)
        assert not screen.filters.any and screen.articles.row_count == 2 and screen.quote_scope == "article"


@pytest.mark.slow  # dominates `make check` (still runs in `make test`)
async def test_search_and_filter_menu(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        await pilot.press("slash")
        await pilot.press(*"Magnitsky", "enter")
        await settled(app, pilot)
        assert screen.filters.search == "Magnitsky"
        assert screen.articles.row_count == 1
        assert "Magnitsky" in screen.review.current_article.text
        # f → kind → direct: the quote viewer follows the filter across the corpus.
        await pilot.press("f")
        await pilot.press(*"jjjj", "enter")  # "Quote kind…"
        await pilot.press("enter")  # direct
        await settled(app, pilot)
        assert screen.filters.kind == "direct"
        assert screen.quote_scope == "filter"
        assert all(screen.quotes.quote_at(i).kind == "direct" for i in range(screen.quotes.row_count))
        await pilot.press("escape", "escape")
        await settled(app, pilot)
        assert not screen.filters.any and screen.articles.row_count == 2


@pytest.mark.slow
async def test_filter_prompt_enter_takes_the_completion_shown(store_dir):
    """Typing the start of a name and pressing enter filters by the name shown in grey."""
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        await pilot.press("f", "j", "enter", *"justin t", "enter")  # Speaker…
        await settled(app, pilot)
        assert screen.filters.speaker == ("justin trudeau", "Justin Trudeau")
        assert set(speaker_rows(screen)) == {"Justin Trudeau"}


@pytest.mark.parametrize("size", [(160, 50), (80, 24)])
async def test_b_shows_and_hides_the_sidebar_at_any_width(store_dir, size):
    async with opened(store_dir, size=size) as (app, pilot):
        screen = app.main
        wide = size[0] >= 120
        assert screen.sidebar.display == wide  # big terminals show it from the start
        await pilot.press("b")
        await pilot.pause()
        assert screen.sidebar.display != wide
        await pilot.press("S")  # corpus scope shows it...
        await pilot.pause()
        assert screen.sidebar.display and screen.sidebar.scope == "corpus"
        await pilot.press("b")  # ...and b still hides it
        await pilot.pause()
        assert not screen.sidebar.display


@pytest.mark.slow
async def test_a_quote_filter_keeps_the_article_and_follows_the_sort(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        await pilot.press("right_square_bracket")  # the second article of the list
        await pilot.pause()
        reading = screen.review.current_article.id
        await pilot.press("f", *"jjjj", "enter", "enter")  # Quote kind… → direct
        await settled(app, pilot)
        assert screen.quote_scope == "filter"
        assert screen.review.current_article.id == reading  # still reading the same article
        assert screen.quotes.current.article_id == reading
        # the quotes come grouped in the article list's order
        order = [screen.review.index.meta(int(r)).id for r in screen.articles.rows]
        seen = list(dict.fromkeys(screen.quotes.quote_at(i).article_id for i in range(screen.quotes.row_count)))
        assert seen == [a for a in order if a in seen]
        await pilot.press("O")  # reverse the sort: the quotes follow
        await settled(app, pilot)
        order = [screen.review.index.meta(int(r)).id for r in screen.articles.rows]
        seen = list(dict.fromkeys(screen.quotes.quote_at(i).article_id for i in range(screen.quotes.row_count)))
        assert len(seen) == 2 and seen == [a for a in order if a in seen]


async def test_sort_cycles_and_reverses(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        assert screen.articles.sort_keys == ("date", "quotes", "title")  # the sample has no sources
        await pilot.press("o")
        await settled(app, pilot)
        assert screen.sort.key == "quotes" and screen.sort.reverse
        counts = [screen.review.index.meta(r).n_quotes for r in screen.articles.rows]
        assert counts == sorted(counts, reverse=True)
        await pilot.press("O")
        await settled(app, pilot)
        counts = [screen.review.index.meta(r).n_quotes for r in screen.articles.rows]
        assert counts == sorted(counts)


# --- annotating ----------------------------------------------------------------------------------


async def test_accept_reject_reset_saved_on_disk(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        first = screen.quotes.current.id
        await pilot.press("a")  # accept, and move on (Prodigy style)
        await settled(app, pilot)
        assert screen.quotes.quote_at(0).status == "accepted"
        assert screen.quotes.quote_at(0).save_state == "saved"
        assert on_disk(store_dir).get(first).status == "accepted"
        second = screen.quotes.current.id
        assert second != first
        await pilot.press("x")
        await settled(app, pilot)
        assert on_disk(store_dir).get(second).status == "rejected"
        await pilot.press("K", "K", "r")
        await settled(app, pilot)
        assert screen.quotes.quote_at(0).status == "unreviewed"
        assert on_disk(store_dir).get(first) is None  # nothing left to record: the store drops it


@pytest.mark.slow  # dominates `make check` (still runs in `make test`)
async def test_tags_with_autocomplete_quick_tags_and_removal(store_dir, config_file):
    config_file.write_text('quick_tags = ["economy", "follow-up"]\n')
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        quote_id = screen.quotes.current.id
        await pilot.press("t")
        await pilot.press(*"security", "enter")
        await settled(app, pilot)
        await pilot.press("2")  # quick tag 2: follow-up
        await settled(app, pilot)
        assert screen.quotes.current.tags == ("security", "follow-up")
        assert on_disk(store_dir).get(quote_id).tags == ("security", "follow-up")
        # The tag input completes from tags in use.
        await pilot.press("J", "t")
        prompt = app.screen
        await pilot.press("s", "e")
        from textual.widgets import Input, OptionList

        assert prompt.query_one(Input)._suggestion == "security"
        assert prompt.query_one(OptionList).get_option_at_index(1).prompt == "security"  # under "se" as typed
        assert prompt.highlighted_value == "security"
        await pilot.press("enter")
        await settled(app, pilot)
        assert on_disk(store_dir).get(screen.quotes.current.id).tags == ("security",)
        # Quick tag again removes it; T removes a chosen tag.
        await pilot.press("K", "2")
        await settled(app, pilot)
        assert on_disk(store_dir).get(quote_id).tags == ("security",)
        await pilot.press("T", "enter")
        await settled(app, pilot)
        assert on_disk(store_dir).get(quote_id) is None  # no tags, no status: nothing recorded
        assert screen.quotes.current.tags == ()


@pytest.mark.slow
async def test_note_editor_saves_multiline_note(store_dir):
    from textual.widgets import TextArea

    async with opened(store_dir) as (app, pilot):
        screen = app.main
        quote_id = screen.quotes.current.id
        await pilot.press("n")
        area = app.screen.query_one(TextArea)
        area.insert("Check the date.\nAsk the desk.")
        await pilot.press("ctrl+s")
        await settled(app, pilot)
        assert on_disk(store_dir).get(quote_id).note == "Check the date.\nAsk the desk."
        assert screen.quotes.current.note.startswith("Check the date.")
        assert "✎" in str(screen.detail.render())
        await pilot.press("n")
        await pilot.press("escape")  # cancelling leaves the note alone
        await settled(app, pilot)
        assert on_disk(store_dir).get(quote_id).note == "Check the date.\nAsk the desk."
        # typed words are not lost to one escape: it asks, a second one discards
        await pilot.press("n", *" And the lawyer.")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen.query_one(TextArea), TextArea)  # still editing
        assert "esc again discards" in screen_text(app)
        await pilot.press("escape")
        await settled(app, pilot)
        assert app.screen is screen
        assert on_disk(store_dir).get(quote_id).note == "Check the date.\nAsk the desk."


@pytest.mark.slow
async def test_correct_speaker_and_restore(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        quote_id = screen.quotes.current.id
        await pilot.press("s")
        await pilot.press("ctrl+u")  # clear the input (it starts with the current speaker)
        await pilot.press(*"Ada Lovelace", "enter")
        await settled(app, pilot)
        assert screen.quotes.current.speaker == "Ada Lovelace"
        assert on_disk(store_dir).get(quote_id).speaker == "Ada Lovelace"
        sidebar = screen.sidebar  # the article's speakers follow the correction at once
        ids = [sidebar.get_option_at_index(i).id for i in range(sidebar.option_count)]
        assert "speaker:ada lovelace" in ids
        await pilot.press("s", "ctrl+u", "enter")  # empty: back to the extracted speaker
        await settled(app, pilot)
        assert on_disk(store_dir).get(quote_id) is None
        assert screen.quotes.current.speaker != "Ada Lovelace"


async def test_undo_and_redo(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        quote_id = screen.quotes.current.id
        await pilot.press("a")
        await settled(app, pilot)
        assert on_disk(store_dir).get(quote_id).status == "accepted"
        await pilot.press("u")
        await settled(app, pilot)
        assert screen.quotes.quote_at(0).status == "unreviewed"
        stored = on_disk(store_dir).get(quote_id)
        assert stored is None or stored.status == "unreviewed"
        await pilot.press("U")
        await settled(app, pilot)
        assert screen.quotes.quote_at(0).status == "accepted"
        assert on_disk(store_dir).get(quote_id).status == "accepted"


async def test_undo_names_the_article_when_the_change_is_elsewhere(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        title = screen.review.current_article.title
        quote_id = screen.quotes.current.id
        await pilot.press("a")
        await settled(app, pilot)
        await pilot.press("right_square_bracket")  # another article
        await pilot.pause()
        app.clear_notifications()
        await pilot.press("u")
        await settled(app, pilot)
        stored = on_disk(store_dir).get(quote_id)
        assert stored is None or stored.status == "unreviewed"
        assert any(f"in “{title}”" in n.message for n in app._notifications)


async def test_failed_save_stays_visible_as_unsaved_until_retried(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        store = screen.review.store
        quote_id = screen.quotes.current.id
        real = store.set_status

        def broken(*args, **kwargs):
            raise StoreWriteError(store.path, OSError(28, "No space left on device"))

        store.set_status = broken
        await pilot.press("a")
        await settled(app, pilot)
        row = screen.quotes.quote_at(0)
        assert row.status == "accepted" and row.save_state == "unsaved"
        assert any("Not saved" in (n.title or "") for n in app._notifications)
        assert "unsaved" in str(screen.query_one("#filter-bar").render())
        assert on_disk(store_dir).get(quote_id) is None
        store.set_status = real
        await pilot.press("ctrl+s")
        await settled(app, pilot)
        assert screen.quotes.quote_at(0).save_state == "saved"
        assert on_disk(store_dir).get(quote_id).status == "accepted"


@pytest.mark.slow
async def test_add_a_missed_quote_by_selecting_a_span(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        article = screen.review.current_article
        before = screen.quotes.row_count
        await pilot.press("v")
        reader = screen.reader
        assert reader.selecting and screen.focused is reader
        start = reader.caret
        await pilot.press("l", "l")  # move two words
        await pilot.press("v")  # start the span here
        anchor = reader.caret
        await pilot.press("l", "l", "l")  # extend by three words
        lo, hi = reader.selection
        assert lo == anchor > start
        await pilot.press("enter")  # confirm → who said it?
        await pilot.pause()
        # proposed: the speaker of the nearest quote before the span (none here: it is the lede)
        earlier = [q for q in screen.review.article_quotes if q.end <= lo and q.speaker]
        assert app.screen.query_one("#prompt-input").value == (earlier[-1].speaker if earlier else "")
        await pilot.press("ctrl+u", *"Erin O'Toole", "enter")
        await settled(app, pilot)
        assert not reader.selecting
        added = [a for a in on_disk(store_dir).user_quotes(article.id)]
        assert len(added) == 1
        assert added[0].text == article.text[lo:hi] and added[0].speaker == "Erin O'Toole"
        assert screen.quotes.row_count == before + 1
        assert screen.quotes.current.user_added and screen.quotes.current.speaker == "Erin O'Toole"
        assert f"{before + 1} quotes" in str(reader.border_subtitle)  # the reader's count follows
        assert screen.quotes.current.id in {q.id for q in reader.quotes}  # highlighted in the reader too
        await pilot.press("u")  # undo the adding
        await settled(app, pilot)
        assert screen.quotes.row_count == before
        assert not on_disk(store_dir).user_quotes(article.id)


@pytest.mark.slow  # dominates `make check` (still runs in `make test`)
async def test_filters_follow_corrected_speakers_and_added_quotes(store_dir):
    """A corrected quote is found under the speaker the user gave it (not the extracted one);
    an added quote is found by its speaker and its tags like any other."""
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        article = screen.review.current_article
        corrected = screen.quotes.current
        extracted_key = corrected.quote.speaker_key
        assert extracted_key and corrected.speaker != "Justin Trudeau"
        await pilot.press("s", "ctrl+u", *"Justin Trudeau", "enter")
        await settled(app, pilot)
        # add a missed quote, said by Trudeau too, and tag it
        await pilot.press("v", "l", "l", "v", "l", "l", "l", "enter")
        await pilot.press("ctrl+u", *"Justin Trudeau", "enter")
        await settled(app, pilot)
        added = screen.quotes.current
        assert added.user_added
        await pilot.press("t", *"follow-up", "enter")
        await settled(app, pilot)
        assert on_disk(store_dir).get(added.id).tags == ("follow-up",)

        # f → Speaker… → Justin Trudeau
        await pilot.press("f", "j", "enter", *"Justin Trudeau", "enter")
        await settled(app, pilot)
        assert screen.quote_scope == "filter"
        ids = [screen.quotes.quote_at(i).id for i in range(screen.quotes.row_count)]
        assert corrected.id in ids and added.id in ids
        assert set(speaker_rows(screen)) == {"Justin Trudeau"}
        assert screen.review.index.row_of(article.id) in set(screen.articles.rows.tolist())
        # moving onto the added quote shows it in its article
        screen.quotes.move_cursor(ids.index(added.id))
        await pilot.pause()
        assert screen.review.current_article.id == article.id and "added by you" in screen_text(app)

        # the extracted speaker no longer has the corrected quote
        await pilot.press("escape")
        await settled(app, pilot)
        screen.filter_by("speaker", extracted_key, corrected.speaker)
        await settled(app, pilot)
        assert corrected.id not in {screen.quotes.quote_at(i).id for i in range(screen.quotes.row_count)}

        # f → Tag… → follow-up: the added quote
        await pilot.press("escape")
        await settled(app, pilot)
        await pilot.press("f", "j", "j", "enter", *"follow-up", "enter")
        await settled(app, pilot)
        assert screen.filters.tag == "follow-up"
        assert [screen.quotes.quote_at(i).id for i in range(screen.quotes.row_count)] == [added.id]
        assert screen.quotes.quote_at(0).user_added and screen.quotes.quote_at(0).speaker == "Justin Trudeau"


@pytest.mark.slow  # dominates `make check` (still runs in `make test`)
async def test_selection_caret_walks_down_through_every_paragraph(store_dir):
    """j in selection mode never sticks at the end of a paragraph: it reaches the last line."""
    async with opened(store_dir) as (app, pilot):
        reader = app.main.reader
        await pilot.press("v")
        lines = reader._wrapped.lines
        seen = []
        for _ in range(len(lines) + 5):
            seen.append(reader._wrapped.line_of(reader.caret))
            await pilot.press("j")
        assert seen == sorted(seen) and len(set(seen)) > 10  # always forward
        last_with_words = max(i for i, (a, b) in enumerate(lines) if reader.article.text[a:b].strip())
        assert reader._wrapped.line_of(reader.caret) == last_with_words
        for _ in range(3):
            await pilot.press("k")
        assert reader._wrapped.line_of(reader.caret) < last_with_words


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_adding_a_quote_proposes_the_speaker_of_the_quote_before_it(store_dir):
    from tui.widgets.article_reader import ArticleReader

    async with opened(store_dir) as (app, pilot):
        screen = app.main
        rows = screen.review.article_quotes
        q = next(r for i, r in enumerate(rows) if r.speaker and (i + 1 == len(rows) or rows[i + 1].start > r.end + 40))
        start = q.end + 2
        screen.reader.post_message(ArticleReader.SpanSelected(screen.review.current_article.id, start, start + 30))
        await pilot.pause()
        assert app.screen.query_one("#prompt-input").value == q.speaker
        await pilot.press("escape")


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_selection_mode_cancels_with_escape(store_dir):
    async with opened(store_dir) as (app, pilot):
        reader = app.main.reader
        await pilot.press("v", "l", "escape")
        assert not reader.selecting
        assert not on_disk(store_dir).user_quotes()


# --- keys, help, config, palette ----------------------------------------------------------------------


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_keymap_override_from_the_config_file(store_dir, config_file):
    config_file.write_text('[keymap]\naccept = "y"\n')
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        quote_id = screen.quotes.current.id
        await pilot.press("a")  # no longer accept
        await settled(app, pilot)
        assert on_disk(store_dir).get(quote_id) is None
        await pilot.press("y")
        await settled(app, pilot)
        assert on_disk(store_dir).get(quote_id).status == "accepted"
        await pilot.press("question_mark")
        from tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        await until(lambda: app.screen.filled, pilot=pilot)  # the help fills a section at a time
        keys = [m.group(1) for m in re.finditer(r"(\S+)\s+Accept\s", screen_text(app))]
        assert keys == ["y", "y"]  # the help screen and the footer both show the remapped key


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_bad_config_is_reported_with_file_and_line(store_dir, config_file):
    config_file.write_text('quick_tags = ["a"]\n[keymap]\naccept = 3\n')
    async with opened(store_dir) as (app, pilot):
        messages = [n.message for n in app._notifications]
        assert any(str(config_file) in m and "line 3" in m for m in messages)
        assert app.main.quick_tags == ["a"]
    config_file.write_text('quick_tags = ["a"\n')
    async with opened(store_dir) as (app, pilot):
        assert any("not valid TOML" in n.message for n in app._notifications)


@pytest.mark.slow
async def test_help_screen_lists_every_binding(store_dir):
    from tui.screens.help import HelpScreen, sections

    async with opened(store_dir, size=(160, 160)) as (app, pilot):
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await until(lambda: app.screen.filled, pilot=pilot)  # the help fills a section at a time
        text = screen_text(app)
        for _, bindings in sections():
            for binding in bindings:
                assert binding.description in text and binding.id in text
        await pilot.press("escape")
        assert app.screen is app.main


async def test_every_binding_has_an_id():
    from tui.screens.help import sections

    ids = [b.id for _, bindings in sections() for b in bindings]
    assert all(ids)


def _first_command(app) -> str:
    """The palette's first (highlighted) row, "" while it has none."""
    from textual.command import CommandList

    commands = app.screen.query(CommandList)
    if not commands or not commands.first().option_count:
        return ""
    return str(commands.first().get_option_at_index(0).prompt)


@pytest.mark.slow
async def test_palette_jumps_to_a_speaker(store_dir):
    async with opened(store_dir) as (app, pilot):
        await pilot.press("at")
        await pilot.press(*"Trudeau")
        await until(lambda: _first_command(app).startswith("Justin Trudeau"), pilot=pilot)
        await pilot.press("enter")
        await settled(app, pilot)
        assert app.main.filters.speaker and app.main.filters.speaker[1] == "Justin Trudeau"


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_full_palette_lists_actions_and_jump_palettes_list_names(store_dir):
    from textual.command import CommandList

    def listed(app) -> str:
        options = app.screen.query_one(CommandList)
        return "\n".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))

    async with opened(store_dir, size=(120, 50)) as (app, pilot):
        await pilot.press("ctrl+p")
        await until(lambda: "Accept" in listed(app), pilot=pilot)
        assert "Huawei" not in listed(app)  # names wait until typed
        await pilot.press(*"Huawei")
        await until(lambda: "Huawei" in listed(app), pilot=pilot)  # ...and are found then
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("E")
        await until(lambda: "Huawei" in listed(app), pilot=pilot)  # the entity palette lists them at once


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_command_palette_runs_an_action(store_dir):
    async with opened(store_dir) as (app, pilot):
        quote_id = app.main.quotes.current.id
        await pilot.press("ctrl+p")
        await pilot.press(*"Accept")
        await until(lambda: _first_command(app).startswith("Accept"), pilot=pilot)
        await pilot.press("enter")
        await settled(app, pilot)
        assert on_disk(store_dir).get(quote_id).status == "accepted"


async def test_light_and_dark_themes(store_dir):
    async with opened(store_dir) as (app, pilot):
        dark = app.current_theme.dark
        await pilot.press("D")
        assert app.current_theme.dark is not dark


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_export_from_the_app_names_the_file(store_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    async with opened(store_dir) as (app, pilot):
        await pilot.press("a")
        await settled(app, pilot)
        await pilot.press("ctrl+e")
        await pilot.press("enter")  # CSV
        await pilot.press("enter")  # the default file name
        await until(lambda: any(n.title == "Exported" for n in app._notifications), pilot=pilot)
        target = tmp_path / "quotelens-quotes.csv"
        assert target.exists()
        note = next(n for n in app._notifications if n.title == "Exported")
        assert str(target) in note.message
        text = target.read_text(encoding="utf-8-sig")
        assert "accepted" in text and text.splitlines()[0].startswith("quote_id")


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_export_from_the_app_exports_what_the_filter_shows(store_dir, tmp_path, monkeypatch):
    import csv

    monkeypatch.chdir(tmp_path)
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        screen.filter_by("speaker", "justin trudeau", "Justin Trudeau")
        await settled(app, pilot)
        shown = {screen.quotes.quote_at(i).id for i in range(screen.quotes.row_count)}
        assert shown
        await pilot.press("ctrl+e", "enter")  # CSV
        await pilot.pause()
        prompt = app.screen.query_one("#prompt-input").value
        assert prompt == str(tmp_path / "quotelens-quotes.csv")  # the whole path, not a bare name
        assert f"the {len(shown)} quotes of the filter" in screen_text(app)
        await pilot.press("enter")
        await until(lambda: any(n.title == "Exported" for n in app._notifications), pilot=pilot)
        with open(tmp_path / "quotelens-quotes.csv", encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert {r["quote_id"] for r in rows} == shown


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_mouse_click_on_a_row_and_on_a_quote_in_the_reader(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        first = screen.review.current_article.id
        await pilot.click("#articles", offset=(5, 3))  # border, header line, first row, second row
        await pilot.pause()
        assert screen.review.current_article.id != first
        # Click inside the last quote of the article in the reader.
        target = screen.review.article_quotes[-1]
        reader = screen.reader
        reader.scroll_to_quote(target.id)
        await pilot.pause()
        line = reader._wrapped.line_of(target.start + 1)
        column = reader._wrapped.column_of(target.start + 1)
        y = line - int(reader.scroll_y)
        await pilot.click("#reader", offset=(column + 1 + reader.styles.padding.left, y + 1))
        await pilot.pause()
        assert screen.quotes.current.id == target.id


async def test_sidebar_merges_an_entity_tagged_with_two_labels():
    """Labour as ORG and as NORP in one article is one row (OptionList refuses duplicate ids)."""
    from textual.app import App

    from corpus.models import Entity
    from tui.widgets.entity_sidebar import EntitySidebar

    class Host(App):
        def compose(self):
            yield EntitySidebar()

    entities = [
        Entity("Labour", 0, 6, "ORG", "Labour", "labour"),
        Entity("Labour", 10, 16, "NORP", "Labour", "labour"),
        Entity("Labour", 20, 26, "ORG", "Labour", "labour"),
        Entity("Tony Blair", 30, 40, "PERSON", "Tony Blair", "tony blair"),
    ]
    app = Host()
    async with app.run_test() as pilot:
        sidebar = app.query_one(EntitySidebar)
        sidebar.show_article(entities, [("tony blair", "Tony Blair"), ("tony blair", "Tony Blair")])
        await pilot.pause()
        ids = [sidebar.get_option_at_index(i).id for i in range(sidebar.option_count)]
        assert ids.count("entity:labour") == 1 and "speaker:tony blair" in ids and "entity:tony blair" in ids
        prompt = str(sidebar.get_option_at_index(ids.index("entity:labour")).prompt)
        assert "3" in prompt  # all its mentions


async def test_the_app_leaves_when_its_terminal_hangs_up(store_dir):
    """A closed terminal must not leave the app spinning on a dead tty (Textual reads EOF
    from it in a loop): the app checks its tty and exits when it has gone."""
    import os

    async with opened(store_dir) as (app, pilot):
        master, tty = os.openpty()
        app._tty_fd = tty
        app._exit_if_terminal_gone()
        await pilot.pause()
        assert app.is_running and app.return_code is None
        os.close(master)  # the terminal hangs up
        app._exit_if_terminal_gone()
        await pilot.pause()
        assert app.return_code == 129
        os.close(tty)
