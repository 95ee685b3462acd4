"""Who may merge a pull request: a person may add a profile, and change only their own.

A profile is someone's own when its `github:` line, as it stands on the base branch,
names them. Anything else a pull request touches (code, templates, settings, the
vocabulary) needs a maintainer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import gitdiff, yaml_strict
from .problems import ProfileError, gh_message, gh_property

PROFILE = re.compile(r"^mentors/[^_/][^/]*\.ya?ml\Z")
# Only image files count as photos: anything else in mentors/photos/ needs a maintainer.
PHOTO = re.compile(r"^mentors/photos/[^/]+\.(?:jpe?g|png|webp)\Z", re.IGNORECASE)
_UNREAD = "its version on the base branch cannot be read, so no one can be shown to own it"


@dataclass(frozen=True)
class Finding:
    """One changed path and what it means for the merge."""

    path: str
    ok: bool
    message: str


# (path on the base branch) -> its text there, or None if it was not there or cannot be read.
BaseReader = Callable[[str], "str | None"]


def review(
    author: str, changes: list[gitdiff.Change], base: BaseReader, photo_users: dict[str, list[str]]
) -> list[Finding]:
    """A finding for every changed path; photo_users maps a photo's file name to the profiles using it on base."""
    who = author.strip().lower()
    findings = []
    for change in changes:
        paths = [change.path] + ([change.old_path] if change.old_path else [])
        if not all(PROFILE.match(p) or PHOTO.match(p) for p in paths):
            findings.append(_outside(change))
        elif not change.regular:
            message = f"{change.path} is not an ordinary file (a link or a submodule): a maintainer must look at it."
            findings.append(Finding(change.path, False, message))
        elif PHOTO.match(change.path):
            findings.append(_photo(change, who, base, photo_users))
        else:
            findings.append(_profile(change, who, base))
    return findings


def _outside(change: gitdiff.Change) -> Finding:
    where = f"{change.old_path} -> {change.path}" if change.old_path else change.path
    return Finding(
        change.path,
        False,
        f"{where} is not a profile or a photo (it is code, a setting, a template, the vocabulary or guidance): "
        "a maintainer must review this change.",
    )


def _profile(change: gitdiff.Change, who: str, base: BaseReader) -> Finding:
    if change.status == "A":
        return Finding(change.path, True, f"{change.path} is a new profile: anyone may add one.")
    path = change.old_path or change.path
    verb = {"M": "changes", "D": "deletes", "R": f"renames (to {change.path})"}[change.status]
    handle, why = base_owner(base(path))
    if handle is not None and handle.lower() == who:
        return Finding(change.path, True, f"{path}: the author {verb} their own profile (github: {handle}).")
    return Finding(
        change.path,
        False,
        f"{path}: this pull request {verb} the profile, but {why}. "
        "A maintainer must confirm the person asked for this change.",
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


def _photo(change: gitdiff.Change, who: str, base: BaseReader, photo_users: dict[str, list[str]]) -> Finding:
    path = change.old_path or change.path
    if change.status == "A":
        return Finding(change.path, True, f"{change.path} is a new photo: anyone may add one.")
    users = photo_users.get(path.rsplit("/", 1)[-1], [])
    others = [p for p in users if (base_owner(base(p))[0] or "").lower() != who]
    verb = {"M": "replaces", "D": "deletes", "R": f"renames (to {change.path})"}[change.status]
    if others:
        return Finding(
            change.path,
            False,
            f"{path}: this pull request {verb} a photo used by {', '.join(others)}, which the author does not own. "
            "A maintainer must confirm the person asked for this change.",
        )
    return Finding(change.path, True, f"{path}: the author {verb} a photo only their own profile uses, or none does.")


def verdict(findings: list[Finding]) -> str:
    """One sentence for the end of the report."""
    flagged = sum(not f.ok for f in findings)
    if not findings:
        return "This pull request changes no files."
    if flagged:
        noun = "change needs" if flagged == 1 else "changes need"
        return f"Needs a maintainer: {flagged} {noun} a maintainer's review (see above)."
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
    """Review what head changes compared with base, reading the base branch through git."""
    base_id = gitdiff.commit(base, repo)
    found = gitdiff.changes(base_id, head, repo)

    def at_base(path: str) -> str | None:
        raw = gitdiff.read(base_id, path, repo)
        try:
            return None if raw is None else raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None

    touched = {c.old_path or c.path for c in found if PHOTO.match(c.old_path or c.path) and c.status != "A"}
    return review(author, found, at_base, photo_users(touched, base_id, repo, at_base))


def photo_users(photos: set[str], base: str, repo: Path, at_base: BaseReader) -> dict[str, list[str]]:
    """For each photo's file name, the profiles on base whose `photo:` names it."""
    names = {p.rsplit("/", 1)[-1] for p in photos}
    if not names:
        return {}
    patterns = [arg for name in sorted(names) for arg in ("-e", name)]
    try:
        # Only files that mention a name can use it: git grep finds them without reading every profile.
        out = gitdiff.git(["grep", "-z", "-l", "-F", *patterns, base, "--", "mentors/"], repo)
    except gitdiff.GitError:
        return {}  # git grep says "no match" by failing
    users: dict[str, list[str]] = {}
    for hit in out.decode("utf-8", "surrogateescape").split("\0"):
        path = hit.split(":", 1)[-1]
        if not PROFILE.match(path) or (text := at_base(path)) is None:
            continue
        try:
            photo = yaml_strict.parse(text).data.get("photo")
        except ProfileError:
            continue
        if photo in names:
            users.setdefault(photo, []).append(path)
    return users
