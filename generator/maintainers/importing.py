"""Read a programme's existing mentor list: a CSV export or a JSON array, each row with its line in the file."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..profiles import schema

MAX_BYTES = 20 * 1024 * 1024
# Fields a column can fill besides the profile's own: joined or split into profile fields.
EXTRA_FIELDS = ("first_name", "last_name", "organisation", "location", "consent")
# Set by the import itself, never from a column.
NOT_FROM_COLUMNS = ("last_confirmed", "imported", "photo")

# Column headers, lowercased with punctuation as spaces, to the field they fill: the first
# pattern that matches wins, so the more specific come first ("company name" is not a name).
HEADERS = [
    ("consent", r"\b(consent|i agree|agree to|permission)\b"),
    ("email", r"\b(e ?mail)\b"),
    ("links.linkedin", r"\blinkedin\b"),
    ("links.website", r"\b(website|web site|homepage|personal site|url|blog)\b"),
    ("time_zone", r"\btime ?zone\b"),
    ("first_name", r"\b(first name|given name|forename)\b"),
    ("last_name", r"\b(last name|surname|family name)\b"),
    ("headline", r"\b(job title|title|role|position|headline|occupation|current job)\b"),
    ("organisation", r"\b(organi[sz]ation|company|employer|workplace)\b"),
    ("pronouns", r"\bpronouns?\b"),
    ("name", r"\b(full name|name)\b"),
    ("bio", r"\b(about|bio|biography|description|summary|introduce)\b"),
    ("topics", r"\b(topics?|skills?|tags?|expertise|areas?|subjects?)\b"),
    ("sectors", r"\b(sectors?|industry|industries)\b"),
    ("languages", r"\b(languages?|speak)\b"),
    ("country", r"\bcountry\b"),
    ("city", r"\b(city|town)\b"),
    ("location", r"\b(location|based|where do you live)\b"),
    ("graduation_year", r"\b(graduation|graduated|class of)\b"),
    ("course", r"\b(course|degree|studied)\b"),
]


@dataclass(frozen=True)
class Row:
    """One mentor in the source: the line it starts on, and its cells by header."""

    line: int
    cells: dict[str, str]


class SourceError(ValueError):
    """The file or the map cannot be read at all: nothing is imported."""


def fields() -> list[str]:
    """Every name a column can be mapped to."""
    props = schema.schema()["properties"]
    plain = [f for f in props if f not in NOT_FROM_COLUMNS and f != "links"]
    return plain + [f"links.{kind}" for kind in props["links"]["properties"]] + list(EXTRA_FIELDS)


def read(path: Path) -> tuple[list[str], list[Row]]:
    """The headers and rows of a .csv, .tsv or .json file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path} cannot be read: {exc.strerror}.") from None
    if len(raw) > MAX_BYTES:
        raise SourceError(f"{path} is over {MAX_BYTES // 1024 // 1024} MB: that is not a list of mentors.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(
            f"{path} is not UTF-8 text. In Excel choose 'Save as' and 'CSV UTF-8'; "
            "Google Sheets and Microsoft Forms downloads already are."
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if path.suffix.lower() == ".json":
        return _json_rows(path, text)
    return _csv_rows(path, text)


def _csv_rows(path: Path, text: str) -> tuple[list[str], list[Row]]:
    sample = text[:4096]
    delimiter = "\t" if path.suffix.lower() == ".tsv" else max(",;\t", key=sample.split("\n", 1)[0].count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        headers = [h.strip() for h in next(reader)]
    except StopIteration:
        raise SourceError(f"{path} is empty: export the responses with their header row.") from None
    except csv.Error as exc:
        raise SourceError(f"{path}:1: the header row cannot be read as CSV: {exc}.") from None
    rows, line = [], reader.line_num + 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append(Row(line, dict(zip(headers, (c.strip() for c in cells), strict=False))))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise SourceError(f"{path}:{line}: this row cannot be read as CSV: {exc}.") from None
    return headers, rows


def _json_rows(path: Path, text: str) -> tuple[list[str], list[Row]]:
    """Decode the array one element at a time, so each row knows the line it starts on."""
    decoder = json.JSONDecoder()
    pos = _skip(text, 0)
    if not text.startswith("[", pos):
        raise SourceError(f"{path}: expected a JSON array of objects, one per mentor, starting with '['.")
    headers: dict[str, None] = {}
    rows = []
    pos = _skip(text, pos + 1)
    while not text.startswith("]", pos):
        line = text.count("\n", 0, pos) + 1
        try:
            item, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise SourceError(f"{path}:{exc.lineno}:{exc.colno}: this is not valid JSON: {exc.msg}.") from None
        if not isinstance(item, dict):
            raise SourceError(f'{path}:{line}: each item of the array should be an object such as {{"name": ...}}.')
        cells = _flatten(item)
        headers.update(dict.fromkeys(cells))
        rows.append(Row(line, cells))
        pos = _skip(text, pos)
        if text.startswith(",", pos):
            pos = _skip(text, pos + 1)
        elif not text.startswith("]", pos):
            raise SourceError(f"{path}:{text.count(chr(10), 0, pos) + 1}: expected ',' or ']' after an object.")
    return list(headers), rows


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    return pos


def _flatten(item: dict, prefix: str = "") -> dict[str, str]:
    """Nested objects as dotted keys; lists as lines; null as empty."""
    cells: dict[str, str] = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            cells.update(_flatten(value, f"{name}."))
        elif isinstance(value, list):
            cells[name] = "\n".join(str(v).strip() for v in value if v is not None and not isinstance(v, dict))
        else:
            cells[name] = "" if value is None else str(value).strip()
    return cells


def columns(headers: list[str], mapping: dict[str, str | None]) -> tuple[dict[str, str], list[str]]:
    """(field -> header) and the headers left unused: the map's choices first, then recognised headers."""
    chosen = {f: h for f, h in mapping.items() if h is not None}
    used = set(chosen.values())
    for header in headers:
        if header in used:
            continue
        words = re.sub(r"[^a-z0-9]+", " ", header.lower()).strip()
        field = next((f for f, pattern in HEADERS if re.search(pattern, words)), None)
        if field and field not in chosen and field not in mapping:
            chosen[field] = header
            used.add(header)
    return chosen, [h for h in headers if h not in used]


def read_map(path: Path, headers: list[str]) -> dict[str, str | None]:
    """A MAP.yml of `field: Column header` lines (or `field: null` to leave a field out), checked."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SourceError(f"{path} cannot be read as YAML: {exc}") from None
    if not isinstance(data, dict):
        raise SourceError(f"{path} should hold lines like 'name: Full name' (a profile field, then a column).")
    known = fields()
    for field, header in data.items():
        if field not in known:
            raise SourceError(f"{path}: '{field}' is not a field to import into. Use one of: {', '.join(known)}.")
        if header is not None and header not in headers:
            raise SourceError(f"{path}: there is no column '{header}' (for '{field}'). The columns are: {headers}.")
    return dict(data)
