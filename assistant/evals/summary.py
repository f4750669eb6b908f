"""The summary: one figure per metric, with exactly the keys the report promises."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from assistant.evals.grading import CaseResult
from assistant.evals.metrics import answers, behaviour, latency, retrieval


class Summary(BaseModel):
    """Rates are 0-1; None means the suite had no case of the kind a rate is about."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fact_recall: float | None
    source_recall: float | None
    citation_precision: float | None
    grounded_rate: float | None
    retrieval_recall_at_k: float | None
    mrr: float | None
    answered_rate: float | None
    answer_pass_rate: float | None
    wrong_refusal_rate: float | None
    fallback_rate: float | None
    red_flag_recall: float | None
    false_alarm_rate: float | None
    refusal_accuracy: float | None
    unanswerable_accuracy: float | None
    forbidden_hits: int
    latency_ms_p50: float | None
    latency_ms_p95: float | None
    cases: int


def summarize(results: Sequence[CaseResult], k: int) -> Summary:
    """Every metric over the graded cases; retrieval is judged on the top k passages."""
    answer_cases = [r for r in results if r.kind == "answer"]
    of_kind = {kind: [r for r in results if r.kind == kind] for kind in {r.kind for r in results}}
    not_red_flag = [r for r in results if r.kind != "red_flag"]
    timings = [r.latency_ms for r in results]
    return Summary(
        fact_recall=answers.fact_recall(answer_cases),
        source_recall=answers.source_recall(answer_cases),
        citation_precision=answers.citation_precision(answer_cases),
        grounded_rate=answers.grounded_rate(answer_cases),
        retrieval_recall_at_k=retrieval.recall_at_k(answer_cases, k),
        mrr=retrieval.mean_reciprocal_rank(answer_cases),
        answered_rate=answers.answered_rate(answer_cases),
        answer_pass_rate=answers.answer_pass_rate(answer_cases),
        wrong_refusal_rate=answers.wrong_refusal_rate(answer_cases),
        fallback_rate=answers.fallback_rate(answer_cases),
        red_flag_recall=behaviour.pass_rate(of_kind.get("red_flag", [])),
        false_alarm_rate=behaviour.alarm_rate(not_red_flag),
        refusal_accuracy=behaviour.status_rate(of_kind.get("out_of_scope", []), "out_of_scope"),
        unanswerable_accuracy=behaviour.status_rate(
            of_kind.get("unanswerable", []), "insufficient_evidence"
        ),
        forbidden_hits=answers.forbidden_hits(results),
        latency_ms_p50=latency.percentile(timings, 50),
        latency_ms_p95=latency.percentile(timings, 95),
        cases=len(results),
    )


def figure(value: object) -> str:
    """A summary value as shown in tables and reports."""
    if value is None:
        return "n/a"
    return f"{value:.3f}" if isinstance(value, float) else str(value)
