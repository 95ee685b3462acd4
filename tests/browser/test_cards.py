"""Mentor cards as a student meets them, on a laptop and on a phone, with and without JavaScript.

The script draws cards by cloning the page's <template>; these tests hold it to the card the
server renders for the same mentor, and measure the boxes a student sees and taps.
"""

from __future__ import annotations

import pytest

from tests.browser.support import profiles

READY = "window.mentorDirectorySearch && window.mentorDirectorySearch.ready"
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TOUCH_PHONE = {"viewport": PHONE, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}
LONG_WORD = "Ombudsinstitutionsdirektionsreformarbeitsgruppenvorsitzendenstellvertretungsbeauftragtenkoordination"

# A card as a comparable tree: tag, attributes (links as absolute paths, style as the browser
# reads it), and the children; text with its spaces collapsed, whitespace between tags left out.
CARD_TREE = """card => {
  function walk(node) {
    if (node.nodeType === 3) return node.textContent.replace(/\\s+/g, " ").trim() || null;
    if (node.nodeType !== 1) return null;
    const attrs = {};
    for (const a of node.attributes) {
      attrs[a.name] = a.name === "style" ? node.style.cssText
        : (a.name === "href" || a.name === "src") ? new URL(a.value, location.href).pathname : a.value;
    }
    return [node.tagName.toLowerCase(), attrs, [...node.childNodes].map(walk).filter(x => x !== null)];
  }
  return walk(card);
}"""


def profile(name: str, **fields: str) -> str:
    """A valid profile's YAML, with some fields replaced or added."""
    values = {
        "name": name,
        "email": "mentor@example.org",
        "headline": "Evaluation adviser at Example Foundation",
        "bio": "I spent ten years in monitoring and evaluation across East Africa, first with a small NGO and then with a foundation.",
        "topics": "[data-and-evidence]",
        "country": "KE",
        "languages": "[en]",
        "last_confirmed": "2026-05-01",
    } | fields
    if "imported" in values:
        del values["last_confirmed"]
    return "".join(f"{key}: {value}\n" for key, value in values.items())


EDGE_CASES = {
    # A name in a script with no Latin form given, paused until a date.
    "nino-beridze.yml": profile("ნინო ბერიძე", paused_until="2027-03-01", topics="[global-health]"),
    # Imported and not confirmed; limited; in two schemes; a 100-character headline of one word.
    "ada-okafor.yml": profile(
        "Ada Okafor", imported="2026-01-10", availability="limited", schemes="[matched, group]", headline=LONG_WORD
    ),
    "li-wei.yml": profile("李伟", name_latin="Li Wei", pronouns="he/him", topics="[data-and-evidence, global-health]"),
}


@pytest.fixture(scope="module")
def edge_url(tmp_path_factory, build_site, serve_site) -> str:
    return serve_site(build_site(tmp_path_factory.mktemp("cards"), EDGE_CASES))


def open_directory(page, url: str) -> None:
    page.goto(url + "mentors/")
    page.wait_for_function(READY)
    more = page.locator(".mdir-search__more")
    while more.is_visible():
        more.click()


def cards_by_link(page, selector: str) -> dict[str, object]:
    trees = page.eval_on_selector_all(selector, f"cards => cards.map({CARD_TREE})")
    return {tree[2][-1][2][0][2][0][1]["href"]: tree for tree in trees}  # body > h3 > a


def server_cards(new_page, url: str) -> dict[str, object]:
    """Every card of the directory without JavaScript, across its pages."""
    page = new_page(java_script_enabled=False)
    page.goto(url + "mentors/")
    found = {}
    while True:
        found |= cards_by_link(page, "#mdir-results .mdir-card")
        following = page.locator("a[rel=next]")
        if not following.count():
            return found
        following.click()


@pytest.mark.parametrize("site", ["sample", "edge cases"])
def test_a_card_drawn_by_the_script_is_the_card_the_server_renders(new_page, site_url, edge_url, site) -> None:
    url = site_url if site == "sample" else edge_url
    expected = server_cards(new_page, url)
    page = new_page()
    open_directory(page, url)
    drawn = cards_by_link(page, "#mdir-list .mdir-card")
    assert len(drawn) == len(expected) == (len(profiles()) if site == "sample" else len(EDGE_CASES))
    for link, tree in expected.items():
        assert drawn[link] == tree, link


