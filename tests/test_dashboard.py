"""The sources dashboard (``d``) under Pilot: figures from the workspace, the unknowns queue,
corrections saved to the store and shown again, the active filter followed; snapshots at
80×24 and 160×50."""

from __future__ import annotations

import pytest
from test_tui import _first_command, make_app, opened, ready, screen_text, settled, until

from store.annotations import AnnotationStore


async def open_dashboard(app, pilot):
    from tui.screens.dashboard import DashboardScreen

    await pilot.press("d")
    await until(lambda: isinstance(app.screen, DashboardScreen) and not app.screen.computing, pilot=pilot)
    await pilot.pause()
    return app.screen


def names(table) -> list[str]:
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


@pytest.mark.asyncio
@pytest.mark.slow
async def test_dashboard_shows_sources_by_gender_and_the_unknowns_queue(store_dir):
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        screen = await open_dashboard(app, pilot)
        data = screen.data
        assert data.n_articles == 2
        summary = str(screen.query_one("#summary").render())
        assert "all articles: 2 articles" in summary and "sources" in summary
        unknowns = names(screen.query_one("#unknowns"))
        # the queue: quoted people of unknown gender, most quoted first
        assert unknowns and unknowns == [p.name for p in data.unknowns]
        assert [p.quotes for p in data.unknowns] == sorted((p.quotes for p in data.unknowns), reverse=True)
        assert "Justin Trudeau" in names(screen.query_one("#men"))
        await pilot.press("escape")
        await until(lambda: app.screen is app.main, pilot=pilot)


@pytest.mark.asyncio
@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_a_correction_on_the_dashboard_is_saved_and_redrawn_and_undone(store_dir):
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        screen = await open_dashboard(app, pilot)
        first = screen.data.unknowns[0]
        assert app.focused is screen.query_one("#unknowns")
        await pilot.press("f")
        await until(lambda: first.name in names(screen.query_one("#women")) and not screen.computing, pilot=pilot)
        assert first.name not in names(screen.query_one("#unknowns"))
        on_disk = AnnotationStore(store_dir / "annotations.json")
        assert on_disk.person_overrides().gender_of(first.key) == "female"
        on_disk.close()
        await pilot.press("u")
        await until(lambda: first.name in names(screen.query_one("#unknowns")) and not screen.computing, pilot=pilot)
        on_disk = AnnotationStore(store_dir / "annotations.json")
        assert on_disk.person_overrides().gender_of(first.key) is None
        on_disk.close()


@pytest.mark.asyncio
@pytest.mark.slow
async def test_the_dashboard_follows_the_active_filter(store_dir):
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await pilot.press("slash")
        await pilot.press(*"Magnitsky", "enter")  # a word of one of the two articles
        await settled(app, pilot)
        screen = await open_dashboard(app, pilot)
        assert screen.data.n_articles == 1
        assert str(screen.query_one("#summary").render()).startswith("text: Magnitsky: 1 article, ")


@pytest.mark.asyncio
@pytest.mark.slow
async def test_the_dashboard_opens_from_the_command_palette_and_is_in_the_help(store_dir):
    from tui.screens.dashboard import DashboardScreen
    from tui.screens.help import sections

    assert any(b.id == "dashboard" and b.key == "d" for _, bindings in sections() for b in bindings)
    async with opened(store_dir, size=(120, 40)) as (app, pilot):
        await pilot.press("ctrl+p")
        await pilot.press(*"Dashboard")
        await until(lambda: _first_command(app).startswith("Dashboard"), pilot=pilot)  # the palette found it
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, DashboardScreen) and not app.screen.computing, pilot=pilot)


def _run_before(step=None):
    """Open the app, wait until it settles, take ``step`` (the dashboard by default), then snapshot."""

    async def run_before(pilot) -> None:
        app = pilot.app
        await ready(app, pilot)
        await settled(app, pilot)
        await (step or open_dashboard)(app, pilot)
        app.clear_notifications()
        await pilot.pause()

    return run_before


def test_dashboard_80x24(snap_compare, store_dir):
    assert snap_compare(make_app(store_dir), terminal_size=(80, 24), run_before=_run_before())


def test_dashboard_160x50(snap_compare, store_dir):
    assert snap_compare(make_app(store_dir), terminal_size=(160, 50), run_before=_run_before())


def sidebar_lines(main) -> list[str]:
    sidebar = main.sidebar
    return [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]


