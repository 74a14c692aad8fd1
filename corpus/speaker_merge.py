"""One speaker across the corpus: "Blair", "Mr Blair" and "Tony Blair" as one key.

Article-level resolution comes first (``corpus.names``: within an article a
surname takes the full name the article gave). What is left are keys that are a
surname alone, in articles that never gave the full name, or in lists built
before resolution. ``merge_speakers`` maps them on the corpus vocabulary:

* two multi-word person keys with the same normalised name (titles and
  punctuation folded: "mr tony blair", "tony blair") are one; so are a full
  name and the same name with a role or party in front ("Lawyer Louise
  Christian", "Tory Liam Fox") or letters after it ("Paul Boateng MP");
* a one-word key (a surname, "mr blair" folded to "blair"; a peer's title
  and surname, "baroness boothroyd", counts as one) takes the
  multi-word person key ending with it that the articles *say* it is. Every
  article where the surname stands alone decides for itself:

  - beside exactly one full name ending with it: that name;
  - beside two ("Tony Blair" and "Cherie Blair"): neither (it could mean
    either; the surname stays itself there and casts no vote);
  - beside none: the bearer of the surname the corpus talks about far more
    than any other, or the only one ("Blair" → Tony Blair, not Ian or Cherie
    Blair), when the article's other names meet that person's articles;
    else itself (no bearer stands out, or the context is someone else's:
    "Blair" in a football report); no decision when the article has too
    little context to tell.

  Those decisions hold in their articles (``SpeakerMerge.apply``); the key
  itself, corpus-wide (``canon``: typed names, labels), goes to the name with
  a strict majority of the articles' votes;
* with no vote at all (the articles with the surname alone mention nothing
  else), it goes to the only multi-word person key in the corpus ending with
  it, when there is exactly one;
* two different full names ("Tony Blair", "Cherie Blair") are never merged; a document's name the NER
  labelled a person ("Finance Bill") is no full name ("Bill" is not its surname).

Pure and vectorised over the (article, key) pairs, looping only over the
articles with a surname alone, so it scales with the corpus index; the index
(``store.index``) calls it once per build."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from corpus.entities import POST_NOMINALS
from corpus.first_names import UNKNOWN, name_gender
from corpus.gender import is_known_first_name
from corpus.listed_speakers import DOCUMENT_WORDS
from corpus.names import TITLE_WORDS
from corpus.person_extent import AFFILIATION_WORDS
from corpus.short_forms import same_first_name

# The full name a surname alone stands for is talked about (in articles) at least this many times as often as
# any other with that surname.
DOMINANCE = 3
# An article whose context shares no name with the bearer's articles is about someone else only when it has
# at least this many names of its own to judge by.
MIN_CONTEXT = 3
# Words in front of a full name that this many people in the name table have as a first name make a longer
# name, not a role ("Robert" of "Robert Kilroy Silk"; not "Tory" or "Lawyer").
FIRST_NAME_MIN = 20000
# Titles of the peerage, which the article-level title list leaves in a name.
PEERAGE = frozenset({"baron", "baroness", "viscount", "viscountess", "earl", "countess", "marquess", "duke", "duchess"})
_CLAUSE_WORDS = frozenset({"of", "for", "and", "the", "to", "from", "in", "at", "on", "with", "by"})
NO_ONE = -1  # a vote against merging the surname
ABSTAIN = -2  # an article naming two bearers: no vote, and its surname stays itself


@dataclass(frozen=True)
class SpeakerMerge:
    """The merge: ``canon`` (key → canonical key, corpus-wide) and, article by article, what a surname
    alone stands for where the article itself decided (``cells``: sorted ``article * n_keys + key``;
    ``targets``: the canonical key there). An article's own evidence wins over the corpus-wide choice:
    "Blair" in a story about a footballer stays "Blair" though "Blair" elsewhere is Tony Blair."""

    canon: np.ndarray
    cells: np.ndarray
    targets: np.ndarray

    def apply(self, article: np.ndarray, key: np.ndarray) -> np.ndarray:
        """The canonical key of each (article, key) pair."""
        key = np.asarray(key, dtype=np.int64)
        out = self.canon[key].astype(np.int32)
        if len(self.cells) and len(key):
            cell = np.asarray(article, dtype=np.int64) * len(self.canon) + key
            pos = np.minimum(np.searchsorted(self.cells, cell), len(self.cells) - 1)
            hit = self.cells[pos] == cell
            out[hit] = self.targets[pos[hit]]
        return out


def merge_speakers(
    key_str: Sequence[str],
    norm: Sequence[str],
    multi: np.ndarray,
    mergeable: np.ndarray,
    pair_article: np.ndarray,
    pair_key: np.ndarray,
    surnames_any_label: np.ndarray | None = None,
) -> SpeakerMerge:
    """The merge of the corpus's keys (``canon[k] == k`` when it stays itself).

    ``key_str[k]`` is the key, ``norm[k]`` its normalised name (space-separated tokens, titles folded);
    ``multi`` marks the multi-word person keys the corpus uses, ``mergeable`` the keys that may take
    another's identity (persons and speaker-only keys); ``pair_article``/``pair_key`` say which keys
    each article mentions (entity mentions and quote speakers, repeats allowed). ``surnames_any_label``
    marks one-word keys that may be a surname misspelt beside its full name whatever the NER labelled them
    ("Daveport" as an organisation beside "Lindsay Davenport"; default: the one-word mergeable keys).
    """
    n_keys = len(key_str)
    canon = np.arange(n_keys, dtype=np.int32)
    none = np.zeros(0, np.int64)
    # a peer's title and surname ("Baroness Boothroyd") is the surname alone: never a second full name
    norm = [_without_peerage(nm) for nm in norm]
    # a law or a report the NER labelled a person ("Finance Bill"), a chamber or a party in front of a surname
    # ("Lords Bingham", "Tory Fox"): no full name for a surname to take
    multi = multi & np.fromiter((_reads_as_full_name(nm) for nm in norm), dtype=bool, count=n_keys)
    by_norm: dict[str, int] = {}
    for kid in np.nonzero(multi)[0].tolist():
        nm = norm[kid]
        if nm and (nm == key_str[kid] or nm not in by_norm):
            by_norm[nm] = kid
    for kid in np.nonzero(multi | mergeable)[0].tolist():
        target = by_norm.get(norm[kid], -1)
        if target >= 0 and target != kid and " " in norm[kid]:
            canon[kid] = target
    # a role or affiliation in front of a full name ("Lawyer Louise Christian", "Tory Liam Fox") or letters
    # after it ("Paul Boateng MP"): that person, and no second full name with their surname
    for kid in np.nonzero((multi | mergeable) & (canon == np.arange(n_keys)))[0].tolist():
        target = _inner_full_name(norm[kid], by_norm, kid)
        if target >= 0:
            canon[kid] = target
    by_norm = {nm: kid for nm, kid in by_norm.items() if canon[kid] == kid}
    # one first name written in full and short ("Vincent Cable", "Vince Cable"): one person
    for short, full in _short_form_merges(by_norm, pair_article, pair_key).items():
        canon[canon == short] = full
    by_norm = {nm: kid for nm, kid in by_norm.items() if canon[kid] == kid}
    # one name spelt two ways ("Carol Walker", "Carole Walker"): one person
    for variant, kept in _spelling_merges(by_norm, pair_article, pair_key).items():
        canon[canon == variant] = kept
    by_norm = {nm: kid for nm, kid in by_norm.items() if canon[kid] == kid}
    # a surname with its letters in another order and a letter doubled ("Michael Raftery", "Michael Rafferty") in
    # stories that share a rarely named name: one person
    for variant, kept in _respelt_in_one_story(by_norm, pair_article, pair_key).items():
        canon[canon == variant] = kept
    by_norm = {nm: kid for nm, kid in by_norm.items() if canon[kid] == kid}
    # a surname spelt two ways, and an article that writes it both ways ("Robert Preston" … "Peston" beside
    # "Robert Peston" elsewhere): one person
    for variant, kept in _surname_spelt_both_ways(by_norm, norm, mergeable & ~multi, pair_article, pair_key).items():
        canon[canon == variant] = kept
    by_norm = {nm: kid for nm, kid in by_norm.items() if canon[kid] == kid}

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
        return SpeakerMerge(canon, none, none)

    # corpus-wide fallback: the only full name with that surname
    full_count = np.bincount(full_surname[full_surname >= 0], minlength=n_sur)
    only_full = np.full(n_sur, -1, dtype=np.int64)
    fulls = np.nonzero(full_surname >= 0)[0]
    only_full[full_surname[fulls]] = fulls  # the last one written; right where the count is 1
    only_full[full_count != 1] = -1

    art = np.asarray(pair_article, dtype=np.int64)
    raw = np.asarray(pair_key, dtype=np.int64)
    keys = canon[raw] if len(raw) else none
    votes = _article_votes(art, keys, full_surname, short_surname, n_sur, n_keys)  # (article, surname, target)
    counted = votes[votes[:, 2] != ABSTAIN]
    winner = np.full(n_sur, -1, dtype=np.int64)
    decided = np.zeros(n_sur, dtype=bool)
    if len(counted):
        pairs, counts = np.unique(counted[:, 1:], axis=0, return_counts=True)
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
    canon_norm = canon.copy()
    canon[shorts[ok]] = to[ok]
    cells, targets = _article_cells(votes, art, raw, canon_norm, short_surname, n_sur, n_keys)
    # a surname alone beside no full name of that spelling but one spelt a letter apart ("Ms Abbott" beside
    # "Diane Abbot"): that person, in that article
    lone_words = mergeable & ~multi if surnames_any_label is None else surnames_any_label
    extra = _misspelt_surname_cells(by_norm, norm, lone_words, art, raw, canon_norm, n_keys)
    if extra:
        own = {int(c): int(t) for c, t in zip(cells.tolist(), targets.tolist(), strict=True)}
        own.update(extra)
        order = sorted(own)
        cells = np.array(order, dtype=np.int64)
        targets = np.array([own[c] for c in order], dtype=np.int32)
    return SpeakerMerge(canon, cells, targets)


def _reads_as_full_name(nm: str) -> bool:
    """A normalised key that can be a person's full name: two words or more, not ending in a document's
    word ("finance bill"), not opening with a title in the plural ("lords bingham": the chamber's law
    lords) or a party word ("tory fox")."""
    toks = nm.split()
    if len(toks) < 2 or toks[-1] in DOCUMENT_WORDS or toks[0] in AFFILIATION_WORDS:
        return False
    first = toks[0]
    return not (len(first) > 3 and first.endswith("s") and (first[:-1] in TITLE_WORDS or first[:-2] in TITLE_WORDS))


# The rarer spelling of a name is in at most this many articles, or this fraction of the other's: two
# spellings both in many articles are two people ("Jon Smith" and "John Smith" each with their own stories).
RARE_SPELLING_ARTICLES = 2
RARE_SPELLING_SHARE = 1 / 3
_VOWELS = frozenset("aeiouy")


def one_edit_apart(a: str, b: str) -> bool:
    """Whether two words differ by exactly one letter added, dropped, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    return _spelling_edit(a, b) is not None


