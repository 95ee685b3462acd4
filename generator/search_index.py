"""The directory's search data: a compact record per mentor and a prebuilt lunr index.

Shipped as a classic script, so search works from file:// too, and loaded in the browser
with lunr.Index.load instead of being indexed on every visit. Email addresses are never
in it.
"""

from __future__ import annotations

import json
import re

from lunr import lunr
from lunr.builder import Builder
from lunr.stemmer import porter_stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.trimmer import trimmer

from . import bio, regions, vocabulary
from .directory import Directory
from .photos import Photo
from .settings import Settings
from .vocabulary import Vocabulary

DATA_SCRIPT = "assets/mentor-directory/mentors-data.js"
# Name and topic matches rank first: those are what a student types.
FIELDS = [
    {"field_name": "name", "boost": 10},
    {"field_name": "topics", "boost": 6},
    {"field_name": "headline", "boost": 3},
    {"field_name": "place", "boost": 2},
    {"field_name": "bio", "boost": 1},
]
RECORD = ("slug", "name", "pronouns", "headline", "bio", "topics", "sectors", "country", "languages",
          "schemes", "formats", "status", "paused_until", "year", "photo", "hue")  # fmt: skip
# A bio is indexed up to about its first paragraph: where people say what they do. All of
# every bio would double the data a phone downloads for the directory.
BIO_INDEXED = 300
STATUSES = ("open", "limited", "paused")
SCHEMES = ("ask-an-alum", "matched", "group")
FORMATS = ("video", "phone", "email", "in-person")


def data(directory: Directory, vocab: Vocabulary, settings: Settings, photos: dict[str, Photo], hue) -> dict:
    """Everything the directory page's script needs, as plain JSON-able data."""
    mentors = directory.mentors
    topics, sectors = list(vocab.topics), list(vocab.sectors)
    countries = sorted({m.country for m in mentors}, key=lambda c: vocabulary.countries()[c])
    languages = sorted({code for m in mentors for code in m.languages}, key=lambda c: vocabulary.languages()[c])
    records = []
    for m in mentors:
        photo = photos.get(m.slug)
        paused_until = m.paused_until.isoformat() if m.paused_until and m.paused_until > settings.today else None
        records.append(
            [
                m.slug,
                m.name,
                m.pronouns or "",
                m.headline,
                bio.plain(m.bio, 120),
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
            ]  # fmt: skip
        )
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
            "formats": FORMATS,
            "statuses": STATUSES,
        },
        "index": index(directory, vocab),
        "boosts": {field["field_name"]: field["boost"] for field in FIELDS},
    }


def index(directory: Directory, vocab: Vocabulary) -> dict:
    """A lunr index over the visible mentors, serialised for lunr.js 2.3.9; refs are record positions."""
    documents = [
        {
            "ref": str(i),
            "name": words(m.name),
            "topics": words(" ".join(vocab.topics[t].label for t in m.topics)),
            "headline": words(m.headline),
            "place": words(f"{m.city or ''} {vocabulary.countries()[m.country]}"),
            "bio": words(bio.plain(m.bio, BIO_INDEXED)),
        }
        for i, m in enumerate(directory.mentors)
    ]
    return lunr(ref="ref", fields=FIELDS, documents=documents, builder=_builder()).serialize()


# lunr's own separators (white space and hyphens), applied by re rather than character by character.
_SEPARATORS = re.compile(r"[ \t\n\r\f\v\xa0-]+")


def _builder() -> Builder:
    """lunr's default pipeline, with the Porter stemmer remembered per word.

    A directory repeats the same few thousand words; stemming each once instead of every time
    makes indexing 10,000 mentors several times faster. The function keeps lunr's label, so
    the serialised index names the same pipeline lunr.js runs.
    """
    stems: dict[str, str] = {}

    def stem(text: str, metadata=None) -> str:
        found = stems.get(text)
        if found is None:
            found = stems[text] = porter_stemmer.stem(text)
        return found

    def stemmer(token, i=None, tokens=None):
        return token.update(stem)

    stemmer.label = "stemmer"
    builder = Builder()
    builder.pipeline.add(trimmer, stop_word_filter, stemmer)
    builder.search_pipeline.add(stemmer)
    return builder


def words(text: str) -> list[str]:
    """Text split as lunr's tokenizer splits it, for lunr to take as a ready list of tokens."""
    return [w for w in _SEPARATORS.split(text.lower()) if w]


def script(payload: dict) -> str:
    """The data as a classic script: works from file://, where fetch() of a JSON file does not."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # Keep the script inert if it is ever inlined into HTML.
    text = text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.mentorDirectoryData={text};\n"
