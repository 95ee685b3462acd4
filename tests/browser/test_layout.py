"""Find a mentor, results first: the first mentor on the first screen, the filters beside the
results or behind a button, removable chips, the sort orders, and what screen readers hear."""

from __future__ import annotations

import unicodedata
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import expect

from tests.browser.support import profiles
from tests.browser.test_search import READY, all_results, choose, open_directory

PROFILES = profiles()
LAPTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def query(page) -> dict[str, list[str]]:
    return parse_qs(page.evaluate("location.search")[1:])


def names_with(predicate) -> list[str]:
    return [p["name"] for p in PROFILES.values() if predicate(p)]


@pytest.mark.parametrize("script", [True, False], ids=["with JavaScript", "without JavaScript"])
@pytest.mark.parametrize("device", [LAPTOP, PHONE], ids=["1280x800", "390x844"])
def test_the_first_mentor_is_on_the_first_screen(new_page, site_url, device, script) -> None:
    page = new_page(java_script_enabled=script, **device)
    page.goto(site_url + "mentors/")
    if script:
        page.wait_for_function(READY)
    card = page.locator("li.mdir-card:visible").first
    box = card.bounding_box()
    height = device["viewport"]["height"]
    # The whole card, name to availability, without scrolling.
    top, bottom = box["y"], box["y"] + box["height"]
    assert top >= 0 and bottom <= height, f"the first card is at y={top:.0f} to {bottom:.0f}"
    expect(card.locator(".mdir-card__name a")).to_be_in_viewport()


def test_wide_screen_filters_sit_in_a_column_beside_the_results(new_page, site_url) -> None:
    page = new_page(**LAPTOP)
    open_directory(page, site_url + "mentors/")
    column = page.get_by_role("region", name="Filters")
    expect(column).to_be_visible()
    # No button is needed: the filters are on screen.
    expect(page.get_by_role("button", name="Filters", exact=True)).to_be_hidden()
    filters, card = column.bounding_box(), page.locator("#mdir-list > li").first.bounding_box()
    assert filters["x"] + filters["width"] <= card["x"], "the filters are not beside the results"
    assert filters["y"] < card["y"] + card["height"] and card["y"] < filters["y"] + filters["height"]
    # Every filter is in the column, ready to open, and the count is in sight.
    expect(column.locator("summary")).to_have_text(
        ["Topic", "Sector", "Region", "Country", "Language", "Scheme", "Talks by", "Availability", "Graduated between"]
    )
    # The theme's navigation stays; its contents column, empty on this page, gave its room.
    expect(page.locator(".md-sidebar--primary")).to_be_visible()
    expect(page.locator(".md-sidebar--secondary")).to_be_hidden()
    # Far down the list, the filters and the count are still in sight.
    page.locator("#mdir-list > li").last.scroll_into_view_if_needed()
    choose(page, "Topic", "Global health")
    health = names_with(lambda p: "global-health" in p["topics"])
    expect(page.locator("#mdir-count")).to_have_text(f"{len(health)} mentors match.")
    expect(page.locator("#mdir-count")).to_be_in_viewport()


def test_narrow_screen_filters_open_from_a_button_and_close_with_escape(new_page, site_url) -> None:
    page = new_page(**PHONE)
    open_directory(page, site_url + "mentors/")
    expect(page.get_by_role("region", name="Filters")).to_be_hidden()
    button = page.get_by_role("button", name="Filters", exact=True)
    expect(button).to_be_in_viewport()
    button.click()
    dialog = page.get_by_role("dialog", name="Filters")
    expect(dialog).to_be_visible()
    assert page.evaluate("document.querySelector('dialog.mdir-dialog').contains(document.activeElement)")
    dialog.locator("summary", has_text="Topic").click()
    dialog.locator("label.mdir-option", has_text="Climate and environment").locator("input").check()
    climate = names_with(lambda p: "climate-and-environment" in p["topics"])
    # The count stays in sight while filtering, and screen readers inside the dialog hear it.
    done = dialog.get_by_role("button", name=f"Show {len(climate)} mentors")
    expect(done).to_be_in_viewport()
    expect(dialog.get_by_role("status")).to_have_text(f"{len(climate)} mentors match.")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    chosen = page.get_by_role("button", name="Filters (1)")
    expect(chosen).to_be_focused()
    expect(page.get_by_role("button", name="Remove Topic: Climate and environment")).to_be_in_viewport()
    expect(page.locator("#mdir-count")).to_have_text(f"{len(climate)} mentors match.")
    assert sorted(all_results(page)) == sorted(climate)
    # "Show n mentors" closes it too.
    chosen.click()
    dialog.get_by_role("button", name=f"Show {len(climate)} mentors").click()
    expect(dialog).to_be_hidden()
    expect(chosen).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_chips_name_each_filter_and_removing_one_updates_results_and_url(page, site_url) -> None:
    open_directory(page, site_url + "mentors/")
    choose(page, "Topic", "Global health")
    choose(page, "Country", "Kenya")
    chips = page.locator(".mdir-chips button")
    expect(chips).to_have_text(["Topic: Global health ×", "Country: Kenya ×"])
    both = names_with(lambda p: "global-health" in p["topics"] and p["country"] == "KE")
    assert sorted(all_results(page)) == sorted(both)
    page.get_by_role("button", name="Remove Country: Kenya").click()
    health = names_with(lambda p: "global-health" in p["topics"])
    expect(page.locator("#mdir-count")).to_have_text(f"{len(health)} mentors match.")
    assert sorted(all_results(page)) == sorted(health)
    assert query(page) == {"topic": ["global-health"]}
    expect(page.get_by_role("button", name="Remove Topic: Global health")).to_be_focused()  # focus stays in the row
    assert not page.locator("label.mdir-option", has_text="Kenya").locator("input").is_checked()
    page.keyboard.press("Enter")
    expect(chips).to_have_count(0)
    assert query(page) == {}
    expect(page.locator("#mdir-q")).to_be_focused()
    # Graduation years are a chip too.
    open_directory(page, site_url + "mentors/?from=2000&to=2015")
    expect(page.get_by_role("button", name="Remove Graduated: 2000–2015")).to_be_visible()


