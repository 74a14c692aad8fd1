"""Repairing a damaged annotation store: the backup, plus every record still readable
in the damaged file (what ``quotelens store repair`` runs). Nothing is deleted: the
damaged file is kept as ``annotations.json.corrupt-<time>``."""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from store.annotations.history import Change, HistoryLog
from store.annotations.records import (
    PEOPLE_TABLE,
    STATE_TABLE,
    STORE_FILENAME,
    TABLE,
    default_who,
    history_path,
    lock_path,
    person_problem,
    record_problem,
)
from store.annotations.snapshot import Decoded, LineSnapshotCodec, plain_tables
from store.locking import DEFAULT_TIMEOUT, StoreLock
from store.safe_storage import (
    StoreCorrupt,
    StoreError,
    StoreWriteError,
    atomic_write_bytes,
    backup_path,
)


@dataclass
class RepairReport:
    path: Path
    action: str  # "ok" (nothing to repair), "restored", "salvaged", "merged", "empty"
    n_backup: int = 0  # records readable in the backup
    n_salvaged: int = 0  # records read back from the damaged file
    n_total: int = 0  # records in the repaired store
    corrupt_copy: Path | None = None  # where the damaged file was kept
    dry_run: bool = False
    n_invalid: int = 0  # records of the wrong shape set aside ("set aside")
    invalid_copy: Path | None = None  # the side file that keeps them

    def summary(self) -> str:
        if self.action == "ok":
            return f"{self.path} is fine ({self.n_total} annotations); nothing to repair."
        if self.action == "set aside":
            where = f"kept in {self.invalid_copy}" if self.invalid_copy else "would be kept in a side file"
            return (
                f"{self.path}: {self.n_invalid} record(s) of the wrong shape set aside ({where}); "
                f"{self.n_total} annotations remain."
            )
        verb = "would write" if self.dry_run else "wrote"
        kept = f"; the damaged file is kept as {self.corrupt_copy}" if self.corrupt_copy else ""
        return (
            f"{self.path}: {self.action} — {self.n_backup} annotations in the backup, {self.n_salvaged} salvaged "
            f"from the damaged file; {verb} {self.n_total}{kept}."
        )


_QUOTE_ID_KEY = re.compile(r'"quote_id":')


def salvage_records(raw: bytes) -> dict[str, dict[str, Any]]:
    """Annotation records that can still be read from a damaged store file.

    Every record holds its own ``"quote_id"``; for each occurrence the enclosing
    object is parsed (trying the nearest opening braces before it), so truncation
    or garbage elsewhere in the file does not matter. The newest copy of a record wins.
    """
    text = raw.decode("utf-8", errors="replace")
    decoder = json.JSONDecoder()
    out: dict[str, dict[str, Any]] = {}
    for m in _QUOTE_ID_KEY.finditer(text):
        pos = m.start()
        j = pos
        for _attempt in range(6):  # the record's '{' (a nested span object may come first)
            j = text.rfind("{", 0, j)
            if j < 0:
                break
            try:
                obj, end = decoder.raw_decode(text, j)
            except ValueError:
                continue
            if isinstance(obj, dict) and isinstance(obj.get("quote_id"), str) and end > pos:
                qid = obj["quote_id"]
                if qid not in out or (obj.get("updated") or "") >= (out[qid].get("updated") or ""):
                    out[qid] = obj
                break
    return out


