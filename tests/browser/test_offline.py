"""Reading with no signal, in a real browser: the offline copy from disk, the service worker, and print."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from generator.offline import archive as offline
from generator.site.render import long_date
from tests.helpers import copy_project, sw_constants

from .conftest import Served, build_env
from .support import BUILD_DATE, FRESH, STALE, UNSEEN, wait_for_service_worker

pytestmark = pytest.mark.browser

BUILT = long_date(BUILD_DATE)  # "22 November 2026": the day of every test build, as the site writes it


# -- fixtures ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory) -> Path:
    """The sample site's downloadable copy, made by `mentor-directory offline-zip OUT.zip` and unzipped."""
    project = copy_project(tmp_path_factory.mktemp("offline-copy"))
    done = subprocess.run(
        [sys.executable, "-m", "generator", "offline-zip", "copy.zip"],
        cwd=project,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"offline-zip failed ({done.returncode}):\n{done.stdout}\n{done.stderr}", pytrace=False)
    with zipfile.ZipFile(project / "copy.zip") as archive:
        archive.extractall(project / "unzipped")
    return project / "unzipped" / offline.folder_name(BUILD_DATE)


@pytest.fixture
def disk_page(new_page):
    """A guarded page on which every request but file:// is blocked and counted as a failure."""
    page = new_page()

    def route(route) -> None:
        url = route.request.url
        if urlsplit(url).scheme in ("file", "data", "blob", "about"):
            route.continue_()
        else:
            page.guard.external.append(url)
            route.abort("internetdisconnected")

    page.context.route("**/*", route)  # registered last, so it answers before the fixture's own route
    return page


def go_offline(page, served: Served) -> None:
    """No network at all: the browser is told it is offline, and the server is gone."""
    page.context.set_offline(True)
    served.stop()


# -- the offline copy, from disk ---------------------------------------------------------


def test_offline_copy_navigates_from_disk(disk_page, offline_copy: Path) -> None:
    page = disk_page
    page.goto((offline_copy / "index.html").as_uri())
    expect(page.locator("h1")).to_contain_text("Find a mentor, ask well")
    expect(page.locator(".md-content")).to_contain_text(f"This is an offline copy, built {BUILT}.")
    expect(page.locator(".md-content").get_by_role("link", name="download the guidance and directory")).to_have_count(0)
    page.locator(".md-content").get_by_role("link", name="Before you ask", exact=True).click()
    expect(page).to_have_url((offline_copy / "guide" / "before-you-ask.html").as_uri())
    page.locator(".md-sidebar--primary").get_by_role("link", name="Approaching a mentor").click()
    expect(page).to_have_url((offline_copy / "guide" / "approaching-a-mentor.html").as_uri())
    expect(page.locator("h1")).to_contain_text("Approaching a mentor")
    page.locator(".md-sidebar--primary").get_by_role("link", name="Find a mentor", exact=True).click()
    expect(page).to_have_url((offline_copy / "mentors" / "index.html").as_uri())
    assert page.evaluate("'serviceWorker' in navigator ? navigator.serviceWorker.controller : null") is None


def test_offline_copy_site_search_finds_guidance_and_mentors(disk_page, offline_copy: Path) -> None:
    page = disk_page
    page.goto((offline_copy / "index.html").as_uri())
    page.locator(".md-search__input").click()
    page.keyboard.type("SWOT")
    first = page.locator(".md-search-result__item").first
    expect(first).to_contain_text("Before you ask")
    first.locator("a").first.click()
    expect(page).to_have_url(re.compile(re.escape((offline_copy / "guide" / "before-you-ask.html").as_uri())))
    page.locator(".md-search__input").click()
    page.keyboard.type("Wanjiru")
    page.locator(".md-search-result__item").filter(has_text="Wanjiru Kamau").locator("a").first.click()
    expect(page).to_have_url(
        re.compile(re.escape((offline_copy / "mentors" / "wanjiru-kamau" / "index.html").as_uri()))
    )
    expect(page.locator("h1")).to_contain_text("Wanjiru Kamau")


