"""Cheap sentence splitting and the test of whether a sentence could hold an event at all.

Why: the statistical parser is most of the cost of extraction, and in news and analysis prose many
sentences contain no event word from the lexicon (background, opinion, description). Those sentences
are blanked out (replaced by spaces, so every offset stays valid) before the spaCy pipeline runs, and
the parser never sees them. A sentence is kept when any of its words is an inflected form of a
trigger lemma (verbs, verb+object and phrasal verbs, light verbs, event nouns).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from realpolitik.extract import lexicon as lx

# A sentence ends at . ! ? (with closing quotes/brackets) before whitespace and a capital, digit or quote,
# or at a line break.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-Z0-9])|\n+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
#: Abbreviations after which a full stop does not end a sentence.
_ABBREV = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Gen|Adm|Col|Lt|Sgt|Capt|Sen|Rep|Gov|Prof|St|No|Jr|Sr|vs|U\.S|U\.K|e\.g|i\.e)\.$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of `text`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0)[0] != "\n" and _ABBREV.search(text[max(0, m.start() - 6) : m.start()]):
            continue
        _add(text, start, m.start(), spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _inflections(lemma: str) -> set[str]:
    """Regular English inflections of a verb or noun lemma (over-generation is harmless here)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma[:-1] + "ed"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def trigger_lemmas() -> set[str]:
    lemmas: set[str] = set(lx.VERBS) | set(lx.NOUNS) | set(lx.LIGHT_VERBS)
    lemmas |= {v for v, _o in lx.VERB_OBJECT}
    lemmas |= {k.split()[0] for k in lx.PHRASAL}
    return {lemma.lower() for lemma in lemmas}


@lru_cache(maxsize=4)
def _trigger_forms(exceptions: tuple[tuple[str, str], ...]) -> frozenset[str]:
    lemmas = trigger_lemmas()
    forms: set[str] = set()
    for lemma in lemmas:
        forms |= _inflections(lemma)
    forms |= {form for form, lemma in exceptions if lemma in lemmas}  # irregular: met, sent, fought, ...
    return frozenset(forms)


def irregular_forms(nlp: Any) -> tuple[tuple[str, str], ...]:
    """(form, lemma) pairs from the pipeline's lemmatizer exception tables, where it has them."""
    pairs: list[tuple[str, str]] = []
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    except (KeyError, ValueError, AttributeError):
        return ()
    for pos in ("verb", "noun"):
        for form, lemmas in (table.get(pos) or {}).items():
            pairs.extend((form, lemma) for lemma in lemmas)
    return tuple(sorted(pairs))


def could_hold_event(sentence: str, forms: frozenset[str]) -> bool:
    return any(w.lower().replace("’", "'") in forms for w in _WORD.findall(sentence))


def trigger_forms(nlp: Any = None) -> frozenset[str]:
    """Every word form that can signal an event, with the pipeline's irregular forms (computed once)."""
    return _trigger_forms(irregular_forms(nlp) if nlp is not None else ())


def blank_uneventful(
    text: str, nlp: Any = None, forms: frozenset[str] | None = None
) -> tuple[str, list[tuple[int, int]], list[bool]]:
    """(text with event-less sentences blanked, all sentence spans, which were kept). Same length as `text`.
    Pass `forms` (from `trigger_forms`) when calling repeatedly."""
    forms = forms if forms is not None else trigger_forms(nlp)
    spans = sentence_spans(text)
    keep = [could_hold_event(text[s:e], forms) for s, e in spans]
    if all(keep):
        return text, spans, keep
    chars = list(text)
    for (s, e), k in zip(spans, keep, strict=True):
        if not k:
            for i in range(s, e):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars), spans, keep
