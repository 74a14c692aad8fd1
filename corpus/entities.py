"""Named entities of one article, cleaned and canonicalised.

``extract_entities(doc)`` keeps the naming labels (PERSON, ORG, GPE, NORP, LOC,
EVENT, FAC, PRODUCT, WORK_OF_ART, LAW, LANGUAGE — not dates or numbers), cleans
each mention (``corpus.names.clean_mention``: leading "the", possessive,
glued hashtags, stray punctuation) and gives it the canonical name of the
person/organisation it stands for within the article (``Trudeau``,
``PM Trudeau`` → ``Justin Trudeau``; ``IRCC`` → ``Immigration, Refugees and
Citizenship Canada``), with ``key = entity_key(name)``.

The canonicalisation itself (``canonical_names``, ``NameIndex``) lives in
``corpus.names`` and is the same code speaker resolution uses.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from corpus.acronyms import introduced_short_forms
from corpus.coref.doc_index import doc_text as text_of
from corpus.coref.lexicon import KIN_NOUNS, ORG_NOUNS, PERSON_NOUNS
from corpus.coref.mentions import organisation_like, role_in_apposition
from corpus.doc_tokens import doc_tokens
from corpus.gender import UNKNOWN, is_known_first_name, name_gender
from corpus.models import Entity, entity_key
from corpus.names import (
    POST_NOMINALS,
    TITLE_WORDS,
    NameIndex,
    build_name_index,
    canonical_names,
    clean_mention,
    honorific_gender,
    strip_titles,
)
from corpus.not_people import article_names, names_an_organisation, relabel_not_people
from corpus.people import is_person_name
from corpus.person_extent import AFFILIATION_WORDS, PLACE_OPENERS, person_extent

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
# Offices and occupations: words that end a role ("European Commissioner", "Conservative Party Co-Chairman")
# and open none of a person's names, and that stand in front of a name as what the person is ("Farmer Geoff
# Brooks", "Campaigner Helen Morris"). (Titles that are surnames too, "King", "Major", "Judge", "Dean", are
# ``corpus.names.TITLE_WORDS``'s.)
ROLE_WORDS = frozenset(
    """
