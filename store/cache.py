"""The analysis cache: one SQLite file (WAL) at ``<store>/analysis.sqlite``.

What it holds, and why it is shaped so:

- ``analyses`` — one row per (content hash, analysis key): the zlib'd orjson of
  ``Analysis.to_dict()`` (quote ids relative to article ``""``; ``for_article``
  gives them their article). Two articles with one text share a row.
- ``facets`` — per analysis, the compact arrays the index is built from, as raw
  bytes (int32 form ids and mention counts, uint8 quote kinds, int32 speaker key
  ids) plus word and quote counts and the quote-id suffixes. Kept apart from the
  payloads so that opening a corpus scans small rows only.
- ``keys`` / ``forms`` — the vocabulary the facets point into: an entity or speaker
  key (``entity_key`` of the canonical name) with its display name and name tokens,
  and a form = (key, label, surface text) for "variants" and "labels seen".
- ``texts`` — zlib'd article texts by content hash (so ``Workspace.article`` does
  not re-read corpus files), ``docs`` + ``fts`` — an FTS5 (contentless) index over
  title and text, one doc per distinct (text, title).
- ``failures`` — articles the NLP could not analyse, so a re-run reports them
  without retrying (``retry_failed`` retries).
- ``corpora`` — per opened corpus: the file manifest (path, size, mtime) and the
  article table as a columnar blob, so re-opening an unchanged corpus neither
  reads nor hashes its files.
- ``model_keys`` — memo of the analysis key of a model (name, meta.json stamp,
  extractor version), so a fully cached corpus opens without loading spaCy.

Every ingest batch is one transaction: a Ctrl-C or ``kill -9`` mid-ingest leaves
the finished batches, and the next run resumes from there.

(A little over 500 lines: the schema and every query on it are one job; opening the file
safely, its errors and repair are in :mod:`store.cache_files`.)
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import threading
import time
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from corpus.models import QUOTE_KINDS, Analysis, entity_key, name_tokens
from store.cache_files import CacheError, cache_reason, connect, is_transient, set_aside
from store.paths import CACHE_FILENAME

CACHE_FILE = CACHE_FILENAME
SCHEMA_VERSION = "1"
KIND_CODES = {kind: i for i, kind in enumerate(QUOTE_KINDS)}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS analyses(
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL,
    akey TEXT NOT NULL,
    payload BLOB NOT NULL,
    UNIQUE(hash, akey)
);
CREATE TABLE IF NOT EXISTS facets(
    id INTEGER PRIMARY KEY,            -- = analyses.id
    akey TEXT NOT NULL,
    n_words INTEGER NOT NULL,
    n_quotes INTEGER NOT NULL,
    ent_forms BLOB NOT NULL,           -- int32 form ids, one per distinct form in the article
    ent_counts BLOB NOT NULL,          -- int32 mentions of each form
    q_kinds BLOB NOT NULL,             -- uint8 index into QUOTE_KINDS, one per quote in order
    q_speakers BLOB NOT NULL,          -- int32 key id of each quote's speaker, -1 when unattributed
    q_ids TEXT NOT NULL                -- quote id suffixes ("#<hash>[.n]"), newline separated
);
CREATE INDEX IF NOT EXISTS facets_akey ON facets(akey);
CREATE TABLE IF NOT EXISTS keys(
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    norm TEXT NOT NULL,                -- name tokens without honorifics, space separated
    ntok INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS labels(id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS forms(
    id INTEGER PRIMARY KEY,
    key_id INTEGER NOT NULL,
    label_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE(key_id, label_id, text)
);
CREATE TABLE IF NOT EXISTS texts(hash TEXT PRIMARY KEY, z BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS docs(id INTEGER PRIMARY KEY, hash TEXT NOT NULL, title TEXT NOT NULL, UNIQUE(hash, title));
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, body, content='', tokenize='unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS failures(
    hash TEXT NOT NULL, akey TEXT NOT NULL, article_id TEXT NOT NULL, message TEXT NOT NULL,
    PRIMARY KEY(hash, akey)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS corpora(
    ckey TEXT PRIMARY KEY,
    manifest BLOB NOT NULL,
    akey TEXT,
    columns BLOB NOT NULL,
    problems BLOB NOT NULL,
    n_files INTEGER NOT NULL,
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS model_keys(fingerprint TEXT PRIMARY KEY, akey TEXT NOT NULL) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True)
class Facets:
    """What the index needs of one analysis; made in the worker, interned in the parent."""

    n_words: int
    forms: list[tuple[str, str, str, str, int]]  # (key, name, label, text, mentions)
    quotes: list[tuple[int, str | None, str | None]]  # (kind code, speaker key, speaker name)
    q_ids: str

    @classmethod
    def of(cls, analysis: Analysis) -> Facets:
        counts: dict[tuple[str, str, str], list[Any]] = {}
        for e in analysis.entities:
            if not e.key:
                continue
            slot = counts.get((e.key, e.label, e.text))
            if slot is None:
                counts[(e.key, e.label, e.text)] = [e.name, 1]
            else:
                slot[1] += 1
        forms = [(k, v[0], label, text, v[1]) for (k, label, text), v in counts.items()]
        quotes = []
        for q in analysis.quotes:
            key = q.speaker_key
            if not key and q.speaker_name:
                key = entity_key(q.speaker_name) or None
            quotes.append((KIND_CODES.get(q.kind, 0), key, q.speaker_name))
        return cls(analysis.n_words, forms, quotes, "\n".join(q.id for q in analysis.quotes))

    def to_tuple(self) -> tuple:
        return (self.n_words, self.forms, self.quotes, self.q_ids)

    @classmethod
    def from_tuple(cls, data: Sequence[Any]) -> Facets:
        return cls(int(data[0]), [tuple(f) for f in data[1]], [tuple(q) for q in data[2]], data[3])


@dataclass(frozen=True, slots=True)
class AnalysisRow:
    """One finished analysis as a worker hands it back (see ``store.shard``)."""

    hash: str
    payload: bytes  # zlib(orjson(Analysis.to_dict()))
    facets: Facets
    ztext: bytes | None = None  # zlib(text), when the text is not stored yet


def _name_order(name: str) -> tuple[bool, str]:
    """Which spelling of a key to display: capitalised first, then the first in code order."""
    return (not name[:1].isupper(), name)


def pack_payload(analysis: Analysis) -> bytes:
    return zlib.compress(orjson.dumps(analysis.to_dict()), 1)


def unpack_payload(blob: bytes) -> Analysis:
    return Analysis.from_dict(orjson.loads(zlib.decompress(blob)))


class AnalysisCache:
    """The SQLite cache of one store folder. Thread-safe (one connection per thread)."""

    def __init__(self, store_dir: str | Path) -> None:
        self.store_dir = Path(store_dir)
        self.path = self.store_dir / CACHE_FILE
        self.notices: list[str] = []  # what the user should be told (a damaged cache set aside …)
        self.mode = "rw"  # "ro" / "immutable" when the cache cannot be written: reading still works
        self._local = threading.local()
        self._key_ids: dict[str, int] = {}
        self._key_names: dict[str, str] = {}
        self._label_ids: dict[str, int] = {}
        self._form_ids: dict[tuple[int, int, str], int] = {}
        try:
            self.store_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(self.path, exc, "create") from exc
        try:
            self._create_schema_when_free()
        except CacheError as exc:
            self.close()
            if exc.damaged:
                kept = set_aside(self.path)
                self.notices.append(
                    f"The analysis cache {self.path} was damaged ({cache_reason(exc.cause)}); it was kept as "
                    f"{kept.name} and is rebuilt from the corpus (your annotations are not affected)."
                )
                self._create_schema()
            elif self.path.exists():
                self._open_readonly(exc)
            else:
                raise
        else:
            if not os.access(self.path, os.W_OK):
                # The schema is there, so opening wrote nothing and could not tell: a file the user may not
                # write (or one made immutable, which binds root too) is read as it is, and a write says why.
                self.close()
                denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self.path))
                self._open_readonly(CacheError(self.path, denied, "write"))

    def _create_schema_when_free(self) -> None:
        """Create the schema; when another process is making or recovering the same new cache at that
        moment, try again for a while instead of taking the cache for a read-only one (two first opens of
        one corpus at once: the second would then fail at its first write)."""
        delay = 0.02
        for _ in range(8):  # about 5 s in all
            try:
                self._create_schema()
                return
            except CacheError as exc:
                if not is_transient(exc.cause):
                    raise
                self.close()
                time.sleep(delay)
                delay *= 2
        self._create_schema()

    def _create_schema(self) -> None:
        con = self.connection
        with con:
            con.executescript(_SCHEMA)
            con.execute("INSERT OR IGNORE INTO meta(key, value) VALUES('schema', ?)", (SCHEMA_VERSION,))

    def _open_readonly(self, why: CacheError) -> None:
        """The cache exists but cannot be written: read it (a write then fails with ``why``)."""
        for mode in ("ro", "immutable"):
            self.mode = mode
            try:
                self.connection.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
                return
            except CacheError:
                self.close()
        raise why

    # --- connection -----------------------------------------------------

    @property
    def connection(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = connect(self.path, readonly=self.mode == "ro", immutable=self.mode == "immutable")
            self._local.con = con
        return con

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None

    def transaction(self) -> _Tx:
        return _Tx(self.connection)

    # --- model keys -----------------------------------------------------

    def model_key(self, fingerprint: str) -> str | None:
        row = self.connection.execute("SELECT akey FROM model_keys WHERE fingerprint=?", (fingerprint,)).fetchone()
        return row[0] if row else None

    def remember_model_key(self, fingerprint: str, akey: str) -> None:
        with self.transaction() as con:
            con.execute("INSERT OR REPLACE INTO model_keys VALUES(?, ?)", (fingerprint, akey))

    # --- analyses ---------------------------------------------------------

    def analysed_hashes(self, akey: str) -> dict[str, int]:
        """content hash → analysis id of every analysis made with ``akey``."""
        return dict(self.connection.execute("SELECT hash, id FROM analyses WHERE akey=?", (akey,)))

    def failures(self, akey: str) -> dict[str, str]:
        return dict(self.connection.execute("SELECT hash, message FROM failures WHERE akey=?", (akey,)))

    def stored_texts(self, hashes: Iterable[str]) -> set[str]:
        con = self.connection
        out: set[str] = set()
        hashes = list(hashes)
        for i in range(0, len(hashes), 500):
            chunk = hashes[i : i + 500]
            q = f"SELECT hash FROM texts WHERE hash IN ({','.join('?' * len(chunk))})"
            out.update(h for (h,) in con.execute(q, chunk))
        return out

    def put_batch(self, akey: str, rows: Sequence[AnalysisRow], failures: Sequence[tuple[str, str, str]] = ()) -> None:
        """Store finished analyses (and failures: (hash, article id, message)) in one transaction."""
        with self.transaction() as con:
            for row in rows:
                # An analysis keeps the id it was given first: another process (two first opens of
                # one corpus at once) may hold it in its snapshot already. Same text, same analysis
                # key: the same analysis, so the first one stays.
                cur = con.execute(
                    "INSERT INTO analyses(hash, akey, payload) VALUES(?, ?, ?) ON CONFLICT(hash, akey) DO NOTHING",
                    (row.hash, akey, row.payload),
                )
                if cur.rowcount == 0:
                    con.execute("DELETE FROM failures WHERE hash=? AND akey=?", (row.hash, akey))
                    continue
                aid = cur.lastrowid
                f = row.facets
                form_ids = np.fromiter(
                    (self._form_id(con, key, name, label, text) for key, name, label, text, _ in f.forms),
                    dtype=np.int32,
                    count=len(f.forms),
                )
                counts = np.fromiter((n for *_, n in f.forms), dtype=np.int32, count=len(f.forms))
                kinds = np.fromiter((k for k, _, _ in f.quotes), dtype=np.uint8, count=len(f.quotes))
                speakers = np.fromiter(
                    (self._key_id(con, key, name or key) if key else -1 for _, key, name in f.quotes),
                    dtype=np.int32,
                    count=len(f.quotes),
                )
                con.execute(
                    "INSERT OR REPLACE INTO facets VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        aid,
                        akey,
                        f.n_words,
                        len(f.quotes),
                        form_ids.tobytes(),
                        counts.tobytes(),
                        kinds.tobytes(),
                        speakers.tobytes(),
                        f.q_ids,
                    ),
                )
                if row.ztext is not None:
                    con.execute("INSERT OR IGNORE INTO texts VALUES(?, ?)", (row.hash, row.ztext))
                con.execute("DELETE FROM failures WHERE hash=? AND akey=?", (row.hash, akey))
            for h, article_id, message in failures:
                con.execute("INSERT OR REPLACE INTO failures VALUES(?, ?, ?, ?)", (h, akey, article_id, message))

    def put_texts(self, items: Iterable[tuple[str, str]]) -> None:
        with self.transaction() as con:
            con.executemany(
                "INSERT OR IGNORE INTO texts VALUES(?, ?)",
                ((h, zlib.compress(t.encode("utf-8", "surrogatepass"), 1)) for h, t in items),
            )

    def _key_id(self, con: sqlite3.Connection, key: str, name: str) -> int:
        kid = self._key_ids.get(key)
        if kid is None:
            tokens = name_tokens(key)
            con.execute(
                "INSERT OR IGNORE INTO keys(key, name, norm, ntok) VALUES(?, ?, ?, ?)",
                (key, name, " ".join(tokens), len(tokens)),
            )
            kid, stored = con.execute("SELECT id, name FROM keys WHERE key=?", (key,)).fetchone()
            self._key_ids[key] = kid
            self._key_names[key] = stored
        # One key, several spellings ("WorldCom", "Worldcom"): keep the same one whatever
        # order the analyses arrive in (worker timing), so two ingests show the same names.
        if name != self._key_names[key] and _name_order(name) < _name_order(self._key_names[key]):
            con.execute("UPDATE keys SET name=? WHERE id=?", (name, kid))
            self._key_names[key] = name
        return kid

    def _label_id(self, con: sqlite3.Connection, label: str) -> int:
        lid = self._label_ids.get(label)
        if lid is None:
            con.execute("INSERT OR IGNORE INTO labels(label) VALUES(?)", (label,))
            lid = con.execute("SELECT id FROM labels WHERE label=?", (label,)).fetchone()[0]
            self._label_ids[label] = lid
        return lid

    def _form_id(self, con: sqlite3.Connection, key: str, name: str, label: str, text: str) -> int:
        kid = self._key_id(con, key, name)
        lid = self._label_id(con, label)
        ident = (kid, lid, text)
        fid = self._form_ids.get(ident)
        if fid is None:
            con.execute("INSERT OR IGNORE INTO forms(key_id, label_id, text) VALUES(?, ?, ?)", ident)
            fid = con.execute(
                "SELECT id FROM forms WHERE key_id=? AND label_id=? AND text=?",
                ident,
            ).fetchone()[0]
            self._form_ids[ident] = fid
        return fid

    def payload(self, analysis_id: int) -> Analysis | None:
        row = self.connection.execute("SELECT payload FROM analyses WHERE id=?", (analysis_id,)).fetchone()
        return unpack_payload(row[0]) if row else None

    def payloads(self, analysis_ids: Sequence[int]) -> dict[int, Analysis]:
        out: dict[int, Analysis] = {}
        con = self.connection
        ids = sorted({int(i) for i in analysis_ids if i >= 0})
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            q = f"SELECT id, payload FROM analyses WHERE id IN ({','.join('?' * len(chunk))})"
            out.update((aid, unpack_payload(blob)) for aid, blob in con.execute(q, chunk))
        return out

    def text(self, content_hash: str) -> str | None:
        row = self.connection.execute("SELECT z FROM texts WHERE hash=?", (content_hash,)).fetchone()
        return zlib.decompress(row[0]).decode("utf-8", "surrogatepass") if row else None

    # --- the index's inputs ---------------------------------------------

    def facet_rows(self, akey: str) -> list[tuple]:
        """(id, n_words, n_quotes, ent_forms, ent_counts, q_kinds, q_speakers) for ``akey``, by id."""
        return self.connection.execute(
            "SELECT id, n_words, n_quotes, ent_forms, ent_counts, q_kinds, q_speakers FROM facets "
            "WHERE akey=? ORDER BY id",
            (akey,),
        ).fetchall()

    def quote_id_suffixes(self, analysis_id: int) -> list[str]:
        row = self.connection.execute("SELECT q_ids FROM facets WHERE id=?", (analysis_id,)).fetchone()
        return row[0].split("\n") if row and row[0] else []

    def vocabulary(self) -> tuple[list[tuple], list[tuple], list[str]]:
        """(keys: (id, key, name, norm, ntok), forms: (id, key_id, label_id), labels by id)."""
        con = self.connection
        keys = con.execute("SELECT id, key, name, norm, ntok FROM keys ORDER BY id").fetchall()
        forms = con.execute("SELECT id, key_id, label_id FROM forms ORDER BY id").fetchall()
        labels = dict(con.execute("SELECT id, label FROM labels"))
        label_list = [""] * (max(labels, default=0) + 1)
        for i, label in labels.items():
            label_list[i] = label
        return keys, forms, label_list

    def forms_with_text(self, text: str) -> list[int]:
        """Ids of the forms whose surface text is ``text`` (case-insensitive)."""
        return [i for (i,) in self.connection.execute("SELECT id FROM forms WHERE text = ? COLLATE NOCASE", (text,))]

    def form_texts(self, form_ids: Sequence[int]) -> dict[int, str]:
        con = self.connection
        out: dict[int, str] = {}
        ids = [int(i) for i in form_ids]
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            q = f"SELECT id, text FROM forms WHERE id IN ({','.join('?' * len(chunk))})"
            out.update(con.execute(q, chunk))
        return out

    # --- full-text search -----------------------------------------------

    def doc_ids(self, pairs: Sequence[tuple[str, str]], texts: dict[str, str] | None = None) -> list[int]:
        """The FTS doc id of each (content hash, title), indexing the missing ones.

        ``texts`` maps content hash → text for docs that may be new; a missing
        text is read back from the ``texts`` table.
        """
        con = self.connection
        known: dict[tuple[str, str], int] = {}
        for hash_, title, did in con.execute("SELECT hash, title, id FROM docs"):
            known[(hash_, title)] = did
        missing = [p for p in dict.fromkeys(pairs) if p not in known]
        if missing:
            with self.transaction() as tx:
                for hash_, title in missing:
                    body = (texts or {}).get(hash_)
                    if body is None:
                        body = self.text(hash_) or ""
                    cur = tx.execute("INSERT INTO docs(hash, title) VALUES(?, ?)", (hash_, title))
                    did = cur.lastrowid
                    assert did is not None  # an INSERT always sets it
                    tx.execute("INSERT INTO fts(rowid, title, body) VALUES(?, ?, ?)", (did, title, body))
                    known[(hash_, title)] = did
        return [known[p] for p in pairs]

    def search_docs(self, query: str) -> np.ndarray:
        """Doc ids whose title or text contain every word of ``query`` (FTS5)."""
        match = fts_query(query)
        if not match:
            return np.zeros(0, dtype=np.int64)
        rows = self.connection.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (match,)).fetchall()
        return np.fromiter((r for (r,) in rows), dtype=np.int64, count=len(rows))

    # --- corpora ---------------------------------------------------------

    def save_corpus(
        self,
        ckey: str,
        manifest: list[Any],
        akey: str | None,
        columns: dict[str, list],
        problems: list[dict],
        n_files: int,
    ) -> None:
        with self.transaction() as con:
            con.execute(
                "INSERT OR REPLACE INTO corpora VALUES(?, ?, ?, ?, ?, ?, ?)",
                (
                    ckey,
                    orjson.dumps(manifest),
                    akey,
                    orjson.dumps(columns),
                    orjson.dumps(problems),
                    n_files,
                    time.time(),
                ),
            )

    def load_corpus(self, ckey: str) -> dict[str, Any] | None:
        row = self.connection.execute(
            "SELECT manifest, akey, columns, problems, n_files FROM corpora WHERE ckey=?",
            (ckey,),
        ).fetchone()
        if row is None:
            return None
        return {
            "manifest": orjson.loads(row[0]),
            "akey": row[1],
            "columns": orjson.loads(row[2]),
            "problems": orjson.loads(row[3]),
            "n_files": row[4],
        }


_FTS_TOKEN = re.compile(r"\w+")


def fts_query(text: str) -> str:
    """A safe FTS5 query: every word of ``text`` must occur (quoted: no FTS syntax from users).

    Words of three letters or more match as prefixes, as a reporter expects ("pipeline"
    finds "pipelines", "Iran" finds "Iranian"); a trailing ``*`` makes a shorter one a prefix too.
    """
    parts = []
    for raw in text.split():
        prefix = raw.endswith("*")
        for word in _FTS_TOKEN.findall(raw):
            parts.append(f'"{word}"' + ("*" if len(word) >= 3 else ""))
        if prefix and parts and not parts[-1].endswith("*"):
            parts[-1] += "*"
    return " ".join(parts)


class _Tx:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (rollback on error) on an autocommit connection."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def __enter__(self) -> sqlite3.Connection:
        self.con.execute("BEGIN IMMEDIATE")
        return self.con

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if exc_type is None:
            try:
                self.con.execute("COMMIT")
            except CacheError:
                self._rollback()
                raise
        else:
            self._rollback()

    def _rollback(self) -> None:
        try:
            self.con.execute("ROLLBACK")
        except CacheError:  # no transaction left to roll back (SQLite ended it on the error)
            pass


__all__ = [
    "AnalysisCache",
    "AnalysisRow",
    "CACHE_FILE",
    "CacheError",
    "Facets",
    "fts_query",
    "pack_payload",
    "unpack_payload",
]
