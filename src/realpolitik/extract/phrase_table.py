"""Phrase look-up over a token sequence: every occurrence of a gazetteer phrase, as spaCy's PhraseMatcher
finds them, from plain dictionaries.

Why not the PhraseMatcher itself: building one over the gazetteer's phrases means tokenising every phrase and
filling a trie inside the pipeline's vocabulary, which took a fifth of a second at every start and cannot be
saved and loaded. A table keyed by the phrases' token tuples is built once (see `startup_cache`), pickles,
and matches a sentence in a few dictionary look-ups per token, outside the spaCy vocabulary (so nothing has to
be built before a memory zone opens).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

V = TypeVar("V")


@dataclass
class PhraseTable(Generic[V]):
    """Token tuples -> value, and for each first token the lengths of the phrases starting with it."""

    values: dict[tuple[str, ...], V]
    lengths: dict[str, tuple[int, ...]]

    @classmethod
    def build(
        cls,
        table: Mapping[str, V],
        tokenize: Callable[[list[str]], Iterable[Sequence[str]]],
    ) -> PhraseTable[V]:
        """The table of `table`'s phrases as `tokenize` splits them (a list of phrases in, one token list per
        phrase out, in order). Phrases are taken in sorted order; when two phrases give the same tokens, the
        later replaces the earlier only where the earlier had no value, so the result does not depend on the
        mapping's order."""
        keys = sorted(table)
        values: dict[tuple[str, ...], V] = {}
        for key, tokens in zip(keys, tokenize(keys), strict=True):
            words = tuple(tokens)
            if not words:
                continue
            if values.get(words) is None:
                values[words] = table[key]
        starts: dict[str, set[int]] = {}
        for words in values:
            starts.setdefault(words[0], set()).add(len(words))
        lengths = {w: tuple(sorted(n, reverse=True)) for w, n in starts.items()}
        return cls(values, lengths)

    def find(self, words: Sequence[str]) -> list[tuple[int, int, V]]:
        """(start, end, value) of every phrase occurring in `words` (token indices, end exclusive), overlaps
        included, by start and then longest first."""
        out: list[tuple[int, int, V]] = []
        n = len(words)
        values = self.values
        for i, w in enumerate(words):
            lens = self.lengths.get(w)
            if lens is None:
                continue
            for size in lens:
                if i + size <= n:
                    key = tuple(words[i : i + size])
                    if key in values:
                        out.append((i, i + size, values[key]))
        return out
