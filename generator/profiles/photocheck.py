"""A mentor's photo checked at check time, by decoding it, so that whatever passes also builds.

The limits: at most MAX_BYTES on disk, MAX_SIDE pixels a side and MAX_PIXELS in all. A phone
photo is about 12 megapixels; a 300 KB file declaring more is a trick, not a portrait.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import warnings
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path

import PIL
from PIL import Image, ImageOps, UnidentifiedImageError

from .. import store, workers
from .problems import Problem

MAX_BYTES = 300 * 1024
MAX_SIDE = 4000
MAX_PIXELS = 16_000_000
LARGEST_SHOWN = 320  # the largest side the site publishes a photo at (site/photos.py sizes from it)
FORMATS = ("JPEG", "PNG", "WEBP")
_LIMIT = f"{MAX_SIDE} pixels a side and {MAX_PIXELS // 1_000_000} megapixels in all"
_GPS_IFD = 0x8825
_PHOTO_LINE = re.compile(r"""^photo:[ \t]*["']?([^"'#\r\n]+?)["']?[ \t]*(?:#.*)?$""", re.MULTILINE)
_EXPORT = "export it again as a JPEG, PNG or WebP"
# Everything besides a photo's bytes and name that decides its verdict: a change to the checks
# below must change this (the version), so that no verdict of an older check is reused.
_VERDICT_VERSION = 2
_VERDICT_KEY = (
    f"check v{_VERDICT_VERSION} {MAX_BYTES} {MAX_SIDE} {MAX_PIXELS} {LARGEST_SHOWN} {FORMATS} {PIL.__version__}"
)


def unused(paths: list[Path]) -> list[Problem]:
    """Problems with the files in each profiles folder's photos/ that no profile there names: checked all the same."""
    found = []
    for folder in (p for p in paths if p.is_dir() and (p / "photos").is_dir()):
        named = names(folder.glob("*.yml"))
        for path in sorted((folder / "photos").iterdir()):
            if path.name not in named and not path.name.startswith("."):
                found += [
                    Problem(str(path), 1, 1, *(severity or ["error"]), message)
                    for message, *severity in problems(path, path.name)
                ]
    return found


def names(profiles: Iterable[Path]) -> set[str]:
    """The photo file names these profile files give, found without parsing them."""
    named = set()
    for profile in profiles:
        try:
            named.update(_PHOTO_LINE.findall(profile.read_text(encoding="utf-8", errors="replace")))
        except OSError:
            continue
    return named


# Verdicts read or being worked out on threads, or left to a photo's encoding, by (path, name):
# see ahead() and Checks. A process forked from this one finds them here too, and must not wait
# for them: they are this process's (its id).
_ahead: dict[tuple[Path, str], Future | _Header] = {}
_ahead_in = os.getpid()


def verdicts(folder: Path) -> store.Store:
    """Where verdicts are kept in a cache folder: made once for a run, so that its packs are read once."""
    return store.Store(folder / "checks", store.key(_VERDICT_KEY))


@contextlib.contextmanager
def ahead(folder: Path, named: Iterable[str], kept: store.Store | None = None) -> Iterator[None]:
    """Check the photos of `folder` with these names on threads, while the caller reads the profiles.

    Decoding releases the interpreter lock, so the checks run beside the caller's own work;
    within the block, `problems` waits for a photo's check under way instead of doing it again.
    Only ordinary files directly in the folder are checked ahead: a profile's photo is still
    checked by `problems` itself, whatever its name. Photos whose verdicts `Checks` has read or
    started are left to it.
    """
    checks = Checks(folder, named, kept)
    with ThreadPoolExecutor(workers.count(), thread_name_prefix="photo-checks") as pool:
        checks.submit(pool)
        try:
            yield
        finally:
            checks.close()
            pool.shutdown(cancel_futures=True)


class Checks:
    """The verdicts on one folder's photos for a run, read or started before its profiles are.

    Made before the profiles are read, it reads each kept verdict once (a photo's bytes hashed,
    the store looked up); `problems` then takes those, and waits for the verdicts of checks under
    way (`submit`), until `close`. The photos left `unchecked` are those a check must decode:
    on threads (`submit`), or in the encoding that decodes them anyway (`defer`).
    """

    def __init__(self, folder: Path, named: Iterable[str], kept: store.Store | None) -> None:
        self.folder, self.kept = folder, kept
        self.unchecked: list[str] = []
        self._taken: list[str] = []
        under_way = _under_way()
        # With no verdict kept at all (a first build), none is looked for: hashing each photo
        # for nothing would hold back the checks (in a first build, processes forked after this).
        nothing_kept = kept is None or kept.empty()
        for name in _present(folder, named):
            if (folder / name, name) in under_way:
                continue
            # A verdict kept from an earlier build is only a read away: threads for it would cost
            # more in hand-offs of the interpreter lock than they save. A check decodes the rest.
            known = None if nothing_kept else _verdict(folder / name, name, kept, kept_only=True)
            if known is None:
                self.unchecked.append(name)
            else:
                under_way[folder / name, name] = done = Future()
                done.set_result(known)
                self._taken.append(name)

    def submit(self, pool: Executor) -> None:
        """Check the unchecked photos in a pool of threads."""
        under_way = _under_way()
        for name in self.unchecked:
            place = self.folder / name
            under_way[place, name] = pool.submit(_verdict, place, name, self.kept)
            self._taken.append(name)

    def defer(self) -> None:
        """Leave the decoding of the unchecked photos to their encoding (site/photos.Early), which decodes each anyway.

        Until `close`, `problems` gives each of them the verdict of everything but its decoding
        (its size, format, dimensions and location data), and keeps none: the encoding keeps the
        whole verdict, and the build stops at its end if a photo could not be decoded (`decoded`).
        """
        under_way = _under_way()
        for name in self.unchecked:
            under_way[self.folder / name, name] = _Header(self.folder / name, name)
            self._taken.append(name)

    def close(self) -> None:
        """Forget these verdicts: a later `problems` reads or decodes each photo itself again."""
        under_way = _under_way()
        for name in self._taken:
            under_way.pop((self.folder / name, name), None)
        self._taken = []


def problems(path: Path, name: str, kept: store.Store | None = None) -> Iterator[tuple[str, ...]]:
    """Yield (message,) for each error and (message, 'warning') for each warning about one photo file.

    With a store (`verdicts`), the verdict on the file's content is kept there, by its bytes and
    name, and a later check of the same bytes reads it instead of decoding the photo again.
    """
    job = _under_way().get((path, name))
    try:
        verdict = job.result() if job is not None else None
    except Exception:
        verdict = None  # a check that failed on a thread is done again here, where its error is seen
    yield from verdict if verdict is not None else _verdict(path, name, kept)


def _present(folder: Path, named: Iterable[str]) -> list[str]:
    """Which of these names are ordinary files directly in `folder`, in order."""
    try:
        with os.scandir(folder) as entries:
            present = {entry.name for entry in entries if entry.is_file(follow_symlinks=False)}
    except OSError:
        present = set()
    return sorted(present.intersection(named))


def _under_way() -> dict[tuple[Path, str], Future | _Header]:
    """The checks under way in this process: in a process forked from the one that started them, none."""
    global _ahead_in
    if _ahead_in != os.getpid():
        _ahead.clear()
        _ahead_in = os.getpid()
    return _ahead


class _Header:
    """A photo's verdict without its decoding, worked out when asked for: see Checks.defer."""

    def __init__(self, path: Path, name: str) -> None:
        self.path, self.name = path, name

    def result(self) -> list[tuple[str, ...]]:
        return _verdict(self.path, self.name, None, side=None)


def decoded(path: Path, name: str, kept: store.Store | None) -> tuple[list[tuple[str, ...]], Image.Image | None]:
    """A photo file's verdict, kept as `problems` keeps it, and the photo decoded for the site's copies (`decode`).

    One decoding for both: the photo is None if the verdict has an error, or was kept already
    (then nothing is decoded).
    """
    found: list[Image.Image] = []
    verdict = _verdict(path, name, kept, side=LARGEST_SHOWN, into=found)
    return verdict, found[0] if found and not refused(verdict) else None


def refused(verdict: Iterable[tuple[str, ...]]) -> bool:
    """Whether a verdict has an error: (message,), where a warning is (message, "warning")."""
    return any(len(problem) == 1 for problem in verdict)


def _verdict(
    path: Path,
    name: str,
    kept: store.Store | None,
    kept_only: bool = False,
    side: int | None = 1,
    into: list[Image.Image] | None = None,
) -> list[tuple[str, ...]] | None:
    """The problems with one photo file; with `kept_only`, None where that needs decoding it (no verdict kept).

    It is decoded at the smallest scale covering `side` pixels (None: not at all, and then the
    verdict is not kept), and put `into` the list given.
    """
    if path.is_symlink() or not path.is_file():
        folder = f"{path.parent.parent.name}/{path.parent.name}/"  # the programme's own: mentors/photos/ by default
        return [(f"There is no file '{name}' in {folder}: upload it there, or remove the 'photo' line.",)]
    size = path.stat().st_size
    if size > MAX_BYTES:
        return [
            (
                f"'{name}' is {size // 1024} KB; the most is {MAX_BYTES // 1024} KB. Save a smaller copy "
                "(about 800 pixels wide).",
            )
        ]
    try:
        data = path.read_bytes()
    except OSError:
        return [(f"'{name}' is damaged or cut short and cannot be shown: {_EXPORT}.",)]
    key = hashlib.sha256(f"{name}\0".encode() + data).hexdigest() if kept is not None and side is not None else ""
    if key and (known := _recall(kept.get(key))) is not None:
        return known
    if kept_only:
        return None
    verdict = _judged(data, name, side, into)
    if key:
        kept.put(key, json.dumps(verdict, ensure_ascii=False).encode("utf-8"))
    return verdict


def _judged(data: bytes, name: str, side: int | None, into: list[Image.Image] | None) -> list[tuple[str, ...]]:
    try:
        return list(_decoded(io.BytesIO(data), name, side, into))
    except UnidentifiedImageError:
        return [(f"'{name}' is not a JPEG, PNG or WebP image that can be opened: {_EXPORT}.",)]
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        bomb = f"'{name}' claims to be far bigger than a photo can be ({_LIMIT}): {_EXPORT}, about 800 pixels wide."
        return [(bomb,)]
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError):
        # Pillow says OSError for truncated or corrupt data, and the rest for odd headers.
        return [(f"'{name}' is damaged or cut short and cannot be shown: {_EXPORT}.",)]


