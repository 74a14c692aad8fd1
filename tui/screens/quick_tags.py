"""Setting the quick tags (keys 1–9) from the app; they are saved to the user's config file.

``#`` (or a number key that has no tag yet) lists the quick tags; choosing one
asks for its tag (empty removes it, and the later ones move up a key: the config
holds them as a list, the first on key 1). The config file is updated in place,
keeping everything else the user wrote in it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.keymap import MAX_QUICK_TAGS, ConfigWriteError, save_quick_tags

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

ADD = "add"


def quick_tag_choices(tags: list[str]) -> list[tuple[str, str]]:
    """(value, label) rows of the quick-tag menu: each key with its tag, then the next free key."""
    rows = [(str(n), f"{n}  #{tag}") for n, tag in enumerate(tags, 1)]
    if len(tags) < MAX_QUICK_TAGS:
        rows.append((ADD, f"{len(tags) + 1}  add a quick tag…"))
    return rows


def updated_tags(tags: list[str], number: int, tag: str) -> list[str]:
    """``tags`` with quick tag ``number`` (1-based; one past the end adds) set to ``tag``;
    an empty ``tag`` removes it (the later ones move up a key)."""
    out = list(tags)
    if not tag:
        if number <= len(out):
            del out[number - 1]
    elif number <= len(out):
        out[number - 1] = tag
    else:
        out.append(tag)
    return out


def start_set_quick_tags(screen: MainScreen, hint: str = "") -> None:
    """The quick-tag menu, then the prompt for the chosen key."""
    from tui.screens.choice import ChoiceScreen

    def chosen(value: str | None) -> None:
        if value is not None:
            ask_quick_tag(screen, len(screen.quick_tags) + 1 if value == ADD else int(value))

    screen.app.push_screen(
        ChoiceScreen(
            "Quick tags (keys 1–9)",
            quick_tag_choices(screen.quick_tags),
            hint=hint or "enter changes the key's tag · esc closes",
        ),
        chosen,
    )


def ask_quick_tag(screen: MainScreen, number: int) -> None:
    from tui.app import QuotelensApp
    from tui.screens.prompt import PromptScreen

    app = screen.app
    assert isinstance(app, QuotelensApp)  # the config to save to is the app's

    tags = screen.quick_tags
    current = tags[number - 1] if number <= len(tags) else ""
    in_use = screen.review.tag_names()

    def done(tag: str | None) -> None:
        if tag is None:
            return
        tag = tag.strip().lstrip("#").strip()
        elsewhere = [n for n, t in enumerate(tags, 1) if n != number and tag and t.casefold() == tag.casefold()]
        if elsewhere:
            screen.notify(f"#{tag} is already quick tag {elsewhere[0]}.", severity="warning", timeout=4)
            return
        new = updated_tags(tags, number, tag)
        if new == tags:
            return
        path = app.config.path
        try:
            save_quick_tags(path, new)
        except ConfigWriteError as exc:
            screen.notify(str(exc), title="Quick tags not saved", severity="error", timeout=10)
            return
        screen.quick_tags = new
        app.config.quick_tags = list(new)
        listing = " · ".join(f"{n} #{t}" for n, t in enumerate(new, 1)) or "none"
        screen.notify(f"{listing}\nsaved to {path}", title="Quick tags", timeout=5)

    screen.app.push_screen(
        PromptScreen(
            f"Quick tag {number} (key {number})",
            current,
            suggestions=[t for t in in_use if t not in tags or t == current],
            placeholder="tag name",
            hint="empty removes it · ",
            new_label="new tag",
        ),
        done,
    )
