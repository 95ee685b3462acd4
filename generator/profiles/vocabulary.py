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

    def resolve(self, kind: str, value: str) -> str | None:
        """The slug a slug, label or synonym stands for, or None."""
        terms = self.terms(kind)
        wanted = _normalise(value)
        for term in terms.values():
            if wanted in {_normalise(term.slug), _normalise(term.label), *map(_normalise, term.synonyms)}:
                return term.slug
        return None

    def suggest(self, kind: str, value: str) -> str:
        """A sentence saying what to write instead of a value that is not in the list."""
        terms = self.terms(kind)
        noun = "topic" if kind == "topics" else "sector"
        wanted = _normalise(value)
        for term in terms.values():
            if wanted in {_normalise(s) for s in term.synonyms} or wanted == _normalise(term.label):
                return f"'{value}' is not a {noun} slug: write '{term.slug}' ({term.label})."
        ranked = _ranked(value, terms)
        if ranked and ranked[0][0] >= SUGGEST_ABOVE and len(wanted.replace(" ", "")) >= _GUESS_FROM_LENGTH:
            return f"'{value}' is not a {noun}; did you mean '{ranked[0][1]}'?"
        if not terms:
            return f"'{value}' is not a {noun}: this programme lists no {noun}s, so remove the line."
        nearest = ", ".join(f"'{slug}' ({terms[slug].label})" for _, slug in ranked[:3])
        return (
            f"'{value}' is not a {noun}. The nearest in spelling are {nearest}; "
            f"every {noun} is listed in mentors/_vocabulary.yml."
        )


# How alike a typed value and a slug, label or synonym must be (0 to 1) to be offered as
# "did you mean": below it, a guess is more often wrong than right, so the nearest are listed.
SUGGEST_ABOVE = 0.8
# Shorter values are abbreviations more often than typos ('CI' is not 'cli').
_GUESS_FROM_LENGTH = 4


def _ranked(value: str, terms: dict[str, Term]) -> list[tuple[float, str]]:
    """Each slug with its best likeness to the value over its slug, label and synonyms, best first."""
    best: dict[str, float] = {}
    for term in terms.values():
        for name in (term.slug, term.label, *term.synonyms):
            best[term.slug] = max(best.get(term.slug, 0.0), _likeness(value, name))
    return sorted(((score, slug) for slug, score in best.items()), key=lambda pair: (-pair[0], pair[1]))


def _likeness(typed: str, known: str) -> float:
    """Whole-text likeness, held down by the least alike word: 'pair' is not 'games'."""
    a, b = _normalise(typed), _normalise(known)
    whole = difflib.SequenceMatcher(None, a.replace(" ", ""), b.replace(" ", "")).ratio()
    words_a, words_b = a.split(), b.split()
    if len(words_a) < 2 or len(words_b) < 2:
        return whole
    worst = min(max(difflib.SequenceMatcher(None, w, v).ratio() for v in words_b) for w in words_a)
    return min(whole, worst)


def from_data(data: Any) -> tuple[Vocabulary, list[tuple[tuple, str]]]:
    """Build the vocabulary from the parsed file, with (path, message) for each problem.

    Topics are required; sectors are optional, for a programme that does not group by them.
    """
    problems: list[tuple[tuple, str]] = []
    if not isinstance(data, dict):
        return Vocabulary({}, {}), [((), "The vocabulary needs a 'topics:' section (and may have 'sectors:').")]
    lists = {}
    for kind in ("topics", "sectors"):
        section = data.get(kind)
        if kind == "sectors" and section in (None, "", {}, []):
            section = {}
        elif not isinstance(section, dict) or not section:
            problems.append(((kind,), f"'{kind}' should list slugs, each with a 'label:'."))
            section = {}
        lists[kind] = _terms(kind, section, problems)
        _refuse_shared_words(kind, lists[kind], problems)
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


def _refuse_shared_words(kind: str, terms: dict[str, Term], problems: list) -> None:
    """A synonym may lead to one entry only: shared, the checker could not say which one is meant."""
    owner: dict[str, str] = {}
    for term in terms.values():
        for name in {_normalise(term.slug), _normalise(term.label)}:
            owner.setdefault(name, term.slug)
    for term in terms.values():
        for i, synonym in enumerate(term.synonyms):
            first = owner.setdefault(_normalise(synonym), term.slug)
            if first != term.slug:
                problems.append(
                    (
                        (kind, term.slug, "synonyms", i),
                        f"'{synonym}' already leads to '{first}': a synonym may belong to one entry only.",
                    )
                )


def _normalise(text: str) -> str:
    return re.sub(r"[\s_-]+", " ", text.strip().lower())


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


# Codes and names people write for a country that are not its ISO code.
COUNTRY_ALIASES = {
    "uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "northern ireland": "GB", "usa": "US", "u.s.": "US", "u.s.a.": "US", "america": "US", "el": "GR",
}  # fmt: skip
_GROUPINGS = {"EU": "the European Union", "UN": "the United Nations", "EZ": "the eurozone"}


def country_code(value: str) -> str | None:
    """The ISO code a country code, name or common alias stands for, or None."""
    text = value.strip()
    if text.upper() in countries():
        return text.upper()
    alias = COUNTRY_ALIASES.get(text.lower())
    if alias:
        return alias
    by_name = {_normalise(name): code for code, name in countries().items()}
    return by_name.get(_normalise(text))


def language_code(value: str) -> str | None:
    """The ISO 639-1 code a language code or English name stands for, or None."""
    text = value.strip()
    if text.lower() in languages():
        return text.lower()
    by_name = {_normalise(name): code for code, name in languages().items()}
    return by_name.get(_normalise(text))


def suggest_country(value: str) -> str:
    """What to write instead of a country value that is not an ISO code."""
    alias = COUNTRY_ALIASES.get(value.strip().lower())
    if alias:
        return f"'{value}' is not a country code: use '{alias}' ({countries()[alias]})."
    if value.strip().upper() in _GROUPINGS:
        return (
            f"'{value}' is {_GROUPINGS[value.strip().upper()]}, not a country: "
            "write the two-letter code of the country the mentor lives in, such as DE or FR."
        )
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
