"""The quotelens terminal app.

``QuotelensApp(workspace_factory)``: the factory opens (ingesting first when
needed) a ``Workspace`` and is called in a worker thread with a progress
callback, while a loading screen shows the progress; then the main screen
takes over. The user's config (keymap, quick tags, theme) is read at start-up;
a bad config is reported in a notification naming the file and line.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette, Provider
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets._toast import Toast
from textual.worker import get_current_worker

from tui.bindings import SECTIONS
from tui.keymap import Config, keymap_conflicts, load_config
from tui.palette import (
    JUMP_PALETTES,
    ActionProvider,
    ArticleProvider,
    EntityProvider,
    SpeakerProvider,
    full_palette,
    jump_palette,
)
from tui.screens.kept import push_kept
from tui.screens.loading import LoadingScreen
from tui.screens.main import MainScreen

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.console import RenderableType
    from textual.actions import ActionParseResult
    from textual.dom import DOMNode

    from store.ingest import ProgressCallback
    from store.workspace import Workspace

# A click on a notification the moment it is removed (its time up, or a first click closed it) and
# not yet repainted away started Textual's text selection on a widget already detached (no parent):
# AttributeError in Screen._forward_event. A notification's text is not for selecting.
Toast.ALLOW_SELECT = False


class WorkspaceFactory(Protocol):
    """Opens the corpus: ``progress(done, total, words)`` while analysing, ``status(message)``
    for the phases, ``cancel`` set when the user quits (an ingest stops between batches)."""

    def __call__(
        self, *, progress: ProgressCallback, status: Callable[[str], object], cancel: threading.Event
    ) -> Workspace: ...


APP_BINDINGS = [
    Binding("q", "quit", "Quit", id="quit"),
    Binding("question_mark", "help", "Help", id="help", key_display="?", show=False),
    Binding("D", "toggle_dark", "Light/dark", show=False, id="toggle_dark"),
]


def all_binding_ids() -> set[str]:
    """Every binding id a keymap may name (the app's, the main screen's and the panes')."""
    from tui.widgets.article_reader import ArticleReader
    from tui.widgets.entity_sidebar import EntitySidebar
    from tui.widgets.virtual_list import VirtualList

    ids = {b.id for b in APP_BINDINGS}
    for _, bindings in SECTIONS:
        ids |= {b.id for b in bindings}
    for widget in (VirtualList, ArticleReader, EntitySidebar):
        ids |= {b.id for b in widget.BINDINGS if isinstance(b, Binding)}
    ids.add("command_palette")
    return {i for i in ids if i}


class WorkspaceReady(Message):
    def __init__(self, workspace: Workspace, seconds: float) -> None:
        super().__init__()
        self.workspace = workspace
        self.seconds = seconds


class WorkspaceFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class OpenProgress(Message):
    def __init__(self, done: int | None, total: int | None, message: str) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.message = message


class QuotelensApp(App[None]):
    """See the module docstring."""

    TITLE = "quotelens"
    CSS_PATH = "app.tcss"
    BINDINGS = [*APP_BINDINGS]
    COMMANDS = {ActionProvider, ArticleProvider, EntityProvider, SpeakerProvider}
    COMMAND_PALETTE_KEY = "ctrl+p"

    def __init__(
        self,
        workspace_factory: WorkspaceFactory,
        *,
        corpus_label: str = "",
        config: Config | None = None,
        config_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.workspace_factory = workspace_factory
        self.corpus_label = corpus_label
        self.config = config or load_config(config_path, known_binding_ids=all_binding_ids())
        self.workspace: Workspace | None = None
        self.main: MainScreen | None = None
        self.started = time.perf_counter()
        self._cancel_open = threading.Event()  # stops an ingest between batches when the user quits
        self.closing = False  # exit() was called: keys still on their way do nothing (run_action)
        self.first_paint_at: float | None = None  # perf_counter() when the main screen was first painted
        self.open_seconds: float | None = None  # how long opening the workspace took
        _start_resource_tracker()
        if self.config.keymap:
            from tui.screens.help import binding_scopes

            self.config.problems += keymap_conflicts(self.config, *binding_scopes())
            self.set_keymap(self.config.keymap)
        if self.config.theme:
            if self.config.theme in self.available_themes:
                self.theme = self.config.theme
            else:
                self.config.problems.append(
                    f"{self.config.path}: unknown theme {self.config.theme!r} "
                    f"(try one of: {', '.join(sorted(self.available_themes))})"
                )

    @property
    def config_path_label(self) -> str:
        return str(self.config.path)

    def on_mount(self) -> None:
        for problem in self.config.problems:
            self.notify(problem, title="Config problem", severity="warning", timeout=12)
        self.push_screen(LoadingScreen())
        self._open_workspace()
        # When the terminal goes away without a SIGHUP reaching us (the pane closed under
        # `make run`, whose make keeps the signal), Textual's input thread spins on the hung-up
        # tty at 100% CPU forever. A tty that stops being one is the sign: leave (annotations
        # are saved as they are made).
        self._tty_fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else -1
        if self._tty_fd >= 0 and os.isatty(self._tty_fd):
            self.set_interval(2.0, self._exit_if_terminal_gone, name="terminal check")

    def _exit_if_terminal_gone(self) -> None:
        if not os.isatty(self._tty_fd):
            self.exit(return_code=129)

    # --- opening the corpus ------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="open", name="open workspace")
    def _open_workspace(self) -> None:
        worker = get_current_worker()
        started = time.perf_counter()

        def progress(done: int, total: int, words: int) -> None:
            if not worker.is_cancelled:
                self.post_message(OpenProgress(done, total, _progress_message(done, total, words)))

        def status(message: str) -> None:
            if not worker.is_cancelled:
                self.post_message(OpenProgress(None, None, message))

        try:
            workspace = self.workspace_factory(progress=progress, status=status, cancel=self._cancel_open)
            # Annotations follow their quotes when the extractor or the corpus changed
            # (cheap no-op otherwise); quotes that vanished stay as orphans.
            from store.anchoring import ensure_anchored

            status("Re-attaching annotations…")
            ensure_anchored(workspace)
            workspace.annotations.check()  # read here, so its warnings (records ignored …) are known
        except Exception as exc:  # shown on the loading screen: the user must see why
            self.post_message(WorkspaceFailed(f"{exc.__class__.__name__}: {exc}" if not str(exc) else str(exc)))
            return
        self.post_message(WorkspaceReady(workspace, time.perf_counter() - started))

    async def action_quit(self) -> None:
        self._cancel_open.set()
        await super().action_quit()

    def exit(self, result: None = None, return_code: int = 0, message: RenderableType | None = None) -> None:
        """However the app ends (q, a closed terminal, a test's pilot), an ingest under way stops between
        batches: the process would otherwise wait for the whole corpus before it could exit."""
        self._cancel_open.set()
        self.closing = True
        super().exit(result, return_code, message)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification of the app is plain text (``markup`` is ignored): what they show are
        paths, names, quotes and config lines, whose brackets content markup would eat ("Choose
        another key in [keymap]." showed "… in ."). Widgets' ``notify`` comes here too."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """No key's action once the app is closing: "qs" typed fast (both keys in one read from the
        terminal) would otherwise open the speaker prompt while the screens are taken down (a crash)."""
        if self.closing:
            return False
        return await super().run_action(action, default_namespace, namespaces)

    # --- keys pressed faster than the screen settles (tui/held_keys.py) --------------------------
    _last_input: events.InputEvent | None = None  # the newest key or click from the terminal
    _key_in_hand: events.Key | None = None  # the key whose bindings run now (or last ran)
    last_input_at = 0.0  # time.monotonic() when the newest key or click arrived (before it is handled)

    def post_message(self, message: Message) -> bool:
        # Keys and clicks from the terminal (the driver's, or a test's) arrive here first; the same
        # key comes back forwarded on its way to the bindings (``on_key``).
        if isinstance(message, (events.Key, events.MouseDown)) and not message.is_forwarded:
            self._last_input = message
            self.last_input_at = time.monotonic()
        return super().post_message(message)

    def keys_behind(self) -> str | None:
        """The key being handled when the user has pressed another key since (a held key that
        repeats faster than the screen settles), else None: a click, or the newest key."""
        in_hand, last = self._key_in_hand, self._last_input
        if in_hand is None or not isinstance(last, events.Key) or last is in_hand:
            return None
        return in_hand.key

    def on_key(self, event: events.Key) -> None:
        # This runs before the app's bindings (every key the panes do not keep reaches them here,
        # after the screen's handlers): the key's action sees it as the key in hand.
        self._key_in_hand = event
        if self.main is not None:
            self.main.before_bindings(event.key)
        # A printable key reaching the app unhandled while a prompt is open was typed into
        # the screen below, right after the key that opened the prompt (`t p`): give it to
        # the prompt (its input stops the keys typed into it, so none comes twice).
        from tui.screens.prompt import PromptScreen

        if isinstance(self.screen, PromptScreen) and event.is_printable and event.character:
            self.screen.type_ahead(event.character)

    def on_open_progress(self, event: OpenProgress) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.screen.set_progress(event.done, event.total, event.message)

    def on_workspace_failed(self, event: WorkspaceFailed) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.screen.show_error(event.error)

    def on_workspace_ready(self, event: WorkspaceReady) -> None:
        self.workspace = event.workspace
        self.open_seconds = event.seconds
        self.main = MainScreen(event.workspace, quick_tags=self.config.quick_tags, corpus_label=self.corpus_label)
        self.switch_screen(self.main)
        self.call_after_refresh(self._painted)
        report = event.workspace.load_report
        if report.problems:
            from tui.wording import load_problems

            self.notify(load_problems(report), title="Corpus", severity="warning", timeout=12)
        self._notify_notices(event.workspace)

    def _notify_notices(self, workspace: Workspace) -> None:
        """What the CLI prints on opening (tui/commands/common.py), as notifications: the cache's
        notices (a damaged cache rebuilt …), the workspace's (a nested store adopted) and the
        annotation store's warnings (records of the wrong shape ignored, a torn history line skipped)."""
        from corpus.printable import printable

        sources: tuple[tuple[str, SeverityLevel, list[str]], ...] = (
            ("Analysis cache", "warning", workspace.cache.notices),
            ("Store", "information", workspace.notices),
            ("Annotations", "warning", workspace.annotations.warnings),
        )
        for title, severity, messages in sources:
            for message in messages:
                self.notify(printable(message), title=title, severity=severity, timeout=15)

    def _painted(self) -> None:
        if self.first_paint_at is None:
            self.first_paint_at = time.perf_counter()

    # --- app-wide actions ----------------------------------------------------------------------
    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            push_kept(self, "help", HelpScreen)

    def action_toggle_dark(self) -> None:
        # Stay in the family: the terminal's own colours (ansi-*) or Textual's.
        family = "ansi" if self.theme.startswith("ansi-") else "textual"
        self.theme = f"{family}-light" if self.current_theme.dark else f"{family}-dark"

    # A jump-to palette (p, E, @) has a single provider, which lists its names before anything is
    # typed; the full palette (ctrl+p) lists only the actions then (thousands of names would bury them).
    def search_commands_with(self, provider: type[Provider], placeholder: str) -> None:
        """Open the command palette with a single provider (the jump-to palettes)."""
        if not isinstance(self.screen, CommandPalette):
            push_kept(self, *jump_palette(provider, placeholder))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            push_kept(self, *full_palette())

    def kept_overlays(self) -> list[tuple[str, Callable[[], Screen[Any]]]]:
        """The overlays kept once opened, as ``push_kept`` takes them, in the order the main
        screen makes them ahead (``tui.screens.ahead``): the help, the jump palettes, the full one."""
        overlays: list[tuple[str, Callable[[], Screen[Any]]]] = [("help", _help_screen)]
        for provider, placeholder in JUMP_PALETTES:
            overlays.append(jump_palette(provider, placeholder))
        if self.use_command_palette:
            overlays.append(full_palette())
        return overlays


def _help_screen() -> Screen[Any]:
    """The help, its module imported when it is made (in idle time), not before the first screen."""
    from tui.screens.help import HelpScreen

    return HelpScreen()


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker now, while stderr is the real one.

    An ingest inside the app spawns worker processes; the first spawn starts the
    tracker and hands it ``sys.stderr.fileno()``, which under Textual is the print
    capture's -1 ("bad value(s) in fds_to_keep"). Started here, before the app
    captures stderr, it is already running then.
    """
    if sys.platform == "win32":
        return
    try:
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()
    except Exception:  # never stop the app for this: an ingest would report its own error
        pass


def _progress_message(done: int, total: int, words: int) -> str:
    if not total:
        return "Analysing articles…"
    return f"Analysing articles: {done:,} of {total:,}" + (f" ({words:,} words)" if words else "")
