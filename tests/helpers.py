"""Helpers shared by test modules: one place, so no test module imports another."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import workers

ROOT = Path(__file__).resolve().parent.parent
# The site engine the suite runs on: "mkdocs" (MkDocs 1.6) or "properdocs" (its maintained fork).
ENGINE = os.environ.get("MENTOR_DIRECTORY_ENGINE", "mkdocs")
FIXED_EPOCH = "1795000000"  # 2026-11-18, so the sample profiles' freshness never drifts
PROFILES = ROOT / "tests" / "fixtures" / "profiles"
VALID = (PROFILES / "ada-okafor.yml").read_text(encoding="utf-8")
TODAY = dt.date(2026, 11, 22)  # the day profiles are checked as of


# With one CPU the code never starts a worker, so a parallel test would compare serial with serial.
needs_two_cpus = pytest.mark.skipif(workers.count() < 2, reason="one CPU: the work is never handed to workers here")


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run `mentor-directory` in its own process, so a traceback would really reach stderr."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd or ROOT, input=stdin, capture_output=True, text=True
    )


def copy_project(dest: Path, profiles: dict[str, str] | None = None) -> Path:
    """A copy of the project's site sources; with `profiles`, those replace the sample mentors."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest)
    shutil.copytree(ROOT / "guidance", dest / "guidance")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    if profiles is None:
        shutil.copytree(ROOT / "mentors", dest / "mentors")
    else:
        (dest / "mentors").mkdir()
        for name in ("_vocabulary.yml", "_template.yml"):
            shutil.copy(ROOT / "mentors" / name, dest / "mentors")
        for name, text in profiles.items():
            (dest / "mentors" / name).write_text(text, encoding="utf-8")
    return dest


def build_site(project: Path, site: str, offline: bool = False) -> Path:
    """Build a project's one mkdocs.yml into project/site, as the hosted site or (OFFLINE=true) the offline copy."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        env.setenv("OFFLINE", "true" if offline else "false")
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / site), strict=True))
    return project / site


def new_mentors_folder(tmp_path: Path, *files: str) -> Path:
    """An empty `mentors/` with the project's vocabulary and the named files of its own, as a new programme starts."""
    folder = tmp_path / "mentors"
    folder.mkdir()
    for name in ("_vocabulary.yml", *files):
        shutil.copy(ROOT / "mentors" / name, folder)
    return folder


def profiles_folder(path: Path) -> Path:
    """A profiles folder holding the fixture vocabulary and photo."""
    shutil.copy(PROFILES / "_vocabulary.yml", path)
    shutil.copytree(PROFILES / "photos", path / "photos")
    return path


def check(folder: Path, text: str | bytes, name: str = "ada-okafor.yml"):
    """Load one profile written into `folder`, as `check` does: (mentor or None, problems)."""
    from generator.profiles.loader import load_profile, load_vocabulary
    from generator.profiles.validate import Rules

    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    vocab, problems = load_vocabulary(folder / "_vocabulary.yml")
    assert problems == []
    return load_profile(path, vocab, Rules(today=TODAY, photos_dir=folder / "photos"))


def edit(old: str, new: str) -> str:
    """The valid fixture profile with one piece of text replaced."""
    assert old in VALID, old
    return VALID.replace(old, new, 1)


class Links(HTMLParser):
    """Every href and src in a page, and its visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.urls += [v for k, v in attrs if k in ("href", "src") and v]
        self._skip += tag in ("script", "style", "template")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style", "template") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> Links:
    """The links and visible text of a built page."""
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def sw_constants(text: str) -> dict[str, object]:
    """The constants the build wrote into the service worker: VERSION, PAGES, ASSETS, MAX_AGE, MAX_RECENT."""
    found = dict(re.findall(r"^const (VERSION|PAGES|ASSETS|MAX_AGE|MAX_RECENT) = (.*?);", text, flags=re.M | re.S))
    return {name: json.loads(value.replace(" * 1000", "")) for name, value in found.items()}
