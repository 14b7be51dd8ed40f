"""The gazetteer's records and package-file readers: what an actor entry, a dated role and an IGO membership
are, and how the package's CSV and generated TSV tables are read (shared by `gazetteer.py` and the table
mixins beside it)."""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

KINDS = ("state", "capital", "demonym", "seat", "igo", "group", "firm", "person", "agent", "region", "place", "unknown")


#: Geographic regions that contain a state name ("Latin America", "South Sudan" is a state, "North Africa"
#: is not): matched so that the longer, non-actor phrase wins over the state name inside it.
REGIONS: tuple[str, ...] = (
    "latin america",
    "south america",
    "north america",
    "central america",
    "the americas",
    "north africa",
    "west africa",
    "east africa",
    "southern africa",
    "central africa",
    "sub-saharan africa",
    "horn of africa",
    "middle east",
    "near east",
    "far east",
    "central asia",
    "south asia",
    "southeast asia",
    "east asia",
    "western europe",
    "eastern europe",
    "central europe",
    "new guinea",
    "the gulf",
    "persian gulf",
    "arabian gulf",
    "gulf of guinea",
    "sahel region",
    "korean peninsula",
    "new mexico",
    "new york",
    "new jersey",
    "washington state",
    "georgia state",
    "indian ocean",
    "south china sea",
    "east china sea",
    "black sea",
    "red sea",
    "global south",
    "sahel",
    "the sahel",
    "maghreb",
    "levant",
    "balkans",
    "caucasus",
    "horn of africa",
    "western world",
    "jordan river",
    "west bank",
    # bodies whose names hold an IGO's ("Security Council" is the UN's): matched so that they are not the IGO
    "national security council",
    "security council of ukraine",
    "supreme national security council",
)


@dataclass(frozen=True)
class ActorEntry:
    """One resolved actor identity (code is None only for an agent of unknown allegiance, "rebels").

    code: ISO3 for a state and its organs, an acronym for an IGO, an upper-case name for a named group
    or firm. country: the ISO3 the actor belongs to (None for IGOs). sector: PLOVER/CAMEO agent code or
    None. kind: which table it came from (see KINDS). name: the canonical name.
    """

    code: str | None
    country: str | None
    sector: str | None
    kind: str
    name: str


@dataclass(frozen=True)
class Role:
    """A person's role over a period; start/end are YYYY-MM-DD strings or None (open)."""

    entry: ActorEntry
    start: str | None
    end: str | None


@dataclass(frozen=True)
class Membership:
    """A state listed in an IGO by the Factbook editions `first`..`last` (years) with a status."""

    iso3: str
    status: str
    first: int
    last: int


def _split(field: str | None) -> list[str]:
    return [p.strip() for p in (field or "").split("|") if p.strip()]


def _rows(name: str) -> Iterator[dict[str, str]]:
    """Rows of a package CSV file, '#' comment lines skipped."""
    raw = resources.files("realpolitik").joinpath("data", "gazetteer", name).read_text(encoding="utf-8")
    lines = [ln for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
    yield from csv.DictReader(lines)


def _plurals(demonym: str) -> list[str]:
    """Regular plural nouns of a demonym: 'Algerian' -> 'Algerians', 'Iraqi' -> 'Iraqis'. Forms ending in
    -ese, -sh, -ch, -ss (Chinese, British, French, Swiss) have none."""
    low = demonym.lower()
    if low.endswith(("ese", "sh", "ch", "ss", "s", "x", "z")):
        return []
    return [demonym + "s"]


def normalise_date(date: str | None, end: bool = False) -> str | None:
    """'2024' -> '2024-01-01' (or '2024-12-31' with end=True); '2024-11' likewise; full dates kept."""
    if not date:
        return None
    date = date.strip()[:10]
    if re.fullmatch(r"\d{4}", date):
        return f"{date}-12-31" if end else f"{date}-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", date):
        return f"{date}-31" if end else f"{date}-01"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return date
    return None


def _latest(roles: list[Role]) -> Role:
    """The most recent role: latest start (open start counts as earliest), ties to the later list entry."""
    best = roles[0]
    for r in roles[1:]:
        if (r.start or "") >= (best.start or ""):
            best = r
    return best


def _rows_optional_tsv(name: str) -> Iterator[list[str]]:
    """Rows of a generated gzip TSV (the Phoenix import); nothing if it has not been built."""
    path = resources.files("realpolitik").joinpath("data", "gazetteer", name + ".gz")
    if not path.is_file():
        return
    with gzip.open(io.BytesIO(path.read_bytes()), "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def _generated(name: str) -> Iterator[list[str]]:
    """Rows of a table written by `gazetteer_build` (its header row skipped); nothing if not built."""
    rows = _rows_optional_tsv(name)
    next(rows, None)
    yield from rows
