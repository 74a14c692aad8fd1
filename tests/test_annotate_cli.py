"""``quotelens annotate`` / ``history`` / ``store`` from the outside, on a small real corpus.

The corpus (two sample articles) is ingested once per module; later commands open
it from its snapshot without loading spaCy.
"""

from __future__ import annotations

import json

import pytest

from store.annotations import AnnotationStore
from tui.cli import main

pytestmark = pytest.mark.usefixtures("verify_spliced_saves")


def _quotes(corpus, capsys) -> list[dict]:
    d, store = corpus
    capsys.readouterr()
    assert main(["quotes", str(d), "--store", str(store), "--format", "jsonl"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


@pytest.fixture
def fresh(corpus):
    """The corpus with an empty annotation store."""
    d, store = corpus
    for name in ("annotations.json", "annotations.json.bak", "annotations.history.jsonl"):
        (store / name).unlink(missing_ok=True)
    for p in store.glob("annotations.json.corrupt-*"):
        p.unlink()
    return d, store


@pytest.mark.slow
def test_annotate_fields_then_history(fresh, capsys):
    d, store = fresh
    qs = _quotes(fresh, capsys)
    qid = qs[0]["quote_id"]
    rc = main(
        [
            "annotate",
            str(d),
            qid,
            "--store",
            str(store),
            "--tag",
            "economy",
            "--tag",
            "check",
            "--status",
            "accepted",
            "--note",
            "first line\nsecond",
            "--speaker",
            "Jane Roe",
            "--json",
        ]
    )
    out = capsys.readouterr().out
    assert rc == 0
    got = json.loads(out.strip().splitlines()[-1])
    assert got["quote_id"] == qid and got["tags"] == ["economy", "check"] and got["status"] == "accepted"
    a = AnnotationStore(store).get(qid)
    assert a.note == "first line\nsecond" and a.speaker == "Jane Roe" and a.text == qs[0]["text"]
    assert main(["annotate", str(d), qid, "--store", str(store), "--untag", "check"]) == 0
    assert AnnotationStore(store).get(qid).tags == ("economy",)
    capsys.readouterr()
    assert main(["history", str(d), "--store", str(store), "--quote", qid]) == 0
    out = capsys.readouterr().out
    assert "2 changes" in out and "tags -check" in out and "(cli)" in out
    assert main(["history", str(d), "--store", str(store), "--quote", qid, "--limit", "1"]) == 0
    assert "1 change " in capsys.readouterr().out  # not "1 changes"
    assert main(["history", "--store", str(store), "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(x)["op"] for x in lines] == ["update", "update"]


def test_several_ids_one_step_and_undo_redo(fresh, capsys):
    d, store = fresh
    ids = [q["quote_id"] for q in _quotes(fresh, capsys)[:3]]
    assert main(["annotate", str(d), *ids, "--store", str(store), "--status", "rejected"]) == 0
    assert all(AnnotationStore(store).get(i).status == "rejected" for i in ids)
    assert main(["annotate", str(d), "--store", str(store), "--undo"]) == 0
    assert len(AnnotationStore(store)) == 0
    assert main(["annotate", str(d), "--store", str(store), "--redo"]) == 0
    assert len(AnnotationStore(store)) == 3
    assert main(["annotate", str(d), "--store", str(store), "--redo"]) == 1  # nothing to redo


def test_unknown_quote_id_suggests_close_ids(fresh, capsys):
    d, store = fresh
    qid = _quotes(fresh, capsys)[0]["quote_id"]
    rc = main(["annotate", str(d), qid[:-2] + "zz", "--store", str(store), "--tag", "x"])
    err = capsys.readouterr().err
    assert rc == 2 and "No quote" in err and "Did you mean" in err and qid in err.replace("\n", "")
    assert len(AnnotationStore(store)) == 0  # nothing written
    assert main(["annotate", str(d), qid, "--store", str(store)]) == 2  # no change given


def test_add_missing_quote_and_corrected_span(fresh, capsys):
    d, store = fresh
    qs = _quotes(fresh, capsys)
    article = qs[0]["article_id"]
    assert (
        main(
            [
                "annotate",
                str(d),
                "--store",
                str(store),
                "--add",
                f"{article}:5-30",
                "--speaker",
                "Ann Lee",
                "--kind",
                "indirect",
                "--tag",
                "missed",
            ]
        )
        == 0
    )
    (added,) = AnnotationStore(store).user_quotes(article)
    assert (added.start, added.end, added.speaker, added.kind, added.status) == (
        5,
        30,
        "Ann Lee",
        "indirect",
        "accepted",
    )
    assert len(added.text) == 25
    assert main(["annotate", str(d), "--store", str(store), "--add", "nope:1-5"]) == 2
    assert main(["annotate", str(d), "--store", str(store), "--add", f"{article}:30-5"]) == 2
    q = qs[0]
    assert (
        main(["annotate", str(d), q["quote_id"], "--store", str(store), "--span", f"{q['start']}-{q['end'] - 1}"]) == 0
    )
    span = AnnotationStore(store).get(q["quote_id"]).span
    assert (span.start, span.end) == (q["start"], q["end"] - 1) and span.text == q["text"][:-1]


def test_corrupt_store_stops_clearly_and_repair_works(fresh, capsys):
    d, store = fresh
    qs = _quotes(fresh, capsys)
    for q in qs[:4]:
        assert main(["annotate", str(d), q["quote_id"], "--store", str(store), "--tag", "kept"]) == 0
    path = store / "annotations.json"
    damaged = path.read_bytes()[:-2] + b"\xff\xfe garbage"  # torn end: the records are intact
    path.write_bytes(damaged)
    capsys.readouterr()
    rc = main(["annotate", str(d), qs[4]["quote_id"], "--store", str(store), "--tag", "new"])
    err = " ".join(capsys.readouterr().err.split())
    assert rc == 1
    assert "annotations.json" in err and "annotations.json.bak" in err and "quotelens store repair" in err
    assert path.read_bytes() == damaged  # untouched
    assert main(["store", "check", "--store", str(store)]) == 1
    assert main(["store", "repair", "--store", str(store), "--dry-run"]) == 0
    assert path.read_bytes() == damaged
    assert main(["store", "repair", "--store", str(store)]) == 0
    s = AnnotationStore(store)
    assert len(s.find(tag="kept")) == 4  # backup had 3, the 4th salvaged from the damaged file
    assert list(store.glob("annotations.json.corrupt-*"))
    assert main(["store", "check", "--store", str(store)]) == 0
    assert main(["annotate", str(d), qs[4]["quote_id"], "--store", str(store), "--tag", "new"]) == 0


def test_reading_a_store_that_is_not_there_creates_nothing(tmp_path, capsys):
    from tui.cli import main

    typo = tmp_path / "stroe"
    assert main(["history", "--store", str(typo)]) == 2
    assert main(["store", "check", "--store", str(typo)]) == 2
    assert "No store at" in capsys.readouterr().err
    assert not typo.exists()


def test_cli_undo_never_reverts_a_change_the_app_made_in_between(fresh, capsys, monkeypatch):
    d, store = fresh
    ids = [q["quote_id"] for q in _quotes(fresh, capsys)[:2]]
    monkeypatch.setenv("QUOTELENS_USER", "ann")
    assert main(["annotate", str(d), ids[0], "--store", str(store), "--tag", "from-cli"]) == 0
    AnnotationStore(store, who="ann", source="app").tag(ids[1], "from-app")  # the app, in between
    capsys.readouterr()
    assert main(["annotate", str(d), "--store", str(store), "--undo"]) == 0
    assert "undo +from-cli" in capsys.readouterr().out
    s = AnnotationStore(store)
    assert s.get(ids[0]) is None and s.get(ids[1]).tags == ("from-app",)
    assert main(["annotate", str(d), "--store", str(store), "--undo"]) == 1  # nothing more of the CLI's
    capsys.readouterr()
    assert main(["history", "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "ann (cli)" in out and "ann (app)" in out
