"""The composer as the guidance describes a good first message, and the schemes, in a real browser.

Who you are, why this person, one question, what you ask for; a warning before sending blanks;
the name and course remembered only when asked; a copy that works without a clipboard; a link
that stays short enough for every mail program. Then the home page's way in.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .support import is_paused, parse_mailto, profiles

pytestmark = pytest.mark.browser

SAMPLE = profiles()


def _schemes(profile: dict) -> list[str]:
    return profile.get("schemes", ["ask-an-alum"])


ASKABLE = next(
    s for s, p in SAMPLE.items() if "ask-an-alum" in _schemes(p) and not is_paused(p) and len(p["topics"]) > 1
)
MATCHED_ONLY = next(s for s, p in SAMPLE.items() if _schemes(p) == ["matched"] and not is_paused(p))
GROUP_ONLY = next(s for s, p in SAMPLE.items() if _schemes(p) == ["group"] and not is_paused(p))
STUDENT = {"name": "Amina Yusuf", "course": "MSc Global Health, first year"}
WHY = "You moved from research into a programme role, which is the move I hope to make next year."
QUESTION = "What did you have to learn to get your first programme job after research?"
STORE = "mentor-directory.student"

# Records whether a click on an email link was let through, then stops it: no mail program opens in a test.
WATCH_CLICKS = """() => {
    window.clicks = [];
    window.addEventListener('click', e => {
        const a = e.target.closest('a[href^="mailto:"]');
        if (!a) return;
        window.clicks.push({ sent: !e.defaultPrevented, href: a.href, text: a.textContent });
        e.preventDefault();
    });
}"""


def fill_all(page) -> None:
    page.fill("#ask-name", STUDENT["name"])
    page.fill("#ask-course", STUDENT["course"])
    page.fill("#ask-why", WHY)
    page.fill("#ask-question", QUESTION)


def kept_on_device(page) -> list[str]:
    """Every value in this site's localStorage that holds something the student typed."""
    values = page.evaluate("Object.values(localStorage)")
    typed = (STUDENT["name"], STUDENT["course"], WHY, QUESTION)
    return [v for v in values if any(t in v for t in typed)]


def send_href(page) -> str:
    return page.locator(".mdir-ask__send").get_attribute("href")


def test_the_composer_asks_for_each_part_of_a_good_first_message(page, site_url) -> None:
    mentor = SAMPLE[ASKABLE]
    page.goto(site_url + f"mentors/{ASKABLE}/")
    for label in ("Your name", "Your course and year", f"Why {mentor['name']}?", "Your one question"):
        expect(page.get_by_label(label, exact=True)).to_be_visible()
    expect(page.get_by_role("group", name="Who you are")).to_be_visible()
    asking = page.get_by_role("group", name="What you are asking for")
    call, email = asking.get_by_label("A 20-minute call"), asking.get_by_label("A short answer by email")
    expect(call).to_be_checked()
    expect(email).not_to_be_checked()
    # "Why this person" is prompted by what their profile says.
    hint = page.locator("#ask-why-hint")
    expect(hint).to_contain_text(mentor["headline"])
    expect(page.get_by_label(f"Why {mentor['name']}?")).to_have_attribute("aria-describedby", "ask-why-hint")

    fill_all(page)
    link = parse_mailto(send_href(page))
    assert link.subject.startswith("Ask An Alum: a conversation about")
    body = link.body.replace("\r\n", "\n")
    parts = [f"Dear {mentor['name']},", STUDENT["name"], STUDENT["course"], WHY, QUESTION, "20-minute call"]
    positions = [body.index(part) for part in parts]
    assert positions == sorted(positions), "the parts are not in the guidance's order"
    assert "[" not in body, "a placeholder is left in a message whose every part is written"

    email.check()
    body = parse_mailto(send_href(page)).body
    assert "short email" in body and "20-minute call" not in body
    page.guard.assert_clean()


def test_sending_blanks_warns_in_the_page_and_the_student_may_still_send(page, site_url) -> None:
    page.goto(site_url + f"mentors/{ASKABLE}/")
    page.evaluate(WATCH_CLICKS)
    page.fill("#ask-name", STUDENT["name"])  # name only: course, why and question are still blank
    page.locator(".mdir-ask__send").click()
    warning = page.locator("#ask-warning")
    expect(warning).to_have_attribute("role", "alert")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("[your course and year]")
    expect(warning).to_contain_text("why you chose")
    expect(warning).to_contain_text("Your question is empty")
    expect(warning).not_to_contain_text("[your name]")
    assert page.evaluate("window.clicks") == [
        {"sent": False, "href": send_href(page), "text": "Ask for a conversation"}
    ], "the mail program was opened despite the blanks"

    # Each problem leads to its field.
    warning.get_by_role("link", name=re.compile("Your question is empty")).click()
    expect(page.locator("#ask-question")).to_be_focused()

    # "Send it as it is" sends the same message.
    anyway = warning.get_by_role("link", name="Send it as it is")
    assert anyway.get_attribute("href") == send_href(page)
    anyway.click()
    assert page.evaluate("window.clicks")[-1] == {"sent": True, "href": send_href(page), "text": "Send it as it is"}

    # Filling the blanks takes the warning away, and the link sends at once.
    fill_all(page)
    expect(warning).to_be_empty()
    page.locator(".mdir-ask__send").click()
    assert page.evaluate("window.clicks")[-1]["sent"] is True
    page.guard.assert_clean()


