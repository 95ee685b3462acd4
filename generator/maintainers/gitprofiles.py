"""What a pull request's profiles and photos are, read from git: on the base branch and at its head."""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import settings
from ..profiles import photocheck, yaml_strict
from ..profiles.problems import ProfileError
from . import gitdiff
from .resemble import Person

CONFIG_FILE = "mkdocs.yml"  # at the top of the repository, as read on the base branch
_PROFILE_NAME = re.compile(r"[^_/][^/]*\.ya?ml\Z")
# Only image files count as photos: anything else in the photos folder needs a maintainer.
_PHOTO_NAME = re.compile(r"[^/]+\.(?:jpe?g|png|webp)\Z", re.IGNORECASE)


@dataclass(frozen=True)
class Folder:
    """The profiles folder inside the repository, as mkdocs.yml's `profiles` option names it."""

    path: str = settings.Settings.profiles_dir

    def __post_init__(self) -> None:
        clean = posixpath.normpath(self.path.replace("\\", "/")).strip("/")
        if clean in ("", ".") or clean.startswith("..") or self.path.startswith("/"):
            raise ValueError(f"profiles: {self.path!r} is not a folder inside the repository")
        object.__setattr__(self, "path", clean)

    @property
    def photos(self) -> str:
        """The photos folder, inside the profiles folder."""
        return f"{self.path}/photos"

    def is_profile(self, path: str | None) -> bool:
        """A profile: a .yml file directly in the folder, not starting with '_' (the vocabulary, the template)."""
        return bool(path) and _inside(path, self.path) and bool(_PROFILE_NAME.match(path[len(self.path) + 1 :]))

    def is_photo(self, path: str | None) -> bool:
        """A photo: an image file directly in the photos folder."""
        return bool(path) and _inside(path, self.photos) and bool(_PHOTO_NAME.match(path[len(self.photos) + 1 :]))

    def name(self, path: str) -> str:
        """A path's name inside the profiles folder: 'mentors/ada.yml' -> 'ada.yml'."""
        return path[len(self.path) + 1 :]


def _inside(path: str, folder: str) -> bool:
    return path.startswith(folder + "/") and "/" not in path[len(folder) + 1 :]


def programme(ref: str, repo: Path, today: dt.date) -> settings.Settings:
    """The programme's settings from mkdocs.yml as it stands at ref; the defaults where there is none."""
    raw = gitdiff.read(ref, CONFIG_FILE, repo)
    if raw is None:
        return settings.Settings(today=today)
    try:
        return settings.from_mkdocs_yml(raw.decode("utf-8-sig"), today)[0]
    except (UnicodeDecodeError, yaml.YAMLError, ValueError) as exc:
        raise ValueError(f"{CONFIG_FILE} on the base branch cannot be read: {exc}") from None


def folder_of(programme: settings.Settings) -> Folder:
    """The profiles folder a programme's settings name."""
    return Folder(programme.profiles_dir)


@functools.cache
def blob_ids(ref: str, repo: Path, folder: Folder = Folder()) -> dict[str, tuple[str, str, int]]:
    """The photos at ref: path -> (mode, blob id, size)."""
    return gitdiff.tree(ref, folder.photos, repo)


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


def head_profiles(found: list[gitdiff.Change], head: str, repo: Path, folder: Folder = Folder()) -> dict[str, dict]:
    """The fields of each profile the pull request adds or changes, as they stand at head."""
    changed = [c.path for c in found if c.status != "D" and folder.is_profile(c.path)]
    return {path: parsed(decoded(gitdiff.read(head, path, repo))) for path in changed}


def existing(base: str, repo: Path, leaving: set[str], folder: Folder = Folder()) -> list[Person]:
    """Every profile on base (but those leaving), with its photo's blob id, to compare new profiles with."""
    return [person for person in _everyone(base, repo, folder) if person.path not in leaving]


@functools.cache
def _everyone(base: str, repo: Path, folder: Folder) -> tuple[Person, ...]:
    # Read once per base commit, in one git process, however many profiles the pull request touches.
    files = gitdiff.tree(base, folder.path, repo)
    paths = [p for p in files if folder.is_profile(p)]
    texts = gitdiff.blobs([files[p][1] for p in paths], repo)
    people = []
    for path in paths:
        data = parsed(decoded(texts.get(files[path][1])))
        people.append(Person.of(path, data, photo_id(base, repo, str(data.get("photo", "")), folder)))
    return tuple(people)


def photo_id(ref: str, repo: Path, name: str, folder: Folder = Folder()) -> str:
    """The git blob id of a photo file at ref (the same bytes, the same id), or '' if there is none."""
    return blob_ids(ref, repo, folder).get(f"{folder.photos}/{name}", ("", "", 0))[1]


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


def photo_users(
    photos: set[str], base: str, repo: Path, at_base: Callable[[str], str | None], folder: Folder = Folder()
) -> dict[str, list[str]]:
    """For each photo's file name, the profiles on base whose `photo:` names it."""
    names = {p.rsplit("/", 1)[-1] for p in photos}
    if not names:
        return {}
    patterns = [arg for name in sorted(names) for arg in ("-e", name)]
    try:
        # Only files that mention a name can use it: git grep finds them without reading every profile.
        out = gitdiff.git(["grep", "-z", "-l", "-F", *patterns, base, "--", f"{folder.path}/"], repo)
    except gitdiff.GitError:
        return {}  # git grep says "no match" by failing
    users: dict[str, list[str]] = {}
    for hit in out.decode("utf-8", "surrogateescape").split("\0"):
        path = hit.split(":", 1)[-1]
        if not folder.is_profile(path) or (text := at_base(path)) is None:
            continue
        try:
            photo = yaml_strict.parse(text).data.get("photo")
        except ProfileError:
            continue
        if photo in names:
            users.setdefault(photo, []).append(path)
    return users
