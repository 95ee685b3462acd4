"""Photos are encoded once and kept between builds, and a damaged or stale cache entry is never used."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PIL import Image

from generator.site import photos
from tests.conftest import FIXED_EPOCH, copy_project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return copy_project(tmp_path / "project")


def build(project: Path, caplog: pytest.LogCaptureFixture) -> tuple[int, int]:
    """Build the site with `mkdocs build --strict`; how many photos it encoded and took from the cache."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    caplog.clear()
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True))
    [(encoded, reused)] = re.findall(r"photos: (\d+) encoded, (\d+) from the cache", caplog.text)
    return int(encoded), int(reused)


def published(project: Path) -> dict[str, bytes]:
    """Every photo file of the built site, each checked to be a whole WebP image of a published size."""
    files = {}
    for path in sorted((project / "site" / "assets" / "photos").iterdir()):
        with Image.open(path) as image:
            image.load()  # a truncated file fails here
            assert image.format == "WEBP" and image.size[0] in photos.SIZES.values(), path.name
        files[path.name] = path.read_bytes()
    return files


def entries(project: Path) -> list[Path]:
    """The encoded photos' entries (the check's verdicts are kept beside them, test_photo_verdicts.py)."""
    return sorted(p for p in (project / photos.CACHE_DIR).iterdir() if not p.name.startswith("check-"))


def test_a_second_build_encodes_no_photo_and_publishes_the_same_files(project, mkdocs_log) -> None:
    encoded, reused = build(project, mkdocs_log)
    assert encoded >= 5 and reused == 0
    first = published(project)
    assert len(entries(project)) == encoded
    assert build(project, mkdocs_log) == (0, encoded)
    assert published(project) == first


def test_damaged_cache_entries_are_encoded_again_not_published(project, mkdocs_log) -> None:
    encoded, _ = build(project, mkdocs_log)
    first = published(project)
    truncated, flipped, emptied = entries(project)[:3]
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 2])
    data = bytearray(flipped.read_bytes())
    data[len(data) // 2] ^= 0xFF
    flipped.write_bytes(bytes(data))
    emptied.write_bytes(b"")
    assert build(project, mkdocs_log) == (3, encoded - 3)
    assert published(project) == first
    # The entries were repaired: the next build encodes nothing.
    assert build(project, mkdocs_log) == (0, encoded)


def test_a_changed_setting_encodes_every_photo_again_under_new_names(project, mkdocs_log, monkeypatch) -> None:
    encoded, _ = build(project, mkdocs_log)
    first = published(project)
    monkeypatch.setattr(photos, "QUALITY", photos.QUALITY - 30)
    assert build(project, mkdocs_log) == (encoded, 0)
    second = published(project)
    assert not set(first) & set(second)  # new URLs: no browser keeps showing the old encoding
    assert sum(map(len, second.values())) < sum(map(len, first.values()))
    page = (project / "site" / "mentors" / "thandeka-mokoena" / "index.html").read_text(encoding="utf-8")
    assert any(name in page for name in second)


def test_a_photo_several_profiles_share_is_encoded_once(project, mkdocs_log) -> None:
    encoded, _ = build(project, mkdocs_log)
    mentors = project / "mentors"
    original = (mentors / "thandeka-mokoena.yml").read_text(encoding="utf-8")
    twins = ("thandeka-twin", "thandeka-copy")
    for twin in twins:
        text = original.replace("Thandeka Mokoena", twin.replace("-", " ").title())
        (mentors / f"{twin}.yml").write_text(text.replace("@", f"+{twin}@", 1), encoding="utf-8")
    # The same bytes under another file name are the same photo too.
    (mentors / "photos" / "copy.jpg").write_bytes((mentors / "photos" / "thandeka-mokoena.jpg").read_bytes())
    copy = mentors / "thandeka-copy.yml"
    copy.write_text(copy.read_text(encoding="utf-8").replace("thandeka-mokoena.jpg", "copy.jpg"), encoding="utf-8")
    assert build(project, mkdocs_log) == (0, encoded)
    assert len(published(project)) == 2 * encoded
    pages = [project / "site" / "mentors" / slug / "index.html" for slug in ("thandeka-mokoena", *twins)]
    avatars = {re.search(r'mdir-avatar--page" src="([^"]+)"', p.read_text(encoding="utf-8")).group(1) for p in pages}
    assert len(avatars) == 1


def test_a_cache_folder_that_cannot_be_made_does_not_stop_the_build(project, mkdocs_log) -> None:
    (project / ".cache").write_text("not a folder\n", encoding="utf-8")
    encoded, reused = build(project, mkdocs_log)
    assert encoded >= 5 and reused == 0
    assert "photos are not cached between builds" in mkdocs_log.text
    assert len(published(project)) == 2 * encoded


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write to a read-only folder")
def test_a_read_only_cache_is_read_but_not_written(project, mkdocs_log) -> None:
    encoded, _ = build(project, mkdocs_log)
    first = published(project)
    cache = project / photos.CACHE_DIR
    entries(project)[0].unlink()
    cache.chmod(0o555)
    try:
        assert build(project, mkdocs_log) == (1, encoded - 1)
        assert "photos are not cached between builds" in mkdocs_log.text
        assert published(project) == first
    finally:
        cache.chmod(0o755)
