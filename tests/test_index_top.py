"""The first names of a list (a palette's listing) read without sorting every name: the same
names, in the same order, as the whole list's first ones, ties included."""

from __future__ import annotations

from collections import Counter

from corpus.readers import SAMPLE_CORPUS


def test_the_first_entities_and_speakers_are_those_of_the_whole_list(store_dir):
    from store.workspace import Workspace

    ws = Workspace.open([SAMPLE_CORPUS], store_dir=store_dir)
    try:
        index = ws.index
        entities = index.entities()
        speakers = index.speakers()
        # ties on both counts exist, so the cut falls inside a tie somewhere
        assert max(Counter((e.n_articles, e.n_mentions) for e in entities).values()) > 1
        assert max(Counter((s.n_quotes, s.n_articles) for s in speakers).values()) > 1
        for top in range(len(entities) + 2):
            assert index.entities(top=top) == entities[:top]
        for top in range(len(speakers) + 2):
            assert index.speakers(top=top) == speakers[:top]
        people = index.entities(label="PERSON")
        assert index.entities(label="PERSON", top=3) == people[:3]
    finally:
        ws.close()
