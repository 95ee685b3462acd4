"""`mkdocs serve` rebuilds when a profile, a photo or the vocabulary changes, as an alum editing locally expects."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import ENGINE, FIXED_EPOCH, copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    page = None
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r}; last page had {len(page or '')} characters")


@pytest.fixture
def served(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXED_EPOCH, NO_MKDOCS_2_WARNING="1")
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", ENGINE, "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=output,
            env=env,
        )
    try:
        yield project, f"http://127.0.0.1:{port}/mentor-directory/", log
    finally:
        server.terminate()
        server.wait(timeout=20)


def photo_counts(log: Path, builds: int, seconds: float = 60) -> list[tuple[int, int]]:
    """(encoded, from the cache) for each of the first `builds` builds the server logged."""
    deadline = time.monotonic() + seconds
    while True:
        found = re.findall(r"photos: (\d+) encoded, (\d+) from the cache", log.read_text(encoding="utf-8"))
        if len(found) >= builds or time.monotonic() > deadline:
            return [(int(a), int(b)) for a, b in found]
        time.sleep(0.3)


def avatar(page: str) -> str:
    return re.search(r'mdir-avatar--page" src="[./]*(assets/photos/[^"]+)"', page).group(1)


def test_serve_rebuilds_when_a_profile_a_photo_or_the_vocabulary_changes(served) -> None:
    project, url, _ = served
    page_url = url + "mentors/wanjiru-kamau/"
    wait_for(page_url, "Wanjiru Kamau")
    profile = project / "mentors" / "wanjiru-kamau.yml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("Wanjiru Kamau", "Wanjiru K. Kamau"), "utf-8")
    wait_for(page_url, "Wanjiru K. Kamau")
    vocabulary = project / "mentors" / "_vocabulary.yml"
    text = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(text.replace("label: Data and evidence", "label: Data, evidence and statistics"), "utf-8")
    wait_for(url + "topics/data-and-evidence/", "Data, evidence and statistics")
    photos = project / "mentors" / "photos"
    (photos / "wanjiru-kamau.png").write_bytes((photos / "wang-fang.png").read_bytes())
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("last_confirmed:", "photo: wanjiru-kamau.png\nlast_confirmed:"), "utf-8")
    # The same photo as Wang Fang's: the same published file.
    wait_for(page_url, avatar(wait_for(url + "mentors/wang-fang/", "王芳")))


def test_serve_redoes_the_changed_profile_and_the_directory_data_but_no_photo(served) -> None:
    project, url, log = served
    page_url = url + "mentors/thandeka-mokoena/"
    first = wait_for(page_url, "Thandeka Mokoena")
    [(encoded, reused)] = photo_counts(log, 1)
    assert encoded > 0 and reused == 0
    profile = project / "mentors" / "thandeka-mokoena.yml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("Thandeka Mokoena", "Thandeka N. Mokoena"), "utf-8")
    second = wait_for(page_url, "Thandeka N. Mokoena")
    wait_for(url + "assets/mentor-directory/mentors-data.js", "Thandeka N. Mokoena")
    assert photo_counts(log, 2)[1] == (0, encoded)
    assert avatar(second) == avatar(first)
    with urllib.request.urlopen(url + avatar(second), timeout=5) as response:
        assert response.read()[:3] == b"\xff\xd8\xff"  # a JPEG, as a profile page's photo is published
