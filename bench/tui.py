"""TUI benchmark: every key timed as the user sees it, in a real terminal, against a bare Textual app.

    .venv/bin/python bench/tui.py [--corpora politics 10000] [--presses 40] [--settle-ms 150]
                                  [--workdir DIR] [--json]

The app runs as a user runs it (``python -m tui.cli CORPUS --store DIR``) in a
pseudo-terminal of 160×50 (``bench/_terminal.py``); the benchmark writes a key's
bytes and times until the screen settles: the last byte the app writes before
``--settle-ms`` of silence. Beside it, in the same run and measured the same
way, a bare Textual app with a 2,000-row ``OptionList`` (``j``/``k`` bound to
its cursor) is the yardstick; each key's median is reported as a ratio to it.

Corpora: ``politics`` is ../shared/corpora/bbc/politics (417 articles); a
number N is those articles replicated to N (new ids, spread dates and
sources; the texts repeat, so the analysis cache makes the replicas cheap).
Both are ingested once into DIR (default: a folder in the temp dir, kept
between runs) before anything is timed.

Keys: ``j``/``k`` in the article list, ``]`` (next article), ``J`` (next
quote), ``j``/``k`` in the reader and in the sidebar; overlays ``?``, ``@``,
``E``, ``p`` and ``ctrl+p``: their first paint (the first byte after the key)
and until they are complete (settled). Goals (issue 14): a key settles within
1.5× the bare app and under 100 ms at p95; overlays first paint under 100 ms.
Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BBC, ROOT, run_variant  # noqa: E402
from _terminal import KeyTime, Terminal  # noqa: E402

COLS, ROWS = 160, 50

PREPARE = r"""
def main(argv):
    src, n, out, store = argv[0], argv[1], argv[2], argv[3]
    import time
    from pathlib import Path
    import orjson
    if n != "politics":
        out = Path(out)
        if not out.exists():
            from corpus.readers import load_corpus
            arts = sorted(load_corpus([src]).articles, key=lambda a: a.id)
            tmp = out.with_suffix(".tmp")
            with open(tmp, "wb") as f:
                for i in range(int(n)):
                    a = arts[i % len(arts)]
                    day = i % 730
                    date = f"{2004 + day // 365}-{(day % 365) // 31 + 1:02d}-{(day % 31) + 1:02d}"
                    f.write(orjson.dumps({"id": f"r{i:06d}-{a.id}", "title": a.title, "text": a.text,
                                          "date": date, "source": f"BBC desk {i % 7}"}) + b"\n")
            tmp.rename(out)
    t0 = time.perf_counter()
    from store.workspace import Workspace
    ws = Workspace.open([out], store_dir=store)
    seconds = time.perf_counter() - t0
    ws.close()
    ws = Workspace.open([out], store_dir=store)
    return {"articles": ws.index.n_articles, "quotes": ws.index.quote_count(), "seconds": seconds}
"""

# The yardstick: the least a Textual app does for a key in a list.
BARE_APP = r"""
from textual.app import App
from textual.binding import Binding
from textual.widgets import Footer, Header, OptionList

class Bare(OptionList):
    BINDINGS = [Binding("j", "cursor_down", "Down"), Binding("k", "cursor_up", "Up")]

class BareApp(App):
    def compose(self):
        yield Header()
        yield Bare(*[f"row {i:05d}  some text to fill the line like an article title would" for i in range(2000)])
        yield Footer()

    def on_mount(self):
        self.query_one(Bare).focus()
        self.sub_title = "bare ready"

