"""Problems found in a profile: what every check reports, and how it is printed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

from ..wording import say
from .characters import reason, shown

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
        """One line for a terminal or a build log: what the profile says cannot start a line or move the cursor."""
        return f"{shown(self.path)}:{self.line}:{self.col}: {self.severity}: {shown(self.message)}"

    def github(self) -> str:
        """A workflow command that makes an annotation on the file and line."""
        title = "Profile error" if self.severity == "error" else "Profile warning"
        return (
            f"::{self.severity} file={gh_property(self.path)},line={self.line},col={self.col},title={title}"
            f"::{gh_message(self.message)}"
        )


def gh_message(value: str) -> str:
    """Text for a workflow command's message: '%', CR and LF escaped as the toolkit does, controls as \\u."""
    return shown(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def gh_property(value: str) -> str:
    """Text for a workflow command's property (file=, title=): ':' and ',' escaped as well."""
    return gh_message(value).replace(":", "%3A").replace(",", "%2C")


class ProfileError(Exception):
    """Raised by a reader to stop at a problem that makes the rest unreadable."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.col = col
        self.message = message


def to_json(problems: Iterable[Problem]) -> str:
    """Problems as a JSON array, for machines."""
    text = json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)
    # The same data, with every character a terminal would act on written as a JSON escape.
    # json.dumps has escaped every newline inside a string: the ones left are its own layout.
    return "".join(_json_escape(ch) if ch != "\n" and reason(ch) else ch for ch in text)


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def summary(problems: list[Problem], files: int) -> str:
    """One line a person can read at a glance: 'Checked 3 profiles: 1 error in 1 file, 2 warnings: ...'."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    # A photo's problems are its own file's: files with errors can outnumber the profiles checked.
    bad_files = len({p.path for p in problems if p.severity == "error"})
    checked = say("profiles_checked", files)
    if not problems:
        return f"{checked}: {say('all_look_good', files)}"
    parts = []
    if errors:
        parts.append(say("errors_in_files", errors, files=say("files", bad_files)))
    if warnings:
        parts.append(say("warnings", warnings))
    verdict = "fix the errors above and push again." if errors else "nothing blocks the build."
    return f"{checked}: {', '.join(parts)}: {verdict}"
