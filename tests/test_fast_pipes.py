"""The faster attribute ruler and lemmatizer loops give spaCy's own annotations, token for token, on real text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="module")
def pipelines() -> tuple[Any, Any]:
    import spacy

    from realpolitik.extract.fast_pipes import speed_up
    from realpolitik.extract.nlp import PIPELINE_PACKAGES

    for name in PIPELINE_PACKAGES:
        try:
            stock, fast = spacy.load(name), spacy.load(name)
        except OSError:
            continue
        speed_up(fast)
        return stock, fast
    pytest.skip("no English pipeline")


def annotated(nlp: Any, texts: list[str]) -> list[list[tuple[str, str, str, str]]]:
    return [[(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc] for doc in nlp.pipe(texts)]


def test_annotations_are_spacys_on_news_text(pipelines, seed_path: Path, shared_dir: Path) -> None:
    from realpolitik.extract.eval_plover import plover_gold

    stock, fast = pipelines
    texts = [seed_path.read_text(encoding="utf-8")]
    texts += [g.text for g in plover_gold(shared_dir / "eval/plover-gsr/PLOVER_GSR_CAMEO.json")]
    assert annotated(fast, texts) == annotated(stock, texts)
    # and twice over: what the memo remembers is what the rules give
    assert annotated(fast, texts[:50]) == annotated(stock, texts[:50])


def test_the_rules_the_index_leaves_to_the_matcher_still_apply(pipelines) -> None:
    """Several-token and regular-expression rules (colloquial forms) and not-in rules (an expletive or
    auxiliary by its dependency) are applied as spaCy applies them."""
    stock, fast = pipelines
    texts = [
        "They're gonna sign it, y'all, and we gotta let 's see whether there is a deal.",
        "I ain't seen nothin' like it: there were talks, and the envoys did meet.",
        "Let's go.  It was signed   by both.\n\nThe ministers have agreed.",
    ]
    assert annotated(fast, texts) == annotated(stock, texts)
    lemmas = [t.lemma_ for t in fast(texts[0])]
    assert "go" in lemmas and "be" in lemmas
