"""Accuracy benchmark: the ``eval`` command on the Gender Gap Tracker dev split.

    .venv/bin/python bench/accuracy.py [GOLD.jsonl] [--show-errors N] [--json]

Goal (issue "Quote extraction"): F1 >= 0.90 @0.3, >= 0.83 @0.8, speaker >= 0.96, name >= 0.85.
Exit status 0 when every goal is met. (Extraction cost: bench/extraction_cost.py.)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_GOLD = ROOT.parent / "shared" / "eval" / "ggt-dev.jsonl"
GOALS = {"f1@0.3": 0.90, "f1@0.8": 0.83, "speaker": 0.96, "name": 0.85}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--show-errors", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--model")
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"gold file not found: {args.gold}", file=sys.stderr)
        return 2

    from corpus.evaluate import evaluate
    from tui.commands import eval as eval_cmd

    gold = eval_cmd.read_jsonl(args.gold)
    t0 = time.perf_counter()
    pred = eval_cmd.predict(gold, args.model)
    elapsed = time.perf_counter() - t0
    res = evaluate(gold, pred)
    eval_cmd.print_result(res, args.gold.name, as_json=args.json, show_errors=args.show_errors)
    got = {"f1@0.3": res.prf[0.3].f1, "f1@0.8": res.prf[0.8].f1, "speaker": res.speaker.value, "name": res.name.value}
    line = "  ".join(f"{k}={v:.3f}{'✓' if v >= GOALS[k] else '✗'}(goal {GOALS[k]})" for k, v in got.items())
    print(line, f"[parse+extract {elapsed:.1f}s]", file=sys.stderr)
    return 0 if all(got[k] >= GOALS[k] for k in GOALS) else 1


if __name__ == "__main__":
    sys.exit(main())
