"""The home page's first screen, as a student sees it on a laptop and on a phone: what this is, and how to start."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .support import profiles

pytestmark = pytest.mark.browser

SAMPLE = profiles()
READY = "window.mentorDirectorySearch && window.mentorDirectorySearch.ready"
SCREENS = {
    "laptop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
SEARCH_LABEL = "Search mentors by topic, job, country or language"


def above_the_fold(page, locator) -> None:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    assert box is not None, f"{locator} is not shown"
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"{locator} ends at {box['y'] + box['height']}px"


@pytest.mark.parametrize("colour", ["light", "dark"])
@pytest.mark.parametrize("screen", SCREENS)
def test_the_first_screen_says_what_this_is_and_how_to_start(new_page, site_url, screen, colour) -> None:
    page = new_page(color_scheme=colour, **SCREENS[screen])
    page.goto(site_url)
    heading = page.locator("h1")
    expect(heading).to_contain_text("Find a mentor, ask well")
    search = page.get_by_role("searchbox", name=SEARCH_LABEL)
    browse = page.get_by_role("link", name="Browse mentors", exact=True)
    add = page.get_by_role("link", name="Add your profile", exact=True).first
    for seen in (heading, page.locator("h1 + p"), search, page.get_by_role("button", name="Search"), browse, add):
        above_the_fold(page, seen)
    # Browse is the primary action, and comes before the one for mentors.
    expect(browse).to_have_class(re.compile(r"\bmd-button--primary\b"))
    expect(add).not_to_have_class(re.compile(r"\bmd-button--primary\b"))
    assert page.locator("article .md-button--primary").count() == 1, "more than one primary button"
    first, second = browse.bounding_box(), add.bounding_box()
    assert (first["y"], first["x"]) < (second["y"], second["x"]), "Add your profile comes before Browse mentors"
    for target in (search, browse, add):
        box = target.bounding_box()
        assert box["height"] >= 44, f"{target} is {box['height']}px tall: too small a target"
    page.guard.assert_clean()


@pytest.mark.parametrize("screen", SCREENS)
def test_the_search_box_opens_find_a_mentor_with_the_results(new_page, site_url, screen) -> None:
    page = new_page(**SCREENS[screen])
    page.goto(site_url)
    name = SAMPLE["wanjiru-kamau"]["name"]
    page.get_by_role("searchbox", name=SEARCH_LABEL).fill(name)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/mentors/(index\.html)?\?search=Wanjiru\+Kamau$"))
    expect(page.locator("h1")).to_have_text("Find a mentor")
    page.wait_for_function(READY)
    expect(page.locator("#mdir-q")).to_have_value(name)
    expect(page.locator("#mdir-list .mdir-card__name a")).to_have_text([name])
    page.guard.assert_clean()


def test_without_javascript_the_search_box_still_opens_find_a_mentor(new_page, site_url) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(site_url)
    page.get_by_role("searchbox", name=SEARCH_LABEL).fill("global health")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/mentors/(index\.html)?\?search=global\+health$"))
    expect(page.locator("h1")).to_have_text("Find a mentor")
    expect(page.locator("li.mdir-card").first).to_be_visible()
    page.guard.assert_clean()


def test_browse_mentors_opens_find_a_mentor(page, site_url) -> None:
    page.goto(site_url)
    page.get_by_role("link", name="Browse mentors", exact=True).click()
    expect(page.locator("h1")).to_have_text("Find a mentor")
    page.guard.assert_clean()
