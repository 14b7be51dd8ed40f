"""How a built gazetteer is saved in the start-up cache: its large tables each in a separate pickled blob,
unpickled the first time something asks for them.

Why: loading every table costs a tenth of a second, most of it the 22,000 people and their roles, then the
short-name index and the party and armed-group tables; a short input asks for few of them (a sentence naming
two states needs none). A blob is a bytes object inside the saved gazetteer, so loading it is a copy, and it
is turned back into the table only when an attribute of its group is first read: code that uses the tables
does not know whether they were loaded, built or restored.
"""

from __future__ import annotations

import gc
import pickle
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: Groups of attributes saved and restored together (each group is used together).
DEFERRED: dict[str, tuple[str, ...]] = {
    "people": ("_people", "_surnames"),
    "short names": ("_short_index",),
    "organisations": ("_orgs", "_orgs_cased", "_orgs_shared"),
    "memberships": ("_members",),
    "spellings": ("_ascii_index",),
}
_GROUP_OF = {attr: group for group, attrs in DEFERRED.items() for attr in attrs}
_RESTORING = threading.Lock()


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cycle collector off while a saved table is unpickled: it makes a hundred thousand small objects, all
    kept, and the collector would walk them over and over (loading took three times as long)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class SavedTables:
    """Mixin: pickles with the `DEFERRED` attributes as blobs and restores each group on first use."""

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_person_memo", None)  # answers remembered by this process, not part of the tables
        blobs: dict[str, bytes] = {}
        for group, attrs in DEFERRED.items():
            if all(a in state for a in attrs):
                part = {a: state.pop(a) for a in attrs}
                blobs[group] = pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)
        state["_blobs"] = blobs
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str) -> Any:
        """Called only for an attribute not set: a deferred one is restored from its blob (once, whichever
        thread asks first: the web server's threads share the gazetteer)."""
        group = _GROUP_OF.get(name)
        blobs = self.__dict__.get("_blobs")
        if group is None or blobs is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        with _RESTORING:
            if name not in self.__dict__:
                if group not in blobs:
                    raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
                with gc_paused():
                    self.__dict__.update(pickle.loads(blobs[group]))
                del blobs[group]
        return self.__dict__[name]
