"""The pull request's job summary: which profiles it adds, changes or removes, their problems, and their cards."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from ..profiles import loader, vocabulary, yaml_strict
from ..profiles.model import Mentor
from ..profiles.problems import Problem, ProfileError
from ..profiles.validate import rules_for
from ..profiles.vocabulary import Vocabulary
from ..settings import Settings
from . import gitdiff, gitprofiles
from .gitprofiles import Folder
from .mdtext import code, escape, table
from .ownership import new_profile_concerns

_PHOTO_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.(jpg|jpeg|png|webp)\Z")
_SUPPORT = ("_vocabulary.yml", "_template.yml")
_MAX_OTHERS = 50
_HOW = {"A": "added", "M": "changed", "D": "removed", "R": "renamed"}


@dataclass
class Changed:
    """A profile the pull request adds, changes or removes."""

    path: str
    how: str  # "added", "changed", "renamed from ...", "removed"
    problems: list[Problem]
    mentor: Mentor | None = None
    name: str | None = None  # as the file gives it, even when the profile has errors
    concern: str | None = None  # why a maintainer must look, such as a likeness to another profile


def summarise(base: str, head: str, repo: Path, today: dt.date) -> str:
    """The job summary in Markdown for what head changes compared with base.

    The programme's rules and profiles folder are those of mkdocs.yml on base, as `ownership` reads them.
    """
    base_id, head_id = gitdiff.commit(base, repo), gitdiff.commit(head, repo)
    programme = gitprofiles.programme(base_id, repo, today)
    folder = gitprofiles.folder_of(programme)
    changes = gitdiff.changes(base_id, head_id, repo)
    profiles = [c for c in changes if folder.is_profile(c.path) or folder.is_profile(c.old_path)]
    rest = [c for c in changes if c not in profiles]
    photos = [(c.path, f" (photo {_HOW[c.status]})") for c in rest if folder.is_photo(c.path)]
    others = photos + [(c.path, "") for c in rest if not folder.is_photo(c.path)]
    present = [c for c in profiles if c.status != "D" and folder.is_profile(c.path)]
    checked, vocab = _check(present, head_id, repo, programme, folder)
    added = [c.path for c in present if c.status == "A" and c.regular]
    concerns = new_profile_concerns(added, base_id, head_id, repo, folder) if added else {}
    entries = []
    for c in profiles:
        if c in present:
            how = {"A": "added", "M": "changed"}.get(c.status, f"renamed from {c.old_path}")
            entries.append(Changed(c.path, how, *checked[c.path], concern=concerns.get(c.path)))
        else:
            gone = c.old_path or c.path
            entries.append(Changed(gone, "removed", [], name=_field(gitdiff.read(base_id, gone, repo), "name")))
    return "\n".join(render(entries, others, vocab, today)) + "\n"


Checked = tuple[list[Problem], Mentor | None, str | None]


def _check(
    changes: list[gitdiff.Change], head: str, repo: Path, programme: Settings, where: Folder
) -> tuple[dict[str, Checked], Vocabulary]:
    """Each profile as it stands at head, checked exactly as `mentor-directory check` would."""
    found: dict[str, Checked] = {}
    with tempfile.TemporaryDirectory(prefix="mentor-summary-") as tmp:
        folder = Path(tmp) / Path(where.path).name  # named as the programme's, as messages name it
        (folder / "photos").mkdir(parents=True)
        for name in _SUPPORT:
            _copy(head, f"{where.path}/{name}", folder / name, repo)
        files = {}
        for change in changes:
            if not change.regular:
                message = "This is a symbolic link or a submodule: a profile must be an ordinary file."
                found[change.path] = ([Problem(change.path, 1, 1, "error", message)], None, None)
                continue
            target = folder / where.name(change.path)
            data = _copy(head, change.path, target, repo)
            photo = _field(data, "photo")
            if photo and _PHOTO_NAME.match(photo):
                _copy(head, f"{where.photos}/{photo}", folder / "photos" / photo, repo)
            files[target] = change.path
        result = loader.load(list(files), rules_for(programme))
        mentors = {m.source: m for m in result.mentors}
        for target, path in files.items():
            problems = [replace(p, path=path) for p in result.problems if p.path == str(target)]
            data = target.read_bytes() if target.stat().st_size <= gitdiff.MAX_BLOB else None
            found[path] = (problems, mentors.get(target), _field(data, "name"))
    return found, result.vocabulary


def _copy(ref: str, path: str, target: Path, repo: Path) -> bytes | None:
    """Write path as it stands at ref to target, and return its bytes (None if missing or too big)."""
    size = gitdiff.size(ref, path, repo)
    if size is None:
        return None
    if size > gitdiff.MAX_BLOB:
        with target.open("wb") as out:
            out.truncate(size)  # too big to read: the checker reports its size all the same
        return None
    data = gitdiff.read(ref, path, repo) or b""
    target.write_bytes(data)
    return data


def _field(data: bytes | None, key: str) -> str | None:
    """One text field of a profile's bytes, if they can be read."""
    try:
        value = yaml_strict.parse(data.decode("utf-8-sig")).data.get(key) if data else None
    except (ProfileError, UnicodeDecodeError):
        return None
    return value if isinstance(value, str) else None


