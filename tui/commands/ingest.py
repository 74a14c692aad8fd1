"""``quotelens ingest CORPUS``: analyse a corpus into its store (resumable), with progress.

Also home of ``CliProgress`` and ``report_problems``, which ``open_workspace(args)``
(``tui.commands.common``; every command that needs an index uses it) shows while it
ingests a new or changed corpus first.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from tui.commands.common import (
    add_corpus_args,
    non_negative_int,
    open_workspace,
    positive_int,
)
from tui.console import safe_markup
from tui.wording import plural

NAME = "ingest"
HELP = "analyse a corpus into its store (entities, quotes, search index), resumable"
DESCRIPTION = (
    "Run the NLP pipeline over every article of CORPUS that the analysis cache does not hold yet, "
    "in worker processes, and save the results under the store (CORPUS/.quotelens by default). "
    "Re-running on an unchanged corpus does no NLP; a changed file re-analyses that file only; "
    "an interrupted ingest (Ctrl-C, kill) keeps what finished and the next run resumes. Articles that "
    "cannot be analysed (too long, a spaCy error) are reported by id and skipped. Every other command "
    "ingests first when it needs to, so this is only needed to do it ahead of time or with other settings."
)
EXAMPLES = (
    "quotelens ingest ~/news",
    "quotelens ingest articles.jsonl --workers 2",
    "quotelens ingest ~/news --store /tmp/qs --retry-failed",
    "quotelens ingest ~/news --cluster local:4",
    "quotelens ingest /shared/news --cluster tcp://10.0.0.5:8786 --shard-dir /shared/quotelens-shards",
)


def add_ingest_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workers",
        type=non_negative_int,
        metavar="N",
        help="worker processes (default: the CPUs available, at most 4; 0 = in this process)",
    )


def configure(parser: argparse.ArgumentParser) -> None:
    add_corpus_args(parser)
    add_ingest_args(parser)
    parser.add_argument(
        "--retry-failed", action="store_true", help="analyse again the articles that failed in an earlier run"
    )
    parser.add_argument(
        "--max-chars",
        type=positive_int,
        metavar="N",
        help="skip (and report) articles longer than N characters (default: 500,000)",
    )
    parser.add_argument(
        "--batch-size",
        type=positive_int,
        metavar="N",
        help="articles per worker batch, or per shard with --cluster (default: chosen from the corpus size)",
    )
    parser.add_argument(
        "--cluster",
        metavar="ADDRESS",
        type=cluster_address,
        help="analyse on a Dask cluster: tcp://HOST:PORT of a running `dask scheduler`, or local:N to start "
        "N worker processes here (see docs/scaling.md)",
    )
    parser.add_argument(
        "--shard-dir",
        metavar="DIR",
        type=Path,
        help="with --cluster: folder for the shard files, which every worker must see at the same path "
        "(a shared file system; default: STORE/shards)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON on stdout")


def cluster_address(text: str) -> str:
    from store.cluster import check_address

    try:
        return check_address(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class CliProgress:
    """Ingest progress for a terminal (a Rich bar: articles, words/s, ETA) or, when stderr is
    not a terminal, plain lines every few seconds."""

    def __init__(self, console: Any, interval: float = 5.0) -> None:
        self.console = console
        self.interval = interval
        self.rich = console.is_terminal
        self._progress: Any = None
        self._task: Any = None
        self._start = 0.0
        self._last_line = 0.0

    def __enter__(self) -> CliProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def status(self, message: str) -> None:
        if not self.rich and message.startswith("Analysing"):
            self.console.print(safe_markup(message), highlight=False)

    def __call__(self, done: int, total: int, words: int) -> None:
        now = time.perf_counter()
        if not self._start:
            self._start = now
        elapsed = max(now - self._start, 1e-9)
        wps = words / elapsed if words else 0.0
        if self.rich:
            if self._progress is None:
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    TextColumn,
                    TimeElapsedColumn,
                    TimeRemainingColumn,
                )

                self._progress = Progress(
                    TextColumn("[bold]Analysing"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TextColumn("articles"),
                    TextColumn("[cyan]{task.fields[wps]}"),
                    TimeElapsedColumn(),
                    TextColumn("ETA"),
                    TimeRemainingColumn(),
                    console=self.console,
                    transient=False,
                )
                self._progress.start()
                self._task = self._progress.add_task("ingest", total=total, wps="")
            self._progress.update(self._task, completed=done, total=total, wps=f"{wps:,.0f} words/s")
            return
        if done == 0 and total:
            self.console.print(f"analysing {plural(total, 'article')}", highlight=False)
            self._last_line = now
            return
        if now - self._last_line >= self.interval or done >= total:
            self._last_line = now
            eta = (total - done) * (elapsed / done) if done else 0.0
            self.console.print(
                f"analysed {done:,}/{total:,} articles, {words:,} words, {wps:,.0f} words/s, "
                f"ETA {int(eta // 60)}m{int(eta % 60):02d}s",
                highlight=False,
            )


def report_problems(ws: Any, console: Any, limit: int = 20) -> None:
    """Reader problems and analysis failures, on stderr, at most ``limit`` of each."""
    problems = list(ws.load_report.problems)
    for p in problems[:limit]:
        tag = "[red]skipped:[/]" if p.skipped else "[yellow]warning:[/]"
        console.print(f"{tag} {safe_markup(str(p))}", highlight=False)
    if len(problems) > limit:
        console.print(f"… and {len(problems) - limit:,} more reading problems", highlight=False)
    rep = ws.ingest_report
    failures = list(rep.failures) if rep is not None else []
    for f in failures[:limit]:
        note = " (failed in an earlier run; --retry-failed to retry)" if f.cached else ""
        console.print(
            f"[red]not analysed:[/] {safe_markup(f.article_id)}: {safe_markup(f.message)}{note}", highlight=False
        )
    if len(failures) > limit:
        console.print(f"… and {len(failures) - limit:,} more articles not analysed", highlight=False)


def run(args: argparse.Namespace) -> int:
    import orjson

    from tui.console import console, err_console

    kwargs: dict[str, Any] = {"retry_failed": args.retry_failed}
    if args.max_chars:
        kwargs["max_chars"] = args.max_chars
    if args.batch_size:
        kwargs["batch_size"] = args.batch_size
    if args.cluster:
        kwargs["cluster"] = args.cluster
        kwargs["shard_dir"] = args.shard_dir
    elif args.shard_dir is not None:
        from tui.console import err_console

        err_console.print("[red]--shard-dir needs --cluster[/] (local ingest keeps no shard files)", highlight=False)
        return 2
    started = time.perf_counter()
    ws = open_workspace(args, **kwargs)
    if ws is None:
        return 2
    rep = ws.ingest_report
    seconds = time.perf_counter() - started
    if args.json:
        data = {
            "store": str(ws.store_dir),
            "articles": ws.index.n_articles,
            "load": ws.load_report.summary(),
            "problems": [str(p) for p in ws.load_report.problems],
            "texts": rep.n_texts if rep else None,
            "cached": rep.n_cached if rep else None,
            "analysed": rep.n_analysed if rep else None,
            "words_analysed": rep.words_analysed if rep else 0,
            "words_per_second": round(rep.words_per_second, 1) if rep else 0,
            "workers": rep.workers if rep else 0,
            "cluster": rep.cluster if rep else "",
            "reused_from_shards": rep.n_reused if rep else 0,
            "interrupted": rep.interrupted if rep else False,
            "failed": [{"id": f.article_id, "message": f.message} for f in (rep.failures if rep else [])],
            "analysis_key": ws.analysis_key,
            "seconds": round(seconds, 3),
        }
        sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        err_console.print(safe_markup(ws.load_report.summary()), highlight=False)
        if rep is not None:
            err_console.print(safe_markup(rep.summary()), highlight=False)
        else:
            err_console.print("Unchanged since the last ingest: nothing to analyse.", highlight=False)
            failed = ws.failures()
            if failed:
                # still not analysed: say so every time, not only on the run that failed
                shown = ", ".join(i for i, _ in failed[:5]) + (" …" if len(failed) > 5 else "")
                err_console.print(
                    f"[yellow]{plural(len(failed), 'article')} could not be "
                    f"analysed ({safe_markup(shown)}); --retry-failed tries again.[/]",
                    highlight=False,
                )
        console.print(
            f"[green]Ingested[/] {plural(ws.index.n_articles, 'article')} ({plural(ws.index.n_quotes, 'quote')}) into "
            f"{safe_markup(str(ws.store_dir))} in {seconds:.1f} s",
            highlight=False,
        )
    return 1 if rep is not None and rep.interrupted else 0
