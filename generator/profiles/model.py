"""The typed model of a mentor that every part after the loader works with."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_DATES = ("last_confirmed", "paused_until", "imported")
_PATHS = ("source", "photo")


@dataclass(frozen=True)
class Mentor:
    """One validated profile. Text fields are exactly what the mentor wrote: escape on output."""

    slug: str
    source: Path
    name: str
    email: str
    headline: str
    bio: str
    topics: tuple[str, ...]
    country: str
    languages: tuple[str, ...]
    last_confirmed: dt.date | None  # None: imported, and not confirmed by the mentor yet
    pronouns: str | None = None
    name_latin: str | None = None  # a name in another script, as it is written in Latin letters
    sectors: tuple[str, ...] = ()
    city: str | None = None
    time_zone: str | None = None
    course: str | None = None
    graduation_year: int | None = None
    schemes: tuple[str, ...] = ("ask-an-alum",)
    formats: tuple[str, ...] = ()
    availability: str = "open"
    paused_until: dt.date | None = None
    capacity: int | None = None
    links: dict[str, str] = field(default_factory=dict)
    photo: Path | None = None
    github: str | None = None
    imported: dt.date | None = None

    @property
    def checked_on(self) -> dt.date:
        """The day the profile was last known to be right: confirmed by the mentor, else imported."""
        return self.last_confirmed or self.imported  # type: ignore[return-value]

    def is_paused(self, today: dt.date) -> bool:
        """Paused by choice, or until a date that has not come yet."""
        return self.availability == "paused" or (self.paused_until is not None and self.paused_until > today)

    def status(self, today: dt.date) -> str:
        """'open', 'limited' or 'paused' as of a day."""
        return "paused" if self.is_paused(today) else self.availability

    def months_since_confirmed(self, today: dt.date) -> int:
        """Whole months from last_confirmed (or, for an imported profile, the import) to today."""
        return months_between(self.checked_on, today)

    def to_json(self) -> dict[str, Any]:
        """The mentor as JSON-able values: dates in ISO form, paths as text, tuples as lists."""
        values = {}
        for name in _FIELDS:
            value = getattr(self, name)  # str, int, None or one of these: no deep copy needed
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, Path):
                value = str(value)
            elif isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, dict):
                value = dict(value)
            values[name] = value
        return values

    @classmethod
    def from_json(cls, values: dict[str, Any]) -> Mentor:
        """The mentor to_json described."""
        values = {name: tuple(value) if isinstance(value, list) else value for name, value in values.items()}
        for name in _DATES:
            values[name] = dt.date.fromisoformat(values[name]) if values[name] else None
        for name in _PATHS:
            values[name] = Path(values[name]) if values[name] else None
        return cls(**values)


_FIELDS = tuple(f.name for f in dataclasses.fields(Mentor))


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from one day to a later one."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (later.day < earlier.day)
