"""The main screen's review state (``tui/review.py``) without an app: a real workspace on
the sample corpus, a real annotation store on disk, the saver's jobs run in this thread."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.readers import SAMPLE_CORPUS
from store.annotations import AnnotationStore, StoreWriteError
from tui.filters import Filters
from tui.review import Review, RowFields, SortOrder
from tui.saver import AnnotationSaver, SaveJob, SaveResult
from tui.widgets.quote_row import SAVED, SAVING, UNSAVED


@pytest.fixture
def review(store_dir: Path):
    from store.workspace import Workspace

    ws = Workspace.open([SAMPLE_CORPUS], store_dir=store_dir)
    yield Review.open(ws)
    ws.close()


def run(review: Review, job: SaveJob):
    """Save ``job`` as the app's saver thread would, and fold the answer in."""
    assert review.store is not None
    ignored: list[SaveResult] = []
    return review.finish(AnnotationSaver(review.store, ignored.append).run_one(job))


def on_disk(store_dir: Path) -> AnnotationStore:
    return AnnotationStore(store_dir / "annotations.json")


def test_a_change_shows_at_once_then_saved(review, store_dir):
    review.open_article(0)
    row = review.article_quotes[0]
    job = review.change(row, "accept", RowFields(status="accepted"), lambda store, q: store.set_status(q, "accepted"))
    review.refresh_article()
    shown = review.article_quotes[0]
    assert (shown.status, shown.save_state) == ("accepted", SAVING) and review.saving
    saved = run(review, job)
    assert saved.ok and saved.status == "✓ saved: accept"
    review.refresh_article()
    assert (review.article_quotes[0].status, review.article_quotes[0].save_state) == ("accepted", SAVED)
    assert not review.saving and not review.pending
    stored = on_disk(store_dir).get(row.id)
    assert stored is not None and stored.status == "accepted"


def test_a_failed_save_stays_unsaved_until_retried(review, store_dir):
    review.open_article(0)
    row = review.article_quotes[0]

    def broken(store, quote):
        raise StoreWriteError(store.path, OSError(28, "No space left on device"))

    saved = run(review, review.change(row, "note", RowFields(note="check"), broken))
    assert not saved.ok and "the disk is full" in saved.error
    review.refresh_article()
    assert review.article_quotes[0].note == "check" and review.article_quotes[0].save_state == UNSAVED
    assert review.unsaved == 1
    (job,) = review.retry()
    assert review.pending[row.id].save_state == SAVING
    job.run = lambda store: store.set_note(row.quote, "check")
    assert run(review, job).ok
    review.refresh_article()
    assert review.article_quotes[0].save_state == SAVED and review.unsaved == 0
    assert on_disk(store_dir).get(row.id).note == "check"


def test_an_added_quote_is_listed_before_and_after_it_is_saved(review, store_dir):
    article = review.open_article(0)
    assert article is not None
    before = len(review.article_quotes)
    start = article.text.index(" ", 10) + 1
    end = start + 25
    job = review.add_quote(article.id, start, end, article.text[start:end], "Ada Lovelace")
    review.refresh_article()
    added = [q for q in review.article_quotes if q.user_added]
    assert len(review.article_quotes) == before + 1 and added[0].speaker == "Ada Lovelace"
    assert review.quote_index(added[0].id) is not None
    assert run(review, job).ok
    review.open_article(0)  # read afresh from the store
    assert [q.id for q in review.article_quotes if q.user_added] == [added[0].id]
    assert review.added_counts() == {0: 1}
    assert on_disk(store_dir).user_quotes(article.id)[0].speaker == "Ada Lovelace"


def test_an_undo_elsewhere_names_the_article(review):
    review.open_article(0)
    first = review.article_quotes[0]
    assert run(
        review, review.change(first, "accept", RowFields(status="accepted"), lambda s, q: s.set_status(q, "accepted"))
    ).ok
    review.open_article(1)
    saved = run(review, review.store_job("undo"))
    assert saved.ok and saved.undo_change is not None
    assert saved.undo_elsewhere == (first.article_id,)
    assert review.annotation(first.id) is None
    assert run(review, review.store_job("redo")).ok
    assert run(review, review.store_job("redo")).status == "nothing to redo"


def test_sort_order_cycles_and_reverses():
    keys = ("date", "source", "quotes", "title")
    order = SortOrder()
    assert (order.key, order.reverse) == ("date", True)
    order = order.next(keys)
    assert (order.key, order.reverse) == ("source", False)
    assert order.next(keys) == SortOrder("quotes", True)
    assert order.reversed() == SortOrder("source", True)
    assert SortOrder("title", False).next(keys) == SortOrder("date", True)


