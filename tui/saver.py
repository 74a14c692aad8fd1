"""Saving annotation changes off the UI thread, in order, one at a time.

The TUI shows a change at once (as "saving…"), queues it here, and hears back
through ``on_done`` (called from the saving thread; the screen turns it into
a Textual message). A failed save is reported with the store's own message
and the job is handed back so the user can retry it. No Textual here.
"""

from __future__ import annotations

import itertools
import queue
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from store.annotations import Annotation, Change

if TYPE_CHECKING:
    from store.annotations import AnnotationStore

_sequence = itertools.count(1)


@dataclass
class SaveJob:
    """One change: ``run(store)`` does it; ``quote_ids`` are the quotes it is known to touch."""

    label: str
    run: Callable[[AnnotationStore], object]
    quote_ids: tuple[str, ...] = ()
    seq: int = field(default_factory=lambda: next(_sequence))


@dataclass
class SaveResult:
    job: SaveJob
    ok: bool
    result: object = None  # what ``run`` returned: a Change, an Annotation (an added quote) or None
    error: str = ""
    fresh: dict[str, Annotation | None] = field(
        default_factory=dict
    )  # quote id -> Annotation | None, read after the save


class AnnotationSaver:
    """A queue of ``SaveJob`` drained by ``run_forever`` in one worker thread."""

    def __init__(self, store: AnnotationStore, on_done: Callable[[SaveResult], None]) -> None:
        self.store = store
        self.on_done = on_done
        self._queue: queue.Queue[SaveJob | None] = queue.Queue()

    def submit(self, job: SaveJob) -> None:
        self._queue.put(job)

    def stop(self) -> None:
        self._queue.put(None)

    @property
    def idle(self) -> bool:
        return self._queue.empty()

    def run_forever(self, cancelled: Callable[[], bool] = lambda: False) -> None:
        while not cancelled():
            try:
                job = self._queue.get(timeout=0.2)
            except queue.Empty:
                continue
            if job is None:
                return
            self.on_done(self.run_one(job))

    def run_one(self, job: SaveJob) -> SaveResult:
        try:
            result = job.run(self.store)
        except Exception as exc:  # the store's errors carry a user message naming the file
            return SaveResult(job, ok=False, error=str(exc) or exc.__class__.__name__)
        ids = set(job.quote_ids)
        if isinstance(result, Change):  # an undo/redo names what it touched
            ids.update(result.quote_ids)
        elif isinstance(result, Annotation):  # a quote the user added
            ids.add(result.quote_id)
        try:
            fresh = {quote_id: self.store.get(quote_id) for quote_id in ids}
        except Exception as exc:
            return SaveResult(job, ok=True, result=result, error=f"saved, but re-reading failed: {exc}")
        return SaveResult(job, ok=True, result=result, fresh=fresh)