def test_a_placeholder_typed_back_in_is_caught_too(page, site_url) -> None:
    page.goto(site_url + f"mentors/{ASKABLE}/")
    page.evaluate(WATCH_CLICKS)
    fill_all(page)
    page.fill("#ask-name", "[your name]")
    page.locator(".mdir-ask__send").click()
    expect(page.locator("#ask-warning")).to_contain_text("still says \u201c[your name]\u201d")
    assert page.evaluate("window.clicks")[-1]["sent"] is False
    page.guard.assert_clean()


def test_name_and_course_are_remembered_only_when_ticked_and_forgotten_on_request(page, site_url) -> None:
    page.goto(site_url + f"mentors/{ASKABLE}/")
    remember = page.get_by_label("Remember my name and course on this device")
    expect(remember).not_to_be_checked()
    forget = page.get_by_role("button", name="Forget my name and course")
    expect(forget).to_be_hidden()
    fill_all(page)
    assert kept_on_device(page) == [], "something was stored without the box ticked"

    remember.check()
    expect(forget).to_be_visible()
    stored = page.evaluate(f"JSON.parse(localStorage.getItem('{STORE}'))")
    assert stored == {"name": STUDENT["name"], "course": STUDENT["course"]}  # not the why or the question

    # Another mentor's page, later: the name and course are there already.
    other = next(s for s, p in SAMPLE.items() if s != ASKABLE and "ask-an-alum" in _schemes(p) and not is_paused(p))
    page.goto(site_url + f"mentors/{other}/")
    expect(page.locator("#ask-name")).to_have_value(STUDENT["name"])
    expect(page.locator("#ask-course")).to_have_value(STUDENT["course"])
    expect(page.locator("#ask-why")).to_have_value("")
    expect(remember).to_be_checked()
    assert STUDENT["name"] in parse_mailto(send_href(page)).body

    forget.click()
    assert kept_on_device(page) == [] and page.evaluate(f"localStorage.getItem('{STORE}')") is None
    expect(page.locator("#ask-name")).to_have_value("")
    expect(remember).not_to_be_checked()
    expect(remember).to_be_focused()
    expect(forget).to_be_hidden()
    expect(page.locator(".mdir-ask__actions [role=status]")).to_contain_text("no longer kept on this device")
    page.reload()
    expect(page.locator("#ask-name")).to_have_value("")
    page.guard.assert_clean()


def test_unticking_the_box_removes_what_was_kept(page, site_url) -> None:
    page.goto(site_url + f"mentors/{ASKABLE}/")
    fill_all(page)
    remember = page.get_by_label("Remember my name and course on this device")
    remember.check()
    assert page.evaluate(f"localStorage.getItem('{STORE}')") is not None
    remember.uncheck()
    assert kept_on_device(page) == [] and page.evaluate(f"localStorage.getItem('{STORE}')") is None
    page.guard.assert_clean()


def test_without_a_clipboard_copy_selects_the_whole_message_to_copy_by_hand(new_page, site_url) -> None:
    page = new_page()
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined })")
    page.goto(site_url + f"mentors/{ASKABLE}/")
    long_question = "我想了解您是如何从研究转向项目工作的。" * 120
    fill_all(page)
    page.fill("#ask-question", long_question)
    page.get_by_role("button", name="Copy message").click()
    preview = page.locator(".mdir-preview")
    expect(preview).to_have_attribute("open", "")
    selected = page.evaluate("window.getSelection().toString()")
    assert selected.startswith("Subject: Ask An Alum: a conversation about")
    assert long_question in selected and WHY in selected  # all of it, though the link had to shorten it
    expect(page.locator(".mdir-ask__actions [role=status]")).to_contain_text("is selected: copy it with Ctrl+C")

    page.get_by_role("button", name="Copy address").click()
    address = page.locator(".mdir-ask__address")
    expect(address).to_have_text(SAMPLE[ASKABLE]["email"])
    assert page.evaluate("window.getSelection().toString()") == SAMPLE[ASKABLE]["email"]
    page.guard.assert_clean()