def test_offline_copy_directory_search_filters_and_opens_a_profile(disk_page, offline_copy: Path) -> None:
    page = disk_page
    page.goto((offline_copy / "mentors" / "index.html").as_uri())
    cards = page.locator("#mdir-list > li.mdir-card")
    expect(cards.first).to_be_visible()
    everyone = cards.count()
    page.fill("#mdir-q", "Wanjiru")
    expect(cards).not_to_have_count(everyone)
    expect(cards.first).to_contain_text("Wanjiru Kamau")
    cards.first.get_by_role("link", name="Wanjiru Kamau").click()
    expect(page).to_have_url((offline_copy / "mentors" / "wanjiru-kamau" / "index.html").as_uri())
    expect(page.locator("h1")).to_contain_text("Wanjiru Kamau")
    page.locator(".mdir-facts").get_by_role("link", name="Kenya").first.click()
    expect(page).to_have_url((offline_copy / "countries" / "ke" / "index.html").as_uri())


# -- the hosted site: the download link and the service worker -----------------------------


def test_hosted_home_offers_the_offline_copy_with_its_date(page, site_url: str) -> None:
    page.goto(site_url)
    link = page.locator(".md-content").get_by_role("link", name="download the guidance and directory")
    assert link.get_attribute("href") == offline.ZIP_URL
    expect(page.locator(".md-content .mdir-offline")).to_have_text(
        f"Read offline: download the guidance and directory (zip, built {BUILT})."
    )
    footer = page.locator(".md-footer .mdir-offline")
    expect(footer).to_contain_text(f"(zip, built {BUILT})")
    assert footer.get_by_role("link").get_attribute("href") == offline.ZIP_URL


def test_guidance_read_once_opens_again_with_no_signal(new_page, own_server) -> None:
    site, served = own_server
    page = new_page(service_workers="allow")
    page.goto(served.url + "guide/before-you-ask/")
    wait_for_service_worker(page)
    sw = sw_constants((site / offline.SERVICE_WORKER).read_text(encoding="utf-8"))
    name = f"mentor-directory {served.url} guidance {sw['VERSION']}"  # named for the site's scope
    kept = page.evaluate("async (name) => (await (await caches.open(name)).keys()).map(r => r.url)", name)
    assert sorted(kept) == sorted(urljoin(served.url, url) for url in sw["PAGES"] + sw["ASSETS"])
    go_offline(page, served)
    page.reload()
    expect(page.locator("h1")).to_contain_text("Before you ask")
    expect(page.locator(".md-content")).to_contain_text("A SWOT looks at your")
    assert page.evaluate("getComputedStyle(document.querySelector('.swot')).display") == "grid"  # its CSS came too
    # A guidance page never opened online was kept as well, and so was the site search.
    page.goto(served.url + "guide/schemes/")
    expect(page.locator("h1")).to_contain_text("The three schemes")
    page.locator(".md-search__input").click()
    page.keyboard.type("SWOT")
    expect(page.locator(".md-search-result__item").first).to_contain_text("Before you ask")


def test_mentor_pages_are_fresh_online_and_kept_only_a_day(new_page, own_server) -> None:
    site, served = own_server
    page = new_page(service_workers="allow")
    page.goto(served.url)
    wait_for_service_worker(page)
    # Online, a profile always comes from the network: a change on the server shows at once.
    page.goto(served.url + f"mentors/{FRESH}/")
    expect(page.locator(".mdir-profile__headline")).to_have_text("Senior Data Scientist, Msitu Analytics")
    profile = site / "mentors" / FRESH / "index.html"
    profile.write_text(profile.read_text("utf-8").replace("Msitu Analytics", "Changed Today"), encoding="utf-8")
    page.reload()
    expect(page.locator(".mdir-profile__headline")).to_have_text("Senior Data Scientist, Changed Today")
    page.goto(served.url + f"mentors/{STALE}/")  # the server says this copy is two days old
    expect(page.locator("h1")).to_contain_text("Callum Fraser")

    go_offline(page, served)
    page.goto(served.url + f"mentors/{FRESH}/")
    expect(page.locator(".mdir-profile__headline")).to_have_text("Senior Data Scientist, Changed Today")
    for slug in (STALE, UNSEEN):
        page.goto(served.url + f"mentors/{slug}/")
        expect(page.locator("h1")).to_contain_text("You are offline")
        expect(page.locator("body")).not_to_contain_text("Callum Fraser")
        page.get_by_role("link", name="go to the home page").click()
        expect(page.locator("h1")).to_contain_text("Find a mentor, ask well")
    # Chromium reports the worker's failed fetch and the notice's 503 for each; nothing else may fail.
    failures = ("net::ERR_FAILED", "the server responded with a status of 503 ()")
    expected = {
        f"Failed to load resource: {f} ({served.url}mentors/{slug}/)" for f in failures for slug in (STALE, UNSEEN)
    }
    assert set(page.guard.console_errors) <= expected
    page.guard.console_errors.clear()


