"""``quotelens annotate CORPUS QUOTE_ID [...]``: tag, note, review and correct quotes from scripts."""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path
from typing import Any

from corpus.models import article_of
from corpus.wording import plural
from tui.commands.common import add_corpus_args, open_annotations, path_exists, print_store_error
from tui.console import safe_markup

NAME = "annotate"
HELP = "tag, note, accept/reject or correct a quote (or add one the extractor missed)"
DESCRIPTION = (
    "Record annotations on quotes of CORPUS, the same ones the terminal app records: --tag/--untag "
    "(repeatable), --note, --status accepted|rejected|unreviewed, --speaker (a corrected speaker name), "
    "--span START-END (a corrected quote span). Several QUOTE_IDs get the same change, saved as one "
    "step. --add ARTICLE_ID:START-END records a quote the extractor missed. --undo / --redo revert or "
    "replay your latest change made from the command line (same user, source cli); a change made "
    "in the app or by another user is never undone from here, and fields somebody changed since are "
    "left alone. Quote ids are shown by `quotelens quotes` and in the app "
    "(i copies the focused quote's id)."
)
EXAMPLES = (
    "quotelens annotate ~/news 'bbc-0042#3fa2c1d9e0b4' --tag economy --status accepted",
    "quotelens annotate ~/news 'bbc-0042#3fa2c1d9e0b4' --note 'check against the transcript'",
    "quotelens annotate ~/news 'bbc-0042#3fa2c1d9e0b4' --speaker 'Rishi Sunak' --span 120-188",
    "quotelens annotate ~/news --add bbc-0042:311-372 --speaker 'Keir Starmer'",
    "quotelens annotate ~/news --undo",
)

_ADD_RE = re.compile(r"^(?P<article>.+):(?P<start>\d+)-(?P<end>\d+)$")
_SPAN_RE = re.compile(r"^(?P<start>\d+)-(?P<end>\d+)$")


def configure(parser: argparse.ArgumentParser) -> None:
    add_corpus_args(parser)
    parser.usage = "quotelens annotate CORPUS [CORPUS ...] QUOTE_ID [QUOTE_ID ...] [options]"
    parser.set_defaults(quote_ids=[])
    parser.add_argument("--tag", action="append", default=[], metavar="TAG", help="add a tag (repeatable)")
    parser.add_argument("--untag", action="append", default=[], metavar="TAG", help="remove a tag (repeatable)")
    parser.add_argument("--note", metavar="TEXT", help="set the note ('' clears it; '-' reads it from stdin)")
    parser.add_argument("--status", choices=("accepted", "rejected", "unreviewed"), help="review status")
    parser.add_argument("--speaker", metavar="NAME", help="corrected speaker name ('' clears the correction)")
    parser.add_argument("--span", metavar="START-END", help="corrected quote span in the article ('' clears it)")
    parser.add_argument(
        "--add",
        metavar="ARTICLE_ID:START-END",
        help="add a quote the extractor missed (with --speaker, --kind, --tag, --note)",
    )
    parser.add_argument(
        "--kind",
        choices=("direct", "indirect", "mixed", "floating"),
        default="direct",
        help="kind of the quote added with --add (default: direct)",
    )
    parser.add_argument("--undo", action="store_true", help="undo your latest change made from the command line")
    parser.add_argument("--redo", action="store_true", help="redo your latest undone command-line change")
    parser.add_argument("--json", action="store_true", help="print the resulting annotations as JSON lines")


def split_targets(args: argparse.Namespace) -> None:
    """CORPUS paths and QUOTE_IDs share the positional list: quote ids contain '#'."""
    corpus, ids = [], []
    for item in args.corpus:
        s = str(item)
        if "#" in s and not path_exists(Path(s)):
            ids.append(s)
        else:
            corpus.append(item)
    args.corpus, args.quote_ids = corpus, ids


def _find_quote(ws: Any, store: Any, qid: str):
    """The Quote for an id (extractor quote), the id itself for a stored user-added/orphan
    annotation, or None."""

    article_id = article_of(qid)
    try:
        for q in ws.analysis(article_id).quotes:
            if q.id == qid:
                return q
    except (KeyError, LookupError):
        pass
    if qid in store:
        return qid
    return None


def suggest_ids(ws: Any, store: Any, qid: str, n: int = 5) -> list[str]:

    article_id = article_of(qid)
    pool: list[str] = []
    try:
        pool = [q.id for q in ws.analysis(article_id).quotes]
    except (KeyError, LookupError):
        ids = [ws.index.meta(r).id for r in range(ws.index.n_articles)]
        close_articles = difflib.get_close_matches(article_id, ids, n=3, cutoff=0.6)
        for aid in close_articles:
            pool += [q.id for q in ws.analysis(aid).quotes]
    pool += [a.quote_id for a in store.all() if a.article_id == article_id]
    pool = list(dict.fromkeys(pool))
    return difflib.get_close_matches(qid, pool, n=n, cutoff=0.5) or pool[:n]


def describe(a: Any) -> str:
    """One annotation as a line of Rich markup (the user's text escaped: "[x]" stays "[x]")."""
    parts = [f"[bold]{safe_markup(a.quote_id)}[/]", f"status {a.status}"]
    if a.tags:
        parts.append("tags " + safe_markup(", ".join(a.tags)))
    if a.note:
        first = a.note.splitlines()[0]
        more = " …" if len(a.note) > len(first) or len(first) > 60 else ""
        parts.append(f"note {safe_markup(repr(first[:60]))}" + more)
    if a.speaker:
        parts.append(f"speaker → {safe_markup(a.speaker)}")
    if a.span:
        parts.append(f"span → {a.span.start}-{a.span.end}")
    if a.user_added:
        parts.append("added by you")
    if a.orphan:
        parts.append("[yellow]orphan[/]")
    return "; ".join(parts)


