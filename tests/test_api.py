"""The HTTP API through a real server process on loopback."""

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.slow
ALLOWED = "http://clinic.example"


@pytest.fixture(scope="module")
def feedback_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("feedback") / "feedback.sqlite3"


@pytest.fixture(scope="module")
def api(serve: Any, feedback_db: Path) -> Iterator[httpx.Client]:
    base = serve(
        ASSISTANT_ALLOWED_ORIGINS=ALLOWED,
        ASSISTANT_RATE_LIMIT_PER_MINUTE="1000",
        ASSISTANT_FEEDBACK_DB=str(feedback_db),
    )
    with httpx.Client(base_url=base, timeout=30) as client:
        yield client


def ask(api: httpx.Client, **body: Any) -> httpx.Response:
    return api.post("/api/v1/ask", json=body)


def test_ask_returns_the_result_object(api: httpx.Client) -> None:
    response = ask(api, question="How is sacroiliac joint pain confirmed?")
    assert response.status_code == 200
    answer = response.json()
    assert answer["status"] == "answered"
    assert answer["citations"] and answer["citations"][0]["n"] == 1
    assert answer["disclaimer"] and answer["latency_ms"] > 0
    cited = {c["ref"] for c in answer["citations"]} | {
        r for c in answer["citations"] for r in c["cites"]
    }
    assert {6, 8} <= cited


def test_ask_takes_the_conversation_and_audience(api: httpx.Client) -> None:
    history = [{"role": "user", "content": "I can't feel my bottom when I wipe."}]
    answer = ask(api, question="What exercises help?", history=history, audience="patient").json()
    assert answer["triage"]["flags"][0]["id"] == "saddle-anaesthesia"
    assert answer["triage"]["new"] is False, "a flag from an earlier turn is a reminder"
    assert "Go to an emergency department now" in answer["triage"]["reminder"]
    assert answer["status"] != "urgent" and answer["reply_kind"] != "none"
    assert "not a diagnosis" in answer["disclaimer"]


def events(response: httpx.Response) -> list[tuple[str, Any]]:
    found = []
    for block in response.text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        found.append((lines["event"], json.loads(lines["data"])))
    return found


def test_stream_sends_text_then_citations_then_done(api: httpx.Client) -> None:
    response = api.post("/api/v1/ask/stream", json={"question": "How accurate is the BUAS test?"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    stream = events(response)
    names = [name for name, _ in stream]
    assert names[-2:] == ["citations", "done"] and set(names[:-2]) == {"delta"}
    done = stream[-1][1]
    assert "".join(data["text"] for name, data in stream if name == "delta") == done["answer"]
    assert stream[-2][1]["citations"] == done["citations"]


def test_stream_puts_triage_first(api: httpx.Client) -> None:
    response = api.post("/api/v1/ask/stream", json={"question": "I wet myself and my back hurts"})
    name, triage = events(response)[0]
    assert name == "triage" and triage["urgency"] == "emergency"


def test_sources_list_and_one_card(api: httpx.Client) -> None:
    cards = api.get("/api/v1/sources").json()
    assert [c["ref"] for c in cards] == list(range(1, 11))
    assert all(c["findings"] and c["match_confidence"] in {"high", "medium", "low"} for c in cards)
    card = api.get("/api/v1/sources/5").json()
    assert card["match_confidence"] == "high" and "395" in " ".join(card["findings"])
    assert api.get("/api/v1/sources/99").status_code == 404
    assert api.get("/api/v1/sources/five").status_code == 422


def test_feedback_is_stored_without_ip_or_question(api: httpx.Client, feedback_db: Path) -> None:
    answer_id = ask(api, question="What is cluneal nerve entrapment?").json()["id"]
    response = api.post(
        "/api/v1/feedback", json={"answer_id": answer_id, "rating": "up", "comment": "clear"}
    )
    assert response.status_code == 201
    with sqlite3.connect(feedback_db) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(feedback)")]
        rows = db.execute("SELECT answer_id, rating, comment FROM feedback").fetchall()
    assert columns == ["id", "answer_id", "rating", "comment", "created_at"]
    assert (answer_id, "up", "clear") in rows
    bad = api.post("/api/v1/feedback", json={"answer_id": "x", "rating": "meh"})
    assert bad.status_code == 422 and "answer_id" in bad.json()["detail"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"question": "   "}, "the question is empty"),
        ({"question": "\u200b\u2060"}, "the question is empty"),
        ({"question": "x" * 2001}, "the limit is 2000"),
        ({}, "question: Field required"),
        ({"question": "hi", "colour": "red"}, "colour: Extra inputs are not permitted"),
        ({"question": "hi", "history": [{"role": "doctor", "content": "x"}]}, "history.0.role"),
    ],
)
def test_malformed_or_bad_requests_get_422_with_a_message(
    api: httpx.Client, body: dict[str, Any], message: str
) -> None:
    for path in ("/api/v1/ask", "/api/v1/ask/stream"):
        response = api.post(path, json=body)
        assert response.status_code == 422
        assert message in response.json()["detail"]


