"""Corpus readers on the real seed files and on hand-made bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BBC, GOLD, needs_bbc, needs_gold

from corpus.readers import SAMPLE_CORPUS, derive_title, load_corpus, parse_txt


def test_sample_corpus_titles_dates_and_offsets():
    report = load_corpus(SAMPLE_CORPUS)
    assert not report.problems
    first, second = report.articles
    assert first.id == "000_7275c8d3644f7e00.txt"
    assert first.title == "China ‘Applying Pressure’ on Canada to Use Huawei 5G Technology: Minister"
    assert not first.title_derived
    assert first.text.startswith("China is pressuring Canada")
    # Seed 002 opens with an inline " date 2020-11-19 " marker: it becomes the date and
    # leaves the text, so offsets index what a user sees.
    assert second.date == "2020-11-19"
    assert second.text.startswith("Despite Huawei’s repeated calls")
    assert second.title_derived and second.title.startswith("Despite Huawei’s repeated calls")
    assert len(second.title) <= 101


def test_ids_are_stable_relative_paths(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("Title here\n\nBody text. More.")
    (tmp_path / ".quotelens").mkdir()
    (tmp_path / ".quotelens" / "ignored.txt").write_text("not an article")
    ids1 = [a.id for a in load_corpus(tmp_path).articles]
    ids2 = [a.id for a in load_corpus(tmp_path).articles]
    assert ids1 == ids2 == ["a/b/x.txt"]


def test_title_rules():
    with_title = parse_txt("Short headline\n\nThe body starts. It goes on.", "x")
    assert with_title.title == "Short headline" and with_title.text.startswith("The body")
    # A first line that ends like a sentence is body text, not a title.
    no_title = parse_txt("This is a sentence.\n\nAnother one.", "y")
    assert no_title.title_derived and no_title.title == "This is a sentence."
    assert no_title.text.startswith("This is a sentence.")


def test_latin1_file_decoded_with_warning(tmp_path):
    (tmp_path / "ok.txt").write_text("Fine\n\nA fine article.")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 title\n\nThe caf\xe9 said \xabhello\xbb.".encode("latin-1"))
    report = load_corpus(tmp_path)
    assert len(report.articles) == 2
    latin = next(a for a in report.articles if a.id == "latin.txt")
    assert latin.title == "Café title"
    [problem] = report.problems
    assert "latin.txt" in problem.path and "Latin-1" in problem.message and not problem.skipped


@needs_bbc
def test_bbc_latin1_file_is_loaded_and_named():
    report = load_corpus(BBC)
    assert len(report.articles) == 2225
    [problem] = report.problems
    assert problem.path.endswith("sport/199.txt") and problem.line
    assert "README" not in " ".join(a.id for a in report.articles)


def test_binary_and_empty_files_are_skipped_and_named(tmp_path):
    (tmp_path / "good.txt").write_text("Headline\n\nBody. More body.")
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\x00\x00\x01binary")
    (tmp_path / "empty.txt").write_text("  \n\n")
    report = load_corpus(tmp_path)
    assert [a.id for a in report.articles] == ["good.txt"]
    messages = {Path(p.path).name: p for p in report.problems}
    assert messages["bin.txt"].skipped and "binary" in messages["bin.txt"].message
    assert messages["empty.txt"].skipped and "empty" in messages["empty.txt"].message
    assert "1 article loaded from 3 files; 2 skipped, 0 warnings" in report.summary()


def test_jsonl_bad_lines_and_duplicates(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "a1", "text": "One.", "outlet": "CBC", "extra": [1, 2]}),
                "{not json",
                json.dumps({"id": "a2"}),
                json.dumps({"text": "no id"}),
                json.dumps({"id": "a1", "text": "Duplicate."}),
                json.dumps({"id": 7, "text": "Numeric id.", "title": "T", "date": "2020-01-02", "url": "u"}),
            ]
        )
        + "\n"
    )
    report = load_corpus(path)
    assert [a.id for a in report.articles] == ["a1", "7"]
    assert report.articles[0].source == "CBC" and report.articles[0].line == 1
    assert report.articles[1].title == "T" and report.articles[1].date == "2020-01-02"
    lines = sorted(p.line for p in report.problems)
    assert lines == [2, 3, 4, 5, 6]  # 6: the numeric id is said, not silently stringified
    (numeric,) = [p for p in report.problems if p.line == 6]
    assert not numeric.skipped and '"id" is a number (7)' in numeric.message
    dup = next(p for p in report.problems if p.line == 5)
    assert "duplicate" in dup.message and "c.jsonl:1" in dup.message
    assert str(dup).startswith(str(path) + ":5:")


def test_csv_text_column_detection_and_override(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text('ID,Title,Body,outlet\nx1,Hello,"He said, ""yes"".\nNew line.",Star\n,Untitled,Second body.,\n')
    report = load_corpus(good)
    assert [a.id for a in report.articles] == ["x1", "good.csv#4"]
    assert report.articles[0].text == 'He said, "yes".\nNew line.'
    assert report.articles[0].source == "Star"

    odd = tmp_path / "odd.csv"
    odd.write_text("id,story\n1,Some story.\n")
    missing = load_corpus(odd)
    assert not missing.articles
    [problem] = missing.problems
    assert problem.skipped and "no text column" in problem.message and problem.path == str(odd)
    assert [a.text for a in load_corpus(odd, text_column="Story").articles] == ["Some story."]


def test_csv_with_an_unclosed_quote_says_where(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text('id,text\nr1,"He said yes.\nr2,Second story.\nr3,Third story.\n')
    report = load_corpus(bad)
    [problem] = report.problems
    assert problem.line == 2 and "never closed" in problem.message and not problem.skipped
    assert [a.id for a in report.articles] == ["r1"]  # the rest was swallowed, and the user is told


def test_missing_path_is_reported(tmp_path):
    report = load_corpus([tmp_path / "nope"])
    assert report.problems[0].skipped and "no such file" in report.problems[0].message


@needs_gold
def test_gold_file_is_a_valid_corpus():
    report = load_corpus(GOLD)
    assert len(report.articles) == 28 and not report.problems
    gold = [json.loads(line) for line in GOLD.read_text().splitlines()]
    # Text kept exactly as in the file, so gold offsets still index it.
    for article, record in zip(report.articles, gold, strict=False):
        assert article.text == record["text"]
        for quote in record["quotes"]:
            assert article.text[quote["start"] : quote["end"]] == quote["text"]


@pytest.mark.parametrize(
    "text, title",
    [
        (
            "MILTON, Ont. — Prime Minister Justin Trudeau says the plan works. More.",
            "MILTON, Ont. — Prime Minister Justin Trudeau says the plan works.",
        ),
        ("The U.S. has said it will act. Then more.", "The U.S. has said it will act."),
        ("He spoke. Then he left.", "He spoke."),
    ],
)
def test_derived_titles_do_not_stop_at_abbreviations_or_datelines(text, title):
    assert derive_title(text) == title


def test_a_headline_ending_on_a_quoted_word_is_still_the_title():
    article = parse_txt("Fox attacks Blair's Tory 'lies'\n\nTony Blair lied when he said so.\n", "x.txt")
    assert article.title == "Fox attacks Blair's Tory 'lies'" and not article.title_derived
    assert article.text.startswith("Tony Blair lied")  # the headline is not analysed as text
    quoted = parse_txt("“We will win.”\n\nMore text here.\n", "y.txt")
    assert quoted.title_derived and quoted.text.startswith("“We will win.”")  # a sentence, not a title


def test_unreadable_entries_in_a_folder_are_skipped_and_said(tmp_path):
    import os

    (tmp_path / "good.txt").write_text("Title\n\nSome text here.", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "folder.txt" / "inner.txt").write_text("Inner\n\nInner text.", encoding="utf-8")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "back").symlink_to(tmp_path, target_is_directory=True)
    report = load_corpus(tmp_path)
    assert sorted(a.id for a in report.articles) == ["folder.txt/inner.txt", "good.txt"]
    said = {Path(p.path).name: p for p in report.problems}
    assert "FIFO" in said["pipe.txt"].message and said["pipe.txt"].skipped
    assert "symlink loop" in said["loop.txt"].message and said["loop.txt"].skipped
    assert "broken symlink" in said["gone.txt"].message
    assert "not followed" in said["back"].message
    assert "folder named like a corpus file" in said["folder.txt"].message and not said["folder.txt"].skipped


def test_utf16_files_are_decoded_not_called_binary(tmp_path):
    text = "Café talks\n\n“Nous sommes prêts,” said Zoë Martin."
    (tmp_path / "le.txt").write_bytes(text.encode("utf-16"))  # with its byte order mark
    (tmp_path / "be.txt").write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    report = load_corpus(tmp_path)
    assert [a.title for a in report.articles] == ["Café talks", "Café talks"]
    assert report.articles[0].text == "“Nous sommes prêts,” said Zoë Martin."
    assert report.problems == []


def test_non_string_jsonl_fields_are_reported_with_file_and_line(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [
        {"id": "a", "text": "Fine.", "title": ["not", "a", "title"], "date": 20200102},
        {"id": {"x": 1}, "text": "Object id."},
        {"id": True, "text": "Boolean id."},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    report = load_corpus(path)
    (article,) = report.articles
    assert article.title == "Fine." and article.title_derived and article.date is None
    messages = [str(p) for p in report.problems]
    assert f'{path}:1: "title" is a list, not a string; ignored' in messages
    assert f'{path}:1: "date" is a number (20200102), not a string; ignored' in messages
    assert f'{path}:2: "id" is an object, not a string; skipped' in messages
    assert f'{path}:3: "id" is a boolean (true), not a string; skipped' in messages


def test_a_file_that_is_not_a_corpus_is_refused_by_name(tmp_path, capsys):
    from tui.cli import main

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7 binary")
    assert main(["stats", str(pdf)]) == 2
    assert "report.pdf is not a corpus" in capsys.readouterr().err
    assert not (tmp_path / ".quotelens").exists()
