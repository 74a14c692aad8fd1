"""Every view agrees with the review: ``quotes``, ``stats`` and ``export`` after a
correction and a rejection (store.reviewed, real pipeline on the sample articles)."""

from __future__ import annotations

import json
import shutil

import pytest

from store.reviewed import ReviewedCorpus
from store.workspace import Workspace
from tui.cli import main


@pytest.fixture
def reviewed_corpus(corpus, tmp_path):
    """The sample, with one of Navdeep Bains's quotes moved to Justin Trudeau, one rejected,
    one tagged, and a quote added for a new speaker: ``(folder, store, moved_id, rejected_id)``."""
    folder, store = corpus
    store_copy = tmp_path / "store"
    shutil.copytree(store, store_copy, ignore=shutil.ignore_patterns("annotations*"))
    ws = Workspace.open([folder], store_dir=store_copy)
    try:
        bains = ReviewedCorpus(ws.index, ws.annotations).refs(speaker="Navdeep Bains")
        assert len(bains) == 5
        moved, rejected, tagged = bains[0].quote_id, bains[1].quote_id, bains[2].quote_id
        ws.annotations.set_speaker(moved, "Justin Trudeau")
        ws.annotations.set_status(rejected, "rejected")
        ws.annotations.tag(tagged, "Follow-up")
        article = ws.index.meta(bains[3].row).id
        text = ws.article(article).text
        ws.annotations.add_quote(article, 0, 40, text[:40], speaker="Jane Example", kind="indirect")
    finally:
        ws.close()
    return folder, store_copy, moved, rejected


def cli_json(capsys, argv: list[str]) -> tuple[list[dict], str]:
    capsys.readouterr()
    assert main(argv) == 0
    out, err = capsys.readouterr()
    if argv[0] == "stats":
        return [json.loads(out)], err
    return [json.loads(line) for line in out.splitlines()], err


def test_quotes_stats_and_export_agree_after_a_correction_a_rejection_and_an_addition(reviewed_corpus, capsys):
    folder, store, moved, rejected = reviewed_corpus
    common = [str(folder), "--store", str(store)]
    (stats,), _ = cli_json(capsys, ["stats", *common, "--json"])
    exported, _ = cli_json(capsys, ["export", *common])
    counted = {s["name"]: s["quotes"] for s in stats["speakers"]}

    for name, expected in (("Navdeep Bains", 3), ("Justin Trudeau", 3), ("Jane Example", 1)):
        listed, _ = cli_json(capsys, ["quotes", *common, "--speaker", name])
        in_export = [r for r in exported if r["speaker"] == name and r["status"] != "rejected"]
        assert len(listed) == counted[name] == len(in_export) == expected, name

    # the moved quote counts for its new speaker, and only there
    trudeau, _ = cli_json(capsys, ["quotes", *common, "--speaker", "Trudeau"])
    assert moved in {r["quote_id"] for r in trudeau}
    (row,) = [r for r in trudeau if r["quote_id"] == moved]
    assert row["speaker"] == "Justin Trudeau" and row["extracted_speaker"] == "Navdeep Bains"

    # the rejected quote is out of every count and list, and listed when asked for
    every, err = cli_json(capsys, ["quotes", *common])
    assert rejected not in {r["quote_id"] for r in every}
    assert "1 rejected quote not shown" in err
    assert len(every) == stats["quotes"] == len([r for r in exported if r["status"] != "rejected"])
    assert sum(stats["quotes_by_kind"].values()) == stats["quotes"]
    assert stats["review"]["rejected"] == 1 and stats["review"]["added"] == 1
    only_rejected, _ = cli_json(capsys, ["quotes", *common, "--status", "rejected"])
    assert [r["quote_id"] for r in only_rejected] == [rejected]

    tagged, _ = cli_json(capsys, ["quotes", *common, "--tag", "follow-up"])
    assert [r["tags"] for r in tagged] == [["Follow-up"]]
    assert [r["quote_id"] for r in tagged] == [r["quote_id"] for r in exported if r["tags"] == ["Follow-up"]]


def test_a_surname_finds_the_person_the_lists_show(reviewed_corpus):
    folder, store, _moved, _rejected = reviewed_corpus
    ws = Workspace.open([folder], store_dir=store)
    try:
        reviewed = ReviewedCorpus(ws.index, ws.annotations)
        assert reviewed.resolve_speaker("Bains") == reviewed.resolve_speaker("Navdeep Bains") == "navdeep bains"
        assert len(reviewed.refs(speaker="Bains")) == 3
    finally:
        ws.close()
