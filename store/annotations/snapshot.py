"""The layout of ``annotations.json`` (format 3): one JSON document, one record per line,
with an index, so opening reads a small directory instead of parsing every record.

The file is still a single JSON object of TinyDB tables (``jq``, an older quotelens and
``store repair``'s salvage read it as before); its lines are laid out so that a record can
be found by byte offset::

    {"_meta":{"1":{"token":…,"base":…,"journal":…,"format":3}},
    "_index":{"1":{"format":3,"bytes":…,"tables":{"annotations":{"count":N,"buckets":[[…],…]},…}},
    "annotations/0":{"keys":["a#1",…],"sizes":[211,…]},
    …
    "end":{}},
    "annotations":{
    "a#1":{"quote_id":"a#1",…},
    …
    "z#9":{…}
    },
    "people":{
    …
    }}

Line 1 is the meta (token, base and journal offset: :class:`store.safe_storage.SnapshotHead`
reads them from the first bytes, as before). Line 2 is the directory: for each table the
record count and, per bucket (see :mod:`store.annotations.lazy_table`), the byte offset and
length of its index line and of its records, counted from the end of line 2; ``bytes`` is
the length of everything after line 2, so a file cut short is caught at open. Records are
``"key":{…}`` lines joined by ``,\\n``.

A file whose first line does not say format 3, or that does not match its directory (a
file written by an older quotelens, or edited by hand), is read the old way: one JSON
parse of the whole file; it is rewritten in this layout at the next save (a migration).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from store.annotations.lazy_table import ByteSource, LazyTable, Validator, bucket_count, bucket_of
from store.files import StoreCorrupt, backup_path

FORMAT = 3
META_TABLE = "_meta"
INDEX_TABLE = "_index"
_META_HEAD = b'{"_meta":{"1":'
_META_TAIL = b"},"
_DIR_HEAD = b'"_index":{"1":'
_INDEX_END = b'"end":{}},\n'
_HEAD_READ = 65536  # the first read at open: the meta and (up to ~10^5 records) the directory


@dataclass
class Decoded:
    """A snapshot read from its bytes: the meta, the tables, and whether it was in an older layout."""

    meta: dict[str, Any]
    tables: dict[str, MutableMapping[str, Any]]
    legacy: bool = False


@dataclass
class Encoded:
    """A snapshot's bytes, as the chunks to write (``writev``: no copy of the whole file)."""

    chunks: list[bytes]

    @property
    def size(self) -> int:
        return sum(map(len, self.chunks))

    @property
    def payload(self) -> bytes:
        return b"".join(self.chunks)


