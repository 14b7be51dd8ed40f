"""Faster inner loops for two of the pipeline's components, with exactly the annotations spaCy's own give.

Why: after the entity recogniser, the attribute ruler and the lemmatizer were the costliest steps of a parse
(together a sixth of it), for reasons that have nothing to do with the model:
- the attribute ruler runs all of its 179 token patterns through spaCy's general `Matcher` at every token,
  though 150 of them only ask "is the tag X" or "is the tag X and the word Y";
- the English rule lemmatizer remembers only the words it applies suffix rules to, and works every base form
  (most words of a text) out again each time; and it looks each candidate lemma up in word lists of up to
  57,000 entries, one by one.
Both stand-ins are set on the loaded components, so the pipeline, its configuration and its output stay
spaCy's; `tests/test_fast_pipes.py` compares every token's tag, part of speech, morphology and lemma with and
without them on real news text.
"""

from __future__ import annotations

from itertools import product
from typing import Any

#: Most (word, part of speech, morphology) lemmas remembered; past this the memo starts afresh.
LEMMA_MEMO_SIZE = 200_000
#: Token attributes the attribute ruler's simple patterns test, as `Doc.to_array` columns.
SIMPLE_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")


def speed_up(nlp: Any) -> None:
    """Give `nlp`'s attribute ruler and rule lemmatizer their faster inner loops (where it has them)."""
    if "attribute_ruler" in nlp.pipe_names:
        index_attribute_ruler(nlp.get_pipe("attribute_ruler"))
    if "lemmatizer" in nlp.pipe_names:
        memoise_lemmas(nlp.get_pipe("lemmatizer"))


def index_attribute_ruler(ruler: Any) -> None:
    """Match the ruler's one-token patterns on the tag, word, dependency or space flag (values equal to, in or
    not in a set) by dictionary look-up, and only the others (several tokens, regular expressions) with a
    `Matcher`. The matches and their order (by rule number, so that later rules win) are those of
    `AttributeRuler.match`."""
    from spacy.attrs import IDS
    from spacy.matcher import Matcher

    strings = ruler.vocab.strings
    rest = Matcher(ruler.vocab)
    # columns a pattern looks up -> their values -> (rule number, match id, values other columns must not have)
    simple: dict[tuple[int, ...], dict[tuple[int, ...], list[Rule]]] = {}
    for key in range(len(ruler.attrs)):
        match_id = strings[str(key)]
        for pattern in ruler.matcher.get(match_id)[1]:
            split = _split(pattern)
            if split is None:
                rest.add(match_id, [pattern])
                continue
            choices, excluded = split
            cols = tuple(sorted(SIMPLE_KEYS.index(k) for k in choices))
            unless = tuple(
                (SIMPLE_KEYS.index(k), frozenset(_value(strings, v) for v in vs)) for k, vs in excluded.items()
            )
            table = simple.setdefault(cols, {})
            for values in product(*(choices[SIMPLE_KEYS[c]] for c in cols)):
                table.setdefault(tuple(_value(strings, v) for v in values), []).append((key, match_id, unless))
    columns = [IDS[k] for k in SIMPLE_KEYS]

    def match(doc: Any) -> list[tuple[int, int, int, int]]:
        found: set[tuple[int, int, int, int]] = set()
        if len(doc):
            rows = doc.to_array(columns).tolist()
            by_column = list(zip(*rows, strict=True))
            for cols, table in simple.items():
                for i, hits in enumerate(map(table.get, zip(*(by_column[c] for c in cols), strict=True))):
                    if hits:
                        row = rows[i]
                        found.update(
                            (key, match_id, i, i + 1)
                            for key, match_id, unless in hits
                            if not any(row[c] in no for c, no in unless)
                        )
        if len(rest):
            found.update((int(strings[m]), m, s, e) for m, s, e in rest(doc, allow_missing=True))
        return sorted(found)

    ruler.match = match  # what the component's __call__ asks for its matches


#: An indexed rule: its number, its match id, and (column, values it must not have) conditions.
Rule = tuple[int, int, tuple[tuple[int, frozenset[int]], ...]]


def _split(pattern: list[dict[str, Any]]) -> tuple[dict[str, list[str | bool]], dict[str, list[str]]] | None:
    """For a one-token pattern on the indexed attributes only, the values each attribute it looks up may take
    (`{"TAG": "NN"}`, `{"LOWER": {"IN": [...]}}`) and the values others must not have
    (`{"DEP": {"NOT_IN": [...]}}`); None for any other pattern, and for one that looks nothing up."""
    if len(pattern) != 1 or not set(pattern[0]) <= set(SIMPLE_KEYS):
        return None
    choices: dict[str, list[str | bool]] = {}
    excluded: dict[str, list[str]] = {}
    for attr, value in pattern[0].items():
        if isinstance(value, str | bool):
            choices[attr] = [value]
            continue
        if not (isinstance(value, dict) and len(value) == 1):
            return None
        op, values = next(iter(value.items()))
        if not (isinstance(values, list) and all(isinstance(v, str) for v in values)):
            return None
        if op == "IN":
            choices[attr] = list(values)
        elif op == "NOT_IN":
            excluded[attr] = list(values)
        else:
            return None
    return (choices, excluded) if choices else None


def _value(strings: Any, value: str | bool) -> int:
    if isinstance(value, bool):
        return int(value)
    return int(strings.add(value))


def index_lemmas(pipe: Any) -> None:
    """Make the lemmatizer's word lists sets. The rule lemmatizer asks whether each form its suffix rules make
    is a known word (`form in index`), and the English tables hold those words as lists (57,000 nouns): every
    new word was a scan of the list. Membership is all it asks of them, so a set answers the same."""
    try:
        table = pipe.lookups.get_table("lemma_index")
    except (KeyError, ValueError, AttributeError):
        return
    for key in list(table.keys()):
        if isinstance(table[key], list):
            table[key] = frozenset(table[key])


def memoise_lemmas(pipe: Any) -> None:
    """Remember every lemma the rule lemmatizer works out, by (word, part of speech, morphology): its answer
    depends on nothing else. The memo is bounded, so it does not grow with the input."""
    if getattr(pipe, "mode", None) != "rule" or not hasattr(pipe, "rule_lemmatize"):
        return
    index_lemmas(pipe)
    rule = pipe.rule_lemmatize
    memo: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token: Any) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        found = memo.get(key)
        if found is None:
            if len(memo) >= LEMMA_MEMO_SIZE:
                memo.clear()
            found = memo[key] = rule(token)
        return found

    pipe.lemmatize = lemmatize  # what the component calls for each token (set from its mode when built)