def render(entries: list[Changed], others: list[tuple[str, str]], vocab: Vocabulary, today: dt.date) -> list[str]:
    """The summary's Markdown lines."""
    lines = ["## Mentor profiles in this pull request", ""]
    if not entries:
        lines += ["This pull request adds, changes or removes no profiles.", ""]
    counts = {how: sum(e.how.startswith(how) for e in entries) for how in ("added", "changed", "renamed", "removed")}
    said = [f"{n} {how}" for how, n in counts.items() if n]
    if said:
        lines += [f"Profiles: {', '.join(said)}.", ""]
    for entry in entries:
        lines += _entry(entry, vocab, today)
    if others:
        lines += ["### Other files", "", "Photos, and files a maintainer reviews (anything else):", ""]
        lines += [f"- {code(path)}{note}" for path, note in others[:_MAX_OTHERS]]
        if len(others) > _MAX_OTHERS:
            lines.append(f"- and {len(others) - _MAX_OTHERS} more")
        lines.append("")
    return lines


def _entry(entry: Changed, vocab: Vocabulary, today: dt.date) -> list[str]:
    title = entry.mentor.name if entry.mentor else entry.name
    if not title or not any(ch.isalpha() for ch in title):
        title = entry.path  # a name of only symbols or emoji (a tick, a lock) could pass for a verdict
    heading = f"### {escape(title)} ({escape(entry.how)})"
    lines = [heading, "", f"File: {code(entry.path)}", ""]
    if entry.concern:
        lines += [f"**A maintainer must look at this:** {escape(entry.concern)}", ""]
    if entry.how == "removed":
        return lines + ["This profile will no longer be on the site.", ""]
    errors = [p for p in entry.problems if p.severity == "error"]
    if entry.problems:
        verdict = "must be fixed before this can be merged" if errors else "do not stop the build"
        lines += [f"**{len(entry.problems)} to look at** ({verdict}):", ""]
        lines += [f"- Line {p.line}, column {p.col} ({p.severity}): {escape(p.message)}" for p in entry.problems]
        lines.append("")
    else:
        lines += ["No problems found.", ""]
    if entry.mentor is None:
        return lines + ["The card preview appears here once the errors are fixed.", ""]
    return lines + ["How the card will read:", "", *card(entry.mentor, vocab, today), ""]


def card(mentor: Mentor, vocab: Vocabulary, today: dt.date) -> list[str]:
    """A mentor's card as a small Markdown table."""
    country = vocabulary.countries().get(mentor.country, mentor.country)
    place = f"{mentor.city}, {country}" if mentor.city else country
    names = vocabulary.languages()
    topics = [vocab.topics[t].label if t in vocab.topics else t for t in mentor.topics]
    status = mentor.status(today)
    if mentor.paused_until and mentor.paused_until > today:
        status += f" until {mentor.paused_until.isoformat()}"
    name = mentor.name + (f" ({mentor.pronouns})" if mentor.pronouns else "")
    rows = [
        ("Name", name),
        ("Headline", mentor.headline),
        ("Country", place),
        ("Languages", ", ".join(names.get(code, code) for code in mentor.languages)),
        ("Topics", ", ".join(topics)),
        ("Availability", status),
    ]
    return table(["", ""], [[f"**{key}**", escape(value)] for key, value in rows])
