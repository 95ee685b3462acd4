"""Writing the generated pages into the site, each in the engine's layout (shell.Shell)."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import workers
from .render import Page
from .shell import Shell


class Unwritable(Exception):
    """A generated page could not be written into the site (a full disk, a folder not writable)."""


def write(site: Path, pages: Iterable[Page], layout: Shell) -> list[str]:
    """Lay out and write each page under `site`; their paths, in order. Unwritable if one cannot be written."""

    def one(page: Page) -> str:
        path = site / page.path / "index.html"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(layout.wrap(page).encode("utf-8"))
        except OSError as exc:
            raise Unwritable(f"could not write {path}: {exc.strerror or exc}") from None
        return page.path

    # Writing thousands of small files is mostly waiting on the system: threads overlap it.
    # Each page is laid out by the thread that writes it, so only a few are in memory twice.
    with ThreadPoolExecutor(workers.count(), thread_name_prefix="pages") as pool:
        return list(pool.map(one, pages))
