"""Check one parsed profile against the schema and the rules a schema cannot say, and build its Mentor."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from email_validator import EmailNotValidError, validate_email

from .. import store
from ..settings import Settings
from . import characters, photocheck, schema, timezones, urls, vocabulary
from .bio import link_targets
from .model import Mentor, months_between
from .yaml_strict import Document

FREE_TEXT = ("name", "name_latin", "pronouns", "headline", "bio", "city", "course")
_HTML = re.compile(r"<[A-Za-z!/?]")
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_BARE_URL = re.compile(r"(?<![(<\w])(?:https?|javascript|data|vbscript):[^\s)>]+", re.IGNORECASE)


@dataclass(frozen=True)
class Rules:
    """What the programme decides: the day to check against and how old a confirmation may be."""

    today: dt.date
    # The defaults are Settings' own: a programme's values come through rules_for.
    photos_dir: Path = Path(Settings.profiles_dir) / "photos"
    warn_after_months: int = Settings.warn_after_months
    hide_after_months: int = Settings.hide_after_months
    min_bio_length: int = Settings.min_bio_length
    # The profile template's example values: a profile still holding one gets a warning.
    examples: dict[str, str] = field(default_factory=dict)
    # Where photo verdicts are kept between runs (photocheck.verdicts); None: not kept.
    photo_verdicts: store.Store | None = None
    # Where checked profiles are kept between runs (loader.checked_store); None: not kept.
    kept: Path | None = None


def profile(doc: Document, slug: str, source: Path, vocab: vocabulary.Vocabulary, rules: Rules):
    """Return (mentor or None, [(line, col, severity, message)]) for one parsed profile."""
    found: list[tuple[int, int, str, str]] = [(line, col, "error", msg) for line, col, msg in doc.problems]

    def report(path: tuple, message: str, severity: str = "error") -> None:
        at_key = path[-1:] == (schema.KEY,)
        line, col = doc.where(path[:-1] if at_key else path, at_key)
        found.append((line, col, severity, message + _curly_quotes(data, path)))

    data = schema.coerce(doc.data)
    flagged = set()
    for path, message in schema.errors(data):
        flagged.add(path[:1])
        report(path, message)
    for key, value in data.items():
        # A list with a schema error (too long, repeated) still gets its items checked.
        check = _CHECKS.get(key)
        if check and (isinstance(value, list) or (key,) not in flagged):
            given = (data,) if key in _NEED_PROFILE else ()
            for path, message, *severity in check(value, vocab, rules, *given):
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


def rules_for(settings: Settings) -> Rules:
    """The checking rules a programme's Settings imply."""
    return Rules(
        today=settings.today,
        warn_after_months=settings.warn_after_months,
        hide_after_months=settings.hide_after_months,
        min_bio_length=settings.min_bio_length,
    )


_CURLY = ("\u201c\u201d", "\u2018\u2019", "\u201e\u201c", "\u00ab\u00bb")


def _curly_quotes(data: dict, path: tuple) -> str:
    """Why a value wrapped in typographic quotes fails: YAML keeps them as part of the text."""
    value: Any = data
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return ""
    if isinstance(value, str) and len(value) > 1 and any(value[0] == o and value[-1] in c for o, c in _CURLY):
        return (
            f" The value is wrapped in curly quotes ({value[0]} {value[-1]}), which a word processor puts in and "
            f"which count as part of the text: write {value[1:-1]!r} with straight quotes or none."
        )
    return ""


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
    yield from _age(day, rules)


def _imported(value: str, vocab, rules: Rules, data: dict) -> Any:
    day = _date(value)
    if day is None:
        yield (), f"'{value}' is not a real date: check the month and day (YYYY-MM-DD)."
    elif day > rules.today + dt.timedelta(days=1):
        yield (), f"'{value}' is in the future: 'imported' is the day the profile was imported."
    elif "last_confirmed" not in data:
        yield (
            (),
            (
                "Imported and not yet confirmed by the mentor: once they have read it through, "
                f"replace this line with 'last_confirmed: {rules.today.isoformat()}' (the day they checked it)."
            ),
            "warning",
        )
        yield from _age(day, rules, "Imported")


