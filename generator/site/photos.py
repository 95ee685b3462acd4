"""Mentor photos, resized and re-encoded once, with every byte of metadata left behind.

Encoding is the slow part of a build, so each photo's encoded sizes are kept in a cache
folder under a key made of the photo's bytes, the settings below and Pillow's version.
Later builds, `mkdocs serve` reloads and CI runs that restore the folder reuse them: each
kept file is checked against the digest recorded when it was made, and is then hard-linked
into the site (copied where the file system cannot link). A file whose digest does not
match, because it was damaged or changed through its link in a site, is encoded again.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageOps

from .. import store, workers
from ..profiles import photocheck

log = logging.getLogger("mkdocs.plugins.mentor_directory")

# Shown at up to 3.2rem and 7rem, 77 and 168 CSS pixels: twice that keeps them sharp on
# high-density screens. Each size's format and settings, measured on photographs with
# benchmarks/bench_photos.py: thirty cards fill a directory page, so a card is WebP, method 2
# (within 3% of method 4's bytes in half its time); a profile page shows one photo, as JPEG:
# 22% more bytes than WebP's fastest method (medians 16.1 against 13.2 KB, at 39.6 and 39.9 dB)
# in a seventh of its time, which takes a seventh off a first build's CPU time.
SIZES = {"card": 160, "page": photocheck.LARGEST_SHOWN}
ENCODINGS = {"card": ("WEBP", {"quality": 80, "method": 2}), "page": ("JPEG", {"quality": 80})}
EXTENSIONS = {"WEBP": "webp", "JPEG": "jpg"}
OUT_DIR = "assets/photos"
CACHE_DIR = f"{store.FOLDER}/photos"
# From the half-scale decode to the page's size: bicubic, a quarter less time than Lanczos
# (a quarter of a first build's photo work is this step) for 0.3 dB on photographs, and 2%
# fewer bytes; side by side at twice their size the two cannot be told apart.
RESAMPLING = Image.Resampling.BICUBIC
_ENTRY_VERSION = 3  # the layout of a cache entry: its files' digests, the files beside it


def settings() -> str:
    """Everything besides the photo's bytes that decides the encoded files."""
    sizes = ",".join(f"{name}={SIZES[name]}:{ENCODINGS[name]}" for name in sorted(SIZES))
    return f"v{_ENTRY_VERSION} {sizes} {RESAMPLING.name.lower()}-then-reduce pillow {PIL.__version__}"


def encoded(image: Image.Image, size: str) -> bytes:
    """An image of a size's side as that size's file: its format and settings, and only its pixels."""
    # A fresh image holds only pixels: nothing of the original's metadata can follow.
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    buffer = io.BytesIO()
    fmt, options = ENCODINGS[size]
    clean.save(buffer, fmt, **options)
    return buffer.getvalue()


def extension(size: str) -> str:
    return EXTENSIONS[ENCODINGS[size][0]]


@dataclass(frozen=True)
class Photo:
    """Where a mentor's photo will be published, in each size."""

    source: Path
    key: str  # the photo's bytes and the settings: a changed photo or setting gets a new URL

    def path(self, size: str) -> str:
        return f"{OUT_DIR}/{self.key[:20]}-{SIZES[size]}.{extension(size)}"


def plan(source: Path) -> Photo:
    """Name the published files after the photo's content and the settings."""
    digest = hashlib.sha256(source.read_bytes())
    digest.update(settings().encode("utf-8"))
    return Photo(source, digest.hexdigest())


def encode(photo: Photo) -> dict[str, bytes]:
    """Each size's file: square-cropped, orientation applied, no EXIF, GPS or ICC data."""
    with photocheck.opened(photo.source) as image:
        return sized(photo, photocheck.decode(image))


