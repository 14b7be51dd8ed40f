"""Dyad analytics: `ally`, `dependence`, `similarity`, `claims`, `check`, `ask`, `report`.

Each prints a short text answer, or with `--json` exactly the dict its analysis function returns (the web
API returns the same).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from realpolitik.cli.options import db_option, db_path, json_option, print_json, quiet_option


@contextmanager
def open_store(db: str | None) -> Iterator[Any]:
    """The store, writable when possible (bundled reference data are then copied in once), else read-only."""
    import duckdb

    from realpolitik.store.db import Store

    path = db_path(db)
    try:
        store = Store(path)
    except (duckdb.IOException, duckdb.ConnectionException):  # held by another process or connection: only read
        store = Store(path, read_only=True)
    try:
        yield store
    finally:
        store.close()


def _evidence_lines(items: list[dict[str, Any]], label: str) -> None:
    if not items:
        return
    click.echo(f"{label}:")
    for e in items:
        click.echo(
            f"  [{e['event_type']} {e['intensity']:+.1f} {e['source']}->{e['target']} {e['date'] or ''}] {e['evidence']}"
        )


@click.command("ally")
@click.argument("a")
@click.argument("b")
@click.option("--year", type=int, default=None, help="Year to judge (default: the last year ATOP covers).")
@json_option
@db_option
@quiet_option
def ally_cmd(a: str, b: str, year: int | None, as_json: bool, db: str | None, quiet: bool) -> None:
    """Are A and B allies? ATOP obligations, event evidence and a verdict."""
    from realpolitik.analysis import facade as answers
    from realpolitik.analysis.alliance import OBLIGATION_WORDS

    with open_store(db) as store:
        r = answers.ally(a, b, year=year, db=store).data
    if as_json:
        print_json(r)
        return
    click.echo(r["verdict"])
    click.echo(f"  relation: {r['relation']} (formal alliance: {'yes' if r['formal_alliance'] else 'no'})")
    for o in r["obligations"]:
        pact = f", {o['pact']}" if o.get("pact") else ""
        multi = " (multilateral" + pact + ")" if o["multilateral"] else (f" ({o['pact']})" if pact else "")
        click.echo(f"  {OBLIGATION_WORDS[o['type']]}: {o['first_year']}–{o['last_year']}{multi}")
    for d in r["disputes"][-3:]:
        click.echo(f"  COW MID {d['dispnum']}: {d['first_year']}–{d['last_year']} (hostility {d['hostlev']})")
    for t in r["treaties"]:
        click.echo(
            f"  ATOP treaty {t['atopid']}: {t['first_year']}–{t['last_year'] or 'in force'} ({', '.join(t['obligations'])})"
        )
    for y in r["events"]["by_year"]:
        click.echo(f"  events {y['year']}: {y['count']} (mean intensity {y['mean_intensity']:+.1f})")
    _evidence_lines(r["partnership"], "partnership")
    _evidence_lines(r["divergences"], "divergences")


@click.command("dependence")
@click.argument("a")
@click.argument("b")
@click.option("--years", default=None, metavar="Y1-Y2", help="Period (default: every 5-year period of the data).")
@json_option
@db_option
@quiet_option
def dependence_cmd(a: str, b: str, years: str | None, as_json: bool, db: str | None, quiet: bool) -> None:
    """A's arms dependence on B and B's on A (SIPRI TIV shares, ranks, concentration)."""
    from realpolitik.analysis import facade as answers

    with open_store(db) as store:
        r = answers.dependence(a, b, years=years, db=store).data
    if as_json:
        print_json(r)
        return
    for p in r["periods"]:
        for f in p["flows"]:
            if not f["tiv"]:
                click.echo(f"{p['period']}: {f['supplier']} -> {f['recipient']}: no deliveries")
                continue
            click.echo(
                f"{p['period']}: {f['supplier']} -> {f['recipient']}: {f['share_of_recipient_imports']:.1%} of "
                f"{f['recipient']} imports (rank {f['supplier_rank']}), {f['share_of_supplier_exports']:.1%} of "
                f"{f['supplier']} exports (rank {f['buyer_rank']}); HHI {f['recipient']} suppliers "
                f"{f['recipient_supplier_hhi']}, {f['supplier']} buyers {f['supplier_buyer_hhi']}"
            )
        click.echo(f"{p['period']}: more dependent: {p['more_dependent'] or 'neither'}")
    click.echo(r["summary"])
    click.echo(r["credit"])


@click.command("similarity")
@click.argument("a")
@click.argument("b")
@json_option
@db_option
@quiet_option
def similarity_cmd(a: str, b: str, as_json: bool, db: str | None, quiet: bool) -> None:
    """UNGA ideal-point distance and vote agreement of A and B by year, with trend."""
    from realpolitik.analysis import facade as answers

    with open_store(db) as store:
        r = answers.similarity(a, b, db=store).data
    if as_json:
        print_json(r)
        return
    click.echo(r["summary"])
    for row in r["ideal_points"][-10:]:
        click.echo(f"  {row['year']}: distance {row['distance']:.2f}")


@click.command("claims")
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", default=None, help="Publication date (YYYY-MM-DD) for inputs that have none.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table", show_default=True)
@quiet_option
def claims_cmd(paths: tuple[str, ...], date: str | None, fmt: str, quiet: bool) -> None:
    """Quantitative claims (shares, money, ranks, superlatives) in articles, one record each."""
    import json

    from realpolitik.cli._progress import progress_bar
    from realpolitik.extract.claims import iter_claims
    from realpolitik.sources.articles import read_documents

    with progress_bar("reading claims", quiet) as advance:
        for c in iter_claims(read_documents(paths, date=date)):
            advance()
            if fmt == "jsonl":
                sys.stdout.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
                continue
            value = f"{c.value:.0%}" if c.unit == "share" and c.value is not None else f"{c.value:g} {c.unit}"
            who = f"{c.subject or '?'}" + (f"/{c.counterpart}" if c.counterpart else "")
            click.echo(f"{c.evidence.doc_id}:{c.start}\t{who}\t{c.measure}\t{value}\t{c.item or ''}\t{c.text}")


@click.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", default=None, help="Publication date (YYYY-MM-DD) for inputs that have none.")
@json_option
@db_option
@quiet_option
def check_cmd(paths: tuple[str, ...], date: str | None, as_json: bool, db: str | None, quiet: bool) -> None:
    """Check an article's quantitative claims against the imported data."""
    from realpolitik.analysis import facade as answers

    with open_store(db) as store:
        r = answers.check(list(paths), date=date, db=store).data
    if as_json:
        print_json(r)
        return
    for c in r["claims"]:
        click.echo(f"{c['check']['verdict'].upper():13} {c['text']!r} ({c['measure']}): {c['check']['reason']}")
    click.echo(", ".join(f"{v}: {n}" for v, n in r["verdicts"].items()))


