"""Find a mentor in a real browser: typing, filters, the URL, the zero-results helper, file://."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.support import ROOT, is_paused, profiles

READY = "window.mentorDirectorySearch && window.mentorDirectorySearch.ready"
PROFILES = profiles()


def open_directory(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(READY)


def shown(page) -> list[str]:
    """The names on the result cards, in order (only the first page of results is on screen)."""
    # Text content: cards below the fold are not rendered until scrolled to (content-visibility).
    return page.locator("#mdir-list .mdir-card__name a").all_text_contents()


def all_results(page) -> list[str]:
    """Every result's name, pressing "Show more" until none are left."""
    more = page.locator(".mdir-search__more")
    while more.is_visible():
        more.click()
    return shown(page)


def count(page) -> str:
    return page.inner_text("#mdir-count")


def choose(page, facet: str, label: str) -> None:
    box = page.locator("details.mdir-facet", has=page.locator("summary", has_text=facet))
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    box.locator("label.mdir-option", has_text=label).locator("input").check()


def test_all_mentors_show_and_typing_narrows_them(page, site_url: str) -> None:
    open_directory(page, site_url + "mentors/")
    assert count(page) == f"{len(PROFILES)} mentors, available first."
    assert page.locator("#mdir-results").is_hidden()  # the server-rendered list gives way
    page.fill("#mdir-q", "Wanj")  # the word being typed matches as a prefix
    assert shown(page) == ["Wanjiru Kamau"]
    page.fill("#mdir-q", "Wanjiru Kamau")
    assert shown(page) == ["Wanjiru Kamau"] and count(page) == "1 mentor matches."
    page.fill("#mdir-q", "")
    assert len(all_results(page)) == len(PROFILES)


def test_name_and_topic_matches_rank_first(page, site_url: str) -> None:
    open_directory(page, site_url + "mentors/")
    page.fill("#mdir-q", "humanitarian")
    tagged = {p["name"] for p in PROFILES.values() if "humanitarian-response" in p["topics"]}
    names = all_results(page)
    assert tagged and set(names[: len(tagged)]) == tagged


ODD = ["c++", "foo:", "*", "~1", "^2", "name:", "-", "'\"", "<script>", "+health -policy", "name:Wanjiru", "clim*",
       "health~1", "\"global health\"", "🙂🌍 👩🏽‍🏫", "مرحبا بالعالم", "שלום", "Wanjiru \u202eKamau", "%zz&search=x#top",
       "health " * 1500 + "climate policy evaluation " * 100]  # fmt: skip


@pytest.mark.parametrize("text", ODD, ids=[t if len(t) < 40 else f"{len(t)} characters" for t in ODD])
def test_odd_input_never_throws_and_the_url_keeps_it(page, site_url: str, text: str) -> None:
    open_directory(page, site_url + "mentors/")
    page.fill("#mdir-q", text)
    assert count(page).endswith(("match.", "matches.", "first."))
    # The URL follows once typing pauses, and gives the same text back.
    page.wait_for_function("new URLSearchParams(location.search).has('search')")
    assert page.evaluate("new URLSearchParams(location.search).get('search')") == text
    assert page.evaluate("location.pathname").endswith("/mentors/") and page.evaluate("location.hash") == ""
    # The page guard fails the test on any page error or console error.


def test_filters_or_within_and_across_with_counts(page, site_url: str) -> None:
    open_directory(page, site_url + "mentors/")
    choose(page, "Topic", "Global health")
    choose(page, "Topic", "Climate and environment")
    either = [p for p in PROFILES.values() if {"global-health", "climate-and-environment"} & set(p["topics"])]
    assert count(page) == f"{len(either)} mentors match."
    assert sorted(all_results(page)) == sorted(p["name"] for p in either)
    # Each language shows how many of the current results speak it.
    english = sum("en" in p["languages"] for p in either)
    box = page.locator("details.mdir-facet", has=page.locator("summary", has_text="Language"))
    box.locator("summary").click()
    assert box.locator("label.mdir-option", has_text="English").inner_text().endswith(f"({english})")
    choose(page, "Language", "English")
    both = [p for p in either if "en" in p["languages"]]
    assert sorted(all_results(page)) == sorted(p["name"] for p in both)
    choose(page, "Availability", "Paused")
    paused = [p for p in both if is_paused(p)]
    assert sorted(all_results(page)) == sorted(p["name"] for p in paused)


