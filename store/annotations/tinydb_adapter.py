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

from store.safe_storage import SafeJSONStorage, StoreError

Record = dict[str, Any]


class KeyedTable(Table):
    """A TinyDB table keyed by strings (see the module docstring).

    With a ``validator`` (key, record → problem or None), records of the wrong shape
    (a hand-edited or foreign file) are checked once per read of the file, hidden from
    ``records()``/``record()`` and listed by ``invalid()``; they stay in the file, and a
    write to one of them is refused (:class:`StoreError`), so nothing is lost before
    ``quotelens store repair`` sets them aside.
    """

    validator: Callable[[str, object], str | None] | None = None
    _checked_read = -1
    _bad: dict[str, str] = {}
    _view: dict[str, Record] = {}
    _view_generation = -1

    @property
    def safe_storage(self) -> SafeJSONStorage:
        storage = self.storage
        assert isinstance(storage, SafeJSONStorage), "the annotation store runs on SafeJSONStorage"
        return storage

    def records(self) -> dict[str, Record]:
        """The table as stored (key → record), without invalid records. Do not modify: use the methods below."""
        table: dict[str, Record] = self._read_table()  # type: ignore[assignment]  # checked below
        if self.validator is None:
            return table
        storage = self.safe_storage
        if self._checked_read != storage.full_reads:
            check = self.validator
            self._bad = {k: p for k, r in table.items() if (p := check(k, r)) is not None}
            self._checked_read = storage.full_reads
            self._view_generation = -1
        if not self._bad:
            return table
        if self._view_generation != storage.generation:
            self._view = {k: v for k, v in table.items() if k not in self._bad}
            self._view_generation = storage.generation
        return self._view

    def invalid(self) -> dict[str, str]:
        """Key → what is wrong, for the records of the wrong shape in the file."""
        self.records()
        return dict(self._bad)

    def record(self, key: str) -> Record | None:
        return self.records().get(key)

    def _refuse_invalid(self, keys: Iterable[str]) -> None:
        self.records()
        for key in keys:
            if key in self._bad:
                raise StoreError(
                    f"The annotation {key!r} in {self.safe_storage.path} is not valid ({self._bad[key]}), so it "
                    f"was not changed. Run `quotelens store repair --store {self.safe_storage.path.parent}` to set "
                    "it aside (it is kept in a side file) and try again."
                )

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
        if self.validator is not None:
            self._refuse_invalid(touched)
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
