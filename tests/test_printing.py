"""Nothing from a corpus or a user reaches the terminal raw, and files are written safely.

Escape sequences (an OSC 52 clipboard write, a screen clear, a title change) in an
article, a note, a tag and a corrected speaker go through every command; what they
print shows them visibly (``\\x1b``). ``export -o`` never writes through a planted
symlink; ``quotes --format csv`` neutralises spreadsheet formulas as ``export`` does."""

from __future__ import annotations

import csv
import io
import json
import os
import sys

import pytest

from corpus.printable import printable
from tui.cli import main

OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
CLEAR = "\x1b[2J"
TITLE = "\x1b]0;owned\x07"
ARTICLE = (
    f"Budget row{TITLE}\n\n"
    f'"We will fight these cuts{OSC52} to the end," said Maria Lopez, the union leader. '
    '"=HYPERLINK(""http://x.test"") is not a formula here," said Tom Reed.'
)


def test_printable_shows_control_characters():
    assert printable(OSC52) == "\\x1b]52;c;ZWNobyBwd25lZA==\\x07"
    assert printable("a\u202eb\x9bc\rd") == "a\\u202eb\\x9bc\\x0dd"
    assert printable("two\nlines\ttab") == "two\nlines\ttab"
    assert printable("two\nlines", newlines=False) == "two\\x0alines"
    assert printable("Zoë 👩‍💻 “quoted”") == "Zoë 👩‍💻 “quoted”"  # printable text is untouched


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "budget.txt").write_text(ARTICLE, encoding="utf-8")
    store = folder / ".quotelens"
    assert main(["ingest", str(folder)]) == 0
    return folder, store


def run(capsys, argv: list[str]) -> tuple[str, str]:
    capsys.readouterr()
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0, err
    return out, err


def test_escape_sequences_never_reach_the_terminal(hostile, capsys, tmp_path):
    folder = str(hostile[0])
    out, _ = run(capsys, ["quotes", folder, "--format", "jsonl"])
    (qid,) = [json.loads(line)["quote_id"] for line in out.splitlines() if "fight" in line]
    assert "\x1b" not in out  # JSON escapes it (\u001b)

    printed = []
    printed += run(
        capsys,
        ["annotate", folder, qid, "--note", f"see {CLEAR}", "--tag", f"t{TITLE}", "--speaker", f"Evil{OSC52}"],
    )
    printed += run(capsys, ["quotes", folder, "--format", "table"])
    printed += run(capsys, ["quotes", folder, "--speaker", f"Evil{OSC52}", "--format", "table"])
    printed += run(capsys, ["history", folder])
    printed += run(capsys, ["stats", folder])
    printed += run(capsys, ["export", folder, "-o", str(tmp_path / f"out{CLEAR}.csv")])
    printed += run(capsys, ["annotate", folder, "--undo"])
    text = "".join(printed)
    assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b]52;c;" in text  # shown, not hidden: the user sees what the data holds
    assert "Evil\\x1b]52" in text


def test_quotes_csv_is_the_export_csv_and_safe_on_a_terminal(hostile, capsys, monkeypatch):
    folder = str(hostile[0])
    out, _ = run(capsys, ["quotes", folder, "--format", "jsonl", "--search", "formula"])
    qid = json.loads(out)["quote_id"]
    run(capsys, ["annotate", folder, qid, "--speaker", '=HYPERLINK("http://x.test")', "--tag", "@SUM(A1)"])
    out, _ = run(capsys, ["quotes", folder, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    (formula,) = [r for r in rows if r["quote_id"] == qid]
    # neutralised, as in `export`
    assert formula["speaker"] == '\'=HYPERLINK("http://x.test")' and formula["tags"] == "'@SUM(A1)"
    # to a terminal, the control characters are shown, not sent
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    out, _ = run(capsys, ["quotes", folder, "--format", "csv"])
    assert "\x1b" not in out and "␛]52" in out  # the article's ESC, replaced one for one when read


def test_export_never_writes_through_a_planted_symlink(hostile, capsys, tmp_path):
    folder = str(hostile[0])
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    target = tmp_path / "quotes.jsonl"
    # every name the old writer used, and a few random-looking ones, point at the victim
    for name in (f".{target.name}.tmp-{os.getpid()}", f".{target.name}.tmp", f".{target.name}.tmp-1"):
        (tmp_path / name).symlink_to(victim)
    run(capsys, ["export", folder, "-o", str(target)])
    assert victim.read_text(encoding="utf-8") == "precious"
    assert target.is_file() and not target.is_symlink() and target.read_text(encoding="utf-8").count("\n") >= 2
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".quotes.jsonl.") and not p.is_symlink()]
    assert leftovers == []


def test_atomic_output_creates_its_temp_file_exclusively(tmp_path):
    from store.export import AtomicOutput

    out = AtomicOutput(tmp_path / "x.csv")
    assert out.tmp.parent == tmp_path and out.tmp.name.startswith(".x.csv.")
    with pytest.raises(FileExistsError):
        os.open(out.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL)  # it exists: created with O_EXCL by mkstemp
    out.fh.write(b"data")
    out.commit()
    assert (tmp_path / "x.csv").read_bytes() == b"data" and not out.tmp.exists()


async def test_the_app_shows_control_characters_as_stand_ins(hostile, capsys):
    """The article's ESC bytes and a note written with `annotate` reach the app's panes as
    visible stand-ins (␛), never as escape sequences for the terminal."""
    from test_tui import ready

    from store.workspace import Workspace
    from tui.app import QuotelensApp

    folder = hostile[0]
    out, _ = run(capsys, ["quotes", str(folder), "--format", "jsonl"])
    (qid,) = [json.loads(line)["quote_id"] for line in out.splitlines() if "fight" in line]
    run(capsys, ["annotate", str(folder), qid, "--note", f"see {CLEAR}", "--tag", f"t{TITLE}"])

    def factory(progress, status, cancel):
        return Workspace.open([folder], progress=progress, status=status, cancel=cancel)

    app = QuotelensApp(factory, corpus_label="hostile")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        article = app.workspace.article(app.workspace.index.meta(0).id)
        assert "\x1b" not in article.text and "\x1b" not in article.title and "␛]52;c;" in article.text
        assert len(article.text) == len(ARTICLE) - len("Budget row" + TITLE + "\n\n")  # offsets hold
        screen = app.export_screenshot()
        assert "\x1b" not in screen and "\x07" not in screen
        assert "␛" in screen
