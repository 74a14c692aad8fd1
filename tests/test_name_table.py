"""The first-name table behind ``gender_source == "name"``: kept in a compact per-user cache so a process
does not parse nomquamgender's 22 MB JSON (about a second) before its first article."""

from __future__ import annotations

import pytest

from corpus import first_names as gender


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gender._name_table.cache_clear()
    yield tmp_path
    gender._name_table.cache_clear()


def _answers() -> list[str]:
    return [gender.name_gender(n) for n in ("Michelle", "Andrew", "Robin", "Qxvbqj")]


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
def test_the_cached_table_answers_like_the_full_data(cache_home):
    first = _answers()
    (cached,) = (cache_home / "quotelens").glob("first-names-*.marshal")
    assert first == ["female", "male", "unknown", "unknown"]
    gender._name_table.cache_clear()  # a new process: reads the cache, not the JSON
    assert _answers() == first and cached.exists()
    assert gender.is_known_first_name("Andrew") and not gender.is_known_first_name("Qxvbqj")


@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
def test_a_damaged_cache_is_rebuilt_and_an_unwritable_one_is_done_without(cache_home, monkeypatch):
    _answers()
    (cached,) = (cache_home / "quotelens").glob("first-names-*.marshal")
    cached.write_bytes(b"\x00 not marshal")
    gender._name_table.cache_clear()
    assert _answers() == ["female", "male", "unknown", "unknown"]
    assert cached.stat().st_size > 1000  # rebuilt

    blocked = cache_home / "blocked"
    blocked.write_text("a file where the cache folder would go")
    gender._name_table.cache_clear()
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert _answers() == ["female", "male", "unknown", "unknown"]
    assert not list(cache_home.glob("**/*.tmp"))