chairman chairwoman chairperson chair secretary minister commissioner archbishop president governor mayor
spokesman spokeswoman spokesperson leader councillor correspondent editor director campaigner activist
farmer lawyer solicitor barrister analyst economist official adviser advisor expert researcher
candidate chancellor premier senator
dj broadcaster presenter magistrate rapper singer actor actress comedian novelist author producer cinematographer
organiser organizer
""".split()
)
# Prefixes a role word takes with a hyphen ("Co-Chairman", "Vice-President", "Ex-Minister").
_ROLE_PREFIXES = frozenset({"co", "vice", "deputy", "ex", "joint", "acting"})
# A role word stands before a first name at least this many people in the name table have ("Farmer Geoff").
ROLE_BEFORE_FIRST_NAME_MIN = 1000
# Prepositions that put a place after them ("in Ledbury", "near Hereford").
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "around"})
# A first name that signs a reader's comment ("Ashley, Swindon") is one this many people have.
SIGNATURE_FIRST_NAME_MIN = 1000
# Prepositions (a closed class of the grammar) that open a sentence capitalised, where the small model reads
# them as the first name of whatever follows: "Outside Hartwell's warehouse, …" names no "Outside Hartwell".
_OPENING_PREPOSITIONS = frozenset(
    """outside inside across beyond behind beneath amid amidst among despite throughout toward towards during
    without within upon onto into near above below after before""".split()
)


def role_word(word: str) -> str:
    """The role a word names, in lower case, without the prefix it may take ("Co-Chairman" → "chairman")."""
    w = word.lower().strip(".,")
    head, _, rest = w.partition("-")
    return rest if rest and head in _ROLE_PREFIXES else w


def _clean_mention(text: str, start: int, end: int, label: str) -> tuple[str, int, int] | None:
    """``clean_mention``, remembered by text and label: an article names the same people again and again, and
    what cleaning keeps of a mention depends on its text alone (its offsets move with it)."""
    if end - start != len(text):
        return clean_mention(text, start, end, label)
    cleaned = _cleaned(text, label)
    if cleaned is None:
        return None
    kept, moved = cleaned
    return kept, start + moved, start + moved + len(kept)


@lru_cache(maxsize=16384)
def _cleaned(text: str, label: str) -> tuple[str, int] | None:
    """What ``clean_mention`` keeps of ``text`` and how far in it starts."""
    cleaned = clean_mention(text, 0, len(text), label)
    return None if cleaned is None else (cleaned[0], cleaned[1])


def raw_mentions(doc: Doc) -> list[tuple[str, int, int, str]]:
    """Cleaned (text, start, end, label) of the naming entities, in text order."""
    out = []
    table = doc_tokens(doc)
    tokens = table.tokens  # made once per Doc: ``doc[i]`` makes a new Token each time
    for ent in table.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        start_char = ent.start_char
        i = ent.start
        label = ent.label_
        if ent.label_ == "PERSON":
            # the NER often leaves a first name out ("Katherine [Jackson]"): take capitalised proper-noun
            # compounds of the name back in (titles stay out)
            while i > 0:
                prev = tokens[i - 1]
                if (
                    prev.pos_ == "PROPN"
                    and prev.dep_ == "compound"
                    and prev.head.i >= ent.start
                    and prev.text[:1].isupper()
                    and prev.is_alpha
                    and prev.ent_type_ in ("", "PERSON")
                    and prev.lower_ not in TITLE_WORDS
                    and not prev.is_sent_start
                ):
                    i -= 1
                else:
                    break
            # "rang Lucy", "stepson Sholto": lowercase words in front are no part of the name; "Across Wales",
            # "Entering Westminster": a phrase opened by a preposition or a verb is no name at all
            while i < ent.end - 1 and tokens[i].text[:1].islower() and tokens[i].lower_ not in NAME_PARTICLES:
                i += 1
            if tokens[i].pos_ in ("ADP", "VERB") and tokens[i].text[:1].isupper() or _opening_preposition(tokens[i]):
                continue
            # "Farmer Geoff Brooks", "Campaigner Helen Morris": what the person is, then their name
            while ent.end - i >= 3 and _role_before_first_name(tokens[i], tokens[i + 1]):
                i += 1
            # "Conservative Graham Brady", "Vote Blair", "Labour MPs", "MP for West Ham": the name inside, if any
            extent = person_extent(doc, i, ent.end)
            if extent is None:
                continue
            i, label = extent
            start_char = tokens[i].idx
        elif ent.label_ == "NORP":
            i = _with_group_modifier(doc, ent)  # "The [Liberal] Democrats"
            start_char = tokens[i].idx
        end_char = ent.end_char
        # (a work's or a law's title may be a sentence: "How the Grinch Stole Christmas", "No Child Left Behind")
        subject = _subject_of_a_clause(tokens, i, ent.end) if label in ("PERSON", "ORG") else None
        if subject is not None and label != "PERSON":
            continue  # "Survivors Explain Why Clinton Offers …" as an organisation: a headline's sentence
        if subject is not None:
            # "Trump Says He Never …", "Will Twitter Be Next" as a person: a headline's sentence the NER took
            # for a name; the name is its subject (an organisation's headline may open with a person's name,
            # which is no organisation's: it is left out)
            i = max(i, subject.left_edge.i)
            start_char, end_char = tokens[i].idx, subject.idx + len(subject.text)
        text = table.text[start_char:end_char]  # (``Span.text`` makes a Token per word of it)
        cleaned = _clean_mention(text, start_char, end_char, label)
        if cleaned is None:
            continue
        text, start, end = cleaned
        if "\n" in text:  # a mention never spans lines (headline + first line glued by the NER)
            # keep the last line's part (the headline before it was glued on), else the first
            cut = text.rfind("\n") + 1
            last = text[cut:]
            if last.strip() and last[:1].isupper():
                text, start = last, start + cut
            else:
                text = text.split("\n", 1)[0].rstrip()
                end = start + len(text)
            cleaned = clean_mention(text, start, start + len(text), label)
            if cleaned is None:
                continue
            text, start, end = cleaned
        if not _looks_like_a_name(text):
            continue
        if label != "PERSON" and is_title_not_name(doc, text, start, label):
            continue
        if label != "PERSON" and (person := misread_person(doc, text, start, end, label)) is not None:
            text, start, label = person[0], person[1], "PERSON"
        out.append((text, start, end, label))
    out = _nicknamed_people(table.text, out)  # 'John “Tig” Tiegen': one person, not "John “Tig" and "Tiegen"
    out = relabel_not_people(doc, out)  # "BAA", "Clarence House", "New Labour": no one's name
    out = _people_by_context(doc, _places_by_context(doc, out))  # "Bernie Ebbers" … "Mr Ebbers": a person
    out = _organisations_by_apposition(doc, _people_by_surname(doc, out))
    out = _organisations_by_their_officers(doc, _organisations_by_description(doc, out))
    return _without_glued_words(table.text, out)


def _subject_of_a_clause(tokens: list[Token], lo: int, hi: int) -> Token | None:
    """The subject of a capitalised finite verb inside the mention ``tokens[lo:hi]`` of four words or more,
    both inside it (not the "den" of "Nick Van den Brul", which the parse may take for a verb): the mention
    is a headline's sentence the NER took for a name ("Charleston Survivors Explain Why …", "Will Twitter Be
    Next"), not an organisation named with a verb ("Black Lives Matter", "Moms Demand Action": three
    words)."""
    if hi - lo < 4:
        return None
    for k in range(lo, hi):
        verb = tokens[k]
        if verb.pos_ in ("VERB", "AUX") and verb.tag_ in ("VBZ", "VBP", "VBD", "VB", "MD") and verb.text[:1].isupper():
            for c in verb.children:
                if lo <= c.i < hi and c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN"):
                    return c
    return None


# A first name (with a middle initial or not), a nickname in quotes and a surname: 'John “Tig” Tiegen',
# 'Thomas P. "Tip" O'Neill'. The NER cuts such a name at the quotes.
_NICKNAMED = re.compile(
    r"\b([A-Z][a-z]+)(?: [A-Z]\.)? [“\"]([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?)[”\"] ([A-Z][\w'’-]*[a-z][\w'’-]*)\b"
)


def _nicknamed_people(text: str, mentions: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """The mentions with a name written with a nickname in quotes ('John “Tig” Tiegen', 'Juan "Chico"
    Manriquez') made one PERSON mention, in place of the pieces the NER made of it ('Marine John “Tig' and an
    ORG 'Tiegen'), when the NER saw a person in it and the first word is a known first name: a quoted word
    between two names is otherwise a title or a phrase ('Clinton's "Stronger Together" Rally')."""
    if '"' not in text and "“" not in text:
        return mentions
    for m in _NICKNAMED.finditer(text):
        start, end = m.start(), m.end()
        inside = [x for x in mentions if x[1] < end and x[2] > start]
        if not any(x[3] == "PERSON" for x in inside) or not is_known_first_name(m.group(1)):
            continue
        if any(x[1] < start or x[2] > end for x in inside if x[3] != "PERSON"):
            continue  # an organisation or place the name is a part of
        # (a title the NER took in with the name, "Marine John “Tig", stays out, as it does elsewhere)
        kept = [x for x in mentions if x not in inside]
        mentions = sorted([*kept, (m.group(0), start, end, "PERSON")], key=lambda x: x[1])
    return mentions


# Words after a surname that are part of the name ("Harry Harris Jr.", "Louis Philippe III").
_GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})


