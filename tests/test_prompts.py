from pathlib import Path

import pytest

from assistant.errors import PromptError
from assistant.prompts import render
from assistant.settings import PROJECT_ROOT

PROMPTS = PROJECT_ROOT / "prompts"


def test_every_prompt_renders_with_its_variables() -> None:
    for path in sorted(PROMPTS.glob("*.txt")):
        text = path.read_text()
        names = {part.split("}")[0] for part in text.split("${")[1:]}
        assert render(PROMPTS, path.stem, **{n: f"<{n}>" for n in names})


def test_missing_variable_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "greet.txt").write_text("Hello $name")
    with pytest.raises(PromptError, match=r"needs \['name'\]"):
        render(tmp_path, "greet")


def test_unknown_variable_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("No variables.")
    with pytest.raises(PromptError):
        render(tmp_path, "plain", extra="x")


def test_missing_prompt_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PromptError, match="cannot be read"):
        render(tmp_path, "absent")


def test_insufficient_evidence_phrase_is_defined_once_in_prompts() -> None:
    phrase = render(PROMPTS, "insufficient_evidence")
    assert "does not answer" in phrase
    for source in (PROJECT_ROOT / "assistant").rglob("*.py"):
        assert "does not answer that question" not in source.read_text(), source