@click.command("ask")
@click.argument("question", nargs=-1, required=True)
@json_option
@db_option
@quiet_option
def ask_cmd(question: tuple[str, ...], as_json: bool, db: str | None, quiet: bool) -> None:
    """Answer a question about two states ("Is Russia an ally of Algeria?") with evidence."""
    from realpolitik.analysis.ask import ask

    with open_store(db) as store:
        r = ask(store, " ".join(question))
    if as_json:
        print_json(r)
        return
    click.echo(r["text"])


@click.command("report")
@click.argument("a")
@click.argument("b", required=False)
@click.option("--html", "html_file", required=True, metavar="FILE", help="Where to write the brief.")
@db_option
@quiet_option
def report_cmd(a: str, b: str | None, html_file: str, db: str | None, quiet: bool) -> None:
    """A one-page HTML brief on A (and B): alliance, arms flows, UN alignment, events, evidence."""
    from realpolitik.analysis.report import report_html

    with open_store(db) as store:
        html = report_html(store, a, b)
    Path(html_file).write_text(html, encoding="utf-8")
    click.echo(html_file)


def register(main: click.Group) -> None:
    for cmd in (ally_cmd, dependence_cmd, similarity_cmd, claims_cmd, check_cmd, ask_cmd, report_cmd):
        main.add_command(cmd)
