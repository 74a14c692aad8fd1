"""Shared fixtures. Tests that read ../shared skip cleanly when it is absent."""

from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Collect garbage less often in the test processes. Each holds spaCy and, test after test, a
    Textual app whose widgets allocate by the hundred thousand: at Python's default thresholds
    (700, 10, 10) the collector ran ~10,000 times in test_tui_polish.py and took a third of its
    CPU (16.5 of 49 s; 4.7 of 38 s at these, for 8% more peak memory: 303 vs 281 MB). Cycles are
    still collected, later; what the tests assert does not depend on when."""
    gc.set_threshold(20_000, 20, 10)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--soak",
        action="store_true",
        help="run the soak tests at full length (`make soak`): the counts the reliability notes quote",
    )


@pytest.fixture(scope="session")
def soak(request: pytest.FixtureRequest) -> bool:
    """True under ``--soak`` (``make soak``): a soak test runs its full count of rounds (e.g. 100 kill -9s);
    otherwise (``make test``, CI) a representative share of them, with the same assertions per round."""
    return bool(request.config.getoption("--soak"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every pixel-snapshot test ``snapshot``: ``make check`` (the quick local loop) leaves them out,
    ``make test`` and CI run them.

    Then move the ``slow`` tests to the front (a stable sort: each keeps its place among the others).
    pytest-xdist hands tests out in this order, one at a time to whichever worker is free (with
    `--dist loadgroup`, as the Makefile runs it; an `xdist_group` goes first, whole, to one worker),
    so the long ones start first and the many short ones fill the gaps at the end, instead of one long test
    starting last and running alone. (With xdist's default `load`, the first worker got a contiguous
    chunk of ~85 tests to start with: nearly all the slow ones, 162 CPU-s against 75 for each of the
    others, and it ran 4 minutes after they had finished.) Every worker collects the same list and
    sorts it the same way, as xdist requires."""
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.snapshot)
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


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


@pytest.fixture(scope="session")
def _cache_home(tmp_path_factory):
    """One cache folder for the run, shared by its tests and its test processes: the first-name table
    is built there once (~1 CPU-s a build; it is written to a temporary file and renamed, so two
    processes building it at once each read a whole one), never in the user's own cache."""
    if "PYTEST_XDIST_WORKER" not in os.environ:  # a single test process
        return tmp_path_factory.mktemp("cache")
    shared = tmp_path_factory.getbasetemp().parent / "cache"  # the run's folder, above each worker's
    shared.mkdir(exist_ok=True)
    return shared


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch, _cache_home):
    """Keep every test away from the real per-user data, config and cache folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(_cache_home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("QUOTELENS_CONFIG", str(home / "config" / "quotelens" / "config.toml"))


@pytest.fixture
def verify_spliced_saves(monkeypatch):
    """Every save's spliced encoding is checked against a full encode (see SafeJSONStorage)."""
    monkeypatch.setenv("QUOTELENS_STORE_VERIFY", "1")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The two sample articles in a folder of their own, ingested once per module: ``(folder, store)``."""
    from tui.cli import main

    d = tmp_path_factory.mktemp("corpus")
    for f in sorted(SEEDS.glob("*.txt")):
        shutil.copy(f, d / f.name)
    store = d / ".quotelens"
    assert main(["ingest", str(d), "--store", str(store)]) == 0
    return d, store


# --- the sample corpus for the app (tests/test_tui*.py) ----------------------------------------


@pytest.fixture(scope="session")
def ingested_store(tmp_path_factory) -> Path:
    """The sample corpus analysed once for the whole session."""
    from corpus.readers import SAMPLE_CORPUS
    from store.workspace import Workspace

    store = tmp_path_factory.mktemp("sample-store")
    Workspace.open([SAMPLE_CORPUS], store_dir=store).close()
    return store


@pytest.fixture
def store_dir(ingested_store, tmp_path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(ingested_store, target, ignore=shutil.ignore_patterns("annotations*"))
    return target


@pytest.fixture
def config_file(tmp_path, monkeypatch) -> Path:
    """The user config the app reads ($QUOTELENS_CONFIG); tests write into it before starting the app."""
    path = tmp_path / "config.toml"
    monkeypatch.setenv("QUOTELENS_CONFIG", str(path))
    return path
