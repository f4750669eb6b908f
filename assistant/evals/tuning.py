"""Grid search over decision settings on the eval cases, with a held-out check.

Only settings that change how a loaded assistant decides (weights and thresholds) can be
tuned this way; the model, index and sentence vectors are loaded once and shared."""

from __future__ import annotations

import itertools
import math
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.evals.cases import Case, EvalFileError
from assistant.evals.runner import run_cases
from assistant.evals.summary import Summary
from assistant.evals.thresholds import Bound, check
from assistant.factory import Components, assemble
from assistant.settings import Settings

TUNABLE = frozenset(
    {
        "retrieval_mode", "top_k", "candidate_k", "rrf_k", "dedup_threshold",
        "answer_max_sentences", "min_relevance", "sentence_margin", "sentence_share", "term_weight",
        "rank_weight", "type_weight", "hub_weight", "scope_threshold", "gap_importance",
        "gap_margin",
    }
)  # fmt: skip
SCORED = (
    "fact_recall", "citation_precision", "answered_rate", "red_flag_recall",
    "refusal_accuracy", "unanswerable_accuracy",
)  # fmt: skip


@dataclass(frozen=True)
class TuningReport:
    """All combinations, best first, and how the best of each half scores on the other."""

    trials: list[Trial]
    held_out: dict[str, float]


@dataclass(frozen=True)
class Trial:
    """One combination of settings and how it did."""

    settings: dict[str, Any]
    summary: Summary
    misses: int
    score: float


def load_grid(path: Path) -> dict[str, list[Any]]:
    """setting -> values to try; only tunable settings."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise EvalFileError(f"{path}: cannot be read as YAML ({exc})") from exc
    if not isinstance(data, dict) or not all(isinstance(v, list) and v for v in data.values()):
        raise EvalFileError(f"{path}: must map each setting to a non-empty list of values")
    unknown = sorted(set(data) - TUNABLE)
    if unknown:
        raise EvalFileError(f"{path}: cannot tune {unknown}; tunable: {sorted(TUNABLE)}")
    return {str(k): list(v) for k, v in data.items()}


def score(summary: Summary) -> float:
    """Mean of the figures that matter for quality and safety, less the false-alarm rate."""
    values = summary.model_dump()
    figures = [values[key] for key in SCORED if values[key] is not None]
    penalty = summary.false_alarm_rate or 0.0
    return (sum(figures) / len(figures) if figures else 0.0) - penalty


def grid_search(
    base: Settings,
    parts: Components,
    cases: Sequence[Case],
    grid: dict[str, list[Any]],
    bounds: dict[str, Bound],
    *,
    k: int,
    on_trial: Callable[[Trial], None] | None = None,
) -> list[Trial]:
    """Every combination, best first: fewest missed thresholds, then highest score."""
    trials = []
    for values in itertools.product(*grid.values()):
        overrides = dict(zip(grid, values, strict=True))
        settings = Settings(**{**base.model_dump(), **overrides})
        summary = run_cases(assemble(settings, parts), cases, k=k).summary
        misses = sum(not v.passed for v in check(summary, bounds))
        trial = Trial(overrides, summary, misses, score(summary))
        trials.append(trial)
        if on_trial:
            on_trial(trial)
    return sorted(trials, key=lambda t: (t.misses, -t.score))


def halves(cases: Sequence[Case]) -> tuple[list[Case], list[Case]]:
    """A fixed split by case id, to check that what is tuned on one half holds on the other."""
    split: tuple[list[Case], list[Case]] = ([], [])
    for case in cases:
        split[zlib.crc32(case.id.encode()) % 2].append(case)
    return split


def combinations(grid: dict[str, list[Any]]) -> int:
    return math.prod(len(values) for values in grid.values())


def run_tuning(
    base: Settings,
    parts: Components,
    cases: Sequence[Case],
    grid: dict[str, list[Any]],
    bounds: dict[str, Bound],
    *,
    k: int,
    on_trial: Callable[[Trial], None] | None = None,
) -> TuningReport:
    """The full search, then the same on each half: a choice that only fits the cases it was
    tuned on would score worse on the other half."""
    trials = grid_search(base, parts, cases, grid, bounds, k=k, on_trial=on_trial)
    first, second = halves(cases)
    on_first = grid_search(base, parts, first, grid, bounds, k=k, on_trial=on_trial)
    on_second = grid_search(base, parts, second, grid, bounds, k=k, on_trial=on_trial)
    return TuningReport(
        trials=trials,
        held_out={
            "best on half A, scored on half B": _score_of(on_first[0].settings, on_second),
            "best on half B, scored on half A": _score_of(on_second[0].settings, on_first),
            "chosen on all, scored on half A": _score_of(trials[0].settings, on_first),
            "chosen on all, scored on half B": _score_of(trials[0].settings, on_second),
        },
    )


def _score_of(settings: dict[str, Any], trials: list[Trial]) -> float:
    return next(t.score for t in trials if t.settings == settings)
