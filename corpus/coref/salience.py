"""How salient a person is at a point of the article (after Lappin and Leass): the weights of the
speaker resolver's ranking (``corpus.coref.model``), for the pronouns the shared pronoun reading
(``corpus.coref.pronouns``) leaves open and for role descriptions with several holders."""

from __future__ import annotations

# Salience of a person mention for he/she (after Lappin and Leass): a mention, more as a subject, more as a
# speaker; weaker per sentence back, not looked at beyond SALIENCE_REACH sentences.
SALIENCE_MENTION = 100.0
SALIENCE_SUBJECT = 80.0
SALIENCE_SPEAKER = 80.0
SALIENCE_PRONOUN = SALIENCE_MENTION + SALIENCE_SUBJECT  # a he/she subject continues its person's chain
SALIENCE_REACH = 8
# Each sentence back keeps a fifth of a mention's weight: a person named in the previous sentence outweighs
# the article's topic named three sentences back, unless the topic was named again since. (Measured on both
# dev sets: any decay from 0.1 to 0.25 gives the same accuracy; 0.5 lets the topic win too often.)
SALIENCE_DECAY = 0.2
