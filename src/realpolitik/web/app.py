"""The web app: the JSON API under /api, the dashboard at /, its scripts and styles under /static.

Why everything is served from the package: analysts run this on laptops and closed networks; the
dashboard must load with no internet, so cytoscape.js is vendored (from npm) next to our own modules.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from realpolitik import __version__
from realpolitik.web.access import StoreAccess
from realpolitik.web.analysis_bridge import preload
from realpolitik.web.api import router
from realpolitik.web.api_questions import router as questions_router
from realpolitik.web.security import (
    LOOPBACK_HOSTS,
    MAX_UPLOAD_BYTES,
    BodyLimit,
    HostCheck,
    new_token,
)

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
INDEX = HERE / "templates" / "index.html"

# The page may only load what this server serves: no inline script or style, no remote origin. Cytoscape
# injects one <style> element unless an element with the id "__________cytoscape_stylesheet" exists: the
# page's own stylesheet link carries that id and holds its one rule, so style-src needs no 'unsafe-inline'
# and no nonce (the styles it sets through element.style are CSSOM writes, which CSP allows). /docs is a
# server-rendered page under the same policy.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def create_app(
    db_path: str | Path,
    allow_write: bool = False,
    token: str | None = None,
    extractor: Callable[[], Any] | None = None,
    allowed_hosts: Iterable[str] = LOOPBACK_HOSTS,
    any_ip: bool = False,
) -> Any:
    """A FastAPI app over the store at `db_path`.

    Read-only unless `allow_write`; then writes need `token` (generated when not given, readable
    as `app.state.token`). `extractor` returns the event coder used for ingestion (default: the
    pipeline's process-wide one), so tests or embedders can share one loaded model. Requests are
    answered only under `allowed_hosts` (loopback names by default; `any_ip`: any IP address too),
    so that another site's page cannot read the store through DNS rebinding.
    """
    access = StoreAccess(db_path, allow_write=allow_write)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        threading.Thread(target=preload, name="realpolitik-preload", daemon=True).start()
        yield
        access.close()

    app = FastAPI(
        title="realpolitik",
        version=__version__,
        description="Evidence-backed event graph of international politics: graph, dyads, actors, documents.",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's Swagger UI and ReDoc load from a CDN: /docs is rendered here instead
        redoc_url=None,
    )
    app.state.access = access
    app.state.allow_write = allow_write
    app.state.token = (token or new_token()) if allow_write else ""
    app.state.extractor = extractor or _default_extractor
    app.add_middleware(BodyLimit, limit=MAX_UPLOAD_BYTES + 64_000)
    app.add_middleware(HostCheck, allowed=allowed_hosts, any_ip=any_ip)  # added last: runs first

    @app.middleware("http")
    async def security_headers(request: Any, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    app.include_router(router)
    app.include_router(questions_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(INDEX, media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        """The browser asks for it on pages that name no icon (a JSON answer opened in a tab)."""
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        from realpolitik.web.apidocs import render

        return HTMLResponse(render(app.openapi()))

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> RedirectResponse:
        return RedirectResponse("/docs")

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Any, exc: RequestValidationError) -> JSONResponse:
        """422 with one readable line in `detail` ("since: expected YYYY, YYYY-MM or YYYY-MM-DD, got
        '2024-13'"), the structured errors beside it in `errors`."""
        from realpolitik.web.validation import readable

        errors = jsonable_errors(exc.errors())
        return JSONResponse({"detail": readable(errors), "errors": errors}, status_code=422)

    @app.exception_handler(PermissionError)
    async def read_only(_request: Any, exc: PermissionError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=403)

    return app


def jsonable_errors(errors: Any) -> list[dict[str, Any]]:
    """Validation errors as JSON values (their `ctx` may hold exception objects)."""
    import json

    return json.loads(json.dumps(list(errors), default=str))


def _default_extractor() -> Any:
    from realpolitik.extract.pipeline import get_extractor

    return get_extractor()
