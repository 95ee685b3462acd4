"""The relevance fixture: the sample mentors plus those in tests/fixtures/relevance, and the queries."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "relevance"


def queries() -> list[dict]:
    """Each query with what it tests and the slugs of the mentors a student means by it."""
    return yaml.safe_load((FIXTURE / "queries.yml").read_text(encoding="utf-8"))


def profiles() -> dict[str, str]:
    """{file name: YAML text} of every profile in the fixture: the samples and the relevance ones."""
    found = {}
    for folder in (ROOT / "mentors", FIXTURE):
        for path in sorted(folder.glob("*.yml")):
            if not path.name.startswith("_") and path.name != "queries.yml":
                found[path.name] = path.read_text(encoding="utf-8")
    return found


def write_profiles(folder: Path) -> Path:
    """The fixture's profiles, the vocabulary and the sample photos, in a mentors folder."""
    folder.mkdir(parents=True)
    for name, text in profiles().items():
        (folder / name).write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "mentors" / "_vocabulary.yml", folder)
    shutil.copytree(ROOT / "mentors" / "photos", folder / "photos")
    return folder