def test_region_and_graduation_years(page, site_url: str) -> None:
    open_directory(page, site_url + "mentors/")
    choose(page, "Region", "Oceania")
    oceania = {"AU", "NZ", "FJ"}
    assert sorted(all_results(page)) == sorted(p["name"] for p in PROFILES.values() if p["country"] in oceania)
    page.locator("summary", has_text="Graduated between").click()
    page.fill("#mdir-from", "2000")
    page.fill("#mdir-to", "2015")
    page.locator("#mdir-to").dispatch_event("change")
    expected = [
        p["name"] for p in PROFILES.values() if p["country"] in oceania and 2000 <= p.get("graduation_year", 0) <= 2015
    ]
    assert sorted(all_results(page)) == sorted(expected)


def test_state_lives_in_the_url_and_back_forward_work(page, site_url: str) -> None:
    open_directory(page, site_url + "mentors/")
    choose(page, "Topic", "Global health")
    choose(page, "Country", "Kenya")
    page.fill("#mdir-q", "health")
    page.wait_for_function("location.search.includes('search=health')")  # once typing pauses
    query = parse_qs(page.evaluate("location.search")[1:])
    assert query == {"topic": ["global-health"], "country": ["ke"], "search": ["health"]}
    results = shown(page)
    # A shared link opens the same search.
    other = page.context.new_page()
    # page.url misses history.replaceState, which typing uses; the document knows.
    open_directory(other, page.evaluate("location.href"))
    assert shown(other) == results
    assert other.input_value("#mdir-q") == "health"
    assert other.locator("label.mdir-option", has_text="Kenya").locator("input").is_checked()
    # Back undoes the last filter.
    page.go_back()
    page.wait_for_function(READY)
    assert "country" not in parse_qs(page.evaluate("location.search")[1:])
    assert not page.locator("label.mdir-option", has_text="Kenya").locator("input").is_checked()


def test_zero_results_says_what_to_drop_and_suggests_topics(page, site_url: str) -> None:
    open_directory(page, site_url + "mentors/?topic=humanitarian-response&country=no")
    helper = page.locator(".mdir-empty")
    assert count(page) == "0 mentors match."
    assert helper.is_visible()
    # Without the country, every humanitarian-response mentor matches.
    anywhere = sum("humanitarian-response" in p["topics"] for p in PROFILES.values())
    drop = helper.get_by_role("button", name=f"Remove country Norway: {anywhere} mentor")
    assert drop.is_visible()
    assert helper.get_by_role("link", name="Group mentoring").is_visible()
    assert helper.get_by_role("link", name="approaching people outside the directory").is_visible()
    drop.click()
    assert count(page) != "0 mentors match." and helper.is_hidden()
    assert "country" not in parse_qs(page.evaluate("location.search")[1:])


def test_keyboard_only(page, site_url: str) -> None:
    open_directory(page, site_url + "mentors/")
    page.focus("#mdir-q")
    page.keyboard.type("Kamau")
    assert shown(page) == ["Wanjiru Kamau"]
    page.keyboard.press("Tab")  # to the first filter's summary
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")  # open it
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "checkbox"
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")


def test_results_come_a_page_at_a_time(new_page, build_site, serve_site, tmp_path) -> None:
    fixture = (ROOT / "tests" / "fixtures" / "profiles" / "ada-okafor.yml").read_text(encoding="utf-8")
    fixture = fixture.replace("photo: ada-okafor.png\n", "")
    many = {
        f"mentor-{i:02d}.yml": fixture.replace("Ada Okafor", f"Mentor {i:02d}").replace("ada.okafor@", f"m{i}@")
        for i in range(60)
    }
    url = serve_site(build_site(tmp_path, many))
    page = new_page()
    open_directory(page, url + "mentors/")
    assert len(shown(page)) == 24
    more = page.get_by_role("button", name="Show 24 more (36 not shown)")
    more.click()
    assert len(shown(page)) == 48
    assert page.evaluate("document.activeElement.textContent") == shown(page)[24]
    page.get_by_role("button", name="Show 12 more (12 not shown)").click()
    assert len(shown(page)) == 60
    assert page.get_by_role("button", name=re.compile("Show")).is_hidden()


