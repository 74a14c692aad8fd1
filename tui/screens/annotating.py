"""The prompts of the annotation keys: tag, untag, note, speaker, the speaker of an added quote.

Each asks the user in a modal screen, then calls the main screen's public
methods (``change``, ``tag``, ``add_quote``); the review state itself is in
``tui/review.py``. Changes are optimistic: they show at once marked
"saving…", and a failed save stays on screen marked unsaved (●) until
``ctrl+s`` retries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus.models import quote_excerpt
from tui.review import RowFields

if TYPE_CHECKING:
    from corpus.models import Article
    from tui.screens.main import MainScreen


def ask_tag(screen: MainScreen) -> None:
    from tui.screens.prompt import PromptScreen

    row = screen.focused_quote()
    if row is None:
        return
    suggestions = screen.review.tag_names() + screen.quick_tags

    def done(tag: str | None) -> None:
        if tag:
            screen.tag(row, tag, add=True)

    screen.app.push_screen(
        PromptScreen("Add a tag", suggestions=[t for t in suggestions if t not in row.tags], placeholder="tag name"),
        done,
    )


def ask_untag(screen: MainScreen) -> None:
    from tui.screens.choice import ChoiceScreen

    row = screen.focused_quote()
    if row is None:
        return
    if not row.tags:
        screen.notify("This quote has no tags.", timeout=2)
        return

    def done(tag: str | None) -> None:
        if tag:
            screen.tag(row, tag, add=False)

    screen.app.push_screen(ChoiceScreen("Remove a tag", [(t, f"#{t}") for t in row.tags]), done)


def ask_note(screen: MainScreen) -> None:
    from tui.screens.note_editor import NoteEditorScreen

    row = screen.focused_quote()
    if row is None:
        return

    def done(note: str | None) -> None:
        if note is not None and note != row.note:
            screen.change(row, "note", RowFields(note=note), lambda store, q: store.set_note(q, note))

    about = f"{row.speaker or 'unknown speaker'}: {' '.join(row.quote.text.split())[:120]}"
    screen.app.push_screen(NoteEditorScreen(row.note, about), done)


def ask_speaker(screen: MainScreen) -> None:
    from tui.screens.prompt import PromptScreen

    row = screen.focused_quote()
    if row is None:
        return

    def done(name: str | None) -> None:
        if name is None:
            return
        speaker = name or None
        if speaker == row.speaker_override:
            return
        screen.change(
            row, "speaker", RowFields(speaker_override=speaker), lambda store, q: store.set_speaker(q, speaker)
        )

    screen.app.push_screen(
        PromptScreen(
            "Who said it?",
            row.speaker,
            suggestions=screen.review.speaker_names(),
            hint="empty restores the extracted speaker · ",
        ),
        done,
    )


def ask_added_speaker(screen: MainScreen, article: Article, start: int, end: int) -> None:
    """Who said the span the user selected; then the quote is added."""
    from tui.screens.prompt import PromptScreen

    text = article.text[start:end]

    def done(name: str | None) -> None:
        if name is None:
            screen.notify("No quote added.", timeout=2)
            return
        screen.add_quote(article.id, start, end, text, name or None)

    # the speaker of the nearest quote before it: in news, usually still the one talking
    before = [q for q in screen.review.article_quotes if q.end <= start and q.speaker]
    guess = before[-1].speaker if before else ""
    screen.app.push_screen(
        PromptScreen(
            f"Speaker of {quote_excerpt(text, 50)}",
            guess,
            suggestions=screen.review.speaker_names(),
            hint="empty: unknown speaker · ",
        ),
        done,
    )
