"""Who said it: the speaker mention of a cue, and the name it resolves to.

No neural coreference is available offline, so resolution is by rule, over
the article read in order (all pure, per Doc):

* a mention inside a named entity → that entity's canonical name
  (``corpus.names``: ``Bains`` → ``Navdeep Bains``, ``PM Trudeau`` →
  ``Justin Trudeau``);
* a proper name the NER missed → resolved the same way by the name index;
* he/she → the most recent compatible person (a speaker, or a named person
  who is the subject of a clause outside any quote), gender learnt from
  honorifics, gendered nouns ("his mother") and the pronouns that take a
  person up (``gender_votes``);
* they/it/we and descriptions of organisations (``the company``) → the most
  recent organisation; roles (``the minister``) → the most recent person;
  an article-initial "A judge …" → the person named next; anonymous sources
  ("an official") and relatives ("the father") stay as written;
* documents (``her statement``, ``a statement by X``, ``the post``) → their
  author;
* anything else → the mention itself, without a leading "the".

Why this module is longer than ~500 lines: the rules above are one resolver over
one article (``SpeakerResolver``), each reading the mentions, roles and speakers
it has collected; the module-level helpers (``subject_of``, ``mention_bounds``,
``looks_like_name``, ``gender_votes``) are what it shares with the cue,
attribution and extraction passes. The seam, if it grows further, is those helpers into a ``mentions`` module.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from corpus.gender import FEMALE, MALE, name_gender
from corpus.models import Entity
from corpus.names import TITLE_WORDS, NameIndex, clean_mention, strip_titles
from corpus.quotes.paragraphs import paragraph_clip
from corpus.quotes.verbs import reporting_verbs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Salience of a person mention for he/she (after Lappin and Leass): a mention, more as a subject, more as a
# speaker; weaker per sentence back, not looked at beyond SALIENCE_REACH sentences.
SALIENCE_MENTION = 100.0
SALIENCE_SUBJECT = 80.0
SALIENCE_SPEAKER = 80.0
SALIENCE_PRONOUN = SALIENCE_MENTION + SALIENCE_SUBJECT  # a he/she subject continues its person's chain
SALIENCE_REACH = 8
# "The company said" takes up the organisation that spoke last only this close (characters): about a paragraph.
ORG_SPEAKER_REACH = 600
# "they" takes up a plural subject of its own sentence or of the one before.
PLURAL_REACH = 1
# Each sentence back keeps a fifth of a mention's weight: a person named in the previous sentence outweighs
# the article's topic named three sentences back, unless the topic was named again since. (Measured on both
# dev sets: any decay from 0.1 to 0.25 gives the same accuracy; 0.5 lets the topic win too often.)
SALIENCE_DECAY = 0.2
_EXCLUDE_FROM_MENTION = frozenset({"appos", "relcl", "acl", "punct", "advcl", "parataxis", "ccomp", "cc"})
PRONOUNS_MALE = frozenset({"he", "him", "his"})
PRONOUNS_FEMALE = frozenset({"she", "her", "hers"})
PRONOUNS_GROUP = frozenset({"they", "them", "it", "we", "us", "its", "their", "our"})
PRONOUNS_NARRATOR = frozenset({"i", "me", "my"})
WH_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_ADJUNCT_PREPS = frozenset({"in", "on", "during", "after", "before", "since", "with", "while", "when"})

# Head nouns of descriptions of a person ("the minister") and of an organisation ("the company").
PERSON_NOUNS = frozenset(
    """
minister premier president leader official spokesperson spokesman spokeswoman spokesmen representative
judge justice lawyer barrister solicitor attorney prosecutor director chief executive ceo
chair chairman chairwoman founder
man woman boy girl mother father son daughter wife husband brother sister parent professor expert economist
analyst researcher scientist doctor physician officer detective constable sergeant mayor councillor senator
mp mpp mla candidate member author writer player coach manager owner resident witness victim student teacher
activist advocate critic chancellor secretary governor commissioner superintendent inspector agent head
""".split()
)
# Roles that a named person holds and that the article refers back to ("the minister" = the minister
# named before). Anonymous sources (an official, a spokesperson, an expert) and relatives (the father)
# are not resolved: they name someone else than the person mentioned last.
ROLE_NOUNS = frozenset(
    """
minister premier president leader judge justice mayor chief ceo chair chairman chairwoman director
prosecutor professor senator mp mpp mla councillor commissioner governor chancellor secretary coach
manager owner founder author superintendent
""".split()
)
# People described by kinship or by what happened to them: "the father" is rarely the man the article named
# with that word, and never a role to link to.
KIN_NOUNS = frozenset(
    "man woman boy girl mother father son daughter wife husband brother sister parent resident witness victim".split()
)
MALE_NOUNS = frozenset("man boy father son husband brother grandfather uncle nephew king prince sir mr".split())
FEMALE_NOUNS = frozenset(
    """woman girl mother daughter wife sister grandmother aunt niece queen princess
lady ms mrs miss mother-of-nine""".split()
)
ORG_NOUNS = frozenset(
    """
