"""Where a person's name starts inside a PERSON mention of the small NER model, and whether the mention
is a person at all.

The model glues words in front of a name ("Conservative Graham Brady", "MSP Karen Whitefield", "Vote
Blair" of a slogan, "Lords Bingham" of a list of law lords) and labels places and groups PERSON
("Labour MP for West Ham", "Minister for Children, Young People and Families"). Each rule here reads
the parse, the first-name table and the article itself; none lists names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from corpus.acronyms import abbreviates
from corpus.coref.lexicon import PERSON_NOUNS
from corpus.doc_tokens import doc_tokens
from corpus.gender import is_known_first_name
from corpus.names import POST_NOMINALS, TITLE_WORDS
from corpus.quotes.label_words import verb_of_saying

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Party and affiliation words that stand before a name as a modifier ("Tory Liam Fox", "Lib Dem Vince
# Cable", "Republican John Smith"): what the person belongs to, not part of their name.
AFFILIATION_WORDS = frozenset(
    """
conservative conservatives tory tories labour liberal liberals democrat democrats democratic republican
republicans lib dem dems green greens nationalist nationalists unionist unionists socialist socialists
communist communists
""".split()
)
# Offices that take a constituency or a portfolio after "for" ("MP for West Ham", "Minister for Europe",
# "Secretary of State for Health"): what follows is a place or a subject. Not "spokesman for", "lawyer
# for" or "attorney for", whose object is often a person.
OFFICES_FOR_A_PLACE = frozenset(
    """mp msp mep am mla mpp mna minister secretary state commissioner candidate councillor envoy ambassador
    member""".split()
)
# Nouns for people in general whose plural ends a group's name, not a person's ("Young People", "Labour MPs").
_GROUP_PLURALS = frozenset({"people", "men", "women", "children", "families"})
# Titles every person may take, which name no one alone ("Mr said" is a cut name).
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"})
# A word in front of a first name is a role, not a name, when no one in the name table has it as a first
# name and the word after it is a first name at least COMMON_FIRST_NAME people have ("MSP Karen"), or when
# fewer than ROLE_WORD_MAX_FIRST_NAME have it, the article writes it in lower case too, and the word after it
# is a first name at least that many have ("Farmer Geoff"; not "Iain" of "Iain Duncan Smith").
ROLE_WORD_MAX_FIRST_NAME = 1000
COMMON_FIRST_NAME = 20000
# The abbreviations that end a street's name ("Downing St"; "St" first is a saint: "St John"). Not "Street"
# or "Lane" in full: surnames too ("Graham Lane").
STREET_ABBREVIATIONS = frozenset({"st", "rd", "ave"})
# Words that open a place's name, never a person's ("West Ham", "North Tyneside", "Greater Manchester"); as the
# last word they can be a surname ("Oliver North").
PLACE_OPENERS = frozenset({"north", "south", "east", "west", "upper", "lower", "greater", "mid"})
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)


def is_office_object(span: Span) -> bool:
    """Whether ``span`` is the whole object of "for" after an office, directly or as a conjunct: "MP for
    [West Ham]", "Minister for Children, [Young People] and Families". Not a name after the portfolio:
    "minister for women [Jane Smith]" names the minister."""
    tok = span.root
    if tok.left_edge.i < span.start:
        return False
    seen = 0
    while tok.dep_ == "conj" and tok.head.i != tok.i and seen < 10:
        tok, seen = tok.head, seen + 1
    prep = tok.head
    return (
        tok.dep_ == "pobj"
        and prep.lower_ == "for"
        and prep.head.i != prep.i
        and prep.head.lower_.rstrip(".") in OFFICES_FOR_A_PLACE
    )


def name_after_rank(head: Token) -> Token | None:
    """The first word of the name after a rank the parser cut from it: "[Army Capt]. Christian Pardo", "[Air
    Force 1st] Lt. Tyler Livingston" (the abbreviation's full stop split off, the rank taken for the end of a
    unit's name). The phrase ends at a rank or an ordinal; its full stop follows it within the sentence; the
    name is a PERSON's (or opens with a common first name). Not "…," said the Secretary. Jane Cole added …":
    a sentence ends there."""
    doc = head.doc
    if not (head.lower_ in TITLE_WORDS or _ORDINAL.match(head.text)):
        return None
    j, stop = head.i + 1, False
    while j < len(doc) and j <= head.i + 3:
        word = doc[j]
        if word.text == "." and doc[j - 1].whitespace_ == "" and _abbreviated_title(doc[j - 1]):
            stop = True
        elif word.lower_.rstrip(".") not in TITLE_WORDS:
            break
        j += 1
    if not stop or j >= len(doc):
        return None
    first = doc[j]
    named = first.ent_type_ == "PERSON" or (
        first.pos_ == "PROPN" and is_known_first_name(first.text, ROLE_WORD_MAX_FIRST_NAME)
    )
    return first if named else None


def _abbreviated_title(tok: Token) -> bool:
    """A title cut short ("Capt" of "captain", "Lt" of "lieutenant", "Sgt"): a short word, not in capitals (as
    "CEO", "MP" are), whose letters come in order in a longer title with its first letter. Its full stop marks
    the abbreviation, not a sentence's end (as "Secretary." or "the CEO." would)."""
    word = tok.lower_
    if word not in TITLE_WORDS or len(word) > 4 or tok.text.isupper():
        return False
    return _shortens_a_title(word)


