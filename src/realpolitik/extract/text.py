"""Text preparation before parsing, offset-preserving.

Why: spaCy's English models read the ASCII apostrophe as the possessive marker far more
reliably than the typographic one ("Algiers’ interference" parses as a possessive only with
'), and French-style «guillemets» confuse clause boundaries. Every replacement here is one
character for one character, so offsets into the normalised text are offsets into the original.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

_SAME_LENGTH = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "\u00a0": " ", "´": "'"})


#: A wire dateline opening a paragraph: "DOHA, Qatar — ", "MOSCOW, June 19 (AFP): ", "ABIDJAN, IVORY COAST - ".
#: The place is where the story was filed, not an actor of it.
DATELINE = re.compile(
    r"(?m)^[ \t]*(?:[A-Z][A-Z'.\-]{2,}(?:[ /][A-Z][A-Z'.\-]+)*)"  # the city (or cities), in capitals
    r"(?=[ \t]*[,(]|[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d)"  # then a place, a date or an agency (not "NATO: ...")
    r"(?:,[ \t]*[A-Z][\w'.\-]*(?: [A-Z][\w'.\-]*)*)?"  # its state or country
    r"(?:,?[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?)?"  # a date
    r"(?:[ \t]*\([A-Za-z][\w .-]*\))?"  # the agency
    r"[ \t]*(?:—|–|--|-|:)[ \t]*"
)


def normalise(text: str) -> str:
    """The text with typographic quotes made ASCII and wire datelines blanked; same length, same offsets."""
    out = text.translate(_SAME_LENGTH)
    out = DATELINE.sub(lambda m: " " * len(m.group(0)), out)
    assert len(out) == len(text)
    return out


@Language.component("realpolitik_sentence_guard")
def sentence_guard(doc: Doc) -> Doc:
    """No sentence starts with a comma/semicolon or a lower-case word after a full stop: such splits
    come from stray punctuation (". , who said ...") and cut a clause from its subject. A paragraph
    break always ends a sentence: a headline has no full stop, and must not run into the story."""
    for i in range(1, len(doc)):
        tok = doc[i]
        prev = doc[i - 1]
        if prev.is_space and "\n" in prev.text and not tok.is_space:
            tok.is_sent_start = True
            continue
        if prev.text in (".", "…") and (tok.text in (",", ";", ":") or (tok.text[:1].islower() and tok.is_alpha)):
            tok.is_sent_start = False
    return doc