# -- print ---------------------------------------------------------------------------------

SCREEN_ONLY = [".md-header", ".md-search", ".md-footer", ".md-top", ".mdir-offline"]


def hidden(page, selector: str) -> bool:
    """Every element matching is laid out nowhere (display: none on it or an ancestor)."""
    return page.locator(selector).evaluate_all("els => els.length > 0 && els.every(e => !e.getClientRects().length)")


def after_content(page, selector: str) -> str:
    return page.locator(selector).first.evaluate("a => getComputedStyle(a, '::after').content")


def test_guidance_prints_its_text_and_the_addresses_of_its_links(page, site_url: str) -> None:
    page.goto(site_url + "guide/before-you-ask/")
    page.emulate_media(media="print")
    for selector in [*SCREEN_ONLY, ".md-sidebar--primary", ".md-sidebar--secondary"]:
        assert hidden(page, selector), f"{selector} is printed"
    expect(page.locator("h1")).to_be_visible()
    assert after_content(page, ".md-content a[href='../schemes/']") == f'" ({site_url}guide/schemes/)"'
    page.goto(site_url)
    page.emulate_media(media="print")
    assert hidden(page, ".md-content .md-button")
    assert hidden(page, ".md-content .mdir-offline")


def test_a_mentor_page_prints_without_the_ask_box(page, site_url: str) -> None:
    page.goto(site_url + f"mentors/{FRESH}/")
    page.emulate_media(media="print")
    for selector in [*SCREEN_ONLY, ".mdir-ask", ".mdir-ask .md-button"]:
        assert hidden(page, selector), f"{selector} is printed"
    expect(page.locator("h1")).to_contain_text("Wanjiru Kamau")
    expect(page.locator(".mdir-bio")).to_be_visible()
    assert after_content(page, ".mdir-profile__where a") == f'" ({site_url}countries/ke/)"'
    website = page.locator(".mdir-links a").first
    assert website.get_attribute("href") in after_content(page, ".mdir-links a")


def quadrants(page) -> list[dict]:
    return [page.locator(".swot > section").nth(i).bounding_box() for i in range(4)]


def test_swot_worksheet_prints_as_a_two_by_two_sheet_with_room_to_write(page, site_url: str) -> None:
    page.goto(site_url + "guide/before-you-ask/")
    expect(page.locator(".swot > section")).to_have_count(4)
    page.emulate_media(media="print")
    s, w, o, t = quadrants(page)
    assert s["y"] == w["y"] < o["y"] == t["y"], "strengths and weaknesses on top, opportunities and threats below"
    assert s["x"] == o["x"] < w["x"] == t["x"], "two columns"
    assert o["y"] >= s["y"] + s["height"] and w["x"] >= s["x"] + s["width"], "the boxes do not overlap"
    min_height = page.locator(".swot > section").first.evaluate("e => parseFloat(getComputedStyle(e).minHeight)")
    assert min_height >= 400, "each box leaves about 11 cm to write in"
    assert all(box["height"] >= min_height - 1 for box in (s, w, o, t)), [s, w, o, t, min_height]
    assert page.locator(".swot").evaluate("e => getComputedStyle(e).breakBefore") == "page"


def test_swot_worksheet_is_a_grid_on_wide_screens_and_one_column_on_phones(new_page, site_url: str) -> None:
    wide = new_page()
    wide.goto(site_url + "guide/before-you-ask/")
    s, w, o, t = quadrants(wide)
    assert s["y"] == w["y"] < o["y"] == t["y"] and s["x"] < w["x"]
    phone = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone.goto(site_url + "guide/before-you-ask/")
    boxes = quadrants(phone)
    assert len({round(b["x"]) for b in boxes}) == 1, "one column"
    assert [b["y"] for b in boxes] == sorted(b["y"] for b in boxes)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
