"""Export quotes with their annotations and article metadata (JSONL or CSV).

``export_rows(workspace, store, tag=None, status=None, annotated=False)`` yields
one flat dict per quote: every extractor quote of the corpus (annotated or
not), then the quotes the user added and the orphaned annotations (whose quote
is no longer extracted; kept, flagged ``orphan``). ``write_jsonl`` and
``write_csv`` write them; the CSV is UTF-8 with a byte-order mark, one header
row, quoted multi-line cells and formula-looking cells neutralised, so it opens
cleanly in Excel, LibreOffice and Google Sheets.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import IO, Any

import orjson

from store.annotations import Annotation, AnnotationStore

FIELDS = (
    "quote_id",
    "article_id",
    "title",
    "date",
    "source",
    "url",
    "kind",
    "text",
    "start",
    "end",
    "speaker_name",
    "speaker",
    "speaker_gender",
    "speaker_gender_source",
    "cue",
    "status",
    "tags",
    "note",
    "corrected_speaker",
    "corrected_start",
    "corrected_end",
    "corrected_text",
    "user_added",
    "orphan",
    "annotated_at",
    "annotated_by",
)


def _meta(workspace: Any, article_id: str, cache: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if article_id not in cache:
        meta: dict[str, Any] = {"title": None, "date": None, "source": None, "url": None}
        row = workspace.index.row_of(article_id) if workspace is not None else None
        if row is not None:
            m = workspace.article_meta(row)
            meta = {"title": m.title, "date": m.date, "source": m.source, "url": m.url}
        cache[article_id] = meta
    return cache[article_id]


def _annotation_fields(a: Annotation | None) -> dict[str, Any]:
    if a is None:
        return {
            "status": "unreviewed",
            "tags": [],
            "note": "",
            "corrected_speaker": None,
            "corrected_start": None,
            "corrected_end": None,
            "corrected_text": None,
            "user_added": False,
            "orphan": False,
            "annotated_at": None,
            "annotated_by": None,
        }
    return {
        "status": a.status,
        "tags": list(a.tags),
        "note": a.note,
        "corrected_speaker": a.speaker,
        "corrected_start": a.span.start if a.span else None,
        "corrected_end": a.span.end if a.span else None,
        "corrected_text": a.span.text if a.span else None,
        "user_added": a.user_added,
        "orphan": a.orphan,
        "annotated_at": a.updated or None,
        "annotated_by": a.by or None,
    }


def _keep(a: Annotation | None, tag: str | None, status: str | None, annotated: bool) -> bool:
    if annotated and a is None:
        return False
    if status is not None and (a.status if a else "unreviewed") != status:
        return False
    if tag is not None and (a is None or tag.casefold() not in {t.casefold() for t in a.tags}):
        return False
    return True


def export_rows(
    workspace: Any,
    store: AnnotationStore,
    *,
    tag: str | None = None,
    status: str | None = None,
    annotated: bool = False,
) -> Iterator[dict[str, Any]]:
    """Quotes with annotations and article metadata (see the module docstring)."""
    from store.people import SpeakerGenders

    by_id = {a.quote_id: a for a in store.all()}
    genders = SpeakerGenders(workspace, store.person_overrides())  # speaker's gender, corrections applied
    seen: set[str] = set()
    metas: dict[str, dict[str, Any]] = {}
    only_annotated = annotated or tag is not None or (status is not None and status != "unreviewed")
    if workspace is not None:
        if only_annotated:
            quotes = _annotated_quotes(workspace, by_id)
        else:
            quotes = ((m.id, m, q) for m, q in workspace.iter_quotes())
        for article_id, meta, q in quotes:
            a = by_id.get(q.id)
            seen.add(q.id)
            if not _keep(a, tag, status, annotated):
                continue
            if meta is not None:
                metas.setdefault(
                    article_id, {"title": meta.title, "date": meta.date, "source": meta.source, "url": meta.url}
                )
            row = {
                "quote_id": q.id,
                "article_id": article_id,
                **_meta(workspace, article_id, metas),
                "kind": q.kind,
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "speaker_name": q.speaker_name,
                "speaker": q.speaker.text if q.speaker else None,
                **genders.fields(article_id, q.speaker_key, a.speaker if a else None),
                "cue": q.cue.text if q.cue else None,
                **_annotation_fields(a),
            }
            yield row
    for a in sorted(by_id.values(), key=lambda x: (x.article_id, x.start or 0, x.quote_id)):
        if a.quote_id in seen or not _keep(a, tag, status, annotated):
            continue
        yield {
            "quote_id": a.quote_id,
            "article_id": a.article_id,
            **_meta(workspace, a.article_id, metas),
            "kind": a.kind,
            "text": a.text,
            "start": a.start,
            "end": a.end,
            "speaker_name": None,
            "speaker": None,
            **genders.fields(a.article_id, None, a.speaker),
            "cue": None,
            **_annotation_fields(a),
            # a quote id the current analysis does not have is an orphan even if not yet flagged
            "orphan": a.orphan or (workspace is not None and not a.user_added),
        }


def _annotated_quotes(workspace: Any, by_id: dict[str, Annotation]) -> Iterator[tuple[str, Any, Any]]:
    articles = sorted({a.article_id for a in by_id.values()})
    for article_id in articles:
        try:
            analysis = workspace.analysis(article_id)
        except (KeyError, LookupError):
            continue
        for q in analysis.quotes:
            if q.id in by_id:
                yield article_id, None, q


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    n = 0
    for row in rows:
        out.write(orjson.dumps(row) + b"\n")
        n += 1
    return n


_FORMULA_START = ("=", "+", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A spreadsheet-safe cell: lists joined with '; ', formula-looking text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value:
        if value.startswith(_FORMULA_START) or (value[0] == "-" and len(value) > 1 and not value[1].isspace()):
            return "'" + value
    return value


def write_csv(rows: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    """CSV for spreadsheets: UTF-8 with BOM, CRLF rows, every field quoted when needed."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=FIELDS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in FIELDS})
        n += 1
    text.flush()
    text.detach()
    return n


__all__ = ["FIELDS", "export_rows", "write_csv", "write_jsonl"]
