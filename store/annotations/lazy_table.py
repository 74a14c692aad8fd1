"""One table of the snapshot, read lazily: a record is parsed and checked the first time it is used.

The snapshot file (:mod:`store.annotations.snapshot`) keeps each table's records in
*buckets* (``crc32(key)`` modulo a power of two), each with a small index line (its keys
and the byte length of each record). Opening reads only the directory of buckets, so it
costs the same at a thousand records and at a million; the first use of a key parses its
bucket's index line (about :data:`BUCKET_TARGET` keys) and then that one record.

A :class:`LazyTable` is what TinyDB sees as a table (a ``MutableMapping`` key → record):

- a record that cannot be parsed or has the wrong shape (``validator``) is *bad*: hidden
  (``in``, ``[]``, iteration skip it), listed by :meth:`LazyTable.problems` (the keys found
  so far) or :meth:`LazyTable.invalid` (after checking every record), and kept as it is:
  a fold copies its bytes unchanged, so nothing is lost before ``store repair`` sets it aside;
- iterating parses whole buckets at once (one ``orjson`` call per bucket): a reader of
  every record (stats, export) pays about what parsing the whole file once costs;
- ``len()`` counts the records not found bad *yet* (exact once every record was read);
- writes (``[key] = value``, ``del``) stay in memory until the next fold, which copies
  the untouched buckets' bytes from the old file and encodes only what changed.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any, Protocol

import orjson

from store.files import StoreCorrupt, backup_path

Validator = Callable[[str, Any], str | None]


class ByteSource(Protocol):
    """The snapshot's bytes: ``bytes``, or ``store.safe_storage.FileBytes`` (read on demand)."""

    def __len__(self) -> int: ...

    def __getitem__(self, key: slice, /) -> bytes: ...


BUCKET_TARGET = 128  # keys per bucket, about: an index line of a few kilobytes


def bucket_count(n: int) -> int:
    """The number of buckets for ``n`` records (a power of two)."""
    count = 1
    while count * BUCKET_TARGET < n:
        count *= 2
    return count


def bucket_of(key: str, count: int) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) & (count - 1) if count > 1 else 0


def unreadable(raw: bytes) -> str:
    return f"it cannot be read (damaged JSON: {raw[:60]!r})"


