"""One guard for every route that answers, headers, ids, metrics and the audit trail, through
real server processes on loopback."""

import re
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import free_port, wait_for_port

pytestmark = pytest.mark.slow
REDIS = "/usr/bin/redis-server"
ALLOWED = "http://clinic.example"
QUESTION = {"question": "What is an osteochondroma?"}


@pytest.fixture(scope="module")
def api(serve: Any) -> Iterator[httpx.Client]:
    base = serve(ASSISTANT_ALLOWED_ORIGINS=ALLOWED, ASSISTANT_RATE_LIMIT_PER_MINUTE="1000")
    with httpx.Client(base_url=base, timeout=30) as client:
        yield client


def test_gradio_upload_and_its_own_api_are_closed(api: httpx.Client) -> None:
    assert api.post("/gradio_api/upload", files={"files": ("x.txt", b"hello")}).status_code == 404
    call = api.post("/gradio_api/call/ask", json={"data": ["What is an osteochondroma?"]})
    assert call.status_code == 404
    assert api.post("/gradio_api/api/ask", json={"data": []}).status_code == 404


def test_the_chat_ui_routes_refuse_other_sites(api: httpx.Client) -> None:
    other = {"Origin": "http://elsewhere.example"}
    join = api.post("/gradio_api/queue/join", json={"data": [], "fn_index": 0}, headers=other)
    assert join.status_code == 403
    allowed = api.post("/gradio_api/queue/join", json={"fn_index": 0}, headers={"Origin": ALLOWED})
    assert allowed.status_code == 403, "the widget's sites may use the API, not the chat's queue"


def test_every_response_carries_security_headers_and_a_request_id(api: httpx.Client) -> None:
    for response in (
        api.get("/"),
        api.get("/widget.js"),
        api.post("/api/v1/ask", json=QUESTION),
        api.get("/api/v1/nowhere"),
    ):
        policy = response.headers["content-security-policy"]
        assert f"frame-ancestors 'self' {ALLOWED}" in policy and "img-src 'self' data:" in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"])
    echoed = api.get("/api/v1/healthz", headers={"X-Request-ID": "lb-1234"})
    assert echoed.headers["x-request-id"] == "lb-1234"
    hostile = api.get("/api/v1/healthz", headers={"X-Request-ID": "a b<script>" * 40})
    assert re.fullmatch(r"[0-9a-f]{32}", hostile.headers["x-request-id"])


def test_control_characters_are_refused(api: httpx.Client) -> None:
    for path in ("/api/v1/ask", "/api/v1/ask/stream"):
        response = api.post(path, json={"question": "back pain\u0000\u001b[31m"})
        assert response.status_code == 422 and "control character" in response.json()["detail"]


def test_feedback_only_for_answers_this_server_gave(api: httpx.Client) -> None:
    never = api.post("/api/v1/feedback", json={"answer_id": "0" * 32, "rating": "up"})
    assert never.status_code == 404 and "no answer" in never.json()["detail"]
    given = api.post("/api/v1/ask", json=QUESTION).json()["id"]
    assert (
        api.post("/api/v1/feedback", json={"answer_id": given, "rating": "down"}).status_code == 201
    )


def test_metrics_count_requests_answers_and_flags(api: httpx.Client) -> None:
    api.post("/api/v1/ask", json={"question": "I wet myself and my back hurts"})
    text = api.get("/metrics").text
    assert re.search(r'lumbar_guide_answers_total\{status="\w+",surface="api"\} [1-9]', text)
    assert re.search(r'lumbar_guide_red_flags_total\{family="cauda_equina"\} [1-9]', text)
    assert 'lumbar_guide_http_request_seconds_bucket{le="0.25",route="/ask"}' in text
    assert "lumbar_guide_composer_fallbacks_total 0.0" in text


def test_logs_are_json_lines_without_the_question(serve: Any) -> None:
    base = serve()
    secret = "my very private question about my sacroiliac joint"
    with httpx.Client(base_url=base, timeout=30) as client:
        rid = client.post("/api/v1/ask", json={"question": secret}).headers["x-request-id"]

    def lines() -> list[str]:
        return [line for line in serve.logs[base].read_text().splitlines() if rid in line]

    deadline = time.monotonic() + 10  # the access line is written once the response has gone
    while len(lines()) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert any('"message": "answered"' in line and '"answer_status"' in line for line in lines())
    assert any('"route": "/ask"' in line and '"status": 200' in line for line in lines())
    assert secret not in serve.logs[base].read_text()
    assert f"Serving on {base}: chat UI at /" in serve.logs[base].read_text()


