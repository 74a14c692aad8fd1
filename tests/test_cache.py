"""The analysis cache: hits, misses, invalidation (changed file, new extractor version),
the model-key memo, payload and text round trips. Real SQLite files, the real pipeline
(in this process: ``workers=0``)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from conftest import SEEDS

from corpus.models import Analysis, Entity, Quote, entity_key, text_hash
from store.cache import CACHE_FILE, AnalysisCache, AnalysisRow, Facets, fts_query, pack_payload, unpack_payload
from store.ingest import cached_analysis_key
from store.workspace import Workspace


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "news"
    shutil.copytree(SEEDS, folder)
    return folder


def open_ws(corpus, store, **kw):
    return Workspace.open([corpus], store_dir=store, workers=0, **kw)


def test_hit_miss_and_changed_file(corpus, tmp_path, nlp, monkeypatch):
    store = tmp_path / "store"
    ws = open_ws(corpus, store)
    rep = ws.ingest_report
    assert (rep.n_articles, rep.n_analysed, rep.n_cached) == (2, 2, 0)
    assert (store / CACHE_FILE).exists()
    assert ws.index.n_articles == 2 and ws.index.n_quotes > 0

    # unchanged: opened from the snapshot, no reading, no NLP
    again = open_ws(corpus, store)
    assert again.from_snapshot and again.ingest_report is None
    assert again.index.n_quotes == ws.index.n_quotes

    # the same folder named relatively from elsewhere is the same corpus
    monkeypatch.chdir(corpus.parent)
    relative = open_ws("news", store)
    assert relative.from_snapshot and relative.index.n_quotes == ws.index.n_quotes

    # a changed file re-analyses that file only
    target = sorted(corpus.glob("*.txt"))[0]
    target.write_text(target.read_text(encoding="utf-8") + "\n\n“We will see,” said Jane Doe.\n", encoding="utf-8")
    changed = open_ws(corpus, store)
    assert not changed.from_snapshot
    assert (changed.ingest_report.n_analysed, changed.ingest_report.n_cached) == (1, 1)
    assert "We will see" in changed.article(target.name).text

    # reload=True re-reads the files but finds everything cached
    reread = open_ws(corpus, store, reload=True)
    assert (reread.ingest_report.n_analysed, reread.ingest_report.n_cached) == (0, 2)


def test_new_extractor_version_reanalyses_all(corpus, tmp_path, nlp, monkeypatch):
    store = tmp_path / "store"
    first = open_ws(corpus, store)
    old_key = first.analysis_key
    import corpus.analysis as analysis

    monkeypatch.setattr(analysis, "EXTRACTOR_VERSION", analysis.EXTRACTOR_VERSION + "-test")
    ws = open_ws(corpus, store)
    assert ws.analysis_key != old_key
    assert (ws.ingest_report.n_analysed, ws.ingest_report.n_cached) == (2, 0)


def test_model_key_is_remembered(corpus, tmp_path, nlp):
    store = tmp_path / "store"
    cache = AnalysisCache(store)
    assert cached_analysis_key(None, cache) is None
    ws = open_ws(corpus, store)
    assert cached_analysis_key(None, cache) == ws.analysis_key


def test_same_text_twice_is_analysed_once_but_indexed_twice(tmp_path, nlp):
    folder = tmp_path / "dups"
    folder.mkdir()
    text = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text, encoding="utf-8")
    ws = open_ws(folder, tmp_path / "store")
    assert ws.ingest_report.n_texts == 1 and ws.ingest_report.n_analysed == 1
    assert ws.index.n_articles == 2
    qa, qb = ws.analysis("a.txt").quotes, ws.analysis("b.txt").quotes
    assert len(qa) == len(qb) > 0
    assert qa[0].id.startswith("a.txt#") and qb[0].id.startswith("b.txt#")


def test_payload_texts_failures_roundtrip(tmp_path):
    cache = AnalysisCache(tmp_path)
    a = Analysis(
        (Entity("Huawei", 0, 6, "ORG", "Huawei", entity_key("Huawei")),),
        (Quote("", "hello there", 10, 21, "direct", speaker_name="Jane Doe", speaker_key="jane doe"),),
        5,
    )
    h = text_hash("some text")
    cache.put_batch("k", [], [(h, "x.txt", "boom")])
    assert cache.failures("k") == {h: "boom"}
    cache.put_batch("k", [AnalysisRow(h, pack_payload(a), Facets.of(a))])
    assert cache.failures("k") == {}  # a success clears the failure
    aid = cache.analysed_hashes("k")[h]
    assert cache.payload(aid) == a == unpack_payload(pack_payload(a))
    assert cache.analysed_hashes("other") == {}
    cache.put_texts([(h, "some text ünïcode")])
    assert cache.text(h) == "some text ünïcode"
    with sqlite3.connect(tmp_path / CACHE_FILE) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_fts_query_never_passes_syntax():
    assert fts_query("Huawei 5G") == '"Huawei"* "5G"'
    assert fts_query('a" OR b NEAR(c)') == '"a" "OR" "b" "NEAR"* "c"'
    assert fts_query("netw*") == '"netw"*' and fts_query("5*") == '"5"*'
    assert fts_query("  ") == ""


# --- where the store lives ------------------------------------------------------


def test_store_dir_rule(tmp_path, monkeypatch):
    from corpus.readers import SAMPLE_CORPUS
    from store.paths import resolve_store_dir, user_store_dir

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Title\n\nText.", encoding="utf-8")
    assert resolve_store_dir([folder], tmp_path / "explicit") == tmp_path / "explicit"
    assert (tmp_path / "explicit").is_dir()
    assert resolve_store_dir([folder]) == folder / ".quotelens"
    assert resolve_store_dir(folder / "a.txt") == folder / ".quotelens"  # a file corpus: next to it

    # the sample corpus always goes to the per-user data folder (XDG_DATA_HOME is a temp dir here)
    sample_store = resolve_store_dir([SAMPLE_CORPUS])
    assert sample_store == user_store_dir([SAMPLE_CORPUS]) and sample_store.is_dir()
    assert not (SAMPLE_CORPUS / ".quotelens").exists()

    # a corpus folder where .quotelens cannot be a folder: the per-user data folder, per corpus
    other = tmp_path / "other"
    other.mkdir()
    (other / ".quotelens").write_text("not a folder", encoding="utf-8")
    store = resolve_store_dir([other])
    assert store == user_store_dir([other]) and store != sample_store and store.is_dir()
