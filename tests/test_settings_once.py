"""Each setting is declared once: the plugin's options are Settings' fields, with Settings' defaults."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from generator import settings
from generator.maintainers import stale
from generator.plugin.config import MentorDirectoryConfig
from generator.site import placeholders
from tests.helpers import run_cli

TODAY = dt.date(2026, 11, 22)
DEFAULTS = {f.name: f.default for f in dataclasses.fields(settings.Settings)}


@pytest.mark.parametrize("option", sorted(settings.OPTIONS))
def test_each_option_has_the_settings_default(option: str) -> None:
    declared = dict(MentorDirectoryConfig._schema)
    assert declared[option].default == DEFAULTS[settings.OPTIONS[option]]


def test_the_plugin_declares_exactly_the_options_settings_read() -> None:
    assert {name for name, _ in MentorDirectoryConfig._schema} == set(settings.OPTIONS)


def test_stale_reads_the_same_settings_as_the_build(tmp_path: Path) -> None:
    (tmp_path / "people").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  - mentor-directory:\n      profiles: people\n      hide_after_months: 3\n")
    assert stale.limits(config, TODAY) == (11, 3, tmp_path / "people")
    (tmp_path / "mentors").mkdir()
    assert stale.limits(tmp_path / "none.yml", TODAY) == (
        DEFAULTS["warn_after_months"],
        DEFAULTS["hide_after_months"],
        tmp_path / "mentors",
    )


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
