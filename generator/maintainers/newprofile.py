"""Make a new profile from the template: a free slug from the name, and the person's details filled in."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

# Latin letters that do not decompose into a base letter and accents.
_LATIN_EXTRA = str.maketrans(
    {"ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ŋ": "ng"}
)


def slugify(name: str) -> str:
    """'José Núñez' -> 'jose-nunez'; '' when the name has no Latin letters."""
    text = unicodedata.normalize("NFKD", name.lower().translate(_LATIN_EXTRA))
    ascii_text = "".join(c for c in text if not unicodedata.combining(c)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60].strip("-")


def proposed_slug(name: str, email: str) -> tuple[str, bool]:
    """A slug for the person and whether it came from the name (if not, ask them to confirm)."""
    from_name = slugify(name)
    if re.search(r"[a-z]", from_name):
        return from_name, True
    local = slugify(email.split("@", 1)[0]) or "mentor"
    return local, False


def free_slug(folder: Path, slug: str) -> str:
    """The slug itself, or slug-2, slug-3 ... if a profile already has it."""
    candidate, n = slug, 1
    while (folder / f"{candidate}.yml").exists():
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


def fill(template: str, name: str, email: str, today: dt.date) -> str:
    """The template with name, email and last_confirmed set; comments and layout kept."""
    values = {"name": _quote(name), "email": _quote(email), "last_confirmed": today.isoformat()}
    for key, value in values.items():
        template, count = re.subn(rf"(?m)^{key}:.*$", lambda _m, k=key, v=value: f"{k}: {v}", template)
        if count != 1:
            raise ValueError(f"The template must have exactly one '{key}:' line.")
    return template


def _quote(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar, and quoting keeps ':' or '#' in a name intact.
    return json.dumps(value, ensure_ascii=False)
