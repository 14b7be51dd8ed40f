"""The actor gazetteer: states, capitals, demonyms, seats of government, IGOs, armed groups, firms,
people with dated roles, and agent nouns, all from package data (src/realpolitik/data/gazetteer/).

Why a gazetteer and not NER alone: NER says "Bamako" is a place; the event record needs to know that
"Bamako" deciding something is Mali's government (MLI, GOV), that "Malian" names Mali, that the
"Africa Corps" is Wagner (WAGNER, RUS) and that "Rob Bauer" spoke for NATO's Military Committee in
2024 but not in 2020. Everything is read once per process (`get_gazetteer()`), so resolving an actor
is a few dictionary look-ups.

Surface forms are matched case-insensitively except those marked case-sensitive in the data with a
leading "^" ("US", "UK", "IS"): lower-cased they are ordinary English words.
"""

from __future__ import annotations

from functools import lru_cache

from realpolitik.extract.gazetteer_data import (
    REGIONS,
    ActorEntry,
    Membership,
    Role,
    _generated,
    _latest,
    _plurals,
    _rows,
    _rows_optional_tsv,
    _split,
    normalise_date,
)
from realpolitik.extract.gazetteer_orgs import OrgTables
from realpolitik.extract.gazetteer_saved import SavedTables
from realpolitik.extract.names import (
    HONORIFICS,
    NOT_SURNAMES,
    QUOTES,
    SUFFIXES,
    ascii_quotes,
    fold,
    latin,
    name_code,
    namelike,
    skeleton,
    strip_determiners,
)

# the name helpers are used from here by the resolver and the store: re-exported
__all__ = [
    "ActorEntry",
    "Gazetteer",
    "ascii_quotes",
    "fold",
    "get_gazetteer",
    "latin",
    "lookup_code",
    "name_code",
    "strip_determiners",
]


