"""The analysis cache under concurrency and faults: two processes analysing the same new
corpus at once, a damaged, size-limited, read-only or unopenable ``analysis.sqlite``
(real SQLite files, real processes)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from corpus.readers import SAMPLE_CORPUS
from store.cache import CACHE_FILE, AnalysisCache
from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent

# Writes the same 40 analyses as another process, in its own shuffled batches, and prints the
# content hash → analysis id map it sees after each batch.
RACER = textwrap.dedent(
    """
    import json, random, sys
    from corpus.models import Analysis, Quote
    from store.cache import AnalysisCache, AnalysisRow, Facets, pack_payload
    store, seed = sys.argv[1], int(sys.argv[2])
    cache = AnalysisCache(store)
    rows = []
    for i in range(40):
        a = Analysis(entities=[], quotes=[Quote(id=f"#q{i}", text=f"quote {i}", start=0, end=7, kind="direct")],
                     n_words=10 + i)
        rows.append(AnalysisRow(f"hash-{i:02d}", pack_payload(a), Facets.of(a)))
    random.Random(seed).shuffle(rows)
    print("ready", flush=True)
    sys.stdin.readline()  # both start together
    for start in range(0, 40, 5):
        cache.put_batch("akey", rows[start:start + 5])
        print(json.dumps(cache.analysed_hashes("akey")), flush=True)
    """
)


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
def test_two_processes_storing_the_same_new_analyses_never_change_an_id(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for round_ in range(4):
        store = tmp_path / f"round-{round_}"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", RACER, str(store), str(seed)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                text=True,
            )
            for seed in (round_, round_ + 100)
        ]
        for p in procs:
            assert p.stdout.readline().strip() == "ready", p.stderr.read()
        for p in procs:
            p.stdin.write("go\n")
            p.stdin.flush()
        seen: dict[str, set[int]] = {}
        for p in procs:
            out, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
            for line in out.splitlines():
                for h, aid in json.loads(line).items():
                    seen.setdefault(h, set()).add(aid)
        assert len(seen) == 40
        assert all(len(ids) == 1 for ids in seen.values()), {h: ids for h, ids in seen.items() if len(ids) > 1}
        cache = AnalysisCache(store)
        final = cache.analysed_hashes("akey")
        assert {h: {aid} for h, aid in final.items()} == seen  # every id a process saw is still the one
        assert all(cache.payload(aid) is not None for aid in final.values())
        assert len(cache.facet_rows("akey")) == 40
        cache.close()


@pytest.mark.slow
def test_two_first_opens_of_one_new_corpus_at_once_agree(tmp_path):
    """Two `quotelens quotes` on a corpus nobody analysed yet, started together (the race is
    repeated at the cache level above; this is the whole path once: spaCy loads take seconds)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for round_ in range(1):
        corpus, store = tmp_path / f"news-{round_}", tmp_path / f"store-{round_}"
        shutil.copytree(SAMPLE_CORPUS, corpus)
        cmd = [sys.executable, "-m", "tui.cli", "quotes", str(corpus), "--store", str(store), "--format", "jsonl"]
        procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(2)]
        outs = [p.communicate(timeout=240) for p in procs]
        for p, (_out, err) in zip(procs, outs, strict=True):
            assert p.returncode == 0, err.decode()
        assert outs[0][0] == outs[1][0] and outs[0][0].count(b"\n") > 5
        again = subprocess.run(cmd, capture_output=True, env=env, timeout=240)
        assert again.returncode == 0 and again.stdout == outs[0][0]
        assert subprocess.run([*cmd[:3], "store", "check", "--store", str(store)], env=env).returncode == 0


