"""What a pull request's profiles and photos are, read from git: on the base branch and at its head."""

from __future__ import annotations

import functools
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..profiles import photocheck, yaml_strict
from ..profiles.problems import ProfileError
from . import gitdiff
from .resemble import Person

PROFILE = re.compile(r"^mentors/[^_/][^/]*\.ya?ml\Z")
# Only image files count as photos: anything else in mentors/photos/ needs a maintainer.
PHOTO = re.compile(r"^mentors/photos/[^/]+\.(?:jpe?g|png|webp)\Z", re.IGNORECASE)


@functools.cache
def blob_ids(ref: str, repo: Path) -> dict[str, tuple[str, str, int]]:
    """The photos at ref: path -> (mode, blob id, size)."""
    return gitdiff.tree(ref, "mentors/photos", repo)


def decoded(raw: bytes | None) -> str | None:
    """A file's bytes as text, or None if it is missing or not UTF-8."""
    try:
        return None if raw is None else raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def parsed(text: str | None) -> dict:
    """A profile's fields, or {} if it cannot be read."""
    try:
        data = yaml_strict.parse(text).data if text else {}
    except ProfileError:
        return {}
    return data if isinstance(data, dict) else {}


def head_profiles(found: list[gitdiff.Change], head: str, repo: Path) -> dict[str, dict]:
    """The fields of each profile the pull request adds or changes, as they stand at head."""
    changed = [c.path for c in found if c.status != "D" and PROFILE.match(c.path)]
    return {path: parsed(decoded(gitdiff.read(head, path, repo))) for path in changed}


def existing(base: str, repo: Path, leaving: set[str]) -> list[Person]:
    """Every profile on base (but those leaving), with its photo's blob id, to compare new profiles with."""
    return [person for person in _everyone(base, repo) if person.path not in leaving]


@functools.cache
def _everyone(base: str, repo: Path) -> tuple[Person, ...]:
    # Read once per base commit, in one git process, however many profiles the pull request touches.
    files = gitdiff.tree(base, "mentors", repo)
    paths = [p for p in files if PROFILE.match(p)]
    texts = gitdiff.blobs([files[p][1] for p in paths], repo)
    people = []
    for path in paths:
        data = parsed(decoded(texts.get(files[path][1])))
        people.append(Person.of(path, data, photo_id(base, repo, str(data.get("photo", "")))))
    return tuple(people)


def photo_id(ref: str, repo: Path, name: str) -> str:
    """The git blob id of a photo file at ref (the same bytes, the same id), or '' if there is none."""
    return blob_ids(ref, repo).get(f"mentors/photos/{name}", ("", "", 0))[1]


def photo_errors(head: str, path: str, repo: Path) -> list[str]:
    """The errors `check` would report for a photo file as it stands at head."""
    data = gitdiff.read(head, path, repo)
    name = path.rsplit("/", 1)[-1]
    if data is None:
        return [f"'{name}' is too big to be a photo."]
    with tempfile.TemporaryDirectory(prefix="mentor-photo-") as tmp:
        target = Path(tmp) / name
        target.write_bytes(data)
        return [message for message, *severity in photocheck.problems(target, name) if not severity]


def photo_users(photos: set[str], base: str, repo: Path, at_base: Callable[[str], str | None]) -> dict[str, list[str]]:
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
