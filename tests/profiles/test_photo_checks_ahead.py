"""Photos are checked on threads while the profiles are read: the same verdicts, each photo decoded once."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import threading
from pathlib import Path

import pytest

from generator.profiles import photocheck
from generator.profiles.loader import load
from generator.profiles.validate import Rules
from generator.site import photos
from tests.helpers import ROOT, copy_project
from tests.photos import photo
from tests.profiles.test_photo_verdicts import UPLOADS, verdicts

TODAY = dt.date(2026, 11, 18)


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Each photo the check decodes, and whether it was decoded on this (the main) thread."""
    seen: list[tuple[str, bool]] = []
    real = photocheck._decoded

    def watched(source, name, *how):
        seen.append((name, threading.current_thread() is threading.main_thread()))
        return real(source, name, *how)

    monkeypatch.setattr(photocheck, "_decoded", watched)
    return seen


def test_checked_ahead_every_kind_of_upload_gets_the_verdict_of_a_check_done_here(tmp_path: Path, decodes) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    for name, data in UPLOADS.items():
        (folder / name).write_bytes(data)
    here = verdicts(folder, None)
    decodes.clear()
    with photocheck.ahead(folder, list(UPLOADS) + ["missing.jpg"], photocheck.verdicts(tmp_path / "cache")):
        assert verdicts(folder, tmp_path / "cache") == here
        assert verdicts(folder, tmp_path / "cache") == here  # asked twice (the check, then the kept result)
        [(missing,)] = photocheck.problems(folder / "missing.jpg", "missing.jpg")
        assert missing.startswith("There is no file 'missing.jpg' in ")
    # Each upload decoded once, on the threads; the hostile ones too, where their errors are caught.
    assert sorted(name for name, _ in decodes) == sorted(UPLOADS)
    assert not any(main for _, main in decodes)


def test_verdicts_kept_from_a_last_build_are_read_here_and_only_the_new_photo_is_decoded(
    tmp_path: Path, decodes
) -> None:
    folder, cache = tmp_path / "photos", tmp_path / "cache"
    folder.mkdir()
    for name, data in UPLOADS.items():
        (folder / name).write_bytes(data)
    with photocheck.ahead(folder, list(UPLOADS), photocheck.verdicts(cache)):
        first = verdicts(folder, cache)
    (folder / "new.jpg").write_bytes(photo(640, 640))
    decodes.clear()
    threads = {t.name for t in threading.enumerate()}
    with photocheck.ahead(folder, [*UPLOADS, "new.jpg"], photocheck.verdicts(cache)):
        started = {t.name for t in threading.enumerate()} - threads
        assert verdicts(folder, cache) == first
        assert list(photocheck.problems(folder / "new.jpg", "new.jpg", photocheck.verdicts(cache))) == []
    assert decodes == [("new.jpg", False)]  # the one photo with no kept verdict, on a thread
    assert len(started) == 1  # and one thread for it: the kept verdicts needed none


def test_only_ordinary_files_in_the_folder_are_checked_ahead(tmp_path: Path, decodes) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    outside = tmp_path / "secret.jpg"
    outside.write_bytes(photo(200, 200))
    (folder / "link.jpg").symlink_to(outside)
    with photocheck.ahead(folder, ["link.jpg", "../secret.jpg"]):
        assert decodes == []  # nothing was started for a link or a name outside the folder
        [(message,)] = photocheck.problems(folder / "link.jpg", "link.jpg")
    assert message.startswith("There is no file 'link.jpg'")
    assert decodes == []


def test_a_directory_loads_the_same_with_its_photos_checked_ahead(tmp_path: Path, decodes, monkeypatch) -> None:
    project = copy_project(tmp_path)
    mentors = project / "mentors"
    rules = Rules(today=TODAY, photo_verdicts=photocheck.verdicts(tmp_path / "verdicts"))
    ahead = load([mentors], rules)
    assert {name for name, _ in decodes} == {p.name for p in (mentors / "photos").iterdir()} & photocheck.names(
        mentors.glob("*.yml")
    )
    assert not any(main for _, main in decodes)
    monkeypatch.setattr(photocheck, "ahead", lambda *args: contextlib.nullcontext())
    here = load([mentors], Rules(today=TODAY))
    assert ahead.mentors == here.mentors and ahead.problems == here.problems
    assert any(m.photo for m in here.mentors)


@pytest.mark.parametrize("seed", range(4))
def test_a_photo_that_passes_the_check_always_encodes_and_one_that_fails_never_does(tmp_path: Path, seed) -> None:
    """The check decodes at the smallest scale, the build at a larger one: damage is caught the same by both."""
    rng = random.Random(seed)
    original = photo()
    for i in range(30):
        data = bytearray(original)
        if i % 3 == 0:
            data = data[: rng.randrange(200, len(data))]  # an upload cut short
        elif i % 3 == 1:
            for _ in range(rng.randint(1, 30)):
                data[rng.randrange(len(data))] = rng.randrange(256)  # bytes damaged on the way
        else:
            start = rng.randrange(len(data))
            del data[start : start + rng.randint(1, 800)]  # a piece lost
        path = tmp_path / f"upload-{i}.jpg"
        path.write_bytes(bytes(data))
        errors = [found for found in photocheck.problems(path, path.name) if len(found) == 1]
        try:
            photos.encode(photos.plan(path))
            encoded = True
        except Exception:
            encoded = False
        assert encoded == (not errors), (i, errors)


def test_the_sample_photos_are_named_by_their_profiles() -> None:
    # The profiles name their photos in the way the check ahead finds them without parsing.
    named = photocheck.names((ROOT / "mentors").glob("*.yml"))
    assert named and named <= {p.name for p in (ROOT / "mentors" / "photos").iterdir()}
