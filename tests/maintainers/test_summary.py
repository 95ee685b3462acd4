"""`mentor-directory summary`: the pull request's job summary, against a real git repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.maintainers.mdtext import code, escape
from tests.gitrepo import Repo, profile, sample
from tests.helpers import run_cli

TODAY = ["--today", "2026-11-22"]
# Short, so that git does not take it for a renamed copy of another sample profile.
DANA = """name: Dana Obi
email: dana@example.org
headline: Researcher at Example University
bio: |
  I study how small farms adapt to drought, and I moved from an NGO job into a PhD at thirty.
topics: [global-health, career-change]
country: GH
languages: [en, fr]
availability: limited
last_confirmed: 2026-11-01
"""


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return sample(tmp_path / "repo")


def summary(repo: Repo, capsys, *extra: str) -> str:
    assert main(["summary", "--base", "main", "--repo", str(repo.root), *TODAY, *extra]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def section(text: str, heading: str) -> str:
    """The part of the summary under one ### heading."""
    start = text.index(f"### {heading}")
    end = text.find("\n### ", start + 1)
    return text[start : end if end > 0 else None]


def test_added_changed_removed_and_other_files(repo: Repo, capsys) -> None:
    repo.write("mentors/dana-obi.yml", DANA)
    repo.write("mentors/chen-wei.yml", profile("Chen Wei", "chen-wei-example", photo="chen-wei.png", country="Kenya"))
    repo.remove("mentors/ben-adams.yml")
    repo.write("mkdocs.yml", "site_name: Changed\n")
    repo.commit()
    out = summary(repo, capsys)
    assert out.startswith("## Mentor profiles in this pull request\n")
    assert "Profiles: 1 added, 1 changed, 1 removed." in out

    added = section(out, "Dana Obi (added)")
    assert "File: `mentors/dana-obi.yml`" in added
    assert "No problems found." in added
    for row in [
        "| **Name** | Dana Obi |",
        "| **Headline** | Researcher at Example University |",
        "| **Country** | Ghana |",
        "| **Languages** | English, French |",
        "| **Topics** | Global health, Changing career |",
        "| **Availability** | limited |",
    ]:
        assert row in added

    changed = section(out, "Chen Wei (changed)")
    assert "(must be fixed before this can be merged)" in changed
    assert "- Line 13, column 10 (error): 'Kenya' is not a country code: use 'KE' (Kenya)." in changed
    assert "The card preview appears here once the errors are fixed." in changed

    removed = section(out, "Ben Adams (removed)")
    assert "This profile will no longer be on the site." in removed
    assert "- `mkdocs.yml`" in section(out, "Other files")


def test_renamed_profile_and_photo_checks_use_the_pull_request_files(repo: Repo, capsys) -> None:
    repo.move("mentors/ada-okafor.yml", "mentors/ada-obi.yml")
    repo.write("mentors/dana-obi.yml", profile("Dana Obi", None, photo="dana-obi.png"))
    repo.remove("mentors/photos/chen-wei.png")
    repo.commit()
    out = summary(repo, capsys)
    assert "### Ada Okafor (renamed from mentors/ada\\-okafor.yml)" not in out  # paths are not over-escaped
    assert "### Ada Okafor (renamed from mentors/ada-okafor.yml)" in out
    dana = section(out, "Dana Obi (added)")
    assert "There is no file 'dana-obi.png' in mentors/photos/" in dana
    assert "- `mentors/photos/chen-wei.png` (photo removed)" in section(out, "Other files")


def test_warnings_do_not_block(repo: Repo, capsys) -> None:
    repo.write("mentors/ada-okafor.yml", profile(last_confirmed="2025-12-01"))
    repo.commit()
    out = summary(repo, capsys)
    assert "**1 to look at** (do not stop the build):" in out
    assert "(warning): Last confirmed 11 months ago" in out
    assert "| **Name** | Ada Okafor (she/her) |" in out


def test_mentor_text_cannot_add_markup_or_mentions(repo: Repo, capsys) -> None:
    hostile = '"<script>alert(1)</script> | @everyone *x* [y](https://evil.example)"'
    repo.write("mentors/dana-obi.yml", profile("Dana Obi", None, headline=hostile))
    repo.commit()
    out = summary(repo, capsys)
    assert "<script>" not in out
    assert "@everyone" not in out
    assert escape("<script>alert(1)</script> | @everyone") in out


def test_no_profiles_changed(repo: Repo, capsys) -> None:
    repo.write("generator/tool.py", "print('changed')\n")
    repo.commit()
    out = summary(repo, capsys)
    assert "This pull request adds, changes or removes no profiles." in out
    assert "- `generator/tool.py`" in out


def test_a_long_list_of_other_files_is_cut_short(repo: Repo, capsys) -> None:
    for i in range(53):
        repo.write(f"generator/module_{i:02}.py", "x = 1\n")
    repo.commit()
    out = summary(repo, capsys)
    assert "- `generator/module_49.py`" in out and "module_50" not in out
    assert "- and 3 more" in out


def test_unknown_base_is_bad_usage(repo: Repo) -> None:
    done = run_cli("summary", "--base", "nope", "--repo", str(repo.root))
    err = done.stderr
    assert done.returncode == 2
    assert err.startswith("error: 'nope' is not a branch, tag or commit") and "Traceback" not in err


@pytest.mark.parametrize("text, expected", [("a.yml", "`a.yml`"), ("a`b", "``a`b``"), ("`x`", "`` `x` ``")])
def test_code_spans_hold_any_backticks(text: str, expected: str) -> None:
    assert code(text) == expected
