"""Readers for article inputs: plain text, HTML, JSONL, directories of them, and standard input.

Documents are yielded one at a time, so a caller can store each valid document before a later
bad one raises: "a broken line in the middle stores the valid documents before it". Given an `errors` list
(`ingest --keep-going`), a bad line or file is recorded there instead and reading goes on with the next one.

Why nothing is read whole: memory must not grow with the input. JSONL files are read line by line, and a
plain-text file larger than `LARGE_TEXT_BYTES` (a dump of many articles, a book-length report) is read in
parts of about `PART_CHARS` characters cut between paragraphs or sentences. Each part is a document of its
own (`doc_id` "<stem>#<n>", `offset` its first character in the file), so every engine codes it alike and
offsets inside it plus `offset` give the position in the file. A JSONL or standard-input document that long
(a whole book on one line) is cut into parts the same way ("<id>#<n>", `offset` in its text): one document
is parsed in one process, its parts by all the parsing workers, as fast as the same text in separate files.
"""

from __future__ import annotations

import codecs
import dataclasses
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
#: Half of a UTF-16 surrogate pair: JSON can escape one ("\ud800"), UTF-8 cannot hold it.
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Where a part may end when no paragraph break is near: after a sentence's final punctuation.
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


@dataclasses.dataclass
class ReadMeter:
    """How much of standard input has been read: bytes and lines, for a progress bar in bytes when its size
    is known (redirected from a file)."""

    bytes: int = 0
    lines: int = 0


