"""Documents from standard input: one text per line, or one JSONL record per line.

Why both: a shell pipeline carries either plain sentences or paragraphs (`cut`, `jq -r .text`), or the JSONL
records an export or a scraper writes (`cat articles.jsonl | realpolitik ingest -`). Which one a stream is,
its first line says: a JSON object with a "text" string makes the whole stream JSONL (ids, dates, titles and
URLs read as from a .jsonl file); anything else makes every line one text. Deciding once per stream, not per
line, keeps a text that happens to start with "{" a text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from realpolitik.errors import InputError
from realpolitik.model import Document
from realpolitik.sources.articles import ReadMeter, _decode_error, _in_parts, _jsonl_document

STDIN = Path("<stdin>")


def read_stdin_lines(
    stream: TextIO, date: str | None, errors: list[InputError] | None = None, meter: ReadMeter | None = None
) -> Iterator[Document]:
    """One document per non-blank line, or per JSONL record. The bytes are decoded here, line by line, so that
    bad UTF-8 is an error naming its line (the valid lines before it already yielded), not a crash or silent
    mojibake; with `errors`, a bad line is recorded there and the next is read."""
    binary = getattr(stream, "buffer", None)
    if binary is None:  # a text stream (io.StringIO in tests and embedders): already decoded
        lines: Iterator[str | None] = _counted_text(stream, meter)
    else:
        lines = _decoded_lines(binary, errors, meter)
    records: bool | None = None
    for i, line in enumerate(lines):
        if line is None or not line.strip():
            continue
        if records is None:
            records = _is_record(line)
        if not records:
            yield from _in_parts(Document(doc_id=str(i), text=line.rstrip("\n"), date=date, path=f"<stdin>:{i + 1}"))
            continue
        try:
            doc = _jsonl_document(STDIN, i + 1, line, date)
        except InputError as exc:
            if errors is None:
                raise
            errors.append(exc)
            continue
        if doc is not None:
            yield from _in_parts(doc)


def _is_record(line: str) -> bool:
    if not line.lstrip().startswith("{"):
        return False
    try:
        obj: Any = json.loads(line)
    except json.JSONDecodeError:
        return False
    return isinstance(obj, dict) and isinstance(obj.get("text"), str)


def _counted_text(stream: TextIO, meter: ReadMeter | None) -> Iterator[str]:
    for line in stream:
        if meter is not None:
            meter.bytes += len(line.encode("utf-8", "surrogatepass"))
            meter.lines += 1
        yield line


def _decoded_lines(
    binary: Any, errors: list[InputError] | None, meter: ReadMeter | None = None
) -> Iterator[str | None]:
    """Lines of a byte stream as text; a line that is not UTF-8 raises, or with `errors` is recorded (None)."""
    position = 0
    for lineno, raw in enumerate(binary, start=1):
        if meter is not None:  # counted when read: the document of this line ends here
            meter.bytes += len(raw)
            meter.lines += 1
        try:
            yield raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            err = _decode_error("<stdin>", raw, exc, position, lineno)
            if errors is None:
                raise err from None
            errors.append(err)
            yield None
        position += len(raw)
