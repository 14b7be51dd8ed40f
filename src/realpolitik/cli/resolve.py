"""`realpolitik resolve`: the code, country and sector of an actor description.

`realpolitik resolve "the Malian armed forces" --json` answers one description; `realpolitik resolve -`
reads JSON lines `{"text", "context", "date"}` from standard input and answers each on its own line, in
order, with one model load for the whole batch (that is how held-out actor sets are scored).

Every line's date is read (people's roles depend on it: "Sergei Shoigu" is a minister in 2020 and the
Security Council secretary in 2025): ISO dates and times, "20240501", "2024/05/01", "1 May 2024" and
"May 1, 2024" are understood; `--date` is the date of lines without one; a date that cannot be read stops
the batch with the line it is on.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

import click

from realpolitik.cli.options import json_option, print_json, quiet_option
from realpolitik.errors import InputError

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@click.command("resolve")
@click.argument("text")
@click.option("--context", default=None, metavar="SENTENCE", help="A sentence containing the description.")
@click.option("--date", default=None, metavar="D", help="Date of the text (YYYY[-MM[-DD]]) for people's roles.")
@json_option
@quiet_option
def resolve_command(text: str, context: str | None, date: str | None, as_json: bool, quiet: bool) -> None:
    """Resolve an actor description to {code, country, sector, name}; TEXT "-" reads JSONL from stdin.
    --quiet is accepted as by the other commands: resolve writes nothing but its answers."""
    from realpolitik.extract.gazetteer import ascii_quotes
    from realpolitik.extract.mentions import resolve_with
    from realpolitik.extract.nlp import load_nlp

    default = read_date(date, "--date", None) if date else None
    if text == "-":
        items = _read_jsonl(sys.stdin, default)
        nlp = load_nlp()
        for item in items:
            answer = resolve_with(nlp, ascii_quotes(item["text"]), _norm(item.get("context")), item["date"])
            sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        return
    nlp = load_nlp()
    answer = resolve_with(nlp, ascii_quotes(text), _norm(context), default)
    if as_json:
        print_json(answer)
        return
    fields = ("code", "country", "sector", "name")
    click.echo("  ".join(f"{k}={answer[k] if answer[k] is not None else '-'}" for k in fields))


def _norm(text: Any) -> str | None:
    from realpolitik.extract.gazetteer import ascii_quotes

    return ascii_quotes(text) if isinstance(text, str) and text.strip() else None


def read_date(value: str, where: str, line: int | None) -> str:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD from the forms a batch may carry: ISO dates and times
    ("2024-05-01T10:00:00Z"), "20240501", "2024/05/01", "1 May 2024", "May 1, 2024", "May 2024"."""
    v = " ".join(value.strip().split())
    m = re.fullmatch(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:[T ].*)?", v) or re.fullmatch(
        r"(\d{4})(\d{2})(\d{2})", v
    )
    if m:
        year, month, day = m[1], m[2], m[3]
    else:
        low = v.lower().replace(",", " ").replace(".", " ").split()
        months = [_MONTHS.index(w[:3]) + 1 for w in low if w[:3] in _MONTHS and w.isalpha()]
        years = [w for w in low if re.fullmatch(r"\d{4}", w)]
        days = [w for w in low if re.fullmatch(r"\d{1,2}", w)]
        if not (months and years):
            raise InputError(f"unreadable date {value!r}", where, line)
        year, month, day = years[0], str(months[0]), days[0] if days else None
    out = year
    if month:
        out += f"-{int(month):02d}"
        if day:
            out += f"-{int(day):02d}"
    if not re.fullmatch(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?", out):
        raise InputError(f"unreadable date {value!r}", where, line)
    return out


def _read_jsonl(stream: Any, default: str | None = None) -> list[dict[str, Any]]:
    """All lines parsed before any is resolved, so that a malformed line fails before output starts; each
    line's date read (`read_date`), else the `--date` default."""
    items: list[dict[str, Any]] = []
    for n, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not a JSON object: {exc.msg}", "<stdin>", n) from None
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise InputError('expected an object with a string "text"', "<stdin>", n)
        for key in ("context", "date"):
            if item.get(key) is not None and not isinstance(item[key], str):
                raise InputError(f'"{key}" must be a string or null', "<stdin>", n)
        raw = item.get("date")
        item["date"] = read_date(raw, "<stdin>", n) if isinstance(raw, str) and raw.strip() else default
        items.append(item)
    return items


def register(main: click.Group) -> None:
    main.add_command(resolve_command)
