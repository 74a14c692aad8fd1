"""A quotation signed after its closing mark with a dash and a name: round-up and fact-check style.

    "I helped write that bill." - Sanders.
    "Great speech. She's ready." —President Obama, tweeting after the speech.

(the signature may stand in a paragraph of its own right after the quotation).

The name right after the dash, up to the end of its sentence or a comma that opens a description,
is who said it. A place, a date or a work is a dateline or a credit ("— Reuters" is an outlet, a
speaker too; "— Paris" is not), and a dash that goes on with a clause ("… ” — and Ruiz agreed") is
no signature.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from corpus.quotes.docinfo import DocInfo

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

_SIGNATURE = re.compile(
    r"(?:[ \t]*\n){0,2}[ \t]*[-–—][ \t]*(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4})[ \t]*(?=[,.]|\n|$)"
)
_NOT_SPEAKERS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "EVENT", "WORK_OF_ART", "LAW", "MONEY", "PERCENT"})


def dash_signature(info: DocInfo, k: int) -> tuple[SpacySpan, tuple[int, int]] | None:
    """The name that signs quote segment ``k`` after a dash ("“…” - Sanders."): its tokens and its
    character span (without the full stop a token may hold), or None."""
    seg = info.segs[k]
    if not seg.closed:
        return None
    m = _SIGNATURE.match(info.text, seg.end)
    if m is None:
        return None
    start, end = m.start("name"), m.end("name")
    if info.text[end - 1] == "." and len(info.text[start:end].split()[-1]) > 2:
        end -= 1  # the sentence's full stop, not an initial ("J.")
    span = info.doc.char_span(start, end, alignment_mode="expand")
    if span is None or any(info.tok_seg[t.i] >= 0 for t in span):
        return None
    if any(t.ent_type_ in _NOT_SPEAKERS for t in span) or not any(t.pos_ == "PROPN" for t in span):
        return None
    return span, (start, end)


__all__ = ["dash_signature"]