def _quotes(store: Path, capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = main(["quotes", str(SAMPLE_CORPUS), "--store", str(store), "--format", "jsonl"])
    captured = capsys.readouterr()
    return rc, captured.out, captured.err


def test_a_damaged_cache_is_set_aside_rebuilt_and_the_user_told(store_dir, nlp, capsys):
    rc, good, _ = _quotes(store_dir, capsys)
    assert rc == 0 and good
    path = store_dir / CACHE_FILE
    for side in ("-wal", "-shm"):
        (store_dir / (CACHE_FILE + side)).unlink(missing_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    capsys.readouterr()
    assert main(["store", "check", "--store", str(store_dir)]) == 1
    assert str(path) in capsys.readouterr().err
    rc, out, err = _quotes(store_dir, capsys)
    assert rc == 0 and out == good
    assert "was damaged" in err and str(path) in err and "rebuilt from the corpus" in err
    assert [p.name for p in store_dir.glob(CACHE_FILE + ".corrupt-*")]
    assert main(["store", "check", "--store", str(store_dir)]) == 0


def test_store_repair_sets_a_damaged_cache_aside(tmp_path, capsys):
    (tmp_path / CACHE_FILE).write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    capsys.readouterr()
    assert main(["store", "repair", "--store", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "set aside" in out and "rebuilds it from the corpus" in out
    assert not (tmp_path / CACHE_FILE).exists() and list(tmp_path.glob(CACHE_FILE + ".corrupt-*"))


def test_a_cache_that_cannot_be_opened_is_a_clear_message_on_a_read_only_command(store_dir, capsys):
    path = store_dir / CACHE_FILE
    for p in store_dir.glob(CACHE_FILE + "*"):
        p.unlink()
    path.mkdir()  # a folder where the file should be
    rc, out, err = _quotes(store_dir, capsys)
    assert rc != 0 and not out
    assert str(path) in err and "not a regular file" in err and "Traceback" not in err


CACHE_FSIZE = textwrap.dedent(
    """
    import os, resource, signal, sys
    from corpus.models import Analysis
    from store.cache import AnalysisCache, AnalysisRow, Facets
    from store.safe_storage import StoreError
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
    cache = AnalysisCache(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
    a = Analysis(entities=[], quotes=[], n_words=1)
    try:
        cache.put_batch("k", [AnalysisRow(f"h{i}", os.urandom(50_000), Facets.of(a)) for i in range(20)])
    except StoreError as exc:
        print("ERROR", exc)
        sys.exit(3)
    """
)


def test_a_size_limited_cache_is_a_clear_message_and_keeps_what_was_stored(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run(
        [sys.executable, "-c", CACHE_FSIZE, str(tmp_path)], capture_output=True, text=True, env=env, timeout=60
    )
    assert r.returncode == 3, (r.stdout, r.stderr)
    assert str(tmp_path / CACHE_FILE) in r.stdout and "file-size limit" in r.stdout
    cache = AnalysisCache(tmp_path)  # still a good database, without the batch that did not fit
    assert cache.analysed_hashes("k") == {}


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_cache_still_serves_read_only_commands(store_dir, capsys):
    rc, good, _ = _quotes(store_dir, capsys)
    for p in store_dir.iterdir():
        p.chmod(0o444)
    store_dir.chmod(0o555)
    try:
        rc, out, err = _quotes(store_dir, capsys)
        assert rc == 0 and out == good, err
    finally:
        store_dir.chmod(0o755)
        for p in store_dir.iterdir():
            p.chmod(0o644)


def test_a_snapshot_that_names_analyses_that_are_gone_is_found_and_dropped(store_dir, capsys):
    """What the INSERT OR REPLACE race of older versions left behind: check finds it, repair drops it."""
    import sqlite3

    con = sqlite3.connect(store_dir / CACHE_FILE)
    (aid,) = con.execute("SELECT min(id) FROM analyses").fetchone()
    con.execute("DELETE FROM facets WHERE id=?", (aid,))
    con.execute("DELETE FROM analyses WHERE id=?", (aid,))
    con.commit()
    con.close()
    capsys.readouterr()
    assert main(["store", "check", "--store", str(store_dir)]) == 1
    assert "refer to analyses that are gone" in capsys.readouterr().err
    assert main(["store", "repair", "--store", str(store_dir)]) == 0
    assert "Dropped 1 stale corpus snapshot" in capsys.readouterr().out
    assert main(["store", "check", "--store", str(store_dir)]) == 0


def test_an_immutable_cache_still_serves_read_only_commands(store_dir, capsys):
    """A cache that cannot be written (here: chattr +i, which binds root too) is opened read-only."""
    rc, good, _ = _quotes(store_dir, capsys)
    assert rc == 0
    path = store_dir / CACHE_FILE
    AnalysisCache(store_dir).connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        rc, out, err = _quotes(store_dir, capsys)
        assert rc == 0 and out == good, err
        cache = AnalysisCache(store_dir)
        assert cache.mode in ("ro", "immutable")
        from store.cache_files import CacheError

        with pytest.raises(CacheError, match=str(path)):
            cache.put_texts([("h", "a text")])
    finally:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def test_a_cache_another_process_is_still_setting_up_is_opened_for_writing(tmp_path, monkeypatch):
    # Two first opens of one corpus at once: the second may meet the new cache while the first is still
    # making its WAL index ("attempt to write a readonly database", SQLITE_READONLY_CANTINIT). That is
    # "not yet": the cache must stay writable, not fall back to read-only and fail at its first write.
    import sqlite3

    from store.cache_files import CacheError

    AnalysisCache(tmp_path).close()  # the cache file exists, made by "the other process"
    real = AnalysisCache._create_schema
    calls = {"n": 0}

    def busy_once(self: AnalysisCache) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            err = sqlite3.OperationalError("attempt to write a readonly database")
            err.sqlite_errorcode = sqlite3.SQLITE_READONLY_CANTINIT  # type: ignore[attr-defined]
            raise CacheError(self.path, err, "write")
        real(self)

    monkeypatch.setattr(AnalysisCache, "_create_schema", busy_once)
    cache = AnalysisCache(tmp_path)
    assert cache.mode == "rw"
    cache.remember_model_key("fingerprint", "akey")  # a write succeeds
    assert AnalysisCache(tmp_path).model_key("fingerprint") == "akey"


def test_a_cache_that_cannot_be_written_is_not_retried_as_if_busy():
    # near miss: a plain read-only error is no passing state
    import sqlite3

    from store.cache_files import is_transient

    err = sqlite3.OperationalError("attempt to write a readonly database")
    err.sqlite_errorcode = sqlite3.SQLITE_READONLY  # type: ignore[attr-defined]
    assert not is_transient(err)
    busy = sqlite3.OperationalError("database is locked")
    busy.sqlite_errorcode = sqlite3.SQLITE_BUSY  # type: ignore[attr-defined]
    assert is_transient(busy)
