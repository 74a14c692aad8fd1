"""Where a corpus' store (analysis cache, annotations) lives, and what the corpus' root is.

One rule for every command, found like git finds ``.git``:

1. ``--store DIR`` when given. The folder it was first used with is recorded in
   ``DIR/workspace.json`` and stays the root of the article ids;
2. else the outermost folder, from the opened path up to ``/``, that holds a store
   (``.quotelens/`` with a cache or an annotation file). Stores found below it (on
   the way up, or inside the opened folders) are *nested*: the workspace adopts them
   (see :mod:`store.adopt`);
3. else ``<corpus folder>/.quotelens/`` (for a file corpus: next to the file; for several
   paths: in their common folder) when that can be created and written; nested stores
   inside the opened paths are adopted as in 2;
4. else (a read-only corpus) the per-user data folder,
   ``platformdirs.user_data_dir("quotelens")/<hash>`` where ``<hash>`` names the resolved
   root: the outermost folder that has such a store, else the corpus folder; per-user
   stores of folders inside the opened paths are nested, as in 2.

The *root* is the folder the store belongs to; a ``.txt`` article's id is its path
relative to the root, so ``bbc/politics/a.txt`` is ``politics/a.txt`` whether ``bbc/``,
``bbc/politics``, the file itself, a relative path or a symlink to any of them was
opened (paths are resolved first).

The bundled sample corpus always uses the per-user data folder (the package
folder may be read-only, and a store must never be shipped inside it).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import platformdirs

APP_NAME = "quotelens"
STORE_FOLDER = ".quotelens"
# The files that make a folder a store (a `.quotelens` folder without them is not one).
STORE_FILENAME = "annotations.json"  # the review (store.annotations)
CACHE_FILENAME = "analysis.sqlite"  # the analysis cache (store.cache)
STORE_MARKERS = (STORE_FILENAME, CACHE_FILENAME)
ROOT_FILE = "workspace.json"  # in a --store folder: the root it serves
# The sample corpus shipped inside the package (corpus.readers.SAMPLE_CORPUS);
# computed here so that resolving a store never imports the readers.
_SAMPLE_CORPUS = (Path(__file__).resolve().parent.parent / "corpus" / "sample").resolve()


@dataclass(frozen=True, slots=True)
class Location:
    """Where an opened corpus lives: its root, its store, and stores to adopt."""

    root: Path  # resolved; article ids of .txt files are relative to it
    store: Path
    nested: tuple[Path, ...] = field(default=())  # other stores inside the root, to adopt


def corpus_key(corpus_paths: Iterable[str | Path]) -> str:
    """A short stable name for a set of corpus paths (order matters: it fixes article order)."""
    joined = "\n".join(str(Path(p).expanduser().resolve()) for p in corpus_paths)
    return hashlib.blake2b(joined.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def user_store_dir(corpus_paths: Sequence[str | Path]) -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME)) / corpus_key(corpus_paths)


def _is_sample(path: Path) -> bool:
    try:
        resolved = path.expanduser().resolve()
    except OSError:
        return False
    return resolved == _SAMPLE_CORPUS or _SAMPLE_CORPUS in resolved.parents


def _writable_dir(folder: Path) -> bool:
    """True when ``folder`` exists (or can be created) and a file can be written in it.

    A corpus folder whose mode grants nobody write access was marked read-only by its
    owner: root could write there anyway (it bypasses the bits), but the store goes to the
    per-user data folder instead of into a read-only corpus."""
    try:
        if not folder.parent.stat().st_mode & 0o222:
            return False
        folder.mkdir(parents=False, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK | os.X_OK)


def is_store(folder: Path) -> bool:
    """True for a real (not symlinked) store folder holding a cache or annotations."""
    try:
        if folder.is_symlink() or not folder.is_dir():
            return False
        return any((folder / name).is_file() for name in STORE_MARKERS)
    except OSError:
        return False


def _base_of(path: Path) -> Path:
    """The folder a corpus path belongs to: itself for a folder, its parent for a file
    (resolved: a symlink or a relative path names the folder it leads to)."""
    resolved = path.expanduser().resolve()
    return resolved if resolved.is_dir() else resolved.parent


def _stores_up(base: Path) -> list[Path]:
    """Folders from ``base`` up to ``/`` holding a store, nearest first."""
    return [folder for folder in (base, *base.parents) if is_store(folder / STORE_FOLDER)]


def nested_stores(paths: Sequence[Path], root: Path, *, per_user: bool = False) -> list[Path]:
    """Stores inside the opened ``paths`` (folders) other than the root's own; with
    ``per_user``, the per-user stores of those folders (a read-only corpus' stores)."""
    own = root / STORE_FOLDER
    found: list[Path] = []
    for path in paths:
        top = path.expanduser().resolve()
        if not top.is_dir():
            continue
        for folder, dirs, _files in os.walk(top):
            here = Path(folder)
            if per_user:
                if here != root and is_store(user_store_dir([here])):
                    found.append(user_store_dir([here]))
            elif STORE_FOLDER in dirs and here / STORE_FOLDER != own and is_store(here / STORE_FOLDER):
                found.append(here / STORE_FOLDER)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # stores, .git: not walked into
    return found


def _recorded_root(store: Path) -> Path | None:
    try:  # never through a symlink planted in the store (O_NOFOLLOW)
        fd = os.open(store / ROOT_FILE, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as fh:
            data = orjson.loads(fh.read(65536))
    except (OSError, orjson.JSONDecodeError):
        return None
    root = data.get("root") if isinstance(data, dict) else None
    return Path(root) if isinstance(root, str) else None


def _record_root(store: Path, root: Path) -> None:
    try:  # created, never written through an existing file or a planted symlink
        fd = os.open(store / ROOT_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(orjson.dumps({"root": str(root)}))
    except OSError:
        pass  # a read-only store (or one holding such a file) still works; ids follow the opened path


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def locate(corpus_paths: Sequence[str | Path] | str | Path, explicit: str | Path | None = None) -> Location:
    """The root and store of ``corpus_paths``, the store created if needed (see the module docstring)."""
    if isinstance(corpus_paths, (str, Path)):
        corpus_paths = [corpus_paths]
    paths = [Path(p).expanduser() for p in corpus_paths]
    # several paths: their common folder (``a/`` and ``b/`` of ``news/`` are ``news/``'s)
    base = Path(os.path.commonpath([_base_of(p) for p in paths])) if paths else Path.cwd().resolve()
    if explicit is not None:
        store = Path(explicit).expanduser()
        store.mkdir(parents=True, exist_ok=True)
        recorded = _recorded_root(store)
        if recorded is not None and all(_inside(_base_of(p), recorded) for p in paths):
            return Location(recorded, store)
        if recorded is None:
            _record_root(store, base)
        return Location(base, store)
    if not paths or any(_is_sample(p) for p in paths):
        return Location(base, _user_store(base))
    up = _stores_up(base)
    if up:
        root = up[-1]  # the outermost: one workspace for the whole tree
        between = [folder / STORE_FOLDER for folder in up[:-1]]
        return Location(root, root / STORE_FOLDER, tuple(between + nested_stores(paths, root)))
    if base.is_dir() and _writable_dir(base / STORE_FOLDER):
        return Location(base, base / STORE_FOLDER, tuple(nested_stores(paths, base)))
    # a read-only corpus: the per-user store of the outermost folder that has one, as above
    for folder in reversed((base, *base.parents)):
        if is_store(user_store_dir([folder])):
            root = folder
            break
    else:
        root = base
    store = _user_store(root)
    return Location(root, store, tuple(s for s in nested_stores(paths, root, per_user=True) if s != store))


def _user_store(root: Path) -> Path:
    store = user_store_dir([root])
    store.mkdir(parents=True, exist_ok=True)
    return store


def resolve_store_dir(corpus_paths: Sequence[str | Path] | str | Path, explicit: str | Path | None = None) -> Path:
    """The store folder for ``corpus_paths``, created if needed (see the module docstring)."""
    return locate(corpus_paths, explicit).store


__all__ = [
    "Location",
    "CACHE_FILENAME",
    "STORE_FILENAME",
    "STORE_FOLDER",
    "corpus_key",
    "is_store",
    "locate",
    "nested_stores",
    "resolve_store_dir",
    "user_store_dir",
]
