"""The README documents what the code does: its two commands and every setting."""

from assistant.settings import PROJECT_ROOT, Settings

README = (PROJECT_ROOT / "README.md").read_text()


def test_readme_starts_with_the_two_commands() -> None:
    head = README[:400]
    assert "make run" in head and "make test" in head


def test_every_setting_is_documented() -> None:
    for name in Settings.model_fields:
        assert f"`ASSISTANT_{name.upper()}`" in README, name


def test_every_cli_command_is_documented() -> None:
    for command in ("assistant ingest", "assistant ask", "assistant serve"):
        assert command in README
