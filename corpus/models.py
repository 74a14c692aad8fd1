"""The data every layer shares: articles, entities, quotes and their analysis.

All offsets are Python string indices (code points) into ``Article.text``
exactly as read, end exclusive: ``article.text[q.start:q.end] == q.text``.
Everything here is immutable and turns into plain dicts (``to_dict``) and
back (``from_dict``) so it can be cached, exported and sent between processes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from corpus.printable import visible_controls

QUOTE_KINDS: tuple[str, ...] = ("direct", "indirect", "mixed", "floating")
REVIEW_STATUSES: tuple[str, ...] = ("unreviewed", "accepted", "rejected")


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of an article's text: the speaker mention or the cue verb."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Span | None:
        if not data:
            return None
        return cls(str(data["text"]), int(data["start"]), int(data["end"]))


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from a corpus file."""

    id: str
    text: str
    title: str = ""
    date: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None  # the file it came from
    line: int | None = None  # 1-based line in a JSONL/CSV file
    title_derived: bool = False  # True when the title was made from the first sentence

    def __post_init__(self) -> None:
        # A scraped page may carry ESC or C1 bytes; replaced one for one here (offsets hold),
        # they never reach the app's panes or a terminal through any view of the article.
        for name in ("text", "title", "source", "date"):
            value = getattr(self, name)
            if value:
                object.__setattr__(self, name, visible_controls(value))

    @property
    def content_hash(self) -> str:
        """Identity of the text for the analysis cache (metadata does not count)."""
        return text_hash(self.text)

    @property
    def n_words(self) -> int:
        return count_words(self.text)

    def to_dict(self, *, with_text: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "url": self.url,
            "origin": self.origin,
            "line": self.line,
            "title_derived": self.title_derived,
        }
        if with_text:
            data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=str(data["id"]),
            text=data.get("text", ""),
            title=data.get("title") or "",
            date=data.get("date"),
            source=data.get("source"),
            url=data.get("url"),
            origin=data.get("origin"),
            line=data.get("line"),
            title_derived=bool(data.get("title_derived", False)),
        )


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity mention, cleaned, with the canonical name it stands for.

    ``name`` is the canonical name within the article ("Justin Trudeau" for the
    mention "PM Trudeau"); ``key`` is the normalised form used to merge the
    entity across articles (see ``entity_key``).
    """

    text: str
    start: int
    end: int
    label: str
    name: str
    key: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "name": self.name,
            "key": self.key,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            data["text"],
            int(data["start"]),
            int(data["end"]),
            data["label"],
            data.get("name") or data["text"],
            data.get("key") or entity_key(data.get("name") or data["text"]),
        )


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct, indirect, mixed or floating quote and who said it."""

    id: str
    text: str
    start: int
    end: int
    kind: str
    speaker: Span | None = None
    speaker_name: str | None = None
    cue: Span | None = None
    speaker_key: str | None = None  # entity key of the speaker, when it links to one

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_name": self.speaker_name,
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker_key": self.speaker_key,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(
            id=str(data.get("id") or ""),
            text=data["text"],
            start=int(data["start"]),
            end=int(data["end"]),
            kind=data.get("kind") or "direct",
            speaker=Span.from_dict(data.get("speaker")),
            speaker_name=data.get("speaker_name"),
            cue=Span.from_dict(data.get("cue")),
            speaker_key=data.get("speaker_key"),
        )


