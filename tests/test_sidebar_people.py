"""The article sidebar's People: the article's analysed people, each once under the full name the
article gives, not every mention the NER labelled PERSON."""

from __future__ import annotations

from pathlib import Path

from corpus.models import Entity, Person
from tests.test_tui import ready, settled, until


def _rows_under(sidebar, heading: str) -> list[tuple[str, str, str]]:
    """(id, name, count) of the rows under a heading, up to the next heading."""
    rows = [sidebar.get_option_at_index(i) for i in range(sidebar.option_count)]
    out: list[tuple[str, str, str]] = []
    inside = False
    for row in rows:
        if row.kind == "heading":
            inside = row.name == heading
        elif inside:
            out.append((row.id, row.name, row.count))
    return out


async def test_people_come_from_the_articles_people_and_organisations_from_its_entities():
    from textual.app import App

    from tui.widgets.entity_sidebar import EntitySidebar

    class Host(App):
        def compose(self):
            yield EntitySidebar()

    # what the NER leaves: a surname with a key of its own, and a party labelled a person
    entities = [
        Entity("Tony Blair", 0, 10, "PERSON", "Tony Blair", "tony blair"),
        Entity("Blair", 40, 45, "PERSON", "Blair", "blair"),
        Entity("Lib Dem", 60, 67, "PERSON", "Lib Dem", "lib dem"),
        Entity("NHS", 80, 83, "ORG", "NHS", "nhs"),
        Entity("Leeds", 90, 95, "GPE", "Leeds", "leeds"),
    ]
    people = [Person("Tony Blair", "tony blair", "male", "text", True, 3, 1)]
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        sidebar = app.query_one(EntitySidebar)
        sidebar.show_article(entities, [("tony blair", "Tony Blair")], genders={"tony blair": "♂"}, people=people)
        await pilot.pause()
        assert _rows_under(sidebar, "People") == [("entity:tony blair", "Tony Blair", "3")]
        assert _rows_under(sidebar, "Organisations") == [("entity:nhs", "NHS", "1")]
        assert _rows_under(sidebar, "Places (countries, cities)") == [("entity:leeds", "Leeds", "1")]
        # near miss: without the article's people (an older caller) the entities are listed as before
        sidebar.show_article(entities, [])
        await pilot.pause()
        assert [name for _, name, _ in _rows_under(sidebar, "People")] == ["Tony Blair", "Blair", "Lib Dem"]


ARTICLE = """Hospital plan divides the parties

Prime Minister Tony Blair said on Monday that the new hospital plan would cut waiting lists across England.
Mr Blair told reporters in Leeds that the money was already in place. "We have done the sums," he said.
Lib Dem health spokesman Paul Harrow said the plan was a gimmick. "Patients deserve better," Mr Harrow said.
Blair later visited a ward in Leeds General Infirmary.

Reporting by Anna Kowalski; editing by Tom Reed
"""


OTHER_ARTICLE = """Schools plan

Education Secretary Ruth Kelly said on Tuesday that every school would get new computers.
"""


async def test_the_apps_article_sidebar_lists_each_person_once_under_the_full_name(tmp_path: Path):
    from store.workspace import Workspace
    from tui.app import QuotelensApp
    from tui.widgets.entity_sidebar import EntitySidebar

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "hospital.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "schools.txt").write_text(OTHER_ARTICLE, encoding="utf-8")
    store = tmp_path / "store"

    def factory(progress, status, cancel):
        return Workspace.open([folder], store_dir=store, progress=progress, status=status, cancel=cancel)

    app = QuotelensApp(factory, corpus_label="news")
    async with app.run_test(size=(160, 50)) as pilot:
        await ready(app, pilot)
        sidebar = app.main.query_one(EntitySidebar)
        if sidebar.scope != "article":
            await pilot.press("S")  # article scope
        await until(lambda: sidebar.scope == "article" and bool(_rows_under(sidebar, "People")), pilot=pilot)
        names = [name for _, name, _ in _rows_under(sidebar, "People")]
        screen = app.main
        if "Paul Harrow" not in names:  # the other article first: go to the hospital story
            await pilot.press("j")
            await until(lambda: "Paul Harrow" in [n for _, n, _ in _rows_under(sidebar, "People")], pilot=pilot)
            names = [name for _, name, _ in _rows_under(sidebar, "People")]
        analysis = screen.review.ws.analysis(screen.review.current_article.id)
        assert sorted(names) == sorted(p.name for p in analysis.people if p.mentions)
        assert names.count("Tony Blair") == 1 and "Blair" not in names
        assert not {"Lib Dem", "Lib Dem health"} & set(names)  # a party is no person
        assert not {"Anna Kowalski", "Tom Reed"} & set(names)  # nor is the byline a person of the story
        assert ("entity:leeds", "Leeds", "2") in _rows_under(sidebar, "Places (countries, cities)")
        # a person of the list filters the corpus to the articles that name them
        ids = [sidebar.get_option_at_index(i).id for i in range(sidebar.option_count)]
        sidebar.focus()
        sidebar.highlighted = ids.index("entity:paul harrow")
        await pilot.press("enter")
        await settled(app, pilot)
        assert screen.filters.entity is not None and screen.filters.entity[1] == "Paul Harrow"
        assert screen.articles.row_count == 1
