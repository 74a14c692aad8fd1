"""The prompts of the keys that change many quotes at once: ``B`` (accept, reject, reset or
tag every quote the list shows) and ``M`` (merge a speaker into another).

Each says how many quotes it will change and asks before doing it; the change is
ONE step in the store (``AnnotationStore.batch``), so a single ``u`` undoes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.filters import speaker_key_of
from tui.review import RowFields
from tui.screens.choice import ChoiceScreen
from tui.widgets.quote_row import QuoteRow
from tui.wording import plural

if TYPE_CHECKING:
    from store.annotations import AnnotationStore
    from tui.screens.main import MainScreen

STATUS_VERBS = {"accepted": "Accept", "rejected": "Reject", "unreviewed": "Reset to unreviewed"}


def ask_bulk(screen: MainScreen) -> None:
    if screen.saver is None:
        screen.focused_quote()  # says why nothing can be changed
        return
    review = screen.review
    rows = review.shown_rows()
    if not rows:
        screen.notify("The quote list is empty: nothing to change.", severity="warning", timeout=3)
        return
    where = "the filter shows" if review.quote_scope == "filter" else "of this article"
    count = plural(len(rows), "quote")
    choices = [(status, f"{verb} all {count}") for status, verb in STATUS_VERBS.items()]
    choices.append(("tag", f"Tag all {count}…"))

    def chosen(what: str | None) -> None:
        if what == "tag":
            _ask_bulk_tag(screen, rows, f"{count} {where}")
        elif what in STATUS_VERBS:
            _confirm(screen, f"{STATUS_VERBS[what]} the {count} {where}?", lambda: _bulk_status(screen, rows, what))

    screen.app.push_screen(ChoiceScreen(f"Every quote {where} ({count})", choices), chosen)


def _bulk_status(screen: MainScreen, rows: list[QuoteRow], status: str) -> None:
    label = f"{STATUS_VERBS[status].split()[0].lower()} {plural(len(rows), 'quote')}"
    screen.submit(
        screen.review.bulk(
            rows, label, lambda row: RowFields(status=status), lambda store, q: store.set_status(q, status)
        )
    )


def _ask_bulk_tag(screen: MainScreen, rows: list[QuoteRow], what: str) -> None:
    from tui.screens.prompt import PromptScreen

    def typed(tag: str | None) -> None:
        if tag:
            _confirm(screen, f"Tag the {what} #{tag}?", lambda: _bulk_tag(screen, rows, tag))

    suggestions = screen.review.tag_names() + screen.quick_tags
    screen.app.push_screen(PromptScreen(f"Tag the {what}", suggestions=suggestions, placeholder="tag name"), typed)


def _bulk_tag(screen: MainScreen, rows: list[QuoteRow], tag: str) -> None:
    def shown(row: QuoteRow) -> RowFields:
        return RowFields(tags=(*(t for t in row.tags if t.casefold() != tag.casefold()), tag))

    label = f"tag {plural(len(rows), 'quote')} #{tag}"
    screen.submit(screen.review.bulk(rows, label, shown, lambda store, q: store.tag(q, tag)))


def ask_merge(screen: MainScreen) -> None:
    """Merge a speaker into another: the one highlighted in the sidebar, else one typed."""
    from tui.screens.prompt import PromptScreen

    if screen.saver is None:
        screen.focused_quote()
        return
    highlighted = screen.sidebar.highlighted_option
    if screen.focused is screen.sidebar and highlighted is not None and (highlighted.id or "").startswith("speaker:"):
        key = (highlighted.id or "").split(":", 1)[1]
        _ask_into(screen, key, _speaker_name(screen, key))
        return
    names = [s.name for s in screen.review.speakers(top=2000)]

    def typed(name: str | None) -> None:
        if name:
            # a name as listed (as reviewed: merged names too), else as the corpus knows it
            listed = next((s.key for s in screen.review.speakers() if s.name == name), None)
            _ask_into(screen, listed or speaker_key_of(screen.review.index, name), name)

    screen.app.push_screen(PromptScreen("Merge which speaker?", suggestions=names, choose_only=True), typed)


def _speaker_name(screen: MainScreen, key: str) -> str:
    stat = next((s for s in screen.review.speakers() if s.key == key), None)
    return stat.name if stat is not None else key


def _ask_into(screen: MainScreen, key: str, name: str) -> None:
    from tui.screens.prompt import PromptScreen

    rows = screen.review.speaker_rows(key, name)
    if not rows:
        screen.notify(f"No quote is said by {name} (as corrected).", severity="warning", timeout=3)
        return
    count = plural(len(rows), "quote")

    def typed(into: str | None) -> None:
        if not into or into == name:
            return
        _confirm(
            screen,
            f"Give the {count} of “{name}” to “{into}”?",
            lambda: _merge(screen, rows, (key, name), into),
        )

    screen.app.push_screen(
        PromptScreen(
            f"Merge “{name}” ({count}) into…",
            # the corpus's speakers as reviewed: full names, and never one already merged away
            suggestions=[s.name for s in screen.review.speakers(top=500) if s.name != name],
            placeholder="the speaker's full name",
        ),
        typed,
    )


def _merge(screen: MainScreen, rows: list[QuoteRow], source: tuple[str, str], into: str) -> None:
    """Every quote of ``source`` (key, name) now said by ``into``, and the person ``source`` counted as
    ``into`` too (the people list, the dashboard and `quotelens people` follow the merge): one undo."""
    key, name = source
    into_key = speaker_key_of(screen.review.index, into)

    def merge_person(store: AnnotationStore) -> None:
        if into_key == key:
            return  # the same person under another spelling: the quotes' speaker is all there is to change
        try:
            store.merge_person(key, into_key, source_name=name, target_name=into)
        except ValueError:
            pass  # ``into`` was merged into ``name`` before: its quotes move, the earlier merge stands

    label = f"merge {name} into {into} ({plural(len(rows), 'quote')})"
    job = screen.review.bulk(
        rows,
        label,
        lambda row: RowFields(speaker_override=into),
        lambda store, q: store.set_speaker(q, into),
        and_then=merge_person,
    )
    screen.submit(job)


def _confirm(screen: MainScreen, question: str, then: Callable[[], None]) -> None:
    def answered(answer: str | None) -> None:
        if answer == "yes":
            then()

    screen.app.push_screen(
        ChoiceScreen(question, [("yes", "Yes"), ("no", "No")], hint="u undoes it in one step"), answered
    )
