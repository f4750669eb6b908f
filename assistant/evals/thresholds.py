"""The gate: a minimum or maximum per summary key, read from a YAML file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from assistant.evals.cases import EvalFileError
from assistant.evals.summary import Summary, figure


class Bound(BaseModel):
    """`min` (the figure must be at least this) or `max` (at most this)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _one_side(self) -> Bound:
        if (self.min is None) == (self.max is None):
            raise ValueError("give exactly one of 'min' or 'max'")
        return self


class Verdict(BaseModel):
    """One threshold checked against one figure."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    bound: Bound
    value: int | float | None
    passed: bool

    @property
    def limit(self) -> str:
        """The bound as text: '>= 0.85' or '<= 0'."""
        if self.bound.min is not None:
            return f">= {self.bound.min:g}"
        return f"<= {self.bound.max:g}"

    def describe(self) -> str:
        return f"{self.key} = {figure(self.value)} (must be {self.limit})"


class Suite(BaseModel):
    """A further case file with a gate of its own (the red-flag test half, for one)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    cases: Path
    gate: dict[str, Bound]


def load_thresholds(path: Path) -> dict[str, Bound]:
    """Bounds by summary key; unknown keys are an error, so a typo cannot disable a check."""
    data = _read(path)
    data.pop("suites", None)
    data.pop("support", None)
    return _bounds(data, path)


def load_suites(path: Path) -> list[Suite]:
    """The `suites:` of a thresholds file, case paths taken relative to the file."""
    raw: Any = _read(path).get("suites") or {}
    try:
        return [
            Suite(
                name=str(name),
                cases=path.parent / str(spec["cases"]),
                gate=_bounds(dict(spec["gate"]), path),
            )
            for name, spec in dict(raw).items()
        ]
    except (KeyError, TypeError, ValueError) as exc:
        raise EvalFileError(f"{path}: not a valid 'suites' section ({exc})") from exc


def _read(path: Path) -> dict[str, object]:
    try:
        return dict(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    except (OSError, yaml.YAMLError, TypeError, ValueError) as exc:
        raise EvalFileError(f"{path}: not a valid thresholds file ({exc})") from exc


def _bounds(data: dict[str, object], path: Path) -> dict[str, Bound]:
    try:
        bounds = {str(k): Bound.model_validate(v) for k, v in data.items()}
    except ValidationError as exc:
        raise EvalFileError(f"{path}: not a valid thresholds file ({exc})") from exc
    unknown = sorted(set(bounds) - set(Summary.model_fields))
    if unknown:
        raise EvalFileError(f"{path}: unknown summary keys {unknown}")
    return bounds


def check(summary: Summary, bounds: dict[str, Bound]) -> list[Verdict]:
    """One verdict per bound; a figure that does not apply (None) passes and shows as n/a."""
    values = summary.model_dump()
    return [
        Verdict(key=key, bound=bound, value=values[key], passed=within(values[key], bound))
        for key, bound in bounds.items()
    ]


def within(value: float | None, bound: Bound) -> bool:
    """Whether a figure keeps its bound; a figure that does not apply (None) does."""
    if value is None:
        return True
    if bound.min is not None:
        return value >= bound.min
    return bound.max is not None and value <= bound.max
