"""Export from inside the app, with the choices of ``quotelens export``.

Choose a format (CSV, JSON lines, or the review as gold JSONL, with or without
the unreviewed quotes of the reviewed articles), confirm the file name (an
existing file is only replaced when the user says so), and the export runs in a
worker thread; a notification names the file (or the error). What is on screen
is what is exported: with a quote filter the quotes it lists, with an article
filter (a search) the quotes of the listed articles, else every quote. The gold
export is always the whole review. The rows and columns are the command line's
(``store.export``), so a file from the app and one from ``quotelens export``
have the same columns.

The folder of the last export is remembered per corpus (in the user data
folder); the first proposal is the current folder, unless that is inside the
program's own folder (``make run`` starts there), then the documents folder or
home.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from textual.message import Message
from textual.worker import get_current_worker

from tui.wording import plural

if TYPE_CHECKING:
    from store.gold import GoldReport
    from tui.screens.main import MainScreen

FORMATS = [
    ("csv", "Quotes as CSV (opens in Excel, LibreOffice, Sheets)"),
    ("jsonl", "Quotes as JSON lines"),
    ("gold", "Your review as gold JSONL: the quotes you accepted, corrected or added"),
    ("gold-all", "Your review as gold JSONL, keeping the quotes you did not review"),
]
DEFAULT_NAMES = {
    "csv": "quotelens-quotes.csv",
    "jsonl": "quotelens-quotes.jsonl",
    "gold": "quotelens-gold.jsonl",
    "gold-all": "quotelens-gold.jsonl",
}
PROGRAM_ROOT = Path(__file__).resolve().parents[2]  # the checkout (or site-packages) the app runs from
FOLDERS_FILE = "export-folders.json"


class ExportFinished(Message):
    def __init__(self, path: Path, count: int, summary: str, error: str = "", seconds: float = 0.0) -> None:
        super().__init__()
        self.path = path
        self.count = count
        self.summary = summary
        self.error = error
        self.seconds = seconds


# --- where to propose the file ----------------------------------------------------------------


def _folders_file() -> Path:
    return Path(platformdirs.user_data_dir("quotelens")) / FOLDERS_FILE


def _inside_program(folder: Path) -> bool:
    return folder.resolve().is_relative_to(PROGRAM_ROOT)


def _usable(folder: Path | None) -> bool:
    return folder is not None and folder.is_dir() and os.access(folder, os.W_OK) and not _inside_program(folder)


def remembered_folder(corpus_key: str) -> Path | None:
    """The folder of the last export from this corpus (None: none yet, or unreadable)."""
    try:
        folders = json.loads(_folders_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    folder = folders.get(corpus_key) if isinstance(folders, dict) else None
    return Path(folder) if isinstance(folder, str) else None


def remember_folder(corpus_key: str, folder: Path) -> None:
    """Keep ``folder`` as this corpus's export folder. Best effort: not remembering a
    folder is no reason to fail an export that worked."""
    path = _folders_file()
    try:
        folders = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(folders, dict):
            folders = {}
    except (OSError, ValueError):
        folders = {}
    folders[corpus_key] = str(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        tmp.write_text(json.dumps(folders, indent=1, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def proposed_folder(corpus_key: str, cwd: Path | None = None) -> Path:
    """Where the export is proposed: the last export's folder, else the current folder,
    else the documents folder, else home; never inside the program's own folder."""
    candidates: list[Path | None] = [
        remembered_folder(corpus_key),
        cwd or Path.cwd(),
        Path(platformdirs.user_documents_dir()),
        Path.home(),
    ]
    return next((folder for folder in candidates if folder is not None and _usable(folder)), Path.home())


# --- the flow ---------------------------------------------------------------------------------


@dataclass
class _Request:
    fmt: str
    keep: Callable[[dict[str, Any]], bool] | None  # which rows (None: all); quotes formats only
    scope: str  # what is exported, as the user reads it


def start_export(screen: MainScreen) -> None:
    """Ask for the format, then the file (and before replacing one); then export in a worker."""
    from tui.screens.choice import ChoiceScreen

    if screen.review.store is None:
        reason = screen.review.store_error or "The annotation store is not available."
        screen.notify(reason, severity="error", title="Cannot export")
        return
    keep, scope = _on_screen(screen)

    def format_chosen(fmt: str | None) -> None:
        if fmt is not None:
            gold = fmt.startswith("gold")
            request = _Request(fmt, None if gold else keep, _gold_scope(fmt) if gold else scope)
            folder = proposed_folder(corpus_key(screen))
            _ask_path(screen, request, folder / DEFAULT_NAMES[fmt])

    screen.app.push_screen(ChoiceScreen("Export", FORMATS, hint=f"quotes: {scope} · esc cancels"), format_chosen)


