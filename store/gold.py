"""Gold export: the user's review as evaluation data (``../shared/eval/README.md`` format).

One article a line: ``{"id", "outlet", "text", "quotes": [{"text", "start", "end",
"kind", "speaker": {"text","start","end"}|null, "speaker_name", "cue": {...}|null}],
"ignore": [{"start", "end", "reason"}]}`` (``ignore`` only when some quotes were left unreviewed),
so ``quotelens eval gold.jsonl`` scores the extractor against the user's own review.

Which articles: those the user reviewed — at least one quote accepted, rejected,
corrected (speaker or span) or added. Which quotes, in those articles:

- accepted or corrected extractor quotes (a corrected span/speaker replaces the
  extractor's); rejected ones are left out;
- quotes the user added;
- unreviewed extractor quotes are left out (the gold holds what the user
  confirmed); ``include_unreviewed=True`` keeps them, for users who only reject
  the wrong ones. The report counts them either way. A left-out quote's span is
  written as an ``ignore`` span (reason ``unreviewed``), the convention of
  ``../shared/eval/README.md``: ``quotelens eval`` then neither rewards nor
  punishes a prediction there, so a partly reviewed article scores only what
  the user looked at;
- orphaned annotations (the quote is no longer extracted) are left out, unless
  they were corrected or added by the user (their span is then known).

Offsets are Python string indices into the article text; each quote's ``text`` is
the article's text at its span. A corrected speaker name gets a mention span when
the name (or its last word) occurs in the article, the occurrence nearest to the
quote; otherwise ``speaker`` is null and ``speaker_name`` carries the name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from corpus.models import Article, Quote, Span, name_tokens
from store.annotations import Annotation, AnnotationStore
from store.export import write_jsonl

if TYPE_CHECKING:
    from store.workspace import Workspace


UNREVIEWED = "unreviewed"  # the ignore-span reason of an extractor quote the user did not review


@dataclass
class GoldReport:
    articles: int = 0
    quotes: int = 0
    accepted: int = 0
    corrected: int = 0
    added: int = 0
    rejected_removed: int = 0
    unreviewed_left_out: int = 0
    unreviewed_kept: int = 0
    orphans_skipped: int = 0
    missing_articles: int = 0

    def summary(self) -> str:
        s = (
            f"{self.quotes} quotes in {self.articles} reviewed articles ({self.accepted} accepted, "
            f"{self.corrected} corrected, {self.added} added; {self.rejected_removed} rejected removed"
        )
        if self.unreviewed_left_out:
            s += (
                f"; {self.unreviewed_left_out} unreviewed left out as ignore spans, which eval neither "
                "rewards nor punishes (--include-unreviewed keeps them as gold)"
            )
        if self.unreviewed_kept:
            s += f"; {self.unreviewed_kept} unreviewed kept"
        if self.orphans_skipped:
            s += f"; {self.orphans_skipped} orphaned annotations skipped"
        if self.missing_articles:
            s += f"; {self.missing_articles} articles no longer in the corpus"
        return s + ")"


def _is_review(a: Annotation) -> bool:
    return a.status in ("accepted", "rejected") or a.corrected or a.user_added


def find_speaker_mention(text: str, name: str, near: int) -> Span | None:
    """The occurrence of ``name`` (or of its last word) in ``text`` nearest to offset ``near``."""
    candidates = [name.strip()]
    toks = name_tokens(name)
    if toks:
        candidates.append(toks[-1])
    lowered = text.lower()
    for cand in candidates:
        if len(cand) < 2:
            continue
        needle = cand.lower()
        best = None
        i = lowered.find(needle)
        while i >= 0:
            before_ok = i == 0 or not text[i - 1].isalnum()
            after = i + len(needle)
            after_ok = after >= len(text) or not text[after].isalnum()
            if before_ok and after_ok and (best is None or abs(i - near) < abs(best - near)):
                best = i
            i = lowered.find(needle, i + 1)
        if best is not None:
            return Span(text[best : best + len(needle)], best, best + len(needle))
    return None


def _speaker_fields(
    article: Article, q: Quote | None, a: Annotation | None, start: int
) -> tuple[dict | None, str | None]:
    if a is not None and a.speaker:
        name = a.speaker
        if q is not None and q.speaker is not None and (set(name_tokens(q.speaker.text)) & set(name_tokens(name))):
            return q.speaker.to_dict(), name
        mention = find_speaker_mention(article.text, name, start)
        return (mention.to_dict() if mention else None), name
    if q is not None:
        return (q.speaker.to_dict() if q.speaker else None), q.speaker_name
    return None, None


def _gold_quote(article: Article, q: Quote | None, a: Annotation | None) -> dict[str, Any] | None:
    if a is not None and a.span is not None:
        start, end = a.span.start, a.span.end
    elif q is not None:
        start, end = q.start, q.end
    elif a is not None and a.start is not None and a.end is not None:
        start, end = a.start, a.end
    else:
        return None
    if not (0 <= start < end <= len(article.text)):
        return None
    speaker, speaker_name = _speaker_fields(article, q, a, start)
    kind = (q.kind if q is not None else None) or (a.kind if a is not None else None) or "direct"
    return {
        "text": article.text[start:end],
        "start": start,
        "end": end,
        "kind": kind,
        "speaker": speaker,
        "speaker_name": speaker_name,
        "cue": q.cue.to_dict() if (q is not None and q.cue) else None,
    }


def _covers(a: dict[str, Any], b: dict[str, Any], threshold: float = 0.8) -> bool:
    """True when quote ``a`` covers most of quote ``b``'s characters."""
    inter = max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))
    return inter / max(1, b["end"] - b["start"]) >= threshold


