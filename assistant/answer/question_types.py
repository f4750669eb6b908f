"""What kind of answer a question asks for (a cause, a figure, a treatment, ...), and whether a
sentence offers that kind: the answer-type matching of classic extractive question answering."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import yaml

from assistant.text import Analyzer

NUMBER_CUE = "<number>"
# A figure: digits not glued to letters before them ("15%", "3.9 kg"; not "L5" or "FGF23").
_DIGIT = re.compile(r"(?<![A-Za-z])\d")


@dataclass(frozen=True)
class QuestionType:
    """A question pattern and the stemmed cue terms of sentences that answer it."""

    name: str
    question: re.Pattern[str]
    cues: frozenset[str]
    wants_number: bool
    requires: re.Pattern[str] | None
    missing: str
    ask: str


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
                requires=re.compile(spec["requires"], re.IGNORECASE)
                if "requires" in spec
                else None,
                missing=spec.get("missing", ""),
                ask=spec.get("ask", ""),
            )
            for name, spec in yaml.safe_load(raw).items()
        ]

    def of(self, question: str) -> list[QuestionType]:
        """The types a question asks for (none for most open questions)."""
        return [t for t in self._types if t.question.search(question)]

    def named(self, names: tuple[str, ...]) -> list[QuestionType]:
        """The types of these names, in the file's order."""
        return [t for t in self._types if t.name in names]

    def offers(self, sentence: str, wanted: list[QuestionType]) -> bool:
        """Whether the sentence gives an answer of one of the wanted types."""
        if not wanted:
            return False
        terms = set(self._analyzer.terms(sentence))
        return any(
            (t.wants_number and bool(_DIGIT.search(sentence))) or bool(t.cues & terms)
            for t in wanted
        )

    def wants_figure(self, question: str) -> bool:
        """Whether the question asks for a figure ("how common", "what percentage")."""
        return any(t.wants_number for t in self.of(question))

    def figure_words(self, question: str) -> str:
        """The words that ask for a figure ("how common", "what prevalence"), not what of."""
        return " ".join(
            m.group() for t in self._types if t.wants_number for m in t.question.finditer(question)
        )

    @staticmethod
    def has_figure(sentence: str) -> bool:
        return bool(_DIGIT.search(sentence))

    def unmet(self, question: str, main_sentences: list[str]) -> list[str]:
        """What a strict question type needs that the answer's main sentences do not give
        ("a dose"); a figure in a side sentence about something else does not count."""
        return [t.missing for t in self.unmet_types(question, main_sentences)]

    def unmet_types(self, question: str, main_sentences: list[str]) -> list[QuestionType]:
        """The strict types of the question that none of `main_sentences` meets."""
        return [
            t
            for t in self.of(question)
            if t.requires is not None and not any(t.requires.search(s) for s in main_sentences)
        ]

    @staticmethod
    def meets(kind: QuestionType, sentence: str) -> bool:
        """Whether the sentence gives what a strict type requires (a duration, an outcome)."""
        return kind.requires is not None and bool(kind.requires.search(sentence))
