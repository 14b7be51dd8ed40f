"""Errors users see. Each says what went wrong and where (file, line), in one line."""

from __future__ import annotations


class RealpolitikError(Exception):
    """Base class: the CLI prints these as one line `error: ...` and exits with status 2."""


class InputError(RealpolitikError):
    """Bad input: a missing file, an unreadable encoding, an empty document, a malformed line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")


class ReferenceDataError(InputError):
    """A malformed reference data file (missing columns, bad codes, empty)."""
