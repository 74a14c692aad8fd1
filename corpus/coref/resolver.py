"""Which entity a speaker mention is: he/she/they/it, descriptions ("the minister", "the
company"), documents and names, resolved over the article's entity model
(``corpus.coref.model``): a he/she to the person the shared pronoun reading bound it to, else the
most salient compatible person; a description to the entity the text introduced with it, or left as
written when it introduced none."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING

from corpus.coref.document_subjects import document_subject_before
from corpus.coref.lexicon import (
    DOCUMENT_KINDS,
    DOCUMENT_NOUNS,
    FEMALE_NOUNS,
    KIN_NOUNS,
    MALE_NOUNS,
    ORG_KIND_OF,
    ORG_NOUNS,
    PERSON_NOUNS,
    PRONOUNS_FEMALE,
    PRONOUNS_GROUP,
    PRONOUNS_MALE,
    PUBLISHED_NOUNS,
    ROLE_NOUNS,
    TITLES_FEMALE,
    TITLES_MALE,
    WH_PRONOUNS,
)
from corpus.coref.mentions import from_a_body, looks_like_name, mention_bounds, organisation_like, role_in_apposition
from corpus.coref.model import (
    ORG_SPEAKER_REACH,
    PLURAL_REACH,
    ArticleModel,
    _Ref,
    description_qualifiers,
    same_office,
)
from corpus.coref.pronouns import object_controller, unnamed_speaker
from corpus.coref.salience import SALIENCE_MENTION, SALIENCE_SPEAKER
from corpus.first_names import is_known_first_name
from corpus.models import Entity
from corpus.names import TITLE_WORDS, clean_mention, honorific_gender, is_post_nominal, strip_titles
from corpus.person_extent import name_after_rank
from corpus.quotes.nearby_cues import age_description
from corpus.short_forms import same_first_name

if TYPE_CHECKING:
    from spacy.tokens import Token


def _one_described_by_nationality(head: Token, name: str) -> bool:
    """A one-word nationality or party in the singular with an article in front ("the American", "a Tory"):
    one person described by what they are, not the group ("the Tories", "the SNP")."""
    word = name.strip()
    if " " in word or word.isupper() or word.endswith("s") or head.tag_ in ("NNS", "NNPS"):
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in head.children)


#: Organisation nouns a news outlet that reported can be: "The paper reported … . The newspaper said".
MEDIA_NOUNS = frozenset({"newspaper", "paper", "network", "station", "broadcaster", "agency", "outlet", "magazine"})


def _one_first_name(a: str, b: str) -> bool:
    """Whether two first names may be one person's, in full and short ("Sandra"/"Sandy", "Bill"/"William"):
    the short-form table's pairs, or the same first three letters."""
    return same_first_name(a, b) or a[:3].lower() == b[:3].lower()


#: Words that tell two people of one family apart by age ("the younger Mr. Ruiz").
_BY_AGE = frozenset({"younger", "elder", "older"})


#: Words that say nothing of which document an earlier mention of it meant: articles, and the part or form of
#: it that was seen ("a copy of the letter", "a draft of the report").
_NO_MORE = frozenset({"a", "an", "the", "this", "that", "of", "copy", "copies", "draft", "version", "text"})


def _says_more(earlier: str, noun: str) -> bool:
    """Whether a speaker named earlier with a document's ``noun`` says more than a later "the letter" would as
    written: a word of its own ("the Mueller report", "a congressional report"), not only the noun again with
    its article or as a copy ("a copy of the letter", "a report")."""
    return any(w not in _NO_MORE and w.rstrip("s") != noun for w in earlier.lower().split())


def _described_by_age(head: Token) -> bool:
    """A mention of someone by their age: "the 52-year-old" (its head the "old") or "the 52-year-old woman"
    (the age on the noun), read from the parse (``age_description``)."""
    return age_description(head) or any(c.dep_ == "amod" and age_description(c) for c in head.children)


def _proper_words_before(noun: Token) -> list[str]:
    """The proper nouns (lower case) in the phrase before ``noun``, however the parse nested them: "U.S.",
    "district" and "court" of "a U.S. District Court judge"."""
    return [t.lower_ for t in noun.subtree if t.i < noun.i and t.pos_ == "PROPN"]


