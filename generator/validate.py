"""Check one parsed profile against the schema and the rules a schema cannot say, and build its Mentor."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import zoneinfo
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from email_validator import EmailNotValidError, validate_email

from . import schema, vocabulary
from .model import Mentor, months_between
from .yaml_strict import Document

FREE_TEXT = ("name", "name_latin", "pronouns", "headline", "bio", "city", "course")
PHOTO_MAX_BYTES = 300 * 1024
_PHOTO_MAGIC = {
    b"\xff\xd8\xff": "JPEG",
    b"\x89PNG\r\n\x1a\n": "PNG",
}
_HTML = re.compile(r"<[A-Za-z!/?]")
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_BARE_URL = re.compile(r"(?<![(<\w])(?:https?|javascript|data|vbscript):[^\s)>]+", re.IGNORECASE)


@dataclass(frozen=True)
class Rules:
    """What the programme decides: the day to check against and how old a confirmation may be."""

    today: dt.date
    photos_dir: Path = Path("mentors/photos")
    warn_after_months: int = 11
    hide_after_months: int = 12
    # The profile template's example values: a profile still holding one gets a warning.
    examples: dict[str, str] = field(default_factory=dict)


def profile(doc: Document, slug: str, source: Path, vocab: vocabulary.Vocabulary, rules: Rules):
    """Return (mentor or None, [(line, col, severity, message)]) for one parsed profile."""
    found: list[tuple[int, int, str, str]] = [(line, col, "error", msg) for line, col, msg in doc.problems]

    def report(path: tuple, message: str, severity: str = "error") -> None:
        at_key = path[-1:] == (schema.KEY,)
        line, col = doc.where(path[:-1] if at_key else path, at_key)
        found.append((line, col, severity, message))

    data = schema.coerce(doc.data)
    flagged = set()
    for path, message in schema.errors(data):
        flagged.add(path[:1])
        report(path, message)
    for key, value in data.items():
        # A list with a schema error (too long, repeated) still gets its items checked.
        check = _CHECKS.get(key)
        if check and (isinstance(value, list) or (key,) not in flagged):
            for path, message, *severity in check(value, vocab, rules):
                report((key,) + path, message, *severity)
    for key, example in rules.examples.items():
        if data.get(key) == example:
            report((key,), f"'{key}' is still the template's example: write your own.", "warning")
    for path, where in doc.cut_by_comment.items():
        if path and path[0] in FREE_TEXT:
            found.append((where[0], where[1], "warning", _cut_message(path[0])))
    found.sort(key=lambda p: (p[0], p[1]))
    if any(p[2] == "error" for p in found):
        return None, found
    return _mentor(data, slug, source, rules), found


def _cut_message(key: str) -> str:
    return (
        f"Everything after ' #' on this line is read as a comment and left out of '{key}'. "
        f"To keep it, write '{key}: |' and put the text on the lines below, indented."
    )


def _email(value: str, vocab, rules) -> Any:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        yield (), f"'{value}' is not a usable email address: {exc}"


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _last_confirmed(value: str, vocab, rules: Rules) -> Any:
    day = _date(value)
    if day is None:
        yield (), f"'{value}' is not a real date: check the month and day (YYYY-MM-DD)."
        return
    if day > rules.today + dt.timedelta(days=1):  # a day's grace: it is already tomorrow somewhere
        yield (), f"'{value}' is in the future: write the date you last checked the profile, such as today."
        return
    months = months_between(day, rules.today)
    if months >= rules.hide_after_months:
        yield (
            (),
            (
                f"Last confirmed {months} months ago, so the profile is hidden from the site: "
                f"check it and set 'last_confirmed' to today's date."
            ),
            "warning",
        )
    elif months >= rules.warn_after_months:
        yield (
            (),
            (
                f"Last confirmed {months} months ago: check the profile and set 'last_confirmed' to "
                f"today's date, or it will be hidden after {rules.hide_after_months} months."
            ),
            "warning",
        )


def _paused_until(value: str, vocab, rules: Rules) -> Any:
    day = _date(value)
    if day is None:
        yield (), f"'{value}' is not a real date: check the month and day (YYYY-MM-DD)."
    elif day <= rules.today:
        yield (
            (),
            (
                f"'paused_until' ({value}) has passed, so the profile shows as available again: "
                "remove the line, or set a later date."
            ),
            "warning",
        )


def _graduation_year(value: int, vocab, rules: Rules) -> Any:
    if value > rules.today.year:
        yield (), f"{value} is in the future: write the year you graduated (1950 to {rules.today.year})."


def _terms(kind: str):
    def check(values: list[str], vocab: vocabulary.Vocabulary, rules) -> Any:
        known = vocab.terms(kind)
        for i, value in enumerate(values):
            if isinstance(value, str) and value not in known:
                yield (i,), vocab.suggest(kind, value)

    return check


def _country(value: str, vocab, rules) -> Any:
    if value not in vocabulary.countries():
        yield (), vocabulary.suggest_country(value)


def _languages(values: list[str], vocab, rules) -> Any:
    for i, value in enumerate(values):
        if isinstance(value, str) and value not in vocabulary.languages():
            yield (i,), vocabulary.suggest_language(value)


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _time_zone(value: str, vocab, rules) -> Any:
    if value not in _zones():
        guess = difflib.get_close_matches(value, sorted(_zones()), n=1, cutoff=0.6)
        hint = f" Did you mean '{guess[0]}'?" if guess else " Write it like Africa/Nairobi or Europe/Oslo."
        yield (), f"'{value}' is not a time zone name.{hint}"


def _bio(value: str, vocab, rules) -> Any:
    if _HTML.search(value):
        yield (), "The bio cannot hold HTML tags such as <b> or <a>: write plain text; *stars* give emphasis."
    if "![" in value:
        yield (), "The bio cannot hold images: add a photo with the 'photo' field instead."
    targets = _MD_LINK.findall(value) + _BARE_URL.findall(value)
    for target in targets:
        if not target.lower().startswith("https://"):
            yield (), f"The bio links to '{target}': only https:// links are allowed."


def _photo(value: str, vocab, rules: Rules) -> Any:
    path = rules.photos_dir / value
    if path.is_symlink() or not path.is_file():
        yield (), f"There is no file '{value}' in mentors/photos/: upload it there, or remove the 'photo' line."
        return
    size = path.stat().st_size
    if size > PHOTO_MAX_BYTES:
        yield (), f"'{value}' is {size // 1024} KB; the most is 300 KB. Save a smaller copy (about 800 pixels wide)."
        return
    with path.open("rb") as handle:
        head = handle.read(12)
    if not (any(head.startswith(m) for m in _PHOTO_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")):
        yield (), f"'{value}' is not a JPEG, PNG or WebP image: export it again in one of those formats."


_CHECKS = {
    "email": _email,
    "last_confirmed": _last_confirmed,
    "paused_until": _paused_until,
    "graduation_year": _graduation_year,
    "topics": _terms("topics"),
    "sectors": _terms("sectors"),
    "country": _country,
    "languages": _languages,
    "time_zone": _time_zone,
    "bio": _bio,
    "photo": _photo,
}


def _mentor(data: dict[str, Any], slug: str, source: Path, rules: Rules) -> Mentor:
    lists = {k: tuple(data[k]) for k in ("topics", "sectors", "languages", "schemes", "formats") if k in data}
    dates = {k: dt.date.fromisoformat(data[k]) for k in ("last_confirmed", "paused_until") if k in data}
    photo = {"photo": rules.photos_dir / data["photo"]} if "photo" in data else {}
    plain = {k: v for k, v in data.items() if k not in lists and k not in dates and k != "photo"}
    return Mentor(slug=slug, source=source, **plain, **lists, **dates, **photo)
