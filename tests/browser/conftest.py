"""The real-browser harness: one Chromium per session, the sample site built once and served locally.

Every page a test opens is guarded: requests to any host but this machine are blocked and
recorded, and console errors, uncaught page errors and JavaScript dialogs (alert, confirm,
prompt) are collected. A test that caused any of them fails. When a test fails, a full-page
screenshot of each page it opened goes to test-results/<test-name>.png.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.helpers import ENGINE, copy_project

from .support import STALE

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results"

# The day every test build is for: 2026-11-22 11:06:40 UTC, the day tests/test_cli.py uses too.
# It must not be before any sample profile's last_confirmed (valentina-munoz.yml: 2026-11-20),
# or the build refuses that profile as confirmed in the future.
BUILD_EPOCH = "1795345600"  # support.BUILD_DATE is the same day

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NO_BROWSER = "NO BROWSER: browser tests skipped; install Debian's chromium or set MENTOR_DIRECTORY_CHROMIUM"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}

_missing_browser: list[str] = []  # the reason, for the summary banner


# -- markers, reports and the summary ---------------------------------------------------


def pytest_collection_modifyitems(config, items) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def pytest_terminal_summary(terminalreporter) -> None:
    if _missing_browser:
        terminalreporter.section("NO BROWSER", sep="!", red=True, bold=True)
        terminalreporter.line(_missing_browser[0], red=True, bold=True)


# -- the browser ------------------------------------------------------------------------


def _candidates() -> list[tuple[str, str | None]]:
    """(description, executable_path) to try in order; None is Playwright's own Chromium."""
    named = os.environ.get("MENTOR_DIRECTORY_CHROMIUM")
    if named:
        # Named explicitly: use that one or none, so a wrong path is noticed, not papered over.
        return [(f"MENTOR_DIRECTORY_CHROMIUM={named}", named)]
    found: list[tuple[str, str | None]] = []
    if Path("/usr/bin/chromium").exists():
        found.append(("/usr/bin/chromium", "/usr/bin/chromium"))
    found.append(("Playwright's own Chromium", None))
    return found


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    manager = sync_playwright()
    instance = manager.start()
    yield instance
    instance.stop()


@pytest.fixture(scope="session")
def browser(playwright_instance):
    """One headless Chromium for the whole session, or a loud skip (a failure when CI=true)."""
    errors = []
    for description, path in _candidates():
        if path is not None and not Path(path).exists():
            errors.append(f"{description}: no such file")
            continue
        try:
            launched = playwright_instance.chromium.launch(headless=True, executable_path=path, args=CHROMIUM_ARGS)
        except Exception as exc:  # any launch failure means "try the next one"
            errors.append(f"{description}: {str(exc).splitlines()[0]}")
            continue
        yield launched
        launched.close()
        return
    tried = f"(tried: {'; '.join(errors)})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(
            "NO BROWSER, and CI=true makes that a failure, not a skip: install Debian's chromium "
            f"or set MENTOR_DIRECTORY_CHROMIUM {tried}",
            pytrace=False,
        )
    reason = f"{NO_BROWSER} {tried}"
    _missing_browser.append(reason)
    pytest.skip(reason)


# -- building and serving sites ---------------------------------------------------------


def build_env() -> dict[str, str]:
    return dict(os.environ, SOURCE_DATE_EPOCH=BUILD_EPOCH, NO_MKDOCS_2_WARNING="1")


def mkdocs_build(config_file: Path, site_dir: Path) -> Path:
    done = subprocess.run(
        [sys.executable, "-m", ENGINE, "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=build_env(),
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"mkdocs build failed ({done.returncode}):\n{done.stdout}\n{done.stderr}", pytrace=False)
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


@dataclass
class Served:
    url: str
    server: http.server.ThreadingHTTPServer
    thread: threading.Thread

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


def serve(site_dir: Path) -> Served:
    """Serve a folder on 127.0.0.1 on a free port, from a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    return Served(f"http://127.0.0.1:{server.server_address[1]}/", server, thread)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The sample site (mentors/ and guidance/ of this repository), built once per session."""
    return mkdocs_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("sample") / "site")


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    served = serve(site_dir)
    yield served.url
    served.stop()


def build_custom_site(tmp_path: Path, profiles: dict[str, str]) -> Path:
    """Build a site like the sample one from just these profiles ({file name: YAML text}).

    The project's mkdocs.yml, guidance/ and overrides/ and the profile vocabulary and template
    are copied into tmp_path; the site is built into tmp_path/site, which is returned.
    """
    copy_project(tmp_path, profiles)
    return mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")


