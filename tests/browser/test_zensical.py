"""The Zensical export in a real browser: a student finds a mentor and writes to them, as on the MkDocs site."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys

import pytest

from generator.cli import main

from .conftest import BUILD_EPOCH
from .support import ROOT, is_paused, parse_mailto, profiles

READY = "window.mentorDirectorySearch && window.mentorDirectorySearch.ready"
SAMPLE = profiles()


@pytest.fixture(scope="module")
def zensical_url(tmp_path_factory: pytest.TempPathFactory, serve_site) -> str:
    """The sample site exported for Zensical, built by Zensical, and served."""
    try:
        importlib.metadata.version("zensical")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("Zensical is not installed: 'pip install zensical' installs the newest release that installs here")
    project = tmp_path_factory.mktemp("zensical") / "project"
    today = "2026-11-22"  # the day of BUILD_EPOCH, as the other browser tests
    assert main(["zensical", "--out", str(project), "--config", str(ROOT / "mkdocs.yml"), "--today", today]) == 0
    done = subprocess.run(
        [sys.executable, "-m", "zensical", "build"],
        cwd=project, capture_output=True, text=True, timeout=600, env=dict(os.environ, SOURCE_DATE_EPOCH=BUILD_EPOCH),
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return serve_site(project / "site")


def test_a_student_searches_the_zensical_site(page, zensical_url: str) -> None:
    page.goto(zensical_url + "mentors/")
    page.wait_for_function(READY)
    name = next(p["name"] for p in SAMPLE.values() if not is_paused(p))
    page.fill("#mdir-q", name)
    assert page.locator("#mdir-list .mdir-card__name a").all_text_contents() == [name]


def test_the_ask_button_writes_the_mail_on_the_zensical_site(page, zensical_url: str) -> None:
    slug, mentor = next((s, p) for s, p in SAMPLE.items() if not is_paused(p))
    page.goto(zensical_url + f"mentors/{slug}/")
    page.fill("#ask-name", "Amina Yusuf")
    page.fill("#ask-course", "MSc Global Health, first year")
    page.fill("#ask-question", "How did you choose your first job after the degree?")
    link = parse_mailto(page.locator(".mdir-ask__send").get_attribute("href"))
    assert link.address == mentor["email"]
    assert link.body.startswith(f"Dear {mentor['name']},") and "Amina Yusuf" in link.body