def _spelling_edit(a: str, b: str) -> str | None:
    """The one edit that turns ``a`` into ``b`` ("swap", "double", "final e", "vowel", "other"), else None."""
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if a[i + 1 :] == b[i + 1 :]:
            return "vowel" if a[i] in _VOWELS and b[i] in _VOWELS else "other"
        if i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]:
            return "swap"
        return None
    if a[i:] != b[i + 1 :]:
        return None
    extra = b[i]
    if (i > 0 and b[i - 1] == extra) or (i + 1 < len(b) and b[i + 1] == extra):
        return "double"  # "Follet" / "Follett", "Philip" / "Phillip"
    return "final e" if extra == "e" and i == len(a) else "other"  # "Carol" / "Carole"


def spelling_variant(a: str, b: str, given: bool) -> bool:
    """Whether two spellings of a name (lower case) are one name misspelt or spelt another way: two neighbours
    swapped ("kirsty" / "kisrty", "pierce" / "peirce"), a letter doubled ("follet" / "follett") or, for a
    first name (``given``), a final e ("carol" / "carole") or one vowel for another in a longer name ("damian"
    / "damien"). Not two names: another consonant ("mark" / "mary"), a letter added ("jon" / "joan"), a vowel
    in a short name ("tim" / "tom"), two first names of opposite genders ("frances" / "francis"); a surname
    changes by a swap or a doubled letter only ("hansen" / "hanson" are two names)."""
    if a[:1] != b[:1] or min(len(a), len(b)) < 4:
        return False
    edit = _spelling_edit(a, b) if abs(len(a) - len(b)) <= 1 and a != b else None
    if edit in ("swap", "double"):
        ok = True
    elif edit == "final e" or (edit == "vowel" and min(len(a), len(b)) >= 5):
        ok = given
    else:
        return False
    if ok and given:
        ga, gb = name_gender(a), name_gender(b)
        return ga == gb or UNKNOWN in (ga, gb)
    return ok


