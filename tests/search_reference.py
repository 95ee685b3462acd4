"""A reference matcher written straight from the README's matching contract, for the relevance tests.

It reads the mentors themselves (not the shipped index) and follows the contract rule by rule,
plainly and slowly, so that the index and the browser's matcher are checked against it.
"""

from __future__ import annotations

from itertools import product

from generator.profiles.vocabulary import Vocabulary
from generator.settings import Settings
from generator.site import search_terms
from generator.site.search_index import searchable


def osa(a: str, b: str) -> int:
    """Edit distance where swapping two neighbouring letters is one edit."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


class Reference:
    """Every mentor's words with the tier each was found at; queries answered by the contract."""

    def __init__(self, mentors: list, vocab: Vocabulary, settings: Settings) -> None:
        self.slugs = [m.slug for m in mentors]
        self.found: list[dict[str, int]] = []  # per mentor: folded word -> best tier
        for m in mentors:
            words: dict[str, int] = {}
            for tier, word in searchable(m, vocab, settings):
                words[word] = min(tier, words.get(word, tier))
            self.found.append(words)
        self.vocabulary = {w for words in self.found for w in words}

    def _matching_words(self, word: str, typing: bool, exact_only: bool = False) -> tuple[dict[str, int], bool]:
        """Index words a query word matches, each 0 (same stem) or 1 (only as a prefix); and if fuzzily."""
        stem = search_terms.stem(word)
        same = {t for t in self.vocabulary if search_terms.stem(t) == stem}
        begun: set[str] = set()
        if typing and len(word) >= search_terms.prefix_from(word):
            begun = {t for t in self.vocabulary if t.startswith(word) or search_terms.stem(t).startswith(word)}
        fuzzy = False
        if not same and not begun and not exact_only and search_terms.edits_allowed(word):
            near = {t for t in self.vocabulary if osa(word, t) <= search_terms.edits_allowed(word)}
            fuzzy = bool(near)
            near_stems = {search_terms.stem(t) for t in near}
            same = {t for t in self.vocabulary if search_terms.stem(t) in near_stems}
            if typing:
                begun = {t for t in self.vocabulary if any(t.startswith(n) for n in near)}
        # A stem's words all match as its stem does (the index keeps one list per stem).
        begun_stems = {search_terms.stem(t) for t in begun}
        how = {t: 1 for t in self.vocabulary if search_terms.stem(t) in begun_stems}
        how.update({t: 0 for t in same})
        return how, fuzzy

    def _tiers(self, word: str, typing: bool, exact_only: bool = False) -> tuple[list[int | None], bool]:
        """Per mentor: the best of tier * 2 + 1 (prefix only) over the words matched; None if none."""
        how, fuzzy = self._matching_words(word, typing, exact_only)
        out: list[int | None] = []
        for words in self.found:
            values = [words[t] * 2 + kind for t, kind in how.items() if t in words]
            out.append(min(values) if values else None)
        return out, fuzzy

    def query_words(self, text: str) -> list[str]:
        found = search_terms.words(text)[: search_terms.MAX_WORDS]
        kept = [w for w in found if not search_terms.is_stop_word(w)]
        return kept or found

    def search(self, text: str) -> list[str] | None:
        """Slugs in rank order, or None when the text has no words (everyone, in today's order)."""
        words = self.query_words(text)
        if not words:
            return None
        n = len(words)
        single = [self._tiers(w, i == n - 1) for i, w in enumerate(words)]
        pairs = [self._tiers(words[i] + words[i + 1], i + 1 == n - 1, True) for i in range(n - 1)]
        best: dict[int, tuple] = {}
        for joins in product((False, True), repeat=n - 1):
            units, i = [], 0
            while i < n:
                if i < n - 1 and joins[i]:
                    units.append(pairs[i])
                    i += 2
                else:
                    units.append(single[i])
                    i += 1
            if any(joins[j] and joins[j + 1] for j in range(n - 2)):
                continue  # a word joins one neighbour at most
            fuzzy = sum(unit[1] for unit in units)
            for ref in range(len(self.slugs)):
                values = [unit[0][ref] for unit in units]
                if None in values:
                    continue
                tiers = [v >> 1 for v in values]
                key = (fuzzy, min(tiers), sum(v & 1 for v in values), sum(tiers))
                best[ref] = min(best.get(ref, key), key)
        return [self.slugs[ref] for ref in sorted(best, key=lambda r: (best[r], r))]
