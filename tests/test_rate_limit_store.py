"""The rate limit's shared store: a Redis that cannot be reached lets questions through (with a
log line) rather than refusing everyone; an unusable storage setting stops start-up clearly."""

import logging

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from assistant.errors import AssistantError
from assistant.server.limits import RateLimit, rate_limiter
from tests.conftest import free_port


def answered(_: object) -> PlainTextResponse:
    return PlainTextResponse("answered")


def test_an_unreachable_shared_store_fails_open(caplog: pytest.LogCaptureFixture) -> None:
    inner = Starlette(routes=[Route("/api/v1/ask", answered, methods=["POST"])])
    limiter = rate_limiter(f"redis://127.0.0.1:{free_port()}")
    app = RateLimit(inner, per_minute=1, limiter=limiter, prefix="/api/v1")
    with caplog.at_level(logging.WARNING), TestClient(app) as client:
        codes = [client.post("/api/v1/ask").status_code for _ in range(3)]
    assert codes == [200, 200, 200]
    assert "rate-limit store unavailable" in caplog.text


def test_an_unusable_storage_setting_is_a_clear_error() -> None:
    with pytest.raises(AssistantError, match="ASSISTANT_RATE_LIMIT_STORAGE='nowhere://x'"):
        rate_limiter("nowhere://x")
