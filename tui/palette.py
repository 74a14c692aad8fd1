"""Command palette providers (ctrl+p): every action, and jump to article / entity / speaker.

The action list is generated from the bindings, so it always matches the keys
(and shows the user's remapped key). The jump providers also open on their own
(``p``, ``E``, ``@``) as single-purpose palettes.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Hashable
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar, runtime_checkable

from textual import on
from textual.app import ComposeResult
from textual.command import (
    Command,
    CommandInput,
    CommandList,
    CommandPalette,
    DiscoveryHit,
    Hit,
    Hits,
    Provider,
    SearchIcon,
)
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Mount, Resize, ScreenResume, ScreenSuspend
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Button, Input, LoadingIndicator
from textual.worker import Worker

from store.index import ArticleMeta, CorpusIndex, EntityStat, SpeakerStat
from tui.screens.backdrop import SteadyBackdrop
from tui.wording import label_name

if TYPE_CHECKING:
    from tui.app import QuotelensApp
    from tui.screens.ahead import Wait
    from tui.screens.main import MainScreen

StatT = TypeVar("StatT", EntityStat, SpeakerStat)

FUZZY_ARTICLE_LIMIT = 3000  # titles fuzzy-matched per keystroke (the index's search covers the rest)
MAX_HITS = 40
MAX_NAMES = 5000  # speakers or entities a search looks through


class SteadyCommandList(CommandList):
    """Textual's command list, keeping the rows it rendered while its width stays the same.

    Textual's option list forgets every row it rendered on each Resize and paints them all
    again in the next frame. A list gets one each time it is shown and each time its height
    changes (a palette's list is shown as it opens, and grows or shrinks with the hits as
    the user types), though rows are rendered to the list's width alone: the rows shown in a
    frame were painted a second time in the frame after it."""

    _rows_width: int | None = None  # the width of the rows rendered since they were last forgotten

    # Textual hands the event to a handler that takes one (OptionList's takes none).
    def _on_resize(self, event: Resize) -> None:  # type: ignore[override]
        # Before OptionList's handler, which forgets the rows (a Textual 8.x private, as the
        # caches below): it is skipped at the same width.
        if self.scrollable_content_region.width == self._rows_width:
            event.prevent_default()

    def render_lines(self, crop: Region) -> list[Strip]:
        width = self.scrollable_content_region.width
        if width != self._rows_width:
            if self._rows_width is not None:  # rows rendered to another width: forgotten
                self._option_render_cache.clear()
                self._line_cache.clear()
            self._rows_width = width
        return super().render_lines(crop)


class Palette(CommandPalette, SteadyBackdrop):
    """Textual's command palette, its backdrop dimmed once (``tui.screens.backdrop``), made
    once and kept (``tui.screens.kept``), and painted at once.

    Textual hides the palette's box until the first listing is complete (its ``-ready``
    class): for a palette whose names come from a thread that was a dimmed screen and
    nothing else for a few hundred milliseconds. Here the input is painted with the
    backdrop and the list appears under it as it comes.

    Opened again when its providers say the listing would be the one it showed when it
    closed (``listing_key``), the list stays shown: box and rows are painted in the first
    frame, and the listing gathered anew finds the same rows (``_same_as_listed``). Hidden
    and shown again, the list was laid out and painted twice more (Textual's option list
    forgets its rendered rows when it is shown).
    """

    DEFAULT_CSS = """
    Palette #--container { display: block; }
    """

    def __init__(self, providers: list[type[Provider]] | None = None, **kwargs: Any) -> None:
        super().__init__(providers, **kwargs)
        self._opened_before = False
        self._made_ahead = False  # mounted off the screen stack, in idle time (``tui.screens.ahead``)
        # The listing key (``listing_key``) the providers gave when the gathering under way
        # started (None: a search, or a provider that cannot tell), and the one of the listing
        # the list shows whole (None: search hits, a listing cut short, or nothing).
        self._gathering_key: Hashable | None = None
        self._listed_key: Hashable | None = None

    def compose(self) -> ComposeResult:
        # Textual's CommandPalette.compose (8.x), with a SteadyCommandList for its list.
        with Vertical(id="--container"):
            with Horizontal(id="--input"):
                yield SearchIcon()
                yield CommandInput(placeholder=self._placeholder, select_on_focus=False)
                if not self.run_on_select:
                    yield Button("\u25b6")
            with Vertical(id="--results"):
                yield SteadyCommandList()
                yield LoadingIndicator()

    def _listing_key(self) -> Hashable | None:
        """What the listing before anything is typed depends on, from every provider; None
        when a provider cannot tell."""
        keys = []
        for provider in self._providers:
            key = provider.listing_key() if isinstance(provider, Listing) else None
            if key is None:
                return None
            keys.append(key)
        return (self.app.theme, tuple(keys))

    def _gather_commands(self, search_value: str) -> Worker[None]:
        # Textual's worker (a method, decorated) that gathers the hits; its key is taken as it starts.
        self._gathering_key = None if search_value else self._listing_key()
        return super()._gather_commands(search_value)

    def _refresh_command_list(self, command_list: CommandList, commands: list[Command], clear_current: bool) -> None:
        # Textual's hook that lists the hits gathered (private; no public one). A list taller
        # than it may be gets its scrollbar once it has been painted, which narrows it and so
        # lays the palette out and paints the list a second time: a list certain to be too
        # tall (more lines than its height, counting each hit's lines) scrolls from the start.
        max_height = command_list.styles.max_height
        room = int(max_height.resolve(self.size, self.app.size)) if max_height is not None else self.size.height
        lines = sum(str(command.prompt).count("\n") + 1 for command in commands)
        command_list.styles.overflow_y = "scroll" if lines > room else "auto"
        if not self._same_as_listed(command_list, commands):
            super()._refresh_command_list(command_list, commands, clear_current)
        else:
            # Opened again, the same hits as when it closed (the list was kept): the rows the
            # list rendered then are shown again instead of being rendered anew.
            self._list_visible = True
            self._hit_count = command_list.option_count
        self._listed_key = self._gathering_key
        if not self.query_one(CommandInput).value:  # the listing shown before anything is typed
            self.call_after_refresh(self._listing_shown)

    @staticmethod
    def _same_as_listed(command_list: CommandList, commands: list[Command]) -> bool:
        """Whether ``commands`` (in the order Textual lists them) show what the list holds; if
        so, the rows listed take the new hits (what a choice runs)."""
        listed = command_list.options
        ordered = sorted(commands, key=attrgetter("hit.score"), reverse=True)  # as Textual orders them
        if not listed or len(listed) != len(ordered):
            return False
        for row, command in zip(listed, ordered, strict=True):
            if not (
                isinstance(row, Command)
                and isinstance(row.prompt, Content)
                and isinstance(command.prompt, Content)
                and row.prompt.plain == command.prompt.plain
                and row.prompt.spans == command.prompt.spans
            ):
                return False
        for row, command in zip(listed, ordered, strict=True):
            assert isinstance(row, Command)
            row.hit = command.hit
        return True

    def _listing_shown(self) -> None:
        # The input's cursor starts blinking once the listing is shown, as in Textual's own
        # palette (its input is focused when its box is shown, once listed), not while it fills.
        self.query_one(CommandInput)._restart_blink()
        for provider in self._providers:
            if isinstance(provider, _FilterProvider):
                provider.want_all()

    # --- made ahead, off the screen stack (tui/screens/ahead.py) ---------------------------------
    def make_ahead(self) -> None:
        self._made_ahead = True

    def _on_mount(self, event: Mount) -> None:
        # In place of Textual's mount (CommandPalette._on_mount, 8.x), which starts the palette for
        # the screen under it on the stack with providers of its own making. Here the providers
        # know whether they are the palette's only one (``_listing``); made ahead, the palette is
        # not on the stack: it lists ahead (``fill_ahead``) and starts as a kept palette opening
        # again does (``_start_when_opened``).
        event.prevent_default()  # stops the handlers of the classes below, Textual's included:
        Screen._on_mount(self, event)  # what the others do
        Widget._on_mount(self, event)
        if self._made_ahead and self not in self.app.screen_stack:
            self._opened_before = True
            return
        self.app.post_message(CommandPalette.Opened())
        self._calling_screen = self.app.screen_stack[-2]
        self._start_providers()
        self._gather_commands("")

    async def fill_ahead(self) -> AsyncIterator[Wait]:
        """The listing before anything is typed, gathered and shown in the list, then put away as
        a closing puts it away: the first opening finds its rows there (``_same_as_listed``)."""
        self._calling_screen = self.app.screen
        self._start_providers()
        self._gather_commands("")
        yield lambda: not self._gathering()
        yield None  # the listing shown (``_listing_shown`` runs after a frame) …
        yield lambda: all(
            provider.names_read() for provider in self._providers if isinstance(provider, _FilterProvider)
        )
        await self._put_away()  # … and the names a search looks through read (they are kept)

    def _start_providers(self) -> None:
        match_style = self.get_visual_style("command-palette--highlight", partial=True)
        calling, alone = self._calling_screen, len(self._provider_classes) == 1
        assert calling is not None  # set by the caller: the screen the palette opens over
        self._providers = [provider(calling, match_style) for provider in self._provider_classes]
        for provider in self._providers:
            provider.listing_alone = alone  # type: ignore[attr-defined]  # read by ``_listing``
            provider._post_init()

    @on(ScreenResume)
    def _start_when_opened(self) -> None:
        # The first opening mounts the palette, and Textual's mount starts it; a kept palette
        # opening again starts its providers and lists anew the same way.
        if not self._opened_before:
            self._opened_before = True
            return
        self.app.post_message(CommandPalette.Opened())
        self.query_one(CommandInput)._restart_blink()
        if self._providers:  # opened while it was listing ahead: what it listed may be cut short
            self._cancel_gather_commands()
            self._listed_key = None
            stale, self._providers = self._providers, []
            for provider in stale:
                self.run_worker(provider._shutdown(), name="palette made ahead: providers stopped")
        self._calling_screen = self.app.screen_stack[-2]
        self._start_providers()
        if self._listed_key is None or self._listed_key != self._listing_key():
            # The listing may differ from the one kept: it is hidden until gathered anew (as a
            # new palette's is), not shown out of date. The screen is laid out again in its
            # first frame (the list's own request to would come after it).
            self._list_visible = False
            self._listed_key = None
            self.refresh(layout=True)
        self._gather_commands("")

    @on(ScreenSuspend)
    async def _reset_when_closed(self) -> None:
        await self._put_away()

    async def _put_away(self) -> None:
        # Closed: forget what was typed (an opening starts empty, as a new palette would) and
        # stop the providers, as Textual does when it removes a palette. The list keeps its
        # rows, back at the top, and stays shown if it shows the whole listing (the opening
        # checks that it is still the one to show); else it is hidden: an opening lists the
        # same hits without rendering them again (``_refresh_command_list``), and a list that
        # keeps its height is laid out with its new rows at once.
        if self._gathering():
            self._listed_key = None  # cut short: only part of the listing may be shown
        self._cancel_gather_commands()
        self._stop_busy_countdown()
        self._stop_no_matches_countdown()
        with self.prevent(Input.Changed):
            self.query_one(CommandInput).value = ""
        if self._listed_key is None:
            self._list_visible = False
        command_list = self.query_one(CommandList)
        if command_list.option_count:
            command_list.highlighted = 0
        command_list.scroll_home(animate=False, immediate=True)
        # The input's cursor stops blinking, shown (private to Textual's Input, pinned): it
        # opens with its cursor shown and starts blinking then, as in a new palette.
        self.query_one(CommandInput)._pause_blink(visible=True)
        self._hit_count = 0
        self._selected_command = None
        providers, self._providers = self._providers, []
        for provider in providers:
            await provider._shutdown()

    def _gathering(self) -> bool:
        """Whether a gathering of hits is under way (Textual's worker, in its group)."""
        return any(
            worker.node is self and worker.group == self._GATHER_COMMANDS_GROUP and not worker.is_finished
            for worker in self.workers
        )


@runtime_checkable
class Listing(Protocol):
    """A provider that can say, at once, what its listing before anything is typed depends on."""

    def listing_key(self) -> Hashable | None:
        """Equal keys give the same listing (None: cannot tell)."""
        ...


def _app(provider: Provider) -> QuotelensApp | None:
    from tui.app import QuotelensApp  # at call time: tui.app imports this module

    return provider.app if isinstance(provider.app, QuotelensApp) else None


def _main(provider: Provider) -> MainScreen | None:
    app = _app(provider)
    return app.main if app is not None else None


def _listing(provider: Provider) -> bool:
    """Whether ``provider`` lists its names before anything is typed: only in its own palette
    (``Palette._start_providers`` says whether it is the palette's only provider)."""
    return bool(getattr(provider, "listing_alone", False))


class ActionProvider(Provider):
    """Every action of the app with its key, then Textual's own commands the keys do not cover
    (Theme) and a Screenshot that says where it went. One provider, so the list comes in one
    order and lists each action once: Quit, Keys (the help ``?``) and Maximize (``z``) are the
    app's own actions already."""

    DUPLICATES = {"Quit", "Keys", "Screenshot", "Maximize", "Minimize"}

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        """(name, run, help) of every command, in the order listed."""
        from tui.app import APP_BINDINGS
        from tui.bindings import SECTIONS
        from tui.screens.export import corpus_key
        from tui.screens.help import key_label
        from tui.screenshot import save_screenshot

        out: list[tuple[str, Callable[[], Any], str]] = []
        for section, bindings in [("App", APP_BINDINGS), *SECTIONS]:
            for binding in bindings:
                if binding.action.startswith("app.focus"):
                    continue
                help_text = f"{key_label(self.app, binding)} · {section}"
                out.append((binding.description, partial(self._run, binding.action), help_text))
        for command in self.app.get_system_commands(self.screen):
            if command.title not in self.DUPLICATES:
                out.append((command.title, command.callback, command.help))
        main = _main(self)
        key = corpus_key(main) if main is not None else ""
        # after the palette has closed, so it is not in the picture
        shoot = partial(self.app.set_timer, 0.1, partial(save_screenshot, self.app, key))
        out.append(("Screenshot", shoot, "Save an SVG picture of the screen (the notification says where)"))
        return out

    def _run(self, action: str) -> None:
        main = _main(self)
        target = self.app if action in ("quit", "help", "toggle_dark") or main is None else main
        self.app.call_later(target.run_action, action)

    def listing_key(self) -> Hashable:
        return tuple((name, help_text) for name, _, help_text in self._commands())

    async def discover(self) -> Hits:
        for name, run, help_text in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)


