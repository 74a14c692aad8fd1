"""Export from inside the app, in the formats of ``quotelens export``.

Choose a format (CSV, JSON lines, or the review as gold JSONL), confirm the
file name, and the export runs in a worker thread; a notification names the
file (or the error). What is on screen is what is exported: with a quote filter
the quotes it lists, with an article filter (a search) the quotes of the listed
articles, else every quote. The gold export is always the whole review.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.message import Message
from textual.worker import get_current_worker

FORMATS = [
    ("csv", "Quotes as CSV (opens in Excel, LibreOffice, Sheets)"),
    ("jsonl", "Quotes as JSON lines"),
    ("gold", "Your review as gold JSONL (for quotelens eval)"),
]
DEFAULT_NAMES = {"csv": "quotelens-quotes.csv", "jsonl": "quotelens-quotes.jsonl", "gold": "quotelens-gold.jsonl"}


class ExportFinished(Message):
    def __init__(self, path: Path, count: int, summary: str, error: str = "", seconds: float = 0.0) -> None:
        super().__init__()
        self.path = path
        self.count = count
        self.summary = summary
        self.error = error
        self.seconds = seconds


def start_export(screen: Any) -> None:
    """Ask for the format, then the file; then export in a worker (``screen`` is the main screen)."""
    from tui.screens.choice import ChoiceScreen
    from tui.screens.prompt import PromptScreen

    if screen.review.store is None:
        reason = screen.review.store_error or "The annotation store is not available."
        screen.notify(reason, severity="error", title="Cannot export")
        return
    keep, scope = _on_screen(screen)

    def format_chosen(fmt: str | None) -> None:
        if fmt is None:
            return

        def path_chosen(name: str | None) -> None:
            if not name:
                return
            path = Path(name).expanduser()
            if not path.is_absolute():
                path = Path.cwd() / path
            screen.status = f"exporting to {path.name}…"
            screen.run_worker(
                lambda: _export(screen, fmt, path, None if fmt == "gold" else keep),
                thread=True,
                group="export",
                name="export",
                exclusive=True,
            )

        hint = f"{scope} · " if fmt != "gold" else "every reviewed article · "
        default = str(Path.cwd() / DEFAULT_NAMES[fmt])
        screen.app.push_screen(PromptScreen("Export to file", default, hint=hint), path_chosen)

    screen.app.push_screen(ChoiceScreen("Export", FORMATS), format_chosen)


def _on_screen(screen: Any) -> tuple[Callable[[dict[str, Any]], bool] | None, str]:
    """Which exported rows are the ones on screen (None: all), and how to say so."""
    filters = screen.review.filters
    if screen.review.quote_scope == "filter":
        ids = {ref.quote_id for ref in screen.review.filter_refs}
        return (lambda row: row["quote_id"] in ids), f"the {len(ids):,} quotes of the filter ({filters.describe()})"
    if filters.any:
        articles = {screen.review.index.article_id(int(r)) for r in screen.articles.rows}
        return (
            (lambda row: row["article_id"] in articles),
            f"the quotes of the {len(articles):,} listed articles ({filters.describe()})",
        )
    return None, "every quote of the corpus"


def _export(screen: Any, fmt: str, path: Path, keep: Callable[[dict[str, Any]], bool] | None) -> None:
    """Runs in a worker thread: write the file atomically, then post ``ExportFinished``."""
    from store.annotations import StoreError
    from store.export import export_rows, write_csv, write_jsonl
    from store.gold import GoldReport, gold_articles, write_gold
    from tui.commands.export import _AtomicOutput

    started = time.perf_counter()
    out = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        out = _AtomicOutput(path)
        if fmt == "gold":
            report = GoldReport()
            count = write_gold(gold_articles(screen.review.ws, screen.review.store, report=report), out.fh)
            summary = f"gold: {report.summary()}"
        else:
            rows = export_rows(screen.review.ws, screen.review.store)
            if keep is not None:
                rows = (row for row in rows if keep(row))
            count = write_csv(rows, out.fh) if fmt == "csv" else write_jsonl(rows, out.fh)
            summary = f"{count:,} quotes"
        if get_current_worker().is_cancelled:
            out.abort()
            return
        out.commit()
    except (StoreError, OSError) as exc:
        if out is not None:
            out.abort()
        message = str(exc) if isinstance(exc, StoreError) else f"Could not write {path}: {exc.strerror or exc}"
        screen.post_message(ExportFinished(path, 0, "", error=message))
        return
    screen.post_message(ExportFinished(path, count, summary, seconds=time.perf_counter() - started))
