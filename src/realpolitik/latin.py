"""Latin spellings of names, and the upper-case codes of names nobody listed.

Why a module of its own, beside `model.py`: the text coder (`extract/names.py`, which re-exports these) and
the event importers (`actor_codes.name_code`, used by `sources/`) must give one name one code, and
`sources/` may not import `extract/`. Pure functions of a string.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["latin", "name_code"]

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
