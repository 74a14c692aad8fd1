"""One speaker across the corpus: "Blair", "Mr Blair" and "Tony Blair" as one key.

Article-level resolution comes first (``corpus.names``: within an article a
surname takes the full name the article gave). What is left are keys that are a
surname alone, in articles that never gave the full name, or in lists built
before resolution. ``merge_person_keys`` maps them on the corpus vocabulary:

* two multi-word person keys with the same normalised name (titles and
  punctuation folded: "mr tony blair", "tony blair") are one;
* a one-word key (a surname, "mr blair" folded to "blair") takes the
  multi-word person key ending with it that the articles *say* it is: an
  article where the surname appears beside exactly one full name ending with
  it votes for that name; an article naming two people with that surname
  ("Tony Blair" and "Cherie Blair") votes for neither. The surname goes to
  the name with a strict majority of the votes;
* with no article evidence at all, it goes to the only multi-word person
  key in the corpus ending with it, when there is exactly one;
* two different full names ("Tony Blair", "Cherie Blair") are never merged.

Pure and vectorised (numpy over the (article, key) pairs), so it scales with
the corpus index; the index (``store.index``) calls it once per build.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def merge_person_keys(
    key_str: Sequence[str],
    norm: Sequence[str],
    multi: np.ndarray,
    mergeable: np.ndarray,
    pair_article: np.ndarray,
    pair_key: np.ndarray,
) -> np.ndarray:
    """The canonical key of every key (``canon[k] == k`` when it stays itself).

    ``key_str[k]`` is the key, ``norm[k]`` its normalised name (space-separated tokens, titles folded);
    ``multi`` marks the multi-word person keys the corpus uses, ``mergeable`` the keys that may take
    another's identity (persons and speaker-only keys); ``pair_article``/``pair_key`` say which keys
    each article mentions (entity mentions and quote speakers, repeats allowed).
    """
    n_keys = len(key_str)
    canon = np.arange(n_keys, dtype=np.int32)
    by_norm: dict[str, int] = {}
    for kid in np.nonzero(multi)[0].tolist():
        nm = norm[kid]
        if nm and (nm == key_str[kid] or nm not in by_norm):
            by_norm[nm] = kid
    for kid in np.nonzero(multi | mergeable)[0].tolist():
        target = by_norm.get(norm[kid], -1)
        if target >= 0 and target != kid and " " in norm[kid]:
            canon[kid] = target

    # surnames: the last token of each full name, and one-word mergeable keys
    surname_id: dict[str, int] = {}
    full_surname = np.full(n_keys, -1, dtype=np.int64)  # canonical full name → its surname id
    for nm, kid in by_norm.items():
        full_surname[kid] = surname_id.setdefault(nm.rsplit(" ", 1)[-1], len(surname_id))
    short_surname = np.full(n_keys, -1, dtype=np.int64)  # one-word key → its surname id
    for kid in np.nonzero(mergeable & ~multi)[0].tolist():
        nm = norm[kid]
        if nm and " " not in nm and nm in surname_id:
            short_surname[kid] = surname_id[nm]
    n_sur = len(surname_id)
    if not n_sur:
        return canon

    # corpus-wide fallback: the only full name with that surname
    full_count = np.bincount(full_surname[full_surname >= 0], minlength=n_sur)
    only_full = np.full(n_sur, -1, dtype=np.int64)
    fulls = np.nonzero(full_surname >= 0)[0]
    only_full[full_surname[fulls]] = fulls  # the last one written; right where the count is 1
    only_full[full_count != 1] = -1

    # article-level evidence: (article, surname) with exactly one full name beside the surname itself
    art = np.asarray(pair_article, dtype=np.int64)
    keys = canon[np.asarray(pair_key, dtype=np.int64)] if len(pair_key) else np.zeros(0, np.int64)
    winner = np.full(n_sur, -1, dtype=np.int64)
    decided = np.zeros(n_sur, dtype=bool)
    if len(keys):
        f_mask = full_surname[keys] >= 0
        full_rows = np.unique(np.stack([art[f_mask], full_surname[keys[f_mask]], keys[f_mask]], axis=1), axis=0)
        s_mask = short_surname[keys] >= 0
        short_rows = np.unique(art[s_mask] * n_sur + short_surname[keys[s_mask]])
        if len(full_rows) and len(short_rows):
            cell = full_rows[:, 0] * n_sur + full_rows[:, 1]
            cells, first, count = np.unique(cell, return_index=True, return_counts=True)
            single = count == 1
            cells, names = cells[single], full_rows[first[single], 2]
            voted = np.isin(cells, short_rows)
            sur, name = cells[voted] % n_sur, names[voted]
            if len(sur):
                pairs, votes = np.unique(np.stack([sur, name], axis=1), axis=0, return_counts=True)
                total = np.bincount(pairs[:, 0], weights=votes, minlength=n_sur)
                decided[pairs[:, 0]] = True
                best = np.zeros(n_sur)
                for (s, f), v in zip(pairs.tolist(), votes.tolist(), strict=True):
                    if v > best[s]:
                        best[s], winner[s] = v, f
                winner[best * 2 <= total] = -1  # no strict majority: leave the surname alone
    chosen = np.where(decided, winner, only_full)
    shorts = np.nonzero(short_surname >= 0)[0]
    to = chosen[short_surname[shorts]]
    ok = to >= 0
    canon[shorts[ok]] = to[ok]
    return canon


__all__ = ["merge_person_keys"]
