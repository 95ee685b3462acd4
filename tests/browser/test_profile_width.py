"""A profile whose words never break (a URL as a headline, a long compound, a name in a script
without spaces) stays as wide as a phone's screen: the words wrap, the page never scrolls sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

PHONE = {"width": 375, "height": 812}
HEADLINE = "Head" + "a" * 96  # the longest headline the checker accepts, with no space to break at
NAME = "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessen"  # 75 letters
CITY = "Taumatawhakatangihangakoauauotamateaturipukakapikimaungahoronukupokaiwhenuakitanatahu"[:60]
BIO_WORD = "https://example.org/" + "very-long-path-segment-" * 12
LONG = f"""\
name: {NAME}
email: long.words@example.org
headline: {HEADLINE}
bio: |
  I work on {BIO_WORD} and on things with ordinary words too, which wrap the usual way on any screen.
topics:
  - global-health
country: NZ
city: {CITY}
languages:
  - en
last_confirmed: 2026-11-01
"""
# The same words in a script written without spaces: 100 characters of one Thai "word".
THAI = LONG.replace(f"name: {NAME}", "name: " + "กขคงจฉชซฌญ" * 8).replace(
    f"headline: {HEADLINE}", "headline: " + "ฐฑฒณดตถทธน" * 10
)


@pytest.fixture(scope="module")
def long_site(build_site, serve_site, tmp_path_factory) -> str:
    folder = build_site(tmp_path_factory.mktemp("long-words"), {"long-words.yml": LONG, "thai-words.yml": THAI})
    return serve_site(folder)


@pytest.mark.parametrize("slug", ["long-words", "thai-words"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_profile_with_unbroken_words_fits_a_375px_screen(new_page, long_site: str, slug: str, scheme: str) -> None:
    page = new_page(viewport=PHONE, color_scheme=scheme)
    page.goto(long_site + f"mentors/{slug}/")
    headline = page.locator(".mdir-profile__headline")
    expect(headline).to_have_text(HEADLINE if slug == "long-words" else "ฐฑฒณดตถทธน" * 10)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # Each long piece of text is on screen and wrapped within it, not cut off or hidden.
    pieces = {"h1": NAME, ".mdir-profile__where": CITY, ".mdir-bio": BIO_WORD}
    if slug == "thai-words":
        pieces = {"h1": "กขคงจฉชซฌญ" * 8}
    for selector, text in {**pieces, ".mdir-profile__headline": None}.items():
        element = page.locator(f".md-content {selector}").first
        if text:
            expect(element).to_contain_text(text)
        box = element.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (selector, box)
    line = float(headline.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert headline.bounding_box()["height"] > 2 * line  # wrapped onto several lines
