"""The directory's search data: a compact record per mentor and a prebuilt word index.

Shipped as a classic script, so search works from file:// too. The index holds what a
student sees of each mentor, every word folded and stemmed by the matching contract
(search_terms.py), with the best place (tier) each word was found in for each mentor.
Email addresses are never in it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError

from .. import wording
from ..profiles import bio, vocabulary
from ..profiles.model import Mentor
from ..profiles.vocabulary import Vocabulary
from ..settings import Settings
from . import kept, regions, search_terms
from .cards import (
    FORMAT_LABELS,
    PAUSED_UNTIL,
    STATUS_SHORT,
    STATUS_TEXT,
    initials,
    latin,
    latin_form,
    long_date,
    scheme_labels,
    scheme_names,
)
from .directory import Directory
from .photos import Photo

DATA_SCRIPT = "assets/mentor-directory/mentors-data.js"
# name_latin: what a card shows beside the name (the mentor's own, else a transliteration);
# paused_until: the date as the card writes it; initials: for a mentor with no photo.
RECORD = ("slug", "name", "name_latin", "pronouns", "headline", "topics", "sectors", "country", "languages",
          "schemes", "formats", "status", "paused_until", "year", "photo", "hue", "initials",
          "unconfirmed")  # fmt: skip
STATUSES = ("open", "limited", "paused")
SCHEMES = ("ask-an-alum", "matched", "group")
FORMATS = ("video", "phone", "email", "in-person")
FILTER_TITLES = {
    "topic": "Topic",
    "sector": "Sector",
    "region": "Region",
    "country": "Country",
    "language": "Language",
    "scheme": "Scheme",
    "format": "Talks by",
    "availability": "Availability",
    "years": "Graduated between",
}
# The counted phrases the script writes (wording.py), in every plural form.
SCRIPT_PHRASES = ("mentors", "mentors_listed", "mentors_all", "show_mentors", "mentors_match", "mentors_matching")
_TIER = {name: rank for rank, name in enumerate(search_terms.TIERS)}


def data(
    directory: Directory,
    vocab: Vocabulary,
    settings: Settings,
    photos: dict[str, Photo],
    hue,
    cache: Path | None = None,
) -> dict:
    """Everything the directory page's script needs, as plain JSON-able data.

    `cache`: where each mentor's words are kept between builds (site/kept.py); None: not kept.
    """
    mentors = directory.mentors
    topics, sectors = list(vocab.topics), list(vocab.sectors)
    countries = sorted({m.country for m in mentors}, key=lambda c: vocabulary.countries()[c])
    languages = sorted({code for m in mentors for code in m.languages}, key=lambda c: vocabulary.languages()[c])
    records = []
    for m in mentors:
        photo = photos.get(m.slug)
        paused_until = long_date(m.paused_until) if m.paused_until and m.paused_until > settings.today else None
        records.append(
            [
                m.slug,
                m.name,
                latin_form(m),
                m.pronouns or "",
                m.headline,
                [topics.index(t) for t in m.topics],
                [sectors.index(s) for s in m.sectors],
                countries.index(m.country),
                [languages.index(code) for code in m.languages],
                [SCHEMES.index(s) for s in m.schemes],
                [FORMATS.index(f) for f in m.formats],
                STATUSES.index(m.status(settings.today)),
                paused_until,
                m.graduation_year,
                photo.path("card") if photo else None,
                hue(m.slug),
                None if photo else initials(m.name),
                m.last_confirmed is None,
            ]  # fmt: skip
        )
    schemes, names = scheme_labels(settings.scheme), scheme_names(settings.scheme)
    return {
        "record": RECORD,
        "records": records,
        "labels": {
            "topics": [vocab.topics[t].label for t in topics],
            "topicSlugs": topics,
            "sectors": [vocab.sectors[s].label for s in sectors],
            "sectorSlugs": sectors,
            "countries": [vocabulary.countries()[c] for c in countries],
            "countryCodes": countries,
            "regions": [regions.region(c) for c in countries],
            "languages": [vocabulary.languages()[code] for code in languages],
            "languageCodes": languages,
            "schemes": SCHEMES,
            "schemeNames": [schemes[s] for s in SCHEMES],
            "schemeShort": [names[s] for s in SCHEMES],
            "formats": FORMATS,
            "formatNames": [FORMAT_LABELS[f] for f in FORMATS],
            "statuses": STATUSES,
            "statusNames": [STATUS_SHORT[s] for s in STATUSES],
            "statusText": [STATUS_TEXT[s] for s in STATUSES],
            "pausedUntil": PAUSED_UNTIL,
            "titles": FILTER_TITLES,
            "locale": wording.LOCALE,
            "phrases": {key: wording.PHRASES[key] for key in SCRIPT_PHRASES},
        },
        "search": index(mentors, vocab, settings, cache),
        # For "Recently confirmed" order; "" for an imported profile its mentor has not confirmed.
        "confirmed": [m.last_confirmed.isoformat() if m.last_confirmed else "" for m in mentors],
    }


def index(mentors: list[Mentor], vocab: Vocabulary, settings: Settings, cache: Path | None = None) -> dict:
    """The word index: sorted words, their stems, and for each stem the mentors and tiers it is found at.

    A stem's postings are one integer per mentor, in record order: the gap from the previous
    mentor times the number of tiers, plus the tier. Small numbers, which gzip packs well.
    """
    best: list[dict[str, int]] = []  # per mentor: stem -> best tier
    stem_of: dict[str, str] = {}
    words_kept = kept.folder(cache, "words", vocab, settings)
    for m in mentors:
        entry = kept.entry(m)
        if (body := words_kept.get(entry)) is not None and (known := _recalled(body)):
            words, found = known
        else:
            found, words = {}, {}
            for tier, word in searchable(m, vocab, settings):  # best tier first
                term = words[word] = search_terms.stem(word)  # remembered by stem() itself
                found.setdefault(term, tier)
            words_kept.put(entry, json.dumps([words, found], ensure_ascii=False).encode("utf-8"))
        stem_of.update(words)
        best.append(found)
    # In UTF-16 order, as the browser compares strings when it searches the sorted lists.
    stems = sorted(set(stem_of.values()), key=_utf16)
    position = {s: i for i, s in enumerate(stems)}
    postings: list[list[int]] = [[] for _ in stems]
    last = [0] * len(stems)
    width = len(search_terms.TIERS)
    for ref, found in enumerate(best):
        for term, tier in found.items():
            p = position[term]
            postings[p].append((ref - last[p]) * width + tier)
            last[p] = ref
    words = sorted(stem_of, key=_utf16)
    return {
        "contract": search_terms.contract(),
        "tiers": list(search_terms.TIERS),
        "words": words,
        "wordStem": [position[stem_of[w]] for w in words],
        "stems": stems,
        "postings": postings,
    }


def _recalled(body: bytes) -> tuple[dict[str, str], dict[str, int]] | None:
    """A mentor's kept words (word -> stem) and stems (stem -> best tier), or None if not of that shape."""
    try:
        words, found = json.loads(body)
    except (ValueError, TypeError):
        return None
    return (words, found) if isinstance(words, dict) and isinstance(found, dict) else None


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be")