@pytest.mark.parametrize(
    ("why", "question"),
    [
        ("I read your whole profile. " * 60, "How did you choose? " * 80),  # both long, in Latin letters
        ("短" * 30, "问" * 900),  # a short reason, a long question in Chinese (nine characters each encoded)
        ("理由" * 400, "Short question?"),  # a long reason, a short question
    ],
)
def test_a_long_message_is_shortened_to_fit_a_link_keeping_the_start_of_each_part(page, site_url, why, question):
    page.goto(site_url + f"mentors/{ASKABLE}/")
    fill_all(page)
    page.fill("#ask-why", why)
    page.fill("#ask-question", question)
    href = send_href(page)
    assert len(href) <= 2000, f"the link is {len(href)} characters"
    body = parse_mailto(href).body
    notice = page.locator("#ask-notice")
    expect(notice).to_contain_text("too long for an email link")
    for label, text in (("why you chose them", why.strip()), ("your question", question.strip())):
        cut = re.search(rf"the last (\d+) characters of {label}", notice.inner_text())
        if cut is None:
            assert text in body, f"{label} was not shortened, so it is all in the link"
            continue
        kept = len(text) - int(cut.group(1))
        assert 0 < kept < len(text)
        assert text[:kept].rstrip() + "\u2026" in body
    # Everything else is whole: the greeting, the student, the ask and the sign-off.
    for whole in (STUDENT["name"], STUDENT["course"], "20-minute call", "With thanks,"):
        assert whole in body
    page.guard.assert_clean()


@pytest.mark.parametrize("slug", [MATCHED_ONLY, GROUP_ONLY])
def test_a_scheme_only_mentor_is_reached_through_the_coordinators(page, site_url, slug) -> None:
    mentor = SAMPLE[slug]
    page.goto(site_url + f"mentors/{slug}/")
    expect(page.get_by_role("heading", name=f"How to be mentored by {mentor['name']}")).to_be_visible()
    expect(page.get_by_text("Ask for a conversation")).to_have_count(0)
    expect(page.locator("#ask-name")).to_have_count(0)
    join = page.locator(".mdir-ask__join")
    expect(join).to_have_count(1)
    link = parse_mailto(join.get_attribute("href"))
    assert link.address == "mentoring@example.org"
    scheme = {"matched": "Matched mentoring", "group": "Group mentoring"}[_schemes(mentor)[0]]
    assert link.subject == f"{scheme}: I would like to join"
    assert mentor["name"] in link.body
    # After every script has run, the mentor's address is nowhere in the document.
    html = page.evaluate("document.documentElement.outerHTML")
    assert mentor["email"] not in html and mentor["email"].split("@")[0] not in html
    page.get_by_role("link", name=scheme, exact=True).click()
    expect(page).to_have_url(re.compile(r"/guide/schemes/#" + _schemes(mentor)[0] + "$"))
    expect(page.locator(f"h2#{_schemes(mentor)[0]}")).to_be_in_viewport()
    page.guard.assert_clean()


def test_without_javascript_the_plain_link_names_each_part_to_fill_in(new_page, site_url) -> None:
    mentor = SAMPLE[ASKABLE]
    page = new_page(java_script_enabled=False)
    page.goto(site_url + f"mentors/{ASKABLE}/")
    expect(page.locator(".mdir-composer")).to_be_hidden()
    body = parse_mailto(send_href(page)).body
    for blank in ("[your name]", "[your course and year]", f"[Why you chose {mentor['name']}:"):
        assert blank in body
    assert "20-minute call" in body and "short answer by email" in body  # both offered: no choice was made
    page.guard.assert_clean()


def test_a_programme_email_without_why_or_ask_drops_those_parts_of_the_form(new_page, serve_site, tmp_path) -> None:
    from tests.helpers import VALID, copy_project

    from .conftest import mkdocs_build

    project = copy_project(tmp_path, {"ada-okafor.yml": VALID.replace("photo: ada-okafor.png\n", "")})
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    own = '      email_body: "Dear {mentor_name},\\n\\n{question}\\n\\nFrom {student_name}"\n'
    config.write_text(
        text.replace("      contact: mentoring@example.org\n", "      contact: mentoring@example.org\n" + own)
    )
    url = serve_site(mkdocs_build(config, tmp_path / "site"))
    page = new_page()
    page.goto(url + "mentors/ada-okafor/")
    page.evaluate(WATCH_CLICKS)
    expect(page.locator("#ask-why")).to_be_hidden()
    expect(page.locator("#ask-course")).to_be_hidden()
    expect(page.get_by_role("group", name="What you are asking for")).to_be_hidden()
    page.fill("#ask-name", STUDENT["name"])
    page.fill("#ask-question", QUESTION)
    page.locator(".mdir-ask__send").click()
    assert page.evaluate("window.clicks")[-1]["sent"] is True, "it warned about parts the email does not have"
    assert parse_mailto(send_href(page)).body == f"Dear Ada Okafor,\r\n\r\n{QUESTION}\r\n\r\nFrom {STUDENT['name']}"
    page.guard.assert_clean()
