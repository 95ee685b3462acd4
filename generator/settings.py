"""What a programme decides about its directory, independent of the site engine."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_SUBJECT = "{scheme}: a conversation about {topic}"
DEFAULT_BODY = """Dear {mentor_name},

My name is {student_name} and I am studying {student_course}. I found your profile in the {programme} directory.

{why}

My question is about {topic}: {question}

{ask} I would also be grateful to know whom else you think I could talk to about this.

I know your time is limited, so please don't worry if now is not a good moment: a short no is completely fine.

With thanks,
{student_name}
"""  # noqa: E501

# What the student fills in: shown as these placeholders when the page has no JavaScript.
STUDENT_FIELDS = {
    "student_name": "[your name]",
    "student_course": "[your course and year]",
    "why": "[Why you chose this mentor: something specific in their profile.]",
    "question": "[Your specific question, in one or two sentences.]",
    # What the student asks for; the composer offers a choice, the plain link offers both.
    "ask": "Would you have time for a 20-minute call in the next few weeks? If email suits you better, a short answer by email would be just as welcome.",  # noqa: E501
}
TEMPLATE_FIELDS = ("mentor_name", "topic", "programme", "scheme", *STUDENT_FIELDS)
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Settings:
    """A programme's choices: names, contact, email wording, freshness and layout."""

    today: dt.date
    site_name: str = ""
    site_url: str = ""
    programme: str = "Alumni Mentoring Programme"
    scheme: str = "Ask An Alum"
    contact: str = ""
    repo_url: str = ""
    edit_branch: str = "main"
    profiles_dir: str = "mentors"
    subject_template: str = DEFAULT_SUBJECT
    body_template: str = DEFAULT_BODY
    warn_after_months: int = 11
    hide_after_months: int = 12
    cards_per_page: int = 30
    min_bio_length: int = 80
    imported_profiles: str = "show"
    directory_urls: bool = True


@dataclass(frozen=True)
class Option:
    """One option under the plugin in mkdocs.yml: the Settings field it sets, and what it does."""

    field: str
    help: str
    shown_default: str | None = None  # for the README, where the default is too long to quote


# The plugin's options, the one place they are named and described: the plugin's config class is
# made from this, and a test holds the README's table to it (tests/test_settings_once.py).
OPTIONS = {
    "profiles": Option("profiles_dir", "the folder of profile files, relative to `mkdocs.yml`"),
    "programme": Option("programme", "the programme's name, as students see it"),
    "scheme": Option("scheme", "the name of one-off conversations, used in the email subject and the filters"),
    "contact": Option("contact", "the coordinators' email address"),
    "edit_branch": Option("edit_branch", "the branch that 'Edit this profile' and 'Become a mentor' links open"),
    "email_subject": Option("subject_template", "subject of the pre-filled email; placeholders in braces"),
    "email_body": Option(
        "body_template", "body of the pre-filled email; placeholders in braces", "a short letter asking for a call"
    ),
    "warn_after_months": Option("warn_after_months", "warn about profiles not confirmed for this many months"),
    "hide_after_months": Option(
        "hide_after_months", "leave profiles not confirmed for this many months off the site (and name them in the log)"
    ),
    "cards_per_page": Option("cards_per_page", "mentor cards on each page of the directory without JavaScript"),
    "min_bio_length": Option(
        "min_bio_length",
        "the fewest characters a bio may have (1 to 1,500); a programme whose old form capped bios short can lower it",
    ),
    "imported_profiles": Option(
        "imported_profiles",
        '`show`: imported profiles not yet confirmed appear, each marked "Imported, not yet confirmed" on its '
        "card and page; `hide`: they stay off the site until the mentor adds `last_confirmed`",
    ),
}
# Keys of mkdocs.yml itself that Settings carries, and the fields they set.
SITE_KEYS = {
    "site_name": "site_name",
    "site_url": "site_url",
    "repo_url": "repo_url",
    "use_directory_urls": "directory_urls",
}
# How the site treats a profile brought in by `mentor-directory import` and not yet confirmed.
IMPORTED_CHOICES = ("show", "hide")


def from_options(options: dict, today: dt.date, site: dict | None = None) -> Settings:
    """Settings from the plugin's options and mkdocs.yml's SITE_KEYS; unknown option names raise ValueError."""
    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise ValueError(f"unknown mentor-directory options: {', '.join(unknown)}")
    for name in ("email_subject", "email_body"):
        missing = template_problems(options.get(name, ""))
        if missing:
            raise ValueError(f"{name} uses placeholders nothing fills in: {', '.join(missing)}")
    if options.get("imported_profiles", Settings.imported_profiles) not in IMPORTED_CHOICES:
        raise ValueError(f"imported_profiles must be one of: {', '.join(IMPORTED_CHOICES)}")
    bio = options.get("min_bio_length", Settings.min_bio_length)
    if not isinstance(bio, int) or isinstance(bio, bool) or not 1 <= bio <= 1500:
        raise ValueError("min_bio_length must be a whole number of characters from 1 to 1500")
    fields = {OPTIONS[key].field: value for key, value in options.items()}
    given = {SITE_KEYS[key]: value for key, value in (site or {}).items() if key in SITE_KEYS and value is not None}
    return Settings(today=today, **given, **fields)


def from_mkdocs_yml(text: str, today: dt.date) -> tuple[Settings, str]:
    """Settings and the profiles folder from an mkdocs.yml's text, read as plain data.

    Tags such as !!python/name are read as plain strings: nothing in the file is run.
    """
    config = yaml.load(text, Loader=_PlainLoader) or {}
    options: dict = {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "mentor-directory" in plugin:
            options = plugin["mentor-directory"] or {}
    settings = from_options(options, today, {key: config.get(key) for key in SITE_KEYS})
    return settings, settings.profiles_dir


def load(path: Path, today: dt.date) -> tuple[Settings, Path]:
    """Settings and the profiles folder from an mkdocs.yml, or the defaults where there is none.

    Raises ValueError for an option with a wrong name or value.
    """
    if not path.is_file():
        return Settings(today=today), path.parent / Settings.profiles_dir
    config, profiles = from_mkdocs_yml(path.read_text(encoding="utf-8"), today)
    return config, path.parent / profiles


class _PlainLoader(yaml.SafeLoader):
    """A safe loader that reads unknown tags as their plain value instead of failing."""


_PlainLoader.add_multi_constructor(
    "", lambda loader, suffix, node: loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None
)


def template_problems(template: str) -> list[str]:
    """Placeholders in an email template that nothing fills in."""
    return sorted({name for name in _PLACEHOLDER.findall(template) if name not in TEMPLATE_FIELDS})


def fill_template(template: str, values: dict[str, str]) -> str:
    """Replace {name} placeholders; anything else in braces is left as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
