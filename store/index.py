"""The corpus index, built from the analysis cache with numpy, saved and memory-mapped.

Rows are article row numbers (0..n-1). Everything per article or per mention is a
flat numpy array; nothing loops over articles or mentions in Python:

- per article (``store.columns.ArticleTable``): date, source code, analysis id, FTS doc
  id, and dense ranks for sorting; strings (id, title) decoded one row at a time;
- word and quote counts per article;
- entity mentions as (article, form) pairs; a form is (key, label, text) in the
  cache vocabulary and maps to a *canonical* corpus key after the corpus-level
  merge (on the vocabulary, which is small): a one-word PERSON or speaker key such as
  ``trudeau`` (or ``mr blair``) becomes the only multi-word PERSON key ending with
  that word (``justin trudeau``), when there is exactly one;
- entity → articles postings (a stable argsort of the pairs by key);
- quotes as (article, position, kind, canonical speaker key) arrays; speaker →
  quotes by argsort the same way;
- full-text search: SQLite FTS5 on disk (the texts never sit in memory).

When the article table is on disk, the built arrays are saved next to it
(``index-<digest>/*.npy``) and mapped read-only on later opens: opening a million
articles reads a few small files, and a filter touches only the pages it needs.

Why this module is longer than ~500 lines: one class owns the arrays, and building
them, saving/mapping them and every query on them share the same private layout
(``_key_str``, ``key_canon``, the postings); a split would have to make that layout
public. The seam, if it grows further, is "persisted next to an article table"
(save/load of the ``.npy`` files) into a module of its own.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import orjson

from corpus import acronyms, listed_speakers, org_aliases, short_forms, speaker_merge
from corpus import names as names_module
from corpus.acronyms import fold_short
from corpus.listed_speakers import (
    SPEAKING_LABELS,
    coordinated_names,
    is_entity_name,
    is_listed_speaker,
    spokesperson_of,
)
from corpus.models import QUOTE_KINDS, entity_key, name_tokens
from corpus.names import strip_titles
from corpus.org_aliases import acronym_merges, variant_merges
from corpus.speaker_merge import SpeakerMerge, merge_speakers
from store.columns import ArticleTable

if TYPE_CHECKING:
    from store.cache import AnalysisCache

SORT_KEYS = ("date", "source", "quotes", "title", "words", "id")
INDEX_VERSION = 1
# Modules whose code decides what the built arrays hold (the corpus-level merge among
# them): a saved index is rebuilt when one of them changes.
_BUILD_MODULES = (
    __file__,
    names_module.__file__,
    speaker_merge.__file__,
    listed_speakers.__file__,
    org_aliases.__file__,
    acronyms.__file__,
    short_forms.__file__,
    short_forms.SHORT_FORMS_FILE,
)
PERSON = "PERSON"


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    id: str
    title: str
    date: str | None
    source: str | None
    n_quotes: int
    n_words: int


@dataclass(frozen=True, slots=True)
class EntityStat:
    key: str
    name: str
    label: str  # the label most of its mentions carry
    labels: tuple[str, ...]
    variants: tuple[str, ...]  # surface forms seen, most frequent first
    n_articles: int
    n_mentions: int
    n_quotes: int  # quotes it is the speaker of


@dataclass(frozen=True, slots=True)
class SpeakerStat:
    key: str
    name: str
    n_quotes: int
    n_articles: int


@dataclass(frozen=True, slots=True)
class QuoteRef:
    row: int
    index: int  # position in Workspace.analysis(article_id).quotes
    quote_id: str
    kind: str
    speaker_key: str | None
    speaker_name: str | None


_MONTH = re.compile(r"\d{4}-\d{2}")


def _expand(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenated ranges [start, start+length) as one index array (no Python loop)."""
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    offsets = np.repeat(starts - (ends - lengths), lengths)
    return offsets + np.arange(total, dtype=np.int64)


