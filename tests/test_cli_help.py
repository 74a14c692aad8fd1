"""The command line explains itself: --help for the tool and every subcommand, --version."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui import __version__
from tui.cli import COMMAND_MODULES, build_parser, main


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"quotelens {__version__}"


def test_top_level_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for name in COMMAND_MODULES:
        assert name in out
    assert "Examples" in out


@pytest.mark.parametrize("name", COMMAND_MODULES)
def test_each_subcommand_has_help_with_examples(name, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([name, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert f"quotelens {name}" in out
    assert "Examples" in out, f"`quotelens {name} --help` shows no examples"


def test_parser_builds_without_importing_spacy():
    # Help must be instant: command modules import heavy libraries only when they run.
    code = "import sys; from tui.cli import build_parser; build_parser(); print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_console_script_is_installed():
    result = subprocess.run(
        [str(Path(sys.executable).with_name("quotelens")), "--help"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "quotelens" in result.stdout


def test_unknown_option_is_a_clear_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["stats", "--no-such-flag", "x"])
    assert exit_.value.code == 2
    assert "--no-such-flag" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv, message",
    [
        (["ingest", "x.jsonl", "--batch-size", "-3"], "--batch-size: must be 1 or more (got -3)"),
        (["extract", "x.jsonl", "--batch-size", "0"], "--batch-size: must be 1 or more (got 0)"),
        (["ingest", "x.jsonl", "--workers", "-1"], "--workers: must be 0 or more (got -1)"),
        (["quotes", "x.jsonl", "--limit", "0"], "--limit: must be 1 or more"),
        (["stats", "x.jsonl", "--top", "two"], "--top: 'two' is not a whole number"),
    ],
)
def test_bad_numbers_are_refused_before_any_work(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err