def opened(path: Path) -> Image.Image:
    """A photo file opened as a check opens it: one of the FORMATS, within the limits (else ValueError).

    For the site's copies of a photo whose check may still be under way: no other decoder and
    no larger image than the check allows ever meets a contributor's bytes.
    """
    image = Image.open(path, formats=list(FORMATS))
    if not _within(*image.size):
        image.close()
        raise ValueError(f"{path.name} is larger than a photo may be")
    return image


def _within(width: int, height: int) -> bool:
    return 1 <= width and 1 <= height and max(width, height) <= MAX_SIDE and width * height <= MAX_PIXELS


def decode(image: Image.Image, side: int = LARGEST_SHOWN) -> Image.Image:
    """The photo upright, in RGB, as the site's copies are made from it.

    A JPEG is decoded at the smallest scale that still covers `side` pixels: every byte of the
    file is still read and entropy-decoded (a file cut short or corrupt fails at any scale; only
    the last inverse transform is made smaller), at a fraction of the cost of full size.
    """
    image.draft("RGB", (side, side))
    # In place, and no conversion where it is RGB already: each copy of the pixels would cost a
    # quarter of the decode's time.
    ImageOps.exif_transpose(image, in_place=True)  # decodes it first
    return image if image.mode == "RGB" else image.convert("RGB")


