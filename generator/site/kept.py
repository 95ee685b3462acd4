"""Each mentor's page and index entry, kept between builds (see store.py) and made again only when needed.

What they are made from: the mentor as checked, their photo's published name, the settings
(which hold the day), the vocabulary and the code. The last three are the same for every
mentor of a build, so they name the folder; the first two make each entry's key.
"""

from __future__ import annotations

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
