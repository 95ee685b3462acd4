"""The GitHub Actions workflows are secure by construction: checked here, and by zizmor offline."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.y*ml"))
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"uses:\s*(\S+)\s+#\s*v\d+\.\d+\.\d+\s*$")
EXPRESSION_IN_RUN = re.compile(r"\$\{\{")


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    return {on: None} if isinstance(on, str) else dict.fromkeys(on) if isinstance(on, list) else on


def steps(workflow: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def test_there_are_workflows() -> None:
    assert {p.name for p in FILES} >= {"pull-request.yml", "deploy.yml"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_top_level_permissions_are_empty(path: Path) -> None:
    assert load(path)["permissions"] == {}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_job_says_its_permissions_and_timeout(path: Path) -> None:
    for name, job in load(path)["jobs"].items():
        assert isinstance(job.get("permissions"), dict), f"{path.name}: job {name} has no permissions block"
        assert isinstance(job.get("timeout-minutes"), int), f"{path.name}: job {name} has no timeout-minutes"
        writes = {scope for scope, level in job["permissions"].items() if level == "write"}
        assert writes <= {"pages", "id-token"}, f"{path.name}: job {name} may write {writes}"
        if writes:
            assert [s["uses"].split("@")[0] for s in job["steps"]] == ["actions/deploy-pages"], name


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_concurrency_is_limited(path: Path) -> None:
    assert load(path)["concurrency"]["group"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_pull_request_target(path: Path) -> None:
    assert "pull_request_target" not in triggers(load(path))
    assert "workflow_run" not in triggers(load(path))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    for job, step in steps(load(path)):
        if "uses" in step:
            assert PINNED.match(step["uses"]), f"{path.name}: job {job}: {step['uses']} is not pinned to a commit"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"\s*-?\s*uses:", line)]
    assert lines
    for line in lines:
        assert VERSION_COMMENT.search(line), f"{path.name}: '{line.strip()}' needs a '# vX.Y.Z' comment"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_expressions_inside_scripts(path: Path) -> None:
    for job, step in steps(load(path)):
        assert not EXPRESSION_IN_RUN.search(step.get("run", "")), f"{path.name}: job {job}: use env: instead"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_checkouts_do_not_keep_the_token(path: Path) -> None:
    checkouts = [step for _, step in steps(load(path)) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False


def test_pull_request_runs_the_checks_with_values_passed_through_env() -> None:
    workflow = load(WORKFLOWS / "pull-request.yml")
    assert list(triggers(workflow)) == ["pull_request"]
    runs = {step.get("run", "").strip(): step for _, step in steps(workflow)}
    assert "mentor-directory check --format github" in runs
    owner = runs['mentor-directory ownership --author "$AUTHOR" --base "$BASE_SHA" --repo pr --format github']
    assert owner["env"] == {
        "AUTHOR": "${{ github.event.pull_request.user.login }}",
        "BASE_SHA": "${{ github.event.pull_request.base.sha }}",
    }
    assert runs['mentor-directory summary --base "$BASE_SHA" >> "$GITHUB_STEP_SUMMARY"']["env"]["BASE_SHA"]
    assert "python -m pytest" in runs and any("mkdocs build --strict" in run for run in runs)
    assert any("apt-get install -y chromium" in run for run in runs)
    uploads = [s for _, s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads[0]["with"]["path"] == "site/"


def test_ownership_is_judged_by_the_base_branch_code() -> None:
    job = load(WORKFLOWS / "pull-request.yml")["jobs"]["ownership"]
    base, pr = (step["with"] for step in job["steps"][:2])
    assert (base["ref"], base["path"]) == ("${{ github.event.pull_request.base.sha }}", "base")
    assert (pr["path"], pr["fetch-depth"]) == ("pr", 0)
    assert "python -m pip install ./base" in [step.get("run") for step in job["steps"]]


def test_deploy_builds_daily_and_publishes_to_pages() -> None:
    workflow = load(WORKFLOWS / "deploy.yml")
    on = triggers(workflow)
    assert on["push"] == {"branches": ["main"]} and on["schedule"][0]["cron"] and "workflow_dispatch" in on
    script = "\n".join(step.get("run", "") for _, step in steps(workflow))
    assert 'export SOURCE_DATE_EPOCH="$(date +%s)"' in script
    assert "mentor-directory offline-zip site/offline/mentor-directory-offline.zip" in script
    assert 'mentor-directory stale --format markdown >> "$GITHUB_STEP_SUMMARY"' in script
    used = [step.get("uses", "").split("@")[0] for _, step in steps(workflow)]
    assert "actions/upload-pages-artifact" in used and "actions/deploy-pages" in used
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def zizmor() -> str | None:
    found = shutil.which("zizmor")
    if found is None and os.environ.get("CI") == "true":
        pytest.fail("zizmor is not installed; it comes with the test extras: pip install -e '.[test]'")
    if found is None:
        pytest.skip("zizmor is not installed (pip install -e '.[test]'); CI=true makes this a failure")
    return found


def test_zizmor_finds_nothing() -> None:
    command = [zizmor(), "--offline", "--no-progress", "--color", "never", "--persona", "pedantic", str(WORKFLOWS)]
    # --offline: no network, no token; pedantic: the strictest persona, which also reports code smells.
    env = {k: v for k, v in os.environ.items() if k not in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN")}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"zizmor found problems:\n{output}"
    assert "No findings to report" in output, output