def searchable(m: Mentor, vocab: Vocabulary, settings: Settings) -> Iterator[tuple[int, str]]:
    """(tier, folded word) for everything a student sees of a mentor, best tier first."""
    name, label, headline, details, prose = (_TIER[t] for t in search_terms.TIERS)
    for text in (m.name, m.name_latin or latin(m.name)):
        yield from ((name, w) for w in search_terms.index_words(text))
    for kind, slugs in (("topics", m.topics), ("sectors", m.sectors)):
        for slug in slugs:
            term = vocab.terms(kind)[slug]
            for text in (term.label, *term.synonyms):
                yield from ((label, w) for w in _shared_words(text))
    yield from ((headline, w) for w in search_terms.index_words(m.headline))
    # Codes are words a student types on their own (NO, IT), so they skip the stop words.
    yield from ((details, code.lower()) for code in (m.country, *m.languages))
    schemes = scheme_labels(settings.scheme)
    texts = [vocabulary.countries()[m.country], regions.region(m.country), m.city or "", m.course or ""]
    texts += [str(m.graduation_year or "")] + [schemes[s] for s in m.schemes]
    texts += [FORMAT_LABELS[f] for f in m.formats]
    texts += [name for code in m.languages for name in language_names(code)]
    for text in texts:
        yield from ((details, w) for w in _shared_words(text))
    yield from ((prose, w) for w in search_terms.index_words(bio.plain(m.bio, len(m.bio))))


@lru_cache(maxsize=8192)
def _shared_words(text: str) -> tuple[str, ...]:
    """The words of a text many mentors share (labels, countries, languages), worked out once."""
    return tuple(search_terms.index_words(text))


@lru_cache(maxsize=512)
def language_names(code: str) -> tuple[str, ...]:
    """A language's name in English and in the language itself: Spanish, español."""
    names = [vocabulary.languages()[code]]
    try:
        names.append(Locale.parse(code).get_display_name(code) or "")
    except (UnknownLocaleError, ValueError):
        pass
    return tuple(n for n in names if n)


def script(payload: dict) -> str:
    """The data as a classic script: works from file://, where fetch() of a JSON file does not."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # Keep the script inert if it is ever inlined into HTML.
    text = text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.mentorDirectoryData={text};\n"
