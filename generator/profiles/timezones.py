"""What to write instead of a time zone that is not an IANA name, the sign of UTC offsets kept right."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import zoneinfo
from collections import defaultdict
from functools import lru_cache
from importlib import resources

# "GMT-5", "UTC +05:30", "EST (GMT-5)", "UTC−3" (with a real minus sign).
_OFFSET = re.compile(r"(?:GMT|UTC)\s*([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?", re.IGNORECASE)
# Abbreviations people write on forms, with their standard offset in hours.
_ABBREVIATIONS = {
    "GMT": 0, "UTC": 0, "BST": 1, "WET": 0, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
    "EAT": 3, "WAT": 1, "CAT": 2, "SAST": 2, "IST": 5.5, "PKT": 5, "ICT": 7, "WIB": 7, "SGT": 8,
    "HKT": 8, "JST": 9, "KST": 9, "AEST": 10, "NZST": 12, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "HST": -10, "BRT": -3, "ART": -3,
}  # fmt: skip


@lru_cache(maxsize=1)
def zones() -> frozenset[str]:
    """Every IANA zone name this machine knows."""
    return frozenset(zoneinfo.available_timezones())


@lru_cache(maxsize=1)
def _by_country() -> dict[str, list[str]]:
    """ISO country code to its zones, in the tz database's order (the most populous first)."""
    found: dict[str, list[str]] = defaultdict(list)
    text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, _, name, *_ = line.split("\t")
            found[code].append(name)
    return dict(found)


def offset_hours(value: str) -> float | None:
    """The UTC offset a value such as 'EST (GMT-5)', 'GMT+3' or 'CET' names, in hours."""
    match = _OFFSET.search(value)
    if match:
        sign = -1 if match.group(1) in "-\u2212" else 1
        return sign * (int(match.group(2)) + int(match.group(3) or 0) / 60)
    words = re.findall(r"[A-Za-z]+", value)
    return next((float(_ABBREVIATIONS[w.upper()]) for w in words if w.upper() in _ABBREVIATIONS), None)


def _offsets(name: str, year: int) -> set[float]:
    """The zone's offsets in January and July: standard and summer time."""
    zone = zoneinfo.ZoneInfo(name)
    days = (dt.datetime(year, 1, 15, 12, tzinfo=zone), dt.datetime(year, 7, 15, 12, tzinfo=zone))
    return {day.utcoffset().total_seconds() / 3600 for day in days}


def suggest(value: str, country: str | None, today: dt.date) -> str:
    """A sentence saying which IANA name to write instead of the value."""
    local = _by_country().get(country or "", [])
    hours = offset_hours(value)
    if hours is not None:
        same = [name for name in local if hours in _offsets(name, today.year)]
        if same:
            return f"'{value}' is not a time zone name. Did you mean '{same[0]}'? Write a city's zone, as here."
        if hours == int(hours) and -12 <= hours <= 14:
            etc = "Etc/GMT" if hours == 0 else f"Etc/GMT{-int(hours):+d}"  # Etc names have the sign reversed
            utc = "UTC" if hours == 0 else f"UTC{int(hours):+d}".replace("-", "\u2212")
            return (
                f"'{value}' is not a time zone name. For {utc} write '{etc}' (the Etc names count the other way), "
                "or better, a city's zone such as Europe/London, which follows summer time."
            )
    if len(local) == 1:
        return f"'{value}' is not a time zone name. Did you mean '{local[0]}'?"
    cities = {name.rsplit("/", 1)[-1].lower().replace("_", " "): name for name in sorted(zones()) if "/" in name}
    close = difflib.get_close_matches(value.strip().lower(), list(cities), n=1, cutoff=0.8)
    if close:
        return f"'{value}' is not a time zone name. Did you mean '{cities[close[0]]}'?"
    guess = difflib.get_close_matches(value, sorted(zones()), n=1, cutoff=0.75)
    if guess:
        return f"'{value}' is not a time zone name. Did you mean '{guess[0]}'?"
    example = local[0] if local else "Africa/Nairobi"
    return f"'{value}' is not a time zone name. Write it like {example}."
