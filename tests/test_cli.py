"""The CLI through typer's runner: output, JSON, exit codes and hints."""

import json

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.settings import Settings

runner = CliRunner()


@pytest.fixture
def env(real_index_settings: Settings) -> dict[str, str]:
    return {"ASSISTANT_INDEX_DIR": str(real_index_settings.index_dir)}


def test_ask_prints_the_answer_and_its_citations(env: dict[str, str]) -> None:
    result = runner.invoke(
        app, ["ask", "How accurate is the buttock applied strain test?"], env=env
    )
    assert result.exit_code == 0, result.output
    assert "[1]" in result.output
    assert "Reliability of the Buttock Applied Strain test" in result.output
    assert "match confidence: high" in result.output


def test_ask_json_prints_the_full_result_object(env: dict[str, str]) -> None:
    result = runner.invoke(
        app, ["ask", "How is sacroiliac joint pain confirmed?", "--json"], env=env
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["status"] == "answered"
    assert data["citations"] and data["retrieved"] and data["references"]


@pytest.mark.parametrize("question", ["", "   ", "y" * 2001])
def test_bad_questions_exit_2_with_a_message(env: dict[str, str], question: str) -> None:
    result = runner.invoke(app, ["ask", question], env=env)
    assert result.exit_code == 2
    assert "Error:" in result.stderr and "question" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_missing_index_exits_1_with_the_ingest_hint(tmp_path) -> None:
    result = runner.invoke(
        app, ["ask", "anything"], env={"ASSISTANT_INDEX_DIR": str(tmp_path / "none")}
    )
    assert result.exit_code == 1
    assert "no index at" in result.stderr
    assert "assistant ingest" in result.stderr


def test_invalid_setting_exits_2_naming_the_variable() -> None:
    result = runner.invoke(app, ["ask", "x"], env={"ASSISTANT_TOP_K": "many"})
    assert result.exit_code == 2
    assert "ASSISTANT_TOP_K" in result.stderr


def test_ingest_prints_the_summary_line(tmp_path, fixture_corpus) -> None:
    env = {
        "ASSISTANT_INDEX_DIR": str(tmp_path / "idx"),
        "ASSISTANT_CORPUS_DIR": str(fixture_corpus),
    }
    first = runner.invoke(app, ["ingest"], env=env)
    assert first.exit_code == 0, first.output
    assert "3 documents, 6 chunks: 6 added, 0 kept, 0 updated, 0 removed" in first.stdout
    second = runner.invoke(app, ["ingest"], env=env)
    assert "0 added, 6 kept" in second.stdout


def test_broken_corpus_exits_1_naming_the_file(tmp_path, fixture_corpus) -> None:
    card = fixture_corpus / "sources" / "02-shock-wave.md"
    card.write_text(card.read_text().replace("year: 2018", "year: soon"))
    env = {
        "ASSISTANT_INDEX_DIR": str(tmp_path / "idx"),
        "ASSISTANT_CORPUS_DIR": str(fixture_corpus),
    }
    result = runner.invoke(app, ["ingest"], env=env)
    assert result.exit_code == 1
    assert "02-shock-wave.md" in result.stderr and "field 'year'" in result.stderr


def test_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("ingest", "ask", "serve"):
        assert command in result.output
