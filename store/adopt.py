"""Adopting a nested store: one review per folder tree, whichever folder was opened.

A store found inside (or between the opened path and) the workspace root (see
:func:`store.paths.locate`) was made when a sub-folder was opened on its own, by an
earlier quotelens or before the parent had a store. Adopting it:

1. its analyses (and texts, failures, model keys) are copied into the workspace's
   cache, so nothing is analysed twice (the cache is keyed by content);
2. its annotations are re-keyed to the workspace's article ids and merged into the
   workspace's annotation file. An old article id is mapped **by content**: the nested
   store's corpus snapshots give the text hash of each of its article ids, and the
   article with that text in the opened corpus gives the new id (an article whose text
   occurs several times prefers the one at the same path). An article not in the opened
   corpus is re-keyed by its path (``x.txt`` of ``politics/`` becomes ``politics/x.txt``);
   a JSONL/CSV record keeps its id. When the workspace already has an annotation for the
   same quote, the two are merged (tags united, notes joined, the newer status and
   corrections win; :func:`store.anchoring.merge_records`);
3. the nested store folder is renamed ``.quotelens.adopted-<time>`` (nothing is deleted),
   so opening the sub-folder again walks up to the workspace and finds the same review.

The nested store's annotation lock is held while its file is read and renamed, so a
process saving into it at that moment finishes first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.models import article_of
from corpus.wording import plural
from store.anchoring import merge_records
from store.cache import CACHE_FILE, AnalysisCache, AnalysisRow, Facets, unpack_payload
from store.columns import NO_LINE, load_table
from store.locking import StoreLock
from store.paths import STORE_FILENAME, is_store
from store.safe_storage import StoreError

if TYPE_CHECKING:
    from store.annotations import AnnotationStore

ADOPTED_SUFFIX = ".adopted-"


@dataclass(frozen=True, slots=True)
class Adoption:
    """What adopting one nested store did (``message()`` says it to the user)."""

    store: Path
    moved_to: Path | None
    analyses: int
    annotations: int
    merged: int

    def message(self) -> str:
        where = f"kept as {self.moved_to}" if self.moved_to else "left in place (it could not be renamed)"
        merged = f" ({self.merged:,} merged with this workspace's)" if self.merged else ""
        return (
            f"Adopted the store {self.store}: {plural(self.annotations, 'annotation')}{merged} and "
            f"{self.analyses:,} {'analysis' if self.analyses == 1 else 'analyses'} moved into "
            f"this workspace; the old store is {where}."
        )


def copy_analyses(source: Path, cache: AnalysisCache) -> int:
    """Copy the analyses of the cache in ``source`` that ``cache`` lacks; how many were copied."""
    path = source / CACHE_FILE
    try:
        src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return 0  # gone (adopted by another process just now) or unreadable: analysed again
    try:
        have = set(cache.connection.execute("SELECT hash, akey FROM analyses"))
        by_key: dict[str, list[AnalysisRow]] = {}
        rows = src.execute("SELECT a.hash, a.akey, a.payload, t.z FROM analyses a LEFT JOIN texts t ON t.hash = a.hash")
        for h, akey, payload, ztext in rows:
            if (h, akey) in have:
                continue
            facets = Facets.of(unpack_payload(payload))
            by_key.setdefault(akey, []).append(AnalysisRow(h, payload, facets, ztext))
        copied = 0
        for akey, batch in by_key.items():
            cache.put_batch(akey, batch)
            copied += len(batch)
        for fingerprint, akey in src.execute("SELECT fingerprint, akey FROM model_keys"):
            if cache.model_key(fingerprint) is None:
                cache.remember_model_key(fingerprint, akey)
        return copied
    except sqlite3.DatabaseError:
        return 0  # a damaged cache is not adopted: its articles are analysed again
    finally:
        src.close()


def snapshot_articles(source: Path) -> dict[str, tuple[str, bool]]:
    """Article id → (text hash, is a .txt file) from every corpus snapshot in ``source``'s cache."""
    path = source / CACHE_FILE
    out: dict[str, tuple[str, bool]] = {}
    import orjson

    try:
        src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return out
    try:
        for (blob,) in src.execute("SELECT columns FROM corpora ORDER BY updated"):
            # the columns themselves (older stores), or a reference to the article table's files
            table = load_table(source, orjson.loads(blob))
            if table is None:
                continue
            lines = table["line"]
            for i, (aid, h) in enumerate(zip(table["id"], table["hash"], strict=False)):
                line = lines[i]
                out[aid] = (h, line is None or line == NO_LINE)
    except (sqlite3.DatabaseError, KeyError, TypeError, ValueError, OSError):
        pass  # an unreadable snapshot: its annotations are re-keyed by path alone
    finally:
        src.close()
    return out


