"""The curated reporting verbs (``corpus/data/reporting_verbs.txt``), by lemma."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

VERBS_FILE = Path(__file__).resolve().parent.parent / "data" / "reporting_verbs.txt"


@lru_cache(maxsize=4)
def reporting_verbs(path: str | None = None) -> frozenset[str]:
    """Lemmas, lower case; ``#`` comments and blank lines ignored."""
    lemmas = set()
    for line in Path(path or VERBS_FILE).read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            lemmas.add(word)
    return frozenset(lemmas)


__all__ = ["VERBS_FILE", "reporting_verbs"]

# Opinion / estimation verbs: reported speech only with a person as the subject.
WEAK_VERBS = frozenset(
    {
        "believe",
        "feel",
        "hope",
        "suggest",
        "estimate",
        "forecast",
        "predict",
        "conclude",
        "signal",
        "agree",
        "indicate",
    }
)
__all__ += ["WEAK_VERBS"]