company firm department ministry government agency organization organisation group association union council
party police board commission office unit service bank university school hospital team club authority
court committee coalition institute foundation network station newspaper broadcaster regulator army military
administration campaign charity corporation business retailer airline league federation society centre center
studio
city province state country
""".split()
)


def subject_of(cue: Token, depth: int = 0) -> Token | None:
    """The subject of a cue verb, inherited by participles and conjuncts ("…, adding that") from the
    reporting verb they depend on, else from the verb they hang on."""
    subjects = [c for c in cue.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        c = min(subjects, key=lambda x: abs(x.i - cue.i))  # a misparse can hang a far one on the verb too
        if c.lower_ in WH_PRONOUNS and cue.dep_ == "relcl":
            return cue.head
        return c
    for c in cue.children:
        if c.dep_ == "agent":
            for cc in c.children:
                if cc.dep_ == "pobj":
                    return cc
    if depth >= 4 or cue.dep_ not in ("advcl", "conj", "xcomp", "pcomp", "acl") or cue.head.i == cue.i:
        return None
    verbs = reporting_verbs()
    # the nearest reporting verb above ("argued that …, noting …" → the one who argued)
    anc = cue.head
    for _ in range(6):
        if anc.lemma_.lower() in verbs and anc.pos_ == "VERB":
            found = subject_of(anc, depth + 1)
            if found is not None:
                return found
            break
        if anc.head.i == anc.i:
            break
        anc = anc.head
    head = cue.head
    if head.dep_ == "prep" and head.head.i != head.i:  # "was quoted as saying"
        head = head.head
    if head.pos_ in ("VERB", "AUX"):
        return subject_of(head, depth + 1)
    if cue.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        issuer = _issuer_of(head)
        return issuer if issuer is not None else head
    return None


#: Verbs whose subject is the author of the document they take as object: "X issued a statement".
#: Receiving or reading one ("she got a letter saying …", "he read a statement saying …") is not.
ISSUING_VERBS = frozenset(
    """issue release put send post publish write sign file deliver email e-mail tweet unveil circulate
    distribute submit draft prepare produce""".split()
)


def _issuer_of(document: Token) -> Token | None:
    """The subject who issued ``document`` when it is the object of an issuing verb: in "the senator
    issued a statement saying …" the senator says it; the statement is only the channel."""
    if document.lemma_.lower() not in DOCUMENT_NOUNS or document.dep_ != "dobj":
        return None
    verb = document.head
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in ISSUING_VERBS:
        return None
    if verb.lemma_.lower() == "put" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def mention_bounds(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``head`` (no appositions or relative clauses),
    or of head + apposition when the head is a common noun and the apposition a name
    ("the country's Innovation Minister, Navdeep Bains")."""
    lo = hi = head.i
    appos_name = None
    for c in head.children:
        if c.dep_ in _EXCLUDE_FROM_MENTION:
            if (
                c.dep_ == "appos"
                and c.pos_ == "PROPN"
                and appos_name is None
                and (head.pos_ != "PROPN" or head.lower_ in TITLE_WORDS or head.lemma_.lower() in PERSON_NOUNS)
            ):
                appos_name = c
            continue
        if c.dep_ == "prep" and c.lower_ in _ADJUNCT_PREPS and c.i > head.i:
            continue  # "an IMF official in a briefing on Wednesday": when and where, not who
        lo = min(lo, c.left_edge.i)
        hi = max(hi, c.right_edge.i)
    doc = head.doc
    for j in range(head.i + 1, hi + 1):
        if doc[j].dep_ in ("relcl", "acl"):  # "a spokesman for the WSIS, which is meeting in Geneva"
            hi = max(head.i, doc[j].left_edge.i - 1)
            break
    if appos_name is not None:
        hi = max(hi, _np_right(appos_name))
    lo, hi = paragraph_clip(doc, lo, hi, head.i)
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    opening = next((j for j in range(hi, lo, -1) if doc[j].text in "()"), None)
    if opening is not None and doc[opening].text == "(":  # "… Society (WSIS" cut short: no brackets
        hi = opening - 1
    return lo, hi + 1


def _np_right(tok: Token) -> int:
    hi = tok.i
    for c in tok.children:
        if c.dep_ in ("compound", "flat", "amod", "nmod") and c.i > tok.i:
            hi = max(hi, c.right_edge.i)
    return hi


@dataclass
class _Ref:
    pos: int
    name: str
    kind: str  # "person" | "group"
    key: str


@dataclass
class SpeakerResolver:
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
    _name_gender: dict[str, str] = field(default_factory=dict)  # from first names, for those ``gender`` lacks
    _tok_starts: list[int] = field(default_factory=list)
    _text: str = ""
    _roles: dict[str, list[_Ref]] = field(default_factory=dict)  # role noun → people it introduced, in order
    _mentions: list[tuple[int, int, str, float]] = field(default_factory=list)  # (pos, sentence, person, weight)
    _mention_pos: list[int] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)
    _narrative_pronouns: list[Token] = field(default_factory=list)  # he/she subjects outside quotes
    _pronouns_done: int = 0  # how many of them ``_follow_pronouns`` has taken in
    _documents: list[tuple[int, str, str | Token]] = field(default_factory=list)  # (pos, noun, issuer or he/she)
    _subject_groups: list[_Ref] = field(default_factory=list)  # organisations that are the subject of a clause
    _subject_group_pos: list[int] = field(default_factory=list)
    _plural_subjects: list[tuple[int, int, str]] = field(default_factory=list)  # (pos, sentence, text)
    _organisations: list[tuple[int, str, str]] = field(default_factory=list)  # (pos, kind noun, name)
    _spoken_documents: list[tuple[int, str, str]] = field(default_factory=list)  # (pos, noun, issuer) that spoke

    def __post_init__(self) -> None:
        self._ent_starts = [e.start for e in self.entities]
        doc = self.doc
        # Doc.text joins every token: read it once
        self._text = doc.text if self.text is None else self.text
        if self.tok_starts is not None:
            self._tok_starts = self.tok_starts
        spans = sorted(self.quote_spans)
        span_starts = [a for a, _ in spans]

        def in_quote(pos: int) -> bool:
            i = bisect.bisect_right(span_starts, pos) - 1
            return i >= 0 and spans[i][0] <= pos < spans[i][1]

        for e in self.entities:
            if e.label == "PERSON" and organisation_like(e.text):
                self._groups.append(_Ref(e.start, e.name, "group", e.name))
            elif (
                e.label == "PERSON"
                and looks_like_name(e.text)
                and self._is_subject_at(e.start, e.end)
                and not in_quote(e.start)
                and not _in_parentheses(self._text, e.start)
            ):
                self._persons.append(_Ref(e.start, e.name, "person", e.name))
                title = self._text[max(0, e.start - 5) : e.start].lower()
                if e.name not in self.gender:
                    if "mr." in title or "mr " in title:
                        self.gender[e.name] = "m"
                    elif "ms." in title or "mrs" in title or "ms " in title:
                        self.gender[e.name] = "f"
            elif e.label == "ORG" or e.label in ("FAC", "PRODUCT") and self._speaks(e.start, e.end):
                # companies are often tagged FAC or PRODUCT; one that speaks is one, a venue or a product that
                # does not is no antecedent for it/they
                self._groups.append(_Ref(e.start, e.name, "group", e.name))
        # subjects that are proper names the NER missed or mislabelled ("Chrystia Freeland spoke …")
        ent_starts = set(self._ent_starts)
        for tok in doc:
            if tok.dep_ != "nsubj" or tok.pos_ != "PROPN" or tok.ent_type_ not in ("", "PERSON"):
                continue
            parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
            if tok.idx in ent_starts and parts:
                continue
            if any(e.start <= tok.idx < e.end and e.label == "PERSON" for e in self.entities):
                continue
            first = min(parts, key=lambda t: t.i) if parts else tok
            name = self._text[first.idx : tok.idx + len(tok.text)]
            if not looks_like_name(name) or organisation_like(name) or in_quote(first.idx):
                continue
            full, label = self.names.resolve(name, "PERSON", first.idx)
            if not parts and (label != "PERSON" or " " not in full):
                continue  # a lone surname counts once the article has given the full name ("Niederreiter has …")
            self._persons.append(_Ref(first.idx, strip_titles(full), "person", full))
        self._persons.sort(key=lambda r: r.pos)
        self._person_pos = [r.pos for r in self._persons]
        self._group_pos = [r.pos for r in self._groups]
        self._subject_groups = [
            _Ref(e.start, e.name, "group", e.name)
            for e in self.entities
            if e.label == "ORG" and not in_quote(e.start) and self._is_subject_at(e.start, e.end)
        ]
        self._subject_group_pos = [r.pos for r in self._subject_groups]
        for name, g in gender_votes(doc, self.entities, self._text).items():
            self.gender.setdefault(name, g)
        self._collect_mentions(in_quote)
        self._first_name_genders()
        self._collect_roles()  # after the genders: a role given to "he" needs them
        self._collect_named_organisations()
        self._scan_tokens(in_quote)

    def _collect_mentions(self, in_quote: Callable[[int], bool]) -> None:
        """Every mention of a person outside quotes, with its salience weight: a mention counts, a subject
        counts more (``SALIENCE_*``); speakers are added as quotes are attributed (``note_speaker``)."""
        self._sent_starts = [sent.start_char for sent in self.doc.sents]
        subjects = {r.pos for r in self._persons}
        confirmed = {  # one-word names the article makes a subject or gives a title somewhere
            e.name
            for e in self.entities
            if e.label == "PERSON" and (e.start in subjects or _titled(self._text, e.start))
        }
        for e in self.entities:
            if (
                e.label != "PERSON"
                or not looks_like_name(e.text)
                or organisation_like(e.text)
                or organisation_like(e.name)
                or in_quote(e.start)
                or _in_parentheses(self._text, e.start)
                or " " not in e.name.strip()
                and e.name not in confirmed
            ):
                # a one-word "person" the article never names in full, never makes a subject and never gives a
                # title ("President Obama") is more often the model's mistake ("took to Twitter") than someone a
                # he/she takes up
                continue
            weight = SALIENCE_MENTION + (SALIENCE_SUBJECT if e.start in subjects else 0.0)
            self._mentions.append((e.start, self._sentence_at(e.start), e.name, weight))
        for r in self._persons:  # subjects the NER missed
            if not any(m[0] == r.pos for m in self._mentions):
                self._mentions.append((r.pos, self._sentence_at(r.pos), r.name, SALIENCE_MENTION + SALIENCE_SUBJECT))
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
            name = self.clause_binder(tok, gender) or self._most_salient(tok.idx, gender)
            if name is None:
                continue
            k = bisect.bisect_left(self._mention_pos, tok.idx)
            self._mentions.insert(k, (tok.idx, self._sentence_at(tok.idx), name, SALIENCE_PRONOUN))
            self._mention_pos.insert(k, tok.idx)

    def salient_person(self, pos: int, gender: str | None = None) -> str | None:
        """The person the text before ``pos`` is most about, of a compatible gender: each earlier mention
        adds its weight, times SALIENCE_DECAY for every sentence between it and ``pos`` (subjects and
        speakers weigh more than other mentions; a he/she of the narration counts for the person it takes
        up), so the person a paragraph and its quotes are about outweighs a name dropped in passing, not
        the nearest mention."""
        self._follow_pronouns(pos)
        return self._most_salient(pos, gender)

    def _most_salient(self, pos: int, gender: str | None = None) -> str | None:
        scores = self._salience(pos, gender)
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
                unlikely[name] = unlikely.get(name, 0.0) + score
            else:
                scores[name] = scores.get(name, 0.0) + score
        return scores or unlikely  # unlikely: no one fits but a person whose first name suggests the other gender

    def _issuer_named_at(self, tok: Token) -> str | None:
        """The person or organisation a token names (an entity of the article, or a person the NER missed)."""
        ent = self.entity_at(0, len(self._text), tok.idx)
        if ent is not None and ent.label in ("ORG", "NORP", "GPE") or ent is not None and organisation_like(ent.text):
            return ent.name
        return self.person_named_at(tok)

    def issuer_of(self, doc_noun: Token) -> str | None:
        """Who issued a document the text names: "a report by/from X", "X's statement", "a World Bank
        report", "X released a report"; None when the text does not say."""
        for c in doc_noun.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if pobj is not None and (found := self._issuer_named_at(pobj)):
                    return found
            if c.dep_ == "poss" and (found := self._issuer_named_at(c)):
                return found
            if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and (found := self._issuer_named_at(c)):
                return found
        if (
            doc_noun.dep_ in ("dobj", "nsubjpass")
            and doc_noun.head.pos_ == "VERB"
            and doc_noun.head.lemma_.lower() in ISSUING_VERBS
        ):
            subj = next((c for c in doc_noun.head.children if c.dep_ == "nsubj"), None)
            if subj is None and doc_noun.dep_ == "nsubjpass":
                agent = next((c for c in doc_noun.head.children if c.dep_ == "agent"), None)
                subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if subj is not None and subj.pos_ == "PROPN":
                return self._issuer_named_at(subj)
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
        for tok in doc:
            if tok.pos_ != "PROPN" or tok.dep_ in ("compound", "flat"):
                continue
            roles = {
                c.lemma_.lower()
                for c in tok.subtree
                if c.i < tok.i and c.dep_ == "compound" and c.head.i >= c.i and c.lemma_.lower() in PERSON_NOUNS
            }
            # role nouns are often tagged as proper nouns when capitalised ("Innovation Minister")
            roles |= {c.lemma_.lower() for c in tok.children if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN")}
            if tok.dep_ == "appos" and tok.head.pos_ in ("NOUN", "PROPN"):
                roles.add(tok.head.lemma_.lower())
            roles &= PERSON_NOUNS - KIN_NOUNS
            if not roles:
                continue
            person = self.person_named_at(tok)
            if person:
                for role in roles:
                    self._roles.setdefault(role, []).append(_Ref(tok.idx, person, "person", person))
        # "Trudeau … as Canada's prime minister", "Ruiz is the mayor": the role a clause gives its subject
        for tok in doc:
            lemma = tok.lemma_.lower()
            if lemma not in PERSON_NOUNS - KIN_NOUNS or tok.pos_ != "NOUN":
                continue
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
                self._roles.setdefault(lemma, []).append(_Ref(tok.idx, holder, "person", holder))
        for refs in self._roles.values():
            refs.sort(key=lambda r: r.pos)

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
        person = self.person_named_at(subj) if subj is not None and subj.pos_ == "PROPN" else None
        if person is None:
            return None
        known = self.gender.get(person)
        return person if known in (None, gender) else None

    def _is_person_name(self, name: str) -> bool:
        return any(m[2] == name for m in self._mentions)

    def _scan_tokens(self, in_quote: Callable[[int], bool]) -> None:
        """One pass over the tokens (a pass costs more than the rules in it): the he/she subjects of the
        narration, the documents given an issuer, the organisations named by their kind and the plural
        subjects."""
        for tok in self.doc:
            dep = tok.dep_
            if dep == "nsubj" or dep == "nsubjpass":
                if tok.lower_ in ("he", "she"):
                    if not in_quote(tok.idx):
                        self._narrative_pronouns.append(tok)
                elif tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children):
                    self._plural_subject(tok, in_quote)
            if tok.pos_ != "NOUN":
                continue
            lemma = tok.lemma_.lower()
            if lemma in DOCUMENT_NOUNS:
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
                last = e.text.split()[-1].lower() if e.text.split() else ""
                noun = last[:-1] if last.endswith("s") and last[:-1] in ORG_NOUNS else last
                if noun in ORG_NOUNS and " " in e.text.strip():
                    self._organisations.append((e.start, noun, e.name))

    def _organisation_named_by_kind(self, tok: Token, lemma: str) -> None:
        """A noun phrase naming an organisation by who or what it serves ("the Sanders campaign", "Clinton's
        campaign"), by its noun."""
        mods = [c for c in tok.children if c.dep_ in ("compound", "poss", "nmod") and c.pos_ == "PROPN"]
        if not mods:
            return
        doc = self.doc
        lo = min(m.left_edge.i for m in mods)
        if self.entity_at(doc[lo].idx, tok.idx + len(tok.text), tok.idx) is not None:
            return  # an entity already: counted by ``_collect_named_organisations``
        self._organisations.append((doc[lo].idx, lemma, self._text[doc[lo].idx : tok.idx + len(tok.text)]))

    def named_organisation(self, noun: str, pos: int) -> str | None:
        """The organisation last named before ``pos`` with ``noun`` as its kind ("the campaign" → "Sanders
        campaign"); None when the text named none."""
        for opos, kind, name in reversed(self._organisations):
            if opos < pos and kind == noun:
                return name
        return None

    def _plural_subject(self, tok: Token, in_quote: Callable[[int], bool]) -> None:
        """A subject of the narration that "they" can take up: a plural noun ("military analysts", "his
        advisers") or a coordination ("Wilcox and Beruff"), with the sentence it is in."""
        if tok.pos_ == "PRON" or in_quote(tok.idx):
            return
        if tok.ent_type_ in ("GPE", "LOC", "FAC", "PRODUCT", "DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL"):
            return  # places, products and quantities say nothing
        doc = self.doc
        lo, hi = tok.left_edge.i, tok.i + 1
        for c in tok.children:
            if c.dep_ == "conj":
                hi = max(hi, c.i + 1)
        while lo < hi and (doc[lo].is_punct or doc[lo].lower_ in ("the", "and", "but")):
            lo += 1
        s0, e0 = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        if e0 - s0 > 80:
            return  # a clause more than a mention
        # a group even when named people make it up ("Wilcox and Beruff"): no he/she takes it up
        self._plural_subjects.append((s0, self._sentence_at(s0), self._text[s0:e0]))

    def plural_subject_before(self, pos: int) -> tuple[str, str] | None:
        """(name, "group") of the plural subject of the sentence before ``pos`` or of its own (``they`` takes up
        "Military analysts say … . …, they said"), None when there is none that close."""
        here = self._sentence_at(pos)
        for spos, sent, name in reversed(self._plural_subjects):
            if spos >= pos:
                continue
            return (name, "group") if here - sent <= PLURAL_REACH else None
        return None

    def organisation_speaking_before(self, noun: str, pos: int) -> str | None:
        """The organisation the text was about just before ``pos`` — the last speaker, or the subject of a
        clause since — when its name does not say it is of another kind than ``noun``: "…," Verizon said.
        The company added …; "Huawei rejected the accusations. The company said …"; not "the campaign"
        for "the Commission on Presidential Debates". None when a person came last, or nothing is that close."""
        last = next((r for r in reversed(self._speakers) if r.pos < pos), None)
        i = bisect.bisect_left(self._subject_group_pos, pos) - 1
        if i >= 0 and (last is None or self._subject_groups[i].pos > last.pos):
            last = self._subject_groups[i]
        if last is None or last.kind != "group" or pos - last.pos >= ORG_SPEAKER_REACH:
            return None
        words = last.name.split()
        kind = words[0].lower() if words and words[0].lower() in ORG_NOUNS else None
        if kind and kind != noun or len(words) == 1 and last.name.endswith("s") and noun not in ("party", "group"):
            return None  # another kind ("Commission on …"; "Democrats": a party or a group, not "the company")
        return last.name

    def document_issuer(self, noun: str, pos: int) -> str | None:
        """The issuer of the last document of the kind ``noun`` names (a report or a study, a statement or a
        release, …) that the text gave an issuer before ``pos``."""
        kind = DOCUMENT_KINDS.get(noun, noun)
        for dpos, lemma, issuer in reversed(self._documents):
            if dpos >= pos or DOCUMENT_KINDS.get(lemma, lemma) != kind:
                continue
            if isinstance(issuer, str):
                return issuer
            if issuer.lower_ in ("he", "she"):
                gender = "m" if issuer.lower_ == "he" else "f"
                return self.clause_binder(issuer, gender) or self.salient_person(issuer.idx, gender)
            lo, hi = mention_bounds(issuer)
            doc = self.doc
            return self._resolve(issuer, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))[0]
        return None

    def role_holder(self, role: str, pos: int) -> str | None:
        """The person introduced before ``pos`` with ``role`` ("the mayor" → "Mayor Ana Ruiz"); of several, the
        one the text is most about here, else the last introduced: in "Premier Ford … as prime minister,
        Trudeau said … . The prime minister said" the paragraph is about Trudeau."""
        holders = [r for r in self._roles.get(role, ()) if r.pos < pos]
        if not holders:
            return None
        names = {r.name for r in holders}
        if len(names) > 1:
            self._follow_pronouns(pos)
            scores = self._salience(pos)
            best = max(names, key=lambda n: scores.get(n, 0.0))
            if scores.get(best, 0.0) > 0.0:
                return best
        return holders[-1].name

    # --- lookups ---------------------------------------------------------
    def entity_at(self, start: int, end: int, head_char: int) -> Entity | None:
        """The entity inside [start, end) that contains the mention's head (at ``head_char``)."""
        i = bisect.bisect_left(self._ent_starts, start)
        while i < len(self.entities) and self.entities[i].start < end:
            e = self.entities[i]
            if e.start <= head_char < e.end:
                return e
            i += 1
        return None

    def next_person(self, pos: int, limit: int = 600) -> str | None:
        """The first person named after ``pos`` (cataphora: "A judge said … Justice Sean Dunphy …")."""
        i = bisect.bisect_right(self._person_pos, pos)
        if i < len(self._persons) and self._persons[i].pos - pos <= limit:
            return self._persons[i].name
        return None

    def _recent(self, refs: list[_Ref], positions: list[int], pos: int, gender: str | None) -> _Ref | None:
        i = bisect.bisect_left(positions, pos)
        while i > 0:
            i -= 1
            r = refs[i]
            g = self.gender.get(r.name)
            if gender and g and g != gender:
                continue
            return r
        return None

    def recent_person(self, pos: int, gender: str | None = None) -> str | None:
        """The most recent compatible person before ``pos``: the last speaker when more recent than
        the last person mentioned, else that person."""
        sp = None
        for r in reversed(self._speakers):
            if r.pos < pos and r.kind == "person":
                g = self.gender.get(r.name)
                if gender and g and g != gender:
                    continue
                sp = r
                break
        mention = self._recent(self._persons, self._person_pos, pos, gender)
        if sp is None and mention is None:
            return None
        if sp is None:
            return mention.name if mention is not None else None
        if mention is None:
            return sp.name
        # a named person mentioned after the last speaker is usually the new topic ("X said … . He added …")
        if mention.pos > sp.pos:
            return mention.name
        return sp.name

    def _is_subject_at(self, char: int, end: int | None = None) -> bool:
        """Whether a token of the mention [char, end) is a subject (or the agent of a passive)."""
        if not self._tok_starts:
            self._tok_starts = [t.idx for t in self.doc]
        i = bisect.bisect_right(self._tok_starts, char) - 1
        if i < 0:
            return False
        doc = self.doc
        end = char + 1 if end is None else end
        while i < len(doc) and doc[i].idx < end:
            tok = doc[i]
            i += 1
            if tok.dep_ == "appos":
                tok = tok.head
            if tok.dep_ in SUBJECT_DEPS or tok.dep_ == "pobj" and tok.head.dep_ == "agent":
                return True
        return False

    def _speaks(self, char: int, end: int) -> bool:
        """Whether a token of the mention [char, end) is the subject of a reporting verb."""
        verbs = reporting_verbs()
        i = bisect.bisect_right(self._tok_starts or [t.idx for t in self.doc], char) - 1
        doc = self.doc
        while 0 <= i < len(doc) and doc[i].idx < end:
            tok = doc[i]
            i += 1
            if tok.dep_ in SUBJECT_DEPS and tok.head.lemma_.lower() in verbs:
                return True
        return False

    def recent_group(self, pos: int) -> str | None:
        for r in reversed(self._speakers):
            if r.pos < pos and r.kind == "group":
                sp = r
                break
        else:
            sp = None
        mention = self._recent(self._groups, self._group_pos, pos, None)
        if sp is None:
            if mention is not None:
                return mention.name
            # no organisation named: the last speaker that is not a he or a she
            for r in reversed(self._speakers):
                if r.pos < pos:
                    return r.name if r.name not in self.gender else None
            return None
        if mention is not None and mention.pos > sp.pos + 200:
            return mention.name
        return sp.name

    def note_speaker(self, pos: int, name: str, kind: str) -> None:
        self._speakers.append(_Ref(pos, name, kind, name))
        if kind == "person":
            k = bisect.bisect_left(self._mention_pos, pos)
            self._mentions.insert(k, (pos, self._sentence_at(pos), name, SALIENCE_MENTION + SALIENCE_SPEAKER))
            self._mention_pos.insert(k, pos)

    # --- the main entry --------------------------------------------------
    def resolve(self, head: Token, start: int, end: int) -> tuple[str | None, str]:
        """(name, kind) for the mention [start, end) headed by ``head``; kind is person/group/other."""
        name, kind = self._resolve(head, start, end)
        if name and kind == "person" and name not in self.gender:
            # "His mother Katherine Jackson", "the father": the noun tells the gender
            for t in [head] + [c for c in head.children if c.dep_ in ("compound", "appos", "nmod")]:
                lemma = t.lemma_.lower()
                if lemma in MALE_NOUNS:
                    self.gender[name] = "m"
                elif lemma in FEMALE_NOUNS:
                    self.gender[name] = "f"
        return name, kind

    def _resolve(self, head: Token, start: int, end: int) -> tuple[str | None, str]:
        doc = self.doc
        low = head.lower_
        if head.pos_ == "PRON" or low in PRONOUNS_MALE | PRONOUNS_FEMALE | PRONOUNS_GROUP:
            if low in PRONOUNS_MALE or low in PRONOUNS_FEMALE:
                gender = "m" if low in PRONOUNS_MALE else "f"
                name = self.clause_binder(head, gender) or self.salient_person(start, gender)
                if name:
                    self.gender.setdefault(name, gender)
                    return name, "person"
                return None, "person"
            if low in PRONOUNS_GROUP:
                if low in ("they", "them", "their"):
                    plural = self.plural_subject_before(start)
                    if plural is not None:
                        return plural
                name = (
                    self.recent_group(start)
                    if low in ("it", "its", "we")
                    else (self.recent_group(start) or self.recent_person(start))
                )
                return name, "group"
            return None, "other"
        ent = self.entity_at(start, end, head.idx)
        if ent is None or ent.label != "PERSON" and head.lower_ in TITLE_WORDS:
            appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if appos is not None and appos.idx < end:
                ent = self.entity_at(start, end, appos.idx)
                if ent is None:
                    name, _ = self.names.resolve(appos.text, "PERSON", appos.idx)
                    return strip_titles(name), "person"
        if ent is not None and ent.label == "PERSON" and organisation_like(ent.text):
            return ent.name, "group"  # "Burnaby RCMP": an organisation the NER took for a person
        if ent is not None and ent.label == "PERSON" and organisation_like(ent.name) and " " not in ent.text.strip():
            # "Schicketanz says" where the name index took the surname for "Studio Schicketanz": the person
            # the article names with that surname, when it names one
            person = self.person_with_surname(ent.text.strip())
            if person:
                return person, "person"
        if ent is not None and ent.label in ("PERSON", "ORG", "NORP", "GPE", "FAC", "LOC", "PRODUCT"):
            if ent.label != "PERSON" or looks_like_name(ent.text):
                return ent.name, "person" if ent.label == "PERSON" else "group"
        cleaned = clean_mention(self._text[start:end], start, end)
        text = cleaned[0] if cleaned else self._text[start:end]
        if (
            head.pos_ == "PROPN"
            and head.tag_ != "NNPS"  # "Britons", "Democrats": a group, not a person the NER missed
            and head.lemma_.lower() not in PERSON_NOUNS | ORG_NOUNS
            and not head.text.isupper()
            and looks_like_name(text)
        ):
            # a name the NER missed: the proper-noun part of the mention
            words = [t for t in doc[head.left_edge.i : head.i + 1] if t.pos_ == "PROPN" and t.idx >= start]
            name = " ".join(t.text for t in words) or text
            full, label = self.names.resolve(name, "PERSON", start)
            if full and looks_like_name(full):
                return strip_titles(full), "person"
        lemma = head.lemma_.lower()
        det = next((c for c in head.children if c.dep_ in ("det", "poss")), None)
        definite = det is not None and (det.lower_ in ("the", "this", "that") or det.dep_ == "poss")
        if lemma in DOCUMENT_NOUNS:
            # "a statement by Reagan Ruslim", "a World Bank report", "the union released a report": its issuer
            by_phrases = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "by"]
            by_phrases += [a for c in head.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"]
            for c in by_phrases:  # "a statement e-mailed to The Globe by Reagan Ruslim"
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if pobj is not None:
                    lo, hi = mention_bounds(pobj)
                    s0, e0 = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
                    return self._resolve(pobj, s0, e0)
            issuer = self.issuer_of(head)
            if issuer:
                self._spoken_documents.append((start, lemma, issuer))
                return issuer, "person" if self._is_person_name(issuer) else "group"
            if det is not None and det.dep_ == "poss":  # "her statement": whoever she is
                lo, hi = mention_bounds(det)
                s0, e0 = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
                return self._resolve(det, s0, e0)
            if definite:
                # "the report" after "a World Bank report said" or "Cross wrote in a report": that document's
                # issuer; a document the text gives no issuer stays the document
                spoken = [i for p, noun, i in self._spoken_documents if p < start and noun == lemma]
                if spoken:
                    return spoken[-1], "person" if self._is_person_name(spoken[-1]) else "group"
                issuer = self.document_issuer(lemma, start)
                if issuer:
                    return issuer, "person" if self._is_person_name(issuer) else "group"
                prev = self.last_speaker(start, head.lower_)
                if prev:
                    return prev
            return text, "other"
        person_like = lemma in PERSON_NOUNS or "year-old" in text
        if person_like:
            if definite and det is not None and det.dep_ != "poss" and lemma in self._roles:
                # "the mayor": the person the article introduced as its mayor
                name = self.role_holder(lemma, start)
                if name:
                    return name, "person"
            elif definite and det is not None and det.dep_ != "poss" and "year-old" in text:
                # "the 52-year-old": the person the article is about
                name = self.salient_person(start)
                if name:
                    return name, "person"
            elif (
                det is not None
                and det.lower_ in ("a", "an", "one")
                and not self._person_pos[:1]
                or det is not None
                and det.lower_ in ("a", "an", "one")
                and self._person_pos[0] > start
            ):
                # the lede's "A judge ruled …" before the judge is named
                name = self.next_person(end)
                if name:
                    return name, "person"
            return text, "person"
        if lemma in ORG_NOUNS:
            # "the Deutsche Welle radio station": the organisation named inside the description
            for c in head.children:
                if c.dep_ in ("compound", "nmod") and c.i < head.i:
                    inner = self.entity_at(start, end, c.idx)
                    if inner is not None and inner.label in ("GPE", "LOC", "NORP"):
                        # "West Yorkshire police", "the Ontario government": a place and an organisation noun
                        # name an organisation of that place, not the place
                        return text, "group"
                    if inner is not None and inner.label in ("ORG", "FAC", "PRODUCT"):
                        return inner.name, "group"
                    if c.pos_ == "PROPN":  # "the Clinton campaign": an organisation named by who it serves
                        return text, "group"
        if definite and lemma in ORG_NOUNS and det is not None and det.dep_ != "poss":
            # "the campaign" after "the Sanders campaign", "the party" after "the Republican Party"
            name = self.named_organisation(lemma, start) or self.organisation_speaking_before(lemma, start)
            if name:
                return name, "group"
        return text, "other"

    def person_in_paragraph_before(self, pos: int, exclude: tuple[int, int] = (0, 0)) -> Entity | None:
        """The last person entity between the paragraph start and ``pos``, outside ``exclude``
        (the quote itself)."""
        par_start = self._text.rfind("\n", 0, pos) + 1
        i = bisect.bisect_left(self._ent_starts, pos) - 1
        while i >= 0 and self.entities[i].start >= par_start:
            e = self.entities[i]
            if (
                e.label == "PERSON"
                and looks_like_name(e.text)
                and e.end <= pos
                and not exclude[0] <= e.start < exclude[1]
            ):
                return e
            i -= 1
        return None

    def last_speaker(self, pos: int, word: str | None = None) -> tuple[str, str] | None:
        """The last speaker before ``pos`` (whose name has ``word`` in it, when given)."""
        for r in reversed(self._speakers):
            if r.pos < pos and (word is None or word in r.name.lower().split()):
                return r.name, r.kind
        return None


def _titled(text: str, pos: int) -> bool:
    """Whether a title word comes right before ``pos`` ("President Obama", "Pope Francis", "Mr. Ruiz")."""
    before = text[max(0, pos - 20) : pos].split()
    return bool(before) and before[-1].lower().rstrip(".") in TITLE_WORDS


def _in_parentheses(text: str, pos: int) -> bool:
    """Inside "( … )" on the same line, as photo credits are: "( Richard Lautens / Toronto Star )"."""
    line_start = text.rfind("\n", 0, pos) + 1
    opened = text.rfind("(", line_start, pos)
    return opened != -1 and text.find(")", opened, pos) == -1


_PARTICLES = frozenset(
    {
        "de",
        "da",
        "van",
        "von",
        "der",
        "den",
        "bin",
        "al",
        "la",
        "le",
        "du",
        "del",
        "di",
        "dos",
        "el",
        "ibn",
        "ter",
        "st.",
        "o'",
        "mac",
    }
)


def organisation_like(text: str) -> bool:
    """A "name" with an acronym among mixed-case words ("Burnaby RCMP", "Ontario NDP") or opening with an
    organisation noun ("Studio Lindqvist"): an organisation, whatever the NER says. A name set in capitals
    throughout ("DR. BONNIE HENRY") is not."""
    words = [w.strip(".,") for w in text.split()]
    if len(words) < 2 or all(w.isupper() for w in words if any(ch.isalpha() for ch in w)):
        return False
    if words[0].lower() in ORG_NOUNS:
        return True
    return any(len(w) >= 2 and w.isalpha() and w.isupper() for w in words)


def looks_like_name(text: str) -> bool:
    """A person's name: capitalised words (name particles allowed), at least one letter."""
    words = text.split()
    if not words:
        return False
    for w in words:
        if w[:1].isupper() or w.lower() in _PARTICLES or w[:1] in "'’":
            continue
        return False
    return any(ch.isalpha() for ch in text)


def gender_votes(doc: Doc, entities: Sequence[Entity], text: str | None = None) -> dict[str, str]:
    """Grammatical gender of the people of an article, from the pronouns that take them up.

    Reading in order, a person named as the subject of a clause is the topic until the next one; a
    he/she subject pronoun in the same or the next sentence votes for the topic's gender.
    Honorifics (Mr./Ms./Mrs.) count double.
    """
    text = doc.text if text is None else text
    votes: dict[str, list[int]] = {}
    by_start: dict[int, Entity] = {}
    for e in entities:
        if e.label != "PERSON":
            continue
        by_start[e.start] = e
        v = votes.setdefault(e.name, [0, 0])
        before = text[max(0, e.start - 5) : e.start].lower()
        if "mr." in before or "mr " in before:
            v[0] += 2
        elif "ms." in before or "mrs" in before or "ms " in before:
            v[1] += 2
    ent_starts = sorted(by_start)
    topic: str | None = None
    topic_sent = -10
    sent_no = 0
    for tok in doc:
        if tok.is_sent_start:
            sent_no += 1
        if tok.dep_ in ("nsubj", "nsubjpass"):
            low = tok.lower_
            if low in ("he", "she"):
                if topic is not None and sent_no - topic_sent <= 1:
                    votes[topic][0 if low == "he" else 1] += 1
                continue
            if tok.pos_ == "PROPN":
                i = bisect.bisect_right(ent_starts, tok.idx) - 1
                if i >= 0:
                    e = by_start[ent_starts[i]]
                    if e.start <= tok.idx < e.end:
                        topic, topic_sent = e.name, sent_no
    out = {}
    for name, (m, f) in votes.items():
        if m > f:
            out[name] = "m"
        elif f > m:
            out[name] = "f"
    return out


DOCUMENT_NOUNS = frozenset(
    """
statement release letter post tweet email e-mail report study survey document filing memo note message
poll analysis review submission affidavit decision ruling
""".split()
)

# Documents of one kind: "the report" takes up "a study by X" as well as "X's report".
DOCUMENT_KINDS = {
    **dict.fromkeys(("report", "study", "survey", "analysis", "review", "poll"), "research"),
    **dict.fromkeys(("statement", "release"), "statement"),
    **dict.fromkeys(("email", "e-mail", "message", "note", "memo"), "message"),
}


__all__ = [
    "DOCUMENT_NOUNS",
    "ORG_NOUNS",
    "PERSON_NOUNS",
    "ROLE_NOUNS",
    "gender_votes",
    "looks_like_name",
    "organisation_like",
    "SpeakerResolver",
    "mention_bounds",
    "subject_of",
]
