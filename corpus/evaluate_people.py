"""The Gender Gap Tracker's people metric (its ``evaluate_ner_and_gender.py``), exactly as
``../shared/eval/README.md`` describes it for ``people-dev.jsonl``.

Per article, six sets of case-folded, whitespace-normalised names are built from the gold
and from the prediction: ``people`` (everyone named), ``people_female``, ``people_male``,
``sources`` (people quoted), ``sources_female``, ``sources_male``. Each predicted set is
compared with the gold set exactly (true positives: in both; false positives: predicted
only; false negatives: gold only); the counts are summed over all gold articles, then
precision, recall and F1 per set. The headline is the share of women among sources over
the corpus, |sources_female| / |sources| summed over articles, beside the gold share.

Articles missing from the prediction count as predicting nobody; predicted articles
without gold are not scored.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from corpus.evaluate import f1_score

SETS: tuple[str, ...] = ("people", "people_female", "people_male", "sources", "sources_female", "sources_male")


def normalise_name(name: str) -> str:
    """Case-folded with runs of whitespace made one space: the tracker's name identity."""
    return " ".join(name.split()).casefold()


def article_sets(people: Iterable[Mapping[str, Any]]) -> dict[str, set[str]]:
    """The six name sets of one article from ``{"name", "gender", "quoted"}`` records."""
    sets: dict[str, set[str]] = {name: set() for name in SETS}
    for p in people:
        name = normalise_name(str(p.get("name") or ""))
        if not name:
            continue
        gender = p.get("gender")
        groups = ["people"] + (["sources"] if p.get("quoted") else [])
        for group in groups:
            sets[group].add(name)
            if gender in ("female", "male"):
                sets[f"{group}_{gender}"].add(name)
    return sets


@dataclass
class SetScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class PeopleScore:
    """TP/FP/FN per set summed over the gold articles, and the women's share of sources."""

    sets: dict[str, SetScore] = field(default_factory=lambda: {name: SetScore() for name in SETS})
    n_articles: int = 0
    n_missing: int = 0  # gold articles the prediction has no record of
    gold_sources: int = 0
    gold_sources_female: int = 0
    pred_sources: int = 0
    pred_sources_female: int = 0

    @property
    def gold_female_share(self) -> float:
        return self.gold_sources_female / self.gold_sources if self.gold_sources else 0.0

    @property
    def predicted_female_share(self) -> float:
        return self.pred_sources_female / self.pred_sources if self.pred_sources else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.n_articles,
            "articles_without_prediction": self.n_missing,
            "sets": {name: score.to_dict() for name, score in self.sets.items()},
            "female_share_of_sources": {
                "predicted": round(self.predicted_female_share, 4),
                "gold": round(self.gold_female_share, 4),
                "predicted_counts": [self.pred_sources_female, self.pred_sources],
                "gold_counts": [self.gold_sources_female, self.gold_sources],
            },
        }


def score_people(
    gold: Mapping[str, Iterable[Mapping[str, Any]]], predicted: Mapping[str, Iterable[Mapping[str, Any]]]
) -> PeopleScore:
    """Score predicted people against gold people, both mapping article id → person records."""
    out = PeopleScore()
    for article_id, gold_people in gold.items():
        out.n_articles += 1
        if article_id not in predicted:
            out.n_missing += 1
        g = article_sets(gold_people)
        p = article_sets(predicted.get(article_id, ()))
        for name in SETS:
            s = out.sets[name]
            s.tp += len(g[name] & p[name])
            s.fp += len(p[name] - g[name])
            s.fn += len(g[name] - p[name])
        out.gold_sources += len(g["sources"])
        out.gold_sources_female += len(g["sources_female"])
        out.pred_sources += len(p["sources"])
        out.pred_sources_female += len(p["sources_female"])
    return out


def jsonl_records(path: str | os.PathLike[str], problems: list[str]) -> Iterator[tuple[int, Any]]:
    """Each non-blank line of a JSONL file as (line number, parsed value); a line that is not
    JSON is skipped with a problem naming the file and line appended to ``problems``."""
    import json

    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{path}:{n}: not JSON ({exc.msg})")


def load_people_gold(path: str) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """``{"id", "people": [...]}`` a line → (article id → people, problems naming file and line)."""
    gold: dict[str, list[dict[str, Any]]] = {}
    problems: list[str] = []
    for n, rec in jsonl_records(path, problems):
        if not isinstance(rec, dict) or "id" not in rec or not isinstance(rec.get("people"), list):
            problems.append(f'{path}:{n}: expected {{"id", "people": [...]}}')
            continue
        gold[str(rec["id"])] = [p for p in rec["people"] if isinstance(p, dict)]
    return gold, problems


def predict_people(texts: Mapping[str, str], model: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Run the pipeline over ``texts`` (article id → text): article id → its people as dicts."""
    from corpus.analysis import analyse_doc
    from corpus.nlp import load_pipeline

    nlp = load_pipeline(model)
    out: dict[str, list[dict[str, Any]]] = {}
    for doc, aid in nlp.pipe(((t, a) for a, t in texts.items()), as_tuples=True, batch_size=16):
        out[aid] = [p.to_dict() for p in analyse_doc(doc).people]
    return out


def gender_sources(predicted: Mapping[str, Iterable[Mapping[str, Any]]], *, quoted: bool = False) -> dict[str, int]:
    """How many predicted people (with ``quoted``: people quoted, the sources) got each
    ``gender_source`` (text, name, user, unknown)."""
    counts: dict[str, int] = {}
    for people in predicted.values():
        for p in people:
            if quoted and not p.get("quoted"):
                continue
            src = str(p.get("gender_source") or "unknown")
            counts[src] = counts.get(src, 0) + 1
    return counts


__all__ = [
    "SETS",
    "PeopleScore",
    "SetScore",
    "article_sets",
    "gender_sources",
    "load_people_gold",
    "normalise_name",
    "predict_people",
    "score_people",
]
