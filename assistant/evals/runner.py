"""Running cases through the assistant exactly as the UI and API do, then grading them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.errors import InvalidQuestionError
from assistant.evals.cases import Case, EvalFileError
from assistant.evals.grading import CaseResult, grade
from assistant.evals.summary import Summary, summarize
from assistant.pipeline import Assistant
from assistant.settings import RetrievalMode


@dataclass(frozen=True)
class EvalRun:
    """The graded cases of one run and their summary."""

    mode: RetrievalMode
    k: int
    results: list[CaseResult]
    summary: Summary

    def by_kind(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {}
        for result in self.results:
            kind = counts.setdefault(result.kind, {"cases": 0, "passed": 0})
            kind["cases"] += 1
            kind["passed"] += result.passed
        return counts


def run_cases(
    assistant: Assistant,
    cases: Sequence[Case],
    *,
    k: int,
    mode: RetrievalMode | None = None,
    on_case: Callable[[CaseResult], None] | None = None,
) -> EvalRun:
    """Ask every case (with its history) and grade the reply."""
    mode = mode or assistant.settings.retrieval_mode
    results = []
    for case in cases:
        try:
            answer = assistant.ask(case.question, history=case.history, mode=mode)
        except InvalidQuestionError as exc:
            raise EvalFileError(f"case '{case.id}': {exc.message}") from exc
        result = grade(case, answer)
        results.append(result)
        if on_case:
            on_case(result)
    return EvalRun(mode=mode, k=k, results=results, summary=summarize(results, k))
