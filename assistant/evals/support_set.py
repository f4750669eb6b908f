"""The support check measured on its labelled set: (sentence, passage) pairs from the corpus,
faithful paraphrases that must be kept and changed or invented claims that must be caught."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.answer.support import SupportCheck
from assistant.evals.cases import EvalFileError
from assistant.evals.thresholds import Bound, Verdict, within
from assistant.schema import Chunk


class Pair(BaseModel):
    """A sentence, the corpus sentence it is paired with, and whether it is supported."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: str
    label: Literal["supported", "unsupported"]
    doc: str
    passage: str
    sentence: str


class SupportSpec(BaseModel):
    """The thresholds file's `support:` section: pair files, which half, and the gate."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pairs: list[str]
    half: Literal["test", "tune", "all"] = "test"
    gate: dict[str, Bound]


class SupportFigures(BaseModel):
    """Recall on unsupported pairs, keep-rate on supported ones, and per-kind counts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pairs: int
    unsupported_recall: float | None
    keep_rate: float | None
    by_kind: dict[str, str]
    wrong: list[str]


def load_spec(thresholds: Path) -> SupportSpec | None:
    """The `support:` section of the thresholds file, or None when it has none."""
    try:
        raw: Any = yaml.safe_load(thresholds.read_text(encoding="utf-8")) or {}
        section = raw.get("support")
        return None if section is None else SupportSpec.model_validate(section)
    except (OSError, yaml.YAMLError, ValidationError, AttributeError) as exc:
        raise EvalFileError(f"{thresholds}: not a valid 'support' section ({exc})") from exc


def load_pairs(paths: Sequence[Path], half: str) -> list[Pair]:
    """Every pair of the files; "test" or "tune" keeps one half, split by a hash of the id."""
    pairs: list[Pair] = []
    for path in paths:
        try:
            pairs += [Pair.model_validate(p) for p in yaml.safe_load(path.read_text("utf-8"))]
        except (OSError, yaml.YAMLError, ValidationError, TypeError) as exc:
            raise EvalFileError(f"{path}: not a valid pair file ({exc})") from exc
    if half == "all":
        return pairs
    odd = half == "test"
    return [
        p for p in pairs if (int(hashlib.sha256(p.id.encode()).hexdigest(), 16) % 2 == 1) == odd
    ]


def run_support(
    check: SupportCheck, pairs: Sequence[Pair], chunks: Sequence[Chunk]
) -> SupportFigures:
    """Each sentence checked against the passage (chunk) that holds its paired sentence."""
    passages = [(" ".join(c.text.split()), c.text) for c in chunks]
    counts: dict[str, list[int]] = {}
    right_by_label = {"supported": 0, "unsupported": 0}
    wrong = []
    for pair in pairs:
        wanted = " ".join(pair.passage.split())
        cited = next((text for flat, text in passages if wanted in flat), pair.passage)
        verdict = check.check(pair.sentence, [cited]).supported
        right = verdict == (pair.label == "supported")
        tally = counts.setdefault(pair.kind, [0, 0])
        tally[0] += right
        tally[1] += 1
        right_by_label[pair.label] += right
        if not right:
            wrong.append(f"{pair.id} ({pair.kind}): {pair.sentence}")
    supported = sum(p.label == "supported" for p in pairs)
    unsupported = len(pairs) - supported
    return SupportFigures(
        pairs=len(pairs),
        unsupported_recall=right_by_label["unsupported"] / unsupported if unsupported else None,
        keep_rate=right_by_label["supported"] / supported if supported else None,
        by_kind={k: f"{v[0]}/{v[1]}" for k, v in sorted(counts.items())},
        wrong=wrong,
    )


def verdicts(figures: SupportFigures, gate: dict[str, Bound]) -> list[Verdict]:
    values = figures.model_dump()
    found = []
    for key, bound in gate.items():
        if key not in ("unsupported_recall", "keep_rate"):
            raise EvalFileError(f"unknown support figure '{key}'")
        value = values[key]
        passed = value is not None and within(value, bound)  # no pairs of a label: not met
        found.append(Verdict(key=key, bound=bound, value=value, passed=passed))
    return found


def _odd(pair_id: str) -> bool:
    return int(hashlib.sha256(pair_id.encode()).hexdigest(), 16) % 2 == 1
