"""A warm build (everything the caches keep, kept) publishes exactly the bytes a cold build does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.site import photos
from tests.helpers import FIXED_EPOCH, copy_project


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_warm_build_publishes_the_same_bytes_as_a_cold_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = copy_project(tmp_path / "project")
    config = str(project / "mkdocs.yml")
    build(load_config(config, site_dir=str(tmp_path / "cold"), strict=True))
    cache = project / photos.CACHE_DIR
    assert any((cache / "checks").rglob("*.pack")) and any(cache.glob("*.webp"))
    build(load_config(config, site_dir=str(tmp_path / "warm"), strict=True))
    cold, warm = files(tmp_path / "cold"), files(tmp_path / "warm")
    assert len(cold) > 100 and any(name.startswith(photos.OUT_DIR) for name in cold)
    assert sorted(warm) == sorted(cold)
    assert [name for name in cold if warm[name] != cold[name]] == []
    # And a cold build after the cache is gone, too.
    shutil.rmtree(project / ".cache")
    build(load_config(config, site_dir=str(tmp_path / "again"), strict=True))
    assert files(tmp_path / "again") == cold
