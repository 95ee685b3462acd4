"""Photo files as people upload them, and as a hostile contributor crafts them."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def png_declaring(width: int, height: int, pixels: bytes = b"\0" * 64) -> bytes:
    """A small PNG whose header claims width × height pixels, with far too little data for them."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b"")


def jpeg_magic_only() -> bytes:
    """30 bytes that start like a JPEG and are nothing else."""
    return b"\xff\xd8\xff\xe0" + b"\0" * 26


def photo(width: int = 800, height: int = 800, fmt: str = "JPEG", gps: bool = False, quality: int = 85) -> bytes:
    """A real photo-like image (a gradient with noise, which compresses like a photo)."""
    image = Image.effect_noise((width, height), 40).convert("RGB")
    image = Image.blend(image, Image.linear_gradient("L").resize((width, height)).convert("RGB"), 0.5)
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    out = io.BytesIO()
    options = {"quality": quality} if fmt in ("JPEG", "WEBP") else {}
    image.save(out, fmt, exif=exif, **options)
    return out.getvalue()
