"""axe-core with every rule (WCAG A to AAA, best practices, experimental) on the pages a student and a
new mentor use, light and dark, on a laptop and a phone.

Each page state is one row of STATES: a path, and what a person does there before axe looks.
Add a row for a new page or state. A violation fails the test with each rule's id, impact,
help text and every element it names, so it can be fixed from the output alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from .axe_core import check, report, run_axe
from .support import is_paused, profiles

SAMPLE = profiles()
DIRECTORY_READY = "window.mentorDirectorySearch && window.mentorDirectorySearch.ready"
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's scheme
WIDTHS = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def _askable(slug: str) -> bool:
    p = SAMPLE[slug]
    return not is_paused(p) and "ask-an-alum" in p.get("schemes", ["ask-an-alum"])


WITH_PHOTO = "wang-fang"  # a photo, and a name in another script with its Latin form
WITHOUT_PHOTO = next(slug for slug in SAMPLE if _askable(slug) and "photo" not in SAMPLE[slug])


def directory_ready(page) -> None:
    page.wait_for_function(DIRECTORY_READY)


def directory_narrowed(page) -> None:
    """Ready, with the search or filters in the URL applied: fewer mentors than the whole sample."""
    directory_ready(page)
    page.wait_for_function(f"document.querySelectorAll('#mdir-list > li').length < {len(SAMPLE)}")


def directory_empty(page) -> None:
    directory_ready(page)
    expect(page.locator("#mdir-list > li")).to_have_count(0)


def open_composer(page) -> None:
    """Press "Ask for a conversation" where it opens the composer, and wait for its question box."""
    ask = page.locator("#ask").get_by_role("button", name="Ask for a conversation")
    if ask.count():
        ask.first.click()
    expect(page.locator("#ask textarea").first).to_be_visible()


def hover_primary_button(page) -> None:
    """Point at the page's main button: its hover colour is text on the accent colour."""
    page.locator(".md-content .md-button--primary").first.hover()


@dataclass(frozen=True)
class State:
    path: str
    then: Callable[[object], None] | None = None


STATES = {
    "home": State(""),
    "home, main button hovered": State("", hover_primary_button),
    "find a mentor": State("mentors/", directory_ready),
    "find a mentor, searched": State("mentors/?search=health", directory_narrowed),
    "find a mentor, filtered": State("mentors/?topic=global-health&language=en", directory_narrowed),
    "find a mentor, no results": State("mentors/?topic=humanitarian-response&country=no", directory_empty),
    "profile, composer open": State(f"mentors/{WITH_PHOTO}/", open_composer),
    "profile without a photo, composer open": State(f"mentors/{WITHOUT_PHOTO}/", open_composer),
    "guidance": State("guide/approaching-a-mentor/"),
    "become a mentor": State("become-a-mentor/"),
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("state", STATES)
def test_no_axe_violations(new_page, site_url: str, state: str, scheme: str, width: str) -> None:
    page = new_page(color_scheme=scheme, viewport=WIDTHS[width])
    page.goto(site_url + STATES[state].path)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    if STATES[state].then:
        STATES[state].then(page)
    check(page, f"{state} ({scheme}, {width})")


def test_a_scheme_chosen_with_the_toggle_is_checked_too(new_page, site_url: str) -> None:
    """A student on a light system who picks dark with Material's toggle (kept in localStorage)."""
    page = new_page(color_scheme="light", viewport=WIDTHS["phone"])
    page.goto(site_url + f"mentors/{WITH_PHOTO}/")
    page.get_by_title("Switch to dark mode").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(site_url + "mentors/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    directory_ready(page)
    check(page, "find a mentor (dark chosen with the toggle)")


def test_the_report_names_rule_impact_help_and_every_element(new_page, site_url: str) -> None:
    """A page made to break three rules: the report says which, how badly, and where."""
    page = new_page()
    page.goto(site_url)
    page.evaluate(
        """() => {
        const box = document.querySelector('.md-content__inner');
        box.insertAdjacentHTML('beforeend',
          '<img id="no-alt" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">' +
          '<p id="faint" style="color:#bbb;background:#fff">faint text</p><h5 id="skip">skipped levels</h5>');
        }"""
    )
    violations = run_axe(page)["violations"]
    text = report(violations)
    by_rule = {v["id"]: v for v in violations}
    assert {"image-alt", "color-contrast", "heading-order"} <= set(by_rule), text
    assert "- image-alt [critical]: Images must have alternative text" in text
    assert "#no-alt" in text and "#faint" in text and "#skip" in text
    assert "Element has insufficient color contrast" in text
