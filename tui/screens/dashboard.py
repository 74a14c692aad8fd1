"""The sources dashboard (``d``): who is quoted, and how often they are women.

Charts (textual-plotext) of the women's share among sources by month and by outlet and of the
quotes per month; tables of the most quoted women and men and the unknowns queue (people quoted
whose gender is unknown, most quoted first). It covers the articles of the main screen's active
filter. The figures are computed in a thread worker (``store.people.dashboard_data``) and posted
back; a correction made here (``f``/``m``/``g`` sets the focused person's gender, ``M`` merges
them into another person, ``u`` undoes) is saved in a worker too, and the dashboard recomputes when it is saved.
A correction another process writes (``quotelens person CORPUS NAME --gender …``) is noticed by
polling the store once a second (``POLL_SECONDS``) and shown the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual_plotext import PlotextPlot

from tui.widgets.steady_footer import SteadyFooter
from tui.wording import plural

# How often the dashboard looks whether another process corrected someone (a stat and a few
# bytes of the store's files).
POLL_SECONDS = 1.0

if TYPE_CHECKING:
    from store.annotations import AnnotationStore, Change, PersonOverrides
    from store.people import CorpusPerson, DashboardData
    from store.workspace import Workspace


class DashboardReady(Message):
    """The dashboard's figures, computed off the UI thread."""

    def __init__(self, data: DashboardData, generation: int) -> None:
        super().__init__()
        self.data = data
        self.generation = generation


class CorrectionsChanged(Message):
    """Another writer (the CLI, a second window) changed the people corrections in the store."""


class CorrectionSaved(Message):
    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label


@dataclass(frozen=True)
class DashboardScope:
    """The articles the dashboard covers and how the filter reads ("all articles", "tag: policy")."""

    rows: np.ndarray | None
    label: str = "all articles"


