"""The signed relations graph: `balance` (frustrated triads, frustration index, blocs), `shifts` (who is
realigning) and `graph` (export for Gephi and networkx)."""

from __future__ import annotations

from typing import Any

import click

from realpolitik.cli.options import db_option, db_path, json_option, note, print_json, quiet_option

at_option = click.option("--at", default=None, metavar="DATE", help="Date of the snapshot (default: latest in store).")
window_option = click.option(
    "--window", default="365d", show_default=True, help="Events counted before --at: 365d, 52w, 6m, 2y or all."
)
states_option = click.option("--states-only", is_flag=True, help="Only states (no organisations or armed groups).")
priors_option = click.option(
    "--no-priors", is_flag=True, help="Ignore alliance (ATOP) and dispute (COW MID) tables in the store."
)


def _store(db: str | None) -> Any:
    from realpolitik.store.db import Store

    return Store(db_path(db), read_only=True)


@click.command("balance")
@at_option
@window_option
@states_option
@priors_option
@click.option("--unweighted", is_flag=True, help="Frustration index as a number of edges, not their weight.")
@click.option(
    "--method",
    type=click.Choice(["auto", "exact", "heuristic"]),
    default="auto",
    show_default=True,
    help="exact: MILP (HiGHS); heuristic: local search with a lower bound; auto: exact where small enough.",
)
@click.option("--time-limit", type=float, default=30.0, show_default=True, help="Seconds for the MILP.")
@click.option("--top", type=int, default=None, help="Only the N heaviest frustrated triads.")
@click.option(
    "--blocs",
    type=click.Choice(["2", "auto"]),
    default="2",
    show_default=True,
    help="auto: also k blocs by signed community detection (Traag & Bruggeman 2009).",
)
@click.option(
    "--reference-only",
    is_flag=True,
    help="The network of ATOP pacts and COW disputes over --from..--to, without events (needs `import mid`).",
)
@click.option("--from", "first", type=int, default=None, metavar="YEAR", help="First year (--reference-only).")
@click.option("--to", "last", type=int, default=None, metavar="YEAR", help="Last year (--reference-only).")
@click.option(
    "--pacts",
    type=click.Choice(["defense", "all"]),
    default="defense",
    show_default=True,
    help="Positive ties from defence/offence pacts only, or from every ATOP obligation (--reference-only).",
)
@json_option
@db_option
@quiet_option
def balance_cmd(
    at: str | None,
    window: str,
    states_only: bool,
    no_priors: bool,
    unweighted: bool,
    method: str,
    time_limit: float,
    top: int | None,
    blocs: str,
    reference_only: bool,
    first: int | None,
    last: int | None,
    pacts: str,
    as_json: bool,
    db: str | None,
    quiet: bool,
) -> None:
    """Frustrated triads (who is under cross-pressure, with evidence), frustration index and blocs."""
    from realpolitik.analysis.balance import balance, reference_balance

    if reference_only:
        if first is None and last is None:
            raise click.UsageError("--reference-only needs --from YEAR and/or --to YEAR")
        first, last = (first if first is not None else last), (last if last is not None else first)
    elif first is not None or last is not None:
        raise click.UsageError("--from/--to go with --reference-only (event graphs take --at and --window)")
    with _store(db) as store:
        if reference_only:
            assert first is not None and last is not None
            res = reference_balance(
                store, first, last, pacts=pacts, weighted=not unweighted, method=method, time_limit=time_limit,
                max_triads=top, blocs=blocs,
            )  # fmt: skip
        else:
            res = balance(
                store,
                at=at,
                window=window,
                states_only=states_only,
                priors=not no_priors,
                weighted=not unweighted,
                method=method,
                time_limit=time_limit,
                max_triads=top,
                blocs=blocs,
            )
    if as_json:
        print_json(res)
        return
    _print_balance(res)