class ArticleProvider(Provider):
    """Jump to an article by its title."""

    def listing_key(self) -> Hashable:
        main = _main(self)
        if main is None or not _listing(self):
            return ()  # it lists nothing before anything is typed
        # the first articles of the list (an index never changes: their titles neither)
        return (main.review.index, tuple(main.articles.rows[:MAX_HITS].tolist()))

    async def discover(self) -> Hits:
        main = _main(self)
        if main is None or not _listing(self):
            return
        for row in main.articles.rows[:MAX_HITS].tolist():
            meta = main.review.index.meta(row)
            yield DiscoveryHit(meta.title or meta.id, partial(main.jump_to_row, row), help=_article_help(meta))

    async def search(self, query: str) -> Hits:
        main = _main(self)
        if main is None or not query.strip():
            return
        index = main.review.index
        matcher = self.matcher(query)
        candidates: list[int] = []
        try:
            candidates = [int(r) for r in index.search(query)[:FUZZY_ARTICLE_LIMIT]]
        except Exception:  # a query the full-text syntax rejects: the fuzzy match below still works
            candidates = []
        seen = set(candidates)
        candidates += [r for r in main.articles.rows[:FUZZY_ARTICLE_LIMIT].tolist() if r not in seen]
        hits = []
        for row in candidates:
            meta = index.meta(row)
            title = meta.title or meta.id
            score = matcher.match(title)
            if score > 0:
                hits.append((score, row, meta, title))
        hits.sort(key=lambda h: -h[0])
        for score, row, meta, title in hits[:MAX_HITS]:
            yield Hit(score, matcher.highlight(title), partial(main.jump_to_row, row), help=_article_help(meta))