def _variant_signatures(word: str) -> tuple[str, ...]:
    """Keys two spellings of one name share (``spelling_variant``): its letters in order (a swap), without
    doubled letters (a double), without a final e, its consonants with each vowel a gap (a vowel)."""
    return (
        "a" + "".join(sorted(word)),
        "d" + re.sub(r"(.)\1", r"\1", word),
        "e" + word.removesuffix("e"),
        "v" + re.sub(r"[aeiouy]", "*", word),
    )


def _spelling_merges(by_norm: dict[str, int], pair_article: np.ndarray, pair_key: np.ndarray) -> dict[int, int]:
    """Full names spelt two ways, the first name or the surname (``spelling_variant``), the other words the
    same, or with and without a middle initial → the spelling in more articles (then the first name the name
    table knows, then alphabetical). Only when the articles say one person: never both in one article (an
    article that names both means two people), the rarer spelling rare (``RARE_SPELLING_ARTICLES``,
    ``RARE_SPELLING_SHARE``; not for a middle initial, which writers drop as a matter of style), and no third
    spelling that is a variant of either (which would it be?)."""
    by_shape: dict[tuple[int, str], list[int]] = {}
    name_of = {kid: nm for nm, kid in by_norm.items()}
    for nm, kid in by_norm.items():
        toks = nm.split()
        by_shape.setdefault((0, " ".join(toks[1:])), []).append(kid)
        by_shape.setdefault((1, " ".join(toks[:-1])), []).append(kid)
    candidates: list[tuple[int, int]] = []
    for (where, _), kids in by_shape.items():
        if len(kids) < 2:
            continue
        pos = 0 if where == 0 else -1
        words = {k: name_of[k].split()[pos] for k in kids}
        # only words that share a shape can be variants (a corpus has thousands of "John X": no pairwise loop)
        by_sig: dict[str, list[int]] = {}
        for k in kids:
            for sig in _variant_signatures(words[k]):
                by_sig.setdefault(sig, []).append(k)
        linked = {
            k: sorted(
                {
                    o
                    for sig in _variant_signatures(words[k])
                    for o in by_sig[sig]
                    if o != k and spelling_variant(words[k], words[o], given=where == 0)
                }
            )
            for k in kids
        }
        for k in kids:
            if len(linked[k]) == 1 and len(linked[linked[k][0]]) == 1 and k < linked[k][0]:
                candidates.append((k, linked[k][0]))
    # a middle initial written or left out ("George W Bush", "George Bush"), when only one initial is ever
    # written ("George H W Bush" beside them: which one is "George Bush"?)
    by_ends: dict[str, list[int]] = {}
    for nm, kid in by_norm.items():
        toks = nm.split()
        if len(toks) == 2 or (len(toks) > 2 and all(len(t) == 1 for t in toks[1:-1])):
            by_ends.setdefault(f"{toks[0]} {toks[-1]}", []).append(kid)
    initial_pairs = set()
    for kids in by_ends.values():
        if len(kids) == 2:
            candidates.append((min(kids), max(kids)))
            initial_pairs.add((min(kids), max(kids)))
    if not candidates:
        return {}
    articles = _articles_of({k for pair in candidates for k in pair}, pair_article, pair_key)
    out: dict[int, int] = {}
    for a, b in candidates:
        arts_a, arts_b = articles.get(a, set()), articles.get(b, set())
        if arts_a & arts_b:
            continue  # one article names both: two people
        rare, common = sorted((len(arts_a), len(arts_b)))
        # a writer leaves a middle initial out as a matter of style, so both forms may be frequent; two
        # frequent spellings of a name, though, are two people's names
        if (a, b) not in initial_pairs and rare > RARE_SPELLING_ARTICLES and rare > common * RARE_SPELLING_SHARE:
            continue
        known = {k: is_known_first_name(name_of[k].split()[0]) for k in (a, b)}
        keep = min((a, b), key=lambda k: (-len(articles.get(k, ())), not known[k], name_of[k]))
        drop = b if keep == a else a
        if drop not in out and keep not in out:
            out[drop] = keep
    return out


