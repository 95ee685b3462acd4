"""From a folder of profiles to the pages of the site: the core's one entry point."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .. import workers
from ..profiles import loader, photocheck
from ..profiles.problems import Problem
from ..profiles.validate import rules_for
from ..settings import Settings
from ..wording import say
from . import photos, search_index
from .directory import Directory, hidden_reason
from .directory import build as build_directory
from .render import Page, Renderer
from .rest import Crew, Rest

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
        super().__init__(say("problems", len(problems)))
        self.problems = problems


@dataclass(frozen=True)
class Built:
    """Everything the site engine needs to publish the directory."""

    pages: list[Page]  # the pages the site engine lays out itself
    assets: dict[str, str]  # generated scripts: path -> text
    photos: dict[str, photos.Photo]
    directory: Directory
    notices: list[Problem]  # warnings, and profiles left off the site
    rest: Rest  # the generated pages and the search data script
    early: photos.Early | None = None  # new photos being checked and encoded since the build began
    recheck: Callable[[], list[Problem]] | None = None  # the profiles' errors, checked again (confirm)

    def close(self) -> None:
        """Stop the worker processes: for a build that stops before its pages and photos are written."""
        self.rest.close()
        if self.early is not None:
            self.early.close()

    def confirm(self) -> None:
        """Raise ProfilesInvalid if a new photo could not be decoded after all; else return.

        With `early`, the profiles were read with the verdict on everything but their new
        photos' decoding, which is left to the encoding (photos.Early): this waits for it, and
        then lists the profiles' errors as a check finds them. A caller that has its own work
        (the pages to write) does it first, while the photo processes finish theirs.
        """
        if self.early is None:
            return
        if self.early.failed() and (errors := self.recheck()):
            raise ProfilesInvalid(errors)

    def everything(self) -> tuple[list[Page], dict[str, str]]:
        """Every page and every generated script, once the rest is done."""
        generated, search = self.rest.result()
        return self.pages + generated, self.assets | {search_index.DATA_SCRIPT: search}


def build(profiles_dir: Path, settings: Settings, cache: Path | None = None) -> Built:
    """Load, validate, order and render; raise ProfilesInvalid if any profile has an error.

    The pages the site engine lays out are ready on return. For a large directory, the
    generated pages and the search data are still being made in worker processes, while
    the engine does its own part: `Built.rest` waits for them.
    """
    return start(profiles_dir, settings, cache)()


class Started:
    """A build begun by `start`: calling it finishes it; `close` stops it for a caller that gives up first."""

    def __init__(
        self,
        finish: Callable[[], Built],
        checks: photocheck.Checks | None = None,
        early: photos.Early | None = None,
        recheck: Callable[[], list[Problem]] | None = None,
        crew: Crew | None = None,
    ) -> None:
        self._finish, self._checks, self._early, self._recheck = finish, checks, early, recheck
        self._crew = crew  # until the directory is made, and the crew handed it (Rest)

    def __call__(self) -> Built:
        try:
            built = self._finish()
        except BaseException:
            self.close()
            raise
        self._crew = None  # the built's now (Built.rest)
        if self._checks is not None:
            self._checks.close()  # the profiles are read, with their photos' verdicts
        return dataclasses.replace(built, early=self._early, recheck=self._recheck)

    def close(self) -> None:
        if self._checks is not None:
            self._checks.close()
        if self._early is not None:
            self._early.close()
        if self._crew is not None:
            self._crew.close()


def start(
    profiles_dir: Path, settings: Settings, cache: Path | None = None, photo_cache: photos.Cache | None = None
) -> Started:
    """Begin `build`; calling the result finishes it, and raises ProfilesInvalid.

    Between the two, the caller can do its own preparation: for a large directory the
    profiles load meanwhile, in a forked process where that is safe (see workers.can_fork).
    `cache` is the folder where what a build works out is kept for the next (store.FOLDER in a
    project): the check's verdict on each photo, each checked profile, page and index entry.
    With a `photo_cache` as well, photos without a kept verdict are checked and encoded from
    now on in processes of their own (photos.Early), for the site's photos.Publisher; the
    caller learns whether they all decoded from Built.confirm.
    """
    kept = {"photo_verdicts": photocheck.verdicts(cache / "photos"), "kept": cache / "profiles"} if cache else {}
    rules = dataclasses.replace(rules_for(settings), **kept)
    load = partial(loader.load, [profiles_dir], rules)
    if _count(profiles_dir) < workers.APART_FROM or workers.count() < 2:
        if cache is None:
            return Started(lambda: _finish(load, settings, cache))
        # The profiles load in this process: their photos' kept verdicts are read now, and the
        # new photos' checks and encodings begin.
        named = photocheck.names(profiles_dir.glob("*.yml"))
        checks = photocheck.Checks(profiles_dir / "photos", named, rules.photo_verdicts)
        crew = early = None
        if photo_cache is not None and photos.Early.wanted(checks):
            # A first build (its photos new): the pages and search data are made in processes
            # of their own too, forked first, before the photo processes start their threads.
            crew = Crew.ahead()
            early = photos.Early(checks, photo_cache)
        return Started(lambda: _finish(load, settings, cache, crew=crew), checks, early, lambda: _errors(load()), crew)
    if not workers.can_fork():
        # Workers from a clean process take a moment to start: start them now, load here.
        helpers = workers.started(workers.count())
        return Started(lambda: _finish(load, settings, cache, helpers))
    pool = workers.forked(1)
    loading = pool.submit(load)

    def finish() -> Built:
        try:
            loaded = loading.result()
        except workers.FAILURES:
            loaded = None
        finally:
            pool.shutdown()  # and its thread: the rest's workers fork from a single thread again
        # The rest's workers are forked once the directory is made, and inherit it.
        return _finish(lambda: loaded or load(), settings, cache, fork=workers.can_fork())

    return Started(finish)


def _finish(
    load: Callable[[], loader.Loaded],
    settings: Settings,
    cache: Path | None,
    helpers: ProcessPoolExecutor | None = None,
    fork: bool = False,
    crew: Crew | None = None,
) -> Built:
    """Load (or collect) the profiles and make the directory; stop the helpers or crew if that fails."""
    try:
        loaded = load()
        errors = _errors(loaded)
        if errors:
            raise ProfilesInvalid(errors)
        directory = build_directory(loaded.mentors, loaded.vocabulary, settings)
        notices = list(loaded.problems) + [
            Problem(str(m.source), 1, 1, "warning", f"not on the site: {hidden_reason(m, settings)}")
            for m in directory.hidden
        ]
        planned = _plan_photos(directory)
        renderer = Renderer(directory, loaded.vocabulary, settings, planned)
        rest = Rest((directory, loaded.vocabulary, settings, planned, cache), helpers, fork, crew)
    except BaseException:
        if helpers is not None:
            helpers.shutdown(cancel_futures=True)
        if crew is not None:
            crew.close()
        raise
    return Built(list(renderer.engine_pages()), renderer.assets(), planned, directory, notices, rest)


def _errors(loaded: loader.Loaded) -> list[Problem]:
    return [p for p in loaded.problems if p.severity == "error"]


def _plan_photos(directory: Directory) -> dict[str, photos.Photo]:
    """Each shown mentor's photo, by slug; a file several profiles share is read once."""
    sources = sorted({m.photo for m in directory.mentors if m.photo})
    # Hashing releases the interpreter lock: threads read and hash side by side. They are
    # all stopped on return, so worker processes may still be forked after this.
    with ThreadPoolExecutor(workers.count()) as pool:
        plans = dict(zip(sources, pool.map(photos.plan, sources), strict=True))
    return {m.slug: plans[m.photo] for m in directory.mentors if m.photo}


def _count(profiles_dir: Path) -> int:
    with os.scandir(profiles_dir) as entries:
        return sum(1 for entry in entries if entry.name.endswith(".yml"))
