"""Event triggers: which words (verb lemmas, event nouns, light-verb and particle constructions)
signal which PLOVER event type, mode and context, read from the package's rule files.

The rules are data (`data/lexicon/triggers.tsv`, `data/lexicon/word_classes.txt`) so that they can be
read, reviewed and extended without touching code; this module only loads them into the look-up tables
the coder uses. A trigger says what kind of event a word denotes; who acts on whom comes from the
dependency parse (extract/roles.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from realpolitik.errors import RealpolitikError
from realpolitik.model import PLOVER_TYPES


@dataclass(frozen=True)
class Trigger:
    """What a trigger word means: the PLOVER type, mode and context, and how strongly it signals it."""

    event_type: str
    mode: str | None = None
    context: str | None = None
    weight: float = 1.0
    # Roles: for receive-like verbs the grammatical subject is the target ("X received aid from Y").
    subject_is_target: bool = False
    # Symmetric events ("X and Y met") emit both directions when both parties are known.
    symmetric: bool = False


KINDS = ("verb", "phrasal", "verb_object", "noun", "noun_compound")
FLAGS = frozenset({"subject_is_target", "symmetric"})


def _rule_file(name: str) -> list[tuple[int, str]]:
    text = resources.files("realpolitik").joinpath("data", "lexicon", name).read_text(encoding="utf-8")
    return [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]


def load_triggers() -> dict[str, dict[str, Trigger]]:
    """The trigger tables by kind, keyed by lemma (or 'lemma particle', 'verb object', 'modifier noun')."""
    tables: dict[str, dict[str, Trigger]] = {k: {} for k in KINDS}
    rows = _rule_file("triggers.tsv")
    for n, line in rows[1:]:  # the first row names the columns
        cols = (line.split("\t") + [""] * 7)[:7]
        kind, key, etype, mode, context, weight, flags = cols
        marks = {f for f in flags.split(",") if f}
        if kind not in tables or etype not in PLOVER_TYPES or not marks <= FLAGS:
            raise RealpolitikError(f"triggers.tsv:{n}: bad rule {line!r}")
        tables[kind][key] = Trigger(
            etype,
            mode or None,
            context or None,
            float(weight) if weight else 1.0,
            "subject_is_target" in marks,
            "symmetric" in marks,
        )
    return tables


def load_word_classes(name: str = "word_classes.txt") -> dict[str, frozenset[str]]:
    """The word classes of a rule file (`word_classes.txt`, `actor_words.txt`): `[name]` headers, then one
    word a line."""
    classes: dict[str, set[str]] = {}
    current: set[str] | None = None
    for n, line in _rule_file(name):
        word = line.strip()
        if word.startswith("[") and word.endswith("]"):
            current = classes.setdefault(word[1:-1], set())
        elif current is None:
            raise RealpolitikError(f"{name}:{n}: a word before any [class] header")
        else:
            current.add(word)
    return {k: frozenset(v) for k, v in classes.items()}


def _pairs(table: dict[str, Trigger]) -> dict[tuple[str, str], Trigger]:
    out: dict[tuple[str, str], Trigger] = {}
    for key, t in table.items():
        first, second = key.split(" ", 1)
        out[(first, second)] = t
    return out


_TABLES = load_triggers()
_CLASSES = load_word_classes()

VERBS: dict[str, Trigger] = _TABLES["verb"]
PHRASAL: dict[str, Trigger] = _TABLES["phrasal"]
VERB_OBJECT: dict[tuple[str, str], Trigger] = _pairs(_TABLES["verb_object"])
NOUNS: dict[str, Trigger] = _TABLES["noun"]
NOUN_COMPOUNDS: dict[tuple[str, str], Trigger] = _pairs(_TABLES["noun_compound"])

LIGHT_VERBS = _CLASSES["light_verbs"]
CONTROL_NOUNS = _CLASSES["control_nouns"]
CONTROL_VERBS = _CLASSES["control_verbs"]
INTENT_VERBS = _CLASSES["intent_verbs"]
SPEECH_VERBS = _CLASSES["speech_verbs"]
HOSTILE_LABELS = _CLASSES["hostile_labels"]
STOP_VERBS = _CLASSES["stop_verbs"]
GROUP_NOUNS = _CLASSES["group_nouns"]
DESCRIPTION_NOUNS = _CLASSES["description_nouns"]
GOVERNMENT_NOUNS = _CLASSES["government_nouns"]
LABEL_VERBS = _CLASSES["label_verbs"]
PRAISE_LABELS = _CLASSES["praise_labels"]
HARM_VERBS = _CLASSES["harm_verbs"]
RENEGE_VERBS = _CLASSES["renege_verbs"]
ATTEMPT_VERBS = _CLASSES["attempt_verbs"]
EFFORT_VERBS = _CLASSES["effort_verbs"]
EXCLUSION_VERBS = _CLASSES["exclusion_verbs"]
CAPABILITY_NOUNS = _CLASSES["capability_nouns"]
APPEAL_VERBS = _CLASSES["appeal_verbs"]
ORG_DESCRIPTION_NOUNS = _CLASSES["org_description_nouns"]
#: Object nouns naming another party's act, and the prepositions that name that party (the event's target).
ACT_NOUN_PREPS: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = (
    (_CLASSES["claim_nouns"], ("from", "of", "by")),
    (_CLASSES["restriction_nouns"], ("on", "against")),
    (_CLASSES["misdeed_nouns"], ("by", "of")),
)
#: (verb, object) idioms that are no event ("strike a tone"); a verb alone with an empty object.
IDIOMS: frozenset[tuple[str, str]] = frozenset(
    (w.split(" ", 1)[0], w.split(" ", 1)[1] if " " in w else "") for w in _CLASSES["idioms"]
)
#: The actor resolver's word lists (titles, pair nouns, non-actor ORG words, transparent heads), read once.
ACTOR_WORDS = load_word_classes("actor_words.txt")
