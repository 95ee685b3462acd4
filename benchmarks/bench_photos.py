"""Bytes, quality and encoding time of a mentor photo in each candidate size, format and setting.

    python benchmarks/bench_photos.py [PHOTO ...]

By default it measures the sample photos in mentors/photos (photographs: the synthetic
benchmark photos are noise, which no encoder keeps well). Quality is
the PSNR of the luma against the same crop resized without compression (higher is better;
above about 40 dB differences are hard to see at these sizes). Times are medians of 5 encodes.
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
CANDIDATES = (
    [("WEBP", {"quality": q, "method": m}) for q in (70, 80, 90) for m in (0, 4)]
    + [("JPEG", {"quality": q}) for q in (70, 75, 80, 85, 90)]
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


def sources(args: list[str]) -> list[Image.Image]:
    paths = [Path(a) for a in args] or sorted((ROOT / "mentors" / "photos").iterdir())
    return [ImageOps.exif_transpose(Image.open(p)).convert("RGB") for p in paths]


def main() -> None:
    images = sources(sys.argv[1:])
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


if __name__ == "__main__":
    main()
