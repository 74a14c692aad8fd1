"""The Gender Gap Tracker quote-attribution metric (see ``../shared/eval/README.md``).

Inputs are dicts in the gold / ``quotelens extract`` JSONL format: one article a
line with ``id`` and ``quotes`` (each with ``text``, ``start``, ``end``, ``kind``,
``speaker`` ({text,start,end} or null) and ``speaker_name``).

* A gold quote is found when one predicted quote covers more than THR of its
  characters (|gold ∩ pred| / |gold| > THR), THR = 0.3 and 0.8. Each prediction
  matches at most one gold quote (pairs are taken best overlap first, and of equal
  overlap the prediction most nearly the gold first, so a report inside a report
  pairs inner with inner and outer with outer); the predictions left over are
  false positives.
* On pairs matched at 0.3: speaker accuracy (the predicted speaker mention
  overlaps the gold one; gold quotes without a mention are left out) and name
  accuracy (the predicted resolved name and the gold ``speaker_name`` share their
  tokens one way or the other, case/punctuation/possessive/titles folded).
* Recall by gold ``kind``.
* ``ignore`` spans (``{"start", "end", "reason"}`` on an article: attributions the
  guideline leaves out, as in ``polnear-train-comparable.jsonl``) are never gold
  and never misses; a prediction left unmatched at a threshold that overlaps one
  by at least one character is left out of precision at that threshold (neither
  a true nor a false positive). The count is ``PRF.excused``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from corpus.models import name_tokens

THRESHOLDS: tuple[float, ...] = (0.3, 0.8)


def f1_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0): both metrics use it."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class PRF:
    tp: int = 0
    n_pred: int = 0  # predictions that count for precision (excused ones left out)
    n_gold: int = 0
    excused: int = 0  # unmatched predictions on an ignore span, left out of n_pred

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        return f1_score(self.precision, self.recall)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "n_pred": self.n_pred,
            "n_gold": self.n_gold,
            "excused": self.excused,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Ratio:
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"hits": self.hits, "total": self.total, "value": round(self.value, 4)}


@dataclass
class Miss:
    """One error for ``--show-errors``: a missed gold quote, a false positive or a wrong speaker."""

    article_id: str
    type: str  # "missed" | "partial" | "spurious" | "speaker" | "name"
    gold: dict[str, Any] | None
    pred: dict[str, Any] | None
    overlap: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "type": self.type,
            "gold": self.gold,
            "pred": self.pred,
            "overlap": round(self.overlap, 3),
        }


@dataclass
class EvalResult:
    prf: dict[float, PRF] = field(default_factory=dict)
    speaker: Ratio = field(default_factory=Ratio)
    name: Ratio = field(default_factory=Ratio)
    recall_by_kind: dict[float, dict[str, Ratio]] = field(default_factory=dict)
    errors: list[Miss] = field(default_factory=list)
    n_articles: int = 0
    missing_predictions: list[str] = field(default_factory=list)
    # predicted articles with no gold article: not scored (a gold file of a partial review holds only
    # the reviewed articles, so the score covers those alone and the user is told so)
    unscored_predictions: int = 0

    def to_dict(self, *, errors: int = 0) -> dict[str, Any]:
        data: dict[str, Any] = {
            "n_articles": self.n_articles,
            "thresholds": {str(t): p.to_dict() for t, p in self.prf.items()},
            "speaker_accuracy": self.speaker.to_dict(),
            "name_accuracy": self.name.to_dict(),
            "recall_by_kind": {
                str(t): {k: r.to_dict() for k, r in kinds.items()} for t, kinds in self.recall_by_kind.items()
            },
            "missing_predictions": self.missing_predictions,
            "unscored_predictions": self.unscored_predictions,
        }
        if errors:
            data["errors"] = [e.to_dict() for e in self.errors[:errors]]
        return data


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def coverage(gold: dict[str, Any], pred: dict[str, Any]) -> float:
    """|gold ∩ pred| / |gold|."""
    length = int(gold["end"]) - int(gold["start"])
    if length <= 0:
        return 0.0
    return overlap(int(gold["start"]), int(gold["end"]), int(pred["start"]), int(pred["end"])) / length


def names_match(pred_name: str | None, gold_name: str | None) -> bool:
    """True when one name's tokens are all among the other's (folded)."""
    if not pred_name or not gold_name:
        return False
    p, g = set(name_tokens(pred_name)), set(name_tokens(gold_name))
    if not p or not g:
        return False
    return p <= g or g <= p


def speakers_match(pred_speaker: dict[str, Any] | None, gold_speaker: dict[str, Any] | None) -> bool:
    if not pred_speaker or not gold_speaker:
        return False
    return (
        overlap(
            int(gold_speaker["start"]), int(gold_speaker["end"]), int(pred_speaker["start"]), int(pred_speaker["end"])
        )
        > 0
    )


def precision_of(gold: dict[str, Any], pred: dict[str, Any]) -> float:
    """|gold ∩ pred| / |pred|: how much of the prediction is the gold quote."""
    length = int(pred["end"]) - int(pred["start"])
    if length <= 0:
        return 0.0
    return overlap(int(gold["start"]), int(gold["end"]), int(pred["start"]), int(pred["end"])) / length


def match(gold_quotes: list[dict[str, Any]], pred_quotes: list[dict[str, Any]], threshold: float) -> dict[int, int]:
    """Gold index → pred index, one-to-one, best coverage first, coverage > threshold. Of equal coverage,
    the prediction that is most nearly the gold quote first: a gold report inside a gold report ("Ruiz
    said [Baker told her [the plan is dead]]") is covered wholly by both predictions, and pairs with
    the inner one, leaving the outer prediction to the outer gold quote."""
    pairs = []
    for gi, g in enumerate(gold_quotes):
        for pi, p in enumerate(pred_quotes):
            c = coverage(g, p)
            if c > threshold:
                pairs.append((-c, -precision_of(g, p), gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: dict[int, int] = {}
    for _, _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out[gi] = pi
    return out


def ignore_spans(article: dict[str, Any]) -> list[tuple[int, int]]:
    """The article's ``ignore`` spans as sorted (start, end) pairs (empty when it has none)."""
    spans = []
    for span in article.get("ignore") or []:
        if isinstance(span, dict) and isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
            spans.append((int(span["start"]), int(span["end"])))
    return sorted(spans)


def on_ignore_span(pred: dict[str, Any], spans: list[tuple[int, int]]) -> bool:
    """Whether ``pred`` overlaps one of ``spans`` by at least one character."""
    s, e = int(pred["start"]), int(pred["end"])
    return any(overlap(s, e, a, b) >= 1 for a, b in spans)


def _best_coverage(g: dict[str, Any], preds: list[dict[str, Any]]) -> tuple[float, dict[str, Any] | None]:
    best, best_p = 0.0, None
    for p in preds:
        c = coverage(g, p)
        if c > best:
            best, best_p = c, p
    return best, best_p


def evaluate(
    gold: Iterable[dict[str, Any]], pred: Iterable[dict[str, Any]], thresholds: tuple[float, ...] = THRESHOLDS
) -> EvalResult:
    """Score predicted articles against gold articles, matched by ``id``."""
    pred_by_id = {str(p["id"]): p for p in pred}
    result = EvalResult(prf={t: PRF() for t in thresholds}, recall_by_kind={t: {} for t in thresholds})
    low = min(thresholds)
    high = max(thresholds)
    gold_ids: set[str] = set()
    for article in gold:
        aid = str(article["id"])
        gold_ids.add(aid)
        result.n_articles += 1
        golds = list(article.get("quotes") or [])
        if aid not in pred_by_id:
            result.missing_predictions.append(aid)
        preds = list((pred_by_id.get(aid) or {}).get("quotes") or [])
        ignored = ignore_spans(article)
        matches = {}
        excused: dict[float, set[int]] = {}
        for t in thresholds:
            m = match(golds, preds, t)
            matches[t] = m
            matched = set(m.values())
            excused[t] = {
                pi for pi, p in enumerate(preds) if pi not in matched and ignored and on_ignore_span(p, ignored)
            }
            prf = result.prf[t]
            prf.tp += len(m)
            prf.n_pred += len(preds) - len(excused[t])
            prf.excused += len(excused[t])
            prf.n_gold += len(golds)
            kinds = result.recall_by_kind[t]
            for gi, g in enumerate(golds):
                r = kinds.setdefault(g.get("kind") or "direct", Ratio())
                r.total += 1
                r.hits += gi in m
        for gi, pi in matches[low].items():
            g, p = golds[gi], preds[pi]
            if g.get("speaker"):
                result.speaker.total += 1
                ok = speakers_match(p.get("speaker"), g["speaker"])
                result.speaker.hits += ok
                if not ok:
                    result.errors.append(Miss(aid, "speaker", g, p, coverage(g, p)))
            if g.get("speaker_name"):
                result.name.total += 1
                ok = names_match(p.get("speaker_name"), g["speaker_name"])
                result.name.hits += ok
                if not ok:
                    result.errors.append(Miss(aid, "name", g, p, coverage(g, p)))
        for gi, g in enumerate(golds):
            if gi not in matches[low]:
                c, p = _best_coverage(g, preds)
                result.errors.append(Miss(aid, "missed", g, p, c))
            elif gi not in matches[high]:
                result.errors.append(
                    Miss(aid, "partial", g, preds[matches[low][gi]], coverage(g, preds[matches[low][gi]]))
                )
        matched_p = set(matches[low].values())
        for pi, p in enumerate(preds):
            if pi not in matched_p and pi not in excused[low]:
                result.errors.append(Miss(aid, "spurious", None, p, 0.0))
    result.unscored_predictions = len(pred_by_id.keys() - gold_ids)
    order = {"missed": 0, "spurious": 1, "partial": 2, "speaker": 3, "name": 4}
    result.errors.sort(key=lambda e: (order[e.type], -len((e.gold or e.pred or {}).get("text", ""))))
    return result


__all__ = [
    "EvalResult",
    "Miss",
    "PRF",
    "Ratio",
    "THRESHOLDS",
    "coverage",
    "evaluate",
    "ignore_spans",
    "match",
    "on_ignore_span",
    "names_match",
    "precision_of",
    "speakers_match",
]
