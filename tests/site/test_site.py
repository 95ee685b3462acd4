"""The built site: the pages a student opens, what they hold, and what hostile profiles cannot do."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from generator.offline import archive as offline
from tests.helpers import ROOT, parse

FIXTURE = (ROOT / "tests" / "fixtures" / "profiles" / "ada-okafor.yml").read_text(encoding="utf-8")


def profile(**changes: str) -> str:
    """The fixture profile (without its photo) with some lines replaced: profile(city="city: Oslo")."""
    text = FIXTURE.replace("photo: ada-okafor.png\n", "")
    for key, line in changes.items():
        text = re.sub(rf"(?m)^{key}:.*$", lambda _m, line=line: line, text)
    return text


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory, request) -> Path:
    """The sample site, built once for this module."""
    monkeypatch = pytest.MonkeyPatch()
    request.addfinalizer(monkeypatch.undo)
    from tests.helpers import FIXED_EPOCH, copy_project

    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = copy_project(tmp_path_factory.mktemp("sample"))
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True))
    return project / "site"


def sample_profiles() -> dict[str, dict]:
    return {
        p.stem: yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        for p in sorted((ROOT / "mentors").glob("[!_]*.yml"))
    }


def test_every_sample_mentor_has_a_page_with_name_and_headline(sample_site: Path) -> None:
    for slug, data in sample_profiles().items():
        page = sample_site / "mentors" / slug / "index.html"
        html = page.read_text(encoding="utf-8")
        text = "".join(parse(page).text)
        assert data["name"] in text and data["headline"] in text, slug
        assert f"<title>{escape(data['name'])} - " in html


def escape(text: str) -> str:
    from html import escape as html_escape

    return html_escape(text)


def test_directory_lists_every_mentor_available_first_paused_last(sample_site: Path) -> None:
    html = (sample_site / "mentors" / "index.html").read_text(encoding="utf-8")
    html = html.split('id="mdir-results"', 1)[1]  # the list, not the script's blank card
    statuses = re.findall(r'<li class="mdir-card" data-status="(\w+)">', html)
    assert len(statuses) == len(sample_profiles())
    order = {"open": 0, "limited": 1, "paused": 2}
    assert [order[s] for s in statuses] == sorted(order[s] for s in statuses)
    assert statuses[-1] == "paused" and statuses[0] == "open"


def test_links_between_generated_pages_resolve(sample_site: Path) -> None:
    pages = [sample_site / "mentors" / "index.html", *sorted((sample_site / "mentors").glob("*/index.html"))]
    pages += sorted(sample_site.glob("topics/*/index.html")) + sorted(sample_site.glob("countries/*/index.html"))
    for page in pages:
        for url in parse(page).urls:
            if url.startswith(("http", "mailto:", "#", "data:")) or url.endswith(offline.ZIP_URL):
                continue  # the offline zip is written after the build, by the deploy workflow
            target = (page.parent / urlsplit(url).path).resolve()
            if target.is_dir():
                target /= "index.html"
            assert target.exists(), f"{page.relative_to(sample_site)} links to missing {url}"


def test_profile_links_to_browse_pages_that_list_the_mentor(sample_site: Path) -> None:
    page = sample_site / "mentors" / "wanjiru-kamau" / "index.html"
    data = sample_profiles()["wanjiru-kamau"]
    urls = parse(page).urls
    for topic in data["topics"]:
        assert f"../../topics/{topic}/" in urls
        assert "wanjiru-kamau" in (sample_site / "topics" / topic / "index.html").read_text(encoding="utf-8")
    assert f"../../countries/{data['country'].lower()}/" in urls
    for code in data["languages"]:
        assert f"../../languages/{code}/" in urls


def test_paused_mentor_has_no_ask_link_and_says_until_when(sample_site: Path) -> None:
    paused = {s: d for s, d in sample_profiles().items() if d.get("paused_until", "") > "2026-11-18"}
    assert paused, "the samples should include a mentor paused until a date"
    for slug in paused:
        html = (sample_site / "mentors" / slug / "index.html").read_text(encoding="utf-8")
        assert "mdir-ask__send" not in html
        assert "until " in html and "mailto:" not in html.split('class="mdir-profile__foot"')[0]


def test_no_mentor_address_appears_as_text_anywhere(sample_site: Path) -> None:
    addresses = {d["email"] for d in sample_profiles().values()}
    for path in sample_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js", ".json", ".xml", ".txt", ".md"):
            text = path.read_text(encoding="utf-8", errors="replace")
            leaked = [a for a in addresses if a in text or a.split("@")[0] + "@" in text]
            assert not leaked, f"{path.relative_to(sample_site)} shows {leaked}"


def test_ask_link_is_rfc6068_with_only_to_subject_and_body(sample_site: Path) -> None:
    for slug, data in sample_profiles().items():
        html = (sample_site / "mentors" / slug / "index.html").read_text(encoding="utf-8")
        found = re.search(r'class="md-button md-button--primary mdir-ask__send" href="([^"]+)"', html)
        paused = data.get("availability") == "paused" or data.get("paused_until", "") > "2026-11-18"
        if paused or "ask-an-alum" not in data.get("schemes", ["ask-an-alum"]):
            assert found is None
            continue
        link = found.group(1).replace("&amp;", "&")
        assert len(link) <= 2000
        parts = urlsplit(link)
        assert parts.scheme == "mailto"
        assert unquote(parts.path) == data["email"]
        query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
        assert set(query) == {"subject", "body"}
        assert all(len(v) == 1 for v in query.values())
        assert "+" not in parts.query and " " not in link
        body = query["body"][0]
        assert data["name"] in body and "[your name]" in body
        assert "\r\n" in body and "\n" not in body.replace("\r\n", "")


def test_site_search_index_has_the_guidance_not_the_card_list(sample_site: Path) -> None:
    """Mentors come to the header search from the directory's own data (header-search.js)."""
    import json

    index = json.loads((sample_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = {d["location"]: d for d in index["docs"]}
    assert by_location["mentors/"]["title"] == "Find a mentor"
    assert "Wanjiru" not in by_location["mentors/"]["text"]  # the first paragraph, not the cards
    assert [loc for loc in by_location if loc.startswith("mentors/")] == ["mentors/"]
    assert "guide/before-you-ask/" in by_location


def test_site_loads_nothing_from_another_host(sample_site: Path) -> None:
    loads = re.compile(
        r"""<(?:script|img|iframe|source)\b[^>]*\bsrc=["']?(?:https?:)?//"""
        r"""|<link\b(?=[^>]*\brel=["']?(?:stylesheet|preload|modulepreload|icon|manifest))[^>]*\bhref=["']?(?:https?:)?//"""
        r"""|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:url\()?["']?(?:https?:)?//"""
    )
    for path in sample_site.rglob("*"):
        if path.suffix in (".html", ".css"):
            found = loads.search(path.read_text(encoding="utf-8"))
            assert found is None, f"{path.relative_to(sample_site)} loads from another host: {found.group(0)}"
    assert "Made with" not in (sample_site / "index.html").read_text(encoding="utf-8")


def test_photos_are_resized_without_metadata(sample_site: Path) -> None:
    from PIL import Image

    photos = sorted((sample_site / "assets" / "photos").iterdir())
    with_photo = sum(1 for d in sample_profiles().values() if "photo" in d)
    # Cards (thirty to a page) as WebP, a profile page's one photo as JPEG; twice their CSS size.
    cards = [p for p in photos if p.name.endswith("-160.webp")]
    pages = [p for p in photos if p.name.endswith("-320.jpg")]
    assert len(cards) == len(pages) == with_photo and len(photos) == 2 * with_photo
    for photo in photos:
        with Image.open(photo) as image:
            assert image.format == ("WEBP" if photo in cards else "JPEG")
            assert image.size == ((160, 160) if photo in cards else (320, 320))
            assert not image.info.get("exif") and not image.info.get("icc_profile") and not image.info.get("xmp")
            assert "comment" not in image.info and not image.getexif()


def test_mentor_without_photo_gets_css_initials_not_an_image(sample_site: Path) -> None:
    html = (sample_site / "mentors" / "marcus-bell" / "index.html").read_text(encoding="utf-8")
    assert 'class="mdir-avatar mdir-avatar--page mdir-avatar--initials"' in html
    assert "assets/photos/marcus-bell" not in html


def test_schema_is_published(sample_site: Path) -> None:
    assert (sample_site / "schema" / "profile.schema.json").read_bytes() == (
        ROOT / "generator" / "schema" / "profile.schema.json"
    ).read_bytes()


def test_guidance_placeholders_are_filled(sample_site: Path) -> None:
    html = (sample_site / "become-a-mentor" / "index.html").read_text(encoding="utf-8")
    assert "{{" not in html
    assert "https://github.com/example-org/mentor-directory/new/main?filename=mentors/your-name.yml&amp;value=" in html


# -- builds from custom profiles ----------------------------------------------------------

HOSTILE = {
    "evil-one.yml": profile(
        name="name: '</title><script>alert(1)</script>'",
        headline='headline: "\\"><img src=x onerror=alert(1)> & co"',
        city="city: \"javascript:alert('x')\"",
        email="email: evil.one@example.org",
    ),
}


def test_hostile_values_come_out_inert(build_site, tmp_path: Path) -> None:
    site = build_site(tmp_path, HOSTILE)
    html = (site / "mentors" / "evil-one" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x onerror" not in html
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; co" in html or "&quot;&gt;&lt;img" in html
    assert 'href="javascript:' not in html
    directory = (site / "mentors" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in directory
    assert "evil.one@example.org" not in html + directory


def test_stale_profile_is_left_off_and_named_at_info_level(build_site, tmp_path: Path, mkdocs_log) -> None:
    profiles = {"ada-okafor.yml": profile(), "old-timer.yml": profile(last_confirmed="last_confirmed: 2025-06-01")}
    site = build_site(tmp_path, profiles)  # strict: a warning would fail the build
    assert (site / "mentors" / "ada-okafor" / "index.html").exists()
    assert not (site / "mentors" / "old-timer").exists()
    assert "old-timer" not in (site / "mentors" / "index.html").read_text(encoding="utf-8")
    named = [r for r in mkdocs_log.records if "old-timer.yml" in r.getMessage()]
    assert named and all(r.levelno == 20 for r in named)


def test_invalid_profile_stops_the_build_with_its_line(build_site, tmp_path: Path, mkdocs_log) -> None:
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        build_site(tmp_path, {"bad.yml": profile(country="country: Kenya")})
    assert re.search(r"bad\.yml:13:10: error: 'Kenya' is not a country code", mkdocs_log.text)
    assert "Traceback" not in mkdocs_log.text
    assert not (tmp_path / "site" / "mentors").exists()


def test_two_builds_of_the_same_commit_are_byte_identical(build_site, tmp_path: Path) -> None:
    first = build_site(tmp_path / "a")
    second = build_site(tmp_path / "b")

    def digest(site: Path) -> dict[str, str]:
        return {
            str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*"))
            if p.is_file()
        }

    assert digest(first) == digest(second)


def test_order_changes_with_the_day_but_not_within_it(build_site, tmp_path: Path, monkeypatch) -> None:
    from generator.profiles.loader import load
    from generator.profiles.validate import Rules
    from generator.settings import Settings
    from generator.site.directory import fair_order

    mentors = load([ROOT / "mentors"], Rules(today=dt.date(2026, 11, 18))).mentors
    day = [m.slug for m in fair_order(mentors, Settings(today=dt.date(2026, 11, 18)))]
    same = [m.slug for m in fair_order(list(reversed(mentors)), Settings(today=dt.date(2026, 11, 18)))]
    other = [m.slug for m in fair_order(mentors, Settings(today=dt.date(2026, 11, 19)))]
    assert day == same
    assert day != other
    assert sorted(day) == sorted(other)


def test_generate_writes_the_same_pages_mkdocs_publishes(build_site, tmp_path: Path) -> None:
    site = build_site(tmp_path / "mk")
    project = tmp_path / "mk"
    out = tmp_path / "md"
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--out", str(out), "--config", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env={"SOURCE_DATE_EPOCH": "1795000000", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    generated = sorted(out.rglob("index.md"))
    assert len(generated) > 28
    for md in generated:
        body = md.read_text(encoding="utf-8").split("---\n\n", 1)[1].strip()
        html = (site / md.relative_to(out).parent / "index.html").read_text(encoding="utf-8")
        assert body in html, md.relative_to(out)
    assert sorted(p.name for p in (out / "assets" / "photos").iterdir()) == sorted(
        p.name for p in (site / "assets" / "photos").iterdir()
    )


def test_package_data_covers_every_file_the_plugin_reads() -> None:
    """A programme that installs the package, not this checkout, gets the same site."""
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["generator"]
    package = ROOT / "generator"
    data_files = [
        p.relative_to(package)
        for p in package.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    assert data_files
    uncovered = [str(f) for f in data_files if not any(f.match(pattern) or _deep(f, pattern) for pattern in patterns)]
    assert uncovered == []


def _deep(path: Path, pattern: str) -> bool:
    """setuptools reads 'assets/**/*' as everything under assets/."""
    head, _, _ = pattern.partition("/**/")
    return "/**/" in pattern and path.as_posix().startswith(head + "/")