def test_a_store_that_cannot_be_read_is_said_once(store_dir):
    from store.workspace import Workspace

    (store_dir / "annotations.json").write_text("{ not json", encoding="utf-8")
    ws = Workspace.open([SAMPLE_CORPUS], store_dir=store_dir)
    try:
        review = Review.open(ws)
        assert review.store is None and "annotations.json" in review.store_error
        review.open_article(0)  # the corpus still reads
        assert review.article_quotes and all(q.status == "unreviewed" for q in review.article_quotes)
    finally:
        ws.close()


# --- filters by outlet, date and note, on a corpus that has them ----------------------------------------

NEWS = [
    {
        "id": "a1",
        "title": "Budget vote",
        "date": "2005-01-12",
        "source": "BBC",
        "text": "The budget passed on Tuesday, officials said.",
    },
    {
        "id": "a2",
        "title": "Election call",
        "date": "2005-03-02",
        "source": "Guardian",
        "text": '"We will win," said Tony Blair on Monday.',
    },
    {
        "id": "a3",
        "title": "Schools plan",
        "date": "2005-06-30",
        "source": "BBC",
        "text": '"Schools come first," said Ruth Kelly in London.',
    },
]


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    import json

    from store.workspace import Workspace

    folder = tmp_path_factory.mktemp("news")
    corpus = folder / "news.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in NEWS), encoding="utf-8")
    ws = Workspace.open([corpus], store_dir=folder / "store")
    yield ws
    ws.close()


def test_outlet_and_date_range_filters_keep_whole_articles(news):
    from tui.filters import Filters, article_rows, parse_dates, quote_refs

    index = news.index

    def ids(filters: Filters) -> set[str]:
        return {index.article_id(int(r)) for r in article_rows(index, filters, None)}

    assert ids(Filters().set("source", "BBC")) == {"a1", "a3"}
    assert ids(Filters().set("dates", "2005-02..2005-06")) == {"a2", "a3"}
    assert ids(Filters().set("dates", "2005-01..2005-01")) == {"a1"}  # a month covers its days
    assert ids(Filters().set("dates", "..2005-03").set("source", "BBC")) == {"a1"}
    assert {r.quote_id.split("#")[0] for r in quote_refs(index, Filters().set("source", "Guardian"), None)} == {"a2"}
    assert parse_dates("2005") == ("2005", "2005")  # one date: that year, month or day
    assert parse_dates("2005-02 2005-04") == ("2005-02", "2005-04")
    assert parse_dates("2005-06..") == ("2005-06", None)
    for bad in ("yesterday", "2005-06..2005-01", "2001 2002 2003", ".."):
        with pytest.raises(ValueError):
            parse_dates(bad)


def test_the_note_filter_and_the_sidebar_stats_of_a_filter(news):
    from tui.filters import HAS_NOTE, AnnotationLookup, Filters, article_rows, filtered_stats, quote_refs

    index = news.index
    store: AnnotationStore = news.annotations
    quote = news.analysis("a3").quotes[0]
    store.set_note(quote, "check the date")
    lookup = AnnotationLookup(store)
    noted = Filters().set("note", HAS_NOTE)
    assert noted.narrows_quotes
    assert [r.quote_id for r in quote_refs(index, noted, lookup)] == [quote.id]
    assert [index.article_id(int(r)) for r in article_rows(index, noted, lookup)] == ["a3"]
    stats = filtered_stats(index, article_rows(index, Filters().set("source", "BBC"), None))
    speakers = {s.name for s in stats.speakers()}
    assert "Ruth Kelly" in speakers and "Tony Blair" not in speakers  # Blair speaks in the Guardian
    assert all(e.n_articles <= 2 for e in stats.entities())
    assert "Tony Blair" not in {e.name for e in stats.entities()}


def test_a_filter_that_picks_quotes_counts_each_speaker_by_the_quotes_it_keeps(tmp_path):
    import json

    from store.workspace import Workspace
    from tui.filters import AnnotationLookup, Filters, article_rows, filtered_stats, quote_refs

    text = (
        '"We will win the vote," said Tony Blair on Monday. '
        "Blair told reporters that the party would govern for everyone in the country."
    )
    corpus = tmp_path / "one.jsonl"
    corpus.write_text(json.dumps({"id": "b1", "text": text}) + "\n", encoding="utf-8")
    ws = Workspace.open([corpus], store_dir=tmp_path / "store")
    try:
        index, lookup = ws.index, AnnotationLookup(ws.annotations)
        direct = Filters().set("kind", "direct")
        rows = article_rows(index, direct, lookup)
        in_article = {s.name: s.n_quotes for s in filtered_stats(index, rows).speakers()}
        assert in_article == {"Tony Blair": 2}
        kept = quote_refs(index, direct, lookup, rows=rows)
        assert {s.name: s.n_quotes for s in filtered_stats(index, rows, refs=kept).speakers()} == {"Tony Blair": 1}
    finally:
        ws.close()


