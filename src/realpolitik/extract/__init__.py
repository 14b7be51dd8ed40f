"""Text to event records: sentences, actors, PLOVER event types, dates, modality.

`realpolitik.extract` is both this package and the public function `realpolitik.extract(text, date=...)`:
Python rebinds the package attribute to the submodule as soon as anything imports
`realpolitik.extract.*`, so the module itself is made callable and does what the function does.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallableModule(types.ModuleType):
    def __call__(self, text: str, date: str | None = None, doc_id: str = "0") -> list[dict[str, Any]]:
        """Event records (the contract's dict form) for one text, with `date` its publication date."""
        from realpolitik.extract.pipeline import extract_records

        return extract_records(text, date=date, doc_id=doc_id)


sys.modules[__name__].__class__ = _CallableModule