@lru_cache(maxsize=256)  # a pure function of the word; the scan reads every title
def _shortens_a_title(word: str) -> bool:
    """``word`` is a longer title written short: "capt" of "captain", "lt" of "lieutenant"."""
    return any(len(title) > len(word) and abbreviates(word, title) for title in TITLE_WORDS)


def _is_group_plural(word: str) -> bool:
    w = word.lower()
    if w in _GROUP_PLURALS:
        return True
    return len(w) > 2 and w.endswith("s") and (w[:-1] in POST_NOMINALS or w[:-1] in PERSON_NOUNS)


def _is_plural_title(word: str) -> bool:
    """ "Lords", "Justices": the title of several people, each named after it."""
    w = word.lower()
    return len(w) > 3 and w.endswith("s") and (w[:-1] in TITLE_WORDS or w[:-2] in TITLE_WORDS)


def _common_word_here(tok: Token, first_name_min: int = 10) -> bool:
    """A capitalised word the same article also writes in lower case ("Vote" of a slogan opening a
    sentence, "vote" elsewhere): a common word capitalised by its place, unless it is a first name
    of at least ``first_name_min`` people."""
    if is_known_first_name(tok.text, first_name_min) or tok.lower_ in TITLE_WORDS:
        return False
    low = tok.lower_
    return low in doc_tokens(tok.doc).distinct_words  # the column's words: no Token per word, no scan of them


def _in_a_portfolio(word: Token) -> bool:
    """Whether ``word`` ends the capitalised list after "<office> for": "Minister for Work [Jane Smith]",
    "Minister for Children, Young People and [Families] Jane Smith"."""
    doc = word.doc
    j = word.i - 1
    while j >= 0 and (doc[j].text[:1].isupper() or doc[j].text in (",", "and", "&")):
        j -= 1
    return j >= 0 and doc[j].lower_ == "for" and doc[j].head.lower_.rstrip(".") in OFFICES_FOR_A_PLACE


def _reads_as_a_role(word: Token) -> bool:
    """A word that says what someone is: letters ("MSP"), a title or a noun for a person ("Commissioner",
    "Director"), a "-man"/"-woman" ("Guardsman", "Assemblywoman"), a portfolio's last word ("Minister for
    Work Jane Smith"), or a word the article writes in lower case too. Not "Booz" of "Booz Allen Hamilton":
    the rest of a firm's name is no person either."""
    low = word.lower_.rstrip(".")
    return (
        (word.text.isupper() and len(word.text) > 1)
        or low in TITLE_WORDS
        or low in PERSON_NOUNS
        or low.endswith(("man", "woman"))
        or _in_a_portfolio(word)
        or _common_word_here(word)
    )


