"""TUI benchmark: first paint, next-article latency and an entity filter, headless.

    .venv/bin/python bench/tui.py [--sizes 10000 100000] [--workdir DIR] [--moves 100] [--json]

Corpora: the BBC corpus (../shared/corpora/bbc, 2,225 articles) replicated to
N articles as JSONL (new ids, spread dates and sources; the texts repeat, so the
analysis cache makes ingesting the replicas cheap after the first 2,225). They
are ingested once into DIR (default: a folder in the temp dir, kept between
runs), then every measurement runs in a fresh process on the analysed corpus:

- ``first_paint_s``: process start (before importing Textual or the store) →
  the main screen painted with the article list, the reader and the panes,
  headless at 160×50. Goal ≤ 1.5 s at 10,000 articles, ≤ 5 s at 100,000.
- ``next_article_ms``: inside the app, the time from the action that moves to
  the next article (what ``]`` / ``j`` run) to the end of the screen refresh
  that shows it in every pane (``call_after_refresh``); no Pilot key overhead.
  ``show_article_ms`` is the synchronous part (data + all panes updated). Goal ≤ 50 ms.
- ``entity_filter_ms``: applying an entity filter (the corpus's most
  mentioned PERSON): the article rows and their sort, exactly what the filter
  worker runs first, and ``entity_filter_ui_ms`` the same through the app until
  the article list shows the result. Goal ≤ 200 ms at 100,000 articles.
  ``entity_quotes_ms`` / ``entity_quotes_ui_ms``: the worker's second step, the
  filter's quotes across the corpus for the quote viewer (it follows the list).

Figures are medians (with p95 / max where there are many samples). Not a test:
nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BBC, run_variant  # noqa: E402

PREPARE = r"""
import time
def main(argv):
    src, n, out, store = argv[0], int(argv[1]), argv[2], argv[3]
    from pathlib import Path
    import orjson
    out = Path(out)
    if not out.exists():
        from corpus.readers import load_corpus
        arts = sorted(load_corpus([src]).articles, key=lambda a: a.id)
        tmp = out.with_suffix(".tmp")
        with open(tmp, "wb") as f:
            for i in range(n):
                a = arts[i % len(arts)]
                topic = a.id.split("/")[0]
                day = i % 730
                date = f"{2004 + day // 365}-{(day % 365) // 31 + 1:02d}-{(day % 31) + 1:02d}"
                f.write(orjson.dumps({"id": f"r{i:06d}-{a.id}", "title": a.title, "text": a.text,
                                      "date": date, "source": f"BBC {topic}"}) + b"\n")
        tmp.rename(out)
    t0 = time.perf_counter()
    from store.workspace import Workspace
    ws = Workspace.open([out], store_dir=store)
    seconds = time.perf_counter() - t0
    ws.close()
    ws = Workspace.open([out], store_dir=store)  # the snapshot the measurement will open
    return {"articles": ws.index.n_articles, "quotes": ws.index.quote_count(), "seconds": seconds,
            "snapshot": ws.from_snapshot}
