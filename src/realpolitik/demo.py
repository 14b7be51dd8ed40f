"""`realpolitik demo`: ingest the seed article and print a readable summary.

The summary is what an analyst checks first: which actors were found, and for each dyad the
events read from the text, each with the sentence it came from.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

SEED_DATE = "2024-11-14"

#: The demo's steps, for a progress bar with a total: the pipeline, the article, SIPRI, four questions.
STEPS = 7

#: Told at the start of each step, with what it does (a progress bar's description); the default does nothing.
StepHook = Callable[[str], Any]


def _no_step(_description: str = "") -> None:
    return None


def run_demo(
    article: Path,
    db: str,
    quiet: bool = False,
    step: StepHook = _no_step,
    document: Callable[..., Any] | None = None,
) -> None:
    """Ingest `article` into `db` and print the summary and the four answers. `step` is called as each of the
    `STEPS` steps starts, `document` as each document is stored (the CLI's progress bars)."""
    from realpolitik.extract.pipeline import get_extractor
    from realpolitik.ingest import ingest
    from realpolitik.sources.articles import read_documents
    from realpolitik.store.db import Store

    step("loading the English pipeline")
    extractor = get_extractor()
    with Store(db) as store:
        step("reading the seed article")
        report = ingest(store, read_documents([str(article)], date=SEED_DATE), extractor=extractor, progress=document)
        print(f"realpolitik demo: {article}")
        print(
            f"store {db}: {report.stored} new documents ({report.skipped} already present), "
            f"{store.count('events')} events in all\n"
        )
        actors = store.query(
            "SELECT code, any_value(sector) AS sector, count(*) AS mentions, "
            "string_agg(DISTINCT text, ' | ') AS written_as FROM mentions WHERE code IS NOT NULL "
            "GROUP BY code ORDER BY mentions DESC, code"
        )
        print(f"Actors found ({len(actors)}):")
        for row in actors.itertuples():
            print(f"  {row.code:<10} {row.mentions:>3}x  {_short(row.written_as, 90)}")
        events = store.query(
            "SELECT * FROM events WHERE NOT negated AND NOT hypothetical "
            "ORDER BY least(coalesce(source_code,''), coalesce(target_code,'')), "
            "greatest(coalesce(source_code,''), coalesce(target_code,'')), sentence, event_type"
        )
        print(f"\nEvents by dyad ({len(events)} that happened; negated and hypothetical ones are stored too):")
        last = None
        for e in _rows(events):
            dyad = " – ".join(sorted([e.source_code or "?", e.target_code or "?"]))
            if dyad != last:
                print(f"\n  {dyad}")
                last = dyad
            print(
                f"    {e.date or '':<10} {e.source_code or '?'} {e.event_type}{'/' + e.mode if e.mode else ''} "
                f"{e.target_code or '?'}  (intensity {e.intensity:+.1f}, sentence {e.sentence})"
            )
            print(textwrap.indent(textwrap.fill(f"“{e.evidence_text.strip()}”", 100), "        "))
        negated = store.query("SELECT * FROM events WHERE negated ORDER BY sentence")
        if len(negated):
            print("\nStated as NOT having happened:")
            for e in _rows(negated):
                print(
                    f"    {e.source_code or '?'} {e.event_type} {e.target_code or '?'}: “{_short(e.evidence_text, 140)}”"
                )
        answer_questions(store, article, step)
        print(f"\nExplore: realpolitik events --db {db} --format table | realpolitik export --db {db} --parquet out/")


SHARED_SIPRI = Path("../shared/data/reference/sipri_trade_register_deliveries_1995_2024.csv")


def answer_questions(store: Any, article: Path, step: StepHook = _no_step) -> None:
    """The four questions the seed article raises, answered from its events plus reference data.

    Each answer is computed by the same analysis functions as the CLI commands named beside it; SIPRI data
    is never bundled, so the dependence answers appear only when a copy is in the store or in ../shared.
    """
    print("\n== The analyst's questions ==")
    step("arms-transfer data")
    imported = _load_sipri(store)
    step("1. are Russia and Algeria allies?")
    _ask_alliance(store)
    step("2. who depends on whom?")
    _ask_dependence(store, article, imported)
    step("3. whom must Russia choose between?")
    _ask_balance(store)
    step("4. who is realigning?")
    _ask_shifts(store)


def _section(title: str, command: str) -> None:
    print(f"\n{title}    [{command}]")


def _say(text: str, indent: str = "  ") -> None:
    print(textwrap.indent(textwrap.fill(" ".join(str(text).split()), 100), indent))


def _quote(text: str) -> None:
    print(textwrap.indent(textwrap.fill(f"“{_short(text, 300)}”", 96), "      "))


def _ask_alliance(store: Any) -> None:
    from realpolitik.analysis.alliance import ally

    _section("1. Are Russia and Algeria allies?", "realpolitik ally RUS DZA")
    r = ally(store, "RUS", "DZA")
    _say(r["verdict"])
    for e in (r.get("partnership") or [])[:2]:
        _quote(e["evidence"])


def _load_sipri(store: Any) -> bool:
    """Import the SIPRI copy in ../shared when the store has no arms transfers yet; whether it did."""
    if _has_table(store, "sipri_deliveries") or not SHARED_SIPRI.exists():
        return False
    from realpolitik.sources.reference.sipri import read_sipri
    from realpolitik.store.reference_tables import load_frame

    load_frame(store, "sipri_deliveries", read_sipri(SHARED_SIPRI), "sipri", str(SHARED_SIPRI))
    return True


def _ask_dependence(store: Any, article: Path, imported_sipri: bool = False) -> None:
    from realpolitik.analysis.dependence import dependence
    from realpolitik.errors import RealpolitikError

    _section("2. Who depends on whom?", "realpolitik dependence DZA RUS; realpolitik check ARTICLE")
    if imported_sipri:
        _say(f"(imported your SIPRI copy {SHARED_SIPRI} into the store)")
    try:
        for years in ("2014-2018", "2019-2023"):
            _say(dependence(store, "DZA", "RUS", years=years)["summary"])
    except RealpolitikError as exc:
        _say(f"No arms-transfer data: {exc} (import it with `realpolitik import sipri FILE`).")
        return
    from realpolitik.analysis.claims_check import check_documents

    checked = check_documents(store, [str(article)], date=SEED_DATE)
    for c in checked["claims"]:
        verdict = (c.get("check") or {}).get("verdict")
        if verdict in ("outdated", "contradicted", "supported"):
            ev = c.get("evidence")
            sentence = ev.get("text", "") if isinstance(ev, dict) else str(ev or "")
            _say(f"Article claims “{c['text']}”: “{_short(sentence, 160)}”")
            _say(f"{verdict}: {c['check'].get('reason', '')}", "      ")
    print("  " + checked.get("credit", ""))


def _ask_balance(store: Any) -> None:
    from realpolitik.analysis.balance import balance

    _section("3. Whom must Russia choose between?", "realpolitik balance")
    r = balance(store)
    triads = r.get("frustrated_triads") or []
    if not triads:
        _say("No unbalanced triad in the events found.")
    for t in triads[:3]:
        others = [a for a in t["actors"] if a != t["pressured"]]
        _say(f"{t['pressured']} is under cross-pressure: close to both {' and '.join(others)}, who are at odds.")
        for e in t["edges"]:
            sign = "+" if e["sign"] > 0 else "−"
            ev = e.get("evidence") or []
            print(f"    {e['a']} {sign} {e['b']}")
            if ev:
                _quote(ev[0] if isinstance(ev[0], str) else ev[0].get("text", ""))
    _say(
        f"Frustration index {r.get('frustration_index')} ({'exact' if r.get('exact') else 'heuristic'}); "
        f"blocs: {r.get('blocs')}"
    )


def _ask_shifts(store: Any) -> None:
    from realpolitik.analysis.shifts import shifts

    _section("4. Who is realigning?", "realpolitik shifts DZA")
    r = shifts(store, "DZA", by="quarter")
    news = r.get("new_partners") or []
    if not news:
        _say("No new cooperative partner of Algeria in the events found.")
    for n in news:
        via = f" (via {', '.join(n['via'])})" if n.get("via") else ""
        _say(f"{n['period']}: Algeria cooperates with {n['partner']}{via}, a new partner.")
        for ev in (n.get("evidence") or [])[:1]:
            _quote(ev)
    for c in (r.get("changes") or [])[:3]:
        _say(f"change: {c.get('summary') or c}")


def _has_table(store: Any, name: str) -> bool:
    """The table exists and holds rows."""
    return name in store.tables() and store.count(name) > 0


def _rows(df: Any) -> list[SimpleNamespace]:
    """Rows with missing values as None (pandas reads SQL NULL in string columns as NaN, which is truthy)."""
    clean = df.astype(object).where(df.notna(), None)
    return [SimpleNamespace(**r) for r in clean.to_dict("records")]


def _short(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"
