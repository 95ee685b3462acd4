"""The search's matching contract, Python side: how text becomes terms (README, "How search matches").

The browser applies the same rules to what a student types (assets/match.js); a test feeds
the same words through both and requires the same terms. The tables here (stop words, the
fuzzy limits, the field tiers) are shipped to the browser in the search data, so each rule
is written once.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import WORDS as _LUNR_STOP_WORDS

# Letters that carry no combining mark to remove, so NFKD leaves them as they are.
LETTERS = {"ø": "o", "ł": "l", "đ": "d", "ß": "ss", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ħ": "h"}
# Apostrophes and hyphens inside a word join its parts: O'Brien = obrien, peace-building = peacebuilding.
JOINERS = "'\u2019\u02bc\u2018-\u2010\u2011"
# "&" between letters stays in the word, so M&E and R&D are words of their own.
_WORD = re.compile(r"[^\W_]+(?:[" + re.escape(JOINERS) + r"&][^\W_]+)*")
_JOINER = re.compile("[" + re.escape(JOINERS) + "]")
_SPLIT = re.compile("[" + re.escape(JOINERS) + "&]")
_STEMMABLE = re.compile(r"^[a-z]+$")
_CJK = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")

# Where a word was found, best first: the order results are ranked in.
TIERS = ("name", "label", "headline", "details", "bio")
# Typo tolerance: (shortest word, edits allowed), longest first. Shorter words never match fuzzily.
FUZZY = ((9, 2), (5, 1))
PREFIX_FROM = 2  # letters typed before the word being typed matches as a prefix (1 for CJK characters)
MAX_WORDS = 16  # a query's words past this are ignored: pasted pages must not freeze the page
STOP_WORDS = tuple(sorted(_LUNR_STOP_WORDS))
_STOP = frozenset(STOP_WORDS)


class _Stemmer(PorterStemmer):
    """lunr's Porter stemmer as lunr.js runs it, which the browser uses.

    lunr.js turns a final y into i only after a consonant (policy, not they or Norway); the
    Python port does it after any vowel in the word. A test compares the two on every word.
    """

    def step1c(self) -> None:
        if self.b[self.k] == "y" and self.k - 1 > self.k0 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


_stemmer = _Stemmer()


class _Folding(dict):
    """Every combining mark removed and each letter above spelled out, for one str.translate.

    A character's entry is worked out the first time a text has it: the table starts with the
    letters above, instead of asking for the category of every code point at import.
    """

    def __missing__(self, code: int) -> int | None:
        self[code] = kept = None if unicodedata.category(chr(code)).startswith("M") else code
        return kept


_FOLD = _Folding({ord(c): spelled for c, spelled in LETTERS.items()})


def fold(text: str) -> str:
    """Lowercase, with accents and marks removed and the letters that do not decompose spelled out."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text.lower()).translate(_FOLD)


def words(text: str) -> list[str]:
    """The folded words of a text, apostrophes and hyphens removed; one-letter words dropped."""
    found = [_JOINER.sub("", m.group()) for m in _WORD.finditer(fold(text))]
    return [w for w in found if len(w) > 1 or _CJK.match(w)]


def index_words(text: str) -> list[str]:
    """The words a text is indexed under: each word, and the parts of a joined one (peace, building)."""
    out = []
    for whole in _WORD.findall(fold(text)):
        if _SPLIT.search(whole) is None:  # most words: nothing to join or split
            out.append(whole)
            continue
        out.append(_JOINER.sub("", whole))
        out.extend(_SPLIT.split(whole))
    return [w for w in out if (len(w) > 1 or _CJK.match(w)) and w not in _STOP]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Porter stem of a folded word of Latin letters; any other word is its own stem."""
    return _stemmer.stem(word) if _STEMMABLE.match(word) else word


def is_stop_word(word: str) -> bool:
    """A word dropped from a query that has other words (and from indexed prose)."""
    return word in _STOP


def prefix_from(word: str) -> int:
    """How many characters of the word being typed make it match as a prefix."""
    return 1 if _CJK.match(word) else PREFIX_FROM


def edits_allowed(word: str) -> int:
    """Edits a word may be from a term to match it fuzzily: 0 below 5 letters."""
    return next((edits for shortest, edits in FUZZY if len(word) >= shortest), 0)


def contract() -> dict:
    """The tables the browser's side of the contract reads from the search data."""
    return {
        "letters": LETTERS,
        "joiners": JOINERS,
        "cjk": _CJK.pattern,
        "stopWords": list(STOP_WORDS),
        "fuzzy": [list(pair) for pair in FUZZY],
        "prefixFrom": PREFIX_FROM,
        "maxWords": MAX_WORDS,
    }
