"""``quotelens store repair|check``: look after the annotation store file."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.commands.common import add_store_args, existing_store_dir, print_store_error
from tui.console import safe_markup

NAME = "store"
HELP = "check or repair the store: the annotations, their history and the analysis cache"
DESCRIPTION = (
    "The annotations of a corpus live in <store>/annotations.json, saved atomically with the previous "
    "version kept as annotations.json.bak. If the file is ever damaged (quotelens then stops and names "
    "it), `quotelens store repair` restores it: by default from the backup plus every record that can "
    "still be read from the damaged file (newest wins); --from-backup or --salvage use one source only. "
    "The damaged file is kept as annotations.json.corrupt-<time>. Records of the wrong shape (ignored "
    "by every command) are moved to annotations.json.invalid-<time>.json. A damaged analysis cache "
    "(analysis.sqlite) is set aside as analysis.sqlite.corrupt-<time> and rebuilt from the corpus by the "
    "next command. `quotelens store check` reports the state of every file (exit status 1 when one is bad)."
)
EXAMPLES = (
    "quotelens store check ~/news",
    "quotelens store repair ~/news",
    "quotelens store repair --store ~/news/.quotelens --from-backup",
    "quotelens store repair ~/news --dry-run",
)


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="store_action", metavar="ACTION", title="actions")
    sub.required = True
    for name, help_text in (("repair", "restore a damaged store file"), ("check", "check the store files")):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("corpus", nargs="*", metavar="CORPUS", help="the corpus (or give --store DIR)")
        add_store_args(p)
        if name == "repair":
            group = p.add_mutually_exclusive_group()
            group.add_argument(
                "--from-backup", dest="mode", action="store_const", const="backup", help="restore the backup only"
            )
            group.add_argument(
                "--salvage",
                dest="mode",
                action="store_const",
                const="salvage",
                help="only the records readable in the damaged file",
            )
            p.add_argument("--dry-run", action="store_true", help="say what would be done, change nothing")
            p.set_defaults(mode="auto")


def run(args: argparse.Namespace) -> int:
    store_dir = existing_store_dir(args)
    if store_dir is None:
        return 2
    if args.store_action == "check":
        return _check(store_dir)
    return _repair(store_dir, args.mode, args.dry_run)


def _check(store_dir: Path) -> int:
    """Report the annotation file, its records, the history file and the analysis cache; 1 when any is bad."""
    from store.annotations import STORE_FILENAME, AnnotationStore, StoreError
    from store.cache import CACHE_FILE
    from store.cache_files import check_cache
    from store.safe_storage import backup_path
    from tui.console import console, err_console

    path = store_dir / STORE_FILENAME
    bad = False
    bak = backup_path(path)
    if not path.exists() and not bak.exists():
        console.print(f"No annotations yet ({safe_markup(str(path))} does not exist).", highlight=False)
    else:
        store = AnnotationStore(path)
        try:
            n = store.check()
            invalid = store.invalid_records()
            store.history()
        except StoreError as exc:
            print_store_error(exc)
            n, invalid, bad = 0, [], True
        else:
            size = path.stat().st_size if path.exists() else 0
            if invalid:
                bad = True
                err_console.print(
                    f"[red]{len(invalid)} record(s) of the wrong shape[/] in {safe_markup(path)} (ignored by every "
                    "command; `quotelens store repair` sets them aside in a side file):",
                    highlight=False,
                )
                for message in invalid[:20]:
                    err_console.print(f"  {safe_markup(message)}", highlight=False)
            for message in store.warnings:
                if message not in invalid:
                    bad = True
                    err_console.print(f"[yellow]{safe_markup(message)}[/]", highlight=False)
            if not bad:
                console.print(
                    f"[green]OK[/] {safe_markup(str(path))}: {n:,} annotations, {size / 1e6:.2f} MB"
                    + (f"; backup {bak.name} present" if bak.exists() else "; no backup yet"),
                    highlight=False,
                )
    cache = check_cache(store_dir / CACHE_FILE)
    if cache.ok:
        console.print(
            ("[green]OK[/] " if cache.counts is not None else "") + safe_markup(cache.message), highlight=False
        )
    else:
        bad = True
        err_console.print(f"[red]Analysis cache:[/] {safe_markup(cache.message)}", highlight=False)
    return 1 if bad else 0


def _repair(store_dir: Path, mode: str, dry_run: bool) -> int:
    from store.annotations import STORE_FILENAME, StoreError, repair_store
    from store.cache import CACHE_FILE
    from store.cache_files import repair_cache
    from tui.console import console, err_console

    try:
        report = repair_store(store_dir / STORE_FILENAME, mode=mode, dry_run=dry_run)
        cache_note = repair_cache(store_dir / CACHE_FILE, dry_run=dry_run)
    except StoreError as exc:
        err_console.print(f"[red]{safe_markup(str(exc))}[/]", highlight=False)
        return 1
    if report.action == "ok":
        console.print(f"[green]{safe_markup(report.summary())}[/]", highlight=False)
    elif report.action == "empty":
        err_console.print(f"[yellow]{safe_markup(report.summary())} Nothing could be recovered.[/]", highlight=False)
    else:
        console.print(
            ("[yellow]Dry run:[/] " if report.dry_run else "[green]Repaired:[/] ") + safe_markup(report.summary()),
            highlight=False,
        )
    if cache_note:
        console.print(
            ("[yellow]Dry run:[/] " if dry_run else "[green]Cache:[/] ") + safe_markup(cache_note), highlight=False
        )
    return 0
