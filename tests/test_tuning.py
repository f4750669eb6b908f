"""`assistant tune` on a two-value grid and a small case file."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.evals.cases import Case, EvalFileError
from assistant.evals.tuning import halves, load_grid, score
from assistant.settings import Settings
from tests.test_eval_metrics import result

runner = CliRunner()


def test_tune_lists_settings_best_first_with_a_held_out_check(
    real_index_settings: Settings, tmp_path: Path
) -> None:
    grid = tmp_path / "grid.yaml"
    grid.write_text("min_relevance: [0.95, 0.45]\n")
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "- {id: a, kind: answer, question: 'How is sacroiliac joint pain confirmed?', "
        "facts: [[inject]], sources: [6, 8]}\n"
        "- {id: b, kind: answer, question: 'How accurate is the BUAS test?', "
        "facts: [['92%']], sources: [5]}\n"
        "- {id: c, kind: out_of_scope, question: Write a poem}\n"
    )
    env = {"ASSISTANT_INDEX_DIR": str(real_index_settings.index_dir), "COLUMNS": "160"}
    outcome = runner.invoke(app, ["tune", "--grid", str(grid), "--cases", str(cases)], env=env)
    assert outcome.exit_code == 0, outcome.output
    rows = [line for line in outcome.stdout.splitlines() if "0.45" in line or "0.95" in line]
    assert rows[0].strip("│ ").startswith("0.45"), rows
    assert "Held-out check" in outcome.stdout


def test_only_decision_settings_can_be_tuned(tmp_path: Path) -> None:
    grid = tmp_path / "grid.yaml"
    grid.write_text("embedding_model: [a, b]\n")
    with pytest.raises(EvalFileError, match="cannot tune"):
        load_grid(grid)


def test_halves_are_a_fixed_split_of_all_cases() -> None:
    cases = [Case(id=f"c{i}", kind="out_of_scope", question="q") for i in range(20)]
    first, second = halves(cases)
    assert sorted(c.id for c in first + second) == sorted(c.id for c in cases)
    assert first and second
    assert halves(cases) == (first, second)


def test_score_penalises_false_alarms() -> None:
    from assistant.evals.summary import summarize

    calm = summarize(
        [result(), result(id="o", kind="out_of_scope", status="out_of_scope", facts_total=0)], k=5
    )
    alarmed = summarize(
        [result(), result(id="o", kind="out_of_scope", status="urgent", facts_total=0)], k=5
    )
    assert score(calm) > score(alarmed)
