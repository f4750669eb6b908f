"""The whole gate: the main case file and every further suite its thresholds file names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.evals.cases import load_cases
from assistant.evals.runner import EvalRun, run_cases
from assistant.evals.thresholds import Verdict, check, load_suites, load_thresholds
from assistant.pipeline import Assistant
from assistant.settings import RetrievalMode


@dataclass(frozen=True)
class SuiteRun:
    """One case file's run and its verdicts; `name` is "cases" for the main file."""

    name: str
    run: EvalRun
    verdicts: list[Verdict]

    @property
    def missed(self) -> list[Verdict]:
        return [v for v in self.verdicts if not v.passed]


def run_gate(
    assistant: Assistant,
    cases: Path,
    thresholds: Path,
    *,
    k: int,
    mode: RetrievalMode | None,
) -> list[SuiteRun]:
    """Run the main cases against the flat bounds, then each suite against its own gate."""
    bounds = load_thresholds(thresholds)
    suites = load_suites(thresholds)
    main = run_cases(assistant, load_cases(cases), k=k, mode=mode)
    runs = [SuiteRun("cases", main, check(main.summary, bounds))]
    for suite in suites:
        run = run_cases(assistant, load_cases(suite.cases), k=k, mode=mode)
        runs.append(SuiteRun(suite.name, run, check(run.summary, suite.gate)))
    return runs


def report_path(path: Path, suite: str) -> Path:
    """Where a suite's report goes beside the main one: eval.json -> eval.red_flags.json."""
    return path if suite == "cases" else path.with_name(f"{path.stem}.{suite}{path.suffix}")