# A name of the context two spellings' stories share ties them to one story when the corpus names it in at most
# this many articles (a society, a project, a local figure; not the prime minister).
RARE_CONTEXT_ARTICLES = 5
# A surname respelt with letters moved is this long at least ("Raftery"): shorter ones are other names.
RESPELT_SURNAME_MIN = 6


def _respelt(a: str, b: str) -> bool:
    """Two spellings of a surname with the same letters in another order once doubled letters are folded, the same
    first three letters ("raftery" / "rafferty"): a writer's slip of the ear, not one letter apart (that is
    ``spelling_variant``'s)."""
    if a == b or min(len(a), len(b)) < RESPELT_SURNAME_MIN or a[:3] != b[:3] or abs(len(a) - len(b)) > 1:
        return False
    return sorted(re.sub(r"(.)\1", r"\1", a)) == sorted(re.sub(r"(.)\1", r"\1", b)) and not one_edit_apart(a, b)


def _respelt_in_one_story(by_norm: dict[str, int], pair_article: np.ndarray, pair_key: np.ndarray) -> dict[int, int]:
    """Full names with one first name and a surname ``_respelt`` ("michael raftery", "michael rafferty") → the
    spelling in more articles, when their stories share a name the corpus names in few articles
    (``RARE_CONTEXT_ARTICLES``: "Hansard Society" beside both) — the writers told one story about one person. Never
    when an article names both, nor when the rarer spelling is in many articles (``RARE_SPELLING_ARTICLES``)."""
    by_first: dict[str, list[tuple[str, int]]] = {}
    name_of = {kid: nm for nm, kid in by_norm.items()}
    for nm, kid in by_norm.items():
        toks = nm.split()
        if len(toks) == 2:
            by_first.setdefault(toks[0], []).append((toks[1], kid))
    pairs = [
        (a, b)
        for names in by_first.values()
        if len(names) > 1
        for i, (sa, a) in enumerate(names)
        for sb, b in names[i + 1 :]
        if _respelt(sa, sb)
    ]
    if not pairs:
        return {}
    articles = _articles_of({k for pair in pairs for k in pair}, pair_article, pair_key)
    art = np.asarray(pair_article, dtype=np.int64)
    key = np.asarray(pair_key, dtype=np.int64)
    n_keys = int(key.max(initial=0)) + 1
    cells = np.unique(art * n_keys + key)
    n_articles = np.bincount(cells % n_keys, minlength=n_keys)
    out: dict[int, int] = {}
    for a, b in pairs:
        arts_a, arts_b = articles.get(a, set()), articles.get(b, set())
        if not arts_a or not arts_b or arts_a & arts_b or min(len(arts_a), len(arts_b)) > RARE_SPELLING_ARTICLES:
            continue
        names_of = [set(key[np.isin(art, sorted(arts))].tolist()) - {a, b} for arts in (arts_a, arts_b)]
        if not any(n_articles[k] <= RARE_CONTEXT_ARTICLES for k in names_of[0] & names_of[1]):
            continue
        keep = min((a, b), key=lambda k: (-len(articles[k]), name_of[k]))
        drop = b if keep == a else a
        if drop not in out and keep not in out:
            out[drop] = keep
    return out


