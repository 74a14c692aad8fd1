"""Text from a corpus or a user, made safe to show in a terminal.

An article, a note, a tag or a speaker name may hold control characters: an escape
sequence printed raw can rewrite the screen, change the window title or write the
clipboard (OSC 52); a carriage return or a right-to-left override can hide text.
``printable`` shows every such character visibly as its escape (``\\x1b``, ``\\r``,
``\\u202e``), so what is printed is what the text holds. Every place that shows corpus
or user text, in the CLI and the app, goes through it.
"""

from __future__ import annotations

import re
import unicodedata


def _escape_of(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _unsafe(code: int) -> bool:
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return True  # C0 and C1 controls, DEL (0x9b is a one-byte CSI)
    # bidi overrides/isolates and other invisible format characters (Cf), but not the
    # zero-width joiners emoji and Indic scripts need, nor the soft hyphen
    return unicodedata.category(chr(code)) == "Cf" and code not in (0x00AD, 0x200C, 0x200D)


# Built once: the characters to escape in the Basic Multilingual Plane and the Cf ones above it.
_TABLE: dict[int, str] = {
    code: _escape_of(chr(code))
    for code in (*range(0x0, 0x100), *range(0x2000, 0x2070), 0xFEFF, *range(0xFFF9, 0xFFFC))
    if _unsafe(code)
}
_TABLE.update({c: _escape_of(chr(c)) for c in (0x061C, 0x180E, *range(0xE0000, 0xE0080))})
_KEEP_NEWLINES = {k: v for k, v in _TABLE.items() if k not in (0x0A, 0x09)}


def printable(text: str, *, newlines: bool = True) -> str:
    """``text`` with every control or invisible format character shown as its escape.

    Newlines and tabs are kept unless ``newlines`` is False (one-line labels)."""
    return text.translate(_KEEP_NEWLINES if newlines else _TABLE)


# Terminal control characters: C0 but tab, newline and carriage return; DEL; C1 (0x9b is a
# one-byte CSI). These are what can move the cursor, retitle the window or write the clipboard.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control picture: ␛ for ESC, ␇ for BEL
    return "\u2421" if code == 0x7F else "\ufffd"


def visible_controls(text: str) -> str:
    """``text`` with every terminal control character replaced by one visible stand-in
    (␛, ␇, ␡; � for C1), so it is the same length and offsets into it still hold.

    Article texts and titles go through it when an ``Article`` is made (real corpora carry
    stray ESC and C1 bytes), so no view of an article can send them to a terminal."""
    return _CONTROL.sub(_stand_in, text) if _CONTROL.search(text) else text


__all__ = ["printable", "visible_controls"]
