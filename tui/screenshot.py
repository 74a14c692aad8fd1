"""Screenshots: ``save_screenshot(app)`` behind the palette's *Screenshot*, and the README's picture.

The README's: ``python -m tui.screenshot docs/screenshot.svg`` regenerates it with Textual itself.

Opens the bundled sample corpus in a temporary store (so the user's own
annotations are neither shown nor touched), reviews a quote or two, turns on
entity highlighting and saves an SVG of the screen (``App.save_screenshot``).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

SIZE = (150, 42)
KEYS = ("a", "J", "2", "e")  # accept, next quote, quick tag "follow-up", entities on


def save_screenshot(app: App[Any], corpus_key: str = "") -> Path | None:
    """Save an SVG of the screen in a folder that exists (the export folder of the corpus,
    else the current folder, documents or home; never the program's own folder) and say
    where in a notification. Returns the file (None when it could not be written)."""
    from tui.screens.export import proposed_folder

    folder = proposed_folder(corpus_key)
    try:
        saved = Path(app.save_screenshot(path=str(folder)))
    except OSError as exc:
        app.notify(f"Could not write to {folder}: {exc.strerror or exc}", title="No screenshot", severity="error")
        return None
    app.notify(str(saved), title="Screenshot saved", timeout=8)
    return saved


async def _shoot(target: Path, store_dir: Path) -> None:
    from corpus.readers import SAMPLE_CORPUS
    from store.workspace import Workspace
    from tui.app import QuotelensApp
    from tui.keymap import Config

    def factory(progress, status, cancel):
        return Workspace.open([SAMPLE_CORPUS], store_dir=store_dir, progress=progress, status=status, cancel=cancel)

    config = Config(path=Path("config.toml"), quick_tags=["economy", "follow-up", "security"])
    app = QuotelensApp(factory, corpus_label="sample corpus", config=config)
    async with app.run_test(size=SIZE) as pilot:
        while app.main is None or app.first_paint_at is None:
            if app.screen.query("#loading-error") and app.screen.query_one("#loading-error").display:
                raise SystemExit("could not open the sample corpus")
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        for key in KEYS:
            await pilot.press(key)
            await pilot.pause(0.1)
        screen = app.main
        while screen.saving:
            await pilot.pause(0.05)
        app.clear_notifications()
        await pilot.pause(0.3)
        app.save_screenshot(filename=target.name, path=str(target.parent))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0] if args else "docs/screenshot.svg").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="quotelens-shot-") as tmp:
        asyncio.run(_shoot(target, Path(tmp)))
    print(f"Saved {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
