"""Does a new profile look like someone already in the directory? Then a maintainer must say it is a new person.

Anyone may add a profile, so taking someone over by deleting theirs and adding it back
under another file name, or copying it, must not pass as "a new profile".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Letters from other scripts that look like Latin ones, so 'Аda' (Cyrillic А) is still 'ada'.
_PAIRS = "аa еe оo рp сc хx уy іi јj ѕs ԁd ԛq ԝw кk мm нh тt вb ɑa οo ρp τt νv ιi αa εe κk ӏl"
_LOOKALIKES = str.maketrans({pair[0]: pair[1] for pair in _PAIRS.split()})
_NOT_WORD = re.compile(r"[\W_]+")
BIO_SIMILAR = 0.6  # share of three-word runs two bios must have in common to count as one


@dataclass(frozen=True)
class Person:
    """What identifies a profile: its file, and the fields a copy would share."""

    path: str
    name: str = ""
    email: str = ""
    github: str = ""
    bio: str = ""
    photo: str = ""  # the photo file's git blob id: the same bytes give the same id

    @classmethod
    def of(cls, path: str, data: object, photo_id: str = "") -> Person:
        """A Person from a parsed profile (any shape: fields that are not text count as empty)."""
        data = data if isinstance(data, dict) else {}

        def text(key: str) -> str:
            value = data.get(key)
            return value if isinstance(value, str) else ""

        return cls(
            path,
            _name(text("name")),
            _email(text("email")),
            text("github").strip().lower(),
            _words(text("bio")),
            photo_id,
        )


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.translate(_LOOKALIKES)


def _words(text: str) -> str:
    return " ".join(w for w in _NOT_WORD.split(_fold(text)) if w)


def _name(text: str) -> str:
    # Word order does not make another person: 'Okafor Ada' is 'Ada Okafor'.
    return " ".join(sorted(_words(text).split()))


def _email(text: str) -> str:
    local, _, domain = text.strip().casefold().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}" if local else ""


def _shingles(words: str) -> frozenset[tuple[str, ...]]:
    found = words.split()
    return frozenset(zip(found, found[1:], found[2:], strict=False)) or frozenset([tuple(found)])


def _bios_alike(a: str, b: str) -> bool:
    # Runs of three words in common, over all runs of either: a copy with a few words changed shares most.
    if not a or not b:
        return False
    if a == b:
        return True
    mine, theirs = _shingles(a), _shingles(b)
    return len(mine & theirs) >= BIO_SIMILAR * len(mine | theirs)


def shared(new: Person, old: Person) -> list[str]:
    """What a new profile shares with an existing one: 'name', 'email', 'GitHub name', 'bio', 'photo'."""
    alike = {
        "name": new.name and new.name == old.name,
        "email": new.email and new.email == old.email,
        "GitHub name": new.github and new.github == old.github,
        "bio": _bios_alike(new.bio, old.bio),
        "photo": new.photo and new.photo == old.photo,
    }
    return [what for what, same in alike.items() if same]


def resembles(new: Person, existing: Iterable[Person]) -> list[tuple[str, list[str]]]:
    """Each existing profile the new one resembles, with what they share."""
    found = [(old.path, what) for old in existing if old.path != new.path and (what := shared(new, old))]
    return sorted(found, key=lambda match: -len(match[1]))  # the closest first


def sentence(path: str, matches: list[tuple[str, list[str]]], removed: bool) -> str:
    """Why a new profile needs a maintainer, naming the profiles it resembles."""
    said = "; ".join(f"{other} (same {', '.join(what)})" for other, what in matches)
    parts = [f"it resembles {said}"] if said else []
    if removed:
        parts.append("a profile with this file name was removed recently")
    return (
        f"{path} is a new profile, but {' and '.join(parts)}. A maintainer must confirm it is a new person, "
        "not someone else's profile added back or copied."
    )
