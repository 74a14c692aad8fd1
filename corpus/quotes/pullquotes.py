"""Pull-quotes: a statement set apart from the running text and signed with its speaker's name.

    Cities cannot wait for Ottawa to fix the housing crisis alone.
    — Ana Ruiz, mayor of Halifax

    We will rebuild every school on the coast. Tom Adeyemi

The signature is a person's name alone (the model tags it as a person), after a
dash on the line below the statement, or right after the statement's last
sentence at the end of its paragraph; a title may follow after a comma. The
statement (the paragraph, or the paragraph before the signature line) is a
quote of that person when it holds a clause. A name inside a sentence ("…
said Tom Adeyemi") is no signature: the sentence has not ended before it; a
photo credit "(Name/Agency)" has brackets, and a post pasted with its account
("— Name (@handle)") is an embedded post.
"""

from __future__ import annotations

import re

from corpus.quotes.docinfo import MIN_DIRECT_WORDS, Candidate, DocInfo, classify, trim

_NAME = r"[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){1,3}"
_TITLE = r"(?:,[ \t]+[^\n.!?()@]{2,80})?"
#: A signature paragraph: "— Ana Ruiz, mayor of Halifax".
_SIGNATURE_LINE = re.compile(rf"(?m)^[ \t]*[—―–-][ \t]*(?P<name>{_NAME}){_TITLE}[ \t]*$")
#: A name closing a paragraph right after a sentence end: "… on the coast. Tom Adeyemi".
_SIGNATURE_END = re.compile(rf"(?m)(?<=[.!?\"”’'])[ \t]+(?:[—―–-][ \t]*)?(?P<name>{_NAME}){_TITLE}[ \t]*$")
_FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")


def _is_person(info: DocInfo, start: int, end: int, *, tagged: bool = True) -> bool:
    """The name tokens are a person's name: tagged PERSON (``tagged``), else at least proper nouns that
    the model tags as nothing else (a signature line on its own is often left untagged)."""
    toks = info.doc[info.token_at(start) : info.token_at(end - 1) + 1]
    if tagged:
        return all(t.ent_type_ == "PERSON" for t in toks)
    return all(t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON") for t in toks)


def _ends_sentence(text: str, end: int) -> bool:
    """The text before ``end`` closes a sentence: "…, she said." or "… years!", not an initial or a title
    ("Joseph R. Biden", "Mr. Smith")."""
    j = end
    while j > 0 and text[j - 1] in "\"”’'":
        j -= 1
    if j == 0 or text[j - 1] not in ".!?":
        return False
    if text[j - 1] in "!?" or j < end:
        return True
    word = text[text.rfind(" ", 0, j - 1) + 1 : j - 1]
    return bool(word) and not word[:1].isupper()


def _statement(info: DocInfo, start: int, end: int, name: tuple[int, int]) -> Candidate | None:
    """The statement [start, end) as a quote signed by ``name``, when it is a clause of a few words."""
    s, e = trim(info.text, start, end)
    if len(info.text[s:e].split()) < MIN_DIRECT_WORDS:
        return None
    lo, hi = info.token_at(s), info.token_at(e - 1)
    if not any(t.tag_ in _FINITE_TAGS for t in info.doc[lo : hi + 1]):
        return None
    kind, s, e, segs = classify(info, s, e)
    return Candidate(s, e, kind, None, None, None, segs, speaker_span=name)


def pull_quotes(info: DocInfo) -> list[Candidate]:
    """Every signed statement in the article, as a quote of the person who signs it."""
    text = info.text
    out: list[Candidate] = []
    for m in _SIGNATURE_LINE.finditer(text):
        name = m.span("name")
        if not _is_person(info, *name, tagged=False):
            continue
        prev_end = text.rfind("\n", 0, m.start())
        while prev_end > 0 and text[prev_end - 1] in " \t\n":
            prev_end -= 1
        if prev_end <= 0 or not _ends_sentence(text, prev_end):
            continue  # the line before is no finished statement (a heading, a list item)
        prev_start = text.rfind("\n", 0, prev_end) + 1
        c = _statement(info, prev_start, prev_end, name)
        if c is not None:
            out.append(c)
    for m in _SIGNATURE_END.finditer(text):
        name = m.span("name")
        if not _is_person(info, *name) or not _ends_sentence(text, m.start()):
            continue
        c = _statement(info, text.rfind("\n", 0, m.start()) + 1, m.start(), name)
        if c is not None:
            out.append(c)
    return out


__all__ = ["pull_quotes"]
