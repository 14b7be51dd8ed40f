"""The JSON API behind the dashboard (documented at /docs by FastAPI's OpenAPI support).

Every request parameter is a code, a date or a number: none is ever turned into a file path.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import StringConstraints

from realpolitik.errors import RealpolitikError
from realpolitik.model import Document
from realpolitik.web import queries, series
from realpolitik.web.access import StoreAccess, store_on_cursor
from realpolitik.web.analysis_bridge import CapabilityMissing, facade_function, jsonable, to_code
from realpolitik.web.security import MAX_UPLOAD_BYTES, require_write
from realpolitik.web.validation import check_dates

router = APIRouter(prefix="/api")

DATE_RE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
CODE_RE = r"^[A-Za-z0-9_:.\- ]{1,64}$"
Code = Annotated[str, Query(pattern=CODE_RE, description="actor code (ISO3 for states) or country name")]
OptDate = Annotated[str | None, Query(pattern=DATE_RE, description="YYYY, YYYY-MM or YYYY-MM-DD")]
EventTypes = Annotated[
    list[Annotated[str, StringConstraints(pattern=r"^[A-Z_]{2,20}$")]] | None,
    Query(description="only these event types (PLOVER, repeatable)"),
]
Origins = Annotated[
    list[Annotated[str, StringConstraints(pattern=r"^[a-z_]{2,20}$")]] | None,
    Query(description="only events of these origins: text, gdelt, icews, ... (repeatable)"),
]


def access_of(request: Request) -> StoreAccess:
    return request.app.state.access


Access = Annotated[StoreAccess, Depends(access_of)]


def _call_analysis(access: StoreAccess, module: str, name: str, *args: Any, **kw: Any) -> Any:
    """Run an analysis function on a private cursor and map its failures to HTTP answers.

    Answers are cached per store state (`access.generation`), so callers must not modify what they get.
    """
    try:
        fn = facade_function(module, name)
    except CapabilityMissing as exc:
        raise HTTPException(501, str(exc)) from None

    def compute() -> Any:
        with access.cursor() as cur:  # the typed façade the CLI and `ask` call; its full result is `.data`
            return jsonable(fn(*args, db=store_on_cursor(access, cur), **kw).data)

    key = ("analysis", module, name, args, tuple(sorted(kw.items())))
    try:
        return _cached(access, key, compute)
    except RealpolitikError as exc:  # a question the store cannot answer; its file path stays on the server
        raise HTTPException(400, str(exc).replace(f"{access.db_path}: ", "")) from None


def _cached(access: StoreAccess, key: tuple[Any, ...], compute: Any) -> Any:
    """A read's answer for this state of the store (the same window asked again costs nothing until a write)."""
    return access.answers.get((access.generation, *key), compute)


@router.get("/health", summary="Store counts and whether this server accepts writes")
def health(request: Request, access: Access) -> dict[str, Any]:
    stats = _cached(access, ("stats",), lambda: queries.stats(access))
    return {"ok": True, "allow_write": bool(request.app.state.allow_write), **stats}


@router.get("/graph", summary="Actors and signed relations in a period (top dyads by event count)")
def graph(
    access: Access,
    since: OptDate = None,
    until: OptDate = None,
    max_edges: Annotated[int, Query(ge=1, le=2000)] = 150,
    min_events: Annotated[int, Query(ge=1, le=100000)] = 1,
    event_type: EventTypes = None,
    origin: Origins = None,
) -> dict[str, Any]:
    check_dates(since=since, until=until)
    types, origins = tuple(sorted(event_type or [])), tuple(sorted(origin or []))
    key = ("graph", since, until, max_edges, min_events, types, origins)
    return _cached(
        access,
        key,
        lambda: queries.graph(access, since, until, max_edges, min_events, list(types), list(origins)),
    )


@router.get("/edge", summary="The events between two actors, with evidence sentences and source links")
def edge(
    access: Access,
    a: Code,
    b: Code,
    since: OptDate = None,
    until: OptDate = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    include_all: bool = False,
    event_type: EventTypes = None,
    origin: Origins = None,
) -> dict[str, Any]:
    check_dates(since=since, until=until)
    return queries.dyad_events(access, to_code(a), to_code(b), since, until, limit, include_all, event_type, origin)


