"""The people of one article: who is named, under which full name, how often mentioned and
quoted, and their gender as the article presents it (``corpus.gender``).

People are the PERSON entities (already canonicalised within the article by
``corpus.names``: "Bains" → "Navdeep Bains") plus the quoted speakers the NER missed but the
speaker resolver named. Organisations and groups are not people: a name the article also
tags as an organisation, place or nationality is left out. A lone surname or first name
that belongs to exactly one full name of the article is merged into it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from corpus.coref.mentions import is_person_name
from corpus.first_names import UNKNOWN, is_known_first_name, name_gender
from corpus.gender import infer_gender, text_votes
from corpus.models import Entity, Person, Quote, entity_key, name_tokens
from corpus.person_extent import PLACE_OPENERS
from corpus.short_forms import same_first_name

if TYPE_CHECKING:
    from spacy.tokens import Doc

_NOT_PEOPLE_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
# Titles the NER sometimes glues to the front of a name ("Relations Carolyn Bennett" from
# "Crown-Indigenous Relations Carolyn Bennett").
_LEADING_NOT_NAME = frozenset(
    """relations affairs minister premier president justice chief sergeant cpl const constable
    economist strategist analyst mayor senator mp mla mpp dr prof""".split()
)
# Credits and bylines: photographers, reporters and wire services are not people of the story.
_CREDIT_BEFORE = re.compile(
    r"(?:with files from|reporting by|editing by|writing by|photo by|photograph by|as told to|^as)"
    r"[^.\n]*$|/\s*$",
    re.IGNORECASE,
)
_CREDIT_AFTER = re.compile(
    r"^\s*(?:/|,\s*(?:the\s+)?(?:associated press|canadian press|reuters|bloomberg|afp)\b"
    r"|\s(?:is|was)\s+an?\s[^.\n]{0,60}?\b(?:reporter|writer|journalist|columnist|correspondent|contributor"
    r"|editor|photographer)\b|\shas\s+(?:more|the latest|the story|the details)\b|\sreports\b)",
    re.IGNORECASE,
)


def clean_person_name(name: str) -> str:
    """The name without a title the NER or the resolver left in front ("economist Philip Cross",
    "Relations Carolyn Bennett" → the name)."""
    words = name.split()
    while len(words) > 1 and (words[0][:1].islower() or words[0].lower().strip(".") in _LEADING_NOT_NAME):
        words = words[1:]
    # "Jingyi Pan of IG", "Jonathon Maguire, pediatrician …": the name before what describes them
    for i, w in enumerate(words[2:], 2):
        if w.lower() in ("of", "from", "at", "with") or words[i - 1].endswith(","):
            words = words[:i]
            words[-1] = words[-1].rstrip(",")
            break
    return " ".join(words)


def is_credit(text: str, start: int, end: int) -> bool:
    """Whether the mention [start, end) is a byline or a photo credit, not a person in the story."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[max(line_start, start - 80) : start]
    after = text[end : min(line_end, end + 80)]
    return bool(_CREDIT_BEFORE.search(before) or _CREDIT_AFTER.match(after))


@dataclass
class _Draft:
    name: str
    mentions: int = 0
    quotes: int = 0
    votes: list[int] = field(default_factory=lambda: [0, 0])
    spellings: list[str] = field(default_factory=list)  # other full names folded into this one


def _fold(target: _Draft, d: _Draft) -> None:
    target.mentions += d.mentions
    target.quotes += d.quotes
    target.votes[0] += d.votes[0]
    target.votes[1] += d.votes[1]
    target.spellings += [d.name, *d.spellings]


# Spellings of one given name that differ only in how the final vowel sound is written:
# "Jody"/"Jodie", "Katy"/"Katie", "Jamie"/"Jamey".
_NAME_ENDING = re.compile(r"(?:ie|ey|ee|y|i)$")


def _same_given_name(a: str, b: str) -> bool:
    import difflib

    if a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.8:
        return True
    stem_a, stem_b = _NAME_ENDING.sub("", a), _NAME_ENDING.sub("", b)
    return stem_a == stem_b and len(stem_a) >= 3 and stem_a != a and stem_b != b


def _spelling_variants(a: list[str], b: list[str]) -> bool:
    """Two spellings of one full name in one article: first names a letter apart ("Jon Smith" /
    "John Smith"; spouses "John" and "Joan" are not), written with another ending ("Jody" /
    "Jodie") or in full and short ("Frederick" / "Freddie", ``corpus.short_forms``), or a plural
    ("more Audrey Parkers")."""
    if len(a) < 2 or len(a) != len(b) or a == b:
        return False
    if a[:-1] == b[:-1] and (a[-1] + "s" == b[-1] or b[-1] + "s" == a[-1]):
        return True
    return a[1:] == b[1:] and (_same_given_name(a[0], b[0]) or same_first_name(a[0], b[0]))


