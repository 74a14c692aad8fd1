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
    from tui.widgets.quote_row import QuoteRow


def set_status(screen: MainScreen, status: str) -> None:
    row = screen.focused_quote()
    if row is None:
        return
    label = {"accepted": "accept", "rejected": "reject"}.get(status, "reset status")
    screen.change(row, label, RowFields(status=status), lambda store, q: store.set_status(q, status))
    # Prodigy-style flow: after a decision, move on to the next quote.
    if status != "unreviewed" and screen.quotes.cursor < screen.quotes.row_count - 1:
        screen.quotes.action_cursor_down()


def set_tag(screen: MainScreen, row: QuoteRow, name: str, add: bool) -> None:
    """Add or remove tag ``name`` on ``row`` (as shown now, if it is still under the cursor)."""
    shown = screen.quotes.current
    current = shown if shown is not None and shown.id == row.id else row
    tags = tuple(t for t in current.tags if t.casefold() != name.casefold())
    if add:
        screen.change(current, f"tag #{name}", RowFields(tags=(*tags, name)), lambda store, q: store.tag(q, name))
    else:
        screen.change(current, f"untag #{name}", RowFields(tags=tags), lambda store, q: store.untag(q, name))


def quick_tag(screen: MainScreen, number: int) -> None:
    """Quick tag ``number`` (1–9, from the config) on or off the focused quote."""
    from tui.screens.quick_tags import start_set_quick_tags

    if number > len(screen.quick_tags):  # set it now, from the quick-tag menu
        start_set_quick_tags(screen, hint=f"key {number} has no tag yet · enter sets one · esc closes")
        return
    row = screen.focused_quote()
    if row is None:
        return
    name = screen.quick_tags[number - 1]
    set_tag(screen, row, name, add=name.casefold() not in {t.casefold() for t in row.tags})


def start_selection(screen: MainScreen) -> None:
    """Selection mode in the reader, to add a quote the extractor missed."""
    if screen.saver is None:
        screen.focused_quote()  # says why
        return
    if not screen.reader.start_selection():
        screen.notify("Open an article first.", severity="warning", timeout=2)
        return
    screen.notify(
        "Move with h/l (word) j/k (line), 5w (a count), / (find); v starts the span, i direct/indirect, "
        "enter confirms, esc cancels.",
        title="Add a missed quote",
        timeout=6,
    )


def start_span_edit(screen: MainScreen) -> None:
    """Selection mode on the focused quote's span, to change it."""
    row = screen.focused_quote()
    if row is None:
        return
    article = screen.review.current_article
    if article is None or row.article_id != article.id:
        screen.notify("Open the quote's article first.", severity="warning", timeout=2)
        return
    screen.reader.start_selection(editing=row)
    screen.notify(
        "The quote's span is selected: h/l j/k move its end, v its start instead; enter confirms, esc cancels.",
        title="Change the span",
        timeout=6,
    )


def change_span(screen: MainScreen, article: Article, quote_id: str, start: int, end: int) -> None:
    row = next((q for q in screen.review.article_quotes if q.id == quote_id), None)
    if row is None or (row.start, row.end) == (start, end):
        return
    text = article.text[start:end]
    screen.change(row, "span", RowFields(), lambda store, q: store.set_span(q, start, end, text))


def ask_tag(screen: MainScreen) -> None:
    from tui.screens.prompt import PromptScreen

    row = screen.focused_quote()
    if row is None:
        return
    suggestions = screen.review.tag_names() + screen.quick_tags

    def done(name: str | None) -> None:
        if name:
            set_tag(screen, row, name, add=True)

    screen.app.push_screen(
        PromptScreen(
            "Add a tag",
            suggestions=[t for t in suggestions if t not in row.tags],
            placeholder="tag name",
            new_label="new tag",
        ),
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

    def done(name: str | None) -> None:
        if name:
            set_tag(screen, row, name, add=False)

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
        # Enter on the name as shown (the extracted one) is not a correction.
        if speaker == row.speaker_override or (row.speaker_override is None and speaker == row.speaker):
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


def ask_added_speaker(screen: MainScreen, article: Article, start: int, end: int, kind: str = "direct") -> None:
    """Who said the span the user selected; then the quote is added."""
    from tui.screens.prompt import PromptScreen

    text = article.text[start:end]

    def done(name: str | None) -> None:
        if name is None:
            screen.notify("No quote added.", timeout=2)
            return
        screen.add_quote(article.id, start, end, text, name or None, kind)

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
