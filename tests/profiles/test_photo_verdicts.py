"""The check's verdict on each photo is kept in the photo cache, and is always the verdict a fresh check gives."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from generator import store
from generator.profiles import photocheck
from generator.settings import Settings
from generator.site import photos
from generator.site.build import ProfilesInvalid, build
from tests.helpers import FIXED_EPOCH, ROOT, copy_project
from tests.photos import jpeg_magic_only, photo, png_declaring

TODAY = dt.date(2026, 11, 18)
# What contributors upload: a phone photo, one with its GPS position, and the broken and hostile kinds.
UPLOADS = {
    "portrait.jpg": photo(),
    "portrait.webp": photo(fmt="WEBP"),
    "located.jpg": photo(gps=True),
    "cut-short.jpg": photo()[:20_000],
    "magic-only.jpg": jpeg_magic_only(),
    "bomb.png": png_declaring(20_000, 20_000),
    "too-wide.png": photo(4100, 10, fmt="PNG"),
    "text.png": b"this is not an image at all\n",
}


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The photos the check decodes, as it decodes them (the real decoder still runs)."""
    seen: list[str] = []
    real = photocheck._decoded

    def watched(source, name, *how):
        seen.append(name)
        return real(source, name, *how)

    monkeypatch.setattr(photocheck, "_decoded", watched)
    return seen


def kept(cache: Path | None) -> store.Store | None:
    """The verdicts kept in a cache folder, as a new run finds them."""
    return photocheck.verdicts(cache) if cache is not None else None


def verdicts(folder: Path, cache: Path | None) -> dict[str, list[tuple[str, ...]]]:
    return {name: list(photocheck.problems(folder / name, name, kept(cache))) for name in sorted(UPLOADS)}


def test_a_kept_verdict_is_the_fresh_verdict_for_every_kind_of_upload(tmp_path: Path, decodes) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    for name, data in UPLOADS.items():
        (folder / name).write_bytes(data)
    fresh = verdicts(folder, None)
    # The uploads really are judged differently: two pass (one warned about), the rest are refused.
    assert fresh["portrait.jpg"] == fresh["portrait.webp"] == []
    assert "GPS" in fresh["located.jpg"][0][0] and fresh["located.jpg"][0][1:] == ("warning",)
    assert all(len(fresh[n]) == 1 and len(fresh[n][0]) == 1 for n in ("cut-short.jpg", "magic-only.jpg", "bomb.png"))
    cache = tmp_path / "cache"
    decodes.clear()
    assert verdicts(folder, cache) == fresh
    assert sorted(decodes) == sorted(UPLOADS)  # each judged once
    decodes.clear()
    assert verdicts(folder, cache) == fresh
    assert decodes == []  # every verdict came from the cache


def test_a_changed_photo_is_checked_again(tmp_path: Path, decodes) -> None:
    folder, cache = tmp_path / "photos", tmp_path / "cache"
    folder.mkdir()
    good = folder / "ada.jpg"
    good.write_bytes(UPLOADS["portrait.jpg"])
    assert list(photocheck.problems(good, "ada.jpg", kept(cache))) == []
    good.write_bytes(UPLOADS["portrait.jpg"][:30_000])  # the same name, the upload cut short
    decodes.clear()
    [(message,)] = photocheck.problems(good, "ada.jpg", kept(cache))
    assert decodes == ["ada.jpg"]
    assert "'ada.jpg' is damaged or cut short" in message
    # The verdict names the file: the same bytes under another name are judged under that name.
    shutil.copy(good, folder / "ada-2.jpg")
    [(other,)] = photocheck.problems(folder / "ada-2.jpg", "ada-2.jpg", kept(cache))
    assert other == message.replace("'ada.jpg'", "'ada-2.jpg'")


def test_a_damaged_verdict_entry_is_never_believed(tmp_path: Path, decodes) -> None:
    folder, cache = tmp_path / "photos", tmp_path / "cache"
    folder.mkdir()
    bad = folder / "ada.jpg"
    bad.write_bytes(UPLOADS["cut-short.jpg"])
    fresh = list(photocheck.problems(bad, "ada.jpg", kept(cache)))
    [pack] = cache.rglob("*.pack")
    original = pack.read_bytes()
    said = json.dumps([list(problem) for problem in fresh], ensure_ascii=False).encode("utf-8")
    assert original.count(said) == 1
    # The entry rewritten to say "no problems", its checksum left as it was: checked again.
    pack.write_bytes(original.replace(said, b"[]".ljust(len(said))))
    decodes.clear()
    assert list(photocheck.problems(bad, "ada.jpg", kept(cache))) == fresh
    assert decodes == ["ada.jpg"]
    for pack in cache.rglob("*.pack"):
        pack.write_bytes(b"")
    assert list(photocheck.problems(bad, "ada.jpg", kept(cache))) == fresh
    assert len(decodes) == 2


def test_a_cache_that_cannot_be_written_changes_no_verdict(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    for name, data in UPLOADS.items():
        (folder / name).write_bytes(data)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder\n", encoding="utf-8")
    assert verdicts(folder, blocked / "cache") == verdicts(folder, None)


def test_a_warm_build_decodes_no_photo_to_check_it_and_still_refuses_a_bad_one(tmp_path: Path, decodes) -> None:
    project = copy_project(tmp_path / "project")
    mentors, cache = project / "mentors", project / photos.CACHE_DIR
    settings = Settings(today=TODAY)
    cold = build(mentors, settings, cache)
    shown = sorted(p.source.name for p in cold.photos.values())
    assert len(shown) >= 5 and sorted(decodes) == sorted(set(shown)) and len(decodes) == len(set(shown))
    decodes.clear()
    warm = build(mentors, settings, cache)
    assert decodes == []
    assert warm.notices == cold.notices and warm.photos == cold.photos
    # A mentor replaces their photo with one cut short: refused on the warm build, as on a fresh one.
    (mentors / "photos" / "thandeka-mokoena.jpg").write_bytes(UPLOADS["cut-short.jpg"])
    with pytest.raises(ProfilesInvalid) as warm_refusal:
        build(mentors, settings, cache)
    assert decodes == ["thandeka-mokoena.jpg"]
    with pytest.raises(ProfilesInvalid) as fresh_refusal:
        build(mentors, settings)
    assert warm_refusal.value.problems == fresh_refusal.value.problems
    assert "'thandeka-mokoena.jpg' is damaged or cut short" in warm_refusal.value.problems[0].message
    # And on the next warm build too, now from the kept verdict.
    decodes.clear()
    with pytest.raises(ProfilesInvalid) as again:
        build(mentors, settings, cache)
    assert decodes == [] and again.value.problems == fresh_refusal.value.problems


def test_mkdocs_builds_keep_the_verdicts_with_the_encoded_photos(tmp_path: Path, monkeypatch, decodes) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = copy_project(tmp_path / "project")
    config = str(project / "mkdocs.yml")
    mkdocs_build(load_config(config, site_dir=str(project / "site"), strict=True))
    first = len(decodes)
    assert first >= 5
    packs = (project / photos.CACHE_DIR / "checks").rglob("*.pack")
    assert sum(1 for pack in packs for _ in store.entries(pack)) == first
    decodes.clear()
    mkdocs_build(load_config(config, site_dir=str(project / "site"), strict=True))
    assert decodes == []
    assert (ROOT / "mentors" / "photos").is_dir()  # the project's own photos were not touched
