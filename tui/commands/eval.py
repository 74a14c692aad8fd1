"""``quotelens eval GOLD.jsonl [--pred PRED.jsonl]``: the Gender Gap Tracker metric."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.commands.common import non_negative_int
from tui.console import safe_markup

if TYPE_CHECKING:
    from corpus.evaluate import EvalResult

HELP = "score quote extraction against a gold JSONL (Gender Gap Tracker metric)"
DESCRIPTION = (
    "Run extraction on the texts of GOLD.jsonl (or read predictions from --pred, in the `quotelens "
    "extract` format, matched by id) and print precision, recall and F1 at overlap 0.3 and 0.8, "
    "speaker accuracy, name accuracy and recall by kind."
)
EXAMPLES = (
    "quotelens eval ../shared/eval/ggt-dev.jsonl",
    "quotelens eval gold.jsonl --pred quotes.jsonl --json",
    "quotelens eval gold.jsonl --show-errors 20",
    "quotelens eval --people ../shared/eval/people-dev.jsonl ../shared/eval/ggt-dev.jsonl",
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "gold",
        metavar="GOLD.jsonl",
        type=Path,
        nargs="?",
        help="gold articles with annotated quotes (with --people: the articles' texts)",
    )
    parser.add_argument(
        "--people",
        metavar="PEOPLE.jsonl",
        type=Path,
        help="score people and gender against this gold instead (tracker metric; see tui/commands/people.py)",
    )
    parser.add_argument(
        "--pred",
        metavar="PRED.jsonl",
        type=Path,
        help="predictions in the `quotelens extract` format (default: run extraction now)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--show-errors",
        type=non_negative_int,
        default=0,
        metavar="N",
        help="list the N worst errors (missed, spurious, partial, wrong speaker/name)",
    )
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline to use")


def read_jsonl(path: Path, problems: list[str] | None = None) -> list[dict[str, Any]]:
    """The articles of a gold or prediction file: ``{"id", "quotes": [{"start", "end", …}]}``
    a line. A line that is not one is reported in ``problems`` (file:line: why) and skipped."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            why = None
            try:
                row = json.loads(line)
            except ValueError as exc:
                why = f"not JSON ({exc.args[0].split(':')[0]})"
            else:
                why = _article_problem(row)
            if why:
                if problems is not None:
                    problems.append(f"{path}:{number}: {why}; skipped")
                continue
            rows.append(row)
    return rows


