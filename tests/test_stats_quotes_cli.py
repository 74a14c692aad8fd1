"""``quotelens ingest``, ``stats`` and ``quotes`` on the seeds (real pipeline, temp store)."""

from __future__ import annotations

import argparse
import csv
import importlib
import io
import json

import pytest
from conftest import SEEDS


def cli(argv: list[str]) -> int:
    """Run one subcommand as ``quotelens`` would (its own module's configure/run)."""
    module = importlib.import_module(f"tui.commands.{argv[0]}")
    parser = argparse.ArgumentParser(prog=f"quotelens {argv[0]}")
    module.configure(parser)
    return module.run(parser.parse_args(argv[1:]))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = tmp_path_factory.mktemp("store")
    assert cli(["ingest", str(SEEDS), "--store", str(store), "--workers", "0"]) == 0
    return store


def run_json(capsys, argv):
    capsys.readouterr()
    assert cli(argv) == 0
    out = capsys.readouterr().out
    return out


def test_ingest_json_report_and_rerun(store, capsys):
    out = run_json(capsys, ["ingest", str(SEEDS), "--store", str(store), "--json"])
    data = json.loads(out)
    assert data["articles"] == 2 and data["failed"] == [] and data["store"] == str(store)
    assert data["analysed"] is None  # unchanged since the fixture's ingest: opened from the snapshot


def test_stats_json(store, capsys):
    data = json.loads(run_json(capsys, ["stats", str(SEEDS), "--store", str(store), "--json", "--top", "5"]))
    assert data["articles"] == 2 and data["analysed"] == 2 and data["words"] > 500
    assert data["quotes"] == sum(data["quotes_by_kind"].values()) > 0
    assert set(data["quotes_by_kind"]) == {"direct", "indirect", "mixed", "floating"}
    assert data["speakers"] and all(s["quotes"] >= 1 for s in data["speakers"])
    assert len(data["entities"]["GPE"]) <= 5
    gpe = {e["key"] for e in data["entities"]["GPE"]}
    assert "canada" in gpe or "china" in gpe
    assert sum(data["months"].values()) == 2 and sum(data["sources"].values()) == 2


def test_stats_tables(store, capsys):
    out = run_json(capsys, ["stats", str(SEEDS), "--store", str(store)])
    for title in ("Corpus", "Top quoted speakers", "Top People", "Top Organisations", "Articles per month"):
        assert title in out
    assert "Top PERSON" not in out and "Top ORG" not in out  # the app's names for the labels, not spaCy's


def quotes_jsonl(capsys, store, *extra):
    out = run_json(capsys, ["quotes", str(SEEDS), "--store", str(store), "--format", "jsonl", *extra])
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_quotes_filters(store, capsys):
    every = quotes_jsonl(capsys, store)
    assert len(every) > 3
    assert all(q["quote_id"].startswith(q["article_id"] + "#") for q in every)

    top = json.loads(run_json(capsys, ["stats", str(SEEDS), "--store", str(store), "--json"]))["speakers"][0]
    by_speaker = quotes_jsonl(capsys, store, "--speaker", top["name"].upper())
    assert len(by_speaker) == top["quotes"] and {q["speaker_key"] for q in by_speaker} == {top["key"]}

    for kind in ("direct", "indirect"):
        got = quotes_jsonl(capsys, store, "--kind", kind)
        assert got and {q["kind"] for q in got} == {kind}
        assert len(got) == sum(1 for q in every if q["kind"] == kind)

    word = every[0]["text"].split()[1].strip('“”",.')
    found = quotes_jsonl(capsys, store, "--search", word)
    assert found and all(word.lower() in q["text"].lower() for q in found)

    in_article_with = quotes_jsonl(capsys, store, "--entity", "Huawei")
    assert in_article_with and len(in_article_with) <= len(every)
    assert quotes_jsonl(capsys, store, "--speaker", "Nobody Atall") == []
    assert quotes_jsonl(capsys, store, "--limit", "2") == every[:2]


def test_quotes_csv_and_table(store, capsys, tmp_path):
    out = run_json(capsys, ["quotes", str(SEEDS), "--store", str(store), "--format", "csv", "--kind", "direct"])
    assert out.startswith("\ufeff")  # the spreadsheet CSV of `export` (UTF-8 with BOM)
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert rows and {r["kind"] for r in rows} == {"direct"}
    # one set of CSV columns for `quotes`, `export` and the app, the reviewed speaker last (issue 14)
    from store.export import FIELDS

    assert list(rows[0].keys()) == list(FIELDS) and FIELDS[-1] == "speaker"
    exported = tmp_path / "all.csv"
    assert cli(["export", str(SEEDS), "--store", str(store), "--format", "csv", "-o", str(exported)]) == 0
    by_id = {r["quote_id"]: r for r in csv.DictReader(io.StringIO(exported.read_text("utf-8-sig")))}
    assert all(by_id[r["quote_id"]] == r for r in rows)  # the same rows as `export` writes
    table = run_json(capsys, ["quotes", str(SEEDS), "--store", str(store), "--format", "table"])
    assert "quotes" in table and "Speaker" in table


def test_missing_corpus_is_an_error(tmp_path, capsys):
    assert cli(["stats", str(tmp_path / "nope"), "--store", str(tmp_path / "s")]) == 2
