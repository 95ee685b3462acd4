"""Each setting is declared once: the plugin's options are Settings' fields, with Settings' defaults."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator import settings
from generator.maintainers import stale
from generator.plugin.config import MentorDirectoryConfig
from generator.profiles import validate
from generator.site import placeholders
from tests.helpers import PROFILES, ROOT, copy_project, edit, run_cli

TODAY = dt.date(2026, 11, 22)
DEFAULTS = {f.name: f.default for f in dataclasses.fields(settings.Settings)}


@pytest.mark.parametrize("option", sorted(settings.OPTIONS))
def test_each_option_has_the_settings_default(option: str) -> None:
    declared = dict(MentorDirectoryConfig._schema)
    assert declared[option].default == DEFAULTS[settings.OPTIONS[option].field]


def test_the_plugin_declares_exactly_the_options_settings_read() -> None:
    assert {name for name, _ in MentorDirectoryConfig._schema} == set(settings.OPTIONS)


def readme_table() -> list[str]:
    """The rows of the README's table of plugin options, as written."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Programme options") :]
    return [line for line in section.split("\n\n", 3)[2].splitlines()[2:]]


def shown(option: settings.Option) -> str:
    default = DEFAULTS[option.field]
    if option.shown_default:
        return option.shown_default
    return f"`{default}`" if default != "" else "none"


def test_the_readme_describes_every_option_as_settings_does() -> None:
    expected = [f"| `{name}` | {shown(o)} | {o.help} |" for name, o in settings.OPTIONS.items()]
    assert readme_table() == expected, "README's option table should read:\n" + "\n".join(expected)


def test_stale_reads_the_same_settings_as_the_build(tmp_path: Path) -> None:
    (tmp_path / "people").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  - mentor-directory:\n      profiles: people\n      hide_after_months: 3\n")
    found, folder = stale.programme(config, TODAY)
    assert (found.warn_after_months, found.hide_after_months, folder) == (11, 3, tmp_path / "people")
    (tmp_path / "mentors").mkdir()
    found, folder = stale.programme(tmp_path / "none.yml", TODAY)
    assert found == settings.Settings(today=TODAY) and folder == tmp_path / "mentors"


def test_the_checking_rules_default_to_the_settings_defaults() -> None:
    rules = validate.Rules(today=TODAY)
    assert rules == validate.rules_for(settings.Settings(today=TODAY))
    assert rules.photos_dir == Path(DEFAULTS["profiles_dir"]) / "photos"


FIVE_MONTHS_AGO = "2026-06-10"  # 5 whole months before TODAY


@pytest.mark.parametrize("command", [["check"], ["stale"]])
def test_a_programme_that_hides_after_three_months_warns_a_five_month_old_profile(
    tmp_path: Path, command: list[str]
) -> None:
    """An alum who last confirmed in June hears about it from every command, by the programme's limit."""
    copy_project(tmp_path, {"ada-okafor.yml": edit("last_confirmed: 2026-05-01", f"last_confirmed: {FIVE_MONTHS_AGO}")})
    shutil.copytree(PROFILES / "photos", tmp_path / "mentors" / "photos", dirs_exist_ok=True)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hide_after_months: 12", "hide_after_months: 3"))
    done = run_cli(*command, "--today", TODAY.isoformat(), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    if command == ["check"]:
        assert (
            "mentors/ada-okafor.yml:32:17: warning: Last confirmed 5 months ago, so the profile is hidden from the site"
            in done.stdout
        )
        assert "1 warning" in done.stdout
    else:
        assert "Hidden from the site: 1\n  mentors/ada-okafor.yml: Ada Okafor, last confirmed 2026-06-10" in done.stdout


def test_the_scheme_name_reaches_the_guidance() -> None:
    found = placeholders.values(settings.Settings(today=TODAY, scheme="Coffee with a Graduate"), Path("."), "")
    assert placeholders.fill("## {{ programme.scheme }}", found, "guide/schemes.md") == "## Coffee with a Graduate"


def test_check_without_paths_checks_the_folder_mkdocs_yml_names(tmp_path: Path) -> None:
    people = tmp_path / "people"
    people.mkdir()
    (people / "ada-okafor.yml").write_text("name: [\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - mentor-directory:\n      profiles: people\n", encoding="utf-8")
    done = run_cli("check", "--today", TODAY.isoformat(), cwd=tmp_path)
    assert done.returncode == 1 and "people/ada-okafor.yml:2:1: error" in done.stdout, done.stdout + done.stderr
