"""What the panes show of one quote: the extracted quote plus its annotations.

The reader, the quote list and the quote detail all draw from this one value,
so a change (a new status, a corrected speaker, an unsaved edit) shows the
same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus.models import Quote, Span
from corpus.printable import visible_controls

# How a save is going: shown as a marker in the quote list and the detail.
SAVED, SAVING, UNSAVED = "saved", "saving", "unsaved"


@dataclass(frozen=True, slots=True)
class QuoteRow:
    quote: Quote
    article_id: str
    status: str = "unreviewed"
    tags: tuple[str, ...] = ()
    note: str = ""
    speaker_override: str | None = None  # the speaker as corrected by the user
    user_added: bool = False
    save_state: str = SAVED

    def __post_init__(self) -> None:
        # What a user (or `quotelens annotate`) wrote is shown as written, but a control
        # character in it is shown as its stand-in, never sent to the terminal.
        object.__setattr__(self, "tags", tuple(visible_controls(t) for t in self.tags))
        object.__setattr__(self, "note", visible_controls(self.note))
        if self.speaker_override:
            object.__setattr__(self, "speaker_override", visible_controls(self.speaker_override))

    @property
    def id(self) -> str:
        return self.quote.id

    @property
    def start(self) -> int:
        return self.quote.start

    @property
    def end(self) -> int:
        return self.quote.end

    @property
    def kind(self) -> str:
        return self.quote.kind

    @property
    def speaker(self) -> str:
        """Who said it, as the user knows it (a correction wins over the NLP)."""
        if self.speaker_override:
            return self.speaker_override
        q = self.quote
        return q.speaker_name or (q.speaker.text if q.speaker else "")

    @property
    def speaker_span(self) -> Span | None:
        return None if self.speaker_override else self.quote.speaker

    @property
    def cue(self) -> str:
        return self.quote.cue.text if self.quote.cue else ""
