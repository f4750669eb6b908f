"""Whether each kind of question got the right kind of reply."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.evals.grading import CaseResult


def status_rate(results: Sequence[CaseResult], status: str) -> float | None:
    """Share of `results` whose reply had `status`; None when there are none."""
    if not results:
        return None
    return sum(r.status == status for r in results) / len(results)


def pass_rate(results: Sequence[CaseResult]) -> float | None:
    """Share of `results` that passed; None when there are none."""
    if not results:
        return None
    return sum(r.passed for r in results) / len(results)


def alarm_rate(results: Sequence[CaseResult]) -> float | None:
    """Share of `results` whose conversation raised a red flag."""
    if not results:
        return None
    return sum(bool(r.flagged) for r in results) / len(results)
