"""``quotelens export``: JSONL, spreadsheet-safe CSV, and the gold export that ``eval`` reads."""

from __future__ import annotations

import csv
import io
import json

import pytest

from corpus.evaluate import evaluate
from corpus.models import article_of
from store.annotations import AnnotationStore
from tui.cli import main

pytestmark = pytest.mark.usefixtures("verify_spliced_saves")


@pytest.fixture(scope="module")
def workspace(corpus):
    from store.workspace import Workspace

    d, store = corpus
    ws = Workspace.open([d], store_dir=store)
    yield ws
    ws.close()


@pytest.fixture
def annotated(corpus, workspace):
    """Quotes reviewed through the store API: accepted, rejected, corrected, added, tagged."""
    d, store_dir = corpus
    for name in ("annotations.json", "annotations.json.bak", "annotations.history.jsonl"):
        (store_dir / name).unlink(missing_ok=True)
    quotes = [q for _a, q in workspace.iter_quotes()]
    by_article: dict[str, list] = {}
    for q in quotes:
        by_article.setdefault(article_of(q.id), []).append(q)
    article_id, qs = max(by_article.items(), key=lambda kv: len(kv[1]))
    assert len(qs) >= 4
    s = AnnotationStore(store_dir)
    s.update(qs[0], status="accepted", add_tags=["economy"], note='=HYPERLINK("x")\nsecond line')
    s.update(qs[1], status="rejected", add_tags=["economy", "wrong"])
    s.update(qs[2], speaker="Justin Trudeau", span=(qs[2].start, qs[2].end - 1, ""))
    text = workspace.article(article_id).text
    start = next(
        i for i in range(0, len(text) - 22) if all(q.end <= i or q.start >= i + 22 for q in qs) and text[i].isalpha()
    )
    added = s.add_quote(
        article_id, start, start + 22, text[start : start + 22], speaker="Someone Else", kind="indirect"
    )
    return {"store": s, "article_id": article_id, "quotes": qs, "added": added, "text": text, "all": quotes}


def _run(corpus, *args: str) -> int:
    d, store = corpus
    return main(["export", str(d), "--store", str(store), *args])


@pytest.mark.slow
def test_jsonl_all_quotes_with_annotations(corpus, annotated, capsysbinary):
    capsysbinary.readouterr()
    assert _run(corpus, "--format", "jsonl") == 0
    rows = [json.loads(x) for x in capsysbinary.readouterr().out.splitlines()]
    assert len(rows) == len(annotated["all"]) + 1  # every extractor quote + the added one
    by_id = {r["quote_id"]: r for r in rows}
    q0 = annotated["quotes"][0]
    assert by_id[q0.id]["status"] == "accepted" and by_id[q0.id]["tags"] == ["economy"]
    assert by_id[q0.id]["title"] and by_id[q0.id]["text"] == q0.text
    assert by_id[annotated["added"].quote_id]["user_added"] is True
    unannotated = [r for r in rows if r["annotated_at"] is None]
    assert unannotated and all(r["status"] == "unreviewed" for r in unannotated)


def test_filters(corpus, annotated, capsysbinary):
    capsysbinary.readouterr()
    assert _run(corpus, "--tag", "ECONOMY") == 0
    assert len(capsysbinary.readouterr().out.splitlines()) == 2
    assert _run(corpus, "--tag", "economy", "--status", "rejected") == 0
    (row,) = [json.loads(x) for x in capsysbinary.readouterr().out.splitlines()]
    assert row["quote_id"] == annotated["quotes"][1].id


def test_csv_opens_cleanly_in_a_spreadsheet(corpus, annotated, tmp_path):
    out = tmp_path / "quotes.csv"
    assert _run(corpus, "-o", str(out), "--annotated") == 0  # format from the extension
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 4
    assert list(rows[0])[-1] == "speaker"  # the speaker to count (corrected when corrected) is the last column
    r0 = next(r for r in rows if r["quote_id"] == annotated["quotes"][0].id)
    assert r0["note"] == '\'=HYPERLINK("x")\nsecond line'  # multi-line kept, formula neutralised
    r1 = next(r for r in rows if r["quote_id"] == annotated["quotes"][1].id)
    assert r1["tags"] == "economy; wrong" and r1["user_added"] == "false"
    assert not list(tmp_path.glob(".*tmp*"))


