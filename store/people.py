"""The people of a corpus, with the user's corrections applied (``AnnotationStore.person_overrides``).

Per article, ``corrected_people`` folds merged people into the person they were merged into
("Goodale" → "Ralph Goodale": mentions and quotes added up) and puts the user's gender label
over the inferred one (``gender_source`` "user"). ``corpus_people`` adds the articles up per
person; ``gender_breakdown`` counts the people quoted (sources) and the people named by gender,
overall, per outlet and per month, as the Gender Gap Tracker does: one count per person per
article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from corpus.models import Person

if TYPE_CHECKING:
    from store.annotations import PersonOverrides
    from store.index import ArticleMeta, CorpusIndex
    from store.workspace import Workspace

UNKNOWN = "unknown"


def corrected_people(people: Sequence[Person], overrides: PersonOverrides | None) -> list[Person]:
    """One article's people with merges and gender corrections applied."""
    if overrides is None or not (overrides.gender or overrides.merged_into):
        return list(people)
    merged: dict[str, Person] = {}
    for p in people:
        key = overrides.resolve(p.key)
        name = p.name if key == p.key else overrides.names.get(key, p.name)
        seen = merged.get(key)
        if seen is None:
            merged[key] = Person(name, key, p.gender, p.gender_source, p.quoted, p.mentions, p.quotes)
            continue
        g, src = _stronger((seen.gender, seen.gender_source), (p.gender, p.gender_source))
        merged[key] = Person(
            p.name if p.key == key else seen.name,  # the target's own record names it
            key,
            g,
            src,
            seen.quoted or p.quoted,
            seen.mentions + p.mentions,
            seen.quotes + p.quotes,
        )
    out = []
    for key, p in merged.items():
        label = overrides.gender_of(key)
        if label:
            p = Person(p.name, p.key, label, "user", p.quoted, p.mentions, p.quotes)
        out.append(p)
    out.sort(key=lambda p: (-p.mentions, -p.quotes, p.name))
    return out


_SOURCE_RANK = {"user": 3, "text": 2, "name": 1, UNKNOWN: 0}


def _stronger(a: tuple[str, str], b: tuple[str, str]) -> tuple[str, str]:
    return a if _SOURCE_RANK.get(a[1], 0) >= _SOURCE_RANK.get(b[1], 0) else b


def merged_people(index: CorpusIndex, row: int, people: Sequence[Person]) -> list[Person]:
    """One article's people under the names the corpus lists them by (``CorpusIndex.article_key``: "Blair"
    of an article naming nobody fully is Tony Blair; "Lawyer Louise Christian" is Louise Christian), two
    records of one person in the article folded into one."""
    out: dict[str, Person] = {}
    for p in people:
        found = index.article_key(row, p.key)
        key, name = found if found is not None and found[0] != p.key else (p.key, p.name)
        seen = out.get(key)
        if seen is None:
            out[key] = Person(name, key, p.gender, p.gender_source, p.quoted, p.mentions, p.quotes)
        else:
            g, src = _stronger((seen.gender, seen.gender_source), (p.gender, p.gender_source))
            out[key] = Person(
                seen.name, key, g, src, seen.quoted or p.quoted, seen.mentions + p.mentions, seen.quotes + p.quotes
            )
    return list(out.values())


def iter_article_people(
    ws: Workspace, rows: Sequence[int] | np.ndarray | None = None, overrides: PersonOverrides | None = None
) -> Iterator[tuple[ArticleMeta, list[Person]]]:
    """Each analysed article (of ``rows``, default all) with its corrected people, in row order."""
    index = ws.index
    rows_arr = index.all_rows() if rows is None else np.asarray(rows, dtype=np.int64)
    aids = index.article_aid
    for start in range(0, len(rows_arr), 256):  # one query per 256 articles
        chunk = rows_arr[start : start + 256].tolist()
        payloads = ws.cache.payloads([int(aids[r]) for r in chunk])
        for r in chunk:
            analysis = payloads.get(int(aids[r]))
            if analysis is not None:  # else not analysed (yet)
                yield index.meta(r), corrected_people(merged_people(index, r, analysis.people), overrides)


