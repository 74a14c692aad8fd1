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
    STORE_FILENAME,
    TABLE,
    default_who,
    history_path,
    lock_path,
    person_problem,
    record_problem,
)
from store.locking import DEFAULT_TIMEOUT, StoreLock
from store.safe_storage import (
    FORMAT_VERSION,
    META_TABLE,
    SnapshotHead,
    StoreCorrupt,
    StoreError,
    StoreWriteError,
    atomic_write_bytes,
    backup_path,
    parse_store_bytes,
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


def _records_of(data: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    table = (data or {}).get(TABLE) or {}
    return {k: v for k, v in table.items() if isinstance(v, dict)}


def _meta(token: str, journal: int | None) -> dict[str, Any]:
    """A snapshot's meta record: a new base (readers re-read it); ``journal``: the history offset
    it folds in (None: all of the history)."""
    meta: dict[str, Any] = {"token": token, "base": secrets.token_hex(8), "format": FORMAT_VERSION}
    if journal is not None:
        meta["journal"] = journal
    return meta


def _set_aside_invalid(path: Path, data: dict[str, Any], *, dry_run: bool) -> RepairReport:
    """Move the records of the wrong shape out of a readable store into a side file (call with the lock)."""
    bad: dict[str, dict[str, Any]] = {}
    for table, check in ((TABLE, record_problem), (PEOPLE_TABLE, person_problem)):
        rows = data.get(table) or {}
        found = {k: {"record": v, "problem": p} for k, v in rows.items() if (p := check(k, v)) is not None}
        if found:
            bad[table] = found
    n_bad = sum(len(v) for v in bad.values())
    n_good = len(data.get(TABLE) or {}) - len(bad.get(TABLE, {}))
    if not n_bad:
        return RepairReport(path, "ok", n_total=n_good, dry_run=dry_run)
    report = RepairReport(path, "set aside", n_total=n_good, n_invalid=n_bad, dry_run=dry_run)
    if dry_run:
        return report
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    side = path.with_name(f"{path.name}.invalid-{stamp}.json")
    atomic_write_bytes(side, orjson.dumps(bad, option=orjson.OPT_INDENT_2), keep_backup=False)
    cleaned = {name: dict(rows) for name, rows in data.items() if name != META_TABLE}
    for table, found in bad.items():
        for key in found:
            cleaned[table].pop(key, None)
    cleaned[META_TABLE] = {
        "1": _meta(secrets.token_hex(16), ((data.get(META_TABLE) or {}).get("1") or {}).get("journal"))
    }
    cleaned = {META_TABLE: cleaned.pop(META_TABLE), **cleaned}  # the token first (see SafeJSONStorage)
    atomic_write_bytes(path, orjson.dumps(cleaned), keep_backup=True)
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
                data = parse_store_bytes(raw, path)
            except StoreCorrupt:
                data = None
            else:
                report = _set_aside_invalid(path, data or {}, dry_run=dry_run)
                if report.invalid_copy is not None:
                    _note_in_history(path, report)
                return report
        backup_records: dict[str, dict[str, Any]] = {}
        journal_offset: int | None = None
        other_tables: dict[str, Any] = {}  # people and settings come back from the backup
        if mode in ("auto", "backup") and bak.exists():
            try:
                bak_raw = bak.read_bytes()
                backup_data = parse_store_bytes(bak_raw, bak) or {}
                # the history lines after the backup's fold are replayed on top of it at the next open
                journal_offset = SnapshotHead.of(bak_raw[:200]).journal
                backup_records = _records_of(backup_data)
                other_tables = {k: v for k, v in backup_data.items() if k not in (TABLE, META_TABLE)}
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
        token = secrets.token_hex(16)
        payload = orjson.dumps(
            {
                META_TABLE: {"1": _meta(token, journal_offset)},
                TABLE: merged,
                **other_tables,
            }
        )
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
