"""Fixtures shared by the tests that drive the annotation commands from outside."""

from __future__ import annotations

import shutil

import pytest

from conftest import SEEDS
from tui.cli import main


@pytest.fixture(autouse=True)
def _verify_spliced_saves(monkeypatch):
    """Every save's spliced encoding is checked against a full encode (see SafeJSONStorage)."""
    monkeypatch.setenv("QUOTELENS_STORE_VERIFY", "1")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The two sample articles in a folder of their own, ingested once per module."""
    d = tmp_path_factory.mktemp("corpus")
    for f in sorted(SEEDS.glob("*.txt")):
        shutil.copy(f, d / f.name)
    store = d / ".quotelens"
    assert main(["ingest", str(d), "--store", str(store)]) == 0
    return d, store
