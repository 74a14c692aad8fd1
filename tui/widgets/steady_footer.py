"""A footer that is rebuilt only when the keys it shows change.

Textual's ``Footer`` throws its keys away and mounts new ones each time its
screen's bindings may have changed: on every focus change, every reactive
declared with ``bindings=True`` and every explicit ``refresh_bindings``. Most
of those change nothing it shows (moving between panes of the same kind, a
cursor move that re-checks actions), yet each rebuild mounted some twenty
``FooterKey`` widgets, styled each one and ran their ``compact`` watchers: that
was about one seventh of the app's CPU at start-up and in a long flow.

``SteadyFooter`` collects several notices of one frame into one check, works
out what the footer would show (key, label, description, enabled, tooltip,
group) and recomposes only when that differs from what it shows. Its keys are
given their ``-compact`` class when made instead of through a data binding,
since the footer's ``compact`` never changes in this app.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from textual.app import ComposeResult
from textual.compose import compose
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

# What the footer shows, in order: enough to tell whether a rebuild would draw anything new.
Shown = tuple[Hashable, ...]


class FixedFooterKey(FooterKey):
    """A footer key whose compact look is decided once, when it is made (Textual's
    data-binds it to the footer and runs a watcher per key as it mounts)."""

    compact = reactive(False, init=False)


class SteadyFooter(Footer):
    """Textual's footer, recomposed only when what it would show changes."""

    _shown: Shown | None = None  # what the current keys show; None before the first compose
    _check_pending = False

    def shown_now(self) -> Shown:
        """What a compose would show now, from the screen's active bindings."""
        app = self.app
        active = self.screen.active_bindings
        shown: list[Hashable] = [
            (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip,
                None if binding.group is None else (binding.group.description, binding.group.compact),
            )
            for (_, binding, enabled, tooltip) in active.values()
            if binding.show
        ]
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            palette = active.get(app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _, binding, enabled, _tooltip = palette
                shown.append(("palette", binding.key, binding.description, enabled, binding.tooltip))
        return (self.compact, self.show_command_palette, *shown)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        self._shown = self.shown_now()
        compact = self.compact
        for widget in super().compose():
            yield self._fixed(widget, compact)

    @staticmethod
    def _fixed(widget: Widget, compact: bool) -> Widget:
        """Textual's key, as a ``FixedFooterKey`` with its compact class already set."""
        if type(widget) is not FooterKey:
            return widget  # a label; the keys of a group come through here one by one too
        fixed = FixedFooterKey(
            widget.key,
            widget.key_display,
            widget.description,
            widget.action,
            disabled=widget._disabled,
            tooltip=str(widget.tooltip or ""),
            classes=" ".join(c for c in widget.classes if c != "-disabled"),
        )
        # Textual binds every key's look to the footer's but the palette's, left compact.
        fixed.set_class(compact or widget.has_class("-command-palette"), "-compact", update=False)
        return fixed

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._check_pending:
            # Several notices in one frame (a focus change, then a reactive) make one check.
            self._check_pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._check_pending = False
        if not self.is_attached:
            return
        if self._shown is not None and self.shown_now() == self._shown:
            return
        fresh = compose(self)
        old = [child for child in self.children if not child.has_class("-textual-system")]
        if _same_shape(old, fresh):
            # Another pane with as many keys: relabel the keys in place, nothing is mounted.
            _relabel(old, fresh)
            self.refresh(layout=True)
            return
        async with self.batch():
            await self.query_children("*").exclude(".-textual-system").remove()
            if self.is_attached:
                await self.mount_all(fresh)


def _classes(widget: Widget) -> set[str]:
    return set(widget.classes) - {"-disabled"}


def _same_shape(old: Sequence[Widget], new: Sequence[Widget]) -> bool:
    """Whether the freshly composed ``new`` widgets match the mounted ``old`` one for one
    (same kinds, classes and groups), so that relabelling ``old`` shows ``new``."""
    if len(old) != len(new):
        return False
    for was, will in zip(old, new, strict=True):
        if type(was) is not type(will) or _classes(was) != _classes(will):
            return False
        if isinstance(will, KeyGroup) and not _same_shape(list(was.children), will._pending_children):
            return False
    return True


def _relabel(old: Sequence[Widget], new: Sequence[Widget]) -> None:
    for was, will in zip(old, new, strict=True):
        if isinstance(was, FooterKey) and isinstance(will, FooterKey):
            was.key, was.key_display = will.key, will.key_display
            was.description, was.action = will.description, will.action
            was._disabled = will._disabled
            was.set_class(will._disabled, "-disabled")
            was.tooltip = will.tooltip
            was.refresh(layout=True)
        elif isinstance(was, FooterLabel) and isinstance(will, FooterLabel):
            was.update(will.content)
        elif isinstance(will, KeyGroup):
            _relabel(list(was.children), will._pending_children)
