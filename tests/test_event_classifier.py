"""The shipped event-type classifier: loads from plain arrays, gives distributions, types clear real sentences."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import numpy as np
import pytest

from realpolitik.extract import event_classifier as ec
from realpolitik.model import PLOVER_TYPES

# Sentences written for this test (not in the training data, not in the PLOVER gold): one clear event each.
CLEAR = [
    ("Ghana imposed sanctions on Togo and froze the assets of its ministers.", "SANCTION"),
    ("Artillery of Armenia pounded Azerbaijani positions overnight, killing four soldiers.", "ASSAULT"),
    ("Venezuela rejected the proposal put forward by Colombia.", "REJECT"),
    ("Thousands of students marched in Santiago to protest against the education reform.", "PROTEST"),
    ("Japan sent emergency food and medical supplies to the Philippines after the typhoon.", "AID"),
    ("Police in Lagos arrested twenty opposition activists on Sunday.", "COERCE"),
    ("Argentina accused Britain of militarising the South Atlantic.", "ACCUSE"),
    ("Pakistan urged India to resume the dialogue.", "REQUEST"),
    ("Peru threatened to recall its ambassador from Mexico.", "THREATEN"),
]


def test_model_is_plain_arrays_and_small() -> None:
    path = files("realpolitik") / "data" / "models" / ec.MODEL_FILE
    assert Path(str(path)).stat().st_size < 3 * 1024 * 1024
    with path.open("rb") as f, np.load(f, allow_pickle=False) as z:  # no pickled objects inside
        assert set(z.files) == {"classes", "vocab", "idf", "coef", "intercept"}
        assert z["coef"].shape == (len(z["classes"]), len(z["vocab"]))
    assert set(ec.classes()) == set(PLOVER_TYPES) | {ec.NONE}


def test_predict_gives_a_distribution_over_all_labels() -> None:
    probs = ec.predict(["Russia signed an agreement with Algeria.", "It rained in Oran."])
    assert len(probs) == 2
    for p in probs:
        assert set(p) == set(ec.classes())
        assert all(0.0 <= v <= 1.0 for v in p.values())
        assert sum(p.values()) == pytest.approx(1.0)
    assert ec.predict([]) == []
    assert ec.best(ec.predict([""])[0]) == (ec.NONE, 1.0)


def test_clear_real_sentences() -> None:
    got = [ec.best(p)[0] for p in ec.predict([s for s, _ in CLEAR])]
    wrong = [(s, want, g) for (s, want), g in zip(CLEAR, got, strict=True) if g != want]
    assert not wrong, wrong


def test_not_an_event() -> None:
    label, _ = ec.best(ec.predict(["The central bank said inflation slowed to four percent in March."])[0])
    assert label == ec.NONE


def test_deterministic_and_same_on_a_parsed_span() -> None:
    from realpolitik.extract.nlp import load_nlp

    text = "Pakistan urged India to resume the dialogue."
    a, b = ec.predict([text]), ec.predict([text])
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    sent = next(load_nlp()(text).sents)
    assert ec.predict_span(sent) == pytest.approx(a[0])
    # a given trigger lemma steers the head features; text or a parsed span, one or many
    assert ec.best(ec.predict_trigger(sent, "urge"))[0] == "REQUEST"
    assert ec.predict_trigger(text, "urge") == pytest.approx(ec.predict_trigger(sent, "urge"))
    both = ec.predict_spans([(sent, None), (sent, sent[1])])
    assert both[0] == pytest.approx(a[0])
    assert both[1] == pytest.approx(ec.predict_trigger(sent, "urge"))


def test_features_mask_names() -> None:
    from realpolitik.extract.nlp import load_nlp

    sent = next(load_nlp()("Peru threatened to recall its ambassador from Mexico.").sents)
    feats = ec.features([sent])
    assert "h:threaten" in feats
    assert "hx:recall" in feats
    assert not any("peru" in f or "mexico" in f for f in feats)


def test_sparse_scoring_equals_the_dense_tfidf_product(seed_path) -> None:
    """The scorer multiplies only the features a sentence has; the probabilities are those of the full
    TF-IDF vector times the coefficient matrix (scikit-learn's predict_proba on the exported arrays)."""
    import numpy as np

    from realpolitik.extract import event_classifier as clf
    from realpolitik.extract.nlp import load_nlp

    model = clf.load_model()
    doc = load_nlp()(seed_path.read_text(encoding="utf-8")[:3000])
    feature_lists = [clf.features([s]) for s in doc.sents] + [["w:no-such-feature"], []]
    got = clf.predict_features(feature_lists)
    for feats, probs in zip(feature_lists, got, strict=True):
        x = np.zeros(len(model.idf))
        for f in feats:
            if f in model.index:
                x[model.index[f]] += 1
        if not x.any():
            assert probs[clf.NONE] == 1.0
            continue
        x[x > 0] = (1 + np.log(x[x > 0])) * model.idf[x > 0]
        x /= np.linalg.norm(x)
        z = x @ model.coef.T + model.intercept
        p = np.exp(z - z.max())
        p /= p.sum()
        assert np.allclose([probs[c] for c in model.classes], p, atol=1e-12)
