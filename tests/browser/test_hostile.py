"""Profiles that pass the checker but carry markup and script: the site shows them as text, runs none of it,
and never writes a mentor's address as plain text."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from .support import BUILD_DATE, MENTORS, parse_mailto, profiles

pytestmark = pytest.mark.browser

HOSTILE = {
    "hostile-title.yml": """\
name: "</title><script>alert(1)</script>"
email: hostile.title@example.org
headline: "javascript:alert(1)"
bio: |
  I answer questions about 'quotes'; alert(1); ' and "double quotes" & ampersands &amp; entities &lt;script&gt; too.
  A link: [my site](https://example.org/?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&x=1).
topics:
  - global-health
country: KE
city: "\\"><img src=x onerror=alert(1)>"
languages:
  - en
last_confirmed: 2026-11-01
""",
    "hostile-img.yml": """\
name: "\\"><img src=x onerror=alert(1)>"
pronouns: "<b>they</b>"
email: hostile.img@example.org
headline: "<script>alert(1)</script> & \\"Partners\\" 'Ltd'"
bio: |
  Tom & Jerry's "consultancy" -- 5 < 6 and 7 > 3 are both true; ' OR 1=1 --; {question} {mentor_name}
  and javascript : alert(1) written with a space, which is only text.
topics:
  - global-health
  - communications
country: GB
city: "'; alert(1); '"
course: "</textarea><script>alert(1)</script>"
languages:
  - en
last_confirmed: 2026-11-01
""",
    "hostile-quote.yml": """\
name: "Zoë O'Brien & \\"Sons\\" {question}"
email: hostile.quote@example.org
headline: "'; alert(1); ' <img src=x onerror=alert(1)>"
bio: |
  Ampersands & "quotes" & 'apostrophes' and braces {student_name} stay as they are written here,
  and so does a pretend tag written as < script > with spaces.
topics:
  - communications
country: FR
city: "<script>alert(1)</script>"
languages:
  - fr
  - en
last_confirmed: 2026-11-01
""",
}
PROFILES = {Path(name).stem: yaml.safe_load(text) for name, text in HOSTILE.items()}
COUNTRIES = {"KE": "Kenya", "GB": "United Kingdom", "FR": "France"}
SEARCH_RESULTS = ".md-search-result__item"


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-check") / "mentors"
    (folder / "photos").mkdir(parents=True)
    for name in ("_vocabulary.yml", "_template.yml"):
        shutil.copy(MENTORS / name, folder / name)
    for name, text in HOSTILE.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, build_site, serve_site) -> tuple[Path, str]:
    site = build_site(tmp_path_factory.mktemp("hostile-site"), HOSTILE)
    return site, serve_site(site)


def test_the_hostile_profiles_pass_the_checker(hostile_folder) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check", str(hostile_folder), "--today", BUILD_DATE.isoformat()],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "Checked 3 profiles: all look good."


def _site_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.suffix in {".html", ".js", ".json", ".xml"}]


def _addresses_found(site: Path, addresses: list[str]) -> list[str]:
    found = []
    for path in _site_files(site):
        text = path.read_text(encoding="utf-8", errors="replace").lower()
        for address in addresses:
            for form in (address.lower(), address.lower().replace("@", "%40")):
                if form in text:
                    found.append(f"{path.relative_to(site)}: {form}")
    return found


def test_no_address_is_written_as_plain_text(hostile_site) -> None:
    site, _ = hostile_site
    assert len(_site_files(site)) > 10
    assert _addresses_found(site, [p["email"] for p in PROFILES.values()]) == []


def test_no_sample_address_is_written_as_plain_text(site_dir) -> None:
    assert _addresses_found(site_dir, [p["email"] for p in profiles().values()]) == []


def _no_injected_markup(page) -> None:
    assert page.locator("img[src='x']").count() == 0, "an <img> from a profile was parsed as HTML"
    scripts = page.evaluate("[...document.scripts].map(s => s.textContent)")
    assert not [s for s in scripts if "alert(1)" in s], "a <script> from a profile was parsed as HTML"
    assert page.guard.dialogs == []


def test_the_directory_shows_hostile_names_as_text(page, hostile_site) -> None:
    _, url = hostile_site
    page.goto(url + "mentors/")
    names = page.locator("li.mdir-card:visible .mdir-card__name a")
    assert sorted(names.all_text_contents()) == sorted(p["name"] for p in PROFILES.values())
    headlines = page.locator("li.mdir-card:visible .mdir-card__headline")
    assert sorted(headlines.all_text_contents()) == sorted(p["headline"] for p in PROFILES.values())
    expect(page.locator("li.mdir-card:visible .mdir-pronouns")).to_have_text("<b>they</b>")  # brackets by CSS
    _no_injected_markup(page)
    page.guard.assert_clean()


@pytest.mark.parametrize("slug", PROFILES)
def test_a_hostile_profile_shows_every_value_literally(page, hostile_site, slug) -> None:
    _, url = hostile_site
    mentor = PROFILES[slug]
    page.goto(url + f"mentors/{slug}/")
    assert page.locator("h1").text_content() == mentor["name"]
    assert page.title() == f"{mentor['name']} - Alumni Mentor Directory"
    assert page.locator(".mdir-profile__headline").text_content() == mentor["headline"]
    country = COUNTRIES[mentor["country"]]
    description = page.locator('meta[name="description"]').get_attribute("content")
    assert description == f"{mentor['headline']}. {country}."
    where = page.locator(".mdir-profile__where").text_content()
    assert f"{mentor['city']}, {country}" in where
    facts = page.locator("dl.mdir-facts").text_content()
    assert f"{mentor['city']}, {country}" in facts
    if "course" in mentor:
        assert mentor["course"] in facts
    if "pronouns" in mentor:
        assert page.locator(".mdir-profile__where .mdir-pronouns").text_content() == mentor["pronouns"]
    bio = page.locator(".mdir-bio").text_content()
    first_line = mentor["bio"].splitlines()[0]
    plain_part = first_line.split("[")[0].split("*")[0]
    assert plain_part.strip() in " ".join(bio.split())

    page.fill("#ask-name", "Amina Yusuf")
    page.fill("#ask-question", "A question about {mentor_name}?")
    link = parse_mailto(page.locator(".mdir-ask__send").get_attribute("href"))
    assert link.address == mentor["email"]
    assert link.body.startswith(f"Dear {mentor['name']},\r\n")
    assert "A question about {mentor_name}?" in link.body
    _no_injected_markup(page)
    page.guard.assert_clean()


def test_a_bio_link_keeps_its_target_and_is_marked_as_user_content(page, hostile_site) -> None:
    _, url = hostile_site
    page.goto(url + "mentors/hostile-title/")
    link = page.locator(".mdir-bio a")
    expect(link).to_have_count(1)
    expect(link).to_have_text("my site")
    assert link.get_attribute("href") == "https://example.org/?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&x=1"
    assert {"nofollow", "ugc", "noopener"} <= set(link.get_attribute("rel").split())
    expect(page.locator(".mdir-bio")).to_contain_text("ampersands &amp; entities &lt;script&gt; too")
    page.guard.assert_clean()


@pytest.mark.parametrize(
    ("query", "slug"), [("onerror", "hostile-img"), ("onerror", "hostile-quote"), ("javascript", "hostile-title")]
)
def test_site_search_shows_hostile_names_as_text(page, hostile_site, query, slug) -> None:
    # Material's header search renders the titles and text in search_index.json as HTML.
    _, url = hostile_site
    page.goto(url)
    page.locator(".md-search__input").click()
    page.keyboard.type(query)
    expect(page.locator(SEARCH_RESULTS).first).to_be_visible(timeout=30_000)  # indexing runs in a worker
    _no_injected_markup(page)
    title = page.locator(f"{SEARCH_RESULTS} h1", has_text=PROFILES[slug]["name"])
    expect(title).to_be_visible()
    assert title.text_content() == PROFILES[slug]["name"]
    page.guard.assert_clean()
