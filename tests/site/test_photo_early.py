"""A first build checks and encodes its new photos in processes of their own, from its start.

What the student gets must not depend on where a photo was encoded: the same files as a build
that encodes on threads. A hostile upload among many new photos stops the build with its error,
and no process outlives a build, whatever stopped it.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image, UnidentifiedImageError

from generator import store, workers
from generator.profiles import photocheck
from generator.site import photos
from tests.helpers import FIXED_EPOCH, ROOT, build_site, copy_project
from tests.photos import jpeg_magic_only, photo

NEW = 10  # new mentors, each with a photo of their own: with the sample's six, past photos.EARLY_FROM


def files(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((site / "assets" / "photos").iterdir())}


def everything(site: Path) -> dict[Path, bytes]:
    """Every file of a site, by its path in the site."""
    return {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def built_alone(project: Path, monkeypatch: pytest.MonkeyPatch) -> dict[Path, bytes]:
    """The project built cold in one process, with no worker process at all."""
    shutil.rmtree(project / ".cache")
    monkeypatch.setenv("MENTOR_DIRECTORY_WORKERS", "1")
    return everything(build_site(project, "alone"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample project and NEW more mentors, each with a new 800 x 800 JPEG; built on two cores."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("MENTOR_DIRECTORY_WORKERS", "2")
    # As a build on Linux forks: an earlier test may have left an idle thread in this process.
    monkeypatch.setattr(workers, "can_fork", lambda: True)
    project = copy_project(tmp_path / "project")
    add_mentors(project, range(NEW))
    return project


def add_mentors(project: Path, numbers: range) -> None:
    """A new mentor for each number, each with a new 800 x 800 JPEG of their own."""
    sample = (ROOT / "mentors" / "luana-ferreira.yml").read_text(encoding="utf-8")
    for n in numbers:
        text = sample.replace("Luana Ferreira dos Santos", f"Mentor Number {n}")
        text = text.replace("luana.ferreira@example.com", f"mentor.{n}@example.com")
        text = text.replace("photo: luana-ferreira.jpg", f"photo: mentor-{n}.jpg")
        (project / "mentors" / f"mentor-{n}.yml").write_text(text, encoding="utf-8")
        (project / "mentors" / "photos" / f"mentor-{n}.jpg").write_bytes(photo())


def writers(project: Path, kept: str = "checks", folder: str = photos.CACHE_DIR) -> list[int]:
    """The processes that kept photo verdicts ("checks") or encodings ("entries"), a pack each, named after it.

    Or, in the cache's own folder, pages ("pages") or the search data ("search").
    """
    packs = (project / folder / kept).rglob("*.pack")
    return sorted(int(pack.name.split("-")[0]) for pack in packs)


def test_photos_encoded_in_processes_are_the_files_threads_encode(project, monkeypatch, mkdocs_log) -> None:
    early = files(build_site(project, "early"))
    checkers = writers(project)
    assert checkers and os.getpid() not in checkers, "the photos were not checked in processes of their own"
    assert len(checkers) <= 2, "a process opened a pack for each check, not one for all it checked"
    # The photo processes keep their encodings in the cache themselves: this process only links them.
    assert set(writers(project, "entries")) == set(checkers)
    assert re.search(rf"photos: {NEW + 6} encoded, 0 from the cache", mkdocs_log.text)
    assert multiprocessing.active_children() == []

    # The same project built cold in one process: threads check and encode every photo.
    shutil.rmtree(project / ".cache")
    monkeypatch.setenv("MENTOR_DIRECTORY_WORKERS", "1")
    alone = files(build_site(project, "alone"))
    assert writers(project) == [os.getpid()]
    assert len(early) == 2 * (NEW + 6)
    assert early == alone


def test_a_first_build_makes_its_pages_and_search_data_in_processes_of_their_own(project, monkeypatch) -> None:
    """Forked before the photo processes start their threads; the site is the one a build in one process makes."""
    site = build_site(project, "crew")
    photo_makers = set(writers(project))
    page_makers = set(writers(project, "pages", store.FOLDER))
    search_makers = set(writers(project, "search", store.FOLDER))
    assert len(page_makers) == len(search_makers) == 1
    assert page_makers.isdisjoint({os.getpid(), *photo_makers, *search_makers})
    assert search_makers.isdisjoint({os.getpid(), *photo_makers})
    assert multiprocessing.active_children() == []
    crew = everything(site)
    alone = built_alone(project, monkeypatch)
    assert set(writers(project, "pages", store.FOLDER)) == {os.getpid()}
    assert len(crew) > 2 * (NEW + 6) + NEW
    assert crew.keys() == alone.keys()
    assert [path for path in crew if crew[path] != alone[path]] == []


def test_a_page_process_that_dies_leaves_a_whole_site(project, monkeypatch, mkdocs_log, tmp_path) -> None:
    """Killed halfway (say, out of memory): this process makes and writes every generated page itself."""
    from generator.site import rest

    parent, real = os.getpid(), rest._work

    def dies(job, part, parts, args):
        if os.getpid() != parent and job == "pages":
            (tmp_path / "died").touch()
            os._exit(1)  # no answer, no clean-up
        return real(job, part, parts, args)

    monkeypatch.setattr(rest, "_work", dies)
    crew = everything(build_site(project, "crew"))
    assert (tmp_path / "died").exists()
    assert "Traceback" not in mkdocs_log.text
    assert multiprocessing.active_children() == []
    alone = built_alone(project, monkeypatch)
    assert [path for path in crew.keys() | alone.keys() if crew.get(path) != alone.get(path)] == []


def test_photos_the_processes_kept_are_copied_where_the_file_system_cannot_link(
    project, mkdocs_log, monkeypatch
) -> None:
    def cannot(*_args) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(store.os, "link", cannot)
    site = build_site(project, "site")
    assert re.search(rf"photos: {NEW + 6} encoded, 0 from the cache", mkdocs_log.text)
    # The cache keeps <key>.<size>.<extension>, the site <key's first 20>-<side>.<extension>.
    cached = {(p.name[:20], p.suffix): p.read_bytes() for p in (project / photos.CACHE_DIR).iterdir() if p.is_file()}
    published = sorted((site / "assets" / "photos").iterdir())
    assert len(published) == 2 * (NEW + 6)
    for path in published:
        assert path.stat().st_nlink == 1, "linked where no link can be made: it should be a copy"
        assert path.read_bytes() == cached[path.name[:20], path.suffix]


def test_a_second_build_takes_every_photo_from_the_cache_the_processes_filled(project, mkdocs_log) -> None:
    first = files(build_site(project, "first"))
    second = files(build_site(project, "second"))
    assert re.search(rf"photos: 0 encoded, {NEW + 6} from the cache", mkdocs_log.text)
    assert second == first


@pytest.mark.parametrize(
    "upload",
    [photo()[:20_000], jpeg_magic_only(), b"GIF89a" + b"\0" * 200],
    ids=["cut short", "only a JPEG's first bytes", "a GIF named .jpg"],
)
def test_a_hostile_photo_among_new_ones_stops_the_build_with_its_error(project, mkdocs_log, upload) -> None:
    from mkdocs.exceptions import Abort

    (project / "mentors" / "photos" / "mentor-3.jpg").write_bytes(upload)
    with pytest.raises(Abort):
        build_site(project, "site")
    assert re.search(r"mentor-3\.yml:\d+:\d+: error: 'mentor-3\.jpg' is (damaged|not a JPEG)", mkdocs_log.text)
    assert "Traceback" not in mkdocs_log.text
    assert not (project / "site" / "mentors").exists()
    assert multiprocessing.active_children() == []


def test_a_first_build_decodes_each_new_photo_once_for_its_check_and_its_encoding(
    project, monkeypatch, tmp_path
) -> None:
    decoded, real = tmp_path / "decoded", photocheck.decode

    def counted(image, side=photocheck.LARGEST_SHOWN):
        with decoded.open("a") as log:  # one line a decoding, from whichever process
            log.write(f"{side}\n")
        return real(image, side)

    monkeypatch.setattr(photocheck, "decode", counted)
    build_site(project, "site")
    assert decoded.read_text().split() == [str(photocheck.LARGEST_SHOWN)] * (NEW + 6)


@pytest.mark.parametrize("damaged", [True, False], ids=["one cut short", "all whole"])
def test_profiles_wait_for_no_decoding_and_the_end_of_the_build_learns_of_a_damaged_photo(
    tmp_path: Path, monkeypatch, damaged
) -> None:
    monkeypatch.setenv("MENTOR_DIRECTORY_WORKERS", "2")
    monkeypatch.setattr(workers, "can_fork", lambda: True)
    folder = tmp_path / "photos"
    folder.mkdir()
    uploads = {f"m{n}.jpg": photo(320, 400) for n in range(photos.EARLY_FROM)}
    uploads["m1.jpg"] = photo(320, 400, gps=True)
    if damaged:
        uploads["m0.jpg"] = photo()[:20_000]  # its header is whole, its pixels cut off
    for name, data in uploads.items():
        (folder / name).write_bytes(data)
    checks = photocheck.Checks(folder, uploads, None)
    assert photos.Early.wanted(checks)
    early = photos.Early(checks, photos.Cache(None))
    try:
        # As the profiles are read: everything but the decoding, at once.
        seen = {name: list(photocheck.problems(folder / name, name)) for name in uploads}
        [(located, severity)] = seen.pop("m1.jpg")
        assert "GPS" in located and severity == "warning"
        assert all(verdict == [] for verdict in seen.values())  # m0.jpg too, whole or not
        checks.close()
        assert early.failed() is damaged
        found = [problem[0] for problem in photocheck.problems(folder / "m0.jpg", "m0.jpg")]  # decoded here now
        cut = "'m0.jpg' is damaged or cut short and cannot be shown: export it again as a JPEG, PNG or WebP."
        assert found == ([cut] if damaged else [])
    finally:
        early.close()
        checks.close()
    assert multiprocessing.active_children() == []


def test_a_dirty_build_keeps_the_site_it_had_when_a_new_photo_is_damaged(project, monkeypatch, mkdocs_log) -> None:
    """`mkdocs build --dirty` keeps a site's earlier files: its new photos are checked whole before a page is replaced."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    site = build_site(project, "site")
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    add_mentors(project, range(NEW, 2 * NEW))  # enough new photos to encode them in processes of their own
    (project / "mentors" / "photos" / f"mentor-{NEW + 3}.jpg").write_bytes(photo()[:20_000])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=True)  # as `mkdocs build --dirty` does
    try:
        with pytest.raises(Abort):
            build(config, dirty=True)
    finally:
        # MkDocs keeps a plugin for every build of the process's later configurations, as for
        # `mkdocs serve`: the next test's builds are not dirty.
        config.plugins.on_startup(command="build", dirty=False)
    assert re.search(rf"mentor-{NEW + 3}\.yml:\d+:\d+: error: 'mentor-{NEW + 3}\.jpg' is damaged", mkdocs_log.text)
    assert {path: path.read_bytes() for path in site.rglob("*") if path.is_file()} == before
    assert multiprocessing.active_children() == []


