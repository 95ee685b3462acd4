"""A mentor's photo checked at check time, by decoding it, so that whatever passes also builds.

The limits: at most MAX_BYTES on disk, MAX_SIDE pixels a side and MAX_PIXELS in all. A phone
photo is about 12 megapixels; a 300 KB file declaring more is a trick, not a portrait.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

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


def unused(paths: list[Path]) -> list[Problem]:
    """Problems with the files in each profiles folder's photos/ that no profile there names: checked all the same."""
    found = []
    for folder in (p for p in paths if p.is_dir() and (p / "photos").is_dir()):
        named = set()
        for profile in folder.glob("*.yml"):
            try:
                named.update(_PHOTO_LINE.findall(profile.read_text(encoding="utf-8", errors="replace")))
            except OSError:
                continue
        for path in sorted((folder / "photos").iterdir()):
            if path.name not in named and not path.name.startswith("."):
                found += [
                    Problem(str(path), 1, 1, *(severity or ["error"]), message)
                    for message, *severity in problems(path, path.name)
                ]
    return found


def problems(path: Path, name: str) -> Iterator[tuple[str, ...]]:
    """Yield (message,) for each error and (message, 'warning') for each warning about one photo file."""
    if path.is_symlink() or not path.is_file():
        folder = f"{path.parent.parent.name}/{path.parent.name}/"  # the programme's own: mentors/photos/ by default
        yield (f"There is no file '{name}' in {folder}: upload it there, or remove the 'photo' line.",)
        return
    size = path.stat().st_size
    if size > MAX_BYTES:
        yield (
            f"'{name}' is {size // 1024} KB; the most is {MAX_BYTES // 1024} KB. Save a smaller copy "
            "(about 800 pixels wide).",
        )
        return
    try:
        yield from _decoded(path, name)
    except UnidentifiedImageError:
        yield (f"'{name}' is not a JPEG, PNG or WebP image that can be opened: {_EXPORT}.",)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        yield (f"'{name}' claims to be far bigger than a photo can be ({_LIMIT}): {_EXPORT}, about 800 pixels wide.",)
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError):
        # Pillow says OSError for truncated or corrupt data, and the rest for odd headers.
        yield (f"'{name}' is damaged or cut short and cannot be shown: {_EXPORT}.",)


def decode(image: Image.Image) -> Image.Image:
    """The photo upright, in RGB, as the site's copies are made from it.

    A JPEG is decoded at the smallest scale that still covers LARGEST_SHOWN: every byte of the
    file is still read (a file cut short fails), at a fraction of the cost of full size.
    """
    image.draft("RGB", (LARGEST_SHOWN, LARGEST_SHOWN))
    return ImageOps.exif_transpose(image).convert("RGB")


def _decoded(path: Path, name: str) -> Iterator[tuple[str, ...]]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        # Only the three formats are parsed at all: no other decoder ever sees a contributor's bytes.
        with Image.open(path, formats=list(FORMATS)) as image:
            width, height = image.size
            if width < 1 or height < 1 or max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
                yield (
                    f"'{name}' is {width} × {height} pixels; the most is {_LIMIT}. "
                    "Save a smaller copy (about 800 pixels wide).",
                )
                return
            gps = image.getexif().get_ifd(_GPS_IFD)
            # Decode the whole file now, as the build will: a file cut short fails here, not there.
            decode(image)
    if gps:
        yield (
            f"'{name}' holds the place it was taken (GPS data). The site's copies leave it out, but the "
            "file you upload stays public in the repository: remove the location (for example "
            f"'exiftool -gps:all= {name}', or export the photo again without location) and upload it again.",
            "warning",
        )
