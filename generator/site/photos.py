"""Mentor photos, resized and re-encoded at build time with every byte of metadata left behind."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

SIZES = {"card": 160, "page": 480}
OUT_DIR = "assets/photos"


@dataclass(frozen=True)
class Photo:
    """Where a mentor's photo will be published, in each size."""

    source: Path
    stem: str  # slug plus a hash of the source, so a changed photo gets a new URL

    def path(self, size: str) -> str:
        return f"{OUT_DIR}/{self.stem}-{SIZES[size]}.webp"


def plan(slug: str, source: Path) -> Photo:
    """Name the published files after the slug and the photo's content."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:10]
    return Photo(source, f"{slug}-{digest}")


def encode(photo: Photo) -> dict[str, bytes]:
    """Each size as WebP bytes: square-cropped, orientation applied, no EXIF, GPS or ICC data."""
    with Image.open(photo.source) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        out = {}
        for size in SIZES:
            square = ImageOps.fit(image, (SIZES[size], SIZES[size]), Image.Resampling.LANCZOS)
            # A fresh image holds only pixels: nothing of the original's metadata can follow.
            clean = Image.new("RGB", square.size)
            clean.paste(square)
            buffer = io.BytesIO()
            clean.save(buffer, "WEBP", quality=80, method=4)
            out[photo.path(size)] = buffer.getvalue()
    return out
