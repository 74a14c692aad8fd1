"""The entity model of one article, read in order: its people, organisations, groups and
documents with their mentions, the roles and genders the text gives them, and how salient each
person is at any point (after Lappin and Leass). ``corpus.coref.resolver`` answers questions
about mentions from it.

Genders and the he/she bindings come from the pronoun reading the people of the article get too
(``corpus.coref.pronouns.read_article``), so a "she said" names the person whose gender it votes
for. (About 600 lines: one class, whose collectors each fill a table the others read.)"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from corpus.coref.doc_index import doc_index
from corpus.coref.gender_evidence import quoted_words_of_spans
from corpus.coref.lexicon import (
    DOCUMENT_NOUNS,
    HELD_BY_MANY,
    ISSUING_VERBS,
    KIN_NOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PUBLISHED_NOUNS,
    animate_noun,
)
from corpus.coref.mentions import (
    from_a_body,
    in_parentheses,
    looks_like_name,
    mention_bounds,
    named_as_actor,
    names_with_article,
    organisation_like,
    plain_honorific_namesake,
    plain_honorific_namesakes,
    role_in_apposition,
    titled,
    titles_of_rank,
)
from corpus.coref.pronouns import read_article, spoken_for, unnamed_speaker
from corpus.coref.salience import (
    SALIENCE_DECAY,
    SALIENCE_MENTION,
    SALIENCE_PRONOUN,
    SALIENCE_REACH,
    SALIENCE_SUBJECT,
)
from corpus.doc_tokens import doc_tokens, line_break_between
from corpus.first_names import FEMALE, MALE, STRICT_THRESHOLD, UNKNOWN, name_gender
from corpus.models import Entity
from corpus.names import NameIndex, clean_mention, strip_titles
from corpus.quotes.verbs import reporting_verbs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# "The company said" takes up the organisation that spoke last only this close (characters): about a paragraph.
ORG_SPEAKER_REACH = 600
# "they" takes up a plural subject of its own sentence or of the one before.
PLURAL_REACH = 1
# Verbs by which a publication puts out a piece someone wrote for it: "the Ledger ran a piece that said …" is
# the Ledger's, as "the Ledger published a piece" is (kept apart from ISSUING_VERBS: "ran a statement" is no
# way of issuing one, and the quote cues read that list).
PUBLISHING_VERBS = frozenset({"run", "carry", "print"})


def _organisation_named_by_compound(noun: Token) -> str | None:
    """ "The Cruz campaign", "the Labour party": an organisation noun whose proper-noun compound says whose it
    is, named as the resolver names it ("Cruz campaign"); None for "the campaign" or "a senator"."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in ORG_NOUNS:
        return None
    names = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < noun.i]
    if not names:
        return None
    first = min(t.left_edge.i for t in names)
    return noun.doc[first : noun.i + 1].text


_LEADING_ARTICLE = re.compile(r"^an?\s+(?=[A-Z])")  # "a/an" is never part of a name; "The Blaze" is


def _body_before(doc_noun: Token) -> str | None:
    """ "A Ruiz campaign memo", "the Sanders campaign's statement": the organisation named by whom it serves in
    front of a document noun ("Ruiz campaign"); None for "a campaign memo" or "a Ruiz memo"."""
    for c in doc_noun.children:
        if c.dep_ not in ("compound", "poss") or c.pos_ != "NOUN" or c.lemma_.lower() not in ORG_NOUNS:
            continue
        names = [x for x in c.children if x.dep_ == "compound" and x.pos_ == "PROPN"]
        names += [x for x in doc_noun.children if x.dep_ == "compound" and x.pos_ == "PROPN" and x.i < c.i]
        if names:
            first = min(x.left_edge.i for x in names)
            return doc_noun.doc[first : c.i + 1].text
    return None


#: Places that qualify an office after its noun: "the senator from Utah", "the governor of Ohio".
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "NORP"})

#: Nouns of organisations an "it" can take up when a name says whose they are ("the Ruiz campaign"): not places
#: ("Ruiz's city": "it" never takes up a place), nor words as often a matter or a room as a body ("Ruiz's
#: unfinished business", "the mayor's office", "the Ruiz studio").
_BODY_NOUNS = ORG_NOUNS - {
    "city",
    "province",
    "state",
    "country",
    "business",
    "office",
    "service",
    "unit",
    "station",
    "centre",
    "center",
    "studio",
}


def description_qualifiers(noun: Token) -> list[str]:
    """The words (lower case) by which a description of a role tells which holder it means: a name before
    the noun ("the Ohio governor", "the Democratic candidate") or a place after it ("the senator from Utah",
    "the governor of Ohio"). A holder of the role is that one only when introduced with these words: "the
    senator from Florida" is not the one the text introduced as "the senator from Texas"."""
    words = [
        c.text.lower()
        for c in noun.children
        if c.i < noun.i and c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.ent_type_)
    ]
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.i < noun.i or prep.lower_ not in ("from", "of"):
            continue
        place = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if place is not None and place.pos_ == "PROPN" and place.ent_type_ in _PLACE_ENTITIES:
            # the whole place name ("from New Jersey"), as the introduction would have written it
            words.append(" ".join(t.text for t in place.subtree if t.pos_ == "PROPN").lower())
    return words


# "Mr. ", "Mrs ", "Ms." right before a name, as a word of its own.
_HONORIFIC_BEFORE = re.compile(r"(?<![A-Za-z])(Mr|Mrs|Ms|MR|MRS|MS|mr|mrs|ms)\.? ?$")


@dataclass
class _Ref:
    pos: int
    name: str
    kind: str  # "person" | "group"
    key: str
    words: frozenset[str] = frozenset()  # for a role: the words of the office before its noun (``office_words``)


#: Words that make an office another one than its noun alone names: a shadow chancellor, a deputy prime minister,
#: a former home secretary or a Lord Chancellor is not "the chancellor", "the prime minister", "the home secretary".
_OTHER_OFFICE = frozenset(
    "shadow deputy vice former ex assistant junior acting interim prime first lord under co".split()
)


def office_words(doc: Doc, start: int, noun: int) -> frozenset[str]:
    """The words (lower case) that say which office a role noun names: before it, from ``start`` ("Deputy Prime"
    in "Deputy Prime Minister Ana Ruiz", "shadow home" in "the shadow home secretary"), and in the phrases
    after it that say of what ("Secretary of State for Culture"); not determiners, possessive endings or
    punctuation. "ex" counts as "former"."""
    role = doc[noun]
    after = [t for c in role.children if c.dep_ == "prep" and c.i > noun for t in c.subtree]
    return frozenset(
        "former" if t.lower_.rstrip("-") == "ex" else t.lower_.rstrip("-")
        for t in [*doc[start:noun], *after]
        if t.dep_ not in ("det", "case", "punct") and not t.is_punct and t.lower_ != "'s"
    )


