"""What profiles may name: topics and sectors from the administrator's vocabulary file,
countries and languages from the ISO code lists, and the nearest suggestion for anything else."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from babel import Locale

# Babel's territory list also holds groupings, private-use and reserved codes outside ISO 3166-1.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")


@dataclass(frozen=True)
class Term:
    """One topic or sector: its slug, what the site shows, and words people type instead."""

    slug: str
    label: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """The topics and sectors a profile may choose from, in the administrator's order."""

    topics: dict[str, Term]
    sectors: dict[str, Term]

    def terms(self, kind: str) -> dict[str, Term]:
        return self.topics if kind == "topics" else self.sectors

    def suggest(self, kind: str, value: str) -> str:
        """A sentence saying what to write instead of a value that is not in the list."""
        terms = self.terms(kind)
        noun = "topic" if kind == "topics" else "sector"
        wanted = _normalise(value)
        for term in terms.values():
            if wanted in {_normalise(s) for s in term.synonyms} or wanted == _normalise(term.label):
                return f"'{value}' is not a {noun} slug: write '{term.slug}' ({term.label})."
        guess = difflib.get_close_matches(_slugify(value), list(terms), n=1, cutoff=0.6)
        if not guess:
            # Compare with every word a term is known by, so 'datascience' finds 'data science'.
            known = {_normalise(s).replace(" ", ""): t.slug for t in terms.values() for s in t.synonyms}
            close = difflib.get_close_matches(wanted.replace(" ", ""), list(known), n=1, cutoff=0.75)
            guess = [known[close[0]]] if close else []
        if guess:
            return f"'{value}' is not a {noun}; did you mean '{guess[0]}'?"
        return f"'{value}' is not a {noun}. The {noun}s are listed in mentors/_vocabulary.yml."


def from_data(data: Any) -> tuple[Vocabulary, list[tuple[tuple, str]]]:
    """Build the vocabulary from the parsed file, with (path, message) for each problem."""
    problems: list[tuple[tuple, str]] = []
    if not isinstance(data, dict):
        return Vocabulary({}, {}), [((), "The vocabulary needs 'topics:' and 'sectors:' sections.")]
    lists = {}
    for kind in ("topics", "sectors"):
        section = data.get(kind)
        if not isinstance(section, dict) or not section:
            problems.append(((kind,), f"'{kind}' should list slugs, each with a 'label:'."))
            section = {}
        lists[kind] = _terms(kind, section, problems)
    for key in data:
        if key not in lists:
            problems.append(((key,), f"'{key}' is not a vocabulary section: use 'topics' or 'sectors'."))
    return Vocabulary(lists["topics"], lists["sectors"]), problems


def _terms(kind: str, section: dict, problems: list) -> dict[str, Term]:
    terms = {}
    for slug, entry in section.items():
        if not _SLUG.match(slug):
            problems.append(((kind, slug), f"'{slug}' is not a slug: use lowercase letters, digits and hyphens."))
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("label"), str):
            problems.append(((kind, slug), f"'{slug}' needs a 'label:' line, indented under it."))
            continue
        synonyms = entry.get("synonyms", [])
        if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
            problems.append(((kind, slug, "synonyms"), "'synonyms' should be a list such as [data, statistics]."))
            synonyms = []
        terms[slug] = Term(slug, entry["label"], tuple(synonyms))
    return terms


def _normalise(text: str) -> str:
    return re.sub(r"[\s_-]+", " ", text.strip().lower())


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")


@lru_cache(maxsize=1)
def _english() -> Locale:
    return Locale.parse("en")


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code to English name."""
    names = _english().territories
    return {c: n for c, n in names.items() if len(c) == 2 and c.isalpha() and c not in _NOT_COUNTRIES}


@lru_cache(maxsize=1)
def languages() -> dict[str, str]:
    """ISO 639-1 code to English name."""
    return {c: n for c, n in _english().languages.items() if len(c) == 2 and c.isalpha()}


def suggest_country(value: str) -> str:
    """What to write instead of a country value that is not an ISO code."""
    return _suggest_code(value, countries(), "country", "KE for Kenya")


def suggest_language(value: str) -> str:
    """What to write instead of a language value that is not an ISO code."""
    return _suggest_code(value, languages(), "language", "en for English")


def _suggest_code(value: str, table: dict[str, str], noun: str, example: str) -> str:
    if value.upper() in table and noun == "country":
        return f"Write the country code in capitals: '{value.upper()}'."
    if value.lower() in table and noun == "language":
        return f"Write the language code in lowercase: '{value.lower()}'."
    by_name = {_normalise(name): code for code, name in table.items()}
    code = by_name.get(_normalise(value))
    if code is None:
        close = difflib.get_close_matches(_normalise(value), list(by_name), n=1, cutoff=0.8)
        code = by_name[close[0]] if close else None
    if code:
        return f"'{value}' is not a {noun} code: use '{code}' ({table[code]})."
    return f"'{value}' is not a {noun} code: use the two-letter ISO code, such as {example}."
