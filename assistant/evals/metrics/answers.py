"""What the answers say and cite, over the answer cases."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.evals.grading import CaseResult


def fact_recall(answers: Sequence[CaseResult]) -> float | None:
    """Mean over answer cases of the share of their facts the answer contains."""
    if not answers:
        return None
    return sum((r.facts_total - len(r.missing_facts)) / r.facts_total for r in answers) / len(
        answers
    )


def source_recall(answers: Sequence[CaseResult]) -> float | None:
    """Share of answer cases that cite at least one of their expected sources."""
    if not answers:
        return None
    return sum(r.citations_in_sources > 0 for r in answers) / len(answers)


def citation_precision(answers: Sequence[CaseResult]) -> float | None:
    """Share of all citations in answer cases that point into the case's sources."""
    if not answers:
        return None
    total = sum(r.citations_total for r in answers)
    return sum(r.citations_in_sources for r in answers) / total if total else 0.0


def grounded_rate(answers: Sequence[CaseResult]) -> float | None:
    """Share of answer sentences that stand, word for word, in the passage they cite."""
    if not answers:
        return None
    total = sum(r.sentences_total for r in answers)
    return sum(r.sentences_grounded for r in answers) / total if total else 0.0


def answered_rate(answers: Sequence[CaseResult]) -> float | None:
    """Share of answer cases that were answered at all."""
    if not answers:
        return None
    return sum(r.status == "answered" for r in answers) / len(answers)


def answer_pass_rate(answers: Sequence[CaseResult]) -> float | None:
    """Share of answer cases that pass outright: every fact, cited from the expected sources,
    grounded, and led by the direct answer where the case names it ("answers the question")."""
    if not answers:
        return None
    return sum(r.passed for r in answers) / len(answers)


def wrong_refusal_rate(answers: Sequence[CaseResult]) -> float | None:
    """Share of answerable questions refused as not in the evidence or out of scope."""
    if not answers:
        return None
    refused = ("insufficient_evidence", "out_of_scope")
    return sum(r.status in refused for r in answers) / len(answers)


def fallback_rate(answers: Sequence[CaseResult]) -> float | None:
    """Share of answered cases where a language model was asked but its answer not used."""
    asked = [r for r in answers if r.composer != "extractive"]
    if not asked:
        return None
    return sum(r.composer == "llm_fallback" for r in asked) / len(asked)


def forbidden_hits(results: Sequence[CaseResult]) -> int:
    """Number of cases, of any kind, whose reply contains a forbidden string."""
    return sum(bool(r.forbidden_found) for r in results)