@pytest.fixture(scope="session")
def build_site() -> Callable[[Path, dict[str, str]], Path]:
    """build_site(tmp_path, {file name: YAML text}) -> the built site folder."""
    return build_custom_site


@pytest.fixture(scope="session")
def serve_site() -> Iterator[Callable[[Path], str]]:
    """serve_site(site_dir) -> its URL on 127.0.0.1; every server stops at the end of the session."""
    running: list[Served] = []

    def start(folder: Path) -> str:
        running.append(serve(folder))
        return running[-1].url

    yield start
    for served in running:
        served.stop()


# -- guarded pages ----------------------------------------------------------------------


@dataclass
class Guard:
    """What a page did that no page of this site should do."""

    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"request to another host: {url}" for url in self.external]
            + [f"console error: {text}" for text in self.console_errors]
            + [f"page error: {text}" for text in self.page_errors]
            + [f"JavaScript dialog: {text}" for text in self.dialogs]
        )

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "the page misbehaved:\n" + "\n".join(problems)


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") in LOCAL_HOSTS


def _guard_context(context, guard: Guard) -> None:
    def route(route) -> None:
        url = route.request.url
        if _is_local(url):
            route.continue_()
        else:
            guard.external.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", route)

    def watch(page) -> None:
        page.on("console", lambda msg: msg.type == "error" and guard.console_errors.append(f"{msg.text} ({page.url})"))
        page.on("pageerror", lambda error: guard.page_errors.append(f"{error} ({page.url})"))

        def dialog(d) -> None:
            guard.dialogs.append(f"{d.type}: {d.message} ({page.url})")
            d.dismiss()

        page.on("dialog", dialog)

    context.on("page", watch)


def _screenshot_name(item) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", item.name).strip("_") or "test"


@pytest.fixture
def new_page(browser, request) -> Iterator[Callable[..., object]]:
    """Open a guarded page in a fresh context: new_page(**browser.new_context options).

    At the end of the test: a screenshot if the test failed, then a failure if any page made
    an external request, logged a console error, threw, or opened a dialog.
    """
    opened: list[tuple[object, object]] = []
    guard = Guard()
    name = _screenshot_name(request.node)
    for stale in RESULTS.glob(f"{name}*.png"):  # a screenshot from an earlier run would mislead
        if re.fullmatch(re.escape(name) + r"(-\d+)?\.png", stale.name):
            stale.unlink()

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        options.setdefault("locale", "en-GB")
        options.setdefault("service_workers", "block")
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        _guard_context(context, guard)
        page = context.new_page()
        page.guard = guard
        opened.append((context, page))
        return page

    make.guard = guard
    yield make

    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        RESULTS.mkdir(exist_ok=True)
        for i, (_, page) in enumerate(opened):
            suffix = "" if i == 0 else f"-{i + 1}"
            try:
                page.screenshot(path=str(RESULTS / f"{name}{suffix}.png"), full_page=True)
            except Exception as exc:  # a screenshot must never hide the real failure
                print(f"could not save a screenshot: {exc}")
    for context, _ in opened:
        context.close()
    if report is not None and report.passed:
        guard.assert_clean()


@pytest.fixture
def page(new_page):
    """A guarded page in a default (light, desktop, JavaScript on) context."""
    return new_page()


class _DatedHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; for the paths in `old`, the Date header says the page was made two days ago."""

    old: frozenset[str] = frozenset()

    def date_time_string(self, timestamp=None) -> str:
        if self.path in self.old:
            timestamp = time.time() - 2 * 24 * 60 * 60
        return super().date_time_string(timestamp)

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture
def own_server(site_dir: Path, tmp_path: Path) -> Iterator[tuple[Path, Served]]:
    """A copy of the sample site on a server of its own (its own origin, so its own service worker)."""
    copy = shutil.copytree(site_dir, tmp_path / "site")
    old = frozenset({f"/mentors/{STALE}/"})
    handler = functools.partial(type("Handler", (_DatedHandler,), {"old": old}), directory=str(copy))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="sw-server", daemon=True)
    thread.start()
    served = Served(f"http://127.0.0.1:{server.server_address[1]}/", server, thread)
    yield copy, served
    if thread.is_alive():
        served.stop()
