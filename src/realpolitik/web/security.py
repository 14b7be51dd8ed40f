"""Write protection, host names and request limits for the web server.

Why: the server is read-only unless started with --allow-write, and then only requests carrying
the token may write, so a page on another site (or another local user) cannot ingest into the store.
Why host names: a page on another site can point its own DNS name at 127.0.0.1 ("DNS rebinding") and then
read this server's answers as same-origin; the Host header still carries the attacker's name, so a server
that answers only its own names (`HostCheck`) gives that page nothing.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
from collections.abc import Iterable
from typing import Any

from fastapi import HTTPException, Request

TOKEN_HEADER = "X-Realpolitik-Token"
MAX_UPLOAD_BYTES = 1_000_000  # one article; a book or a dump goes through `realpolitik ingest`


#: Names a server on this machine answers by default: its loopback names.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
WILDCARD_BINDS = ("0.0.0.0", "::", "")


def allowed_host_names(bind: str = "127.0.0.1", extra: Iterable[str] = ()) -> frozenset[str]:
    """The Host names a server bound to `bind` answers: the loopback names, the bound address, `extra`.
    Bound to every interface (0.0.0.0), it also answers this machine's host name."""
    names = {*LOOPBACK_HOSTS, *(n.strip().lower() for n in extra if n.strip())}
    if bind in WILDCARD_BINDS:
        import socket

        names.add(socket.gethostname().lower())
    else:
        names.add(bind.strip("[]").lower())
    return frozenset(names)


def host_name(header: str) -> str:
    """The name in a Host header, without its port: "localhost:8000" -> "localhost", "[::1]:80" -> "::1"."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class HostCheck:
    """ASGI middleware: answer 421 (Misdirected Request) to a request whose Host is not one of the
    server's names. A server bound to every interface also answers any IP address (a page whose origin
    is an IP address is no rebinding: it reaches the server under its real address)."""

    def __init__(self, app: Any, allowed: Iterable[str], any_ip: bool = False) -> None:
        self.app = app
        self.allowed = frozenset(allowed)
        self.any_ip = any_ip

    def accepts(self, header: str | None) -> bool:
        if not header:
            return False
        name = host_name(header)
        return name in self.allowed or (self.any_ip and _is_ip(name))

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        if self.accepts(host):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await _json_error(send, 421, "unknown host name; start the server with --allow-host NAME to answer it")


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
    await _json_error(send, 413, f"upload too large: at most {limit} bytes")


async def _json_error(send: Any, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
