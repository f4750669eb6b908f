"""`assistant eval` end to end: reports, any case file, the comparison, and the gate failing."""

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.settings import Settings
from tests.conftest import REAL_CORPUS

runner = CliRunner()

SMALL_SUITE = """
- id: si-confirm
  kind: answer
  question: How is sacroiliac joint pain confirmed?
  facts: [["inject"]]
  sources: [6, 8]
- id: buas-follow-up
  kind: answer
  question: What about against the straight leg raise?
  history:
    - {role: user, content: "How accurate is the BUAS test against painDETECT?"}
  facts: [["40%"]]
  sources: [5]
- id: poem
  kind: out_of_scope
  question: Write a poem about the sea.
- id: missed-flag
  kind: red_flag
  question: Is sacroiliac joint pain common?
"""


@pytest.fixture
def env(real_index_settings: Settings) -> dict[str, str]:
    return {"ASSISTANT_INDEX_DIR": str(real_index_settings.index_dir)}


def test_any_case_file_runs_and_writes_every_report(env: dict[str, str], tmp_path: Path) -> None:
    cases = tmp_path / "other.yaml"
    cases.write_text(SMALL_SUITE)
    thresholds = tmp_path / "gate.yaml"
    thresholds.write_text("fact_recall: {min: 0.5}\nrefusal_accuracy: {min: 1.0}\n")
    paths = {name: tmp_path / "out" / name for name in ("r.json", "r.xml", "r.md")}
    result = runner.invoke(
        app,
        [
            "eval",
            "--cases",
            str(cases),
            "--thresholds",
            str(thresholds),
            "--report",
            str(paths["r.json"]),
            "--junit",
            str(paths["r.xml"]),
            "--markdown",
            str(paths["r.md"]),
            "--k",
            "3",
        ],
        env=env,
    )
    assert result.exit_code == 0, result.output
    assert "eval gate passed" in result.stdout
    report = json.loads(paths["r.json"].read_text())
    assert report["summary"]["cases"] == 4 and report["k"] == 3
    assert report["summary"]["fact_recall"] == 1.0
    assert report["summary"]["red_flag_recall"] == 0.0
    assert report["summary"]["refusal_accuracy"] == 1.0
    assert [v["key"] for v in report["thresholds"]] == ["fact_recall", "refusal_accuracy"]
    first = report["cases"][0]
    assert {
        "id",
        "kind",
        "status",
        "passed",
        "answer",
        "cited_refs",
        "retrieved_refs",
        "missing_facts",
        "latency_ms",
    } <= set(first)
    assert report["by_kind"]["out_of_scope"] == {"cases": 1, "passed": 1}
    assert report["by_kind"]["red_flag"] == {"cases": 1, "passed": 0}
    suites = ElementTree.parse(paths["r.xml"]).getroot()
    assert [s.get("name") for s in suites] == ["cases", "thresholds"]
    assert suites[0].get("failures") == "1"
    failure = suites[0].find("testcase[@name='missed-flag']/failure")
    assert failure is not None and "no red flag raised" in failure.get("message", "")
    assert "## Failing cases (1)" in paths["r.md"].read_text()
    assert not list((tmp_path / "out").glob(".*.tmp")), "no half-written files left"


def test_compare_runs_each_retriever_on_the_same_cases(env: dict[str, str], tmp_path: Path) -> None:
    cases = tmp_path / "other.yaml"
    cases.write_text(SMALL_SUITE)
    result = runner.invoke(app, ["eval", "--cases", str(cases), "--compare"], env=env)
    assert result.exit_code == 0, result.output
    header = next(line for line in result.stdout.splitlines() if "dense" in line)
    assert re.search(r"dense.*bm25.*hybrid", header)
    assert "fact_recall" in result.stdout


def test_compare_composers_runs_both_or_says_what_is_missing(
    env: dict[str, str], tmp_path: Path
) -> None:
    cases = tmp_path / "other.yaml"
    cases.write_text(SMALL_SUITE)
    result = runner.invoke(app, ["eval", "--cases", str(cases), "--compare-composers"], env=env)
    assert result.exit_code == 1 and "needs a language model" in result.output
    down = {**env, "ASSISTANT_LLM": "openai", "ASSISTANT_LLM_BASE_URL": "http://127.0.0.1:9/v1"}
    result = runner.invoke(app, ["eval", "--cases", str(cases), "--llm"], env=down)
    assert result.exit_code == 0, result.output
    assert re.search(r"extractive.*llm", result.stdout) and "fallback_rate" in result.stdout


def test_a_broken_case_file_exits_2_naming_the_case(env: dict[str, str], tmp_path: Path) -> None:
    cases = tmp_path / "bad.yaml"
    cases.write_text("- {id: x, kind: answer, question: q}\n")
    result = runner.invoke(app, ["eval", "--cases", str(cases)], env=env)
    assert result.exit_code == 2
    assert "case 'x'" in result.stderr


def test_the_gate_fails_naming_the_metric_when_the_corpus_is_degraded(
    tmp_path: Path, embeddings
) -> None:
    """Lower the corpus quality in a copy (half the cards lose their findings): the real suite
    and thresholds must then fail, exit 1, and say which figure missed."""
    corpus = tmp_path / "corpus"
    shutil.copytree(REAL_CORPUS, corpus)
    for card in sorted((corpus / "sources").glob("*.md"))[::2]:
        front, _, _ = card.read_text().partition("\n---\n\n")
        card.write_text(
            front + "\n---\n\n## Key findings\n\n- The findings of this paper are not available.\n"
        )
    env = {"ASSISTANT_CORPUS_DIR": str(corpus), "ASSISTANT_INDEX_DIR": str(tmp_path / "index")}
    assert runner.invoke(app, ["ingest"], env=env).exit_code == 0
    result = runner.invoke(app, ["eval"], env=env)
    assert result.exit_code == 1
    assert "eval gate failed" in result.stderr
    assert "fact_recall" in result.stderr
