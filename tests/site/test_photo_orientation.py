"""A photo taken with the phone held upright is published upright, whatever way its pixels are stored."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from generator.site import photos

RED, BLUE = (220, 30, 30), (30, 30, 220)
_ORIENTATION = 0x0112


def sideways(orientation: int | None) -> bytes:
    """An 800×400 JPEG, red above blue, as a phone stores a portrait: its pixels turned, an EXIF tag saying how."""
    image = Image.new("RGB", (800, 400), BLUE)
    image.paste(RED, (0, 0, 800, 200))
    exif = Image.Exif()
    if orientation is not None:
        exif[_ORIENTATION] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def colour(image: Image.Image, x: float, y: float) -> tuple[int, ...]:
    return image.getpixel((int(x * image.width), int(y * image.height)))


def near(found: tuple[int, ...], wanted: tuple[int, int, int]) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(found, wanted, strict=True))


@pytest.mark.parametrize(
    ("orientation", "left", "right"),
    [
        (6, BLUE, RED),  # turned a quarter clockwise to be seen: red, the stored top, ends on the right
        (8, RED, BLUE),  # a quarter the other way: red ends on the left
    ],
)
def test_a_phone_portrait_is_published_upright_in_every_size(tmp_path: Path, orientation, left, right) -> None:
    source = tmp_path / "portrait.jpg"
    source.write_bytes(sideways(orientation))
    files = photos.encode(photos.plan(source))
    assert len(files) == len(photos.SIZES)
    for data in files.values():
        with Image.open(io.BytesIO(data)) as image:
            # Upright it is 400 wide and 800 tall: its square is the middle, half one colour, half the other.
            assert near(colour(image, 0.15, 0.5), left) and near(colour(image, 0.85, 0.5), right)
            assert near(colour(image, 0.15, 0.1), left) and near(colour(image, 0.85, 0.9), right)
            assert _ORIENTATION not in image.getexif()  # nothing left to turn it again


def test_a_photo_without_an_orientation_is_published_as_stored(tmp_path: Path) -> None:
    source = tmp_path / "landscape.jpg"
    source.write_bytes(sideways(None))
    for data in photos.encode(photos.plan(source)).values():
        with Image.open(io.BytesIO(data)) as image:
            # The middle square of the 800×400 picture: red above, blue below.
            assert near(colour(image, 0.5, 0.15), RED) and near(colour(image, 0.5, 0.85), BLUE)