"""

MEASURE = r'''
import time
T0 = time.perf_counter()

def main(argv):
    corpus, store, moves = argv[0], argv[1], int(argv[2])
    import asyncio, statistics
    from pathlib import Path
    from tui.app import QuotelensApp

    def factory(progress, status, cancel):
        from store.workspace import Workspace
        return Workspace.open([Path(corpus)], store_dir=store, progress=progress, status=status, cancel=cancel)

    out = {}

    async def run():
        app = QuotelensApp(factory, corpus_label="bench")
        async with app.run_test(size=(160, 50)) as pilot:
            started = time.perf_counter()
            while app.first_paint_at is None:
                error = app.screen.query("#loading-error")
                if (error and error.first().display) or time.perf_counter() - started > 600:
                    raise RuntimeError("the app did not open: " + str(error.first().render() if error else "timeout"))
                await asyncio.sleep(0.005)
            if not app.workspace.from_snapshot:
                out["warning"] = "the store was not ready (the app re-read or re-analysed the corpus): rerun"
            out["first_paint_s"] = app.first_paint_at - T0
            out["open_workspace_s"] = app.open_seconds
            screen = app.main
            out["articles"] = screen.review.index.n_articles
            await pilot.pause(0.3)

            async def refreshed(timeout=1.0):
                """When the screen has repainted (None if no repaint came within ``timeout``)."""
                loop = asyncio.get_running_loop()
                done = loop.create_future()
                app.call_after_refresh(lambda: done.done() or done.set_result(time.perf_counter()))
                try:
                    return await asyncio.wait_for(done, timeout)
                except asyncio.TimeoutError:
                    return None

            # Next article: from the action to every pane updated, and to the repainted screen.
            updated, painted, sync = [], [], []
            for _ in range(moves):
                before = screen.review.current_row
                t = time.perf_counter()
                screen.action_next_article()
                while screen.review.current_row == before:
                    await asyncio.sleep(0)
                updated.append((time.perf_counter() - t) * 1000)
                sync.append(screen.last_update_ms)
                end = await refreshed()
                if end is not None:
                    painted.append((end - t) * 1000)
                await asyncio.sleep(0.02)  # a person's pace, not a held key
            def stats(samples):
                samples = sorted(samples)
                if not samples:
                    return {"median": float("nan"), "p95": float("nan"), "max": float("nan"), "n": 0}
                return {"median": statistics.median(samples), "p95": samples[max(0, int(len(samples) * .95) - 1)],
                        "max": samples[-1], "n": len(samples)}
            out["next_article_ms"] = stats(updated)
            out["next_article_painted_ms"] = stats(painted)
            out["show_article_ms"] = stats(sync)

            # Entity filter: the most mentioned person.
            from tui.filters import Filters, article_rows, quote_refs
            import numpy as np
            person = screen.review.index.entities(label="PERSON", top=1)[0]
            out["entity"] = f"{person.name} ({person.n_articles} articles)"
            filters = Filters().set("entity", (person.key, person.name))
            times, quote_times = [], []
            for _ in range(5):
                t = time.perf_counter()
                rows = article_rows(screen.review.index, filters, screen.review.lookup())
                rows = np.asarray(screen.review.index.sort(rows, key="date", reverse=True))
                times.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                refs = quote_refs(screen.review.index, filters, screen.review.lookup(), rows=rows)
                quote_times.append((time.perf_counter() - t) * 1000)
            out["entity_filter_ms"] = statistics.median(times)
            out["entity_quotes_ms"] = statistics.median(quote_times)
            out["entity_rows"], out["entity_quotes"] = int(len(rows)), len(refs)

            ui, ui_quotes = [], []
            for _ in range(3):
                screen.filters = type(filters)()
                t = time.perf_counter()
                screen.filter_by("entity", person.key, person.name)
                generation = screen.filter_generation
                while screen.rows_generation != generation:
                    await asyncio.sleep(0.001)
                ui.append((time.perf_counter() - t) * 1000)
                while screen.filtering:
                    await asyncio.sleep(0.001)
                ui_quotes.append((time.perf_counter() - t) * 1000)
            out["entity_filter_ui_ms"] = statistics.median(ui)
            out["entity_quotes_ui_ms"] = statistics.median(ui_quotes)
            await app.action_quit()

    asyncio.run(run())
    return out
'''


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "quotelens-bench-tui")
    parser.add_argument("--moves", type=int, default=100)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not BBC.exists():
        print(f"skipped: {BBC} is not present")
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    store = args.workdir / "store"
    results = {}
    for n in args.sizes:
        corpus = args.workdir / f"bbc-{n}.jsonl"
        prep = run_variant(PREPARE, str(BBC), str(n), str(corpus), str(store))
        measured = run_variant(MEASURE, str(corpus), str(store), str(args.moves))
        results[n] = {"prepare": prep, **measured}
        if not args.json:
            print(_report(n, results[n]), flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


def _report(n: int, r: dict) -> str:
    def goal(value: float, limit: float) -> str:
        return f"(goal ≤ {limit:g}: {'OK' if value <= limit else 'MISSED'})"

    paint_goal = 1.5 if n <= 10_000 else 5.0
    na, sa, pa = r["next_article_ms"], r["show_article_ms"], r["next_article_painted_ms"]
    return "\n".join(
        [
            f"{n:,} articles ({r['prepare']['quotes']:,} quotes)"
            + (f"  WARNING: {r['warning']}" if r.get("warning") else ""),
            f"  first paint          {r['first_paint_s']:.2f} s {goal(r['first_paint_s'], paint_goal)}"
            f"  [Workspace.open {r['open_workspace_s']:.2f} s]",
            f"  next article         median {na['median']:.1f} ms, p95 {na['p95']:.1f}, max {na['max']:.1f} "
            f"{goal(na['median'], 50)}  [show_article median {sa['median']:.1f} ms; to the repainted screen: "
            f"median {pa['median']:.1f} ms, p95 {pa['p95']:.1f} ({pa['n']} of {na['n']} repaints seen)]",
            f"  entity filter        {r['entity_filter_ms']:.0f} ms {goal(r['entity_filter_ms'], 200)}"
            f"  [through the app, list shown: {r['entity_filter_ui_ms']:.0f} ms; {r['entity']}: "
            f"{r['entity_rows']:,} articles]",
            f"  its quotes           {r['entity_quotes_ms']:.0f} ms  [through the app, quote viewer filled: "
            f"{r['entity_quotes_ui_ms']:.0f} ms; {r['entity_quotes']:,} quotes]",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
