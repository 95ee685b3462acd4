"""The site builds on both maintained engines: MkDocs 1.6 and ProperDocs, its maintained continuation."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import FIXED_EPOCH, ROOT, copy_project

IMPORTED = """\
name: Amara Diallo
email: amara.diallo@example.org
headline: Programme manager at Example Relief
bio: |
  I coordinate emergency food programmes across the Sahel and moved from logistics into programme management.
topics:
  - humanitarian-response
country: SN
languages:
  - fr
imported: 2026-11-02
"""


def need_properdocs() -> None:
    if importlib.util.find_spec("properdocs") is None:
        reason = "ProperDocs is not installed: pip install -e '.[test]' installs it"
        if os.environ.get("CI") == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)


def engine_build(engine: str, project: Path) -> subprocess.CompletedProcess:
    """`<engine> build --strict -f mkdocs.yml`, as the README and the workflow run it."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", str(project / "mkdocs.yml")],
        capture_output=True, text=True, env=env, cwd=project, timeout=300,
    )  # fmt: skip


def test_the_plugin_is_registered_for_both_engines() -> None:
    for group in ("mkdocs.plugins", "properdocs.plugins"):
        found = {ep.name: ep.value for ep in importlib.metadata.entry_points(group=group)}
        assert found.get("mentor-directory") == "generator.plugin.plugin:MentorDirectoryPlugin", group


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The sample site with one imported profile added, built by ProperDocs."""
    need_properdocs()
    project = copy_project(tmp_path_factory.mktemp("properdocs"))
    (project / "mentors" / "amara-diallo.yml").write_text(IMPORTED, encoding="utf-8")
    done = engine_build("properdocs", project)
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site", done.stdout + done.stderr


def test_properdocs_builds_the_sample_site_strictly(properdocs_site: tuple[Path, str]) -> None:
    site, log = properdocs_site
    assert "WARNING" not in log
    directory = (site / "mentors" / "index.html").read_text(encoding="utf-8")
    assert "Find a mentor" in directory and "mdir-card" in directory
    profiles = sorted(p.stem for p in (ROOT / "mentors").glob("[!_]*.yml"))
    assert all((site / "mentors" / slug / "index.html").is_file() for slug in profiles)
    assert (site / "assets" / "mentor-directory" / "mentors-data.js").is_file()
    assert (site / "schema" / "profile.schema.json").is_file()
    guidance = (site / "become-a-mentor" / "index.html").read_text(encoding="utf-8")
    assert "{{" not in guidance  # placeholders filled by the plugin


def test_a_student_sees_an_imported_profile_marked_as_not_yet_confirmed(properdocs_site: tuple[Path, str]) -> None:
    site, _ = properdocs_site
    page = (site / "mentors" / "amara-diallo" / "index.html").read_text(encoding="utf-8")
    assert "Imported, not yet confirmed:" in page and "2 November 2026" in page
    assert "Profile last confirmed on" not in page
    cards = (site / "mentors" / "index.html").read_text(encoding="utf-8")
    card = cards.split('href="../mentors/amara-diallo/"')[1].split("</div>")[0]
    assert "Imported, not yet confirmed" in card


def test_properdocs_refuses_a_broken_profile_like_mkdocs(tmp_path: Path) -> None:
    need_properdocs()
    project = copy_project(tmp_path, {"bad.yml": IMPORTED.replace("country: SN", "country: Senegal")})
    done = engine_build("properdocs", project)
    assert done.returncode != 0
    assert "'Senegal' is not a country code: use 'SN' (Senegal)." in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_pull_requests_are_tested_and_built_on_both_engines() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["build"]
    assert job["strategy"]["matrix"]["engine"] == ["mkdocs", "properdocs"]
    steps = {step.get("name"): step for step in job["steps"]}
    assert steps["Test"]["env"]["MENTOR_DIRECTORY_ENGINE"] == "${{ matrix.engine }}"
    assert "python -m pytest" in steps["Test"]["run"]
    build = steps["Build the site"]["run"]
    assert "properdocs build --strict -f mkdocs.yml" in build and "mkdocs build --strict" in build