def test_a_lone_surrogate_is_a_422_not_a_500(api: httpx.Client) -> None:
    body = b'{"question": "back \\ud800 pain"}'
    for path in ("/api/v1/ask", "/api/v1/ask/stream"):
        response = api.post(path, content=body, headers={"Content-Type": "application/json"})
        assert response.status_code == 422 and "broken character" in response.json()["detail"]


def test_invalid_json_is_a_422(api: httpx.Client) -> None:
    response = api.post(
        "/api/v1/ask", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422 and response.json()["detail"]


def test_oversized_bodies_get_413_declared_or_chunked(api: httpx.Client) -> None:
    big = json.dumps({"question": "x" * 20_000}).encode()
    assert (
        api.post(
            "/api/v1/ask", content=big, headers={"Content-Type": "application/json"}
        ).status_code
        == 413
    )

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(big), 4096):
            yield big[start : start + 4096]

    chunked = api.post(
        "/api/v1/ask", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert chunked.status_code == 413
    assert "Content Too Large" in chunked.text


def test_allowed_origin_gets_cors_headers(api: httpx.Client) -> None:
    preflight = api.options(
        "/api/v1/ask/stream",
        headers={"Origin": ALLOWED, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"},
    )  # fmt: skip
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ALLOWED
    response = api.post(
        "/api/v1/ask", json={"question": "What is an osteochondroma?"}, headers={"Origin": ALLOWED}
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED
    assert "retry-after" in response.headers["access-control-expose-headers"].lower()


def test_other_origins_are_refused(api: httpx.Client) -> None:
    other = {"Origin": "http://elsewhere.example"}
    response = api.post(
        "/api/v1/ask", json={"question": "What is an osteochondroma?"}, headers=other
    )
    assert response.status_code == 403
    assert "access-control-allow-origin" not in response.headers
    preflight = api.options(
        "/api/v1/ask", headers={**other, "Access-Control-Request-Method": "POST"}
    )
    assert preflight.status_code in {400, 403}
    assert "access-control-allow-origin" not in preflight.headers


def test_health_docs_ui_and_widget_are_served(api: httpx.Client) -> None:
    health = api.get("/api/v1/healthz").json()
    assert health["status"] == "ok" and health["index_loaded"] and health["chunks"] > 50
    assert health["embedding_model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert len(health["corpus_version"]) == 16
    assert "/api/v1/ask" in api.get("/openapi.json").json()["paths"]
    assert api.get("/docs").status_code == 200
    assert api.get("/").status_code == 200
    widget = api.get("/widget.js")
    assert widget.status_code == 200 and "javascript" in widget.headers["content-type"]


def test_rate_limit_answers_429_with_retry_after(serve: Any) -> None:
    with httpx.Client(base_url=serve(ASSISTANT_RATE_LIMIT_PER_MINUTE="3"), timeout=30) as client:
        codes = [ask(client, question="What is an osteochondroma?").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = ask(client, question="What is an osteochondroma?")
        assert limited.status_code == 429
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        assert client.get("/api/v1/sources").status_code == 200, "only questions are limited"
