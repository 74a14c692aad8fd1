"""Annotating from the main screen: accept/reject, tags, notes, speaker corrections,
added quotes, undo/redo.

Changes are optimistic: they show at once marked "saving…", go to the
``AnnotationSaver`` thread, and come back as ``SaveFinished``; a failed save
keeps the change on screen marked unsaved (●) until ``ctrl+s`` retries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from corpus.models import quote_excerpt
from tui.filters import AnnotationLookup, article_id_of
from tui.saver import AnnotationSaver, SaveJob, SaveResult
from tui.widgets.article_reader import ArticleReader
from tui.widgets.quote_row import SAVING, UNSAVED, QuoteRow


class SaveFinished(Message):
    def __init__(self, result: SaveResult) -> None:
        super().__init__()
        self.result = result


class AnnotatingMixin:
    """The annotation store and the annotation actions of ``MainScreen`` (mixed into
    it: they use its panes and state). Handlers go by Textual's naming convention, as
    ``@on`` only registers on message-pump classes."""

    def _open_store(self) -> None:
        try:
            store = self.ws.annotations
            store.check()  # a corrupt file is reported now, not at the first keypress
        except Exception as exc:
            self.store = None
            self._store_error = str(exc)
            return
        self.store = store
        self._store_error = ""
        self.saver = AnnotationSaver(store, lambda result: self.post_message(SaveFinished(result)))

    @work(thread=True, group="saver", name="annotation saver")
    def _run_saver(self) -> None:
        worker = get_current_worker()
        assert self.saver is not None
        self.saver.run_forever(lambda: worker.is_cancelled)

    def on_unmount(self) -> None:
        if self.saver is not None:
            self.saver.stop()

    def _annotation(self, quote_id: str) -> Any:
        if quote_id not in self._annotations:
            self._annotations[quote_id] = self._read_store(lambda store: store.get(quote_id), None)
        return self._annotations[quote_id]

    def _read_store(self, read: Callable[[Any], Any], default: Any) -> Any:
        """A read of the annotation store that cannot take the app down (a file another
        process broke, a lock held too long): the error is shown once, the panes go on."""
        if self.store is None:
            return default
        try:
            return read(self.store)
        except Exception as exc:
            if not getattr(self, "_read_error_shown", False):
                self._read_error_shown = True
                self.notify(str(exc), title="Cannot read the annotations", severity="error", timeout=10)
            return default

    def lookup(self) -> AnnotationLookup | None:
        if self.store is None:
            return None
        return AnnotationLookup(self.store)

    def _focused_quote(self) -> QuoteRow | None:
        if self.store is None:
            self.notify(
                self._store_error or "The annotation store is not available.", severity="error", title="Cannot annotate"
            )
            return None
        row = self.quotes.current
        if row is None:
            self.notify("No quote selected (move to one in the quote list).", severity="warning", timeout=3)
        return row

    def _change(self, row: QuoteRow, label: str, shown: dict[str, Any], run: Callable[[Any, Any], Any]) -> None:
        """Show ``shown`` on ``row`` now and save ``run(store, quote)`` in the background."""
        target: Any = row.id if row.user_added else row.quote
        fields = {**self._shown.get(row.id, {}), **shown, "save_state": SAVING}
        self._shown[row.id] = fields
        job = SaveJob(
            label=label, run=lambda store: run(store, target), quote_ids=(row.id,), shown={row.id: dict(shown)}
        )
        self._submit(job)

    def _submit(self, job: SaveJob) -> None:
        assert self.saver is not None
        for quote_id in job.quote_ids:
            self._in_flight[quote_id] = self._in_flight.get(quote_id, 0) + 1
        self._status = f"saving {job.label}…"
        self.saver.submit(job)
        self._repaint_quotes()

    def on_save_finished(self, event: SaveFinished) -> None:
        result = event.result
        job = result.job
        for quote_id in job.quote_ids:
            self._in_flight[quote_id] = max(0, self._in_flight.get(quote_id, 1) - 1)
        if result.ok:
            self._failed = [j for j in self._failed if j.seq != job.seq]
            for quote_id, ann in result.fresh.items():
                self._annotations[quote_id] = ann
                if self.current_article is not None and quote_id.rsplit("#", 1)[0] == self.current_article.id:
                    if ann is None:
                        self._article_annotations.pop(quote_id, None)
                    else:
                        self._article_annotations[quote_id] = ann
            for quote_id in set(job.quote_ids) | set(result.fresh):
                if not self._in_flight.get(quote_id) and not any(quote_id in j.quote_ids for j in self._failed):
                    self._shown.pop(quote_id, None)
            self._status = f"✓ saved: {job.label}" if not result.error else result.error
            if job.label in ("undo", "redo"):
                self._after_undo(job.label, result.result)
        else:
            self._failed.append(job)
            for quote_id in job.quote_ids:
                self._shown.setdefault(quote_id, {})["save_state"] = UNSAVED
            self._status = ""
            self.notify(
                f"{result.error}\nThe change is kept on screen, marked ●; ctrl+s retries.",
                title=f"Not saved: {job.label}",
                severity="error",
                timeout=8,
            )
        self._repaint_quotes()

    def action_accept(self) -> None:
        self._set_status("accepted")

    def action_reject(self) -> None:
        self._set_status("rejected")

    def action_reset_status(self) -> None:
        self._set_status("unreviewed")

    def _set_status(self, status: str) -> None:
        row = self._focused_quote()
        if row is None:
            return
        label = {"accepted": "accept", "rejected": "reject"}.get(status, "reset status")
        self._change(row, label, {"status": status}, lambda store, q: store.set_status(q, status))
        # Prodigy-style flow: after a decision, move on to the next quote.
        if status != "unreviewed" and self.quotes.cursor < self.quotes.row_count - 1:
            self.quotes.action_cursor_down()

    def action_add_tag(self) -> None:
        from tui.screens.prompt import PromptScreen

        row = self._focused_quote()
        if row is None:
            return
        suggestions = self._read_store(lambda store: store.tag_names(), []) + self.quick_tags

        def done(tag: str | None) -> None:
            if tag:
                self._tag(row, tag, add=True)

        self.app.push_screen(
            PromptScreen(
                "Add a tag", suggestions=[t for t in suggestions if t not in row.tags], placeholder="tag name"
            ),
            done,
        )

    def action_remove_tag(self) -> None:
        from tui.screens.choice import ChoiceScreen

        row = self._focused_quote()
        if row is None:
            return
        if not row.tags:
            self.notify("This quote has no tags.", timeout=2)
            return
        self.app.push_screen(
            ChoiceScreen("Remove a tag", [(t, f"#{t}") for t in row.tags]),
            lambda tag: tag and self._tag(row, tag, add=False),
        )

    def _tag(self, row: QuoteRow, tag: str, add: bool) -> None:
        current = self.quotes.current if self.quotes.current and self.quotes.current.id == row.id else row
        tags = tuple(t for t in current.tags if t.casefold() != tag.casefold())
        if add:
            tags += (tag,)
            self._change(current, f"tag #{tag}", {"tags": tags}, lambda store, q: store.tag(q, tag))
        else:
            self._change(current, f"untag #{tag}", {"tags": tags}, lambda store, q: store.untag(q, tag))

    def action_quick_tag(self, number: int) -> None:
        if number > len(self.quick_tags):
            self.notify(
                f"No quick tag {number}: set quick_tags in {self.app.config_path_label}.", severity="warning", timeout=4
            )
            return
        row = self._focused_quote()
        if row is None:
            return
        tag = self.quick_tags[number - 1]
        self._tag(row, tag, add=tag.casefold() not in {t.casefold() for t in row.tags})

    def action_edit_note(self) -> None:
        from tui.screens.note_editor import NoteEditorScreen

        row = self._focused_quote()
        if row is None:
            return

        def done(note: str | None) -> None:
            if note is not None and note != row.note:
                self._change(row, "note", {"note": note}, lambda store, q: store.set_note(q, note))

        about = f"{row.speaker or 'unknown speaker'}: {' '.join(row.quote.text.split())[:120]}"
        self.app.push_screen(NoteEditorScreen(row.note, about), done)

    def action_correct_speaker(self) -> None:
        from tui.screens.prompt import PromptScreen

        row = self._focused_quote()
        if row is None:
            return

        def done(name: str | None) -> None:
            if name is None:
                return
            speaker = name or None
            if speaker == row.speaker_override:
                return
            self._change(row, "speaker", {"speaker_override": speaker}, lambda store, q: store.set_speaker(q, speaker))

        self.app.push_screen(
            PromptScreen(
                "Who said it?",
                row.speaker,
                suggestions=self._speaker_names(),
                hint="empty restores the extracted speaker · ",
            ),
            done,
        )

    def _speaker_names(self) -> list[str]:
        names = []
        if self.current_article is not None:
            names += [e.name for e in self.analysis(self.current_article.id).entities if e.label == "PERSON"]
        names += [s.name for s in self.index.speakers(top=500)]
        return list(dict.fromkeys(names))

    def action_select_span(self) -> None:
        if self.store is None:
            self._focused_quote()
            return
        if not self.reader.start_selection():
            self.notify("Open an article first.", severity="warning", timeout=2)
            return
        self.notify(
            "Move with h/l (word) j/k (line), 5w (a count), / (find); v starts the span, i direct/indirect, "
            "enter confirms, esc cancels.",
            title="Add a missed quote",
            timeout=6,
        )

    def action_edit_span(self) -> None:
        row = self._focused_quote()
        if row is None:
            return
        if self.current_article is None or row.article_id != self.current_article.id:
            self.notify("Open the quote's article first.", severity="warning", timeout=2)
            return
        self.reader.start_selection(editing=row)
        self.notify(
            "The quote's span is selected: move its end with h/l j/k, v to move the start instead, "
            "enter confirms, esc cancels.",
            title="Change the span",
            timeout=6,
        )

    def on_article_reader_span_selected(self, event: ArticleReader.SpanSelected) -> None:
        from store.annotations import user_quote_id
        from tui.screens.prompt import PromptScreen

        article = self.current_article
        if article is None or article.id != event.article_id:
            return
        if event.editing is not None:
            self._change_span(event.editing, event.start, event.end)
            return
        text = article.text[event.start : event.end]
        start, end = event.start, event.end

        def done(name: str | None) -> None:
            if name is None:
                self.notify("No quote added.", timeout=2)
                return
            speaker = name or None
            quote_id = user_quote_id(article.id, start, end, text)
            pending = _PendingUserQuote(quote_id, article.id, text, start, end, speaker, event.kind)
            self._shown[quote_id] = {"user_quote": pending, "status": "accepted", "save_state": SAVING}
            job = SaveJob(
                label="add quote",
                run=lambda store: store.add_quote(article.id, start, end, text, speaker=speaker, kind=event.kind),
                quote_ids=(quote_id,),
            )
            self._submit(job)
            if self.quote_scope == "article":
                index = next((i for i, q in enumerate(self.article_quotes) if q.id == quote_id), None)
                if index is not None:
                    self.quotes.move_cursor(index)
            self.quotes.focus()

        # the speaker of the nearest quote before it: in news, usually still the one talking
        before = [q for q in self.article_quotes if q.end <= start and q.speaker]
        guess = before[-1].speaker if before else ""
        self.app.push_screen(
            PromptScreen(
                f"Speaker of {quote_excerpt(text, 50)}",
                guess or "",
                suggestions=self._speaker_names(),
                hint="empty: unknown speaker · ",
            ),
            done,
        )

    def _change_span(self, quote_id: str, start: int, end: int) -> None:
        assert self.current_article is not None
        row = next((q for q in self.article_quotes if q.id == quote_id), None)
        if row is None or (row.start, row.end) == (start, end):
            return
        text = self.current_article.text[start:end]
        self._change(row, "span", {}, lambda store, q: store.set_span(q, start, end, text))

    def action_undo(self) -> None:
        if self.saver is not None:
            self._submit(SaveJob(label="undo", run=lambda store: store.undo()))

    def action_redo(self) -> None:
        if self.saver is not None:
            self._submit(SaveJob(label="redo", run=lambda store: store.redo()))

    def _after_undo(self, label: str, change: Any) -> None:
        if change is None:
            self._status = f"nothing to {label}"
            return
        what = getattr(change, "label", "") or label
        self._status = f"✓ {what}" if what.startswith(label) else f"✓ {label}: {what}"
        message = self._status.lstrip("✓ ")
        # An undo may touch a quote of another article: say which, it is not on screen.
        articles = {article_id_of(qid) for qid in getattr(change, "quote_ids", [])}
        elsewhere = [a for a in articles if self.current_article is None or a != self.current_article.id]
        if elsewhere:
            row = self.index.row_of(elsewhere[0])
            title = self.index.meta(row).title if row is not None else elsewhere[0]
            message += f"\nin “{title}”" + (f" and {len(elsewhere) - 1} more" if len(elsewhere) > 1 else "")
        self.notify(message, timeout=4 if elsewhere else 2)

    def action_retry_saves(self) -> None:
        if not self._failed:
            self.notify("Everything is saved.", timeout=2)
            return
        jobs, self._failed = self._failed, []
        for job in jobs:
            for quote_id in job.quote_ids:
                self._shown.setdefault(quote_id, {})["save_state"] = SAVING
            self._submit(job)


class _PendingUserQuote:
    """A quote the user added, shown before the store confirms it (quacks like an Annotation)."""

    def __init__(self, quote_id: str, article_id: str, text: str, start: int, end: int, speaker: str | None, kind: str):
        self.quote_id, self.article_id, self.text = quote_id, article_id, text
        self.start, self.end, self.speaker, self.kind = start, end, speaker, kind
        self.span = None
        self.user_added, self.orphan = True, False