def test_a_build_that_fails_before_reading_profiles_stops_the_photo_processes(project, monkeypatch) -> None:
    import mkdocs.commands.build

    def fails(config):
        raise OSError("the docs folder cannot be read")

    # Between on_config, where the photos start, and on_files, where the profiles are collected.
    monkeypatch.setattr(mkdocs.commands.build, "get_files", fails)
    with pytest.raises(OSError, match="cannot be read"):
        build_site(project, "site")
    assert multiprocessing.active_children() == []


def test_early_files_are_those_of_the_photo_as_it_is_now(tmp_path: Path, monkeypatch) -> None:
    """A photo replaced after it was encoded early is not published from the old encoding."""
    monkeypatch.setenv("MENTOR_DIRECTORY_WORKERS", "2")
    monkeypatch.setattr(workers, "can_fork", lambda: True)
    (tmp_path / "photos").mkdir()
    for n in range(photos.EARLY_FROM):
        (tmp_path / f"m{n}.yml").write_text(f"photo: m{n}.jpg\n", encoding="utf-8")
        (tmp_path / "photos" / f"m{n}.jpg").write_bytes(photo(320, 400))
    checks = photocheck.Checks(tmp_path / "photos", photocheck.names(tmp_path.glob("*.yml")), None)
    assert photos.Early.wanted(checks)
    early = photos.Early(checks, photos.Cache(tmp_path / "cache"))
    try:
        kept = photos.plan(tmp_path / "photos" / "m0.jpg")
        assert {path: k.file.read_bytes() for path, k in early.kept(kept).items()} == photos.encode(kept)
        early.kept(photos.plan(tmp_path / "photos" / "m1.jpg"))  # done, before it changes
        (tmp_path / "photos" / "m1.jpg").write_bytes(photo(400, 320))
        assert early.kept(photos.plan(tmp_path / "photos" / "m1.jpg")) is None
    finally:
        early.close()
        checks.close()
    assert multiprocessing.active_children() == []


