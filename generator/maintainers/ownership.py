"""Who may merge a pull request: a person may add a profile, and change only their own.

A profile is someone's own when its `github:` line, as it stands on the base branch,
names them. Anything else a pull request touches (code, templates, settings, the
vocabulary) needs a maintainer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..profiles import yaml_strict
from ..profiles.problems import ProfileError, gh_message, gh_property
from ..wording import say
from . import gitdiff, gitprofiles, resemble
from .gitprofiles import Folder
from .resemble import Person

RECENT_DAYS = 365  # a file name removed this recently is not taken up again without a maintainer
_UNREAD = "its version on the base branch cannot be read, so no one can be shown to own it"


@dataclass(frozen=True)
class Finding:
    """One changed path and what it means for the merge."""

    path: str
    ok: bool
    message: str


# (path on the base branch) -> its text there, or None if it was not there or cannot be read.
BaseReader = Callable[[str], "str | None"]


@dataclass
class Context:
    """What the review needs to know beyond the list of changes, read from git by `check`."""

    base: BaseReader
    photo_users: dict[str, list[str]] = field(default_factory=dict)  # photo file name -> profiles using it on base
    head: dict[str, dict] = field(default_factory=dict)  # changed profile -> its fields at head
    existing: Callable[[set[str]], list[Person]] = lambda leaving: []  # base profiles, but those leaving
    removed: Callable[[str], bool] = lambda path: False  # deleted from base recently?
    photo_errors: Callable[[str], list[str]] = lambda path: []  # what `check` says of a photo at head
    photo_id: Callable[[str], str] = lambda name: ""  # a photo file name -> its blob id at head
    folder: Folder = Folder()  # the profiles folder mkdocs.yml names on base


def review(author: str, changes: list[gitdiff.Change], context: Context) -> list[Finding]:
    """A finding for every changed path. Renames must come as their two ends (a deletion and an addition)."""
    who = author.strip().lower()
    folder = context.folder
    profiles = [c for c in changes if folder.is_profile(c.path) and c.regular]
    leaving = {c.path for c in profiles if c.status == "D" and _owner(context.base(c.path)) == who}
    own = _own_photos(profiles, who, context)
    findings = []
    for change in changes:
        if not (folder.is_profile(change.path) or folder.is_photo(change.path)) or change.old_path:
            findings.append(_outside(change))
        elif not change.regular:
            message = f"{change.path} is not an ordinary file (a link or a submodule): a maintainer must look at it."
            findings.append(Finding(change.path, False, message))
        elif folder.is_photo(change.path):
            findings.append(_photo(change, who, context, own))
        elif change.status == "A":
            findings.append(_new_profile(change.path, context, leaving))
        else:
            found = _profile(change, who, context.base)
            findings.append(_own_edit(found, context, leaving) if found.ok and change.status == "M" else found)
    return findings


def _owner(text: str | None) -> str:
    return (base_owner(text)[0] or "").lower()


def _own_photos(profiles: list[gitdiff.Change], who: str, context: Context) -> set[str]:
    """Photo file names that the author's own profiles in this pull request name at head."""
    names = set()
    for change in profiles:
        data = context.head.get(change.path, {})
        mine = (
            _owner(context.base(change.path)) == who
            if change.status == "M"
            else (str(data.get("github", "")).strip().lower() == who)
        )
        if mine and isinstance(data.get("photo"), str):
            names.add(data["photo"])
    return names


def _new_profile(path: str, context: Context, leaving: set[str]) -> Finding:
    data = context.head.get(path, {})
    person = Person.of(path, data, context.photo_id(str(data.get("photo", ""))))
    matches = resemble.resembles(person, context.existing(leaving))
    removed = context.removed(path)
    if matches or removed:
        return Finding(path, False, resemble.sentence(path, matches, removed))
    return Finding(path, True, f"{path} is a new profile: anyone may add one.")


def _outside(change: gitdiff.Change) -> Finding:
    where = f"{change.old_path} -> {change.path}" if change.old_path else change.path
    return Finding(
        change.path,
        False,
        f"{where} is not a profile or a photo (it is code, a setting, a template, the vocabulary or guidance): "
        "a maintainer must review this change.",
    )


def _profile(change: gitdiff.Change, who: str, base: BaseReader) -> Finding:
    path = change.path
    verb = {"M": "changes", "D": "deletes (or moves)"}[change.status]
    handle, why = base_owner(base(path))
    if handle is not None and handle.lower() == who:
        return Finding(change.path, True, f"{path}: the author {verb} their own profile (github: {handle}).")
    return Finding(
        change.path,
        False,
        f"{path}: this pull request {verb} the profile, but {why}. "
        "A maintainer must confirm the person asked for this change.",
    )


def _own_edit(found: Finding, context: Context, leaving: set[str]) -> Finding:
    """An edit of one's own profile that makes it newly resemble someone else's needs a maintainer."""
    path = found.path
    everyone = context.existing(leaving)
    others = [p for p in everyone if p.path != path]
    data = context.head.get(path, {})
    now = resemble.resembles(Person.of(path, data, context.photo_id(str(data.get("photo", "")))), others)
    before = next((p for p in everyone if p.path == path), None)
    was = dict(resemble.resembles(before, others)) if before else {}
    new = [(other, fresh) for other, what in now if (fresh := [w for w in what if w not in was.get(other, [])])]
    if not new:
        return found
    said = "; ".join(f"{other} (same {', '.join(what)})" for other, what in new)
    return Finding(
        path,
        False,
        f"{path}: the author changes their own profile, but it now resembles {said}. "
        "A maintainer must confirm they are not taking on someone else's name or photo.",
    )


