"""Taking over a profile, as a hostile contributor would try it, on real git repositories."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.gitrepo import Repo, profile, sample
from tests.photos import photo, png_declaring

ADA, CHEN, MALLORY = "ada-okafor-example", "chen-wei-example", "mallory-example"


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return sample(tmp_path / "repo")


def ownership(repo: Repo, author: str, capsys) -> tuple[int, str]:
    code = main(["ownership", "--author", author, "--base", "main", "--repo", str(repo.root)])
    return code, capsys.readouterr().out


def summary(repo: Repo, capsys) -> str:
    assert main(["summary", "--base", "main", "--repo", str(repo.root), "--today", "2026-11-22"]) == 0
    return capsys.readouterr().out


def merge_to_main(repo: Repo) -> None:
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "pr")
    repo.git("branch", "-q", "-D", "pr")
    repo.branch("pr")


def test_moving_someones_profile_into_the_photos_folder_needs_a_maintainer(repo: Repo, capsys) -> None:
    repo.move("mentors/chen-wei.yml", "mentors/photos/chen-wei-2.png")
    repo.commit()
    code, out = ownership(repo, MALLORY, capsys)
    assert code == 1
    assert "NEEDS A MAINTAINER: mentors/chen-wei.yml: this pull request deletes (or moves) the profile" in out


@pytest.mark.parametrize(
    "target", ["mentors/chen-wei-2.yml", "mentors/photos/chen.png", "mentors/_old.yml", "chen-wei.yml"]
)
def test_moving_someones_profile_anywhere_needs_a_maintainer(repo: Repo, capsys, target: str) -> None:
    repo.move("mentors/chen-wei.yml", target)
    repo.commit()
    assert ownership(repo, MALLORY, capsys)[0] == 1


def test_moving_your_own_profile_may_merge_alone(repo: Repo, capsys) -> None:
    repo.move("mentors/ada-okafor.yml", "mentors/ada-okafor-obi.yml")
    repo.commit()
    code, out = ownership(repo, ADA, capsys)
    assert code == 0, out


def test_adding_back_a_removed_profile_under_another_owner_needs_a_maintainer(repo: Repo, capsys) -> None:
    repo.remove("mentors/chen-wei.yml")
    repo.commit("Chen leaves")
    merge_to_main(repo)
    repo.write("mentors/chen-wei.yml", profile("Chen Wei", MALLORY, photo="chen-wei.png", email="m@evil.example"))
    repo.commit()
    code, out = ownership(repo, MALLORY, capsys)
    assert code == 1
    assert "mentors/chen-wei.yml is a new profile, but" in out
    assert "a profile with this file name was removed recently" in out
    said = summary(repo, capsys)
    assert "removed recently" in said


def test_an_exact_copy_under_a_new_file_name_needs_a_maintainer_and_the_summary_names_it(repo: Repo, capsys) -> None:
    text = (repo.root / "mentors/chen-wei.yml").read_text().replace(CHEN, MALLORY)
    repo.write("mentors/chen-w.yml", text)
    repo.commit()
    code, out = ownership(repo, MALLORY, capsys)
    assert code == 1
    assert "it resembles mentors/chen-wei.yml (same name, email, bio, photo)" in out
    assert "mentors/chen-wei.yml" in summary(repo, capsys).split("chen-w.yml", 1)[1]


@pytest.mark.parametrize(
    ("what", "changes"),
    [
        ("name", {"name": "Сhen  WEI"}),  # a Cyrillic С, other spacing and case
        ("name", {"name": "Wei Chen"}),
        ("email", {"email": "Chen-Wei+mentor@Example.org"}),
        ("GitHub name", {"github": "Chen-Wei-Example"}),
        ("photo", {"photo": "chen-wei.png"}),
    ],
)
def test_a_profile_that_resembles_someone_needs_a_maintainer(repo: Repo, capsys, what: str, changes: dict) -> None:
    fields = {"name": "Dana Obi", "github": "dana-obi-example"} | changes
    name, github = fields.pop("name"), fields.pop("github")
    repo.write("mentors/dana-obi.yml", profile(name, github, **fields))
    repo.commit()
    code, out = ownership(repo, "dana-obi-example", capsys)
    assert code == 1, out
    assert f"it resembles mentors/chen-wei.yml (same {what})" in out


def test_a_copied_bio_with_small_edits_needs_a_maintainer(repo: Repo, capsys) -> None:
    chen = (repo.root / "mentors/chen-wei.yml").read_text()
    text = profile("Dana Obi", "dana-obi-example")
    bio = chen[chen.index("bio: |") : chen.index("topics:")].replace("Chen Wei", "Dana Obi")
    text = text[: text.index("bio: |")] + bio + text[text.index("topics:") :]
    repo.write("mentors/dana-obi.yml", text)
    repo.commit()
    code, out = ownership(repo, "dana-obi-example", capsys)
    assert code == 1
    assert "(same bio)" in out


def test_a_photo_nobody_uses_needs_a_maintainer(repo: Repo, capsys) -> None:
    repo.write("mentors/photos/stray.jpg", photo(200, 200))
    repo.commit()
    code, out = ownership(repo, ADA, capsys)
    assert code == 1
    assert "none of the author's own profiles in it uses" in out


@pytest.mark.parametrize(
    ("data", "expected", "said"),
    [(png_declaring(20000, 20000), 1, "far bigger than a photo"), (photo(600, 600), 0, "for their own profile")],
    ids=["bomb", "real-photo"],
)
def test_a_new_mentor_with_their_photo(repo: Repo, capsys, data: bytes, expected: int, said: str) -> None:
    repo.write("mentors/photos/dana.jpg", data)
    repo.write("mentors/dana-obi.yml", profile("Dana Obi", "dana-obi-example", photo="dana.jpg"))
    repo.commit()
    code, out = ownership(repo, "dana-obi-example", capsys)
    assert code == expected, out
    assert said in out


def test_renaming_someones_photo_to_your_own_needs_a_maintainer(repo: Repo, capsys) -> None:
    repo.move("mentors/photos/chen-wei.png", "mentors/photos/dana.png")
    repo.write("mentors/dana-obi.yml", profile("Dana Obi", "dana-obi-example", photo="dana.png"))
    repo.commit()
    code, out = ownership(repo, "dana-obi-example", capsys)
    assert code == 1
    assert (
        "mentors/photos/chen-wei.png: this pull request deletes (or moves) a photo used by mentors/chen-wei.yml" in out
    )


def test_the_summary_cannot_be_steered_by_profile_text(repo: Repo, capsys) -> None:
    hostile = '"See https://evil.example or www.evil.example :+1: @maintainers"'
    repo.write("mentors/dana-obi.yml", profile("Dana Obi", None, headline=hostile))
    repo.write("mentors/eve-obi.yml", profile("Eve Obi", None, country='"\\u202eKE\\x1b[2J"'))
    repo.write("mentors/tick.yml", profile("✅", None))
    repo.commit()
    out = summary(repo, capsys)
    assert (
        "| **Headline** | See https\u2060://evil.example or www\u2060.evil.example :\u2060+1: @\u200bmaintainers |"
        in out
    )
    assert "https://" not in out and "www.evil" not in out and ":+1:" not in out and "@maintainers" not in out
    assert "\u202e" not in out and "\x1b" not in out
    assert "'\\\\u202eKE\\\\u001b\\[2J' is not a country code" in out
    assert "### mentors/tick.yml (added)" in out  # a name of only a tick is not shown as the heading


@pytest.mark.parametrize(
    ("changes", "what"),
    [
        ({"photo": "chen-wei.png"}, "photo"),
        ({"name": "Chen Wei"}, "name"),
        ({"email": "chen-wei@example.org"}, "email"),
    ],
)
def test_editing_your_own_profile_into_someone_elses_needs_a_maintainer(repo: Repo, capsys, changes, what) -> None:
    fields = {"name": "Ada Okafor"} | changes
    repo.write("mentors/ada-okafor.yml", profile(fields.pop("name"), ADA, **fields))
    repo.commit()
    code, out = ownership(repo, ADA, capsys)
    assert code == 1, out
    said = out.split("it now resembles mentors/chen-wei.yml (same ", 1)[1].split(")", 1)[0]
    assert what in said.split(", "), out


def test_two_mentors_who_already_share_a_name_may_still_edit_their_own(repo: Repo, capsys) -> None:
    repo.git("checkout", "-q", "main")
    repo.write("mentors/chen-wei-2.yml", profile("Chen Wei", "other-chen", email="c2@example.org"))
    repo.commit("a second Chen Wei")
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "main")
    repo.write("mentors/chen-wei-2.yml", profile("Chen Wei", "other-chen", email="c2@example.org", city="Accra"))
    repo.commit()
    code, out = ownership(repo, "other-chen", capsys)
    assert code == 0, out
