"""What a build keeps for the next (checked profiles, mentor pages, index entries) never shows a stale result.

The oracle for each change an alum or an administrator makes: a build that reads what an
earlier build kept must give exactly what a build keeping nothing gives.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import store
from generator.profiles import validate
from generator.settings import Settings
from generator.site import build, render, search_index
from tests.helpers import copy_project

TODAY = dt.date(2026, 11, 18)


def outcome(project: Path, kept: bool = True, today: dt.date = TODAY) -> tuple:
    """Every page, the search data and the notices; or the problems that stopped the build."""
    try:
        built = build.build(project / "mentors", Settings(today=today), project / store.FOLDER if kept else None)
    except build.ProfilesInvalid as exc:
        return ("stopped", [p.text() for p in exc.problems])
    pages, assets = built.everything()
    return (
        {page.path: (page.title, page.description, page.body) for page in pages},
        assets[search_index.DATA_SCRIPT],
        [notice.text() for notice in built.notices],
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _swap_photo(project: Path) -> None:
    photos = project / "mentors" / "photos"
    (photos / "ngozi-adebayo.jpg").write_bytes((photos / "luana-ferreira.jpg").read_bytes())


def _damage_photo(project: Path) -> None:
    photo = project / "mentors" / "photos" / "ngozi-adebayo.jpg"
    photo.write_bytes(photo.read_bytes()[:2000])


def _remove_photo(project: Path) -> None:
    (project / "mentors" / "photos" / "ngozi-adebayo.jpg").unlink()


CHANGES: dict[str, Callable[[Path], None]] = {
    "an alum rewrites a sentence of their bio": lambda p: replace_in(
        p / "mentors" / "ngozi-adebayo.yml", "paint factory", "soap factory"
    ),
    "an alum's edit breaks their profile": lambda p: replace_in(
        p / "mentors" / "ngozi-adebayo.yml", "email: ngozi.adebayo@example.org", "email: ngozi.adebayo"
    ),
    "an alum uploads a new photo under the same name": _swap_photo,
    "a photo is replaced by a file cut short": _damage_photo,
    "a photo is deleted": _remove_photo,
    "the administrator renames a topic": lambda p: replace_in(
        p / "mentors" / "_vocabulary.yml", "label: Getting your first job", "label: Your first job"
    ),
    "the administrator adds a synonym": lambda p: replace_in(
        p / "mentors" / "_vocabulary.yml", "synonyms: [phd, doctorate,", "synonyms: [phd, doctorate, dphil,"
    ),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_after_a_change_a_build_from_kept_results_equals_one_from_scratch(project: Path, change: str) -> None:
    before = outcome(project)
    assert outcome(project) == before  # read back from what the first build kept
    CHANGES[change](project)
    fresh = outcome(project, kept=False)
    assert fresh != before, "the change must change the site, or this test proves nothing"
    assert outcome(project) == fresh


def test_a_year_later_the_same_kept_results_give_that_day_s_site(project: Path) -> None:
    """Freshness follows the day: a year on, profiles are stale or hidden, and the kept pages are not reused."""
    now = outcome(project)
    later = TODAY + dt.timedelta(days=400)
    fresh = outcome(project, kept=False, today=later)
    assert fresh != now
    assert any("not on the site" in notice for notice in fresh[-1])
    assert outcome(project, today=later) == fresh


def test_an_unchanged_directory_is_not_checked_rendered_or_indexed_again(project, monkeypatch) -> None:
    calls = {"checked": 0, "rendered": 0, "indexed": 0, "gathered": 0}

    def counting(name: str, function: Callable) -> Callable:
        def counted(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)

        return counted

    monkeypatch.setattr("generator.profiles.loader.profile", counting("checked", validate.profile))
    monkeypatch.setattr(render.Renderer, "mentor_page", counting("rendered", render.Renderer.mentor_page))
    monkeypatch.setattr(search_index, "searchable", counting("indexed", search_index.searchable))
    monkeypatch.setattr(search_index, "data", counting("gathered", search_index.data))
    first = outcome(project)
    shown = sum(1 for path in first[0] if path.startswith("mentors/") and path != "mentors/")
    assert calls == {"checked": 28, "rendered": shown, "indexed": shown, "gathered": 1}
    calls.update(checked=0, rendered=0, indexed=0, gathered=0)
    assert outcome(project) == first
    assert calls == {"checked": 0, "rendered": 0, "indexed": 0, "gathered": 0}  # the search data read whole
    CHANGES["an alum rewrites a sentence of their bio"](project)
    outcome(project)
    assert calls == {"checked": 1, "rendered": 1, "indexed": 1, "gathered": 1}


KINDS = ("profiles", "pages", "words", "search")


def _every_entry(project: Path) -> list[tuple[Path, str, int, int]]:
    """(pack, name, offset, size) of every entry a build kept."""
    kept = project / store.FOLDER
    found = [
        (pack, *entry) for kind in KINDS for pack in (kept / kind).rglob("*.pack") for entry in store.entries(pack)
    ]
    assert len(found) > 3 * 20 and all(any((kept / kind).rglob("*.pack")) for kind in KINDS)
    return found


def _rewrite(project: Path, change: Callable[[str, bytes], bytes], kinds: tuple[str, ...] = KINDS) -> int:
    """Replace every kept entry of these kinds by change(name, body), kept as a build keeps it; how many."""
    count = 0
    for kind in kinds:
        for folder in (project / store.FOLDER / kind).iterdir():
            packs = sorted(folder.glob("*.pack"))
            old = store.Store(folder.parent, folder.name)
            bodies = {name: old.get(name) for pack in packs for name, _, _ in store.entries(pack)}
            for pack in packs:
                pack.unlink()
            new = store.Store(folder.parent, folder.name)
            for name, body in bodies.items():
                new.put(name, change(name, body))
            count += len(bodies)
    return count


def test_damaged_entries_are_made_again(project: Path) -> None:
    fresh = outcome(project, kept=False)
    outcome(project)
    for pack, _, offset, size in _every_entry(project):
        with open(pack, "r+b") as file:
            file.seek(offset + size - 40)  # in the body, or its checksum
            byte = file.read(1)
            file.seek(offset + size - 40)
            file.write(bytes([byte[0] ^ 0x20]))
    assert outcome(project) == fresh


def test_entries_cut_short_are_made_again(project: Path) -> None:
    """A build stopped half-way through keeping an entry: the pack ends inside it."""
    fresh = outcome(project, kept=False)
    outcome(project)
    last = {pack: offset + size // 2 for pack, _, offset, size in _every_entry(project)}
    for pack, end in last.items():
        os.truncate(pack, end)
    assert outcome(project) == fresh


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"[]",
        b"{}",
        b'{"mentor": {"slug": 1}}',
        b"\xff\xfe",
        b'[{"a": "b"}, []]',
        b'{"a": 1, "b": 2, "c": 3}\n<p>',
        b'{"mentor": {"photo": "/etc/hostname"}, "problems": [], "photo": null}',
    ],
)
def test_entries_of_another_shape_are_made_again(project: Path, body: bytes) -> None:
    """An entry whose checksum holds but whose content is not what the code expects (say, an older layout)."""
    fresh = outcome(project, kept=False)
    outcome(project)
    assert _rewrite(project, lambda name, old: body) > 3 * 20
    assert outcome(project) == fresh


def test_a_cache_folder_that_cannot_be_written_leaves_the_build_as_it_would_be(project: Path) -> None:
    fresh = outcome(project, kept=False)
    (project / ".cache").write_text("not a folder", encoding="utf-8")
    assert outcome(project) == fresh
    assert outcome(project) == fresh


def test_results_of_another_day_or_code_are_removed_after_a_day(tmp_path: Path) -> None:
    old, recent = tmp_path / "a", tmp_path / "b"
    for folder in (old, recent):
        folder.mkdir()
        (folder / "entry").write_bytes(b"x")
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))
    kept = store.Store(tmp_path, "c" * 64)
    kept.put("entry", b"body")
    assert kept.get("entry") == b"body"
    assert not old.exists() and recent.exists()


def test_a_kept_profile_whose_photo_points_elsewhere_is_checked_again(project: Path) -> None:
    """A kept profile is only used with its own photo's verdict: one naming a file outside the photos folder is not."""
    fresh = outcome(project, kept=False)
    outcome(project)

    def elsewhere(name: str, body: bytes) -> bytes:
        value = json.loads(body)
        value["mentor"]["photo"] = "/etc/hostname"
        return json.dumps(value).encode("utf-8")

    assert _rewrite(project, elsewhere, kinds=("profiles",)) == 28
    assert outcome(project) == fresh
