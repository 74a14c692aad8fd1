"""The mouse on every pane and widget of the main screen: clicks never crash the app.

Each test clicks with Pilot where a user would (a row, a quote in the text, a
sidebar entry, the filter bar, the quote detail, a footer key) and asserts
what the screen shows afterwards. A crash in a click handler fails the test
(Pilot re-raises the app's exception when the app exits).
"""

from __future__ import annotations

import pytest
from test_tui import opened, screen_text, settled, until
from textual.widgets import Footer

BIG = (160, 50)


def _row_offset(widget, index: int) -> tuple[int, int]:
    """Where to click (relative to the widget's region) to hit list row ``index``."""
    content = widget.content_region
    x = content.x - widget.region.x + 4
    y = content.y - widget.region.y + widget._header_lines + index - int(widget.scroll_y)
    return x, y


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_click_an_article_row_shows_that_article(store_dir):
    async with opened(store_dir, size=BIG) as (app, pilot):
        screen = app.main
        articles = screen.articles
        assert articles.row_count >= 2 and articles.cursor == 0
        second = articles.rows[1]
        await pilot.click("#articles", offset=_row_offset(articles, 1))
        await until(lambda: screen.review.current_row == second, pilot=pilot)
        assert articles.cursor == 1 and screen.focused is articles
        meta = screen.review.index.meta(int(second))
        assert (meta.title or meta.id)[:20] in str(screen.reader.border_title)
        # the header line (column titles) is not a row: clicking it changes nothing
        await pilot.click("#articles", offset=(4, articles.content_region.y - articles.region.y))
        await pilot.pause()
        assert articles.cursor == 1


async def test_click_a_quote_row_makes_it_the_focused_quote(store_dir):
    """The click that used to kill the app (``QuoteList._row_at`` shadowed the list's own)."""
    async with opened(store_dir, size=BIG) as (app, pilot):
        screen = app.main
        quotes = screen.quotes
        assert quotes.row_count >= 3
        target = quotes.quote_at(2)
        await pilot.click("#quotes", offset=_row_offset(quotes, 2))
        await until(lambda: quotes.cursor == 2, pilot=pilot)
        assert screen.focused is quotes
        assert screen.reader.focused_quote == target.id  # highlighted in the reader
        assert " ".join(target.quote.text.split())[:40] in str(screen.detail.render())  # and in the detail
        # the quote is on screen in the reader
        reader = screen.reader
        line = reader._wrapped.line_of(target.start)
        assert int(reader.scroll_y) <= line < int(reader.scroll_y) + reader.scrollable_content_region.height
        # a double click opens it in the reader
        await pilot.click("#quotes", offset=_row_offset(quotes, 2), times=2)
        await until(lambda: screen.focused is reader, pilot=pilot)


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_click_a_quote_in_the_reader_moves_the_quote_list(store_dir):
    async with opened(store_dir, size=BIG) as (app, pilot):
        screen = app.main
        reader = screen.reader
        target = screen.review.article_quotes[-1]
        reader.scroll_to_quote(target.id)
        await pilot.pause()
        position = target.start + 1
        line = reader._wrapped.line_of(position)
        x = reader._wrapped.column_of(position) + reader.content_region.x - reader.region.x
        y = line - int(reader.scroll_y) + reader.content_region.y - reader.region.y
        await pilot.click("#reader", offset=(x, y))
        await until(lambda: screen.quotes.current.id == target.id, pilot=pilot)
        assert reader.focused_quote == target.id
        # below the last line of text: nothing to hit, nothing breaks
        reader.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        await pilot.click("#reader", offset=(3, reader.region.height - 2))
        await pilot.pause()
        assert screen.quotes.current.id == target.id


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_click_in_selection_mode_puts_the_caret_on_that_word(store_dir):
    async with opened(store_dir, size=BIG) as (app, pilot):
        screen = app.main
        reader = screen.reader
        await pilot.press("v")
        assert reader.selecting
        line = int(reader.scroll_y) + 2
        start, end = reader._wrapped.lines[line]
        word = next(i for i in range(start + 3, end) if screen.review.current_article.text[i].isalpha())
        x = reader._wrapped.column_of(word) + reader.content_region.x - reader.region.x
        y = line - int(reader.scroll_y) + reader.content_region.y - reader.region.y
        await pilot.click("#reader", offset=(x, y))
        await pilot.pause()
        text = screen.review.current_article.text
        assert reader.caret <= word < reader.caret + len(text[reader.caret :].split()[0])
        assert reader.selecting  # a click moves the caret, it does not leave selection mode
        await pilot.press("escape")


async def test_click_a_sidebar_entity_filters_by_it(store_dir):
    async with opened(store_dir, size=BIG) as (app, pilot):
        screen = app.main
        sidebar = screen.sidebar
        assert sidebar.display and sidebar.region.width
        index = next(i for i in range(sidebar.option_count) if not sidebar.get_option_at_index(i).disabled)
        option = sidebar.get_option_at_index(index)
        name = option.name
        y = sidebar.content_region.y - sidebar.region.y + index - int(sidebar.scroll_y)
        await pilot.click("#sidebar", offset=(4, y))
        await settled(app, pilot)
        assert screen.review.filters.any
        assert name in screen_text(app)  # the filter chip names it
        assert screen.review.quote_scope == "filter"


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_clicks_on_filter_bar_detail_and_header_title_change_nothing(store_dir):
    async with opened(store_dir, size=BIG) as (app, pilot):
        screen = app.main
        before = (screen.review.current_row, screen.quotes.cursor, screen.review.filters.any)
        for selector in ("#filter-bar", "#quote-detail", "Header"):
            # (the header's middle: its icon on the left opens the command palette, by design)
            await pilot.click(selector, offset=(40, 0))
            await pilot.pause()
        assert (screen.review.current_row, screen.quotes.cursor, screen.review.filters.any) == before
        assert app.screen is screen


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_click_a_footer_key_runs_its_action(store_dir):
    from textual.widgets._footer import FooterKey

    from tui.screens.help import HelpScreen

    async with opened(store_dir, size=BIG) as (app, pilot):
        assert app.main.query_one(Footer).display
        help_key = next(k for k in app.main.query(FooterKey) if k.action == "app.help")
        await pilot.click(help_key)
        await until(lambda: isinstance(app.screen, HelpScreen), pilot=pilot)
        await pilot.press("escape")
        await until(lambda: app.screen is app.main, pilot=pilot)
