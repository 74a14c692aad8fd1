"""``quotelens history CORPUS [--quote ID]``: who changed which annotation, when, and how."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from tui.commands.common import add_store_args, existing_store_dir, positive_int
from tui.console import safe_markup
from tui.wording import plural

if TYPE_CHECKING:
    from store.annotations import ChangeItem

HELP = "list the changes made to the annotations (who, when, what)"
DESCRIPTION = (
    "List the saved changes to the annotations of CORPUS, oldest first: time, user, where it came from "
    "(app or cli), the operation and the fields changed. --quote shows one quote's changes. Undo a change "
    "with `quotelens annotate CORPUS --undo` (or u in the app)."
)
EXAMPLES = (
    "quotelens history ~/news",
    "quotelens history ~/news --quote 'bbc-0042#3fa2c1d9e0b4'",
    "quotelens history ~/news --limit 20 --json",
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", nargs="*", metavar="CORPUS", help="the corpus (or give --store DIR)")
    add_store_args(parser)
    parser.add_argument("--quote", metavar="QUOTE_ID", help="only the changes to this quote")
    parser.add_argument("--limit", type=positive_int, metavar="N", help="only the N most recent changes")
    parser.add_argument("--json", action="store_true", help="one JSON object per change")


def _short(value: Any, n: int = 40) -> str:
    if value is None or value == "" or value == []:
        return "∅"
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    if isinstance(value, dict) and "start" in value:
        value = f"{value['start']}-{value['end']}"
    text = " ".join(str(value).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def describe_person_item(item: ChangeItem) -> str:
    """A person correction as a line: its gender label and merge, before → after."""
    before, after = item.before or {}, item.after or {}
    parts = []
    if before.get("gender") != after.get("gender"):
        parts.append(f"gender {_short(before.get('gender'))} → {_short(after.get('gender'))}")
    if before.get("merged_into") != after.get("merged_into"):
        if after.get("merged_into"):
            parts.append(f"merged into {_short(after.get('merged_name') or after['merged_into'])}")
        else:
            parts.append(f"no longer merged into {_short(before.get('merged_name') or before.get('merged_into'))}")
    return "; ".join(parts) or "no visible change"


def describe_item(item: ChangeItem) -> str:
    if item.kind == "person":
        return describe_person_item(item)
    if item.before is None and item.after is not None:
        what = "added quote" if item.after.get("user_added") else "new annotation"
        fields = [f for f in item.fields() if f not in ("article_id", "text", "start", "end", "kind", "user_added")]
        return what + ("" if not fields else ": " + "; ".join(f"{f} {_short(item.after.get(f))}" for f in fields))
    if item.after is None:
        return "removed"
    parts = []
    for f in item.fields():
        b, a = (item.before or {}).get(f), item.after.get(f)
        if f == "tags":
            b, a = b or [], a or []
            plus = [t for t in a if t not in b]
            minus = [t for t in b if t not in a]
            parts.append("tags " + " ".join([f"+{t}" for t in plus] + [f"-{t}" for t in minus]))
        else:
            parts.append(f"{f} {_short(b)} → {_short(a)}")
    return "; ".join(parts) or "no visible change"


def run(args: argparse.Namespace) -> int:
    import orjson

    from store.annotations import AnnotationStore, StoreError
    from tui.commands.common import print_store_error
    from tui.console import console

    store_dir = existing_store_dir(args)
    if store_dir is None:
        return 2
    store = AnnotationStore(store_dir)
    try:
        changes = store.history(quote_id=args.quote, limit=args.limit)
    except StoreError as exc:
        print_store_error(exc)
        return 1
    from tui.console import err_console

    for warning in store.warnings:  # a damaged (torn) line, skipped
        err_console.print(f"[yellow]{safe_markup(warning)}[/]", highlight=False)
    if args.json:
        for c in changes:
            sys.stdout.write(orjson.dumps(c.to_dict()).decode() + "\n")
        return 0
    if not changes:
        console.print("[dim]No changes recorded yet.[/]")
        return 0
    console.print(f"[bold]{plural(len(changes), 'change')}[/] [dim](oldest first; times in UTC)[/]")
    for c in changes:
        when = c.ts.replace("T", " ").rstrip("Z")[:19]
        extra = ""
        if c.undoes or c.redoes:
            extra = f" [dim](of {c.undoes or c.redoes})[/]"
        console.print(
            f"[dim]{when}[/]  [bold]{safe_markup(c.who)}[/] [dim]({safe_markup(c.source)})[/]  [cyan]{c.op}[/]{extra}  "
            f"[dim]{c.id}[/]",
            highlight=False,
            soft_wrap=True,
        )
        items = list(c.items)
        if not items:
            console.print(f"    {safe_markup(c.label)}", highlight=False)
        for item in items[:5]:
            who = item.quote_id
            if item.kind == "person":
                who = "person " + str((item.after or item.before or {}).get("name") or item.quote_id)
            console.print(f"    {safe_markup(who)}: {safe_markup(describe_item(item))}", highlight=False)
        if len(items) > 5:
            console.print(f"    [dim]… and {len(items) - 5} more[/]")
        if c.conflicts:
            console.print(f"    [yellow]left alone (changed since): {safe_markup(', '.join(c.conflicts))}[/]")
    return 0
