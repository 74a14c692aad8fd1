"""A workspace over a few articles a test writes: the speaker-list tests open one per module."""

from __future__ import annotations

import pytest

from store.workspace import Workspace


def workspace_of(tmp_path_factory: pytest.TempPathFactory, name: str, articles: dict[str, str]) -> Workspace:
    """Write ``articles`` (file name → text) to a fresh folder ``name`` and open it, analysed in this
    process, with its store beside it."""
    corpus = tmp_path_factory.mktemp(name)
    for file_name, text in articles.items():
        (corpus / file_name).write_text(text, encoding="utf-8")
    return Workspace.open([corpus], store_dir=corpus.parent / f"{name}-store", workers=0)
