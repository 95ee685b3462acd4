"""Profiles due for reconfirmation: not confirmed for warn_after_months, or already hidden."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from .. import settings
from ..profiles import loader
from ..profiles.model import Mentor, months_between
from ..profiles.validate import rules_for
from .mdtext import code, escape, table


@dataclass(frozen=True)
class Due:
    """One profile to reconfirm, with who to ask."""

    slug: str
    name: str
    file: str
    last_confirmed: str
    months: int
    github: str | None
    hidden: bool


@dataclass
class Report:
    """Profiles due soon, profiles already hidden, and files that could not be read."""

    today: dt.date
    warn_after_months: int
    hide_after_months: int
    due: list[Due]
    hidden: list[Due]
    unreadable: list[str]


# The defaults are Settings' own: `limits` reads the programme's values from mkdocs.yml.
WARN, HIDE = settings.Settings.warn_after_months, settings.Settings.hide_after_months


def find(
    mentors: list[Mentor], today: dt.date, warn_after: int = WARN, hide_after: int = HIDE
) -> tuple[list[Due], list[Due]]:
    """(still shown but due, already hidden), the longest unconfirmed first."""
    due, hidden = [], []
    for m in mentors:
        months = months_between(m.checked_on, today)
        if months < min(warn_after, hide_after):  # a programme may hide sooner than it warns
            continue
        when = m.last_confirmed.isoformat() if m.last_confirmed else f"never (imported {m.checked_on.isoformat()})"
        entry = Due(m.slug, m.name, str(m.source), when, months, m.github, months >= hide_after)
        (hidden if entry.hidden else due).append(entry)
    order = lambda d: (-d.months, d.slug)  # noqa: E731
    return sorted(due, key=order), sorted(hidden, key=order)


def report(paths: list[Path], programme: settings.Settings) -> Report:
    """Read profiles through the loader, by the programme's rules, and sort out who needs to reconfirm."""
    result = loader.load(paths, rules_for(programme))
    today, warn_after, hide_after = programme.today, programme.warn_after_months, programme.hide_after_months
    due, hidden = find(result.mentors, today, warn_after, hide_after)
    unreadable = sorted({p.path for p in result.problems if p.severity == "error"})
    return Report(today, warn_after, hide_after, due, hidden, unreadable)


def text(r: Report) -> str:
    """Plain lines for a terminal."""
    lines = [f"As of {r.today.isoformat()}:"]
    for title, entries in (
        (f"Due to reconfirm ({r.warn_after_months}+ months)", r.due),
        ("Hidden from the site", r.hidden),
    ):
        lines.append(f"{title}: {len(entries) or 'none'}")
        for d in entries:
            who = f" @{d.github}" if d.github else ""
            lines.append(f"  {d.file}: {d.name}, last confirmed {d.last_confirmed} ({d.months} months){who}")
    if r.unreadable:
        lines.append(f"Not checked, because they have errors (run mentor-directory check): {len(r.unreadable)}")
        lines += [f"  {path}" for path in r.unreadable]
    return "\n".join(lines)


def markdown(r: Report) -> str:
    """A section for a workflow's job summary or an issue."""
    lines = [f"## Profiles to reconfirm, as of {r.today.isoformat()}", ""]
    sections = (
        (f"Due: not confirmed for {r.warn_after_months} months or more, still on the site", r.due),
        (f"Hidden: not confirmed for {r.hide_after_months} months or more, left off the site", r.hidden),
    )
    for title, entries in sections:
        lines += [f"### {title}", ""]
        if not entries:
            lines += ["None.", ""]
            continue
        rows = [
            [
                escape(d.name),
                code(d.file),
                d.last_confirmed,
                str(d.months),
                f"@{d.github}" if d.github else "no GitHub name",
            ]
            for d in entries
        ]
        lines += table(["Name", "File", "Last confirmed", "Months", "Ask"], rows) + [""]
    if r.unreadable:
        lines += ["### Not checked", "", "These files have errors, so their dates could not be read:", ""]
        lines += [f"- {code(path)}" for path in r.unreadable] + [""]
    lines.append("To reconfirm: check the profile is still right and set `last_confirmed` to the day you checked it.")
    return "\n".join(lines) + "\n"


def as_json(r: Report) -> str:
    """The report for machines."""
    data = asdict(r)
    data["today"] = r.today.isoformat()
    return json.dumps(data, ensure_ascii=False, indent=2)


def programme(config: Path, today: dt.date, folder: Path | None = None) -> tuple[settings.Settings, Path]:
    """The programme's settings and the profiles folder, from mkdocs.yml if there is one."""
    try:
        found, profiles = settings.load(config, today)  # the defaults where there is no mkdocs.yml
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        raise ValueError(f"{config} cannot be read: {exc}") from None
    folder = folder or profiles
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder of profiles: give the folder, such as mentors/.")
    return found, folder
