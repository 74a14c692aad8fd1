"""Selection mode (add a missed quote, change a quote's span) and search hits in the reader.

``SpanSelection`` is tested on its own (no app): counts, finding, the span at
word edges. The app tests drive the keys with Pilot and assert the screen
(the reader's caret, the highlighted span, the subtitle) and the store on disk.
Snapshots of selection mode at 80×24 and 160×50.
"""

from __future__ import annotations

import pytest
from test_tui import make_app, on_disk, opened, ready, screen_text, settled, until

from tui.widgets.span_selection import SpanSelection
from tui.widgets.text_wrap import wrap

TEXT = "The minister said the plan would work. Critics said it would fail, and the unions agreed with them."


# --- the model, without the app ---------------------------------------------------------------


def test_counts_move_that_many_words_and_the_span_takes_whole_words():
    sel = SpanSelection(TEXT, 0)
    assert sel.caret == 0 and not sel.extending
    sel.add_digit(3)
    sel.word(sel.take_count())
    assert TEXT[sel.caret :].startswith("the plan")
    sel.toggle_anchor()
    sel.add_digit(1)
    sel.add_digit(0)  # a two-digit count
    assert sel.take_count() == 10 and sel.take_count() == 1  # taken once, then gone
    sel.word(3)
    # whole words, without the sentence's full stop after the last one (as the extractor ends a quote)
    assert TEXT[slice(*sel.span)] == "the plan would work"


def test_find_jumps_to_the_next_place_the_text_occurs_and_wraps_around():
    sel = SpanSelection(TEXT, 0)
    assert sel.find("said")
    assert sel.caret == TEXT.index("said")
    assert sel.find("said")
    assert sel.caret == TEXT.index("said", TEXT.index("said") + 1)
    assert sel.find("SAID")  # no case; past the last one: the first again
    assert sel.caret == TEXT.index("said")
    assert sel.find("said", -1)  # backwards from the first: the last
    assert sel.caret == TEXT.rindex("said")
    assert not sel.find("referendum") and sel.caret == TEXT.rindex("said")  # not there: stays


def test_editing_starts_on_the_quote_span_already_extending():
    start = TEXT.index("Critics")
    end = TEXT.index(",")
    sel = SpanSelection(TEXT, 0, editing="a#1", span=(start, end), kind="indirect")
    assert sel.extending and sel.span == (start, end)  # as it was: V then enter changes nothing
    assert sel.choice().editing == "a#1" and sel.choice().kind == "indirect"
    sel.word(-1)  # the end moves back one word
    assert TEXT[slice(*sel.span)] == "Critics said it would"
    sel.word(1)  # and back onto the quote's last word: its own end again, not "fail,"
    assert sel.span == (start, end)


def test_a_span_ends_before_a_full_stop_or_comma_but_keeps_closing_marks_and_abbreviations():
    text = 'She said: "We will win". He said the talks failed, and aides blamed the U.S. Then nothing.'
    for last, expected in (('win".', 'win"'), ("failed,", "failed"), ("U.S.", "U.S."), ("nothing.", "nothing")):
        sel = SpanSelection(text, text.index(last))
        assert text[slice(*sel.span)] == expected


def test_line_motion_with_a_count_goes_that_many_lines():
    wrapped = wrap(TEXT, 20)
    sel = SpanSelection(TEXT, 0)
    sel.line(2, wrapped)
    assert wrapped.line_of(sel.caret) == 2
    sel.line(-5, wrapped)  # past the top: stays on the first line
    assert wrapped.line_of(sel.caret) == 0


# --- in the app ---------------------------------------------------------------------------------


