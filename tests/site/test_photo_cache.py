"""Photos are encoded once and kept between builds, and a damaged or stale cache entry is never used."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PIL import Image

from generator import store
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
    """Every photo file of the built site, each checked to be a whole image of a published size, in its format."""
    files = {}
    formats = {(side, photos.ENCODINGS[size][0]) for size, side in photos.SIZES.items()}
    for path in sorted((project / "site" / "assets" / "photos").iterdir()):
        with Image.open(path) as image:
            image.load()  # a truncated file fails here
            assert (image.size[0], image.format) in formats, path.name
        files[path.name] = path.read_bytes()
    return files


def entries(project: Path) -> list[tuple[Path, str, int, int]]:
    """The encoded photos' entries, one a photo: (pack, name, offset, size)."""
    packs = sorted((project / photos.CACHE_DIR / "entries").rglob("*.pack"))
    return [(pack, *entry) for pack in packs for entry in store.entries(pack)]


def kept_files(project: Path) -> list[Path]:
    """The encoded photos' files as the cache keeps them, each size of each photo."""
    return sorted(path for path in (project / photos.CACHE_DIR).iterdir() if path.is_file())


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
    *_, (pack, _, cut, _) = entries(project)  # the last entry cut short, two others damaged
    flipped = [offset + size - 40 for _, _, offset, size in entries(project)[:2]]
    data = bytearray(pack.read_bytes()[: cut + 10])
    for at in flipped:
        data[at] ^= 0xFF
    pack.write_bytes(bytes(data))
    assert build(project, mkdocs_log) == (3, encoded - 3)
    assert published(project) == first
    # The entries were repaired: the next build encodes nothing.
    assert build(project, mkdocs_log) == (0, encoded)


def test_damaged_or_missing_kept_files_are_encoded_again_not_published(project, mkdocs_log) -> None:
    encoded, _ = build(project, mkdocs_log)
    first = published(project)
    files = kept_files(project)
    assert len(files) == 2 * encoded
    # Each of a different photo: the card of one, the page of the next, and so on.
    truncated, flipped, gone = files[0], files[3], files[4]
    truncated.write_bytes(truncated.read_bytes()[:-100])
    data = bytearray(flipped.read_bytes())
    data[len(data) // 2] ^= 0x01  # the same size: only the digest tells
    flipped.write_bytes(bytes(data))
    gone.unlink()
    assert build(project, mkdocs_log) == (3, encoded - 3)
    assert published(project) == first
    assert build(project, mkdocs_log) == (0, encoded)


def test_a_photo_changed_in_the_site_does_not_reach_the_next_build(project, mkdocs_log) -> None:
    """The site's photo files may be links to the cache's: one edited in place (an optimiser run over the site) is caught."""
    encoded, _ = build(project, mkdocs_log)
    first = published(project)
    edited = sorted((project / "site" / "assets" / "photos").iterdir())[0]
    with edited.open("r+b") as file:  # in place, as some tools write: through a hard link, into the cache too
        file.seek(40)
        file.write(b"\x00" * 16)
    encoded_again, reused = build(project, mkdocs_log)
    assert (encoded_again, reused) == (1, encoded - 1)
    assert published(project) == first


def test_published_photos_are_links_to_the_cache_where_the_file_system_allows(project, mkdocs_log) -> None:
    encoded, _ = build(project, mkdocs_log)
    build(project, mkdocs_log)
    site = sorted((project / "site" / "assets" / "photos").iterdir())
    kept = {path.stat().st_ino for path in kept_files(project)}
    assert len(site) == 2 * encoded and {path.stat().st_ino for path in site} == kept


def test_photos_are_copied_where_the_file_system_cannot_link(project, mkdocs_log, monkeypatch) -> None:
    def cannot(*_args) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(store.os, "link", cannot)
    encoded, _ = build(project, mkdocs_log)
    first = published(project)
    assert build(project, mkdocs_log) == (0, encoded)
    assert published(project) == first
    kept = {path.stat().st_ino for path in kept_files(project)}
    assert not kept & {path.stat().st_ino for path in (project / "site" / "assets" / "photos").iterdir()}


def test_a_changed_setting_encodes_every_photo_again_under_new_names(project, mkdocs_log, monkeypatch) -> None:
    encoded, _ = build(project, mkdocs_log)
    first = published(project)
    lower = {
        size: (fmt, {**options, "quality": options["quality"] - 30})
        for size, (fmt, options) in photos.ENCODINGS.items()
    }
    monkeypatch.setattr(photos, "ENCODINGS", lower)
    assert build(project, mkdocs_log) == (encoded, 0)
    second = published(project)
    assert not set(first) & set(second)  # new URLs: no browser keeps showing the old encoding
    assert sum(map(len, second.values())) < sum(map(len, first.values()))
    page = (project / "site" / "mentors" / "thandeka-mokoena" / "index.html").read_text(encoding="utf-8")
    assert any(name in page for name in second)


def test_another_resampling_filter_encodes_every_photo_again_under_new_names(project, mkdocs_log, monkeypatch) -> None:
    encoded, _ = build(project, mkdocs_log)
    first = published(project)
    monkeypatch.setattr(photos, "RESAMPLING", Image.Resampling.NEAREST)
    assert build(project, mkdocs_log) == (encoded, 0)
    assert not set(first) & set(published(project))


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
    pack, _, offset, size = entries(project)[0]
    data = bytearray(pack.read_bytes())
    data[offset + size - 40] ^= 0xFF  # one photo's entry damaged
    pack.write_bytes(bytes(data))
    cache.chmod(0o555)
    try:
        assert build(project, mkdocs_log) == (1, encoded - 1)
        assert "photos are not cached between builds" in mkdocs_log.text
        assert published(project) == first
    finally:
        cache.chmod(0o755)


def test_a_build_into_a_site_not_emptied_first_replaces_its_photos(project, mkdocs_log) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    encoded, _ = build(project, mkdocs_log)
    first = published(project)
    for path in (project / "site" / "assets" / "photos").iterdir():
        path.unlink()
        path.write_bytes(b"stale")  # a file of its own, where the link was
    # Not strict: MkDocs warns that a dirty build may leave stale links.
    mkdocs_build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site")), dirty=True)
    assert published(project) == first