#: Offices one person does not hold together with another of them: the prime minister is not the chancellor.
_SOLE_OFFICES = frozenset(
    {"prime minister", "first minister", "chancellor", "president", "premier", "governor", "mayor"}
)


def _office_key(role: str, words: frozenset[str]) -> str:
    """A role noun with the word that makes it another office ("prime minister"), or the noun alone; "former",
    "deputy" and the like make it no office ``_SOLE_OFFICES`` counts."""
    if words & (_OTHER_OFFICE - {"prime", "first"}):
        return ""
    for word in ("prime", "first"):
        if word in words:
            return f"{word} {role}"
    return role


#: Verbs by which someone leaves an office: "Ruiz quit as home secretary" makes Ruiz the former home secretary.
_LEAVING_VERBS = frozenset({"quit", "resign", "retire", "leave", "step"})


def same_office(description: Token, introduced: frozenset[str]) -> bool:
    """Whether a description of a role ("the chancellor", "the home secretary") can be the office a person was
    introduced with (``introduced``: its ``office_words``): a word that makes another office must be in both
    ("Shadow Chancellor Tom Ruiz" is no "the chancellor", "the deputy leader" no "Party Leader Ana Ruiz"), and
    a common noun before the description's own noun in the introduction too ("the home secretary" is not
    "Foreign Secretary Tom Ruiz")."""
    own = office_words(description.doc, description.left_edge.i, description.i)
    if (introduced & _OTHER_OFFICE) - own or (own & _OTHER_OFFICE) - introduced:
        return False
    nouns = {
        c.lower_ for c in description.children if c.i < description.i and c.dep_ == "compound" and c.pos_ == "NOUN"
    }
    # "the Bishop of Durham" is not the one introduced as "the Bishop of Leeds": the names in the phrase that
    # says of what must be the introduction's too, when it has one
    of_what = {
        t.lower_
        for c in description.children
        if c.dep_ == "prep" and c.i > description.i
        for t in c.subtree
        if t.pos_ == "PROPN"
    }
    # (an introduction with no such phrase, "Tom Ruiz MP", says nothing against "the MP for Leeds")
    return nouns <= introduced and (of_what <= introduced or not introduced & {"of", "for"})


