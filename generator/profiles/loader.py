"""Read profile files from disk, safely, and turn them into mentors and problems.

This is the edge where files come in: everything is checked (type, size, encoding)
before a byte is parsed, and every problem is collected rather than raised.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .. import store, workers
from . import photocheck, vocabulary, yaml_strict
from .model import Mentor
from .problems import Problem, ProfileError
from .validate import Rules, profile
from .vocabulary import Vocabulary

MAX_BYTES = 64 * 1024
VOCABULARY_FILE = "_vocabulary.yml"
TEMPLATE_FILE = "_template.yml"
_EXAMPLE_FIELDS = ("name", "email", "headline", "bio")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")


@dataclass
class Loaded:
    """Everything read from the profile folders."""

    mentors: list[Mentor] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary({}, {}))
    files: int = 0

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def read_text(path: Path) -> str:
    """The text of a file that is safe to parse, or ProfileError saying why not."""
    try:
        info = path.lstat()
    except OSError as exc:
        raise ProfileError(1, 1, f"The file cannot be read: {exc.strerror}.") from None
    if stat.S_ISLNK(info.st_mode):
        raise ProfileError(1, 1, "This is a symbolic link: a profile must be an ordinary file.")
    if not stat.S_ISREG(info.st_mode):
        raise ProfileError(1, 1, "This is not an ordinary file.")
    if info.st_size > MAX_BYTES:
        raise ProfileError(1, 1, f"The file is {info.st_size // 1024} KB; a profile may be at most 64 KB.")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ProfileError(line, col, "The file is not UTF-8 text: re-save it as UTF-8.") from None


def load_vocabulary(path: Path) -> tuple[Vocabulary, list[Problem]]:
    """The topics and sectors in a vocabulary file, with any problems in it."""
    try:
        doc = yaml_strict.parse(read_text(path))
    except ProfileError as exc:
        return Vocabulary({}, {}), [Problem(str(path), exc.line, exc.col, "error", exc.message)]
    vocab, found = vocabulary.from_data(doc.data)
    problems = [Problem(str(path), line, col, "error", msg) for line, col, msg in doc.problems]
    problems += [Problem(str(path), *doc.where(p), "error", m) for p, m in found]
    return vocab, sorted(problems)


def load_profile(
    path: Path, vocab: Vocabulary, rules: Rules, kept: store.Store | None = None
) -> tuple[Mentor | None, list[Problem]]:
    """One profile file as a Mentor (None if it has errors), and its problems in line order.

    With `kept` (see checked_store), a profile checked before with the same text, photo
    verdict, vocabulary and rules is read from there instead of being checked again.
    """
    name = str(path)
    slug, suffix = path.stem, path.suffix
    if suffix != ".yml" or not SLUG.match(slug):
        wanted = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "your-name"
        return None, [
            Problem(
                name,
                1,
                1,
                "error",
                f"Rename the file to '{wanted}.yml': lowercase letters, digits and hyphens, ending in .yml.",
            )
        ]
    try:
        text = read_text(path)
    except ProfileError as exc:
        return None, [Problem(name, exc.line, exc.col, "error", exc.message)]
    entry = store.key(name, text) if kept else ""
    if entry and (known := _recall(kept, entry, rules)) is not None:
        return known
    scanned = [Problem(name, line, col, "error", msg) for line, col, msg in yaml_strict.scan_text(text)]
    try:
        doc = yaml_strict.parse(text)
    except ProfileError as exc:
        # A parse failure is usually caused by what the scan found: show that, not both.
        return None, scanned or [Problem(name, exc.line, exc.col, "error", exc.message)]
    mentor, found = profile(doc, slug, path, vocab, rules)
    problems = sorted(scanned + [Problem(name, *place) for place in found])
    if scanned:
        return None, problems
    if entry and mentor is not None:
        _keep(kept, entry, mentor, problems, rules)
    return mentor, problems


def checked_store(folder: Path | None, vocab: Vocabulary, rules: Rules) -> store.Store:
    """Where profiles checked with this vocabulary and these rules are kept, in `folder`."""
    rules = dataclasses.replace(rules, photo_verdicts=None, kept=None)
    return store.Store(folder, store.key(store.code(), repr(rules), repr(vocab)))


# A kept profile: only one that passed. A photo is a file of its own, so its verdict is kept
# beside the result and checked again on reading (from the verdict cache, by the photo's bytes):
# a different verdict means the profile is checked again.
def _keep(kept: store.Store, entry: str, mentor: Mentor, problems: list[Problem], rules: Rules) -> None:
    value = {
        "mentor": mentor.to_json(),
        "problems": [[p.line, p.col, p.severity, p.message] for p in problems],
        "photo": _photo_verdict(mentor, rules),
    }
    kept.put(entry, json.dumps(value, ensure_ascii=False).encode("utf-8"))


def _recall(kept: store.Store, entry: str, rules: Rules) -> tuple[Mentor, list[Problem]] | None:
    body = kept.get(entry)
    if body is None:
        return None
    try:
        value = json.loads(body)
        mentor = Mentor.from_json(value["mentor"])
        problems = [Problem(str(mentor.source), *place) for place in value["problems"]]
        if _photo_verdict(mentor, rules) != value["photo"]:
            return None
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # an entry of another shape: check the profile again
    return mentor, problems


def _photo_verdict(mentor: Mentor, rules: Rules) -> list[list[str]] | None:
    if mentor.photo is None:
        return None
    name = mentor.photo.relative_to(rules.photos_dir).as_posix()
    return [list(found) for found in photocheck.problems(mentor.photo, name, rules.photo_verdicts)]


def profile_paths(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand folders into the profile files inside them (files starting with '_' are not profiles)."""
    found, problems = [], []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in (".yml", ".yaml") and not p.name.startswith("_"))
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            problems.append(Problem(str(path), 1, 1, "error", "There is no such file or folder."))
    return found, problems