# A surname a writer misspells in one article is this long at least ("Abbot", "Peston"): shorter ones one letter
# apart are as often two names ("Hale" / "Hall").
MISSPELT_SURNAME_MIN = 5


def _misspelling(a: str, b: str) -> bool:
    """Two spellings of one surname, when an article writes both: one letter added, dropped, changed or two
    swapped, the same first letter, long enough (``MISSPELT_SURNAME_MIN``) to be no other name."""
    return min(len(a), len(b)) >= MISSPELT_SURNAME_MIN and a[:1] == b[:1] and one_edit_apart(a, b)


def _surname_spelt_both_ways(
    by_norm: dict[str, int], norm: Sequence[str], alone: np.ndarray, pair_article: np.ndarray, pair_key: np.ndarray
) -> dict[int, int]:
    """Full names with one first name and a surname spelt two ways ("robert preston", "robert peston") →
    the spelling in more articles, when an article naming the rarer one writes the other's surname alone
    ("Robert Preston" … "Peston said"): the writer spelt one person's name both ways. Never when an article
    names both, nor when the rarer spelling is in many articles (``RARE_SPELLING_ARTICLES``,
    ``RARE_SPELLING_SHARE``): two people, each with their stories ("David Davis", "David Davies")."""
    by_first: dict[str, list[int]] = {}
    for nm, kid in by_norm.items():
        toks = nm.split()
        if len(toks) == 2:
            by_first.setdefault(toks[0], []).append(kid)
    pairs = []
    for kids in by_first.values():
        for i, a in enumerate(kids):
            for b in kids[i + 1 :]:
                if _misspelling(norm[a].split()[-1], norm[b].split()[-1]):
                    pairs.append((a, b))
    if not pairs:
        return {}
    surname_keys = {norm[k]: k for k in np.nonzero(alone)[0].tolist() if norm[k] and " " not in norm[k]}
    wanted = {k for pair in pairs for k in pair}
    wanted |= {surname_keys[norm[k].split()[-1]] for k in list(wanted) if norm[k].split()[-1] in surname_keys}
    articles = _articles_of(wanted, pair_article, pair_key)
    out: dict[int, int] = {}
    for a, b in pairs:
        arts_a, arts_b = articles.get(a, set()), articles.get(b, set())
        if arts_a & arts_b:
            continue  # one article names both: two people
        rare, common = (a, b) if len(arts_a) < len(arts_b) or (len(arts_a) == len(arts_b) and a > b) else (b, a)
        n_rare, n_common = len(articles.get(rare, ())), len(articles.get(common, ()))
        if n_rare > RARE_SPELLING_ARTICLES and n_rare > n_common * RARE_SPELLING_SHARE:
            continue
        other_alone = surname_keys.get(norm[common].split()[-1], -1)
        if other_alone >= 0 and articles.get(rare, set()) & articles.get(other_alone, set()):
            if rare not in out and common not in out:
                out[rare] = common
    return out


