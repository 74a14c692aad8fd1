"""Shared fixtures. Tests that read ../shared skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "corpus" / "sample"
BBC = SHARED / "corpora" / "bbc"
GOLD = SHARED / "eval" / "ggt-dev.jsonl"

needs_bbc = pytest.mark.skipif(not BBC.exists(), reason="../shared/corpora/bbc is not present")
needs_gold = pytest.mark.skipif(not GOLD.exists(), reason="../shared/eval/ggt-dev.jsonl is not present")


@pytest.fixture(scope="session")
def nlp():
    """The real analysis pipeline, loaded once for the whole run."""
    from corpus.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep every test away from the real per-user data and config folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("QUOTELENS_CONFIG", str(home / "config" / "quotelens" / "config.toml"))
