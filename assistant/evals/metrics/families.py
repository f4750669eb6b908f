"""Red-flag recall and false alarms per family, and pass rates per question form, each with a
95% Wilson score interval."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from assistant.evals.grading import CaseResult

Z95 = 1.959964


class Rate(BaseModel):
    """k of n, as a share with its 95% Wilson interval."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    k: int
    n: int
    value: float | None
    low: float | None
    high: float | None

    def describe(self) -> str:
        if self.value is None or self.low is None or self.high is None:
            return "n/a"
        return f"{self.value:.3f} ({self.k}/{self.n}; {self.low:.2f}-{self.high:.2f})"


class FamilyFigures(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    family: str
    recall: Rate
    false_alarm: Rate


def wilson(k: int, n: int, z: float = Z95) -> Rate:
    """The Wilson score interval: honest near 0 and 1, where most of these rates sit."""
    if n == 0:
        return Rate(k=0, n=0, value=None, low=None, high=None)
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return Rate(k=k, n=n, value=p, low=max(0.0, centre - half), high=min(1.0, centre + half))


def by_family(results: Sequence[CaseResult]) -> list[FamilyFigures]:
    """Per family: red-flag cases whose family was raised, and near-misses that raised any."""
    families = sorted({r.family for r in results if r.family})
    figures = []
    for family in [*families, "all"]:
        mine = [r for r in results if family in ("all", r.family)]
        flags = [r for r in mine if r.kind == "red_flag"]
        misses = [r for r in mine if r.kind == "no_alarm"]
        figures.append(
            FamilyFigures(
                family=family,
                recall=wilson(sum(r.passed for r in flags), len(flags)),
                false_alarm=wilson(sum(bool(r.flagged) for r in misses), len(misses)),
            )
        )
    return figures


class FormFigures(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    form: str
    passed: Rate


def by_form(results: Sequence[CaseResult]) -> list[FormFigures]:
    """Per question form: cases of every kind that passed, with the 95% interval."""
    forms = sorted({r.form for r in results if r.form})
    return [
        FormFigures(
            form=form,
            passed=wilson(
                sum(r.passed for r in results if form in ("all", r.form)),
                sum(1 for r in results if form in ("all", r.form)),
            ),
        )
        for form in ([*forms, "all"] if forms else [])
    ]