def _recall(body: bytes | None) -> list[tuple[str, ...]] | None:
    """A verdict kept earlier, or None if there is none or it is not of a verdict's shape."""
    if body is None:
        return None
    try:
        verdict = json.loads(body)
    except ValueError:
        return None
    ok = isinstance(verdict, list) and all(
        isinstance(item, list) and item and all(isinstance(part, str) for part in item) for item in verdict
    )
    return [tuple(item) for item in verdict] if ok else None


def _decoded(
    source: io.BytesIO, name: str, side: int | None = 1, into: list[Image.Image] | None = None
) -> Iterator[tuple[str, ...]]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        # Only the three formats are parsed at all: no other decoder ever sees a contributor's bytes.
        with Image.open(source, formats=list(FORMATS)) as image:
            width, height = image.size
            if not _within(width, height):
                yield (
                    f"'{name}' is {width} × {height} pixels; the most is {_LIMIT}. "
                    "Save a smaller copy (about 800 pixels wide).",
                )
                return
            gps = image.getexif().get_ifd(_GPS_IFD)
            # Decode the whole file now, as the build will: a file cut short fails here, not there.
            # The smallest scale (side 1) is enough to see that, in half the time of the build's;
            # an encoding that checks its photo too decodes it at its own scale (`decoded`).
            if side is not None:
                upright = decode(image, side)
                if into is not None:
                    into.append(upright)
    if gps:
        yield (
            f"'{name}' holds the place it was taken (GPS data). The site's copies leave it out, but the "
            "file you upload stays public in the repository: remove the location (for example "
            f"'exiftool -gps:all= {name}', or export the photo again without location) and upload it again.",
            "warning",
        )
