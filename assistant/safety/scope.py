"""The scope guard: instructions hidden in a question, and questions about something else."""

from __future__ import annotations

import re
from importlib import resources

import numpy as np
import yaml

from assistant.answer.sentences import SentenceBank


class ScopeGuard:
    """Decides whether a message is refused, and with which fixed reply."""

    def __init__(self, bank: SentenceBank, threshold: float) -> None:
        data = yaml.safe_load(
            resources.files("assistant.safety").joinpath("scope.yaml").read_text("utf-8")
        )
        self._anchors = [re.compile(p, re.IGNORECASE) for p in data["anchors"]]
        self._elsewhere = [re.compile(p, re.IGNORECASE) for p in data["elsewhere"]]
        self._instructions = [re.compile(p, re.IGNORECASE) for p in data["instructions"]]
        self._bank = bank
        self._threshold = threshold

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
        """Names the region; or names nothing else and is as close to the corpus as its own
        questions are."""
        if any(p.search(text) for p in self._anchors):
            return True
        if any(p.search(text) for p in self._elsewhere):
            return False
        return self._bank.closeness(vector) >= self._threshold