def article_id_map(
    old: Mapping[str, tuple[str, bool]], ids: Sequence[str], hashes: Sequence[str], rel: str
) -> dict[str, str]:
    """Old article id → new: by content first, else by path (``rel`` joined) for a .txt file."""
    by_hash: dict[str, list[str]] = {}
    for aid, h in zip(ids, hashes, strict=False):
        by_hash.setdefault(h, []).append(aid)
    out: dict[str, str] = {}
    for old_id, (h, is_txt) in old.items():
        by_path = f"{rel}/{old_id}" if rel and is_txt else old_id
        same = by_hash.get(h)
        if same:
            out[old_id] = by_path if by_path in same else same[0]
        else:
            out[old_id] = by_path
    return out


def rekey(record: Mapping[str, Any], new_article: str) -> dict[str, Any]:
    """``record`` with its quote id and article id moved to ``new_article``."""
    rec = dict(record)
    qid = str(rec["quote_id"])
    old_article = rec.get("article_id") or article_of(qid)
    suffix = qid[len(old_article) :] if qid.startswith(old_article) else qid[len(article_of(qid)) :]
    rec.update(quote_id=f"{new_article}{suffix}", article_id=new_article)
    return rec


def _relative(store: Path, root: Path) -> str:
    folder = store.parent.resolve()
    if folder == root:
        return ""
    try:
        return folder.relative_to(root).as_posix()
    except ValueError:
        return ""


def adopt_store(
    nested: Path,
    root: Path,
    cache: AnalysisCache,
    annotations: AnnotationStore,
    ids: Sequence[str],
    hashes: Sequence[str],
    copied: int = 0,
) -> Adoption | None:
    """Adopt the store folder ``nested`` into the workspace (see the module docstring);
    None when another process adopted it first (nothing left to do).

    ``copied``: analyses already copied by an earlier ``copy_analyses`` (before an ingest)."""

    analyses = copied + copy_analyses(nested, cache)
    rel = _relative(nested, root)
    mapping = article_id_map(snapshot_articles(nested), ids, hashes, rel)
    n = merged = 0
    moved: Path | None = None
    try:
        lock = StoreLock(nested / (STORE_FILENAME + ".lock"))
        with lock():
            if not is_store(nested):
                return None  # adopted (renamed) by another process while this one waited
            n, merged = _merge_annotations(nested, annotations, mapping, rel)
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            target = nested.with_name(nested.name + ADOPTED_SUFFIX + stamp)
            try:
                nested.rename(target)
                moved = target
            except OSError:
                moved = None
    except (FileNotFoundError, StoreError):
        if nested.exists():
            raise
        return None  # the folder went away before its lock could be taken: adopted elsewhere
    return Adoption(nested, moved, analyses, n, merged)


def _merge_annotations(
    nested: Path, annotations: AnnotationStore, mapping: Mapping[str, str], rel: str
) -> tuple[int, int]:
    """Import the annotations of ``nested`` re-keyed; (how many, how many merged)."""
    from store.annotations import AnnotationStore

    records: list[dict[str, Any]] = []
    if (nested / STORE_FILENAME).is_file():
        child = AnnotationStore(nested / STORE_FILENAME, source="adopt")
        try:
            for ann in child.all():
                old_article = ann.article_id
                new_article = mapping.get(old_article) or (f"{rel}/{old_article}" if rel else old_article)
                records.append(rekey(ann.to_dict(), new_article))
        finally:
            child.close()
    if not records:
        return 0, 0
    final: list[dict[str, Any]] = []
    merged = 0
    for rec in records:
        existing = annotations.get(rec["quote_id"])
        if existing is not None:
            rec = {**rec, **merge_records(existing.to_dict(), rec)}
            merged += 1
        final.append(rec)
    return annotations.import_records(final, op="adopt"), merged


__all__ = ["Adoption", "adopt_store", "article_id_map", "copy_analyses", "rekey", "snapshot_articles"]
