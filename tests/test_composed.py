"""Composed answers through LangChain: a scripted chat model stands in for a hosted one (the
real local server is exercised in test_llm_server.py); the real OpenAI client against a port
nobody listens on shows a failing server is not an outage."""

from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from pydantic import SecretStr

from assistant.factory import assemble, load_components
from assistant.schema import Answer, AnswerDelta
from assistant.settings import Settings
from tests.conftest import free_port

QUESTION = "What treatments help sacroiliac joint pain?"


@pytest.fixture(scope="module")
def parts(real_index_settings: Settings) -> Any:
    return load_components(real_index_settings)


def _assistant(settings: Settings, parts: Any, *replies: str) -> Any:
    model = GenericFakeChatModel(messages=iter([AIMessage(content=r) for r in replies]))
    return assemble(settings, parts, chat=model)


def _cited_quotes(answer: Answer) -> list[str]:
    return [c.quote for c in answer.citations]


def test_supported_sentences_are_shown_and_the_invented_one_is_removed(
    real_index_settings: Settings, parts: Any
) -> None:
    extractive = assemble(real_index_settings, parts).ask(QUESTION)
    quotes = _cited_quotes(extractive)
    first = next(i for i, q in enumerate(quotes, start=1) if "usually succeeds" in q)
    reply = (
        f"Conservative treatment with mobilisation, anti-inflammatory medication and belts "
        f"usually succeeds [{first}]. Take 400 mg of ibuprofen three times a day [{first}]. "
        f"Acupuncture cures it [9]."
    )
    answer = _assistant(real_index_settings, parts, reply).ask(QUESTION)
    assert answer.composer == "llm" and answer.status == "answered"
    assert answer.answer.startswith("Conservative treatment with mobilisation")
    assert answer.answer.endswith("[1]") and "ibuprofen" not in answer.answer
    assert [c.n for c in answer.citations] == [1] and "usually succeeds" in answer.citations[
        0
    ].quote
    verdicts = {s.sentence.split()[0]: s for s in answer.support}
    assert verdicts["Conservative"].supported and verdicts["Conservative"].score >= 0.6
    assert not verdicts["Take"].supported and any("400" in r for r in verdicts["Take"].reasons)
    assert verdicts["Acupuncture"].reasons == ["cites a passage it was not given"]


def test_streaming_shows_only_checked_sentences(real_index_settings: Settings, parts: Any) -> None:
    reply = "Surgical fusion should be a last resort [2]. The moon is made of cheese [1]."
    events = list(_assistant(real_index_settings, parts, reply).stream(QUESTION))
    shown = "".join(e.text for e in events if isinstance(e, AnswerDelta))
    final = events[-1]
    assert isinstance(final, Answer)
    assert "cheese" not in shown and shown == final.answer


@pytest.mark.parametrize(
    "reply", ["The passages do not answer this question.", "Acupuncture cures it [7]."]
)
def test_the_extractive_answer_stands_when_nothing_composed_passes(
    real_index_settings: Settings, parts: Any, reply: str
) -> None:
    answer = _assistant(real_index_settings, parts, reply).ask(QUESTION)
    assert answer.composer == "llm_fallback" and answer.status == "answered"
    assert answer.composer_note
    assert answer.answer == assemble(real_index_settings, parts).ask(QUESTION).answer


def test_a_server_that_is_down_is_not_an_outage(real_index_settings: Settings, parts: Any) -> None:
    settings = real_index_settings.model_copy(
        update={"llm": "openai", "llm_base_url": f"http://127.0.0.1:{free_port()}/v1",
                "llm_timeout_s": 3.0, "llm_api_key": SecretStr("sk-test-key")}
    )  # fmt: skip
    answer = assemble(settings, parts).ask(QUESTION)
    assert answer.composer == "llm_fallback" and answer.status == "answered"
    assert "failed" in str(answer.composer_note) and answer.citations
    assert "sk-test-key" not in answer.model_dump_json()


def test_the_api_key_is_never_shown() -> None:
    settings = Settings(llm_api_key="sk-secret-123")  # type: ignore[arg-type]
    assert "sk-secret-123" not in repr(settings) and "sk-secret-123" not in str(settings)
