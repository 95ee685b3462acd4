"""Which mentors the site shows, in what order, and how they group into browse pages."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

from ..profiles import vocabulary
from ..profiles.model import Mentor
from ..profiles.vocabulary import Vocabulary
from ..settings import Settings

STATUS_ORDER = {"open": 0, "limited": 1, "paused": 2}


@dataclass(frozen=True)
class Group:
    """One browse page: the mentors who share a topic, sector, country or language."""

    kind: str  # "topics", "sectors", "countries", "languages"
    key: str  # slug or code, as it appears in the URL
    label: str
    mentors: tuple[Mentor, ...]


@dataclass(frozen=True)
class Directory:
    """The mentors to publish, in the day's fair order, and what they group into."""

    mentors: tuple[Mentor, ...]
    hidden: tuple[Mentor, ...]
    groups: dict[str, tuple[Group, ...]]


KINDS = {
    "topics": "Topics",
    "sectors": "Sectors",
    "countries": "Countries",
    "languages": "Languages",
}


def build(mentors: list[Mentor], vocab: Vocabulary, settings: Settings) -> Directory:
    """Drop profiles not confirmed for too long, order the rest fairly, and group them."""
    fresh: list[Mentor] = []
    hidden: list[Mentor] = []
    for mentor in mentors:
        (hidden if hidden_reason(mentor, settings) else fresh).append(mentor)
    ordered = tuple(fair_order(fresh, settings))
    return Directory(ordered, tuple(sorted(hidden, key=lambda m: m.slug)), _groups(ordered, vocab))


def hidden_reason(mentor: Mentor, settings: Settings) -> str:
    """Why a valid profile is left off the site, or '' if it is shown."""
    if mentor.last_confirmed is None and settings.imported_profiles == "hide":
        return f"imported {mentor.checked_on}, not yet confirmed by the mentor (imported_profiles: hide)"
    if mentor.months_since_confirmed(settings.today) >= settings.hide_after_months:
        return f"last confirmed {mentor.last_confirmed}" if mentor.last_confirmed else f"imported {mentor.imported}"
    return ""


def fair_order(mentors: list[Mentor], settings: Settings) -> list[Mentor]:
    """Open first, then limited, then paused; within each, a shuffle seeded by the build date.

    Nobody is always on top, and two people sharing a link on the same day see the same order.
    """
    rng = random.Random(settings.today.isoformat())
    shuffled = sorted(mentors, key=lambda m: m.slug)
    rng.shuffle(shuffled)
    return sorted(shuffled, key=lambda m: STATUS_ORDER[m.status(settings.today)])


def _groups(mentors: tuple[Mentor, ...], vocab: Vocabulary) -> dict[str, tuple[Group, ...]]:
    members: dict[str, dict[str, list[Mentor]]] = {kind: defaultdict(list) for kind in KINDS}
    for mentor in mentors:
        for topic in mentor.topics:
            members["topics"][topic].append(mentor)
        for sector in mentor.sectors:
            members["sectors"][sector].append(mentor)
        members["countries"][mentor.country].append(mentor)
        for language in mentor.languages:
            members["languages"][language].append(mentor)
    labels = {
        "topics": lambda key: vocab.topics[key].label,
        "sectors": lambda key: vocab.sectors[key].label,
        "countries": lambda key: vocabulary.countries()[key],
        "languages": lambda key: vocabulary.languages()[key],
    }
    groups = {}
    for kind, found in members.items():
        built = [Group(kind, key.lower(), labels[kind](key), tuple(ms)) for key, ms in found.items()]
        if kind in ("topics", "sectors"):  # the administrator's order
            order = list(vocab.terms(kind))
            built.sort(key=lambda g: order.index(g.key))
        else:
            built.sort(key=lambda g: g.label)
        groups[kind] = tuple(built)
    return groups
