"""The sitemap a search engine reads: every generated page once, the layout page never, valid XML."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.plugin import sitemap

ENGINE_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url>
         <loc>https://mentors.example.org/</loc>
         <lastmod>2026-11-18</lastmod>
    </url>
    <url>
         <loc>https://mentors.example.org/mentors/</loc>
    </url>
    <url>
         <loc>https://mentors.example.org/mentors/_shell/</loc>
    </url>
</urlset>
"""
SITE = "https://mentors.example.org/"


def locs(text: str) -> list[str]:
    return [loc.text for loc in ET.fromstring(text).iter(f"{{{sitemap.NS}}}loc")]


@pytest.mark.parametrize(
    "add, expected",
    [
        ([], [SITE, SITE + "mentors/"]),
        ([SITE + "mentors/ada-okafor/"], [SITE, SITE + "mentors/", SITE + "mentors/ada-okafor/"]),
        ([SITE + "mentors/", SITE + "topics/a/", SITE + "topics/a/"], [SITE, SITE + "mentors/", SITE + "topics/a/"]),
        ([SITE + "mentors/x/?a=1&b=2"], [SITE, SITE + "mentors/", SITE + "mentors/x/?a=1&b=2"]),
    ],
    ids=["layout page dropped", "generated page added", "each page once", "ampersand escaped"],
)
def test_rewrite(add: list[str], expected: list[str]) -> None:
    assert locs(sitemap.rewrite(ENGINE_SITEMAP, SITE + "mentors/_shell/", add)) == expected


def test_engine_entries_keep_their_dates() -> None:
    root = ET.fromstring(sitemap.rewrite(ENGINE_SITEMAP, SITE + "mentors/_shell/", []))
    assert [u.findtext(f"{{{sitemap.NS}}}lastmod") for u in root] == ["2026-11-18", None]
    assert root.tag == f"{{{sitemap.NS}}}urlset" and "ns0:" not in sitemap.rewrite(ENGINE_SITEMAP, "x", [])


def test_update_writes_both_files_the_same_every_time(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text(ENGINE_SITEMAP, encoding="utf-8")
    sitemap.update(tmp_path, SITE, "mentors/_shell/", ["mentors/ada-okafor/"])
    first = (tmp_path / "sitemap.xml.gz").read_bytes()
    text = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress(first).decode("utf-8") == text
    assert locs(text)[-1] == SITE + "mentors/ada-okafor/"
    (tmp_path / "sitemap.xml").write_text(ENGINE_SITEMAP, encoding="utf-8")
    sitemap.update(tmp_path, SITE, "mentors/_shell/", ["mentors/ada-okafor/"])
    assert (tmp_path / "sitemap.xml.gz").read_bytes() == first


def test_no_site_url_leaves_the_sitemap_alone(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text(ENGINE_SITEMAP, encoding="utf-8")
    sitemap.update(tmp_path, "", "mentors/_shell/", ["mentors/ada-okafor/"])
    assert (tmp_path / "sitemap.xml").read_text(encoding="utf-8") == ENGINE_SITEMAP


def test_built_site_lists_every_mentor_page_once(build_site, tmp_path: Path) -> None:
    site = build_site(tmp_path / "project")
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    found = locs(text)
    base = "https://example-org.github.io/mentor-directory/"
    mentors = sorted(p.parent.name for p in (site / "mentors").glob("*/index.html") if p.parent.name != "_shell")
    assert mentors and {base + f"mentors/{slug}/" for slug in mentors} <= set(found)
    assert base + "mentors/" in found and base in found
    assert len(found) == len(set(found)) and not [u for u in found if "_shell" in u]
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == text