def test_an_export_gets_the_mode_of_a_file_the_user_saves(corpus, annotated, tmp_path):
    """The atomic write's temporary file is 0600: exports came out unreadable to anyone else."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        out = tmp_path / "quotes.csv"
        assert _run(corpus, "-o", str(out)) == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        out.chmod(0o640)  # replacing a file keeps the mode the user gave it
        assert _run(corpus, "-o", str(out)) == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_gold_export_is_eval_input(corpus, annotated, workspace, tmp_path, capsys):
    out = tmp_path / "gold.jsonl"
    assert _run(corpus, "--gold", "-o", str(out)) == 0
    (art,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    text, qs = annotated["text"], annotated["quotes"]
    assert (
        art["id"] == annotated["article_id"]
        and art["text"] == text
        and set(art) == {"id", "outlet", "text", "quotes", "ignore"}
    )
    # the quotes nobody reviewed are ignore spans: eval neither rewards nor punishes a prediction there
    assert [(i["start"], i["end"], i["reason"]) for i in art["ignore"]] == [
        (q.start, q.end, "unreviewed") for q in qs[3:]
    ]
    spans = {(g["start"], g["end"]) for g in art["quotes"]}
    assert (qs[0].start, qs[0].end) in spans  # accepted
    assert (qs[1].start, qs[1].end) not in spans  # rejected: removed
    assert (qs[2].start, qs[2].end - 1) in spans  # corrected span
    added = annotated["added"]
    assert (added.start, added.end) in spans  # added
    assert len(art["quotes"]) == 3  # unreviewed quotes left out by default
    for g in art["quotes"]:
        assert text[g["start"] : g["end"]] == g["text"]
        assert set(g) == {"text", "start", "end", "kind", "speaker", "speaker_name", "cue"}
    corrected = next(g for g in art["quotes"] if (g["start"], g["end"]) == (qs[2].start, qs[2].end - 1))
    assert corrected["speaker_name"] == "Justin Trudeau"
    # the evaluator reads it: score the extractor's own output against the review
    pred = [{"id": art["id"], "text": text, "quotes": [q.to_dict() for q in workspace.analysis(art["id"]).quotes]}]
    result = evaluate([art], pred)
    low = result.prf[0.3]
    assert low.excused == len(qs) - 3  # the unreviewed ones
    assert low.n_pred == 3 and low.tp == 2  # accepted + corrected right, the rejected one wrong
    # the command says what the figures cover
    gold_file, pred_file = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_file.write_text(json.dumps(art) + "\n", encoding="utf-8")
    other = {"id": "not-reviewed", "text": "x", "quotes": []}
    pred_file.write_text("\n".join(json.dumps(p) for p in [*pred, other]) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert _run_eval(gold_file, pred_file) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "Scored the 1 articles of the gold file only; 1 predicted articles not in it were not scored" in said
    assert f"{len(qs) - 3} predictions on ignore spans (out of scope, or quotes left unreviewed)" in said
    # --include-unreviewed keeps the quotes nobody rejected
    assert _run(corpus, "--gold", "--include-unreviewed", "-o", str(out)) == 0
    (art2,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(art2["quotes"]) == len(qs) - 1 + 1  # all but the rejected, plus the added


def _run_eval(gold, pred) -> int:
    from tui.cli import main

    return main(["eval", str(gold), "--pred", str(pred)])


def test_gold_rejects_csv(corpus, annotated):
    assert _run(corpus, "--gold", "--format", "csv") == 2


class _WS:
    """A minimal workspace for the gold export (no spaCy)."""

    def __init__(self, article, quotes):
        self._article, self._quotes = article, quotes

    def article(self, article_id):
        if article_id != self._article.id:
            raise KeyError(article_id)
        return self._article

    def analysis(self, article_id):
        from corpus.models import Analysis

        self.article(article_id)
        return Analysis(quotes=tuple(self._quotes))

    def covers(self, article_id):
        return True  # the whole corpus is opened


def test_gold_rules_without_spacy(tmp_path):
    from corpus.models import Article, Quote, Span, with_quote_ids
    from store.gold import GoldReport, gold_articles

    text = 'Ann Lee said "taxes will fall" on Monday. "Not true," replied Bob Roe. Lee added that rates would rise.'
    art = Article(id="n1", text=text, source="The Paper")

    def mk(s, e, spk=None):
        return Quote(
            id="",
            text=text[s:e],
            start=s,
            end=e,
            kind="direct",
            speaker=Span(text[spk[0] : spk[1]], *spk) if spk else None,
            speaker_name=text[spk[0] : spk[1]] if spk else None,
        )

    qs = with_quote_ids("n1", [mk(14, 29, (0, 7)), mk(43, 51, (61, 68))])
    s = AnnotationStore(tmp_path)
    s.set_status(qs[0], "accepted")
    s.set_speaker(qs[1], "Ann Lee")  # corrected speaker: mention found in the text
    rates = text.index("rates")
    s.add_quote("n1", rates, len(text) - 1, text[rates:-1], speaker="Ann Lee", kind="indirect")
    s.add_quote("n1", 15, 28, text[15:28], speaker="Ann Lee")  # the extractor has it already
    s.tag("other#x", "no review")  # an article with no review decision: not exported
    report = GoldReport()
    (g,) = list(gold_articles(_WS(art, qs), s, report=report))
    assert g["outlet"] == "The Paper" and [q["start"] for q in g["quotes"]] == [14, 43, rates]
    corrected = g["quotes"][1]
    assert corrected["speaker_name"] == "Ann Lee" and corrected["speaker"] == {"text": "Ann Lee", "start": 0, "end": 7}
    assert g["quotes"][2]["kind"] == "indirect" and g["quotes"][2]["cue"] is None
    assert (report.accepted, report.corrected, report.added) == (1, 1, 1)
