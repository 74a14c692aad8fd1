"""What the panes show of one quote: the extracted quote plus its annotations.

The reader, the quote list and the quote detail all draw from this one value,
so a change (a new status, a corrected speaker, an unsaved edit) shows the
same way everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

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
    # a report inside a report ("Ruiz said Baker told her …"): who said the quote this one lies inside
    inside: str | None = None

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


def in_reading_order(rows: Sequence[QuoteRow]) -> list[QuoteRow]:
    """By start, a quote before the quotes inside it (a report inside a report starts at or after the
    report holding it), each inner row saying whose quote holds it (``inside``)."""
    ordered = sorted(rows, key=lambda r: (r.start, -r.end))
    out: list[QuoteRow] = []
    open_rows: list[QuoteRow] = []  # rows whose span is still open at this start, outermost first
    for row in ordered:
        while open_rows and open_rows[-1].end <= row.start:
            open_rows.pop()
        holder = next(
            (o for o in reversed(open_rows) if row.end <= o.end and (o.start, o.end) != (row.start, row.end)), None
        )
        inside = (holder.speaker or "someone") if holder is not None else None
        out.append(row if row.inside == inside else replace(row, inside=inside))
        open_rows.append(row)
    return out
