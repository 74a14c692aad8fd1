"""Re-attaching annotations after a re-ingest; orphans.

A quote id is ``<article>#<hash of the normalised text>[.<occurrence>]``, so an
annotation stays attached while the extractor finds the same text. When the
extractor changes (new version, other model) a quote's offsets may move, its
text may grow or shrink by a few words, an earlier duplicate may disappear (the
occurrence number shifts) or the quote may be gone. For each article that was
re-analysed, every annotation (except user-added quotes, which anchor
themselves) is matched against the article's current quotes, in this order:

1. same quote id — kept (offsets refreshed; an orphan is restored);
2. same normalised text in the same article — re-keyed to the new id (nearest
   by offset when the text occurs several times);
3. overlapping text: one normalised text contains the other, or the two share
   most of their words, preferring overlapping offsets — re-keyed; a report inside
   another quote (``corpus.quotes.nesting``) never takes the annotation of a longer
   text that the quote holding it is like: that is the outer quote's;
4. nothing — kept and flagged ``orphan`` (never dropped; ``store.orphans()``).

A quote already claimed by an annotation is not given to a second one; when a
re-keyed annotation lands on a quote that has its own annotation, the two are
merged (tags united, notes joined, the more recent status/corrections win).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from corpus.models import Quote, article_of, normalise_quote_text

if TYPE_CHECKING:
    from store.annotations import AnnotationStore
    from store.workspace import Workspace

_WORD = re.compile(r"\w+")
MIN_WORD_OVERLAP = 0.6  # share of the shorter text's words
MIN_LENGTH_RATIO = 0.5  # for containment: shorter / longer normalised text


@dataclass
class AnchorReport:
    kept: int = 0
    moved: int = 0  # same id, offsets changed
    rekeyed: int = 0  # attached to another id (same or overlapping text)
    restored: int = 0  # orphans that found their quote again
    orphaned: int = 0  # newly orphaned
    still_orphan: int = 0
    merged: int = 0
    details: list[tuple[str, str, str | None]] = field(default_factory=list)  # (old id, outcome, new id)

    def summary(self) -> str:
        parts = [f"{self.kept} kept"]
        for name in ("moved", "rekeyed", "restored", "merged", "orphaned", "still_orphan"):
            n = getattr(self, name)
            if n:
                parts.append(f"{n} {name.replace('_', ' ')}")
        return "reattach: " + ", ".join(parts)


@dataclass
class AnchorPlan:
    edits: list[tuple[str, dict[str, Any] | None]]
    report: AnchorReport


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text))


def _similarity(a: str, b: str) -> float:
    """0..1: how likely two normalised quote texts are the same quote."""
    if not a or not b:
        return 0.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if short in long_ and len(short) / len(long_) >= MIN_LENGTH_RATIO:
        return 0.9 + 0.1 * len(short) / len(long_)
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    overlap = len(wa & wb) / min(len(wa), len(wb))
    jaccard = len(wa & wb) / len(wa | wb)
    if overlap < MIN_WORD_OVERLAP:
        return 0.0
    return 0.5 * overlap + 0.4 * jaccard


def _offset_overlap(rec: Mapping[str, Any], q: Quote) -> float:
    s, e = rec.get("start"), rec.get("end")
    if s is None or e is None or e <= s:
        return 0.0
    inter = max(0, min(e, q.end) - max(s, q.start))
    return inter / max(1, min(e - s, q.end - q.start))


def _holders(quotes: Sequence[Quote]) -> dict[str, Quote]:
    """Quote id → the innermost other quote holding its span: a report inside a report ("Ruiz said
    [Baker told her [the plan is dead]]"), whose text the outer quote's contains."""
    out: dict[str, Quote] = {}
    for q in quotes:
        holding = [
            o
            for o in quotes
            if o.id != q.id and o.start <= q.start and q.end <= o.end and o.end - o.start > q.end - q.start
        ]
        if holding:
            out[q.id] = min(holding, key=lambda o: o.end - o.start)
    return out


def merge_records(into: dict[str, Any], other: Mapping[str, Any]) -> dict[str, Any]:
    """Merge annotation ``other`` into ``into`` (both about the same quote now)."""
    out = dict(into)
    tags = list(into.get("tags") or ())
    folded = {t.casefold() for t in tags}
    for t in other.get("tags") or ():
        if t.casefold() not in folded:
            tags.append(t)
            folded.add(t.casefold())
    out["tags"] = tags
    notes = [n for n in (into.get("note"), other.get("note")) if n]
    out["note"] = "\n---\n".join(dict.fromkeys(notes))
    newer = other if (other.get("updated") or "") > (into.get("updated") or "") else into
    older = into if newer is other else other
    for f in ("status", "speaker", "span"):
        val = newer.get(f)
        if f == "status" and (val or "unreviewed") == "unreviewed":
            val = older.get(f)
        if val is None:
            val = older.get(f)
        out[f] = val if val is not None else ("unreviewed" if f == "status" else None)
    return out


def _follow(rec: Mapping[str, Any], new: dict[str, Any], q: Quote) -> None:
    """Set ``new``'s anchor to quote ``q``; a corrected span moves with the quote (text added
    or removed before it shifts both alike), so it keeps covering the words it covered."""
    old_start = rec.get("start")
    span = rec.get("span")
    new.update(orphan=False, start=q.start, end=q.end, text=q.text, anchor=normalise_quote_text(q.text))
    if span and old_start is not None and q.start != old_start:
        delta = q.start - int(old_start)
        new["span"] = {**span, "start": max(0, int(span["start"]) + delta), "end": max(0, int(span["end"]) + delta)}


def plan_reattach(records: Sequence[dict[str, Any]], current: Mapping[str, Sequence[Quote]]) -> AnchorPlan:
    """Decide what happens to each annotation record of the re-analysed articles.

    ``records`` are raw store records (copies); ``current`` maps article id to its
    quotes now. Returns the record edits (quote id -> new record or None) and a report.
    """
    report = AnchorReport()
    edits: dict[str, dict[str, Any] | None] = {}
    by_article: dict[str, list[dict[str, Any]]] = {}
    for rec in records:
        if rec.get("user_added"):
            continue
        by_article.setdefault(rec.get("article_id") or article_of(rec["quote_id"]), []).append(rec)

    for article_id, recs in by_article.items():
        quotes = list(current.get(article_id, ()))
        by_id = {q.id: q for q in quotes}
        norm = {q.id: normalise_quote_text(q.text) for q in quotes}
        existing = {r["quote_id"]: r for r in recs}
        claimed: set[str] = set()
        pending: list[dict[str, Any]] = []

        # 1. same id
        for rec in recs:
            q = by_id.get(rec["quote_id"])
            if q is None:
                pending.append(rec)
                continue
            claimed.add(q.id)
            new = dict(rec)
            was_orphan = bool(rec.get("orphan"))
            _follow(rec, new, q)
            if was_orphan:
                report.restored += 1
                report.details.append((rec["quote_id"], "restored", q.id))
            elif (rec.get("start"), rec.get("end")) != (q.start, q.end):
                report.moved += 1
                report.details.append((rec["quote_id"], "moved", q.id))
            else:
                report.kept += 1
            if new != rec:
                edits[q.id] = new

        # 2./3. same text, then overlapping text
        holder = _holders(quotes)
        for rec in pending:
            anchor = rec.get("anchor") or normalise_quote_text(rec.get("text") or "")
            best: Quote | None = None
            best_score = 0.0
            for q in quotes:
                if q.id in claimed:
                    continue
                if anchor and norm[q.id] == anchor:
                    score = 2.0 + 0.5 * _offset_overlap(rec, q) - 1e-6 * abs((rec.get("start") or 0) - q.start)
                else:
                    outer = holder.get(q.id)
                    if outer is not None and len(anchor) > len(norm[q.id]) and _similarity(anchor, norm[outer.id]):
                        continue  # the annotation of a report, not of the report inside it
                    sim = _similarity(anchor, norm[q.id])
                    if not sim:
                        continue
                    score = sim + 0.3 * _offset_overlap(rec, q)
                if score > best_score:
                    best, best_score = q, score
            if best is None:
                if not rec.get("orphan"):
                    new = dict(rec)
                    new["orphan"] = True
                    edits[rec["quote_id"]] = new
                    report.orphaned += 1
                    report.details.append((rec["quote_id"], "orphaned", None))
                else:
                    report.still_orphan += 1
                continue
            claimed.add(best.id)
            new = dict(rec)
            new["quote_id"] = best.id
            _follow(rec, new, best)
            target = edits.get(best.id) or existing.get(best.id)
            if target is not None and best.id in existing:
                # the new id already has an annotation (kept in step 1 or not moved yet): merge
                new = merge_records(dict(target), new)
                new.update(
                    quote_id=best.id, orphan=False, start=best.start, end=best.end, text=best.text, anchor=norm[best.id]
                )
                report.merged += 1
            edits[best.id] = new
            edits.setdefault(rec["quote_id"], None)
            if rec.get("orphan"):
                report.restored += 1
                report.details.append((rec["quote_id"], "restored", best.id))
            else:
                report.rekeyed += 1
                report.details.append((rec["quote_id"], "rekeyed", best.id))
    # Removing an old id must not remove a record another annotation was moved onto.
    moved_onto = {k for k, v in edits.items() if v is not None}
    ordered: list[tuple[str, dict[str, Any] | None]] = [
        (k, None) for k, v in edits.items() if v is None and k not in moved_onto
    ]
    ordered += [(k, v) for k, v in edits.items() if v is not None]
    return AnchorPlan(edits=ordered, report=report)


def reattach_workspace(workspace: Workspace, store: AnnotationStore | None = None) -> AnchorReport:
    """Re-attach the annotations of every annotated article of a ``store.workspace.Workspace``.

    Articles that are no longer in the corpus orphan their annotations; an article
    whose analysis cannot be loaded, or that is in a folder of the workspace not opened
    now (``Workspace.covers``), is left alone.
    """
    store = store if store is not None else workspace.annotations
    current: dict[str, Sequence[Quote]] = {}
    for article_id in sorted(store.article_ids()):
        if not workspace.covers(article_id):
            continue  # another folder of the workspace, not opened now: not an orphan
        try:
            workspace.article(article_id)
        except (KeyError, LookupError):
            current[article_id] = ()
            continue
        try:
            current[article_id] = tuple(workspace.analysis(article_id).quotes)
        except Exception:  # noqa: BLE001 - analysis missing (not ingested): leave these annotations alone
            continue
    return store.reattach(current)


def ensure_anchored(workspace: Workspace, store: AnnotationStore | None = None) -> AnchorReport | None:
    """Re-attach when the workspace's analysis (extractor/model) or corpus changed since
    the last time; cheap (nothing read) when nothing changed. Returns the report, or
    None when nothing had to be done.

    Call it after ``Workspace.open`` (the CLI commands that use annotations do).
    """
    store = store if store is not None else workspace.annotations
    marker = [workspace.analysis_key, workspace.from_snapshot]
    if marker[0] is None:
        return None  # nothing analysed yet: leave the annotations as they are
    if marker[1] and store.get_state("anchored_for") == marker[0]:
        return None  # same analysis, corpus unchanged since it was last checked
    report = reattach_workspace(workspace, store) if len(store) else AnchorReport()
    store.set_state("anchored_for", marker[0])
    return report


__all__ = ["AnchorPlan", "AnchorReport", "ensure_anchored", "merge_records", "plan_reattach", "reattach_workspace"]
