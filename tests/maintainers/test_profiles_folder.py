"""A programme whose profiles live in another folder than `mentors/`: every command follows mkdocs.yml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.maintainers.gitprofiles import Folder
from tests.gitrepo import FIXTURES, ROOT, Repo, profile
from tests.helpers import run_cli

TODAY = "2026-11-22"
SETTINGS = "site_name: Alumni Voices\nplugins:\n  - search\n  - mentor-directory:\n      profiles: {folder}\n{extra}"


def programme(root: Path, folder: str = "alumni/people", extra: str = "") -> Repo:
    """main: the sample people of tests/gitrepo.py, kept in `folder`, which mkdocs.yml names; HEAD is 'pr'."""
    repo = Repo(root)
    repo.write(f"{folder}/_vocabulary.yml", (FIXTURES / "_vocabulary.yml").read_text(encoding="utf-8"))
    shutil.copy(ROOT / "mentors" / "_template.yml", root / folder / "_template.yml")
    repo.write(f"{folder}/photos/ada-okafor.png", (FIXTURES / "photos" / "ada-okafor.png").read_bytes())
    repo.write(f"{folder}/ada-okafor.yml", profile())
    repo.write(f"{folder}/chen-wei.yml", profile("Chen Wei", "chen-wei-example"))
    repo.write("mkdocs.yml", SETTINGS.format(folder=folder, extra=extra))
    repo.commit("base")
    repo.branch("pr")
    return repo


def ownership(repo: Repo, author: str = "dana-obi-example"):
    return run_cli("ownership", "--author", author, "--base", "main", "--repo", str(repo.root))


def summary(repo: Repo):
    return run_cli("summary", "--base", "main", "--repo", str(repo.root), "--today", TODAY)


# -- ownership ------------------------------------------------------------------------------


def test_a_new_profile_in_the_programmes_folder_may_be_merged_by_its_author(tmp_path: Path) -> None:
    repo = programme(tmp_path)
    repo.write("alumni/people/photos/dana-obi.png", (FIXTURES / "photos" / "ada-okafor.png").read_bytes() + b"d")
    repo.write("alumni/people/dana-obi.yml", profile("Dana Obi", "dana-obi-example", photo="dana-obi.png"))
    repo.commit()
    done = ownership(repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok: alumni/people/dana-obi.yml is a new profile: anyone may add one." in done.stdout
    assert "ok: alumni/people/photos/dana-obi.png: the author adds a photo for their own profile." in done.stdout


def test_an_edit_of_ones_own_profile_there_is_ones_own(tmp_path: Path) -> None:
    repo = programme(tmp_path)
    repo.write("alumni/people/ada-okafor.yml", profile(headline="Director at Example Foundation"))
    repo.commit()
    done = ownership(repo, "ada-okafor-example")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "the author changes their own profile" in done.stdout


def test_a_yml_file_in_mentors_is_not_a_profile_of_this_programme(tmp_path: Path) -> None:
    repo = programme(tmp_path)
    repo.write("mentors/dana-obi.yml", profile("Dana Obi", "dana-obi-example"))
    repo.commit()
    done = ownership(repo)
    assert done.returncode == 1
    assert "NEEDS A MAINTAINER: mentors/dana-obi.yml is not a profile or a photo" in done.stdout


def test_a_new_profile_that_copies_someone_is_flagged_in_the_programmes_folder(tmp_path: Path) -> None:
    repo = programme(tmp_path)
    repo.write("alumni/people/chen-wei-2.yml", profile("Chen Wei", "someone-else"))
    repo.commit()
    done = ownership(repo, "someone-else")
    assert done.returncode == 1 and "alumni/people/chen-wei.yml" in done.stdout, done.stdout


def test_a_pull_request_cannot_move_the_folder_to_make_its_files_profiles(tmp_path: Path) -> None:
    repo = programme(tmp_path)
    repo.write("mkdocs.yml", SETTINGS.format(folder="generator", extra=""))
    repo.write("generator/dana-obi.yml", profile("Dana Obi", "dana-obi-example"))
    repo.commit()
    done = ownership(repo)
    assert done.returncode == 1
    assert "NEEDS A MAINTAINER: mkdocs.yml is not a profile or a photo" in done.stdout
    assert "NEEDS A MAINTAINER: generator/dana-obi.yml is not a profile or a photo" in done.stdout


@pytest.mark.parametrize("folder", ["..", "../elsewhere", "/etc", "."])
def test_a_profiles_folder_outside_the_repository_is_refused_clearly(tmp_path: Path, folder: str) -> None:
    repo = programme(tmp_path)
    repo.git("checkout", "-q", "main")
    repo.write("mkdocs.yml", SETTINGS.format(folder=f"'{folder}'", extra=""))
    repo.commit("a mistaken setting on main")
    repo.branch("pr2")
    repo.write("alumni/people/dana-obi.yml", profile("Dana Obi", "dana-obi-example"))
    repo.commit()
    for done in (ownership(repo), summary(repo)):
        assert done.returncode == 2, done.stdout + done.stderr
        assert f"profiles: '{folder}' is not a folder inside the repository" in done.stderr
        assert "Traceback" not in done.stderr


# -- summary ---------------------------------------------------------------------------------


def test_summary_checks_profiles_in_the_programmes_folder_by_its_rules(tmp_path: Path) -> None:
    repo = programme(tmp_path, extra="      min_bio_length: 300\n      hide_after_months: 3\n")
    dana = profile("Dana Obi", "dana-obi-example", last_confirmed="2026-06-01", photo="dana-obi.png")
    repo.write("alumni/people/dana-obi.yml", dana)
    repo.write("mentors/notes.yml", "not: a profile\n")
    repo.commit()
    done = summary(repo)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "### Dana Obi (added)" in out and "File: `alumni/people/dana-obi.yml`" in out
    assert "is 239 characters long; write at least 300." in out  # the programme's own minimum, not the default 80
    assert "Last confirmed 5 months ago, so the profile is hidden from the site" in out
    assert "There is no file 'dana-obi.png' in people/photos/: upload it there" in out
    assert "- `mentors/notes.yml`" in out.split("### Other files", 1)[1]


def test_summary_previews_a_card_with_the_photo_from_the_programmes_folder(tmp_path: Path) -> None:
    repo = programme(tmp_path)
    repo.write("alumni/people/ada-okafor.yml", profile(city="Mombasa"))
    repo.commit()
    done = summary(repo)
    assert done.returncode == 0, done.stderr
    assert "### Ada Okafor (changed)" in done.stdout and "No problems found." in done.stdout
    assert "| **Country** | Mombasa, Kenya |" in done.stdout


# -- the folder rule itself -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "is_profile", "is_photo"),
    [
        ("people/ada.yml", True, False),
        ("people/ada.yaml", True, False),
        ("people/_vocabulary.yml", False, False),
        ("people/sub/ada.yml", False, False),
        ("people/photos/ada.JPG", False, True),
        ("people/photos/page.html", False, False),
        ("people/photos/sub/ada.png", False, False),
        ("mentors/ada.yml", False, False),
        ("peoplex/ada.yml", False, False),
        ("ada.yml", False, False),
    ],
)
def test_what_counts_as_a_profile_or_a_photo(path: str, is_profile: bool, is_photo: bool) -> None:
    for written in ("people", "./people/", "people/"):
        folder = Folder(written)
        assert (folder.is_profile(path), folder.is_photo(path)) == (is_profile, is_photo)


# -- new and import ---------------------------------------------------------------------------


def local_programme(tmp_path: Path) -> Path:
    """A programme on disk whose mkdocs.yml keeps profiles in people/ (with the vocabulary and template)."""
    (tmp_path / "people").mkdir()
    for name in ("_vocabulary.yml", "_template.yml"):
        shutil.copy(ROOT / "mentors" / name, tmp_path / "people")
    (tmp_path / "mkdocs.yml").write_text(SETTINGS.format(folder="people", extra=""), encoding="utf-8")
    return tmp_path


def test_new_writes_the_profile_into_the_programmes_folder(tmp_path: Path) -> None:
    project = local_programme(tmp_path)
    done = run_cli("new", "--name", "Dana Obi", "--email", "dana@example.org", "--today", TODAY, cwd=project)
    assert done.returncode == 0, done.stderr
    assert "Created people/dana-obi.yml." in done.stdout
    assert (project / "people" / "dana-obi.yml").is_file() and not (project / "mentors").exists()
    profile_text = (project / "people" / "dana-obi.yml").read_text(encoding="utf-8")
    (project / "people" / "dana-obi.yml").write_text(profile_text + "photo: dana.png\n", encoding="utf-8")
    checked = run_cli("check", "--today", TODAY, cwd=project)
    assert "There is no file 'dana.png' in people/photos/" in checked.stdout, checked.stdout


def test_import_writes_into_the_programmes_folder(tmp_path: Path) -> None:
    project = local_programme(tmp_path)
    source = ROOT / "tests" / "fixtures" / "imports" / "google-forms.csv"
    done = run_cli("import", str(source), "--today", TODAY, cwd=project)
    assert done.returncode in (0, 1), done.stderr  # the fixture holds rows that are refused on purpose
    assert sorted(p.name for p in (project / "people").glob("[!_]*.yml")) and not (project / "mentors").exists()
