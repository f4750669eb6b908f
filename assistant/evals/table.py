"""Rich tables for the terminal: the summary with its gate, per kind, and failing cases."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from assistant.evals.metrics.families import FamilyFigures, FormFigures
from assistant.evals.runner import EvalRun
from assistant.evals.summary import figure
from assistant.evals.support_set import SupportFigures
from assistant.evals.thresholds import Verdict
from assistant.evals.tuning import Trial


def render_run(run: EvalRun, verdicts: list[Verdict]) -> RenderableType:
    bounds = {v.key: v for v in verdicts}
    metrics = Table(title=f"Eval summary ({run.mode}, k={run.k})", title_justify="left")
    for column in ("metric", "value", "threshold", "gate"):
        metrics.add_column(column)
    for key, value in run.summary.model_dump().items():
        verdict = bounds.get(key)
        limit = verdict.limit if verdict else ""
        gate = "" if verdict is None else ("[green]pass" if verdict.passed else "[bold red]FAIL")
        metrics.add_row(key, figure(value), limit, gate)
    kinds = Table(title="By kind", title_justify="left")
    for column in ("kind", "cases", "passed"):
        kinds.add_column(column)
    for kind, counts in run.by_kind().items():
        kinds.add_row(kind, str(counts["cases"]), str(counts["passed"]))
    failing = Table(title="Failing cases", title_justify="left", show_lines=False)
    failing.add_column("case")
    failing.add_column("why")
    for result in (r for r in run.results if not r.passed):
        failing.add_row(result.id, "; ".join(result.reasons))
    return Group(metrics, kinds, failing)


def render_families(title: str, figures: list[FamilyFigures]) -> RenderableType:
    """Red-flag recall and false alarms per family, with 95% Wilson intervals."""
    table = Table(title=title, title_justify="left")
    for column in ("family", "recall (k/n; 95% CI)", "false alarms (k/n; 95% CI)"):
        table.add_column(column)
    for row in figures:
        table.add_row(row.family, row.recall.describe(), row.false_alarm.describe())
    return table


def render_forms(title: str, figures: list[FormFigures]) -> RenderableType:
    """Cases passed per question form, with 95% Wilson intervals."""
    table = Table(title=title, title_justify="left")
    for column in ("form", "passed (k/n; 95% CI)"):
        table.add_column(column)
    for row in figures:
        table.add_row(row.form, row.passed.describe())
    return table


def render_support(figures: SupportFigures, checked: list[Verdict]) -> RenderableType:
    """The support check on its labelled pairs: the gated figures, then right per kind."""
    table = Table(title=f"Support check on {figures.pairs} labelled pairs", title_justify="left")
    for column in ("figure", "value", "threshold", "gate"):
        table.add_column(column)
    for verdict in checked:
        table.add_row(
            verdict.key, figure(verdict.value), verdict.limit, "pass" if verdict.passed else "FAIL"
        )
    for kind, right in figures.by_kind.items():
        table.add_row(f"  {kind}", right, "", "")
    return table


def render_comparison(
    runs: list[EvalRun], labels: list[str] | None = None, title: str = "Retrievers"
) -> RenderableType:
    """The same cases under each retriever (or composer), side by side."""
    table = Table(title=f"{title} compared on the same cases", title_justify="left")
    table.add_column("metric")
    for label in labels or [run.mode for run in runs]:
        table.add_column(label, justify="right")
    for key in runs[0].summary.model_dump():
        table.add_row(key, *(figure(run.summary.model_dump()[key]) for run in runs))
    return table


def render_trials(trials: list[Trial], held_out: dict[str, float], top: int) -> RenderableType:
    """The best combinations of settings (one column per setting), then the held-out check."""
    best = [t for t in trials if (t.misses, t.score) == (trials[0].misses, trials[0].score)]
    table = Table(title="Best settings on the eval cases", title_justify="left")
    for name in trials[0].settings:
        table.add_column(name, justify="right")
    for column in ("missed", "score", "fact", "answered", "unanswerable", "refusal", "red flag"):
        table.add_column(column, justify="right")
    for trial in trials[:top]:
        m = trial.summary
        table.add_row(
            *(str(v) for v in trial.settings.values()),
            str(trial.misses),
            f"{trial.score:.3f}",
            *(figure(v) for v in (m.fact_recall, m.answered_rate, m.unanswerable_accuracy,
                                  m.refusal_accuracy, m.red_flag_recall)),
        )  # fmt: skip
    tied = Text(f"{len(best)} of {len(trials)} combinations share the best result.")
    check = Table(title="Held-out check (score)", title_justify="left")
    check.add_column("split")
    check.add_column("score", justify="right")
    for label, value in held_out.items():
        check.add_row(label, f"{value:.3f}")
    return Group(table, tied, check)
