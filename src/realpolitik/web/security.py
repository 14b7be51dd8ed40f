"""Write protection and request limits for the web server.

Why: the server is read-only unless started with --allow-write, and then only requests carrying
the token may write, so a page on another site (or another local user) cannot ingest into the store.
"""

from __future__ import annotations

import hmac
import json
import secrets
from typing import Any

from fastapi import HTTPException, Request

TOKEN_HEADER = "X-Realpolitik-Token"
MAX_UPLOAD_BYTES = 1_000_000  # one article; a book or a dump goes through `realpolitik ingest`


def new_token() -> str:
    """A random token for a write-enabled server started without one."""
    return secrets.token_urlsafe(24)


def request_token(request: Request) -> str | None:
    """The token a request presents: the X-Realpolitik-Token header or an `Authorization: Bearer` header."""
    tok = request.headers.get(TOKEN_HEADER)
    if tok:
        return tok.strip()
    auth = request.headers.get("Authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return None


def require_write(request: Request) -> None:
    """Refuse a write unless the server allows writes and the request holds the right token."""
    state = request.app.state
    if not state.allow_write:
        raise HTTPException(403, "the server is read-only; restart it with --allow-write to ingest")
    presented = request_token(request)
    if not presented:
        raise HTTPException(401, "a write token is required (X-Realpolitik-Token header)")
    if not hmac.compare_digest(presented.encode(), state.token.encode()):
        raise HTTPException(403, "wrong write token")


class BodyLimit:
    """ASGI middleware: refuse request bodies over the limit before any form parser buffers them.

    Why not a route dependency: FastAPI reads and parses the form before dependencies run, so a
    limit there would come after the memory is spent. Declared lengths are checked up front;
    chunked bodies are counted as they stream.
    """

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(send, self.limit)
            return
        seen = 0

        async def counted() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _BodyTooLarge:
            await _too_large(send, self.limit)


class _BodyTooLarge(Exception):
    pass


async def _too_large(send: Any, limit: int) -> None:
    body = json.dumps({"detail": f"upload too large: at most {limit} bytes"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
