"""Read corpora: folders of .txt, single .txt, .jsonl and .csv files.

Bad input never stops a load and is never silent: every problem becomes a
``Problem`` naming the file (and line), and the rest of the corpus loads.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from corpus.models import Article
from corpus.wording import plural

SAMPLE_CORPUS = Path(__file__).parent / "sample"

TEXT_SUFFIXES = {".txt"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
TEXT_COLUMNS = ("text", "body", "content", "article")

# A title line is short and does not end like a sentence.
MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30
DERIVED_TITLE_CHARS = 100
_SENTENCE_END = ".!?;:,\"”’'…"
# Seed 002 opens with " date 2020-11-19 " glued to the text.
_DATE_MARKER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
_SENTENCE_STOP = re.compile(r"[.!?][”\"’']?(?=\s|\Z)")
# "U.S.", "B.C.", "Ont.", "Mr.", "St.": a period that ends a word like these rarely ends the sentence
_ABBREVIATION = re.compile(r"(?:^|\s)(?:(?:[A-Za-z]\.){2,}|[A-Z][a-z]{0,3}\.)$")
_BINARY_SNIFF = 8192
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input. ``skipped``: the article/file was not loaded."""

    path: str
    line: int | None
    message: str
    skipped: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class LoadReport:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    n_files: int = 0

    @property
    def n_skipped(self) -> int:
        return sum(1 for p in self.problems if p.skipped)

    @property
    def n_warned(self) -> int:
        return sum(1 for p in self.problems if not p.skipped)

    def summary(self) -> str:
        return (
            f"{plural(len(self.articles), 'article')} loaded from {plural(self.n_files, 'file')}; "
            f"{self.n_skipped:,} skipped, {plural(self.n_warned, 'warning')}"
        )


class _Collector:
    """Gathers articles, dropping duplicate ids with a warning."""

    def __init__(self, report: LoadReport) -> None:
        self.report = report
        self.seen: dict[str, str] = {}

    def problem(self, path: Path | str, line: int | None, message: str, skipped: bool = False) -> None:
        self.report.problems.append(Problem(str(path), line, message, skipped))

    def add(self, article: Article) -> None:
        where = f"{article.origin}:{article.line}" if article.line else str(article.origin)
        if article.id in self.seen:
            self.problem(
                article.origin or "?",
                article.line,
                f"duplicate article id {article.id!r} (first seen at {self.seen[article.id]}); skipped",
                skipped=True,
            )
            return
        self.seen[article.id] = where
        self.report.articles.append(article)