def card_text(page, slug: str) -> str:
    return page.locator(".mdir-card", has=page.locator(f'a[href*="/{slug}/"]')).first.inner_text()


@pytest.mark.parametrize("javascript", [True, False])
def test_a_card_shows_a_latin_form_availability_and_schemes_at_a_glance(new_page, edge_url, javascript) -> None:
    page = new_page(java_script_enabled=javascript)
    if javascript:
        open_directory(page, edge_url)
    else:
        page.goto(edge_url + "mentors/")
    nino = card_text(page, "nino-beridze")
    assert "ნინო ბერიძე Nino Beridze" in nino  # transliterated at build time: no name_latin given
    assert "Paused until 1 March 2027" in nino and "Ask An Alum" in nino  # the default scheme
    ada = card_text(page, "ada-okafor")
    assert "Limited availability" in ada and "Matched mentoring" in ada and "Group mentoring" in ada
    assert "Ask An Alum" not in ada and "Imported, not yet confirmed" in ada
    li = card_text(page, "li-wei")
    assert "李伟 Li Wei he/him" in li and "Available for conversations" in li  # the brackets are drawn by CSS


def test_a_profile_page_shows_the_transliterated_name(page, edge_url) -> None:
    page.goto(edge_url + "mentors/nino-beridze/")
    assert page.locator(".mdir-profile__where .mdir-name-latin").inner_text() == "Nino Beridze"


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_card_photos_are_square_and_the_whole_card_is_one_link(new_page, site_url, viewport, javascript) -> None:
    page = new_page(viewport=viewport, java_script_enabled=javascript)
    page.goto(site_url + "mentors/")
    if javascript:
        page.wait_for_function(READY)
    cards = page.locator("#mdir-list .mdir-card" if javascript else "#mdir-results .mdir-card")
    assert cards.count() >= 20
    photos = 0
    for i in range(cards.count()):
        card = cards.nth(i)
        card.scroll_into_view_if_needed()
        avatar = card.locator(".mdir-avatar").bounding_box()
        assert avatar["width"] == pytest.approx(avatar["height"], abs=0.5) and avatar["width"] >= 40, i
        photos += card.locator("img.mdir-avatar").count()
        # One focusable thing per card: the link, whose name is the mentor's name.
        assert card.locator("a, button, input, select, textarea, [tabindex]").count() == 1
        name = card.locator(".mdir-card__link").inner_text()
        box = card.bounding_box()
        # Every point of the card, its photo and its tags included, is that link: corners and edges
        # just inside the rounded border, the middle, and the photo.
        points = [(box["x"] + dx, box["y"] + dy) for dx in (8, box["width"] / 2, box["width"] - 8)
                  for dy in (8, box["height"] / 2, box["height"] - 8)]  # fmt: skip
        points.append((avatar["x"] + avatar["width"] / 2, avatar["y"] + avatar["height"] / 2))
        for x, y in points:
            hit = page.evaluate("([x, y]) => { const a = document.elementFromPoint(x, y).closest('a'); "
                                "return a && a.classList.contains('mdir-card__link') ? a.textContent : null; }", [x, y])  # fmt: skip
            assert hit == name, (name, x, y)
    assert photos >= 5  # the sample's photos, not only initials
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def controls_under_44(page) -> list[str]:
    """Every control in the page's content smaller than 44 x 44 CSS px, as it can be tapped."""
    return page.evaluate("""() => {
      const small = [];
      for (const el of document.querySelectorAll(
          ".md-content a[href], .md-content button, .md-content input, .md-content select, .md-content summary")) {
        let target = el;
        if (el.matches("input[type=checkbox], input[type=radio]")) {  // tapping its label ticks it too
          target = el.closest("label") || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el;
        }
        if (el.matches(".mdir-card__link")) target = el.closest(".mdir-card");  // stretched over the card
        const box = target.getBoundingClientRect();
        if (!box.width && !box.height) continue;  // not shown
        if (box.width < 44 || box.height < 44) {
          small.push(`${el.tagName} "${el.textContent.trim().slice(0, 40)}" ${box.width.toFixed(0)}x${box.height.toFixed(0)}`);
        }
      }
      return small;
    }""")


