import pytest
from pydantic import ValidationError

from assistant.settings import Settings


def test_environment_variables_use_the_assistant_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_TOP_K", "3")
    monkeypatch.setenv("ASSISTANT_CANDIDATE_K", "4")
    monkeypatch.setenv("ASSISTANT_CHROMA_HOST", "db.internal")
    settings = Settings()
    assert (settings.top_k, settings.candidate_k, settings.chroma_host) == (3, 4, "db.internal")


def test_every_field_is_described() -> None:
    for name, field in Settings.model_fields.items():
        assert field.description, name


@pytest.mark.parametrize(
    "fields",
    [
        {"chunk_overlap": 600, "chunk_size": 600},
        {"top_k": 30, "candidate_k": 10},
        {"answer_max_sentences": 7},
    ],
)
def test_inconsistent_values_are_refused(fields: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        Settings(**fields)


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError):
        Settings(topk=3)  # type: ignore[call-arg]