def _n(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def _article_help(meta: ArticleMeta) -> str:
    return " · ".join(x for x in (meta.date, meta.source, _n(meta.n_quotes, "quote")) if x)


class _FilterProvider(Provider, Generic[StatT]):
    """Palette of corpus-wide stats whose choice filters the corpus (one mechanism, two lists)."""

    kind = ""
    _listed: asyncio.Future[list[StatT]] | None = None  # the first MAX_HITS, listed before anything is typed
    _loading: asyncio.Future[list[StatT]] | None = None  # all of them, for a search
    _wanted: asyncio.Event | None = None  # set when all of them are to be read
    _main_screen: MainScreen | None = None

    def load(self, main: MainScreen, top: int) -> list[StatT]:
        raise NotImplementedError

    def describe(self, stat: StatT) -> str:
        raise NotImplementedError

    def listed_from(self, main: MainScreen) -> Hashable:
        """What the names listed first (``load(main, MAX_HITS)``) depend on."""
        raise NotImplementedError

    def listing_key(self) -> Hashable:
        main = _main(self)
        if main is None or not _listing(self):
            return ()  # it lists nothing before anything is typed
        return self.listed_from(main)

    async def startup(self) -> None:
        # The names are read in a thread: thousands of them (and, the first time, the review's
        # speakers as corrected) must not hold the palette's first paint or any key back.
        # Startup only starts that reading: Textual holds every search of a provider until its
        # startup ends, so in the full palette (ctrl+p), which lists no names before anything
        # is typed, the actions were held back until the names were read. The names a jump
        # palette lists at once are read first, on their own: they are listed without waiting
        # for the thousands a search looks through.
        #
        # The thousands of names are read once the palette has shown its listing (or when a
        # search needs them): read at once, they held the GIL in the reading thread for a
        # tenth of a second while the palette painted the list.
        self._main_screen = main = _main(self)
        if main is None:
            return
        self._wanted = asyncio.Event()
        if getattr(self, "listing_alone", None) is None:  # not started by a Palette, which says when it has listed
            self._wanted.set()
        if _listing(self):
            self._listed = asyncio.ensure_future(asyncio.to_thread(self.load, main, MAX_HITS))
        self._loading = asyncio.ensure_future(self._load_all(main))

    async def _load_all(self, main: MainScreen) -> list[StatT]:
        if self._listed is not None:
            await asyncio.wait([self._listed])  # one reading at a time: the first names come first
        if self._wanted is not None:
            await self._wanted.wait()
        return await asyncio.to_thread(self.load, main, MAX_NAMES)

    def names_read(self) -> bool:
        """Whether every name a search looks through has been read (or the reading stopped)."""
        return self._loading is None or self._loading.done()

    def want_all(self) -> None:
        """Read all the names now: the palette has shown its listing, or a search needs them."""
        if self._wanted is not None:
            self._wanted.set()

    async def _stats(self) -> list[StatT]:
        """All the names, once read (the palette lists them when they come; the screen never waits)."""
        self.want_all()
        return await self._loading if self._loading is not None else []

    async def shutdown(self) -> None:
        for reading in (self._listed, self._loading):
            if reading is not None and not reading.done():
                reading.cancel()  # the thread finishes on its own; nobody waits for it

    def _choose(self, stat: StatT) -> Callable[[], None]:
        assert self._main_screen is not None  # no stats were loaded without a main screen
        return partial(self._main_screen.filter_by, self.kind, stat.key, stat.name)

    async def discover(self) -> Hits:
        if not _listing(self):
            return
        listed = await self._listed if self._listed is not None else []
        for stat in listed[:MAX_HITS]:
            yield DiscoveryHit(stat.name, self._choose(stat), help=self.describe(stat))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for stat in await self._stats():
            score = matcher.match(stat.name)
            if score > 0:
                yield Hit(score, matcher.highlight(stat.name), self._choose(stat), help=self.describe(stat))


class EntityProvider(_FilterProvider[EntityStat]):
    """Filter the corpus to a person, organisation or place."""

    kind = "entity"
    # Every entity a search looks through, for the index they were read from: an index never
    # changes (a new ingest opens a new one), so the palettes (ctrl+p, E) read them once, not
    # at each opening (a tenth of a second of a thread on BBC politics).
    _everyone: ClassVar[tuple[CorpusIndex, list[EntityStat]] | None] = None

    def load(self, main: MainScreen, top: int) -> list[EntityStat]:
        index = main.review.index
        if top != MAX_NAMES:
            return index.entities(top=top)
        known = EntityProvider._everyone
        if known is not None and known[0] is index:
            return known[1]
        everyone = index.entities(top=top)
        EntityProvider._everyone = (index, everyone)
        return everyone

    def listed_from(self, main: MainScreen) -> Hashable:
        return main.review.index  # an index never changes

    def describe(self, stat: EntityStat) -> str:
        return f"{label_name(stat.label)} · {_n(stat.n_articles, 'article')} · {_n(stat.n_mentions, 'mention')}"


class SpeakerProvider(_FilterProvider[SpeakerStat]):
    """Every quote by one speaker, across the corpus."""

    kind = "speaker"

    def load(self, main: MainScreen, top: int) -> list[SpeakerStat]:
        return main.review.speakers(top=top)

    def listed_from(self, main: MainScreen) -> Hashable:
        # The speakers as reviewed change with each save to the store; the review counts them
        # (private to it: it reads the speakers again after each).
        review = main.review
        return (review, review._saves_seen)

    def describe(self, stat: SpeakerStat) -> str:
        return f"{_n(stat.n_quotes, 'quote')} in {_n(stat.n_articles, 'article')}"


# The jump palettes (@, E, p), each with its one provider, and what their input says.
JUMP_PALETTES: list[tuple[type[Provider], str]] = [
    (SpeakerProvider, "Filter by speaker…"),
    (EntityProvider, "Filter by entity…"),
    (ArticleProvider, "Jump to article…"),
]


def jump_palette(provider: type[Provider], placeholder: str) -> tuple[str, Callable[[], Palette]]:
    """The name a jump palette is kept under, and how it is made (``push_kept``)."""
    return f"palette:{provider.__name__}", partial(Palette, [provider], placeholder=placeholder)


def full_palette() -> tuple[str, Callable[[], Palette]]:
    """The full palette (ctrl+p), as App's, with a steady backdrop: its name and how it is made."""
    return "palette", partial(Palette, id="--command-palette")
