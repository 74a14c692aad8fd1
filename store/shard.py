"""The shard function: texts in, analyses out. Pure and importable (no store, no UI).

``analyse_batch(nlp, items)`` is what every ingest worker process runs;
``analyse_shard(src, dst, model)`` is the same work disk-to-disk (a JSONL of
``{"hash", "text", "id"}`` in, a JSONL of results out, written atomically) so
that a distributed engine (Dask, Ray, a batch queue) can run it on other
machines and the driver merges the outputs into the cache with
``merge_shard_output`` — see docs/scaling.md.

A failure is per article: when ``nlp.pipe`` raises for a batch the batch is run
again one text at a time, so one bad article costs only itself.
"""

from __future__ import annotations

import os
import threading
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from store.cache import AnalysisRow, Facets, pack_payload

if TYPE_CHECKING:
    from spacy.language import Language

# Longest text analysed. The parser and NER need memory roughly proportional to
# the text; a news article is < 50k characters. Longer texts are reported and skipped.
DEFAULT_MAX_CHARS = 500_000


@dataclass(frozen=True, slots=True)
class ShardItem:
    hash: str
    text: str
    article_id: str = ""  # for messages only: analyses are keyed by content
    store_text: bool = True  # send back zlib(text) for the texts table


@dataclass(frozen=True, slots=True)
class ShardFailure:
    hash: str
    article_id: str
    message: str


# What the extractor reads: dependencies (parser), POS/tags (tagger, attribute_ruler or
# morphologizer), lemmas (lemmatizer), entities (ner), their embeddings, our component.
# Any other component a model brings (textcat, entity_linker, …) is switched off in workers.
NEEDED_COMPONENTS = frozenset(
    {
        "tok2vec",
        "transformer",
        "tagger",
        "morphologizer",
        "parser",
        "attribute_ruler",
        "lemmatizer",
        "ner",
        "quotes",
    }
)


def prepare_pipeline(nlp: Language, max_chars: int = DEFAULT_MAX_CHARS, *, own_process: bool = False) -> Language:
    """Allow texts up to ``max_chars``; in a process of its own, disable unneeded components."""
    nlp.max_length = max(nlp.max_length, max_chars + 1)
    if own_process:
        for name in list(nlp.pipe_names):
            if name not in NEEDED_COMPONENTS:
                nlp.disable_pipe(name)
    return nlp


def _row(item: ShardItem, doc) -> AnalysisRow:
    from corpus.analysis import analyse_doc

    analysis = analyse_doc(doc)
    ztext = zlib.compress(item.text.encode("utf-8", "surrogatepass"), 1) if item.store_text else None
    return AnalysisRow(item.hash, pack_payload(analysis), Facets.of(analysis), ztext)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:500]


def analyse_batch(
    nlp: Language,
    items: Sequence[ShardItem],
    max_chars: int = DEFAULT_MAX_CHARS,
) -> tuple[list[AnalysisRow], list[ShardFailure]]:
    """Analyse ``items`` with ``nlp.pipe``; failing articles come back as failures."""
    rows: list[AnalysisRow] = []
    failures: list[ShardFailure] = []
    todo: list[ShardItem] = []
    for item in items:
        if len(item.text) > max_chars:
            failures.append(
                ShardFailure(
                    item.hash,
                    item.article_id,
                    f"text too long to analyse ({len(item.text):,} characters; limit {max_chars:,})",
                )
            )
        else:
            todo.append(item)
    if not todo:
        return rows, failures
    try:
        docs = nlp.pipe((i.text for i in todo), batch_size=len(todo))
        done: list[AnalysisRow | ShardFailure] = []
        for item, doc in zip(todo, docs, strict=False):
            try:
                done.append(_row(item, doc))
            except Exception as exc:  # the extractor failed on this doc only
                done.append(ShardFailure(item.hash, item.article_id, _describe(exc)))
    except Exception:
        # The pipeline failed somewhere in the batch: isolate the bad article(s).
        done = []
        for item in todo:
            try:
                done.append(_row(item, nlp(item.text)))
            except Exception as exc:
                done.append(ShardFailure(item.hash, item.article_id, _describe(exc)))
    for r in done:
        if isinstance(r, AnalysisRow):
            rows.append(r)
        else:
            failures.append(r)
    return rows, failures


# --- disk to disk ----------------------------------------------------------


def write_shard_input(path: str | Path, items: Iterable[ShardItem]) -> int:
    """Write a shard input file (JSONL of hash, id, text). Returns the number of items."""
    n = 0
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as out:
        for item in items:
            out.write(orjson.dumps({"hash": item.hash, "id": item.article_id, "text": item.text}) + b"\n")
            n += 1
    os.replace(tmp, path)
    return n


