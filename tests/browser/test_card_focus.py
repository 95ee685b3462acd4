"""A keyboard user sees which card has focus: the ring is drawn round the whole card.

The card's name link stretches over the card, so the link itself draws no ring; the card does,
for keyboard focus only (a click on a card shows none). The rule that draws it names the link
by its place in the card: a rule that searched the whole page for it cost every keystroke.
"""

from __future__ import annotations

from tests.browser.test_cards import READY

RING = """() => [...document.querySelectorAll('#mdir-list .mdir-card')].map(card => {
  const s = getComputedStyle(card);
  return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
})"""


def test_tabbing_to_a_card_rings_that_card_alone(page, site_url) -> None:
    page.goto(site_url + "mentors/")
    page.wait_for_function(READY)
    page.focus("#mdir-q")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('#mdir-list .mdir-card__link')"):
            break
    else:
        raise AssertionError("Tab never reached a card")
    assert page.evaluate(RING).count(True) == 1
    focused = page.evaluate(
        "() => [...document.querySelectorAll('#mdir-list .mdir-card')].indexOf(document.activeElement.closest('.mdir-card'))"
    )
    assert page.evaluate(RING)[focused]
    page.keyboard.press("Tab")  # the next card's link
    rings = page.evaluate(RING)
    assert rings.count(True) == 1 and rings[focused + 1]
    page.guard.assert_clean()


def test_a_card_typed_into_view_rings_as_the_first_did(page, site_url) -> None:
    page.goto(site_url + "mentors/")
    page.wait_for_function(READY)
    page.fill("#mdir-q", "health")  # the cards now on screen were added by the script
    page.focus("#mdir-list .mdir-card__link")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate(RING).count(True) == 1
    page.guard.assert_clean()


def test_clicking_a_card_shows_no_ring(page, site_url) -> None:
    page.goto(site_url + "mentors/")
    page.wait_for_function(READY)
    card = page.locator("#mdir-list .mdir-card").first
    card.evaluate("c => c.querySelector('a').addEventListener('click', e => e.preventDefault())")
    card.click()
    assert page.evaluate("() => document.activeElement.matches('#mdir-list .mdir-card__link')")
    assert page.evaluate(RING).count(True) == 0
    page.guard.assert_clean()
