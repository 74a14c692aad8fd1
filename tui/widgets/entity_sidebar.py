"""The entity sidebar: who and what the article (or the corpus) mentions.

Article scope lists the current article's entities grouped by label with
mention counts; corpus scope lists the top speakers and entities across the
corpus. Enter (or a click) on one filters the article list and the quote viewer to it.

It is a ``VirtualList``: a row is a small value (``SidebarRow``) drawn only when
it is on screen, and a new article repaints only the lines whose row changed
(an ``OptionList`` re-rendered and re-measured every option on every article).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Span, Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message

from corpus.models import Entity, Person
from tui.widgets.steady import retitle
from tui.widgets.virtual_list import VirtualList
from tui.wording import LABEL_NAMES

if TYPE_CHECKING:
    from store.index import EntityStat
    from tui.filters import FilteredStats

# Labels worth a reader's attention first; the rest follow alphabetically.
LABEL_ORDER = ("PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT", "PRODUCT", "FAC", "LAW", "WORK_OF_ART")
# Numbers and dates are entities to spaCy but not something to filter a corpus by.
HIDDEN_LABELS = {"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY", "DATE", "TIME"}
CORPUS_TOP = 60
DIM = Style(dim=True)  # the counts and gender marks, quieter than the names


@dataclass(frozen=True, slots=True)
class SidebarRow:
    """One line of the sidebar: a heading (``kind`` "heading"), what to say when there is
    nothing ("empty"), or a speaker or entity to filter by, with its count and the
    person's gender mark (♀ ♂ ?, as the article presents them)."""

    kind: str
    key: str = ""
    name: str = ""
    count: str = ""
    mark: str = ""

    @property
    def id(self) -> str | None:
        return f"{self.kind}:{self.key}" if self.kind in ("speaker", "entity") else None

    @property
    def disabled(self) -> bool:
        """Headings and the empty line cannot be chosen (the cursor skips them)."""
        return self.id is None

    @property
    def prompt(self) -> str:
        """The row as plain text."""
        if self.disabled:
            return self.name
        return f"{self.count:>5} {self.name}" + (f" {self.mark}" if self.mark else "")


