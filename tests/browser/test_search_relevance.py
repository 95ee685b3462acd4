"""The matching contract in the browser: the same terms as Python, and the relevance queries in Chromium."""

from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import expect

from generator.profiles.loader import load
from generator.profiles.validate import Rules
from generator.settings import Settings
from generator.site import search_terms
from generator.site.directory import build as build_directory
from tests import relevance
from tests.browser.support import BUILD_DATE, MENTORS
from tests.search_reference import Reference

READY = "window.mentorDirectorySearch && window.mentorDirectorySearch.ready"
# Endings after which the stem is not the start of the word: climate, policy, consulting,
# evaluation, researcher, agencies, agricultural.
ENDINGS = ("e", "y", "ing", "ion", "er", "ies", "al", "ation", "s", "ed")
BASES = ("climat", "polic", "financ", "evaluat", "economic", "consult", "agricultur", "research", "fundrais",
         "govern", "migrat", "educat", "manag", "develop", "organis", "organiz", "advoc", "communicat", "commun",
         "digit", "inclus", "emergenc", "humanitar", "stud", "agenc", "universit", "nation", "gender", "peac",
         "secur", "health", "nutrit", "donat", "volunt", "mentor", "teach", "writ", "plan", "found", "grant")  # fmt: skip
# What the browser's side makes of each text: its words, and each word's stem.
PIPELINE = """(texts) => {
  const m = window.mentorDirectoryMatcher(window.mentorDirectoryData.search);
  return texts.map(t => [m.fold(t), m.words(t), m.words(t).map(m.stem)]);
}"""
# Every result's slug, in order, for a query typed into the box.
RESULTS = """(query) => {
  const box = document.getElementById('mdir-q');
  box.value = query;
  box.dispatchEvent(new Event('input', {bubbles: true}));
  const more = document.querySelector('.mdir-search__more');
  while (!more.hidden) more.click();
  return [...document.querySelectorAll('#mdir-list .mdir-card__name a')].map(a => a.getAttribute('href'));
}"""


def parity_texts() -> list[str]:
    """At least 500 words and phrases: the sample profiles, the vocabulary, every ending that changes a stem."""
    texts: list[str] = []
    for path in sorted(MENTORS.glob("*.yml")) + sorted(relevance.FIXTURE.glob("*.yml")):
        texts += path.read_text(encoding="utf-8").split()
    texts += [base + ending for base in BASES for ending in ENDINGS]
    texts += ["O'Brien", "peace-building", "M&E", "İstanbul", "Straße", "Łódź", "Æsir", "Œuvre", "Þórr", "ĐẶNG",
              "ıi", "ΟΔΟΣ", "Ａｂｃ", "ﬁnance", "x²", "naïve café", "ǅemal", "ﬀ"]  # fmt: skip
    return list(dict.fromkeys(texts))


def test_python_and_browser_make_the_same_terms(page, site_url: str) -> None:
    texts = parity_texts()
    words = {w for t in texts for w in search_terms.words(t)}
    assert len(words) >= 500
    page.goto(site_url + "mentors/")
    page.wait_for_function(READY)
    browser = page.evaluate(PIPELINE, texts)
    python = [[search_terms.fold(t), search_terms.words(t), [search_terms.stem(w) for w in search_terms.words(t)]]
              for t in texts]  # fmt: skip
    differ = [(t, b, p) for t, b, p in zip(texts, browser, python, strict=True) if b != p]
    assert not differ, f"{len(differ)} texts differ, first: {differ[:5]}"


@pytest.fixture(scope="module")
def relevance_site(tmp_path_factory, build_site, serve_site) -> str:
    # Photos do not change what is found; the copied project has none.
    profiles = {name: re.sub(r"(?m)^photo: .*\n", "", text) for name, text in relevance.profiles().items()}
    return serve_site(build_site(tmp_path_factory.mktemp("relevance"), profiles))


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Reference:
    folder = relevance.write_profiles(tmp_path_factory.mktemp("reference") / "mentors")
    loaded = load([folder], Rules(today=BUILD_DATE, photos_dir=folder / "photos"))
    settings = Settings(today=BUILD_DATE)
    return Reference(build_directory(loaded.mentors, loaded.vocabulary, settings).mentors, loaded.vocabulary, settings)


def _slugs(hrefs: list[str]) -> list[str]:
    return [href.rstrip("/").split("/")[-1] for href in hrefs]