def _without_glued_words(text: str, mentions: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """PERSON mentions cut back to the name the article writes more often on its own when they only add words
    after it: a headline's "Ted Cruz Apologizes" or "Chris Christie Address Heroin" beside "Ted Cruz" and
    "Chris Christie" elsewhere. A name the article writes as often in full stays ("Ana Ruiz Lopez" twice beside
    "Ana Ruiz" once), and so do generational suffixes ("Harry Harris Jr."). In a line written in title case
    capitals say nothing, so there a mention is cut to the longest name it opens with that the article writes
    outside such lines, however often ("Ana Ruiz Backs Lee" → "Ana Ruiz", "Lee Says He" → "Lee"), when the
    first word cut is no word of a name written there ("Ana Ruiz" of a list of names stays, beside "Ana")."""
    counts: dict[str, int] = {}
    for name, _, _, label in mentions:
        if label == "PERSON":
            counts[name] = counts.get(name, 0) + 1
    alone = {t for t in counts if " " not in t}
    full = set(counts) - alone
    in_text = {name for name, start, _, label in mentions if label == "PERSON" and not _in_title_case_line(text, start)}
    name_words = {w for name in in_text for w in name.split()}
    out = []
    for name, start, end, label in mentions:
        words = name.split()
        if label == "PERSON" and len(words) >= 2 and _in_title_case_line(text, start):
            for k in range(len(words) - 1, 0, -1):
                prefix = " ".join(words[:k])
                if prefix in in_text and words[k] not in name_words:
                    name, end, words = prefix, start + len(prefix), words[:k]
                    break
        if label == "PERSON" and len(words) >= 3:
            for k in range(len(words) - 1, 1, -1):
                prefix = " ".join(words[:k])
                if counts.get(prefix, 0) > counts[name] and _glued_on(words[k:], alone, full):
                    name, end = prefix, start + len(prefix)
                    break
        out.append((name, start, end, label))
    return out


def _in_title_case_line(text: str, start: int) -> bool:
    """Whether the line around ``start`` is written in title case, as headlines are: it has at least four words
    of four letters or more and all of them open with a capital, so a capital there does not mark a name."""
    return _title_case_line_at(text, text.rfind("\n", 0, start) + 1)


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


@lru_cache(maxsize=4096)  # asked for every mention of a line, and a news paragraph is one long line
def _title_case_line_at(text: str, lo: int) -> bool:
    """``_in_title_case_line`` of the line that starts at ``lo`` (a key of the same text object hashes once)."""
    hi = text.find("\n", lo)
    line = text[lo : hi if hi >= 0 else len(text)]
    long_words = _LONG_WORD.findall(line)
    return len(long_words) >= 4 and all(w[0].isupper() for w in long_words)


def _known_name_inside(run: str, people: set[str], alone: set[str], title_case: bool = False) -> str:
    """The full name a run of capitalised words opens with when the article names that person on their own
    elsewhere: "Ted Cruz Apologizes" of a headline beside "Ted Cruz" is Ted Cruz, not a longer name of him.
    What follows is the name's when it is a generational suffix ("Harry Harris Jr.") or a word the article
    calls someone by alone (the surname of "Dena Minning Grayson" beside "Grayson"). In a line in title case
    (``title_case``) every word has a capital, so the run is cut before its first word that is no word of the
    article's names ("Ana Ruiz Backs Lee" → "Ana Ruiz", "Lee Says He" → "Lee")."""
    words = run.split()
    if title_case:
        name_words = {w for name in people | alone for w in name.split()}
        for k in range(len(words) - 1, 0, -1):
            if " ".join(words[:k]) in people | alone and words[k] not in name_words:
                return " ".join(words[:k])
    for k in range(len(words) - 1, 1, -1):
        if " ".join(words[:k]) in people and _glued_on(words[k:], alone, people):
            return " ".join(words[:k])
    return run


def _glued_on(extra: list[str], alone: set[str], people: set[str]) -> bool:
    """Whether words after a full name are no part of it: no generational suffix, and not ending in a word the
    article calls someone by alone ("Grayson" of "Dena Minning Grayson") unless they end in another person's
    full name (the headline "Carly Fiorina Endorses Ted Cruz" beside "Ted Cruz" and "Cruz")."""
    if _GENERATIONAL.intersection(w.lower().rstrip(".,") for w in extra):
        return False
    if extra[-1] not in alone:
        return True
    return any(" ".join(extra[k:]) in people for k in range(len(extra) - 1))


def _organisations_by_apposition(
    doc: Doc, mentions: list[tuple[str, int, int, str]]
) -> list[tuple[str, int, int, str]]:
    """Mentions the model took for a person that the text describes as an organisation in apposition:
    "Xanadu, the official news agency, wrote" or "Brightwell, a small charity," are no one's name (a person
    gets a person's role there: "Ruiz, the agency's director,"). Only the apposition right after the name
    says what it is: in "Ruiz, head of policy at the charity Brightwell," the parse may hang "charity" on Ruiz
    too, after the role that describes her."""
    out = []
    for text, start, end, label in mentions:
        if label == "PERSON":
            span = doc.char_span(start, end, alignment_mode="expand")
            appositions = [c for c in span.root.children if c.dep_ == "appos"] if span is not None else []
            first = appositions[0] if appositions else None  # children come in text order
            if (
                first is not None
                and first.pos_ == "NOUN"
                and first.tag_ == "NN"
                and first.lemma_.lower() in ORG_NOUNS
                and span is not None
                and all(t.is_punct for t in doc[span.end : first.left_edge.i])
            ):
                # (right after the name: "Ruiz of the Lisbon Forum, a research group," describes the forum)
                label = "ORG"
        out.append((text, start, end, label))
    return out


# Nouns a news article puts before a company's or a charity's name to say what it is ("oil giant Yukos",
# "drugmaker Novartis", "phone company Qwest"), besides the organisations of ORG_NOUNS. "-maker" covers
# "carmaker", "chipmaker", "drugmaker".
_BUSINESS_NOUNS = frozenset({"giant", "maker", "producer", "carrier", "operator", "lender", "insurer", "conglomerate"})
# ORG_NOUNS that stand before a person's name as often as an organisation's ("campaign manager", "state
# senator" are roles; "team captain Ana Ruiz" has the role between) or name places.
_NOT_DESCRIPTIONS = frozenset({"city", "province", "state", "country", "office", "campaign", "team", "station"})


# What a national branch of an organisation puts after its name ("Age Concern England", "Oxfam International").
_BRANCH_NATIONS = ("England", "Scotland", "Wales", "Cymru", "Ireland", "UK", "GB", "International")


# Nouns for a company that end in what it makes or builds ("housebuilder", "shipbuilder"; not "bodybuilder").
_BUILDER_NOUNS = frozenset({"housebuilder", "homebuilder", "shipbuilder", "carbuilder"})


def _description_word(tok: Token) -> str:
    """The word a description noun is read as: its lemma, but a builder noun as written (the tagger reads
    "housebuilder" a verb now and then, and its lemma is then a verb's)."""
    return tok.lower_ if tok.lower_ in _BUILDER_NOUNS else tok.lemma_.lower()


def _company_noun(tok: Token) -> bool:
    """A lowercase noun only a company is described by ("firm", "housebuilder", "drugmaker", "insurer"): a name
    right after it is a company's even when it opens with a first name ("housebuilder George Wimpey")."""
    word = _description_word(tok)
    return word in ("firm", "company") or word in _BUSINESS_NOUNS or word in _BUILDER_NOUNS or word.endswith("maker")


def _organisation_description(tok: Token) -> bool:
    """A lowercase noun saying a name that follows is an organisation's: "firm", "charity", "giant",
    "drugmaker" (a company's noun, or any organisation's of ORG_NOUNS but the few that stand before people
    and places too)."""
    if not tok.text.islower() or tok.pos_ != "NOUN" and tok.lower_ not in _BUILDER_NOUNS:
        return False  # (the tagger reads "housebuilder" a verb now and then; it is no verb)
    word = _description_word(tok)
    return word not in _NOT_DESCRIPTIONS and (word in ORG_NOUNS or _company_noun(tok))


def _organisations_by_description(
    doc: Doc, mentions: list[tuple[str, int, int, str]]
) -> list[tuple[str, int, int, str]]:
    """Names the model took for a person that the article, once at least, introduces as an organisation with a
    noun right before them ("Russian oil giant Yukos", "the drugmaker Novartis", "the charity Age Concern"):
    every mention of that name in the article is the organisation's ("Yukos said"). Not a name opening with a
    common first name ("group chairman Ana Ruiz" has the role between), and a name the article also writes
    after a title or inside a person's full name stays a person."""
    tokens = doc_tokens(doc).tokens
    described: set[str] = set()
    read_as_people = {t for t, _, _, label in mentions if label == "PERSON"}
    for text, start, _end, _label in mentions:
        # the description may stand before a mention the model labelled otherwise ("oil giant Vostrak" a place)
        if text not in read_as_people:
            continue
        span = doc.char_span(start, start + len(text), alignment_mode="expand")
        if span is None or span.start == 0:
            continue
        before = tokens[span.start - 1]
        if not _organisation_description(before):
            continue
        # the noun modifies the name, or is its apposition
        hangs_on = before.head.i in range(span.start, span.end) or before.dep_ == "appos"
        if is_known_first_name(text.split()[0], MISREAD_MIN_COUNT) and not (_company_noun(before) and hangs_on):
            continue  # (named after its founder: only after a word for a company, "housebuilder George Wimpey")
        if hangs_on:
            described.add(text)
    # the description may stand before a word the model left unlabelled there ("Polling company Mori carried out
    # the survey" beside "the Mori survey" read as a person)
    # (a word alone after an organisation's noun is a first name only when many people have it: "Mori", 119)
    singles = {t for t in read_as_people - described if " " not in t and not is_known_first_name(t, 1000)}
    if singles:
        for i in doc_tokens(doc).indexes_of(doc_tokens(doc).words, singles):
            if i > 0 and tokens[i - 1].head.i == i and _organisation_description(tokens[i - 1]):
                described.add(tokens[i].text)
    # "Age Concern" beside "Age Concern England": a charity's or a company's national branch, named by the
    # organisation then the nation; a person's name takes no nation after it
    longer = {t for t, _, _, label in mentions if label != "PERSON"}
    for text in read_as_people:
        if name_gender(text.split()[0]) == UNKNOWN and any(text + " " + nation in longer for nation in _BRANCH_NATIONS):
            described.add(text)
    if not described:
        return mentions
    people = {t for t, _, _, label in mentions if label == "PERSON" and " " in t}
    titled = {tokens[i + 1].text for i in range(len(tokens) - 1) if tokens[i].lower_.rstrip(".") in HONORIFICS}
    described = {t for t in described if t not in titled and not any(p.endswith(" " + t) and p != t for p in people)}
    described |= _short_names_of(described, read_as_people, titled)
    return [(t, s, e, "ORG" if label == "PERSON" and t in described else label) for t, s, e, label in mentions]


# Nouns for what only a company or an institution has, right after its name or its possessive: its officers
# ("Virgin Blue chief executive", "Air Deccan's managing director", "Wimpey chairman"), its owners and board
# ("Fannie Mae's shareholders"), its stock and its accounts ("Pernod shares", "Ericsson profits"). A person has
# a spokesman, an aide, a chief of staff or a lawyer, never a chief executive, a board or shareholders.
_OFFICER_NOUNS = frozenset(
    {
        "chairman",
        "chairwoman",
        "president",
        "shareholder",
        "shareholders",
        "board",
        "subsidiary",
        "subsidiaries",
        "workforce",
    }
)
_OFFICER_MODIFIERS = frozenset({"chief", "managing", "finance", "financial", "operating", "group"})
# After the name itself, not after a possessive: "Pernod shares" are its stock; "Mr Glazer's shares" are his.
_STOCK_NOUNS = frozenset(
    {"shares", "profits", "profit", "revenues", "turnover", "executive", "executives", "newspaper", "magazine"}
)


def _company_context(tokens: list[Token], span: Span) -> bool:
    """Whether a name stands where only an organisation does: with its officers, board or stock after it
    (``_officer_after``), with "the" in front of the name itself ("the Sunday Telegraph reported"; a person takes
    no article), or as the place of work of someone's role ("an analyst at Kestrel Wynn"; not "a daughter at
    home")."""
    if _officer_after(tokens, span.end):
        return True
    if span.start > 0 and tokens[span.start - 1].lower_ == "the" and span.start <= tokens[span.start - 1].head.i:
        # (not a first name: "The Donald" is a nickname of a person)
        return tokens[span.start - 1].head.i < span.end and not is_known_first_name(
            span[0].text, ROLE_BEFORE_FIRST_NAME_MIN
        )
    root = span.root
    if root.dep_ != "pobj" or root.head.dep_ != "prep" or root.head.head.pos_ != "NOUN":
        return False
    return root.head.lower_ == "at" and root.head.head.lemma_.lower() in PERSON_NOUNS - KIN_NOUNS


def _officer_after(tokens: list[Token], end: int) -> bool:
    """Whether the words from ``end`` on name a company's officer, board or stock: "chief executive",
    "'s managing director", "'s shareholders", "shares" (``_OFFICER_NOUNS``, ``_STOCK_NOUNS``), in lower case."""
    i, owned = end, False
    if i < len(tokens) and tokens[i].tag_ == "POS":
        i, owned = i + 1, True
    while i < len(tokens) and tokens[i].lower_ in _OFFICER_MODIFIERS and tokens[i].text.islower():
        i += 1
    if i >= len(tokens) or not tokens[i].text.islower() or tokens[i].pos_ != "NOUN":
        return False  # ("Smith shares his view": a verb)
    word, opened = tokens[i].lower_, i > end + owned  # "chief executive", "managing director": a modifier first
    if word in _OFFICER_NOUNS or opened and word in ("executive", "director"):
        return True
    return not owned and (word in _STOCK_NOUNS or word == "director" and opened)


def _organisations_by_their_officers(
    doc: Doc, mentions: list[tuple[str, int, int, str]]
) -> list[tuple[str, int, int, str]]:
    """Names the model took for a person that the article, once at least, gives a company's officers, board or
    stock right after the name ("Virgin Blue chief executive Brett Godfrey", "Air Deccan's managing director",
    "Pernod shares slipped"), "the" in front or someone's role at it (``_company_context``): an organisation, in
    every mention of the article. A name the article also writes
    after a title or inside a person's full name stays a person."""
    people = {t for t, _, _, label in mentions if label == "PERSON"}
    if not people:
        return mentions
    tokens = doc_tokens(doc).tokens
    found: set[str] = set()
    for text, start, end, _label in mentions:
        if text in people and text not in found:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and _company_context(tokens, span):
                found.add(text)
    # a word the model left unlabelled there ("Pernod shares slipped" beside "Pernod said" read as a person)
    singles = [t for t in people - found if " " not in t]
    if singles:
        table = doc_tokens(doc)
        for i in table.indexes_of(table.words, set(singles)):
            if tokens[i].text not in found and _officer_after(tokens, i + 1):
                found.add(tokens[i].text)
    if not found:
        return mentions
    full = {t for t in people if " " in t and t not in found}
    titled = doc_tokens(doc).words_after(PERSON_TITLES)
    found = {t for t in found if t.split()[-1] not in titled and not any(p.endswith(" " + t) for p in full)}
    # the organisation's full name the article gave first ("France's Pernod Ricard" … "Pernod shares")
    opening = {w for w in found if not is_known_first_name(w, ROLE_BEFORE_FIRST_NAME_MIN)}
    found |= {t for t in full if t.split()[0] in opening and t.split()[-1] not in titled}
    found |= _short_names_of(found, people, titled)
    return [(t, s, e, "ORG" if label == "PERSON" and t in found else label) for t, s, e, label in mentions]


def _short_names_of(organisations: set[str], people: set[str], titled: set[str]) -> set[str]:
    """The last words alone, read as people, of organisations of several words ("housebuilder George Wimpey" …
    "Wimpey said"), and the first words that are no common first name ("Diageo North America president" …
    "Diageo said"): the organisation named short, unless the article puts a title in front of the word ("Mr
    Wimpey")."""
    lasts = {t.rsplit(" ", 1)[-1] for t in organisations if " " in t}
    firsts = {t.split(" ", 1)[0] for t in organisations if " " in t}
    firsts = {w for w in firsts if not is_known_first_name(w, ROLE_BEFORE_FIRST_NAME_MIN)}
    return {w for w in lasts | firsts if w in people and w not in titled}


def _opening_preposition(tok: Token) -> bool:
    """A capitalised preposition opening a sentence ("Outside", "Across"), whatever the tagger made of it."""
    return (tok.is_sent_start or tok.i == 0) and tok.text[:1].isupper() and tok.lower_ in _OPENING_PREPOSITIONS


def _people_by_surname(doc: Doc, mentions: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """One-word mentions the model labelled a place or an organisation that are the surname of a person the
    article names in full and that act as a person does, as the subject of a verb: in "Lena Morales scored
    twice … Morales has six goals", "Morales" is her even when read as a place. A place or a team named after
    a preposition ("traded him to Morales") or modifying a noun is left as read; so is any word the article
    names no one by."""
    surnames = {t.split()[-1] for t, _, _, label in mentions if label == "PERSON" and " " in t}
    alone = {t for t, _, _, label in mentions if label == "PERSON" and " " not in t}
    out = []
    for text, start, end, label in mentions:
        if label in _MISREAD_LABELS and label != "NORP" and " " not in text and text in surnames:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span) == 1 and span[0].dep_ in ("nsubj", "nsubjpass"):
                label = "PERSON"
        elif label in _PLACE_OR_THING_LABELS and _full_name_of(text, alone):
            label = "PERSON"
        out.append((text, start, end, label))
    return out


def _people_by_context(doc: Doc, mentions: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """Names of two or three words the model labelled an organisation or a place that the article treats as a
    person's: its last word after an honorific elsewhere ("Bernie Ebbers" … "Mr Ebbers"), or a person's role
    in apposition ("Jean Cotis, the agency's chief economist,"); and a first name alone named as someone's
    relative ("His mother, Giselle,"). An organisation's name never takes either; a
    name with an organisation's word in it ("Ebbers Holdings") is left as read."""
    titled = doc_tokens(doc).words_after(PERSON_TITLES)
    out = []
    for text, start, end, label in mentions:
        words = text.split()
        if (
            label in _MISREAD_LABELS
            and label != "NORP"
            and 2 <= len(words) <= 3
            and is_person_name(text)
            and not organisation_like(text)
            and not any(w.lower() in ORG_NOUNS for w in words)
        ):
            if words[-1] in titled:
                label = "PERSON"
            elif (span := doc.char_span(start, end, alignment_mode="expand")) is not None and role_in_apposition(
                span[-1]
            ):
                label = "PERSON"
        elif label in _MISREAD_LABELS and label != "NORP" and len(words) == 1 and _named_relative(doc, text, start):
            label = "PERSON"
        out.append((text, start, end, label))
    return out


# Animals an article names as it names people ("Sadie, a black Labrador,"; "Rosie, an old mare,"): a first name in
# apposition to one of these is a pet's, no one's.
ANIMAL_NOUNS = frozenset(
    """
animal pet dog puppy pup hound terrier labrador retriever spaniel collie poodle alsatian whippet greyhound
beagle bulldog sheepdog cat kitten tomcat horse pony mare stallion gelding filly colt foal donkey mule cow bull
calf ox goat sheep lamb ram ewe pig sow boar rabbit hamster parrot budgie bird hen cockerel duck goose swan
owl eagle hawk falcon tortoise turtle snake lizard fish goldfish monkey chimpanzee gorilla orangutan elephant
lion tiger bear panda dolphin whale seal camel llama
""".split()
)


def _named_relative(doc: Doc, text: str, start: int) -> bool:
    """ "His mother, Giselle,": a common gendered first name in apposition to a person or a relative of
    someone's (not "Its parent, Halcyon,": a company's; not "Her sister, Bella, a grey whippet,": a pet)."""
    if not is_known_first_name(text, MISREAD_MIN_COUNT) or name_gender(text) == UNKNOWN:
        return False
    span = doc.char_span(start, start + len(text), alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].dep_ != "appos":
        return False
    head = span[0].head
    owners = [c for c in head.children if c.dep_ == "poss"]
    if head.lemma_.lower() not in PERSON_NOUNS or any(c.lower_ == "its" for c in owners):
        return False
    # "Her half-sister, Sadie, a black Labrador,": a description in apposition to the name or beside it that
    # is an animal makes the relative a pet (the parser hangs it on either word)
    described = [c for t in (span[0], head) for c in t.children if c.dep_ == "appos" and c.i != span[0].i]
    return not any(c.lemma_.lower() in ANIMAL_NOUNS or c.lower_ in ANIMAL_NOUNS for c in described)


# Labels the small model gives a person's full name by mistake (an organisation's name is another matter:
# "Morgan Stanley" is no Mr Stanley's).
_PLACE_OR_THING_LABELS = frozenset({"GPE", "LOC", "FAC", "PRODUCT"})


def _full_name_of(text: str, alone: set[str]) -> bool:
    """Whether ``text`` is a first name and a surname the article calls a person by alone elsewhere: "Nino
    Niederreiter" read as a place, beside "Niederreiter" read as a person. Not a place whose first word opens
    places ("West Ham") or is rarely anyone's first name ("Fort Worth" beside a "Worth")."""
    words = text.split()
    return (
        len(words) == 2
        and words[1] in alone
        and words[0].lower() not in PLACE_OPENERS
        and is_known_first_name(words[0], MISREAD_MIN_COUNT)
    )


def _role_before_first_name(word: Token, after: Token) -> bool:
    """A role word in front of a common first name ("Farmer Geoff", "Campaigner Helen"): what someone is."""
    return role_word(word.text) in ROLE_WORDS and is_known_first_name(after.text, ROLE_BEFORE_FIRST_NAME_MIN)


def _with_group_modifier(doc: Doc, ent: Span) -> int:
    """The start of a group's mention (NORP) with the capitalised word in front that the NER left out ("The
    [Liberal] Democrats"): a proper noun modifying the mention's head, inside the sentence, itself no entity
    and no title ("Senior Tories" opening a sentence, "British Conservatives": no). (Organisations are left
    alone: a word in front of one is as often a greeting or a name of its own, "Happy Cinco de Mayo".)"""
    i = ent.start
    while i > 0:
        prev = doc[i - 1]
        if (
            prev.pos_ == "PROPN"
            and prev.dep_ in ("amod", "compound")
            and ent.start <= prev.head.i < ent.end
            and prev.text[:1].isupper()
            and prev.is_alpha
            and not prev.ent_type_
            and not prev.is_sent_start
            and prev.lower_ not in TITLE_WORDS
        ):
            i -= 1
        else:
            break
    return i


def _places_by_context(doc: Doc, mentions: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """Mentions the context says are places, labelled GPE: a one-word name the NER took for a person or a
    nationality after "in <Town>, " ("in Ledbury, Herefordshire said": the town's county) or after a first name
    alone and a comma (a reader signing a comment, "Ashley, Swindon"), unless the article names someone of
    that surname ("Speaking in Leeds, Smith said" beside "John Smith" or "Mr Smith"). An organisation the NER
    found there is one ("Speaking in London, Amnesty said"), and so is a group in the plural ("Muslims") or a
    word modifying a noun ("in Brussels, European ministers")."""
    surnames = {t.split()[-1] for t, _, _, label in mentions if label == "PERSON" and " " in t}
    surnames |= doc_tokens(doc).words_after(HONORIFICS)  # "Mr Smith"
    out = []
    for text, start, end, label in mentions:
        if label in ("PERSON", "NORP") and " " not in text and text not in surnames and not text.endswith("s"):
            span = doc.char_span(start, end, alignment_mode="expand")
            if (
                span is not None
                and span[0].dep_ not in ("amod", "compound", "poss")
                and _after_a_place_or_signature(span[0], surnames)
            ):
                label = "GPE"
        out.append((text, start, end, label))
    return out


def _after_a_place_or_signature(tok: Token, surnames: set[str]) -> bool:
    """Whether ``tok`` follows "in <Town>, " (a proper noun right after "in", "near", …) or "<first name
    alone>, " of a signature ("Ashley, Swindon"; not a surname of the article's, "Matthews, MSNBC's Alex Smith"
    beside "Chris Matthews"), in no list of names or places ("Ashley, Swindon and Leeds", "the Conservatives,
    Bloc Québécois, NDP, and other MPs"), owning nothing (a possessive is no signature's town)."""
    if tok.i < 2 or doc_text(tok, -1) != "," or doc_text(tok, 1) in ("'s", "’s", "'", "’"):
        return False
    doc = tok.doc
    before = doc[tok.i - 2]
    if not before.text[:1].isupper() or before.pos_ != "PROPN" or _in_a_list(doc, tok.i, before.i):
        return False
    if before.dep_ == "pobj" and before.head.lower_ in _PLACE_PREPOSITIONS and before.head.i == before.i - 1:
        return True
    alone = before.i == 0 or not doc[before.i - 1].text[:1].isupper() or doc[before.i - 1].is_punct
    return (
        alone
        and before.text not in surnames
        and before.ent_type_ == "PERSON"
        and is_known_first_name(before.text, SIGNATURE_FIRST_NAME_MIN)
        and not is_known_first_name(tok.text)
    )


def _in_a_list(doc: Doc, i: int, before: int) -> bool:
    """Whether the word at ``i`` and the one at ``before`` (before a comma) are items of a list: a
    conjunction or a comma and a conjunction after ``i``, or a comma before ``before``."""
    after = [doc[j] for j in range(i + 1, min(i + 3, len(doc)))]
    if after and (after[0].pos_ == "CCONJ" or after[0].text == "&"):
        return True
    if len(after) == 2 and after[0].text == "," and after[1].pos_ == "CCONJ":
        return True
    return before > 0 and doc[before - 1].text == ","


def doc_text(tok: Token, offset: int) -> str:
    """The text of the token ``offset`` places from ``tok`` ("" outside the document)."""
    i = tok.i + offset
    return tok.doc[i].text if 0 <= i < len(tok.doc) else ""


# Lowercase words that belong to a name ("Charles de Gaulle", "Omar al-Bashir").
NAME_PARTICLES = frozenset({"de", "da", "van", "von", "der", "den", "bin", "al", "la", "le", "du", "del", "di", "dos"})


# Misread people must open with a first name at least this many people in the name table have: "Hong Kong"
# and "British Columbia" do not.
MISREAD_MIN_COUNT = 100


def misread_person(doc: Doc, text: str, start: int, end: int, label: str) -> tuple[str, int] | None:
    """(name, start) when a mention the small model labelled ORG, GPE, PRODUCT, … is a person's name: one to
    three capitalised words after an honorific ("Mr Mukerjee"), or two or three opening with a common,
    unambiguously gendered first name ("Carly Fiorina"; not "Morgan Stanley"), with no word that names an
    organisation or a place, not ending in a plural ("Carolina Hurricanes"). A possessive in front is the
    person's place or team, a party word their party, neither part of the name ("Vancouver's Bo Horvat" →
    "Bo Horvat", "Lib Dems Jo Bloggs" → "Jo Bloggs"). Works are left
    alone: too many are named after people ("Forrest Gump")."""
    if label not in _MISREAD_LABELS:
        return None
    found = _name_shaped_part(text)
    if found is None:
        return None
    text, moved = found
    start += moved
    words = text.split()
    if len(words) >= 2 and words[0].lower().rstrip(".") in PERSON_TITLES:
        return text, start  # "Mr Balls", "Rt Rev Jones" labelled ORG: the title inside says it is a person
    span = doc.char_span(start, end, alignment_mode="expand")
    if (
        span is not None
        and span.start > 0
        and doc[span.start - 1].lower_.rstrip(".") in PERSON_TITLES
        and not any(w.endswith(("'", "’")) for w in words)  # "Lord [Dubs' Succession] Bill": his bill
    ):
        return text, start  # "Mr Mukerjee", "Lord Tebbit": only a person takes an honorific
    if (
        span is not None
        and span.start > 1
        and doc[span.start - 2].lower_.rstrip(".") in PERSON_TITLES
        and doc[span.start - 1].pos_ == "PROPN"
        and is_known_first_name(doc[span.start - 1].text, MISREAD_MIN_COUNT)
        and len(words) <= 2
        and not any(w.endswith(("'", "’")) for w in words)
    ):
        # "Cardinal Cormac [Murphy-O'Connor]": a title, a first name the NER left out, then the surname
        given = doc[span.start - 1].idx
        return doc.text[given : start + len(text)], given
    if (
        span is not None
        and span.start > 0
        and len(words) >= 2
        and (_is_lowercase_role(doc[span.start - 1].text) or _lowercase_person_noun(doc[span.start - 1].text))
        and is_known_first_name(words[0], MISREAD_MIN_COUNT)
    ):
        # "Holyrood leader Nicola Sturgeon", "chief executive Mervyn Davies": what someone is, then a first name and
        # a surname
        return text, start
    first = words[0].split("-")[0] if len(words) >= 2 else ""  # "Sven-Goran Eriksson": a compound first name
    if len(words) < 2 or not is_known_first_name(first, MISREAD_MIN_COUNT) or name_gender(words[0]) == UNKNOWN:
        return None
    if words[0].lower() in PLACE_OPENERS:
        return None  # "West Ham": a place whatever the name table says of "West"
    if span is not None and span[-1].tag_ == "NNPS":
        return None
    return text, start


@lru_cache(maxsize=16384)  # a pure function of the text, asked again for every mention
def _name_shaped_part(text: str) -> tuple[str, int] | None:
    """The part of a mention ``misread_person`` reads as a name, and where in the mention it starts: without a
    possessor, a party or a role in front; None when that part has no person's name's shape."""
    start = 0
    for mark in ("'s ", "’s "):
        if mark in text:
            cut = text.rindex(mark) + len(mark)
            text, start = text[cut:], start + cut
    # a party in front is what the person belongs to ("Lib Dems David Laws" → "David Laws"), a role what the
    # person is ("Campaigner Helen Morris" → "Helen Morris")
    while " " in text and (
        text.split(" ", 1)[0].lower() in AFFILIATION_WORDS
        or (text.count(" ") >= 2 and role_word(text.split(" ", 1)[0]) in ROLE_WORDS)
    ):
        cut = text.index(" ") + 1
        text, start = text[cut:].lstrip(), start + cut + (len(text[cut:]) - len(text[cut:].lstrip()))
    # "Holyrood leader Nicola Sturgeon", "party chairman Jo Bloggs": the name after the role in lower case
    at = _after_lowercase_role(text)
    if at:
        text, start = text[at:], start + at
    words = text.split()
    if not 1 <= len(words) <= 3 or not is_person_name(text) or not all(w[:1].isupper() for w in words):
        return None
    return text, start


@lru_cache(maxsize=16384)  # a pure function of the text, asked again for every mention
def _after_lowercase_role(text: str) -> int:
    """Where the words after the last role or title written in lower case start in a mention ("Holyrood
    leader Nicola Sturgeon" → at "Nicola"), when two or three words follow; 0 when there is none."""
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    words = text.split()
    for j in range(len(words) - 3, -1, -1):
        if _is_lowercase_role(words[j]):
            return starts[j + 1] if len(words) - j - 1 <= 3 else 0
    return 0


def _lowercase_person_noun(word: str) -> bool:
    """A noun for a person written in lower case ("executive", "owner", "member"): what the name after it is."""
    return word.isalpha() and word.islower() and word in PERSON_NOUNS


def _is_lowercase_role(word: str) -> bool:
    """A role or a title written in lower case ("leader", "co-chairman", "minister")."""
    return word[:1].islower() and (role_word(word) in ROLE_WORDS or word.strip(".,") in TITLE_WORDS)


# Words that make an office of the title after them ("Shadow Home Secretary", "shadow chancellor").
TITLE_MODIFIERS = frozenset({"shadow"})


def is_title_not_name(doc: Doc, text: str, start: int, label: str) -> bool:
    """Whether a mention the model labelled an organisation, place, … is a title or a role, not a name:
    only title words or post-nominals ("QC", "MEP", "Mr"), an office made by a title modifier ("Shadow
    Home" of "Shadow Home Secretary"), a role ending in a post-nominal ("Labour MP", "Mid-Bedfordshire
    MP"), or the "State" of "Secretary of State"/"Minister of State". A person's name is never dropped here
    ("Mr Hague" is ``misread_person``'s); a place after a title stays ("Mayor of London")."""
    if label not in _MISREAD_LABELS:
        return False
    words = [w.lower().strip(".,") for w in text.split()]
    if not words:
        return False
    if all(w in TITLE_WORDS or w in POST_NOMINALS or w in TITLE_MODIFIERS for w in words):
        return True
    if words[0] in TITLE_MODIFIERS or (len(words) > 1 and words[-1] in POST_NOMINALS and words[0] not in HONORIFICS):
        return True
    if words == ["state"]:
        span = doc.char_span(start, start + len(text), alignment_mode="expand")
        if span is not None and span.start >= 2:
            of, title = doc[span.start - 1], doc[span.start - 2]
            return of.lower_ == "of" and title.lower_.removeprefix("under") in TITLE_WORDS  # "Undersecretary"
    return False


# Titles only a person takes (not "President", which an office or a company can have too).
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lady", "madam"})


# The honorifics and the titles of peers and clergy, which only a person takes ("Lord Tebbit", "Rt Rev
# Jones"; not "Bishop", which opens a town's name, "Bishop Auckland").
PERSON_TITLES = HONORIFICS | frozenset(
    {
        "lord",
        "baroness",
        "rt",
        "rev",
        "revd",
        "reverend",
        "cardinal",
        "archbishop",
        "rabbi",
        "imam",
        "prof",
        "professor",
    }
)

_MISREAD_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "NORP"})


@lru_cache(maxsize=16384)  # a pure function of the text, asked again for every mention
def _looks_like_a_name(text: str) -> bool:
    """A name has a capital or a digit somewhere ("Huawei", "eBay", "G7"): an all-lowercase
    mention is the NER's mistake or what cleaning left of one ("too late.#cdnpoli" → "late")."""
    return any(c.isupper() or c.isdigit() for c in text)


def _after_a_person(doc: Doc, tok: Token, alone: set[str]) -> bool:
    """Whether ``tok`` is a capitalised word the NER left outside the full name right before it: in a
    headline's "Tom Hale Joins Growing List", "Joins Growing List" goes on after the name, no part of it. (After
    a first name alone the NER may have cut the name short, "Patty" of "Patty Judge"; and a word the article
    calls someone by alone is a surname, "Grayson" of "Dena Minning Grayson"; and a mention with no first name
    before its last word, "Tory Michael" of "Tory Michael Grieve", was cut short before its surname.)"""
    before = doc[tok.i - 1]
    if tok.ent_type_ or before.ent_type_ != "PERSON" or before.ent_iob_ != "I" or tok.text in alone:
        return False
    start = before.i - 1
    while doc[start].ent_iob_ == "I":
        start -= 1
    return any(name_gender(word.text) != UNKNOWN for word in doc[start : before.i])


_APOSTROPHE_NAME = re.compile(r"[A-Z][a-z]?['’][A-Z][a-z]+")


def _apostrophe_name(word: str) -> bool:
    """A name with an apostrophe inside, after a letter or two and before a capital ("O'Connor", "D'Souza")."""
    return _APOSTROPHE_NAME.fullmatch(word) is not None


def proper_name_chains(doc: Doc) -> list[tuple[str, int, bool]]:
    """Runs of two or more capitalised proper nouns outside ORG/GPE/… entities ("Navdeep Bains" when the
    NER missed it; hyphenated parts kept: "Jody Wilson-Raybould"), titles dropped: extra full names for
    resolving surnames and acronyms. Each run is (name, start, overlaps an ORG)."""
    out = []
    words: list[str] = []
    word_at: list[int] = []  # the token each word starts at
    glue = False  # the previous token was a hyphen inside a word
    org = False  # the run overlaps an organisation
    tail = False  # reading the capitalised words a headline put after a person's name
    table = doc_tokens(doc)  # the columns, not a Token per step: this walks every token
    alone = {e.text for e in table.ents if e.label_ == "PERSON" and len(e) == 1}  # people called by one name
    run_end = 0  # the token after the run's last word
    texts, pos, ent_type, spaces, tokens = table.words, table.pos, table.ent_type, table.spaces, table.tokens
    n = len(texts)
    proper = table.indexes_of(pos, {"PROPN"})
    i = -1
    while i < n:  # every i up to n, but for the ones skipped below
        i += 1
        if not words and not tail and i < n and pos[i] != "PROPN":
            # no run open and none starting: nothing to do (the common case) up to the next proper noun
            k = bisect.bisect_left(proper, i)
            i = proper[k] if k < len(proper) else n
        text = texts[i] if i < n else None
        if text is not None and glue and text[:1].isupper() and text.isalpha():
            words[-1] += text
            glue = False
            run_end = i + 1
            continue
        if text is not None and words and text in ("-", "–") and not spaces[i - 1] and not spaces[i]:
            words[-1] += text
            glue = True
            continue
        glue = False
        if tail and (text is None or pos[i] != "PROPN"):
            tail = False
        if (
            text is not None
            and pos[i] == "PROPN"
            and text[:1].isupper()
            and (text.isalpha() or _apostrophe_name(text))
            and ent_type[i] in ("", "PERSON", "ORG")
            and not _opening_preposition(tokens[i])
        ):
            if words and _after_a_person(doc, tokens[i], alone) or tail:
                tail = True  # the rest of the run goes with the words after the name, not a name of its own
                continue
            word_at.append(i)
            words.append(text)
            run_end = i + 1
            org = org or ent_type[i] == "ORG"
            continue
        if len(words) >= 2:
            end = run_end
            # the name inside the run, as inside a PERSON mention: "Tory David Davis" → "David Davis"; a run
            # with no person in it ("Young People", "Parliamentary Budget Officer") still spells out acronyms
            # ("PBO"), as an organisation's name
            extent = None if org else person_extent(doc, word_at[0], end)
            if extent is None or extent[1] != "PERSON":
                extent, org = (word_at[0], "ORG"), True
            kept = [w for w, at in zip(words, word_at, strict=True) if at >= extent[0]]
            name = strip_titles(" ".join(w.rstrip("-–") for w in kept))
            if " " in name:
                out.append((name, table.idx[extent[0]], org))
        words = []
        word_at = []
        org = False
    return out


def name_index(doc: Doc, mentions: Iterable[tuple[str, str, int]]) -> NameIndex:
    """The article's name index: entity mentions plus proper-name runs the NER missed, and the short forms
    the article introduces for its organisations ("the UK Independence Party (UKIP)")."""
    mentions = list(mentions)
    index = build_name_index(mentions)
    people = {t for t, label, _ in mentions if label == "PERSON" and " " in t}
    alone = {t for t, label, _ in mentions if label == "PERSON" and " " not in t}
    article = article_names(doc, [(t, s, s + len(t), label) for t, label, s in mentions])
    for name, pos, org in proper_name_chains(doc):
        org = org or names_an_organisation(name, article)  # "New Labour" beside "Labour"
        if not org:
            name = _known_name_inside(name, people, alone, _in_title_case_line(text_of(doc), pos))
        index.add(name, "ORG" if org else "PERSON", pos)
    label_of = {(t, s): label for t, label, s in mentions if label not in ("PERSON", "DATE", "TIME")}
    named = [(t, s, s + len(t)) for t, s in label_of]
    for short, name, end in introduced_short_forms(text_of(doc), named):
        index.add_short_form(short, name, label_of[(name, end - len(name))], end - len(name))
    return index


def extract_entities(doc: Doc) -> list[Entity]:
    return entities_and_names(doc)[0]


def entities_and_names(doc: Doc) -> tuple[list[Entity], NameIndex]:
    """The article's entities and the name index built on the way (for speaker resolution)."""
    mentions = raw_mentions(doc)
    index = name_index(doc, ((t, label, s) for t, s, _, label in mentions))
    out = []
    text_of_doc = text_of(doc)  # read once per Doc, shared with the speaker resolver
    for text, start, end, label in mentions:
        gender = honorific_gender(text_of_doc, start, text) if label == "PERSON" else None
        name, new_label = index.resolve(text, label, start, record=True, gender=gender)
        out.append(Entity(text, start, end, new_label, name, entity_key(name)))
    return out, index


__all__ = [
    "ENTITY_LABELS",
    "canonical_names",
    "entities_and_names",
    "extract_entities",
    "name_index",
    "proper_name_chains",
    "raw_mentions",
]
