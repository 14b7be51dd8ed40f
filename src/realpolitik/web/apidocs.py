"""The API documentation page at /docs, rendered on the server from the app's OpenAPI schema.

Why not Swagger UI or ReDoc: FastAPI loads them from a CDN, so /docs was blank offline, and neither is
shipped by an installed package here. This page is plain HTML (no script, one local stylesheet), so it
loads on a closed network under the same strict Content-Security-Policy as the dashboard; every text in
it is escaped. Each GET endpoint gets a form that sends its query to the JSON API.
"""

from __future__ import annotations

from html import escape
from typing import Any


def _type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"array of {_type(schema.get('items') or {})}"
    return str(schema.get("type") or schema.get("$ref", "").rsplit("/", 1)[-1] or "any")


def _constraints(schema: dict[str, Any]) -> str:
    parts = []
    for s in [schema, *schema.get("anyOf", [])]:
        if "pattern" in s:
            parts.append(f"pattern {s['pattern']}")
        for k, word in (("minimum", "≥"), ("maximum", "≤"), ("maxLength", "length ≤")):
            if k in s:
                parts.append(f"{word} {s[k]}")
    if "default" in schema and schema["default"] is not None:
        parts.append(f"default {schema['default']}")
    return "; ".join(parts)


def _params_table(params: list[dict[str, Any]]) -> str:
    if not params:
        return "<p class='muted'>No parameters.</p>"
    rows = []
    for p in params:
        schema = p.get("schema") or {}
        rows.append(
            "<tr>"
            f"<td><code>{escape(p['name'])}</code>{' <b>required</b>' if p.get('required') else ''}</td>"
            f"<td>{escape(p.get('in', ''))}</td><td>{escape(_type(schema))}</td>"
            f"<td>{escape(_constraints(schema))}</td>"
            f"<td>{escape(p.get('description') or schema.get('description') or '')}</td></tr>"
        )
    head = "<tr><th>name</th><th>in</th><th>type</th><th>constraints</th><th>description</th></tr>"
    return f"<table class='params'><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _try_form(path: str, params: list[dict[str, Any]]) -> str:
    """A GET form for an endpoint with query parameters only (submitting it shows the JSON answer)."""
    if any(p.get("in") != "query" for p in params):
        return ""
    fields = []
    for p in params:
        default = (p.get("schema") or {}).get("default")
        value = "" if default is None or isinstance(default, bool) else str(default)
        fields.append(
            f"<label>{escape(p['name'])} <input name='{escape(p['name'])}' value='{escape(value)}'"
            f"{' required' if p.get('required') else ''} size='10'></label> "
        )
    return f"<form class='try' method='get' action='{escape(path)}'>{''.join(fields)}<button>Send</button></form>"


def _form_fields(schema: dict[str, Any], body: dict[str, Any] | None) -> str:
    """The fields of a form request body (the ingest endpoint), from the schema's components."""
    if not body:
        return ""
    fields: list[dict[str, Any]] = []
    for media, content in (body.get("content") or {}).items():
        ref = (content.get("schema") or {}).get("$ref", "")
        model = (schema.get("components") or {}).get("schemas", {}).get(ref.rsplit("/", 1)[-1], {})
        required = set(model.get("required") or [])
        for name, prop in (model.get("properties") or {}).items():
            fields.append({"name": name, "in": media, "required": name in required, "schema": prop})
    return "<p>Request body fields:</p>" + _params_table(fields) if fields else "<p>A request body.</p>"


def render(schema: dict[str, Any]) -> str:
    """The whole page: a table of contents and, per endpoint, its summary, parameters and answers."""
    info = schema.get("info") or {}
    toc, sections = [], []
    for path, ops in sorted((schema.get("paths") or {}).items()):
        for method, op in ops.items():
            anchor = f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", "")
            summary = op.get("summary") or ""
            toc.append(
                f"<li><a href='#{escape(anchor)}'><code>{method.upper()} {escape(path)}</code></a> {escape(summary)}</li>"
            )
            params = op.get("parameters") or []
            answers = ", ".join(
                f"{escape(code)} {escape(r.get('description', ''))}" for code, r in (op.get("responses") or {}).items()
            )
            body = _form_fields(schema, op.get("requestBody"))
            form = _try_form(path, params) if method == "get" and "{" not in path else ""
            sections.append(
                f"<section id='{escape(anchor)}'><h2><code>{method.upper()} {escape(path)}</code></h2>"
                f"<p>{escape(summary)}</p>{body}{_params_table(params) if params or not body else ''}<p class='muted'>Answers: {answers}</p>{form}</section>"
            )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(info.get('title', 'API'))} API</title>"
        "<link rel='icon' href='data:,'><link rel='stylesheet' href='/static/style.css'></head>"
        f"<body class='apidocs'><header><a class='brand' href='/'>{escape(info.get('title', ''))}</a>"
        f"<span>API {escape(str(info.get('version', '')))}</span>"
        "<a href='/openapi.json'>openapi.json</a></header><main>"
        f"<h1>JSON API</h1><p>{escape(info.get('description', ''))}</p>"
        "<p>Answers are strict JSON (missing values are null, never NaN). Dates are YYYY, YYYY-MM or YYYY-MM-DD.</p>"
        f"<ul class='toc'>{''.join(toc)}</ul>{''.join(sections)}</main></body></html>"
    )
