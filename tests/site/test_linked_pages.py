"""Generated pages are kept in the cache and linked into the site, and a site always gets the right bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import store
from generator.site import publish
from tests.helpers import FIXED_EPOCH, copy_project

PAGE = "mentors/thandeka-mokoena/index.html"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return copy_project(tmp_path / "project")


def build(project: Path, site: str = "site", dirty: bool = False) -> dict[str, bytes]:
    """Build into project/<site>; the generated mentor pages' bytes, by path."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # A dirty build is not strict: MkDocs warns that it may leave stale links.
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / site), strict=not dirty), dirty=dirty)
    folder = project / site
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.glob("mentors/*/index.html"))}


def kept(project: Path) -> list[Path]:
    return sorted(p for p in (project / store.FOLDER / publish.KEPT_DIR).rglob("*") if p.is_file())


def test_generated_pages_are_links_to_kept_copies_and_a_second_build_gives_the_same_bytes(project) -> None:
    first = build(project)
    assert len(first) >= 10
    inodes = {p.stat().st_ino for p in kept(project)}
    assert {(project / "site" / path).stat().st_ino for path in first} <= inodes
    assert build(project, "again") == first
    assert len(kept(project)) == len(inodes)  # nothing new to keep: the same pages


def test_a_page_edited_in_the_site_or_damaged_in_the_cache_is_made_right_by_the_next_build(project) -> None:
    first = build(project)
    # Edited in place, as a tool run over a site might: through the link, the kept copy changes too.
    with (project / "site" / PAGE).open("r+b") as file:
        file.write(b"<!-- edited -->")
    damaged = next(p for p in kept(project) if p.stat().st_ino != (project / "site" / PAGE).stat().st_ino)
    damaged.write_bytes(damaged.read_bytes()[:-200])
    assert build(project, "again") == first


def test_pages_are_written_where_the_site_cannot_link_to_the_cache(project, monkeypatch) -> None:
    def cannot(*_args) -> None:
        raise OSError(18, "Invalid cross-device link")

    first = build(project)
    monkeypatch.setattr(store.os, "link", cannot)
    assert build(project, "elsewhere") == first
    assert all((project / "elsewhere" / path).stat().st_nlink == 1 for path in first)


def test_a_cache_that_cannot_be_written_still_gives_every_page(project) -> None:
    (project / ".cache").write_text("not a folder\n", encoding="utf-8")
    pages = build(project)
    (project / ".cache").unlink()
    assert build(project, "cached") == pages


def test_a_build_into_a_site_not_emptied_first_replaces_its_pages(project) -> None:
    first = build(project)
    for path in first:
        (project / "site" / path).unlink()
        (project / "site" / path).write_bytes(b"stale")  # a file of its own, where the link was
    assert build(project, dirty=True) == first
    shutil.rmtree(project / "site")
    assert build(project) == first


def test_a_build_over_an_earlier_site_never_writes_through_its_links_to_kept_pages(project) -> None:
    """`mkdocs build --dirty` after an edit: the old page is a link to a kept copy, which must keep its bytes."""
    import hashlib

    first = build(project)
    profile = project / "mentors" / "thandeka-mokoena.yml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("Co-founder, Ubuntu Ledger", "Founder, Ubuntu Ledger"),
        encoding="utf-8",
    )
    edited = build(project, dirty=True)
    assert edited[PAGE] != first[PAGE] and b"Founder, Ubuntu Ledger" in edited[PAGE]
    # Each kept page still holds the bytes it is named after: none was written through a link.
    assert [p.name for p in kept(project) if hashlib.sha256(p.read_bytes()).hexdigest()[:40] != p.name] == []
    assert build(project, "again") == edited
