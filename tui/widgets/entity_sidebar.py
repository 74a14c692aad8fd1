"""The entity sidebar: who and what the article (or the corpus) mentions.

Article scope lists the current article's entities grouped by label with
mention counts; corpus scope lists the top speakers and entities across the
corpus. Enter on one filters the article list and the quote viewer to it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.markup import escape
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from corpus.models import Entity
from tui.widgets.steady import SteadyScrolling
from tui.wording import LABEL_NAMES

if TYPE_CHECKING:
    from store.index import EntityStat
    from tui.filters import FilteredStats

# Labels worth a reader's attention first; the rest follow alphabetically.
LABEL_ORDER = ("PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT", "PRODUCT", "FAC", "LAW", "WORK_OF_ART")
# Numbers and dates are entities to spaCy but not something to filter a corpus by.
HIDDEN_LABELS = {"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY", "DATE", "TIME"}
CORPUS_TOP = 60


class EntitySidebar(OptionList, SteadyScrolling):
    """Entities and speakers to filter by."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="sidebar_down"),
        Binding("k", "cursor_up", "Up", show=False, id="sidebar_up"),
        Binding("g", "first", "First", show=False, id="sidebar_first"),
        Binding("G", "last", "Last", show=False, id="sidebar_last"),
        Binding("enter", "select", "Filter", id="sidebar_filter"),  # shown in the footer when focused
    ]
    # A fixed height and an ever-present scrollbar: a sidebar that took the height of its rows
    # would re-lay out the whole screen each time an article changes them.
    DEFAULT_CSS = """
    EntitySidebar { height: 1fr; max-height: 100%; scrollbar-size-vertical: 1; overflow-y: scroll; }
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
        self._names: dict[str, tuple[str, str, str]] = {}
        self._corpus_stats: FilteredStats | None = None  # what the corpus lists show

    # --- content -----------------------------------------------------------------------
    def show_article(
        self,
        entities: Iterable[Entity],
        speakers: Iterable[tuple[str, str]] = (),
        empty: str = "No named entities in this article.",
        genders: dict[str, str] | None = None,
    ) -> None:
        """The article's entities by label; ``speakers``: (key, name) of its quotes' speakers;
        ``empty``: what to say when there are none (no article at all is not "no entities");
        ``genders``: person key → gender mark shown after the name (``store.people.gender_marks``)."""
        marks = genders or {}
        self.scope = "article"
        self.border_title = "Entities · article"
        self.border_subtitle = "q quotes · n mentions"
        # One row per entity: a key tagged with two labels (Labour as ORG and NORP) goes
        # under the label most of its mentions carry, with all its mentions counted.
        labels: dict[str, Counter[str]] = defaultdict(Counter)
        names: dict[str, str] = {}
        for entity in entities:
            if entity.label in HIDDEN_LABELS:
                continue
            labels[entity.key][entity.label] += 1
            names.setdefault(entity.key, entity.name)
        by_label: dict[str, Counter[str]] = defaultdict(Counter)
        for key, counts in labels.items():
            by_label[counts.most_common(1)[0][0]][key] = sum(counts.values())
        spoken = Counter(key for key, _ in speakers if key)
        speaker_names = {key: name for key, name in speakers if key}
        options: list[Option | None] = []
        self._names = {}
        if spoken:
            options.append(self._heading("Speakers"))
            for key, count in spoken.most_common():
                options.append(self._option("speaker", key, speaker_names[key], f"{count}q", marks.get(key, "")))
        for label in self._ordered(by_label):
            options.append(self._heading(LABEL_NAMES.get(label, label.title())))
            for key, count in by_label[label].most_common():
                mark = marks.get(key, "") if label == "PERSON" else ""
                options.append(self._option("entity", key, names[key], str(count), mark))
        self._replace(options, empty)

    def show_corpus(self, stats: FilteredStats, genders: dict[str, str] | None = None) -> None:
        """The corpus's top speakers (by quotes) and entities (by the articles that mention
        them: the number shown is the one they are ordered by); ``genders``: person key → gender
        mark, which come later than the lists (``mark_corpus_genders``)."""
        marks = genders or {}
        keep_place = stats is self._corpus_stats and self.scope == "corpus"
        self.scope = "corpus"
        self._corpus_stats = stats
        self.border_title = "Entities · corpus"
        self.border_subtitle = "q quotes · n articles"
        options: list[Option | None] = []
        self._names = {}
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
            self.border_title = title

    @staticmethod
    def _ordered(groups: dict[str, Any]) -> list[str]:
        known = [label for label in LABEL_ORDER if label in groups]
        return known + sorted(label for label in groups if label not in LABEL_ORDER)

    def _heading(self, title: str) -> Option:
        return Option(f"[b $text-primary]{escape(title)}[/]", disabled=True)

    def _option(self, kind: str, key: str, name: str, count: str, mark: str = "") -> Option:
        option_id = f"{kind}:{key}"
        self._names[option_id] = (kind, key, name)
        # Count first, name cut to one line: the list stays scannable in a narrow column.
        room = max(8, (self.scrollable_content_region.width or 28) - 7 - (2 if mark else 0))
        shown = name if len(name) <= room else name[: room - 1] + "…"
        suffix = f" [dim]{mark}[/]" if mark else ""  # the person's gender (♀ ♂ ?), as the article presents it
        return Option(f"[dim]{count:>5}[/] {escape(shown)}{suffix}", id=option_id)

    def _replace(self, options: list[Option | None], empty: str, keep_place: bool = False) -> None:
        seen: set[str] = set()
        unique = []
        for option in options:  # OptionList refuses duplicate ids; the first one wins
            if option is not None and option.id is not None:
                if option.id in seen:
                    continue
                seen.add(option.id)
            unique.append(option)
        options = unique
        highlighted, scrolled = self.highlighted, self.scroll_y
        self.clear_options()
        if not options:
            options = [Option(f"[dim i]{escape(empty)}[/]", disabled=True)]
        self.add_options(options)
        if keep_place and highlighted is not None and highlighted < len(options):
            self.highlighted = highlighted  # the same lists, marks added: stay where the reader is
            self.scroll_to(y=scrolled, animate=False, immediate=True)
            return
        first = next((i for i, o in enumerate(options) if o is not None and not o.disabled), None)
        self.highlighted = first

    # --- choosing -------------------------------------------------------------------------
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = self._names.get(event.option.id or "")
        if chosen:
            self.post_message(self.Chosen(*chosen))