async def test_selection_starts_on_the_focused_quote_not_the_top_of_the_view(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        await pilot.press("J", "J")  # the third quote
        focused = screen.quotes.current
        await pilot.press("v")
        reader = screen.reader
        assert reader.selecting and reader.caret == focused.start
        assert "new direct quote" in str(reader.border_subtitle)
        await pilot.press("escape")
        assert not reader.selecting


async def test_selection_starts_at_the_clicked_word(store_dir):
    async with opened(store_dir) as (app, pilot):
        reader = app.main.reader
        text = app.main.review.current_article.text
        line = int(reader.scroll_y) + 3
        start, end = reader._wrapped.lines[line]
        word = next(i for i in range(start + 2, end) if text[i].isalpha() and text[i - 1] == " ")
        x = reader._wrapped.column_of(word) + reader.content_region.x - reader.region.x
        y = line - int(reader.scroll_y) + reader.content_region.y - reader.region.y
        await pilot.click("#reader", offset=(x, y))
        await pilot.press("v")
        assert reader.caret == word


@pytest.mark.slow
async def test_count_find_and_kind_add_an_indirect_quote(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        reader = screen.reader
        article = screen.review.current_article
        await pilot.press("v")
        start = reader.caret
        await pilot.press("3", "w")
        assert reader.caret == reader.selection_mode.tokens[reader.selection_mode.token_index(start) + 3][0]
        # "/" then words: the caret jumps to where they occur, the reader says what is typed
        target_word = next(w for w in article.text[reader.caret + 200 :].split() if w.isalpha() and len(w) > 5)
        await pilot.press("slash", *target_word.lower())
        assert f"/{target_word.lower()}" in str(reader.border_subtitle)
        await pilot.press("enter")
        assert article.text[reader.caret :].lower().startswith(target_word.lower())
        found = reader.caret
        await pilot.press("v", "2", "w", "i")  # span of three words, indirect
        lo, hi = reader.selection
        assert lo == found and "indirect" in str(reader.border_subtitle)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+u", *"A. Critic", "enter")
        await settled(app, pilot)
        added = on_disk(store_dir).user_quotes(article.id)
        assert len(added) == 1
        assert added[0].kind == "indirect" and added[0].text == article.text[lo:hi]
        assert screen.quotes.current.kind == "indirect"


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_escape_while_finding_goes_back_and_keeps_selecting(store_dir):
    async with opened(store_dir) as (app, pilot):
        reader = app.main.reader
        await pilot.press("v")
        before = reader.caret
        await pilot.press("slash", "t", "h", "e")
        await pilot.press("escape")
        assert reader.selecting and reader.caret == before
        assert reader.selection_mode.finding is None


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_change_the_span_of_a_quote(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        row = screen.quotes.current
        await pilot.press("V")
        reader = screen.reader
        assert reader.selecting and reader.selection_mode.editing == row.id
        lo, hi = reader.selection
        assert lo == row.start and hi >= row.end - 1
        await pilot.press("b")  # the end one word back
        new_lo, new_hi = reader.selection
        assert new_lo == row.start and new_hi < hi
        await pilot.press("enter")
        await settled(app, pilot)
        saved = on_disk(store_dir).get(row.id)
        assert saved.span is not None and (saved.span.start, saved.span.end) == (new_lo, new_hi)
        assert (screen.quotes.current.start, screen.quotes.current.end) == (new_lo, new_hi)
        assert screen.quotes.current.id == row.id  # the same quote, its span changed


@pytest.mark.slow
async def test_search_hits_are_highlighted_and_n_goes_through_them(store_dir):
    async with opened(store_dir) as (app, pilot):
        screen = app.main
        text = screen.review.current_article.text
        word = next(w for w in text.split() if w.isalpha() and len(w) > 6 and text.lower().count(w.lower()) >= 2)
        screen.set_filter("search", word.lower()[:-1])  # the start of a word is enough
        await settled(app, pilot)
        reader = screen.reader
        await until(lambda: reader.hits, pilot=pilot)
        assert all(text[a:b].lower().startswith(word.lower()[:-1]) for a, b in reader.hits)
        assert "hits (n/N)" in str(reader.border_subtitle)
        reader.focus()
        await pilot.press("g")  # the top: n goes to the first hit after the top of the view
        await pilot.press("n")
        assert reader.current_hit == 0 and "hit 1 of" in str(reader.border_subtitle)
        await pilot.press("n")
        assert reader.current_hit == 1
        await pilot.press("N", "N")  # back past the first: the last
        assert reader.current_hit == len(reader.hits) - 1
        a, _ = reader.hits[reader.current_hit]
        line = reader._wrapped.line_of(a)
        assert int(reader.scroll_y) <= line < int(reader.scroll_y) + reader.scrollable_content_region.height
        # without a search, n is the note key again
        screen.set_filter("search", "")
        await settled(app, pilot)
        assert not reader.hits
        await pilot.press("n")
        await until(lambda: app.screen is not screen, pilot=pilot)
        await pilot.press("escape")


# --- snapshots ----------------------------------------------------------------------------------


def _selecting(keys: tuple[str, ...]):
    async def run_before(pilot) -> None:
        app = pilot.app
        await ready(app, pilot)
        for key in keys:
            await pilot.press(key)
        app.clear_notifications()
        await pilot.pause()
        assert app.main.reader.selecting, screen_text(app)

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
def test_selection_mode_snapshot(snap_compare, store_dir, size):
    """Selection mode on the focused quote: a three-word span, indirect, a count pending."""
    keys = ("J", "v", "w", "v", "2", "w", "i", "3")
    assert snap_compare(make_app(store_dir), terminal_size=size, run_before=_selecting(keys))
