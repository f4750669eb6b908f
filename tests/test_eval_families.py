"""Per-family red-flag figures and their Wilson intervals."""

import pytest

from assistant.evals.metrics.families import by_family, by_form, wilson
from tests.test_eval_metrics import result


def test_wilson_interval_matches_the_textbook_values() -> None:
    rate = wilson(0, 14)
    assert rate.value == 0.0 and rate.low == 0.0
    assert rate.high == pytest.approx(0.2153, abs=1e-4)
    rate = wilson(20, 21)
    assert rate.low == pytest.approx(0.7733, abs=1e-4) and rate.high == pytest.approx(
        0.9915, abs=1e-4
    )
    assert wilson(0, 0).value is None


def test_by_family_counts_recall_and_false_alarms() -> None:
    results = [
        result(id="a", kind="red_flag", family="infection", passed=True, flagged=["infection"]),
        result(id="b", kind="red_flag", family="infection", passed=False),
        result(id="c", kind="no_alarm", family="infection", flagged=["infection"]),
        result(id="d", kind="no_alarm", family="cancer"),
    ]
    rows = {row.family: row for row in by_family(results)}
    assert (rows["infection"].recall.k, rows["infection"].recall.n) == (1, 2)
    assert (rows["infection"].false_alarm.k, rows["infection"].false_alarm.n) == (1, 1)
    assert rows["cancer"].recall.value is None
    assert (rows["all"].false_alarm.k, rows["all"].false_alarm.n) == (1, 2)


def test_by_form_counts_passes_per_question_form() -> None:
    results = [
        result(id="a", form="comparison", passed=True),
        result(id="b", form="comparison", passed=False),
        result(id="c", form="vignette", passed=True),
        result(id="d"),
    ]
    rows = {row.form: row.passed for row in by_form(results)}
    assert (rows["comparison"].k, rows["comparison"].n) == (1, 2)
    assert (rows["all"].k, rows["all"].n) == (3, 4)
    assert by_form([result(id="e")]) == []
