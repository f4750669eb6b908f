"""Shared fixtures: the real embedding model, real Chroma indexes on temp dirs, the real corpus."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assistant.environment import configure_environment
from assistant.settings import PROJECT_ROOT, Settings

FIXTURE_CORPUS = Path(__file__).parent / "fixtures" / "corpus"
REAL_CORPUS = PROJECT_ROOT / "corpus"


def pytest_configure(config: pytest.Config) -> None:
    """Offline before anything heavy is imported: a hidden download must fail, not succeed."""
    configure_environment(Settings())


SettingsFactory = Callable[..., Settings]


@pytest.fixture
def make_settings(tmp_path: Path) -> SettingsFactory:
    """Settings with the index in a fresh temp dir; keyword arguments override fields."""

    def make(**overrides: Any) -> Settings:
        fields: dict[str, Any] = {"index_dir": tmp_path / "index", "corpus_dir": REAL_CORPUS}
        fields.update(overrides)
        return Settings(**fields)

    return make


@pytest.fixture
def fixture_corpus(tmp_path: Path) -> Path:
    """A writable copy of the small fixture corpus, for tests that break or change it."""
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, target)
    return target


@pytest.fixture
def real_corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the real corpus, for tests that change a card or break a file."""
    target = tmp_path / "corpus"
    shutil.copytree(REAL_CORPUS, target)
    return target


def wait_for_port(port: int, seconds: float = 60) -> None:
    """Until something listens on the loopback port; fails the test after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"nothing listened on port {port} within {seconds} s")


def start_chroma(path: Path, port: int) -> subprocess.Popen[bytes]:
    """A real `chroma run` server process on the loopback port, storing its data in `path`."""
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    process = subprocess.Popen(
        [chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    try:
        wait_for_port(port)
    except BaseException:
        process.kill()
        raise
    return process


@pytest.fixture(scope="session")
def embeddings() -> Any:
    """The real packaged MiniLM model, loaded once per session."""
    from assistant.factory import build_embeddings

    model = build_embeddings(Settings())
    model.load()
    return model


@pytest.fixture(scope="session")
def real_index_settings(tmp_path_factory: pytest.TempPathFactory, embeddings: Any) -> Settings:
    """The real corpus ingested into a session-wide temp index."""
    from assistant.index.ingest import ingest

    settings = Settings(index_dir=tmp_path_factory.mktemp("real") / "index", corpus_dir=REAL_CORPUS)
    ingest(settings, embeddings)
    return settings


@pytest.fixture(scope="session")
def assistant(real_index_settings: Settings, embeddings: Any) -> Any:
    """The assistant over the real corpus, as every surface builds it."""
    from assistant.factory import build_assistant

    return build_assistant(real_index_settings)


@pytest.fixture(scope="session")
def service(
    real_index_settings: Settings, embeddings: Any, tmp_path_factory: pytest.TempPathFactory
) -> Any:
    """What the web surfaces share, over the real corpus, with its own audit and feedback."""
    from assistant.factory import load_components
    from assistant.service import Service

    folder = tmp_path_factory.mktemp("service")
    settings = real_index_settings.model_copy(
        update={"audit_db": folder / "audit.sqlite3", "feedback_db": folder / "fb.sqlite3"}
    )
    return Service.start(settings, load_components(settings, embeddings))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def serve(real_index_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Start `assistant serve` as a real process on loopback; returns its base URL.

    `serve("--workers", "2", ASSISTANT_ALLOWED_ORIGINS="http://127.0.0.1:1234")` passes options
    to the command and settings as environment variables. Each server gets its own data folder
    (feedback, audit; its log in `serve.logs[url]`); all are stopped after the session."""
    import httpx

    processes: list[subprocess.Popen[bytes]] = []

    def start(*args: str, **env: str) -> str:
        port = free_port()
        folder = tmp_path_factory.mktemp("server")
        environment = {
            **os.environ,
            "ASSISTANT_INDEX_DIR": str(real_index_settings.index_dir),
            "ASSISTANT_DATA_DIR": str(folder),
            **env,
        }
        command = [sys.executable, "-m", "assistant", "serve", "--port", str(port), *args]
        log = (folder / "server.log").open("wb")
        start.logs[f"http://127.0.0.1:{port}"] = folder / "server.log"  # type: ignore[attr-defined]
        process = subprocess.Popen(command, env=environment, stdout=log, stderr=log)
        processes.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"server exited: {(folder / 'server.log').read_text()[-2000:]}")
            try:
                if httpx.get(f"{base}/api/v1/healthz", timeout=2).status_code == 200:
                    return base
            except httpx.TransportError:
                time.sleep(0.5)
        pytest.fail("server did not start within 120 s")

    start.logs = {}  # type: ignore[attr-defined]
    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=30)
