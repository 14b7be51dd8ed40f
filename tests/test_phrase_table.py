"""Phrase tables find what spaCy's PhraseMatcher finds, overlaps included."""

from __future__ import annotations

from typing import Any

from realpolitik.extract.phrase_table import PhraseTable


def test_every_occurrence_as_the_phrase_matcher_finds_it() -> None:
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp: Any = spacy.blank("en")
    phrases = {
        "united states": "USA",
        "united states of america": "USA",
        "states": None,
        "america": "USA",
        "african union": "AU",
        "union": None,
        "u.s.": "USA",
    }

    def tokenize(keys: list[str]) -> list[list[str]]:
        return [[t.lower_ for t in doc] for doc in nlp.tokenizer.pipe(keys)]

    table = PhraseTable.build(phrases, tokenize)
    text = "The United States of America and the African Union met; U.S. states and the union agreed."
    doc = nlp(text)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("P", list(nlp.tokenizer.pipe(sorted(phrases))))
    expected = sorted((s, e) for _, s, e in matcher(doc))
    found = table.find([t.lower_ for t in doc])
    assert sorted((s, e) for s, e, _ in found) == expected
    assert {(doc[s:e].text, v) for s, e, v in found} >= {("United States of America", "USA"), ("African Union", "AU")}


def test_same_tokens_keep_the_first_value_unless_it_had_none() -> None:
    table = PhraseTable.build({"a b": None, "a  b": "X", "c": "Y", "c ": "Z"}, lambda keys: [k.split() for k in keys])
    assert table.values[("a", "b")] == "X"  # the earlier phrase had no value
    assert table.values[("c",)] == "Y"
    assert table.find(["a", "b", "c"]) == [(0, 2, "X"), (2, 3, "Y")]
    assert table.find([]) == []