@dataclass(frozen=True, slots=True)
class Person:
    """A person named in one article (``corpus.people``): the canonical full name the article
    gives, how often they are mentioned and quoted, and their gender as the article presents
    it with where that came from (``gender_source``: text, name or unknown; ``user`` only
    after the store applies corrections)."""

    name: str
    key: str
    gender: str = "unknown"
    gender_source: str = "unknown"
    quoted: bool = False
    mentions: int = 0
    quotes: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "key": self.key,
            "gender": self.gender,
            "gender_source": self.gender_source,
            "quoted": self.quoted,
            "mentions": self.mentions,
            "quotes": self.quotes,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Person:
        name = str(data["name"])
        return cls(
            name=name,
            key=data.get("key") or entity_key(name),
            gender=data.get("gender") or "unknown",
            gender_source=data.get("gender_source") or "unknown",
            quoted=bool(data.get("quoted", False)),
            mentions=int(data.get("mentions", 0)),
            quotes=int(data.get("quotes", 0)),
        )


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the NLP found in one text. Cached by the text's content hash."""

    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    n_words: int = 0
    people: tuple[Person, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "n_words": self.n_words,
            "people": [p.to_dict() for p in self.people],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return cls(
            entities=tuple(Entity.from_dict(e) for e in data.get("entities", ())),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", ())),
            n_words=int(data.get("n_words", 0)),
            people=tuple(Person.from_dict(p) for p in data.get("people", ())),
        )

    def for_article(self, article_id: str) -> Analysis:
        """The same analysis with quote ids belonging to ``article_id``.

        The cache is keyed by content, so two articles with the same text share
        one analysis; quote ids must still name their own article.
        """
        return replace(self, quotes=tuple(with_quote_ids(article_id, self.quotes)))


# --- identity helpers ------------------------------------------------------

_WORD_RE = re.compile(r"\w+(?:[’'-]\w+)*")
_SPACE_RE = re.compile(r"\s+")


def count_words(text: str) -> int:
    return sum(1 for _ in _WORD_RE.finditer(text))


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def normalise_quote_text(text: str) -> str:
    """Quote text folded so that re-extraction with other offsets or quote marks matches."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_QUOTE_FOLD).strip(" \t\n\"'.,;:")
    return _SPACE_RE.sub(" ", text).lower()


def quote_excerpt(text: str, room: int = 40) -> str:
    """A quote's text as a label shows it, in its own quotation marks: “first words…”."""
    words = " ".join(text.split()).strip("“”\"‘’'")
    return f"“{words if len(words) <= room else words[: room - 1].rstrip() + '…'}”"


_QUOTE_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


def quote_id(article_id: str, text: str, occurrence: int = 0) -> str:
    """Stable quote id: article id + hash of the normalised text + occurrence number."""
    digest = hashlib.blake2b(normalise_quote_text(text).encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
    return f"{article_id}#{digest}" + (f".{occurrence}" if occurrence else "")


def article_of(quote_id: str) -> str:
    """The article id of a quote id (``<article id>#<hash>``, see ``quote_id``); an id
    without ``#`` is returned as it is. Article ids may hold ``#`` (CSV rows without an
    id are ``file.csv#12``): the hash after the last one is the quote's."""
    return quote_id.rsplit("#", 1)[0] if "#" in quote_id else quote_id


def with_quote_ids(article_id: str, quotes: Iterable[Quote]) -> list[Quote]:
    """Give each quote its stable id; repeats of one text get occurrence 1, 2, …"""
    seen: dict[str, int] = {}
    out: list[Quote] = []
    for q in quotes:
        norm = normalise_quote_text(q.text)
        n = seen.get(norm, 0)
        seen[norm] = n + 1
        out.append(replace(q, id=quote_id(article_id, q.text, n)))
    return out


_TITLE_WORDS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady"}


@lru_cache(maxsize=8192)  # a pure function of the text, asked again for every mention
@lru_cache(maxsize=16384)  # a pure function of the name, asked again for every mention
def entity_key(name: str) -> str:
    """Normalised key that merges spellings of one entity across articles.

    Case, accents, punctuation, a possessive 's and a leading "the" are folded:
    "The Huawei's" and "huawei" share a key.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").lower()
    text = re.sub(r"'s\b|'$", "", text)
    words = re.findall(r"\w+", text)
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def name_tokens(name: str) -> list[str]:
    """The tokens of a person's name with honorifics dropped, for name matching."""
    return [w for w in entity_key(name).split() if w not in _TITLE_WORDS]


__all__ = [
    "Analysis",
    "Article",
    "Entity",
    "Person",
    "Quote",
    "Span",
    "QUOTE_KINDS",
    "article_of",
    "REVIEW_STATUSES",
    "count_words",
    "entity_key",
    "name_tokens",
    "normalise_quote_text",
    "quote_id",
    "text_hash",
    "with_quote_ids",
]