def test_too_few_new_photos_or_one_core_want_no_photo_processes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(workers, "can_fork", lambda: True)
    (tmp_path / "photos").mkdir()
    for n in range(photos.EARLY_FROM):
        (tmp_path / f"m{n}.yml").write_text(f"photo: m{n}.jpg\n", encoding="utf-8")
        (tmp_path / "photos" / f"m{n}.jpg").write_bytes(photo(64, 64))

    def wanted() -> bool:
        checks = photocheck.Checks(tmp_path / "photos", photocheck.names(tmp_path.glob("*.yml")), None)
        checks.close()
        return photos.Early.wanted(checks)

    monkeypatch.setenv("MENTOR_DIRECTORY_WORKERS", "2")
    assert wanted()
    monkeypatch.setenv("MENTOR_DIRECTORY_WORKERS", "1")
    assert not wanted()
    monkeypatch.setenv("MENTOR_DIRECTORY_WORKERS", "2")
    (tmp_path / "m0.yml").unlink()
    assert not wanted()


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (photo(64, 64, fmt="GIF"), UnidentifiedImageError),
        (photo(4100, 10, fmt="PNG"), ValueError),
        (photo(64, 64, fmt="BMP"), UnidentifiedImageError),
    ],
    ids=["GIF", "wider than a photo may be", "BMP"],
)
def test_encoding_opens_only_what_a_check_would_pass(tmp_path: Path, upload, error, monkeypatch) -> None:
    """Early encodings may run before a photo's check ends: they meet no other decoder, no larger image."""
    opened = []
    monkeypatch.setattr(Image.Image, "load", lambda self, real=Image.Image.load: opened.append(self) or real(self))
    (tmp_path / "photo.jpg").write_bytes(upload)
    with pytest.raises(error):
        photos.encode(photos.plan(tmp_path / "photo.jpg"))
    assert opened == []  # not a pixel decoded


