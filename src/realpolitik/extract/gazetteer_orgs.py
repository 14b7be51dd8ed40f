"""The gazetteer's organisation tables: parties, armed groups and state forces from the open-data build
(with the state a shared name belongs to), and IGO memberships by edition. A mixin of `Gazetteer`, loaded on
first use so that start-up does not read them."""

from __future__ import annotations

from realpolitik.extract.gazetteer_data import ActorEntry, Membership, _generated, _rows
from realpolitik.extract.names import QUOTES, fold, strip_determiners


class OrgTables:
    """Organisation and membership look-ups (the tables are read on first use)."""

    _orgs: dict[str, ActorEntry] | None
    _orgs_cased: dict[str, ActorEntry]
    _orgs_shared: dict[str, dict[str, ActorEntry]]
    _members: dict[str, list[Membership]] | None
    _cased: dict[str, ActorEntry]
    _forms: dict[str, ActorEntry]
    _codes: dict[str, ActorEntry]

    def lookup(self, text: str, date: str | None = None) -> ActorEntry | None:  # defined by Gazetteer
        raise NotImplementedError

    def organisation(self, name: str) -> ActorEntry | None:
        """A political party, armed group or state force from the open-data tables (Party Facts, UCDP,
        the Factbook): "Bharatiya Janata Party" -> IND PTY, "Peruvian National Police" -> PER COP,
        "JNIM" as written. Looked up, never matched in text: 11,000 names would slow the matchers and
        catch ordinary phrases; NER finds the organisation and this says whose it is."""
        return self.organisation_in(name, None)

    def organisation_in(self, name: str, country: str | None) -> ActorEntry | None:
        """`organisation`, for a name several states use ("Labour Party", "Land Forces"): the one of
        `country` (a state named beside it); None when no state says which."""
        if self._orgs is None:
            self._load_orgs()
        assert self._orgs is not None
        raw = strip_determiners(name.translate(QUOTES))
        found = self._orgs_cased.get(raw) or self._orgs.get(fold(raw))
        if found is not None:
            # "Brazil's Federal Police" is not the one state whose Factbook entry says "Federal Police"
            return found if country is None or found.country in (None, country) else None
        by_state = self._orgs_shared.get("^" + raw) or self._orgs_shared.get(fold(raw)) or {}
        return by_state.get(country or "")

    def organisation_states(self, name: str) -> frozenset[str]:
        """The states that have an organisation of this name ("National Guard": USA, MEX, ...); empty
        when the name is one state's or nobody's."""
        if self._orgs is None:
            self._load_orgs()
        raw = strip_determiners(name.translate(QUOTES))
        by_state = self._orgs_shared.get("^" + raw) or self._orgs_shared.get(fold(raw)) or {}
        return frozenset(by_state)

    def _load_orgs(self) -> None:
        self._orgs = {}
        rows: dict[str, dict[str, ActorEntry]] = {}
        for surface, code, country, sector, _src in _generated("current_orgs.tsv"):
            entry = ActorEntry(code, country or None, sector or None, "group", surface.lstrip("^"))
            cased = surface.startswith("^")
            if cased and surface[1:] in self._cased:
                continue  # the hand-written tables say it already
            key = ("^" + surface[1:]) if cased else fold(surface)
            key = key[4:] if key.startswith("the ") else key
            if not cased and key in self._forms:
                continue
            rows.setdefault(key, {})[country] = entry
        for key, by_state in rows.items():
            if len(by_state) > 1:
                self._orgs_shared[key] = by_state
            elif key.startswith("^"):
                self._orgs_cased[key[1:]] = next(iter(by_state.values()))
            else:
                self._orgs[key] = next(iter(by_state.values()))

    def members(self, igo: str, date: str | None = None, status: str = "member") -> list[str]:
        """ISO3 codes of the states the Factbook lists in an organisation ("ECOWAS", "NATO", "AU"; any
        spelling of organisations.csv) with that status; with a date, only the states listed in an edition
        of that year or later (Mali left ECOWAS in 2025: not a member on 2025-06-01). For an analysis
        that expands "ECOWAS members" or "the bloc" into states."""
        if self._members is None:
            self._load_members()
        assert self._members is not None
        entry = self.lookup(igo)
        code = entry.code if entry is not None and entry.kind == "igo" and entry.code else igo
        year = int(date[:4]) if date and date[:4].isdigit() else None
        out = []
        for m in self._members.get(code.upper(), []):
            if m.status != status or (year is not None and not (m.first <= year <= m.last)):
                continue
            out.append(m.iso3)
        return sorted(set(out))

    def _load_members(self) -> None:
        self._members = {}
        known = {c.upper(): c for c, e in self._codes.items() if e.kind == "igo"}
        rows = list(_generated("igo_members.tsv"))
        oldest = min((int(r[3]) for r in rows), default=0)
        newest = max((int(r[4]) for r in rows), default=0)
        for igo, iso3, status, first, last in rows:
            code = known.get(igo.upper(), igo).upper()
            # listed in the first (last) edition: a member since before (still a member after) it
            since = 0 if int(first) == oldest else int(first)
            until = 9999 if int(last) == newest else int(last)
            self._members.setdefault(code, []).append(Membership(iso3, status, since, until))
        for row in _rows("memberships.csv"):
            ends = int(row["last"]) if row["last"] else 9999
            self._members.setdefault(row["igo"].upper(), []).append(
                Membership(row["iso3"], row["status"], int(row["first"]), ends)
            )
