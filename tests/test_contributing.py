"""The files contributors and maintainers meet: code owners, the pre-commit hook, the templates."""

from __future__ import annotations

import fnmatch
import re
import subprocess

import pytest
import yaml

from generator.maintainers import ownership
from tests.helpers import ROOT

GITHUB = ROOT / ".github"
MAINTAINERS = ["@example-org/maintainers"]


def owners(path: str) -> list[str]:
    """The code owners of a path: the last matching line wins (enough of GitHub's rules for our patterns)."""
    found: list[str] = []
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        pattern, *who = line.split()
        if _matches(pattern, path):
            found = who
    return found


def _matches(pattern: str, path: str) -> bool:
    if pattern == "*":
        return True
    anchored = pattern.lstrip("/")
    if anchored.endswith("/"):
        return path.startswith(anchored)
    regex = re.escape(anchored).replace(r"\*", "[^/]*")
    return re.fullmatch(regex, path) is not None


@pytest.mark.parametrize(
    "path, expected",
    [
        ("mentors/ada-okafor.yml", []),
        ("mentors/photos/ada-okafor.jpg", []),
        ("mentors/_vocabulary.yml", MAINTAINERS),
        ("mentors/_template.yml", MAINTAINERS),
        ("mkdocs.yml", MAINTAINERS),
        ("generator/cli.py", MAINTAINERS),
        ("generator/site/templates/mentor.html", MAINTAINERS),
        (".github/workflows/deploy.yml", MAINTAINERS),
        (".github/CODEOWNERS", MAINTAINERS),
        ("guidance/index.md", MAINTAINERS),
        ("mentors/sub/x.yml", MAINTAINERS),
        ("pyproject.toml", MAINTAINERS),
    ],
)
def test_code_owners(path: str, expected: list[str]) -> None:
    assert owners(path) == expected


def _every_path() -> list[str]:
    """Every file in the repository, and the paths a hostile pull request would try."""
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    tried = [
        "mentors/new-person.yml",
        "mentors/new.yaml",
        "mentors/.hidden.yml",
        "mentors/_settings.yml",
        "mentors/notes.md",
        "mentors/sub/x.yml",
        "mentors/photos/x.jpg",
        "mentors/photos/X.JPG",
        "mentors/photos/x.webp",
        "mentors/photos/page.html",
        "mentors/photos/x.svg",
        "mentors/photos/x.yml",
        "mentors/photos/sub/x.png",
        "mentors/photos/.htaccess",
        ".github/workflows/new.yml",
        ".github/CODEOWNERS",
        "overrides/main.html",
        "mkdocs-offline.yml",
        ".ci/run",
        "docs/x.md",
    ]
    return sorted(set(tracked.splitlines()) | set(tried))


def test_codeowners_owns_every_path_but_profiles_and_photos() -> None:
    for path in _every_path():
        profile_or_photo = ownership.Folder().is_profile(path) or ownership.Folder().is_photo(path)
        lower_ext = path.rsplit(".", 1)[-1] in (
            "yml",
            "yaml",
            "jpg",
            "jpeg",
            "png",
            "webp",
            "JPG",
            "JPEG",
            "PNG",
            "WEBP",
        )
        if profile_or_photo and lower_ext:
            assert owners(path) == [], path
        else:
            assert owners(path) == MAINTAINERS, path


def test_readme_set_up_names_code_owner_review_and_the_required_checks() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## For programme administrators", 1)[1].split("\n## ", 1)[0]
    assert '"Require review from Code Owners"' in setup
    workflow = yaml.safe_load((GITHUB / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    for name in _check_names(workflow):
        assert f'"{name}"' in setup, name


def _check_names(workflow: dict) -> list[str]:
    """The status checks a workflow reports: one per job, or one per value of a one-key matrix."""
    names = []
    for job in workflow["jobs"].values():
        matrix = job.get("strategy", {}).get("matrix", {})
        if "${{ matrix." not in job["name"]:
            names.append(job["name"])
            continue
        ((key, values),) = matrix.items()
        names += [job["name"].replace(f"${{{{ matrix.{key} }}}}", str(value)) for value in values]
    return names


def test_the_workflow_says_what_its_trust_rests_on() -> None:
    text = (GITHUB / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    assert "cannot change how it is judged" not in text
    assert "Require review from Code Owners" in text
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "## Who may merge what, and why" in contributing


def test_pre_commit_hook_checks_profiles_only() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "mentor-directory-check"
    assert (hook["entry"], hook["language"]) == ("mentor-directory check", "python")
    files = re.compile(hook["files"])
    for path in ["mentors/ada-okafor.yml", "mentors/ada.yaml"]:
        assert files.search(path), path
    for path in ["mentors/_vocabulary.yml", "mentors/_template.yml", "mentors/photos/a.yml", "mkdocs.yml"]:
        assert not files.search(path), path


def test_pull_request_template_asks_for_consent_and_a_check() -> None:
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.MULTILINE)
    assert len(boxes) == 4
    for words in ["consent to publishing", "happy to have students write to", "`last_confirmed` is today", "check"]:
        assert any(words in box for box in boxes), words


def test_issue_chooser_links_are_web_addresses() -> None:
    config = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    assert config["contact_links"]
    for link in config["contact_links"]:
        assert link["url"].startswith("https://") and link["name"] and link["about"]


def test_contributing_covers_the_maintainer_tasks() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for words in ["consent", "mentor-directory ownership", "mentor-directory new --from-issue", "history", "stale"]:
        assert words in text, words


def test_fnmatch_is_not_what_codeowners_means() -> None:
    # fnmatch's '*' crosses '/', GitHub's does not: the helper above must not use it.
    assert fnmatch.fnmatch("mentors/sub/x.yml", "mentors/*.yml")
    assert not _matches("/mentors/*.yml", "mentors/sub/x.yml")
