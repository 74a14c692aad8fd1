"""``quotelens person CORPUS NAME --gender LABEL | --merge-into NAME``: correct a person, corpus-wide.

Corrections go to the annotation store as one change each, so ``quotelens annotate CORPUS
--undo`` reverts the latest one and ``quotelens history CORPUS`` lists them.
"""

from __future__ import annotations

import argparse
import difflib

from rich.markup import escape

from tui.commands.common import add_corpus_args

HELP = "correct a person: set their gender (any label) or merge them into another person"
DESCRIPTION = (
    "Correct a person of CORPUS everywhere: --gender LABEL sets the gender to any label you type "
    "(female, male, non-binary, …; counted as its own category; --gender '' clears it back to the "
    "inferred one); --merge-into NAME counts NAME_1 as NAME from now on ('Goodale' into 'Ralph "
    "Goodale' when the article's resolution failed); --unmerge counts it as itself again. A user "
    "correction beats anything inferred and reaches `people`, `stats`, exports and the app. "
    "Undo with `quotelens annotate CORPUS --undo`; `quotelens history CORPUS` lists the changes."
)
EXAMPLES = (
    "quotelens person ~/news 'Ahmed Hussen' --gender male",
    "quotelens person ~/news 'Alex Morgan' --gender non-binary",
    "quotelens person ~/news Goodale --merge-into 'Ralph Goodale'",
    "quotelens annotate ~/news --undo",
)


def configure(parser: argparse.ArgumentParser) -> None:
    add_corpus_args(parser)
    parser.add_argument("name", metavar="NAME", help="the person, as `quotelens people` lists them")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--gender", metavar="LABEL", help="set the gender label ('' clears the correction)")
    what.add_argument("--merge-into", metavar="NAME", help="count this person as NAME from now on")
    what.add_argument("--unmerge", action="store_true", help="undo a merge of this person")


def find_person(name: str, people: dict[str, str]) -> tuple[str | None, list[str]]:
    """The key of the person ``name`` names (key → display name in ``people``): the exact key, else the
    one person whose name contains all of its words; else (None, close names)."""
    from corpus.models import entity_key, name_tokens

    key = entity_key(name)
    if key in people:
        return key, []
    words = set(name_tokens(name))
    owners = [k for k, n in people.items() if words and words <= set(name_tokens(n))]
    if len(owners) == 1:
        return owners[0], []
    if owners:
        return None, sorted(people[k] for k in owners)[:8]
    return None, difflib.get_close_matches(name, list(people.values()), n=5, cutoff=0.6)


def run(args: argparse.Namespace) -> int:
    from store.annotations import StoreError
    from tui.commands.common import open_annotations, print_store_error
    from tui.commands.people import load_people
    from tui.console import console, err_console

    ws, store = open_annotations(args)
    if ws is None or store is None:
        return 1
    try:
        overrides = store.person_overrides()
        people = {p.key: p.name for p in load_people(ws)}
        # people merged away still answer to their own name (for --unmerge)
        people.update({k: overrides.names.get(k, k) for k in overrides.merged_into})

        def lookup(typed: str) -> str | None:
            key, close = find_person(typed, people)
            if key is None:
                hint = f" Did you mean: {', '.join(close)}?" if close else " See `quotelens people CORPUS`."
                err_console.print(
                    f"[red]No single person {escape(repr(typed))} in this corpus.[/]{escape(hint)}", highlight=False
                )
            return key

        key = lookup(args.name)
        if key is None:
            return 2
        name = people[key]
        try:
            if args.merge_into is not None:
                target = lookup(args.merge_into)
                if target is None:
                    return 2
                change = store.merge_person(key, target, source_name=name, target_name=people[target])
            elif args.unmerge:
                change = store.unmerge_person(key, name=name)
            else:
                change = store.set_person_gender(key, args.gender or None, name=name)
        except ValueError as exc:
            err_console.print(f"[red]{escape(str(exc))}[/]", highlight=False)
            return 2
        except StoreError as exc:
            print_store_error(exc)
            return 1
        if change is None:
            err_console.print("[yellow]Nothing changed.[/]")
            return 0
        console.print(f"{escape(change.label)} [dim](undo: quotelens annotate CORPUS --undo)[/]", highlight=False)
        return 0
    finally:
        store.close()