def _postings(keys: np.ndarray, values: np.ndarray, n_keys: int) -> tuple[np.ndarray, np.ndarray]:
    """Group ``values`` by ``keys`` (stable): (offsets[n_keys+1], values sorted by key)."""
    order = np.argsort(keys, kind="stable")
    counts = np.bincount(keys, minlength=n_keys) if len(keys) else np.zeros(n_keys, dtype=np.int64)
    offsets = np.zeros(n_keys + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return offsets, values[order]


class CorpusIndex:
    """Articles, entities, speakers and quotes of one corpus, for instant filtering.

    Built by ``CorpusIndex.build`` from the article table of a corpus snapshot
    (``store.columns``) and the cache's facets and vocabulary. When the table is on
    disk, the built arrays are saved next to it and later opens map them (see
    ``_persisted_folder``): a million articles open without reading their facets.
    """

    def __init__(self, table: ArticleTable, cache: AnalysisCache | None) -> None:  # use build()
        self._cache = cache
        self._table = table
        self.n_articles = table.n
        self.source_names: list[str] = table.source_names
        self.article_source: np.ndarray = table.source_codes
        self.article_date: np.ndarray = table.date10
        self.article_aid: np.ndarray = table.numbers["aid"]
        self.article_doc: np.ndarray = table.numbers["doc"]
        self._resolve_map: dict[str, int] | None = None
        self._kl_off: np.ndarray | None = None
        self._key_rank_cache: np.ndarray | None = None
        self._listed_cache: np.ndarray | None = None
        self._merge: SpeakerMerge | None = None
        self._kid_of: dict[str, int] | None = None
        self._spokesperson_cache: dict[int, str] | None = None
        self._entity_named_cache: np.ndarray | None = None

    # --- building -------------------------------------------------------

    @classmethod
    def build(
        cls,
        columns: Mapping[str, Any],
        cache: AnalysisCache | None,
        akey: str | None,
        facet_rows: Sequence[tuple] | None = None,
        vocabulary: tuple[list, list, list] | None = None,
    ) -> CorpusIndex:
        """``columns``: an ``ArticleTable``, or the snapshot columns as lists: id, title, date,
        source, aid (analysis id or -1), doc (FTS doc id), optionally words (word count of
        the articles whose aid is -1)."""
        index = cls(ArticleTable.from_lists(columns), cache)
        if vocabulary is None:
            vocabulary = cache.vocabulary() if cache is not None else ([], [], [])
        folder = index._persisted_folder(akey) if facet_rows is None else None
        if folder is not None and index._load(folder, vocabulary):
            return index
        if facet_rows is None:
            facet_rows = cache.facet_rows(akey) if (cache is not None and akey) else []
        index._build_analyses(facet_rows)
        index._build_vocabulary(*vocabulary)
        index._build_links()
        if folder is not None:
            index._save(folder)
        return index

    def _build_analyses(self, rows: Sequence[tuple]) -> None:
        n = self.n_articles
        m = len(rows)
        fac_ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=m)
        fac_words = np.fromiter((r[1] for r in rows), dtype=np.int64, count=m)
        fac_nq = np.fromiter((r[2] for r in rows), dtype=np.int64, count=m)
        ent_len = np.fromiter((len(r[3]) >> 2 for r in rows), dtype=np.int64, count=m)
        forms = np.frombuffer(b"".join(r[3] for r in rows), dtype=np.int32)
        counts = np.frombuffer(b"".join(r[4] for r in rows), dtype=np.int32)
        kinds = np.frombuffer(b"".join(r[5] for r in rows), dtype=np.uint8)
        speakers = np.frombuffer(b"".join(r[6] for r in rows), dtype=np.int32)
        ent_start = np.cumsum(ent_len) - ent_len
        q_start = np.cumsum(fac_nq) - fac_nq

        # word counts of articles without an analysis (snapshots older than the column: 0)
        unanalysed_words = np.maximum(np.asarray(self._table.numbers["words"], dtype=np.int64), 0)
        # facet position of each article (-1: not analysed / failed)
        pos = np.searchsorted(fac_ids, self.article_aid) if m else np.zeros(n, dtype=np.int64)
        pos = np.minimum(pos, max(m - 1, 0))
        ok = (self.article_aid >= 0) & (fac_ids[pos] == self.article_aid) if m else np.zeros(n, bool)
        self.analysed = ok
        pos = np.where(ok, pos, 0)
        self.article_words = np.where(ok, fac_words[pos] if m else 0, unanalysed_words).astype(np.int64)
        self.article_nq = np.where(ok, fac_nq[pos] if m else 0, 0).astype(np.int64)

        # entity mention pairs, article order
        e_len = np.where(ok, ent_len[pos] if m else 0, 0)
        idx = _expand(ent_start[pos] if m else np.zeros(n, np.int64), e_len)
        self.pair_article = np.repeat(np.arange(n, dtype=np.int32), e_len)
        self.pair_form = forms[idx] if len(idx) else np.zeros(0, np.int32)
        self.pair_count = counts[idx] if len(idx) else np.zeros(0, np.int32)

        # quotes, article order
        q_len = self.article_nq
        qidx = _expand(q_start[pos] if m else np.zeros(n, np.int64), q_len)
        self.quote_article = np.repeat(np.arange(n, dtype=np.int32), q_len)
        self.quote_index = (qidx - np.repeat(q_start[pos] if m else np.zeros(n, np.int64), q_len)).astype(np.int32)
        self.quote_kind = kinds[qidx] if len(qidx) else np.zeros(0, np.uint8)
        self.quote_raw_speaker = speakers[qidx] if len(qidx) else np.zeros(0, np.int32)

    def _build_vocabulary(self, keys: list[tuple], forms: list[tuple], labels: list[str]) -> None:
        n_keys = (keys[-1][0] + 1) if keys else 1
        self._key_str = [""] * n_keys
        self._key_name = [""] * n_keys
        norm = [""] * n_keys
        ntok = np.zeros(n_keys, dtype=np.int32)
        for kid, key, name, nm, nt in keys:
            self._key_str[kid] = key
            self._key_name[kid] = name
            norm[kid] = nm
            ntok[kid] = nt
        n_forms = (forms[-1][0] + 1) if forms else 1
        self.form_key = np.zeros(n_forms, dtype=np.int32)
        self.form_label = np.zeros(n_forms, dtype=np.int32)
        if forms:
            arr = np.array(forms, dtype=np.int64)
            self.form_key[arr[:, 0]] = arr[:, 1]
            self.form_label[arr[:, 0]] = arr[:, 2]
        self._labels = labels or [""]
        self.n_keys = n_keys

        # --- corpus-level merge, on the keys this corpus uses ---------------------
        # (the index is saved with its table: a merge rule living in another module must
        # have that module listed in _BUILD_MODULES so that saved indexes are rebuilt)
        form_used = (
            np.bincount(self.pair_form, minlength=n_forms) > 0 if len(self.pair_form) else np.zeros(n_forms, bool)
        )
        used_forms = np.nonzero(form_used)[0]
        person_label = labels.index(PERSON) if PERSON in labels else -1
        is_person = np.zeros(n_keys, dtype=bool)
        per_key = np.zeros(n_keys)
        used_keys = np.zeros(n_keys, dtype=bool)
        used_keys[self.form_key[used_forms]] = True
        # a person: a key most of whose mentions the NER labelled PERSON ("Labour", labelled PERSON
        # now and then, is an organisation and never a surname to merge)
        if len(self.pair_form):
            mentions = np.bincount(self.pair_form, weights=self.pair_count, minlength=n_forms)[used_forms]
            as_person = np.where(self.form_label[used_forms] == person_label, mentions, 0)
            per_key = np.bincount(self.form_key[used_forms], weights=mentions, minlength=n_keys)
            person_key = np.bincount(self.form_key[used_forms], weights=as_person, minlength=n_keys)
            is_person = person_key * 2 > per_key
        speaker_only = np.zeros(n_keys, dtype=bool)
        spk = self.quote_raw_speaker[self.quote_raw_speaker >= 0]
        speaker_only[spk] = True
        speaker_only &= ~used_keys
        used_keys[spk] = True

        by_norm: dict[str, int] = {}
        by_last: dict[str, int] = {}  # last name token → multi-word PERSON key, -1 if ambiguous
        # keys in alphabetical order: the choice never depends on the order keys were interned in
        multi = sorted(np.nonzero(used_keys & is_person & (ntok >= 2))[0].tolist(), key=self._key_str.__getitem__)
        for kid in multi:
            nm = norm[kid]
            if nm == self._key_str[kid] or nm not in by_norm:
                by_norm[nm] = kid
        for nm, kid in by_norm.items():
            last = nm.rsplit(" ", 1)[-1]
            by_last[last] = kid if last not in by_last else -1
        # surnames merge on the articles' evidence (corpus.speaker_merge), not on the vocabulary alone
        has_speaker = self.quote_raw_speaker >= 0
        merge = merge_speakers(
            self._key_str,
            norm,
            used_keys & is_person & (ntok >= 2),
            used_keys & (is_person | speaker_only),
            np.concatenate([self.pair_article, self.quote_article[has_speaker]]),
            np.concatenate([self.form_key[self.pair_form], self.quote_raw_speaker[has_speaker]]),
            # a surname misspelt beside its full name may carry any label ("Daveport" as an organisation)
            used_keys & (ntok == 1) & ~np.fromiter((n.isupper() for n in self._key_name), bool, count=n_keys),
        )
        _merge_spokespeople(self._key_str, self._key_name, merge.canon, is_person, spk, by_last)
        # an organisation's acronym used alone ("UKIP") is the organisation whose name spells it (the NER calls
        # some acronyms people, "Hefce": an article writing the organisation so is the evidence)
        organisation = used_keys & ~is_person
        # articles naming each key (entity mentions): an organisation the corpus's readers know
        named_in = np.unique(self.pair_article.astype(np.int64) * n_keys + self.form_key[self.pair_form])
        n_articles = np.bincount(named_in % n_keys, minlength=n_keys)
        for short, full in acronym_merges(
            self._key_name,
            used_keys & (ntok == 1),
            organisation & (ntok >= 2),
            per_key,
            self._short_forms_of,
            never_labelled=speaker_only,
            n_articles=n_articles,
        ).items():
            merge.canon[merge.canon == short] = merge.canon[full]
        # one organisation named two ways, one the other written shorter ("Labour", "Labour Party"), with a
        # place in front ("UK Independence Party") or in the other order ("Appeal Court"); a group's adjective
        # ("Tory") under its plural ("Tories")
        group, place = (self._label_share(labels, used_forms, n_keys, lab) for lab in (("NORP",), ("GPE", "LOC")))
        pairs = (
            np.concatenate([self.pair_article, self.quote_article[has_speaker]]),
            np.concatenate([self.form_key[self.pair_form], self.quote_raw_speaker[has_speaker]]),
        )
        merges = variant_merges(
            self._key_name, organisation, per_key, group=group & used_keys, place=place & used_keys, pairs=pairs
        )
        for variant, kept in merges.items():
            merge.canon[merge.canon == variant] = merge.canon[kept]
        self.key_canon = merge.canon
        self._merge = merge  # (what an article itself decided for a surname alone: used by _build_links)
        self.merge_cells, self.merge_targets = merge.cells, merge.targets
        self._key_norm = norm
        self._by_last = by_last

    def _label_share(
        self, labels: list[str], used_forms: np.ndarray, n_keys: int, wanted: tuple[str, ...]
    ) -> np.ndarray:
        """The keys most of whose mentions the NER gave one of the ``wanted`` labels."""
        if not len(self.pair_form):
            return np.zeros(n_keys, dtype=bool)
        mentions = np.bincount(self.pair_form, weights=self.pair_count, minlength=len(self.form_key))[used_forms]
        ids = [labels.index(w) for w in wanted if w in labels]
        hit = np.where(np.isin(self.form_label[used_forms], ids), mentions, 0)
        total = np.bincount(self.form_key[used_forms], weights=mentions, minlength=n_keys)
        return np.bincount(self.form_key[used_forms], weights=hit, minlength=n_keys) * 2 > total

    def _short_forms_of(self, kids: list[int]) -> dict[int, set[str]]:
        """The one-word forms (``corpus.acronyms.fold_short``) the mentions of these keys were written as in
        their articles ("UKIP" for "UK Independence Party"): read from the cache, for a few keys."""
        if self._cache is None or not kids:
            return {}
        fids = np.nonzero(np.isin(self.form_key, np.array(kids, dtype=np.int64)))[0]
        out: dict[int, set[str]] = {}
        for fid, text in self._cache.form_texts(fids.tolist()).items():
            if " " not in text.strip():
                out.setdefault(int(self.form_key[fid]), set()).add(fold_short(text.strip()))
        return out

    def _build_links(self) -> None:
        n, nk = self.n_articles, self.n_keys
        merge = self._merge
        assert merge is not None  # _build_vocabulary ran
        self.pair_key = (
            merge.apply(self.pair_article, self.form_key[self.pair_form])
            if len(self.pair_form)
            else np.zeros(0, np.int32)
        )
        self.quote_speaker = np.where(
            self.quote_raw_speaker >= 0,
            merge.apply(self.quote_article, np.maximum(self.quote_raw_speaker, 0)),
            -1,
        ).astype(np.int32)
        # entity → articles (duplicates from merged keys removed)
        offsets, arts = _postings(self.pair_key, self.pair_article, nk)
        if len(arts):
            seg = np.repeat(np.arange(nk, dtype=np.int32), np.diff(offsets))
            keep = np.ones(len(arts), dtype=bool)
            keep[1:] = (arts[1:] != arts[:-1]) | (seg[1:] != seg[:-1])
            arts, seg = arts[keep], seg[keep]
            counts = np.bincount(seg, minlength=nk)
            offsets = np.zeros(nk + 1, dtype=np.int64)
            np.cumsum(counts, out=offsets[1:])
        self._ent_offsets, self._ent_articles = offsets, arts
        self.key_articles = np.diff(offsets)
        self.key_mentions = (
            np.bincount(self.pair_key, weights=self.pair_count, minlength=nk).astype(np.int64)
            if len(self.pair_key)
            else np.zeros(nk, np.int64)
        )
        attributed = self.quote_speaker >= 0
        spk_keys = self.quote_speaker[attributed]
        self.key_quotes = np.bincount(spk_keys, minlength=nk) if len(spk_keys) else np.zeros(nk, np.int64)
        q_ids = np.nonzero(attributed)[0]
        self._spk_offsets, self._spk_quotes = _postings(spk_keys, q_ids, nk)
        # articles a speaker is quoted in
        self.key_speaker_articles = np.zeros(nk, dtype=np.int64)
        if len(spk_keys):
            pair = np.unique(spk_keys.astype(np.int64) * max(n, 1) + self.quote_article[attributed])
            self.key_speaker_articles = np.bincount(pair // max(n, 1), minlength=nk)
        self.kind_counts = (
            np.bincount(self.quote_kind, minlength=len(QUOTE_KINDS))
            if len(self.quote_kind)
            else np.zeros(len(QUOTE_KINDS), np.int64)
        )
        # key × label mentions, on the used forms only
        n_labels = max(len(self._labels), 1)
        if len(self.pair_form):
            per_form = np.bincount(self.pair_form, weights=self.pair_count, minlength=len(self.form_key))
            used = np.nonzero(per_form)[0]
            kl = self.key_canon[self.form_key[used]].astype(np.int64) * n_labels + self.form_label[used]
            uniq, inv = np.unique(kl, return_inverse=True)
            self._kl_key = (uniq // n_labels).astype(np.int32)
            self._kl_label = (uniq % n_labels).astype(np.int32)
            self._kl_mentions = np.bincount(inv, weights=per_form[used]).astype(np.int64)
            self._used_forms = used
            self._used_form_mentions = per_form[used].astype(np.int64)
        else:
            self._kl_key = self._kl_label = np.zeros(0, np.int32)
            self._kl_mentions = np.zeros(0, np.int64)
            self._used_forms = np.zeros(0, np.int64)
            self._used_form_mentions = np.zeros(0, np.int64)
        # primary label per key: the label with most mentions
        self.key_label = np.full(nk, -1, dtype=np.int32)
        if len(self._kl_key):
            # by key, then mentions ascending, then label name descending: the last write (most
            # mentions, alphabetically first on a tie) wins, whatever order the labels were interned in
            label_rank = self._label_rank()
            order = np.lexsort((-label_rank[self._kl_label], self._kl_mentions, self._kl_key))
            self.key_label[self._kl_key[order]] = self._kl_label[order]  # last write wins = max
        self._resolve_map = None
        self._kl_off = None
        self._key_rank_cache = None
        self._listed_cache = None
        self._spokesperson_cache = None
        self._entity_named_cache = None

    # --- persisted next to an article table on disk -----------------------------

    def _persisted_folder(self, akey: str | None) -> Path | None:
        """Where this index is (or will be) saved: inside the table's folder, named by the
        analysis key and the code that builds it (a changed merge rule rebuilds it)."""
        if self._table.folder is None or not akey:
            return None
        stamps = [INDEX_VERSION, akey]
        for module in _BUILD_MODULES:
            st = Path(module).stat()
            stamps.append(f"{st.st_size}:{st.st_mtime_ns}")
        digest = hashlib.blake2b(repr(stamps).encode(), digest_size=10).hexdigest()
        return self._table.folder / f"index-{digest}"

    def _arrays(self) -> dict[str, np.ndarray]:
        return {
            "analysed": self.analysed,
            "article_words": self.article_words,
            "article_nq": self.article_nq,
            "pair_article": self.pair_article,
            "pair_form": self.pair_form,
            "pair_count": self.pair_count,
            "pair_key": self.pair_key,
            "quote_article": self.quote_article,
            "quote_index": self.quote_index,
            "quote_kind": self.quote_kind,
            "quote_raw_speaker": self.quote_raw_speaker,
            "quote_speaker": self.quote_speaker,
            "form_key": self.form_key,
            "form_label": self.form_label,
            "key_canon": self.key_canon,
            "ent_offsets": self._ent_offsets,
            "ent_articles": self._ent_articles,
            "key_articles": self.key_articles,
            "key_mentions": self.key_mentions,
            "key_quotes": self.key_quotes,
            "spk_offsets": self._spk_offsets,
            "spk_quotes": self._spk_quotes,
            "key_speaker_articles": self.key_speaker_articles,
            "kind_counts": self.kind_counts,
            "kl_key": self._kl_key,
            "kl_label": self._kl_label,
            "kl_mentions": self._kl_mentions,
            "used_forms": self._used_forms,
            "used_form_mentions": self._used_form_mentions,
            "key_label": self.key_label,
            "merge_cells": self.merge_cells,
            "merge_targets": self.merge_targets,
        }

    def _save(self, folder: Path) -> None:
        """Save the built arrays (atomically: a temporary folder renamed into place).
        A store on a read-only disk simply builds the index at every open."""
        tmp = folder.with_name(f".{folder.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            tmp.mkdir()
            arrays = self._arrays()
            for name, array in arrays.items():
                np.save(tmp / f"{name}.npy", np.ascontiguousarray(array))
            extra = {"n_keys": self.n_keys, "labels": self._labels, "by_last": self._by_last, "arrays": list(arrays)}
            (tmp / "index.json").write_bytes(orjson.dumps(extra))
            os.replace(tmp, folder)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)

    def _load(self, folder: Path, vocabulary: tuple[list, list, list]) -> bool:
        """Map a saved index (False when there is none or it is unreadable: build it)."""
        try:
            extra = orjson.loads((folder / "index.json").read_bytes())
            a = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in extra["arrays"]}
            self._assign(a)
        except (OSError, ValueError, KeyError):
            return False
        self.n_keys = int(extra["n_keys"])
        self._labels = list(extra["labels"])
        self._by_last = {str(k): int(v) for k, v in extra["by_last"].items()}
        # the key strings: the cache's vocabulary only grows, ids never change
        self._key_str = [""] * self.n_keys
        self._key_name = [""] * self.n_keys
        self._key_norm = [""] * self.n_keys
        for kid, key, name, norm, _ntok in vocabulary[0]:
            if kid < self.n_keys:
                self._key_str[kid], self._key_name[kid], self._key_norm[kid] = key, name, norm
        return True

    def _assign(self, a: dict[str, np.ndarray]) -> None:
        """The arrays of ``_arrays`` back in place (a KeyError when one is missing)."""
        self.analysed, self.article_words, self.article_nq = a["analysed"], a["article_words"], a["article_nq"]
        self.pair_article, self.pair_form, self.pair_count = a["pair_article"], a["pair_form"], a["pair_count"]
        self.pair_key = a["pair_key"]
        self.quote_article, self.quote_index, self.quote_kind = a["quote_article"], a["quote_index"], a["quote_kind"]
        self.quote_raw_speaker, self.quote_speaker = a["quote_raw_speaker"], a["quote_speaker"]
        self.form_key, self.form_label, self.key_canon = a["form_key"], a["form_label"], a["key_canon"]
        self._ent_offsets, self._ent_articles = a["ent_offsets"], a["ent_articles"]
        self.key_articles, self.key_mentions, self.key_quotes = a["key_articles"], a["key_mentions"], a["key_quotes"]
        self._spk_offsets, self._spk_quotes = a["spk_offsets"], a["spk_quotes"]
        self.key_speaker_articles, self.kind_counts = a["key_speaker_articles"], a["kind_counts"]
        self._kl_key, self._kl_label, self._kl_mentions = a["kl_key"], a["kl_label"], a["kl_mentions"]
        self._used_forms, self._used_form_mentions = a["used_forms"], a["used_form_mentions"]
        self.key_label = a["key_label"]
        self.merge_cells, self.merge_targets = a["merge_cells"], a["merge_targets"]

    # --- articles ------------------------------------------------------------

    def meta(self, row: int) -> ArticleMeta:
        row = int(row)
        t = self._table
        return ArticleMeta(
            t.strings["id"][row] or "",
            t.strings["title"][row] or "",
            t.strings["date"][row],
            t["source"][row],
            int(self.article_nq[row]),
            int(self.article_words[row]),
        )

    def article_id(self, row: int) -> str:
        return self._table.strings["id"][int(row)] or ""

    def row_of(self, article_id: str) -> int | None:
        return self._table.row_of(article_id)

    def all_rows(self) -> np.ndarray:
        return np.arange(self.n_articles, dtype=np.int64)

    def sort(
        self, rows: Sequence[int] | np.ndarray | None = None, key: str = "date", reverse: bool = False
    ) -> np.ndarray:
        rows = self.all_rows() if rows is None else np.asarray(rows, dtype=np.int64)
        values: np.ndarray
        if key in ("date", "source", "title", "id"):
            # dense ranks precomputed with the table: an integer sort, whatever the subset
            values = np.asarray(self._table.ranks[key][rows], dtype=np.int64)
        elif key == "quotes":
            values = np.asarray(self.article_nq[rows], dtype=np.int64)
        elif key == "words":
            values = np.asarray(self.article_words[rows], dtype=np.int64)
        else:
            raise ValueError(f"unknown sort key {key!r}; one of {', '.join(SORT_KEYS)}")
        # stable: ties keep row order, also when reversed
        order = np.argsort(-values if reverse else values, kind="stable")
        return rows[order]

    # --- filters -------------------------------------------------------------

    def search(self, text: str) -> np.ndarray:
        """Rows whose title or text contain every word of ``text`` (FTS5 on disk)."""
        if not text or not text.strip() or self._cache is None:
            return self.all_rows() if not (text or "").strip() else np.zeros(0, np.int64)
        docs = self._cache.search_docs(text)
        return np.nonzero(np.isin(self.article_doc, docs))[0].astype(np.int64)

    def _key_id(self, name: str | None) -> int:
        if not name:
            return -1
        key = self.resolve(name)
        if key is None:
            return -2
        return self._canon_of_key(key)

    def _canon_of_key(self, key: str) -> int:
        self._ensure_resolve()
        kid = self._resolve_map.get(key, -2)  # type: ignore[union-attr]
        return int(self.key_canon[kid]) if kid >= 0 else -2

    def entity_rows(self, name: str) -> np.ndarray:
        kid = self._key_id(name)
        if kid < 0:
            return np.zeros(0, np.int64)
        return self._ent_articles[self._ent_offsets[kid] : self._ent_offsets[kid + 1]].astype(np.int64)

    def _speaker_quotes(self, name: str) -> np.ndarray:
        kid = self._key_id(name)
        if kid < 0:
            return np.zeros(0, np.int64)
        return self._spk_quotes[self._spk_offsets[kid] : self._spk_offsets[kid + 1]]

    def _kind_code(self, kind: str) -> int:
        try:
            return QUOTE_KINDS.index(kind)
        except ValueError:
            raise ValueError(f"unknown quote kind {kind!r}; one of {', '.join(QUOTE_KINDS)}") from None

    def filter(
        self,
        search: str | None = None,
        entity: str | None = None,
        speaker: str | None = None,
        kind: str | None = None,
        rows: Sequence[int] | np.ndarray | None = None,
        *,
        source: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> np.ndarray:
        """Rows (sorted) matching every given filter. ``date_from``/``date_to``: ISO prefixes,
        inclusive ("2020-11" covers the month); undated articles never match a date filter."""
        mask = np.ones(self.n_articles, dtype=bool)
        if source is not None:
            code = self.source_names.index(source) if source in self.source_names else -2
            mask &= self.article_source == code
        if date_from:
            mask &= (self.article_date >= date_from) & (self.article_date != "")
        if date_to:
            mask &= (self.article_date <= date_to + "\uffff") & (self.article_date != "")
        if rows is not None:
            keep = np.zeros(self.n_articles, dtype=bool)
            keep[np.asarray(rows, dtype=np.int64)] = True
            mask &= keep
        if entity:
            m = np.zeros(self.n_articles, dtype=bool)
            m[self.entity_rows(entity)] = True
            mask &= m
        if speaker or kind:
            q = self._quote_mask(speaker=speaker, kind=kind)
            m = np.zeros(self.n_articles, dtype=bool)
            m[self.quote_article[q]] = True
            mask &= m
        if search and search.strip():
            m = np.zeros(self.n_articles, dtype=bool)
            m[self.search(search)] = True
            mask &= m
        return np.nonzero(mask)[0].astype(np.int64)

    def _quote_mask(self, speaker: str | None = None, kind: str | None = None) -> np.ndarray:
        q = np.ones(len(self.quote_article), dtype=bool)
        if speaker:
            m = np.zeros(len(q), dtype=bool)
            m[self._speaker_quotes(speaker)] = True
            q &= m
        if kind:
            q &= self.quote_kind == self._kind_code(kind)
        return q

    def quotes(
        self,
        speaker: str | None = None,
        entity: str | None = None,
        kind: str | None = None,
        search: str | None = None,
        rows: Sequence[int] | np.ndarray | None = None,
    ) -> list[QuoteRef]:
        """Quotes matching every given filter, in article row order then text order.

        ``entity`` and ``rows`` restrict the articles; ``search`` keeps quotes whose own
        text contains every word of it (case-insensitive), looked up in the articles FTS
        finds.
        """
        q = self._quote_mask(speaker=speaker, kind=kind)
        if entity or rows is not None or (search and search.strip()):
            art = self.filter(entity=entity, rows=rows, search=search)
            m = np.zeros(self.n_articles, dtype=bool)
            m[art] = True
            q &= m[self.quote_article]
        picked = np.nonzero(q)[0]
        if search and search.strip() and len(picked) and self._cache is not None:
            words = [w.casefold() for w in re.findall(r"\w+", search)]
            aids = np.unique(self.article_aid[self.quote_article[picked]])
            payloads = self._cache.payloads(aids.tolist())
            keep = []
            for qi in picked.tolist():
                a = payloads.get(int(self.article_aid[self.quote_article[qi]]))
                if a is None:
                    continue
                text = a.quotes[int(self.quote_index[qi])].text.casefold()
                if all(w in text for w in words):
                    keep.append(qi)
            picked = np.asarray(keep, dtype=np.int64)
        return self._refs(picked)

    def _refs(self, picked: np.ndarray) -> list[QuoteRef]:
        out: list[QuoteRef] = []
        roles = self._spokespeople()  # a spokesperson under the name the lists give it
        suffix_cache: dict[int, list[str]] = {}
        for qi in picked.tolist():
            row = int(self.quote_article[qi])
            aid = int(self.article_aid[row])
            suffixes = suffix_cache.get(aid)
            if suffixes is None:
                suffixes = self._cache.quote_id_suffixes(aid) if self._cache is not None else []
                suffix_cache[aid] = suffixes
            index = int(self.quote_index[qi])
            suffix = suffixes[index] if index < len(suffixes) else f"#{index}"
            spk = int(self.quote_speaker[qi])
            out.append(
                QuoteRef(
                    row,
                    index,
                    self.article_id(row) + suffix,
                    QUOTE_KINDS[int(self.quote_kind[qi])],
                    self._key_str[spk] if spk >= 0 else None,
                    roles.get(spk, self._key_name[spk]) if spk >= 0 else None,
                )
            )
        return out

    def quote_count(self, kind: str | None = None) -> int:
        return int(self.kind_counts[self._kind_code(kind)]) if kind else int(len(self.quote_kind))

    # --- entities and speakers ------------------------------------------------------

    def _ensure_resolve(self) -> None:
        if self._resolve_map is not None:
            return
        mapping: dict[str, int] = {}
        # keys this corpus uses: entity keys, speaker keys
        used = np.zeros(self.n_keys, dtype=bool)
        used[self.form_key[self._used_forms]] = True
        used[self.quote_raw_speaker[self.quote_raw_speaker >= 0]] = True
        for kid in np.nonzero(used)[0].tolist():
            mapping.setdefault(self._key_str[kid], kid)
            nm = self._key_norm[kid]
            if nm:
                mapping.setdefault(nm, int(self.key_canon[kid]))
        # a spokesperson by the name the lists give it ("Tony Blair's spokesman")
        for kid, name in self._spokespeople().items():
            mapping.setdefault(entity_key(name), kid)
        self._resolve_map = mapping

    def resolve(self, name: str) -> str | None:
        """A typed name, variant or key → the canonical key of the corpus (case-insensitive)."""
        if not name:
            return None
        # "PM Trudeau", "Mr Blair": the person, not a title+surname key of its own ("Mr Blair and Mr Brown"
        # is no title in front of "Blair and Mr Brown")
        bare = strip_titles(name.strip())
        if bare != name.strip() and coordinated_names(name) is None:
            found = self.resolve(bare)
            if found is not None:
                return found
        self._ensure_resolve()
        mapping = self._resolve_map
        assert mapping is not None
        tokens = name_tokens(name)
        for candidate in (entity_key(name), " ".join(tokens), name.strip().lower()):
            kid = mapping.get(candidate)
            if kid is not None:
                return self._key_str[int(self.key_canon[kid])]
        # a surface form seen in the corpus ("Huawei" for "Huawei Technologies"): the key it
        # was most often a mention of
        if self._cache is not None and len(self._used_forms):
            fids = np.asarray(self._cache.forms_with_text(name.strip()), dtype=np.int64)
            pos = np.searchsorted(self._used_forms, fids)
            pos = np.minimum(pos, len(self._used_forms) - 1)
            hit = self._used_forms[pos] == fids if len(fids) else np.zeros(0, bool)
            if hit.any():
                best = pos[hit][np.argmax(self._used_form_mentions[pos[hit]])]
                return self._key_str[int(self.key_canon[self.form_key[self._used_forms[best]]])]
        # a surname alone: the one multi-word person of the corpus with it
        if len(tokens) == 1:
            kid = self._by_last.get(tokens[0], -1)
            if kid >= 0:
                return self._key_str[int(self.key_canon[kid])]
        return None

    def entities(self, label: str | None = None, top: int | None = None) -> list[EntityStat]:
        """Corpus entities (canonical keys), most articles first (then most mentions)."""
        cand = np.nonzero((self.key_articles > 0) & self._entity_named())[0]
        if label:
            try:
                lid = self._labels.index(label.upper())
            except ValueError:
                return []
            cand = cand[self.key_label[cand] == lid]
        return self._entity_stats(self._ranked_keys(cand, self.key_articles, self.key_mentions, top))

    def entity(self, name: str) -> EntityStat | None:
        kid = self._key_id(name)
        return self._entity_stats([kid])[0] if kid >= 0 else None

    def _ensure_groups(self) -> None:
        """Labels and surface forms grouped by canonical key (offset arrays), built on first use."""
        if self._kl_off is not None:
            return
        keys = np.arange(self.n_keys + 1)
        self._kl_off = np.searchsorted(self._kl_key, keys)  # _kl_key is sorted (np.unique)
        ukeys = self.key_canon[self.form_key[self._used_forms]] if len(self._used_forms) else np.zeros(0, np.int32)
        order = np.argsort(ukeys, kind="stable")
        self._uf_forms = self._used_forms[order]
        self._uf_mentions = self._used_form_mentions[order]
        self._uf_off = np.searchsorted(ukeys[order], keys)

    def _key_rank(self) -> np.ndarray:
        """Alphabetical rank of every key: ties in the lists break by key, not by the order
        in which an ingest happened to intern the keys (which depends on worker timing)."""
        if self._key_rank_cache is None:
            rank = np.empty(self.n_keys, dtype=np.int64)
            rank[np.argsort(np.array(self._key_str, dtype=object), kind="stable")] = np.arange(self.n_keys)
            self._key_rank_cache = rank
        return self._key_rank_cache

    def _label_rank(self) -> np.ndarray:
        rank = np.empty(len(self._labels), dtype=np.int64)
        rank[np.argsort(np.array(self._labels, dtype=object), kind="stable")] = np.arange(len(self._labels))
        return rank

    def _entity_stats(self, kids: list[int]) -> list[EntityStat]:
        self._ensure_groups()
        assert self._kl_off is not None
        label_rank = self._label_rank()
        spans = [(int(self._uf_off[k]), int(self._uf_off[k + 1])) for k in kids]
        wanted = [f for a, b in spans for f in self._uf_forms[a:b].tolist()]
        texts = self._cache.form_texts(wanted) if (self._cache is not None and wanted) else {}
        out = []
        for kid, (a, b) in zip(kids, spans, strict=False):
            la, lb = int(self._kl_off[kid]), int(self._kl_off[kid + 1])
            mentions = self._kl_mentions[la:lb]
            labels = tuple(
                self._labels[i]
                for i in self._kl_label[la:lb][np.lexsort((label_rank[self._kl_label[la:lb]], -mentions))].tolist()
            )
            variants: dict[str, int] = {}
            for f, c in zip(self._uf_forms[a:b].tolist(), self._uf_mentions[a:b].tolist(), strict=False):
                t = texts.get(f)
                if t:
                    variants[t] = variants.get(t, 0) + c
            label = self._labels[self.key_label[kid]] if self.key_label[kid] >= 0 else ""
            out.append(
                EntityStat(
                    self._key_str[kid],
                    self._key_name[kid],
                    label,
                    labels,
                    tuple(sorted(variants, key=lambda v: (-variants[v], v))),
                    int(self.key_articles[kid]),
                    int(self.key_mentions[kid]),
                    int(self.key_quotes[kid]),
                )
            )
        return out

    def article_key(self, row: int, key: str) -> tuple[str, str] | None:
        """(key, name) the corpus gives a key of article ``row`` after the corpus-level merge, which may
        have decided for that article alone ("Blair" there is Tony Blair); None for a key it never saw."""
        if self._kid_of is None:
            self._kid_of = {k: i for i, k in enumerate(self._key_str) if k}
        kid = self._kid_of.get(key)
        if kid is None:
            return None
        canon = int(self.key_canon[kid])
        if len(self.merge_cells):
            cell = row * self.n_keys + kid
            pos = min(int(np.searchsorted(self.merge_cells, cell)), len(self.merge_cells) - 1)
            if int(self.merge_cells[pos]) == cell:
                canon = int(self.merge_targets[pos])
        return self._key_str[canon], self._key_name[canon]

    def _listed(self) -> np.ndarray:
        """Which keys the speaker lists show (``corpus.listed_speakers``): people, organisations and groups,
        not places, things or descriptions; a person's spokesperson under the person's name; no coordination
        of people or of groups ("Mr Blair and Mr Brown", "Labour and Tories": several speakers, each listed
        where quoted alone). Every quote keeps its speaker; filters find them all."""
        if self._listed_cache is None:
            listed = np.zeros(self.n_keys, dtype=bool)
            roles = self._spokespeople()
            for k in np.nonzero(self.key_quotes > 0)[0].tolist():
                label = self._labels[self.key_label[k]] if self.key_label[k] >= 0 else ""
                name = self._key_name[k] or self._key_str[k]
                listed[k] = k in roles or (
                    is_listed_speaker(name, label) and not self._names_people(name) and not self._names_groups(name)
                )
            one_word = [k for k in np.nonzero(listed)[0].tolist() if k not in roles and " " not in self._key_str[k]]
            listed[self._written_in_lower_case(one_word)] = False
            self._listed_cache = listed
        return self._listed_cache

    def _written_in_lower_case(self, kids: list[int]) -> list[int]:
        """Of one-word speaker keys, those the quotes mostly write in lower case: a common noun ("the party",
        "police", "the research" said), a description of someone, not their name, though the key's display
        name is capitalised (a sentence opened with it, or the NER took it for a name elsewhere). The speaker
        names are the extractor's, read from the analyses of a key's first ``LOWER_CASE_SAMPLE`` quotes (a few
        articles per key, whatever the corpus's size)."""
        if self._cache is None or not kids:
            return []
        spans = {
            k: self._spk_quotes[
                self._spk_offsets[k] : min(self._spk_offsets[k + 1], self._spk_offsets[k] + LOWER_CASE_SAMPLE)
            ]
            for k in kids
        }
        rows = np.unique(np.concatenate([self.quote_article[q] for q in spans.values()]))
        payloads = self._cache.payloads(self.article_aid[rows].tolist())
        out = []
        for k, quotes in spans.items():
            lower = 0
            for qi in quotes.tolist():
                found = payloads.get(int(self.article_aid[int(self.quote_article[qi])]))
                index = int(self.quote_index[qi])
                if found is not None and index < len(found.quotes):
                    name = found.quotes[index].speaker_name or ""
                    lower += name[:1].islower()
            if lower * 2 >= len(quotes):
                out.append(k)
        return out

    def _entity_named(self) -> np.ndarray:
        """Which keys the entity lists show: names (``corpus.listed_speakers.is_entity_name``), not a phrase
        around one ("Commons after Mr Brown") nor a coordination of people ("Both Mr Brown and Mr Blair")."""
        if self._entity_named_cache is None:
            named = np.zeros(self.n_keys, dtype=bool)
            for k in np.nonzero(self.key_articles > 0)[0].tolist():
                name = self._key_name[k] or self._key_str[k]
                named[k] = is_entity_name(name) and not self._names_people(name)
            self._entity_named_cache = named
        return self._entity_named_cache

    def _person_label(self) -> int:
        return self._labels.index(PERSON) if PERSON in self._labels else -2

    def _names_people(self, name: str) -> bool:
        """Whether a name is a coordination of people: every conjunct has a title in front ("Mr Brown",
        "Lord Justice Rix") or is a person of this corpus ("Brown" of "Brown/Blair")."""
        parts = coordinated_names(name)
        if parts is None:
            return False
        person = self._person_label()
        for part in parts:
            words = part.lower().split()
            if (len(words) > 1 and words[0].rstrip(".") in _TITLES) or words[0] in _TITLES_ALONE:
                continue
            owner = self._owner_key(part, self.key_canon)
            if owner < 0 or int(self.key_label[owner]) != person:
                return False
        return True

    def _names_groups(self, name: str) -> bool:
        """Whether a name is a coordination of groups, organisations, people or places of this corpus ("Labour
        and Tories", "Conservatives and Lib Dems", "South Korea and Japan"): every conjunct an entity the NER
        labelled a person, an organisation, a group or a place in its articles. ("Department of Trade and
        Industry": "Department of Trade" is no entity of the corpus, the name is one.)"""
        parts = coordinated_names(name)
        if parts is None:
            return False
        if self._kid_of is None:
            self._kid_of = {k: i for i, k in enumerate(self._key_str) if k}
        for part in parts:
            kid = self._kid_of.get(entity_key(part), -1)
            if kid < 0:
                return False
            kid = int(self.key_canon[kid])
            label = self._labels[self.key_label[kid]] if self.key_label[kid] >= 0 else ""
            if self.key_articles[kid] == 0 or label not in SPEAKING_LABELS and label not in ("GPE", "LOC"):
                return False  # (places too: "South Korea and Japan" are several, each listed where alone)
        return True

    def _owner_key(self, name: str, canon: np.ndarray) -> int:
        """The canonical key of a person named inside a longer name (``_person_key``)."""
        if self._kid_of is None:
            self._kid_of = {k: i for i, k in enumerate(self._key_str) if k}
        return _person_key(name, self._kid_of, self._by_last, canon)

    def _spokespeople(self) -> dict[int, str]:
        """Speaker key → its list name when it is a person's spokesperson ("Tony Blair's spokesman"): the
        key ``_merge_spokespeople`` kept for that owner and role, the owner a person of the corpus."""
        if self._spokesperson_cache is None:
            out: dict[int, str] = {}
            person = self._person_label()
            for k in np.nonzero(self.key_quotes > 0)[0].tolist():
                found = spokesperson_of(self._key_name[k] or self._key_str[k])
                if found is None:
                    continue
                owner = self._owner_key(found[0], self.key_canon)
                if owner >= 0 and int(self.key_label[owner]) == person:
                    out[k] = f"{self._key_name[owner] or self._key_str[owner]}'s {found[1]}"
            self._spokesperson_cache = out
        return self._spokesperson_cache

    def is_listed_speaker(self, key: str | None) -> bool:
        """Whether the speaker lists show this speaker key (a key the corpus does not know: yes, it is the
        user's)."""
        kid = self._canon_of_key(key) if key else -1
        return kid < 0 or bool(self._listed()[kid])

    def speakers(self, top: int | None = None) -> list[SpeakerStat]:
        cand = np.nonzero((self.key_quotes > 0) & self._listed())[0]
        ranked = self._ranked_keys(cand, self.key_quotes, self.key_speaker_articles, top)
        roles = self._spokespeople()
        return [
            SpeakerStat(
                self._key_str[k],
                roles.get(k, self._key_name[k]),
                int(self.key_quotes[k]),
                int(self.key_speaker_articles[k]),
            )
            for k in ranked
        ]

    def _ranked_keys(self, cand: np.ndarray, first: np.ndarray, second: np.ndarray, top: int | None) -> list[int]:
        """Keys ``cand`` by ``first`` then ``second``, both descending, ties by key; the ``top``
        first. With a ``top`` smaller than the list (a palette's first names), only the keys
        that can be among them are sorted: those scoring at least the ``top``-th (all tied
        with it included, so the ties still break by key)."""
        if top is not None and top < len(cand):
            if top <= 0:
                return []
            score = first[cand].astype(np.int64) * (int(second[cand].max(initial=0)) + 1) + second[cand]
            kth = np.partition(score, len(score) - top)[len(score) - top]
            cand = cand[score >= kth]
            keys = self._key_str
            ordered = sorted(cand.tolist(), key=lambda k: (-int(first[k]), -int(second[k]), keys[k]))
            return ordered[:top]
        order = np.lexsort((self._key_rank()[cand], -second[cand], -first[cand]))
        return [int(k) for k in cand[order]]

    # --- corpus statistics ------------------------------------------------------

    @property
    def n_words(self) -> int:
        return int(self.article_words.sum())

    @property
    def n_quotes(self) -> int:
        return int(len(self.quote_kind))

    def quotes_by_kind(self) -> dict[str, int]:
        return {k: int(self.kind_counts[i]) for i, k in enumerate(QUOTE_KINDS)}

    def articles_per_source(self) -> dict[str, int]:
        counts = np.bincount(self.article_source + 1, minlength=len(self.source_names) + 1)
        out = {name: int(counts[i + 1]) for i, name in enumerate(self.source_names)}
        if counts[0]:
            out["(none)"] = int(counts[0])
        return dict(sorted(out.items(), key=lambda kv: -kv[1]))

    def articles_per_month(self) -> dict[str, int]:
        """Articles per YYYY-MM; dates in another form are counted together, not cut into
        bogus "months" ("Nov 19,")."""
        months = self.article_date.astype("U7")
        uniq, counts = np.unique(months, return_counts=True)
        out: dict[str, int] = {}
        for month, n in zip(uniq.tolist(), counts.tolist(), strict=False):
            label = month if _MONTH.fullmatch(month) else ("(undated)" if not month else "(other date formats)")
            out[label] = out.get(label, 0) + int(n)
        return dict(sorted(out.items(), key=lambda kv: (kv[0].startswith("("), kv[0])))


# Titles that make a person of the name after them ("Mr Brown", "Lord Justice Rix"), in a coordination.
# How many of a one-word speaker's quotes tell whether the articles write it in lower case (a common noun).
LOWER_CASE_SAMPLE = 3
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lady", "lord", "baroness", "baron"})
# Titles that name one person alone ("the Queen", "the Duke of Edinburgh").
_TITLES_ALONE = frozenset({"queen", "king", "prince", "princess", "duke", "duchess", "earl", "countess"})


def _person_key(name: str, kid_of: dict[str, int], by_last: dict[str, int], canon: np.ndarray) -> int:
    """The canonical key of a person named inside a longer name ("Mr Blair" of "Mr Blair's spokesman"): the
    key of that name, titles dropped or not, after the corpus merge; a surname no article used alone, the
    only multi-word person of the corpus with it; -1 when there is none."""
    for candidate in (entity_key(strip_titles(name)), entity_key(name)):
        kid = kid_of.get(candidate)
        if kid is not None:
            return int(canon[kid])
    tokens = name_tokens(name)
    kid = by_last.get(tokens[0], -1) if len(tokens) == 1 else -1
    return int(canon[kid]) if kid >= 0 else -1


def _merge_spokespeople(
    key_str: list[str],
    key_name: list[str],
    canon: np.ndarray,
    is_person: np.ndarray,
    speakers: np.ndarray,
    by_last: dict[str, int],
) -> None:
    """One key per person and spokesperson role: "Mr Blair's official spokesman", "A spokesman for Mr
    Blair" and "Tony Blair's spokesman" all map (``canon``, in place) to one of them when their owners are
    one person after the corpus merge; two owners never share a key. The lists name it after the owner
    (``CorpusIndex._spokespeople``)."""
    kid_of = {k: i for i, k in enumerate(key_str) if k}
    groups: dict[tuple[int, str], list[int]] = {}
    for k in np.unique(speakers).tolist():
        if int(canon[k]) != k:
            continue
        found = spokesperson_of(key_name[k] or key_str[k])
        if found is None:
            continue
        owner = _person_key(found[0], kid_of, by_last, canon)
        if owner >= 0 and is_person[owner]:
            groups.setdefault((owner, found[1]), []).append(k)
    for kids in groups.values():
        keep = min(kids, key=key_str.__getitem__)  # alphabetical: never the order keys were interned in
        for k in kids:
            canon[k] = keep


__all__ = ["ArticleMeta", "CorpusIndex", "EntityStat", "QuoteRef", "SpeakerStat", "SORT_KEYS"]
