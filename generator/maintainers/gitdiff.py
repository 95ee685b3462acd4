"""The one edge where git is asked what a pull request changed and what a file held on a branch."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

# Longer than any honest profile or photo; a file this big is reported, not read.
MAX_BLOB = 1024 * 1024
_REGULAR = {"100644", "100755"}


class GitError(Exception):
    """Git could not answer: the message says what to do."""


@dataclass(frozen=True)
class Change:
    """One changed path: A added, M changed, D deleted, R renamed (old_path set)."""

    status: str
    path: str
    old_path: str | None = None
    regular: bool = True  # False when the new version is a symbolic link or a submodule


def git(args: list[str], repo: Path) -> bytes:
    """Run git with the given arguments in repo; raise GitError with git's own words if it fails."""
    try:
        done = subprocess.run(["git", *args], cwd=repo, capture_output=True, timeout=120, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed, or not on PATH: install git and run this again.") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git could not run: {exc}") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(said[-1] if said else f"git {args[0]} failed")
    return done.stdout


def commit(ref: str, repo: Path) -> str:
    """The full commit id a branch, tag or commit name stands for, or GitError saying it is unknown."""
    if not ref or ref.startswith("-"):
        raise GitError(f"'{ref}' is not a branch, tag or commit name.")
    try:
        return git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], repo).decode().strip()
    except GitError:
        try:
            git(["rev-parse", "--git-dir"], repo)
        except GitError:
            raise GitError(f"{repo.resolve()} is not a git checkout: run this inside the repository.") from None
        raise GitError(
            f"'{ref}' is not a branch, tag or commit in {repo.resolve()}: check the name, "
            f"or fetch it first (git fetch origin {ref})."
        ) from None


def changes(base: str, head: str, repo: Path, renames: bool = True) -> list[Change]:
    """What head changes compared with where it left base (base...head), or with base itself if unrelated.

    With renames=False a rename is its two ends, a deletion and an addition, each judged on its own.
    """
    old, new = commit(base, repo), commit(head, repo)
    args = ["diff", "--raw", "-z", "-M" if renames else "--no-renames", "--no-ext-diff", "--no-textconv"]
    try:
        out = git([*args, f"{old}...{new}"], repo)
    except GitError:
        # No merge base (a shallow clone, or unrelated histories): compare the two trees directly.
        out = git([*args, old, new], repo)
    return parse_raw(out.decode("utf-8", "surrogateescape"))


def parse_raw(out: str) -> list[Change]:
    """Changes from `git diff --raw -z` output."""
    fields = out.split("\0")
    found, i = [], 0
    while i < len(fields) and fields[i].startswith(":"):
        _, new_mode, _, _, status = fields[i][1:].split(" ")
        kind = status[0]
        regular = kind == "D" or new_mode in _REGULAR
        if kind in "RC":
            found.append(Change("R" if kind == "R" else "A", fields[i + 2], fields[i + 1], regular))
            i += 3
        else:
            found.append(Change(kind if kind in "ADM" else "M", fields[i + 1], None, regular))
            i += 2
    return found


def size(ref: str, path: str, repo: Path) -> int | None:
    """The size in bytes of path as it stands at ref, or None if it is not there."""
    try:
        return int(git(["cat-file", "-s", f"{ref}:{path}"], repo))
    except (GitError, ValueError):
        return None


def read(ref: str, path: str, repo: Path) -> bytes | None:
    """The bytes of path as it stands at ref, or None if it is not there (or bigger than MAX_BLOB)."""
    found = size(ref, path, repo)
    if found is None or found > MAX_BLOB:
        return None
    try:
        return git(["show", f"{ref}:{path}"], repo)
    except GitError:
        return None


def tree(ref: str, folder: str, repo: Path) -> dict[str, tuple[str, str, int]]:
    """Files directly in a folder at ref: path -> (mode, blob id, size)."""
    out = git(["ls-tree", "-z", "-l", ref, "--", folder.rstrip("/") + "/"], repo).decode("utf-8", "surrogateescape")
    found = {}
    for entry in filter(None, out.split("\0")):
        info, path = entry.split("\t", 1)
        mode, kind, blob, size = info.split()
        if kind == "blob":
            found[path] = (mode, blob, int(size))
    return found


def blobs(ids: list[str], repo: Path) -> dict[str, bytes]:
    """The contents of many blobs at once (one git process), each at most MAX_BLOB bytes."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    try:
        done = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=repo,
            input="\n".join(wanted).encode() + b"\n",
            capture_output=True,
            timeout=300,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git could not read the files: {exc}") from None
    out, at, found = done.stdout, 0, {}
    for blob in wanted:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) < 3:
            continue  # "<id> missing"
        size = int(header[2])
        if size <= MAX_BLOB:
            found[blob] = out[at : at + size]
        at += size + 1
    return found


def removed_within(ref: str, path: str, days: int, repo: Path) -> bool:
    """True if path was deleted in ref's history within `days` days before ref's own commit."""
    try:
        when = git(["log", "-1", "--format=%ct", "--diff-filter=D", ref, "--", path], repo).strip()
        now = git(["log", "-1", "--format=%ct", ref], repo).strip()
    except GitError:
        return False
    return bool(when) and int(now) - int(when) <= days * 86400
