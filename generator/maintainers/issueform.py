"""Read the answers of an "Add me as a mentor" issue and turn them into the text of a profile.

GitHub renders each answer of an issue form as `### Label`, a blank line and the value
(`_No response_` when left empty; `- [X] option` for ticked boxes). The labels below
must match `.github/ISSUE_TEMPLATE/add-me-as-a-mentor.yml`; a test holds them together.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from ..profiles import vocabulary
from ..profiles.vocabulary import Vocabulary


@dataclass(frozen=True)
class Field:
    """One question on the form and the profile key its answer fills."""

    label: str
    key: str
    kind: str = "line"  # line, text, list, words, boxes, choice, number, links, consent
    required: bool = False


FIELDS = (
    Field("Your name", "name", required=True),
    Field("Pronouns", "pronouns"),
    Field("Email address students write to", "email", required=True),
    Field("Headline", "headline", required=True),
    Field("About you", "bio", "text", required=True),
    Field("Topics", "topics", "list", required=True),
    Field("Sectors", "sectors", "list"),
    Field("Country", "country", required=True),
    Field("City", "city"),
    Field("Languages", "languages", "words", required=True),
    Field("Time zone", "time_zone"),
    Field("Course", "course"),
    Field("Graduation year", "graduation_year", "number"),
    Field("Schemes", "schemes", "boxes"),
    Field("How you are happy to talk", "formats", "boxes"),
    Field("Availability", "availability", "choice"),
    Field("Conversations a month", "capacity", "number"),
    Field("Links", "links", "links"),
    Field("GitHub user name", "github"),
    Field("Consent", "consent", "consent", required=True),
)
# The tick-box and drop-down options as the form shows them, and the value each stands for.
OPTIONS = {
    "schemes": {
        "Ask an alum: one-off conversations": "ask-an-alum",
        "Matched: six months with one mentee, arranged by the coordinators": "matched",
        "Group: one mentor and several mentees": "group",
    },
    "formats": {"Video call": "video", "Phone": "phone", "Email": "email", "In person": "in-person"},
    "availability": {
        "Open: happy to hear from students": "open",
        "Limited: a few conversations a month": "limited",
        "Paused: not taking conversations for now": "paused",
    },
    "consent": {"I agree that this profile, except my email address, is published on the mentor directory": "yes"},
}
_LINK_HOSTS = {
    "linkedin.com": "linkedin",
    "orcid.org": "orcid",
    "github.com": "github",
    "bsky.app": "bluesky",
}
NO_ANSWER = "_No response_"
FormProblem = tuple[str, str]  # (the question's label, what is wrong)


def answers(body: str) -> tuple[dict[str, str], list[FormProblem]]:
    """The answer under each question the form asks (empty when not answered)."""
    labels = {f.label.lower(): f.label for f in FIELDS}
    found: dict[str, list[str]] = {}
    problems: list[FormProblem] = []
    current = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = re.fullmatch(r"###\s+(.+?)\s*#*\s*", line)
        label = labels.get(heading.group(1).lower()) if heading else None
        if label and label in found:
            problems.append((label, "The issue answers this question twice: keep one answer."))
            current = None
        elif label:
            current = label
            found[label] = []
        elif current:
            found[current].append(line)
    values = {label: "\n".join(lines).strip() for label, lines in found.items()}
    return {label: "" if value == NO_ANSWER else value for label, value in values.items()}, problems


def build(values: dict[str, str], vocab: Vocabulary, today: dt.date) -> tuple[list[tuple[str, str]], list[FormProblem]]:
    """The profile as (label, YAML text) pieces in the template's order, and what is missing or wrong."""
    pieces: list[tuple[str, str]] = []
    problems: list[FormProblem] = []
    for field in FIELDS:
        value = values.get(field.label, "")
        if not value:
            if field.required:
                problems.append((field.label, _missing(field)))
            continue
        if field.kind in ("line", "number", "choice") and "\n" in value:
            problems.append((field.label, "The answer should be one line: put it on a single line."))
            continue
        text, problem = _convert(field, value, vocab)
        if problem:
            problems.append((field.label, problem))
        elif text:
            pieces.append((field.label, text))
    pieces.append(("last_confirmed", f"last_confirmed: {today.isoformat()}"))
    return pieces, problems


def _missing(field: Field) -> str:
    if field.kind == "consent":
        return "The consent box is not ticked: we publish a profile only with the person's consent."
    return "There is no answer to this question, and a profile needs one."


