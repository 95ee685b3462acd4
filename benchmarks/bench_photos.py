"""Bytes, quality and encoding time of a mentor photo in each candidate size, format and setting.

    python benchmarks/bench_photos.py [PHOTO ...]

By default it measures the photographs in benchmarks/photographs (a portrait, and three others
with texture, night sky and fine lines: see SOURCES.md there). The sample
photos in mentors/photos are flat illustrations, which every encoder keeps small: they flatter
the fast settings. The synthetic build benchmark's photos are noise, which no encoder keeps well.

Two tables: each format and setting at each size, its quality the PSNR of the luma against the
same crop resized without compression (higher is better; above about 40 dB differences are
hard to see at these sizes); and each way of resizing to the profile page's size from the
half-scale decode the site uses, encoded as the site encodes it, against the photo resized
from full size with Lanczos. Times are medians of 5 runs.
"""

from __future__ import annotations

import io
import math
import statistics
import sys
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageOps, ImageStat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.profiles import photocheck  # noqa: E402
from generator.site import photos  # noqa: E402

PHOTOGRAPHS = Path(__file__).resolve().parent / "photographs"
CANDIDATES = (
    [("WEBP", {"quality": q, "method": m}) for q in (70, 80, 90) for m in (0, 2, 4)]
    + [("JPEG", {"quality": q}) for q in (70, 75, 80, 85, 90)]
    + [("JPEG", {"quality": 80, "optimize": True}), ("JPEG", {"quality": 80, "progressive": True})]
    + [("JPEG", {"quality": q, "optimize": True, "progressive": True}) for q in (75, 85)]
    + [("AVIF", {"quality": q, "speed": 8}) for q in (50, 60)]
)
SIDES = (160, 320, 480)


def psnr(a: Image.Image, b: Image.Image) -> float:
    rms = ImageStat.Stat(ImageChops.difference(a.convert("L"), b.convert("L"))).rms[0]
    return 99.0 if rms == 0 else 20 * math.log10(255 / rms)


def measure(reference: Image.Image, fmt: str, options: dict) -> tuple[int, float, float]:
    times, data = [], b""
    for _ in range(5):
        buffer = io.BytesIO()
        start = time.perf_counter()
        reference.save(buffer, fmt, **options)
        times.append(time.perf_counter() - start)
        data = buffer.getvalue()
    with Image.open(io.BytesIO(data)) as decoded:
        return len(data), psnr(reference, decoded.convert("RGB")), statistics.median(times) * 1000


def sources(args: list[str]) -> list[Path]:
    return [Path(a) for a in args] or sorted(PHOTOGRAPHS.glob("*.jpg"))


def resizing(paths: list[Path]) -> None:
    """Each resampling filter from the site's half-scale decode to the page size, then encoded as the site does."""
    side, (fmt, options) = photos.SIZES["page"], photos.ENCODINGS["page"]
    settings = ", ".join(f"{name} {value}" for name, value in options.items())
    print(f"\n| resize to {side} px ({fmt}, {settings}) | resize (ms) | bytes | PSNR (dB) |")
    print("|---|---|---|---|")
    for name in ("LANCZOS", "BICUBIC", "HAMMING", "BILINEAR"):
        rows = []
        for path in paths:
            with Image.open(path) as full:
                upright = ImageOps.exif_transpose(full).convert("RGB")
            reference = ImageOps.fit(upright, (side, side), Image.Resampling.LANCZOS)
            with Image.open(path) as image:
                half = photocheck.decode(image, side)
            times = []
            for _ in range(5):
                start = time.perf_counter()
                resized = ImageOps.fit(half, (side, side), Image.Resampling[name])
                times.append(time.perf_counter() - start)
            data = photos.encoded(resized, "page")
            with Image.open(io.BytesIO(data)) as decoded:
                rows.append((statistics.median(times) * 1000, len(data), psnr(reference, decoded.convert("RGB"))))
        ms, size, quality = (statistics.median(r[i] for r in rows) for i in range(3))
        print(f"| {name.lower()} | {ms:.2f} | {size / 1024:.1f} KB | {quality:.2f} |", flush=True)


def main() -> None:
    paths = sources(sys.argv[1:])
    images = [ImageOps.exif_transpose(Image.open(p)).convert("RGB") for p in paths]
    print(f"{len(images)} photos; medians over them")
    print("| side | format | settings | bytes | PSNR (dB) | encode (ms) |")
    print("|---|---|---|---|---|---|")
    for side in SIDES:
        references = [ImageOps.fit(im, (side, side), Image.Resampling.LANCZOS) for im in images]
        for fmt, options in CANDIDATES:
            results = [measure(ref, fmt, options) for ref in references]
            size, quality, ms = (statistics.median(r[i] for r in results) for i in range(3))
            settings = ", ".join(f"{k}={v}" for k, v in options.items())
            print(f"| {side} | {fmt} | {settings} | {size / 1024:.1f} KB | {quality:.1f} | {ms:.1f} |", flush=True)
    resizing(paths)


if __name__ == "__main__":
    main()
