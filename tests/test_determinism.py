"""Same input, same output: across processes too, whatever Python's string-hash seed.

Python randomises the order of sets of strings per process; a choice made by iterating such a set (a tie
between namesakes, say) would code the same sentence differently from one run to the next.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import json, sys
from realpolitik.extract.eval_plover import plover_gold
from realpolitik.extract.pipeline import get_extractor
from realpolitik.model import Document
gold = plover_gold(sys.argv[1])[: int(sys.argv[2])]
docs = [Document(str(i), g.text, g.date) for i, g in enumerate(gold)]
for ex in get_extractor().extract_many(docs):
    mentions = [(k, m.start, m.end, m.code, m.country, m.sector) for k, m in ex.mentions]
    print(json.dumps([mentions, [e.to_dict() for e in ex.events]]))
"""


def _run(seed: str, gold: Path, n: int) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(gold), str(n)], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.splitlines()


def test_mentions_and_events_do_not_depend_on_the_hash_seed(shared_dir: Path) -> None:
    gold = shared_dir / "eval" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
    runs = [_run(seed, gold, 150) for seed in ("1", "2", "3")]
    assert len(runs[0]) == 150 and sum(len(json.loads(line)[1]) for line in runs[0]) > 50
    assert runs[0] == runs[1] == runs[2]
