"""Counted phrases, right in the singular and the plural: the one place their word forms are written.

Each phrase has a form per CLDR plural category ("one", "other"), the categories that both
Babel (here) and the browser's `Intl.PluralRules` (the directory's script, which receives
these same forms with the site's data) pick by. `{n}` is the count.
"""

from __future__ import annotations

from babel import Locale

LOCALE = "en"  # the site's language: the script's Intl.PluralRules is made for the same one
_LOCALE = Locale(LOCALE)

PHRASES: dict[str, dict[str, str]] = {
    # The site, and its script
    "mentors": {"one": "{n} mentor", "other": "{n} mentors"},
    "mentors_listed": {"one": "{n} mentor, available first.", "other": "{n} mentors, available first."},
    "mentors_all": {"one": "{n} mentor.", "other": "{n} mentors."},
    "show_mentors": {"one": "Show {n} mentor", "other": "Show {n} mentors"},
    "mentors_match": {"one": "{n} mentor matches.", "other": "{n} mentors match."},
    "mentors_matching": {"one": "{n} mentor matching ‘{q}’", "other": "All {n} mentors matching ‘{q}’"},
    "alumni_offered": {
        "one": "{n} alum has offered to talk with students.",
        "other": "{n} alumni have offered to talk with students.",
    },
    # A browse page's lead, by kind of group: the verb agrees with the count.
    "group_topics": {"one": "{n} mentor who talks about {label}", "other": "{n} mentors who talk about {label}"},
    "group_sectors": {"one": "{n} mentor who works in {label}", "other": "{n} mentors who work in {label}"},
    "group_countries": {"one": "{n} mentor based in {label}", "other": "{n} mentors based in {label}"},
    "group_languages": {"one": "{n} mentor who can talk in {label}", "other": "{n} mentors who can talk in {label}"},
    "conversations_a_month": {"one": "Up to {n} conversation a month", "other": "Up to {n} conversations a month"},
    # The command line and the build
    "profiles_checked": {"one": "Checked {n} profile", "other": "Checked {n} profiles"},
    "all_look_good": {"one": "it looks good.", "other": "all look good."},
    "errors_in_files": {"one": "{n} error in {files}", "other": "{n} errors in {files}"},
    "files": {"one": "{n} file", "other": "{n} files"},
    "warnings": {"one": "{n} warning", "other": "{n} warnings"},
    "problems": {"one": "{n} problem in the mentor profiles", "other": "{n} problems in the mentor profiles"},
    "pages": {"one": "{n} page", "other": "{n} pages"},
    "rows": {"one": "{n} row", "other": "{n} rows"},
    "changes_need_review": {
        "one": "{n} change needs a maintainer's review",
        "other": "{n} changes need a maintainer's review",
    },
}


def category(n: int) -> str:
    """The CLDR plural category of a count in English: 'one' or 'other'."""
    return _LOCALE.plural_form(n)


def say(key: str, n: int, **values: object) -> str:
    """The phrase `key` for the count `n`: say('mentors', 1) -> '1 mentor'."""
    forms = PHRASES[key]
    return forms.get(category(n), forms["other"]).format(n=n, **values)
