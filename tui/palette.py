"""Command palette providers (ctrl+p): every action, and jump to article / entity / speaker.

The action list is generated from the bindings, so it always matches the keys
(and shows the user's remapped key). The jump providers also open on their own
(``p``, ``E``, ``@``) as single-purpose palettes.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.wording import label_name

FUZZY_ARTICLE_LIMIT = 3000  # titles fuzzy-matched per keystroke (the index's search covers the rest)
MAX_HITS = 40


def _main(provider: Provider) -> Any:
    return getattr(provider.app, "main", None)


def _listing(provider: Provider) -> bool:
    """Whether ``provider`` lists its names before anything is typed: only in its own palette."""
    return getattr(provider.app, "sole_provider", None) is type(provider)


class ActionProvider(Provider):
    """Every action of the app, with its key."""

    def _actions(self) -> list[tuple[str, str, str]]:
        from tui.app import APP_BINDINGS
        from tui.bindings import SECTIONS
        from tui.screens.help import key_label

        out = []
        for section, bindings in [("App", APP_BINDINGS), *SECTIONS]:
            for binding in bindings:
                if binding.action.startswith("app.focus"):
                    continue
                out.append((binding.description, binding.action, f"{key_label(self.app, binding)} · {section}"))
        return out

    def _run(self, action: str) -> None:
        main = _main(self)
        target = self.app if action in ("quit", "help", "toggle_dark") or main is None else main
        self.app.call_later(target.run_action, action)

    async def discover(self) -> Hits:
        for description, action, help_text in self._actions():
            yield DiscoveryHit(description, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for description, action, help_text in self._actions():
            score = matcher.match(description)
            if score > 0:
                yield Hit(score, matcher.highlight(description), partial(self._run, action), help=help_text)


class SystemProvider(Provider):
    """Textual's own commands (theme, maximise) without the ones the action list already has
    (Quit; Keys, which the help ``?`` covers), and a screenshot that says where it went."""

    DUPLICATES = {"Quit", "Keys", "Screenshot"}

    def _commands(self) -> list[SystemCommand]:
        from tui.screens.export import corpus_key
        from tui.screenshot import save_screenshot

        main = _main(self)
        key = corpus_key(main) if main is not None else ""
        commands = [c for c in self.app.get_system_commands(self.screen) if c.title not in self.DUPLICATES]
        commands.append(
            SystemCommand(
                "Screenshot",
                "Save an SVG picture of the screen (the notification says where)",
                # after the palette has closed, so it is not in the picture
                lambda: self.app.set_timer(0.1, partial(save_screenshot, self.app, key)),
            )
        )
        return sorted(commands, key=lambda c: c.title)

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.callback, help=command.help)


class ArticleProvider(Provider):
    """Jump to an article by its title."""

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


def _article_help(meta: Any) -> str:
    return " · ".join(x for x in (meta.date, meta.source, _n(meta.n_quotes, "quote")) if x)


class _FilterProvider(Provider):
    """Palette of corpus-wide stats whose choice filters the corpus (one mechanism, two lists)."""

    kind = ""

    def load(self, main: Any) -> list:
        raise NotImplementedError

    def describe(self, stat: Any) -> str:
        raise NotImplementedError

    async def startup(self) -> None:
        main = _main(self)
        self._stats = self.load(main) if main is not None else []

    def _choose(self, stat: Any):
        return partial(_main(self).filter_by, self.kind, stat.key, stat.name)

    async def discover(self) -> Hits:
        if not _listing(self):
            return
        for stat in self._stats[:MAX_HITS]:
            yield DiscoveryHit(stat.name, self._choose(stat), help=self.describe(stat))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for stat in self._stats:
            score = matcher.match(stat.name)
            if score > 0:
                yield Hit(score, matcher.highlight(stat.name), self._choose(stat), help=self.describe(stat))


class EntityProvider(_FilterProvider):
    """Filter the corpus to a person, organisation or place."""

    kind = "entity"

    def load(self, main: Any) -> list:
        return main.review.index.entities(top=5000)

    def describe(self, stat: Any) -> str:
        return f"{label_name(stat.label)} · {_n(stat.n_articles, 'article')} · {_n(stat.n_mentions, 'mention')}"


class SpeakerProvider(_FilterProvider):
    """Every quote by one speaker, across the corpus."""

    kind = "speaker"

    def load(self, main: Any) -> list:
        return main.review.speakers(top=5000)

    def describe(self, stat: Any) -> str:
        return f"{_n(stat.n_quotes, 'quote')} in {_n(stat.n_articles, 'article')}"

    async def search(self, query: str) -> Hits:
        main = _main(self)
        matcher = self.matcher(query)
        for stat in self._stats:
            score = matcher.match(stat.name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(stat.name),
                    partial(main.filter_by, "speaker", stat.key, stat.name),
                    help=f"{_n(stat.n_quotes, 'quote')} in {_n(stat.n_articles, 'article')}",
                )
