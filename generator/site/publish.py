"""Writing the generated pages into the site, each in the engine's layout (shell.Shell).

Creating a file and writing its bytes costs far more than a hard link to a file that is
already there (store.link). So, given the build's cache folder, each page is kept there under
the digest of its HTML: a page written into the site is kept by a link to it, and a build that
makes the same page again reads the kept file, finds the same bytes, and links it into its own
site. A kept file that differs (damaged, or edited through its link in a site) is replaced,
never changed in place. Where the site cannot link to the cache (another file system, one
without hard links, a cache that cannot be written), pages are written as they are.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import store, workers
from .render import Page
from .shell import Shell

KEPT_DIR = "html"  # in the build's cache folder (store.FOLDER); one folder per layout


class Unwritable(Exception):
    """A generated page could not be written into the site (a full disk, a folder not writable)."""


def write(
    site: Path, pages: Iterable[Page], layout: Shell, cache: Path | None = None, threads: int | None = None
) -> list[str]:
    """Lay out and write each page under `site`; their paths, in order. Unwritable if one cannot be written.

    With `cache` (the build's cache folder), pages are kept there and linked into the site.
    `threads`: how many write at once (workers.count() unless given).
    """
    kept = _Kept(store.Store(cache / KEPT_DIR, layout.digest) if cache is not None else None)

    def one(page: Page) -> str:
        path = site / page.path / "index.html"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            kept.place(layout.wrap(page).encode("utf-8"), path)
        except OSError as exc:
            raise Unwritable(f"could not write {path}: {exc.strerror or exc}") from None
        return page.path

    # Writing thousands of small files is mostly waiting on the system: threads overlap it, at
    # the cost of the interpreter lock's hand-offs. Each page is laid out by the thread that
    # writes it, so only a few are in memory twice.
    with ThreadPoolExecutor(threads or workers.count(), thread_name_prefix="pages") as pool:
        return list(pool.map(one, pages))


class _Kept:
    """Pages kept in a store's folder by the digest of their HTML, and linked from there into a site."""

    def __init__(self, kept: store.Store | None) -> None:
        self.store = kept

    def place(self, html: bytes, target: Path) -> None:
        """Put `html` at `target`: a link to its kept copy if there is one, else written, and kept by a link to it.

        OSError if it cannot be written.
        """
        kept_in = self.store  # once: another thread may give up linking meanwhile
        if kept_in is None or kept_in.folder is None:
            store.write_new(target, html)
            return
        name = hashlib.sha256(html).hexdigest()[:40]
        try:
            same = (kept_in.folder / name).read_bytes() == html
        except OSError:
            same = False
        if same and store.link(kept_in.folder / name, target):
            return
        store.write_new(target, html)
        try:
            kept_in.put_link(name, target)
        except OSError:
            self.store = None  # no link will work here: write the rest of the pages as they are
