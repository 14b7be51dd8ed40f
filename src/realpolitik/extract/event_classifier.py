"""A statistical PLOVER event-type classifier: TF-IDF features over words, lemmas and the event head, with a
multinomial logistic regression trained by `make train` (training/train_event_classifier.py).

The model ships as plain arrays in `realpolitik/data/models/event_type.npz` (no pickled objects): `classes`,
`vocab` (feature strings, sorted), `idf`, `coef` (classes x features) and `intercept`. Loading needs numpy only.

    >>> from realpolitik.extract.event_classifier import predict
    >>> predict(["Russia imposed sanctions on Georgia."])[0]["SANCTION"] > 0.5
    True

API (every probability dict has the 16 PLOVER types and NONE as keys and sums to 1):
- `predict(texts)`: parse and classify raw texts.
- `predict_span(sent, trigger=None)`, `predict_spans([(sent, trigger), ...])`: classify already-parsed spaCy
  sentences (no second parse), optionally around a trigger token (its lemma, object, particle and complement
  replace the sentence's event head as features).
- `predict_trigger(sentence, trigger_lemma)`: the same with the trigger given as a lemma; `sentence` may be text.
- `features(sents, trigger=None)`, `predict_features(feature_lists)`: the two halves of the above.
- `best(probs)`: (label, probability); `classes()`: the labels; `load_model()`: the cached arrays.
Named entities are masked to their label so that the model learns event words, not actor names.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import numpy as np

MODEL_FILE = "event_type.npz"
NONE = "NONE"

# Verbs that report speech or cognition: the event is usually in their clausal complement.
REPORTING = frozenset(
    [
        "say",
        "tell",
        "report",
        "state",
        "add",
        "announce",
        "claim",
        "note",
        "quote",
        "insist",
        "believe",
        "think",
        "declare",
        "confirm",
        "told",
        "explain",
        "write",
        "reveal",
        "indicate",
        "acknowledge",
        "suggest",
        "reiterate",
        "stress",
        "emphasize",
        "emphasise",
        "assert",
    ]
)
_MASK_ENTS = frozenset({"GPE", "NORP", "PERSON", "ORG", "LOC", "FAC"})
_NUM_ENTS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "DATE", "TIME", "ORDINAL"})
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "by",
        "with",
        "from",
        "as",
        "that",
        "this",
        "its",
        "their",
        "his",
        "her",
        "it",
    ]
)


@dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]
    index: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray
    coef_t: np.ndarray  # (n_features, n_classes), rows contiguous: a sentence's features are a few rows


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model (cached)."""
    path = files("realpolitik") / "data" / "models" / MODEL_FILE
    with path.open("rb") as f, np.load(f, allow_pickle=False) as z:
        vocab = [str(v) for v in z["vocab"]]
        return Model(
            classes=tuple(str(c) for c in z["classes"]),
            index={v: i for i, v in enumerate(vocab)},
            idf=z["idf"].astype(np.float64),
            coef=z["coef"].astype(np.float64),
            intercept=z["intercept"].astype(np.float64),
            coef_t=np.ascontiguousarray(z["coef"].astype(np.float64).T),
        )


def classes() -> tuple[str, ...]:
    """The labels the model predicts: the 16 PLOVER types and NONE."""
    return load_model().classes


# -- features ------------------------------------------------------------------------------------------
def _word(tok: Any) -> str | None:
    """The token as the model sees it: lower-case text, entity label for names, None for punctuation."""
    if tok.is_punct or tok.is_space:
        return None
    if tok.ent_type_ in _MASK_ENTS:
        return "ENT_" + tok.ent_type_
    if tok.ent_type_ in _NUM_ENTS or tok.like_num:
        return "NUM"
    return tok.lower_


def event_head(sent: Any) -> Any | None:
    """The verb that carries the sentence's event: the root, or for "X said (that) Y did Z" the complement's
    verb. None when the sentence has no verb."""
    root = sent.root
    head = root
    for _ in range(2):
        if head.lemma_.lower() not in REPORTING:
            break
        comp = [c for c in head.children if c.dep_ in ("ccomp", "xcomp", "parataxis") and c.pos_ in ("VERB", "AUX")]
        if not comp:
            break
        head = comp[0]
    return head if head.pos_ in ("VERB", "AUX", "NOUN") else root


def _head_features(prefix: str, head: Any) -> list[str]:
    lemma = head.lemma_.lower()
    out = [f"{prefix}:{lemma}", f"{prefix}5:{lemma[:5]}"]
    for c in head.children:
        dep = c.dep_
        if dep in ("dobj", "obj", "attr", "nsubjpass", "oprd"):
            out.append(f"{prefix}o:{lemma}_{c.lemma_.lower() if c.ent_type_ not in _MASK_ENTS else 'ENT'}")
        elif dep == "prt" or dep == "prep":
            out.append(f"{prefix}p:{lemma}_{c.lower_}")
        elif dep == "xcomp" and c.pos_ in ("VERB", "AUX"):
            out.append(f"{prefix}x:{c.lemma_.lower()}")
            out.append(f"{prefix}x:{lemma}_{c.lemma_.lower()}")
            for g in c.children:
                if g.dep_ in ("dobj", "obj"):
                    out.append(f"{prefix}xo:{c.lemma_.lower()}_{g.lemma_.lower()}")
        elif dep == "neg":
            out.append(f"{prefix}:NEG")
    return out


