"""Where the user left off, remembered per corpus (no Textual here).

A small JSON file in the corpus's store folder (``app-state.json``, beside the
annotations) keeps the article and quote being read, the filters, the sort,
the theme and the sidebar's scope. It is written atomically; a missing file
means the defaults, and a file that cannot be read means the defaults too,
with a message naming it (the app goes on).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from store.safe_storage import atomic_write_bytes
from tui.filters import FIELDS, Filters
from tui.review import SortOrder
from tui.widgets.article_list import SORT_KEYS

STATE_FILE = "app-state.json"
VERSION = 1


@dataclass(frozen=True, slots=True)
class Session:
    article_id: str | None = None
    quote_id: str | None = None
    filters: Filters = field(default_factory=Filters)
    sort: SortOrder = field(default_factory=SortOrder)
    theme: str | None = None
    sidebar_scope: str = "article"

    def to_json(self) -> dict[str, object]:
        return {
            "version": VERSION,
            "article_id": self.article_id,
            "quote_id": self.quote_id,
            "filters": filters_to_json(self.filters),
            "sort": {"key": self.sort.key, "reverse": self.sort.reverse},
            "theme": self.theme,
            "sidebar_scope": self.sidebar_scope,
        }


def filters_to_json(filters: Filters) -> dict[str, object]:
    out: dict[str, object] = {"order": list(filters.order)}
    for name in FIELDS:
        value = getattr(filters, name)
        if value is not None:
            out[name] = list(value) if isinstance(value, tuple) else value
    return out


def filters_from_json(data: object) -> Filters:
    """The filters saved by ``filters_to_json``; raises ValueError on anything else."""
    if not isinstance(data, dict):
        raise ValueError("filters: not an object")
    order = data.get("order", [])
    if not isinstance(order, list):
        raise ValueError("filters.order: not a list")
    filters = Filters()
    for name in order:
        if name not in FIELDS:
            raise ValueError(f"filters: unknown filter {name!r}")
        value = data.get(name)
        if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
            filters = filters.set(name, (value[0], value[1]))
        elif isinstance(value, str):
            filters = filters.set(name, value)
        else:
            raise ValueError(f"filters.{name}: {value!r} is not a filter value")
    return filters


def _optional_str(data: dict[str, object], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{key}: not a string")
    return value


def load_session(store_dir: Path) -> tuple[Session, str]:
    """The saved session and "" — or the defaults and why the file could not be used."""
    path = store_dir / STATE_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Session(), ""
    except OSError as exc:
        return Session(), f"{path}: cannot be read ({exc.strerror or exc}); starting from the defaults"
    try:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        sort = data.get("sort") or {}
        if not isinstance(sort, dict) or sort.get("key", "date") not in SORT_KEYS:
            raise ValueError(f"sort: {sort!r} is not a sort order")
        scope = data.get("sidebar_scope", "article")
        if scope not in ("article", "corpus"):
            raise ValueError(f"sidebar_scope: {scope!r}")
        session = Session(
            article_id=_optional_str(data, "article_id"),
            quote_id=_optional_str(data, "quote_id"),
            filters=filters_from_json(data.get("filters", {})),
            sort=SortOrder(str(sort.get("key", "date")), bool(sort.get("reverse", True))),
            theme=_optional_str(data, "theme"),
            sidebar_scope=str(scope),
        )
    except ValueError as exc:  # json.JSONDecodeError is one too
        return Session(), f"{path}: {exc}; starting from the defaults (the file is replaced when you move on)"
    return session, ""


def save_session(store_dir: Path, session: Session) -> None:
    """Write the session atomically (raises the store's ``StoreWriteError`` naming the file)."""
    payload = json.dumps(session.to_json(), ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
    atomic_write_bytes(store_dir / STATE_FILE, payload, keep_backup=False)
