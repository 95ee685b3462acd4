"""Screenshots of the site for the README: what a programme gets, on a laptop and on a phone.

    python scripts/screenshots.py [--config mkdocs.yml] [--out .github/screenshots]

Builds the site from `mkdocs.yml` (the sample profiles and guidance, or your own) into a
temporary folder, serves it on 127.0.0.1, opens the home page, Find a mentor and a profile in
headless Chromium (Debian's, or the one MENTOR_DIRECTORY_CHROMIUM names, else Playwright's
own) at 1280×800 and 390×844, and writes one PNG of each screen, reduced to 256 colours.
Needs the test dependencies (`pip install -e ".[test]"`). Nothing is fetched from another host.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / ".github" / "screenshots"
SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
READY = "window.mentorDirectorySearch && window.mentorDirectorySearch.ready"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def pages(site: Path) -> dict[str, str]:
    """name -> path of the pages to show: home, Find a mentor, and a profile (the first with a photo)."""
    profiles = sorted((site / "mentors").glob("*/index.html"))
    with_photo = [p for p in profiles if '<img class="mdir-avatar' in p.read_text(encoding="utf-8")]
    chosen = {"home": "", "find-a-mentor": "mentors/"}
    if with_photo or profiles:
        chosen["profile"] = f"mentors/{(with_photo or profiles)[0].parent.name}/"
    return chosen


def build(config: Path, site: Path) -> Path:
    """Build the site with the engine, as `mkdocs build --strict` does; stop with its output if it fails."""
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"error: the site did not build:\n{done.stdout}{done.stderr}")
    return site


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The folder on a free port of 127.0.0.1, for as long as the block runs."""
    handler = functools.partial(
        type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *args: None}),
        directory=str(site),
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _local_only(route) -> None:
    host = urlsplit(route.request.url).hostname or ""
    if host == "127.0.0.1" or route.request.url.startswith("data:"):
        route.continue_()
    else:
        route.abort("blockedbyclient")


def capture(browser, url: str, site: Path, out: Path) -> list[Path]:
    """One PNG per page and screen size in `out` (written as `<page>-<screen>.png`); their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for screen, size in SCREENS.items():
        context = browser.new_context(viewport=size, color_scheme="light", locale="en-GB", service_workers="block")
        context.route("**/*", _local_only)
        page = context.new_page()
        for name, path in pages(site).items():
            page.goto(url + path)
            if path == "mentors/":
                page.wait_for_function(READY)
            page.evaluate("document.fonts.ready")
            target = out / f"{name}-{screen}.png"
            page.screenshot(path=str(target))
            _shrink(target)
            written.append(target)
        context.close()
    return written


def _shrink(png: Path) -> None:
    """256 colours, losslessly compressed: about a fifth of the bytes, and text stays sharp."""
    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(png, optimize=True)


def launch(playwright):
    """Debian's Chromium, or the one MENTOR_DIRECTORY_CHROMIUM names, else Playwright's own."""
    debian = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    path = os.environ.get("MENTOR_DIRECTORY_CHROMIUM") or debian
    return playwright.chromium.launch(headless=True, executable_path=path, args=CHROMIUM_ARGS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="the site's mkdocs.yml")
    parser.add_argument("--out", type=Path, default=OUT, help="where the PNGs go (default: .github/screenshots)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        site = build(args.config.resolve(), Path(tmp) / "site")
        browser = launch(playwright)
        with served(site) as url:
            written = capture(browser, url, site, args.out)
        browser.close()
    for png in written:
        print(f"{png}: {png.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
