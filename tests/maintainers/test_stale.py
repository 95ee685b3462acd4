"""`mentor-directory stale`: who is due to reconfirm their profile, and who is already hidden."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.maintainers import stale
from tests.gitrepo import FIXTURES, profile
from tests.helpers import run_cli

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Profiles confirmed 3, 11, 12 and 30 months before TODAY, and one with an error."""
    folder = tmp_path / "mentors"
    folder.mkdir()
    shutil.copy(FIXTURES / "_vocabulary.yml", folder)
    cases = {
        "fresh-fern": ("Fresh Fern", "fern-example", "2026-08-22"),
        "due-dan": ("Due Dan", "dan-example", "2025-12-22"),
        "due-dora": ("Due Dora", None, "2025-12-01"),
        "hidden-hana": ("Hidden Hana", "hana-example", "2025-11-22"),
        "gone-gus": ("Gone Gus", None, "2024-05-01"),
    }
    for slug, (name, github, day) in cases.items():
        text = profile(name, github, last_confirmed=day).replace("photo: ada-okafor.png\n", "")
        (folder / f"{slug}.yml").write_text(text, encoding="utf-8")
    (folder / "broken-bo.yml").write_text(profile("Broken Bo", None, country="Kenya"), encoding="utf-8")
    return folder


def run(folder: Path, capsys, *extra: str) -> str:
    args = ["stale", str(folder), "--today", TODAY.isoformat(), "--config", str(folder / "none.yml"), *extra]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_json_lists_due_and_hidden_with_months_and_handles(folder: Path, capsys) -> None:
    found = json.loads(run(folder, capsys, "--format", "json"))
    assert found["today"] == "2026-11-22"
    assert [(d["slug"], d["months"], d["github"], d["hidden"]) for d in found["due"]] == [
        ("due-dan", 11, "dan-example", False),
        ("due-dora", 11, None, False),
    ]
    assert [(d["slug"], d["months"], d["last_confirmed"]) for d in found["hidden"]] == [
        ("gone-gus", 30, "2024-05-01"),
        ("hidden-hana", 12, "2025-11-22"),
    ]
    assert found["due"][0]["name"] == "Due Dan"
    assert found["due"][0]["file"] == str(folder / "due-dan.yml")
    assert found["unreadable"] == [str(folder / "broken-bo.yml")]


def test_text_names_people_and_files(folder: Path, capsys) -> None:
    out = run(folder, capsys)
    assert out.splitlines()[:2] == ["As of 2026-11-22:", "Due to reconfirm (11+ months): 2"]
    assert f"  {folder / 'due-dan.yml'}: Due Dan, last confirmed 2025-12-22 (11 months) @dan-example" in out
    assert "Hidden from the site: 2" in out
    assert "Fresh Fern" not in out
    assert "Not checked, because they have errors (run mentor-directory check): 1" in out


def test_markdown_is_a_summary_section(folder: Path, capsys) -> None:
    out = run(folder, capsys, "--format", "markdown")
    assert out.startswith("## Profiles to reconfirm, as of 2026-11-22\n")
    assert f"| Due Dan | `{folder / 'due-dan.yml'}` | 2025-12-22 | 11 | @dan-example |" in out
    assert f"| Due Dora | `{folder / 'due-dora.yml'}` | 2025-12-01 | 11 | no GitHub name |" in out
    assert "### Hidden: not confirmed for 12 months or more, left off the site" in out
    assert f"- `{folder / 'broken-bo.yml'}`" in out


def test_nothing_due_yet(folder: Path, capsys) -> None:
    out = run(folder, capsys, "--format", "markdown", "--today", "2026-09-01")
    assert "still on the site\n\nNone.\n" in out
    assert "| Gone Gus |" in out and "Due Dan" not in out


def test_limits_come_from_mkdocs_yml(folder: Path, capsys) -> None:
    config = folder.parent / "mkdocs.yml"
    config.write_text(
        "site_name: T\nplugins:\n  - mentor-directory:\n      profiles: mentors\n"
        "      warn_after_months: 3\n      hide_after_months: 24\n",
        encoding="utf-8",
    )
    assert main(["stale", "--config", str(config), "--today", TODAY.isoformat(), "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert (found["warn_after_months"], found["hide_after_months"]) == (3, 24)
    assert [d["slug"] for d in found["due"]] == ["hidden-hana", "due-dan", "due-dora", "fresh-fern"]
    assert [d["slug"] for d in found["hidden"]] == ["gone-gus"]


def test_build_date_comes_from_source_date_epoch(folder: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18
    main(["stale", str(folder), "--config", str(folder / "none.yml"), "--format", "json"])
    assert json.loads(capsys.readouterr().out)["today"] == "2026-11-18"


@pytest.mark.parametrize("args", [["stale", "/no/such/folder"], ["stale", "--config", "{config}"]])
def test_bad_folder_or_config_is_bad_usage(tmp_path: Path, args: list[str]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins: [", encoding="utf-8")
    done = run_cli(*[a.replace("{config}", str(config)) for a in args])
    err = done.stderr
    assert done.returncode == 2 and err.startswith("error: ") and "Traceback" not in err


def test_find_is_pure(folder: Path) -> None:
    from generator.profiles import loader
    from generator.profiles.validate import Rules

    mentors = loader.load([folder], Rules(today=TODAY)).mentors
    due, hidden = stale.find(mentors, TODAY, warn_after=12, hide_after=30)
    assert [d.slug for d in due] == ["hidden-hana"]
    assert [d.slug for d in hidden] == ["gone-gus"]