def features(sents: Iterable[Any], trigger: Any | None = None) -> list[str]:
    """Feature strings of one or more parsed sentences (spaCy Spans); `trigger`, a token, marks the event word
    when the caller knows it (else each sentence's event head stands in)."""
    out: list[str] = []
    for sent in sents:
        words = [w for w in (_word(t) for t in sent) if w]
        out.extend("w:" + w for w in words)
        out.extend(f"b:{a}_{b}" for a, b in itertools.pairwise(words))
        for t in sent:
            if t.pos_ in ("VERB", "NOUN", "ADJ", "ADV", "AUX") and t.ent_type_ not in _MASK_ENTS:
                lemma = t.lemma_.lower()
                if lemma not in _STOP:
                    out.append("l:" + lemma)
                    if len(lemma) >= 6:  # stem-like prefix: "withdraw"/"withdrawal", "condemn"/"condemnation"
                        out.append("p:" + lemma[:5])
                    if t.pos_ == "VERB":
                        out.append("v:" + lemma)
        if trigger is None:
            head = event_head(sent)
            if head is not None:
                out.extend(_head_features("h", head))
    if trigger is not None:
        out.extend(_head_features("h", trigger))
    return out


# -- scoring -------------------------------------------------------------------------------------------
def _sparse(feats: Sequence[str], model: Model) -> tuple[np.ndarray, np.ndarray]:
    """Sublinear TF-IDF, L2-normalised (as scikit-learn's TfidfTransformer(sublinear_tf=True)), as the indices
    of the features present and their weights: a sentence has a few dozen of the model's 8,000 features, so
    scoring the weights present is far cheaper than multiplying a dense vector."""
    counts: dict[int, int] = {}
    for f in feats:
        j = model.index.get(f)
        if j is not None:
            counts[j] = counts.get(j, 0) + 1
    idx = np.fromiter(sorted(counts), dtype=np.int64, count=len(counts))
    if not counts:
        return idx, np.zeros(0)
    tf = 1.0 + np.log(np.fromiter((counts[j] for j in idx.tolist()), dtype=np.float64, count=len(counts)))
    w = tf * model.idf[idx]
    norm = np.linalg.norm(w)
    return idx, (w / norm if norm > 0 else w)


def predict_features(feature_lists: Sequence[Sequence[str]]) -> list[dict[str, float]]:
    """Class probabilities for precomputed feature lists (the output of `features`). A text with no feature the
    model knows (empty, or all unseen words) gives no evidence of an event: NONE with probability 1."""
    model = load_model()
    if not feature_lists:
        return []
    rows: list[np.ndarray | None] = []
    for feats in feature_lists:
        idx, w = _sparse(feats, model)
        if not len(idx):
            rows.append(None)
            continue
        z = model.coef_t[idx].T @ w + model.intercept
        z -= z.max()
        p = np.exp(z)
        rows.append(p / p.sum())
    none = model.classes.index(NONE) if NONE in model.classes else None
    out = []
    for row in rows:
        if row is None and none is not None:
            out.append({c: (1.0 if i == none else 0.0) for i, c in enumerate(model.classes)})
        elif row is None:  # no NONE class to put the probability on: the model's prior
            prior = np.exp(model.intercept - model.intercept.max())
            out.append({c: float(v) for c, v in zip(model.classes, prior / prior.sum(), strict=True)})
        else:
            out.append({c: float(row[i]) for i, c in enumerate(model.classes)})
    return out


def predict_span(sent: Any, trigger: Any | None = None) -> dict[str, float]:
    """Class probabilities for one parsed sentence (a spaCy Span or Doc), optionally around a trigger token."""
    sents = [sent] if hasattr(sent, "root") else list(sent.sents)
    return predict_features([features(sents, trigger)])[0]


def predict_spans(items: Sequence[tuple[Any, Any | None]]) -> list[dict[str, float]]:
    """Class probabilities for many (parsed sentence, trigger token or None) pairs at once."""
    return predict_features(
        [features([sent] if hasattr(sent, "root") else list(sent.sents), trig) for sent, trig in items]
    )


def predict_trigger(sentence: Any, trigger_lemma: str) -> dict[str, float]:
    """Class probabilities for a sentence (text, or a parsed spaCy Span) with the event word given as a lemma or
    word form: the first token with that lemma or form is the trigger; the sentence's event head when none has."""
    if isinstance(sentence, str):
        from realpolitik.extract.nlp import load_nlp

        sentence = next(iter(load_nlp()(sentence).sents))
    want = trigger_lemma.lower()
    trig = next((t for t in sentence if t.lemma_.lower() == want or t.lower_ == want), None)
    return predict_span(sentence, trig)


def predict(texts: list[str], batch_size: int = 64) -> list[dict[str, float]]:
    """Class probabilities (the 16 PLOVER types and NONE, summing to 1) for each text, parsed with the
    project's spaCy pipeline; a text of several sentences is classified as a whole."""
    from realpolitik.extract.nlp import load_nlp

    nlp = load_nlp()
    feats = [features(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=batch_size)]
    return predict_features(feats)


def best(probs: dict[str, float]) -> tuple[str, float]:
    """The most probable label and its probability (ties broken by label order, so deterministic)."""
    label = max(sorted(probs), key=lambda k: probs[k])
    return label, probs[label]