def _merge_partial_names(drafts: dict[str, _Draft]) -> dict[str, _Draft]:
    """Fold a part of a name into the one full name of the article it belongs to: a lone word
    ("Bains" → "Navdeep Bains"), the end of a longer name ("Paz Akin" → "Lorena Paz Akin"), a
    second spelling (the less mentioned into the more). Left alone when two people share it."""
    order = sorted(drafts.items(), key=lambda kv: (-len(name_tokens(kv[1].name)), -kv[1].mentions))
    kept: dict[str, _Draft] = {}
    for key, d in order:
        tokens = name_tokens(d.name)
        longer = [(k, name_tokens(f.name)) for k, f in kept.items()]
        owners = [
            k
            for k, ft in longer
            if len(ft) > len(tokens)
            and (ft[-len(tokens) :] == tokens or len(tokens) == 1 and tokens[0] in ft)
            or _spelling_variants(ft, tokens)
        ]
        if len(owners) == 1:
            _fold(kept[owners[0]], d)
            continue
        if len(tokens) == 1 and len(owners) > 1:
            # one word of several full names: the ones that are spellings of one name count once
            first = kept[owners[0]]
            if all(_spelling_variants(name_tokens(first.name), name_tokens(kept[o].name)) for o in owners[1:]):
                _fold(first, d)
                continue
        kept[key] = d
    return {k: drafts[k] for k in drafts if k in kept}


def _speaker_name(q: Quote) -> str:
    """The quote's resolved speaker name without a possessive the mention opened with
    ("Vancouver's Bo Horvat" → "Bo Horvat")."""
    name = q.speaker_name or ""
    if q.speaker is not None:
        for mark in ("'s ", "’s "):
            if mark in q.speaker.text:
                after = q.speaker.text.rsplit(mark, 1)[1]
                if entity_key(name).endswith(entity_key(after)) and entity_key(after):
                    return after
    return name


def _after_possessive(e: Entity) -> str:
    """The name after a possessive the NER took in ("Vancouver's Bo Horvat" → "Bo Horvat")."""
    for mark in ("'s ", "’s "):
        if mark in e.text:
            return e.text.rsplit(mark, 1)[1]
    return e.name


def _misread_person(doc: Doc, e: Entity) -> bool:
    """An entity the small model labelled ORG, GPE, … that is a person's full name: two or three
    capitalised words opening with a common, unambiguously gendered first name (at least
    ``_MISREAD_MIN_COUNT`` people in the name table: "Hong Kong" and "British Columbia" are not),
    no organisation word, not ending in a plural ("Carolina Hurricanes")."""
    if e.label not in ("ORG", "GPE", "WORK_OF_ART", "NORP", "FAC", "LOC", "PRODUCT"):
        return False
    name = clean_person_name(_after_possessive(e))
    words = name.split()
    if not 2 <= len(words) <= 3 or not is_person_name(name):
        return False
    if not is_known_first_name(words[0], _MISREAD_MIN_COUNT) or name_gender(words[0]) == UNKNOWN:
        return False
    if words[0].lower() in PLACE_OPENERS:
        return False  # "West Ham": a place, whatever the name table says of "West"
    span = doc.char_span(e.start, e.end, alignment_mode="expand")
    return span is None or span[-1].tag_ != "NNPS"


_MISREAD_MIN_COUNT = 100