#: A date as written in an input: YYYY, YYYY-MM or YYYY-MM-DD (its precision is how much of it is given).
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def checked_date(value: object) -> str | None:
    """`value` as a publication date (None when empty), or ValueError saying why it is not one. A timestamp
    ("2024-11-14T09:30:00Z") gives its day.

    Why here: every way in (a JSONL "date", `--date`, the web form) must store the same thing, a real
    calendar date at its precision; "2024-13-45" or 20241114 stored silently would later sort, filter and
    resolve relative dates wrongly."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or isinstance(value, bool):
        kind = "a number" if isinstance(value, int | float) and not isinstance(value, bool) else "not a string"
        raise ValueError(f"date {value!r} is {kind}; write it as a string, YYYY, YYYY-MM or YYYY-MM-DD")
    value = value.strip()
    if len(value) > 10 and value[10] in "T ":
        from datetime import datetime

        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"date {value!r} is not an ISO 8601 timestamp") from None
        value = value[:10]
    m = DATE_RE.match(value)
    if not m:
        raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if year == 0:
        raise ValueError(f"date {value!r} has no year 0")
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"date {value!r} has no month {month}")
    if month is not None and day is not None:
        import calendar

        if not 1 <= int(day) <= calendar.monthrange(year, int(month))[1]:
            raise ValueError(f"date {value!r} has no day {day} in that month")
    return value


def read_documents(
    paths: Iterable[str],
    date: str | None = None,
    stdin: TextIO | None = None,
    errors: list[InputError] | None = None,
    meter: ReadMeter | None = None,
) -> Iterator[Document]:
    """Yield documents from every path; `-` reads standard input, one document per line.

    Without `errors` the first bad input raises (after the documents before it were yielded); with a list,
    each bad line or file is appended to it and reading goes on. `meter` counts the bytes and lines of
    standard input read so far."""
    for p in paths:
        if p == "-":
            from realpolitik.sources.stdin_lines import read_stdin_lines

            yield from _kept_going(read_stdin_lines(stdin or sys.stdin, date, errors, meter), errors)
            continue
        try:
            files = input_files(Path(p))
        except InputError as exc:
            if errors is None:
                raise
            errors.append(exc)
            continue
        for f in files:
            yield from _kept_going(_read_file(f, date, errors), errors)


def expected_documents(paths: Iterable[str]) -> int | None:
    """How many documents `read_documents` will yield for these paths, counted ahead for a progress total:
    one per line of a JSONL file, one per text or HTML file, an estimate of the parts of a large text file;
    None when a path is standard input or cannot be listed (a stream's size is not known in advance)."""
    total = 0
    for p in paths:
        if p == "-":
            return None
        try:
            files = input_files(Path(p))
        except InputError:
            return None
        for f in files:
            if f.suffix.lower() in JSONL_SUFFIXES:
                with open(f, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif f.suffix.lower() in TEXT_SUFFIXES and f.stat().st_size > LARGE_TEXT_BYTES:
                total += f.stat().st_size // PART_CHARS + 1  # parts of about PART_CHARS characters
            else:
                total += 1
    return total


def input_files(path: Path) -> list[Path]:
    """The files a path names: itself, or a directory's supported files in order; an error if there are none."""
    if not path.exists():
        raise InputError("no such file or directory", str(path))
    if not path.is_dir():
        return [path]
    files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED)
    if not files:
        raise InputError("directory holds no .txt, .html or .jsonl files", str(path))
    return files


def _kept_going(docs: Iterator[Document], errors: list[InputError] | None) -> Iterator[Document]:
    """The documents of one input; with `errors`, an error that ends the input is recorded instead of raised."""
    if errors is None:
        yield from docs
        return
    try:
        yield from docs
    except InputError as exc:
        errors.append(exc)


def _read_text(path: Path) -> str:
    raw = _read_bytes(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _decode_error(path, raw, exc, 0, 1) from None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:  # unreadable: permissions, a device, a file removed while listed
        raise InputError(f"cannot read ({exc.strerror or exc})", str(path)) from None


def _decode_error(path: Path | str, raw: bytes, exc: UnicodeDecodeError, base: int, line: int) -> InputError:
    """The error for undecodable bytes: file, line and byte offset (`raw` starts at byte `base`, line `line`)."""
    return InputError(
        f"cannot decode as UTF-8 (byte 0x{raw[exc.start]:02x} at offset {base + exc.start}); convert the file to UTF-8",
        str(path),
        line + raw[: exc.start].count(b"\n"),
    )


def _read_file(path: Path, date: str | None, errors: list[InputError] | None = None) -> Iterator[Document]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, date, errors)
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


def _in_parts(doc: Document) -> Iterator[Document]:
    """The document itself, or when longer than `LARGE_TEXT_BYTES` characters its parts of about `PART_CHARS`
    cut as a large text file's are (`offset`: where the part starts in the document's text)."""
    text = doc.text
    if len(text) <= LARGE_TEXT_BYTES:
        yield doc
        return
    offset = part = 0
    while offset < len(text):
        rest = len(text) - offset
        cut = _cut_point(text[offset : offset + PART_CHARS], PART_CHARS) if rest > PART_CHARS else rest
        piece = text[offset : offset + cut]
        if piece.strip():
            part += 1
            yield dataclasses.replace(doc, doc_id=f"{doc.doc_id}#{part}", text=piece, offset=doc.offset + offset)
        offset += cut


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


def _read_jsonl(path: Path, date: str | None, errors: list[InputError] | None = None) -> Iterator[Document]:
    """One document per line, read line by line (a file of any size streams). With `errors`, a bad line is
    recorded there and the next line is read."""
    seen = bad = 0
    position = 0  # bytes before the current line
    try:
        f = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", str(path)) from None
    with f:
        for lineno, raw in enumerate(f, start=1):
            try:
                try:
                    line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    raise _decode_error(path, raw, exc, position, lineno) from None
                finally:
                    position += len(raw)
                doc = _jsonl_document(path, lineno, line, date)
            except InputError as exc:
                if errors is None:
                    raise
                errors.append(exc)
                bad += 1
                continue
            if doc is not None:
                seen += 1
                yield from _in_parts(doc)
    if seen == 0 and bad == 0:
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
    try:
        doc_date = checked_date(obj.get("date"))
    except ValueError as exc:
        raise InputError(str(exc), str(path), lineno) from None
    for field in ("url", "title"):
        if obj.get(field) is not None and not isinstance(obj[field], str):
            raise InputError(f'"{field}" must be a string, not {type(obj[field]).__name__}', str(path), lineno)
    if "id" in obj and (isinstance(obj["id"], bool) or not isinstance(obj["id"], str | int)):
        raise InputError(f'"id" must be a string or a whole number, not {type(obj["id"]).__name__}', str(path), lineno)
    for field in ("text", "title", "url", "id"):
        # JSON may escape half of a UTF-16 pair ("\ud800"): such text cannot be stored or hashed
        value = obj.get(field)
        if isinstance(value, str) and (m := _SURROGATE.search(value)):
            raise InputError(
                f'"{field}" holds an unpaired surrogate escape \\u{ord(m.group()):04x} at character {m.start()}',
                str(path),
                lineno,
            )
    return Document(
        doc_id=str(obj.get("id", f"{path.stem}-{lineno - 1}")),
        text=obj["text"],
        date=doc_date or date,
        path=f"{path}:{lineno}",
        url=obj.get("url"),
        title=obj.get("title"),
    )