def not_jsonl(path: Path) -> str | None:
    """Why ``path`` is not a JSONL file of articles (a CSV export, a text file), or None when it may be one:
    its first non-blank line must be a JSON object."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.strip():
                if line.lstrip().startswith("{"):
                    return None
                csv = path.suffix.lower() in (".csv", ".tsv")
                kind = "a CSV file" if csv else "its first line is not a JSON object"
                return (
                    f"{path} is not a JSONL file ({kind}): eval reads one JSON article a line, as "
                    "`quotelens export --gold` and `quotelens extract` write them"
                )
    return None


def _article_problem(row: Any) -> str | None:
    if not isinstance(row, dict):
        return "not a JSON object"
    if "id" not in row:
        return 'no "id" (one article a line, as `quotelens extract` writes, is expected)'
    quotes = row.get("quotes")
    if not isinstance(quotes, list):
        return 'no "quotes" list'
    for i, q in enumerate(quotes):
        if not (isinstance(q, dict) and isinstance(q.get("start"), int) and isinstance(q.get("end"), int)):
            return f'quote {i + 1} has no whole-number "start" and "end"'
    return None


def predict(gold: list[dict[str, Any]], model: str | None = None) -> list[dict[str, Any]]:
    from corpus.analysis import analyse_doc
    from corpus.nlp import load_pipeline

    nlp = load_pipeline(model)
    out = []
    texts = ((g.get("text", ""), str(g["id"])) for g in gold)
    for doc, aid in nlp.pipe(texts, as_tuples=True, batch_size=16):
        analysis = analyse_doc(doc).for_article(aid)
        out.append({"id": aid, "text": doc.text, "quotes": [q.to_dict() for q in analysis.quotes]})
    return out


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _span(s: dict[str, Any] | None) -> str:
    return s["text"] if s else "—"


def run(args: argparse.Namespace) -> int:
    from corpus.evaluate import evaluate
    from corpus.nlp import ModelNotFound
    from tui.console import err_console

    if args.people is not None:
        from tui.commands.people import run_people_eval

        return run_people_eval(args)
    if args.gold is None:
        err_console.print("[red]Give GOLD.jsonl (or --people PEOPLE.jsonl).[/]")
        return 2

    problems: list[str] = []
    try:
        for path in (args.gold, args.pred):
            why = not_jsonl(path) if path is not None else None
            if why:
                err_console.print(f"[red]{safe_markup(why)}[/]", highlight=False)
                return 2
        gold = read_jsonl(args.gold, problems)
        pred = read_jsonl(args.pred, problems) if args.pred else None
    except (OSError, ValueError) as exc:
        err_console.print(f"[red]Cannot read input:[/] {safe_markup(str(exc))}")
        return 2
    for problem in problems[:10]:
        err_console.print(f"[yellow]{safe_markup(problem)}[/]", highlight=False)
    if len(problems) > 10:
        err_console.print(f"[yellow]… and {len(problems) - 10:,} more lines skipped[/]", highlight=False)
    for path, rows in ((args.gold, gold), (args.pred, pred)):
        if path is not None and not rows:
            err_console.print(f"[red]No articles with quotes in {safe_markup(str(path))}.[/]", highlight=False)
            return 2
    if pred is None:
        try:
            with err_console.status(f"Extracting quotes from {len(gold)} articles…"):
                pred = predict(gold, args.model)
        except ModelNotFound as exc:
            err_console.print(f"[red]{safe_markup(str(exc))}[/]")
            return 2
    result = evaluate(gold, pred)
    print_result(result, args.gold.name, as_json=args.json, show_errors=args.show_errors)
    return 0


def scope_line(result: EvalResult) -> str:
    """What the figures cover: only the gold file's articles (a review exported with ``export --gold`` holds
    just the reviewed ones), and the predictions left out of precision on ``ignore`` spans (out-of-scope
    attributions, or quotes a partial review did not look at)."""
    parts = [f"Scored the {result.n_articles:,} articles of the gold file only"]
    if result.unscored_predictions:
        parts.append(f"{result.unscored_predictions:,} predicted articles not in it were not scored")
    low = min(result.prf) if result.prf else None
    excused = result.prf[low].excused if low is not None else 0
    if excused:
        parts.append(
            f"{excused:,} predictions on ignore spans (out of scope, or quotes left unreviewed) "
            "counted neither right nor wrong"
        )
    return "; ".join(parts) + "."


def print_result(result: EvalResult, title: str, *, as_json: bool = False, show_errors: int = 0) -> None:
    """The figures as Rich tables (or JSON), with the worst errors when asked."""
    from rich.table import Table

    from tui.console import console, err_console, safe_markup

    if as_json:
        console.print_json(json.dumps(result.to_dict(errors=show_errors)))
        return
    table = Table(title=f"Quote extraction — {title} ({result.n_articles} articles)")
    table.add_column("overlap")
    for col in ("precision", "recall", "F1", "matched", "pred", "gold"):
        table.add_column(col, justify="right")
    for t, prf in result.prf.items():
        table.add_row(
            f"> {t}",
            f"{prf.precision:.3f}",
            f"{prf.recall:.3f}",
            f"[bold]{prf.f1:.3f}[/]",
            str(prf.tp),
            str(prf.n_pred),
            str(prf.n_gold),
        )
    console.print(table)
    acc = Table(title="Attribution (pairs matched at 0.3)")
    acc.add_column("measure")
    acc.add_column("accuracy", justify="right")
    acc.add_column("of", justify="right")
    acc.add_row("speaker mention", f"{result.speaker.value:.3f}", str(result.speaker.total))
    acc.add_row("speaker name", f"{result.name.value:.3f}", str(result.name.total))
    console.print(acc)
    kinds = Table(title="Recall by kind")
    kinds.add_column("kind")
    for t in result.recall_by_kind:
        kinds.add_column(f"@{t}", justify="right")
    kinds.add_column("gold", justify="right")
    all_kinds = sorted({k for d in result.recall_by_kind.values() for k in d})
    for k in all_kinds:
        row = [k]
        total = 0
        for d in result.recall_by_kind.values():
            r = d.get(k)
            row.append(f"{r.value:.3f}" if r else "—")
            total = r.total if r else total
        kinds.add_row(*row, str(total))
    console.print(kinds)
    console.print(scope_line(result), highlight=False)
    if result.missing_predictions:
        err_console.print(f"[yellow]{len(result.missing_predictions)} gold articles have no prediction[/]")
    if show_errors:
        errs = Table(title=f"Worst errors (first {show_errors} of {len(result.errors)})", show_lines=True)
        for col in ("type", "article", "gold", "predicted", "cov"):
            errs.add_column(col)
        for e in result.errors[:show_errors]:
            g, p = e.gold, e.pred
            gtxt = (
                f"[{g.get('kind')}] {_short(g['text'])}\n← {_span(g.get('speaker'))} / {g.get('speaker_name')}"
                if g
                else "—"
            )
            ptxt = (
                f"[{p.get('kind')}] {_short(p['text'])}\n← {_span(p.get('speaker'))} / {p.get('speaker_name')}"
                if p
                else "—"
            )
            cells = (safe_markup(e.article_id[:8]), safe_markup(gtxt), safe_markup(ptxt))
            errs.add_row(e.type, *cells, f"{e.overlap:.2f}")
        console.print(errs)
