"""The API behind the question pages and the analyst's tools: the actor index, name resolution with
did-you-mean, autocomplete, full-text search over evidence, the filters' choices, and who is realigning.

Why apart from `api`: these are the workbench's routes (the per-dyad and per-actor routes stay there); the
same rules hold: parameters are codes, dates, words or numbers, answers strict JSON, analysis answers
cached per store state.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from realpolitik.web import evidence, names
from realpolitik.web.analysis_bridge import CapabilityMissing, analysis_function, jsonable, to_code
from realpolitik.web.api import CODE_RE, Access, EventTypes, OptDate, Origins, _cached, _call_analysis
from realpolitik.web.validation import check_dates

router = APIRouter(prefix="/api")
Unit = Annotated[str, Query(pattern="^(year|quarter|month)$")]


def _index(access: Access) -> list[names.ActorEntry]:
    return _cached(access, ("actor-index",), lambda: names.actor_index(access))


@router.get("/actors", summary="The actor index: every actor with events, most active first, with its name")
def actors(
    access: Access,
    q: Annotated[
        str | None, Query(max_length=80, description="only actors whose code or name starts with or holds this")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> dict[str, Any]:
    entries = _index(access)
    shown = names.complete(entries, q, limit) if q else entries[:limit]
    return {"total": len(entries), "actors": [e.__dict__ for e in shown]}


@router.get("/actors/resolve", summary="What a typed name or code stands for, or did-you-mean suggestions")
def resolve(access: Access, q: Annotated[str, Query(min_length=1, max_length=80)]) -> dict[str, Any]:
    return names.resolve(access, q, _index(access)).to_dict()


@router.get("/search", summary="Full-text search over evidence sentences, with period, event type and origin filters")
def search(
    access: Access,
    q: Annotated[str, Query(max_length=200, description="words that must all appear in the sentence")] = "",
    since: OptDate = None,
    until: OptDate = None,
    event_type: EventTypes = None,
    origin: Origins = None,
    actor: Annotated[str | None, Query(pattern=CODE_RE)] = None,
    include_all: bool = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    check_dates(since=since, until=until)
    code = to_code(actor) if actor else None
    return evidence.search(access, q, since, until, event_type, origin, code, include_all, limit)


@router.get("/facets", summary="The event types and origins in the store, with counts (the filters' choices)")
def facets(access: Access) -> dict[str, Any]:
    return _cached(access, ("facets",), lambda: evidence.facets(access))


@router.get("/shifts/ranking", summary="Who is realigning: actors ranked by tested change, with drivers and sentences")
def shifts_ranking(
    access: Access,
    by: Unit = "quarter",
    max_actors: Annotated[
        int, Query(ge=1, le=500, description="test at most this many actors, most active first")
    ] = 30,
    min_events: Annotated[int, Query(ge=1, le=100000)] = 2,
) -> Any:
    from realpolitik.web.access import store_on_cursor
    from realpolitik.web.ranking import rank_shifts

    try:
        fn = analysis_function("shifts", "shifts")
    except CapabilityMissing as exc:
        return JSONResponse({"detail": str(exc)}, status_code=501)
    entries = _index(access)

    def compute() -> Any:
        with access.cursor() as cur:
            return jsonable(rank_shifts(store_on_cursor(access, cur), entries, fn, by, max_actors, min_events))

    return JSONResponse(_cached(access, ("shifts-ranking", by, max_actors, min_events), compute))


DYAD_QUESTIONS = {"ally": "alliance", "dependence": "dependence", "similarity": "similarity"}


@router.get(
    "/answer", summary="A dyad question for the dashboard's cards: the answer, or why there is none (always 200)"
)
def answer(
    access: Access,
    question: Annotated[str, Query(pattern="^(ally|dependence|similarity)$")],
    a: Annotated[str, Query(pattern=CODE_RE)],
    b: Annotated[str, Query(pattern=CODE_RE)],
) -> dict[str, Any]:
    """Why: a card whose data was never imported (no SIPRI register) is an expected state of the page, not a
    failed request; /api/ally, /api/dependence and /api/similarity keep answering it with 400 or 501."""
    from fastapi import HTTPException

    try:
        out = _call_analysis(access, DYAD_QUESTIONS[question], question, to_code(a), to_code(b))
    except HTTPException as exc:
        return {"question": question, "available": False, "status": exc.status_code, "detail": exc.detail}
    return {"question": question, "available": True, "status": 200, "answer": out}
