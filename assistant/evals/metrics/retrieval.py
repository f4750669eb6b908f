"""Whether retrieval found a passage from the expected sources, and how high."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.evals.grading import CaseResult


def recall_at_k(answers: Sequence[CaseResult], k: int) -> float | None:
    """Share of answer cases with a passage from their sources among the top k retrieved."""
    if not answers:
        return None
    return sum(r.first_source_rank is not None and r.first_source_rank <= k for r in answers) / len(
        answers
    )


def mean_reciprocal_rank(answers: Sequence[CaseResult]) -> float | None:
    """Mean of 1/rank of the first passage from the sources (0 when none was retrieved)."""
    if not answers:
        return None
    return sum(1 / r.first_source_rank if r.first_source_rank else 0.0 for r in answers) / len(
        answers
    )
