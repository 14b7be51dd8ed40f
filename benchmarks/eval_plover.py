"""Sentence-level evaluation of realpolitik's event coder and of the event-type classifier alone.

    .venv/bin/python benchmarks/eval_plover.py [--shared ../shared] [--verbose]

1. PLOVER gold standard (../shared/eval/plover-gsr/PLOVER_GSR_CAMEO.json, 322 one-sentence records; old event
   names and CAMEO actor codes mapped by realpolitik.extract.eval_plover). Each sentence goes through the public
   API `realpolitik.extract(text, date=...)`. The predicted event of a sentence is the most confident record,
   negated and hypothetical ones included, ties to the earliest (`eval_plover.pick_event`); a sentence with no
   record counts as wrong for type, source and target.
   - event type: predicted type == gold type (also: gold type among any of the sentence's records).
   - source / target: over sentences whose gold has a source (target), the picked event's source (target)
     matches one of the gold actors (`eval_plover.actor_matches`: country by code or country, IGO by any
     international organisation).
   - classifier alone: `event_classifier.predict` on the sentence; argmax over the 17 labels (NONE is wrong) and
     the best of the 16 PLOVER types.
   - what-if integrations: `hybrid_fill` (the pipeline's pick, the classifier's best type where the pipeline
     has no event) and `hybrid_rerank` (of the pipeline's records the one maximising classifier probability of
     its type x confidence; the classifier's best type where there is none).
2. Mention spans on the PLOVER gold: its `textInfo.markup` ("(SRC: Libya) has (EVT: offered) ...") becomes a
   GOLD.conll (eval_plover.markup_tags; a symmetric SRC/TAR mention is the source the first time, the target
   after) scored with ../shared/eval/score.py spans against the pipeline's records (doc_id = sentence number).
3. Pentaclass on PETRARCH-2 validation sentences (../shared/eval/PETR2_GSR_validation.xml): a GOLD.tsv (one
   "sentence<TAB>class" line per sentence, class from the first expected CAMEO code, no event -> 0) and the
   coder's JSONL (doc_id = line number) are written to a temp dir and scored with ../shared/eval/score.py
   pentaclass; the classifier alone is scored the same way (NONE -> no record), but it was trained on these
   sentences, so its figure is marked `_trained_on` and is no evidence of accuracy.

Prints `SCORE name value` lines.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def score(name: str, value: float) -> None:
    print(f"SCORE {name} {value:.3f}")


ERRORS: list[str] = []


def safe_extract(text: str, date: str | None, doc_id: str) -> list[dict[str, Any]]:
    """realpolitik.extract, with a crash on one sentence counted (no records) rather than ending the run."""
    import realpolitik

    try:
        return realpolitik.extract(text, date=date, doc_id=doc_id)
    except Exception as exc:
        ERRORS.append(f"{doc_id}: {type(exc).__name__}: {exc}")
        return []


def plover_section(shared: Path, verbose: bool) -> tuple[list[Any], list[list[dict[str, Any]]]]:
    from realpolitik.extract import eval_plover as ep
    from realpolitik.extract.event_classifier import NONE, predict

    gold = ep.plover_gold(shared / "eval/plover-gsr/PLOVER_GSR_CAMEO.json")
    t0 = time.time()
    preds = [safe_extract(g.text, g.date, g.id) for g in gold]
    t_pipe = time.time() - t0
    t0 = time.time()
    probs = predict([g.text for g in gold])
    t_clf = time.time() - t0

    n = len(gold)
    type_ok = any_ok = none = 0
    src_ok = src_n = tgt_ok = tgt_n = 0
    clf_ok = clf16_ok = fill_ok = rerank_ok = 0
    per_type: dict[str, Counter[str]] = {}
    for g, recs, p in zip(gold, preds, probs, strict=True):
        ev = ep.pick_event(recs)
        got = ev["event_type"] if ev else None
        none += ev is None
        type_ok += got == g.event_type
        any_ok += any(r["event_type"] == g.event_type for r in recs)
        per_type.setdefault(g.event_type or "-", Counter())[got or "no event"] += 1
        if g.sources:
            src_n += 1
            src_ok += ev is not None and any(ep.actor_matches(s, ev.get("source")) for s in g.sources)
        if g.targets:
            tgt_n += 1
            tgt_ok += ev is not None and any(ep.actor_matches(t, ev.get("target")) for t in g.targets)
        label = max(sorted(p), key=lambda k: p[k])
        label16 = max(sorted(k for k in p if k != NONE), key=lambda k: p[k])
        clf_ok += label == g.event_type
        clf16_ok += label16 == g.event_type
        # what-if integrations: the classifier fills sentences the rules leave empty / reranks the rules' events
        fill_ok += (got or label16) == g.event_type
        if recs:
            rr = max(recs, key=lambda r: p.get(r["event_type"], 0.0) * float(r.get("confidence") or 0.5))
            rerank_ok += rr["event_type"] == g.event_type
        else:
            rerank_ok += label16 == g.event_type
        if verbose and got != g.event_type:
            print(f"  {g.id}: gold {g.event_type} got {got} clf {label16} | {g.text[:110]}")

    print(f"PLOVER gold: {n} sentences; pipeline {t_pipe:.1f}s, classifier {t_clf:.1f}s; {none} with no event")
    print("gold type: pipeline's picks (most frequent first)")
    for t in sorted(per_type):
        c = per_type[t]
        print(f"  {t:<10} {c[t]:>3}/{sum(c.values()):<3} " + ", ".join(f"{k} {v}" for k, v in c.most_common(4)))
    score("plover_pipeline_event_type_acc", type_ok / n)
    score("plover_pipeline_event_type_any_acc", any_ok / n)
    score("plover_pipeline_source_acc", src_ok / max(1, src_n))
    score("plover_pipeline_target_acc", tgt_ok / max(1, tgt_n))
    score("plover_classifier_event_type_acc", clf_ok / n)
    score("plover_classifier_event_type_acc_16", clf16_ok / n)
    score("plover_hybrid_fill_event_type_acc", fill_ok / n)
    score("plover_hybrid_rerank_event_type_acc", rerank_ok / n)
    return gold, preds


def run_scorer(shared: Path, mode: str, gold_path: Path, pred_path: Path) -> list[str]:
    return subprocess.run(
        [sys.executable, str(shared / "eval/score.py"), mode, str(gold_path), str(pred_path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()


def spans_section(shared: Path, gold: list[Any], preds: list[list[dict[str, Any]]]) -> None:
    """Source/target mention spans of the PLOVER gold (its `textInfo.markup`) with score.py `spans`."""
    from realpolitik.extract import eval_plover as ep

    recs = {r["id"]: r for r in json.loads((shared / "eval/plover-gsr/PLOVER_GSR_CAMEO.json").read_text("utf-8"))}
    with tempfile.TemporaryDirectory(prefix="rp-spans-") as tmp:
        gold_path, pred_path = Path(tmp) / "GOLD.conll", Path(tmp) / "PRED.jsonl"
        with gold_path.open("w", encoding="utf-8") as gf, pred_path.open("w", encoding="utf-8") as pf:
            for i, (g, got) in enumerate(zip(gold, preds, strict=True)):
                info = recs[g.id].get("textInfo")
                markup = (info.get("markup") if isinstance(info, dict) else None) or g.text
                gf.write("".join(f"{w} {t}\n" for w, t in ep.markup_tags(markup)) + "\n")
                for r in got:
                    pf.write(json.dumps(r | {"doc_id": str(i)}) + "\n")
        print(f"PLOVER gold source/target spans (score.py spans): {len(gold)} sentences")
        for line in run_scorer(shared, "spans", gold_path, pred_path):
            if line.startswith("SCORE"):
                metric, value = line.split()[1:3]
                score(f"plover_pipeline_{metric}", float(value))
            else:
                print("  " + line)


def pentaclass_section(shared: Path) -> None:
    from realpolitik.extract import eval_plover as ep
    from realpolitik.extract.event_classifier import NONE, predict
    from realpolitik.extract.ontology import default_cameo

    sents = ep.petrarch_records(shared / "eval/PETR2_GSR_validation.xml")
    with tempfile.TemporaryDirectory(prefix="rp-pentaclass-") as tmp:
        gold_path = Path(tmp) / "GOLD.tsv"
        gold_path.write_text(
            "".join(f"{s.text.replace(chr(9), ' ')}\t{ep.pentaclass_of_cameo(s.cameo)}\n" for s in sents),
            encoding="utf-8",
        )
        pipe_path = Path(tmp) / "pipeline.jsonl"
        with pipe_path.open("w", encoding="utf-8") as f:
            for i, s in enumerate(sents):
                for found in safe_extract(s.text, s.date, str(i)):
                    f.write(json.dumps(found) + "\n")
        clf_path = Path(tmp) / "classifier.jsonl"
        with clf_path.open("w", encoding="utf-8") as f:
            for i, p in enumerate(predict([s.text for s in sents])):
                label = max(sorted(p), key=lambda k: p[k])
                if label != NONE:
                    rec: dict[str, Any] = {"doc_id": str(i), "event_type": label, "cameo": default_cameo(label)}
                    f.write(json.dumps(rec | {"confidence": p[label], "negated": False, "hypothetical": False}) + "\n")
        for name, path in (("pipeline", pipe_path), ("classifier", clf_path)):
            out = run_scorer(shared, "pentaclass", gold_path, path)
            note = " (TRAINED ON these sentences: not a held-out figure)" if name == "classifier" else ""
            print(f"PETR2 validation pentaclass, {name}: {len(sents)} sentences{note}")
            for line in out:
                if line.startswith("SCORE"):
                    metric, value = line.split()[1:3]
                    suffix = "_trained_on" if name == "classifier" else ""
                    score(f"petr2_{name}_{metric}{suffix}", float(value))
                else:
                    print("  " + line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--verbose", action="store_true", help="list the sentences whose type the pipeline missed")
    args = ap.parse_args()
    shared = Path(args.shared)
    gold, preds = plover_section(shared, args.verbose)
    spans_section(shared, gold, preds)
    pentaclass_section(shared)
    if ERRORS:
        print(f"{len(ERRORS)} sentences raised in realpolitik.extract (counted as no event):")
        for e in ERRORS[:10]:
            print("  " + e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