@dataclass
class CorpusPerson:
    """One person across the corpus."""

    key: str
    name: str
    gender: str = UNKNOWN
    gender_source: str = UNKNOWN
    articles: int = 0
    quoted_in: int = 0  # articles that quote them
    mentions: int = 0
    quotes: int = 0
    _genders: Counter[tuple[str, str]] = field(default_factory=Counter, repr=False)

    @property
    def quoted(self) -> bool:
        return self.quotes > 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "key": self.key,
            "gender": self.gender,
            "gender_source": self.gender_source,
            "quoted": self.quoted,
            "articles": self.articles,
            "quoted_in": self.quoted_in,
            "mentions": self.mentions,
            "quotes": self.quotes,
        }


def corpus_people(per_article: Iterable[tuple[Any, Sequence[Person]]]) -> list[CorpusPerson]:
    """People across articles, most quoted first. A person's gender is the user's label, else the
    gender most articles present from the text, else from the name, else unknown."""
    found: dict[str, CorpusPerson] = {}
    names: dict[str, Counter[str]] = {}
    for _meta, people in per_article:
        for p in people:
            cp = found.setdefault(p.key, CorpusPerson(p.key, p.name))
            names.setdefault(p.key, Counter())[p.name] += 1
            cp.articles += 1
            cp.quoted_in += int(p.quoted)
            cp.mentions += p.mentions
            cp.quotes += p.quotes
            cp._genders[(p.gender, p.gender_source)] += 1
    for key, cp in found.items():
        cp.name = names[key].most_common(1)[0][0]
        for source in ("user", "text", "name"):
            votes = [(n, g) for (g, s), n in cp._genders.items() if s == source and g != UNKNOWN]
            if votes:
                cp.gender, cp.gender_source = max(votes)[1], source
                break
    return sorted(found.values(), key=lambda p: (-p.quotes, -p.mentions, p.name))


def _month(date: str | None) -> str:
    if date and len(date) >= 7 and date[4] == "-" and date[:4].isdigit() and date[5:7].isdigit():
        return date[:7]
    return "(undated)"


@dataclass
class GenderCounts:
    """People quoted (sources) and people named, by gender label, one count per person per article."""

    sources: Counter[str] = field(default_factory=Counter)
    people: Counter[str] = field(default_factory=Counter)
    quotes: int = 0

    def add(self, people: Sequence[Person]) -> None:
        for p in people:
            self.people[p.gender] += 1
            if p.quoted:
                self.sources[p.gender] += 1
                self.quotes += p.quotes

    @staticmethod
    def share(counts: Counter[str], gender: str = "female") -> float | None:
        """The share of ``gender`` among all people counted (unknown included), None when none."""
        total = sum(counts.values())
        return counts[gender] / total if total else None

    def to_dict(self) -> dict[str, Any]:
        share_s, share_p = self.share(self.sources), self.share(self.people)
        return {
            "sources": dict(sorted(self.sources.items())),
            "people": dict(sorted(self.people.items())),
            "female_share_of_sources": None if share_s is None else round(share_s, 4),
            "female_share_of_people": None if share_p is None else round(share_p, 4),
            "quotes": self.quotes,
        }


@dataclass
class GenderBreakdown:
    overall: GenderCounts = field(default_factory=GenderCounts)
    by_outlet: dict[str, GenderCounts] = field(default_factory=dict)
    by_month: dict[str, GenderCounts] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.to_dict(),
            "by_outlet": {k: v.to_dict() for k, v in sorted(self.by_outlet.items())},
            "by_month": {k: v.to_dict() for k, v in sorted(self.by_month.items())},
        }


def gender_breakdown(per_article: Iterable[tuple[ArticleMeta, Sequence[Person]]]) -> GenderBreakdown:
    out = GenderBreakdown()
    for meta, people in per_article:
        out.overall.add(people)
        out.by_outlet.setdefault(meta.source or "(none)", GenderCounts()).add(people)
        out.by_month.setdefault(_month(meta.date), GenderCounts()).add(people)
    return out


