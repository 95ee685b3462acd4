"""scripts/screenshots.py on the sample site: the README's pictures, at the sizes it promises."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from PIL import Image

from .support import ROOT

SCRIPT = ROOT / "scripts" / "screenshots.py"
_spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
screenshots = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(screenshots)

EXPECTED = {  # what an administrator sees in the README: three pages, on a laptop and a phone
    f"{page}-{screen}.png": size
    for page in ("home", "find-a-mentor", "profile")
    for screen, size in {"desktop": (1280, 800), "phone": (390, 844)}.items()
}


def test_the_script_writes_each_page_at_laptop_and_phone_size(browser, site_dir: Path, site_url: str, tmp_path) -> None:
    written = screenshots.capture(browser, site_url, site_dir, tmp_path)
    assert sorted(p.name for p in written) == sorted(EXPECTED)
    total = 0
    for png in written:
        with Image.open(png) as image:
            assert image.format == "PNG" and image.size == EXPECTED[png.name], png.name
            colours = image.convert("RGB").getcolors(maxcolors=256)
            assert colours is not None and len(colours) > 16, f"{png.name} looks blank"
        total += png.stat().st_size
    assert total < 600_000, f"{total} bytes: the README's pictures should stay small"


def test_the_readme_shows_the_committed_screenshots() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"\(\.github/screenshots/([^)]+\.png)\)", readme)
    assert sorted(shown) == sorted(EXPECTED)
    for name, size in EXPECTED.items():
        with Image.open(screenshots.OUT / name) as image:
            assert image.size == size, name
    assert "python scripts/screenshots.py" in readme
