"""TUI benchmark: every key timed as the user sees it, in a real terminal, against a bare Textual app.

    .venv/bin/python bench/tui.py [--corpora politics 10000] [--presses 40 (0: overlays only)] [--overlay-presses 12]
                                  [--settle-ms 150] [--only {all,list}] [--hold-presses 30]
                                  [--hold-interval-ms 33] [--holds 6]
                                  [--workdir DIR] [--json]

The app runs as a user runs it (``python -m tui.cli CORPUS --store DIR``) in a
pseudo-terminal of 160×50 (``bench/_terminal.py``); the benchmark writes a key's
bytes and times until the screen settles: the last byte the app writes before
``--settle-ms`` of silence. Beside it, in the same run and measured the same
way, a bare Textual app with a 2,000-row ``OptionList`` (``j``/``k`` bound to
its cursor) is the yardstick: it stays open, and each key in the app is timed
right after a key in the bare app, so both see the same load on the machine;
each key's median is reported as a ratio to the bare app's paired median.

Corpora: ``politics`` is ../shared/corpora/bbc/politics (417 articles); a
number N is those articles replicated to N (new ids, spread dates and
sources; the texts repeat, so the analysis cache makes the replicas cheap).
Both are ingested once into DIR (default: a folder in the temp dir, kept
between runs) before anything is timed.

Keys: ``j``/``k`` in the article list, ``]`` (next article), ``J`` (next
quote), ``j``/``k`` in the reader and in the sidebar; overlays ``?``, ``@``,
``E``, ``p`` and ``ctrl+p``: their first paint (the first byte after the key that
draws: a pointer-shape or mode sequence alone is not a paint) and until they are
complete (settled), and ``escape`` until the screen beneath is back (closed; a lone escape
byte waits Textual's ESCDELAY, 100 ms, for a sequence that might follow), each opened and
closed ``--overlay-presses`` times, each time beside a key in the bare app; the first
opening of each in the session ("new": the app makes the overlays ahead, in idle time, so it
should cost what the others cost; it is also the first overlay over the screen as the keys
before left it, which it dims anew) on rows of its own, left out of the others.
``--presses 0`` times the overlays alone.
Held keys: ``j``, then ``k``, held in the article list (``--hold-presses`` presses
``--hold-interval-ms`` apart, as a terminal's auto-repeat sends them, ``--holds`` times
each), timed from the last press until the screen settles, beside the bare app holding
the same key. ``--only list`` runs the article list's keys and the held keys alone.
Each row also gives the CPU time per key of the app and of the
bare app (all threads, from /proc, averaged over the presses). Goals (issue 14): a key settles within
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
from dataclasses import dataclass, field
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


class Yardstick:
    """The bare app, open for the whole run: a key in it is timed right before each key in the
    app, so both see the same load on the machine (other processes, the CPU's clock)."""

    def __init__(self) -> None:
        self.term = Terminal([sys.executable, "-c", BARE_APP], COLS, ROWS, cwd=str(ROOT))
        self.term.wait_for(b"bare ready", timeout=60)
        self.term.quiet(1.0)
        self._row = 0

    def press(self, settle: float) -> KeyTime | None:
        key = "j" if (self._row // 1000) % 2 == 0 else "k"  # down 1,000 rows, then back up
        self._row += 1
        return self.term.press(key, settle=settle, timeout=1.0)

    def close(self) -> None:
        self.term.close()


@dataclass
class Samples:
    """A key's presses: the app's times, the bare app's just before each, and the CPU time
    (all threads) each process used over them, to give CPU per key."""

    app: list[KeyTime] = field(default_factory=list)
    bare: list[KeyTime] = field(default_factory=list)
    app_cpu: float = 0.0
    bare_cpu: float = 0.0

    def extend(self, other: Samples) -> None:
        self.app += other.app
        self.bare += other.bare
        self.app_cpu += other.app_cpu
        self.bare_cpu += other.bare_cpu


def _presses(term: Terminal, yard: Yardstick, key: str, n: int, settle: float) -> Samples:
    out = Samples()
    for _ in range(n):
        bare_cpu = yard.term.cpu_seconds()
        b = yard.press(settle)
        app_cpu = term.cpu_seconds()
        out.bare_cpu += yard.term.cpu_seconds() - bare_cpu
        t = term.press(key, settle=settle, timeout=1.0)
        out.app_cpu += term.cpu_seconds() - app_cpu
        if t is not None and b is not None:
            out.app.append(t)
            out.bare.append(b)
    return out


def _to_and_fro(term: Terminal, yard: Yardstick, n: int, settle: float, span: int) -> tuple[Samples, Samples]:
    """``j`` then ``k`` ``span`` times each, until each was pressed ``n`` times: a pane shorter
    than ``n`` lines (an article in the reader, the sidebar) keeps moving instead of sitting
    at its end, where a key draws nothing."""
    down, up = Samples(), Samples()
    while len(down.app) < n and len(up.app) < n:
        down.extend(_presses(term, yard, "j", span, settle))
        up.extend(_presses(term, yard, "k", span, settle))
    return down, up


def _row(samples: Samples, field: str = "settled_ms") -> dict[str, dict[str, float]]:
    """Times of the app and the bare app; CPU per key (ms, all threads, /proc's 10 ms ticks
    averaged over the presses)."""
    n = max(1, len(samples.app))
    return {
        "app": {**_stats(samples.app, field), "cpu_ms": samples.app_cpu * 1000 / n},
        "bare": {**_stats(samples.bare), "cpu_ms": samples.bare_cpu * 1000 / n},
    }


@dataclass(frozen=True)
class Held:
    """A held key: ``presses`` presses ``interval`` seconds apart (auto-repeat), ``times`` times."""

    presses: int = 30
    interval: float = 0.033
    times: int = 6


def _list_keys(term: Terminal, yard: Yardstick, presses: int, settle: float) -> dict[str, dict[str, dict[str, float]]]:
    """Single keys in the article list (which has the focus at start)."""
    return {
        "article list j": _row(_presses(term, yard, "j", presses, settle)),
        "article list k": _row(_presses(term, yard, "k", presses, settle)),
        "] next article": _row(_presses(term, yard, "]", presses, settle)),
        "J next quote": _row(_presses(term, yard, "J", presses, settle)),
    }


def _held_keys(term: Terminal, yard: Yardstick, held: Held, settle: float) -> dict[str, dict[str, dict[str, float]]]:
    """``j`` then ``k`` held in the article list (``held.presses`` presses each, ``held.interval``
    apart), each time beside the bare app holding the same key: from the last press until
    the screen settles, i.e. how long the screen goes on changing after the user lets go."""
    rows = [f"held {key} ({held.presses}× {held.interval * 1000:.0f} ms)" for key in ("j", "k")]
    samples = {row: Samples() for row in rows}
    for _ in range(held.times):
        for key, row in zip(("j", "k"), rows, strict=True):  # down, then back up: the cursor stays inside the list
            bare_cpu = yard.term.cpu_seconds()
            b = yard.term.hold(key, held.presses, held.interval, settle=settle)
            samples[row].bare_cpu += yard.term.cpu_seconds() - bare_cpu
            app_cpu = term.cpu_seconds()
            t = term.hold(key, held.presses, held.interval, settle=settle)
            samples[row].app_cpu += term.cpu_seconds() - app_cpu
            samples[row].app.append(t)
            samples[row].bare.append(b)
    return {row: _row(samples[row]) for row in rows}


def measure(
    corpus: Path,
    store: Path,
    presses: int,
    settle: float,
    overlay_presses: int = 12,
    held: Held = Held(),  # noqa: B008 (frozen)
    only: str = "all",
) -> dict[str, dict[str, dict[str, float]]]:
    yard = Yardstick()
    started = time.perf_counter()
    term = Terminal(
        [sys.executable, "-m", "tui.cli", str(corpus), "--store", str(store)],
        COLS,
        ROWS,
        cwd=str(ROOT),
    )
    out: dict[str, dict[str, dict[str, float]]] = {}
    try:
        term.wait_for("Quotes · article".encode(), timeout=600)
        term.quiet(0.3)
        out["first paint"] = {"app": {"median": (time.perf_counter() - started - 0.3) * 1000, "p95": 0.0, "n": 1}}
        term.quiet(1.0)
        out.update(_list_keys(term, yard, presses, settle))
        out.update(_held_keys(term, yard, held, settle))
        if only == "list":
            return out
        term.press("tab", settle=settle)  # → the reader
        down, up = _to_and_fro(term, yard, presses, settle, span=8)
        out["reader j"], out["reader k"] = _row(down), _row(up)
        term.press("b", settle=settle)  # b hides the sidebar shown at 160 columns …
        term.press("b", settle=settle)  # … and b shows it again, focused
        down, up = _to_and_fro(term, yard, presses, settle, span=5)
        out["sidebar j"], out["sidebar k"] = _row(down), _row(up)
        term.press("escape", settle=settle)  # back to the article list
        # The user reads a moment before opening an overlay: the app makes the overlays not made yet
        # in such a pause (MainScreen.OVERLAYS_AHEAD_IDLE), never between the keys of a burst.
        term.quiet(2.0)
        _overlays(term, yard, overlay_presses, settle, out)
        term.press("q", settle=settle)
    finally:
        term.close()
        yard.close()
    return out


def _overlays(
    term: Terminal, yard: Yardstick, overlay_presses: int, settle: float, out: dict[str, dict[str, dict[str, float]]]
) -> None:
    """Each overlay opened and closed ``overlay_presses`` times. Its first opening in the
    session (made ahead, or made then) has a row of its own, and the rows of the openings
    after it leave it out: they are what the user gets from then on."""
    overlay_settle = max(settle, 0.3)  # an overlay that fills progressively pauses between steps
    for key in ("?", "@", "E", "p", "ctrl+p"):
        first = _presses(term, yard, key, 1, overlay_settle)
        closing = _presses(term, yard, "escape", 1, overlay_settle)
        samples = Samples()
        for _ in range(overlay_presses - 1):  # each opening and closing, paired with the bare app
            samples.extend(_presses(term, yard, key, 1, overlay_settle))
            closing.extend(_presses(term, yard, "escape", 1, overlay_settle))
        out[f"overlay {key} new: first paint"] = _row(first, "first_ms")
        out[f"overlay {key} new: complete"] = _row(first)
        out[f"overlay {key} first paint"] = _row(samples, "first_ms")
        out[f"overlay {key} complete"] = _row(samples)
        out[f"overlay {key} closed"] = _row(closing)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", nargs="+", default=["politics", "10000"])
    parser.add_argument("--presses", type=int, default=40, help="presses of each key (0: only the overlays)")
    parser.add_argument(
        "--overlay-presses", type=int, default=12, help="openings (and closings) of each overlay, the first included"
    )
    parser.add_argument("--settle-ms", type=float, default=150.0)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "quotelens-bench-tui")
    parser.add_argument(
        "--only", choices=("all", "list"), default="all", help="list: the article list's keys and held keys only"
    )
    parser.add_argument("--hold-presses", type=int, default=30, help="presses of a held key")
    parser.add_argument("--hold-interval-ms", type=float, default=33.0, help="between the presses of a held key")
    parser.add_argument("--holds", type=int, default=6, help="times each key is held")
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
        results[name] = {
            "prepare": prep,
            "keys": measure(
                corpus,
                store,
                args.presses,
                settle,
                args.overlay_presses,
                Held(args.hold_presses, args.hold_interval_ms / 1000, args.holds),
                args.only,
            ),
        }
        if not args.json:
            print(_report(name, results[name], args), flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


def _report(name: str, r: dict, args: argparse.Namespace) -> str:
    prep, keys = r["prepare"], r["keys"]
    lines = [
        f"{name}: {prep['articles']:,} articles, {prep['quotes']:,} quotes — {COLS}×{ROWS} pty, "
        f"settled = {args.settle_ms:g} ms without output, {args.presses} presses a key",
        f"  {'key':<32}{'median ms':>10}{'p95 ms':>9}{'bare median':>12}{'bare p95':>9}{'× bare':>8}"
        f"{'cpu/key':>9}{'bare cpu':>9}  goal",
    ]
    for key, row in keys.items():
        app = row["app"]
        if key == "first paint":
            lines.append(f"  {'first paint (process start)':<32}{app['median']:>10.0f}")
            continue
        if not app["n"]:
            continue  # not pressed (--presses 0 times the overlays alone)
        bare = row["bare"]
        ratio = app["median"] / bare["median"] if bare["median"] else float("nan")
        if key.endswith(("complete", "closed")) or " new:" in key:
            verdict = ""
        elif key.endswith("first paint"):
            verdict = "OK" if app["p95"] < 100 else "MISSED"  # goal: first paint < 100 ms
        else:
            verdict = "OK" if ratio <= 1.5 and app["p95"] < 100 else "MISSED"  # ≤ 1.5× bare, p95 < 100 ms
        cpu = f"{app.get('cpu_ms', float('nan')):>9.1f}{bare.get('cpu_ms', float('nan')):>9.1f}"
        if key.endswith("first paint"):
            cpu = " " * 18  # the same presses as "complete", whose row has their CPU
        lines.append(
            f"  {key:<32}{app['median']:>10.1f}{app['p95']:>9.1f}{bare['median']:>12.1f}{bare['p95']:>9.1f}"
            f"{ratio:>8.2f}{cpu}  {verdict}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