def gold_articles(
    workspace: Workspace,
    store: AnnotationStore,
    *,
    include_unreviewed: bool = False,
    report: GoldReport | None = None,
) -> Iterator[dict[str, Any]]:
    """The gold articles, in article id order (see the module docstring)."""
    report = report if report is not None else GoldReport()
    by_article: dict[str, list[Annotation]] = {}
    for a in store.all():
        if workspace.covers(a.article_id):  # not the other folders of the workspace
            by_article.setdefault(a.article_id, []).append(a)
    for article_id in sorted(by_article):
        anns = by_article[article_id]
        if not any(_is_review(a) for a in anns):
            continue
        try:
            article = workspace.article(article_id)
            analysis = workspace.analysis(article_id)
        except (KeyError, LookupError):
            report.missing_articles += 1
            continue
        by_qid = {a.quote_id: a for a in anns}
        quotes: list[dict[str, Any]] = []
        unreviewed: list[dict[str, Any]] = []
        for q in analysis.quotes:
            ann = by_qid.pop(q.id) if q.id in by_qid else None
            if ann is not None and ann.status == "rejected":
                report.rejected_removed += 1
                continue
            confirmed = ann is not None and (ann.status == "accepted" or ann.corrected)
            if not confirmed:
                if include_unreviewed:
                    report.unreviewed_kept += 1
                else:
                    report.unreviewed_left_out += 1
                    unreviewed.append({"start": q.start, "end": q.end, "reason": UNREVIEWED})
                    continue
            g = _gold_quote(article, q, ann)
            if g is None:
                continue
            quotes.append(g)
            if ann is not None and ann.corrected:
                report.corrected += 1
            elif confirmed:
                report.accepted += 1
        for a in by_qid.values():  # user-added quotes and orphans
            if a.status == "rejected":
                continue
            if a.user_added or (a.corrected and a.span is not None):
                g = _gold_quote(article, None, a)
                if g is not None and any(_covers(k, g) for k in quotes):
                    continue  # the extractor now finds this added quote too: keep it once
                if g is not None:
                    quotes.append(g)
                    report.added += int(a.user_added)
                    report.corrected += int(not a.user_added)
            elif _is_review(a) or a.tags or a.note:
                report.orphans_skipped += 1
        quotes.sort(key=lambda g: (g["start"], g["end"]))
        report.articles += 1
        report.quotes += len(quotes)
        row: dict[str, Any] = {"id": article.id, "outlet": article.source, "text": article.text, "quotes": quotes}
        if unreviewed:
            row["ignore"] = unreviewed
        yield row


def write_gold(articles: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    """One gold article a line (the corpus JSONL format with its ``quotes``)."""
    return write_jsonl(articles, out)


__all__ = ["UNREVIEWED", "GoldReport", "find_speaker_mention", "gold_articles", "write_gold"]
