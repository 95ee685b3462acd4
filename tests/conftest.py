"""Shared fixtures: build a real site from a set of profiles in a temporary folder."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import ENGINE, FIXED_EPOCH, copy_project

if ENGINE == "properdocs":
    # From here on every `mkdocs` import, the plugin's and Material's included, is ProperDocs.
    import properdocs.replacement  # noqa: F401
elif ENGINE != "mkdocs":
    raise pytest.UsageError(f"MENTOR_DIRECTORY_ENGINE={ENGINE!r}: use mkdocs or properdocs")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--update-golden")


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
