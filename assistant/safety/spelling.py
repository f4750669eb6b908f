"""Spelling slips and text-speak, mended before the lexicon is matched.

A token that is neither an English word (pyspellchecker's frequency list) nor a word of the
lexicon is replaced by the lexicon word it is closest to, one edit away (two for longer words),
found through a deletion index (the SymSpell method), so the cost per token is a handful of dict
lookups however large the lexicon grows. Only words the lexicon uses can be produced, so a slip
can only ever be read as a term the detector knows."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_WORD = re.compile(r"[a-z]+")
_VOWELS = re.compile(r"[aeiouy]")
_MIN_LENGTH = 3
_LONG = 5
_JOINED = 7
_DROPPED = 3  # letters a fast-written word may leave out


class Speller:
    """Corrects one token at a time toward the vocabulary it was built with."""

    def __init__(
        self, vocabulary: Iterable[str], english: English, *, shortenings: bool = True
    ) -> None:
        # Targets are real words of four letters or more: a slip is never read as an
        # abbreviation ("ivdd", a dog's disc disease, must not become "ivda").
        words = set(vocabulary)
        self._vocabulary = {w for w in words if len(w) >= 4 and (w in english.words or len(w) >= 7)}
        self._english = english
        self._known = english.words | words
        self._deletes: dict[str, set[str]] = {}
        for word in self._vocabulary:
            for variant in _deletions(word, 2 if len(word) >= _LONG else 1):
                self._deletes.setdefault(variant, set()).add(word)
        self._by_ends: dict[tuple[str, str], list[str]] = {}
        if shortenings:
            for word in sorted(self._vocabulary):
                self._by_ends.setdefault((word[0], word[-1]), []).append(word)
        self._shortenings = shortenings
        self.correct = lru_cache(maxsize=8192)(self._correct)

    def _correct(self, token: str) -> str:
        if len(token) < _MIN_LENGTH or token in self._known or not _WORD.fullmatch(token):
            return token
        if not _VOWELS.search(token):
            return token  # an abbreviation ("slrt", "pmh"), not a slip
        budget = 2 if len(token) >= _LONG else 1
        candidates = {
            word for variant in _deletions(token, budget) for word in self._deletes.get(variant, ())
        }
        scored = [(distance(token, w), w) for w in candidates]
        close = [(d, w) for d, w in scored if d <= min(budget, 2 if len(w) >= _LONG else 1)]
        if not close:
            return self._shortened(token) if self._shortenings else token
        nearest = min(d for d, _ in close)
        rivals = self._english.near(token)
        if nearest == 2 and rivals:
            return token
        ranked = sorted(
            {w for d, w in close if d == nearest} | rivals,
            key=lambda w: (not _subsequence(token, w), -self._english.frequency(w), w),
        )
        return ranked[0] if ranked[0] in self._vocabulary else token

    def _shortened(self, token: str) -> str:
        """The one lexicon word `token` is a shortening of, written fast ("sudn", "dauter",
        "swets"): same first and last letter, its letters in order, at most _DROPPED more."""
        found = [
            word
            for word in self._by_ends.get((token[0], token[-1]), ())
            if 0 < len(word) - len(token) <= _DROPPED and _subsequence(token, word)
        ]
        return found[0] if len(found) == 1 else token

    def joined(self, first: str, second: str) -> str | None:
        """A lexicon word split in two by a stray space ("melon oma", "an eurysm"): one of the
        pieces is no word, and together they are a lexicon word of seven letters or more, or
        one edit from one. None otherwise."""
        both = first + second
        if (
            len(both) < _JOINED
            or not _WORD.fullmatch(both)
            or (first in self._known and second in self._known)
        ):
            return None
        word = both if both in self._vocabulary else self.correct(both)
        return word if word in self._vocabulary and distance(both, word) <= 1 else None


def _deletions(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment): a swap counts as one edit."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


class English:
    """pyspellchecker's English word list (160,000 words with frequencies), read once."""

    def __init__(self) -> None:
        from spellchecker import SpellChecker

        self._checker = SpellChecker(distance=1)
        self.words = frozenset(self._checker.word_frequency.keys())

    def frequency(self, word: str) -> int:
        return int(self._checker.word_frequency[word])

    def near(self, token: str) -> set[str]:
        """English words one edit from `token`."""
        return set(self._checker.known(self._checker.edit_distance_1(token)))


@lru_cache(maxsize=1)
def english() -> English:
    """The word list, read once and shared by the spelling repair, the scope guard, the
    evidence check and the support check."""
    return English()


def _subsequence(short: str, long: str) -> bool:
    """Whether `short` is `long` with letters left out (the commonest slip)."""
    letters = iter(long)
    return all(c in letters for c in short)
