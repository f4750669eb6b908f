"""The same index and answers through a real Chroma server process on loopback."""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.factory import build_assistant
from assistant.index.ingest import ingest
from assistant.settings import Settings
from tests.conftest import REAL_CORPUS


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    process = subprocess.Popen(
        [chroma, "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("chroma server did not start within 60 s")
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

    env = {"ASSISTANT_CHROMA_HOST": "127.0.0.1", "ASSISTANT_CHROMA_PORT": str(_free_port())}
    result = CliRunner().invoke(app, ["ask", "anything"], env=env)
    assert result.exit_code == 1
    assert "cannot reach the Chroma server" in result.stderr
