"""Accuracy benchmark: the ``eval`` metric on both dev sets, side by side.

    .venv/bin/python bench/accuracy.py [--docs-cache DIR] [--errors-dir DIR] [--set NAME ...] [--json]

The dev sets are ``../shared/eval/ggt-dev.jsonl`` (28 Canadian articles) and
``../shared/eval/polnear-train-comparable.jsonl`` (840 US election articles, with
``ignore`` spans the metric honours; see ``../shared/eval/README.md``).

With ``--docs-cache DIR`` each set is parsed by spaCy once and its Docs are kept
in DIR (a DocBin per set, keyed by the set's bytes and the model): later runs
only run the extractor (entities + quotes, pure over a parsed Doc), so both
sets score in seconds. The cache holds the model's own pipes only, never the
``quotes`` component, so a changed extractor never needs a re-parse.

Prints one table (a column per set): P/R/F1 at overlap 0.3 and 0.8, speaker
and name accuracy, recall by kind, the predictions excused by ignore spans and
the goals of the issue "Speaker attribution that holds on news it has never
seen". Writes the error listing of each set to ``ERRORS_DIR/errors-<set>.txt``.
Exit status 0 when every goal is met.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EVAL_DIR = ROOT.parent / "shared" / "eval"
SETS = {
    "ggt-dev": EVAL_DIR / "ggt-dev.jsonl",
    "polnear-train": EVAL_DIR / "polnear-train-comparable.jsonl",
}
GOALS = {
    "ggt-dev": {"f1@0.3": 0.95, "f1@0.8": 0.93, "speaker": 0.98, "name": 0.93},
    "polnear-train": {"f1@0.3": 0.93, "f1@0.8": 0.90, "speaker": 0.96, "name": 0.88},
}
DEFAULT_ERRORS_DIR = Path("/tmp/quotelens-accuracy")


def _docs(gold: list[dict[str, Any]], path: Path, cache: Path | None, model: str | None) -> list:
    """Parsed Docs of the gold texts, in order: from ``cache`` when it holds them, else parsed (and saved)."""
    from spacy.tokens import DocBin

    from corpus.nlp import load_pipeline, model_id
    from corpus.quotes.component import QUOTES_PIPE

    nlp = load_pipeline(model)
    key = hashlib.sha1(path.read_bytes()).hexdigest()[:16]
    cached = cache / f"{path.stem}-{model_id(nlp)}-{key}.spacy" if cache else None
    if cached is not None and cached.exists():
        return list(DocBin().from_disk(cached).get_docs(nlp.vocab))
    with nlp.select_pipes(disable=[QUOTES_PIPE]):
        docs = list(nlp.pipe((g.get("text", "") for g in gold), batch_size=16))
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin()  # every attribute: the loaded Docs equal the parsed ones
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(cached)
    return docs


def predictions(gold: list[dict[str, Any]], docs: list) -> list[dict[str, Any]]:
    """The extractor's output for each parsed Doc, in the ``quotelens extract`` format."""
    from corpus.analysis import analyse_doc

    out = []
    for g, doc in zip(gold, docs, strict=True):
        aid = str(g["id"])
        analysis = analyse_doc(doc).for_article(aid)
        out.append({"id": aid, "quotes": [q.to_dict() for q in analysis.quotes]})
    return out


def figures(res) -> dict[str, float]:
    p3, p8 = res.prf[0.3], res.prf[0.8]
    out = {
        "P@0.3": p3.precision,
        "R@0.3": p3.recall,
        "f1@0.3": p3.f1,
        "P@0.8": p8.precision,
        "R@0.8": p8.recall,
        "f1@0.8": p8.f1,
        "speaker": res.speaker.value,
        "name": res.name.value,
    }
    for t in (0.3, 0.8):
        for kind, r in sorted(res.recall_by_kind[t].items()):
            out[f"R {kind}@{t}"] = r.value
    return out


def counts(res, pred: list[dict[str, Any]]) -> dict[str, int]:
    p3 = res.prf[0.3]
    return {
        "gold": p3.n_gold,
        "pred (counted)": p3.n_pred,
        "excused@0.3": p3.excused,
        "matched@0.3": p3.tp,
        "spurious inside a pred@0.3": nested_spurious(res, pred),
        "speaker pairs": res.speaker.total,
        "name pairs": res.name.total,
    }


