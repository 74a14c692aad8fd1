"""`quotelens extract` output schema and `quotelens eval` over it."""

from __future__ import annotations

import argparse
import json

import pytest

from corpus.readers import SAMPLE_CORPUS, load_corpus
from tui.commands import eval as eval_cmd
from tui.commands import extract as extract_cmd

QUOTE_KEYS = {"id", "text", "start", "end", "kind", "speaker", "speaker_name", "cue", "speaker_key"}
ENTITY_KEYS = {"text", "start", "end", "label", "name", "key"}


def _args(module, argv):
    parser = argparse.ArgumentParser()
    module.configure(parser)
    return parser.parse_args(argv)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("extract") / "quotes.jsonl"
    assert extract_cmd.run(_args(extract_cmd, [str(SAMPLE_CORPUS), "-o", str(out)])) == 0
    return out, [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_extract_writes_one_article_a_line_in_the_documented_format(extracted):
    _, records = extracted
    articles = {a.id: a for a in load_corpus([SAMPLE_CORPUS]).articles}
    assert {r["id"] for r in records} == set(articles)
    for rec in records:
        assert set(rec) == {"id", "title", "date", "source", "text", "entities", "quotes", "people"}
        text = rec["text"]  # the text the offsets index: the article as read
        assert text == articles[rec["id"]].text
        for e in rec["entities"]:
            assert set(e) == ENTITY_KEYS and text[e["start"] : e["end"]] == e["text"]
        assert rec["quotes"], rec["id"]
        for q in rec["quotes"]:
            assert set(q) == QUOTE_KEYS
            assert q["id"].startswith(rec["id"] + "#")
            assert q["kind"] in ("direct", "indirect", "mixed", "floating")
            assert text[q["start"] : q["end"]] == q["text"]  # offsets into the text as read
            for span in (q["speaker"], q["cue"]):
                assert span is None or (
                    set(span) == {"text", "start", "end"} and text[span["start"] : span["end"]] == span["text"]
                )


def test_extract_to_stdout_keeps_progress_off_the_data(nlp, capsys):
    seed = sorted(SAMPLE_CORPUS.glob("*.txt"))[0]
    assert extract_cmd.run(_args(extract_cmd, [str(seed)])) == 0
    out = capsys.readouterr().out
    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0]["quotes"]


def test_extract_reports_an_empty_corpus(tmp_path, capsys):
    assert extract_cmd.run(_args(extract_cmd, [str(tmp_path)])) == 1


def test_eval_reads_predictions_in_the_extract_format(extracted, tmp_path, capsys):
    path, records = extracted
    articles = {a.id: a for a in load_corpus([SAMPLE_CORPUS]).articles}
    # a gold file made from our own output scores perfectly against it
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "".join(
            json.dumps({"id": r["id"], "text": articles[r["id"]].text, "quotes": r["quotes"]}) + "\n" for r in records
        ),
        encoding="utf-8",
    )
    assert eval_cmd.run(_args(eval_cmd, [str(gold), "--pred", str(path), "--json", "--show-errors", "3"])) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["thresholds"]["0.3"]["f1"] == 1.0 and data["thresholds"]["0.8"]["f1"] == 1.0
    assert data["name_accuracy"]["value"] == 1.0


def test_eval_runs_extraction_and_prints_tables(extracted, tmp_path, capsys):
    _, records = extracted
    articles = {a.id: a for a in load_corpus([SAMPLE_CORPUS]).articles}
    gold = tmp_path / "gold.jsonl"
    rec = records[0]
    gold.write_text(
        json.dumps({"id": rec["id"], "text": articles[rec["id"]].text, "quotes": rec["quotes"][:1]}) + "\n",
        encoding="utf-8",
    )
    assert eval_cmd.run(_args(eval_cmd, [str(gold), "--show-errors", "2"])) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "speaker" in out and "spurious" in out


def test_eval_reports_unreadable_input(tmp_path, capsys):
    assert eval_cmd.run(_args(eval_cmd, [str(tmp_path / "missing.jsonl")])) == 2


def test_extract_never_writes_over_or_into_the_corpus(tmp_path, capsys):
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Title\n\n“Yes,” she said.\n", encoding="utf-8")
    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text(json.dumps({"id": "1", "text": "“Yes,” she said."}) + "\n", encoding="utf-8")
    assert extract_cmd.run(_args(extract_cmd, [str(jsonl), "-o", str(jsonl)])) == 2
    assert "is the corpus itself" in capsys.readouterr().err
    assert json.loads(jsonl.read_text(encoding="utf-8"))["id"] == "1"  # untouched
    assert extract_cmd.run(_args(extract_cmd, [str(corpus), "-o", str(corpus / "quotes.jsonl")])) == 2
    assert "would be read as part of it" in capsys.readouterr().err
    assert not (corpus / "quotes.jsonl").exists()


def test_extract_skips_a_text_over_the_length_limit_and_writes_the_others(nlp, tmp_path, capsys, monkeypatch):
    import store.shard

    monkeypatch.setattr(store.shard, "DEFAULT_MAX_CHARS", 2_000)  # spaCy's E088, at a size a test can afford
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text('Talks\n\n"We agree," said Ann Lee.', encoding="utf-8")
    (folder / "huge.txt").write_text("Long\n\n" + "word " * 1_000, encoding="utf-8")
    (folder / "b.txt").write_text('Vote\n\n"It passed," said Bob Hart.', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert extract_cmd.run(_args(extract_cmd, [str(folder), "-o", str(out)])) == 0
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a.txt", "b.txt"]
    err = capsys.readouterr().err
    assert "skipped: huge.txt: text too long to analyse" in err and "1 article skipped" in err


def test_extract_with_store_reuses_the_cache(tmp_path, capsys):
    store = tmp_path / "store"
    out1, out2 = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    args = [str(SAMPLE_CORPUS), "--store", str(store)]
    assert extract_cmd.run(_args(extract_cmd, [*args, "-o", str(out1)])) == 0
    assert "analysing 2 articles" in capsys.readouterr().err  # the first run analyses and keeps
    assert (store / "analysis.sqlite").exists()
    assert extract_cmd.run(_args(extract_cmd, [*args, "-o", str(out2)])) == 0
    assert "analysing" not in capsys.readouterr().err  # the second reads the cache
    assert out1.read_text(encoding="utf-8") == out2.read_text(encoding="utf-8")
    plain = tmp_path / "plain.jsonl"
    assert extract_cmd.run(_args(extract_cmd, [str(SAMPLE_CORPUS), "-o", str(plain)])) == 0
    assert sorted(plain.read_text(encoding="utf-8").splitlines()) == sorted(
        out1.read_text(encoding="utf-8").splitlines()
    )
