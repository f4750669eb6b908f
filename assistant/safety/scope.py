"""The scope guard: instructions hidden in a question, and questions about something else."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from importlib import resources

import numpy as np
import yaml

from assistant.answer.sentences import SentenceBank

RARE_IN_ENGLISH = 300  # a word this rare in everyday English that the corpus uses is its topic
_WORD = re.compile(r"[a-z][a-z0-9-]+")


class ScopeGuard:
    """Decides whether a message is refused, and with which fixed reply."""

    def __init__(
        self,
        bank: SentenceBank,
        threshold: float,
        vocabulary: Collection[str] = (),
        corpus_word: Callable[[str], bool] = lambda word: False,
        english_frequency: Callable[[str], int] = lambda word: 0,
    ) -> None:
        """`vocabulary`: the domain's words and phrases (anatomy, symptoms, conditions, tests,
        treatments); `corpus_word`: whether the corpus uses a word; `english_frequency`: how
        common a word is in everyday English."""
        data = yaml.safe_load(
            resources.files("assistant.safety").joinpath("scope.yaml").read_text("utf-8")
        )
        self._anchors = [re.compile(p, re.IGNORECASE) for p in data["anchors"]]
        self._elsewhere = [re.compile(p, re.IGNORECASE) for p in data["elsewhere"]]
        self._instructions = [re.compile(p, re.IGNORECASE) for p in data["instructions"]]
        self._bank = bank
        self._threshold = threshold
        phrases = sorted(vocabulary, key=len, reverse=True)
        self._vocabulary = (
            re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)
            if phrases
            else None
        )
        self._corpus_word = corpus_word
        self._english_frequency = english_frequency

    def refusal(self, message: str, query: str, vector: np.ndarray) -> str | None:
        """The name of the reply to give instead of an answer, or None to go on answering.

        Instructions are judged on the message itself; the topic on the self-contained query,
        so a follow-up inherits the scope of the question it follows."""
        if any(p.search(message) for p in self._instructions):
            return "instructions_refused"
        if self.in_scope(query, vector):
            return None
        return "out_of_scope"

    def in_scope(self, text: str, vector: np.ndarray) -> bool:
        """Names the region; or names nothing else and uses the domain's words (the
        vocabulary, or a word the corpus uses that everyday English rarely does:
        "neurolysis"), or is as close to the corpus as its own questions are. On a back-pain
        clinic's site, "Is physio helpful?" is about back pain."""
        if any(p.search(text) for p in self._anchors):
            return True
        if any(p.search(text) for p in self._elsewhere):
            return False
        if self._vocabulary is not None and self._vocabulary.search(text):
            return True
        if any(self._distinctive(word) for word in _WORD.findall(text.lower())):
            return True
        return self._bank.closeness(vector) >= self._threshold

    def _distinctive(self, word: str) -> bool:
        return self._english_frequency(word) < RARE_IN_ENGLISH and self._corpus_word(word)