def _convert(field: Field, value: str, vocab: Vocabulary) -> tuple[str, str | None]:
    key, kind = field.key, field.kind
    if kind == "text":
        lines = [line.strip() for line in value.split("\n")]
        return f"{key}: |\n" + "\n".join(f"  {line}" if line else "" for line in lines), None
    if kind in ("list", "words"):
        items = _items(value, "\n" if kind == "list" else r"[,;\n]")
        items = [_term(key, item, vocab) for item in items]
        return f"{key}:\n" + "\n".join(f"  - {_quote(item)}" for item in items), None
    if kind in ("boxes", "choice", "consent"):
        chosen, unknown = _chosen(key, value, ticked_only=kind != "choice")
        if unknown:
            return "", f"'{unknown}' is not one of the options on the form: choose from the list."
        if kind == "consent":
            return "", None if chosen else _missing(field)
        if not chosen:
            return "", None
        if kind == "choice":
            return f"{key}: {chosen[0]}", None
        return f"{key}:\n" + "\n".join(f"  - {item}" for item in chosen), None
    if kind == "number":
        return f"{key}: {value if value.isascii() and value.isdigit() else _quote(value)}", None
    if kind == "links":
        return _links(value)
    return f"{key}: {_quote(_line(key, value, vocab))}", None


def _items(value: str, separator: str) -> list[str]:
    items = [re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", item).strip() for item in re.split(separator, value)]
    return [item for item in items if item]


def _term(key: str, item: str, vocab: Vocabulary) -> str:
    """A slug or code for what the person wrote, when it is a label or name; else what they wrote."""
    if key == "languages":
        by_name = {name.lower(): code for code, name in vocabulary.languages().items()}
        return item.lower() if len(item) == 2 else by_name.get(item.lower(), item)
    by_label = {term.label.lower(): slug for slug, term in vocab.terms(key).items()}
    return by_label.get(item.lower(), item)


def _line(key: str, value: str, vocab: Vocabulary) -> str:
    if key == "country":
        by_name = {name.lower(): code for code, name in vocabulary.countries().items()}
        return value.upper() if len(value) == 2 else by_name.get(value.lower(), value)
    if key == "github":
        return re.sub(r"^(?:https?://)?(?:www\.)?github\.com/|^@", "", value).strip("/")
    return value


def _chosen(key: str, value: str, ticked_only: bool) -> tuple[list[str], str | None]:
    options = {label.lower(): slug for label, slug in OPTIONS[key].items()}
    options.update({slug: slug for slug in OPTIONS[key].values()})
    chosen = []
    for line in value.split("\n"):
        box = re.fullmatch(r"\s*[-*]\s+\[([ xX])\]\s+(.*)", line)
        if ticked_only and not box:
            continue
        if box and box.group(1) == " ":
            continue
        text = (box.group(2) if box else line).strip()
        if not text:
            continue
        if text.lower() not in options:
            return [], text
        chosen.append(options[text.lower()])
    return list(dict.fromkeys(chosen)), None


def _links(value: str) -> tuple[str, str | None]:
    links: dict[str, str] = {}
    for item in _items(value, "\n"):
        named = re.fullmatch(r"([A-Za-z]+)\s*:\s*(\S+)", item)
        if named and not item.lower().startswith(("http:", "https:")):
            kind, url = named.group(1).lower(), named.group(2)
        else:
            host = re.sub(r"^https?://(?:www\.)?", "", item.lower()).split("/", 1)[0]
            kind, url = next((k for h, k in _LINK_HOSTS.items() if host.endswith(h)), "website"), item
        if kind in links:
            return "", f"There are two {kind} links: keep one, or write the others in your bio."
        links[kind] = url
    return "links:\n" + "\n".join(f"  {kind}: {_quote(url)}" for kind, url in links.items()), None


def _quote(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: nothing in it can be read as YAML syntax.
    return json.dumps(value, ensure_ascii=False)


def render(pieces: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """The file's text, and for each of its lines the question it came from."""
    header = [
        "# yaml-language-server: $schema=../generator/schema/profile.schema.json",
        "# Made from an 'Add me as a mentor' issue. Check it, then keep it up to date like any profile.",
    ]
    lines, owners = list(header), [""] * len(header)
    for label, text in pieces:
        for line in text.split("\n"):
            lines.append(line)
            owners.append(label)
    return "\n".join(lines) + "\n", owners
