"""What a student does on the site, in a real browser: find a mentor, read the profile, write the email."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from generator.site.render import topic_phrase

from .support import STATUS_RANK, is_paused, parse_mailto, parse_web_link, profiles

pytestmark = pytest.mark.browser

SAMPLE = profiles()
PAUSED = [slug for slug, p in SAMPLE.items() if is_paused(p)]
# A mentor who talks about global health and takes requests: the composer's subject is checked with it.
ASKABLE = next(slug for slug, p in SAMPLE.items() if "global-health" in p["topics"] and not is_paused(p))
PHOTO = "wang-fang"  # a name in Chinese script, with a photo

STUDENT = {"name": "Amina Yusuf", "course": "MSc Global Health, first year"}
WHY = "Your profile says you moved from clinical work into policy, which is the move I hope to make."
QUESTION = "How did you move from clinical work into health policy, and what would you do differently?"
LONG_QUESTION = ("我想了解您是如何从临床工作转向卫生政策研究的，以及您会给正在考虑这条道路的学生什么建议。" * 80)[:3000]


def fill_composer(page, topic: str, question: str = QUESTION) -> None:
    page.select_option("#ask-topic", label=topic)
    page.fill("#ask-name", STUDENT["name"])
    page.fill("#ask-course", STUDENT["course"])
    page.fill("#ask-question", question)


def send_href(page) -> str:
    return page.locator(".mdir-ask__send").get_attribute("href")


def assert_crlf_only(text: str) -> None:
    assert "\r\n" in text, "the body has no line breaks"
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", ""), (
        "a line break in the mailto body is not CRLF"
    )


# -- home and directory -------------------------------------------------------------------


def test_home_explains_three_steps_and_leads_to_the_directory(page, site_url) -> None:
    page.goto(site_url)
    expect(page.locator("h1")).to_contain_text("Find a mentor, ask well")
    steps = page.locator(".grid.cards > ul > li")
    expect(steps).to_have_count(3)
    for i, step in enumerate(["1. Prepare", "2. Find", "3. Ask"]):
        expect(steps.nth(i)).to_contain_text(step)
    page.get_by_role("link", name="Browse the mentors").click()
    expect(page).to_have_url(site_url + "mentors/")
    expect(page.locator("h1")).to_have_text("Find a mentor")
    # "Find a mentor" is the directory's entry in the navigation, on every guidance page.
    page.goto(site_url + "guide/before-you-ask/")
    nav = page.locator(".md-sidebar--primary").get_by_role("link", name="Find a mentor", exact=True)
    expect(nav).to_be_visible()
    assert nav.evaluate("a => a.href") == site_url + "mentors/"
    page.guard.assert_clean()


def visible_cards(page):
    """The mentor cards a student sees, after pressing any "Show … more" button the list offers."""
    more = page.get_by_role("button", name=re.compile(r"\bmore\b", re.I))
    for _ in range(len(SAMPLE)):
        if not more.first.is_visible():
            break
        more.first.click()
    return page.locator("li.mdir-card:visible")


def test_directory_lists_every_sample_mentor_available_first_paused_last(page, site_url) -> None:
    page.goto(site_url + "mentors/")
    cards = visible_cards(page)
    expect(cards).to_have_count(len(SAMPLE))
    names = cards.locator(".mdir-card__name a")
    # Text content: cards below the fold are not rendered until scrolled to (content-visibility).
    assert sorted(names.all_text_contents()) == sorted(p["name"] for p in SAMPLE.values())
    for name in (p["name"] for p in SAMPLE.values()):
        expect(names.filter(has_text=name)).to_be_visible()
    statuses = [card.get_attribute("data-status") for card in cards.all()]
    assert statuses[0] == "open" and statuses[-1] == "paused", statuses
    assert statuses == sorted(statuses, key=STATUS_RANK.__getitem__), f"not available first, paused last: {statuses}"
    assert statuses.count("paused") == len(PAUSED)
    page.guard.assert_clean()


def test_clicking_a_card_opens_the_profile(page, site_url) -> None:
    mentor = SAMPLE[PHOTO]
    page.goto(site_url + "mentors/")
    visible_cards(page).locator(".mdir-card__name a", has_text=mentor["name"]).click()
    expect(page).to_have_url(site_url + f"mentors/{PHOTO}/")
    expect(page.locator("h1")).to_have_text(mentor["name"])
    assert page.title().startswith(mentor["name"])
    expect(page.locator(".mdir-profile__headline")).to_have_text(mentor["headline"])
    expect(page.locator(".mdir-bio")).to_contain_text(mentor["bio"].split(".")[0])
    expect(page.locator("h2#details")).to_be_visible()
    facts = page.locator("dl.mdir-facts")
    expect(facts).to_be_visible()
    for text in ["Can talk about", "Languages", "Based in", mentor["city"], "China", "Chinese", "English"]:
        expect(facts).to_contain_text(text)
    photo = page.locator("img.mdir-avatar")
    expect(photo).to_have_attribute("alt", mentor["name"])
    photo.scroll_into_view_if_needed()
    expect(photo).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
    page.guard.assert_clean()


# -- the composer -------------------------------------------------------------------------


def test_composer_writes_an_rfc6068_mailto_link(page, site_url) -> None:
    mentor = SAMPLE[ASKABLE]
    page.goto(site_url + f"mentors/{ASKABLE}/")
    fill_composer(page, "Global health")
    href = send_href(page)
    link = parse_mailto(href)
    assert set(link.query) == {"subject", "body"} and all(len(v) == 1 for v in link.query.values())
    assert link.address == mentor["email"]
    assert "global health" in link.subject and topic_phrase("Global health") == "global health"
    for text in (STUDENT["name"], STUDENT["course"], QUESTION, mentor["name"]):
        assert text in link.body, f"{text!r} is not in the body"
    assert link.body.startswith(f"Dear {mentor['name']},")
    assert_crlf_only(link.body)
    assert "+" not in href and "%20" in href, "spaces must be %20, never '+'"
    assert len(href) <= 2000
    expect(page.locator("#ask-notice")).to_have_text("")
    # The preview shows the student the same message.
    page.get_by_text("Preview the message").click()
    expect(page.locator(".mdir-preview__text")).to_contain_text(QUESTION)
    page.guard.assert_clean()


def test_a_long_question_in_chinese_is_cut_to_fit_and_the_student_is_told(page, site_url) -> None:
    page.goto(site_url + f"mentors/{ASKABLE}/")
    fill_composer(page, "Global health", LONG_QUESTION)
    href = send_href(page)
    assert len(href) <= 2000, f"the link is {len(href)} characters"
    notice = page.locator("#ask-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("too long")
    expect(notice).to_contain_text("Shorten it")
    cut = int(re.search(r"the last (\d+) characters", notice.inner_text()).group(1))
    kept = len(LONG_QUESTION) - cut
    body = parse_mailto(href).body
    assert 0 < kept < len(LONG_QUESTION)
    assert LONG_QUESTION[:kept] in body and LONG_QUESTION[: kept + 1] not in body
    # As much as fits is kept: one more character (9 when encoded) would make the link too long.
    assert len(href) + len("%E6%88%91") > 2000
    # Shortening the question again takes the notice away.
    page.fill("#ask-question", QUESTION)
    expect(notice).to_have_text("")
    page.guard.assert_clean()


def test_a_long_question_with_emoji_is_cut_between_characters(page, site_url) -> None:
    page.goto(site_url + f"mentors/{ASKABLE}/")
    question = "🙂" * 400
    fill_composer(page, "Global health", question)
    assert not page.guard.page_errors, page.guard.page_errors
    href = send_href(page)
    assert len(href) <= 2000
    notice = page.locator("#ask-notice")
    expect(notice).to_contain_text("too long")
    # The count is in characters the student typed, and no emoji is cut in half.
    kept = 400 - int(re.search(r"the last (\d+) characters", notice.inner_text()).group(1))
    body = parse_mailto(href).body
    assert 0 < kept < 400 and "🙂" * kept in body and "🙂" * (kept + 1) not in body
    page.guard.assert_clean()


def test_copy_buttons_put_the_address_and_the_whole_message_on_the_clipboard(new_page, site_url) -> None:
    mentor = SAMPLE[ASKABLE]
    page = new_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(site_url + f"mentors/{ASKABLE}/")
    fill_composer(page, "Global health", LONG_QUESTION)
    copy_address, copy_message = page.locator("[data-copy=address]"), page.locator("[data-copy=message]")
    expect(copy_address).to_have_text("Copy address")
    copy_address.click()
    expect(copy_address).to_have_text("Copied")
    expect(page.locator(".mdir-ask__actions [role=status]")).to_have_text("Address copied.")
    assert page.evaluate("navigator.clipboard.readText()") == mentor["email"]

    expect(copy_message).to_have_text("Copy message")
    copy_message.click()
    expect(copy_message).to_have_text("Copied")
    expect(page.locator(".mdir-ask__actions [role=status]")).to_have_text("Message copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    link = parse_mailto(send_href(page))
    assert copied.startswith(f"Subject: {link.subject}\n\nDear {mentor['name']},")
    # The link had to cut the question; the copied message has all of it.
    assert LONG_QUESTION in copied
    for text in (STUDENT["name"], STUDENT["course"]):
        assert text in copied
    page.guard.assert_clean()


def test_webmail_links_carry_the_same_message(page, site_url) -> None:
    mentor = SAMPLE[ASKABLE]
    page.goto(site_url + f"mentors/{ASKABLE}/")
    fill_composer(page, "Global health")
    link = parse_mailto(send_href(page))
    plain_body = link.body.replace("\r\n", "\n")

    gmail = page.get_by_role("link", name="Open in Gmail")
    expect(gmail).to_be_visible()
    host, path, query = parse_web_link(gmail.get_attribute("href"))
    assert (host, path) == ("mail.google.com", "/mail/")
    assert query["to"] == [mentor["email"]] and query["su"] == [link.subject] and query["body"] == [plain_body]
    assert query["view"] == ["cm"]

    outlook = page.get_by_role("link", name="Open in Outlook on the web")
    expect(outlook).to_be_visible()
    host, path, query = parse_web_link(outlook.get_attribute("href"))
    assert (host, path) == ("outlook.office.com", "/mail/deeplink/compose")
    assert query["to"] == [mentor["email"]] and query["subject"] == [link.subject] and query["body"] == [plain_body]

    for webmail in (gmail, outlook):
        expect(webmail).to_have_attribute("target", "_blank")
        assert "noopener" in webmail.get_attribute("rel")
    page.guard.assert_clean()


@pytest.mark.parametrize("slug", PAUSED)
def test_a_paused_mentor_cannot_be_asked(page, site_url, slug) -> None:
    mentor = SAMPLE[slug]
    page.goto(site_url + f"mentors/{slug}/")
    expect(page.locator("h1")).to_have_text(mentor["name"])
    expect(page.locator(".mdir-ask__send")).to_have_count(0)
    expect(page.get_by_role("button", name="Copy address")).to_have_count(0)
    expect(page.locator("#ask-question")).to_have_count(0)
    assert page.locator("#ask").get_attribute("data-mx") is None, "the address of a paused mentor is on the page"
    note = page.locator(".mdir-note--paused")
    expect(note).to_be_visible()
    expect(note).to_contain_text(f"{mentor['name']} is not taking requests")
    status = page.locator(".mdir-profile .mdir-status")
    expect(status).to_contain_text("Paused")
    if mentor.get("paused_until"):
        day = mentor["paused_until"]
        expect(status).to_contain_text(f"Paused until {day.day} {day:%B} {day.year}")
    page.guard.assert_clean()


# -- keyboard, phone, no JavaScript, dark mode ----------------------------------------------


def _focus_report(page) -> dict:
    return page.evaluate(
        """() => {
            const e = document.activeElement, s = getComputedStyle(e);
            return {
                id: e.id, cls: e.className, tag: e.tagName,
                outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                shadow: s.boxShadow !== 'none',
            };
        }"""
    )


def test_keyboard_only_student_can_write_and_reach_the_link(page, site_url) -> None:
    mentor = SAMPLE[ASKABLE]
    page.goto(site_url + f"mentors/{ASKABLE}/")
    for _ in range(150):
        page.keyboard.press("Tab")
        if _focus_report(page)["id"] == "ask-name":
            break
    else:
        pytest.fail("Tab never reached the name field")

    def expect_focus(selector: str) -> None:
        assert page.evaluate("s => document.activeElement === document.querySelector(s)", selector), (
            f"focus is on {_focus_report(page)}, not {selector}"
        )
        expect(page.locator(selector)).to_be_in_viewport()
        report = _focus_report(page)
        assert report["outline"] or report["shadow"], f"{selector} has focus but no visible focus indicator"

    # The parts in the guidance's order: who you are, why this person, the question, what you ask for.
    expect_focus("#ask-name")
    page.keyboard.type(STUDENT["name"])
    page.keyboard.press("Tab")
    expect_focus("#ask-course")
    page.keyboard.type(STUDENT["course"])
    page.keyboard.press("Tab")
    expect_focus("#ask-remember")
    page.keyboard.press("Tab")
    expect_focus("#ask-why")
    page.keyboard.type(WHY)
    page.keyboard.press("Tab")
    expect_focus("#ask-topic")
    second_topic = page.locator("#ask-topic option").nth(1).inner_text()
    page.keyboard.press("ArrowDown")
    assert page.input_value("#ask-topic") == second_topic
    page.keyboard.press("Tab")
    expect_focus("#ask-question")
    page.keyboard.type(QUESTION)
    page.keyboard.press("Tab")
    expect_focus("#ask-for-call")
    page.keyboard.press("ArrowDown")
    expect_focus("#ask-for-email")
    page.keyboard.press("Tab")
    expect_focus(".mdir-ask__send")
    link = parse_mailto(send_href(page))
    assert link.address == mentor["email"]
    assert topic_phrase(second_topic) in link.subject
    for text in (STUDENT["name"], STUDENT["course"], WHY, QUESTION, "short email"):
        assert text in link.body
    assert "20-minute call" not in link.body
    page.guard.assert_clean()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _no_sideways_scroll(page, where: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{where} scrolls sideways on a phone: {width}px wide"


def test_phone_directory_is_one_column_without_sideways_scroll(new_page, site_url) -> None:
    page = new_page(**PHONE)
    page.goto(site_url + "mentors/")
    _no_sideways_scroll(page, "mentors/")
    # Every card's box from one layout of the page: measured one by one, a card drawn in between
    # (cards off screen are laid out when they come near it) could seem to overlap the next.
    boxes = visible_cards(page).evaluate_all(
        "cards => cards.map(c => { const r = c.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; })"
    )
    assert len(boxes) == len(SAMPLE)
    assert len({round(b["x"]) for b in boxes}) == 1, "cards are not in one column"
    assert all(b2["y"] >= b1["y"] + b1["height"] for b1, b2 in zip(boxes, boxes[1:], strict=False)), "cards overlap"
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= 390 for b in boxes)
    page.guard.assert_clean()


def test_phone_profiles_have_no_sideways_scroll(new_page, site_url) -> None:
    page = new_page(**PHONE)
    for slug in SAMPLE:
        page.goto(site_url + f"mentors/{slug}/")
        _no_sideways_scroll(page, f"mentors/{slug}/")
    page.goto(site_url + f"mentors/{ASKABLE}/")
    fill_composer(page, "Global health", LONG_QUESTION)
    _no_sideways_scroll(page, "the composer with a long question")
    page.guard.assert_clean()


def test_without_javascript_cards_profiles_and_a_plain_mailto_link_work(new_page, site_url) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(site_url + "mentors/")
    expect(page.locator("li.mdir-card")).to_have_count(len(SAMPLE))
    expect(page.locator(".mdir-card__name a").first).to_be_visible()
    page.locator(".mdir-card__name a", has_text=SAMPLE[ASKABLE]["name"]).click()
    mentor = SAMPLE[ASKABLE]
    expect(page).to_have_url(site_url + f"mentors/{ASKABLE}/")
    expect(page.locator("h1")).to_have_text(mentor["name"])
    expect(page.locator(".mdir-profile__headline")).to_have_text(mentor["headline"])
    expect(page.locator("#ask-name")).to_be_hidden()
    expect(page.get_by_role("button", name="Copy message")).to_be_hidden()
    expect(page.get_by_role("link", name="Open in Gmail")).to_be_hidden()
    expect(page.locator(".mdir-preview")).to_be_hidden()  # an empty preview: the script writes it
    send = page.locator(".mdir-ask__send")
    expect(send).to_be_visible()
    href = send.get_attribute("href")
    link = parse_mailto(href)
    assert link.address == mentor["email"]
    assert set(link.query) == {"subject", "body"}
    first_topic = page.locator("dl.mdir-facts .mdir-tags a").first.inner_text()
    assert topic_phrase(first_topic) in link.subject
    for placeholder in ("[your name]", "[your course and year]", "[Your specific question, in one or two sentences.]"):
        assert placeholder in link.body
    assert link.body.startswith(f"Dear {mentor['name']},")
    assert_crlf_only(link.body)
    assert "+" not in href
    page.guard.assert_clean()


def _luminance(css_colour: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+(?:\.\d+)?", css_colour)[:3])
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@pytest.mark.parametrize("path", ["mentors/", f"mentors/{ASKABLE}/"])
def test_dark_mode_follows_the_system_setting(new_page, site_url, path) -> None:
    page = new_page(color_scheme="dark")
    page.goto(site_url + path)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    text = page.locator("article h1, .md-content h1").first.evaluate("e => getComputedStyle(e).color")
    assert _luminance(background) < 0.05, f"the page is not dark: {background}"
    assert (_luminance(text) + 0.05) / (_luminance(background) + 0.05) >= 4.5, f"{text} on {background}"
    page.guard.assert_clean()


def test_phone_menu_is_offered_only_where_there_is_a_menu(new_page, site_url) -> None:
    """Mentor pages carry no navigation drawer, so they offer no menu button that would open an empty one."""
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    menu = page.locator("label.md-header__button[for='__drawer']")
    page.goto(site_url + "guide/schemes/")
    expect(menu).to_be_visible()
    page.goto(site_url + f"mentors/{ASKABLE}/")
    expect(menu).to_be_hidden()
    page.get_by_role("link", name="← All mentors").click()
    expect(page).to_have_url(site_url + "mentors/")
    page.guard.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_mentor_pages_draw_the_same_header_icons_from_one_shared_file(new_page, site_url, scheme) -> None:
    """Generated pages reference the theme's icons in one cached file instead of inlining them."""
    from io import BytesIO

    from PIL import Image, ImageChops

    def shots(page) -> list[bytes]:
        icons = page.locator("header svg")
        return [icons.nth(i).screenshot() for i in range(icons.count()) if icons.nth(i).is_visible()]

    page = new_page(color_scheme=scheme, viewport={"width": 1280, "height": 800})
    page.goto(site_url)
    assert page.locator("svg use").count() == 0
    inline = shots(page)
    page.goto(site_url + f"mentors/{ASKABLE}/")
    assert page.locator("svg path").count() == 0, "a mentor page still inlines an icon"
    hrefs = page.locator("svg use").evaluate_all("uses => uses.map(u => u.getAttribute('href'))")
    assert hrefs and all(re.search(r"/assets/mentor-directory/layout-[0-9a-f]{8}\.svg#i\d+$", h) for h in hrefs), hrefs
    drawn = shots(page)
    assert len(drawn) == len(inline), "the header shows other icons"
    drawn_any = 0
    for i, (mine, theirs) in enumerate(zip(drawn, inline, strict=True)):
        mine, theirs = (Image.open(BytesIO(shot)).convert("RGB") for shot in (mine, theirs))
        assert mine.size == theirs.size, f"icon {i} has another size"
        assert ImageChops.difference(mine, theirs).getbbox() is None, f"icon {i} looks different"
        drawn_any += any(low != high for low, high in mine.getextrema())
    assert drawn_any >= 3, "the logo, search, colour and repository icons are not all drawn"
    page.guard.assert_clean()
