"""Problems found in a profile: what every check reports, and how it is printed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a file, at the place a person should look."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"

    def github(self) -> str:
        # Workflow commands end at a newline; '%', CR and LF must be escaped in
        # the message and ',' and ':' as well in properties.
        msg = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = _gh_property(self.path)
        title = "Profile error" if self.severity == "error" else "Profile warning"
        return f"::{self.severity} file={path},line={self.line},col={self.col},title={title}::{msg}"


def _gh_property(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


class ProfileError(Exception):
    """Raised by a reader to stop at a problem that makes the rest unreadable."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.col = col
        self.message = message


def to_json(problems: Iterable[Problem]) -> str:
    """Problems as a JSON array, for machines."""
    return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)


def summary(problems: list[Problem], files: int) -> str:
    """One line a person can read at a glance."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    bad_files = len({p.path for p in problems if p.severity == "error"})
    noun = "profile" if files == 1 else "profiles"
    if not problems:
        return f"All {files} {noun} look good."
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''} in {bad_files} of {files} {noun}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    verdict = "fix the errors above and push again." if errors else "nothing blocks the build."
    return f"{', '.join(parts)}: {verdict}"