def _misspelt_surname_cells(
    by_norm: dict[str, int],
    norm: Sequence[str],
    alone: np.ndarray,
    art: np.ndarray,
    raw: np.ndarray,
    canon: np.ndarray,
    n_keys: int,
) -> dict[int, int]:
    """(article * n_keys + key) → full name, for a surname alone (``alone``: one-word person keys) in an
    article that names no one with that surname but exactly one person with a surname a letter apart
    (``_misspelling``): "Ms Abbott" beside "Diane Abbot" is her, whichever spelling is right."""
    surname_of = {kid: nm.rsplit(" ", 1)[-1] for nm, kid in by_norm.items()}
    if not surname_of or not len(raw):
        return {}
    keys = canon[raw]
    is_full = np.zeros(n_keys, dtype=bool)
    is_full[list(surname_of)] = True
    lone = alone[raw] & (canon[raw] == raw)
    if not lone.any():
        return {}
    fulls_in: dict[int, set[int]] = {}
    for a, k in zip(art[is_full[keys]].tolist(), keys[is_full[keys]].tolist(), strict=True):
        fulls_in.setdefault(a, set()).add(k)
    out: dict[int, int] = {}
    for a, k in set(zip(art[lone].tolist(), raw[lone].tolist(), strict=True)):
        nm = norm[k]
        fulls = fulls_in.get(a, set())
        if not nm or " " in nm or any(surname_of[f] == nm for f in fulls):
            continue
        near = [f for f in fulls if _misspelling(nm, surname_of[f])]
        if len(near) == 1:
            out[a * n_keys + k] = near[0]
    return out


def _articles_of(kids: set[int], pair_article: np.ndarray, pair_key: np.ndarray) -> dict[int, set[int]]:
    """The articles that mention each of ``kids`` (entity mentions or quote speakers)."""
    art = np.asarray(pair_article, dtype=np.int64)
    key = np.asarray(pair_key, dtype=np.int64)
    pick = np.isin(key, np.array(sorted(kids), dtype=np.int64))
    out: dict[int, set[int]] = {}
    for a, k in zip(art[pick].tolist(), key[pick].tolist(), strict=True):
        out.setdefault(k, set()).add(a)
    return out


def _short_form_merges(by_norm: dict[str, int], pair_article: np.ndarray, pair_key: np.ndarray) -> dict[int, int]:
    """Full names that differ only in a first name written in full or short ("vincent cable", "vince
    cable"; ``corpus.short_forms``) → the one of them in most articles. An article that gives both
    ("the novelist Frederick Smith" … "Freddie Smith says") means one person: two people of one surname
    are told apart by their first names, not by a name and its short form. Never
    when the short form could be either of two names of the corpus ("chris smith" beside "christine
    smith" and "christopher smith")."""
    by_rest: dict[str, list[int]] = {}
    first: dict[int, str] = {}
    name_of = {kid: nm for nm, kid in by_norm.items()}
    for nm, kid in by_norm.items():
        head, _, rest = nm.partition(" ")
        if rest:
            by_rest.setdefault(rest, []).append(kid)
            first[kid] = head
    groups = [kids for kids in by_rest.values() if len(kids) > 1]
    if not groups:
        return {}
    wanted = np.array(sorted(k for kids in groups for k in kids), dtype=np.int64)
    art = np.asarray(pair_article, dtype=np.int64)
    key = np.asarray(pair_key, dtype=np.int64)
    pick = np.isin(key, wanted)
    articles: dict[int, set[int]] = {}  # (the display name: the one in most articles)
    for a, k in zip(art[pick].tolist(), key[pick].tolist(), strict=True):
        articles.setdefault(k, set()).add(a)
    out: dict[int, int] = {}
    for kids in groups:
        # the names linked by being the same first name; one person only when each is the same as each
        # other ("chris" links "christine" and "christopher", who are not the same: no one merges)
        linked = {k: {o for o in kids if o != k and same_first_name(first[o], first[k])} for k in kids}
        seen: set[int] = set()
        for kid in kids:
            if kid in seen or not linked[kid]:
                continue
            team, todo = {kid}, [kid]
            while todo:
                for other in linked[todo.pop()] - team:
                    team.add(other)
                    todo.append(other)
            seen |= team
            if all(linked[k] >= team - {k} for k in team):
                best = min(team, key=lambda k: (-len(articles.get(k, ())), name_of[k]))
                out.update({k: best for k in team if k != best})
    return out