def article_people(doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote]) -> tuple[Person, ...]:
    """The people of the article behind ``doc``, most mentioned first."""
    from corpus.doc_tokens import doc_tokens
    from corpus.entities import proper_name_chains

    text = doc_tokens(doc).text  # ``doc.text`` makes a Token per word; the table joins its columns once per Doc
    misread = {id(e) for e in entities if e.label != "PERSON" and _misread_person(doc, e)}
    not_people = {e.key for e in entities if e.label in _NOT_PEOPLE_LABELS and id(e) not in misread}
    drafts: dict[str, _Draft] = {}
    credited: dict[str, bool] = {}  # key → every mention so far is a credit
    alias: dict[str, str] = {}  # the key an entity name has → the key of its cleaned name

    def draft_for(raw: str, alias_of: str | None = None) -> tuple[str, _Draft] | None:
        name = clean_person_name(raw)
        key = entity_key(name)
        if key in not_people or not is_person_name(name) or not name_tokens(name):
            return None
        alias[entity_key(alias_of or raw)] = key
        return key, drafts.setdefault(key, _Draft(name))

    for e in entities:
        if e.label != "PERSON" and id(e) not in misread:
            continue
        found = draft_for(_after_possessive(e), alias_of=e.name)
        if found is None:
            continue
        key, d = found
        d.mentions += 1
        credited[key] = credited.get(key, True) and is_credit(text, e.start, e.end)
    # full names the NER missed: a run of proper nouns that opens with a known first name
    for name, pos, org in proper_name_chains(doc):
        key = entity_key(name)
        if org or key in drafts or not is_known_first_name(name.split()[0]):
            continue
        found = draft_for(name)
        if found is not None:
            found[1].mentions += 1
            credited[found[0]] = credited.get(found[0], True) and is_credit(text, pos, pos + len(name))
    surnames: dict[str, _Draft] = {}  # one-word speakers no entity names: part of a full name?
    entity_spans = sorted((e.start, e.end) for e in entities)
    counted_spans: set[int] = set()

    def new_name_mention(q: Quote) -> bool:
        """The speaker mention names someone ("Okafor said"; not "he", not "the mayor") outside any
        entity mention already counted, and was not counted for an earlier piece of its quote."""
        span = q.speaker
        if span is None or span.start in counted_spans or not any(w[:1].isupper() for w in span.text.split()):
            return False
        if span.text.lower() in ("he", "she", "they", "i", "we"):
            return False
        i = bisect.bisect_right(entity_spans, (span.end, span.end)) - 1
        while i >= 0 and entity_spans[i][1] > span.start:
            if entity_spans[i][0] < span.end:
                return False
            i -= 1
        counted_spans.add(span.start)
        return True

    for q in quotes:
        if not q.speaker_name:
            continue
        raw_key = entity_key(_speaker_name(q))
        key = alias.get(raw_key, raw_key)
        known = drafts.get(key)
        if known is not None:
            d = known
            d.mentions += int(new_name_mention(q))
        else:
            # a speaker the NER missed: a full name (two words or more) that is no organisation
            name = clean_person_name(_speaker_name(q))
            if len(name_tokens(name)) < 2:
                if key not in not_people and is_person_name(name) and name_tokens(name):
                    surnames.setdefault(key, _Draft(name, mentions=1)).quotes += 1
                continue
            found = draft_for(name)
            if found is None:
                continue
            key, d = found
            d.mentions += 1
        d.quotes += 1
        credited[key] = False
    for key in [k for k, d in drafts.items() if credited.get(k, False) and not d.quotes]:
        del drafts[key]
    # the text's evidence reads only the mentions of the people found: not "Bill C-74", not a
    # byline; a full name the NER took for an organisation is a person there too
    person_mentions = [
        e if e.label == "PERSON" else replace(e, label="PERSON")
        for e in entities
        if (e.label == "PERSON" or id(e) in misread) and alias.get(entity_key(e.name)) in drafts
    ]
    for name, (m, f) in text_votes(doc, person_mentions, quotes).items():
        found_draft = drafts.get(alias.get(entity_key(name), entity_key(name)))
        if found_draft is not None:
            found_draft.votes[0] += m
            found_draft.votes[1] += f
    drafts = _merge_partial_names(drafts)
    # a one-word speaker counts only as part of a full name ("Raybould" of "Jody Wilson-Raybould")
    merged = _merge_partial_names(drafts | {k: d for k, d in surnames.items() if k not in drafts})
    drafts = {k: d for k, d in merged.items() if k in drafts}
    # a lone word the NER calls a person and nothing else supports ("Twitter", "Moana"): not a
    # person unless quoted or referred to as a he or a she
    for key in [k for k, d in drafts.items() if len(name_tokens(d.name)) < 2 and not d.quotes and d.votes == [0, 0]]:
        del drafts[key]
    # likewise a name mentioned once, never quoted nor taken up by a pronoun, whose first word is
    # no known first name ("Easter Rising", "Pernod Ricard", "Doc McStuffins")
    for key in [
        k
        for k, d in drafts.items()
        if d.mentions == 1 and not d.quotes and d.votes == [0, 0] and not is_known_first_name(d.name.split()[0])
    ]:
        del drafts[key]
    people = []
    for key, d in drafts.items():
        call = infer_gender(d.votes, d.name, d.spellings)
        people.append(Person(d.name, key, call.gender, call.source, d.quotes > 0, d.mentions, d.quotes))
    people.sort(key=lambda p: (-p.mentions, -p.quotes, p.name))
    return tuple(people)


__all__ = ["article_people", "is_person_name"]
