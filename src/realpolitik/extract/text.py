"""Text preparation before parsing, offset-preserving.

Why: spaCy's English models read the ASCII apostrophe as the possessive marker far more
reliably than the typographic one ("Algiers’ interference" parses as a possessive only with
'), and French-style «guillemets» confuse clause boundaries. Every replacement here is one
character for one character, so offsets into the normalised text are offsets into the original.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_SAME_LENGTH = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "\u00a0": " ", "´": "'"})


def normalise(text: str) -> str:
    """The text with typographic quotes made ASCII; same length, same offsets."""
    out = text.translate(_SAME_LENGTH)
    assert len(out) == len(text)
    return out


@Language.component("realpolitik_sentence_guard")
def sentence_guard(doc: Doc) -> Doc:
    """No sentence starts with a comma/semicolon or a lower-case word after a full stop: such splits
    come from stray punctuation (". , who said ...") and cut a clause from its subject."""
    for i in range(1, len(doc)):
        tok = doc[i]
        prev = doc[i - 1]
        if prev.text in (".", "…") and (tok.text in (",", ";", ":") or (tok.text[:1].islower() and tok.is_alpha)):
            tok.is_sent_start = False
    return doc
