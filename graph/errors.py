"""The KizunaError family: every error says what was wrong and what to do."""

from __future__ import annotations

from dataclasses import dataclass


class KizunaError(Exception):
    """Base class of every error kizuna reports to a user as a clean message."""


class ConfigError(KizunaError):
    """The configuration (environment variables, CLI options) is wrong."""


class StoreError(KizunaError):
    """The graph store cannot be reached or refused an operation."""


class StoreNotRunning(StoreError):
    """No server is running for the configured data directory."""


class StoreAlreadyRunning(StoreError):
    """A server is already running for that data directory."""


class StoreBusy(StoreError):
    """Another load holds the store's load lock."""


class StoreUnavailable(StoreError):
    """The store stopped answering (refused or lost connections after the driver's retries)."""


class StoreRefused(StoreError):
    """The store refused a statement; ``reason`` is the server's cause as one plain line."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class LoadStopped(StoreError):
    """A load stopped after it began writing: the store holds part of the bundle.

    ``rerun`` is the command that starts over (the CLI puts the bundle's path in it).
    """

    def __init__(self, message: str, *, unavailable: bool) -> None:
        super().__init__(message)
        self.message = message
        self.unavailable = unavailable
        self.rerun = "kizuna load --replace <the same bundle>"

    def __str__(self) -> str:
        return self.message.replace("{rerun}", self.rerun)


@dataclass(frozen=True)
class Problem:
    """One problem found in an input bundle.

    ``row`` is the 1-based line number as a spreadsheet shows it (the header is row 1),
    or None when the problem is about the whole file or column.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    hint: str = ""
    severity: str = "error"  # "error" stops a load; "warning" is reported only

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
            "severity": self.severity,
        }


class BundleError(KizunaError):
    """A bundle cannot be read or is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        head = f"{len(errors)} problem(s) in the bundle; nothing was written."
        super().__init__("\n".join([head, *(f"  - {p}" for p in errors)]))
