"""The corpus index on hand-made analyses in a real SQLite cache (no spaCy: deterministic)."""

from __future__ import annotations

import numpy as np
import pytest

from corpus.models import Analysis, Entity, Quote, Span, entity_key, text_hash
from store.cache import AnalysisCache, AnalysisRow, Facets, pack_payload
from store.columns import ArticleTable, load_table, save_table
from store.index import CorpusIndex

AKEY = "test-model+quotes-0"


def ent(text: str, label: str, name: str | None = None, start: int = 0) -> Entity:
    name = name or text
    return Entity(text, start, start + len(text), label, name, entity_key(name))


def quote(text: str, kind: str, speaker: str | None, start: int = 0) -> Quote:
    return Quote(
        id="",
        text=text,
        start=start,
        end=start + len(text),
        kind=kind,
        speaker=Span(speaker, 0, len(speaker)) if speaker else None,
        speaker_name=speaker,
        speaker_key=entity_key(speaker) if speaker else None,
    )


# (id, title, date, source, text, entities, quotes)
ARTICLES = [
    (
        "a1",
        "Trudeau on Huawei",
        "2020-11-19",
        "CTV",
        "Justin Trudeau spoke about Huawei and 5G networks in Ottawa.",
        [
            ent("Justin Trudeau", "PERSON"),
            ent("PM Trudeau", "PERSON", "Justin Trudeau"),
            ent("Huawei", "ORG"),
            ent("Ottawa", "GPE"),
        ],
        [
            quote("we will keep Canadians safe", "direct", "Justin Trudeau"),
            quote("the review continues", "indirect", "Justin Trudeau"),
        ],
    ),
    (
        "a2",
        "Bains and the minister",
        "2020-11-20",
        "CBC",
        "Navdeep Bains said China is applying pressure on Canada over Huawei.",
        [ent("Navdeep Bains", "PERSON"), ent("China", "GPE"), ent("Huawei's", "ORG", "Huawei"), ent("Canada", "GPE")],
        [quote("applying pressure", "mixed", "Navdeep Bains"), quote("nobody knows", "floating", None)],
    ),
    (
        "a3",
        "Trudeau again",
        "2020-12-01",
        "CTV",
        "Trudeau met officials. Mr Bains was not there. The weather was cold.",
        [ent("Trudeau", "PERSON"), ent("Bains", "PERSON", "Mr Bains"), ent("Ottawa", "GPE")],
        [quote("we are ready", "direct", "Trudeau"), quote("it is cold", "direct", "Bains")],
    ),
    ("a4", "Sport", None, None, "Nothing quoted about football here at all.", [ent("Arsenal", "ORG")], []),
]


@pytest.fixture(params=["built", "mapped"])
def built(tmp_path, request):
    """The index as built, and as a later open maps it from the files saved with its table."""
    cache = AnalysisCache(tmp_path / "store")
    rows = []
    for _aid, _title, _date, _source, text, ents, quotes in ARTICLES:
        analysis = Analysis(tuple(ents), tuple(quotes), len(text.split())).for_article("")
        rows.append(AnalysisRow(text_hash(text), pack_payload(analysis), Facets.of(analysis)))
    cache.put_batch(AKEY, rows)
    cache.put_texts([(text_hash(a[4]), a[4]) for a in ARTICLES])
    analysed = cache.analysed_hashes(AKEY)
    hashes = [text_hash(a[4]) for a in ARTICLES]
    docs = cache.doc_ids(
        [(h, a[1]) for h, a in zip(hashes, ARTICLES, strict=False)],
        {h: a[4] for h, a in zip(hashes, ARTICLES, strict=False)},
    )
    columns = {
        "id": [a[0] for a in ARTICLES],
        "title": [a[1] for a in ARTICLES],
        "date": [a[2] for a in ARTICLES],
        "source": [a[3] for a in ARTICLES],
        "aid": [analysed[h] for h in hashes],
        "doc": docs,
    }
    if request.param == "built":
        return CorpusIndex.build(columns, cache, AKEY), cache
    table, reference = save_table(cache.store_dir, "corpus-key", columns)
    CorpusIndex.build(table, cache, AKEY)  # builds and saves the arrays next to the table
    reopened = load_table(cache.store_dir, reference)
    assert reopened is not None
    mapped = CorpusIndex.build(reopened, cache, AKEY)
    assert isinstance(mapped.pair_form, np.memmap) and isinstance(mapped.article_aid, np.memmap)
    return mapped, cache