def base_owner(text: str | None) -> tuple[str | None, str]:
    """The `github:` value of a profile as it stood on base, or None and why no one owns it."""
    if text is None:
        return None, _UNREAD
    try:
        data = yaml_strict.parse(text).data
    except ProfileError:
        return None, _UNREAD
    value = data.get("github")
    if isinstance(value, str) and value.strip():
        return value.strip(), f"it belongs to GitHub user '{value.strip()}', not to the author of this pull request"
    return None, "it has no 'github:' line on the base branch, so no one can be shown to own it"


def _photo(change: gitdiff.Change, who: str, context: Context, own: set[str]) -> Finding:
    path, name = change.path, change.path.rsplit("/", 1)[-1]
    users = context.photo_users.get(name, [])
    others = [p for p in users if _owner(context.base(p)) != who]
    verb = {"A": "adds", "M": "replaces", "D": "deletes (or moves)"}[change.status]
    if others:
        return Finding(
            path,
            False,
            f"{path}: this pull request {verb} a photo used by {', '.join(others)}, which the author does not own. "
            "A maintainer must confirm the person asked for this change.",
        )
    if change.status == "D":
        return Finding(path, True, f"{path}: the author deletes a photo only their own profile uses, or none does.")
    if errors := context.photo_errors(path):
        return Finding(path, False, f"{path}: {errors[0]} A maintainer must look at this file.")
    if not users and name not in own:
        return Finding(
            path,
            False,
            f"{path}: this pull request {verb} a photo that none of the author's own profiles in it uses. "
            "A photo may come only with the profile that shows it: a maintainer must look at this file.",
        )
    return Finding(path, True, f"{path}: the author {verb} a photo for their own profile.")


def verdict(findings: list[Finding]) -> str:
    """One sentence for the end of the report."""
    flagged = sum(not f.ok for f in findings)
    if not findings:
        return "This pull request changes no files."
    if flagged:
        return f"Needs a maintainer: {say('changes_need_review', flagged)} (see above)."
    return "Every change adds a profile or photo, or edits the author's own: the author may merge this on their own."


def report(findings: list[Finding], fmt: str) -> list[str]:
    """The lines to print: plain text, or GitHub workflow commands."""
    if fmt != "github":
        lines = [f"{'ok' if f.ok else 'NEEDS A MAINTAINER'}: {f.message}" for f in findings]
        return lines + [verdict(findings)]
    lines = []
    for f in findings:
        kind, title = ("notice", "Ownership") if f.ok else ("warning", "Needs a maintainer")
        lines.append(f"::{kind} file={gh_property(f.path)},title={title}::{gh_message(f.message)}")
    kind = "warning" if any(not f.ok for f in findings) else "notice"
    return lines + [f"::{kind} title=Ownership::{gh_message(verdict(findings))}"]


def check(author: str, base: str, head: str, repo: Path) -> list[Finding]:
    """Review what head changes compared with base, reading both through git.

    The profiles folder is the one mkdocs.yml names on base: a pull request cannot move it.
    """
    base_id, head_id = gitdiff.commit(base, repo), gitdiff.commit(head, repo)
    found = gitdiff.changes(base_id, head_id, repo, renames=False)
    folder = gitprofiles.folder_of(gitprofiles.programme(base_id, repo, dt.date.today()))

    def at_base(path: str) -> str | None:
        return gitprofiles.decoded(gitdiff.read(base_id, path, repo))

    touched = {c.path for c in found if folder.is_photo(c.path)}
    context = Context(
        at_base,
        gitprofiles.photo_users(touched, base_id, repo, at_base, folder),
        head=gitprofiles.head_profiles(found, head_id, repo, folder),
        existing=lambda leaving: gitprofiles.existing(base_id, repo, leaving, folder),
        removed=lambda path: gitdiff.removed_within(base_id, path, RECENT_DAYS, repo),
        photo_errors=lambda path: gitprofiles.photo_errors(head_id, path, repo),
        photo_id=lambda name: gitprofiles.photo_id(head_id, repo, name, folder),
        folder=folder,
    )
    return review(author, found, context)


def new_profile_concerns(paths: list[str], base: str, head: str, repo: Path, folder: Folder) -> dict[str, str]:
    """For each new profile that resembles one on base, or takes a recently removed file name: why."""
    context = Context(
        lambda path: None,
        head={path: gitprofiles.parsed(gitprofiles.decoded(gitdiff.read(head, path, repo))) for path in paths},
        existing=lambda leaving: gitprofiles.existing(base, repo, leaving, folder),
        removed=lambda path: gitdiff.removed_within(base, path, RECENT_DAYS, repo),
        photo_id=lambda name: gitprofiles.photo_id(head, repo, name, folder),
        folder=folder,
    )
    found = (_new_profile(path, context, set()) for path in paths)
    return {f.path: f.message for f in found if not f.ok}