def _role_before_a_name(word: Token, after: Token) -> bool:
    """Whether ``word`` is a role in front of a first name ``after`` rather than a first name before a
    middle name: a word no one in the name table has as a first name before a common first name ("MSP
    Karen", "Commissioner Franco"; not "Azfar Ali", a rare first name but one), or a word few have that
    the article writes in lower case too ("Farmer Geoff" beside "the farmer")."""
    if not is_known_first_name(word.text):
        return is_known_first_name(after.text, COMMON_FIRST_NAME) and _reads_as_a_role(word)
    return (
        not is_known_first_name(word.text, ROLE_WORD_MAX_FIRST_NAME)
        and is_known_first_name(after.text, ROLE_WORD_MAX_FIRST_NAME)
        and _common_word_here(word, ROLE_WORD_MAX_FIRST_NAME)
    )


def person_extent(doc: Doc, start: int, end: int) -> tuple[int, str] | None:
    """(start token, label) of the name inside the PERSON mention ``doc[start:end]``: PERSON with the
    words in front that are no part of the name dropped, NORP for an affiliation alone ("Lib Dem"), GPE for
    a place ("West Ham"),
    or None when the mention is no person ("Labour MPs", "Young People", "West Ham" of "MP for West
    Ham")."""
    span = doc[start:end]
    if not len(span):
        return None
    tokens = doc_tokens(doc).tokens  # made once per Doc: ``doc[i]`` makes a new Token each time
    if is_office_object(span) or _is_group_plural(tokens[end - 1].text):
        return None
    if end - start > 1 and tokens[end - 1].lower_.rstrip(".") in STREET_ABBREVIATIONS:
        return None  # "Downing St": a street
    if end - start > 1 and (tokens[start].lower_ in PLACE_OPENERS or tokens[end - 1].lower_ == "central"):
        return start, "GPE"  # "West Ham", "Greater Hackney", "Leeds Central": a place (not "Oliver North")
    if all(t.lower_.rstrip(".") in _HONORIFICS or t.lower_.rstrip(".") in POST_NOMINALS for t in span):
        return None  # "MEP", "Mr": letters or an honorific alone name no one ("the Queen" does)
    i = start
    if _is_plural_title(tokens[i].text) and end - i > 1:
        i += 1  # "Lords Bingham, Steyn and Hope": Bingham is one of the lords
    while i < end and tokens[i].lower_ in AFFILIATION_WORDS:
        i += 1
    if i == end:
        return start, "NORP"  # "Lib Dem", "Tory" labelled a person: the party's people
    if end - i >= 2 and tokens[i].text[:1].isupper() and verb_of_saying(tokens[i]):
        i += 1  # "Stated Stone:", "Continued Stone:": a label's inverted "Stone stated", the verb no name
    if (
        end - 1 > start
        and tokens[end - 1].lower_.rstrip(".") in TITLE_WORDS
        and not any(is_known_first_name(t.text) for t in doc[i : end - 1])
    ):
        return None  # "Tory Lord", "Party Treasurer Lord": a title with the name left out (not "Oona King")
    if end - i >= 3 and _role_before_a_name(tokens[i], tokens[i + 1]):
        i += 1  # "MSP Karen Whitefield", "Commissioner Franco Frattini", "Farmer Jo Bloggs": a role, then the name
    elif (first := _first_name_after_words_no_one_has(tokens, i, end)) is not None:
        i = first  # "Whip Dick Durbin", "Recorder Helen Purcell": the end of a title left of the name
    elif end - i >= 2 and i > 0 and _ORDINAL.match(tokens[i - 1].text) and not is_known_first_name(tokens[i].text):
        i += 1  # "a 21st Century Scrooge": the century is a time, the name follows
    elif end - i >= 2 and (tokens[i].is_sent_start or i == 0) and _common_word_here(tokens[i]):
        i += 1  # "Vote Smith, Get Jones.": a slogan's verb, then the name
    elif end - i == 2 and _opens_a_verbless_phrase(tokens[i]) and _named_otherwise(tokens[i], tokens[i + 1]):
        i += 1  # the same slogan where the article never writes "vote" or "get" in lower case
    return i, "PERSON"


