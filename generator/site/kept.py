"""Each mentor's page and index entry, kept between builds (see store.py) and made again only when needed.

What they are made from: the mentor as checked, their photo's published name, the settings
(which hold the day), the vocabulary and the code. The last three are the same for every
mentor of a build, so they name the folder; the first two make each entry's key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from .. import store
from ..profiles.model import Mentor
from ..profiles.vocabulary import Vocabulary
from ..settings import Settings
from .photos import Photo


def folder(cache: Path | None, kind: str, vocab: Vocabulary, settings: Settings) -> store.Store:
    """The kept `kind` ("pages", "words") of this build's context; none without a cache folder."""
    return store.Store(cache / kind if cache else None, store.key(store.code(), repr(settings), repr(vocab)))


def entry(m: Mentor, photo: Photo | None = None) -> str:
    """The name of a mentor's entry."""
    return store.key(repr(m), photo.key if photo else "")


class Keys:
    """The entries of a build's generated pages: a mentor's own, and a page listing mentors."""

    def __init__(self, photos: dict[str, Photo]) -> None:
        self.photos = photos
        self._mentors: dict[str, str] = {}

    def mentor(self, m: Mentor) -> str:
        if m.slug not in self._mentors:  # a mentor is on several pages: their key is worked out once
            self._mentors[m.slug] = entry(m, self.photos.get(m.slug))
        return self._mentors[m.slug]

    def listing(self, mentors: Iterable[Mentor], *facts: str) -> str:
        """A page listing mentors, in order, and what else it shows (its number, its label)."""
        return store.key(*facts, *map(self.mentor, mentors))


# A page is kept as its place and names in one line of JSON, then its body as it is: no escaping
# of the HTML's quotes to write and read back.
def pack_page(path: str, title: str, description: str, body: str) -> bytes:
    """A page's entry."""
    return f"{json.dumps([path, title, description], ensure_ascii=False)}\n{body}".encode()


def unpack_page(entry: bytes | None) -> tuple[str, str, str, str] | None:
    """The page pack_page kept (path, title, description, body), or None if none or of another shape."""
    if entry is None:
        return None
    try:
        head, body = entry.decode("utf-8").split("\n", 1)
        fields = json.loads(head)
    except ValueError:
        return None
    if not (isinstance(fields, list) and len(fields) == 3 and all(isinstance(f, str) for f in fields)):
        return None
    return fields[0], fields[1], fields[2], body
