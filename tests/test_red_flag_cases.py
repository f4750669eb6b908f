"""The red-flag case files: valid, big enough, and the test half kept apart from tuning."""

from collections import Counter

from assistant.evals.cases import load_cases
from assistant.settings import PROJECT_ROOT

FOLDER = PROJECT_ROOT / "evals" / "red_flags"
FAMILIES = {"cauda_equina", "neuro_deficit", "infection", "cancer", "fracture", "aneurysm", "child"}


def test_the_test_half_covers_every_family_in_both_kinds() -> None:
    cases = load_cases(FOLDER / "test.yaml")
    counts = Counter((c.kind, c.family) for c in cases)
    assert {family for _, family in counts} == FAMILIES
    assert all(counts[("red_flag", f)] >= 15 and counts[("no_alarm", f)] >= 10 for f in FAMILIES)
    assert sum(1 for c in cases if c.history) >= 30


def test_at_least_400_messages_written_apart_from_the_detector() -> None:
    files = ["test.yaml", "tune.yaml", "tune_extra.yaml", "tune_more.yaml"]
    cases = [c for name in files for c in load_cases(FOLDER / name)]
    assert sum(c.kind == "red_flag" for c in cases) >= 250
    assert sum(c.kind == "no_alarm" for c in cases) >= 150


def test_no_tuning_case_repeats_a_test_case() -> None:
    test = load_cases(FOLDER / "test.yaml")
    tuning = [c for name in ("tune.yaml", "tune_extra.yaml", "tune_more.yaml")
              for c in load_cases(FOLDER / name)]  # fmt: skip
    assert not {c.id for c in test} & {c.id for c in tuning}
    assert not {c.question for c in test} & {c.question for c in tuning}