def test_a_forked_process_checks_its_photos_itself_not_waiting_on_its_parents(tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(photo(64, 64))
    release = threading.Event()
    with ThreadPoolExecutor(1) as blocked:
        blocked.submit(release.wait)  # the one thread is busy: the check below never starts here
        checks = photocheck.Checks(tmp_path, ["a.jpg"], None)
        checks.submit(blocked)
        try:
            answers = multiprocessing.get_context("fork").SimpleQueue()
            child = multiprocessing.get_context("fork").Process(
                target=lambda: answers.put(list(photocheck.problems(tmp_path / "a.jpg", "a.jpg"))), daemon=True
            )
            child.start()
            child.join(30)
            if child.is_alive():
                child.kill()
            assert child.exitcode == 0, "the forked process waited for a check of its parent's"
            assert answers.get() == []
        finally:
            checks.close()
            release.set()


def test_a_photo_broken_between_two_builds_in_one_process_is_caught_by_the_second(project, mkdocs_log) -> None:
    """As in `mkdocs serve`: the verdicts read for one build are not the next build's."""
    from mkdocs.exceptions import Abort

    build_site(project, "site")
    (project / "mentors" / "photos" / "mentor-3.jpg").write_bytes(photo()[:20_000])
    with pytest.raises(Abort):
        build_site(project, "site")
    assert re.search(r"mentor-3\.yml:\d+:\d+: error: 'mentor-3\.jpg' is damaged", mkdocs_log.text)
    assert multiprocessing.active_children() == []


def test_a_photo_process_that_dies_leaves_a_whole_site(project, monkeypatch, mkdocs_log, tmp_path) -> None:
    """Killed halfway (say, out of memory): this process checks and encodes what it did not finish."""
    parent, real = os.getpid(), photos.sized

    def dies(photo, image):
        if os.getpid() != parent and photo.source.name == "mentor-5.jpg":
            (tmp_path / "died").touch()
            os._exit(1)  # no answer, no clean-up
        return real(photo, image)

    monkeypatch.setattr(photos, "sized", dies)
    early = files(build_site(project, "early"))
    assert (tmp_path / "died").exists()
    # The other process may have kept a photo in the cache before the pool stopped it: this
    # process then takes that from the cache. Every photo is placed, one way or the other.
    [(encoded, reused)] = re.findall(r"photos: (\d+) encoded, (\d+) from the cache", mkdocs_log.text)
    assert int(encoded) + int(reused) == NEW + 6
    assert "Traceback" not in mkdocs_log.text
    assert multiprocessing.active_children() == []
    shutil.rmtree(project / ".cache")
    monkeypatch.setenv("MENTOR_DIRECTORY_WORKERS", "1")
    assert early == files(build_site(project, "alone"))