class LineSnapshotCodec:
    """Reads and writes the layout above (``SafeJSONStorage``'s ``codec``). ``validators``:
    table name → the shape check of its records (records failing it are kept, hidden)."""

    def __init__(self, validators: Mapping[str, Validator] | None = None) -> None:
        self.validators = dict(validators or {})

    def table(self, name: str, values: Mapping[str, Any] | None = None) -> LazyTable:
        return LazyTable.of(name, dict(values or {}), self.validators.get(name))

    def normalise(self, tables: dict[str, Any]) -> dict[str, MutableMapping[str, Any]]:
        """Every table as a :class:`LazyTable` (a plain dict — a table TinyDB itself wrote — is wrapped)."""
        for name, t in list(tables.items()):
            if not isinstance(t, LazyTable):
                tables[name] = self.table(name, t)
        return tables

    # -- reading ---------------------------------------------------------------

    def decode(self, raw: ByteSource, path: Path) -> Decoded | None:
        """The snapshot in ``raw`` (None when empty); :class:`StoreCorrupt` when it cannot be read.
        Only the first two lines are read now (the records on first use), unless the file is
        in an older layout."""
        if not len(raw) or (len(raw) < _HEAD_READ and raw[0 : len(raw)].isspace()):
            return None
        decoded = self._decode_lines(raw, path)
        return decoded if decoded is not None else self._decode_whole(raw, path)

    def adopt(self, old: Mapping[str, MutableMapping[str, Any]], raw: ByteSource, path: Path) -> dict[str, Any]:
        """The tables read from ``raw``, a snapshot just encoded from ``old``: what ``old`` had
        already parsed and checked is kept."""
        new = self._decode_lines(raw, path)
        assert new is not None, "a snapshot just encoded reads back in its own layout"
        for name, t in new.tables.items():
            before = old.get(name)
            if isinstance(t, LazyTable) and isinstance(before, LazyTable):
                t.adopt_cache(before)
        return new.tables

    def _decode_lines(self, raw: ByteSource, path: Path) -> Decoded | None:
        head = raw[0:_HEAD_READ]
        end1 = head.find(b"\n")
        if end1 < 0 or not head.startswith(_META_HEAD) or not head[:end1].endswith(_META_TAIL):
            return None
        try:
            meta = orjson.loads(head[len(_META_HEAD) : end1 - len(_META_TAIL)])
        except orjson.JSONDecodeError:
            return None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            return None
        end2 = head.find(b"\n", end1 + 1)
        while end2 < 0 and len(head) < len(raw):  # a long directory (a million records: ~150 kB)
            head = raw[0 : len(head) * 4]
            end2 = head.find(b"\n", end1 + 1)
        line2 = head[end1 + 1 : end2]
        try:
            if end2 < 0 or not line2.startswith(_DIR_HEAD) or not line2.endswith(b","):
                raise ValueError("no directory")
            directory = orjson.loads(line2[len(_DIR_HEAD) : -1])
            base = end2 + 1
            if directory["bytes"] != len(raw) - base:
                raise ValueError("size")
            tables: dict[str, MutableMapping[str, Any]] = {}
            for name, entry in directory["tables"].items():
                buckets = [(base + a, b, base + c, d) for a, b, c, d in entry["buckets"]]
                if len(buckets) & (len(buckets) - 1) or any(c + d > len(raw) for _, _, c, d in buckets):
                    raise ValueError("buckets")
                tables[name] = LazyTable(
                    name, self.validators.get(name), buf=raw, buckets=buckets, count=int(entry["count"]), path=str(path)
                )
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
            # cut short, or edited by hand: what still parses as one document is read the old way
            try:
                return self._decode_whole(raw, path)
            except StoreCorrupt as exc:
                detail = f"its index does not match its records; {exc.detail}"
                raise StoreCorrupt(path, backup_path(path), detail) from None
        return Decoded(meta, tables)

    def _decode_whole(self, raw: ByteSource, path: Path) -> Decoded:
        """An older layout (or a hand-edited file): the whole file is one JSON parse."""
        try:
            data = orjson.loads(raw[0 : len(raw)])
        except orjson.JSONDecodeError as exc:
            raise StoreCorrupt(path, backup_path(path), f"invalid JSON: {exc}") from None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise StoreCorrupt(path, backup_path(path), "not a TinyDB database (expected an object of tables)")
        meta = (data.pop(META_TABLE, None) or {}).get("1") or {}
        data.pop(INDEX_TABLE, None)  # a stale index (an older quotelens rewrote the file)
        tables: dict[str, MutableMapping[str, Any]] = {name: self.table(name, t) for name, t in data.items()}
        return Decoded(meta if isinstance(meta, dict) else {}, tables, legacy=True)

    # -- writing ---------------------------------------------------------------

    def encode(self, meta: Mapping[str, Any], tables: dict[str, MutableMapping[str, Any]], path: Path) -> Encoded:
        """The file for ``tables`` (meta first); untouched buckets are copied as bytes."""
        meta = {**meta, "format": FORMAT}
        index_lines: list[bytes] = []
        sections: list[bytes] = []
        pos = 0  # in the index part, from the end of line 2
        layout: dict[str, tuple[int, list[list[int]]]] = {}
        plans = {name: _plan(t) for name, t in _lazy(self.normalise(tables)).items()}
        for name, buckets in plans.items():
            entries: list[list[int]] = []
            for b, (index_value, _records) in enumerate(buckets):
                head = orjson.dumps(f"{name}/{b}") + b":"
                entries.append([pos + len(head), len(index_value), 0, 0])
                index_lines += [head, index_value, b",\n"]
                pos += len(head) + len(index_value) + 2
            layout[name] = (0, entries)
        index_lines.append(_INDEX_END)
        pos += len(_INDEX_END)
        names = list(plans)
        for i, name in enumerate(names):
            head = orjson.dumps(name) + b":{\n"
            sections.append(head)
            pos += len(head)
            first = True
            for b, (_index_value, records) in enumerate(plans[name]):
                if not records.data:
                    continue
                if not first:
                    sections.append(b",\n")
                    pos += 2
                first = False
                layout[name][1][b][2:] = [pos, len(records.data)]
                sections.append(records.data)
                pos += len(records.data)
            tail = b"\n}" + (b",\n" if i < len(names) - 1 else b"}\n")
            sections.append(tail)
            pos += len(tail)
            layout[name] = (_records_in(tables[name]), layout[name][1])
        if not names:
            index_lines[-1] = b'"end":{}}}\n'  # (the same length)
        directory = {
            "format": FORMAT,
            "bytes": pos,
            "tables": {name: {"count": c, "buckets": e} for name, (c, e) in layout.items()},
        }
        lines_1_2 = [_META_HEAD, orjson.dumps(meta), _META_TAIL, b"\n", _DIR_HEAD, orjson.dumps(directory), b",\n"]
        return Encoded(lines_1_2 + index_lines + sections)


