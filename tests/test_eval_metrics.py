"""Each metric on small hand-made results, including the results that must make it fail."""

from typing import Any

import pytest

from assistant.evals.grading import CaseResult
from assistant.evals.metrics import answers, behaviour, latency, retrieval
from assistant.evals.summary import Summary, summarize


def result(**overrides: Any) -> CaseResult:
    fields: dict[str, Any] = dict(
        id="c",
        kind="answer",
        question="q",
        status="answered",
        passed=True,
        reasons=[],
        answer="a",
        cited_refs=[1],
        retrieved_refs=[1],
        first_source_rank=1,
        facts_total=2,
        missing_facts=[],
        citations_total=2,
        citations_in_sources=2,
        sentences_total=2,
        sentences_grounded=2,
        forbidden_found=[],
        latency_ms=10.0,
    )
    fields.update(overrides)
    return CaseResult(**fields)


def test_fact_recall_is_the_mean_share_of_facts_met() -> None:
    results = [result(), result(missing_facts=[["x"]]), result(missing_facts=[["x"], ["y"]])]
    assert answers.fact_recall(results) == pytest.approx((1 + 0.5 + 0) / 3)
    assert answers.fact_recall([]) is None


def test_source_recall_needs_one_citation_in_the_sources() -> None:
    assert answers.source_recall([result(), result(citations_in_sources=0)]) == 0.5


def test_citation_precision_counts_citations_not_cases() -> None:
    results = [
        result(citations_total=3, citations_in_sources=1),
        result(citations_total=1, citations_in_sources=1),
    ]
    assert answers.citation_precision(results) == 0.5
    assert answers.citation_precision([result(citations_total=0, citations_in_sources=0)]) == 0.0


def test_grounded_rate_counts_sentences() -> None:
    results = [
        result(sentences_total=3, sentences_grounded=2),
        result(sentences_total=1, sentences_grounded=1),
    ]
    assert answers.grounded_rate(results) == 0.75


def test_answered_rate_and_forbidden_hits() -> None:
    results = [result(), result(status="insufficient_evidence"), result(forbidden_found=["mg"])]
    assert answers.answered_rate(results) == pytest.approx(2 / 3)
    assert answers.forbidden_hits(results) == 1


def test_pass_and_wrong_refusal_rates() -> None:
    results = [
        result(passed=True),
        result(status="insufficient_evidence", passed=False),
        result(status="out_of_scope", passed=False),
        result(status="answered", passed=False),
    ]
    assert answers.answer_pass_rate(results) == 0.25
    assert answers.wrong_refusal_rate(results) == 0.5
    assert answers.answer_pass_rate([]) is None


def test_recall_at_k_and_mrr_use_the_first_source_rank() -> None:
    results = [
        result(first_source_rank=1),
        result(first_source_rank=4),
        result(first_source_rank=None),
    ]
    assert retrieval.recall_at_k(results, k=3) == pytest.approx(1 / 3)
    assert retrieval.recall_at_k(results, k=5) == pytest.approx(2 / 3)
    assert retrieval.mean_reciprocal_rank(results) == pytest.approx((1 + 0.25 + 0) / 3)


def test_status_rate() -> None:
    results = [result(kind="red_flag", status="urgent"), result(kind="red_flag", status="answered")]
    assert behaviour.status_rate(results, "urgent") == 0.5
    assert behaviour.status_rate([], "urgent") is None


def test_percentile_is_nearest_rank() -> None:
    assert latency.percentile([10, 20, 30, 40], 50) == 20
    assert latency.percentile([10, 20, 30, 40], 95) == 40
    assert latency.percentile([], 50) is None


def test_summary_has_exactly_the_promised_keys_and_scopes_each_rate() -> None:
    results = [
        result(),
        result(id="r", kind="red_flag", status="answered", facts_total=0, passed=False),
        result(id="o", kind="out_of_scope", status="urgent", facts_total=0, flagged=["fracture"]),
        result(id="u", kind="unanswerable", status="insufficient_evidence", facts_total=0),
    ]
    summary = summarize(results, k=5)
    assert list(Summary.model_fields) == [
        "fact_recall",
        "source_recall",
        "citation_precision",
        "grounded_rate",
        "retrieval_recall_at_k",
        "mrr",
        "answered_rate",
        "answer_pass_rate",
        "wrong_refusal_rate",
        "fallback_rate",
        "red_flag_recall",
        "false_alarm_rate",
        "refusal_accuracy",
        "unanswerable_accuracy",
        "forbidden_hits",
        "latency_ms_p50",
        "latency_ms_p95",
        "cases",
    ]
    assert summary.cases == 4
    assert summary.red_flag_recall == 0.0
    assert summary.false_alarm_rate == pytest.approx(1 / 3)
    assert summary.refusal_accuracy == 0.0
    assert summary.unanswerable_accuracy == 1.0
    assert summary.fact_recall == 1.0
