"""The engine's sitemap.xml, edited as XML: the generated pages added, the layout page left out."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_URL, _LOC = f"{{{NS}}}url", f"{{{NS}}}loc"


def rewrite(text: str, drop: str, add: list[str]) -> str:
    """`text` without the URLs that start with `drop`, and with each URL of `add` it lacks, in order."""
    ET.register_namespace("", NS)
    root = ET.fromstring(text)
    for url in list(root.iter(_URL)):
        if (url.findtext(_LOC) or "").strip().startswith(drop):
            root.remove(url)
    present = {(url.findtext(_LOC) or "").strip() for url in root.iter(_URL)}
    for loc in add:
        if loc not in present:
            ET.SubElement(ET.SubElement(root, _URL), _LOC).text = loc
            present.add(loc)
    ET.indent(root, "    ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def update(site: Path, site_url: str, drop: str, paths: list[str]) -> None:
    """Rewrite site/sitemap.xml and its gzip copy (dated 0, so builds stay byte for byte the same)."""
    sitemap = site / "sitemap.xml"
    if not sitemap.exists() or not site_url:
        return
    text = rewrite(sitemap.read_text("utf-8"), site_url + drop, [site_url + path for path in paths])
    sitemap.write_text(text, encoding="utf-8")
    with open(site / "sitemap.xml.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(text.encode("utf-8"))