def corpus_key(screen: MainScreen) -> str:
    """The corpus the remembered folder belongs to: its store."""
    return str(Path(screen.review.ws.store_dir).resolve())


def _gold_scope(fmt: str) -> str:
    kept = "and the ones you did not review" if fmt == "gold-all" else "only"
    return f"every article you reviewed (accepted, corrected, added quotes {kept}); eval scores these articles only"


def _ask_path(screen: MainScreen, request: _Request, proposal: Path) -> None:
    from tui.screens.choice import ChoiceScreen
    from tui.screens.prompt import PromptScreen

    def path_chosen(name: str | None) -> None:
        if not name:
            return
        path = Path(name).expanduser()
        if not path.is_absolute():
            path = proposal.parent / path
        if path.is_dir():
            screen.notify(f"{path} is a folder: add a file name.", severity="warning", timeout=5)
            _ask_path(screen, request, path / DEFAULT_NAMES[request.fmt])
            return
        if path.exists():

            def replace_chosen(choice: str | None) -> None:
                if choice == "replace":
                    _run(screen, request, path)
                elif choice == "rename":
                    _ask_path(screen, request, path)

            screen.app.push_screen(
                ChoiceScreen(
                    f"{path.name} exists",
                    [("rename", "Choose another name"), ("replace", f"Replace {path.name}")],
                    hint=f"in {path.parent} · esc cancels the export",
                ),
                replace_chosen,
            )
            return
        _run(screen, request, path)

    screen.app.push_screen(PromptScreen("Export to file", str(proposal), hint=f"{request.scope} · "), path_chosen)


def _run(screen: MainScreen, request: _Request, path: Path) -> None:
    screen.status = f"exporting to {path.name}…"
    key = corpus_key(screen)
    screen.run_worker(
        lambda: _export(screen, request, path, key), thread=True, group="export", name="export", exclusive=True
    )


def _on_screen(screen: MainScreen) -> tuple[Callable[[dict[str, Any]], bool] | None, str]:
    """Which exported rows are the ones on screen (None: all), and how to say so."""
    filters = screen.review.filters
    if screen.review.quote_scope == "filter":
        ids = {ref.quote_id for ref in screen.review.filter_refs}
        return (
            lambda row: row["quote_id"] in ids
        ), f"the {plural(len(ids), 'quote')} of the filter ({filters.describe()})"
    if filters.any:
        articles = {screen.review.index.article_id(int(r)) for r in screen.articles.rows}
        return (
            (lambda row: row["article_id"] in articles),
            f"the quotes of the {plural(len(articles), 'listed article')} ({filters.describe()})",
        )
    return None, "every quote of the corpus"


def gold_summary(report: GoldReport, include_unreviewed: bool) -> str:
    """What the gold file holds and what ``eval`` will make of it, in the app's words."""
    if not report.articles:
        return "no article reviewed yet (accept, reject, correct or add a quote first): the file is empty"
    text = f"{plural(report.quotes, 'quote')} in {plural(report.articles, 'reviewed article')}: eval scores these only"
    left_out = report.unreviewed_left_out
    if left_out:
        were = "was" if left_out == 1 else "were"
        text += (
            f". {plural(left_out, 'quote')} in them you did not review {were} left out as ignore spans: eval "
            "counts the extractor finding them neither right nor wrong (export “keeping the quotes you did not "
            "review” to count them as right)"
        )
    elif include_unreviewed and report.unreviewed_kept:
        text += f"; {plural(report.unreviewed_kept, 'unreviewed quote')} kept as right"
    return text


def _export(screen: MainScreen, request: _Request, path: Path, key: str) -> None:
    """Runs in a worker thread: write the file atomically, then post ``ExportFinished``."""
    from store.annotations import StoreError
    from store.export import AtomicOutput, export_rows, write_csv, write_jsonl
    from store.gold import GoldReport, gold_articles, write_gold

    started = time.perf_counter()
    out = None
    store = screen.review.store
    assert store is not None  # start_export checked
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        out = AtomicOutput(path)
        if request.fmt.startswith("gold"):
            report = GoldReport()
            include = request.fmt == "gold-all"
            count = write_gold(
                gold_articles(screen.review.ws, store, include_unreviewed=include, report=report), out.fh
            )
            summary = gold_summary(report, include)
        else:
            rows = export_rows(screen.review.ws, store)
            keep = request.keep
            if keep is not None:
                rows = (row for row in rows if keep(row))
            count = write_csv(rows, out.fh) if request.fmt == "csv" else write_jsonl(rows, out.fh)
            summary = plural(count, "quote")
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
    remember_folder(key, path.parent)
    screen.post_message(ExportFinished(path, count, summary, seconds=time.perf_counter() - started))