def load_corpus(
    paths: Sequence[str | Path] | str | Path, text_column: str | None = None, root: Path | None = None
) -> LoadReport:
    """Load every article under ``paths``. Never raises for bad input.

    ``root`` (a resolved folder, the workspace root of ``store.paths``): the id of a
    ``.txt`` article inside it is its path relative to ``root``, whichever of its
    folders, itself, a relative path or a symlink was opened. Without ``root`` (or for
    a file outside it) the id is relative to the opened folder (prefixed with the
    folder's name when several paths are opened).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    report = LoadReport()
    sink = _Collector(report)
    several = len(paths) > 1
    for raw in paths:
        given = Path(raw).expanduser()
        if not given.exists():
            sink.problem(given, None, _missing_reason(given), skipped=True)
            continue
        top = given.resolve() if root is not None else given
        prefix = top.name if several and top.is_dir() else ""
        for path in scan_corpus_files(top, sink.problem):
            report.n_files += 1
            if root is not None and (path == root or root in path.parents):
                article_id = path.relative_to(root).as_posix()
            else:
                rel = path.name if top.is_file() else path.relative_to(top).as_posix()
                article_id = f"{prefix}/{rel}" if prefix else rel
            _load_file(path, article_id, sink, text_column)
    return report


def _missing_reason(path: Path) -> str:
    if path.is_symlink():
        try:
            path.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "symlink loop; skipped"
        return "broken symlink (its target does not exist); skipped"
    return "no such file or folder"


ProblemSink = Callable[..., None]  # (path, line, message, skipped=...) as _Collector.problem


def is_corpus_file_name(name: str, *, any_case: bool = True) -> bool:
    """True for a name a corpus file has (.txt, .jsonl, .ndjson, .csv). In a folder the
    suffix must be lower case (``any_case=False``): ``README.TXT`` is not an article."""
    suffix = Path(name).suffix
    return (suffix.lower() if any_case else suffix) in TEXT_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def scan_corpus_files(top: Path, problem: ProblemSink | None = None) -> Iterator[Path]:
    """The corpus files of ``top`` (a file, or a folder searched recursively), sorted.

    Hidden folders (``.quotelens/`` stores, ``.git``) are not searched. What cannot be
    read is skipped and, with ``problem``, said: a FIFO, socket or device named like a
    corpus file (reading it could block), a symlink loop or a broken symlink; a
    symlink to a folder is not followed (it could lead back into the corpus).
    """

    def say(path: Path, message: str, skipped: bool = True) -> None:
        if problem is not None:
            problem(path, None, message, skipped=skipped)

    try:
        mode = top.stat().st_mode
    except OSError as exc:
        say(top, f"cannot read: {exc.strerror or exc}; skipped")
        return
    if not stat.S_ISDIR(mode):
        if stat.S_ISREG(mode):
            yield top
        else:
            say(top, f"{_kind_of(mode)}, not a corpus file; skipped")
        return
    found: list[Path] = []

    def walk_error(exc: OSError) -> None:
        say(Path(exc.filename or top), f"cannot read this folder: {exc.strerror or exc}; skipped")

    for folder, dirs, files in os.walk(top, onerror=walk_error):
        here = Path(folder)
        kept = []
        for d in dirs:
            if d.startswith("."):
                continue
            if (here / d).is_symlink():
                say(here / d, "symlink to a folder, not followed; skipped")
                continue
            if is_corpus_file_name(d, any_case=False):
                say(here / d, "a folder named like a corpus file: its files are read as a folder", skipped=False)
            kept.append(d)
        dirs[:] = kept
        for name in files:
            if name.startswith(".") or not is_corpus_file_name(name, any_case=False):
                continue
            path = here / name
            try:
                mode = path.stat().st_mode
            except OSError as exc:
                say(path, _missing_reason(path) if exc.errno in (errno.ELOOP, errno.ENOENT) else str(exc))
                continue
            if stat.S_ISREG(mode):
                found.append(path)
            elif stat.S_ISDIR(mode):
                say(path, "symlink to a folder, not followed; skipped")
            else:
                say(path, f"{_kind_of(mode)}, not a corpus file; skipped")
    yield from sorted(found)


def iter_corpus_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Corpus files under each path, in a stable (sorted) order (see ``scan_corpus_files``)."""
    for root in paths:
        yield from scan_corpus_files(root)


def _load_file(path: Path, article_id: str, sink: _Collector, text_column: str | None) -> None:
    suffix = path.suffix.lower()
    text = _read_text(path, sink)
    if text is None:
        return
    if suffix in JSONL_SUFFIXES:
        _load_jsonl(path, text, sink)
    elif suffix in CSV_SUFFIXES:
        _load_csv(path, text, sink, text_column)
    else:
        article = parse_txt(text, article_id, origin=str(path))
        if article is None:
            sink.problem(path, None, "empty file; skipped", skipped=True)
        else:
            sink.add(article)


def _read_text(path: Path, sink: _Collector) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        sink.problem(path, None, f"cannot read: {exc.strerror or exc}; skipped", skipped=True)
        return None
    if data.startswith(_UTF16_BOMS):
        # Windows editors save "Unicode" text as UTF-16: its NUL bytes are not binary
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            sink.problem(
                path,
                None,
                f"UTF-16 (by its byte order mark) but not valid UTF-16 ({exc.reason}); skipped",
                skipped=True,
            )
            return None
        return text.replace("\r\n", "\n").replace("\r", "\n")
    if b"\x00" in data[:_BINARY_SNIFF]:
        sink.problem(path, None, "binary file (NUL bytes), not text; skipped", skipped=True)
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1")
        sink.problem(path, line, "not valid UTF-8; decoded as Latin-1 (Windows-1252)")
    # Offsets index the text as kept: newlines normalised once, here.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def parse_txt(raw: str, article_id: str, origin: str | None = None) -> Article | None:
    """One article from a plain-text file: optional title line, optional date marker."""
    if not raw.strip():
        return None
    date = None
    title = ""
    derived = False
    text = raw
    first, sep, rest = raw.partition("\n")
    if sep and _is_title_line(first) and rest.startswith("\n") and rest.strip():
        title = first.strip()
        text = rest.lstrip("\n")
    marker = _DATE_MARKER.match(text)
    if marker:
        date = marker.group(1)
        text = text[marker.end() :]
    text = text.rstrip()
    if not title:
        title, derived = derive_title(text), True
    return Article(id=article_id, text=text, title=title, date=date, origin=origin, title_derived=derived)


