"""People and gender benchmark: ``quotelens eval --people`` on the Gender Gap Tracker dev split.

    .venv/bin/python bench/people.py [PEOPLE.jsonl] [TEXTS.jsonl] [--json]

Prints the tracker's metric (people, people_female, people_male, sources, sources_female,
sources_male: P/R/F1), the women's share of sources beside the gold share, how many people (and
how many people quoted) got each ``gender_source`` (text, name, unknown), and the tracker's own
figures side by side.
Goals (issue 13): people F1 >= 0.88, sources_female and sources_male F1 >= 0.90, share within
0.01 of the gold. Exit status 0 when every goal is met.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EVAL = ROOT.parent / "shared" / "eval"
TRACKER = {"people": 0.829, "people_female": 0.693, "people_male": 0.846, "sources": 0.811}
TRACKER |= {"sources_female": 0.552, "sources_male": 0.840, "share": 0.159}
GOALS = {"people": 0.88, "sources_female": 0.90, "sources_male": 0.90}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("people", nargs="?", type=Path, default=EVAL / "people-dev.jsonl")
    ap.add_argument("texts", nargs="?", type=Path, default=EVAL / "ggt-dev.jsonl")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--model")
    ap.add_argument(
        "--polnear",
        type=int,
        default=0,
        metavar="N",
        help="also check who is quoted on the first N articles of polnear-train-comparable.jsonl (a proxy: "
        "it has speaker names, no people list or gender)",
    )
    args = ap.parse_args(argv)
    for path in (args.people, args.texts):
        if not path.exists():
            print(f"not found: {path}", file=sys.stderr)
            return 2

    from corpus.evaluate_people import gender_sources, load_people_gold, predict_people, score_people

    gold, problems = load_people_gold(str(args.people))
    for p in problems:
        print(p, file=sys.stderr)
    texts = {}
    with open(args.texts, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                texts[str(rec["id"])] = rec["text"]
    predicted = predict_people({a: texts[a] for a in gold if a in texts}, args.model)
    score = score_people(gold, predicted)
    sources = gender_sources(predicted)
    of_sources = gender_sources(predicted, quoted=True)
    if args.json:
        print(json.dumps(score.to_dict() | {"gender_sources": sources, "gender_sources_quoted": of_sources}, indent=2))
    else:
        print(f"{'set':16} {'P':>6} {'R':>6} {'F1':>6}   tracker F1")
        for name, s in score.sets.items():
            print(f"{name:16} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}   {TRACKER[name]:.3f}")
        print(
            f"women's share of sources: {score.predicted_female_share:.3f} "
            f"(gold {score.gold_female_share:.3f}, tracker {TRACKER['share']:.3f})"
        )
        for label, counts in (("people", sources), ("sources", of_sources)):
            shown = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
            print(f"gender_source of {label}: {shown}")
    if args.polnear:
        polnear_sources(EVAL / "polnear-train-comparable.jsonl", args.polnear, args.model)
    got = {k: score.sets[k].f1 for k in GOALS}
    share_ok = abs(score.predicted_female_share - score.gold_female_share) <= 0.01
    met = all(got[k] >= GOALS[k] for k in GOALS) and share_ok
    line = "  ".join(f"{k}={v:.3f}{'✓' if v >= GOALS[k] else '✗'}(goal {GOALS[k]})" for k, v in got.items())
    print(line + f"  share {'✓' if share_ok else '✗'}(within 0.01)", file=sys.stderr)
    return 0 if met else 1


def polnear_sources(path: Path, n: int, model: str | None) -> None:
    """Who is quoted, against PolNeAR's speaker names (a proxy). Gold sources: the speaker names of
    an article's quotes that are a full personal name (two words or more, the first a known first
    name). Recall: those found among the predicted sources; precision: predicted sources that
    name some speaker of the article's gold quotes (names match when the tokens of one are in the
    other, as the quote metric's name accuracy: "Trump" names "Donald Trump")."""
    from corpus.evaluate_people import predict_people
    from corpus.first_names import is_known_first_name
    from corpus.models import name_tokens

    texts: dict[str, str] = {}
    speakers: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if len(texts) >= n:
                break
            rec = json.loads(line)
            texts[rec["id"]] = rec["text"]
            speakers[rec["id"]] = [q["speaker_name"] for q in rec["quotes"] if q.get("speaker_name")]
    predicted = predict_people(texts, model)

    def same(a: str, b: str) -> bool:
        ta, tb = set(name_tokens(a)), set(name_tokens(b))
        return bool(ta and tb) and (ta <= tb or tb <= ta)

    found = gold_n = right = pred_n = 0
    for aid, names in speakers.items():
        gold = {g for g in names if len(g.split()) >= 2 and g.istitle() and is_known_first_name(g.split()[0])}
        sources = [p["name"] for p in predicted.get(aid, []) if p["quoted"]]
        gold_n += len(gold)
        found += sum(1 for g in gold if any(same(g, s) for s in sources))
        pred_n += len(sources)
        right += sum(1 for s in sources if any(same(s, g) for g in names))
    print(
        f"PolNeAR ({len(texts)} articles, proxy): sources recall {found / max(gold_n, 1):.3f} ({found}/{gold_n}), "
        f"precision {right / max(pred_n, 1):.3f} ({right}/{pred_n})"
    )


if __name__ == "__main__":
    sys.exit(main())
