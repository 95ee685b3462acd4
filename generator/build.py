"""From a folder of profiles to the pages of the site: the core's one entry point."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import loader, photos, search_index, workers
from .directory import Directory
from .directory import build as build_directory
from .problems import Problem
from .render import Page, Renderer, hue
from .settings import Settings
from .validate import Rules

ASSETS = Path(__file__).parent / "assets"


def static_files() -> list[tuple[str, Path]]:
    """The package's own styles, scripts and vendored files, each with the site path it is served at."""
    return [
        ("assets/mentor-directory/" + path.relative_to(ASSETS).as_posix(), path)
        for path in sorted(ASSETS.rglob("*"))
        if path.is_file() and path.suffix != ".md"
    ]


class ProfilesInvalid(Exception):
    """The profiles have errors; nothing is built."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the mentor profiles")
        self.problems = problems


@dataclass(frozen=True)
class Built:
    """Everything the site engine needs to publish the directory."""

    pages: list[Page]
    assets: dict[str, str]  # generated scripts: path -> text
    photos: dict[str, photos.Photo]
    directory: Directory
    notices: list[Problem]  # warnings, and profiles left off the site


def build(profiles_dir: Path, settings: Settings) -> Built:
    """Load, validate, order and render; raise ProfilesInvalid if any profile has an error."""
    rules = Rules(
        today=settings.today,
        warn_after_months=settings.warn_after_months,
        hide_after_months=settings.hide_after_months,
    )
    with _indexer(profiles_dir) as indexer:
        loaded = loader.load([profiles_dir], rules)
        errors = [p for p in loaded.problems if p.severity == "error"]
        if errors:
            raise ProfilesInvalid(errors)
        directory = build_directory(loaded.mentors, loaded.vocabulary, settings)
        notices = list(loaded.problems) + [
            Problem(str(m.source), 1, 1, "warning", f"not on the site: last confirmed {m.last_confirmed}")
            for m in directory.hidden
        ]
        planned = {m.slug: photos.plan(m.slug, m.photo) for m in directory.mentors if m.photo}
        renderer = Renderer(directory, loaded.vocabulary, settings, planned)
        assets = renderer.assets()
        search_args = (directory, loaded.vocabulary, settings, planned, hue)
        pages, assets[search_index.DATA_SCRIPT] = _render_and_index(renderer, search_args, indexer)
    return Built(pages, assets, planned, directory, notices)


@contextmanager
def _indexer(profiles_dir: Path) -> Iterator[ProcessPoolExecutor | None]:
    """For a large directory, a second process for the search index, started before loading.

    The process starts (and imports the indexer) while the profiles load, so it is ready by
    the time there is something to index.
    """
    with os.scandir(profiles_dir) as entries:
        count = sum(1 for entry in entries if entry.name.endswith(".yml"))
    if count < workers.INDEX_APART_FROM or workers.count() < 2:
        yield None
        return
    pool = workers.pool(1)
    try:
        pool.submit(int)  # a no-op: start the process now
    except workers.FAILURES:
        pool.shutdown()
        yield None
        return
    try:
        yield pool
    finally:
        pool.shutdown(cancel_futures=True)


def _render_and_index(renderer: Renderer, search_args: tuple, indexer) -> tuple[list[Page], str]:
    """The pages, and the search data: built by the second process, if there is one, meanwhile."""
    if indexer is None:
        return list(renderer.pages()), _search_script(*search_args)
    pages = None
    try:
        indexing = indexer.submit(_search_script, *search_args)
        pages = list(renderer.pages())
        return pages, indexing.result()
    except workers.FAILURES:
        # The worker could not start: index here, and keep the pages if they are already made.
        return pages if pages is not None else list(renderer.pages()), _search_script(*search_args)


def _search_script(*search_args) -> str:
    return search_index.script(search_index.data(*search_args))