def _print_balance(res: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    con = Console(width=160)
    if res.get("warning"):
        con.print(f"warning: {res['warning']}")
    if res.get("network") == "reference":
        con.print(
            f"pacts ({res['pacts']}) and disputes {res['from']}–{res['to']}: {res['actors']} states, "
            f"{res['edges']} edges (+{res['positive_edges']} / -{res['negative_edges']})"
        )
    else:
        con.print(
            f"signed graph at {res['at']} (window {res['window_days'] or 'all'} days): {res['actors']} actors, "
            f"{res['edges']} edges (+{res['positive_edges']} / -{res['negative_edges']})"
        )
    table = Table(title=f"{res['frustrated_triad_count']} frustrated triads")
    for col in ("triad", "pressured", "weight", "ties", "evidence"):
        table.add_column(col, overflow="fold")
    for t in res["frustrated_triads"]:
        ties = "\n".join(f"{e['a']}{'+' if e['sign'] > 0 else '-'}{e['b']} {e['weight']:.2f}" for e in t["edges"])
        ev = "\n".join((e["evidence"][0][:90] if e["evidence"] else "") for e in t["edges"])
        table.add_row(" ".join(t["actors"]), t["pressured"] or "-", f"{t['weight']:.3f}", ties, ev)
    con.print(table)
    kind = "exact" if res["exact"] else f"heuristic, lower bound {res['bound']:.3f}, gap {res['gap']:.1%}"
    con.print(
        f"frustration index {res['frustration_index']:.3f} ({'weighted' if res['weighted'] else 'edges'}; "
        f"{res['frustrated_count']} edges; {kind}; {res['method']})"
    )
    con.print(f"bloc A: {', '.join(res['blocs'][0])}")
    con.print(f"bloc B: {', '.join(res['blocs'][1])}")
    kb = res.get("k_blocs")
    if kb:
        con.print(
            f"{kb['k']} blocs by signed modularity (Q = {kb['modularity']:.3f}; {kb['violations']} ties against them):"
        )
        for i, bloc in enumerate(kb["blocs"], 1):
            con.print(f"  bloc {i} ({len(bloc)}): {', '.join(bloc)}")
        if kb["unaligned"]:
            con.print(f"  in no bloc: {', '.join(kb['unaligned'])}")
    for y in res.get("series", []):
        con.print(
            f"  {y['year']}: frustration index {y['frustration_index']:g} ({y['edges']} edges, "
            f"{y['negative_edges']} negative{'' if y['exact'] else ', not proven optimal'})"
        )


@click.command("shifts")
@click.argument("actor")
@click.option("--by", type=click.Choice(["quarter", "year", "month"]), default="quarter", show_default=True)
@states_option
@click.option("--alpha", type=float, default=0.05, show_default=True, help="False discovery rate for changes.")
@json_option
@db_option
@quiet_option
def shifts_cmd(
    actor: str, by: str, states_only: bool, alpha: float, as_json: bool, db: str | None, quiet: bool
) -> None:
    """ACTOR's cooperation and conflict by partner and bloc over time; tested changes and new partners."""
    from realpolitik.analysis import facade

    with _store(db) as store:
        res = facade.shifts(actor, by=by, states_only=states_only, alpha=alpha, db=store).data
    if as_json:
        print_json(res)
        return
    _print_shifts(res)


def _print_shifts(res: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    con = Console(width=160)
    table = Table(title=f"{res['actor']}: {res['events']} events by {res['by']}")
    for col in ("period", "events", "cooperation", "conflict"):
        table.add_column(col, overflow="fold")
    for p in res["periods"]:
        coop = ", ".join(f"{k} {v['events']}" for k, v in p["cooperation"].items())
        conf = ", ".join(f"{k} {v['events']}" for k, v in p["conflict"].items())
        table.add_row(p["period"], str(p["events"]), coop, conf)
    con.print(table)
    for n in res["new_partners"]:
        via = f" (via {', '.join(n['via'])})" if n["via"] else ""
        con.print(f"new cooperative partner in {n['period']}: {n['partner']}{via} - {(n['evidence'] or [''])[0][:110]}")
    for n in res.get("known_partners", []):
        con.print(
            f"long-standing partner, not new, in {n['period']}: {n['partner']} - {'; '.join(n['baseline'])[:110]}"
        )
    for b in res.get("breaks", []):
        con.print(f"break (a move away) in {b['period']}: {b['partner']} - {(b['evidence'] or [''])[0][:110]}")
    for t in res["tests"]:
        flag = "CHANGE" if t["significant"] else "no significant change"
        drivers = ", ".join(f"{d['partner']} {d['polarity']}" for d in t["drivers"][:3])
        con.print(
            f"{t['period']}: G = {t['statistic']:.2f}, dof {t['dof']}, p = {t['p_value']:.4g} "
            f"(q = {t['q_value']:.4g}, {t['method']}): {flag}; driven by {drivers}"
        )


@click.command("graph")
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json"]), default="json", show_default=True)
@click.option("--output", "-o", default=None, metavar="FILE", help="Write to FILE instead of standard output.")
@at_option
@window_option
@states_option
@priors_option
@click.option(
    "--blocs",
    type=click.Choice(["none", "2", "auto"]),
    default="none",
    show_default=True,
    help="Label nodes with their bloc (2: frustration partition; auto: also k blocs by signed modularity).",
)
@click.option("--reference-only", is_flag=True, help="ATOP pacts and COW disputes over --from..--to, no events.")
@click.option("--from", "first", type=int, default=None, metavar="YEAR")
@click.option("--to", "last", type=int, default=None, metavar="YEAR")
@click.option("--pacts", type=click.Choice(["defense", "all"]), default="defense", show_default=True)
@db_option
@quiet_option
def graph_cmd(
    fmt: str,
    output: str | None,
    at: str | None,
    window: str,
    states_only: bool,
    no_priors: bool,
    blocs: str,
    reference_only: bool,
    first: int | None,
    last: int | None,
    pacts: str,
    db: str | None,
    quiet: bool,
) -> None:
    """Export the signed relations graph (GraphML/GEXF for Gephi, node-link JSON for networkx)."""
    import sys

    from realpolitik.analysis.graph import build_graph, export_graph, graph_from_edges, label_blocs
    from realpolitik.analysis.signed_edges import signed_edges

    with _store(db) as store:
        if reference_only:
            from realpolitik.analysis.reference_network import reference_edges

            if first is None and last is None:
                raise click.UsageError("--reference-only needs --from YEAR and/or --to YEAR")
            y0, y1 = (first if first is not None else last), (last if last is not None else first)
            assert y0 is not None and y1 is not None
            edges = reference_edges(store, y0, y1, pacts)
            g = graph_from_edges(edges, {"network": "reference", "from": y0, "to": y1, "pacts": pacts})
        elif blocs != "none":
            edges, params = signed_edges(store, at=at, window=window, states_only=states_only, priors=not no_priors)
            g = graph_from_edges(edges, params.to_dict())
        else:
            g = build_graph(store, at=at, window=window, states_only=states_only, priors=not no_priors)
        if blocs != "none":
            label_blocs(g, edges, blocs)
    text = export_graph(g, fmt, output)
    if output is None:
        sys.stdout.write(text)
    else:
        note(f"{g.number_of_nodes()} actors, {g.number_of_edges()} edges -> {output}", quiet)


def register(main: click.Group) -> None:
    for cmd in (balance_cmd, shifts_cmd, graph_cmd):
        main.add_command(cmd)
