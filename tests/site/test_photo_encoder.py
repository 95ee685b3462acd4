"""Photos are encoded while the profiles load, each distinct photo once, and never one that failed its check."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from generator.profiles import loader
from generator.site import photos
from tests.conftest import FIXED_EPOCH, copy_project
from tests.photos import photo
from tests.site.test_photo_cache import build, published


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return copy_project(tmp_path / "project")


ENCODE = photos.encode


@pytest.fixture
def encoded(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Each photo encoded, by its file (the real encoder runs)."""
    seen: list[Path] = []

    def watched(photo):
        seen.append(photo.source)
        return ENCODE(photo)

    monkeypatch.setattr(photos, "encode", watched)
    return seen


def photo_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(("photos", "photo-checks"))]


def test_each_distinct_photo_is_encoded_once_and_published_as_encoded(project, mkdocs_log, encoded) -> None:
    mentors = project / "mentors"
    # The same bytes under a second name, for a second profile: one photo, encoded once.
    (mentors / "photos" / "copy.jpg").write_bytes((mentors / "photos" / "thandeka-mokoena.jpg").read_bytes())
    original = (mentors / "thandeka-mokoena.yml").read_text(encoding="utf-8")
    twin = original.replace("Thandeka Mokoena", "Thandeka Twin").replace("thandeka-mokoena.jpg", "copy.jpg")
    (mentors / "thandeka-twin.yml").write_text(twin.replace("@", "+twin@", 1), encoding="utf-8")
    count, reused = build(project, mkdocs_log)
    distinct = {path.read_bytes() for path in (mentors / "photos").iterdir()}
    assert reused == 0 and count == len(distinct) == len(encoded)
    site = published(project)
    for source in encoded:
        # What the site serves is exactly what encoding that photo gives, under its own names.
        expected = ENCODE(photos.plan(source))
        assert {Path(name).name: data for name, data in expected.items()}.items() <= site.items()
    assert photo_threads() == []
    encoded.clear()
    assert build(project, mkdocs_log) == (0, count)
    assert encoded == []


def test_photos_are_handed_to_the_encoder_while_the_profiles_load(project, mkdocs_log, monkeypatch) -> None:
    handed: list[bool] = []
    loading = threading.Event()
    real_add, real_load = photos.Encoder.add, loader.load

    def add(self, source):
        handed.append(loading.is_set())
        return real_add(self, source)

    def load(*args, **kwargs):
        loading.set()
        try:
            return real_load(*args, **kwargs)
        finally:
            loading.clear()

    monkeypatch.setattr(photos.Encoder, "add", add)
    monkeypatch.setattr(loader, "load", load)
    count, _ = build(project, mkdocs_log)
    assert len(handed) == count and all(handed)


@pytest.mark.parametrize("upload", [photo()[:20_000], photo(5000, 10, fmt="PNG")], ids=["cut short", "too wide"])
def test_a_photo_that_fails_its_check_is_never_encoded_and_the_build_stops_cleanly(
    project, mkdocs_log, encoded, upload
) -> None:
    mentors = project / "mentors"
    (mentors / "photos" / "thandeka-mokoena.jpg").write_bytes(upload)
    with pytest.raises(Abort):
        build(project, mkdocs_log)
    assert "'thandeka-mokoena.jpg'" in mkdocs_log.text
    assert all(source.name != "thandeka-mokoena.jpg" for source in encoded)
    assert photo_threads() == []  # nothing left running after the build stopped


def test_a_profile_error_stops_the_photos_being_encoded(project, mkdocs_log, encoded) -> None:
    profile = project / "mentors" / "ngozi-adebayo.yml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("email:", "emial:", 1), encoding="utf-8")
    with pytest.raises(Abort):
        build(project, mkdocs_log)
    assert "ngozi-adebayo.yml" in mkdocs_log.text
    assert photo_threads() == []