def _without_peerage(nm: str) -> str:
    toks = nm.split()
    while len(toks) > 1 and toks[0] in PEERAGE:
        toks = toks[1:]
    return " ".join(toks)


def _inner_full_name(nm: str, by_norm: dict[str, int], kid: int) -> int:
    """The full name inside a longer key: the key without post-nominals, the full name before "of"
    (a person of an organisation; a peer "of" a place is one word before it), or a suffix of two words or
    more after words that are no common first names (else "Mary Kayitesi Blewitt" would be someone
    called "Kayitesi Blewitt") and no small words of a phrase; -1 when there is none."""
    toks = nm.split()
    while len(toks) > 2 and toks[-1] in POST_NOMINALS:
        toks.pop()
    if "of" in toks[2:]:  # "ashok vishwanathan of operation black vote": the person, of an organisation
        hit = by_norm.get(" ".join(toks[: toks.index("of", 2)]), -1)
        if hit >= 0 and hit != kid:
            return hit
    for i in range(len(toks) - 1):
        if i and (toks[i - 1] in _CLAUSE_WORDS or is_known_first_name(toks[i - 1], FIRST_NAME_MIN)):
            return -1  # "MP for Sleaford and North Hykeham" is no one called "North Hykeham"
        hit = by_norm.get(" ".join(toks[i:]), -1)
        if hit >= 0 and hit != kid:
            return hit
    return -1


def _article_cells(
    votes: np.ndarray,
    art: np.ndarray,
    raw: np.ndarray,
    canon_norm: np.ndarray,
    short_surname: np.ndarray,
    n_sur: int,
    n_keys: int,
) -> tuple[np.ndarray, np.ndarray]:
    """(cells, targets): each (article, key) pair of a surname alone that its article decided — the name it
    voted for, else the key itself (the article's context is someone else's, or it names two bearers)."""
    if not len(votes) or not len(raw):
        return np.zeros(0, np.int64), np.zeros(0, np.int32)
    short = short_surname[canon_norm[raw]]
    pick = short >= 0
    pair_cell = np.unique(np.stack([art[pick], raw[pick], short[pick]], axis=1), axis=0)
    vote_cell = votes[:, 0] * n_sur + votes[:, 1]
    order = np.argsort(vote_cell)
    vote_cell, vote_target = vote_cell[order], votes[order, 2]
    want = pair_cell[:, 0] * n_sur + pair_cell[:, 2]
    pos = np.minimum(np.searchsorted(vote_cell, want), len(vote_cell) - 1)
    hit = vote_cell[pos] == want
    target = vote_target[pos[hit]]
    own = canon_norm[pair_cell[hit, 1]]
    target = np.where(target >= 0, target, own).astype(np.int32)
    cells = pair_cell[hit, 0] * n_keys + pair_cell[hit, 1]
    order = np.argsort(cells)
    return cells[order], target[order]


