"""First names and the gender they are given: nomquamgender's offline table (MIT), read only for
names it gives nearly always to one gender."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import marshal
import os
from pathlib import Path

FEMALE, MALE, UNKNOWN = "female", "male", "unknown"

# nomquamgender's uncertainty of a name is 0.5 - |0.5 - P(female)|: 0 for a name only ever
# given to one gender, 0.5 for one given to both equally. A name is evidence only at 0.1 or
# below (its authors' default: P(female) ≤ 0.1 or ≥ 0.9) and with at least 10 people behind
# the estimate; everything else stays unknown.
NAME_THRESHOLD = 0.1
NAME_MIN_COUNT = 10
# Which of several people a he/she takes up may lean on a name given mostly to one gender
# ("Bernie": 85% men) — a preference between readings that does not rule out anyone alone,
# and never what is recorded of the person.
AGREEMENT_THRESHOLD = 0.25
# A name given to the other gender fewer than 2 times in 100 ("Michelle", "Donald") rules a he/she out
# even when no one else is in reach: the pronoun is someone the text did not name. Between this and
# NAME_THRESHOLD ("Marty": 8% women) it is only a likelihood.
STRICT_THRESHOLD = 0.02


# The table keeps only names with at least this many people behind them: both callers ask for
# NAME_MIN_COUNT or more, and it cuts nomquamgender's 720k names to a fraction.
_TABLE_MIN_COUNT = NAME_MIN_COUNT


def _nomquamgender_data() -> Path:
    """nomquamgender's ``name_data.json``, found without importing the package (its import loads
    pandas and parses the whole file, ~1 s a process)."""
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("nomquamgender is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "name_data.json"


def _table_cache(source: Path) -> Path:
    """Where the compact table of ``source`` is kept: the user's cache folder, keyed by the data file's size
    and time, so a new nomquamgender release builds a new one."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    st = source.stat()
    return Path(base) / "quotelens" / f"first-names-{st.st_size}-{st.st_mtime_ns}-{_TABLE_MIN_COUNT}.marshal"


@functools.lru_cache(maxsize=1)
def _name_table() -> dict[str, tuple[int, float]]:
    """first name (lower case, ASCII) → (observations, P(gendered female)), nomquamgender's data.

    Parsing its 22 MB JSON costs about a second in every process that analyses (each ingest worker,
    each CLI run), so the few names that matter are kept in a compact ``marshal`` file in the user's
    cache folder (marshal holds plain data and runs no code). The cache is best effort: when it cannot
    be read or written, the table is built from the JSON as before.
    """
    import orjson

    source = _nomquamgender_data()
    cache = _table_cache(source)
    try:
        cached = marshal.loads(cache.read_bytes())
        if isinstance(cached, dict):
            return cached
    except (OSError, ValueError, EOFError, TypeError):
        pass  # none yet, or unreadable: build it
    table = {
        name: (int(info[1]), float(info[2]))
        for name, info in orjson.loads(source.read_bytes()).items()
        if int(info[1]) >= _TABLE_MIN_COUNT
    }
    tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps(table))
        os.replace(tmp, cache)  # readers see the whole file or none
    except OSError:  # a read-only, full or missing cache folder: the next process builds the table again
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return table


@functools.lru_cache(maxsize=16384)  # a pure function of the word, asked again for every mention of a name
def _folded(word: str) -> str:
    """``word`` in ASCII and lower case, as the name table keys its names."""
    from unidecode import unidecode

    return unidecode(word).lower()


def is_known_first_name(word: str, min_count: int = NAME_MIN_COUNT) -> bool:
    """Whether the name table knows ``word`` as a first name of at least ``min_count`` people."""
    key = _folded(word)
    found = _name_table().get(key) if key.isalpha() and len(key) > 1 else None
    return found is not None and found[0] >= min_count


def name_gender(first_name: str, threshold: float = NAME_THRESHOLD) -> str:
    """female/male from an unambiguous first name, else unknown.

    nomquamgender's uncertainty is 0.5 - |0.5 - P(female)|; like its ``NBGC.classify`` we
    take a name only at ``NAME_THRESHOLD`` or below, and only when the table rests on at least
    ``NAME_MIN_COUNT`` observed people (its own "high coverage" line), not on an estimate alone.
    """
    key = _folded(first_name).strip(".")  # (ASCII: lower case first or last is the same)
    if "-" in key:
        # a compound first name ("Anne-Marie", "Sven-Goran", "Karl-Heinz") whose parts are first names of one
        # gender is of that gender; "Jean-Marie" (Jean: either) and a double surname ("Erskine-Smith": Smith is
        # no one's gender) are of none
        genders = {name_gender(part, threshold) for part in key.split("-")}
        return genders.pop() if len(genders) == 1 else UNKNOWN
    if len(key) < 2 or not key.isalpha():
        return UNKNOWN
    found = _name_table().get(key)
    if found is None:
        return UNKNOWN
    count, p_female = found
    if count < NAME_MIN_COUNT or p_female != p_female:  # NaN: no data
        return UNKNOWN
    if 0.5 - abs(0.5 - p_female) > threshold:
        return UNKNOWN
    return FEMALE if p_female > 0.5 else MALE


__all__ = [
    "AGREEMENT_THRESHOLD",
    "STRICT_THRESHOLD",
    "FEMALE",
    "MALE",
    "NAME_MIN_COUNT",
    "NAME_THRESHOLD",
    "UNKNOWN",
    "is_known_first_name",
    "name_gender",
]