def test_articles_meta_sort_and_row_of(built):
    ix, _ = built
    assert ix.n_articles == 4
    assert ix.meta(1).id == "a2" and ix.meta(1).n_quotes == 2 and ix.meta(1).source == "CBC"
    assert ix.row_of("a3") == 2 and ix.row_of("nope") is None
    assert ix.sort(key="date").tolist() == [3, 0, 1, 2]  # undated first
    assert ix.sort(key="date", reverse=True).tolist() == [2, 1, 0, 3]
    assert ix.sort(key="quotes", reverse=True).tolist() == [0, 1, 2, 3]  # ties keep row order
    assert ix.sort([2, 0], key="title").tolist() == [2, 0]
    assert ix.articles_per_source() == {"CTV": 2, "CBC": 1, "(none)": 1}
    assert ix.articles_per_month() == {"2020-11": 2, "2020-12": 1, "(undated)": 1}


def test_entities_merge_across_the_corpus(built):
    ix, _ = built
    people = {e.key: e for e in ix.entities(label="PERSON")}
    # "Trudeau" alone (a3) merges into the only multi-word PERSON ending with it
    assert set(people) == {"justin trudeau", "navdeep bains"}
    jt = people["justin trudeau"]
    assert jt.n_articles == 2 and jt.n_mentions == 3 and jt.n_quotes == 3
    assert set(jt.variants) == {"Justin Trudeau", "PM Trudeau", "Trudeau"}
    nb = people["navdeep bains"]
    assert nb.n_articles == 2 and nb.n_quotes == 2  # "Mr Bains" and the speaker "Bains" merged
    huawei = ix.entity("huawei")
    assert huawei.label == "ORG" and huawei.n_articles == 2 and set(huawei.variants) == {"Huawei", "Huawei's"}
    assert ix.entities(top=1)[0].n_articles == 2
    assert [e.key for e in ix.entities(label="GPE")][0] == "ottawa"


def test_resolve_names_variants_and_surnames(built):
    ix, _ = built
    assert ix.resolve("Justin Trudeau") == "justin trudeau"
    assert ix.resolve("TRUDEAU") == "justin trudeau"
    assert ix.resolve("PM Trudeau") == "justin trudeau"
    assert ix.resolve("Prime Minister Trudeau") == ix.resolve("Mr. Trudeau") == "justin trudeau"
    assert ix.resolve("mr bains") == "navdeep bains"
    assert ix.resolve("Huawei's") == "huawei"
    assert ix.resolve("nobody at all") is None


def test_speakers_and_quotes_filters(built):
    ix, _ = built
    speakers = ix.speakers()
    assert [(s.key, s.n_quotes, s.n_articles) for s in speakers] == [
        ("justin trudeau", 3, 2),
        ("navdeep bains", 2, 2),
    ]
    assert ix.n_quotes == 6
    assert ix.quotes_by_kind() == {"direct": 3, "indirect": 1, "mixed": 1, "floating": 1}
    refs = ix.quotes(speaker="Trudeau")
    assert [(r.row, r.index) for r in refs] == [(0, 0), (0, 1), (2, 0)]
    assert refs[0].quote_id.startswith("a1#") and refs[0].speaker_name == "Justin Trudeau"
    assert [(r.row, r.index) for r in ix.quotes(speaker="Trudeau", kind="direct")] == [(0, 0), (2, 0)]
    assert [(r.row, r.index) for r in ix.quotes(kind="floating")] == [(1, 1)]
    assert ix.quotes(kind="floating")[0].speaker_key is None
    assert [(r.row, r.index) for r in ix.quotes(entity="China")] == [(1, 0), (1, 1)]
    assert [(r.row, r.index) for r in ix.quotes(search="cold")] == [(2, 1)]
    assert ix.quotes(speaker="nobody at all") == []
    with pytest.raises(ValueError):
        ix.quotes(kind="sarcastic")


def test_filter_and_search(built):
    ix, _ = built
    assert ix.search("huawei").tolist() == [0, 1]
    assert ix.search("HUAWEI pressure").tolist() == [1]
    assert ix.search("Sport").tolist() == [3]  # titles too
    assert ix.search('pressure" OR "x').tolist() == []  # user text is never FTS syntax
    assert ix.search("Huaw").tolist() == [0, 1]  # the start of a word finds it ("pipe" → "pipelines")
    assert ix.search("pressur").tolist() == [1]
    assert ix.search("netw*").tolist() == [0]
    assert ix.filter(entity="Huawei").tolist() == [0, 1]
    assert ix.filter(entity="Ottawa", speaker="Bains").tolist() == [2]
    assert ix.filter(kind="mixed").tolist() == [1]
    assert ix.filter(search="huawei", rows=np.array([1, 2, 3])).tolist() == [1]
    assert ix.filter().tolist() == [0, 1, 2, 3]
    assert ix.filter(entity="unknown thing").tolist() == []
    assert ix.filter(source="CTV").tolist() == [0, 2] and ix.filter(source="nope").tolist() == []
    assert ix.filter(date_from="2020-11-20").tolist() == [1, 2]
    assert ix.filter(date_to="2020-11").tolist() == [0, 1]
    assert ix.filter(date_from="2020-11", date_to="2020-11-19", source="CTV").tolist() == [0]