@router.get("/dyad", summary="Timeline and strongest sentences of a dyad")
def dyad(access: Access, a: Code, b: Code, limit: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
    a, b = to_code(a), to_code(b)
    out = queries.dyad_events(access, a, b, None, None, limit)
    out.update(series.dyad_timeline(access, a, b))
    out["names"] = queries.actor_names(access, [a, b])
    return out


@router.get("/ally", summary="Alliance status of a dyad (same JSON as `realpolitik ally --json`)")
def ally(access: Access, a: Code, b: Code, year: Annotated[int | None, Query(ge=1800, le=2100)] = None) -> Any:
    return JSONResponse(_call_analysis(access, "alliance", "ally", to_code(a), to_code(b), year=year))


@router.get("/dependence", summary="Arms-trade dependence between two states")
def dependence(access: Access, a: Code, b: Code) -> Any:
    return JSONResponse(_call_analysis(access, "dependence", "dependence", to_code(a), to_code(b)))


@router.get("/similarity", summary="Foreign-policy similarity (UNGA votes) of two states")
def similarity(access: Access, a: Code, b: Code) -> Any:
    return JSONResponse(_call_analysis(access, "similarity", "similarity", to_code(a), to_code(b)))


@router.get("/actor", summary="An actor's partners over time")
def actor(
    access: Access,
    code: Code,
    by: Annotated[str, Query(pattern="^(year|quarter|month)$")] = "quarter",
    top: Annotated[int, Query(ge=1, le=50)] = 8,
) -> dict[str, Any]:
    c = to_code(code)
    return _cached(access, ("actor", c, by, top), lambda: series.actor_partners(access, c, by, top))


@router.get("/shifts", summary="Changes in an actor's relations, with the events behind them")
def shifts(access: Access, code: Code, by: Annotated[str, Query(pattern="^(year|quarter|month)$")] = "quarter") -> Any:
    return JSONResponse(_call_analysis(access, "shifts", "shifts", to_code(code), by=by))


@router.get("/triads", summary="Frustrated (unbalanced) triads, optionally only those involving an actor")
def triads(
    access: Access,
    code: Annotated[str | None, Query(pattern=CODE_RE)] = None,
    at: OptDate = None,
    window: Annotated[str, Query(pattern=r"^\d{1,5}d$")] = "365d",
    method: Annotated[
        str,
        Query(
            pattern="^(auto|exact|heuristic)$",
            description="how the frustration index and blocs are found (the triads are the same): heuristic is fast",
        ),
    ] = "auto",
    limit: Annotated[int | None, Query(ge=1, le=100000, description="at most this many triads in the answer")] = None,
) -> Any:
    check_dates(at=at)
    result = _call_analysis(access, "balance", "balance", at=at, window=window, method=method)
    if not isinstance(result, dict):
        return JSONResponse(result)
    out = dict(result)  # the cached answer stays whole
    out["names"] = _triad_names(access, result)
    listed = result.get("frustrated_triads") or []
    if code:
        out["actor"] = to_code(code)
        listed = [t for t in listed if _mentions(t, out["actor"])]
    out["frustrated_triads_matching"] = len(listed)
    out["frustrated_triads"] = listed[:limit] if limit else listed
    return JSONResponse(out)


def _triad_names(access: StoreAccess, result: dict[str, Any]) -> dict[str, str]:
    """Display names of every actor in the triads and the cross-pressure list."""
    from realpolitik.web.names import names_of

    codes = {
        str(c) for t in result.get("frustrated_triads") or [] if isinstance(t, dict) for c in t.get("actors") or []
    }
    codes |= {str(c.get("actor")) for c in result.get("cross_pressure") or [] if isinstance(c, dict)}
    codes |= {str(c) for bloc in result.get("blocs") or [] if isinstance(bloc, list) for c in bloc}
    return names_of(access, sorted(codes))


def _mentions(triad: Any, code: str) -> bool:
    """Whether a triad from `analysis.balance.balance` involves `code`.

    A triad is `{"actors": [a, b, c], "pressured": ..., "weight": ..., "edges": [...]}`; a bare list of
    three codes (or a dict naming them under "nodes"/"triad") is accepted too.
    """
    if isinstance(triad, dict):
        nodes = next((triad[k] for k in ("actors", "nodes", "triad") if triad.get(k)), None)
        if nodes is None:
            return False
    else:
        nodes = triad
    if not isinstance(nodes, list | tuple | set):
        nodes = [nodes]
    return code in {str(n.get("code", "")) if isinstance(n, dict) else str(n) for n in nodes}


@router.get("/documents", summary="Recently ingested documents")
def documents(access: Access, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[dict[str, Any]]:
    return queries.documents(access, limit)


@router.get("/documents/{doc_key}", summary="A document's text with sentences, mentions and events (offsets)")
def document(access: Access, doc_key: Annotated[str, PathParam(pattern=r"^[0-9a-f]{8,64}$")]) -> dict[str, Any]:
    doc = queries.document(access, doc_key)
    if doc is None:
        raise HTTPException(404, "no such document")
    return doc


@router.post(
    "/documents",
    summary="Ingest one article (pasted text or an uploaded .txt/.html file); needs --allow-write and the token",
    status_code=201,
    dependencies=[Depends(require_write)],
)
async def ingest(
    request: Request,
    text: Annotated[str | None, Form(max_length=MAX_UPLOAD_BYTES)] = None,
    file: Annotated[UploadFile | None, File()] = None,
    title: Annotated[str | None, Form(max_length=300)] = None,
    date: Annotated[str | None, Form(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")] = None,
    url: Annotated[str | None, Form(max_length=2000)] = None,
    doc_id: Annotated[str | None, Form(max_length=120)] = None,
) -> dict[str, Any]:
    from realpolitik.ingest import ingest as ingest_documents
    from realpolitik.sources.articles import checked_date

    try:
        date = checked_date(date)  # a real calendar date at its precision: not 2024-13-45
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    body, name, is_html = await _article_body(text, file)
    if url and not re.match(r"^https?://", url):
        raise HTTPException(422, "url must start with http:// or https://")
    if is_html:
        from realpolitik.sources.articles import html_to_text

        try:
            body, html_title = html_to_text(body, name or "upload")
        except RealpolitikError as exc:
            raise HTTPException(422, str(exc)) from None
        title = title or html_title
    if not body.strip():
        raise HTTPException(422, "empty document")
    ident = _safe_id(doc_id or name or (title or "pasted"))
    doc = Document(doc_id=ident, text=body, date=date or None, url=url or None, title=title or None)
    app_state = request.app.state
    access: StoreAccess = app_state.access

    def work() -> tuple[int, int]:
        with access.writer() as store:
            report = ingest_documents(store, [doc], extractor=app_state.extractor())
        return report.stored, report.events

    stored, n_events = await run_in_threadpool(work)
    return {
        "doc_key": doc.key,
        "doc_id": ident,
        "stored": bool(stored),
        "already_present": not stored,
        "events": n_events,
    }


async def _article_body(text: str | None, file: UploadFile | None) -> tuple[str, str | None, bool]:
    """The article's text from the form: a pasted text or an uploaded file (read in memory, never saved)."""
    if file is not None and file.filename:
        raw = await file.read(MAX_UPLOAD_BYTES + 1)
        if len(raw) > MAX_UPLOAD_BYTES:
            raise HTTPException(413, f"upload too large: at most {MAX_UPLOAD_BYTES} bytes")
        try:
            body = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise HTTPException(422, "the file is not UTF-8 text") from None
        # Only the name's stem is kept, as a label: the path part of a client's filename is ignored.
        name = PurePath(file.filename.replace("\\", "/")).name
        suffix = PurePath(name).suffix.lower()
        if suffix not in (".txt", ".text", ".md", ".html", ".htm", ""):
            raise HTTPException(415, "upload a .txt or .html file")
        return body, PurePath(name).stem, suffix in (".html", ".htm")
    if text is None:
        raise HTTPException(422, "paste a text or upload a file")
    return text, None, False


def _safe_id(name: str) -> str:
    """A display id made of safe characters only."""
    cleaned = re.sub(r"[^A-Za-z0-9_.\-]+", "-", name).strip("-.")
    return cleaned[:80] or "pasted"