class LazyTable(MutableMapping[str, Any]):
    """See the module docstring. ``buckets``: per bucket ``(index offset, index length,
    records offset, records length)`` in ``buf``; a table with no file has none."""

    def __init__(
        self,
        name: str,
        validator: Validator | None = None,
        *,
        buf: ByteSource = b"",
        buckets: list[tuple[int, int, int, int]] | None = None,
        count: int = 0,
        path: str = "",
    ) -> None:
        self.name = name
        self.validator = validator
        self.path = path
        self.buf = buf
        self.buckets = buckets or []
        self.file_count = count
        self._index: list[dict[str, tuple[int, int]] | None] = [None] * len(self.buckets)
        self._parsed: list[bool] = [False] * len(self.buckets)
        self.mem: dict[str, Any] = {}  # key -> value written since the file (new or changed)
        self.new: dict[str, None] = {}  # the keys of ``mem`` the file does not have (ordered)
        self.gone: set[str] = set()  # keys of the file deleted since
        self._good: dict[str, Any] = {}  # checked values (cache)
        self._bad: dict[str, str] = {}  # key -> why it cannot be used
        self._bad_value: dict[str, Any] = {}  # key -> the bad record (the object, or the raw text)

    @classmethod
    def of(cls, name: str, values: dict[str, Any], validator: Validator | None = None) -> LazyTable:
        """A table not in any file yet (a new store, an old-format file, a repair)."""
        table = cls(name, validator)
        table.mem = dict(values)
        table.new = dict.fromkeys(values)
        return table

    # -- the file side ---------------------------------------------------------

    def _corrupt(self, what: str) -> StoreCorrupt:
        return StoreCorrupt(self.path, backup_path(self.path), f"the index of the table {self.name!r} is {what}")

    def bucket_index(self, b: int) -> dict[str, tuple[int, int]]:
        """Key → (offset, length) of the records of bucket ``b`` in the file."""
        index = self._index[b]
        if index is not None:
            return index
        ix_off, ix_len, rec_off, rec_len = self.buckets[b]
        try:
            entry = orjson.loads(self.buf[ix_off : ix_off + ix_len])
            keys, sizes = entry["keys"], entry["sizes"]
            if len(keys) != len(sizes) or sum(sizes) + 2 * max(0, len(sizes) - 1) != rec_len:
                raise ValueError("sizes")
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            raise self._corrupt(f"damaged (bucket {b})") from None
        offsets = itertools.accumulate((s + 2 for s in sizes), initial=rec_off)
        index = self._index[b] = dict(zip(keys, zip(offsets, sizes, strict=False), strict=False))
        return index

    def _locate(self, key: str) -> tuple[int, int] | None:
        if not self.buckets:
            return None
        return self.bucket_index(bucket_of(key, len(self.buckets))).get(key)

    def in_file(self, key: str) -> bool:
        return self._locate(key) is not None

    def line(self, key: str, where: tuple[int, int]) -> bytes:
        off, size = where
        return self.buf[off : off + size]

    def _parse(self, key: str, where: tuple[int, int]) -> tuple[Any, str | None]:
        line = self.line(key, where)
        head = orjson.dumps(key) + b":"
        if not line.startswith(head):
            return line.decode("utf-8", "replace"), "its line in the file does not hold it (edited in place?)"
        try:
            return orjson.loads(line[len(head) :]), None
        except orjson.JSONDecodeError:
            return line.decode("utf-8", "replace"), unreadable(line[len(head) :])

    def _parse_bucket(self, b: int) -> None:
        """Parse and check every record of bucket ``b`` not read yet, in one ``orjson`` call."""
        if self._parsed[b]:
            return
        index = self.bucket_index(b)
        _, _, rec_off, rec_len = self.buckets[b]
        good, bad, bad_value, mem, gone = self._good, self._bad, self._bad_value, self.mem, self.gone
        todo = [k for k in index if k not in good and k not in bad and k not in mem and k not in gone]
        if todo:
            try:
                values = orjson.loads(b"{" + self.buf[rec_off : rec_off + rec_len] + b"}")
            except orjson.JSONDecodeError:
                values = {}  # a damaged record: read each one on its own below
            check = self.validator
            get = values.get
            for key in todo:  # (the loop of `_settle`, inlined: it runs for every record of a full read)
                value = get(key, _MISSING)
                if value is _MISSING:
                    self._settle(key, *self._parse(key, index[key]))
                    continue
                problem = check(key, value) if check is not None else None
                if problem is None:
                    good[key] = value
                else:
                    bad[key] = problem
                    bad_value[key] = value
        self._parsed[b] = True

    def _settle(self, key: str, value: Any, problem: str | None) -> bool:
        if problem is None and self.validator is not None:
            problem = self.validator(key, value)
        if problem is None:
            self._good[key] = value
            return True
        self._bad[key] = problem
        self._bad_value[key] = value
        return False

    # -- checking --------------------------------------------------------------

    def _check(self, key: str) -> bool:
        """Whether ``key`` holds a usable record (parsed and checked on first use)."""
        if key in self._good:
            return True
        if key in self._bad:
            return False
        if key in self.mem:
            return self._settle(key, self.mem[key], None)
        if key in self.gone:
            return False
        where = self._locate(key)
        if where is None:
            return False
        return self._settle(key, *self._parse(key, where))

    def problems(self) -> dict[str, str]:
        """Key → what is wrong, for the bad records found so far (nothing is read for it)."""
        return dict(self._bad)

    def invalid(self) -> dict[str, str]:
        """Key → what is wrong, for every bad record (reads every record not read yet)."""
        self.check_all()
        return dict(self._bad)

    def bad_record(self, key: str) -> Any:
        """A bad record as found: the parsed object, or the text of its line when it is not JSON."""
        return self._bad_value.get(key)

    def check_all(self) -> None:
        if not self.fully_read:
            for _ in self:
                pass

    @property
    def fully_read(self) -> bool:
        return all(self._parsed) and all(k in self._good or k in self._bad for k in self.mem)

    # -- the mapping -----------------------------------------------------------

    def __getitem__(self, key: str) -> Any:
        try:
            return self._good[key]  # (the common case: read before)
        except KeyError:
            pass
        if self._check(key):
            return self._good[key]
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._check(key)

    def __setitem__(self, key: str, value: Any) -> None:
        if key in self.gone:
            self.gone.discard(key)
        elif key not in self.mem and not self.in_file(key):
            self.new[key] = None
        self.mem[key] = value
        self._good.pop(key, None)
        self._bad.pop(key, None)
        self._bad_value.pop(key, None)

    def __delitem__(self, key: str) -> None:
        present = (key in self.mem or self.in_file(key)) and key not in self.gone
        if not present:
            raise KeyError(key)
        self.mem.pop(key, None)
        if self.new.pop(key, _MISSING) is _MISSING:
            self.gone.add(key)
        self._good.pop(key, None)
        self._bad.pop(key, None)
        self._bad_value.pop(key, None)

    def __iter__(self) -> Iterator[str]:
        """Every usable key: the file's, bucket by bucket (parsed a bucket at a time), then new ones."""
        good = self._good
        for b in range(len(self.buckets)):
            self._parse_bucket(b)
            for key in self.bucket_index(b):
                if key in good or (key not in self.gone and self._check(key)):
                    yield key
        for key in list(self.new):
            if self._check(key):
                yield key

    def __len__(self) -> int:
        return self.file_count - len(self.gone) + len(self.new) - len(self._bad)

    def all_keys(self) -> Iterator[str]:
        """Every key, bad records' too, in file order (what a fold writes)."""
        for b in range(len(self.buckets)):
            yield from (k for k in self.bucket_index(b) if k not in self.gone)
        yield from self.new

    def adopt_cache(self, old: LazyTable) -> None:
        """Keep what ``old`` (this table before a fold into this file) already parsed and checked."""
        self._good = old._good
        self._bad = old._bad
        self._bad_value = old._bad_value


_MISSING: Any = object()
