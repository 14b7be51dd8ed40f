"""The start-up cache: the gazetteer and its phrase tables, built once per version of their data and code and
loaded from the user's cache directory in a fraction of the time building them takes.

Why: every `realpolitik extract` or `resolve` used to read about 40,000 names from the package data, fold
them and tokenise the phrases to match: half a second of CPU before the first sentence, more than the parse of
a short input. The built tables are pickled under a key that hashes everything they are built from (the
gazetteer and lexicon data files, the source of the extract package, the spaCy tokenizer rules, the Python
version), so a changed table or rule gives a new key and a fresh build, never a stale answer.

Where: `$REALPOLITIK_CACHE_DIR`, else `$XDG_CACHE_HOME/realpolitik` or `~/.cache/realpolitik`, else (a home
that cannot be written) `share/realpolitik/cache` in the Python environment. No writable folder only means
building every time; a damaged file is rebuilt. `REALPOLITIK_CACHE_DIR=off`
turns the cache off. The files are written by this user, in a directory only this user may write to, and
read back only from there (a pickle runs code when loaded: never point the cache at a shared directory).
"""

from __future__ import annotations

import gc
import hashlib
import importlib.util
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from realpolitik.extract.gazetteer import ActorEntry, Gazetteer
from realpolitik.extract.gazetteer_saved import gc_paused
from realpolitik.extract.phrase_table import PhraseTable

T = TypeVar("T")

#: Bump when the layout of what is saved changes in a way the source hash would not show.
FORMAT = 1
#: Package data the saved tables are built from (folders under realpolitik/data).
DATA_DIRS = ("gazetteer", "lexicon")


@dataclass
class ActorTables:
    """What actor resolution needs before the first sentence: the gazetteer, with every lazily read table
    built, and the phrase tables matched in text (case-insensitive forms with regions, which block, and
    case-sensitive forms)."""

    gazetteer: Gazetteer
    lower: PhraseTable[ActorEntry | None]
    orth: PhraseTable[ActorEntry | None]


def build_actor_tables() -> ActorTables:
    """Build the tables from the package data (about half a second)."""
    import spacy

    gaz = Gazetteer().complete()
    tokenizer: Any = spacy.blank("en").tokenizer  # the English tokenizer rules, as the pipeline splits text

    def lowered(keys: list[str]) -> Iterator[list[str]]:
        return ([t.lower_ for t in doc] for doc in tokenizer.pipe(keys))

    def written(keys: list[str]) -> Iterator[list[str]]:
        return ([t.text for t in doc] for doc in tokenizer.pipe(keys))

    lower: dict[str, ActorEntry | None] = dict(gaz.phrases(phoenix_people=False))
    for key in gaz.regions:
        lower.setdefault(key, None)
    cased: dict[str, ActorEntry | None] = dict(gaz.cased_phrases())
    return ActorTables(gaz, PhraseTable.build(lower, lowered), PhraseTable.build(cased, written))


@lru_cache(maxsize=1)
def actor_tables() -> ActorTables:
    """The process-wide actor tables, from the cache when it holds this build. They live as long as the
    process, so they are frozen out of the cycle collector's walks (see `get_extractor`)."""
    tables = load_or_build("actor-tables", build_actor_tables, ActorTables)
    gc.freeze()
    return tables


# -- the cache itself ---------------------------------------------------------------------------------------
def cache_dirs() -> list[Path]:
    """The folders of saved builds, in the order they are tried: `$REALPOLITIK_CACHE_DIR` alone when set (none
    when it is "off"), else the user's cache folder, then one inside the Python environment the package is
    installed in (for a user whose home cannot be written: the install builds it there)."""
    env = os.environ.get("REALPOLITIK_CACHE_DIR")
    if env is not None:
        return [] if env.strip().lower() in ("", "off", "0", "none") else [Path(env)]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return [Path(base) / "realpolitik", Path(sys.prefix) / "share" / "realpolitik" / "cache"]


def _package_files() -> list[Path]:
    """Every file the saved tables depend on: the data they are read from, the code that builds and reads
    them, and spaCy's version and English tokenizer rules."""
    root = Path(__file__).resolve().parents[1]
    files = sorted(root.joinpath("extract").glob("*.py"))
    for name in DATA_DIRS:
        files.extend(sorted(p for p in root.joinpath("data", name).rglob("*") if p.is_file()))
    spec = importlib.util.find_spec("spacy")
    if spec is not None and spec.origin:
        spacy_dir = Path(spec.origin).parent
        files.append(spacy_dir / "about.py")
        files.extend(sorted(spacy_dir.joinpath("lang").glob("*.py")))
        files.extend(sorted(spacy_dir.joinpath("lang", "en").glob("*.py")))
    return files


@lru_cache(maxsize=1)
def build_key() -> str:
    """A hash of everything the saved builds depend on (a few milliseconds: the files are small)."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(f"{FORMAT}|{sys.version_info[0]}.{sys.version_info[1]}|{sys.implementation.name}".encode())
    for path in _package_files():
        try:
            data = path.read_bytes()
        except OSError:
            continue
        name = str(path.relative_to(root)) if path.is_relative_to(root) else path.name
        h.update(f"\0{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()[:24]


def saved_path(name: str) -> Path | None:
    """Where the build `name` for the current key is saved: the first folder holding it, else the first folder
    it would be written to (None when caching is off)."""
    paths = [folder / f"{name}-{build_key()}.pickle" for folder in cache_dirs()]
    return next((p for p in paths if p.exists()), paths[0] if paths else None)


def saved_files() -> list[Path]:
    """Every saved build in the cache folders, of any key."""
    return sorted(p for folder in cache_dirs() if folder.is_dir() for p in folder.glob("*-*.pickle"))


def load_or_build(name: str, build: Callable[[], T], kind: type[T]) -> T:
    """The saved build `name` for the current key from the first folder holding it, else `build()`, then saved
    in the first folder that can be written for the next process."""
    folders = cache_dirs()
    if not folders:
        return build()
    file = f"{name}-{build_key()}.pickle"
    for folder in folders:
        try:
            with gc_paused(), (folder / file).open("rb") as fh:
                obj = pickle.load(fh)
            if isinstance(obj, kind):
                return obj
        except FileNotFoundError:
            continue
        except Exception:  # a damaged or foreign file (or no folder there): build afresh and replace it
            continue
    obj = build()
    for folder in folders:
        if _save(folder, folder / file, obj):
            break
    return obj


def _save(folder: Path, path: Path, obj: object) -> bool:
    """Write atomically (a temporary file renamed into place: processes starting together never read half a
    file) and remove older builds of the same name; False when the folder cannot be written (not an error:
    the next folder is tried, or the next process builds again)."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        stem = path.name.rsplit("-", 1)[0]
        for old in folder.glob(f"{stem}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        return False
    return True
