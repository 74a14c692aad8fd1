"""Component styles that lay over text, with translucent colours blended.

The reader stacks highlights (a quote's background, then the speaker's
underline, then the selection). Textual's partial component styles drop the
alpha of a colour such as ``$success 30%``; here it is blended over the
widget's own background so the highlight is a tint in any theme.
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


class OverlayStyles:
    """``styles(name)``: the blended partial Rich style of a component class, cached per theme."""

    def __init__(self, widget: Widget) -> None:
        self.widget = widget
        self._cache: dict[str, Style] = {}

    def clear(self) -> None:
        self._cache.clear()

    def __call__(self, component: str) -> Style:
        style = self._cache.get(component)
        if style is None:
            style = self._cache[component] = self._build(component)
        return style

    def _build(self, component: str) -> Style:
        styles = self.widget.get_component_styles(component)
        base = self.widget.background_colors[1]
        background = styles.background if styles.has_rule("background") else None
        color = styles.color if styles.has_rule("color") else None
        if base.ansi is not None or (background is not None and background.ansi is not None):
            # The terminal's own palette (ansi-* themes): colours cannot be blended, and a coloured
            # word on a coloured quote could vanish (yellow on yellow). Keep the background and the
            # text style; the text keeps the terminal's foreground.
            bg = background.rich_color if background is not None and background.a > 0 else None
            if bg is not None or component.endswith(("--speaker", "--cue")):
                return Style(bgcolor=bg) + styles.text_style
            return Style(color=color.rich_color if color is not None else None) + styles.text_style
        bgcolor = (base + background).rich_color if background is not None and background.a > 0 else None
        under = base + background if background is not None else base
        fgcolor = (under + color).rich_color if color is not None and color.a > 0 else None
        return Style(color=fgcolor, bgcolor=bgcolor) + styles.text_style