def test_every_control_on_find_a_mentor_is_44_px_on_a_touch_phone(new_page, site_url) -> None:
    page = new_page(**TOUCH_PHONE)
    page.goto(site_url + "mentors/")
    page.wait_for_function(READY)
    assert page.evaluate("matchMedia('(pointer: coarse)').matches")
    assert controls_under_44(page) == []  # the search box, the Filters button, the order, the cards
    page.locator(".mdir-filters-button").click()
    for summary in page.locator("dialog[open] details.mdir-facet > summary").all():
        summary.click()  # every filter open in the dialog: its rows are controls too
    assert controls_under_44(page) == []
    page.locator("dialog[open] details.mdir-facet input").first.check()
    page.keyboard.press("Escape")
    page.locator(".mdir-chip").first.wait_for()
    assert controls_under_44(page) == []  # the chip of the filter in use
    # Nothing matches: the helper's buttons and links.
    page.fill("#mdir-q", "zzzzqqq")
    page.locator(".mdir-empty").wait_for()
    assert controls_under_44(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_every_control_of_a_profile_is_44_px_on_a_touch_phone(new_page, site_url, javascript) -> None:
    page = new_page(**TOUCH_PHONE, java_script_enabled=javascript)
    page.goto(site_url + "mentors/agnieszka-wrobel/")  # in the one-off scheme: the composer, its links and buttons
    if javascript:
        page.locator(".mdir-composer").wait_for()
    assert controls_under_44(page) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_every_control_of_the_list_without_script_is_44_px_on_a_touch_phone(new_page, site_url, javascript) -> None:
    page = new_page(**TOUCH_PHONE, java_script_enabled=javascript)
    page.goto(site_url + "mentors/")
    assert controls_under_44(page) == []


@pytest.mark.parametrize("path", ["mentors/", "mentors/ada-okafor/"])
def test_a_100_character_word_does_not_widen_a_375_px_page(new_page, edge_url, path: str) -> None:
    page = new_page(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    page.goto(edge_url + path)
    assert LONG_WORD in page.locator(".md-content").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


# -- Counts, as the script writes them: 0, 1 and 2 -------------------------------------


def test_the_script_counts_in_the_singular_and_the_plural(new_page, edge_url) -> None:
    page = new_page()
    open_directory(page, edge_url)
    count = page.locator("#mdir-count")
    assert count.inner_text() == "3 mentors, available first."
    page.fill("#mdir-q", "global health")  # Nino and Li Wei
    page.wait_for_function("document.getElementById('mdir-count').textContent === '2 mentors match.'")
    page.fill("#mdir-q", "Nino")
    page.wait_for_function("document.getElementById('mdir-count').textContent === '1 mentor matches.'")
    page.fill("#mdir-q", "Nino Okafor")
    page.wait_for_function("document.getElementById('mdir-count').textContent === '0 mentors match.'")
    # The helper counts what each way out would give.
    drops = page.locator(".mdir-empty__drops button").all_inner_texts()
    assert "Search without “Nino Okafor”: 3 mentors" in drops


@pytest.fixture(scope="module")
def one_mentor_url(tmp_path_factory, build_site, serve_site) -> str:
    profiles = {"li-wei.yml": EDGE_CASES["li-wei.yml"]}
    return serve_site(build_site(tmp_path_factory.mktemp("one-mentor"), profiles))


def test_a_directory_of_one_says_one(new_page, one_mentor_url) -> None:
    page = new_page()
    open_directory(page, one_mentor_url)
    assert page.locator(".mdir-lead").first.inner_text().startswith("1 alum has offered to talk with students.")
    assert page.locator("#mdir-count").inner_text() == "1 mentor, available first."


@pytest.mark.parametrize(
    ("words", "said"), [("Nino", "1 mentor matching ‘Nino’"), ("health", "All 2 mentors matching ‘health’")]
)
def test_the_header_search_counts_the_mentors_it_links_to(page, edge_url, words: str, said: str) -> None:
    page.goto(edge_url + "guide/schemes/")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill(words)
    assert page.locator(".mdir-header-mentors__all").inner_text() == said
