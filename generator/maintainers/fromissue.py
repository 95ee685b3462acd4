"""Make a profile from an "Add me as a mentor" issue: read the body, build the file, check it like any other."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from ..profiles import loader, yaml_strict
from ..profiles.problems import ProfileError
from ..profiles.validate import Rules, profile
from ..profiles.vocabulary import Vocabulary
from .issueform import FormProblem, answers, build, render

MAX_BODY = 256 * 1024


def check(
    text: str, owners: list[str], folder: Path, vocab: Vocabulary, today: dt.date, programme: Rules | None = None
) -> tuple[list[FormProblem], list[FormProblem]]:
    """(errors, warnings) in the profile text, by the same rules as every profile, named by question."""
    examples = loader.template_examples(folder / loader.TEMPLATE_FILE)
    rules = replace(programme or Rules(today=today), today=today, photos_dir=folder / "photos", examples=examples)
    found = [(line, col, "error", message) for line, col, message in yaml_strict.scan_text(text)]
    try:
        doc = yaml_strict.parse(text)
    except ProfileError as exc:
        found.append((exc.line, exc.col, "error", exc.message))
    else:
        found += profile(doc, "new", folder / "new.yml", vocab, rules)[1]
    errors, warnings = [], []
    for line, _, severity, message in found:
        label = owners[line - 1] if 0 < line <= len(owners) else ""
        (errors if severity == "error" else warnings).append((label, message))
    return errors, warnings


@dataclass
class Made:
    """A profile made from an issue: its text, and what stops it being written."""

    text: str
    name: str
    email: str
    errors: list[str]
    warnings: list[str]


def make(body: str, folder: Path, today: dt.date, programme: Rules | None = None) -> Made:
    """The profile an issue body describes, checked; errors name the question to fix."""
    if not (folder / loader.VOCABULARY_FILE).is_file():
        raise ValueError(f"{folder} has no {loader.VOCABULARY_FILE}: run this from the repository's top folder.")
    values, problems = answers(body)
    if not values:
        problems.append(("", "None of the form's questions were found: is this an 'Add me as a mentor' issue?"))
    vocab, vocab_problems = loader.load_vocabulary(folder / loader.VOCABULARY_FILE)
    problems += [("", p.text()) for p in vocab_problems]
    pieces, more = build(values, vocab, today)
    text, owners = render(pieces)
    errors, warnings = check(text, owners, folder, vocab, today, programme)
    if problems or more:
        # A missing answer is already said in the form's words; the checker's "add a line" would repeat it.
        errors = problems + more + [e for e in errors if e[0]]
    said = [f"{label}: {message}" if label else message for label, message in errors]
    return Made(
        text,
        values.get("Your name", ""),
        values.get("Email address students write to", ""),
        list(dict.fromkeys(said)),
        [f"{label}: {message}" if label else message for label, message in warnings],
    )


def read_body(source: str) -> str:
    """The text of an issue body saved in a file, or from standard input when source is '-'."""
    try:
        if source == "-":
            raw = sys.stdin.buffer.read(MAX_BODY + 1)
        else:
            with open(source, "rb") as handle:
                raw = handle.read(MAX_BODY + 1)
    except OSError as exc:
        raise ValueError(f"{source} cannot be read: {exc.strerror}. Save the issue's body to a file first.") from None
    if len(raw) > MAX_BODY:
        raise ValueError(f"{source} is over {MAX_BODY // 1024} KB: that is not an issue body.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(f"{source} is not UTF-8 text: save the issue's body as UTF-8.") from None


def refusal(source: str, errors: list[str]) -> str:
    """What to tell the maintainer when the issue cannot become a profile yet."""
    lines = [f"{source}: this issue cannot become a profile yet, so nothing was written:"]
    lines += [f"  - {line}" for line in errors]
    lines.append("Ask the person to edit the issue (or fix the answers in the saved body), then run this again.")
    return "\n".join(lines)


def write(made: Made, path: Path) -> Path:
    """Write the profile to a new file (never over an existing one); print the checker's notes."""
    with path.open("x", encoding="utf-8") as out:
        out.write(made.text)
    for line in made.warnings:
        print(f"note: {line}")
    return path
