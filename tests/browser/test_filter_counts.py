"""The count beside each filter value is right whenever a student can see it.

A keystroke counts only the filters that are open; a closed filter is counted as it opens.
These tests type with a filter closed and with it open, open it by its summary and by script
(as find-in-page does), and compare every count shown with the results on the cards.
"""

from __future__ import annotations

import re
from collections import Counter

from playwright.sync_api import expect

READY = "window.mentorDirectorySearch && window.mentorDirectorySearch.ready"
# Each value of a filter as a student reads it: its name, its count, and whether the count is shown.
OPTIONS = """box => [...box.querySelectorAll('label.mdir-option')].map(label => {
  const count = label.querySelector('.mdir-option__count');
  return [label.textContent.replace(count.textContent, '').trim(), count.textContent,
          getComputedStyle(count).visibility === 'visible'];
})"""


def results_by_country(page) -> Counter:
    """How many results are in each country, from the cards themselves (every page of them)."""
    more = page.locator(".mdir-search__more")
    while more.is_visible():
        more.click()
    return Counter(page.locator("#mdir-list .mdir-card__country").all_text_contents())


def shown_counts(page) -> dict[str, int]:
    """The Country filter's counts a student can read (a count that is not shown is left out)."""
    box = page.locator("details.mdir-facet", has=page.locator("summary", has_text="Country"))
    options = box.evaluate(OPTIONS)
    return {name: int(re.fullmatch(r"\((\d+)\)", count).group(1)) for name, count, visible in options if visible}


def expected_counts(page) -> dict[str, int]:
    box = page.locator("details.mdir-facet", has=page.locator("summary", has_text="Country"))
    names = [name for name, _, _ in box.evaluate(OPTIONS)]
    found = results_by_country(page)
    return {name: found.get(name, 0) for name in names}


def test_a_filter_opened_after_typing_counts_the_results_then_shown(page, site_url: str) -> None:
    page.goto(site_url + "mentors/")
    page.wait_for_function(READY)
    country = page.locator("details.mdir-facet", has=page.locator("summary", has_text="Country"))
    page.fill("#mdir-q", "health")  # the filter is closed: typing does not count it
    expected = expected_counts(page)
    assert sum(expected.values()) > 1 and sum(1 for n in expected.values() if n) > 1
    country.locator("summary").click()
    assert shown_counts(page) == expected
    # Open: each keystroke counts it again.
    for query in ("data", "climate policy", "Kenya", "zzzz"):
        page.fill("#mdir-q", query)
        assert shown_counts(page) == expected_counts(page), query


def test_a_filter_opened_by_script_never_shows_an_old_count(page, site_url: str) -> None:
    page.goto(site_url + "mentors/")
    page.wait_for_function(READY)
    country = page.locator("details.mdir-facet", has=page.locator("summary", has_text="Country"))
    country.locator("summary").click()
    before = shown_counts(page)
    country.locator("summary").click()  # closed again
    page.fill("#mdir-q", "evaluation")
    expected = expected_counts(page)
    assert expected != before
    # Opened without a click (find-in-page opens a closed <details> this way): at that moment a
    # count is either hidden or already right, and once it has opened every count is shown.
    first = country.evaluate(f"box => {{ box.open = true; return ({OPTIONS})(box); }}")
    for name, count, visible in first:
        assert not visible or count == f"({expected[name]})", name
    expect(country.locator(".mdir-option__count").first).to_be_visible()
    assert shown_counts(page) == expected