# One analysis at a time per process: a Dask worker may run tasks in several threads,
# and a spaCy pipeline is not meant to be shared by concurrent ``pipe`` calls.
_NLP_LOCK = threading.Lock()


def pipeline_analysis_key(model: str | None = None) -> str:
    """The analysis key of ``model`` as this process loads it (a cluster driver asks a
    worker, which then keeps the pipeline loaded for its shards)."""
    from corpus.analysis import analysis_key
    from corpus.nlp import load_pipeline

    with _NLP_LOCK:
        return analysis_key(load_pipeline(model))


def shard_output_counts(path: str | Path) -> tuple[int, int]:
    """(analysed, failed) lines of a finished shard output."""
    n_ok = n_bad = 0
    with open(path, "rb") as inp:
        for line in inp:
            if line.strip():
                if "error" in orjson.loads(line):
                    n_bad += 1
                else:
                    n_ok += 1
    return n_ok, n_bad


def analyse_shard(
    src: str | Path,
    dst: str | Path,
    model: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    batch_size: int = 64,
    expect_key: str | None = None,
) -> tuple[int, int]:
    """Analyse a shard input file into ``dst`` (JSONL, atomically renamed into place).

    Pure in the sense a cluster needs: the output depends only on the input file,
    the model and the extractor version; running it twice gives the same file, so a
    lost or repeated task is harmless (a run that finds ``dst`` already written by an
    earlier attempt returns at once). ``expect_key``: the driver's analysis key; a
    worker whose pipeline differs (another model version) refuses rather than mixing
    analyses. Returns (analysed, failed).
    """
    from corpus.analysis import analysis_key
    from corpus.nlp import load_pipeline

    src, dst = Path(src), Path(dst)
    if dst.exists():
        return shard_output_counts(dst)
    with _NLP_LOCK:
        nlp = prepare_pipeline(load_pipeline(model), max_chars, own_process=True)
        if expect_key is not None and analysis_key(nlp) != expect_key:
            raise ValueError(
                f"this worker's pipeline is {analysis_key(nlp)!r} but the driver analyses with "
                f"{expect_key!r}: install the same model and quotelens version on every worker"
            )
        # a name of its own: a retried or duplicated run of this shard may be writing too
        tmp = dst.with_name(f"{dst.name}.{os.getpid()}-{threading.get_ident()}.tmp")
        n_ok = n_bad = 0
        try:
            with open(src, "rb") as inp, open(tmp, "wb") as out:
                batch: list[ShardItem] = []

                def flush() -> None:
                    nonlocal n_ok, n_bad
                    rows, failures = analyse_batch(nlp, batch, max_chars)
                    for r in rows:
                        record = {"hash": r.hash, "payload": r.payload.hex(), "facets": r.facets.to_tuple()}
                        out.write(orjson.dumps(record) + b"\n")
                    for f in failures:
                        out.write(orjson.dumps({"hash": f.hash, "id": f.article_id, "error": f.message}) + b"\n")
                    n_ok += len(rows)
                    n_bad += len(failures)
                    batch.clear()

                for line in inp:
                    if line.strip():
                        rec = orjson.loads(line)
                        batch.append(ShardItem(rec["hash"], rec["text"], rec.get("id", ""), store_text=False))
                        if len(batch) >= batch_size:
                            flush()
                if batch:
                    flush()
            os.replace(tmp, dst)
        finally:
            tmp.unlink(missing_ok=True)
    return n_ok, n_bad


def read_shard_output(path: str | Path) -> tuple[list[AnalysisRow], list[ShardFailure]]:
    rows: list[AnalysisRow] = []
    failures: list[ShardFailure] = []
    with open(path, "rb") as inp:
        for line in inp:
            if not line.strip():
                continue
            rec = orjson.loads(line)
            if "error" in rec:
                failures.append(ShardFailure(rec["hash"], rec.get("id", ""), rec["error"]))
            else:
                rows.append(AnalysisRow(rec["hash"], bytes.fromhex(rec["payload"]), Facets.from_tuple(rec["facets"])))
    return rows, failures


__all__ = [
    "DEFAULT_MAX_CHARS",
    "ShardFailure",
    "ShardItem",
    "analyse_batch",
    "analyse_shard",
    "pipeline_analysis_key",
    "prepare_pipeline",
    "read_shard_output",
    "shard_output_counts",
    "write_shard_input",
]
