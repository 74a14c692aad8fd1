"""Who a mention is: the one per-article entity model and pronoun/description resolver that speaker
attribution (``corpus.quotes.attribution``) and the people's gender (``corpus.people``) share.

By rule over the parse, no neural coreference (none is available offline): ``lexicon`` (the words),
``mentions`` (noun-phrase extent, name shapes, document issuers), ``gender_evidence`` (honorifics,
gendered nouns, possessives), ``pronouns`` (which person each he/she refers to, and the text's gender
evidence), ``salience`` (Lappin–Leass weights), ``model`` (the article's entities, roles, documents and
mentions in order) and ``resolver`` (``SpeakerResolver``: a speaker mention → a name).
"""
