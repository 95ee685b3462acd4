"""The profile schema: one JSON Schema file is the source of truth for names, types and limits.

This module gives the schema its types (every YAML scalar arrives as a string) and turns
the schema validator's errors into sentences a first-time contributor can act on.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema

# A value worth showing in "add a line like ..." when a required field is missing.
EXAMPLES = {
    "name": "name: Ada Okafor",
    "email": "email: ada.okafor@example.org",
    "headline": "headline: Evaluation adviser at Example Foundation",
    "bio": "bio: |  (then your bio on the lines below, indented by two spaces)",
    "topics": "topics:  (then one line per topic, such as '  - career-change')",
    "country": "country: KE",
    "languages": "languages:  (then one line per language, such as '  - en')",
    "last_confirmed": "last_confirmed: 2026-01-31  (today's date)",
}

# Vocabulary and code checks give better messages ("did you mean ...") than a pattern
# mismatch, so pattern errors on these are left to them.
_CHECKED_ELSEWHERE = {"topics", "sectors", "languages", "country", "time_zone"}

KEY = "<key>"
_WHOLE_NUMBER = re.compile(r"(0|[1-9][0-9]*)")


@cache
def schema() -> dict[str, Any]:
    """The profile schema as shipped in the package."""
    text = resources.files("generator").joinpath("schema/profile.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _validator() -> Any:
    # Imported here: only a profile with an error needs jsonschema's messages, and the import
    # is a tenth of a build's start-up.
    import jsonschema

    return jsonschema.Draft202012Validator(_whole_value(schema()))


@cache
def _is_valid() -> Any:
    # The schema uses only keywords that mean the same in draft 7, which fastjsonschema
    # compiles to plain Python: a yes/no about 20 times faster than walking the schema.
    draft7 = dict(_whole_value(schema()), **{"$schema": "http://json-schema.org/draft-07/schema#"})
    return fastjsonschema.compile(draft7)


def _whole_value(node: Any) -> Any:
    """The schema with each pattern's final '$' as '\\Z': in Python '$' also matches before a final newline."""
    if isinstance(node, dict):
        return {k: re.sub(r"(?<!\\)\$$", r"\\Z", v) if k == "pattern" else _whole_value(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_whole_value(v) for v in node]
    return node


def fields() -> list[str]:
    """Every field a profile may have, in the schema's order."""
    return list(schema()["properties"])


def coerce(data: dict[str, Any]) -> dict[str, Any]:
    """Give string values the integer type where the schema asks for one.

    Only plain decimal numbers convert, so '01234' or '1e3' stay strings and are reported.
    """
    props = schema()["properties"]
    out = dict(data)
    for key, value in data.items():
        if props.get(key, {}).get("type") == "integer" and isinstance(value, str):
            if _WHOLE_NUMBER.fullmatch(value):
                out[key] = int(value)
    return out


def errors(data: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    """Yield (path, message) for each way the data breaks the schema, each once.

    A path ending in KEY means the key itself is wrong, not its value.
    """
    try:
        _is_valid()(data)
        return
    except fastjsonschema.JsonSchemaException:
        pass
    seen = set()
    for error in _validator().iter_errors(data):
        for found in _explain(error, data):
            if found not in seen:
                seen.add(found)
                yield found


def _explain(error: Any, data: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    path = tuple(error.absolute_path)
    field = next((p for p in path if isinstance(p, str)), "")
    kind = error.validator
    instance = error.instance
    if kind == "required":
        for name in error.validator_value:
            if name not in instance:
                example = EXAMPLES.get(name, f"{name}: ...")
                yield path, f"'{name}' is missing: add a line like '{example}'."
    elif kind == "anyOf" and not path:  # neither last_confirmed nor imported
        yield path, f"'last_confirmed' is missing: add a line like '{EXAMPLES['last_confirmed']}'."
    elif kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for key in instance:
            if key not in allowed:
                yield path + (key, KEY), _unknown_key(key, allowed, top=not path)
    elif kind == "type":
        yield path, _wrong_type(field, error.validator_value, path)
    elif kind == "minLength":
        yield path, f"'{field}' is {len(instance)} characters long; write at least {error.validator_value}."
    elif kind == "maxLength":
        yield path, f"'{field}' is {len(instance)} characters long; the most is {error.validator_value}. Shorten it."
    elif kind == "minItems":
        yield path, f"'{field}' needs at least {error.validator_value}: add one per line, starting with '- '."
    elif kind == "maxItems":
        yield path, f"'{field}' lists {len(instance)}; choose at most {error.validator_value}."
    elif kind == "uniqueItems":
        # Point at the second mention, where the person should delete a line.
        again = next(i for i, v in enumerate(instance) if v in instance[:i])
        yield path + (again,), f"'{field}' lists '{instance[again]}' more than once: keep one."
    elif kind == "enum":
        yield path, _not_in_enum(field, instance, error.validator_value)
    elif kind in ("minimum", "maximum"):
        yield path, _out_of_range(field, instance)
    elif kind == "pattern":
        if field not in _CHECKED_ELSEWHERE:
            yield path, _bad_pattern(field, instance)
    else:  # pragma: no cover - every keyword the schema uses is handled above
        yield path, f"'{field}': {error.message}"


def _unknown_key(key: str, allowed: list[str], top: bool) -> str:
    where = "a profile field" if top else "allowed here"
    guess = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=0.6)
    if guess:
        return f"'{key}' is not {where}; did you mean '{guess[0]}'?"
    return f"'{key}' is not {where}. Use one of: {', '.join(allowed)}."


def _wrong_type(field: str, expected: Any, path: tuple) -> str:
    if expected == "array":
        return f"'{field}' should be a list: put each item on its own line, indented, starting with '- '."
    if expected == "object":
        return f"'{field}' should hold lines like 'website: https://example.org', indented under it."
    if expected == "integer":
        return f"'{field}' should be a whole number, such as {'2015' if 'year' in field else '4'}."
    if len(path) > 1:
        return f"Each item of '{field}' should be a single value on its own line."
    return f"'{field}' should be text on the same line, not a list or an indented block."


def _not_in_enum(field: str, value: Any, choices: list[str]) -> str:
    options = ", ".join(choices)
    guess = difflib.get_close_matches(str(value).lower(), choices, n=1, cutoff=0.5)
    hint = f" Did you mean '{guess[0]}'?" if guess else ""
    return f"'{value}' is not one of the choices for '{field}' ({options}).{hint}"


def _out_of_range(field: str, value: Any) -> str:
    if field == "graduation_year":
        return f"'{value}' is not a graduation year we can show: use a year from 1950 to this year."
    return f"'{field}' is {value}; choose a number from 1 to 20."


def _bad_pattern(field: str, value: str) -> str:
    if field in ("last_confirmed", "paused_until", "imported"):
        return f"'{value}' is not a date: write it as YYYY-MM-DD, such as 2026-03-01."
    if field == "email":
        return (
            f"'{value}' is not one plain email address: write it like name@example.org, "
            "with no spaces and none of ? & , ; % # < > or quotes."
        )
    if field == "links":
        return _bad_link(value)
    if field == "photo":
        return (
            f"'{value}' is not a photo file name: upload a .jpg, .png or .webp file to "
            "mentors/photos/ and write its name here, such as ada-okafor.jpg."
        )
    if field == "github":
        return f"'{value}' is not a GitHub user name: write it without '@' or the web address."
    return f"'{value}' is not in the form '{field}' takes."


def _bad_link(value: str) -> str:
    lowered = value.strip().lower()
    if lowered.startswith("http://"):
        return f"'{value}' starts with http://: use the https:// address."
    if lowered.startswith("https://") and "@" in lowered[8:].split("/", 1)[0]:
        return f"'{value}' has a user name or password in it: remove the part before '@'."
    return f"'{value}' is not a web link: write the full address starting with https://."
