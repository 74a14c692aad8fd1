"""TinyDB as the annotation store's interface: tables whose document ids are strings.

TinyDB's public document API takes ``int`` ids; the store keys every document by a
string (a quote id, a person key). :class:`KeyedTable` is a TinyDB ``Table`` with a
small typed API for string keys built on TinyDB's two table primitives
(``_read_table`` / the storage's ``read``+``write``), so no int conversion runs and
mypy checks every call. Each write tells the storage which documents changed
(``SafeJSONStorage.note_dirty``), so a save re-encodes only those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from store.safe_storage import SafeJSONStorage

Record = dict[str, Any]


class KeyedTable(Table):
    """A TinyDB table keyed by strings (see the module docstring)."""

    @property
    def safe_storage(self) -> SafeJSONStorage:
        storage = self.storage
        assert isinstance(storage, SafeJSONStorage), "the annotation store runs on SafeJSONStorage"
        return storage

    def records(self) -> dict[str, Record]:
        """The table as stored (key → record). Do not modify: use the methods below."""
        return self._read_table()  # type: ignore[return-value]  # the store writes dicts only

    def record(self, key: str) -> Record | None:
        return self.records().get(key)

    def put(self, key: str, record: Record) -> None:
        """Insert or replace one record."""

        def set_one(table: dict[str, Record]) -> None:
            table[key] = record

        self._write(set_one, [key])

    def put_many(self, items: dict[str, Record]) -> None:
        def set_all(table: dict[str, Record]) -> None:
            table.update(items)

        self._write(set_all, list(items))

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)

        def drop(table: dict[str, Record]) -> None:
            for k in keys:
                table.pop(k, None)

        self._write(drop, keys)

    def _write(self, updater: Callable[[dict[str, Record]], None], touched: list[str]) -> None:
        storage = self.safe_storage
        tables = storage.read() or {}
        table = tables.setdefault(self.name, {})
        updater(table)
        storage.note_dirty(self.name, touched)
        storage.write(tables)
        self.clear_cache()


class AnnotationDB(TinyDB):
    """TinyDB whose tables are :class:`KeyedTable`."""

    table_class = KeyedTable

    def keyed(self, name: str) -> KeyedTable:
        table = self.table(name, cache_size=0)
        assert isinstance(table, KeyedTable)
        return table
