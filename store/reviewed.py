"""The quotes of a corpus as the user has reviewed them: the one source of truth for
every view (``quotes``, ``stats``, ``export``, the app's lists, counts and filters).

The extractor's quotes (``store.index``) with the annotations (``store.annotations``)
laid over them:

- a corrected speaker replaces the extractor's: the quote counts, lists and filters
  under the new speaker (its key: the corpus key of the typed name, else its
  ``entity_key``), never under the old one;
- a rejected quote is not a quote of its speaker: it is left out of counts, speaker
  lists and speaker/kind lists unless rejected quotes are asked for
  (``status="rejected"`` or ``include_rejected=True``);
- a quote the user added is a quote like the others (its kind and speaker as given);
  an orphaned annotation (its quote no longer extracted) is not;
- a corrected span changes the quote's text and offsets (``ReviewedQuote``).

Public API::

    reviewed = ReviewedCorpus(index, annotations)   # a snapshot of the annotations
    reviewed.refs(speaker=, entity=, kind=, search=, status=, tag=, rows=, include_rejected=False)
        -> list[ReviewedRef]    # cheap (no texts): row order, then text order, added quotes last
    reviewed.quotes(refs, workspace) -> Iterator[ReviewedQuote]   # with texts and metadata
    reviewed.speakers(top=None) -> list[SpeakerStat]  # (store.index's) quotes/articles per speaker, as reviewed
    reviewed.quote_counts() -> QuoteCounts            # total, by kind, by review status
    reviewed.resolve_speaker(name) -> str             # the key a typed speaker name filters on
    reviewed.annotation(quote_id) -> Annotation | None

Build a new ``ReviewedCorpus`` after the annotations change (it reads the store once).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from corpus.models import QUOTE_KINDS, Article, Quote, entity_key, name_tokens
from corpus.printable import visible_controls
from store.index import SpeakerStat

if TYPE_CHECKING:
    from store.annotations import Annotation, AnnotationStore
    from store.index import CorpusIndex, QuoteRef
    from store.workspace import Workspace

USER_QUOTE = -1  # ReviewedRef.index of a quote the user added
REVIEW_FILTER_STATUSES = ("unreviewed", "accepted", "rejected")


@dataclass(frozen=True, slots=True)
class ReviewedRef:
    """One quote as reviewed, without its text (what lists, filters and counts need)."""

    row: int  # index row of the article
    index: int  # position in Workspace.analysis(article).quotes; USER_QUOTE for an added quote
    quote_id: str
    kind: str
    speaker_key: str | None  # as reviewed (the corrected speaker's key when corrected)
    speaker_name: str | None  # as reviewed
    status: str = "unreviewed"
    tags: tuple[str, ...] = ()
    corrected: bool = False  # speaker or span corrected by the user
    user_added: bool = False
    extracted_speaker: str | None = None  # the extractor's speaker name, corrected or not


@dataclass(frozen=True, slots=True)
class ReviewedQuote:
    """A quote as reviewed, with its text and its article's metadata."""

    ref: ReviewedRef
    article_id: str
    title: str
    date: str | None
    source: str | None
    url: str | None
    text: str  # the corrected span's text when corrected
    start: int | None
    end: int | None
    cue: str | None
    speaker_mention: str | None  # the extractor's mention of the speaker in the text
    note: str = ""
    # the quote before a span correction (the extractor's, or the added quote's as added)
    extracted_text: str = ""
    extracted_start: int | None = None
    extracted_end: int | None = None

    def identity(self) -> dict[str, str | None]:
        """The quote's id, kind and article fields, as every listing of quotes starts."""
        return {
            "quote_id": self.ref.quote_id,
            "article_id": self.article_id,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "url": self.url,
            "kind": self.ref.kind,
        }


@dataclass
class QuoteCounts:
    """Counts of the reviewed quotes (rejected ones only in ``by_status``)."""

    total: int = 0
    by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(QUOTE_KINDS, 0))
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REVIEW_FILTER_STATUSES, 0))
    corrected: int = 0
    added: int = 0


