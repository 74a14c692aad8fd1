"""One review, whichever way the corpus is opened (store.paths, store.adopt, Workspace.open).

Real folders, the real pipeline: a review done in a sub-folder is found when the parent,
a symlink, a relative path or a single file is opened, and again in the sub-folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from store.paths import STORE_FOLDER
from store.workspace import Workspace
from tui.cli import main

ARTICLES = {
    "politics/budget.txt": (
        "Budget talks stall\n\n"
        '"We will not accept these cuts," said Maria Lopez, the union leader. '
        "The minister said the plan would save money."
    ),
    "politics/schools.txt": ('Schools reopen\n\n"Children need their classrooms," said Tom Reed, a head teacher.'),
    "tech/phone.txt": ('New phone launched\n\n"This is our best phone yet," said Anna Berg, the chief executive.'),
}


@pytest.fixture(scope="module")
def analysed(tmp_path_factory) -> Path:
    """The tree with politics/ opened (and analysed) on its own once: a store in politics/."""
    news = tmp_path_factory.mktemp("template") / "news"
    for rel, text in ARTICLES.items():
        (news / rel).parent.mkdir(parents=True, exist_ok=True)
        (news / rel).write_text(text, encoding="utf-8")
    Workspace.open([news / "politics"]).close()
    assert (news / "politics" / STORE_FOLDER / "analysis.sqlite").exists()
    return news


@pytest.fixture
def news(analysed, tmp_path) -> Path:
    target = tmp_path / "news"
    shutil.copytree(analysed, target)
    return target


def budget_quote(ws: Workspace, article_id: str):
    (q,) = [q for q in ws.analysis(article_id).quotes if "cuts" in q.text]
    return q


def review_in_child(news: Path) -> str:
    """Reject the budget quote and tag it, with politics/ opened; its id there."""
    ws = Workspace.open([news / "politics"])
    try:
        q = budget_quote(ws, "budget.txt")
        ws.annotations.update(q, status="rejected", add_tags=["union"], note="not a quote of hers")
        return q.id
    finally:
        ws.close()


def test_review_in_a_child_is_found_from_the_parent_and_every_other_way_in(news, monkeypatch):
    child_id = review_in_child(news)
    assert child_id.startswith("budget.txt#")

    ws = Workspace.open([news])
    try:
        # the child's store was adopted: said, set aside (nothing deleted), its analyses reused
        assert ws.store_dir == news / STORE_FOLDER
        assert any("Adopted the store" in n and "1 annotation" in n for n in ws.notices)
        assert not (news / "politics" / STORE_FOLDER).exists()
        assert list((news / "politics").glob(".quotelens.adopted-*"))
        assert ws.ingest_report is not None and ws.ingest_report.n_analysed == 1  # tech/phone.txt only
        q = budget_quote(ws, "politics/budget.txt")
        assert q.id == "politics/" + child_id
        ann = ws.annotations.get(q.id)
        assert ann is not None and ann.status == "rejected" and ann.tags == ("union",)
    finally:
        ws.close()

    def review_seen(path: Path | str) -> None:
        ws = Workspace.open([path])
        try:
            assert ws.store_dir.resolve() == (news / STORE_FOLDER).resolve()
            assert not ws.notices
            q = budget_quote(ws, "politics/budget.txt")
            ann = ws.annotations.get(q.id)
            assert ann is not None and ann.status == "rejected", path
            assert ws.ingest_report is None or ws.ingest_report.n_analysed == 0, path
        finally:
            ws.close()

    link = news.parent / "link-to-politics"
    link.symlink_to(news / "politics", target_is_directory=True)
    review_seen(link)
    review_seen(news / "politics" / "budget.txt")  # a single file
    monkeypatch.chdir(news)
    review_seen("politics")  # relative
    review_seen(Path("politics") / ".." / "politics" / "budget.txt")
    review_seen(news / "politics")  # the child again: it walks up to the workspace
    assert not (news / "politics" / STORE_FOLDER).exists()


def test_reviews_in_both_a_parent_and_an_old_child_store_are_merged(news):
    child_id = review_in_child(news)
    child_store = news / "politics" / STORE_FOLDER
    aside = news.parent / "child-store"
    child_store.rename(aside)  # the parent is opened and reviewed without knowing the child
    ws = Workspace.open([news])
    try:
        q = budget_quote(ws, "politics/budget.txt")
        ws.annotations.update(q, add_tags=["economy"], note="check the transcript")
    finally:
        ws.close()
    aside.rename(child_store)  # as an earlier quotelens left them: two stores, two reviews

    ws = Workspace.open([news / "politics"])  # the outermost store is the workspace
    try:
        assert ws.store_dir == news / STORE_FOLDER
        assert any("1 merged" in n for n in ws.notices)
        ann = ws.annotations.get("politics/" + child_id)
        assert ann is not None
        assert set(ann.tags) == {"economy", "union"}
        assert ann.status == "rejected"
        assert "check the transcript" in ann.note and "not a quote of hers" in ann.note
        assert len(ws.annotations) == 1
    finally:
        ws.close()


def test_cli_review_in_child_exported_from_parent(news, capsys):
    ws = Workspace.open([news / "politics"])
    qid = budget_quote(ws, "budget.txt").id
    ws.close()
    assert main(["annotate", str(news / "politics"), qid, "--tag", "checked", "--status", "accepted"]) == 0
    capsys.readouterr()
    assert main(["export", str(news), "--annotated"]) == 0
    out, err = capsys.readouterr()
    assert "Adopted the store" in err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["quote_id"], r["status"], r["tags"]) for r in rows] == [("politics/" + qid, "accepted", ["checked"])]
    # history and the store commands find the same store from the child
    assert main(["history", str(news / "politics"), "--json"]) == 0
    out = capsys.readouterr().out
    assert any(json.loads(line)["op"] == "adopt" for line in out.splitlines())


def test_explicit_store_keeps_the_root_it_was_first_used_with(news, tmp_path):
    store = tmp_path / "elsewhere"
    ws = Workspace.open([news], store_dir=store)
    assert budget_quote(ws, "politics/budget.txt")
    ws.close()
    ws = Workspace.open([news / "politics"], store_dir=store)
    try:
        assert budget_quote(ws, "politics/budget.txt")  # same ids: root recorded in the store
        assert ws.root == news.resolve()
    finally:
        ws.close()


def test_annotate_takes_an_id_too_long_for_the_file_system(tmp_path, capsys):
    long_id = "story-" + "x" * 5_000  # longer than any file name or path
    corpus = tmp_path / "long.jsonl"
    corpus.write_text(json.dumps({"id": long_id, "text": '"We will win," said Ann Lee.'}) + "\n", encoding="utf-8")
    assert main(["quotes", str(corpus), "--format", "jsonl"]) == 0
    qid = json.loads(capsys.readouterr().out.splitlines()[0])["quote_id"]
    assert qid.startswith(long_id + "#")
    assert main(["annotate", str(corpus), qid, "--tag", "long", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["tags"] == ["long"]
    assert main(["annotate", str(corpus), long_id + "#nope", "--tag", "x"]) == 2  # said, not a crash
    assert "No quote" in capsys.readouterr().err


def test_opening_one_folder_leaves_the_review_of_the_others_alone(news, capsys):
    ws = Workspace.open([news])
    try:
        phone = ws.analysis("tech/phone.txt").quotes[0]
        ws.annotations.update(phone, status="accepted", add_tags=["tech"])
        ws.annotations.update(budget_quote(ws, "politics/budget.txt"), status="rejected")
    finally:
        ws.close()
    (news / "politics" / "schools.txt").write_text("Schools\n\nChanged text, no quotes now.", encoding="utf-8")
    assert main(["export", str(news / "politics"), "--annotated"]) == 0  # re-read: re-attaches
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["article_id"] for r in rows] == ["politics/budget.txt"]  # not tech's, not as orphans
    ws = Workspace.open([news])
    try:
        ann = ws.annotations.get(phone.id)
        assert ann is not None and not ann.orphan and ann.status == "accepted"
        assert ws.annotations.orphans() == []
    finally:
        ws.close()
    (news / "tech" / "phone.txt").unlink()  # gone from the corpus: now its annotation is an orphan
    ws = Workspace.open([news])
    try:
        from store.anchoring import ensure_anchored

        ensure_anchored(ws)
        assert [a.quote_id for a in ws.annotations.orphans()] == [phone.id]
    finally:
        ws.close()


@pytest.mark.slow
def test_two_processes_opening_the_parent_at_once_adopt_the_child_once(news, tmp_path):
    import os
    import subprocess
    import sys

    child_id = review_in_child(news)
    child_store = news / "politics" / STORE_FOLDER
    aside = tmp_path / "child-store"
    child_store.rename(aside)
    Workspace.open([news]).close()  # the parent analysed: the race is the adoption's alone
    aside.rename(child_store)
    quotelens = str(Path(sys.executable).with_name("quotelens"))
    env = {**os.environ, "COLUMNS": "200"}
    procs = [
        subprocess.Popen(
            [quotelens, "export", str(news), "--annotated"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [r[1] for r in results]
    for out, _err in results:
        rows = [json.loads(line) for line in out.splitlines()]
        assert [(r["quote_id"], r["status"]) for r in rows] == [("politics/" + child_id, "rejected")]
    assert len(list((news / "politics").glob(".quotelens.adopted-*"))) == 1
    ws = Workspace.open([news])
    try:
        ann = ws.annotations.get("politics/" + child_id)
        assert ann is not None and ann.tags == ("union",) and ann.note == "not a quote of hers"
    finally:
        ws.close()


def test_several_folders_share_their_common_folder_and_adopt_an_old_store(news):
    # an earlier quotelens kept `open politics tech` in politics/.quotelens, ids prefixed by folder name
    ws = Workspace.open([news / "politics", news / "tech"])
    try:
        assert ws.store_dir == news / STORE_FOLDER
        assert ws.index.row_of("politics/budget.txt") is not None and ws.index.row_of("tech/phone.txt") is not None
        assert any("Adopted the store" in n for n in ws.notices)  # politics' own store, from the fixture
    finally:
        ws.close()


def test_a_read_only_corpus_shares_one_per_user_store_the_same_way(news, monkeypatch):
    import store.paths

    shutil.rmtree(news / "politics" / STORE_FOLDER)
    monkeypatch.setattr(store.paths, "_writable_dir", lambda folder: False)  # tests run as root
    child_id = review_in_child(news)  # in the per-user store of politics/
    ws = Workspace.open([news])
    try:
        assert ws.store_dir == store.paths.user_store_dir([news.resolve()])
        assert any("Adopted the store" in n for n in ws.notices)
        ann = ws.annotations.get("politics/" + child_id)
        assert ann is not None and ann.status == "rejected"
    finally:
        ws.close()
    for path in (news / "politics", news / "politics" / "budget.txt"):
        ws = Workspace.open([path])
        try:
            assert ws.store_dir == store.paths.user_store_dir([news.resolve()]) and not ws.notices
            assert ws.annotations.get("politics/" + child_id) is not None
        finally:
            ws.close()
    assert not list(news.rglob(".quotelens*"))  # nothing written into the corpus


def test_the_root_file_of_a_store_is_never_written_through_a_symlink(news, tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (store / "workspace.json").symlink_to(victim)
    ws = Workspace.open([news / "politics"], store_dir=store)
    try:
        assert budget_quote(ws, "budget.txt")  # the root is the opened folder, not the link's say
    finally:
        ws.close()
    assert victim.read_text(encoding="utf-8") == "precious"


async def test_the_app_opened_on_the_parent_says_it_adopted_the_sub_folders_review(news):
    from test_tui import ready

    from tui.app import QuotelensApp

    child_id = review_in_child(news)

    def factory(progress, status, cancel):
        return Workspace.open([news], progress=progress, status=status, cancel=cancel)

    app = QuotelensApp(factory, corpus_label="news")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        messages = [n.message for n in app._notifications]
        assert any("Adopted the store" in m and "1 annotation" in m for m in messages), messages
        ann = app.workspace.annotations.get("politics/" + child_id)
        assert ann is not None and ann.status == "rejected"


def test_a_folder_marked_read_only_gets_no_store_even_for_root(news):
    """A corpus whose folder grants nobody write access (a shared, read-only copy) is read in
    place: its store goes to the per-user data folder, even when quotelens runs as root."""
    tech = news / "tech"
    tech.chmod(0o555)
    try:
        ws = Workspace.open([tech])
        try:
            assert not (tech / STORE_FOLDER).exists()
            assert tech not in ws.store_dir.parents
            assert ws.index.n_articles == 1
        finally:
            ws.close()
    finally:
        tech.chmod(0o755)
