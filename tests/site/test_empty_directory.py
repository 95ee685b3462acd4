"""A directory that starts empty, or whose profiles have all gone stale, still builds and says so."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from tests.helpers import ROOT

SAMPLE = (ROOT / "mentors" / "callum-fraser.yml").read_text(encoding="utf-8")
ASSETS = ROOT / "generator" / "site" / "assets"
LUNR = ASSETS / "vendor" / "lunr-2.3.9.min.js"
MATCH = ASSETS / "match.js"


def stale(text: str) -> str:
    lines = ["last_confirmed: 2024-01-01" if line.startswith("last_confirmed:") else line for line in text.splitlines()]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("profiles", [{}, {"callum-fraser.yml": stale(SAMPLE)}], ids=["empty", "all-hidden"])
def test_an_empty_directory_builds_and_invites_mentors(tmp_path: Path, build_site, profiles: dict) -> None:
    site = build_site(tmp_path / "project", profiles)
    page = (site / "mentors" / "index.html").read_text(encoding="utf-8")
    assert "There are no mentors in the directory yet." in page
    assert '<a href="../become-a-mentor/">Become a mentor</a>' in page
    assert (site / "become-a-mentor" / "index.html").is_file()
    assert "mentors-data.js" not in page  # no search to run over nobody
    script = (site / "assets" / "mentor-directory" / "mentors-data.js").read_text(encoding="utf-8")
    data = json.loads(script.removeprefix("window.mentorDirectoryData=").rstrip().removesuffix(";"))
    assert data["records"] == [] and data["search"]["words"] == [] and data["search"]["postings"] == []
    # The browser's own matcher loads the empty data and finds nobody, rather than throwing.
    program = (
        f"var window = globalThis;\n{LUNR.read_text()}\nvar lunr = module.exports;\n{MATCH.read_text()}\n{script}\n"
        "var m = window.mentorDirectoryMatcher(window.mentorDirectoryData.search);\n"
        "console.log(JSON.stringify([m.find('health', 0) || [], m.suggest('helth', 0)]));\n"
    )
    found = subprocess.run(["node", "-"], input=program, capture_output=True, text=True, timeout=60)
    assert found.returncode == 0, found.stderr[-2000:]
    assert found.stdout.strip() == "[[],null]"


def test_check_on_an_empty_folder_says_where_it_looked(tmp_path: Path, capsys) -> None:
    (tmp_path / "mentors").mkdir()
    (tmp_path / "mentors" / "_template.yml").write_text("name: x\n")
    assert main(["check", str(tmp_path / "mentors")]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"No profiles were found in {tmp_path / 'mentors'}/:")
    assert "All 0 profiles" not in out