def _records_of(tables: Mapping[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {k: v for k, v in (tables.get(TABLE) or {}).items() if isinstance(v, dict)}


def _meta(token: str, journal: int | None) -> dict[str, Any]:
    """A snapshot's meta record: a new base (readers re-read it); ``journal``: the history offset
    it folds in (None: all of the history)."""
    meta: dict[str, Any] = {"token": token, "base": secrets.token_hex(8)}
    if journal is not None:
        meta["journal"] = journal
    return meta


CODEC = LineSnapshotCodec({TABLE: record_problem, PEOPLE_TABLE: person_problem})


def _set_aside_invalid(path: Path, decoded: Decoded | None, *, dry_run: bool) -> RepairReport:
    """Move the records of the wrong shape out of a readable store into a side file (call with the
    lock). Reads every record (:class:`StoreCorrupt` when a part of the file's index is damaged)."""
    tables = decoded.tables if decoded is not None else {}
    bad: dict[str, dict[str, Any]] = {}
    for name in (TABLE, PEOPLE_TABLE):
        table = tables.get(name)
        if table is None:
            continue
        problems = table.invalid()  # type: ignore[attr-defined]  # a LazyTable (the codec's)
        found = {k: {"record": table.bad_record(k), "problem": p} for k, p in problems.items()}  # type: ignore[attr-defined]
        if found:
            bad[name] = found
    n_bad = sum(len(v) for v in bad.values())
    n_good = len(tables.get(TABLE) or {})
    if not n_bad:
        return RepairReport(path, "ok", n_total=n_good, dry_run=dry_run)
    report = RepairReport(path, "set aside", n_total=n_good, n_invalid=n_bad, dry_run=dry_run)
    if dry_run:
        return report
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    side = path.with_name(f"{path.name}.invalid-{stamp}.json")
    atomic_write_bytes(side, orjson.dumps(bad, option=orjson.OPT_INDENT_2), keep_backup=False)
    for name, found in bad.items():
        for key in found:
            del tables[name][key]
    assert decoded is not None
    meta = _meta(secrets.token_hex(16), decoded.meta.get("journal"))
    atomic_write_bytes(path, CODEC.encode(meta, tables, path).payload, keep_backup=True)
    report.invalid_copy = side
    return report


def repair_store(
    path: str | os.PathLike[str], mode: str = "auto", *, dry_run: bool = False, lock_timeout: float = DEFAULT_TIMEOUT
) -> RepairReport:
    """Repair a store file that cannot be parsed.

    ``mode``: ``"auto"`` (the backup, plus every record salvaged from the damaged
    file that is newer), ``"backup"`` (the backup only) or ``"salvage"`` (only what
    can be read from the damaged file). The damaged file is first copied to
    ``annotations.json.corrupt-<time>``; nothing is deleted.
    """
    if mode not in ("auto", "backup", "salvage"):
        raise ValueError("mode must be auto, backup or salvage")
    path = Path(path)
    if path.is_dir():
        path = path / STORE_FILENAME
    bak = backup_path(path)
    lock = StoreLock(lock_path(path), timeout=lock_timeout)
    with lock():
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raw = None
        empty_but_backup = raw is not None and not raw.strip() and bak.exists() and bak.stat().st_size > 0
        if raw is not None and not empty_but_backup:
            try:
                report = _set_aside_invalid(path, CODEC.decode(raw, path), dry_run=dry_run)
            except StoreCorrupt:
                pass  # not readable: restore and salvage below
            else:
                if report.invalid_copy is not None:
                    _note_in_history(path, report)
                return report
        backup_records: dict[str, dict[str, Any]] = {}
        journal_offset: int | None = None
        other_tables: dict[str, Any] = {}  # people and settings come back from the backup
        if mode in ("auto", "backup") and bak.exists():
            try:
                backup = CODEC.decode(bak.read_bytes(), bak)
                backup_data = plain_tables(backup)
                # the history lines after the backup's fold are replayed on top of it at the next open
                journal_offset = backup.meta.get("journal") if backup is not None else None
                backup_records = _records_of(backup_data)
                other_tables = {k: v for k, v in backup_data.items() if k in (PEOPLE_TABLE, STATE_TABLE)}
            except StoreCorrupt:
                if mode == "backup":
                    raise StoreError(f"The backup {bak} cannot be read either; try `--salvage`.") from None
        elif mode == "backup":
            raise StoreError(f"There is no backup ({bak}); try `--salvage`.")
        salvaged = salvage_records(raw) if (raw and mode in ("auto", "salvage")) else {}
        merged = dict(backup_records)
        for qid, rec in salvaged.items():
            if qid not in merged or (rec.get("updated") or "") >= (merged[qid].get("updated") or ""):
                merged[qid] = rec
        action = (
            "merged"
            if backup_records and salvaged
            else "restored"
            if backup_records
            else "salvaged"
            if salvaged
            else "empty"
        )
        report = RepairReport(path, action, len(backup_records), len(salvaged), len(merged), dry_run=dry_run)
        if dry_run:
            return report
        if raw is not None:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            copy = path.with_name(f"{path.name}.corrupt-{stamp}")
            atomic_write_bytes(copy, raw, keep_backup=False)
            report.corrupt_copy = copy
        tables = {name: CODEC.table(name, rows) for name, rows in {TABLE: merged, **other_tables}.items()}
        payload = CODEC.encode(_meta(secrets.token_hex(16), journal_offset), dict(tables), path).payload
        atomic_write_bytes(path, payload, keep_backup=False)  # keep the good .bak as it is
        _note_in_history(path, report)
    return report


def _note_in_history(path: Path, report: RepairReport) -> None:
    note = Change.new(
        who=default_who(), source="repair", session=secrets.token_hex(4), op="repair", label=report.summary()
    )
    try:
        HistoryLog(history_path(path)).append(note)
    except StoreWriteError:
        pass  # the repair itself is done; only its history line is missing
