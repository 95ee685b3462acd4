"""A large directory's build: worker processes make, lay out and write the generated pages.

From workers.APART_FROM mentors a build forks workers that keep the pages they make and
write them themselves once the theme's layout is known. The site must be byte for byte the
one a build without workers publishes, hosted or offline, and a build that goes wrong must
stop cleanly or finish all the same.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from generator import workers
from generator.site import publish
from tests.helpers import build_site, copy_project

SERIAL, PARALLEL = "1", "2"


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample project, large enough for workers (the threshold lowered to its size)."""
    monkeypatch.setattr(workers, "APART_FROM", 2)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    # Forked workers, as in a build on Linux: an earlier test may have left an idle thread in this
    # process, which would make the build start its workers from a clean process instead.
    monkeypatch.setattr(workers, "can_fork", lambda: True)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return copy_project(tmp_path / "project")


@pytest.fixture
def writers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file where each process that writes generated pages adds its id, one line per call."""
    record = tmp_path / "writers.txt"
    write = publish.write

    def recorded(site, pages, layout, *cache, **threads):
        with record.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return write(site, pages, layout, *cache, **threads)

    monkeypatch.setattr(publish, "write", recorded)  # forked workers inherit it
    return record


def build(project: Path, site: str, workers_env: str, monkeypatch: pytest.MonkeyPatch, offline: bool = False) -> Path:
    monkeypatch.setenv("MENTOR_DIRECTORY_WORKERS", workers_env)
    return build_site(project, site, offline=offline)


def written_by_others(record: Path) -> list[str]:
    return [pid for pid in record.read_text(encoding="utf-8").split() if pid != str(os.getpid())]


@pytest.mark.parametrize("offline", [False, True], ids=["hosted", "offline copy"])
def test_workers_publish_the_same_site_as_one_process(project, writers, monkeypatch, offline) -> None:
    alone = files(build(project, "alone", SERIAL, monkeypatch, offline))
    assert written_by_others(writers) == []
    writers.unlink()
    shared = files(build(project, "shared", PARALLEL, monkeypatch, offline))
    assert len(set(written_by_others(writers))) == 2, "the two workers did not write the pages"
    assert sum(name.startswith("mentors/") and name.endswith("/index.html") for name in alone) > 20
    assert sorted(shared) == sorted(alone)
    assert [name for name in alone if shared[name] != alone[name]] == []
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_while_writing_leaves_a_whole_site(project, monkeypatch, tmp_path) -> None:
    alone = files(build(project, "alone", SERIAL, monkeypatch))
    parent, write = os.getpid(), publish.write

    def dies(site, pages, layout, *cache, **threads):
        if os.getpid() == parent:
            return write(site, pages, layout, *cache, **threads)
        write(site, list(pages)[:3], layout, *cache, **threads)
        (tmp_path / "died").touch()
        os._exit(1)  # as if killed halfway: no answer, no clean-up

    monkeypatch.setattr(publish, "write", dies)
    shared = files(build(project, "shared", PARALLEL, monkeypatch))
    assert (tmp_path / "died").exists()
    assert shared == alone  # the build's own process made and wrote every page again
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("workers_env", [SERIAL, PARALLEL], ids=["one process", "workers"])
def test_a_page_that_cannot_be_written_stops_the_build_with_its_path(project, monkeypatch, mkdocs_log, workers_env):
    from mkdocs.exceptions import Abort

    # A guidance file named like a mentor's page folder: MkDocs copies it first, so the page has nowhere to go.
    (project / "guidance" / "mentors").mkdir(parents=True, exist_ok=True)
    (project / "guidance" / "mentors" / "agnieszka-wrobel").write_text("not a folder", encoding="utf-8")
    with pytest.raises(Abort):
        build(project, "site", workers_env, monkeypatch)
    assert "mentor-directory: could not write " in mkdocs_log.text
    assert f"{os.sep}mentors{os.sep}agnieszka-wrobel{os.sep}index.html" in mkdocs_log.text
    assert "Traceback" not in mkdocs_log.text
    assert multiprocessing.active_children() == []


def test_workers_from_a_clean_process_publish_the_same_site(project, writers, monkeypatch) -> None:
    """Where forking is not safe (a thread running, as under `mkdocs serve`), workers start clean and send the pages back."""
    alone = files(build(project, "alone", SERIAL, monkeypatch))
    writers.unlink()
    monkeypatch.setattr(workers, "can_fork", lambda: False)
    started = []
    monkeypatch.setattr(workers, "pool", lambda n, pool=workers.pool: started.append(n) or pool(n))
    shared = files(build(project, "shared", PARALLEL, monkeypatch))
    assert started and written_by_others(writers) == []  # workers made the pages; this process wrote them
    assert shared == alone
    assert multiprocessing.active_children() == []
