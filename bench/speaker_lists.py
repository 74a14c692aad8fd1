"""What the speaker lists show: how many speakers a corpus lists, and the entries that look like no speaker.

    .venv/bin/python bench/speaker_lists.py [CORPUS] [--store DIR] [--json]

Opens CORPUS (default: ../shared/corpora/bbc/politics; ingests on first use) as ``quotelens stats`` does and
prints the number of listed speakers, then the suspects of each class, for a person to judge (a suspect is
not always junk: "Walker" may be a surname the NER never tagged):

* ``unlabelled_one_word``: one-word speakers the NER never labelled in this corpus ("Research", "Committee");
* ``place_labels``: speakers the NER labelled a place (GPE, LOC, FAC) at least once ("Swindon");
* ``role_first``: a first word that is no first name before one that is ("Farmer Geoff Brooks");
* ``role_last``: a last word that is a title or role ("European Commissioner"; "Guy Mansfield QC" is not);
* ``coordinations``: names with "and" or a comma ("Culture, Media and Tessa Jowell");
* ``spelling_pairs``: two listed people one edit apart in one name, the other name the same ("Carol Walker"
  / "Carole Walker");
* ``surname_beside_full_name``: a one-word speaker listed beside a full name ending with it, or with a surname a
  letter apart ("Blair" beside "Tony Blair"; it may be someone else: "Blair" beside "Ian Blair");
* ``acronym_pairs``: a listed acronym beside a listed name it spells ("UKIP" / "UK Independence Party").
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._common import BBC  # noqa: E402
from corpus.acronyms import spells_initials  # noqa: E402
from corpus.first_names import is_known_first_name  # noqa: E402
from corpus.listed_speakers import ROLE_WORDS, is_role  # noqa: E402
from corpus.names import TITLE_WORDS  # noqa: E402
from corpus.speaker_merge import one_edit_apart  # noqa: E402

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def suspects(corpus: Path, store: Path | None = None) -> dict[str, Any]:
    from store.workspace import Workspace

    ws = Workspace.open([corpus], store_dir=store)
    index = ws.index
    listed = index.speakers()
    out: dict[str, list[str]] = {
        k: [] for k in ("unlabelled_one_word", "place_labels", "role_first", "role_last", "coordinations")
    }
    people: list[list[str]] = []
    for s in listed:
        name = s.name
        words = name.split()
        stat = index.entity(s.key)
        labels = stat.labels if stat is not None else ()
        if len(words) == 1 and not labels:
            out["unlabelled_one_word"].append(name)
        if PLACE_LABELS & set(labels):
            out["place_labels"].append(name)
        if len(words) >= 3 and not is_known_first_name(words[0]) and is_known_first_name(words[1], 1000):
            out["role_first"].append(name)
        last = words[-1].lower().strip(".,")
        if len(words) > 1 and (last in TITLE_WORDS or last in ROLE_WORDS or is_role(name)):
            out["role_last"].append(name)
        if " and " in name or "," in name or "&" in name:
            out["coordinations"].append(name)
        if len(words) == 2 and (not labels or labels[0] == "PERSON"):
            people.append(words)
    pairs = []
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            if (a[1] == b[1] and one_edit_apart(a[0].lower(), b[0].lower())) or (
                a[0] == b[0] and one_edit_apart(a[1].lower(), b[1].lower())
            ):
                pairs.append(f"{' '.join(a)} / {' '.join(b)}")
    names = [s.name for s in listed]
    multi = [n for n in names if " " in n]
    by_last: dict[str, list[str]] = {}
    for n in multi:
        by_last.setdefault(n.split()[-1].lower(), []).append(n)
    beside = []
    for n in names:
        if " " in n:
            continue
        low = n.lower()
        fulls = by_last.get(low, []) + [
            m
            for last, ms in by_last.items()
            if min(len(low), len(last)) >= 5 and low[:1] == last[:1] and one_edit_apart(low, last)
            for m in ms
        ]
        if fulls:
            beside.append(f"{n} / {', '.join(fulls[:3])}")
    person = {s.name for s in listed if (stat := index.entity(s.key)) is not None and stat.labels[:1] == ("PERSON",)}
    acronyms = [f"{n} / {m}" for n in names if " " not in n for m in multi if m not in person and spells_initials(n, m)]
    return {
        "listed": len(listed),
        **out,
        "spelling_pairs": pairs,
        "surname_beside_full_name": beside,
        "acronym_pairs": acronyms,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=BBC / "politics")
    ap.add_argument("--store", type=Path, help="the store to use (default: the corpus's, as quotelens uses)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    found = suspects(args.corpus, args.store)
    if args.json:
        print(json.dumps(found, indent=1))
        return 0
    print(f"listed speakers: {found['listed']}")
    for name, items in found.items():
        if name != "listed":
            print(f"{name} ({len(items)}): {'; '.join(items)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
