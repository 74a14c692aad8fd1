"""The typed messages of the main screen's workers (handled with ``@on`` in ``MainScreen``).

Workers run in threads and answer with these; a generation number lets the
screen drop the answers of a filter the user has since replaced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from textual.message import Message

if TYPE_CHECKING:
    from corpus.models import Analysis, Article
    from store.index import QuoteRef
    from tui.filters import FilteredStats
    from tui.saver import SaveResult


class SaveFinished(Message):
    """The annotation saver did (or failed) one job."""

    def __init__(self, result: SaveResult) -> None:
        super().__init__()
        self.result = result


class FiltersApplied(Message):
    """The filter worker's first answer: the article rows, sorted (``quotes_follow``: a
    ``QuotesFound`` comes next, with the quotes the filters pick across the corpus)."""

    def __init__(self, generation: int, rows: np.ndarray, quotes_follow: bool, seconds: float) -> None:
        super().__init__()
        self.generation = generation
        self.rows = rows
        self.quotes_follow = quotes_follow
        self.seconds = seconds


class QuotesFound(Message):
    """The filter worker's second answer: the quotes the filters pick, in the list's order."""

    def __init__(self, generation: int, refs: list[QuoteRef], seconds: float) -> None:
        super().__init__()
        self.generation = generation
        self.refs = refs
        self.seconds = seconds


class SidebarStats(Message):
    """Who speaks and what is mentioned in the articles the filter keeps (for the corpus sidebar)."""

    def __init__(self, generation: int, stats: FilteredStats) -> None:
        super().__init__()
        self.generation = generation
        self.stats = stats


class ArticlesRead(Message):
    """The articles next to the one shown, read ahead (text and analysis) so that the key
    that moves to one of them does not wait on the cache."""

    def __init__(self, articles: list[tuple[Article, Analysis]]) -> None:
        super().__init__()
        self.articles = articles
