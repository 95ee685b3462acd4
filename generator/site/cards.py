"""What a mentor's card shows, and every label the pages and the directory's script share.

The pages render these words with Jinja; the script receives the same words with the site's
data (search_index.py), so that a card it draws reads as the card the server drew.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from babel.dates import format_date

from ..profiles.model import Mentor
from . import search_terms

FORMAT_LABELS = {"video": "Video call", "phone": "Phone", "email": "Email", "in-person": "In person"}
STATUS_TEXT = {
    "open": "Available for conversations",
    "limited": "Limited availability: replies may take longer",
    "paused": "Paused: not taking requests at the moment",
}
PAUSED_UNTIL = "Paused until {date}"
# The availability filter's options: the card's sentence is too long for a checkbox.
STATUS_SHORT = {"open": "Available", "limited": "Limited availability", "paused": "Paused"}


def scheme_names(scheme: str) -> dict[str, str]:
    """Each scheme's short name, as a card shows it; the one-off scheme goes by the programme's name for it."""
    return {"ask-an-alum": scheme, "matched": "Matched mentoring", "group": "Group mentoring"}


def scheme_labels(scheme: str) -> dict[str, str]:
    """What each scheme is called in full, on profiles and in the filters."""
    names = scheme_names(scheme)
    return {
        "ask-an-alum": f"{names['ask-an-alum']} (one-off conversations)",
        "matched": f"{names['matched']} (six months, arranged by the coordinators)",
        "group": names["group"],
    }


@lru_cache(maxsize=1024)  # a directory has a few hundred distinct dates
def long_date(day: dt.date) -> str:
    """'1 March 2027'."""
    return format_date(day, "d MMMM y", locale="en")


def status_text(m: Mentor, today: dt.date) -> str:
    """The availability line of a card or profile: 'Paused until 1 March 2027'."""
    if m.paused_until and m.paused_until > today:
        return PAUSED_UNTIL.format(date=long_date(m.paused_until))
    return STATUS_TEXT[m.status(today)]


def latin(name: str) -> str:
    """A Latin-letter form of a name in another script ('' if it has one): 김민준 -> Gim Min Jun."""
    if search_terms.fold(name).isascii():
        return ""
    spelled = anyascii(name)
    # anyascii runs Chinese and Korean syllables together, each capitalised: split them again.
    return "".join(" " + c if c.isupper() and i and spelled[i - 1].islower() else c for i, c in enumerate(spelled))


def latin_form(m: Mentor) -> str:
    """What to show beside a name in another script: the mentor's own Latin form, else a transliteration.

    Transliterated at build time, so the browser needs no table of scripts; scripts without
    case (Georgian, Arabic) come out in lower case, so each word gets a capital, as a name would.
    """
    if m.name_latin:
        return m.name_latin
    return " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in latin(m.name).split())


def hue(slug: str) -> int:
    """A stable colour for an initials avatar."""
    return int(hashlib.sha256(slug.encode()).hexdigest()[:4], 16) % 360


def initials(name: str) -> str:
    """Up to two letters from a name in any script: 'Ada Okafor' -> 'AO', '王芳' -> '王芳'."""
    words = name.split()
    if len(words) == 1:
        return words[0][:2].upper() if words[0].isascii() else words[0][:2]
    return (words[0][0] + words[-1][0]).upper()


def topic_phrase(label: str) -> str:
    """A topic label as it reads mid-sentence: 'Global health' -> 'global health'; 'PhD ...' stays."""
    first = label.split(" ", 1)[0]
    return label[0].lower() + label[1:] if first[:1].isupper() and first[1:].islower() else label


@dataclass(frozen=True)
class Card:
    """The text of one card. None leaves a part out; the blank card has every part, empty."""

    slug: str
    name: str
    latin: str | None
    pronouns: str | None
    headline: str
    status: str
    status_text: str
    schemes: tuple[str, ...]
    country: str
    languages: str
    topics: tuple[str, ...]
    photo: str | None  # relative to the site root
    initials: str | None
    hue: int
    unconfirmed: bool


# The skeleton the directory's script clones (a <template>), rendered by the same macro as every card.
BLANK = Card("", "", "", "", "", "open", "", ("",), "", "", ("",), "", "", 0, True)
