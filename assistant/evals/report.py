"""The eval report as JSON, JUnit XML (for CI) and Markdown (for people)."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

from assistant.evals.metrics.families import by_family, by_form
from assistant.evals.runner import EvalRun
from assistant.evals.summary import figure
from assistant.evals.thresholds import Verdict
from assistant.files import write_text_atomic


def write_json(path: Path, run: EvalRun, verdicts: list[Verdict]) -> None:
    report = {
        "summary": run.summary.model_dump(),
        "by_kind": run.by_kind(),
        "by_family": [f.model_dump() for f in by_family(run.results)],
        "by_form": [f.model_dump() for f in by_form(run.results)],
        "thresholds": [v.model_dump() for v in verdicts],
        "retrieval_mode": run.mode,
        "k": run.k,
        "cases": [r.model_dump() for r in run.results],
    }
    write_text_atomic(path, json.dumps(report, indent=2) + "\n")


def write_junit(path: Path, run: EvalRun, verdicts: list[Verdict]) -> None:
    """One test case per eval case and per threshold, so CI shows each failure by name."""
    suites = ElementTree.Element("testsuites", name="lumbar-guide-eval")
    cases = _suite(suites, "cases", len(run.results), sum(not r.passed for r in run.results))
    for result in run.results:
        element = ElementTree.SubElement(
            cases,
            "testcase",
            classname=result.kind,
            name=result.id,
            time=f"{result.latency_ms / 1000:.3f}",
        )
        if not result.passed:
            failure = ElementTree.SubElement(element, "failure", message="; ".join(result.reasons))
            failure.text = f"Q: {result.question}\nA: {result.answer}"
    gate = _suite(suites, "thresholds", len(verdicts), sum(not v.passed for v in verdicts))
    for verdict in verdicts:
        element = ElementTree.SubElement(gate, "testcase", classname="threshold", name=verdict.key)
        if not verdict.passed:
            ElementTree.SubElement(element, "failure", message=verdict.describe())
    write_text_atomic(path, ElementTree.tostring(suites, encoding="unicode", xml_declaration=True))


def write_markdown(path: Path, run: EvalRun, verdicts: list[Verdict]) -> None:
    lines = [
        "# Eval report",
        "",
        f"{run.summary.cases} cases, retrieval `{run.mode}`, k = {run.k}.",
        "",
        "| metric | value | threshold | |",
        "|---|---|---|---|",
    ]
    bounds = {v.key: v for v in verdicts}
    for key, value in run.summary.model_dump().items():
        verdict = bounds.get(key)
        limit = verdict.limit if verdict else ""
        mark = "" if verdict is None else ("pass" if verdict.passed else "**FAIL**")
        lines.append(f"| {key} | {figure(value)} | {limit} | {mark} |")
    lines += ["", "| kind | cases | passed |", "|---|---|---|"]
    lines += [f"| {kind} | {n['cases']} | {n['passed']} |" for kind, n in run.by_kind().items()]
    families = by_family(run.results)
    if len(families) > 1:
        lines += ["", "| family | recall (k/n; 95% CI) | false alarms (k/n; 95% CI) |"]
        lines += ["|---|---|---|"]
        lines += [
            f"| {f.family} | {f.recall.describe()} | {f.false_alarm.describe()} |" for f in families
        ]
    forms = by_form(run.results)
    if forms:
        lines += ["", "| form | passed (k/n; 95% CI) |", "|---|---|"]
        lines += [f"| {f.form} | {f.passed.describe()} |" for f in forms]
    failing = [r for r in run.results if not r.passed]
    lines += ["", f"## Failing cases ({len(failing)})", ""]
    for result in failing:
        lines += [
            f"- **{result.id}** ({result.kind}): {'; '.join(result.reasons)}",
            f"  - Q: {result.question}",
            f"  - A: {result.answer}",
        ]
    write_text_atomic(path, "\n".join(lines) + "\n")


def _suite(
    parent: ElementTree.Element, name: str, tests: int, failures: int
) -> ElementTree.Element:
    return ElementTree.SubElement(
        parent, "testsuite", name=name, tests=str(tests), failures=str(failures)
    )
