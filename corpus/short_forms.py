"""Short forms of first names ("Vince" of "Vincent", "Bill" of "William"): the curated table in
``corpus/data/short_forms.txt``, read once."""

from __future__ import annotations

import functools
from pathlib import Path

SHORT_FORMS_FILE = Path(__file__).resolve().parent / "data" / "short_forms.txt"


@functools.lru_cache(maxsize=1)
def _full_names_of() -> dict[str, frozenset[str]]:
    """first name (lower case) → the full names it is or shortens ("vince" → {"vincent"}, "vincent" →
    {"vincent"}); a name absent from the table is only itself."""
    out: dict[str, set[str]] = {}
    for line in SHORT_FORMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        full, shorts = line.split(":", 1)
        full = full.strip().lower()
        for name in [full, *shorts.lower().split()]:
            out.setdefault(name, set()).add(full)
    return {name: frozenset(fulls) for name, fulls in out.items()}


def same_first_name(a: str, b: str) -> bool:
    """Whether two first names are the same name, written in full or short: "Vince"/"Vincent",
    "Tony"/"Anthony", "Bill"/"William", "Ted"/"Ed"; not "Vince"/"Victor", nor "Patrick"/"Patricia". A short
    form several full names share ("Pat") is the same name as each of them: which one, the caller decides."""
    a, b = a.lower().strip("."), b.lower().strip(".")
    if a == b:
        return True
    table = _full_names_of()
    fa, fb = table.get(a), table.get(b)
    return fa is not None and fb is not None and bool(fa & fb)


__all__ = ["SHORT_FORMS_FILE", "same_first_name"]