class DashboardScreen(Screen[bool]):
    """Dismissed with True when the user corrected someone here (the main screen redraws)."""

    BINDINGS = [
        Binding("escape,q", "close", "Back", id="dashboard_close"),
        Binding("f", "set_gender('female')", "Female", id="dashboard_female"),
        Binding("m", "set_gender('male')", "Male", id="dashboard_male"),
        Binding("g", "type_gender", "Gender…", id="dashboard_gender"),
        Binding("M", "merge", "Merge into…", id="dashboard_merge"),
        Binding("u", "undo", "Undo", id="dashboard_undo"),
    ]
    DEFAULT_CSS = """
    DashboardScreen #summary { height: 1; padding: 0 1; color: $text-muted; }
    DashboardScreen #charts { grid-size: 3 1; height: 1fr; min-height: 8; }
    DashboardScreen PlotextPlot { height: 1fr; min-height: 6; }
    DashboardScreen #tables { height: 1fr; min-height: 6; }
    DashboardScreen DataTable { width: 1fr; height: 1fr; border: round $primary-darken-2; }
    DashboardScreen DataTable:focus { border: round $accent; }
    """
    AUTO_FOCUS = "#unknowns"

    def __init__(
        self, workspace: Workspace, scope: DashboardScope | None = None, store: AnnotationStore | None = None
    ) -> None:
        """``store``: the annotation store the app writes with (default the workspace's)."""
        super().__init__()
        self.ws = workspace
        self.store = store if store is not None else workspace.annotations
        self.scope = scope or DashboardScope(None)
        self.data: DashboardData | None = None
        self.generation = 0
        self.computing = True  # a computation is under way (tests wait on it)
        self.corrected = False
        self._overrides: PersonOverrides | None = None  # the corrections the figures were computed with

    def compose(self) -> ComposeResult:
        yield Header(icon="❝")
        yield Static("Counting sources…", id="summary")
        with Grid(id="charts"):
            yield PlotextPlot(id="share-month")
            yield PlotextPlot(id="share-outlet")
            yield PlotextPlot(id="quotes-month")
        with Horizontal(id="tables"):
            yield DataTable(id="women", cursor_type="row", zebra_stripes=True)
            yield DataTable(id="men", cursor_type="row", zebra_stripes=True)
            with Vertical():
                yield DataTable(id="unknowns", cursor_type="row", zebra_stripes=True)
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.title = "quotelens · sources dashboard"
        self.sub_title = self.scope.label
        for table_id, title in (
            ("women", "Most quoted women"),
            ("men", "Most quoted men"),
            ("unknowns", "Unknowns queue"),
        ):
            table = self.query_one(f"#{table_id}", DataTable)
            table.border_title = title
            table.add_columns("Quotes", "Person", "Articles")
        self.refresh_data()
        self.set_interval(POLL_SECONDS, self._poll_store, name="store changes")

    # --- data (worker) ---------------------------------------------------------------------
    def refresh_data(self) -> None:
        self.generation += 1
        self.computing = True
        self._compute(self.generation)

    @work(thread=True, exclusive=True, group="dashboard")
    def _compute(self, generation: int) -> None:
        from store.annotations import StoreError
        from store.people import dashboard_data

        try:
            overrides = self.store.person_overrides()
        except StoreError as exc:  # a broken store: the figures as inferred, and say so
            self.app.call_from_thread(self.notify, f"Corrections not read: {exc}", severity="error")
            overrides = None
        self._overrides = overrides
        data = dashboard_data(self.ws, self.scope.rows, overrides)
        self.post_message(DashboardReady(data, generation))

    # --- corrections another writer makes ---------------------------------------------------
    def _poll_store(self) -> None:
        if not self.computing:
            self._check_store()

    @work(thread=True, exclusive=True, group="dashboard-poll")
    def _check_store(self) -> None:
        """The store notices another process's writes cheaply (the snapshot's head, the journal's
        size) and keeps its parsed corrections until then: the figures are recomputed only when
        the people corrections themselves changed, not for a tag or a note."""
        from store.annotations import StoreError

        try:
            overrides = self.store.person_overrides()
        except StoreError:
            return  # said when the figures were computed; the figures stay
        if self._overrides is not None and overrides != self._overrides:
            self.post_message(CorrectionsChanged())

    @on(CorrectionsChanged)
    def _changed_elsewhere(self) -> None:
        if not self.computing:
            self.notify("Corrections made elsewhere: figures updated")
            self.refresh_data()

    @on(DashboardReady)
    def _show(self, message: DashboardReady) -> None:
        if message.generation != self.generation:
            return  # a newer computation is under way
        self.data = data = message.data
        overall = data.overall
        n_sources = sum(overall.sources.values())
        share = overall.share(overall.sources)
        women, men, unknown = (overall.sources.get(g, 0) for g in ("female", "male", "unknown"))
        other = n_sources - women - men - unknown  # the labels users typed ("non-binary", …)
        self.query_one("#summary", Static).update(
            # plain text: the scope names the user's filter ("text: [draft]" is no markup)
            Content(
                f"{self.scope.label}: {plural(data.n_articles, 'article')}, {plural(n_sources, 'source')} "
                f"({women:,} women, {men:,} men, "
                + (f"{other:,} other, " if other else "")
                + f"{unknown:,} unknown) · women "
                + ("—" if share is None else f"{100 * share:.1f}%")
                + " of sources"
            )
        )
        self._draw_charts()
        self._fill("#women", data.top_women)
        self._fill("#men", data.top_men)
        self._fill("#unknowns", data.unknowns)
        self.computing = False

    def _draw_charts(self) -> None:
        data = self.data
        if data is None:
            return
        wide = self.size.width >= 120  # the long titles do not fit a third of 80 columns
        self._bar(
            "#share-month",
            data.months,
            data.women_share_by_month,
            "Women % of sources · month" if wide else "Women % · month",
            empty="no dates",
        )
        self._bar(
            "#share-outlet",
            data.outlets,
            data.women_share_by_outlet,
            "Women % of sources · outlet" if wide else "Women % · outlet",
        )
        self._bar(
            "#quotes-month", data.months, [float(n) for n in data.quotes_by_month], "Quotes · month", empty="no dates"
        )

    def on_resize(self) -> None:
        self._draw_charts()

    def _bar(self, selector: str, labels: list[str], values: list[float], title: str, empty: str = "") -> None:
        """A bar chart; with nothing to draw its title says why (``empty``: "no dates" in a corpus of
        bare .txt files), not an empty frame."""
        plot = self.query_one(selector, PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(f"{title}: {empty}" if empty and not labels else title)
        if labels:
            # outlets' names are long: the first word is enough under a bar
            plt.bar([label.split()[0][:10] for label in labels], values)
            if "%" in title:
                plt.ylim(0, 100)
        plot.refresh()

    def _fill(self, selector: str, people: list[CorpusPerson]) -> None:
        table = self.query_one(selector, DataTable)
        row = table.cursor_row
        table.clear()
        for p in people:
            table.add_row(f"{p.quotes:,}", p.name, f"{p.articles:,}", key=p.key)
        if people:
            table.move_cursor(row=min(row, len(people) - 1))

    # --- corrections -----------------------------------------------------------------------
    def _focused_person(self) -> CorpusPerson | None:
        if self.data is None:
            return None
        focused = self.focused
        tables = {"women": self.data.top_women, "men": self.data.top_men, "unknowns": self.data.unknowns}
        if not isinstance(focused, DataTable) or focused.id not in tables:
            return None
        people = tables[focused.id]
        return people[focused.cursor_row] if 0 <= focused.cursor_row < len(people) else None

    def action_set_gender(self, label: str) -> None:
        person = self._focused_person()
        if person is None:
            self.notify("Pick a person in a table first.", severity="warning")
            return
        self._save(lambda store: store.set_person_gender(person.key, label, name=person.name))

    def action_type_gender(self) -> None:
        """Any label the user types ("non-binary" counts as its own category); empty clears."""
        from tui.screens.prompt import PromptScreen

        person = self._focused_person()
        if person is None:
            self.notify("Pick a person in a table first.", severity="warning")
            return

        def chosen(label: str | None) -> None:
            if label is not None:
                self._save(lambda store: store.set_person_gender(person.key, label.strip() or None, name=person.name))

        prompt = PromptScreen(
            f"Gender of {person.name}",
            "" if person.gender_source != "user" else person.gender,
            suggestions=["female", "male", "non-binary"],
            hint="as the articles present them · empty clears your correction · ",
        )
        self.app.push_screen(prompt, chosen)

    def action_merge(self) -> None:
        """Count the focused person as another one from now on ("Goodale" into "Ralph Goodale")."""
        from tui.screens.prompt import PromptScreen

        person = self._focused_person()
        if person is None or self.data is None:
            self.notify("Pick a person in a table first.", severity="warning")
            return
        others = {p.name: p.key for p in self.data.people if p.key != person.key}

        def chosen(name: str | None) -> None:
            target = others.get(name or "")
            if name and target is None:
                self.notify(f"No person {name!r} here.", severity="warning")
            elif target is not None:
                self._save(
                    lambda store: store.merge_person(person.key, target, source_name=person.name, target_name=name)
                )

        prompt = PromptScreen(f"Merge {person.name} into…", suggestions=sorted(others), choose_only=True)
        self.app.push_screen(prompt, chosen)

    def action_undo(self) -> None:
        self._save(lambda store: store.undo())  # this session's latest change, as u on the main screen

    @work(thread=True, group="dashboard-save")
    def _save(self, change_of: Callable[[AnnotationStore], Change | None]) -> None:
        from store.annotations import StoreError

        self._overrides = None  # this change is ours: the poll is not to announce it as another's
        try:
            change = change_of(self.store)
        except (StoreError, ValueError) as exc:
            self.app.call_from_thread(self.notify, f"Not saved: {exc}", severity="error")
            return
        self.post_message(CorrectionSaved(change.label if change is not None else "Nothing to undo"))

    @on(CorrectionSaved)
    def _saved(self, message: CorrectionSaved) -> None:
        self.corrected = True
        self.notify(message.label)
        self.refresh_data()

    def action_close(self) -> None:
        self.dismiss(self.corrected)

    def on_screen_resume(self) -> None:
        if self.data is not None:
            self.refresh_data()  # corrections made elsewhere meanwhile


__all__ = ["CorrectionSaved", "CorrectionsChanged", "DashboardReady", "DashboardScope", "DashboardScreen"]
