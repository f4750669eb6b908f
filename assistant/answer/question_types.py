"""What kind of answer a question asks for (a cause, a figure, a treatment, ...), and whether a
sentence offers that kind: the answer-type matching of classic extractive question answering."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import yaml

from assistant.text import Analyzer

NUMBER_CUE = "<number>"
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class QuestionType:
    """A question pattern and the stemmed cue terms of sentences that answer it."""

    name: str
    question: re.Pattern[str]
    cues: frozenset[str]
    wants_number: bool


class QuestionTypes:
    """The types in question_types.yaml, with cues analysed like the corpus."""

    def __init__(self, analyzer: Analyzer) -> None:
        raw = resources.files("assistant.answer").joinpath("question_types.yaml").read_text("utf-8")
        self._analyzer = analyzer
        self._types = [
            QuestionType(
                name=name,
                question=re.compile(spec["question"], re.IGNORECASE),
                cues=frozenset(t for cue in spec["cues"] for t in analyzer.terms(cue)),
                wants_number=NUMBER_CUE in spec["cues"],
            )
            for name, spec in yaml.safe_load(raw).items()
        ]

    def of(self, question: str) -> list[QuestionType]:
        """The types a question asks for (none for most open questions)."""
        return [t for t in self._types if t.question.search(question)]

    def offers(self, sentence: str, wanted: list[QuestionType]) -> bool:
        """Whether the sentence gives an answer of one of the wanted types."""
        if not wanted:
            return False
        terms = set(self._analyzer.terms(sentence))
        return any(
            (t.wants_number and bool(_DIGIT.search(sentence))) or bool(t.cues & terms)
            for t in wanted
        )
