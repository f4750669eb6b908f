"""The same index and answers through a real Chroma server process on loopback."""

from collections.abc import Iterator

import pytest

from assistant.factory import build_assistant
from assistant.index.ingest import ingest
from assistant.settings import Settings
from tests.conftest import REAL_CORPUS, free_port, start_chroma


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    port = free_port()
    process = start_chroma(tmp_path_factory.mktemp("chroma-server"), port)
    yield port
    process.terminate()
    process.wait(timeout=20)


def test_ingest_and_ask_through_a_chroma_server(chroma_server: int, embeddings) -> None:
    settings = Settings(chroma_host="127.0.0.1", chroma_port=chroma_server, corpus_dir=REAL_CORPUS)
    first = ingest(settings, embeddings)
    assert first.sync.added == first.chunks
    assert first.location == f"chroma://127.0.0.1:{chroma_server}"
    assert ingest(settings, embeddings).sync.added == 0
    answer = build_assistant(settings).ask("How accurate is the buttock applied strain test?")
    assert answer.status == "answered"
    assert answer.citations[0].ref == 5


def test_an_unreachable_server_is_a_clear_error() -> None:
    from typer.testing import CliRunner

    from assistant.cli import app

    env = {"ASSISTANT_CHROMA_HOST": "127.0.0.1", "ASSISTANT_CHROMA_PORT": str(free_port())}
    result = CliRunner().invoke(app, ["ask", "anything"], env=env)
    assert result.exit_code == 1
    assert "cannot reach the Chroma server" in result.stderr