class EntitySidebar(VirtualList):
    """Entities and speakers to filter by."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="sidebar_down"),
        Binding("k", "cursor_up", "Up", show=False, id="sidebar_up"),
        Binding("g", "first", "First", show=False, id="sidebar_first"),
        Binding("G", "last", "Last", show=False, id="sidebar_last"),
        Binding("enter", "select", "Filter", id="sidebar_filter"),  # shown in the footer when focused
    ]  # and the list's own keys for the rest (arrows, home/end, page up/down)
    COMPONENT_CLASSES = VirtualList.COMPONENT_CLASSES | {"entity-sidebar--heading"}
    # A fixed height and an ever-present scrollbar (VirtualList's): a sidebar that took the
    # height of its rows would re-lay out the whole screen each time an article changes them.
    DEFAULT_CSS = """
    EntitySidebar { height: 1fr; max-height: 100%; padding: 0 1; }
    EntitySidebar:focus { background-tint: $foreground 5%; }
    EntitySidebar > .entity-sidebar--heading { color: $text-primary; text-style: bold; }
    """

    class Chosen(Message):
        """An entity (``kind="entity"``) or speaker (``kind="speaker"``) was chosen."""

        def __init__(self, kind: str, key: str, name: str) -> None:
            super().__init__()
            self.kind = kind
            self.key = key
            self.name = name

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scope = "article"
        self._rows: list[SidebarRow] = []
        self._corpus_stats: FilteredStats | None = None  # what the corpus lists show
        self._built: list[tuple[tuple[Any, ...], list[SidebarRow]]] = []  # (arguments, rows): ``_built_rows``

    # --- content -----------------------------------------------------------------------
    def show_article(
        self,
        entities: Iterable[Entity],
        speakers: Iterable[tuple[str, str]] = (),
        empty: str = "No named entities in this article.",
        genders: dict[str, str] | None = None,
        people: Iterable[Person] | None = None,
    ) -> None:
        """The article's entities by label; ``speakers``: (key, name) of its quotes' speakers;
        ``empty``: what to say when there are none (no article at all is not "no entities");
        ``genders``: person key → gender mark shown after the name (``store.people.gender_marks``);
        ``people``: the article's people (``Analysis.people``), listed under People in place of the
        entities the NER labelled PERSON: each person once, under the full name the article gives
        ("Tony Blair", not "Blair" beside it), and no party or slogan the NER took for a person."""
        self.scope = "article"
        retitle(self, "Entities · article", "q quotes · n mentions")
        self._replace(self._built_rows(entities, speakers, genders, people), empty)

    def prepare_article(
        self,
        entities: Iterable[Entity],
        speakers: Iterable[tuple[str, str]] = (),
        genders: dict[str, str] | None = None,
        people: Iterable[Person] | None = None,
    ) -> int:
        """Paint ahead, in idle time, the rows ``show_article`` with these arguments will show on
        screen (the next article's): that key then finds them painted. Returns how many were."""
        rows = self._built_rows(entities, speakers, genders, people)
        if not rows:
            return 0
        first = next((i for i, row in enumerate(rows) if not row.disabled), 0)
        shown = rows[: self._visible_rows]
        return self.prepare_rows(((row, partial(self._row_text, row)) for row in shown), cursor_key=rows[first])

    # Rows built for an article are kept for the few articles the screen prepares and shows in
    # turn (the next one's, the previous one's, the one shown): the rows a neighbour's panes were
    # prepared with are the ones its showing finds, not built a second time.
    BUILT_KEPT = 4

    def _built_rows(
        self,
        entities: Iterable[Entity],
        speakers: Iterable[tuple[str, str]],
        genders: dict[str, str] | None,
        people: Iterable[Person] | None,
    ) -> list[SidebarRow]:
        """The article's rows, one per speaker or entity (``_article_rows``, made unique), built
        once for the same arguments: the same entities (an analysis's list, by identity), and
        speakers, gender marks and people equal to those they were built with."""
        speakers, people = list(speakers), (list(people) if people is not None else None)
        for i, (args, rows) in enumerate(self._built):
            built_entities, built_speakers, built_genders, built_people = args
            if built_entities is entities and (built_speakers, built_genders, built_people) == (
                speakers,
                genders,
                people,
            ):
                self._built.append(self._built.pop(i))  # the most recently used last
                return rows
        rows = self._unique(self._article_rows(entities, speakers, genders, people))
        self._built.append(((entities, speakers, dict(genders) if genders is not None else None, people), rows))
        del self._built[: -self.BUILT_KEPT]
        return rows

    def _article_rows(
        self,
        entities: Iterable[Entity],
        speakers: Iterable[tuple[str, str]],
        genders: dict[str, str] | None,
        people: Iterable[Person] | None,
    ) -> list[SidebarRow]:
        marks = genders or {}
        # One row per entity: a key tagged with two labels (Labour as ORG and NORP) goes
        # under the label most of its mentions carry, with all its mentions counted.
        labels: dict[str, Counter[str]] = defaultdict(Counter)
        names: dict[str, str] = {}
        persons = list(people) if people is not None else None
        for entity in entities:
            if entity.label in HIDDEN_LABELS or (persons is not None and entity.label == "PERSON"):
                continue
            labels[entity.key][entity.label] += 1
            names.setdefault(entity.key, entity.name)
        by_label: dict[str, Counter[str]] = defaultdict(Counter)
        for key, counts in labels.items():
            by_label[counts.most_common(1)[0][0]][key] = sum(counts.values())
        for person in persons or ():
            if person.key and person.mentions > 0:
                by_label["PERSON"][person.key] = person.mentions
                names[person.key] = person.name
        spoken = Counter(key for key, _ in speakers if key)
        speaker_names = {key: name for key, name in speakers if key}
        options: list[SidebarRow] = []
        if spoken:
            options.append(self._heading("Speakers"))
            for key, count in spoken.most_common():
                options.append(self._option("speaker", key, speaker_names[key], f"{count}q", marks.get(key, "")))
        for label in self._ordered(by_label):
            options.append(self._heading(LABEL_NAMES.get(label, label.title())))
            for key, count in by_label[label].most_common():
                mark = marks.get(key, "") if label == "PERSON" else ""
                options.append(self._option("entity", key, names[key], str(count), mark))
        return options

    def show_corpus(self, stats: FilteredStats, genders: dict[str, str] | None = None) -> None:
        """The corpus's top speakers (by quotes) and entities (by the articles that mention
        them: the number shown is the one they are ordered by); ``genders``: person key → gender
        mark, which come later than the lists (``mark_corpus_genders``)."""
        marks = genders or {}
        keep_place = stats is self._corpus_stats and self.scope == "corpus"
        self.scope = "corpus"
        self._corpus_stats = stats
        retitle(self, "Entities · corpus", "q quotes · n articles")
        options: list[SidebarRow] = []
        speakers = stats.speakers(top=CORPUS_TOP)
        if speakers:
            options.append(self._heading("Top speakers"))
            for speaker in speakers:
                mark = marks.get(speaker.key, "")
                options.append(self._option("speaker", speaker.key, speaker.name, f"{speaker.n_quotes}q", mark))
        by_label: dict[str, list[EntityStat]] = defaultdict(list)
        for entity in stats.entities(top=CORPUS_TOP * 4):
            if entity.label not in HIDDEN_LABELS:
                by_label[entity.label].append(entity)
        for label in self._ordered(by_label):
            options.append(self._heading(LABEL_NAMES.get(label, label.title())))
            for entity in by_label[label][:CORPUS_TOP]:
                mark = marks.get(entity.key, "") if label == "PERSON" else ""
                options.append(self._option("entity", entity.key, entity.name, str(entity.n_articles), mark))
        self._replace(options, "The corpus has no named entities yet.", keep_place=keep_place)

    def corpus_people(self) -> list[tuple[str, str]]:
        """(key, name) of the speakers and people the corpus lists show: whose gender to mark."""
        stats = self._corpus_stats
        if stats is None or self.scope != "corpus":
            return []
        shown = [(s.key, s.name) for s in stats.speakers(top=CORPUS_TOP)]
        people = [e for e in stats.entities(top=CORPUS_TOP * 4) if e.label == "PERSON"][:CORPUS_TOP]
        shown += [(e.key, e.name) for e in people]
        return list(dict.fromkeys(shown))

    def mark_corpus_genders(self, genders: dict[str, str]) -> None:
        """Redraw the corpus lists with each person's gender mark, the highlight where it was."""
        if self.scope == "corpus" and self._corpus_stats is not None:
            title = self.border_title  # "Entities · filter" stays
            self.show_corpus(self._corpus_stats, genders)
            retitle(self, str(title))

    @staticmethod
    def _ordered(groups: dict[str, Any]) -> list[str]:
        known = [label for label in LABEL_ORDER if label in groups]
        return known + sorted(label for label in groups if label not in LABEL_ORDER)

    @staticmethod
    def _heading(title: str) -> SidebarRow:
        return SidebarRow("heading", name=title)

    @staticmethod
    def _option(kind: str, key: str, name: str, count: str, mark: str = "") -> SidebarRow:
        return SidebarRow(kind, key, name, count, mark)

    @staticmethod
    def _unique(options: list[SidebarRow]) -> list[SidebarRow]:
        """One row per speaker or entity: the first one wins."""
        seen: set[str] = set()
        rows = []
        for option in options:
            if option.id is not None:
                if option.id in seen:
                    continue
                seen.add(option.id)
            rows.append(option)
        return rows

    def _replace(self, options: list[SidebarRow], empty: str, keep_place: bool = False) -> None:
        rows = self._unique(options)
        if not rows:
            rows = [SidebarRow("empty", name=empty)]
        before, self._rows = self._rows, rows
        if keep_place and len(before) == len(rows):
            # the same lists, marks added: the cursor and the scroll stay where the reader is
            self._row_strips.clear()  # rows painted before the marks came are kept by index
            self._refresh_changed(before, rows)
            return
        first = next((i for i, row in enumerate(rows) if not row.disabled), 0)
        if self.scroll_y:
            self.scroll_to(y=0, animate=False, immediate=True)  # a new list starts at its top
        self._refresh_changed(before, rows)
        self.set_row_count(len(rows), cursor=first, announce=False, repaint=False)

    def _refresh_changed(self, before: list[SidebarRow], after: list[SidebarRow]) -> None:
        """Mark the lines whose row changed (an article's next one often shares the headings,
        and the blank lines below both lists stay blank)."""
        top = int(self.scroll_y)
        height = self._visible_rows
        changed = [
            y
            for y in range(min(height, max(len(before), len(after)) - top))
            if y + top >= len(before) or y + top >= len(after) or before[y + top] != after[y + top]
        ]
        width = self.size.width
        regions: list[Region] = []
        for y in changed:
            if regions and regions[-1].bottom == y:
                last = regions.pop()
                regions.append(Region(0, last.y, width, last.height + 1))
            else:
                regions.append(Region(0, y, width, 1))
        if regions:
            self.refresh(*regions)

    # --- an OptionList's reading of it (the screen and tests ask for these) ------------------------
    @property
    def option_count(self) -> int:
        return len(self._rows)

    def get_option_at_index(self, index: int) -> SidebarRow:
        return self._rows[index]

    @property
    def highlighted(self) -> int | None:
        """The row under the cursor, None when there is nothing to choose."""
        if not self._rows or self._rows[self.cursor].disabled:
            return None
        return self.cursor

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            self.move_cursor(index)

    @property
    def highlighted_option(self) -> SidebarRow | None:
        index = self.highlighted
        return None if index is None else self._rows[index]

    # --- painting ---------------------------------------------------------------------------
    def row_key(self, index: int) -> SidebarRow:
        return self._rows[index]

    def render_row(self, index: int, width: int) -> Text:
        return self._row_text(self._rows[index], width)

    def _row_text(self, row: SidebarRow, width: int) -> Text:
        if row.disabled:  # (a style given as a span: the list paints spans, not a Text's own style)
            style = "entity-sidebar--heading" if row.kind == "heading" else "virtual-list--empty"
            return Text(row.name, spans=[Span(0, len(row.name), self.component_style(style))])
        return self._entry(row, width)

    def _entry(self, row: SidebarRow, width: int) -> Text:
        """A speaker or entity: its count, its name cut to one line, and the person's gender mark."""
        dim = DIM
        mark = f" {row.mark}" if row.mark else ""
        room = max(8, width - 6 - len(mark))  # count first: the list stays scannable in a narrow column
        name = row.name if len(row.name) <= room else row.name[: room - 1] + "…"
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{row.count:>5}", dim)
        text.append(f" {name}")
        if mark:
            text.append(mark, dim)
        return text

    # --- moving and choosing ------------------------------------------------------------------
    def _next_enabled(self, start: int, step: int, wrap: bool = True) -> int | None:
        """The first row that can be chosen from ``start`` (included) in direction ``step``."""
        n = len(self._rows)
        for i in range(n):
            index = start + step * i
            if wrap:
                index %= n
            elif not 0 <= index < n:
                return None
            if not self._rows[index].disabled:
                return index
        return None

    def _go(self, index: int | None) -> None:
        if index is not None:
            self.move_cursor(index)

    def action_cursor_down(self) -> None:
        # wraps round at the end, as the OptionList did
        self._go(self._next_enabled(self.cursor + 1, 1) if self._rows else None)

    def action_cursor_up(self) -> None:
        self._go(self._next_enabled(self.cursor - 1, -1) if self._rows else None)

    def action_first(self) -> None:
        self._go(self._next_enabled(0, 1, wrap=False))

    def action_last(self) -> None:
        self._go(self._next_enabled(len(self._rows) - 1, -1, wrap=False))

    def action_cursor_first(self) -> None:  # home
        self.action_first()

    def action_cursor_last(self) -> None:  # end
        self.action_last()

    def action_page_down(self) -> None:
        target = min(len(self._rows) - 1, self.cursor + self._visible_rows)
        self._go(self._next_enabled(target, -1, wrap=False) if self._rows else None)

    def action_page_up(self) -> None:
        target = max(0, self.cursor - self._visible_rows)
        self._go(self._next_enabled(target, 1, wrap=False) if self._rows else None)

    def action_select(self) -> None:
        row = self.highlighted_option
        if row is not None:
            self.post_message(self.Chosen(row.kind, row.key, row.name))

    def on_click(self, event: events.Click) -> None:
        """A click on a speaker or entity chooses it (one click, as in the OptionList)."""
        event.stop()
        event.prevent_default()  # not the list's own click (a move, and Selected on a double click)
        index = self.row_under(event)
        if index is None or self._rows[index].disabled:
            return
        self.focus()
        self.move_cursor(index)
        self.action_select()
