"""``Workspace.open``: the one entry point of the command line and the TUI.

load the corpus → hash → ingest what the cache lacks (with progress) → build the
index. Re-opening an unchanged corpus skips the first three: the store keeps a
snapshot of the corpus (file manifest: path, size, mtime of every corpus file and
of the reader; the article table as columns), so an unchanged corpus is neither
read nor hashed and spaCy is not loaded; only the cache's compact facets are read
and the index built.

Progress: ``progress(done, total, words)`` while analysing (see
``store.ingest.ProgressCallback``), ``status(message)`` for the phases; both run in
the calling thread. ``cancel`` (a ``threading.Event``) stops an ingest between
batches; finished batches stay in the cache.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from corpus.models import Analysis, Article, Quote, count_words, text_hash
from corpus.wording import plural
from store.adopt import adopt_store, copy_analyses
from store.cache import AnalysisCache
from store.columns import ArticleTable, load_table, save_table
from store.index import CorpusIndex
from store.ingest import IngestReport, ProgressCallback, cached_analysis_key
from store.ingest import ingest as run_ingest
from store.paths import corpus_key, locate
from store.shard import DEFAULT_MAX_CHARS

if TYPE_CHECKING:
    from corpus.readers import LoadReport
    from store.annotations import AnnotationStore

StatusCallback = Callable[[str], object]
SNAPSHOT_VERSION = 1


def corpus_manifest(paths: Sequence[Path], text_column: str | None) -> list[Any]:
    """What identifies the corpus as read: every corpus file's size and mtime, the reader's too."""
    from corpus import readers

    stamp = Path(readers.__file__).stat()
    entries: list[Any] = [SNAPSHOT_VERSION, text_column, [stamp.st_size, stamp.st_mtime_ns]]
    for root in paths:
        # resolved: `news/` from one folder and `/home/me/news` from another are one corpus
        root = root.resolve()
        if not root.exists():
            entries.append([str(root), None, None])
            continue
        for f in readers.iter_corpus_files([root]):
            try:
                st = f.stat()
            except OSError:
                entries.append([str(f), None, None])
                continue
            entries.append([str(f), st.st_size, st.st_mtime_ns])
    return entries


def _cached_report(problems: list[dict], n_files: int, n_articles: int) -> LoadReport:
    from corpus.readers import LoadReport, Problem

    class CachedLoadReport(LoadReport):
        """The load report of a corpus opened from its snapshot: problems and counts, no texts
        (``Workspace.article`` reads an article from the cache)."""

        def summary(self) -> str:
            return (
                f"{plural(n_articles, 'article')} from {plural(self.n_files, 'file')} (unchanged since the "
                f"last ingest); {self.n_skipped:,} skipped, {plural(self.n_warned, 'warning')}"
            )

    return CachedLoadReport(
        articles=[],
        problems=[Problem(p["path"], p["line"], p["message"], p["skipped"]) for p in problems],
        n_files=n_files,
    )


class Workspace:
    """An opened corpus: its store, cache, index, and access to articles and analyses."""

    def __init__(
        self,
        corpus_paths: list[Path],
        store_dir: Path,
        cache: AnalysisCache,
        columns: ArticleTable,
        akey: str | None,
        index: CorpusIndex,
        load_report: LoadReport,
        ingest_report: IngestReport | None,
        from_snapshot: bool,
        *,
        root: Path | None = None,
    ) -> None:
        self.corpus_paths = corpus_paths
        self.store_dir = store_dir
        # the folder the store belongs to; .txt article ids are relative to it (store.paths)
        self.root = root if root is not None else store_dir.parent
        # what opening did that the user should be told (a nested store adopted, …)
        self.notices: list[str] = []
        self.cache = cache
        self.analysis_key = akey
        self.index = index
        self.load_report = load_report
        self.ingest_report = ingest_report
        self.from_snapshot = from_snapshot  # True: opened without reading the corpus files
        self._columns = columns
        self._annotations: AnnotationStore | None = None
        self._lock = threading.Lock()

    # --- opening ------------------------------------------------------------

    @classmethod
    def open(
        cls,
        corpus_paths: Sequence[str | Path] | str | Path,
        store_dir: str | Path | None = None,
        model: str | None = None,
        text_column: str | None = None,
        ingest: bool = True,
        progress: ProgressCallback | None = None,
        *,
        status: StatusCallback | None = None,
        cancel: threading.Event | None = None,
        workers: int | None = None,
        retry_failed: bool = False,
        max_chars: int = DEFAULT_MAX_CHARS,
        batch_size: int | None = None,
        reload: bool = False,
        cluster: str | None = None,
        shard_dir: str | Path | None = None,
    ) -> Workspace:
        """Open (and, with ``ingest``, analyse what is missing of) a corpus. See the module docstring.

        ``reload`` ignores the snapshot and reads the corpus files again. ``cluster`` /
        ``shard_dir``: analyse on a Dask cluster (see ``store.ingest.ingest``).
        """
        if isinstance(corpus_paths, (str, Path)):
            corpus_paths = [corpus_paths]
        paths = [Path(p).expanduser() for p in corpus_paths]
        say = status or (lambda _msg: None)
        where = locate(paths, store_dir)
        store, root = where.store, where.root
        cache = AnalysisCache(store)
        # the ids depend on the root (see store.paths): a snapshot is per (paths, root)
        ckey = f"{corpus_key(paths)}:{text_column or ''}:{root}"
        # analyses first, so that the ingest below reuses them; annotations once the ids are known
        copied = {}
        if where.nested:
            say("Adopting the analyses of nested stores…")
            copied = {nested: copy_analyses(nested, cache) for nested in where.nested}

        say("Checking the corpus files…")
        manifest = corpus_manifest(paths, text_column)
        snapshot = None if reload or retry_failed else cache.load_corpus(ckey)
        if snapshot is not None and snapshot["manifest"] == manifest and snapshot["columns"].get("complete"):
            akey = cached_analysis_key(model, cache)
            table = load_table(store, snapshot["columns"]) if akey == snapshot["akey"] else None
            if akey is not None and table is not None:
                say("Building the index…")
                index = CorpusIndex.build(table, cache, akey)
                report = _cached_report(snapshot["problems"], snapshot["n_files"], table.n)
                ws = cls(paths, store, cache, table, akey, index, report, None, True, root=root)
                return ws._adopt(copied)

        from corpus.readers import load_corpus

        say("Reading the corpus…")
        load_report = load_corpus(paths, text_column=text_column, root=root)
        articles = load_report.articles
        hashes = [text_hash(a.text) for a in articles]
        ingest_report: IngestReport | None = None
        if ingest:
            say("Analysing…")
            ingest_report = run_ingest(
                articles,
                store,
                model=model,
                workers=workers,
                progress=progress,
                cancel=cancel,
                cache=cache,
                hashes=hashes,
                batch_size=batch_size,
                max_chars=max_chars,
                retry_failed=retry_failed,
                cluster=cluster,
                shard_dir=shard_dir,
            )
            akey = ingest_report.analysis_key
        else:
            akey = cached_analysis_key(model, cache)
        say("Indexing…")
        analysed = cache.analysed_hashes(akey) if akey else {}
        texts = {h: a.text for a, h in zip(articles, hashes, strict=False)}
        docs = cache.doc_ids([(h, a.title) for a, h in zip(articles, hashes, strict=False)], texts)
        del texts
        complete = bool(ingest and ingest_report is not None and not ingest_report.interrupted)
        aids = [analysed.get(h, -1) for h in hashes]
        columns: dict[str, Any] = {
            "id": [a.id for a in articles],
            "title": [a.title for a in articles],
            "date": [a.date for a in articles],
            "source": [a.source for a in articles],
            "url": [a.url for a in articles],
            "origin": [a.origin for a in articles],
            "line": [a.line for a in articles],
            "title_derived": [a.title_derived for a in articles],
            "hash": hashes,
            "aid": aids,
            # Words of the articles without an analysis (failed, not ingested yet): the
            # analysis counts the others, and a snapshot open never reads the texts.
            "words": [count_words(a.text) if aid < 0 else -1 for a, aid in zip(articles, aids, strict=False)],
            "doc": docs,
            "complete": complete,
        }
        problems = [
            {"path": p.path, "line": p.line, "message": p.message, "skipped": p.skipped} for p in load_report.problems
        ]
        # the article table goes to memory-mapped files; the corpora row keeps a reference
        table, reference = save_table(store, ckey, columns)
        del columns
        cache.save_corpus(ckey, manifest, akey, reference, problems, load_report.n_files)
        index = CorpusIndex.build(table, cache, akey)
        ws = cls(paths, store, cache, table, akey, index, load_report, ingest_report, False, root=root)
        return ws._adopt(copied)

    def _adopt(self, nested: dict[Path, int]) -> Workspace:
        """Adopt the nested stores (see ``store.adopt``; their analyses already copied, so
        many per store); each says what it did in ``notices``."""
        c = self._columns
        for folder, n in nested.items():
            done = adopt_store(folder, self.root, self.cache, self.annotations, c["id"], c["hash"], copied=n)
            if done is not None:
                self.notices.append(done.message())
        return self

    # --- articles and analyses --------------------------------------------------

    def _row(self, article_id: str) -> int:
        row = self.index.row_of(article_id)
        if row is None:
            raise KeyError(f"no article {article_id!r} in this corpus")
        return row

    def article_meta(self, row: int) -> Article:
        """The article at ``row`` without its text (cheap)."""
        c = self._columns
        return Article(
            id=c["id"][row],
            text="",
            title=c["title"][row],
            date=c["date"][row],
            source=c["source"][row],
            url=c["url"][row],
            origin=c["origin"][row],
            line=c["line"][row],
            title_derived=c["title_derived"][row],
        )

    def article(self, article_id: str) -> Article:
        """The full article (text from the cache)."""
        row = self._row(article_id)
        meta = self.article_meta(row)
        text = self.cache.text(self._columns["hash"][row]) or ""
        return Article(
            meta.id, text, meta.title, meta.date, meta.source, meta.url, meta.origin, meta.line, meta.title_derived
        )

    def analysis(self, article_id: str) -> Analysis:
        """The article's analysis with its quote ids (empty when it was not analysed)."""
        row = self._row(article_id)
        aid = int(self._columns["aid"][row])
        found = self.cache.payload(aid) if aid >= 0 else None
        return (found or Analysis()).for_article(article_id)

    def iter_quotes(self, rows: Sequence[int] | np.ndarray | None = None) -> Iterator[tuple[Article, Quote]]:
        """Every quote with its article (metadata only: ``text`` is empty), in row order."""
        index = self.index
        rows_arr = index.all_rows() if rows is None else np.asarray(rows, dtype=np.int64)
        rows_arr = rows_arr[index.article_nq[rows_arr] > 0]
        aids = self._columns["aid"]
        for start in range(0, len(rows_arr), 256):
            chunk = rows_arr[start : start + 256].tolist()
            payloads = self.cache.payloads([aids[r] for r in chunk])
            for r in chunk:
                a = payloads.get(aids[r])
                if a is None:
                    continue
                meta = self.article_meta(r)
                for q in a.for_article(meta.id).quotes:
                    yield meta, q

    def covers(self, article_id: str) -> bool:
        """True when ``article_id`` belongs to what was opened: in the corpus, or a file
        under an opened folder (deleted since). The workspace's store also holds the
        annotations of its other folders (``bbc/tech`` when ``bbc/politics`` is opened):
        those are not this corpus' orphans, and no view of this corpus shows them."""
        if self.index.row_of(article_id) is not None:
            return True
        opened = [p.expanduser().resolve() for p in self.corpus_paths]
        if self.root in opened:
            return True  # the whole workspace: an annotation of an article not in it is an orphan
        where = self.root / article_id
        return any(where == p or p in where.parents for p in opened if p.is_dir())

    def failures(self) -> list[tuple[str, str]]:
        """(article id, message) for the articles of this corpus the NLP could not analyse."""
        failed = self.cache.failures(self.analysis_key) if self.analysis_key else {}
        if not failed:
            return []
        c = self._columns
        return [(i, failed[h]) for i, h, a in zip(c["id"], c["hash"], c["aid"], strict=False) if a < 0 and h in failed]

    @property
    def annotations(self) -> AnnotationStore:
        with self._lock:
            if self._annotations is None:
                from store.annotations import STORE_FILENAME, AnnotationStore

                self._annotations = AnnotationStore(self.store_dir / STORE_FILENAME)
            return self._annotations

    def close(self) -> None:
        if self._annotations is not None:
            self._annotations.close()
        self.cache.close()


__all__ = ["StatusCallback", "Workspace", "corpus_manifest"]
