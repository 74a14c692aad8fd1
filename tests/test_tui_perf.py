"""What keeps a key fast, asserted without timing anything (bench/tui.py measures the times).

A key that moves through articles, quotes, the reader or the sidebar must not
lay the whole screen out again (that doubled the cost of every key, issue 14):
the panes change their content size without a layout (``tui/widgets/steady.py``),
the quote detail has a fixed height, lists keep their scrollbar. And moving to an
article updates the quote detail once, not twice.
"""

from __future__ import annotations

import pytest
from test_tui import opened, settled
from textual.screen import Screen


@pytest.fixture
def layouts(monkeypatch):
    """How many full-screen layouts ran (a list that grows by one per layout)."""
    done: list[int] = []
    original = Screen._refresh_layout

    def counting(self, *args, **kwargs):
        done.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counting)
    return done


@pytest.mark.parametrize(
    ("focus", "keys"),
    [
        ((), ("j", "k", "j")),  # the article list
        ((), ("right_square_bracket",)),  # next article
        ((), ("J", "J", "J", "K")),  # through the quotes, across articles
        (("tab",), ("j", "j", "k")),  # the reader
        (("b", "b"), ("j", "j", "k")),  # the sidebar (b hides it at 160 columns, b shows it focused)
    ],
)
async def test_moving_never_lays_the_screen_out_again(store_dir, layouts, focus, keys):
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        for key in focus:
            await pilot.press(key)
        await settled(app, pilot)
        screen = app.main

        def where() -> tuple[object, ...]:
            return screen.review.current_row, screen.quotes.cursor, screen.reader.scroll_y, screen.sidebar.highlighted

        before = where()
        layouts.clear()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await settled(app, pilot)
        assert where() != before  # the keys moved something
        assert not layouts


async def test_a_new_article_shows_its_first_quote_once(store_dir, monkeypatch):
    from tui.widgets.quote_detail import QuoteDetail

    shown: list[str | None] = []
    original = QuoteDetail.show

    def counting(self, row, *args, **kwargs) -> None:
        shown.append(row.id if row is not None else None)
        original(self, row, *args, **kwargs)

    monkeypatch.setattr(QuoteDetail, "show", counting)
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await settled(app, pilot)
        shown.clear()
        await pilot.press("j")
        await settled(app, pilot)
        first = app.main.quotes.current.id
        assert shown == [first]


# A text of one-cell characters beyond ASCII (a pound sign, curly quotes, a dash, accents), and
# one with wide characters, which must keep Rich's cell widths.
ONE_CELL = (
    "The café’s owner said the rent had gone up by £1,200 — “far more than we can pay” — and\n"
    "\n"
    "that she would close in March. A word longer than any line: Llanfairpwllgwyngyllgogerychwyrndrob.\n"
)
WIDE = "The sign read 東京駅 in large letters, and 大阪 under it; nobody could read either of them."


@pytest.mark.parametrize("text", [ONE_CELL, WIDE])
@pytest.mark.parametrize("width", [8, 13, 20, 37, 80])
def test_wrapping_by_length_gives_the_lines_of_wrapping_by_cells(monkeypatch, text, width):
    """The reader wraps a one-cell text by string lengths (fast); the lines are those that
    measuring every word's cells gives."""
    from tui.widgets import text_wrap

    assert text_wrap._single_cell(text) == (text is ONE_CELL)  # the wide one keeps the cell widths
    fast = text_wrap.wrap(text, width)
    monkeypatch.setattr(text_wrap, "_single_cell", lambda _text: False)
    assert fast.lines == text_wrap.wrap(text, width).lines
