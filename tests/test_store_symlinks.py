"""A symbolic link planted in a store folder (as a downloaded corpus archive may carry in
``CORPUS/.quotelens/``) is never followed: for every file of the store, quotelens refuses
with a message naming the file, and the link's target is left untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corpus.readers import SAMPLE_CORPUS
from store.annotations import AnnotationStore, StoreError
from store.cache import CACHE_FILE, AnalysisCache
from tui.cli import main

ANNOTATION_FILES = ["annotations.json", "annotations.json.bak", "annotations.history.jsonl", "annotations.json.lock"]
CACHE_FILES = [CACHE_FILE, CACHE_FILE + "-wal", CACHE_FILE + "-shm"]
ORIGINAL = b"# a user's shell start-up file\nexport PATH=$HOME/bin:$PATH\n"


def plant(store: Path, name: str, tmp_path: Path, *, dangling: bool = False) -> Path:
    """A link ``store/name`` to a file outside the store (or to a file that does not exist)."""
    target = tmp_path / "outside" / f"{name}.target"
    target.parent.mkdir(exist_ok=True)
    if not dangling:
        target.write_bytes(ORIGINAL)
    (store / name).symlink_to(target)
    return target


def _untouched(target: Path, dangling: bool) -> None:
    if dangling:
        assert not target.exists(), "a dangling link was followed and its target created"
    else:
        assert target.read_bytes() == ORIGINAL


@pytest.mark.parametrize("dangling", [False, True], ids=["link", "dangling-link"])
@pytest.mark.parametrize("name", ANNOTATION_FILES)
def test_annotation_store_files(tmp_path, name, dangling, capsys):
    store = tmp_path / "store"
    store.mkdir()
    if name != "annotations.json":  # a store with something in it, so the backup and history are used
        s = AnnotationStore(store)
        s.tag("a#1", "before")
        s.tag("a#1", "again")
        for p in store.iterdir():
            if p.name == name:
                p.unlink()
    target = plant(store, name, tmp_path, dangling=dangling)
    with pytest.raises(StoreError) as info:
        AnnotationStore(store).tag("a#1", "through the link")
    message = str(info.value)
    assert str(store / name) in message and "symbolic link" in message and "nothing was written" in message
    _untouched(target, dangling)
    assert (store / name).is_symlink()  # the link itself is left for the user to look at
    if name == "annotations.history.jsonl":
        capsys.readouterr()
        assert main(["history", "--store", str(store)]) == 1
        assert str(store / name) in capsys.readouterr().err
        _untouched(target, dangling)


@pytest.mark.parametrize("dangling", [False, True], ids=["link", "dangling-link"])
@pytest.mark.parametrize("name", CACHE_FILES)
def test_analysis_cache_files(tmp_path, name, dangling):
    store = tmp_path / "store"
    store.mkdir()
    if name != CACHE_FILE:
        AnalysisCache(store).close()
        (store / name).unlink(missing_ok=True)
    target = plant(store, name, tmp_path, dangling=dangling)
    with pytest.raises(StoreError) as info:
        AnalysisCache(store).analysed_hashes("k")
    assert str(store / name) in str(info.value) and "symbolic link" in str(info.value)
    _untouched(target, dangling)


def test_a_command_on_a_corpus_with_a_planted_cache_link_refuses_clearly(tmp_path, capsys):
    corpus = tmp_path / "news"
    shutil.copytree(SAMPLE_CORPUS, corpus)
    (corpus / ".quotelens").mkdir()
    target = plant(corpus / ".quotelens", CACHE_FILE, tmp_path, dangling=True)
    capsys.readouterr()
    assert main(["quotes", str(corpus)]) != 0
    err = capsys.readouterr().err
    assert str(corpus / ".quotelens" / CACHE_FILE) in err and "symbolic link" in err and "Traceback" not in err
    assert not target.exists()
    assert main(["store", "check", str(corpus)]) == 1


def test_the_article_table_snapshot_is_never_written_or_read_through_a_link(tmp_path, capsys):
    corpus = tmp_path / "news"
    shutil.copytree(SAMPLE_CORPUS, corpus)
    outside = tmp_path / "outside"
    outside.mkdir()
    (corpus / ".quotelens").mkdir()
    (corpus / ".quotelens" / "corpora").symlink_to(outside, target_is_directory=True)
    capsys.readouterr()
    assert main(["quotes", str(corpus)]) != 0
    err = capsys.readouterr().err
    assert str(corpus / ".quotelens" / "corpora") in err and "symbolic link" in err
    assert list(outside.iterdir()) == []


def test_the_default_shard_folder_is_never_a_planted_link(tmp_path):
    from store.cluster import shard_folder

    target = tmp_path / "outside"
    target.mkdir()
    store = tmp_path / "store"
    store.mkdir()
    assert shard_folder(None, store, "m/1") == store / "shards" / "m_1"
    (store / "shards").symlink_to(target, target_is_directory=True)
    with pytest.raises(StoreError, match="symbolic link"):
        shard_folder(None, store, "m/1")
    assert shard_folder(tmp_path / "shared", store, "m/1") == tmp_path / "shared" / "m_1"  # a folder the user chose
