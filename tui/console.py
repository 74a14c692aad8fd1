"""Rich consoles for the command line: data to stdout, messages to stderr.

Corpus and user text goes into a message through ``safe_markup`` (inside Rich markup)
or ``safe_text`` (a Rich ``Text``): control characters are shown visibly
(``corpus.printable``) and brackets are not read as markup.
"""

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from corpus.printable import printable

console = Console()
# soft_wrap: messages are never cut at 80 columns when stderr is a pipe or a log file
err_console = Console(stderr=True, soft_wrap=True)


def safe_markup(text: object) -> str:
    """Corpus or user text to put inside a Rich markup string."""
    return escape(printable(str(text)))


def safe_text(text: object, style: str = "") -> Text:
    """Corpus or user text as a Rich ``Text`` (never markup)."""
    return Text(printable(str(text)), style=style)


__all__ = ["console", "err_console", "safe_markup", "safe_text"]