def nested_spurious(res, pred: list[dict[str, Any]]) -> int:
    """Spurious predictions lying inside another prediction: reports inside reports
    (``corpus.quotes.nesting``) that the gold does not hold. PolNeAR's annotation is univocal (a token
    belongs to one attribution at most), so none of its inner reports can be gold: they are counted
    here to tell them from other false positives."""
    quotes = {str(p["id"]): p.get("quotes") or [] for p in pred}
    n = 0
    for e in res.errors:
        if e.type != "spurious" or e.pred is None:
            continue
        q = e.pred
        n += any(
            o["start"] <= q["start"] and q["end"] <= o["end"] and (o["start"], o["end"]) != (q["start"], q["end"])
            for o in quotes.get(e.article_id, ())
        )
    return n


def _line(q: dict[str, Any] | None) -> str:
    if not q:
        return "—"
    sp = q.get("speaker") or {}
    return (
        f"[{q.get('kind')}] {q['start']}-{q['end']} {' '.join(str(q.get('text', '')).split())}\n"
        f"      speaker: {sp.get('text', '—')!r} name: {q.get('speaker_name')!r}"
    )


def write_errors(res, texts: dict[str, str], path: Path) -> None:
    """Every error of one set, worst first, with the sentence around it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        by_type: dict[str, int] = {}
        for e in res.errors:
            by_type[e.type] = by_type.get(e.type, 0) + 1
        fh.write("errors: " + ", ".join(f"{k} {v}" for k, v in by_type.items()) + "\n\n")
        for e in res.errors:
            q = e.gold or e.pred or {}
            text = texts.get(e.article_id, "")
            s, t = int(q.get("start", 0)), int(q.get("end", 0))
            context = " ".join(text[max(0, s - 150) : min(len(text), t + 150)].split())
            fh.write(f"## {e.type} {e.article_id} cov={e.overlap:.2f}\n")
            fh.write(f"  gold: {_line(e.gold)}\n  pred: {_line(e.pred)}\n  context: …{context}…\n\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", dest="sets", action="append", choices=sorted(SETS), help="score this set only")
    ap.add_argument("--docs-cache", type=Path, metavar="DIR", help="keep the parsed Docs here (parse once)")
    ap.add_argument("--errors-dir", type=Path, default=DEFAULT_ERRORS_DIR, metavar="DIR")
    ap.add_argument("--save-pred", type=Path, metavar="DIR", help="write the predictions to DIR/pred-<set>.jsonl")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--model")
    args = ap.parse_args(argv)

    from corpus.evaluate import evaluate
    from tui.commands import eval as eval_cmd

    names = args.sets or list(SETS)
    results: dict[str, dict[str, Any]] = {}
    for name in names:
        path = SETS[name]
        if not path.exists():
            print(f"{name}: gold file not found: {path}", file=sys.stderr)
            continue
        gold = eval_cmd.read_jsonl(path)
        t0 = time.perf_counter()
        docs = _docs(gold, path, args.docs_cache, args.model)
        t1 = time.perf_counter()
        pred = predictions(gold, docs)
        t2 = time.perf_counter()
        res = evaluate(gold, pred)
        if args.save_pred:
            args.save_pred.mkdir(parents=True, exist_ok=True)
            with open(args.save_pred / f"pred-{name}.jsonl", "w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in pred)
        errors = args.errors_dir / f"errors-{name}.txt"
        write_errors(res, {str(g["id"]): g.get("text", "") for g in gold}, errors)
        results[name] = {
            "figures": figures(res),
            "counts": counts(res, pred),
            "errors": str(errors),
            "seconds": {"parse or load": round(t1 - t0, 1), "extract": round(t2 - t1, 1)},
        }
    if not results:
        return 2
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(table(results))
    met = all(results[n]["figures"][k] >= v for n in results for k, v in GOALS[n].items())
    return 0 if met else 1


def table(results: dict[str, dict[str, Any]]) -> str:
    """A Markdown table, a column per set, goals marked."""
    names = list(results)
    rows = [f"| measure | {' | '.join(names)} |", "|---|" + "---|" * len(names)]
    keys: list[str] = []
    for n in names:
        keys += [k for k in results[n]["figures"] if k not in keys]
    for k in keys:
        cells = []
        for n in names:
            v = results[n]["figures"].get(k)
            goal = GOALS[n].get(k)
            mark = "" if goal is None or v is None else (" ✓" if v >= goal else f" ✗ (goal {goal})")
            cells.append("—" if v is None else f"{v:.3f}{mark}")
        rows.append(f"| {k} | {' | '.join(cells)} |")
    for k in results[names[0]]["counts"]:
        rows.append(f"| {k} | {' | '.join(str(results[n]['counts'][k]) for n in names)} |")
    for n in names:
        secs = ", ".join(f"{k} {v}s" for k, v in results[n]["seconds"].items())
        rows.append(f"\n{n}: {secs}; errors in {results[n]['errors']}")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
