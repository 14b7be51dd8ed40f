"""Names as text: the folding that makes "Côte d’Ivoire" and "cote d'ivoire" one key, Latin spellings of
accented, Cyrillic and Greek letters, the upper-case codes of unlisted names, and the word lists that tell
a name from a title ("President", "Jr.") or a body ("Administration").

Why apart from `gazetteer.py`: these are pure functions of a string, used by the gazetteer, the actor
resolver, the table builders (`gazetteer_build`, `phoenix_import`) and the store's filters alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from realpolitik.latin import latin as latin  # re-exported: the text coder imports them from here
from realpolitik.latin import name_code as name_code


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """The matching key of a surface form: typographic quotes made ASCII, accents removed, lower case,
    spaces collapsed. "Côte d’Ivoire" and "cote d'ivoire" fold alike."""
    text = text.translate(QUOTES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s*-\s*", "-", " ".join(text.lower().split()))


QUOTES = str.maketrans({"’": "'", "‘": "'", "´": "'", "ʻ": "'", "`": "'", "“": '"', "”": '"'})

# `latin` and `name_code` live in `realpolitik.latin` (the event importers use them too); re-exported here.


_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\s*(?:'s|’s|'|’)$")


_SAME_LENGTH = str.maketrans({"’": "'", "‘": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"', "\u00a0": " "})


def ascii_quotes(text: str) -> str:
    """Typographic quotes and apostrophes made ASCII, one character for one (offsets unchanged): spaCy's
    English model reads "Algiers’ interference" as a possessive only with the ASCII apostrophe."""
    return text.translate(_SAME_LENGTH)


def strip_determiners(text: str) -> str:
    """'the Kremlin's' -> 'Kremlin': leading article and trailing possessive removed."""
    text = " ".join(text.strip().split())
    text = _LEADING.sub("", text)
    return _POSSESSIVE.sub("", text)


HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "sheikh",
        "shaikh",
        "maulana",
        "mullah",
        "haji",
        "hajji",
        "imam",
        "ayatollah",
        "gen",
        "general",
        "col",
        "colonel",
        "lt",
        "capt",
        "captain",
        "maj",
        "major",
        "president",
        "king",
        "queen",
        "prince",
        "emir",
        "sultan",
    ]
)
SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])
NOT_SURNAMES = frozenset(
    [
        "republic",
        "kingdom",
        "federation",
        "union",
        "state",
        "states",
        "government",
        "administration",
        "regime",
        "party",
        "army",
        "forces",
        "ministry",
        "council",
        "committee",
        "front",
        "movement",
        "group",
        "office",
    ]
)
#: The months by name, in order (names of people are not months; the Factbook's dates spell them out).
MONTH_NAMES: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTHS = frozenset(MONTH_NAMES)


def namelike(surface: str) -> bool:
    """A group name worth matching in text: it has a word of three letters or more that is not a month
    (Phoenix lists groups such as "21 June" or "313" that would match dates and numbers)."""
    words = re.findall(r"[^\W\d_]{3,}", surface.lower())
    return any(w not in MONTHS for w in words)


def skeleton(key: str) -> str:
    """The consonants of a folded name in order ("jose raul mulino" -> "jsrlml"): what survives of a
    name whose accented letters were lost, whichever vowels they were."""
    return re.sub(r"[^a-z]|[aeiouyn]", "", key)