def _is_title_line(line: str) -> bool:
    line = line.strip()
    # a headline may end on a quoted word (Fox attacks Blair's Tory 'lies'): what counts is
    # whether the words before the closing mark end like a sentence
    core = line.rstrip("\"”’'")
    return (
        0 < len(line) <= MAX_TITLE_CHARS
        and len(line.split()) <= MAX_TITLE_WORDS
        and bool(core)
        and core[-1] not in _SENTENCE_END
    )


def _first_sentence(text: str) -> str:
    """The first sentence of ``text``; a dateline ("MILTON, Ont. — …") or an abbreviation
    ("The U.S. has …") does not end it."""
    for match in _SENTENCE_STOP.finditer(text):
        following = text[match.end() :].lstrip()[:1]
        if (
            match.group()[0] == "."
            and following
            and (_ABBREVIATION.search(text[: match.start() + 1]) or following.islower() or following in "—–-,;")
        ):
            continue
        return text[: match.end()]
    return text


def derive_title(text: str) -> str:
    """A title from the first sentence, trimmed to a readable length."""
    sentence = " ".join(_first_sentence(text.strip()).split())
    if len(sentence) <= DERIVED_TITLE_CHARS:
        return sentence
    cut = sentence[:DERIVED_TITLE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _load_jsonl(path: Path, text: str, sink: _Collector) -> None:
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            sink.problem(path, lineno, f"malformed JSON ({exc}); line skipped", skipped=True)
            continue
        if not isinstance(record, dict):
            sink.problem(path, lineno, "not a JSON object; line skipped", skipped=True)
            continue
        article = _from_record(record, path, lineno, sink)
        if article:
            sink.add(article)


def _load_csv(path: Path, text: str, sink: _Collector, text_column: str | None) -> None:
    csv.field_size_limit(1 << 30)  # article bodies easily pass the 128 KiB default
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    by_lower = {name.strip().lower(): name for name in header if name}
    wanted = [text_column.lower()] if text_column else list(TEXT_COLUMNS)
    column = next((by_lower[w] for w in wanted if w in by_lower), None)
    if column is None:
        expected = f"--text-column {text_column!r}" if text_column else "one of " + ", ".join(TEXT_COLUMNS)
        sink.problem(
            path,
            1,
            f"no text column ({expected}) in the header {header!r}; file skipped",
            skipped=True,
        )
        return
    end_of_previous = reader.line_num
    lineno = end_of_previous
    try:
        for row in reader:
            # A quoted field may span lines: name the line where the record starts.
            lineno, end_of_previous = end_of_previous + 1, reader.line_num
            record = {k.strip().lower(): v for k, v in row.items() if isinstance(k, str)}
            record["text"] = row.get(column)
            if not record.get("id"):
                record["id"] = f"{path.name}#{lineno}"
            article = _from_record(record, path, lineno, sink)
            if article:
                sink.add(article)
    except csv.Error as exc:
        sink.problem(path, reader.line_num, f"CSV error ({exc}); rest of file skipped", skipped=True)
        return
    if _unclosed_quote(text):
        # The lenient reader took everything after an unclosed " as one field: say where.
        sink.problem(
            path,
            lineno,
            "a quotation mark opened in this record is never closed: the rest of the "
            "file was read into it (fix the quote to get the rows after it)",
        )


def _unclosed_quote(text: str) -> bool:
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _from_record(record: dict, path: Path, lineno: int, sink: _Collector) -> Article | None:
    raw_id = record.get("id")
    text = record.get("text")
    if raw_id is None or raw_id == "":
        sink.problem(path, lineno, 'record has no "id"; skipped', skipped=True)
        return None
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
        sink.problem(path, lineno, f'"id" is {_json_kind(raw_id)}, not a string; skipped', skipped=True)
        return None
    if isinstance(raw_id, int):
        # JSON numbers are common ids; 42 and "42" name one article, so say which was used
        sink.problem(path, lineno, f'"id" is a number ({raw_id}); used as the string "{raw_id}"')
    if not isinstance(text, str) or not text.strip():
        sink.problem(path, lineno, f"record {raw_id!r} has no text; skipped", skipped=True)
        return None

    def opt(*names: str) -> str | None:
        for name in names:
            value = record.get(name)
            if value in (None, ""):
                continue
            if isinstance(value, str):
                return value
            sink.problem(path, lineno, f'"{name}" is {_json_kind(value)}, not a string; ignored')
        return None

    title = opt("title")
    return Article(
        id=str(raw_id),
        text=text,
        title=title or derive_title(text),
        date=opt("date", "published", "publishedat"),
        source=opt("source", "outlet"),
        url=opt("url"),
        origin=str(path),
        line=lineno,
        title_derived=title is None,
    )


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