def test_a_quote_being_added_joins_the_filter_list_at_once_when_the_filter_keeps_it(review):
    from tui.filters import quote_refs

    article = review.open_article(0)
    assert article is not None
    for kind, listed in (("direct", True), ("indirect", False)):
        review.filters = Filters().set("kind", kind)
        review.quote_scope = "filter"
        review.filter_refs = quote_refs(review.index, review.filters, review.lookup())
        before = len(review.filter_refs)
        start = article.text.index(" ", 10 + (kind == "indirect") * 40) + 1
        job = review.add_quote(article.id, start, start + 20, article.text[start : start + 20], "Ada Lovelace")
        at = review.list_added(job.quote_ids[0])
        if listed:
            assert at is not None and len(review.filter_refs) == before + 1
            row = review.filter_row(at)
            assert row.user_added and row.speaker == "Ada Lovelace" and row.save_state == SAVING
            # after the other quotes of its article
            assert review.filter_refs[at].row == 0 and all(r.row != 0 for r in review.filter_refs[at + 1 :])
        else:
            assert at is None and len(review.filter_refs) == before


def test_a_save_landing_while_the_speakers_are_read_is_not_lost(review):
    """A palette reads the corpus's speakers in a thread; a speaker correction saved meanwhile
    must show in the next list, not be hidden behind the older reading the thread kept."""
    review.open_article(0)
    row = review.article_quotes[0]
    job = review.change(
        row, "speaker", RowFields(speaker_override="Ada Palmer"), lambda store, q: store.set_speaker(q, "Ada Palmer")
    )
    read = review.read
    saved_meanwhile = []

    def read_then_save(reader, default):
        result = read(reader, default)  # the older reading, taken before the save landed
        if not saved_meanwhile:
            saved_meanwhile.append(run(review, job))
        return result

    review.read = read_then_save  # the thread's reading, interleaved by hand
    assert "Ada Palmer" not in {s.name for s in review.speakers()}
    assert saved_meanwhile and saved_meanwhile[0].ok
    review.read = read
    assert "Ada Palmer" in {s.name for s in review.speakers()}


@pytest.fixture
def blair_corpus(tmp_path):
    """The speaker-list corpus (tests/test_speaker_lists.py): Tony Blair in full, a story saying only
    "Mr Blair", a footballer Blair and an Ian Blair."""
    from store.workspace import Workspace
    from tests.test_speaker_lists import ARTICLES

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    ws = Workspace.open([corpus], store_dir=tmp_path / "store", workers=0)
    yield ws
    ws.close()


def test_a_row_names_the_speaker_as_the_corpus_merge_decided_for_its_article(blair_corpus):
    """Filtering by "Tony Blair" finds the story that says only "Mr Blair"; its rows must say
    Tony Blair too, not show "Blair" under a Tony Blair filter. The footballer Blair stays Blair."""
    ws = blair_corpus
    review = Review.open(ws)

    def speakers_of(article_id: str) -> set[str | None]:
        row = ws.index.row_of(article_id)
        review.open_article(row)
        return {r.quote.speaker_name for r in review.article_quotes if "Blair" in (r.quote.speaker_name or "")}

    assert speakers_of("a5.txt") == {"Tony Blair"}
    assert speakers_of("a6.txt") == {"Blair"}
    assert speakers_of("a4.txt") == {"Ian Blair"}


def test_the_sidebar_people_name_a_person_as_the_corpus_merge_decided_for_the_article(blair_corpus):
    """The sidebar of the story that says only "Mr Blair" lists him as Speakers does, "Tony Blair",
    not "Blair" under People beside "Tony Blair" under Speakers; the footballer Blair stays Blair.
    The key stays the article's, which the entity filter and the gender marks go by."""
    ws = blair_corpus
    review = Review.open(ws)

    def people_of(article_id: str) -> dict[str, str]:
        people = review.people_as_listed(article_id, ws.analysis(article_id).people)
        return {p.key: p.name for p in people if "blair" in p.key}

    said_mr_blair = people_of("a5.txt")
    assert list(said_mr_blair.values()) == ["Tony Blair"]
    assert list(said_mr_blair) == [p.key for p in ws.analysis("a5.txt").people if "blair" in p.key]
    assert set(people_of("a6.txt").values()) == {"Blair"}  # near miss: another Blair
