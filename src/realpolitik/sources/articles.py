"""Readers for article inputs: plain text, HTML, JSONL, directories of them, and standard input.

Documents are yielded one at a time, so a caller can store each valid document before a later
bad one raises: "a broken line in the middle stores the valid documents before it".

Why nothing is read whole: memory must not grow with the input. JSONL files are read line by line, and a
plain-text file larger than `LARGE_TEXT_BYTES` (a dump of many articles, a book-length report) is read in
parts of about `PART_CHARS` characters cut between paragraphs or sentences. Each part is a document of its
own (`doc_id` "<stem>#<n>", `offset` its first character in the file), so every engine codes it alike and
offsets inside it plus `offset` give the position in the file.
"""

from __future__ import annotations

import codecs
import json
import re
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
#: Plain-text files larger than this many bytes are read in parts instead of whole.
LARGE_TEXT_BYTES = 8_000_000
#: About how many characters one part of a large text file holds: an article's worth, small enough for parts
#: to be parsed in parallel batches (extract.pipeline.BATCH_CHARS).
PART_CHARS = 6_000
_READ_BYTES = 1 << 20
#: Where a part may end when no paragraph break is near: after a sentence's final punctuation.
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


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
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _decode_error(path, raw, exc, 0, 1) from None


def _decode_error(path: Path, raw: bytes, exc: UnicodeDecodeError, base: int, line: int) -> InputError:
    """The error for undecodable bytes: file, line and byte offset (`raw` starts at byte `base`, line `line`)."""
    return InputError(
        f"cannot decode as UTF-8 (byte 0x{raw[exc.start]:02x} at offset {base + exc.start}); convert the file to UTF-8",
        str(path),
        line + raw[: exc.start].count(b"\n"),
    )


def _read_file(path: Path, date: str | None) -> Iterator[Document]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, date)
        return
    if suffix in TEXT_SUFFIXES and path.stat().st_size > LARGE_TEXT_BYTES:
        yield from _read_text_parts(path, date)
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


def _read_text_parts(path: Path, date: str | None) -> Iterator[Document]:
    """A large text file as a stream of part documents, never holding more than a part or two of it."""
    part = 0
    for offset, text in _text_parts(path, PART_CHARS):
        if not text.strip():
            continue
        part += 1
        yield Document(doc_id=f"{path.stem}#{part}", text=text, date=date, path=str(path), offset=offset)
    if part == 0:
        raise InputError("empty document", str(path))


def _text_parts(path: Path, size: int) -> Iterator[tuple[int, str]]:
    """(character offset, text) pieces of a UTF-8 file, each about `size` characters, cut at a paragraph break
    in the second half of the piece if there is one, else after a sentence, else at a space."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    buffer = ""
    offset = 0  # characters of the file before `buffer`
    consumed = 0  # bytes read so far
    line = 1  # line number at the start of the bytes being decoded
    with path.open("rb") as f:
        while True:
            raw = f.read(_READ_BYTES)
            try:
                buffer += decoder.decode(raw, final=not raw)
            except UnicodeDecodeError as exc:
                raise _decode_error(path, raw, exc, consumed, line) from None
            consumed += len(raw)
            line += raw.count(b"\n")
            while len(buffer) >= 2 * size or (not raw and buffer):
                cut = _cut_point(buffer, size) if len(buffer) > size else len(buffer)
                yield offset, buffer[:cut]
                offset += cut
                buffer = buffer[cut:]
            if not raw:
                return


def _cut_point(text: str, size: int) -> int:
    """Where to end a part of about `size` characters of `text`: after the last paragraph break, sentence end
    or space before `size`, preferring the first of these found in the part's second half."""
    half = size // 2
    nl = text.rfind("\n", half, size)
    if nl != -1:
        return nl + 1
    last = None
    for m in _SENTENCE_END.finditer(text, half, size):
        last = m.end()
    if last is not None:
        return last
    space = text.rfind(" ", half, size)
    return space + 1 if space != -1 else size


def _read_jsonl(path: Path, date: str | None) -> Iterator[Document]:
    """One document per line, read line by line (a file of any size streams)."""
    seen = 0
    position = 0  # bytes before the current line
    with path.open("rb") as f:
        for lineno, raw in enumerate(f, start=1):
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise _decode_error(path, raw, exc, position, lineno) from None
            position += len(raw)
            doc = _jsonl_document(path, lineno, line, date)
            if doc is not None:
                seen += 1
                yield doc
    if seen == 0:
        raise InputError("empty document: no JSONL lines", str(path))


def _jsonl_document(path: Path, lineno: int, line: str, date: str | None) -> Document | None:
    """The document on one JSONL line (None for a blank line); a clear error naming the line otherwise."""
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON line ({exc.msg} at column {exc.colno})", str(path), lineno) from None
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise InputError('expected an object with a "text" string', str(path), lineno)
    if not obj["text"].strip():
        raise InputError("empty document", str(path), lineno)
    return Document(
        doc_id=str(obj.get("id", f"{path.stem}-{lineno - 1}")),
        text=obj["text"],
        date=obj.get("date") or date,
        path=f"{path}:{lineno}",
        url=obj.get("url"),
        title=obj.get("title"),
    )


def _read_stdin_lines(stream: TextIO, date: str | None) -> Iterator[Document]:
    for i, line in enumerate(stream):
        if not line.strip():
            continue
        yield Document(doc_id=str(i), text=line.rstrip("\n"), date=date, path=f"<stdin>:{i + 1}")