def test_every_relevance_query_finds_the_mentors_meant_in_rank_order(page, relevance_site, reference) -> None:
    page.goto(relevance_site + "mentors/")
    page.wait_for_function(READY)
    wrong = []
    for case in relevance.queries():
        found = _slugs(page.evaluate(RESULTS, case["query"]))
        expected = sorted(case["expect"] + case.get("also", []))
        if sorted(found) != expected:
            wrong.append(f"{case['query']!r} ({case['tests']}): found {sorted(found)}, expected {expected}")
        elif found != reference.search(case["query"]):
            wrong.append(f"{case['query']!r}: ranked {found}, the contract ranks {reference.search(case['query'])}")
    assert not wrong, "\n".join(wrong)


def test_an_empty_query_keeps_the_days_order(page, relevance_site) -> None:
    page.goto(relevance_site + "mentors/")
    page.wait_for_function(READY)
    served = page.locator("#mdir-results .mdir-card__name a").evaluate_all("l => l.map(a => a.getAttribute('href'))")
    page.fill("#mdir-q", "policy")
    assert _slugs(page.evaluate(RESULTS, "  "))[: len(served)] == _slugs(served)


def test_ranks_name_then_label_then_details_then_bio(page, relevance_site) -> None:
    page.goto(relevance_site + "mentors/")
    page.wait_for_function(READY)
    profiles = {name[:-4]: yaml.safe_load(text) for name, text in relevance.profiles().items()}
    # "UN" is a sector's synonym: those mentors come before every mentor who only has a word
    # starting with "un" (university, understand) or mentions the UN in their bio.
    found = _slugs(page.evaluate(RESULTS, "UN"))
    sector = {slug for slug, p in profiles.items() if "international-organisation" in p.get("sectors", [])}
    assert len(found) > len(sector) >= 3 and set(found[: len(sector)]) == sector
    # Living in Kenya (the country) before naming Kenya in a bio.
    assert _slugs(page.evaluate(RESULTS, "Kenya")) == ["wanjiru-kamau", "selamawit-bekele"]
    # A name before a headline: Bell is Marcus Bell's name, and no one else's word.
    assert _slugs(page.evaluate(RESULTS, "bell"))[0] == "marcus-bell"
    # A topic label before the bio: every mentor with the topic comes first.
    found = _slugs(page.evaluate(RESULTS, "humanitarian"))
    tagged = {slug for slug, p in profiles.items() if "humanitarian-response" in p["topics"]}
    assert len(found) > len(tagged) and set(found[: len(tagged)]) == tagged


def test_did_you_mean_offers_a_word_of_the_index(page, relevance_site) -> None:
    page.goto(relevance_site + "mentors/")
    page.wait_for_function(READY)
    page.fill("#mdir-q", "Kmau")  # too short for typo tolerance: no one
    expect(page.locator("#mdir-count")).to_have_text("0 mentors match.")
    suggestion = page.locator(".mdir-empty__suggestion")
    assert suggestion.inner_text() == "kamau (1 mentor)"
    suggestion.click()
    expect(page.locator("#mdir-count")).to_have_text("1 mentor matches.")
    assert page.input_value("#mdir-q") == "kamau"
    assert _slugs(page.locator("#mdir-list .mdir-card__name a").evaluate_all("l => l.map(a => a.href)")) == [
        "wanjiru-kamau"
    ]
    page.fill("#mdir-q", "xqzvw")  # nothing near: no suggestion, the other help stays
    assert page.locator(".mdir-empty__suggestion").count() == 0
    assert page.locator(".mdir-empty").is_visible()


def test_a_whole_query_in_the_url_finds_the_same(page, relevance_site) -> None:
    page.goto(relevance_site + "mentors/?search=agroforestry")
    page.wait_for_function(READY)
    assert page.locator("#mdir-list .mdir-card__name a").all_text_contents() == ["Jean-Baptiste Kaboré"]


def test_latin_names_show_on_cards(page, relevance_site) -> None:
    page.goto(relevance_site + "mentors/")
    page.wait_for_function(READY)
    page.fill("#mdir-q", "Kovalenko")
    # The list is redrawn after the keystroke: wait for the one result, then read its name.
    expect(page.locator("#mdir-count")).to_have_text("1 mentor matches.")
    expect(page.locator("#mdir-list .mdir-card__name")).to_have_text(re.compile(r"^Олена Коваленко Olena Kovalenko"))
