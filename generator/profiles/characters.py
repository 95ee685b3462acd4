"""Which characters a profile may hold: none that hide, reorder or control what the text shows.

One rule for the raw file and for every value after YAML has unescaped it (`"\\u202e"` is
the same character as the one typed), so an escape cannot smuggle in what typing cannot.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

ZWNJ, ZWJ = "\u200c", "\u200d"
# Blank letters: Hangul fillers, the Braille blank and the Khmer inherent vowels show as nothing.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5")
# Format characters writing needs: variation selectors pick an emoji or a CJK glyph's form;
# Mongolian free variation selectors pick a letter's form.
_KEPT_FORMAT = frozenset("\ufe0e\ufe0f\u180b\u180c\u180d\u180f")
_EMOJI_MODIFIERS = range(0x1F3FB, 0x1F400)


def _needs_joiner(before: str, after: str, joiner: str) -> bool:
    """True where ZWNJ or ZWJ does real work: between letters of a joining script, or in an emoji sequence."""
    if not before or not after:
        return False

    def letter(ch: str) -> bool:
        return not ch.isascii() and unicodedata.category(ch)[0] in "LM"

    if letter(before) and letter(after):
        return True
    emoji_before = unicodedata.category(before) == "So" or before == "\ufe0f" or ord(before) in _EMOJI_MODIFIERS
    return joiner == ZWJ and emoji_before and unicodedata.category(after) == "So"


# Printable ASCII is always allowed: only the other characters are looked at one by one, so a
# profile of plain text costs one regex scan.
_LOOK_AT = re.compile(r"[^\x20-\x7e]")


@lru_cache(maxsize=4096)
def reason(ch: str) -> str | None:
    """Why a character (out of context) is refused, or None if it may appear."""
    if ch in _BLANK_LETTERS:
        return "a blank character that shows as nothing"
    if 0xE0100 <= ord(ch) <= 0xE01EF:
        return None  # ideographic variation selectors: the form of a CJK character in a name
    category = unicodedata.category(ch)
    if category == "Cc":
        return "a control character"
    if category in ("Zl", "Zp"):
        return "a line or paragraph separator"
    if category == "Cs":
        return "half of a character (a lone surrogate), which cannot be saved as text"
    if category == "Cn" and (
        0xFDD0 <= ord(ch) <= 0xFDEF or ord(ch) & 0xFFFE == 0xFFFE or 0xE0000 <= ord(ch) <= 0xE0FFF
    ):
        # Only noncharacters and the tag plane: an unassigned code point may be a newer emoji.
        return "not a character for text"
    if category == "Cf" and ch not in _KEPT_FORMAT and ch not in (ZWNJ, ZWJ):
        return "an invisible formatting character (it can hide or reorder text)"
    return None


def refused(text: str, allowed: str = "") -> Iterator[tuple[int, str, str]]:
    """Yield (index, character, why) for each character the text may not hold; `allowed` are let through."""
    for found in _LOOK_AT.finditer(text):
        i, ch = found.start(), found.group()
        if ch in allowed:
            continue
        if ch in (ZWNJ, ZWJ):
            if not _needs_joiner(text[i - 1] if i else "", text[i + 1 : i + 2], ch):
                yield i, ch, "an invisible joiner with nothing to join here"
            continue
        why = reason(ch)
        if why:
            yield i, ch, why


def describe(ch: str, why: str) -> str:
    """A sentence naming a refused character, and what to do."""
    name = unicodedata.name(ch, "")
    named = f"U+{ord(ch):04X}" + (f" ({name})" if name else "")
    return (
        f"Invisible character {named}, {why}: delete it. "
        "Characters like this can make text display differently from what it says."
    )


def shown(text: str) -> str:
    """Text safe to print in a terminal or a log: refused characters and newlines as \\u escapes."""
    out = []
    for ch in str(text):
        if ch in "\n\r\t" or (ch not in (ZWNJ, ZWJ) and reason(ch)):
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return "".join(out)
