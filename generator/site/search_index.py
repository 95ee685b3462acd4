"""The directory's search data: a compact record per mentor and a prebuilt lunr index.

Shipped as a classic script, so search works from file:// too, and loaded in the browser
with lunr.Index.load instead of being indexed on every visit. Email addresses are never
in it.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from lunr import builder as lunr_builder
from lunr.field_ref import FieldRef
from lunr.idf import idf as Idf
from lunr.stemmer import stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token
from lunr.trimmer import trimmer
from lunr.vector import Vector

from ..profiles import bio, vocabulary
from ..profiles.vocabulary import Vocabulary
from ..settings import Settings
from . import regions
from .directory import Directory
from .photos import Photo

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
    builder = Builder()
    builder.ref("ref")
    for field in FIELDS:
        builder.field(**field)
    for i, m in enumerate(directory.mentors):
        builder.add(
            {
                "ref": str(i),
                "name": words(m.name),
                "topics": words(" ".join(vocab.topics[t].label for t in m.topics)),
                "headline": words(m.headline),
                "place": words(f"{m.city or ''} {vocabulary.countries()[m.country]}"),
                "bio": words(bio.plain(m.bio, BIO_INDEXED)),
            }
        )
    if not directory.mentors:
        # lunr divides by the number of documents: an empty directory gets an empty index of the same shape.
        from lunr import __TARGET_JS_VERSION__

        fields = [field["field_name"] for field in FIELDS]
        pipeline = builder.search_pipeline.serialize()
        return {
            "version": __TARGET_JS_VERSION__,
            "fields": fields,
            "fieldVectors": [],
            "invertedIndex": [],
            "pipeline": pipeline,
        }
    return builder.build().serialize()


# lunr's own separators (white space and hyphens), applied by re rather than character by character.
_SEPARATORS = re.compile(r"[ \t\n\r\f\v\xa0-]+")


class Builder(lunr_builder.Builder):
    """lunr's builder with lunr's default pipeline, for documents whose fields are lists of words.

    It makes the same index as lunr's own (a test compares the two), several times faster,
    because a directory repeats the same few thousand words: each distinct word goes through
    the pipeline once, and no token objects or per-token metadata are made. The index is only
    serialised, so the token set that lunr builds for searching in Python is skipped.
    """

    def __init__(self) -> None:
        super().__init__()
        self.pipeline.add(trimmer, stop_word_filter, stemmer)
        self.search_pipeline.add(stemmer)
        self._terms: dict[str, str | None] = {}  # word -> its term, None for a stop word
        self._field_refs: list[tuple[str, str, str]] = []  # (field ref, document ref, field name)

    def add(self, doc: dict, attributes: dict | None = None) -> None:
        doc_ref = str(doc[self._ref])
        self._documents[doc_ref] = attributes or {}
        self.document_count += 1
        for field_name in self._fields:
            terms = [term for term in map(self._term, doc[field_name]) if term is not None]
            field_ref = str(FieldRef(doc_ref, field_name))
            self._field_refs.append((field_ref, doc_ref, field_name))
            # Counter keeps first-seen order, as lunr's defaultdict does: terms get the same indexes.
            frequencies = self.field_term_frequencies[field_ref] = Counter(terms)
            self.field_lengths[field_ref] = len(terms)
            for term in frequencies:
                posting = self.inverted_index.get(term)
                if posting is None:
                    posting = self.inverted_index[term] = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                posting[field_name][doc_ref] = {}  # no metadata is kept (lunr's whitelist is empty)

    def _term(self, word: str) -> str | None:
        if word not in self._terms:
            tokens = self.pipeline.run([Token(word.lower())])
            self._terms[word] = str(tokens[0]) if tokens else None
        return self._terms[word]

    def _create_field_vectors(self) -> None:
        # lunr's BM25 scores, term for term, with the field references split once instead of per use.
        k1, b = self._k1, self._b
        idfs: dict[str, float] = {}
        self.field_vectors = {}
        for field_ref, doc_ref, field_name in self._field_refs:
            field_length = self.field_lengths[field_ref]
            field_boost = self._fields[field_name].boost
            doc_boost = self._documents[doc_ref].get("boost", 1)
            scored = []
            for term, tf in self.field_term_frequencies[field_ref].items():
                posting = self.inverted_index[term]
                idf = idfs.get(term)
                if idf is None:
                    idf = idfs[term] = Idf(posting, self.document_count)
                score = (
                    idf
                    * ((k1 + 1) * tf)
                    / (k1 * (1 - b + b * (field_length / self.average_field_length[field_name])) + tf)
                )
                score *= field_boost
                score *= doc_boost
                scored.append((posting["_index"], round(score, 3)))
            scored.sort()
            self.field_vectors[field_ref] = Vector([value for pair in scored for value in pair])

    def _create_token_set(self) -> None:
        self.token_set = None


def words(text: str) -> list[str]:
    """Text split as lunr's tokenizer splits it, for lunr to take as a ready list of tokens."""
    return [w for w in _SEPARATORS.split(text.lower()) if w]


def script(payload: dict) -> str:
    """The data as a classic script: works from file://, where fetch() of a JSON file does not."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # Keep the script inert if it is ever inlined into HTML.
    text = text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.mentorDirectoryData={text};\n"