def test_empty_index(tmp_path):
    cache = AnalysisCache(tmp_path)
    ix = CorpusIndex.build({"id": [], "title": [], "date": [], "source": [], "aid": [], "doc": []}, cache, AKEY)
    assert ix.n_articles == 0 and ix.entities() == [] and ix.speakers() == [] and ix.quotes() == []
    assert ix.filter().tolist() == [] and ix.sort().tolist() == []


def test_articles_per_month_groups_only_iso_months(tmp_path, nlp):
    import json

    from store.workspace import Workspace

    corpus = tmp_path / "dated.jsonl"
    dates = ["2020-11-19", "2020-11", "2020-12-01T10:00", "Nov 19, 2020", None]
    corpus.write_text(
        "".join(
            json.dumps({"id": str(i), "text": "Rain fell in Ottawa.", "date": d}) + "\n" for i, d in enumerate(dates)
        ),
        encoding="utf-8",
    )
    ws = Workspace.open([corpus], store_dir=tmp_path / "store", workers=0)
    assert ws.index.articles_per_month() == {"2020-11": 2, "2020-12": 1, "(other date formats)": 1, "(undated)": 1}


def test_the_article_table_round_trips_through_its_files(tmp_path):
    columns = {
        "id": ["b", "a", "é/3", "c"],
        "title": ["Zebra", "apple", "Émile", ""],
        "date": ["2020-01-02", None, "Nov 19, 2020 at noon", "2019-12-31"],
        "source": ["CBC", None, "ctv", "CBC"],
        "url": [None, "http://x", None, None],
        "origin": ["f.jsonl"] * 4,
        "line": [1, None, 3, 4],
        "title_derived": [False, True, False, False],
        "hash": ["h1", "h2", "h3", "h4"],
        "aid": [5, -1, 7, 8],
        "doc": [1, 2, 3, 4],
        "words": [-1, 12, -1, -1],
        "complete": True,
    }
    table, reference = save_table(tmp_path, "ck", columns)
    again = load_table(tmp_path, reference)
    assert again is not None and again.folder is not None and again.complete
    for t in (table, again):
        for name in ("id", "title", "date", "source", "url", "origin", "line", "title_derived", "hash"):
            assert [t[name][r] for r in range(4)] == columns[name], name
        assert [int(v) for v in t["aid"]] == columns["aid"]
        assert [t.row_of(i) for i in ("a", "b", "c", "é/3", "zz", "")] == [1, 0, 3, 2, None, None]
    # an old snapshot row holding the columns themselves still opens
    old = load_table(tmp_path, columns)
    assert isinstance(old, ArticleTable) and old["id"][2] == "é/3"
    # a later snapshot replaces the files of the earlier one
    _, newer = save_table(tmp_path, "ck", columns)
    assert load_table(tmp_path, reference) is None and load_table(tmp_path, newer) is not None


def test_names_do_not_depend_on_the_order_analyses_arrive_in(tmp_path):
    """Workers finish in any order; the name shown for a key must not follow that order."""
    texts = ["WorldCom shares fell.", "Worldcom said nothing.", "worldcom again."]
    analyses = [Analysis((ent(t.split()[0], "ORG", t.split()[0]),), (), 3).for_article("") for t in texts]
    shown = []
    for order in ([0, 1, 2], [2, 1, 0], [1, 2, 0]):
        cache = AnalysisCache(tmp_path / "-".join(map(str, order)))
        for i in order:  # one batch each, as shards merge
            cache.put_batch(AKEY, [AnalysisRow(text_hash(texts[i]), pack_payload(analyses[i]), Facets.of(analyses[i]))])
        analysed = cache.analysed_hashes(AKEY)
        columns = {
            "id": ["a", "b", "c"],
            "title": ["", "", ""],
            "date": [None] * 3,
            "source": [None] * 3,
            "aid": [analysed[text_hash(t)] for t in texts],
            "doc": [-1] * 3,
        }
        ix = CorpusIndex.build(columns, cache, AKEY)
        shown.append([(e.key, e.name, e.variants) for e in ix.entities()])
    assert shown[0] == shown[1] == shown[2]
    assert shown[0][0][:2] == ("worldcom", "WorldCom")