def sort_by(page, text: str) -> None:
    page.get_by_label("Sort by").select_option(label=text)


def options(page) -> list[str]:
    return page.get_by_label("Sort by").locator("option").all_text_contents()


def latin(name: str) -> bool:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().strip() != ""


def folded(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def test_sort_by_name_is_alphabetical_whatever_the_accents(page, site_url) -> None:
    open_directory(page, site_url + "mentors/")
    sort_by(page, "Name (A–Z)")
    shown = all_results(page)
    assert shown[:3] == ["Agnieszka Wróbel", "Callum Fraser", "Camilo Restrepo"]
    assert shown.index("Geneviève Tremblay") < shown.index("Itzel Ramírez Cruz") < shown.index("José Núñez")
    in_latin = [n for n in shown if latin(n)]
    assert in_latin == sorted(in_latin, key=folded)
    # Names in other scripts come after the Latin alphabet, Cyrillic before Chinese.
    assert shown[: len(in_latin)] == in_latin and shown.index("Олена Коваленко") < shown.index("王芳")
    assert query(page) == {"sort": ["name"]}


def test_sort_by_recently_confirmed_puts_the_newest_confirmation_first(page, site_url) -> None:
    open_directory(page, site_url + "mentors/")
    sort_by(page, "Recently confirmed")
    newest_first = sorted(PROFILES.values(), key=lambda p: p["last_confirmed"], reverse=True)
    assert all_results(page) == [p["name"] for p in newest_first]
    assert all_results(page)[0] == "Agnieszka Wróbel"  # confirmed 2026-11-18


def test_best_match_is_offered_only_when_searching_and_fair_order_is_the_default(page, site_url) -> None:
    open_directory(page, site_url + "mentors/")
    served = page.locator("#mdir-results .mdir-card__name a").all_text_contents()  # the day's order, no script
    assert options(page) == ["Available first", "Recently confirmed", "Name (A–Z)"]
    expect(page.get_by_label("Sort by")).to_have_value("fair")
    assert all_results(page)[: len(served)] == served
    page.fill("#mdir-q", "climate")
    expect(page.get_by_label("Sort by")).to_have_value("match")
    assert options(page) == ["Best match", "Available first", "Recently confirmed", "Name (A–Z)"]
    best = all_results(page)
    tagged = names_with(lambda p: "climate-and-environment" in p["topics"])
    assert len(best) > len(tagged) and sorted(best[: len(tagged)]) == sorted(tagged)  # the topic before the bio
    sort_by(page, "Available first")
    fair = all_results(page)
    assert sorted(fair) == sorted(best)
    assert fair == [n for n in served if n in fair]  # the same people, in the day's order
    page.fill("#mdir-q", "")
    assert options(page) == ["Available first", "Recently confirmed", "Name (A–Z)"]


def test_back_and_forward_keep_sort_and_filters(page, site_url) -> None:
    open_directory(page, site_url + "mentors/")
    choose(page, "Topic", "Global health")
    health = sorted(names_with(lambda p: "global-health" in p["topics"]), key=folded)
    sort_by(page, "Name (A–Z)")
    page.wait_for_function("location.search.includes('sort=name')")
    assert query(page) == {"topic": ["global-health"], "sort": ["name"]}
    assert all_results(page) == health
    page.go_back()
    page.wait_for_function("!location.search.includes('sort=')")
    expect(page.get_by_label("Sort by")).to_have_value("fair")
    expect(page.get_by_role("button", name="Remove Topic: Global health")).to_be_visible()
    page.go_forward()
    page.wait_for_function("location.search.includes('sort=name')")
    expect(page.get_by_label("Sort by")).to_have_value("name")
    assert all_results(page) == health
    # A shared link opens the same order.
    other = page.context.new_page()
    open_directory(other, page.evaluate("location.href"))
    expect(other.get_by_label("Sort by")).to_have_value("name")
    assert all_results(other) == health


def test_the_count_is_announced_politely_once_per_change(page, site_url) -> None:
    open_directory(page, site_url + "mentors/")
    status = page.locator("#mdir-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    expect(status).to_have_text("")  # nothing read out on arrival
    page.evaluate("""() => {
      window.announced = [];
      const status = document.getElementById('mdir-status');
      new MutationObserver(() => window.announced.push(status.textContent))
        .observe(status, { childList: true, characterData: true, subtree: true });
    }""")
    # A burst of keystrokes, all in one go: "K", "Ka", ... "Kamau".
    page.evaluate("""() => {
      const box = document.getElementById('mdir-q');
      for (const text of ['K', 'Ka', 'Kam', 'Kama', 'Kamau']) {
        box.value = text;
        box.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }""")
    expect(status).to_have_text("1 mentor matches.")
    assert page.evaluate("window.announced") == ["1 mentor matches."]
    choose(page, "Availability", "Paused")
    expect(status).to_have_text("0 mentors match.")
    assert page.evaluate("window.announced") == ["1 mentor matches.", "0 mentors match."]