def sized(photo: Photo, image: Image.Image) -> dict[str, bytes]:
    """Each size's file, from the photo as decoded for the site's copies (photocheck.decode)."""
    out = {}
    for size, side in sorted(SIZES.items(), key=lambda item: -item[1]):
        if image.width == image.height and image.width % side == 0:
            # A whole fraction of the last size (the card's 160 of the page's 320): each square of
            # pixels averaged, a tenth of the resampling's time, and no visible difference once encoded.
            image = image.reduce(image.width // side)
        else:
            image = ImageOps.fit(image, (side, side), RESAMPLING)
        out[photo.path(size)] = encoded(image, size)
    return out


class Cache:
    """Encoded photos kept between builds: each size a file of its own, checked against its digest before use.

    A photo's entry (in a store, under its key) records the digest of each of its files, which
    lie in the folder as `<key>.<size>.<extension>`. A folder that cannot be made or written to leaves
    the cache in memory only: the build goes on, and a long-running `mkdocs serve` still encodes
    each photo once.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        context = store.key(f"encoded photos v{_ENTRY_VERSION}")
        self.entries = store.Store(folder / "entries", context) if folder is not None else None
        self._memory: dict[str, dict[str, bytes]] = {}
        self._warned = False

    def get(self, photo: Photo) -> dict[str, Kept] | None:
        """The photo's kept files by site path, each checked whole; None if one is missing or damaged."""
        if photo.key in self._memory:
            return {path: Kept(None, data) for path, data in self._memory[photo.key].items()}
        if self.entries is None or (digests := self.entries.get(photo.key)) is None:
            return None
        if len(digests) != 32 * len(SIZES):
            return None
        kept = {}
        for n, size in enumerate(sorted(SIZES)):
            file = self._file(photo, size)
            try:
                data = file.read_bytes()
            except OSError:
                return None
            if hashlib.sha256(data).digest() != digests[32 * n : 32 * n + 32]:
                return None
            kept[photo.path(size)] = Kept(file, data)
        return kept

    def holds(self, photo: Photo) -> bool:
        """Whether the photo has an entry, whole or not (`get` checks it)."""
        return photo.key in self._memory or (self.entries is not None and photo.key in self.entries)

    def put(self, photo: Photo, files: dict[str, bytes]) -> dict[str, Kept]:
        """Keep a photo's encoded files; them, as kept (in memory only if the folder cannot be written)."""
        if self.entries is not None:
            try:
                kept = {}
                for size in sorted(SIZES):
                    data = files[photo.path(size)]
                    store.write_plain(self._file(photo, size), data)
                    kept[photo.path(size)] = Kept(self._file(photo, size), data)
                # The entry last: until it is whole, the photo is not in the cache.
                self.entries.put(photo.key, b"".join(hashlib.sha256(k.data).digest() for k in kept.values()))
                return kept
            except OSError as exc:
                if not self._warned:
                    log.info(f"mentor-directory: photos are not cached between builds: {exc}")
                    self._warned = True
        self._memory[photo.key] = files
        return {path: Kept(None, data) for path, data in files.items()}

    def _file(self, photo: Photo, size: str) -> Path:
        return self.folder / f"{photo.key}.{size}.{extension(size)}"


@dataclass(frozen=True)
class Kept:
    """A photo file as the cache holds it: the file (None: in memory only) and its bytes.

    The bytes are b"" where a photo process (Early) kept the file: they are read from it if it
    cannot be linked.
    """

    file: Path | None
    data: bytes

    def place(self, target: Path) -> None:
        """Put it at `target` in a site: a link to the kept file where the file system allows, else a copy."""
        if self.file is None or not store.link(self.file, target):
            target.write_bytes(self.data or self.file.read_bytes())


class Early:
    """A build's new photos checked and encoded from its start, in processes of their own.

    A first build has every photo to check and encode, about 10 ms of work each. On threads
    of the build's own process, each of Pillow's steps waits for the interpreter lock while
    the build reads profiles and renders pages, and the second core stands half idle. In
    processes forked before the build reads a profile, the photos keep that core busy from the
    start. They keep what they encode in the cache themselves, and the Publisher links it into
    the site: the build's own process, which has the pages to make, only waits for the names.

    Each photo is decoded once, for its check and its encoding: decoding is a third of the work,
    and a check of its own would decode it again. The profiles meanwhile take the verdict on
    everything but the decoding (photocheck.Checks.defer); `failed` waits for the rest.
    """

    def __init__(self, checks: photocheck.Checks, cache: Cache) -> None:
        global _inherited
        # Before the pool forks, at its first job: sent with each job, the verdicts' store would
        # open a pack for each.
        _inherited = cache, checks.kept
        self._kept = checks.kept
        self._pool = workers.forked(workers.count())
        checks.defer()
        folder = checks.folder
        self._jobs = {
            folder / name: (name, self._pool.submit(_check_and_encode, folder / name, name))
            for name in checks.unchecked
        }

    @staticmethod
    def wanted(checks: photocheck.Checks) -> bool:
        """Whether to take on the photos `checks` left unchecked: not too few, one core, or where a fork is unsafe."""
        return len(checks.unchecked) >= EARLY_FROM and workers.count() >= 2 and workers.can_fork()

    def kept(self, photo: Photo) -> dict[str, Kept] | None:
        """A photo's files as kept here; None if it was not encoded here, or its file changed, or that failed."""
        _, job = self._jobs.get(photo.source, (None, None))
        try:
            key, kept, _ = job.result() if job is not None else (None, None, None)
        except Exception:  # noqa: BLE001 - a photo that cannot be encoded here is tried again, where its error is seen
            return None
        return kept if key == photo.key else None

    def failed(self) -> bool:
        """Whether a photo's whole verdict has an error (it could not be decoded): waits for every photo.

        A photo whose process died is checked here instead.
        """
        for source, (name, job) in self._jobs.items():
            try:
                verdict = job.result()[2]
            except Exception:  # noqa: BLE001 - whatever stopped the process, the check is done here
                verdict = photocheck.decoded(source, name, self._kept)[0]
            if photocheck.refused(verdict):
                return True
        return False

    def close(self) -> None:
        """Stop the processes: photos not started yet are dropped."""
        self._pool.shutdown(cancel_futures=True)


EARLY_FROM = 8  # new photos before processes are forked for them: forking two and stopping them takes 10 ms
# The cache and the verdicts' store Early's processes use, inherited where sending them would copy them.
_inherited: tuple[Cache, store.Store | None] | None = None


def _check_and_encode(source: Path, name: str) -> tuple[str, dict[str, Kept] | None, list[tuple[str, ...]]]:
    """In an Early process: a photo's key; its files, kept (unless cached, or it cannot be shown); its verdict."""
    cache, verdicts = _inherited
    photo = plan(source)
    verdict, image = photocheck.decoded(source, name, verdicts)
    if image is None or cache.holds(photo):
        return photo.key, None, verdict
    kept = cache.put(photo, sized(photo, image))
    # Only the names go back where the files hold the bytes.
    return photo.key, {path: Kept(k.file, b"" if k.file else k.data) for path, k in kept.items()}, verdict


class Publisher:
    """Writes every photo's files into a site folder, in the background, each distinct photo once.

    Entries come from the cache, or from `early`; the rest are encoded on threads (Pillow
    decodes, resizes and encodes without holding the interpreter lock), while the caller
    builds the pages.
    """

    def __init__(self, photos: Iterable[Photo], site: Path, cache: Cache, early: Early | None = None) -> None:
        self.cache, self.site, self.early = cache, site, early
        distinct = {photo.key: photo for photo in photos}
        for folder in {(site / photo.path(size)).parent for photo in distinct.values() for size in SIZES}:
            folder.mkdir(parents=True, exist_ok=True)  # once each, not once a file
        self._pool = ThreadPoolExecutor(workers.count(), thread_name_prefix="photos")
        self._jobs: list[Future] = [self._pool.submit(self._publish, photo) for photo in distinct.values()]

    def wait(self) -> tuple[int, int]:
        """Wait until every file is written; how many photos were encoded and how many reused."""
        try:
            encoded = sum(job.result() for job in self._jobs)
        finally:
            self.close()
        return encoded, len(self._jobs) - encoded

    def close(self) -> None:
        """Stop: photos not started yet are dropped."""
        self._pool.shutdown(cancel_futures=True)
        if self.early is not None:
            self.early.close()

    def _publish(self, photo: Photo) -> bool:
        """Place one photo's files in the site; whether it had to be encoded."""
        # Early's first: a photo process may have kept the photo in the cache since the build began.
        kept = self.early.kept(photo) if self.early is not None else None
        fresh = kept is not None
        if kept is None:
            kept = self.cache.get(photo)
            if fresh := kept is None:
                kept = self.cache.put(photo, encode(photo))
        for path, file in kept.items():
            file.place(self.site / path)
        return fresh
