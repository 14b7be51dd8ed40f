"""Readers for article inputs: plain text, HTML, JSONL, directories of them, and standard input.

Documents are yielded one at a time, so a caller can store each valid document before a later
bad one raises: "a broken line in the middle stores the valid documents before it".
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from realpolitik.errors import InputError
from realpolitik.model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


def read_documents(paths: Iterable[str], date: str | None = None, stdin: TextIO | None = None) -> Iterator[Document]:
    """Yield documents from every path; `-` reads standard input, one document per line."""
    for p in paths:
        if p == "-":
            yield from _read_stdin_lines(stdin or sys.stdin, date)
            continue
        path = Path(p)
        if not path.exists():
            raise InputError("no such file or directory", str(path))
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED)
            if not files:
                raise InputError("directory holds no .txt, .html or .jsonl files", str(path))
            for f in files:
                yield from _read_file(f, date)
        else:
            yield from _read_file(path, date)


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    for enc in ("utf-8-sig",):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise InputError(
                f"cannot decode as UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                "convert the file to UTF-8",
                str(path),
                line,
            ) from None
    raise AssertionError("unreachable")


def _read_file(path: Path, date: str | None) -> Iterator[Document]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, date)
        return
    text = _read_text(path)
    title = None
    if suffix in HTML_SUFFIXES:
        text, title = html_to_text(text, str(path))
    if not text.strip():
        raise InputError("empty document", str(path))
    yield Document(doc_id=path.stem, text=text, date=date, path=str(path), title=title)


def html_to_text(html: str, where: str) -> tuple[str, str | None]:
    """Main text of an HTML page (boilerplate removed) with trafilatura, and its title."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        # Pages too short for trafilatura's main-text heuristics: fall back to all visible text.
        from lxml import html as lhtml

        try:
            tree = lhtml.fromstring(html)
        except Exception as exc:  # lxml raises several types for garbage input
            raise InputError(f"cannot parse HTML ({exc})", where) from None
        for bad in tree.xpath("//script|//style|//noscript"):
            bad.drop_tree()
        text = "\n".join(t.strip() for t in tree.itertext() if t.strip())
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta is not None else None
    return text, title


def _read_jsonl(path: Path, date: str | None) -> Iterator[Document]:
    text = _read_text(path)
    seen = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"malformed JSON line ({exc.msg} at column {exc.colno})", str(path), lineno) from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise InputError('expected an object with a "text" string', str(path), lineno)
        if not obj["text"].strip():
            raise InputError("empty document", str(path), lineno)
        doc_id = str(obj.get("id", f"{path.stem}-{lineno - 1}"))
        seen += 1
        yield Document(
            doc_id=doc_id,
            text=obj["text"],
            date=obj.get("date") or date,
            path=f"{path}:{lineno}",
            url=obj.get("url"),
            title=obj.get("title"),
        )
    if seen == 0:
        raise InputError("empty document: no JSONL lines", str(path))


def _read_stdin_lines(stream: TextIO, date: str | None) -> Iterator[Document]:
    for i, line in enumerate(stream):
        if not line.strip():
            continue
        yield Document(doc_id=str(i), text=line.rstrip("\n"), date=date, path=f"<stdin>:{i + 1}")
