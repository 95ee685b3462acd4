"""Shared fixtures: build a real site from a set of profiles in a temporary folder."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The site engine the suite runs on: "mkdocs" (MkDocs 1.6) or "properdocs" (its maintained fork).
ENGINE = os.environ.get("MENTOR_DIRECTORY_ENGINE", "mkdocs")
if ENGINE == "properdocs":
    # From here on every `mkdocs` import, the plugin's and Material's included, is ProperDocs.
    import properdocs.replacement  # noqa: F401
elif ENGINE != "mkdocs":
    raise pytest.UsageError(f"MENTOR_DIRECTORY_ENGINE={ENGINE!r}: use mkdocs or properdocs")
FIXED_EPOCH = "1795000000"  # 2026-11-18, so the sample profiles' freshness never drifts


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--update-golden")


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


@pytest.fixture
def build_site(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """build_site(folder, profiles=None, **overrides) -> the built site folder, using MkDocs in-process."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")

    def run(folder: Path, profiles: dict[str, str] | None = None, **overrides) -> Path:
        project = copy_project(folder, profiles)
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True, **overrides)
        build(config)
        return project / "site"

    return run


@pytest.fixture
def mkdocs_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="mkdocs")
    return caplog