def _first_name_after_words_no_one_has(tokens: list[Token], start: int, end: int) -> int | None:
    """The token of the first name in ``tokens[start:end]`` when every capitalised word before it is a word no
    one in the name table has as a first name and it is a first name many have, with a surname after it, and
    the words before it read as the end of a title: "[Senate Minority Whip] Dick Durbin", "[Recorder] Helen
    Purcell" after "Maricopa County", "[Defense] Leon Panetta" after "Secretary of" (the NER cut a title in
    two). A person's name opens with a given name; words no one is given are what the person is. Not "Recep
    Tayyip Erdogan" (a first name opens it), "Chandhok Jasdip Singh" (no common first name follows), "Fox News
    Sean Hannity" ("Fox" is a given name too), "Team Clinton's", "Asab Al-Tabchi" (no surname follows the first
    name as a word of its own), nor a firm's "from Booz Allen Hamilton" (one word, after no title)."""
    j = start
    while j < end - 1 and tokens[j].is_alpha and tokens[j].text[:1].isupper() and len(tokens[j].text) > 1:
        if is_known_first_name(tokens[j].text):
            whole = tokens[j].whitespace_ != "" and tokens[j + 1].text[:1].isupper()  # not "Al-" of "Al-Tabchi"
            if (
                j > start
                and whole
                and is_known_first_name(tokens[j].text, ROLE_WORD_MAX_FIRST_NAME)
                and (j - start >= 2 or _ends_a_title(tokens, start))
            ):
                return j
            return None
        j += 1
    return None


def _ends_a_title(tokens: list[Token], i: int) -> bool:
    """Whether the one word at ``i`` reads as the end of a title: it says what someone is ("Filmmaker",
    "Registrar" — ``_reads_as_a_role``), opens its sentence or line, or follows a capitalised word ("County
    [Recorder]", "Public [Advocate]") or "of"/"for" after one ("Secretary of [Defense]")."""
    word = tokens[i]
    if word.is_sent_start or i == 0 or _reads_as_a_role(word):
        return True
    before = tokens[i - 1]
    if before.is_space or before.text in (".", "!", "?", ":", "“", '"'):
        return True  # a line's or a sentence's first word, which the parse may not mark as one
    if before.lower_ in ("of", "for") and i > 1:
        before = tokens[i - 2]
    return before.is_alpha and before.text[:1].isupper()


def _opens_a_verbless_phrase(word: Token) -> bool:
    """A word no one has as a first name opening a sentence, or a part of it after a comma, in a sentence
    with no verb of its own: a slogan or a headline's fragment ("Vote Smith, Get Jones.")."""
    if is_known_first_name(word.text) or word.text.isupper() or word.lower_ in TITLE_WORDS:
        return False
    if not (word.is_sent_start or word.i == 0 or word.doc[word.i - 1].text in (",", ";")):
        return False
    return not any(t.pos_ in ("VERB", "AUX") and t.dep_ != "compound" for t in word.sent)


def _named_otherwise(word: Token, surname: Token) -> bool:
    """Whether the article names ``surname`` elsewhere after a first name or an honorific, and never after
    ``word``: "Mr Smith", "Tony Smith" elsewhere, so "Vote" of "Vote Smith" is no first name of his. (A
    headline's "Menzies Campbell" stays: the article writes "Menzies Campbell" again.)"""
    other = False
    for tok in word.doc:
        if tok.text != surname.text or tok.i == surname.i or tok.i == 0:
            continue
        before = word.doc[tok.i - 1]
        if before.text == word.text:
            return False
        low = before.lower_.rstrip(".")
        other = other or low in TITLE_WORDS or is_known_first_name(before.text)
    return other


__all__ = [
    "AFFILIATION_WORDS",
    "OFFICES_FOR_A_PLACE",
    "PLACE_OPENERS",
    "STREET_ABBREVIATIONS",
    "is_office_object",
    "name_after_rank",
    "person_extent",
]
