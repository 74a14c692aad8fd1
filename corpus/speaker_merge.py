"""One speaker across the corpus: "Blair", "Mr Blair" and "Tony Blair" as one key.

Article-level resolution comes first (``corpus.names``: within an article a
surname takes the full name the article gave). What is left are keys that are a
surname alone, in articles that never gave the full name, or in lists built
before resolution. ``merge_person_keys`` maps them on the corpus vocabulary:

* two multi-word person keys with the same normalised name (titles and
  punctuation folded: "mr tony blair", "tony blair") are one;
* a one-word key (a surname, "mr blair" folded to "blair") takes the
  multi-word person key ending with it that the articles *say* it is. Every
  article where the surname stands alone casts one vote:

  - beside exactly one full name ending with it, for that name;
  - beside two ("Tony Blair" and "Cherie Blair"), none (it could mean either);
  - beside none, for the bearer of the surname the corpus talks about far
    more than any other ("Blair" → Tony Blair, not Ian or Cherie Blair), when
    the article's other names meet that person's articles; against merging
    when no bearer stands out, or the article's context shares nothing with
    theirs;

  The surname goes to the name with a strict majority of the votes cast;
* with no vote at all (the articles with the surname alone mention nothing
  else), it goes to the only multi-word person key in the corpus ending with
  it, when there is exactly one;
* two different full names ("Tony Blair", "Cherie Blair") are never merged.

Pure and vectorised (numpy over the (article, key) pairs), so it scales with
the corpus index; the index (``store.index``) calls it once per build.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# The full name a surname alone stands for is talked about (in articles) at least this many times as often as
# any other with that surname.
DOMINANCE = 3
# ... and in at least this many articles: a name met once is no one the readers know by surname.
MIN_BEARER_ARTICLES = 2
NO_ONE = -1  # a vote against merging the surname


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

    art = np.asarray(pair_article, dtype=np.int64)
    keys = canon[np.asarray(pair_key, dtype=np.int64)] if len(pair_key) else np.zeros(0, np.int64)
    votes = _article_votes(art, keys, full_surname, short_surname, n_sur, n_keys)
    winner = np.full(n_sur, -1, dtype=np.int64)
    decided = np.zeros(n_sur, dtype=bool)
    if len(votes):
        pairs, counts = np.unique(votes, axis=0, return_counts=True)
        total = np.bincount(pairs[:, 0], weights=counts, minlength=n_sur)
        decided[pairs[:, 0]] = True
        best = np.zeros(n_sur)
        for (s, f), v in zip(pairs.tolist(), counts.tolist(), strict=True):
            if f != NO_ONE and v > best[s]:
                best[s], winner[s] = v, f
        winner[best * 2 <= total] = -1  # no strict majority: leave the surname alone
    chosen = np.where(decided, winner, only_full)
    shorts = np.nonzero(short_surname >= 0)[0]
    to = chosen[short_surname[shorts]]
    ok = to >= 0
    canon[shorts[ok]] = to[ok]
    return canon


def _article_votes(
    art: np.ndarray,
    keys: np.ndarray,
    full_surname: np.ndarray,
    short_surname: np.ndarray,
    n_sur: int,
    n_keys: int,
) -> np.ndarray:
    """(surname, full name or NO_ONE) rows, one per article where the surname stands alone."""
    if not len(keys):
        return np.zeros((0, 2), np.int64)
    s_mask = short_surname[keys] >= 0
    short_cells = np.unique(art[s_mask] * n_sur + short_surname[keys[s_mask]])
    if not len(short_cells):
        return np.zeros((0, 2), np.int64)
    f_mask = full_surname[keys] >= 0
    full_rows = np.unique(np.stack([art[f_mask], full_surname[keys[f_mask]], keys[f_mask]], axis=1), axis=0)
    cell = full_rows[:, 0] * n_sur + full_rows[:, 1]
    cells, first, count = np.unique(cell, return_index=True, return_counts=True)
    # beside full names: one → a vote for it; two or more → no vote (the article could mean either)
    named = np.isin(cells, short_cells) & (count == 1)
    out = [np.stack([cells[named] % n_sur, full_rows[first[named], 2]], axis=1)]
    # beside none: the article's context decides
    alone = short_cells[~np.isin(short_cells, cells)]
    if len(alone):
        out.append(_context_votes(alone // n_sur, alone % n_sur, art, keys, full_surname, short_surname, n_keys))
    return np.concatenate(out).astype(np.int64)


def _context_votes(
    alone_art: np.ndarray,
    alone_sur: np.ndarray,
    art: np.ndarray,
    keys: np.ndarray,
    full_surname: np.ndarray,
    short_surname: np.ndarray,
    n_keys: int,
) -> np.ndarray:
    """Votes of the articles that name a surname alone (no full name with it beside).

    A writer uses a surname alone for the one bearer of it their readers know ("Blair"): the full name
    with that surname the corpus talks about most, when it is talked about at least ``DOMINANCE`` times
    as often as any other (by articles) and in more than one article. The article votes for that name when its context shares a name
    with the articles of that person; otherwise (no such person, or the context shares nothing with
    theirs) it votes against merging. Names sharing the surname are not context: they are what is being
    decided."""
    uniq = np.unique(art * n_keys + keys)  # the distinct (article, key) pairs, by article
    u_art, u_key = uniq // n_keys, uniq % n_keys
    same_name = (full_surname >= 0) | (short_surname >= 0)
    is_context = ~same_name[u_key]
    art_ids, art_start = np.unique(u_art, return_index=True)
    art_end = np.append(art_start[1:], len(u_art))

    def context_of(article: int) -> np.ndarray:
        i = int(np.searchsorted(art_ids, article))
        return u_key[art_start[i] : art_end[i]][is_context[art_start[i] : art_end[i]]]

    n_articles = np.bincount(u_key[full_surname[u_key] >= 0], minlength=n_keys)
    candidates: dict[int, list[int]] = {}
    for full in np.nonzero(full_surname >= 0)[0].tolist():
        candidates.setdefault(int(full_surname[full]), []).append(full)
    profiles: dict[int, np.ndarray] = {}  # the bearer → the context keys of their articles

    def profile(full: int) -> np.ndarray:
        if full not in profiles:
            its = u_art[u_key == full]
            profiles[full] = np.unique(np.concatenate([context_of(a) for a in its.tolist()] or [np.zeros(0, np.int64)]))
        return profiles[full]

    votes = []
    for a, s in zip(alone_art.tolist(), alone_sur.tolist(), strict=True):
        context = context_of(a)
        if not len(context) or s not in candidates:
            continue  # nothing to judge by: no vote (the corpus-wide fallback may apply)
        ranked = sorted(candidates[s], key=lambda f: -int(n_articles[f]))
        bearer = ranked[0]
        runner_up = int(n_articles[ranked[1]]) if len(ranked) > 1 else 0
        known = int(n_articles[bearer]) >= max(DOMINANCE * runner_up, MIN_BEARER_ARTICLES)
        shared = bool(np.isin(context, profile(bearer)).any())
        votes.append((s, bearer if known and shared else NO_ONE))
    return np.array(votes, dtype=np.int64).reshape(-1, 2)


__all__ = ["merge_person_keys"]