class SpeakerGenders:
    """The gender of a quote's speaker as their article presents them, with its source and the
    user's corrections (for exports). Articles are read one at a time, in the order asked."""

    def __init__(self, ws: Workspace | None, overrides: PersonOverrides | None) -> None:
        self.ws = ws
        self.overrides = overrides
        self._article: str | None = None
        self._people: dict[str, Person] = {}

    def _people_of(self, article_id: str) -> dict[str, Person]:
        if article_id != self._article:
            self._article = article_id
            self._people = {}
            row = self.ws.index.row_of(article_id) if self.ws is not None else None
            if self.ws is not None and row is not None:
                merged = merged_people(self.ws.index, row, self.ws.analysis(article_id).people)
                people = corrected_people(merged, self.overrides)
                self._people = {p.key: p for p in people}
        return self._people

    def fields(self, article_id: str, speaker_key: str | None, corrected_speaker: str | None) -> dict[str, Any]:
        """``speaker_gender`` and ``speaker_gender_source`` (None for a speaker who is no person)."""
        from corpus.models import entity_key

        key = entity_key(corrected_speaker) if corrected_speaker else speaker_key
        if not key:
            return {"speaker_gender": None, "speaker_gender_source": None}
        resolved = self.overrides.resolve(key) if self.overrides is not None else key
        person = self._people_of(article_id).get(resolved)
        if person is not None:
            return {"speaker_gender": person.gender, "speaker_gender_source": person.gender_source}
        label = self.overrides.gender_of(key) if self.overrides is not None else None
        if label:
            return {"speaker_gender": label, "speaker_gender_source": "user"}
        return {"speaker_gender": None, "speaker_gender_source": None}


GENDER_MARKS = {"female": "♀", "male": "♂", UNKNOWN: "?"}


def gender_marks(people: Sequence[Person], overrides: PersonOverrides | None) -> dict[str, str]:
    """Entity key → the mark of the person's gender (♀, ♂, ? for unknown, ⚧ for a label the user
    typed), corrections applied; a person merged into another is marked as that one."""
    fixed = {p.key: p for p in corrected_people(people, overrides)}
    out = {}
    for p in people:
        key = overrides.resolve(p.key) if overrides is not None else p.key
        person = fixed.get(key, p)
        out[p.key] = GENDER_MARKS.get(person.gender, "⚧")
    return out


def corpus_gender_marks(
    ws: Workspace,
    people: Sequence[tuple[str, str]],
    overrides: PersonOverrides | None,
    *,
    sample: int = 8,
) -> dict[str, str]:
    """Person key → gender mark across the corpus for ``people`` ((key, name) pairs, as the
    corpus sidebar lists them), corrections applied: the user's label, else the gender most of
    their articles present (``corpus_people``), read from at most ``sample`` of the articles that
    mention or quote each one, so that marking a list costs a few hundred articles at most
    whatever the corpus's size. Keys no article shows as a person (an organisation that
    speaks) get no mark."""
    index = ws.index
    rows: set[int] = set()
    for _key, name in people:
        found = index.entity_rows(name)
        if len(found) == 0:
            found = index.filter(speaker=name)
        rows.update(int(r) for r in found[:sample])
    everyone = {p.key: p for p in corpus_people(iter_article_people(ws, sorted(rows), overrides))}
    marks: dict[str, str] = {}
    for key, _name in people:
        resolved = overrides.resolve(key) if overrides is not None else key
        label = overrides.gender_of(resolved) if overrides is not None else None
        person = everyone.get(resolved)
        if label:
            marks[key] = GENDER_MARKS.get(label, "⚧")
        elif person is not None:
            marks[key] = GENDER_MARKS.get(person.gender, "⚧")
    return marks


__all__ = [
    "CorpusPerson",
    "corpus_gender_marks",
    "GenderBreakdown",
    "GenderCounts",
    "SpeakerGenders",
    "corpus_people",
    "DashboardData",
    "corrected_people",
    "dashboard_data",
    "gender_breakdown",
    "iter_article_people",
    "gender_marks",
    "merged_people",
]


