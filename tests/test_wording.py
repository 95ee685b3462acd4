"""Counts read right for 0, 1 and 2: in the terminal, on the directory's pages, and in the script's data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.profiles.loader import load
from generator.profiles.validate import Rules
from generator.settings import Settings
from generator.site import search_index
from generator.site.directory import build as build_directory
from generator.site.render import Renderer, hue
from tests.helpers import PROFILES, edit

TODAY = dt.date(2026, 11, 22)
# A second mentor: Kofi talks about data and evidence only, and has no photo.
SECOND = (
    edit("name: Ada Okafor", "name: Kofi Mensah")
    .replace("ada.okafor@example.org", "kofi.mensah@example.org")
    .replace("github: ada-okafor-example\n", "")
    .replace("photo: ada-okafor.png\n", "")
    .replace("topics:\n  - monitoring-and-evaluation\n", "topics:\n")
)


def folder_with(tmp_path: Path, count: int) -> Path:
    """A profiles folder holding `count` valid profiles (0, 1 or 2)."""
    folder = tmp_path / "mentors"
    folder.mkdir()
    shutil.copy(PROFILES / "_vocabulary.yml", folder)
    shutil.copytree(PROFILES / "photos", folder / "photos")
    if count >= 1:
        shutil.copy(PROFILES / "ada-okafor.yml", folder)
    if count >= 2:
        (folder / "kofi-mensah.yml").write_text(SECOND, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("count", "said"),
    [
        (1, "Checked 1 profile: it looks good."),
        (2, "Checked 2 profiles: all look good."),
    ],
)
def test_check_counts_the_profiles_it_checked(tmp_path: Path, capsys, count: int, said: str) -> None:
    folder = folder_with(tmp_path, count)
    assert main(["check", str(folder), "--today", TODAY.isoformat()]) == 0
    assert capsys.readouterr().out.strip() == said


def test_check_of_an_empty_folder_says_how_to_add_a_profile(tmp_path: Path, capsys) -> None:
    folder = folder_with(tmp_path, 0)
    assert main(["check", str(folder), "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"No profiles were found in {folder}/") and "0 profile" not in out


def test_a_photo_with_errors_is_counted_as_a_file_not_as_a_second_profile(tmp_path: Path, capsys) -> None:
    """One profile with a wrong country, and a web page uploaded among the photos: two files with errors."""
    folder = folder_with(tmp_path, 1)
    profile = folder / "ada-okafor.yml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("country: KE", "country: Kenya"), encoding="utf-8")
    (folder / "photos" / "page.html").write_text("<html></html>", encoding="utf-8")
    assert main(["check", str(folder), "--today", TODAY.isoformat()]) == 1
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == "Checked 1 profile: 2 errors in 2 files: fix the errors above and push again."


def test_check_counts_the_errors_of_each_profile(tmp_path: Path, capsys) -> None:
    folder = folder_with(tmp_path, 2)
    for path in folder.glob("*.yml"):
        if not path.name.startswith("_"):
            text = path.read_text(encoding="utf-8").replace("country: KE", "country: Kenya")
            path.write_text(text, encoding="utf-8")
    assert main(["check", str(folder), "--today", TODAY.isoformat()]) == 1
    assert capsys.readouterr().out.splitlines()[-1].startswith("Checked 2 profiles: 2 errors in 2 files")


def renderer(tmp_path: Path, count: int) -> Renderer:
    loaded = load([folder_with(tmp_path, count)], Rules(today=TODAY))
    settings = Settings(today=TODAY)
    return Renderer(build_directory(loaded.mentors, loaded.vocabulary, settings), loaded.vocabulary, settings, {})


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize(
    ("count", "lead"),
    [
        (1, "1 alum has offered to talk with students."),
        (2, "2 alumni have offered to talk with students."),
    ],
)
def test_the_directory_page_counts_its_alumni(tmp_path: Path, count: int, lead: str) -> None:
    assert lead in text(renderer(tmp_path, count).directory_page(1).body)


def test_an_empty_directory_invites_the_first_mentor(tmp_path: Path) -> None:
    body = text(renderer(tmp_path, 0).directory_page(1).body)
    assert "There are no mentors in the directory yet." in body and "0 alumni" not in body


def test_browse_pages_agree_with_their_count(tmp_path: Path) -> None:
    pages = {page.path: page for page in renderer(tmp_path, 2).generated_pages()}
    # Both talk about data and evidence; only Ada about monitoring and evaluation; both are in Kenya.
    assert text(pages["topics/data-and-evidence/"].body).startswith("2 mentors who talk about Data and evidence,")
    one = pages["topics/monitoring-and-evaluation/"]
    assert text(one.body).startswith("1 mentor who talks about Monitoring and evaluation, available first.")
    assert one.description == "1 mentor who talks about Monitoring and evaluation."
    assert text(pages["countries/ke/"].body).startswith("2 mentors based in Kenya,")
    assert text(pages["languages/sw/"].body).startswith("2 mentors who can talk in Swahili,")


@pytest.mark.parametrize(
    ("capacity", "said"), [(1, "Up to 1 conversation a month"), (2, "Up to 2 conversations a month")]
)
def test_a_profile_says_its_capacity_in_the_right_number(tmp_path: Path, capacity: int, said: str) -> None:
    r = renderer(tmp_path, 1)
    mentor = r.directory.mentors[0]
    page = r.mentor_page(dataclasses.replace(mentor, capacity=capacity))
    assert said in text(page.body)


def test_the_script_gets_every_plural_form_it_writes(tmp_path: Path) -> None:
    """The browser picks among these with Intl.PluralRules for the same locale: no word is made in JavaScript."""
    r = renderer(tmp_path, 2)
    data = search_index.data(r.directory, r.vocab, r.settings, {}, hue)
    labels = json.loads(json.dumps(data))["labels"]
    assert labels["locale"] == "en"
    assert labels["phrases"]["mentors_match"] == {"one": "{n} mentor matches.", "other": "{n} mentors match."}
    assert labels["phrases"]["mentors"] == {"one": "{n} mentor", "other": "{n} mentors"}
    assert labels["titles"]["scheme"] == "Scheme" and labels["schemeShort"][0] == "Ask An Alum"
