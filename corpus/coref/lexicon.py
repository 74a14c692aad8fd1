"""The words the coreference rules read: pronouns, the head nouns of descriptions of people,
organisations and documents, and the honorifics and titles that say a person's gender.

One place for them, so that the speaker resolver and the gender reading agree on what a word
means (issue 12 and issue 13 share this)."""

from __future__ import annotations

PRONOUNS_MALE = frozenset({"he", "him", "his"})
PRONOUNS_FEMALE = frozenset({"she", "her", "hers"})
PRONOUNS_GROUP = frozenset({"they", "them", "it", "we", "us", "its", "their", "our"})
PRONOUNS_NARRATOR = frozenset({"i", "me", "my"})
WH_PRONOUNS = frozenset({"who", "which", "that", "whom"})


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
admiral colonel lieutenant commander captain ambassador sheriff congressman congresswoman pastor bishop rabbi
archbishop cardinal
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
admiral colonel commander ambassador sheriff congressman congresswoman pastor bishop rabbi
archbishop cardinal
""".split()
)
# Offices many people hold at once (members of a house, judges, clergy, officers): "the senator" after a
# sentence about Ruiz may be Ruiz; "the chancellor", "the home secretary" or "the mayor" is one person, whom
# a text names by office when it turns to them.
HELD_BY_MANY = frozenset(
    """senator mp mpp mla congressman congresswoman councillor judge justice professor pastor rabbi bishop
    archbishop cardinal admiral colonel commander ambassador author""".split()
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
studio panel
city province state country
""".split()
)

# The kinds of organisation a noun of a description also takes up by name: "the school" after "Baylor
# University", "the company" after "Acme Corporation". (Not the other way: "the university" is no school.)
ORG_KIND_OF = {
    "school": frozenset({"school", "university"}),
    "company": frozenset({"company", "corporation"}),
}

# Plural nouns for people ("voters", "officials") that "they said" can take up, besides PERSON_NOUNS and
# ORG_NOUNS; with the agent suffixes of ``animate_noun`` ("supporters", "activists").
GROUP_NOUNS = frozenset(
    """
people person official staff staffer aide expert critic member voter supporter delegate lawmaker legislator
activist protester protestor observer insider source strategist operative donor conservative liberal
progressive democrat republican independent family relative friend ally rival opponent colleague citizen
resident worker employee student parent child kid veteran soldier troop crowd audience public
millennial individual adult youth senior teen american immigrant refugee
""".split()
)
_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ee")


def animate_noun(lemma: str) -> bool:
    """Whether a common noun names people or organisations, who speak ("analysts", "the union",
    "campaigners"), not things ("imports", "achievements", "positions") that a "they said" cannot be."""
    if lemma in PERSON_NOUNS or lemma in ORG_NOUNS or lemma in GROUP_NOUNS:
        return True
    return lemma not in DOCUMENT_NOUNS and len(lemma) > 4 and lemma.endswith(_AGENT_SUFFIXES)


DOCUMENT_NOUNS = frozenset(
    """
statement release letter post tweet email e-mail report study survey document filing memo note message
poll analysis review submission affidavit decision ruling
""".split()
)

# Pieces published by someone: "an article in Forbes", "a column in the Post" are the publication's words;
# "Ruiz's book", "Ruiz wrote a book … . The book says" are Ruiz's.
PUBLISHED_NOUNS = frozenset("article piece story column op-ed editorial essay book".split())

# Documents of one kind: "the report" takes up "a study by X" as well as "X's report" (research is written
# up as a report). A survey or a poll asks people questions: "the survey" takes up "a poll by X", never "a
# study by X" (a study can draw on someone else's survey).
DOCUMENT_KINDS = {
    **dict.fromkeys(("report", "study", "analysis", "review"), "research"),
    **dict.fromkeys(("survey", "poll"), "poll"),
    **dict.fromkeys(("statement", "release"), "statement"),
    **dict.fromkeys(("email", "e-mail", "message", "note", "memo"), "message"),
}


#: Verbs whose subject is the author of the document they take as object: "X issued a statement".
#: Receiving or reading one ("she got a letter saying …", "he read a statement saying …") is not.
ISSUING_VERBS = frozenset(
    """issue release put send post publish write sign file deliver email e-mail tweet unveil circulate
    distribute submit draft prepare produce""".split()
)


HONORIFICS_FEMALE = frozenset({"ms", "mrs", "miss", "madam", "madame", "mme", "dame", "lady", "mlle"})
HONORIFICS_MALE = frozenset({"mr", "sir", "lord", "monsieur"})
# Titles and nouns that say the gender. Forms used for anyone ("chairman", "spokesman",
# "alderman", "fireman", "policeman") are deliberately absent: they are no evidence.
TITLES_FEMALE = frozenset(
    """
congresswoman chairwoman spokeswoman councilwoman assemblywoman alderwoman businesswoman
sportswoman stateswoman countrywoman congresswomen actress waitress hostess empress duchess
countess baroness princess queen heiress widow nun mother daughter wife sister grandmother
granddaughter aunt niece girlfriend woman girl mom mum stepmother
""".split()
)
TITLES_MALE = frozenset(
    """
congressman councilman assemblyman businessman sportsman statesman countryman actor emperor
duke baron prince king heir widower monk father son husband brother grandfather grandson
uncle nephew boyfriend man boy dad stepfather
""".split()
)