BareApp().run()
"""


def _stats(times: list[KeyTime], field: str = "settled_ms") -> dict[str, float]:
    values = sorted(getattr(t, field) for t in times)
    if not values:
        return {"median": float("nan"), "p95": float("nan"), "n": 0}
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return {"median": statistics.median(values), "p95": p95, "n": len(values)}


def _presses(term: Terminal, key: str, n: int, settle: float) -> list[KeyTime]:
    out = []
    for _ in range(n):
        t = term.press(key, settle=settle, timeout=1.0)
        if t is not None:
            out.append(t)
    return out


def _to_and_fro(term: Terminal, n: int, settle: float, span: int) -> tuple[list[KeyTime], list[KeyTime]]:
    """``j`` then ``k`` ``span`` times each, until each was pressed ``n`` times: a pane shorter
    than ``n`` lines (an article in the reader, the sidebar) keeps moving instead of sitting
    at its end, where a key draws nothing."""
    down: list[KeyTime] = []
    up: list[KeyTime] = []
    while len(down) < n and len(up) < n:
        down += _presses(term, "j", span, settle)
        up += _presses(term, "k", span, settle)
    return down[:n], up[:n]


def measure_bare(presses: int, settle: float) -> dict[str, dict[str, float]]:
    term = Terminal([sys.executable, "-c", BARE_APP], COLS, ROWS, cwd=str(ROOT))
    try:
        term.wait_for(b"bare ready", timeout=60)
        term.quiet(1.0)
        return {
            "bare j": _stats(_presses(term, "j", presses, settle)),
            "bare k": _stats(_presses(term, "k", presses, settle)),
        }
    finally:
        term.close()


def measure_app(corpus: Path, store: Path, presses: int, settle: float) -> dict[str, dict[str, float]]:
    started = time.perf_counter()
    term = Terminal(
        [sys.executable, "-m", "tui.cli", str(corpus), "--store", str(store)],
        COLS,
        ROWS,
        cwd=str(ROOT),
    )
    out: dict[str, dict[str, float]] = {}
    try:
        term.wait_for("Quotes · article".encode(), timeout=600)
        term.quiet(0.3)
        out["first paint"] = {"median": (time.perf_counter() - started - 0.3) * 1000, "p95": float("nan"), "n": 1}
        term.quiet(1.0)
        # The article list has the focus at start.
        out["article list j"] = _stats(_presses(term, "j", presses, settle))
        out["article list k"] = _stats(_presses(term, "k", presses, settle))
        out["] next article"] = _stats(_presses(term, "]", presses, settle))
        out["J next quote"] = _stats(_presses(term, "J", presses, settle))
        term.press("tab", settle=settle)  # → the reader
        reader_j, reader_k = _to_and_fro(term, presses, settle, span=8)
        out["reader j"], out["reader k"] = _stats(reader_j), _stats(reader_k)
        term.press("tab", settle=settle)  # → the quote list
        term.press("tab", settle=settle)  # → the sidebar
        sidebar_j, sidebar_k = _to_and_fro(term, presses, settle, span=5)
        out["sidebar j"], out["sidebar k"] = _stats(sidebar_j), _stats(sidebar_k)
        term.press("escape", settle=settle)  # back to the article list
        for key in ("?", "@", "E", "p", "ctrl+p"):
            times = []
            for _ in range(max(3, presses // 8)):
                t = term.press(key, settle=max(settle, 0.3))
                if t is not None:
                    times.append(t)
                term.press("escape", settle=max(settle, 0.3))
            out[f"overlay {key} first paint"] = _stats(times, "first_ms")
            out[f"overlay {key} complete"] = _stats(times)
        term.press("q", settle=settle)
    finally:
        term.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", nargs="+", default=["politics", "10000"])
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--settle-ms", type=float, default=150.0)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "quotelens-bench-tui")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    politics = BBC / "politics"
    if not politics.exists():
        print(f"skipped: {politics} is not present")
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    store = args.workdir / "store"
    settle = args.settle_ms / 1000
    results = {}
    for name in args.corpora:
        corpus = politics if name == "politics" else args.workdir / f"politics-{name}.jsonl"
        prep = run_variant(PREPARE, str(politics), name, str(corpus), str(store))
        bare = measure_bare(args.presses, settle)
        app = measure_app(corpus, store, args.presses, settle)
        results[name] = {"prepare": prep, "bare": bare, "app": app}
        if not args.json:
            print(_report(name, results[name], args), flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


def _report(name: str, r: dict, args: argparse.Namespace) -> str:
    prep, bare, app = r["prepare"], r["bare"], r["app"]
    yard = statistics.mean([bare["bare j"]["median"], bare["bare k"]["median"]])
    lines = [
        f"{name}: {prep['articles']:,} articles, {prep['quotes']:,} quotes — {COLS}×{ROWS} pty, "
        f"settled = {args.settle_ms:g} ms without output, {args.presses} presses a key",
        f"  {'key':<28}{'median ms':>10}{'p95 ms':>9}{'× bare':>8}  goal (≤1.5× bare, p95 < 100 ms)",
    ]
    for key, s in bare.items():
        lines.append(f"  {key:<28}{s['median']:>10.1f}{s['p95']:>9.1f}{s['median'] / yard:>8.2f}")
    for key, s in app.items():
        if key == "first paint":
            lines.append(f"  {'first paint (process start)':<28}{s['median']:>10.0f}")
            continue
        ratio = s["median"] / yard
        if key.startswith("overlay"):
            ok = s["p95"] < 100 if key.endswith("first paint") else True
            verdict = ("OK" if ok else "MISSED") if key.endswith("first paint") else ""
        else:
            verdict = "OK" if ratio <= 1.5 and s["p95"] < 100 else "MISSED"
        lines.append(f"  {key:<28}{s['median']:>10.1f}{s['p95']:>9.1f}{ratio:>8.2f}  {verdict}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
