"""TinyDB as the annotation store's interface: tables whose document ids are strings.

TinyDB's public document API takes ``int`` ids; the store keys every document by a
string (a quote id, a person key). :class:`KeyedTable` is a TinyDB ``Table`` with a
small typed API for string keys built on TinyDB's two table primitives
(``_read_table`` / the storage's ``read``+``write``), so no int conversion runs and
mypy checks every call. The table TinyDB reads is the storage's
:class:`store.annotations.lazy_table.LazyTable`: records are parsed and checked on first
use, and a fold re-encodes only the records written since.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from store.annotations.lazy_table import LazyTable
from store.safe_storage import SafeJSONStorage, StoreError

Record = dict[str, Any]


class KeyedTable(Table):
    """A TinyDB table keyed by strings (see the module docstring).

    Records of the wrong shape (a hand-edited or foreign file; the storage's codec has the
    checks) are hidden from ``records()``/``record()`` and listed by ``problems()`` (found so
    far) and ``invalid()`` (every record read); they stay in the file, and a write to one of
    them is refused (:class:`StoreError`), so nothing is lost before ``quotelens store
    repair`` sets them aside.
    """

    @property
    def safe_storage(self) -> SafeJSONStorage:
        storage = self.storage
        assert isinstance(storage, SafeJSONStorage), "the annotation store runs on SafeJSONStorage"
        return storage

    def records(self) -> LazyTable:
        """The table (key → record), without invalid records. Do not modify: use the methods below."""
        table = self._read_table()
        if not isinstance(table, LazyTable):  # no such table yet
            return LazyTable(self.name)
        return table

    def problems(self) -> dict[str, str]:
        """Key → what is wrong, for the records of the wrong shape found so far."""
        return self.records().problems()

    def invalid(self) -> dict[str, str]:
        """Key → what is wrong, for every record of the wrong shape (reads every record)."""
        return self.records().invalid()

    def record(self, key: str) -> Record | None:
        return self.records().get(key)

    def _refuse_invalid(self, keys: Iterable[str]) -> None:
        table = self.records()
        for key in keys:
            if key not in table and key in table.problems():
                raise StoreError(
                    f"The annotation {key!r} in {self.safe_storage.path} is not valid ({table.problems()[key]}), so "
                    f"it was not changed. Run `quotelens store repair --store {self.safe_storage.path.parent}` to "
                    "set it aside (it is kept in a side file) and try again."
                )

    def put(self, key: str, record: Record) -> None:
        """Insert or replace one record."""

        def set_one(table: MutableMapping[str, Record]) -> None:
            table[key] = record

        self._write(set_one, [key])

    def put_many(self, items: dict[str, Record]) -> None:
        def set_all(table: MutableMapping[str, Record]) -> None:
            table.update(items)

        self._write(set_all, list(items))

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)

        def drop(table: MutableMapping[str, Record]) -> None:
            for k in keys:
                table.pop(k, None)

        self._write(drop, keys)

    def _write(self, updater: Callable[[MutableMapping[str, Record]], None], touched: list[str]) -> None:
        self._refuse_invalid(touched)
        storage = self.safe_storage
        tables = storage.read() or {}
        table = tables.get(self.name)
        if table is None:
            table = tables[self.name] = storage.codec.normalise({self.name: {}})[self.name]
        updater(table)
        storage.write(tables)
        self.clear_cache()


class AnnotationDB(TinyDB):
    """TinyDB whose tables are :class:`KeyedTable`."""

    table_class = KeyedTable

    def keyed(self, name: str) -> KeyedTable:
        table = self.table(name, cache_size=0)
        assert isinstance(table, KeyedTable)
        return table
