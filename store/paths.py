"""Where a corpus' store (analysis cache, annotations) lives. One rule for every command.

1. ``--store DIR`` when given;
2. else ``<corpus folder>/.quotelens/`` (for a file corpus: next to the file) when
   that can be created and written;
3. else the per-user data folder, ``platformdirs.user_data_dir("quotelens")/<hash>``
   where ``<hash>`` names the resolved corpus paths.

The bundled sample corpus always uses the per-user data folder (the package
folder may be read-only, and a store must never be shipped inside it).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

import platformdirs

APP_NAME = "quotelens"
STORE_FOLDER = ".quotelens"
# The sample corpus shipped inside the package (corpus.readers.SAMPLE_CORPUS);
# computed here so that resolving a store never imports the readers.
_SAMPLE_CORPUS = (Path(__file__).resolve().parent.parent / "corpus" / "sample").resolve()


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
    """True when ``folder`` exists (or can be created) and a file can be written in it."""
    try:
        folder.mkdir(parents=False, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK | os.X_OK)


def resolve_store_dir(corpus_paths: Sequence[str | Path] | str | Path, explicit: str | Path | None = None) -> Path:
    """The store folder for ``corpus_paths``, created if needed (see the module docstring)."""
    if isinstance(corpus_paths, (str, Path)):
        corpus_paths = [corpus_paths]
    if explicit is not None:
        store = Path(explicit).expanduser()
        store.mkdir(parents=True, exist_ok=True)
        return store
    paths = [Path(p).expanduser() for p in corpus_paths]
    if paths and not any(_is_sample(p) for p in paths):
        first = paths[0]
        base = first if first.is_dir() else first.parent
        if base.is_dir() and _writable_dir(base / STORE_FOLDER):
            return base / STORE_FOLDER
    store = user_store_dir(paths)
    store.mkdir(parents=True, exist_ok=True)
    return store


__all__ = ["corpus_key", "resolve_store_dir", "user_store_dir", "STORE_FOLDER"]
