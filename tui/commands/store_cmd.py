"""``quotelens store repair|check``: look after the annotation store file."""

from __future__ import annotations

import argparse

from tui.commands.common import add_store_args
from tui.console import safe_markup

NAME = "store"
HELP = "check or repair the annotation store (restore the backup, salvage readable records)"
DESCRIPTION = (
    "The annotations of a corpus live in <store>/annotations.json, saved atomically with the previous "
    "version kept as annotations.json.bak. If the file is ever damaged (quotelens then stops and names "
    "it), `quotelens store repair` restores it: by default from the backup plus every record that can "
    "still be read from the damaged file (newest wins); --from-backup or --salvage use one source only. "
    "The damaged file is kept as annotations.json.corrupt-<time>. `quotelens store check` reports the "
    "state of the files."
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
    from store.annotations import (
        STORE_FILENAME,
        AnnotationStore,
        StoreCorrupt,
        StoreError,
        repair_store,
    )
    from store.safe_storage import backup_path
    from tui.commands.common import existing_store_dir, print_store_error
    from tui.console import console, err_console

    store_dir = existing_store_dir(args)
    if store_dir is None:
        return 2
    path = store_dir / STORE_FILENAME
    if args.store_action == "check":
        bak = backup_path(path)
        if not path.exists() and not bak.exists():
            console.print(f"No annotations yet ({safe_markup(str(path))} does not exist).", highlight=False)
            return 0
        try:
            n = AnnotationStore(path).check()
        except StoreCorrupt as exc:
            print_store_error(exc)
            return 1
        except StoreError as exc:
            print_store_error(exc)
            return 1
        size = path.stat().st_size if path.exists() else 0
        console.print(
            f"[green]OK[/] {safe_markup(str(path))}: {n:,} annotations, {size / 1e6:.2f} MB"
            + (f"; backup {bak.name} present" if bak.exists() else "; no backup yet"),
            highlight=False,
        )
        return 0
    try:
        report = repair_store(path, mode=args.mode, dry_run=args.dry_run)
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
    return 0
