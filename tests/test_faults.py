"""Faults an operator will meet, against real processes: the Chroma server going down and
coming back, a re-ingest while serving, two ingests at once, a locked feedback database, a
damaged index folder and a broken synonyms file."""

import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from filelock import FileLock
from typer.testing import CliRunner

from assistant.cli import app
from assistant.index.ingest import ingest
from assistant.settings import Settings
from tests.conftest import REAL_CORPUS, free_port, start_chroma

pytestmark = pytest.mark.slow
QUESTION = {"question": "What is an osteochondroma?"}


def wait_until(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    pytest.fail(f"{what} did not happen within {seconds} s")


def test_a_chroma_outage_is_a_503_and_recovers_without_restart(
    serve: Any, tmp_path: Path, embeddings: Any
) -> None:
    port = free_port()
    chroma = start_chroma(tmp_path / "chroma", port)
    try:
        settings = Settings(chroma_host="127.0.0.1", chroma_port=port, corpus_dir=REAL_CORPUS)
        ingest(settings, embeddings)
        base = serve(ASSISTANT_CHROMA_HOST="127.0.0.1", ASSISTANT_CHROMA_PORT=str(port))
        client = httpx.Client(base_url=base, timeout=30)
        assert client.post("/api/v1/ask", json=QUESTION).status_code == 200
        chroma.terminate()
        chroma.wait(timeout=20)
        log_before = serve.logs[base].read_text().count("\n")
        down = client.post("/api/v1/ask", json=QUESTION)
        assert down.status_code == 503 and down.headers["retry-after"] == "5"
        assert "cannot read the index" in down.json()["detail"]
        health = client.get("/api/v1/healthz").json()
        assert health["status"] == "degraded" and health["state"] == "unreachable"
        assert client.get("/api/v1/readyz").status_code == 503
        new_lines = serve.logs[base].read_text().splitlines()[log_before:]
        assert all(line.startswith("{") for line in new_lines), "JSON lines, no traceback"
        assert len([line for line in new_lines if '"level": "warning"' in line]) <= 3
        chroma = start_chroma(tmp_path / "chroma", port)
        wait_until(
            lambda: client.post("/api/v1/ask", json=QUESTION).status_code == 200,
            30,
            "answering again once Chroma is back",
        )
        assert client.get("/api/v1/readyz").status_code == 200
        client.close()
    finally:
        chroma.terminate()
        chroma.wait(timeout=20)


def test_a_reingest_while_serving_is_picked_up_without_restart(
    serve: Any, tmp_path: Path, real_corpus_copy: Path, embeddings: Any
) -> None:
    settings = Settings(index_dir=tmp_path / "index", corpus_dir=real_corpus_copy)
    ingest(settings, embeddings)
    base = serve(
        ASSISTANT_INDEX_DIR=str(settings.index_dir),
        ASSISTANT_CORPUS_DIR=str(real_corpus_copy),
        ASSISTANT_RELOAD_CHECK_S="0.2",
    )
    client = httpx.Client(base_url=base, timeout=30)
    before = client.get("/api/v1/healthz").json()
    card = next((real_corpus_copy / "sources").glob("03-*.md"))
    card.write_text(
        card.read_text() + "\nOsteochondroma removal is also described in a clinic protocol.\n"
    )
    report = ingest(settings, embeddings)
    assert report.sync.updated + report.sync.added >= 1

    def served_new() -> bool:
        health = client.get("/api/v1/healthz").json()
        return health["served_version"] == health["corpus_version"] != before["corpus_version"]

    wait_until(served_new, 90, "the server reloading the new corpus version")
    answer = client.post("/api/v1/ask", json=QUESTION).json()
    assert answer["corpus_version"] == client.get("/api/v1/healthz").json()["corpus_version"]
    assert client.get("/api/v1/readyz").status_code == 200
    client.close()


def test_two_ingests_never_run_at_once(tmp_path: Path) -> None:
    index = tmp_path / "index"
    env = {"ASSISTANT_INDEX_DIR": str(index), "ASSISTANT_CORPUS_DIR": str(REAL_CORPUS)}
    with FileLock(tmp_path / "index.ingest.lock", timeout=0):
        result = CliRunner().invoke(app, ["ingest"], env=env)
    assert result.exit_code == 1
    assert "another ingest is running" in result.stderr and "this is a bug" not in result.stderr


@pytest.fixture
def locked(serve: Any) -> Iterator[tuple[httpx.Client, sqlite3.Connection]]:
    base = serve()
    folder = serve.logs[base].parent
    client = httpx.Client(base_url=base, timeout=60)
    client.post("/api/v1/ask", json=QUESTION)  # the databases exist
    holders = []
    for name in ("feedback.sqlite3", "audit.sqlite3"):
        db = sqlite3.connect(folder / name, isolation_level=None)
        db.execute("BEGIN EXCLUSIVE")
        holders.append(db)
    yield client, holders[0]
    for db in holders:
        db.rollback()
        db.close()
    client.close()


def test_locked_stores_never_stall_questions(locked: tuple[httpx.Client, Any]) -> None:
    client, _ = locked
    started = time.monotonic()
    answers = [client.post("/api/v1/ask", json=QUESTION) for _ in range(3)]
    assert all(a.status_code == 200 for a in answers)
    assert time.monotonic() - started < 5, "no question waits on a locked store"
    rating = {"answer_id": answers[0].json()["id"], "rating": "up"}
    started = time.monotonic()
    busy = client.post("/api/v1/feedback", json=rating)
    assert busy.status_code in {404, 503} and time.monotonic() - started < 15
    assert "Traceback" not in busy.text


def test_a_damaged_index_folder_is_a_clear_error(tmp_path: Path, embeddings: Any) -> None:
    settings = Settings(index_dir=tmp_path / "index", corpus_dir=REAL_CORPUS)
    ingest(settings, embeddings)
    (settings.index_dir / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    env = {"ASSISTANT_INDEX_DIR": str(settings.index_dir), "ASSISTANT_CORPUS_DIR": str(REAL_CORPUS)}
    result = CliRunner().invoke(app, ["ask", "What is an osteochondroma?"], env=env)
    assert result.exit_code == 1
    assert str(settings.index_dir) in result.stderr and "--rebuild" in result.stderr
    assert "this is a bug" not in result.stderr and "Traceback" not in result.stderr


def test_a_broken_synonyms_file_is_a_clear_error(real_corpus_copy: Path, tmp_path: Path) -> None:
    (real_corpus_copy / "synonyms.yaml").write_text("anatomy: [unclosed\n  - : :")
    env = {
        "ASSISTANT_INDEX_DIR": str(tmp_path / "index"),
        "ASSISTANT_CORPUS_DIR": str(real_corpus_copy),
    }
    result = CliRunner().invoke(app, ["ingest"], env=env)
    assert result.exit_code == 1
    assert "synonyms.yaml" in result.stderr
    assert "this is a bug" not in result.stderr and "Traceback" not in result.stderr
