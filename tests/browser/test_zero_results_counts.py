"""A search that finds no one: "Search without" says how many the student would see instead.

Typed with no filter, that is everyone; typed with a filter on, those the filter lets through.
"""

from __future__ import annotations

from tests.browser.support import profiles
from tests.browser.test_cards import READY

PROFILES = profiles()
NO_ONE = "zzqxv"  # no mentor has a word near it


def search_without(page) -> str:
    page.locator(".mdir-empty").wait_for()
    return page.locator(".mdir-empty__drops button", has_text="Search without").inner_text()


def test_no_one_found_without_filters_offers_everyone(page, site_url) -> None:
    page.goto(site_url + "mentors/")
    page.wait_for_function(READY)
    page.fill("#mdir-q", NO_ONE)
    assert search_without(page) == f"Search without “{NO_ONE}”: {len(PROFILES)} mentors"
    page.guard.assert_clean()


def test_no_one_found_with_a_filter_offers_those_the_filter_lets_through(page, site_url) -> None:
    in_topic = sum("data-and-evidence" in p["topics"] for p in PROFILES.values())
    assert 1 < in_topic < len(PROFILES)
    page.goto(site_url + "mentors/?topic=data-and-evidence")
    page.wait_for_function(READY)
    page.fill("#mdir-q", NO_ONE)
    assert search_without(page) == f"Search without “{NO_ONE}”: {in_topic} mentors"
    page.get_by_role("button", name=f"Search without “{NO_ONE}”").click()
    assert page.locator("#mdir-list .mdir-card").count() == in_topic
    page.guard.assert_clean()
