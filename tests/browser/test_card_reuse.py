"""Cards kept on screen from one keystroke to the next: each is still the server's card for its mentor.

A keystroke leaves in place the cards that keep their place and moves only those that came or
went. These tests type names one after another, back to everyone and again (a card with a
photo beside one with initials, a Latin form, pronouns, imported, paused), and hold every card
on screen, in its order, to the card the server renders for that mentor.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.browser.support import profiles
from tests.browser.test_cards import EDGE_CASES, READY, cards_by_link, server_cards

LINKS = "links => links.map(a => a.pathname)"


def type_and_compare(page, fresh, url: str, expected: dict[str, object], queries: list[str]) -> int:
    """Type each query; the cards shown must be the server's, in the order a fresh visit shows. Returns the cards seen."""
    seen = 0
    for query in queries:
        page.fill("#mdir-q", query)
        drawn = cards_by_link(page, "#mdir-list .mdir-card")
        assert drawn, query
        if len(drawn) > 1:
            fresh.goto(url + "mentors/?" + urlencode({"search": query}))
            fresh.wait_for_function(READY)
            order = fresh.eval_on_selector_all("#mdir-list .mdir-card__link", LINKS)
            assert page.eval_on_selector_all("#mdir-list .mdir-card__link", LINKS) == order, query
        for link, tree in drawn.items():
            assert tree == expected[link], (query, link)
        seen += len(drawn)
    return seen


@pytest.fixture(scope="module")
def edge_url(tmp_path_factory, build_site, serve_site) -> str:
    return serve_site(build_site(tmp_path_factory.mktemp("cards-again"), EDGE_CASES))


def test_typing_names_one_after_another_draws_each_mentors_own_card(new_page, site_url) -> None:
    expected = server_cards(new_page, site_url)
    page = new_page()
    page.goto(site_url + "mentors/")
    page.wait_for_function(READY)
    names = [p["name"] for p in profiles().values()]
    # Each name alone, then back to everyone, then the names again in reverse, then words that
    # reorder the first page: cards come, go, come back and change places.
    queries = names + [""] + names[::-1] + ["health", "data", "Wanj", ""]
    assert type_and_compare(page, new_page(), site_url, expected, queries) >= 2 * len(names)


def test_edge_cases_come_and_go_as_their_own_cards(new_page, edge_url) -> None:
    expected = server_cards(new_page, edge_url)
    page = new_page()
    page.goto(edge_url + "mentors/")
    page.wait_for_function(READY)
    # Imported with two schemes and a long word, a Latin form and pronouns, a name in another
    # script paused until a date: each in the place the one before it had.
    queries = ["Ada", "Li Wei", "Nino", "Ada", "Nino", "Li Wei", "data", ""]
    assert type_and_compare(page, new_page(), edge_url, expected, queries) >= len(queries)