def test_works_from_file_with_every_remote_request_blocked(browser, site_dir) -> None:
    context = browser.new_context()
    blocked: list[str] = []
    errors: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site_dir / "mentors" / "index.html").as_uri())
    page.wait_for_function(READY)
    page.fill("#mdir-q", "Wanjiru")
    assert shown(page) == ["Wanjiru Kamau"]
    assert blocked == []
    # The hosted build's header search needs a server (the offline build inlines its index);
    # nothing of the directory's own may fail.
    assert [e for e in errors if "search/search_index.js" not in e] == []
    context.close()


def test_phone_width_has_no_sideways_scroll(new_page, site_url: str) -> None:
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    open_directory(page, site_url + "mentors/")
    page.get_by_role("button", name="Filters", exact=True).click()  # on a phone the filters open in a dialog
    page.get_by_role("dialog").locator("summary", has_text="Topic").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


HEADER = ".mdir-header-mentors"


def header_search(page, text: str):
    """Type into the header search; the mentors it shows (name, headline) and its 'All mentors' link."""
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill(text)
    page.locator(HEADER + " .md-search-result__item").first.wait_for()
    items = page.locator(HEADER + " .md-search-result__item")
    # The title is the name (a Latin form of it may follow, in its own span).
    shown = [
        (i.locator("h1").evaluate("h => h.firstChild.textContent"), i.locator("p").inner_text()) for i in items.all()
    ]
    return shown, page.locator(HEADER + " .mdir-header-mentors__all")


def test_header_search_shows_each_mentor_by_name_and_headline(page, site_url: str) -> None:
    page.goto(site_url + "guide/schemes/")
    shown, everyone = header_search(page, "Jose")  # typed without the accent
    jose = PROFILES["jose-nunez"]
    assert shown == [(jose["name"], jose["headline"])]
    link = page.locator(HEADER + " .md-search-result__link").first
    assert urlsplit(link.get_attribute("href")).path.endswith("/mentors/jose-nunez/")
    assert everyone.inner_text() == "1 mentor matching ‘Jose’"
    everyone.click()
    page.wait_for_function(READY)
    assert urlsplit(page.url).path.endswith("/mentors/") and parse_qs(urlsplit(page.url).query) == {"search": ["Jose"]}
    assert shown_names(page) == [jose["name"]]


def shown_names(page) -> list[str]:
    return page.locator("#mdir-list .mdir-card__name a").all_text_contents()


@pytest.mark.parametrize("text", ["climate", "enviroment", "Kovalenko", "peace building", "Spanish", "UN", "M&E"])
def test_header_and_directory_find_the_same_mentors(page, site_url: str, text: str) -> None:
    page.goto(site_url)
    shown, everyone = header_search(page, text)
    total = int(re.match(r"(?:All )?(\d+) mentors? matching", everyone.inner_text()).group(1))
    everyone.click()
    page.wait_for_function(READY)
    assert count(page) == f"{total} {'mentor matches' if total == 1 else 'mentors match'}."
    assert shown_names(page)[: len(shown)] == [name for name, _ in shown]


def test_site_search_keeps_guidance_pages_and_not_the_card_list(page, site_url: str) -> None:
    page.goto(site_url)
    page.locator(".md-search__input").click()
    page.keyboard.type("Wanjiru")
    page.locator(HEADER + " .md-search-result__item").first.wait_for()
    # Material's own results: the directory page's cards are not one long document.
    page.wait_for_function("!document.querySelector('.md-search-result__meta').textContent.includes('Initializing')")
    material = page.locator(".md-search-result__list:not(.mdir-header-mentors__list) .md-search-result__item")
    assert material.filter(has_text="Find a mentor").count() == 0