@pytest.mark.asyncio
@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_the_sidebar_marks_gender_and_follows_a_correction_made_on_the_dashboard(store_dir):
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        main = app.main
        assert any("Justin Trudeau" in line and "♂" in line for line in sidebar_lines(main))
        screen = await open_dashboard(app, pilot)
        person = screen.data.unknowns[0]
        await pilot.press("f")
        await until(lambda: person.name in names(screen.query_one("#women")) and not screen.computing, pilot=pilot)
        await pilot.press("escape")
        await until(lambda: app.screen is main, pilot=pilot)
        for _ in range(main.review.index.n_articles):
            if any(person.name in line for line in sidebar_lines(main)):
                break
            await pilot.press("right_square_bracket")
            await settled(app, pilot)
        assert any(person.name in line and "♀" in line for line in sidebar_lines(main))


async def corpus_sidebar(app, pilot) -> list[str]:
    """Switch the sidebar to the corpus (S) and wait for its gender marks."""
    main = app.main
    await pilot.press("S")
    await until(lambda: main.sidebar.scope == "corpus" and not main.marking_genders, pilot=pilot)
    await pilot.pause()
    return sidebar_lines(main)


@pytest.mark.asyncio
@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_the_corpus_sidebar_marks_each_persons_gender_and_follows_a_correction(store_dir):
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        lines = await corpus_sidebar(app, pilot)
        trudeau = [line for line in lines if "Justin Trudeau" in line]
        assert trudeau and all("♂" in line for line in trudeau)  # among the speakers and the people
        assert not any("♂" in line or "♀" in line for line in lines if "Huawei" in line)  # no person
        screen = await open_dashboard(app, pilot)
        person = screen.data.unknowns[0]
        await pilot.press("f")
        await until(lambda: person.name in names(screen.query_one("#women")) and not screen.computing, pilot=pilot)
        await pilot.press("escape")
        await until(lambda: app.screen is app.main and not app.main.marking_genders, pilot=pilot)
        await pilot.pause()
        marked = [line for line in sidebar_lines(app.main) if person.name in line]
        assert marked and all("♀" in line for line in marked)


def test_corpus_sidebar_gender_marks_80x24(snap_compare, store_dir):
    assert snap_compare(make_app(store_dir), terminal_size=(80, 24), run_before=_run_before(corpus_sidebar))


def test_corpus_sidebar_gender_marks_160x50(snap_compare, store_dir):
    assert snap_compare(make_app(store_dir), terminal_size=(160, 50), run_before=_run_before(corpus_sidebar))


@pytest.mark.asyncio
@pytest.mark.slow  # over ~1.4 CPU-s: out of `make check` (still runs in `make test`)
async def test_the_dashboard_shows_a_correction_another_process_writes_while_it_is_open(store_dir):
    """Another writer of the store (as `quotelens person CORPUS NAME --gender female` would be)
    corrects someone of the unknowns queue: the open dashboard notices and redraws."""
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        screen = await open_dashboard(app, pilot)
        person = screen.data.unknowns[0]
        other = AnnotationStore(store_dir / "annotations.json")
        other.set_person_gender(person.key, "female", name=person.name)
        other.close()
        await until(lambda: person.name in names(screen.query_one("#women")) and not screen.computing, pilot=pilot)
        assert person.name not in names(screen.query_one("#unknowns"))
        # and when the other writer clears it, back to the queue
        generation = screen.generation
        other = AnnotationStore(store_dir / "annotations.json")
        other.set_person_gender(person.key, None, name=person.name)
        other.close()
        await until(lambda: person.name in names(screen.query_one("#unknowns")) and not screen.computing, pilot=pilot)
        assert screen.generation > generation


@pytest.mark.asyncio
async def test_the_month_charts_say_when_the_articles_have_no_dates(store_dir):
    """An empty frame titled "Quotes · month" (BBC's bare .txt files have no dates) now says why."""
    async with opened(store_dir, size=(160, 50)) as (app, pilot):
        await pilot.press("slash", *"Bains", "enter")  # the sample's article without a date
        await settled(app, pilot)
        screen = await open_dashboard(app, pilot)
        assert screen.data.n_articles == 1 and screen.data.months == []
        await until(lambda: "Quotes · month: no dates" in screen_text(app), pilot=pilot)
        assert "Women % of sources · month: no dates" in screen_text(app)
