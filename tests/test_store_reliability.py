"""Reliability of the annotation store with real files and real processes.

- kill -9 of writers at random moments (100 kills under ``make soak``, 24 in ``make test``):
  the store always opens and every write acknowledged before the kill is there;
- a write failing half-way (file-size limit in a child process): previous state intact;
- two processes x 500 annotations at once: all 1,000 present, and tags two
  processes add to the same quote are both kept.

The writer processes import only the store (no spaCy) so they start fast.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from store.annotations import AnnotationStore

ROOT = Path(__file__).resolve().parent.parent

WRITER = textwrap.dedent(
    """
    import sys
    from store.annotations import AnnotationStore
    path, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = AnnotationStore(path, who=prefix, source="test")
    print("ready", flush=True)
    for i in range(count):
        qid = f"art-{i % 7}#{prefix}-{i:05d}"
        store.update(qid, add_tags=[prefix, "shared"], note=f"note {i} by {prefix}\\nsecond line")
        if sys.argv[4:] == ["common"] and i % 5 == 0:  # both processes also tag one shared quote
            store.tag("art-0#common", f"{prefix}-{i}")
        print(qid, flush=True)
    """
)


def _spawn(store_dir: Path, prefix: str, count: int, *extra: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store_dir), prefix, str(count), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=str(ROOT),
        text=True,
    )


@pytest.mark.slow
@pytest.mark.soak
@pytest.mark.timeout(900)  # 100 writer processes: over 300 s on a machine at load 20, ~20 s on a quiet one
def test_kill9_at_random_moments_never_loses_acknowledged_writes(tmp_path, soak):
    rng = random.Random(1234)
    # 4 writers at a time (also exercises the lock); 100 kills in `make soak`, the same checks after
    # each of 24 kills in `make test` (a writer process costs ~0.5 s of CPU: the 100 took a sixth of the suite)
    lanes, kills_per_lane = 4, (25 if soak else 6)
    acked: set[str] = set()
    kills = 0
    active: list[tuple[subprocess.Popen, float]] = []
    started = 0
    while kills < lanes * kills_per_lane:
        while len(active) < lanes and started < lanes * kills_per_lane:
            p = _spawn(tmp_path, f"w{started}", 100_000)
            assert p.stdout.readline().strip() == "ready", p.stderr.read()
            active.append((p, time.monotonic() + rng.uniform(0.0, 0.12)))
            started += 1
        time.sleep(0.005)
        for p, deadline in list(active):
            if time.monotonic() < deadline:
                continue
            p.kill()  # SIGKILL
            out, err = p.communicate()
            assert p.returncode == -9, err
            acked.update(line.strip() for line in out.splitlines() if line.strip())
            active.remove((p, deadline))
            kills += 1
            # the store always opens, and every acknowledged write is there
            s = AnnotationStore(tmp_path)
            have = {a.quote_id for a in s.all()}
            missing = acked - have
            assert not missing, f"{len(missing)} acknowledged writes lost after {kills} kills"
    assert kills == lanes * kills_per_lane
    assert len(acked) >= kills // 5  # the writers did get work done between kills (how much depends on the machine)
    leftovers = [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name]
    AnnotationStore(tmp_path).tag("art-0#final", "x")  # a new writer cleans temp files of dead ones
    assert not [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name], leftovers


@pytest.mark.slow
@pytest.mark.soak
def test_two_processes_500_each(tmp_path):
    a = _spawn(tmp_path, "alpha", 500, "common")
    b = _spawn(tmp_path, "beta", 500, "common")
    for p in (a, b):
        assert p.stdout.readline().strip() == "ready"
    outs = [p.communicate(timeout=240) for p in (a, b)]
    for p, (_out, err) in zip((a, b), outs, strict=False):
        assert p.returncode == 0, err
    s = AnnotationStore(tmp_path)
    ids = {x.quote_id for x in s.all()}
    assert len([i for i in ids if "#alpha-" in i]) == 500
    assert len([i for i in ids if "#beta-" in i]) == 500
    common = s.get("art-0#common")
    assert len(common.tags) == 200  # both processes' tags on one quote: none lost
    assert dict(s.tags())["shared"] == 1000
    assert len(s.history()) == 1200


CHILD_FSIZE = textwrap.dedent(
    """
    import os, resource, signal, sys
    from store.annotations import AnnotationStore, StoreWriteError
    path = sys.argv[1]
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
    size = max(os.path.getsize(os.path.join(path, f)) for f in ("annotations.json", "annotations.history.jsonl"))
    resource.setrlimit(resource.RLIMIT_FSIZE, (size + 4096, size + 4096))
    store = AnnotationStore(path)
    try:
        store.set_note("art-1#q", "x" * 200_000)
    except StoreWriteError as exc:
        print("ERROR", exc)
        sys.exit(3)
    print("saved?!")
    """
)


def test_write_failing_half_way_keeps_previous_state(tmp_path):
    s = AnnotationStore(tmp_path)
    for i in range(50):
        s.set_note(f"art-1#q{i}", f"note {i}")
    before = (tmp_path / "annotations.json").read_bytes()
    history = (tmp_path / "annotations.history.jsonl").read_bytes()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run(
        [sys.executable, "-c", CHILD_FSIZE, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(ROOT),
        timeout=60,
    )
    assert r.returncode == 3, (r.stdout, r.stderr)
    # the history line is the commit (see store.annotations.journal): it is the write that failed
    assert "too large" in r.stdout and "annotations.history.jsonl" in r.stdout
    assert (tmp_path / "annotations.json").read_bytes() == before
    assert (tmp_path / "annotations.history.jsonl").read_bytes() == history
    assert len(AnnotationStore(tmp_path)) == 50
    assert not [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_directory(tmp_path):
    s = AnnotationStore(tmp_path)
    s.set_note("a#1", "kept")
    os.chmod(tmp_path, 0o555)
    try:
        from store.annotations import StoreWriteError

        with pytest.raises(StoreWriteError):
            AnnotationStore(tmp_path).set_note("a#1", "lost")
        assert AnnotationStore(tmp_path).get("a#1").note == "kept"  # reading needs no lock
    finally:
        os.chmod(tmp_path, 0o755)