def sources_by_gender(ws: Workspace) -> dict[str, Any]:
    """What ``quotelens stats`` shows of people: counts and women's share among people quoted and
    among people named, overall, per outlet and per month (corrections applied)."""
    return gender_breakdown(iter_article_people(ws, overrides=ws.annotations.person_overrides())).to_dict()


def render_sources_by_gender(data: dict[str, Any], console: Any) -> None:
    """Rich tables of ``sources_by_gender`` (for ``quotelens stats``)."""
    from rich.columns import Columns
    from rich.table import Table
    from rich.text import Text

    def pct(value: float | None) -> str:
        return "—" if value is None else f"{100 * value:.1f}%"

    def table(title: str, rows: dict[str, Any], first: str) -> Table:
        t = Table(title=title, title_justify="left")
        t.add_column(first)
        for col in ("Sources", "Women", "Men", "Other", "Unknown", "Women %", "Named", "Women % named"):
            t.add_column(col, justify="right")
        for label, c in rows.items():
            s = c["sources"]
            other = sum(n for g, n in s.items() if g not in ("female", "male", "unknown"))
            t.add_row(
                Text(label),
                f"{sum(s.values()):,}",
                f"{s.get('female', 0):,}",
                f"{s.get('male', 0):,}",
                f"{other:,}",
                f"{s.get('unknown', 0):,}",
                pct(c["female_share_of_sources"]),
                f"{sum(c['people'].values()):,}",
                pct(c["female_share_of_people"]),
            )
        return t

    console.print(table("Sources by gender (people quoted, one count per article)", {"All": data["overall"]}, ""))
    console.print(
        Columns([table("By outlet", data["by_outlet"], "Outlet"), table("By month", data["by_month"], "Month")])
    )


@dataclass
class DashboardData:
    """What the dashboard draws, for the articles of the active filter."""

    n_articles: int = 0
    months: list[str] = field(default_factory=list)
    women_share_by_month: list[float] = field(default_factory=list)  # percent; 0 where no sources
    quotes_by_month: list[int] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    women_share_by_outlet: list[float] = field(default_factory=list)
    overall: GenderCounts = field(default_factory=GenderCounts)
    top_women: list[CorpusPerson] = field(default_factory=list)
    top_men: list[CorpusPerson] = field(default_factory=list)
    unknowns: list[CorpusPerson] = field(default_factory=list)  # gender unknown, most quoted first
    people: list[CorpusPerson] = field(default_factory=list)  # everyone named, most quoted first


def dashboard_data(
    ws: Workspace,
    rows: Sequence[int] | np.ndarray | None = None,
    overrides: PersonOverrides | None = None,
    *,
    top: int = 10,
    max_outlets: int = 12,
) -> DashboardData:
    """Sources by gender for ``rows`` (default all articles), with the user's corrections."""
    per_article = list(iter_article_people(ws, rows, overrides=overrides))
    breakdown = gender_breakdown(per_article)
    quotes_by_month: Counter[str] = Counter()
    for meta, _people in per_article:
        quotes_by_month[_month(meta.date)] += meta.n_quotes
    months = sorted(m for m in breakdown.by_month if m != "(undated)")
    outlets = sorted(breakdown.by_outlet, key=lambda o: -sum(breakdown.by_outlet[o].sources.values()))[:max_outlets]

    def pct(c: GenderCounts) -> float:
        share = GenderCounts.share(c.sources)
        return round(100 * share, 1) if share is not None else 0.0

    everyone = corpus_people(per_article)
    people = [p for p in everyone if p.quoted]
    return DashboardData(
        n_articles=len(per_article),
        months=months,
        women_share_by_month=[pct(breakdown.by_month[m]) for m in months],
        quotes_by_month=[quotes_by_month[m] for m in months],
        outlets=outlets,
        women_share_by_outlet=[pct(breakdown.by_outlet[o]) for o in outlets],
        overall=breakdown.overall,
        top_women=[p for p in people if p.gender == "female"][:top],
        top_men=[p for p in people if p.gender == "male"][:top],
        unknowns=[p for p in people if p.gender == UNKNOWN],
        people=everyone,
    )
