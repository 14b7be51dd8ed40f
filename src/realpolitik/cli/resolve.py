"""`realpolitik resolve`: the code, country and sector of an actor description.

`realpolitik resolve "the Malian armed forces" --json` answers one description; `realpolitik resolve -`
reads JSON lines `{"text", "context", "date"}` from standard input and answers each on its own line, in
order, with one model load for the whole batch (that is how held-out actor sets are scored).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from realpolitik.cli.options import json_option, print_json
from realpolitik.errors import InputError


@click.command("resolve")
@click.argument("text")
@click.option("--context", default=None, metavar="SENTENCE", help="A sentence containing the description.")
@click.option("--date", default=None, metavar="D", help="Date of the text (YYYY[-MM[-DD]]) for people's roles.")
@json_option
def resolve_command(text: str, context: str | None, date: str | None, as_json: bool) -> None:
    """Resolve an actor description to {code, country, sector, name}; TEXT "-" reads JSONL from stdin."""
    from realpolitik.extract.actors import resolve_with
    from realpolitik.extract.gazetteer import ascii_quotes
    from realpolitik.extract.nlp import load_nlp

    nlp = load_nlp()
    if text == "-":
        for item in _read_jsonl(sys.stdin):
            answer = resolve_with(nlp, ascii_quotes(item["text"]), _norm(item.get("context")), item.get("date"))
            sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        return
    answer = resolve_with(nlp, ascii_quotes(text), _norm(context), date)
    if as_json:
        print_json(answer)
        return
    fields = ("code", "country", "sector", "name")
    click.echo("  ".join(f"{k}={answer[k] if answer[k] is not None else '-'}" for k in fields))


def _norm(text: Any) -> str | None:
    from realpolitik.extract.gazetteer import ascii_quotes

    return ascii_quotes(text) if isinstance(text, str) and text.strip() else None


def _read_jsonl(stream: Any) -> list[dict[str, Any]]:
    """All lines parsed before any is resolved, so that a malformed line fails before output starts."""
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
        items.append(item)
    return items


def register(main: click.Group) -> None:
    main.add_command(resolve_command)
