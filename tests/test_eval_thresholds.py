from pathlib import Path

import pytest

from assistant.evals.cases import EvalFileError
from assistant.evals.summary import Summary
from assistant.evals.thresholds import Bound, check, load_thresholds
from assistant.settings import PROJECT_ROOT


def summary(**overrides: object) -> Summary:
    fields: dict[str, object] = {key: 0.9 for key in Summary.model_fields}
    fields.update(forbidden_hits=0, cases=10, red_flag_recall=None)
    fields.update(overrides)
    return Summary(**fields)


def test_min_and_max_bounds() -> None:
    bounds = {"fact_recall": Bound(min=0.85), "forbidden_hits": Bound(max=0)}
    assert all(v.passed for v in check(summary(), bounds))
    failed = [v for v in check(summary(fact_recall=0.8, forbidden_hits=2), bounds) if not v.passed]
    assert [v.describe() for v in failed] == [
        "fact_recall = 0.800 (must be >= 0.85)",
        "forbidden_hits = 2 (must be <= 0)",
    ]


def test_a_figure_that_does_not_apply_passes_as_na() -> None:
    (verdict,) = check(summary(), {"red_flag_recall": Bound(min=1.0)})
    assert verdict.passed and "n/a" in verdict.describe()


def test_unknown_keys_and_bad_bounds_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("fact_recal: {min: 0.8}\n")
    with pytest.raises(EvalFileError, match="unknown summary keys"):
        load_thresholds(path)
    path.write_text("fact_recall: {min: 0.8, max: 0.9}\n")
    with pytest.raises(EvalFileError, match="exactly one"):
        load_thresholds(path)


def test_our_gate_keeps_the_required_floors() -> None:
    bounds = load_thresholds(PROJECT_ROOT / "evals" / "thresholds.yaml")
    floors = {
        "fact_recall": 0.85,
        "source_recall": 0.90,
        "retrieval_recall_at_k": 0.90,
        "grounded_rate": 1.0,
    }
    for key, floor in floors.items():
        assert bounds[key].min is not None and bounds[key].min >= floor, key
    assert bounds["forbidden_hits"].max == 0


def test_the_test_halves_and_held_out_sets_are_gated_suites() -> None:
    from assistant.evals.thresholds import load_suites

    path = PROJECT_ROOT / "evals" / "thresholds.yaml"
    suites = {suite.name: suite for suite in load_suites(path)}
    assert set(suites) == {
        "red_flags",
        "answers",
        "answers_holdout",
        "red_flags_holdout",
        "red_flags_holdout_ninth",
        "answers_holdout_twelfth",
        "red_flags_holdout_twentieth",
        "answers_holdout_fifteenth",
        "red_flags_holdout_twentyfourth",
        "answers_holdout_twentyfirst",
        "answers_holdout_twentysecond",
    }
    flags, answers = suites["red_flags"], suites["answers"]
    assert flags.cases == path.parent / "red_flags" / "test.yaml"
    assert set(flags.gate) == {"red_flag_recall", "false_alarm_rate"}
    assert answers.cases == path.parent / "answers" / "test.yaml"
    assert {"answer_pass_rate", "wrong_refusal_rate"} <= set(answers.gate)
    assert suites["answers_holdout"].cases == path.parent / "answers" / "holdout_fourth.yaml"
    assert suites["red_flags_holdout"].cases == path.parent / "red_flags" / "holdout_seventh.yaml"
    ninth = suites["red_flags_holdout_ninth"].cases
    assert ninth == path.parent / "red_flags" / "holdout_ninth.yaml"
    twelfth = suites["answers_holdout_twelfth"].cases
    assert twelfth == path.parent / "answers" / "holdout_twelfth.yaml"
    twentieth = suites["red_flags_holdout_twentieth"].cases
    assert twentieth == path.parent / "red_flags" / "holdout_twentieth.yaml"
    fifteenth = suites["answers_holdout_fifteenth"].cases
    assert fifteenth == path.parent / "answers" / "holdout_fifteenth.yaml"
    twentyfourth = suites["red_flags_holdout_twentyfourth"].cases
    assert twentyfourth == path.parent / "red_flags" / "holdout_twentyfourth.yaml"
    twentyfirst = suites["answers_holdout_twentyfirst"].cases
    assert twentyfirst == path.parent / "answers" / "holdout_twentyfirst.yaml"
    twentysecond = suites["answers_holdout_twentysecond"].cases
    assert twentysecond == path.parent / "answers" / "holdout_twentysecond.yaml"
    assert "suites" not in load_thresholds(path)
