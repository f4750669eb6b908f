"""Whether a sentence a language model wrote is supported by the passages it cites.

A sentence is kept only when every test passes: it cites at least one passage it was given;
every number (and percentage) in it stands in a cited passage; every named condition, test or
treatment, and every word everyday English rarely uses, is found there after the vocabulary's
synonyms; it does not flip a negation; and its meaning is close to a sentence of
the cited passage. The score is that closeness, or 0 when a hard test fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answer.sentences import SentenceBank
from assistant.retrieval.lexical import LexicalIndex
from assistant.text import split_sentences

_NUMBER = re.compile(r"(?<![A-Za-z])\d+(?:[.,]\d+)?")
_NEGATION = re.compile(r"\b(no|not|never|without|cannot|neither|nor|none|nothing)\b|n't\b", re.I)
FLIP_OVERLAP = 0.6  # dropping a negation counts as a flip only in a sentence this close in words
RARE_IN_ENGLISH = 500  # a word this rare in everyday English names something the passage must
_WORD = re.compile(r"[a-z][a-z0-9]{3,}")


@dataclass(frozen=True)
class Support:
    """The verdict on one sentence: kept or not, its score (0-1) and why it failed."""

    sentence: str
    supported: bool
    score: float
    reasons: tuple[str, ...] = ()


class SupportCheck:
    """Sentence-level support tests against cited passages."""

    def __init__(
        self,
        bank: SentenceBank,
        lexical: LexicalIndex,
        kinds: Mapping[str, str],
        threshold: float,
        english_frequency: Callable[[str], int],
    ) -> None:
        self._bank = bank
        self._english_frequency = english_frequency
        self._lexical = lexical
        self._threshold = threshold
        analyzer = lexical.analyzer
        named = {"conditions", "tests", "treatments"}
        self._named = [
            frozenset(analyzer.terms(term)) for term, kind in kinds.items() if kind in named
        ]

    def check(self, sentence: str, cited: Sequence[str]) -> Support:
        """`cited`: the text of every passage the sentence cites (none: unsupported)."""
        if not cited:
            return Support(sentence, False, 0.0, ("cites no passage it was given",))
        evidence = " ".join(cited)
        reasons = [
            *self._numbers(sentence, evidence),
            *self._terms(sentence, evidence),
        ]
        closest, similarity = self._closest(sentence, cited)
        if self._flips(sentence, closest):
            reasons.append("flips a negation")
        if similarity < self._threshold:
            reasons.append(f"meaning too far from the passage ({similarity:.2f})")
        supported = not reasons
        return Support(
            sentence, supported, round(similarity if supported else 0.0, 3), tuple(reasons)
        )

    def _numbers(self, sentence: str, evidence: str) -> list[str]:
        have = {_number(n) for n in _NUMBER.findall(evidence)}
        return [
            f"figure {n} is not in the passage"
            for n in _NUMBER.findall(sentence)
            if _number(n) not in have
        ]

    def _terms(self, sentence: str, evidence: str) -> list[str]:
        """Named conditions, tests and treatments, and words everyday English rarely uses (a
        drug, a test's eponym), must stand in the evidence; plain words may differ."""
        analyzer = self._lexical.analyzer
        said = set(analyzer.terms(sentence))
        there = set(analyzer.terms(evidence))
        missing = [
            " ".join(sorted(name))
            for name in self._named
            if name and name <= said and not name <= there
        ]
        plain = evidence.lower()
        rare = [
            word
            for word in dict.fromkeys(_WORD.findall(sentence.lower().replace("n't", " not")))
            if self._english_frequency(word) < RARE_IN_ENGLISH
            and word not in plain
            and not set(analyzer.terms(word)) <= there
        ]
        return [f"names {m}, which the passage does not" for m in missing] + [
            f"says '{w}', which the passage does not" for w in rare
        ]

    def _flips(self, sentence: str, closest: str) -> bool:
        """A negation added to what the passage says, or one dropped from a sentence that
        otherwise says the same words (a paraphrase may leave out a negated clause)."""
        said, source = _negated(sentence), _negated(closest)
        if said and not source:
            return True
        if source and not said:
            mine = set(self._lexical.analyzer.terms(sentence))
            theirs = set(self._lexical.analyzer.terms(closest))
            return bool(mine) and len(mine & theirs) / len(mine) >= FLIP_OVERLAP
        return False

    def _closest(self, sentence: str, cited: Sequence[str]) -> tuple[str, float]:
        """The cited passages' sentence nearest in meaning. The passages' sentences are the
        corpus's own (embedded once, kept); the model's sentence is embedded and not kept, so
        the sentence bank does not grow with every reply."""
        candidates = [s for passage in cited for s in split_sentences(passage)]
        similarities = self._bank.vectors(candidates) @ self._bank.embed(sentence)
        best = int(np.argmax(similarities))
        return candidates[best], float(similarities[best])


def _number(text: str) -> str:
    return text.replace(",", ".").rstrip("0").rstrip(".") if "." in text or "," in text else text


def _negated(text: str) -> bool:
    return bool(_NEGATION.search(text))
