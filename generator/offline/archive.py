"""Reading offline: the downloadable copy (a reproducible zip) and the hosted site's service worker.

Nothing here knows MkDocs: the plugin and the command line pass in folders, page URLs and dates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import posixpath
import re
import subprocess
import sys
import zipfile
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from ..site.render import long_date

ZIP_URL = "offline/mentor-directory-offline.zip"  # where the hosted site offers the copy
SERVICE_WORKER = "sw.js"
MENTOR_MAX_AGE = 24 * 60 * 60  # seconds: the oldest copy of a page outside the guidance shown offline
MAX_RECENT = 40  # pages outside the guidance (profiles, the directory data) a device keeps at most
_STORED = {".gz", ".jpg", ".jpeg", ".png", ".webp", ".woff", ".woff2", ".zip"}  # compressed already
# Lets Material's search run from file://, served from the site in place of the unpkg.com copy
# Material's offline plugin would add (generator/site/assets/vendor/README.md).
IFRAME_WORKER = "assets/mentor-directory/vendor/iframe-worker-1.0.4.shim.js"
_ONE_STEP = "'mentor-directory offline-zip OUT.zip'"  # builds the offline copy and zips it
_SUBRESOURCE = re.compile(r"<(?:script|link|img|source)\b[^>]*?\s(?:src|href)=\"([^\"]+)\"")


# -- the downloadable copy ----------------------------------------------------------------


def folder_name(day: dt.date) -> str:
    """The folder inside the zip: 'mentor-directory-offline-2026-11-18'."""
    return f"mentor-directory-offline-{day.isoformat()}"


def readme(site_name: str, day: dt.date, site_url: str = "") -> str:
    """The README.txt at the top of the zip, with the build date."""
    newest = f" For the newest profiles, visit {site_url}" if site_url else ""
    return (
        f"Offline copy of {site_name}, built {long_date(day)}. Open index.html.\n\n"
        f"The pages are in the folder {folder_name(day)}: open its index.html in a web browser.\n"
        f"No internet connection is needed. Mentors' details change over time.{newest}\n"
    )


def polyfills(current: list[str]) -> list[str]:
    """The theme's polyfills for the offline copy: the iframe-worker shim from the site, not from another host."""
    return [url for url in current if "iframe-worker" not in url] + [IFRAME_WORKER]


def build_copy(config: Path, site: Path, day: dt.date) -> None:
    """Build the offline copy of the site `config` describes into `site`, dated `day`.

    MkDocs runs in its own process with OFFLINE=true, which turns on Material's offline plugin.
    """
    epoch = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()
    env = {**os.environ, "OFFLINE": "true", "SOURCE_DATE_EPOCH": str(int(epoch))}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)]
    done = subprocess.run(command, env=env, check=False)  # its messages go to the terminal as they come
    if done.returncode != 0:
        raise ValueError(f"the offline copy did not build (mkdocs build --strict exited {done.returncode}): see above")


def write_zip(site: Path, out: Path, site_name: str, day: dt.date, site_url: str = "") -> int:
    """Zip an offline build into `out`, the same bytes for the same build; return the number of files."""
    if not (site / "index.html").is_file():
        raise ValueError(f"{site} has no index.html: build the offline copy first, or let {_ONE_STEP} do both")
    if (site / SERVICE_WORKER).exists():
        raise ValueError(f"{site} is the hosted site ({SERVICE_WORKER} is there): use {_ONE_STEP}")
    part = out.with_name(out.name + ".part")
    skip = {out.resolve(), part.resolve()}
    files = sorted(
        (p.relative_to(site).as_posix(), p) for p in site.rglob("*") if p.is_file() and p.resolve() not in skip
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(part, "w") as archive:
        _add(archive, "README.txt", readme(site_name, day, site_url).encode("utf-8"), day)
        for name, path in files:
            _add(archive, f"{folder_name(day)}/{name}", path.read_bytes(), day)
    part.replace(out)
    return len(files)


def _add(archive: zipfile.ZipFile, name: str, data: bytes, day: dt.date) -> None:
    # Fixed time, owner and permissions: the zip depends only on the files and the build date.
    info = zipfile.ZipInfo(name, date_time=(day.year, day.month, day.day, 0, 0, 0))
    info.create_system = 3  # Unix, so the permissions below are read
    info.external_attr = 0o100644 << 16
    stored = posixpath.splitext(name)[1].lower() in _STORED
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    archive.writestr(info, data, compresslevel=None if stored else 9)


# -- links and notices on the site --------------------------------------------------------


def template_values(offline_build: bool, day: dt.date, service_worker: bool = True) -> dict[str, str]:
    """What the page templates show: the zip link (and service worker) online, the build date in both."""
    if offline_build:
        return {"built": long_date(day)}
    return {"built": long_date(day), "zip": ZIP_URL} | ({"service_worker": SERVICE_WORKER} if service_worker else {})


def notice(offline_build: bool, day: dt.date, prefix: str, site_url: str = "") -> str:
    """One line of HTML for a guidance page: the download link online, the copy's date offline."""
    if not offline_build:
        return (
            f'<span class="mdir-offline">Read offline: <a href="{prefix}{ZIP_URL}" download>download the guidance '
            f"and directory</a> (zip, built {long_date(day)}).</span>"
        )
    newest = f' For the newest profiles, visit <a href="{escape(site_url)}">the site</a>.' if site_url else ""
    return f'<span class="mdir-offline">This is an offline copy, built {long_date(day)}.{newest}</span>'


# -- the service worker -------------------------------------------------------------------


def page_file(url: str) -> str:
    """The file in the site for a page URL: '' -> 'index.html', 'guide/x/' -> 'guide/x/index.html'."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def assets_of(site: Path, pages: list[str]) -> list[str]:
    """Files in the site that these pages load (styles, scripts, images), and Material's search."""
    found: set[str] = set()
    for url in pages:
        where = posixpath.dirname(page_file(url))
        for ref in _SUBRESOURCE.findall((site / page_file(url)).read_text(encoding="utf-8")):
            parts = urlsplit(ref)
            if parts.scheme or ref.startswith("//") or not parts.path:
                continue
            path = posixpath.normpath(posixpath.join(where, parts.path))
            if not path.startswith("..") and not path.endswith(".html") and (site / path).is_file():
                found.add(path)
    found.update(p.relative_to(site).as_posix() for p in site.glob("assets/javascripts/workers/*.js"))
    found.update(p.relative_to(site).as_posix() for p in site.glob("assets/mentor-directory/layout-*"))
    return sorted(found)


def service_worker(site: Path, pages: list[str]) -> str:
    """The text of sw.js for a built site whose guidance pages are `pages` (URLs relative to the root)."""
    assets = assets_of(site, pages)
    pages = sorted(pages) + (["search/search_index.json"] if (site / "search" / "search_index.json").is_file() else [])
    digest = hashlib.sha256()
    for url in pages + assets:
        digest.update(url.encode("utf-8") + b"\0" + (site / page_file(url)).read_bytes() + b"\0")
    values = {
        "VERSION": json.dumps(f"mentor-directory-{digest.hexdigest()[:16]}"),
        "PAGES": json.dumps(pages, indent=2),
        "ASSETS": json.dumps(assets, indent=2),
        "MAX_AGE": str(MENTOR_MAX_AGE),
        "MAX_RECENT": str(MAX_RECENT),
    }
    template = (Path(__file__).parent / "templates" / "sw.js").read_text(encoding="utf-8")
    return re.sub(r"@(VERSION|PAGES|ASSETS|MAX_AGE|MAX_RECENT)@", lambda m: values[m.group(1)], template)
