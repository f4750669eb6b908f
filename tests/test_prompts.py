from pathlib import Path

import pytest

from assistant.errors import PromptError
from assistant.prompts import Prompts
from assistant.settings import PROJECT_ROOT

PROMPTS = Prompts(PROJECT_ROOT / "prompts")


def test_every_prompt_renders_with_its_variables() -> None:
    assert PROMPTS.names
    for name in PROMPTS.names:
        values = {v: f"<{v}>" for v in PROMPTS.variables(name)}
        rendered = PROMPTS.render(name, **values)
        assert rendered and "$" not in rendered
        assert all(value in rendered for value in values.values())


def test_missing_variable_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "greet.txt").write_text("Hello $name")
    with pytest.raises(PromptError, match=r"needs \['name'\]"):
        Prompts(tmp_path).render("greet")


def test_unknown_variable_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("No variables.")
    with pytest.raises(PromptError):
        Prompts(tmp_path).render("plain", extra="x")


def test_missing_prompt_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PromptError, match="not found"):
        Prompts(tmp_path).render("absent")


def test_fixed_phrases_are_defined_once_in_prompts() -> None:
    """The refusal, urgent and disclaimer wording lives in prompts/, never in code."""
    phrases = ["does not answer that question", "only covers low back pain", "URGENT.",
               "not a diagnosis", "emergency department now"]  # fmt: skip
    for source in (PROJECT_ROOT / "assistant").rglob("*.py"):
        text = source.read_text()
        for phrase in phrases:
            assert phrase not in text, (phrase, source)
