"""Export quotes with their annotations and article metadata (JSONL or CSV).

``export_rows(workspace, store, tag=None, status=None, annotated=False)`` yields
one flat dict per quote, as reviewed (``store.reviewed``): every extractor quote of
the corpus (annotated or not, rejected ones included and flagged by ``status``) and
the quotes the user added, then the orphaned annotations (whose quote is no longer
extracted; kept, flagged ``orphan``). The last column, ``speaker``, is the speaker
as reviewed: the corrected one when there is one (``speaker_name`` is the
extractor's, ``speaker_mention`` its words in the text).

``write_jsonl`` and ``write_csv`` write them; the CSV is UTF-8 with a byte-order
mark, one header row, quoted multi-line cells and formula-looking cells neutralised,
so it opens cleanly in Excel, LibreOffice and Google Sheets (``quotelens quotes
--format csv`` writes through it too). ``AtomicOutput`` writes a file through a
random, exclusive temporary file in the target folder, moved in place at the end.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import orjson

from store.annotations import Annotation, AnnotationStore
from store.reviewed import ReviewedCorpus, ReviewedQuote, ReviewedRef

if TYPE_CHECKING:
    from store.people import SpeakerGenders
    from store.workspace import Workspace

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
    "speaker_mention",
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
    "speaker_gender",  # of ``speaker``, as the article presents them (store.people), corrections applied
    "speaker_gender_source",
    # Last, as issue 14 asks: the speaker a reader of the sheet should count (the correction when there
    # is one, else the resolved name), where a spreadsheet user finds it without scrolling through the rest.
    "speaker",
)


def _meta(workspace: Workspace | None, article_id: str) -> dict[str, Any]:
    row = workspace.index.row_of(article_id) if workspace is not None else None
    if row is None:
        return {"title": None, "date": None, "source": None, "url": None}
    m = workspace.article_meta(row)  # type: ignore[union-attr]  # row is None without a workspace
    return {"title": m.title, "date": m.date, "source": m.source, "url": m.url}


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


def export_rows(
    workspace: Workspace | None,
    store: AnnotationStore,
    *,
    tag: str | None = None,
    status: str | None = None,
    annotated: bool = False,
) -> Iterator[dict[str, Any]]:
    """Quotes with annotations and article metadata (see the module docstring)."""
    from store.people import SpeakerGenders

    by_id = {a.quote_id: a for a in store.all()}
    genders = SpeakerGenders(workspace, store.person_overrides())
    seen: set[str] = set()
    if workspace is not None:
        reviewed = ReviewedCorpus(workspace.index, store)
        rows = None
        if annotated or tag is not None or (status is not None and status != "unreviewed"):
            # only annotated quotes can match: read only their articles
            found = (workspace.index.row_of(a.article_id) for a in by_id.values())
            rows = sorted({r for r in found if r is not None})
        refs = reviewed.refs(status=status, tag=tag, rows=rows, include_rejected=True)
        for rq in reviewed.quotes(refs, workspace):
            a = by_id.get(rq.ref.quote_id)
            seen.add(rq.ref.quote_id)
            if annotated and a is None:
                continue
            yield _reviewed_row(rq, a, genders)
    for a in sorted(by_id.values(), key=lambda x: (x.article_id, x.start or 0, x.quote_id)):
        if a.quote_id in seen or not _keep(a, tag, status):
            continue
        if workspace is not None and not workspace.covers(a.article_id):
            continue  # another folder of the workspace, not opened now
        yield {
            "quote_id": a.quote_id,
            "article_id": a.article_id,
            **_meta(workspace, a.article_id),
            "kind": a.kind,
            "text": a.text,
            "start": a.start,
            "end": a.end,
            "speaker_name": None,
            "speaker_mention": None,
            "cue": None,
            **_annotation_fields(a),
            # a quote id the current analysis does not have is an orphan even if not yet flagged
            "orphan": a.orphan or (workspace is not None and not a.user_added),
            "speaker": a.speaker,
            **genders.fields(a.article_id, None, a.speaker),
        }


def _reviewed_row(rq: ReviewedQuote, a: Annotation | None, genders: SpeakerGenders) -> dict[str, Any]:
    """The export row of one quote of the index, as reviewed (``FIELDS``)."""
    ref = rq.ref
    return {
        **rq.identity(),
        # the extractor's quote (a corrected span is in corrected_*)
        "text": rq.extracted_text,
        "start": rq.extracted_start,
        "end": rq.extracted_end,
        "speaker_name": ref.extracted_speaker,
        "speaker_mention": rq.speaker_mention,
        "cue": rq.cue,
        **_annotation_fields(a),
        "speaker": ref.speaker_name,
        **genders.fields(rq.article_id, ref.speaker_key, None),
    }


def rows_of(
    workspace: Workspace, store: AnnotationStore, reviewed: ReviewedCorpus, refs: Sequence[ReviewedRef]
) -> Iterator[dict[str, Any]]:
    """The export rows (``FIELDS``) of the quotes ``refs`` (from ``reviewed``), in order: ``quotelens
    quotes --format csv`` writes the CSV of ``export`` for the quotes it lists."""
    from store.people import SpeakerGenders

    by_id = {a.quote_id: a for a in store.all()}
    genders = SpeakerGenders(workspace, store.person_overrides())
    for rq in reviewed.quotes(refs, workspace):
        yield _reviewed_row(rq, by_id.get(rq.ref.quote_id), genders)


def _keep(a: Annotation, tag: str | None, status: str | None) -> bool:
    if status is not None and a.status != status:
        return False
    return tag is None or tag.casefold() in {t.casefold() for t in a.tags}


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


def write_csv(rows: Iterable[dict[str, Any]], out: IO[bytes], fields: Sequence[str] = FIELDS) -> int:
    """CSV for spreadsheets: UTF-8 with BOM, CRLF rows, every field quoted when needed,
    formula-looking cells neutralised. ``fields``: the columns, in order."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=list(fields), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in fields})
        n += 1
    text.flush()
    text.detach()
    return n


def _umask() -> int:
    """The process's umask, read without changing it (``os.umask`` sets it, process-wide, while another
    thread may be creating a file); 0o022 when /proc does not say."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def _mode_for(path: Path) -> int:
    """The mode of an exported file: the replaced file's, else a new file's under the user's umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


class AtomicOutput:
    """A binary file written through a temporary file in the target's folder and moved in
    place by ``commit()`` (``abort()`` removes it). The temporary name is random and
    created exclusively (``O_EXCL``, never following a symlink), so a file or symlink
    planted at a guessable name is never written through."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent or ".")
        self.tmp = Path(tmp)
        self.fh: IO[bytes] = os.fdopen(fd, "wb")

    def commit(self) -> None:
        self.fh.flush()
        # the temporary file is 0600; the export is a file the user saves, readable as any other
        os.fchmod(self.fh.fileno(), _mode_for(self.path))
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.fh.close()
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


__all__ = ["FIELDS", "AtomicOutput", "export_rows", "write_csv", "write_jsonl"]