class Gazetteer(OrgTables, SavedTables):
    """All actor surface forms, people's dated roles and agent nouns, indexed for look-up."""

    def __init__(self) -> None:
        self._forms: dict[str, ActorEntry] = {}  # folded surface -> entry (case-insensitive forms)
        self._cased: dict[str, ActorEntry] = {}  # exact surface -> entry (case-sensitive forms)
        self._codes: dict[str, ActorEntry] = {}  # code -> main entry
        self._people: dict[str, list[Role]] = {}  # folded full name or alias -> roles
        self._agents: dict[str, str] = {}
        self._written: dict[str, ActorEntry] = {}  # lower-cased surface with its accents (for matching)
        self._curated: set[str] = set()  # people keys defined by people.csv
        self._people_written: dict[str, str] = {}  # folded person key -> lower-cased form with accents
        self._surnames: dict[str, list[Role]] = {}  # single-word Phoenix names: look-up only, never matched
        self._short_index: dict[str, set[str]] = {}  # "first last" and "last" -> full-name keys (lazy)
        self._places: dict[str, str] = {}  # folded town/region name -> ISO3 (Phoenix country synonyms)
        self.regions: frozenset[str] = frozenset(REGIONS)
        self._orgs: dict[str, ActorEntry] | None = None  # folded party/armed group/force name -> entry (lazy)
        self._orgs_cased: dict[str, ActorEntry] = {}  # acronyms as written ("BJP", "JNIM")
        self._orgs_shared: dict[str, dict[str, ActorEntry]] = {}  # a name several states use -> by state
        self._members: dict[str, list[Membership]] | None = None  # IGO code -> member states (lazy)
        self._ascii_index: dict[str, set[str]] | None = None  # consonant skeleton -> Factbook name keys
        self._factbook_keys: set[str] = set()
        self._load_states()
        self._load_named("organisations.csv", "igo")
        for surface, code, country, sector in _rows_optional_tsv("phoenix_groups.tsv"):
            if not namelike(surface) or not surface[:1].isupper():
                continue
            form = surface if " " in surface else "^" + surface  # one-word names only as written
            self._add(form, ActorEntry(code, country or None, sector or None, "group", surface))
        self._load_named("groups.csv", "group")
        self._load_named("firms.csv", "firm")
        self._load_regions()
        self._load_agents()
        self._load_people()

    # -- loading --------------------------------------------------------------------------------
    def _add(self, surface: str, entry: ActorEntry, override: bool = False) -> None:
        if surface.startswith("^"):
            form = surface[1:].translate(QUOTES)
            if override or form not in self._cased:
                self._cased[form] = entry
            return
        key = fold(surface)
        if key.startswith("the "):
            key = key[4:]
        if key and (override or key not in self._forms):
            self._forms[key] = entry
        written = " ".join(surface.translate(QUOTES).lower().split())
        written = written[4:] if written.startswith("the ") else written
        if written != key and (override or written not in self._written):
            self._written[written] = entry

    def _load_states(self) -> None:
        for row in _rows("states.csv"):
            iso, name = row["iso3"], row["name"]
            state = ActorEntry(iso, iso, None, "state", name)
            self._codes.setdefault(iso, state)
            for form in [name, *_split(row["aliases"])]:
                self._add(form, state)
            for dem in _split(row["demonyms"]):
                entry = ActorEntry(iso, iso, None, "demonym", name)
                for form in [dem, *_plurals(dem)]:
                    self._add(form, entry)
            for cap in _split(row["capitals"]):
                self._add(cap, ActorEntry(iso, iso, "GOV", "capital", cap.lstrip("^")))
            for seat in _split(row["seats"]):
                surface, _, sector = seat.partition("@")
                self._add(surface, ActorEntry(iso, iso, sector or "GOV", "seat", surface.lstrip("^")))

    def _load_named(self, file: str, kind: str) -> None:
        for row in _rows(file):
            code = row["code"]
            country = (row.get("country") or "").strip() or None
            sector = (row.get("sector") or "").strip() or None
            entry = ActorEntry(code, country, sector, kind, row["name"])
            known = self._codes.get(code)
            if known is None or (known.kind != "state" and known.sector and not sector):
                self._codes[code] = entry
            for form in [row["name"], *_split(row["aliases"])]:
                self._add(form, entry, override=kind != "igo")

    def _load_regions(self) -> None:
        for row in _rows("regions.csv"):
            names = _split(row["names"])
            demonyms = _split(row["demonyms"])
            for form in names + demonyms:
                self._add(form, ActorEntry(row["iso3"], row["iso3"], None, "region", form.lstrip("^")))

    def _load_agents(self) -> None:
        for row in _rows_optional_tsv("phoenix_agents.tsv"):
            self._agents.setdefault(row[0], row[1])
        for rec in _rows("agents.csv"):
            if rec["sector"]:
                self._agents[fold(rec["lemma"])] = rec["sector"].strip()

    def _load_people(self) -> None:
        for name, code, country, sector, start, end in _rows_optional_tsv("phoenix_people.tsv"):
            if name.lower().rsplit(" ", 1)[-1] in NOT_SURNAMES:
                continue  # Phoenix lists a few bodies among people ("Clinton Administration")
            if " " not in name.strip():
                # a bare Phoenix surname ("Mubarak") is too ambiguous for text matching: kept for look-ups only
                self._surnames.setdefault(fold(name), []).append(
                    Role(ActorEntry(code, country or None, sector or None, "person", name), start or None, end or None)
                )
                continue
            self._add_role(name, [], code, country or None, sector or None, start or None, end or None)
        for place, iso in _rows_optional_tsv("phoenix_places.tsv"):
            if place[:1].isalpha():
                self._places.setdefault(fold(place), iso)
        for name, aliases, code, country, sector, start, end, _src in _generated("current_people.tsv"):
            forms = [name, *_split(aliases)]  # people.csv, read next, replaces these roles for its names
            self._add_role(name, forms[1:], code, country or None, sector or None, start or None, end or None)
            if _src.startswith("CIA"):
                self._factbook_keys.update(fold(f) for f in forms)
        for row in _rows("people.csv"):
            alias_list = _split(row["aliases"])
            self._add_role(
                row["name"],
                alias_list,
                row["code"],
                row["country"] or None,
                row["sector"] or None,
                normalise_date(row["start"]),
                normalise_date(row["end"], end=True),
                curated=True,
            )

    def _add_role(
        self,
        name: str,
        aliases: list[str],
        code: str,
        country: str | None,
        sector: str | None,
        start: str | None,
        end: str | None,
        curated: bool = False,
    ) -> None:
        entry = ActorEntry(code, country, sector, "person", name)
        role = Role(entry, start, end)
        for form in [name, *aliases]:
            cased = form.startswith("^")
            key = form[1:] if cased else fold(form)
            if not cased and form.lower() != key:
                self._people_written[key] = " ".join(form.lower().split())
            roles = self._people.setdefault(("^" + key) if cased else key, [])
            if curated and key not in self._curated:
                roles.clear()  # the maintained table wins over a stale Phoenix namesake
                self._curated.add(key)
            roles.append(role)

    # -- public API -----------------------------------------------------------------------------
    def phrases(self, phoenix_people: bool = True) -> dict[str, ActorEntry]:
        """Lower-cased (accent-folded) surface forms -> entry, for a PhraseMatcher on LOWER. Case-sensitive
        forms ("US") are left out: see `cased_phrases()`. People appear with their latest role; with
        phoenix_people=False only the maintained table's (the 20,000 Phoenix names make a matcher slow to
        build, and NER finds most of them as PERSON entities, which `person()` then resolves)."""
        out = dict(self._written)
        out.update(self._forms)
        for key, roles in self._people.items():
            if not phoenix_people and key not in self._curated:
                continue
            if not key.startswith("^") and key not in out:
                out[key] = _latest(roles).entry
        for key, written in self._people_written.items():
            if phoenix_people or key in self._curated:
                out.setdefault(written, out.get(key) or _latest(self._people[key]).entry)
        return out

    def cased_phrases(self) -> dict[str, ActorEntry]:
        """Case-sensitive surface forms as written ("US", "U.S.", "UK", "IS"), for a matcher on ORTH."""
        out = dict(self._cased)
        for key, roles in self._people.items():
            if key.startswith("^"):
                out.setdefault(key[1:], _latest(roles).entry)
        return out

    def lookup(self, text: str, date: str | None = None) -> ActorEntry | None:
        """The entry for a name as written: a state, alias, demonym, capital, seat, IGO, group, firm,
        person (by date) or code ("DZA"). Leading "the" and trailing "'s" are ignored."""
        raw = strip_determiners(text.translate(QUOTES))
        if not raw:
            return None
        if raw in self._cased:
            return self._cased[raw]
        key = fold(raw)
        if key in self._forms:
            return self._forms[key]
        person = self.person(raw, date)
        if person is not None:
            return person
        org = self.organisation(raw)
        if org is not None:
            return org
        if raw.upper() == raw and raw in self._codes:
            return self._codes[raw]
        if len(raw) == 3 and raw.upper() in self._codes and self._codes[raw.upper()].kind == "state":
            return self._codes[raw.upper()]
        return None

    def person(self, name: str, date: str | None = None, short: bool = True) -> ActorEntry | None:
        """`_find_person`, remembered: the same names come back all through a corpus, and each look-up folds
        the name and may try its short forms and spellings. The memo is bounded."""
        memo: dict[tuple[str, str | None, bool], ActorEntry | None] = self.__dict__.setdefault("_person_memo", {})
        key = (name, date, short)
        if key not in memo:
            if len(memo) >= PERSON_MEMO_SIZE:
                memo.clear()
            memo[key] = self._find_person(name, date, short)
        return memo[key]

    def _find_person(self, name: str, date: str | None = None, short: bool = True) -> ActorEntry | None:
        """The role in force on `date` (YYYY, YYYY-MM or YYYY-MM-DD) of the person so named; on a date
        between or after their roles, the last role held with sector ELI (a former office-holder); with
        no date, or a date before any role, the latest known role. Titles are not stripped: pass the name.
        short=False refuses a bare surname found only by shortening Phoenix names (use it when nothing
        says the word is a person's name: "Sahel" is also a place)."""
        name = strip_determiners(name.translate(QUOTES))
        key = fold(name)
        roles = self._people.get(key) or self._people.get("^" + name) or self._surnames.get(key)
        if not roles and (short or " " in key):
            roles = self._short_name(key)
        if not roles and " " in key:
            roles = self._factbook_name(name)
        if not roles and any(c.isalpha() and not c.isascii() for c in key):
            spelt = latin(name)  # "Владимир Путин" is looked up as "Vladimir Putin"
            return self.person(spelt, date, short) if spelt != name else None
        if not roles:
            return None
        lo, hi = normalise_date(date), normalise_date(date, end=True)
        if lo and hi:
            current = [r for r in roles if (r.start is None or r.start <= hi) and (r.end is None or r.end >= lo)]
            dated = [r for r in current if r.start or r.end]
            if dated:
                return _latest(dated).entry
            if current:
                return _latest(current).entry
            past = [r for r in roles if r.end is not None and r.end < lo]
            if past:  # out of office on that date: a former office-holder is an elite (CAMEO ELI)
                e = max(past, key=lambda r: r.end or "").entry
                return ActorEntry(e.code, e.country, "ELI", e.kind, e.name)
        return _latest(roles).entry

    def _short_name(self, key: str) -> list[Role] | None:
        """Roles for a shortened name: "carlos menem" for "Carlos Saul Menem", "mugabe" for "Robert
        Mugabe", when the shortening points to one person only (or to namesakes with the same code)."""
        if not self._short_index:
            self._build_short_index()
        words = key.replace("-", " ").split()  # "al-bashir" -> "al bashir": particles are separate words
        while len(words) > 2 and words[-1].rstrip(".") in SUFFIXES:
            words = words[:-1]  # "Ferdinand Marcos Jr." is "Ferdinand Marcos"
        if not words:
            return None
        if len(words) > 1 and words[0] in HONORIFICS:
            words = words[1:]
        short = f"{words[0]} {words[-1]}" if len(words) > 1 else words[0]
        keys = self._short_index.get(short)
        if not keys:
            return None
        codes = {_latest(self._people[k]).entry.code for k in keys}
        if len(codes) != 1:
            return None
        # namesakes of one state (Ferdinand Marcos and his son): all their roles, so the date picks the one
        # in office; keys sorted, as sets have no stable order
        return [r for k in sorted(keys, key=lambda k: (len(k), k)) for r in self._people[k]]

    def _build_short_index(self) -> None:
        for key in self._people:
            if key.startswith("^"):
                continue
            words = [w for w in key.replace("-", " ").split() if w.isalpha() and w not in SUFFIXES]
            if words and words[0] in HONORIFICS:
                words = words[1:]
            if len(words) < 2 or len(words[-1]) < 3 or self.agent_sector(words[-1]) or self.agent_sector(words[0]):
                continue  # "US Secretary", "President Bush": a title is not a name
            self._short_index.setdefault(f"{words[0]} {words[-1]}", set()).add(key)
            self._short_index.setdefault(words[-1], set()).add(key)

    def _factbook_name(self, name: str) -> list[Role] | None:
        """Roles of a Factbook name whose accented letters the archive lost ("Andr s Manuel L Pez Obrador"
        for "Andrés Manuel López Obrador", "Jos Enrique Jer Or" for "José Enrique Jerí Oré"): the name as
        written with each accented letter dropped the same way, else the same consonants in the same
        order ("Jose Raul Mulino") when they are those of one Factbook name only."""
        lossy = " ".join("".join(" " if ord(c) > 127 and c.isalpha() else c for c in name).split())
        roles = self._people.get(fold(lossy)) if lossy != name else None
        if roles:
            return roles
        if self._ascii_index is None:
            self._build_ascii_index()
        assert self._ascii_index is not None
        bones = skeleton(fold(name))
        keys = self._ascii_index.get(bones) if len(bones) >= 5 else None
        if not keys:
            return None
        codes = {_latest(self._people[k]).entry.code for k in keys}
        return self._people[min(keys)] if len(codes) == 1 else None

    def _build_ascii_index(self) -> None:
        self._ascii_index = {}
        for k in self._factbook_keys:
            self._ascii_index.setdefault(skeleton(k), set()).add(k)

    def complete(self) -> Gazetteer:
        """Build now the tables otherwise read on first use, so that a saved gazetteer holds all of them."""
        if not self._short_index:
            self._build_short_index()
        if self._orgs is None:
            self._load_orgs()
        if self._members is None:
            self._load_members()
        if self._ascii_index is None:
            self._build_ascii_index()
        return self

    def agent_sector(self, lemma: str) -> str | None:
        """The PLOVER/CAMEO agent code of a noun lemma ("rebel" -> REB, "armed forces" -> MIL)."""
        key = fold(lemma)
        if key in self._agents:
            return self._agents[key]
        if key.endswith("s") and key[:-1] in self._agents:
            return self._agents[key[:-1]]
        return None

    def place(self, name: str) -> ActorEntry | None:
        """The state a town or region belongs to ("Cizre" -> TUR), as a kind 'place' entry with no sector:
        places locate actors ("students in Cizre"); they are not actors themselves."""
        iso = self._places.get(fold(strip_determiners(name)))
        state = self._codes.get(iso) if iso else None
        if state is None:
            return None
        return ActorEntry(state.code, state.country, None, "place", strip_determiners(name))

    def by_code(self, code: str) -> ActorEntry | None:
        """The main entry of a code ("DZA" -> Algeria, "NATO" -> NATO)."""
        return self._codes.get(code)

    def is_region(self, text: str) -> bool:
        return fold(strip_determiners(text)) in self.regions or fold(text) in self.regions

    def is_state_code(self, code: str | None) -> bool:
        return bool(code) and code in self._codes and self._codes[code].kind == "state"


#: Most person look-ups remembered (`Gazetteer.person`).
PERSON_MEMO_SIZE = 100_000


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: loaded once, from the start-up cache when it holds this data's build."""
    from realpolitik.extract.startup_cache import actor_tables

    return actor_tables().gazetteer


def lookup_code(name: str) -> str | None:
    """The actor code for a name, demonym or code as a user types it ("Algeria", "algerian", "dza",
    "NATO") -> "DZA"/"NATO"; None when unknown. Used by the store for --actor filters."""
    gaz = get_gazetteer()
    entry = gaz.lookup(name)
    if entry is None and name.strip():
        entry = gaz.by_code(name.strip().upper())
    return entry.code if entry else None