@dataclass
class ArticleModel:
    """Resolves speaker mentions to names, reading the article in order."""

    doc: Doc
    entities: Sequence[Entity]
    names: NameIndex
    quote_spans: Sequence[tuple[int, int]] = ()
    text: str | None = None  # the Doc's text when the caller has it (Doc.text joins every token)
    tok_starts: list[int] | None = None  # token start offsets, likewise
    _ent_starts: list[int] = field(default_factory=list)
    _persons: list[_Ref] = field(default_factory=list)  # PERSON mentions that are subjects, by position
    _person_pos: list[int] = field(default_factory=list)
    _groups: list[_Ref] = field(default_factory=list)
    _group_pos: list[int] = field(default_factory=list)
    _speakers: list[_Ref] = field(default_factory=list)
    gender: dict[str, str] = field(default_factory=dict)
    text_gender: dict[str, str] = field(default_factory=dict)  # of ``gender``, what the pronoun reading gave
    _name_gender: dict[str, str] = field(default_factory=dict)  # from first names, for those ``gender`` lacks
    _strict_name_gender: set[str] = field(default_factory=set)  # of those, names nearly never given to the other
    _tok_starts: list[int] = field(default_factory=list)
    _text: str = ""
    _roles: dict[str, list[_Ref]] = field(default_factory=dict)  # role noun → people it introduced, in order
    _mentions: list[tuple[int, int, str, float]] = field(default_factory=list)  # (pos, sentence, person, weight)
    _mention_pos: list[int] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)
    _narrative_pronouns: list[Token] = field(default_factory=list)  # he/she subjects outside quotes
    _pronouns_done: int = 0  # how many of them ``_follow_pronouns`` has taken in
    _read_pronouns: dict[int, str] = field(default_factory=dict)  # he/she position → person (``read_article``)
    _unnamed_pronouns: set[int] = field(default_factory=set)  # he/she of someone's unnamed spokesman (``resolver``)
    _not_them: dict[int, frozenset[str]] = field(default_factory=dict)  # he/she of an office no one was given →
    # the people it cannot be
    _documents: list[tuple[int, str, str | Token]] = field(default_factory=list)  # (pos, noun, issuer or he/she)
    _subject_groups: list[_Ref] = field(default_factory=list)  # organisations that are the subject of a clause
    _subject_group_pos: list[int] = field(default_factory=list)
    _plural_subjects: list[tuple[int, int, str]] = field(default_factory=list)  # (pos, sentence, text)
    _plural_members: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, text) of a plural
    # subject with its members set beside it
    _organisations: list[tuple[int, str, str]] = field(default_factory=list)  # (pos, kind noun, name)
    _spoken_documents: list[tuple[int, str, str]] = field(default_factory=list)  # (pos, noun, issuer) that spoke
    _org_names: set[str] | None = None  # names the article gives only organisations (read when first asked)
    _news_outlets: set[str] | None = None  # organisations the article has report (read when first asked)
    _coordinated: set[str] = field(default_factory=set)  # names of coordinated speakers ("Ruiz and Berg")
    _document_speakers: set[str] = field(default_factory=set)  # documents that spoke with no issuer named
    _ranked: set[str] = field(default_factory=set)  # people the article titles Sir, Dame, Lord, … (``titles_of_rank``)
    _plain: set[str] = field(default_factory=set)  # and, when there are any, its other people named in full

    def __post_init__(self) -> None:
        doc = self.doc
        # Doc.text joins every token: read it once
        self._text = doc.text if self.text is None else self.text
        self._ranked, self._plain = titles_of_rank(self._text, self.entities)
        namesakes = plain_honorific_namesakes(self._text, self.entities) if self._ranked else {}
        if namesakes:  # "Mr Blair" beside "Sir Ian Blair" and "Tony Blair": Tony Blair, wherever the model reads it
            self.entities = [replace(e, name=namesakes[e.start]) if e.start in namesakes else e for e in self.entities]
        self._ent_starts = [e.start for e in self.entities]
        if self.tok_starts is not None:
            self._tok_starts = self.tok_starts
        spans = sorted(self.quote_spans)
        span_starts = [a for a, _ in spans]

        def in_quote(pos: int) -> bool:
            i = bisect.bisect_right(span_starts, pos) - 1
            return i >= 0 and spans[i][0] <= pos < spans[i][1]

        with_article = names_with_article(self._text, self.entities)  # "The Great Debate Debate": no one
        titled_genders: dict[str, str] = {}  # the honorific before a subject ("Mr. Ruiz said"), by person
        for e in self.entities:
            if e.label == "PERSON" and organisation_like(e.text):
                self._groups.append(_Ref(e.start, e.name, "group", e.name))
            elif (
                e.label == "PERSON"
                and looks_like_name(e.text)
                and e.name not in with_article
                and self._is_subject_at(e.start, e.end)
                and not in_quote(e.start)
                and not in_parentheses(self._text, e.start)
            ):
                self._persons.append(_Ref(e.start, e.name, "person", e.name))
                # the honorific as a word: not the end of "victims. Juan Ruiz" or "programs. Ana Ruiz"
                title = _HONORIFIC_BEFORE.search(self._text, max(0, e.start - 6), e.start)
                if e.name not in titled_genders and title is not None:
                    titled_genders[e.name] = "m" if title.group(1).lower() == "mr" else "f"
            elif (
                e.label == "ORG"
                and self._acts(e.start, e.end)
                and not self._titled_person(e.start, e.end)
                or e.label in ("FAC", "PRODUCT")
                and self._speaks(e.start, e.end)
            ):
                # companies are often tagged FAC or PRODUCT; one that speaks is one, a venue or a product that
                # does not is no antecedent for it/they, nor an organisation named as a place ("a vote in the
                # Senate", "a rally at the White House")
                self._groups.append(_Ref(e.start, e.name, "group", e.name))
        # subjects that are proper names the NER missed or mislabelled ("Chrystia Freeland spoke …")
        ent_starts = set(self._ent_starts)
        for tok in doc_index(doc).proper_nouns:
            role = role_in_apposition(tok)  # "Reince Priebus, the party chairman,": a person, whatever the NER said
            if tok.dep_ != "nsubj" or tok.ent_type_ not in ("", "PERSON") and not role:
                continue
            parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
            if tok.idx in ent_starts and parts and not role:
                continue
            if any(
                e.start <= tok.idx < e.end and (e.label == "PERSON" or e.label == "ORG" and tok.ent_type_ == "PERSON")
                for e in self.entities
            ):
                continue  # a person counted already, or one the entities read as an organisation after all
            first = min(parts, key=lambda t: t.i) if parts else tok
            name = self._text[first.idx : tok.idx + len(tok.text)]
            if not looks_like_name(name) or organisation_like(name) or in_quote(first.idx):
                continue
            if first.i > 0 and doc[first.i - 1].lower_ == "the" and strip_titles(name) == name:
                # "The Islamic State asserted …": a name given "the" is no person's ("the Rev. X" is); "The
                # Shadow Secretary for the Family, Theresa May, said" is the person set beside it
                beside = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
                if beside is not None and beside.ent_type_ in ("", "PERSON"):
                    lo_b = min((c.i for c in beside.children if c.dep_ == "compound"), default=beside.i)
                    full, label = self.names.resolve(doc[lo_b : beside.i + 1].text, "PERSON", doc[lo_b].idx)
                    full = strip_titles(full)
                    if label == "PERSON" and " " in full and looks_like_name(full) and not organisation_like(full):
                        self._persons.append(_Ref(first.idx, full, "person", full))
                continue
            full, label = self.names.resolve(name, "PERSON", first.idx)
            if not parts and (label != "PERSON" or " " not in full):
                continue  # a lone surname counts once the article has given the full name ("Niederreiter has …")
            named = self.plain_honorific_namesake(strip_titles(full), first.idx, tok.idx + len(tok.text))
            self._persons.append(_Ref(first.idx, named, "person", full))
        for tok in doc_index(doc).common_subjects:
            person = self._surname_as_common_word(tok, in_quote)
            if person is not None:
                self._persons.append(_Ref(tok.idx, person, "person", person))
        self._persons.sort(key=lambda r: r.pos)
        self._person_pos = [r.pos for r in self._persons]
        self._groups.extend(self._named_bodies_as_subjects(in_quote))
        self._groups.sort(key=lambda r: r.pos)
        self._group_pos = [r.pos for r in self._groups]
        self._subject_groups = [
            _Ref(e.start, e.name, "group", e.name)
            for e in self.entities
            if e.label == "ORG" and not in_quote(e.start) and self._is_subject_at(e.start, e.end)
        ]
        self._subject_group_pos = [r.pos for r in self._subject_groups]
        # the text's genders, read as the people of the article are read (``corpus.coref.pronouns``)
        own_words = quoted_words_of_spans(self._text, self.quote_spans)
        labelled = {e.start for e in self.entities if e.label == "PERSON"}
        unlabelled = [(r.pos, r.name) for r in self._persons if r.pos not in labelled]
        reading = read_article(doc, self.entities, own_words, unlabelled)
        for name, g in reading.genders.items():
            # a first name nearly never given to the other gender ("Donald", "Michelle") outweighs what a
            # misread pronoun or a misparsed title voted: "Donald Trump" is no "she" because a "she" near
            # his name was bound to him
            strict = name_gender(name.split()[0], STRICT_THRESHOLD) if " " in name.strip() else UNKNOWN
            if strict != UNKNOWN:
                g = "m" if strict == MALE else "f"
            self.gender.setdefault(name, g)
        self.text_gender = dict(self.gender)
        for name, g in titled_genders.items():
            # after the reading: "Mr. Clinton said" where the article names only Hillary Clinton in full is
            # her husband, not a clue to her gender (``corpus.names`` resolves the surname to her all the same)
            self.gender.setdefault(name, g)
        self._read_pronouns = {  # and a he bound to a Michelle is read again by salience
            pos: name for pos, name in reading.pronouns.items() if self.agrees(name, self._pronoun_gender(pos))
        }
        self._collect_mentions(in_quote)
        self._first_name_genders()
        self._collect_roles()  # after the genders: a role given to "he" needs them
        for pos, i in reading.described.items():
            if unnamed_speaker(doc[i], {}):
                # "One California delegate said he tried … . "…," he said": someone the text does not name
                self._unnamed_pronouns.add(pos)
                continue
            # "Senator Tom Ruiz … . The senator sought … . He said …": the he is whoever holds that office
            holder = self._office_holder(doc[i])
            if holder and pos not in self._read_pronouns and self.agrees(holder, self._pronoun_gender(pos)):
                self._read_pronouns[pos] = holder
            elif not holder and (
                any(c.dep_ == "poss" for c in doc[i].children)
                or any(self.person_named_at(o) for o in spoken_for(doc[i]))
            ):
                # "Ruiz's spokesman said … . He added": someone of theirs the text does not name
                self._unnamed_pronouns.add(pos)
            elif not holder:
                # "The chancellor is touring Africa. … he insisted he still trusted Mr Berg": the salience
                # decides, among the people neither clause names
                self._not_them[pos] = (
                    reading.excluded.get(pos, frozenset())
                    | self._in_another_office(doc[i])
                    | self._acted_on_by_office(doc[i])
                )
        self._collect_named_organisations()
        self._scan_tokens(in_quote, own_words)

    def plain_honorific_namesake(self, name: str, start: int, end: int) -> str:
        """``name``, or the other person of its surname a "Mr Blair" at [start, end) names when ``name`` is someone
        the article titles Sir, Dame or Lord (``corpus.coref.mentions.plain_honorific_namesake``)."""
        if not self._ranked:
            return name
        mention = self._text[start:end]
        return plain_honorific_namesake(self._text, start, mention, name, self._ranked, self._plain) or name

    def _named_bodies_as_subjects(self, in_quote: Callable[[int], bool]) -> list[_Ref]:
        """Organisations the text describes by whom they serve, as the subject of a clause: "The Ruiz campaign
        backtracked", "Ruiz's campaign put out a statement". An "it" after them takes them up as it takes up a
        named organisation ("… . In it, it said …"). A body with no name in its description ("the campaign")
        is left to the description rules."""
        refs = []
        table = doc_tokens(self.doc)  # the columns: a Token only for the subjects that are body nouns
        deps, poses, tags, lemmas = table.dep, table.pos, table.tag, table.lemma
        for i, dep in enumerate(deps):
            if (dep != "nsubj" and dep != "nsubjpass") or poses[i] != "NOUN" or tags[i] != "NN":
                continue
            if lemmas[i].lower() not in _BODY_NOUNS:
                continue
            tok = table.tokens[i]
            if in_quote(tok.idx):
                continue
            if not any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" and c.i < tok.i for c in tok.children):
                continue
            lo, hi = mention_bounds(tok)
            start, end = self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1].text)
            cleaned = clean_mention(self._text[start:end], start, end)
            if cleaned:
                refs.append(_Ref(start, cleaned[0], "group", cleaned[0]))
        return refs

    def _surname_as_common_word(self, tok: Token, in_quote: Callable[[int], bool]) -> str | None:
        """The person a subject the tagger took for a common word names: the surname of someone the
        article names in full ("Sanders drew cheers", "Fields said she …", which the model tags as the
        plurals of "sander" and "field", or as an organisation). None for any other word: a word that is
        nobody's surname here, one inside a longer name, or one inside a quotation."""
        if tok.ent_type_ not in ("", "ORG") or in_quote(tok.idx) or any(c.dep_ == "compound" for c in tok.children):
            return None
        ent = self.entity_at(tok.idx, tok.idx + len(tok.text), tok.idx)
        if ent is not None and (ent.start != tok.idx or ent.end != tok.idx + len(tok.text)):
            return None  # part of a longer name ("Sanders Institute")
        full, label = self.names.resolve(tok.text, "PERSON", tok.idx)
        if label != "PERSON" or full.split()[-1:] != [tok.text] or " " not in full:
            return None
        full = strip_titles(full)
        return full if looks_like_name(full) and not organisation_like(full) else None

    def _pronoun_gender(self, pos: int) -> str:
        """ "f" for the she/her at ``pos``, else "m" (he/him/his)."""
        word = self._text[pos : pos + 3].lower()
        return "f" if word.startswith("she") or word == "her" else "m"

    def _collect_mentions(self, in_quote: Callable[[int], bool]) -> None:
        """Every mention of a person outside quotes, with its salience weight: a mention counts, a subject
        counts more (``SALIENCE_*``); speakers are added as quotes are attributed (``note_speaker``)."""
        self._sent_starts = doc_index(self.doc).sentence_starts  # read once per Doc, not changed here
        subjects = {r.pos for r in self._persons}
        with_article = names_with_article(self._text, self.entities)
        confirmed = {  # one-word names the article makes a subject or gives a title somewhere
            e.name
            for e in self.entities
            if e.label == "PERSON" and (e.start in subjects or titled(self._text, e.start))
        }
        for e in self.entities:
            if (
                e.label != "PERSON"
                or not looks_like_name(e.text)
                or organisation_like(e.text)
                or organisation_like(e.name)
                or in_quote(e.start)
                or in_parentheses(self._text, e.start)
                or e.name in with_article
                or " " not in e.name.strip()
                and e.name not in confirmed
            ):
                # a one-word "person" the article never names in full, never makes a subject and never gives a
                # title ("President Obama") is more often the model's mistake ("took to Twitter") than someone a
                # he/she takes up
                continue
            weight = SALIENCE_MENTION + (SALIENCE_SUBJECT if e.start in subjects else 0.0)
            self._mentions.append((e.start, self._sentence_at(e.start), e.name, weight))
        counted = {m[0] for m in self._mentions}  # positions, kept up to date (a test per mention costs more)
        for r in self._persons:  # subjects the NER missed
            if r.pos not in counted:
                self._mentions.append((r.pos, self._sentence_at(r.pos), r.name, SALIENCE_MENTION + SALIENCE_SUBJECT))
                counted.add(r.pos)
        self._mentions.sort()
        self._mention_pos = [m[0] for m in self._mentions]

    def _first_name_genders(self) -> None:
        """The gender of an unambiguous first name ("Debbie Wasserman Schultz", "Donald Trump") for the people
        the text gives none: weaker evidence than the text's, as a name is only a likelihood (a he/she still
        takes up such a person when no one else fits). Only full names (a lone word may be a surname)."""
        for name in {m[2] for m in self._mentions}:
            if name in self.gender or " " not in name.strip():
                continue
            g = name_gender(name.split()[0])
            if g == MALE:
                self._name_gender[name] = "m"
            elif g == FEMALE:
                self._name_gender[name] = "f"
            if name_gender(name.split()[0], STRICT_THRESHOLD) != UNKNOWN:
                self._strict_name_gender.add(name)

    def person_with_surname(self, surname: str) -> str | None:
        """The one person of the article whose name ends with ``surname`` (None when none or several)."""
        found = {e.name for e in self.entities if e.label == "PERSON" and not organisation_like(e.name)}
        found = {n for n in found if " " in n and n.split()[-1] == surname}
        return found.pop() if len(found) == 1 else None

    def _sentence_at(self, pos: int) -> int:
        return bisect.bisect_right(self._sent_starts, pos) - 1

    def _follow_pronouns(self, pos: int) -> None:
        """Takes the he/she subjects of the narration before ``pos`` into the mentions, each as a mention
        of the person it resolves to (read in order, so each sees the chain before it): in "Ruiz met
        Berg. She denied Berg's request." the paragraph is about Ruiz, though Berg was named last."""
        pending = self._narrative_pronouns
        while self._pronouns_done < len(pending) and pending[self._pronouns_done].idx < pos:
            tok = pending[self._pronouns_done]
            self._pronouns_done += 1
            gender = "m" if tok.lower_ == "he" else "f"
            name = self._read_pronouns.get(tok.idx) or self.clause_binder(tok, gender)
            name = name or self._most_salient(tok.idx, gender)
            if name is None:
                continue
            k = bisect.bisect_left(self._mention_pos, tok.idx)
            self._mentions.insert(k, (tok.idx, self._sentence_at(tok.idx), name, SALIENCE_PRONOUN))
            self._mention_pos.insert(k, tok.idx)

    def salient_person(self, pos: int, gender: str | None = None, but: frozenset[str] = frozenset()) -> str | None:
        """The person the text before ``pos`` is most about, of a compatible gender: each earlier mention
        adds its weight, times SALIENCE_DECAY for every sentence between it and ``pos`` (subjects and
        speakers weigh more than other mentions; a he/she of the narration counts for the person it takes
        up), so the person a paragraph and its quotes are about outweighs a name dropped in passing, not
        the nearest mention."""
        self._follow_pronouns(pos)
        return self._most_salient(pos, gender, but)

    def _most_salient(self, pos: int, gender: str | None = None, but: frozenset[str] = frozenset()) -> str | None:
        scores = {name: score for name, score in self._salience(pos, gender).items() if name not in but}
        if not scores:
            return None
        return max(scores.items(), key=lambda kv: kv[1])[0]

    def _salience(self, pos: int, gender: str | None = None) -> dict[str, float]:
        """Each person's salience at ``pos`` (see ``salient_person``), among those of a compatible gender."""
        here = self._sentence_at(pos)
        scores: dict[str, float] = {}
        unlikely: dict[str, float] = {}
        i = bisect.bisect_left(self._mention_pos, pos) - 1
        while i >= 0:
            mpos, sent, name, weight = self._mentions[i]
            i -= 1
            distance = here - sent
            if distance > SALIENCE_REACH:
                break
            g = self.gender.get(name)
            if gender and g and g != gender:
                continue
            score = weight * SALIENCE_DECAY**distance
            if gender and g is None and self._name_gender.get(name, gender) != gender:
                if name not in self._strict_name_gender:
                    unlikely[name] = unlikely.get(name, 0.0) + score
            else:
                scores[name] = scores.get(name, 0.0) + score
        return scores or unlikely  # unlikely: no one fits but a person whose first name suggests the other gender

    def _issuer_named_at(self, tok: Token) -> str | None:
        """The person or organisation a token names (an entity of the article, or a person the NER missed)."""
        ent = self.entity_at(0, len(self._text), tok.idx)
        if ent is not None and ent.label in ("ORG", "NORP", "GPE") or ent is not None and organisation_like(ent.text):
            # "according to an Associated Press-GfK poll": the NER's span may keep the article
            return _LEADING_ARTICLE.sub("", ent.name) or ent.name
        return self.person_named_at(tok)

    def issuer_of(self, doc_noun: Token) -> str | None:
        """Who issued a document the text names: "a report by/from X", "X's statement", "a World Bank
        report", "X released a report"; None when the text does not say."""
        body = _body_before(doc_noun)
        if body is not None:
            return body  # "a Ruiz campaign memo": the Ruiz campaign's, not Ruiz's own
        for c in doc_noun.children:
            if c.dep_ == "prep" and c.lower_ == "in" and doc_noun.lemma_.lower() in PUBLISHED_NOUNS:
                # "an article in Forbes": the publication that printed it
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                ent = self.entity_at(0, len(self._text), pobj.idx) if pobj is not None else None
                if ent is not None and ent.label in ("ORG", "WORK_OF_ART", "NORP"):
                    return ent.name
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if pobj is not None and (found := self._issuer_named_at(pobj)):
                    return found
            # a date is when it came out, not who put it out ("Tuesday's memo", "last year's report")
            if c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME") and (found := self._issuer_named_at(c)):
                return found
            if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and (found := self._issuer_named_at(c)):
                return found
        verb = doc_noun.head.lemma_.lower()
        if (
            doc_noun.dep_ in ("dobj", "nsubjpass")
            and doc_noun.head.pos_ == "VERB"
            and (verb in ISSUING_VERBS or verb in PUBLISHING_VERBS and doc_noun.lemma_.lower() in PUBLISHED_NOUNS)
        ):
            subj = next((c for c in doc_noun.head.children if c.dep_ == "nsubj"), None)
            if subj is None and doc_noun.dep_ == "nsubjpass":
                agent = next((c for c in doc_noun.head.children if c.dep_ == "agent"), None)
                subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if subj is not None and subj.pos_ == "PROPN":
                return self._issuer_named_at(subj)
            if subj is not None:
                return _organisation_named_by_compound(subj)
        return None

    def person_named_at(self, tok: Token) -> str | None:
        """The person a proper-noun token names: its PERSON entity, or a run of proper nouns the NER missed
        that the article's name index knows as a person ("Ana Ruiz"). None for anything else."""
        ent = self.entity_at(0, len(self._text), tok.idx)
        if ent is not None:
            if ent.label == "PERSON" and looks_like_name(ent.text) and not organisation_like(ent.text):
                return ent.name
            return None
        if tok.pos_ != "PROPN":
            return None
        parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
        first = min(parts, key=lambda t: t.i) if parts else tok
        name = self._text[first.idx : tok.idx + len(tok.text)]
        if not looks_like_name(name) or organisation_like(name):
            return None
        full, label = self.names.resolve(name, "PERSON", first.idx)
        return strip_titles(full) if label == "PERSON" and " " in full.strip() else None

    def _collect_roles(self) -> None:
        """The roles the article gives its people: a title or job before the name ("Toronto Mayor Ana
        Ruiz", "President Obama"), an apposition ("Ana Ruiz, the city's mayor,"; "the mayor, Ana Ruiz") or
        a predicate ("Ruiz is the mayor", "… as the city's mayor"). A later "the mayor" is the person
        introduced with that role."""
        doc = self.doc
        table = doc_tokens(doc)
        lemmas, deps = table.lemma, table.dep
        for tok in doc_index(doc).proper_nouns:
            if tok.dep_ in ("compound", "flat"):
                continue
            # the subtree lies within its edges: walk it only when a role noun is there to find
            role_before = any(
                deps[j] == "compound" and lemmas[j] in PERSON_NOUNS for j in range(tok.left_edge.i, tok.i)
            )
            # (role noun, the words of the office before it)
            found = [
                (c.lemma_.lower(), office_words(doc, tok.left_edge.i, c.i))
                for c in (tok.subtree if role_before else ())
                if c.i < tok.i and c.dep_ == "compound" and c.head.i >= c.i and c.lemma_.lower() in PERSON_NOUNS
            ]
            # role nouns are often tagged as proper nouns when capitalised ("Innovation Minister")
            found += [
                (c.lemma_.lower(), office_words(doc, c.left_edge.i, c.i))
                for c in tok.children
                if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN")
            ]
            if tok.dep_ == "appos" and tok.head.pos_ in ("NOUN", "PROPN"):
                found.append((tok.head.lemma_.lower(), office_words(doc, tok.head.left_edge.i, tok.head.i)))
            found = [(role, words) for role, words in found if role in PERSON_NOUNS - KIN_NOUNS]
            if not found:
                continue
            person = self.person_named_at(tok)
            if person:
                for role, words in found:
                    self._roles.setdefault(role, []).append(_Ref(tok.idx, person, "person", person, words))
        # "Trudeau … as Canada's prime minister", "Ruiz is the mayor": the role a clause gives its subject
        office_nouns = PERSON_NOUNS - KIN_NOUNS
        for i in table.indexes_of(lemmas, office_nouns):  # the columns first: few tokens are role nouns
            tok = table.tokens[i]
            lemma = lemmas[i]
            if tok.pos_ != "NOUN" or any(c.dep_ == "case" for c in tok.children):
                continue  # "Thiel is the candidate's first enlistee": the candidate is someone else
            if tok.dep_ == "attr":
                verb = tok.head
            elif tok.dep_ == "pobj" and tok.head.lower_ == "as":
                verb = tok.head.head
                for _ in range(3):  # "interested in the system as prime minister": up to the clause
                    if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                        break
                    verb = verb.head
            else:
                continue
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None:
                continue
            if subj.lower_ in ("he", "she"):  # "… as Canada's prime minister, he …": the person it takes up
                gender = "m" if subj.lower_ == "he" else "f"
                holder = self.clause_binder(subj, gender) or self._most_salient(subj.idx, gender)
            else:
                holder = self.person_named_at(subj)
            if holder:
                words = office_words(doc, tok.left_edge.i, tok.i)
                if tok.dep_ == "pobj" and verb.lemma_.lower() in _LEAVING_VERBS:
                    words |= {"former"}
                self._roles.setdefault(lemma, []).append(_Ref(tok.idx, holder, "person", holder, words))
        for refs in self._roles.values():
            refs.sort(key=lambda r: r.pos)

    def _in_another_office(self, noun: Token) -> frozenset[str]:
        """The people the article gave another office than the one the description ``noun`` names, whom it is not:
        one its noun names with other words or for another place ("Deputy Prime Minister Tom Ruiz", "Senator Tom
        Ruiz of Florida" for "the Ohio senator"), or another of the offices a person holds alone
        (``_SOLE_OFFICES``): "the prime minister" is not "Chancellor Tom Ruiz"."""
        lemma = noun.lemma_.lower()
        # the same noun for another office: "the prime minister" is not "Deputy Prime Minister Tom Ruiz", nor
        # "the Ohio senator" the man introduced as "Senator Tom Ruiz of Florida"
        qualifiers = description_qualifiers(noun)
        other = {
            r.name
            for r in self._roles.get(lemma, ())
            if r.pos < noun.idx
            and (not same_office(noun, r.words) or qualifiers and not self._introduced_with(r.pos, qualifiers))
        }
        own = _office_key(lemma, office_words(noun.doc, noun.left_edge.i, noun.i))
        if own in _SOLE_OFFICES:
            other |= {
                r.name
                for role, refs in self._roles.items()
                for r in refs
                if r.pos < noun.idx and _office_key(role, r.words) in _SOLE_OFFICES - {own}
            }
        return frozenset(other)

    def _acted_on_by_office(self, noun: Token) -> frozenset[str]:
        """The people the text has the office ``noun`` describes act on, whom its holder is not (a verb's subject
        and its object are two people): "Alan Milburn, who the prime minister put in charge of planning" is no
        prime minister, nor "Ruiz" in "the senator thanked Ruiz". Only the same office ("the deputy prime
        minister put Ruiz in charge" says nothing of the prime minister)."""
        lemma, doc = noun.lemma_.lower(), noun.doc
        words = office_words(doc, noun.left_edge.i, noun.i)
        out: set[str] = set()
        for subject in doc_index(doc).noun_subjects:
            if subject.dep_ != "nsubj" or subject.i == noun.i or subject.lemma_.lower() != lemma:
                continue
            if office_words(doc, subject.left_edge.i, subject.i) != words:
                continue
            verb = subject.head
            objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
            if verb.dep_ == "relcl" and any(c.dep_ == "dobj" and c.lower_ in ("who", "whom") for c in verb.children):
                # "Milburn, who the prime minister put in charge": the one the relative clause is about
                head = verb.head
                objects += [head, *(c for c in head.children if c.dep_ == "appos")]
                if head.dep_ == "appos":
                    objects.append(head.head)
            out |= {name for o in objects if (name := self.person_named_at(o))}
        return frozenset(out)

    def subject_in_focus(self, noun: Token, holder: str | None) -> str | None:
        """The person a description of an office (``noun``, "the senator") goes on from instead of the ``holder``
        the text introduced with that office, when the holder is out of view and someone else is the centre:
        "Rubio sought to stoke positive energy … . Walking into the office, the senator said …" is Rubio, though
        the only senator the article introduced (Cruz) was last named paragraphs before. The centre is the named
        subject of the main clause of the last sentence before with a subject, in the same paragraph, whom the
        text gave no other office; the holder is out of view when neither that paragraph nor the one before
        names them. With no holder (``None``: the text introduced no one with that office), the description
        goes on from the centre only for an office many hold at once (``HELD_BY_MANY``: an MP, a senator, not
        "the chancellor", whom a text names by office when it turns to someone else), when that sentence names
        no one else and the text gave the centre no office at all: "Mr Wyatt predicted … . The MP for
        Sittingbourne said …" is Wyatt; "Trump attacked Cruz. The senator said …" is not Trump. None otherwise
        (a description with a qualifier, "the senator from Texas", says more)."""
        doc = self.doc
        if noun.i == 0 or description_qualifiers(noun):
            return None
        # the sentence before with a subject: the parse splits off pieces such as a quoted "Marco!" that have none
        sent, subject = noun.sent, None
        for _ in range(3):
            if sent.start == 0:
                return None
            sent = doc[sent.start - 1].sent
            if "\n" in self._text[sent.start_char : noun.idx]:
                return None  # another paragraph
            subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                break
        if subject is None or subject.pos_ != "PROPN":
            return None
        centre = self.person_named_at(subject)
        if centre is None or centre == holder or centre in self._in_another_office(noun):
            return None
        if holder is None:
            if noun.lemma_.lower() not in HELD_BY_MANY:
                return None  # "Mr Cable said … . The chancellor insisted …": an office of one, likely someone else
            named = {
                self.person_named_at(t) for t in sent if t.pos_ == "PROPN" and t.i not in range(noun.i, noun.i + 1)
            }
            if named - {centre, None} or any(r.name == centre for refs in self._roles.values() for r in refs):
                return None
            return centre
        paragraph = self._text.rfind("\n", 0, noun.idx) + 1  # where this paragraph starts
        k = max(0, paragraph - 1)
        while k > 0 and self._text[k - 1] == "\n":  # back over the blank lines between paragraphs
            k -= 1
        previous = self._text.rfind("\n", 0, k) + 1  # where the paragraph before starts
        lo = bisect.bisect_left(self._mention_pos, previous)
        hi = bisect.bisect_left(self._mention_pos, noun.idx)
        if any(self._mentions[k][2] == holder for k in range(lo, hi)):
            return None  # the holder is in view: "Trump attacked Cruz. The senator said …" is Cruz
        return centre

    def _office_holder(self, noun: Token) -> str | None:
        """The one person the text introduced before ``noun`` with the office it names ("the senator" after
        "Senator Tom Ruiz"; "the Florida senator" only after a senator introduced with "Florida"). None when
        it introduced none or several."""
        holders = [
            r for r in self._roles.get(noun.lemma_.lower(), ()) if r.pos < noun.idx and same_office(noun, r.words)
        ]
        qualifiers = description_qualifiers(noun)
        if qualifiers:
            holders = [r for r in holders if self._introduced_with(r.pos, qualifiers)]
        names = {r.name for r in holders}
        if not names:
            return None if qualifiers else self.subject_in_focus(noun, None)
        if len(names) != 1:
            return None
        holder = names.pop()
        return self.subject_in_focus(noun, holder) or holder

    def _introduced_with(self, pos: int, words: Sequence[str]) -> bool:
        """Whether the sentence at ``pos`` has all ``words`` (lower case) in it."""
        k = self._sentence_at(pos)
        lo = self._sent_starts[k] if k >= 0 else 0
        hi = self._sent_starts[k + 1] if k + 1 < len(self._sent_starts) else len(self._text)
        sentence = self._text[lo:hi].lower()
        return all(w in sentence for w in words)

    def clause_binder(self, pronoun: Token, gender: str) -> str | None:
        """The person whose clause a he/she subject pronoun is the complement of: in "Ana Ruiz says she is
        worried about Tom Berg's plan", she is Ana Ruiz however recent Tom Berg is. None when the pronoun
        is no subject of a complement clause, or the clause above has no compatible named subject."""
        if pronoun.dep_ not in ("nsubj", "nsubjpass"):
            return None
        clause = pronoun.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp" or clause.head.i == clause.i:
            return None
        subj = next((c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and line_break_between(pronoun, subj):
            return None  # "… he wants …. ¶ "…," said Ruiz": a parse run on across paragraphs binds nothing
        person = self.person_named_at(subj) if subj is not None and subj.pos_ == "PROPN" else None
        if person is None:
            return None
        return person if self.agrees(person, gender) else None

    def agrees(self, name: str, gender: str) -> bool:
        """Whether a he ("m") or she ("f") may be ``name``: what the text says of them, else an unambiguous
        first name (the pronoun reading's agreement, ``corpus.coref.pronouns``): "Michelle Ruiz said he …"
        is not about her."""
        known = self.gender.get(name)
        if known is None and " " in name.strip():
            g = name_gender(name.split()[0])
            known = "m" if g == MALE else "f" if g == FEMALE else None
        return known in (None, gender)

    def _is_person_name(self, name: str) -> bool:
        return any(m[2] == name for m in self._mentions)

    def _scan_tokens(self, in_quote: Callable[[int], bool], own_words: Callable[[int], bool]) -> None:
        """One pass over the tokens (a pass costs more than the rules in it): the he/she subjects of the
        narration, the documents given an issuer, the organisations named by their kind and the plural
        subjects."""
        table = doc_tokens(self.doc)  # the columns: a Token only for the few that matter
        tokens, deps, lowers, tags = table.tokens, table.dep, table.lower, table.tag
        poses, lemmas = table.pos, table.lemma
        with_conjunct = table.heads_of("conj")
        for i, dep in enumerate(deps):
            if dep == "nsubj" or dep == "nsubjpass":
                tok = tokens[i]
                if lowers[i] in ("he", "she"):
                    if not in_quote(tok.idx):
                        self._narrative_pronouns.append(tok)
                elif tags[i] in ("NNS", "NNPS") or i in with_conjunct:
                    self._plural_subject(tok, own_words if self._framing_subject(tok) else in_quote)
            if poses[i] != "NOUN":
                continue
            tok = tokens[i]
            lemma = lemmas[i]
            if lemma in DOCUMENT_NOUNS or lemma in PUBLISHED_NOUNS:
                self._document(tok, lemma, in_quote)
            elif lemma in ORG_NOUNS:
                self._organisation_named_by_kind(tok, lemma)
        self._organisations.sort()

    def _document(self, tok: Token, lemma: str, in_quote: Callable[[int], bool]) -> None:
        """A document the narration gives an issuer: "a study by X", "X's letter", "X issued a statement",
        and "X said in a statement" / "she wrote in a report" / "the union said in a statement" (the verb's
        subject; a he/she or a description is resolved when asked, once the speakers before it are known)."""
        if in_quote(tok.idx):
            return
        issuer = self.issuer_of(tok)
        if issuer:
            self._documents.append((tok.idx, lemma, issuer))
            return
        body = next((o for p in from_a_body(tok) for o in p.children if o.dep_ == "pobj"), None)
        if body is not None:  # "a letter from the staff association": resolved when asked, like "the union"
            self._documents.append((tok.idx, lemma, body))
            return
        if tok.dep_ != "pobj" or tok.head.lower_ != "in" or tok.head.head.pos_ not in ("VERB", "AUX"):
            return
        subj = next((c for c in tok.head.head.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return
        if subj.lower_ in ("he", "she") or subj.pos_ == "NOUN" and subj.lemma_.lower() in ORG_NOUNS:
            self._documents.append((tok.idx, lemma, subj))  # "the union said in a statement"
        elif subj.pos_ == "PROPN" and (found := self._issuer_named_at(subj)):
            self._documents.append((tok.idx, lemma, found))

    def _collect_named_organisations(self) -> None:
        """Organisations the text names with their kind's noun ("the Republican Party", "the State
        Department"), by that noun."""
        for e in self.entities:
            if e.label in ("ORG", "NORP", "FAC") or e.label == "PERSON" and organisation_like(e.text):
                word = e.text.split()[-1] if e.text.split() else ""
                last = word.lower()
                if word.islower() and last.endswith("s"):
                    continue  # "Fortune 500 companies": several, none of them "the company"
                noun = last[:-1] if last.endswith("s") and last[:-1] in ORG_NOUNS else last  # "Police Services"
                if noun in ORG_NOUNS and " " in e.text.strip():
                    self._organisations.append((e.start, noun, e.name))

    def _organisation_named_by_kind(self, tok: Token, lemma: str) -> None:
        """A noun phrase naming an organisation by who or what it serves ("the Sanders campaign", "Clinton's
        campaign"), by its noun."""
        mods = [c for c in tok.children if c.dep_ in ("compound", "poss", "nmod") and c.pos_ == "PROPN"]
        if not mods or tok.tag_ == "NNS":
            return  # none, or several ("Fortune 500 companies"), none of them "the company"
        doc = self.doc
        lo = min(m.left_edge.i for m in mods)
        if self.entity_at(doc[lo].idx, tok.idx + len(tok.text), tok.idx) is not None:
            return  # an entity already: counted by ``_collect_named_organisations``
        self._organisations.append((doc[lo].idx, lemma, self._text[doc[lo].idx : tok.idx + len(tok.text)]))

    @staticmethod
    def _framing_subject(tok: Token) -> bool:
        """A subject inside the content of an indirect quote that a "they said" after it may take up: that of a
        clause setting the scene ("As Ruiz and Berg toured the state, they drew crowds, they said") or of a
        report ("Other candidates said they …, they said"). Not the content's own subject: in "State agencies
        can do that, they said" the agencies are what is spoken of, not who speaks."""
        verb = tok.head
        if verb.lemma_.lower() in reporting_verbs():
            return True
        # a finite clause its conjunction opens ("As …", "When …"): not "for other countries to follow",
        # "Republicans aiming to …"
        finite = verb.tag_ in ("VBD", "VBP", "VBZ")
        return verb.dep_ == "advcl" and finite and any(c.dep_ == "mark" for c in verb.children)

    def _plural_subject(self, tok: Token, in_quote: Callable[[int], bool]) -> None:
        """A subject of the narration that "they" can take up: a plural noun ("military analysts", "his
        advisers") or a coordination ("Wilcox and Beruff"), with the sentence it is in."""
        if tok.pos_ == "PRON" or in_quote(tok.idx):
            return
        if tok.ent_type_ in ("GPE", "LOC", "FAC", "PRODUCT", "DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL"):
            return  # places, products and quantities say nothing
        heads = [tok] + [c for c in tok.children if c.dep_ == "conj"]
        if all(t.pos_ == "NOUN" and not animate_noun(t.lemma_.lower()) for t in heads):
            return  # "rising imports", "the book and the movie": things, which a "they said" does not take up
        doc = self.doc
        lo, hi = tok.left_edge.i, tok.i + 1
        for c in tok.children:
            if c.dep_ == "conj":
                hi = max(hi, c.i + 1)
        while lo < hi and (doc[lo].is_punct or doc[lo].lower_ in ("the", "and", "but")):
            lo += 1
        s0, e0 = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        if e0 - s0 > 80 and tok.tag_ == "NNS" and animate_noun(tok.lemma_.lower()):
            e0 = tok.idx + len(tok.text)  # "three economists -- Ana Ruiz at …, … and …": the economists
        if e0 - s0 > 80:
            return  # a clause more than a mention
        if any(c.dep_ == "appos" for c in tok.children):  # "three economists -- Ana Ruiz, …": its members
            last = tok.right_edge
            self._plural_members.append((s0, last.idx + len(last.text), self._text[s0:e0]))
        elif len(heads) > 1:  # "Senator Ana Ruiz and Senator Tom Berg": the two together
            self._plural_members.append((s0, e0, self._text[s0:e0]))
            self._coordinated.add(self._text[s0:e0])  # several, whom a "they" takes up, never "the campaign"
        # a group even when named people make it up ("Wilcox and Beruff"): no he/she takes it up
        self._plural_subjects.append((s0, self._sentence_at(s0), self._text[s0:e0]))

    # --- lookups ---------------------------------------------------------
    def reports_news(self, name: str) -> bool:
        """The article has ``name`` report ("BFMTV reported", "first reported by The New York Times"): a news
        outlet, which is not "the airline" or "the school" an article goes on about after quoting it."""
        if self._news_outlets is None:
            outlets: set[str] = set()
            table = doc_tokens(self.doc)  # the columns: a Token only for the verbs "report"
            for i, lemma in enumerate(table.lemma):
                if lemma != "report" or table.pos[i] != "VERB":
                    continue
                tok = table.tokens[i]
                for c in tok.children:
                    reporter = c if c.dep_ == "nsubj" else None
                    if c.dep_ == "agent":  # "first reported by The New York Times"
                        reporter = next((x for x in c.children if x.dep_ == "pobj"), None)
                    if reporter is None:
                        continue
                    ent = self.entity_at(reporter.left_edge.idx, reporter.idx + len(reporter.text), reporter.idx)
                    if ent is not None and ent.label != "PERSON":
                        outlets.add(ent.name)
            self._news_outlets = outlets
        return name in self._news_outlets

    def entity_at(self, start: int, end: int, head_char: int) -> Entity | None:
        """The entity inside [start, end) that contains the mention's head (at ``head_char``)."""
        i = bisect.bisect_left(self._ent_starts, start)
        while i < len(self.entities) and self.entities[i].start < end:
            e = self.entities[i]
            if e.start <= head_char < e.end:
                return e
            i += 1
        return None

    def _is_subject_at(self, char: int, end: int | None = None) -> bool:
        """Whether a token of the mention [char, end) is a subject (or the agent of a passive)."""
        if not self._tok_starts:
            self._tok_starts = [t.idx for t in self.doc]
        i = bisect.bisect_right(self._tok_starts, char) - 1
        if i < 0:
            return False
        table = doc_tokens(self.doc)  # the columns, not a Token per look
        idx, deps, heads = table.idx, table.dep, table.head
        end = char + 1 if end is None else end
        while i < len(idx) and idx[i] < end:
            j = i
            i += 1
            if deps[j] == "appos":
                j = heads[j]
            if deps[j] in SUBJECT_DEPS or deps[j] == "pobj" and deps[heads[j]] == "agent":
                return True
        return False

    def _titled_person(self, char: int, end: int) -> bool:
        """Whether the name at [char, end) has a person's role in apposition (``role_in_apposition``)."""
        if not self._tok_starts:
            self._tok_starts = [t.idx for t in self.doc]
        doc = doc_tokens(self.doc).tokens  # made once per Doc, not a Token per look
        i = bisect.bisect_right(self._tok_starts, char) - 1
        while 0 <= i < len(doc) and doc[i].idx < end:
            if role_in_apposition(doc[i]):
                return True
            i += 1
        return False

    def _acts(self, char: int, end: int) -> bool:
        """Whether the organisation mentioned at [char, end) is named as someone who acts (``named_as_actor``)."""
        if not self._tok_starts:
            self._tok_starts = [t.idx for t in self.doc]
        table = doc_tokens(self.doc)  # the columns, and a Token only for the mention's head
        idx, heads = table.idx, table.head
        i = bisect.bisect_right(self._tok_starts, char) - 1
        while 0 <= i < len(idx) and idx[i] < end:
            j = i
            i += 1
            if not char <= idx[heads[j]] < end or heads[j] == j:  # the mention's head
                return named_as_actor(table.tokens[j])
        return False

    def _speaks(self, char: int, end: int) -> bool:
        """Whether a token of the mention [char, end) is the subject of a reporting verb."""
        verbs = reporting_verbs()
        i = bisect.bisect_right(self._tok_starts or [t.idx for t in self.doc], char) - 1
        doc = doc_tokens(self.doc).tokens  # made once per Doc, not a Token per look
        while 0 <= i < len(doc) and doc[i].idx < end:
            tok = doc[i]
            i += 1
            if tok.dep_ in SUBJECT_DEPS and tok.head.lemma_.lower() in verbs:
                return True
        return False