def _lazy(tables: dict[str, MutableMapping[str, Any]]) -> dict[str, LazyTable]:
    out = {}
    for name, t in tables.items():
        assert isinstance(t, LazyTable)
        out[name] = t
    return out


@dataclass
class _Records:
    data: bytes


def _records_in(table: MutableMapping[str, Any]) -> int:
    """The records a table writes: every key, bad records' too."""
    assert isinstance(table, LazyTable)
    return table.file_count - len(table.gone) + len(table.new)


def _plan(table: LazyTable) -> list[tuple[bytes, _Records]]:
    """Per bucket of the new file: its index line's value and its records' bytes."""
    count = bucket_count(_records_in(table))
    out: list[tuple[bytes, _Records] | None] = [None] * count
    same = count == len(table.buckets)
    touched = {bucket_of(k, count) for k in (*table.mem, *table.gone)} if same else set(range(count))
    lines: dict[int, list[tuple[str, bytes]]] = {b: [] for b in touched}

    def line_of(key: str, where: tuple[int, int] | None) -> bytes:
        if key in table.mem:
            return orjson.dumps(key) + b":" + orjson.dumps(table.mem[key])
        assert where is not None
        return table.line(key, where)

    if same:
        for b in range(count):
            ix_off, ix_len, rec_off, rec_len = table.buckets[b]
            if b not in touched:  # untouched since the file: its bytes as they are (its index unread)
                out[b] = (table.buf[ix_off : ix_off + ix_len], _Records(table.buf[rec_off : rec_off + rec_len]))
            else:
                index = table.bucket_index(b)
                lines[b] += [(k, line_of(k, w)) for k, w in index.items() if k not in table.gone]
    else:
        for b in range(len(table.buckets)):  # a new number of buckets: every record moves
            for k, w in table.bucket_index(b).items():
                if k not in table.gone:
                    lines[bucket_of(k, count)].append((k, line_of(k, w)))
    for k in table.new:
        lines[bucket_of(k, count)].append((k, line_of(k, None)))
    for b, items in lines.items():
        value = orjson.dumps({"keys": [k for k, _ in items], "sizes": [len(line) for _, line in items]})
        out[b] = (value, _Records(b",\n".join(line for _, line in items)))
    return [o for o in out if o is not None]


def plain_tables(decoded: Decoded | None) -> dict[str, dict[str, Any]]:
    """Every table as plain dicts, bad records included as found (reads every record)."""
    out: dict[str, dict[str, Any]] = {}
    for name, t in (decoded.tables if decoded is not None else {}).items():
        assert isinstance(t, LazyTable)
        out[name] = {k: t[k] if k in t else t.bad_record(k) for k in t.all_keys()}
    return out


def snapshot_tables(raw: bytes, path: Path | str = "annotations.json") -> dict[str, dict[str, Any]]:
    """Every table of a snapshot's bytes as plain dicts, bad records included (for tools and tests)."""
    return plain_tables(LineSnapshotCodec().decode(raw, Path(path)))