def _article_votes(
    art: np.ndarray,
    keys: np.ndarray,
    full_surname: np.ndarray,
    short_surname: np.ndarray,
    n_sur: int,
    n_keys: int,
) -> np.ndarray:
    """(article, surname, full name | NO_ONE | ABSTAIN) rows, one per article where the surname stands alone."""
    if not len(keys):
        return np.zeros((0, 3), np.int64)
    s_mask = short_surname[keys] >= 0
    short_cells = np.unique(art[s_mask] * n_sur + short_surname[keys[s_mask]])
    if not len(short_cells):
        return np.zeros((0, 3), np.int64)
    f_mask = full_surname[keys] >= 0
    full_rows = np.unique(np.stack([art[f_mask], full_surname[keys[f_mask]], keys[f_mask]], axis=1), axis=0)
    cell = full_rows[:, 0] * n_sur + full_rows[:, 1]
    cells, first, count = np.unique(cell, return_index=True, return_counts=True)
    # beside full names: one → a vote for it; two or more → no vote (the article could mean either)
    named = np.isin(cells, short_cells)
    target = np.where(count[named] == 1, full_rows[first[named], 2], ABSTAIN)
    out = [np.stack([cells[named] // n_sur, cells[named] % n_sur, target], axis=1)]
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
    as often as any other (by articles), or the only one. The article votes for that name when its
    context (the other names it mentions) shares a name with that person's articles; against merging
    when no bearer stands out, or when its context, ``MIN_CONTEXT`` names or more, shares none. An
    article with too little context to tell casts no vote. Names with the surname being decided are not
    context."""
    uniq = np.unique(art * n_keys + keys)  # the distinct (article, key) pairs, by article
    u_art, u_key = uniq // n_keys, uniq % n_keys
    art_ids, art_start = np.unique(u_art, return_index=True)
    art_end = np.append(art_start[1:], len(u_art))

    def pairs_of(articles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(which of ``articles``, key) of every pair of those articles, at once."""
        pos = np.searchsorted(art_ids, articles)
        starts, lens = art_start[pos], art_end[pos] - art_start[pos]
        idx = np.arange(int(lens.sum())) - np.repeat(np.cumsum(lens) - lens, lens) + np.repeat(starts, lens)
        return np.repeat(np.arange(len(articles)), lens), u_key[idx]

    # the bearer of each surname: the full name in most articles, if it stands out (else NO_ONE)
    n_sur = int(max(full_surname.max(initial=-1), short_surname.max(initial=-1))) + 1
    fulls = np.nonzero(full_surname >= 0)[0]
    n_articles = np.bincount(u_key[full_surname[u_key] >= 0], minlength=n_keys)
    order = np.lexsort((fulls, -n_articles[fulls], full_surname[fulls]))  # by surname, most articles first
    fulls = fulls[order]
    sur_of = full_surname[fulls]
    first = np.searchsorted(sur_of, np.arange(n_sur))
    has = first < len(fulls)
    has[has] = sur_of[first[has]] == np.arange(n_sur)[has]
    bearer = np.full(n_sur, NO_ONE, dtype=np.int64)
    bearer[has] = fulls[first[has]]
    second = first + 1
    runner = np.zeros(n_sur, dtype=np.int64)
    two = has & (second < len(fulls))
    two[two] = sur_of[np.minimum(second[two], len(fulls) - 1)] == np.arange(n_sur)[two]
    runner[two] = n_articles[fulls[second[two]]]
    known = has & (n_articles[np.maximum(bearer, 0)] >= DOMINANCE * runner)

    # each article's context: its names, less those with the surname being decided
    cell, ctx = pairs_of(alone_art)
    s_of = alone_sur[cell]
    keep = (full_surname[ctx] != s_of) & (short_surname[ctx] != s_of)
    cell, ctx, s_of = cell[keep], ctx[keep], s_of[keep]
    n_ctx = np.bincount(cell, minlength=len(alone_art))
    # does it share a name with the bearer's articles? (the bearers' articles' names, as bearer × key codes)
    shared = np.zeros(len(alone_art), dtype=bool)
    asked = np.unique(bearer[alone_sur[known[alone_sur]]])
    if len(asked) and len(cell):
        theirs = np.isin(u_key, asked)
        row, ks = pairs_of(u_art[theirs])
        whose = u_key[theirs][row]
        other = (full_surname[ks] != full_surname[whose]) & (short_surname[ks] != full_surname[whose])
        profile = np.unique(whose[other] * n_keys + ks[other])
        hit = np.isin(bearer[s_of] * n_keys + ctx, profile)
        shared = np.bincount(cell[hit], minlength=len(alone_art)) > 0

    vote = np.where(known[alone_sur] & shared, bearer[alone_sur], NO_ONE)
    cast = has[alone_sur] & (n_ctx > 0) & (~known[alone_sur] | shared | (n_ctx >= MIN_CONTEXT))
    return np.stack([alone_art[cast], alone_sur[cast], vote[cast]], axis=1).astype(np.int64)


__all__ = ["SpeakerMerge", "merge_speakers", "one_edit_apart", "spelling_variant"]
