"""The article table of an opened corpus, columnar, on disk and memory-mapped.

A million articles as Python lists of strings cost gigabytes and seconds to load; as
columns they cost nothing until a row is read:

- strings (id, title, date, url, origin, hash) live in one UTF-8 buffer per column with
  an offsets array (``StringColumn``), decoded one row at a time;
- numbers (analysis id, FTS doc id, word count, line, title-derived flag) are numpy
  arrays; the source is a code into a short list of names;
- what sorting and filtering need is precomputed when the table is written: the date
  as fixed-width ``U10`` for range filters, and dense ranks of date, title (casefolded),
  id and source, so a sort of any subset is an integer argsort; ``id_order`` lets
  ``row_of`` binary-search the ids.

``ArticleTable.from_lists(columns)`` makes the table in memory from the snapshot
columns ``Workspace.open`` builds (lists, one per field); ``save_table`` writes it into
``<store>/corpora/<corpus>/<generation>/`` (atomically: a temporary folder renamed into
place) and returns the small reference the corpora row keeps; ``load_table`` maps it
back. A table opened from disk also hosts the persisted corpus index (``store.index``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from store.files import refuse_symlink

TABLE_VERSION = 1
STRING_FIELDS = ("id", "title", "date", "url", "origin", "hash")
NUMBER_FIELDS = {"aid": np.int64, "doc": np.int64, "words": np.int64, "line": np.int64, "title_derived": np.bool_}
RANK_FIELDS = ("date", "title", "id", "source")
NO_LINE = -1


class StringColumn(Sequence[str | None]):
    """Strings stored as one UTF-8 buffer + ``offsets`` (n + 1); ``None`` where ``nulls``."""

    def __init__(self, data: np.ndarray, offsets: np.ndarray, nulls: np.ndarray) -> None:
        self._data = data
        self._offsets = offsets
        self._nulls = nulls

    @classmethod
    def from_list(cls, values: Sequence[str | None]) -> StringColumn:
        encoded = [(v or "").encode("utf-8", "surrogatepass") for v in values]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum(np.fromiter((len(b) for b in encoded), dtype=np.int64, count=len(encoded)), out=offsets[1:])
        data = np.frombuffer(b"".join(encoded), dtype=np.uint8)
        nulls = np.fromiter((v is None for v in values), dtype=np.bool_, count=len(values))
        return cls(data, offsets, nulls)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def _at(self, i: int) -> str | None:
        if self._nulls[i]:
            return None
        return bytes(self._data[self._offsets[i] : self._offsets[i + 1]]).decode("utf-8", "surrogatepass")

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._at(k) for k in range(*i.indices(len(self)))]
        return self._at(int(i))

    def __iter__(self) -> Iterator[str | None]:
        for i in range(len(self)):
            yield self._at(i)

    def save(self, folder: Path, name: str) -> None:
        self._data.tofile(folder / f"{name}.bin")
        np.save(folder / f"{name}.off.npy", self._offsets)
        np.save(folder / f"{name}.null.npy", self._nulls)

    @classmethod
    def load(cls, folder: Path, name: str) -> StringColumn:
        size = (folder / f"{name}.bin").stat().st_size
        data = np.memmap(folder / f"{name}.bin", dtype=np.uint8, mode="r") if size else np.zeros(0, np.uint8)
        return cls(
            data,
            np.load(folder / f"{name}.off.npy", mmap_mode="r"),
            np.load(folder / f"{name}.null.npy", mmap_mode="r"),
        )


class _Converted(Sequence[Any]):
    """A numpy column read as Python values (``line``: None for missing; flags: bool)."""

    def __init__(self, array: np.ndarray, kind: str) -> None:
        self._array = array
        self._kind = kind

    def __len__(self) -> int:
        return len(self._array)

    def _at(self, i: int) -> Any:
        value = self._array[i]
        if self._kind == "line":
            return None if value == NO_LINE else int(value)
        return bool(value)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._at(k) for k in range(*i.indices(len(self)))]
        return self._at(int(i))


class _Sources(Sequence[str | None]):
    def __init__(self, codes: np.ndarray, names: list[str]) -> None:
        self._codes = codes
        self._names = names

    def __len__(self) -> int:
        return len(self._codes)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        code = int(self._codes[int(i)])
        return self._names[code] if code >= 0 else None


def dense_ranks(values: Sequence[Any]) -> np.ndarray:
    """Rank of each value among the distinct values, ascending (ties share a rank)."""
    if not len(values):
        return np.zeros(0, dtype=np.int32)
    _, inverse = np.unique(np.asarray(values, dtype=object), return_inverse=True)
    return inverse.reshape(-1).astype(np.int32)


class ArticleTable(Mapping[str, Any]):
    """The article columns of a corpus (see the module docstring).

    Also readable as the mapping of columns ``Workspace`` uses: ``table["id"][row]``,
    ``table["aid"][row]``, ``table.get("complete")``.
    """

    def __init__(
        self,
        strings: dict[str, StringColumn],
        numbers: dict[str, np.ndarray],
        source_codes: np.ndarray,
        source_names: list[str],
        date10: np.ndarray,
        ranks: dict[str, np.ndarray],
        id_order: np.ndarray,
        complete: bool,
        folder: Path | None = None,
    ) -> None:
        self.strings = strings
        self.numbers = numbers
        self.source_codes = source_codes
        self.source_names = source_names
        self.date10 = date10
        self.ranks = ranks
        self.id_order = id_order
        self.complete = complete
        self.folder = folder  # where it is stored (None: in memory only)
        self._columns: dict[str, Any] = {
            **strings,
            "aid": numbers["aid"],
            "doc": numbers["doc"],
            "words": numbers["words"],
            "line": _Converted(numbers["line"], "line"),
            "title_derived": _Converted(numbers["title_derived"], "flag"),
            "source": _Sources(source_codes, source_names),
            "complete": complete,
        }

    @property
    def n(self) -> int:
        return len(self.id_order)

    # --- the Mapping Workspace reads ------------------------------------------

    def __getitem__(self, name: str) -> Any:
        return self._columns[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    # --- making ------------------------------------------------------------------

    @classmethod
    def from_lists(cls, columns: Mapping[str, Any]) -> ArticleTable:
        """From the snapshot columns of ``Workspace.open`` (lists, one value per article)."""
        if isinstance(columns, ArticleTable):
            return columns
        ids: list[str] = list(columns["id"])
        n = len(ids)

        def column(name: str, default: Any) -> list[Any]:
            values = columns.get(name)
            return list(values) if values is not None and len(values) == n else [default] * n

        strings = {name: StringColumn.from_list(column(name, None if name != "id" else "")) for name in STRING_FIELDS}
        numbers: dict[str, np.ndarray] = {}
        for name, dtype in NUMBER_FIELDS.items():
            default: Any = {"aid": -1, "doc": -1, "words": -1, "line": NO_LINE, "title_derived": False}[name]
            values = [default if v is None else v for v in column(name, default)]
            numbers[name] = np.asarray(values, dtype=dtype) if n else np.zeros(0, dtype=dtype)
        sources: list[str | None] = column("source", None)
        names = sorted({s for s in sources if s})
        code = {s: i for i, s in enumerate(names)}
        source_codes = np.fromiter((code.get(s, -1) if s else -1 for s in sources), dtype=np.int32, count=n)
        dates: list[str | None] = column("date", None)
        date10 = np.array([d or "" for d in dates], dtype="U10") if n else np.zeros(0, "U10")
        titles: list[str | None] = column("title", "")
        name_rank = dense_ranks([""] + [s.casefold() for s in names])  # "" = no source, first
        ranks = {
            "date": dense_ranks(date10.tolist()),
            "title": dense_ranks([(t or "").casefold() for t in titles]),
            "id": dense_ranks(ids),
            "source": name_rank[source_codes + 1] if n else np.zeros(0, np.int32),
        }
        id_order = np.argsort(ranks["id"], kind="stable").astype(np.int64)
        return cls(strings, numbers, source_codes, names, date10, ranks, id_order, bool(columns.get("complete")), None)

    # --- lookups ---------------------------------------------------------------------

    def row_of(self, article_id: str) -> int | None:
        """Binary search of ``id_order`` (ids decoded on the way: ~20 of a million)."""
        ids = self.strings["id"]
        lo, hi = 0, self.n
        while lo < hi:
            mid = (lo + hi) // 2
            found = ids[int(self.id_order[mid])] or ""
            if found < article_id:
                lo = mid + 1
            else:
                hi = mid
        if lo < self.n:
            row = int(self.id_order[lo])
            if ids[row] == article_id:
                return row
        return None

    # --- disk ------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        """Write the table into ``folder`` (which must not exist), atomically."""
        tmp = folder.with_name(f".{folder.name}.{uuid.uuid4().hex[:8]}.tmp")
        tmp.mkdir(parents=True)
        try:
            for name, col in self.strings.items():
                col.save(tmp, name)
            for name, arr in self.numbers.items():
                np.save(tmp / f"{name}.npy", arr)
            np.save(tmp / "source.npy", self.source_codes)
            np.save(tmp / "date10.npy", self.date10)
            for name, arr in self.ranks.items():
                np.save(tmp / f"rank_{name}.npy", arr)
            np.save(tmp / "id_order.npy", self.id_order)
            meta = {"version": TABLE_VERSION, "n": self.n, "sources": self.source_names, "complete": self.complete}
            (tmp / "table.json").write_bytes(orjson.dumps(meta))
            os.replace(tmp, folder)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        self.folder = folder

    @classmethod
    def load(cls, folder: Path) -> ArticleTable:
        meta = orjson.loads((folder / "table.json").read_bytes())
        if meta.get("version") != TABLE_VERSION:
            raise ValueError(f"{folder}: table version {meta.get('version')}")

        def mapped(name: str) -> np.ndarray:
            return np.load(folder / f"{name}.npy", mmap_mode="r")

        return cls(
            {name: StringColumn.load(folder, name) for name in STRING_FIELDS},
            {name: mapped(name) for name in NUMBER_FIELDS},
            mapped("source"),
            list(meta["sources"]),
            mapped("date10"),
            {name: mapped(f"rank_{name}") for name in RANK_FIELDS},
            mapped("id_order"),
            bool(meta["complete"]),
            folder,
        )


# --- the snapshot's reference ------------------------------------------------------


def _corpus_folder(store_dir: Path, ckey: str) -> Path:
    return store_dir / "corpora" / hashlib.blake2b(ckey.encode(), digest_size=10).hexdigest()


def save_table(store_dir: Path, ckey: str, columns: Mapping[str, Any]) -> tuple[ArticleTable, dict[str, Any]]:
    """Write the article table of corpus ``ckey``; (the table, the reference to keep in
    the corpora row in place of the columns). Older generations are removed (an app that
    still maps them keeps reading them: the files live on until it closes them)."""
    table = ArticleTable.from_lists(columns)
    parent = _corpus_folder(store_dir, ckey)
    refuse_symlink(parent.parent)  # a link planted in a corpus's .quotelens must not take the files elsewhere
    refuse_symlink(parent)
    parent.mkdir(parents=True, exist_ok=True)
    generation = f"g{time.time_ns():x}-{uuid.uuid4().hex[:6]}"
    table.save(parent / generation)
    for old in parent.iterdir():
        # another process may be writing its own generation (".g….tmp") this very moment:
        # a temporary folder is removed only once it is clearly abandoned
        if old.name != generation and (not old.name.startswith(".") or _abandoned(old)):
            shutil.rmtree(old, ignore_errors=True)
    return table, {"table": f"{parent.name}/{generation}", "complete": table.complete, "n": table.n}


def _abandoned(folder: Path, age: float = 3600.0) -> bool:
    try:
        return time.time() - folder.stat().st_mtime > age
    except OSError:
        return False


def load_table(store_dir: Path, reference: Mapping[str, Any]) -> ArticleTable | None:
    """The table a corpora row refers to; an old row holding the columns themselves is
    converted; None when the files are gone (the corpus is then read again)."""
    name = reference.get("table")
    if name is None:
        return ArticleTable.from_lists(reference) if "id" in reference else None
    folder = store_dir / "corpora" / str(name)
    for part in (store_dir / "corpora", folder.parent, folder):
        refuse_symlink(part)  # never read a snapshot through a link planted in the store
    try:
        return ArticleTable.load(folder)
    except (OSError, ValueError, KeyError):
        return None


__all__ = ["ArticleTable", "StringColumn", "dense_ranks", "load_table", "save_table"]
