"""/docs and /redoc load every script, style and icon from the app itself, never from a CDN."""

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.server.docs import serve_docs_locally

LINK = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")
KINDS = {".js": "javascript", ".css": "text/css", ".png": "image/png"}


def _app() -> FastAPI:
    app = FastAPI(title="Docs test", docs_url=None, redoc_url=None)

    @app.get("/ping")
    def ping() -> dict[str, str]:
        return {"pong": "yes"}

    serve_docs_locally(app)
    return app


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_load_only_local_assets(page: str) -> None:
    client = TestClient(_app())
    response = client.get(page)
    assert response.status_code == 200
    links = LINK.findall(response.text)
    assert any(link.endswith(".js") for link in links), links
    assert "cdn." not in response.text and "googleapis" not in response.text
    for link in links:
        assert link.startswith("/docs/assets/"), link
        asset = client.get(link)
        assert asset.status_code == 200 and len(asset.content) > 1000, link
        kind = next(value for suffix, value in KINDS.items() if link.endswith(suffix))
        assert kind in asset.headers["content-type"], link
    assert "/openapi.json" in response.text
    assert "/ping" in client.get("/openapi.json").json()["paths"]


def test_links_carry_the_proxy_prefix() -> None:
    client = TestClient(_app(), root_path="/guide")
    links = LINK.findall(client.get("/docs").text)
    assert links and all(link.startswith("/guide/docs/assets/") for link in links)


def test_an_app_without_a_schema_is_refused() -> None:
    with pytest.raises(ValueError, match="openapi_url"):
        serve_docs_locally(FastAPI(openapi_url=None))
