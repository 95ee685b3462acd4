"""The service worker keeps to its own caches, keeps few profiles, and forgets withdrawn ones: in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.offline import archive as offline
from tests.helpers import sw_constants

from .support import FRESH, STALE, UNSEEN, wait_for_service_worker

pytestmark = pytest.mark.browser

OTHER_SITE = ["other-project-offline-v3", "mentor-directory http://127.0.0.1:1/other-scope/ recent", "workbox-precache"]
CACHE_NAMES = "async () => await caches.keys()"
CACHE_URLS = "async (name) => (await (await caches.open(name)).keys()).map(r => new URL(r.url).pathname)"


def seed_other_sites(page) -> None:
    """Caches another site on the same origin made, each holding one page, before ours ever ran."""
    page.evaluate(
        """async (names) => { for (const name of names) {
             await (await caches.open(name)).put("/other-project/page/", new Response("theirs")); } }""",
        OTHER_SITE,
    )


def until(page, condition, seconds: float = 10) -> bool:
    """Poll a condition the page reaches on its own time (a worker updating), or fail after `seconds`."""
    for _ in range(int(seconds * 10)):
        if condition():
            return True
        page.wait_for_timeout(100)
    raise AssertionError("the condition never held")


def own_names(served_url: str, version: str) -> tuple[str, str]:
    return f"mentor-directory {served_url} guidance {version}", f"mentor-directory {served_url} recent"


def test_another_sites_caches_on_the_same_origin_are_left_alone(new_page, own_server) -> None:  # noqa: F811
    site, served = own_server
    page = new_page(service_workers="allow")
    page.route(re.compile(r".*/sw\.js$"), lambda route: route.abort())  # not yet: seed first
    page.goto(served.url + "privacy/")
    seed_other_sites(page)
    old_own = f"mentor-directory {served.url} guidance an-older-build"
    page.evaluate("async (name) => { await caches.open(name); }", old_own)
    page.unroute(re.compile(r".*/sw\.js$"))
    page.goto(served.url)
    wait_for_service_worker(page)
    guidance, recent = own_names(served.url, sw_constants((site / "sw.js").read_text("utf-8"))["VERSION"])
    names = page.evaluate(CACHE_NAMES)
    assert set(OTHER_SITE) <= set(names)  # theirs, untouched
    assert guidance in names and old_own not in names  # ours, the old version gone
    assert all(name in OTHER_SITE or name.startswith(f"mentor-directory {served.url}") for name in names)
    for name in OTHER_SITE:
        assert page.evaluate(CACHE_URLS, name) == ["/other-project/page/"]


def test_profiles_kept_are_bounded_and_searches_do_not_add_copies(new_page, own_server, site_dir: Path) -> None:  # noqa: F811
    site, served = own_server
    sw = site / offline.SERVICE_WORKER
    sw.write_text(sw.read_text("utf-8").replace(f"const MAX_RECENT = {offline.MAX_RECENT};", "const MAX_RECENT = 3;"))
    page = new_page(service_workers="allow")
    page.goto(served.url)
    wait_for_service_worker(page)
    slugs = sorted(p.name for p in (site / "mentors").iterdir() if (p / "index.html").is_file())[:6]
    for slug in slugs:
        page.goto(served.url + f"mentors/{slug}/")
    _, recent = own_names(served.url, "")
    kept = page.evaluate(CACHE_URLS, recent)
    assert len(kept) == 3, kept
    assert f"/mentors/{slugs[-1]}/" in kept  # the latest profile read is kept; the earliest are gone
    assert not {f"/mentors/{slug}/" for slug in slugs[:3]} & set(kept)
    for query in ("?search=health", "?search=data", "?topic=education"):
        page.goto(served.url + "mentors/" + query)

    def urls() -> list[str]:
        return page.evaluate("async (name) => (await (await caches.open(name)).keys()).map(r => r.url)", recent)

    # The page's last requests (its scripts, the photos of the cards on screen) may still be on their
    # way into the cache when the page has loaded: each is kept, then the cache trimmed.
    until(page, lambda: len(urls()) == 3)
    assert not [url for url in urls() if "?" in url], urls()  # a search is not a new copy


def test_an_update_drops_profiles_the_new_build_no_longer_has(new_page, own_server) -> None:  # noqa: F811
    site, served = own_server
    page = new_page(service_workers="allow")
    page.goto(served.url)
    wait_for_service_worker(page)
    for slug in (FRESH, UNSEEN):
        page.goto(served.url + f"mentors/{slug}/")
    _, recent = own_names(served.url, "")
    assert {f"/mentors/{FRESH}/", f"/mentors/{UNSEEN}/"} <= set(page.evaluate(CACHE_URLS, recent))
    # The next build withdraws one profile: its page is gone, and the worker is a new version.
    (site / "mentors" / UNSEEN / "index.html").unlink()
    (site / "mentors" / UNSEEN).rmdir()
    sw = site / offline.SERVICE_WORKER
    text = sw.read_text("utf-8")
    version = sw_constants(text)["VERSION"]
    sw.write_text(text.replace(json.dumps(version), json.dumps(version + "-next")))
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    until(page, lambda: f"/mentors/{UNSEEN}/" not in page.evaluate(CACHE_URLS, recent))
    kept = page.evaluate(CACHE_URLS, recent)
    assert any(name.endswith(f" guidance {version}-next") for name in page.evaluate(CACHE_NAMES))
    assert f"/mentors/{FRESH}/" in kept and f"/mentors/{UNSEEN}/" not in kept
    assert STALE not in " ".join(kept)
    page.guard.console_errors.clear()  # Chromium reports the withdrawn page's 404 to the worker's HEAD
