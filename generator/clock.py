"""The day a build or check is for: reproducible when the environment pins it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path


def build_date(repo: Path | None = None) -> dt.date:
    """SOURCE_DATE_EPOCH if set, else the date of the last commit, else today (all in UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch and repo is not None:
        epoch = commit_epoch(repo)
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.datetime.now(tz=dt.timezone.utc).date()


def commit_epoch(repo: Path) -> str:
    """The Unix time of the last commit in repo, or "" outside a git checkout."""
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=repo,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""