def _age(day: dt.date, rules: Rules, event: str = "Last confirmed") -> Any:
    months = months_between(day, rules.today)
    if months >= rules.hide_after_months:
        yield (
            (),
            (
                f"{event} {months} months ago, so the profile is hidden from the site: "
                f"check it and set 'last_confirmed' to today's date."
            ),
            "warning",
        )
    elif months >= rules.warn_after_months:
        yield (
            (),
            (
                f"{event} {months} months ago: check the profile and set 'last_confirmed' to "
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


def _time_zone(value: str, vocab, rules: Rules, data: dict) -> Any:
    if value not in timezones.zones():
        country = data.get("country")
        yield (), timezones.suggest(value, country if isinstance(country, str) else None, rules.today)


def _bio(value: str, vocab, rules: Rules) -> Any:
    yield from _text("bio", multiline=True)(value, vocab, rules)
    if len(value.strip()) < rules.min_bio_length:
        yield (), f"'bio' is {len(value.strip())} characters long; write at least {rules.min_bio_length}."
    if _HTML.search(value):
        yield (), "The bio cannot hold HTML tags such as <b> or <a>: write plain text; *stars* give emphasis."
    if "![" in value:
        yield (), "The bio cannot hold images: add a photo with the 'photo' field instead."
    targets = _MD_LINK.findall(value) + _BARE_URL.findall(value) + link_targets(value)
    for target in dict.fromkeys(targets):
        if not target.lower().startswith("https://"):
            yield (), f"The bio links to '{target}': only https:// links are allowed."
        elif why := urls.problem(target):
            yield (), f"The bio links to '{target}': {why}"


def _links(value: dict, vocab, rules) -> Any:
    if not isinstance(value, dict):
        return
    for kind, url in value.items():
        if isinstance(url, str) and kind in urls.HOSTS:
            why = urls.problem(url) or urls.wrong_host(kind, url)
            if why:
                yield (kind,), why


def _text(key: str, multiline: bool = False):
    """Free text must show something, and stay on one line unless it is the bio."""

    def check(value: str, vocab, rules) -> Any:
        if not isinstance(value, str):
            return
        if not any(ch.isprintable() and not ch.isspace() and not characters.reason(ch) for ch in value):
            yield (), f"'{key}' has no letters or digits in it: write your {key.replace('_', ' ')}, or remove the line."
        elif key == "name" and not any(ch.isalpha() for ch in value):
            yield (), "'name' has no letters in it: write your name as students should see it."
        elif not multiline and ("\n" in value.rstrip("\n") or "\t" in value):
            yield (), f"'{key}' must be one line of text: join the lines, or remove the '|' or '>' after '{key}:'."

    return check


def _photo(value: str, vocab, rules: Rules) -> Any:
    for message, *severity in photocheck.problems(rules.photos_dir / value, value, rules.photo_verdicts):
        yield (), message, *severity


_CHECKS = {
    "email": _email,
    "last_confirmed": _last_confirmed,
    "imported": _imported,
    "paused_until": _paused_until,
    "graduation_year": _graduation_year,
    "topics": _terms("topics"),
    "sectors": _terms("sectors"),
    "country": _country,
    "languages": _languages,
    "time_zone": _time_zone,
    "bio": _bio,
    "photo": _photo,
    "links": _links,
} | {key: _text(key, key == "bio") for key in FREE_TEXT if key != "bio"}
_NEED_PROFILE = {"time_zone", "imported"}


def _mentor(data: dict[str, Any], slug: str, source: Path, rules: Rules) -> Mentor:
    lists = {k: tuple(data[k]) for k in ("topics", "sectors", "languages", "schemes", "formats") if k in data}
    dates = {k: dt.date.fromisoformat(data[k]) for k in ("last_confirmed", "paused_until", "imported") if k in data}
    dates.setdefault("last_confirmed", None)
    photo = {"photo": rules.photos_dir / data["photo"]} if "photo" in data else {}
    plain = {k: v for k, v in data.items() if k not in lists and k not in dates and k != "photo"}
    return Mentor(slug=slug, source=source, **plain, **lists, **dates, **photo)
