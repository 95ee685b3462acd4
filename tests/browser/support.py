"""Helpers the browser tests share: sample profiles, and links taken apart the way a mail program would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
MENTORS = ROOT / "mentors"
BUILD_DATE = dt.date(2026, 11, 22)  # the day of conftest.BUILD_EPOCH
STATUS_RANK = {"open": 0, "limited": 1, "paused": 2}
# Sample mentors the service-worker tests follow: one page fresh, one the server dates two days old, one never seen.
FRESH, STALE, UNSEEN = "wanjiru-kamau", "callum-fraser", "lena-hoffmann"


def profiles(folder: Path = MENTORS) -> dict[str, dict]:
    """Every profile in a folder, by slug, as its YAML says (files starting with '_' are not profiles)."""
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.yml"))
        if not path.name.startswith("_")
    }


def is_paused(profile: dict, today: dt.date = BUILD_DATE) -> bool:
    until = profile.get("paused_until")
    return profile.get("availability") == "paused" or (until is not None and until > today)


@dataclass
class Mailto:
    href: str
    address: str
    query: dict[str, list[str]]

    @property
    def subject(self) -> str:
        return self.query["subject"][0]

    @property
    def body(self) -> str:
        return self.query["body"][0]


def parse_mailto(href: str) -> Mailto:
    parts = urlsplit(href)
    assert parts.scheme == "mailto", href
    return Mailto(href, unquote(parts.path), parse_qs(parts.query, keep_blank_values=True, strict_parsing=True))


def parse_web_link(href: str) -> tuple[str, str, dict[str, list[str]]]:
    """(host, path, query) of a webmail compose link."""
    parts = urlsplit(href)
    assert parts.scheme == "https", href
    return parts.hostname or "", parts.path, parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)


def wait_for_service_worker(page) -> None:
    """Until the service worker controls the page; it activates only once its precache is complete."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
