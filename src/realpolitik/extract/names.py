"""Names as text: the folding that makes "Côte d’Ivoire" and "cote d'ivoire" one key, Latin spellings of
accented, Cyrillic and Greek letters, the upper-case codes of unlisted names, and the word lists that tell
a name from a title ("President", "Jr.") or a body ("Administration").

Why apart from `gazetteer.py`: these are pure functions of a string, used by the gazetteer, the actor
resolver, the table builders (`gazetteer_build`, `phoenix_import`) and the store's filters alike.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """The matching key of a surface form: typographic quotes made ASCII, accents removed, lower case,
    spaces collapsed. "Côte d’Ivoire" and "cote d'ivoire" fold alike."""
    text = text.translate(QUOTES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s*-\s*", "-", " ".join(text.lower().split()))


QUOTES = str.maketrans({"’": "'", "‘": "'", "´": "'", "ʻ": "'", "`": "'", "“": '"', "”": '"'})

#: Letters that Unicode does not decompose into a base letter and an accent, and the Cyrillic and Greek
#: alphabets (one Latin spelling per letter, BGN/PCGN-like): enough for a code to keep every letter.
_LATIN_LOWER: dict[str, str] = {
    **dict(zip("øæœłđðıħ", ["o", "ae", "oe", "l", "d", "d", "i", "h"], strict=True)),
    "ß": "ss",
    "þ": "th",
    "ə": "a",
    **dict(zip("абвгдезийклмнопрстуфыэёіўјћ", "abvgdeziyklmnoprstufyeeiujc", strict=True)),
    **dict(
        zip(
            "жхцчшщюяєїґљњђџѕ",
            ["zh", "kh", "ts", "ch", "sh", "shch", "yu", "ya", "ye", "yi", "g", "lj", "nj", "dj", "dz", "dz"],
            strict=True,
        )
    ),
    "ъ": "",
    "ь": "",
    **dict(zip("αβγδεζηικλμνξοπρσςτυφωάέήίόύώϊϋ", "avgdeziiklmnxoprsstyfoaeiioyoiy", strict=True)),
    "θ": "th",
    "χ": "ch",
    "ψ": "ps",
}
_LATIN = str.maketrans(
    {
        **_LATIN_LOWER,
        **{k.upper(): v.capitalize() for k, v in _LATIN_LOWER.items() if len(k.upper()) == 1 and k.upper() != k},
    }
)


def latin(text: str) -> str:
    """Accents removed and Cyrillic/Greek letters spelt in Latin ones: "López" -> "Lopez",
    "Зеленський" -> "Zelenskyi". Other scripts are left as they are."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) not in ("Lm", "Sk")
    )
    return kept.translate(_LATIN)


def name_code(name: str) -> str:
    """The upper-case code of a named actor nobody listed: "Andrés Manuel López Obrador" ->
    ANDRES_MANUEL_LOPEZ_OBRADOR, never a lone "_" where a letter was. A name in a script with no Latin
    spelling here (Arabic, Chinese) gets NAME_ and a short digest of the name, so that two different
    names never share a code (and none is UNKNOWN)."""
    text = latin(" ".join(name.split()))
    if any(c.isalpha() and not c.isascii() for c in text):
        digest = hashlib.sha1(unicodedata.normalize("NFC", name.strip()).encode("utf-8")).hexdigest()[:10]
        ascii_part = "_".join(re.sub(r"[^A-Z0-9&]+", " ", text.upper().encode("ascii", "ignore").decode()).split())
        return f"{ascii_part}_{digest.upper()}" if ascii_part else f"NAME_{digest.upper()}"
    return "_".join(re.sub(r"[^A-Z0-9&]+", " ", text.upper()).split())


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