def load(paths: list[Path], rules: Rules) -> Loaded:
    """Load every profile under the given files and folders, each with its folder's vocabulary."""
    result = Loaded()
    files, result.problems = profile_paths(paths)
    settings: dict[Path, tuple[Vocabulary, Rules, store.Store | None]] = {}
    for folder in dict.fromkeys(path.parent for path in files):
        vocab, problems = load_vocabulary(folder / VOCABULARY_FILE)
        examples = template_examples(folder / TEMPLATE_FILE)
        folder_rules = dataclasses.replace(rules, photos_dir=folder / "photos", examples=examples)
        kept = checked_store(rules.kept, vocab, folder_rules) if rules.kept and not problems else None
        settings[folder] = vocab, folder_rules, kept
        result.problems += problems
    for mentor, problems in _load_all(files, settings):
        result.problems += problems
        if mentor is not None:
            result.mentors.append(mentor)
    result.files = len(files)
    if settings:
        result.vocabulary = next(iter(settings.values()))[0]
    return result


def _load_all(files: list[Path], settings: dict) -> list[tuple[Mentor | None, list[Problem]]]:
    n = workers.count()
    if len(files) < workers.PARALLEL_FROM or n < 2:
        with contextlib.ExitStack() as photos:
            # The photos are decoded on threads while this thread reads and checks the profiles.
            for folder, (_, rules, _) in settings.items():
                named = photocheck.names(path for path in files if path.parent == folder)
                photos.enter_context(photocheck.ahead(rules.photos_dir, named, rules.photo_verdicts))
            return _load_chunk(files, settings)
    chunks = [files[i::n] for i in range(n)]
    try:
        with workers.forked(n) if workers.can_fork() else workers.pool(n) as pool:
            parts = list(pool.map(_load_chunk, chunks, [settings] * n))
    except workers.FAILURES:
        return _load_chunk(files, settings)
    return workers.unstripe(parts)  # so results keep the files' order


def _load_chunk(files: list[Path], settings: dict) -> list[tuple[Mentor | None, list[Problem]]]:
    return [load_profile(path, *settings[path.parent]) for path in files]


def template_examples(path: Path) -> dict[str, str]:
    """The example values in the profile template, if the folder has one."""
    try:
        data = yaml_strict.parse(read_text(path)).data
    except ProfileError:
        return {}
    return {key: data[key] for key in _EXAMPLE_FIELDS if isinstance(data.get(key), str)}
