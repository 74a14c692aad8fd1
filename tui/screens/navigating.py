"""Moving through the quotes the way a reviewer does: ``J``/``K`` across article ends, and
``w`` to the next quote nobody has reviewed yet (across articles)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.screens.main import MainScreen


def next_quote(screen: MainScreen) -> None:
    """The next quote; past an article's last one, the first quote of the next article
    that has quotes (a reviewer works through the corpus with J alone)."""
    if screen.review.quote_scope == "article" and screen.quotes.cursor >= screen.quotes.row_count - 1:
        if not step_article(screen, +1):
            screen.notify("That was the last quote.", timeout=2)
        return
    screen.quotes.action_cursor_down()


def previous_quote(screen: MainScreen) -> None:
    if screen.review.quote_scope == "article" and screen.quotes.cursor <= 0:
        if step_article(screen, -1, last_quote=True):
            return
    screen.quotes.action_cursor_up()


def step_article(screen: MainScreen, step: int, last_quote: bool = False) -> bool:
    """Move the article list to the nearest article in direction ``step`` with quotes."""
    rows = screen.articles.rows
    at = screen.articles.cursor + step
    while 0 <= at < len(rows):
        row = int(rows[at])
        if screen.review.index.meta(row).n_quotes or screen.articles.added_counts.get(row):
            screen.articles.move_to_row(row)
            screen.show_article(row)
            if last_quote and screen.quotes.row_count:
                screen.quotes.move_cursor(screen.quotes.row_count - 1)
            return True
        at += step
    return False


def next_unreviewed(screen: MainScreen) -> None:
    """The next quote nobody has accepted or rejected: in the filter's list, or in this
    article and then the next articles of the list (round to the top once)."""
    review = screen.review
    reviewed = review.reviewed_ids()
    cursor = screen.quotes.cursor
    if review.quote_scope == "filter":
        refs = review.filter_refs
        order = [*range(cursor + 1, len(refs)), *range(0, min(cursor + 1, len(refs)))]
        index = next((i for i in order if refs[i].quote_id not in reviewed), None)
        if index is None:
            screen.notify("Every quote of the filter is reviewed.", timeout=3)
        else:
            screen.quotes.move_cursor(index)
        return
    rows = review.article_quotes
    index = next((i for i in range(cursor + 1, len(rows)) if rows[i].id not in reviewed), None)
    if index is not None:
        screen.quotes.move_cursor(index)
        return
    found = review.next_unreviewed(screen.articles.rows, screen.articles.cursor + 1)
    if found is None:
        screen.notify("Every quote of the listed articles is reviewed.", timeout=3)
        return
    row, quote_id = found
    screen.show_article(row, focus_quote=quote_id)
    screen.articles.move_to_row(row)  # its Highlighted finds the article already shown