def test_audit_records_what_was_shown(serve: Any) -> None:
    base = serve()
    with httpx.Client(base_url=base, timeout=30) as client:
        answer = client.post("/api/v1/ask", json=QUESTION).json()
    audit = serve.logs[base].parent / "audit.sqlite3"
    deadline = time.monotonic() + 10
    row = None
    while row is None and time.monotonic() < deadline:
        with sqlite3.connect(audit) as db:
            row = db.execute(
                "SELECT corpus_version, status, cited_refs, surface FROM answers WHERE answer_id=?",
                (answer["id"],),
            ).fetchone()
        time.sleep(0.1)
    assert row == (
        answer["corpus_version"],
        "answered",
        ",".join(sorted({str(c["ref"]) for c in answer["citations"]})),
        "api",
    )


def test_one_allowance_across_the_api_and_the_chat_ui(serve: Any) -> None:
    with httpx.Client(base_url=serve(ASSISTANT_RATE_LIMIT_PER_MINUTE="2"), timeout=30) as client:
        assert [client.post("/api/v1/ask", json=QUESTION).status_code for _ in range(2)] == [
            200,
            200,
        ]
        join = client.post("/gradio_api/queue/join", json={"data": [], "fn_index": 0})
        assert join.status_code == 429 and int(join.headers["retry-after"]) >= 1
        feedback = {"answer_id": "0" * 32, "rating": "up"}
        assert client.post("/api/v1/feedback", json=feedback).status_code == 404, (
            "feedback has its own, larger allowance"
        )


def test_forwarded_for_is_believed_only_from_trusted_proxies(serve: Any) -> None:
    def statuses(base: str) -> list[int]:
        with httpx.Client(base_url=base, timeout=30) as client:
            return [
                client.post(
                    "/api/v1/ask", json=QUESTION, headers={"X-Forwarded-For": f"203.0.113.{n}"}
                ).status_code
                for n in range(3)
            ]

    assert statuses(serve(ASSISTANT_RATE_LIMIT_PER_MINUTE="1")) == [200, 429, 429], (
        "a spoofed address from an untrusted peer gets no allowance of its own"
    )
    trusted = serve(ASSISTANT_RATE_LIMIT_PER_MINUTE="1", ASSISTANT_TRUSTED_PROXIES="127.0.0.1")
    assert statuses(trusted) == [200, 200, 200], "behind a trusted proxy, each client counts"


def test_a_request_past_the_time_limit_is_a_503(serve: Any) -> None:
    base = serve(ASSISTANT_REQUEST_TIMEOUT_S="0.001")
    with httpx.Client(base_url=base, timeout=30) as client:
        for path in ("/api/v1/ask", "/api/v1/ask/stream"):
            response = client.post(path, json=QUESTION)
            assert response.status_code == 503
            assert "took longer than 0.001 s" in response.json()["detail"]
            assert response.headers["retry-after"] == "10"


def test_a_hostile_question_costs_seconds_not_minutes(api: httpx.Client) -> None:
    from assistant.safety.spelling import english

    words = english()
    rare = sorted(w for w in words.words if len(w) > 6 and words.frequency(w) <= 50)[::97][:300]
    question = ("How is sacroiliac joint pain confirmed with " + " ".join(rare))[:1999]
    started = time.monotonic()
    response = api.post("/api/v1/ask", json={"question": question})
    assert response.status_code == 200
    assert time.monotonic() - started < 5


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )
    wait_for_port(port, 20)
    yield f"redis://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def test_workers_share_one_allowance_through_redis(serve: Any, redis_url: str) -> None:
    base = serve(
        "--workers",
        "2",
        ASSISTANT_RATE_LIMIT_PER_MINUTE="2",
        ASSISTANT_RATE_LIMIT_STORAGE=redis_url,
    )
    time.sleep(20)  # both workers have loaded the index
    codes = [
        httpx.post(f"{base}/api/v1/ask", json=QUESTION, timeout=60).status_code for _ in range(6)
    ]
    assert codes == [200, 200, 429, 429, 429, 429], "new connections reach either worker"


@pytest.mark.parametrize(
    ("env", "code", "message"),
    [
        ({"ASSISTANT_TOP_K": "many"}, 2, "ASSISTANT_TOP_K: Input should be a valid integer"),
        ({"ASSISTANT_INDEX_DIR": "/nonexistent/index"}, 1, "no index at /nonexistent/index"),
    ],
)
def test_the_uvicorn_factory_fails_with_one_clear_line(
    env: dict[str, str], code: int, message: str, tmp_path: Any
) -> None:
    import os
    import sys

    command = [sys.executable, "-m", "uvicorn", "--factory"]
    command += ["assistant.server.app:app_from_environment", "--port", str(free_port())]
    result = subprocess.run(
        command,
        env={**os.environ, **env},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == code
    assert message in result.stderr and "Traceback" not in result.stderr