def _own_clause_subject(possessive: Token) -> Token | None:
    """Whom a possessive his/her goes with in its own clause: its subject before it ("he is expected to repeat
    his insistence that …", "Ruiz repeated his claim that …"), or the object that is the understood subject of
    its infinitive ("Ruiz challenged Berg to repeat his claim that …": Berg's claim). A he/she of the other
    gender is no one of it. Climbing stops at a reported or relative clause ("he said her plan …": someone
    else). None otherwise (the caller checks a name's gender)."""
    if possessive.dep_ != "poss" or possessive.lower_ not in ("his", "her"):
        return None
    wanted = "he" if possessive.lower_ == "his" else "she"
    node = possessive
    for _ in range(8):
        if node.dep_ in ("ccomp", "relcl", "parataxis", "conj") or node.head.i == node.i:
            return None
        below, node = node, node.head
        subject = object_controller(below, node)
        if subject is None:
            subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < possessive.i), None)
        if subject is not None:
            return subject if subject.lower_ == wanted or subject.pos_ == "PROPN" else None
    return None


class SpeakerResolver(ArticleModel):
    """Resolves speaker mentions to names, reading the article in order."""

    _family_names: dict[str, set[str]] | None = None  # surname → the people named in full with it (when asked)

    def named_organisation(self, noun: str, pos: int) -> str | None:
        """The organisation last named before ``pos`` with ``noun`` as its kind ("the campaign" → "Sanders
        campaign"); None when the text named none."""
        kinds = ORG_KIND_OF.get(noun, frozenset({noun}))
        for opos, kind, name in reversed(self._organisations):
            if opos < pos and kind in kinds:
                return name
        return None

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
        if last.name in self._coordinated:
            return None  # "Ruiz and the union said …": several, not "the company"
        if noun not in MEDIA_NOUNS and self.reports_news(last.name):
            return None  # "…, BFMTV reported. … with EgyptAir, the airline said": not the outlet that reported
        words = last.name.split()
        kind = words[0].lower() if words and words[0].lower() in ORG_NOUNS else None
        plural = last.name.endswith("s") and (len(words) == 1 or words[-1].islower())
        if kind and kind != noun or plural and noun not in ("party", "group"):
            # another kind ("Commission on …"), or several ("Democrats": a party or a group; "Fortune 500
            # companies"), not "the company"
            return None
        return last.name

    def document_issuer(self, noun: str, pos: int) -> str | None:
        """The issuer of the last document of the kind ``noun`` names (a report or a study, a statement or a
        release, …) that the text gave an issuer before ``pos``."""
        kind = DOCUMENT_KINDS.get(noun, noun)
        for dpos, lemma, issuer in reversed(self._documents):
            if dpos >= pos or DOCUMENT_KINDS.get(lemma, lemma) != kind:
                continue
            return self._issuer_name(issuer)
        return None

    def issuer_recorded_at(self, pos: int) -> str | None:
        """The issuer the model recorded for the document mentioned at ``pos`` itself: "Forbes shot back in an
        article stating …" makes the verb's subject the one who speaks through the document, whatever the
        document's determiner. None when the text gave it none."""
        for dpos, _, issuer in reversed(self._documents):
            if dpos == pos:
                return self._issuer_name(issuer)
            if dpos < pos:
                return None
        return None

    def _issuer_name(self, issuer: str | Token) -> str | None:
        """The name of an issuer the model recorded: as named, or its he/she or description resolved."""
        if isinstance(issuer, str):
            return issuer
        if issuer.lower_ in ("he", "she"):
            gender = "m" if issuer.lower_ == "he" else "f"
            return self.clause_binder(issuer, gender) or self.salient_person(issuer.idx, gender)
        lo, hi = mention_bounds(issuer)
        doc = self.doc
        return self._resolve(issuer, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))[0]

    def role_holder(self, role: str, pos: int, qualifiers: Sequence[str] = (), noun: Token | None = None) -> str | None:
        """The person introduced before ``pos`` with ``role`` ("the mayor" → "Mayor Ana Ruiz"); of several, the
        one the text is most about here, else the last introduced: in "Premier Ford … as prime minister,
        Trudeau said … . The prime minister said" the paragraph is about Trudeau. A role the description
        qualifies by a name ("the Ohio governor", "the Democratic candidate") is only someone whose
        introduction says so: "the Ohio governor" is not the New Jersey governor named before."""
        holders = [r for r in self._roles.get(role, ()) if r.pos < pos and (noun is None or same_office(noun, r.words))]
        if noun is not None and noun.dep_ == "appos" and noun.head.idx < pos:
            # "In an interview with hosts Ana Ruiz and Tom Berg, the Democratic candidate stated …": the parse
            # set the speaker in apposition to the name before it; a speaker apart from that name is not them
            apart = {self.person_named_at(t) for t in [noun.head, *noun.head.conjuncts]}
            holders = [r for r in holders if r.name not in apart]
        if qualifiers:
            holders = [r for r in holders if self._introduced_with(r.pos, qualifiers)]
        if not holders:
            # "Mr Wyatt predicted … . The MP for Sittingbourne said …": no MP introduced, the centre described
            return self.subject_in_focus(noun, None) if noun is not None and not qualifiers else None
        names = {r.name for r in holders}
        chosen = holders[-1].name
        if len(names) > 1:
            self._follow_pronouns(pos)
            scores = self._salience(pos)
            best = max(names, key=lambda n: scores.get(n, 0.0))
            if scores.get(best, 0.0) > 0.0:
                chosen = best
        if noun is not None and not qualifiers:
            return self.subject_in_focus(noun, chosen) or chosen
        return chosen

    def described_person(self, pronoun: Token, gender: str) -> str | None:
        """The unnamed person a he/she takes up when it takes up no one named: the last subject of the narration
        before it, in its sentence or the two before, that describes a person of its gender ("The woman who
        started it all identified herself … . “…,” she said" → "woman"), as written without its determiner.
        None when there is none: the pronoun is not guessed."""
        doc = self.doc
        here = self._sentence_at(pronoun.idx)
        lo = self._sent_starts[max(0, here - 2)] if self._sent_starts else 0
        gendered = TITLES_FEMALE if gender == "f" else TITLES_MALE
        other = TITLES_MALE if gender == "f" else TITLES_FEMALE
        i = pronoun.i - 1
        while i >= 0 and doc[i].idx >= lo:
            tok = doc[i]
            i -= 1
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ != "NOUN" or tok.tag_ == "NNS":
                continue
            low = tok.lower_
            if low in other or not (
                low in gendered or tok.lemma_.lower() in PERSON_NOUNS - KIN_NOUNS or unnamed_speaker(tok, {})
            ):
                continue  # ("One California delegate said he …": any noun of people, brought in unnamed)
            s0, e0 = mention_bounds(tok)
            start, end = doc[s0].idx, doc[e0 - 1].idx + len(doc[e0 - 1].text)
            cleaned = clean_mention(self._text[start:end], start, end)
            return cleaned[0] if cleaned else tok.text
        return None

    def next_person(self, pos: int, limit: int = 600) -> str | None:
        """The first person named after ``pos`` (cataphora: "A judge said … Justice Sean Dunphy …")."""
        i = bisect.bisect_right(self._person_pos, pos)
        if i < len(self._persons) and self._persons[i].pos - pos <= limit:
            return self._persons[i].name
        return None

    def _titled_for_another(self, name: str, role: str, pos: int, own: Sequence[str]) -> bool:
        """Whether ``name``, named after ``pos``, is introduced with ``role`` as a title naming another office
        than the description's proper words ``own`` do: "Circuit Court Judge Tom Berg" is not "a U.S. District
        Court judge" (but "Justice Tom Berg" or "Judge Tom Berg" may be)."""
        doc = self.doc
        for r in self._roles.get(role, ()):
            if r.name != name or r.pos < pos:
                continue
            span = doc.char_span(r.pos, r.pos + 1, alignment_mode="expand")
            if span is None or not len(span):
                continue
            tok = span[0]
            title = next((c for c in tok.children if c.dep_ == "compound" and c.lemma_.lower() == role), None)
            if title is not None and any(
                t.pos_ == "PROPN" and t.lower_ not in own for t in doc[tok.left_edge.i : title.i]
            ):
                return True
        return False

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

    def recent_group(self, pos: int, singular: bool = False) -> str | None:
        """The organisation or group spoken of last before ``pos`` (for ``singular`` "it", none of several
        coordinated: "Ruiz and the union")."""
        for r in reversed(self._speakers):
            if r.pos < pos and r.kind == "group" and not (singular and r.name in self._coordinated):
                sp = r
                break
        else:
            sp = None
        mention = self._recent(self._groups, self._group_pos, pos, None)
        if sp is None:
            if mention is not None:
                return mention.name
            # no organisation named: the last speaker that is not a he or a she (nor a person the text gave no
            # gender: "it" never takes up Jimmy Carter)
            for r in reversed(self._speakers):
                if r.pos < pos:
                    return r.name if r.name not in self.gender and r.kind != "person" else None
            return None
        if mention is not None and mention.pos > sp.pos + 200:
            return mention.name
        return sp.name

    def note_speaker(self, pos: int, name: str, kind: str) -> None:
        if kind == "person" and self._organisation_named(name):
            kind = "group"  # a quote going on from "Xinhua, the official news agency, wrote": still the agency
        self._speakers.append(_Ref(pos, name, kind, name))
        if kind == "person":
            k = bisect.bisect_left(self._mention_pos, pos)
            self._mentions.insert(k, (pos, self._sentence_at(pos), name, SALIENCE_MENTION + SALIENCE_SPEAKER))
            self._mention_pos.insert(k, pos)

    def _organisation_named(self, name: str) -> bool:
        """Whether the article names ``name`` only as an organisation (never as a person)."""
        if self._org_names is None:
            people = {e.name for e in self.entities if e.label == "PERSON"}
            self._org_names = {e.name for e in self.entities if e.label in ("ORG", "NORP")} - people
        return name in self._org_names

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

    def _ungendered(self, person: str | None, pos: int) -> str | None:
        """``person`` unless the text or the first name makes them a he or a she: "They acknowledge …" after a
        paragraph about Obama and his critics is the critics, not Obama. A he or she named among the members
        of a plural subject ("three economists -- Ana Ruiz, …") stands for that group: the economists."""
        if person is None or not (self.gender.get(person) or self._name_gender.get(person)):
            return person
        at = next((m[0] for m in reversed(self._mentions) if m[0] < pos and m[2] == person), None)
        if at is None:
            return None
        return next((name for lo, hi, name in reversed(self._plural_members) if lo <= at < hi), None)

    def _group_binder(self, pronoun: Token) -> tuple[str, str] | None:
        """The organisation an it/they takes up from the clause above it (as ``clause_binder`` does for a
        he/she): in "the government is grappling with what it says is a deficit" it is the government. None
        when no clause above has such a subject before the pronoun (a person, a pronoun, a place or a thing
        is none)."""
        node = pronoun
        for _ in range(8):
            if node.head.i == node.i or node.dep_ == "conj":
                return None
            below, node = node, node.head
            subject = next(
                (c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != below.i and c.i < pronoun.i),
                None,
            )
            if subject is None:
                continue
            plural = subject.tag_ in ("NNS", "NNPS")
            if pronoun.lower_ in ("it", "its") and plural or subject.pos_ not in ("NOUN", "PROPN"):
                return None
            if subject.ent_type_ not in ("ORG", "NORP") and subject.lemma_.lower() not in ORG_NOUNS:
                return None
            lo, hi = mention_bounds(subject)
            doc = self.doc
            name, kind = self._resolve(subject, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
            return (name, kind) if name else None
        return None

    def _coordination(self, head: Token, start: int, end: int) -> tuple[str, str] | None:
        """A coordinated mention ("Trump and Ryan", "she and her aides") names them all, each conjunct resolved
        on its own ("Donald Trump and Paul Ryan", "Ana Ruiz and her aides"): the quote is theirs together, not
        the first one's. None when the mention is no coordination, or the "and" is inside one name ("Procter &
        Gamble", "the Department of Health and Human Services")."""
        conjuncts = [head]
        for tok in conjuncts:  # the chain grows as it is read: "Trump, Ryan and Priebus"
            conjuncts += [c for c in tok.children if c.dep_ == "conj" and start <= c.idx < end]
        if len(conjuncts) == 1:
            return None
        ent = self.entity_at(start, end, head.idx)
        if ent is not None and ent.end > conjuncts[1].idx:
            return None
        if head.lower_.rstrip(".") in TITLE_WORDS or any(
            c.dep_ == "appos" and head.i < c.i < conjuncts[1].i for c in head.children
        ):
            # "former Gov. and party chairman Ed Rendell": two titles of one man; "Steve Bell, a director
            # of … and a former aide": an apposition going on, not a second speaker
            return None
        doc = self.doc
        conjuncts.sort(key=lambda t: t.i)
        names: list[str] = []
        lo = head.left_edge.i
        while lo < head.i and doc[lo].idx < start:
            lo += 1
        for k, tok in enumerate(conjuncts):
            hi = conjuncts[k + 1].left_edge.i if k + 1 < len(conjuncts) else mention_bounds(tok)[1]
            while hi > lo + 1 and (doc[hi - 1].dep_ == "cc" or doc[hi - 1].is_punct or doc[hi - 1].is_space):
                hi -= 1  # the ", and" between two conjuncts
            s0, e0 = doc[lo].idx, min(end, doc[hi - 1].idx + len(doc[hi - 1].text))
            name, _ = self._resolve(tok, s0, e0) if s0 < e0 else (None, "")
            names.append(name or self._text[s0:e0])
            if k + 1 < len(conjuncts):
                lo = conjuncts[k + 1].left_edge.i
        names = list(dict.fromkeys(names))  # "Ruiz and Ana Ruiz": one person named twice
        if len(names) == 1:
            return names[0], "person" if self._is_person_name(names[0]) else "group"
        joined = ", ".join(names[:-1]) + " and " + names[-1]
        self._coordinated.add(joined)  # several: a "they" may take them up, an "it" or "the company" not
        return joined, "group"

    def _sorted_quote_spans(self) -> list[tuple[int, int]]:
        return sorted(self.quote_spans)

    def _resolve(self, head: Token, start: int, end: int) -> tuple[str | None, str]:
        doc = self.doc
        low = head.lower_
        together = self._coordination(head, start, end)
        if together is not None:
            return together
        if head.pos_ == "PRON" or low in PRONOUNS_MALE | PRONOUNS_FEMALE | PRONOUNS_GROUP:
            if low in PRONOUNS_MALE or low in PRONOUNS_FEMALE:
                gender = "m" if low in PRONOUNS_MALE else "f"
                own = _own_clause_subject(head)
                if own is not None:
                    # "he is expected to repeat his recent insistence …": his is the he of its clause
                    lo, hi = mention_bounds(own)
                    whose = self._resolve(own, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
                    if whose[0] and whose[1] == "person" and self.agrees(whose[0], gender):
                        return whose
                name = self._read_pronouns.get(head.idx) or self.clause_binder(head, gender)
                if name is None and head.idx in self._unnamed_pronouns:
                    # "Ruiz's official spokesman said: "…" He added …": the spokesman, not Ruiz
                    described = self.described_person(head, gender)
                    if described:
                        return described, "person"
                name = name or self.salient_person(start, gender, self._not_them.get(head.idx, frozenset()))
                if name:
                    self.gender.setdefault(name, gender)
                    return name, "person"
                return self.described_person(head, gender), "person"
            if low in PRONOUNS_GROUP:
                bound = self._group_binder(head) if low not in ("we", "us", "our") else None
                if bound is not None:
                    return bound
                if low in ("they", "them", "their"):
                    plural = self.plural_subject_before(start)
                    if plural is not None:
                        return plural
                if low == "it" and (text_ := document_subject_before(head, self._sorted_quote_spans())) is not None:
                    lo, hi = mention_bounds(text_)  # "The lawsuit contends … . It goes on to …": the lawsuit
                    return self._resolve(text_, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
                if low in ("it", "its"):
                    last = next((r for r in reversed(self._speakers) if r.pos < start), None)
                    if last is not None and last.name in self._document_speakers:
                        return last.name, "other"  # "A blog post on Friday said … . It also said …"
                name = (
                    self.recent_group(start, singular=low in ("it", "its"))
                    if low in ("it", "its", "we")
                    else (self.recent_group(start) or self._ungendered(self.recent_person(start), start))
                )
                return name, "group"
            if low in WH_PRONOUNS or low in ("you", "your"):
                return None, "other"  # "who" takes its name from the clause; "you" is whoever is addressed
            # "some", "those surveyed", "another", "someone in the audience": a pronoun that refers to no one
            # the article introduced is its own honest name, as written
            return self._text[start:end].strip(), "other"
        if head.i > 0 and is_post_nominal(head.text) and doc[head.i - 1].pos_ == "PROPN":
            # "Frank Field MP", "Jane Cole QC": the letters head the phrase; the person is the name before them
            # (not "the Salford MP", "the Labour MP": a place or a party names no one)
            before = self._name_before_letters(head, start, end)
            if before is not None:
                return before, "person"
        ent = self.entity_at(start, end, head.idx)
        if (ent is None or ent.label != "PERSON") and (ranked := name_after_rank(head)) is not None:
            ent = self.entity_at(ranked.idx, ranked.idx + 1, ranked.idx)  # "Army Capt. Christian Pardo"
        author = self._author_of_work(head, ent)
        if author is not None:
            return author, "person"
        if (ent is None or ent.label != "PERSON" and head.lower_ in TITLE_WORDS) and head.tag_ != "NNS":
            # "the chairman, Reince Priebus": the name in apposition; not the first of the names a plural
            # describes ("The three scholars - Mr. Tribe, Ms. Epstein and Mr. Amar -": all three, as written)
            appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if appos is not None and appos.idx < end:
                ent = self.entity_at(start, end, appos.idx)
                if ent is None:
                    name, _ = self.names.resolve(appos.text, "PERSON", appos.idx)
                    return strip_titles(name), "person"
        if ent is not None and ent.label != "PERSON" and head.pos_ == "PROPN" and role_in_apposition(head):
            # "Priebus, the party chairman, said": a person the NER took for an organisation
            words = [t for t in doc[head.left_edge.i : head.i + 1] if t.pos_ == "PROPN" and t.idx >= start]
            full, _ = self.names.resolve(" ".join(t.text for t in words), "PERSON", start)
            if looks_like_name(full):
                return strip_titles(full), "person"
        if ent is not None and ent.label == "PERSON" and organisation_like(ent.text):
            return ent.name, "group"  # "Burnaby RCMP": an organisation the NER took for a person
        if ent is not None and ent.label == "PERSON" and organisation_like(ent.name) and " " not in ent.text.strip():
            # "Schicketanz says" where the name index took the surname for "Studio Schicketanz": the person
            # the article names with that surname, when it names one
            person = self.person_with_surname(ent.text.strip())
            if person:
                return person, "person"
        if (
            ent is not None
            and ent.label == "PERSON"
            and any(c.dep_ == "amod" and c.lower_ in _BY_AGE and c.i < head.i for c in head.children)
        ):
            # "the younger Mr. Ruiz", "the elder Ruiz": one of two of a family, told apart by age, which the
            # surname alone (the name index's choice) does not say: as written, without its article
            written = self._text[start:end].strip().split()
            return " ".join(written[1:] if written[0].lower() == "the" else written), "person"
        if ent is not None and ent.label == "PERSON" and (focus := self._namesake_in_focus(ent, start)):
            return focus, "person"
        if ent is not None and ent.label == "PERSON" and (other := self._namesake(ent)):
            return other, "person"
        if ent is not None and ent.label == "NORP" and _one_described_by_nationality(head, ent.text):
            # "the American", "The Dutchman": someone the article names, described; which one, the description
            # alone does not say (a guess would be the most salient player, not the one meant)
            text = self._text[start:end].strip()
            return text[:1].lower() + text[1:], "person"
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
            # a name the NER missed: the proper-noun part of the mention after any possessor ("Vancouver's Bo
            # Horvat": the team is no part of his name)
            lo = max([head.left_edge.i] + [t.i + 1 for t in doc[head.left_edge.i : head.i] if t.tag_ == "POS"])
            words = [t for t in doc[lo : head.i + 1] if t.pos_ == "PROPN" and t.idx >= start]
            name = " ".join(t.text for t in words) or text
            full, label = self.names.resolve(name, "PERSON", start)
            if full and looks_like_name(full):
                return self.plain_honorific_namesake(strip_titles(full), start, end), "person"
        lemma = head.lemma_.lower()
        det = next((c for c in head.children if c.dep_ in ("det", "poss")), None)
        definite = det is not None and (det.lower_ in ("the", "this", "that") or det.dep_ == "poss")
        if det is None and head.i > 0 and doc[head.i - 1].lower_ in ("the", "this", "that"):
            definite = True  # "“…,” the email read." with "read" taken for a noun: "the" hangs on it
        if lemma in DOCUMENT_NOUNS or lemma in PUBLISHED_NOUNS:
            # "a statement by Reagan Ruslim", "a World Bank report", "the union released a report": its issuer
            by_phrases = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "by"]
            by_phrases += [a for c in head.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"]
            by_phrases += from_a_body(head)  # "a memo from the panel", "a letter sent … from the union"
            for c in by_phrases:  # "a statement e-mailed to The Globe by Reagan Ruslim"
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if pobj is not None:
                    lo, hi = mention_bounds(pobj)
                    s0, e0 = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
                    return self._resolve(pobj, s0, e0)
            issuer = self.issuer_of(head) or self.issuer_recorded_at(head.idx)
            if issuer:
                self._spoken_documents.append((start, lemma, issuer))
                return issuer, "person" if self._is_person_name(issuer) else "group"
            if det is not None and det.dep_ == "poss" and det.ent_type_ not in ("DATE", "TIME"):
                # "her statement": whoever she is; "Tuesday's memo" is no one's
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
                if prev and _says_more(prev[0], lemma):
                    return prev
            self._document_speakers.add(text)
            return text, "other"
        named = self._named_in_the_description(head)
        if named is not None:
            return named
        aged = _described_by_age(head)
        person_like = lemma in PERSON_NOUNS or aged
        if person_like:
            if (
                definite
                and det is not None
                and det.dep_ != "poss"
                and (lemma in self._roles or lemma in ROLE_NOUNS)
                and head.tag_ != "NNS"
            ):
                # (not "the founders": several, not the one founder named before)
                # "the mayor": the person the article introduced as its mayor
                name = self.role_holder(lemma, start, description_qualifiers(head), head)
                if name:
                    return name, "person"
            elif definite and det is not None and det.dep_ != "poss" and aged:
                # "the 52-year-old": the person the article is about
                name = self.salient_person(start)
                if name:
                    return name, "person"
            elif (
                det is not None
                and det.lower_ in ("a", "an", "one")
                and lemma in ROLE_NOUNS
                and (not self._person_pos[:1] or self._person_pos[0] > start)
            ):
                # the lede's "A judge ruled …" before the judge is named; not "a senior official", "a
                # spokesman", "an executive": sources the article leaves unnamed, not the next person it names;
                # nor, for "a U.S. District Court judge", the "Circuit Court Judge" named next
                name = self.next_person(end)
                if name and not self._titled_for_another(name, lemma, end, _proper_words_before(head)):
                    return name, "person"
            # "Labour campaign chiefs", "senior officials": several people, whom no he/she takes up (nor "the
            # government", as it takes up an organisation that spoke)
            return text, "other" if head.tag_ in ("NNS", "NNPS") else "person"
        if lemma in ORG_NOUNS:
            # "the Deutsche Welle radio station": the organisation named inside the description
            for c in head.children:
                if c.dep_ in ("compound", "nmod", "amod") and c.i < head.i:
                    inner = self.entity_at(start, end, c.idx)
                    if inner is not None and inner.label in ("GPE", "LOC", "NORP"):
                        # "West Yorkshire police", "the Ontario government": a place and an organisation noun
                        # name an organisation of that place, not the place
                        return text, "group"
                    if inner is not None and inner.label in ("ORG", "FAC", "PRODUCT"):
                        return inner.name, "group"
                    if c.pos_ == "PROPN":  # "the Clinton campaign": an organisation named by who it serves
                        return text, "group"
        if definite and lemma in ORG_NOUNS and det is not None and det.dep_ != "poss" and head.tag_ != "NNS":
            # "the campaign" after "the Sanders campaign", "the party" after "the Republican Party"
            name = self.named_organisation(lemma, start) or self.organisation_speaking_before(lemma, start)
            if name:
                return name, "group"
        return text, "other"

    def _name_before_letters(self, letters: Token, start: int, end: int) -> str | None:
        """The person named right before the letters ``letters`` ("Frank Field MP"): the person entity there,
        else proper nouns opening with a first name, as the article names them in full; None for a place or
        a party ("Salford MP", "Labour MP")."""
        doc = self.doc
        ent = self.entity_at(start, end, doc[letters.i - 1].idx)
        if ent is not None:
            return ent.name if ent.label == "PERSON" else None
        j = letters.i - 1
        while j > 0 and doc[j - 1].pos_ == "PROPN" and doc[j - 1].idx >= start:
            j -= 1
        if j == letters.i - 1 or not is_known_first_name(doc[j].text):
            return None
        full, _ = self.names.resolve(doc[j : letters.i].text, "PERSON", start)
        return strip_titles(full)

    def _author_of_work(self, head: Token, ent: Entity | None) -> str | None:
        """The author of a work named by its title with its author after it: "Brown's Britain, by Robert
        Peston, says …" is Peston's book speaking, not Britain (a title often reads as a place or a person's
        possession). None when the mention is a person ("Ruiz, by contrast, said"), or the "by" names no
        person ("the plan, by its own terms, …")."""
        if head.pos_ != "PROPN" or ent is not None and ent.label == "PERSON":
            return None
        for c in head.children:
            if c.dep_ != "prep" or c.lower_ != "by" or c.i < head.i:
                continue
            pobj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if pobj is None or pobj.pos_ != "PROPN":
                continue
            lo, _ = mention_bounds(pobj)
            author = self.entity_at(self.doc[lo].idx, pobj.idx + len(pobj.text), pobj.idx)
            if author is not None and author.label == "PERSON" and looks_like_name(author.text):
                return author.name
        return None

    def _named_in_the_description(self, head: Token) -> tuple[str, str] | None:
        """(name, kind) of whom a description introduces by name: "a driver named Carl Ruiz", "a woman called
        Ana Ruiz" are Carl Ruiz and Ana Ruiz, "a group called Open Streets" is Open Streets. None when no name
        follows "named"/"called" ("a driver named in the lawsuit"), or the name is no one's the article knows."""
        if head.pos_ != "NOUN":
            return None
        for c in head.children:
            if c.dep_ != "acl" or c.tag_ != "VBN" or c.lemma_.lower() not in ("name", "call"):
                continue
            named = next((x for x in c.children if x.dep_ in ("oprd", "dobj", "attr") and x.pos_ == "PROPN"), None)
            if named is None:
                continue
            person = self.person_named_at(named)
            if person:
                return person, "person"
            issuer = self._issuer_named_at(named)
            return (issuer, "group") if issuer else None
        return None

    def _namesake_in_focus(self, ent: Entity, start: int) -> str | None:
        """Of two people of one family the article names in full ("Liz Cheney", "Dick Cheney"), the one a bare
        surname at ``start`` means: the one the text is about there (the most salient), when that is not the
        one the name index chose (the most mentioned so far). None when the mention is more than a bare surname
        (an honorific says more: "Mrs. Cheney", "Mr Blair" beside "Sir Ian Blair"), or no one else bears it."""
        surname = ent.text.strip()
        if self._text[start : ent.start].strip() or honorific_gender(self._text, ent.start, ent.text) is not None:
            return None  # "Mr Blair": more than a bare surname
        if not surname or " " in surname or surname == ent.name or not ent.name.endswith(" " + surname):
            return None  # more than a bare surname: "Mr Blair" is not "Sir Ian Blair" (``plain_honorific_namesake``)
        if self._family_names is None:
            family: dict[str, set[str]] = {}
            for e in self.entities:
                words = e.name.split()
                if e.label == "PERSON" and len(words) >= 2 and looks_like_name(e.name):
                    family.setdefault(words[-1], set()).add(e.name)
            self._family_names = family
        # one person named two ways ("Sandra Paradis", "Sandy Paradis") is no second bearer
        first = ent.name.split()[0]
        bearers = {n for n in self._family_names.get(surname, set()) if not _one_first_name(n.split()[0], first)}
        if not bearers:
            return None
        bearers.add(ent.name)
        self._follow_pronouns(start)
        scores = self._salience(start)
        best = max(bearers, key=lambda n: scores.get(n, 0.0))
        if best == ent.name or scores.get(best, 0.0) <= scores.get(ent.name, 0.0):
            return None
        return best

    def _namesake(self, ent: Entity) -> str | None:
        """The surname of a "Mr. Clinton" or "Mrs. Bush" that the article's names resolved to the only full
        name with that surname, when the text makes that person the other gender (Hillary Clinton is "she"
        throughout): the mention names another Clinton, whom the article does not name in full, so it stays
        as written without its honorific. None for any other mention."""
        said = honorific_gender(self._text, ent.start, ent.text)
        if said is None or self.text_gender.get(ent.name) in (None, said):
            return None
        cleaned = clean_mention(ent.text, ent.start, ent.end, "PERSON")
        surname = strip_titles(cleaned[0]) if cleaned else ""
        return surname if surname and " " not in surname and surname != ent.name else None

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


__all__ = ["SpeakerResolver"]
