"""`mentor-directory zensical`: a ready Zensical project, since Zensical cannot run the MkDocs plugin."""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.helpers import FIXED_EPOCH, ROOT, copy_project

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli", reason="reading zensical.toml needs Python 3.11 or tomli")

TODAY = "2026-11-18"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site exported as a Zensical project."""
    out = tmp_path_factory.mktemp("zensical") / "project"
    assert main(["zensical", "--out", str(out), "--config", str(ROOT / "mkdocs.yml"), "--today", TODAY]) == 0
    return out


def test_the_config_lists_the_assets_settings_first_and_fetches_no_fonts(project: Path) -> None:
    config = tomllib.loads((project / "zensical.toml").read_text(encoding="utf-8"))["project"]
    assert config["site_name"] == "Alumni Mentor Directory"
    assert config["extra_javascript"][0] == "assets/mentor-directory/settings.js"
    assert "assets/mentor-directory/directory.js" in config["extra_javascript"]
    assert config["extra_css"][0] == "assets/mentor-directory/directory.css"
    for asset in config["extra_css"] + config["extra_javascript"]:
        assert (project / "docs" / asset).is_file(), asset
    assert config["theme"]["font"] is False
    assert config["theme"]["custom_dir"] == "overrides" and (project / "overrides" / "main.html").is_file()
    assert {"Find a mentor": "mentors/index.md"} in config["nav"]
    assert config["markdown_extensions"]["pymdownx"]["tasklist"] == {"custom_checkbox": True}


def test_the_guidance_has_its_placeholders_filled_by_us(project: Path) -> None:
    pages = {p.relative_to(project / "docs").as_posix(): p.read_text("utf-8") for p in (project / "docs").rglob("*.md")}
    guidance = {path: text for path, text in pages.items() if (ROOT / "guidance" / path).is_file()}
    assert len(guidance) == len(list((ROOT / "guidance").rglob("*.md")))
    assert not [path for path, text in guidance.items() if "{{" in text]
    assert "mentoring@example.org" in guidance["privacy.md"]
    assert (
        "https://github.com/example-org/mentor-directory/new/main?filename=mentors/your-name.yml"
        in (guidance["become-a-mentor.md"])
    )


def test_every_profile_has_its_page(project: Path) -> None:
    slugs = sorted(p.stem for p in (ROOT / "mentors").glob("[!_]*.yml"))
    assert all((project / "docs" / "mentors" / slug / "index.md").is_file() for slug in slugs)
    assert (project / "docs" / "assets" / "mentor-directory" / "mentors-data.js").is_file()


def test_it_never_writes_into_a_folder_that_has_files(tmp_path: Path, capsys) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["zensical", "--out", str(tmp_path), "--config", str(ROOT / "mkdocs.yml")]) == 2
    assert "not an empty folder" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_broken_profile_stops_it_before_anything_is_written(tmp_path: Path, capsys) -> None:
    bad = (ROOT / "tests" / "fixtures" / "profiles" / "ada-okafor.yml").read_text(encoding="utf-8")
    source = copy_project(tmp_path / "source", {"ada.yml": bad.replace("country: KE", "country: Kenya")})
    out = tmp_path / "out"
    assert main(["zensical", "--out", str(out), "--config", str(source / "mkdocs.yml"), "--today", TODAY]) == 1
    assert "'Kenya' is not a country code" in capsys.readouterr().err
    assert not out.exists()


def zensical_version() -> str | None:
    try:
        return importlib.metadata.version("zensical")
    except importlib.metadata.PackageNotFoundError:
        return None


@pytest.fixture(scope="module")
def zensical_site(project: Path) -> Path:
    """The export built by Zensical, where a release of it installs from the package index."""
    if zensical_version() is None:
        pytest.skip(
            "Zensical is not installed: 'pip install zensical' installs the newest release that installs "
            "here (.ci/run and the workflow do so, and these tests are skipped where none installs)"
        )
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH)
    done = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--strict"],
        cwd=project, capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "site"


def test_zensical_builds_the_directory_and_the_guidance(zensical_site: Path) -> None:
    directory = (zensical_site / "mentors" / "index.html").read_text(encoding="utf-8")
    assert directory.count('class="mdir-card"') >= 24
    scripts = re.findall(r'<script src="([^"]+)"', directory)
    names = [s.rsplit("/", 1)[-1] for s in scripts]
    assert names.index("settings.js") < names.index("directory.js")
    privacy = (zensical_site / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "mentoring@example.org" in privacy and "{{" not in privacy
    first = sorted(p.stem for p in (ROOT / "mentors").glob("[!_]*.yml"))[0]
    page = (zensical_site / "mentors" / first / "index.html").read_text(encoding="utf-8")
    assert "Ask for a conversation" in page


def test_the_zensical_site_asks_no_other_host_for_anything(zensical_site: Path) -> None:
    for page in zensical_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        loaded = re.findall(r'<(?:script|img|iframe)[^>]+src="((?:https?:)?//[^"]*)"', html)
        loaded += re.findall(
            r'<link rel="(?:stylesheet|preload|preconnect|icon|manifest)"[^>]+href="((?:https?:)?//[^"]*)"', html
        )
        assert loaded == [], page