def run(args: argparse.Namespace) -> int:
    import orjson

    from store.annotations import StoreError
    from tui.console import console, err_console

    split_targets(args)
    if not args.corpus:
        err_console.print("[red]Give the CORPUS (a folder or file) before the quote ids.[/]")
        return 2
    modes = sum(bool(x) for x in (args.quote_ids, args.add, args.undo, args.redo))
    if modes != 1:
        err_console.print(
            "[red]Give either QUOTE_ID(s) with changes, or --add ARTICLE_ID:START-END, or --undo, or --redo.[/]"
        )
        return 2
    change_flags = (
        args.tag
        or args.untag
        or args.note is not None
        or args.status
        or args.speaker is not None
        or args.span is not None
    )
    if args.quote_ids and not change_flags:
        err_console.print("[red]Nothing to change: give --tag, --untag, --note, --status, --speaker or --span.[/]")
        return 2
    span = None
    if args.span:
        m = _SPAN_RE.match(args.span.strip())
        if not m or int(m["start"]) >= int(m["end"]):
            got = safe_markup(repr(args.span))
            err_console.print(f"[red]--span must be START-END with START < END (got {got}).[/]")
            return 2
        span = (int(m["start"]), int(m["end"]))
    add = None
    if args.add:
        m = _ADD_RE.match(args.add.strip())
        if not m or int(m["start"]) >= int(m["end"]):
            err_console.print(
                f"[red]--add must be ARTICLE_ID:START-END with START < END (got {safe_markup(repr(args.add))}).[/]"
            )
            return 2
        add = (m["article"], int(m["start"]), int(m["end"]))
    note = args.note
    if note == "-":
        note = sys.stdin.read()

    ws, store = open_annotations(args)
    if ws is None or store is None:
        return 1
    try:
        results = []
        if args.undo or args.redo:
            change = store.undo(scope="actor") if args.undo else store.redo(scope="actor")
            if change is None:
                err_console.print(f"[yellow]Nothing to {'undo' if args.undo else 'redo'}.[/]")
                return 1
            console.print(
                f"{safe_markup(change.label)} [dim]({plural(len(change.items), 'record')})[/]", highlight=False
            )
            if change.conflicts:
                err_console.print(
                    "[yellow]Left alone because they were changed since: " + ", ".join(change.conflicts) + "[/]",
                    highlight=False,
                )
            results = [store.get(q) for q in change.quote_ids]
        elif add is not None:
            article_id, start, end = add
            try:
                article = ws.article(article_id)
            except (KeyError, LookupError):
                ids = [ws.index.meta(r).id for r in range(ws.index.n_articles)]
                close = difflib.get_close_matches(article_id, ids, n=5, cutoff=0.5)
                err_console.print(
                    f"[red]No article {safe_markup(repr(article_id))} in this corpus.[/]"
                    + (f" Did you mean: {safe_markup(', '.join(close))}?" if close else ""),
                    highlight=False,
                )
                return 2
            if end > len(article.text):
                err_console.print(f"[red]The span {start}-{end} is beyond the article's end ({len(article.text)}).[/]")
                return 2
            a = store.add_quote(
                article_id,
                start,
                end,
                article.text[start:end],
                speaker=args.speaker or None,
                kind=args.kind,
                note=note or "",
                tags=args.tag,
                status=args.status or None,
            )
            results = [a]
        else:
            targets = []
            for qid in args.quote_ids:
                q = _find_quote(ws, store, qid)
                if q is None:
                    close = suggest_ids(ws, store, qid)
                    err_console.print(f"[red]No quote {safe_markup(repr(qid))} in this corpus.[/]", highlight=False)
                    if close:
                        err_console.print("Did you mean: " + safe_markup(", ".join(close)), highlight=False)
                    return 2
                targets.append(q)
            kwargs: dict[str, Any] = {"add_tags": args.tag, "remove_tags": args.untag}
            if note is not None:
                kwargs["note"] = note
            if args.status:
                kwargs["status"] = args.status
            if args.speaker is not None:
                kwargs["speaker"] = args.speaker or None
            if args.span is not None:
                if span is None:
                    kwargs["span"] = None
                elif len(targets) > 1:
                    err_console.print("[red]--span corrects one quote: give a single QUOTE_ID.[/]")
                    return 2
                else:
                    article = ws.article(
                        article_of(targets[0].id) if not isinstance(targets[0], str) else article_of(targets[0])
                    )
                    if span[1] > len(article.text):
                        err_console.print(f"[red]The span {span[0]}-{span[1]} is beyond the article's end.[/]")
                        return 2
                    kwargs["span"] = (span[0], span[1], article.text[span[0] : span[1]])
            if len(targets) == 1:
                store.update(targets[0], **kwargs)
            else:
                with store.batch(f"annotate {len(targets)} quotes"):
                    for t in targets:
                        store.update(t, **kwargs)
            results = [store.get(t if isinstance(t, str) else t.id) for t in targets]
    except StoreError as exc:
        print_store_error(exc)
        return 1
    except ValueError as exc:
        err_console.print(f"[red]{safe_markup(str(exc))}[/]", highlight=False)
        return 2
    for w in store.warnings:
        err_console.print(f"[yellow]{safe_markup(str(w))}[/]", highlight=False)
    for ann in results:
        if ann is None:
            continue
        if args.json:
            sys.stdout.write(orjson.dumps(ann.to_dict()).decode() + "\n")
        else:
            console.print(describe(ann), highlight=False)
    return 0
