"""Helpers shared by bench/ingest.py and bench/open.py.

Each measured variant runs in a fresh Python process (``run_variant``) so that no
variant inherits another's warm caches or memory; the child prints one JSON line.
Corpora are read in place from ../shared; replicas and stores go to a temp folder,
never into the repository or ../shared.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BBC = SHARED / "corpora" / "bbc"
SEEDS = SHARED / "seeds"


def run_variant(code: str, *args: str, timeout: float = 3600) -> dict[str, Any]:
    """Run ``code`` (a Python snippet defining ``main(argv) -> dict``) in a fresh process."""
    script = (
        code
        + "\n\nif __name__ == '__main__':\n    import json, sys\n    print('@@' + json.dumps(main(sys.argv[1:])))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=ROOT,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("@@"):
            return json.loads(line[2:])
    raise RuntimeError(f"variant failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")


def fmt_ratio(value: float, goal: float, at_least: bool) -> str:
    ok = value >= goal if at_least else value <= goal
    return f"{value:.3f} ({'>=' if at_least else '<='} {goal}: {'OK' if ok else 'MISSED'})"