class ReviewedCorpus:
    """See the module docstring. Reads the annotation store once, when built."""

    def __init__(self, index: CorpusIndex, annotations: AnnotationStore) -> None:
        self.index = index
        self._by_id: dict[str, Annotation] = {a.quote_id: a for a in annotations.all()}
        self._keys: dict[str, str] = {}
        self._listed: list[SpeakerStat] | None = None  # the index's speakers, by quotes
        # corrected speakers: quote id -> (key, name)
        self._moved: dict[str, tuple[str, str]] = {
            # the name as the lists show it: a control character typed in it is shown, not sent
            qid: (self.resolve_speaker(a.speaker), visible_controls(a.speaker))
            for qid, a in self._by_id.items()
            if a.speaker and not a.user_added
        }
        self._added = sorted(
            (a for a in self._by_id.values() if a.user_added and not a.orphan),
            key=lambda a: (a.article_id, a.start or 0, a.quote_id),
        )

    # --- names ----------------------------------------------------------------

    def resolve_speaker(self, name: str) -> str:
        """The key a typed speaker name stands for: the corpus' key ("Blair" finds the
        person the lists call Tony Blair), else the name's own ``entity_key``."""
        key = self._keys.get(name)
        if key is None:
            key = self._surname_speaker(name) or self.index.resolve(name) or entity_key(name)
            self._keys[name] = key
        return key

    def _surname_speaker(self, name: str) -> str | None:
        """For a surname alone, the speaker the lists show with it ("Blair" → Tony Blair):
        the one listed person of that surname, or the one quoted more than twice as often
        as any other (two Browns quoted alike stay ambiguous)."""
        tokens = name_tokens(name)
        if len(tokens) != 1:
            return None
        if self._listed is None:
            self._listed = self.index.speakers()
        found = [s for s in self._listed if len(name_tokens(s.name)) > 1 and name_tokens(s.name)[-1] == tokens[0]]
        if len(found) == 1 or (len(found) > 1 and found[0].n_quotes > 2 * found[1].n_quotes):
            return found[0].key
        return None

    def annotation(self, quote_id: str) -> Annotation | None:
        return self._by_id.get(quote_id)

    # --- the quotes -------------------------------------------------------------

    def _overlay(self, ref: QuoteRef) -> ReviewedRef:
        a = self._by_id.get(ref.quote_id)
        if a is None:
            return ReviewedRef(
                ref.row, ref.index, ref.quote_id, ref.kind, ref.speaker_key, ref.speaker_name,
                extracted_speaker=ref.speaker_name,
            )  # fmt: skip
        moved = self._moved.get(ref.quote_id)
        key, name = moved if moved is not None else (ref.speaker_key, ref.speaker_name)
        return ReviewedRef(
            ref.row, ref.index, ref.quote_id, ref.kind, key, name, a.status, a.tags, a.corrected, False,
            ref.speaker_name,
        )  # fmt: skip

    def _added_ref(self, a: Annotation, row: int) -> ReviewedRef:
        key = self.resolve_speaker(a.speaker) if a.speaker else None
        return ReviewedRef(
            row,
            USER_QUOTE,
            a.quote_id,
            a.kind or "direct",
            key,
            visible_controls(a.speaker) if a.speaker else a.speaker,
            a.status,
            a.tags,
            a.corrected,
            True,
            None,
        )

    def refs(
        self,
        *,
        speaker: str | None = None,
        entity: str | None = None,
        kind: str | None = None,
        search: str | None = None,
        status: str | None = None,
        tag: str | None = None,
        rows: Sequence[int] | np.ndarray | None = None,
        include_rejected: bool = False,
    ) -> list[ReviewedRef]:
        """The reviewed quotes matching every filter given (see the module docstring).

        ``speaker``: a name as typed (``resolve_speaker``); ``entity``: articles mentioning
        it; ``search``: every word in the quote's text; ``status``: unreviewed, accepted
        or rejected; ``tag``: case-insensitive; ``rows``: only these articles.
        """
        ix = self.index
        key = self.resolve_speaker(speaker) if speaker else None
        with_rejected = include_rejected or status == "rejected"
        articles: set[int] | None = None
        if entity or rows is not None or (search and search.strip()):
            articles = set(ix.filter(entity=entity, rows=rows, search=search).tolist())
        base = ix.quotes(speaker=key, entity=entity, kind=kind, search=search, rows=rows) if key else None
        if key:
            # quotes moved to this speaker from another
            moved_rows: dict[int, set[str]] = {}
            for qid, (new_key, _name) in self._moved.items():
                if new_key == key:
                    row = ix.row_of(_article_of(qid, self._by_id[qid].article_id))
                    if row is not None and (articles is None or row in articles):
                        moved_rows.setdefault(row, set()).add(qid)
            have = {r.quote_id for r in base or ()}
            extra = [
                r
                for row, ids in moved_rows.items()
                for r in ix.quotes(kind=kind, search=search, rows=[row])
                if r.quote_id in ids and r.quote_id not in have
            ]
            found = list(base or ()) + extra
        else:
            found = ix.quotes(entity=entity, kind=kind, search=search, rows=rows)
        out = [self._overlay(r) for r in found]
        if key:
            out = [r for r in out if r.speaker_key == key]
        words = [w.casefold() for w in re.findall(r"\w+", search or "")]
        for a in self._added:
            row = ix.row_of(a.article_id)
            if row is None or (articles is not None and row not in articles):
                continue
            ref = self._added_ref(a, row)
            if (kind and ref.kind != kind) or (key and ref.speaker_key != key):
                continue
            if words and not all(w in a.text.casefold() for w in words):
                continue
            out.append(ref)
        out = [r for r in out if _keeps(r, status, tag, with_rejected)]
        out.sort(key=lambda r: (r.row, r.user_added, r.index))
        return out

    def quotes(self, refs: Sequence[ReviewedRef], workspace: Workspace) -> Iterator[ReviewedQuote]:
        """``refs`` with their texts and metadata, reading each article's analysis once."""
        current_row = -1
        quotes: Sequence[Quote] = ()
        meta: Article | None = None
        for ref in refs:
            if ref.row != current_row:
                current_row = ref.row
                meta = workspace.article_meta(ref.row)
                quotes = workspace.analysis(meta.id).quotes
            a = self._by_id.get(ref.quote_id)
            q = quotes[ref.index] if ref.index != USER_QUOTE else None
            start: int | None
            end: int | None
            if q is not None:
                text, start, end = q.text, q.start, q.end
            else:
                text, start, end = (a.text if a else ""), (a.start if a else None), (a.end if a else None)
            extracted = (text, start, end)
            if a is not None and a.span is not None:
                text, start, end = a.span.text, a.span.start, a.span.end
            assert meta is not None  # set with the first ref
            yield ReviewedQuote(
                ref=ref,
                article_id=meta.id,
                title=meta.title,
                date=meta.date,
                source=meta.source,
                url=meta.url,
                text=text,
                start=start,
                end=end,
                cue=q.cue.text if q is not None and q.cue else None,
                speaker_mention=q.speaker.text if q is not None and q.speaker else None,
                note=a.note if a else "",
                extracted_text=extracted[0],
                extracted_start=extracted[1],
                extracted_end=extracted[2],
            )

    # --- counts -----------------------------------------------------------------

    def speakers(self, top: int | None = None) -> list[SpeakerStat]:
        """Speakers by quotes as reviewed (rejected quotes not counted, corrected ones under
        their new speaker, added ones counted), most quotes first, then most articles.

        The index's counts, recounted (``refs(speaker=key)``) only for the speakers the
        review touched."""
        stats = {s.key: (s.name, s.n_quotes, s.n_articles) for s in self.index.speakers()}
        touched: set[str] = set()
        for qid, ref in self._annotated_refs().items():
            a = self._by_id[qid]
            if ref.speaker_key and (a.status == "rejected" or qid in self._moved) and ref.speaker_key in stats:
                touched.add(ref.speaker_key)  # (a speaker the lists leave out stays out)
        touched |= {key for key, _ in self._moved.values()}
        touched |= {self.resolve_speaker(a.speaker) for a in self._added if a.speaker}
        for key in touched:
            refs = self.refs(speaker=key)
            if refs:
                name = stats[key][0] if key in stats else (refs[0].speaker_name or key)
                stats[key] = (name, len(refs), len({r.row for r in refs}))
            else:
                stats.pop(key, None)
        ordered = sorted(stats.items(), key=lambda kv: (-kv[1][1], -kv[1][2], kv[1][0]))
        if top is not None:
            ordered = ordered[:top]
        return [SpeakerStat(k, name, n, arts) for k, (name, n, arts) in ordered]

    def quote_counts(self) -> QuoteCounts:
        """Total and per-kind counts of the reviewed quotes (rejected left out), per status."""
        ix = self.index
        counts = QuoteCounts(total=ix.n_quotes, by_kind=dict(ix.quotes_by_kind()))
        counts.by_status["unreviewed"] = ix.n_quotes
        extracted = self._annotated_refs()
        for qid, a in self._by_id.items():
            ref = extracted.get(qid)
            kind = ref.kind if ref is not None else None
            if a.user_added:
                if a.orphan or ix.row_of(a.article_id) is None:
                    continue
                kind = a.kind or "direct"
                counts.added += 1
                counts.total += 1
                counts.by_kind[kind] = counts.by_kind.get(kind, 0) + 1
                counts.by_status["unreviewed"] += 1
            elif kind is None:
                continue  # an orphan, or an article not in this corpus
            counts.by_status["unreviewed"] -= 1
            counts.by_status[a.status] = counts.by_status.get(a.status, 0) + 1
            counts.corrected += a.corrected
            if a.status == "rejected":
                counts.total -= 1
                counts.by_kind[kind] -= 1
        return counts

    # --- helpers ----------------------------------------------------------------

    def _annotated_refs(self) -> dict[str, QuoteRef]:
        """Quote id -> the extractor's ref of every annotated quote of this corpus."""
        ix = self.index
        rows = sorted(
            {r for r in (ix.row_of(a.article_id) for a in self._by_id.values() if not a.user_added) if r is not None}
        )
        if not rows:
            return {}
        return {r.quote_id: r for r in ix.quotes(rows=rows) if r.quote_id in self._by_id}


def _article_of(quote_id: str, article_id: str | None) -> str:
    from corpus.models import article_of

    return article_id or article_of(quote_id)


def _keeps(ref: ReviewedRef, status: str | None, tag: str | None, with_rejected: bool) -> bool:
    if ref.status == "rejected" and not with_rejected:
        return False
    if status is not None and ref.status != status:
        return False
    return tag is None or tag.casefold() in {t.casefold() for t in ref.tags}


__all__ = [
    "QuoteCounts",
    "ReviewedCorpus",
    "ReviewedQuote",
    "ReviewedRef",
    "USER_QUOTE",
]
