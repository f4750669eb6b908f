"""Swagger UI and ReDoc from files a package ships, so the API docs work with no network.

FastAPI's own /docs and /redoc load their scripts from a CDN: build the app with
`docs_url=None, redoc_url=None` and call `serve_docs_locally` before mounting anything at "/".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_URL = "/docs"
REDOC_URL = "/redoc"
ASSETS_URL = "/docs/assets"

Page = Callable[[Request], Awaitable[HTMLResponse]]


def serve_docs_locally(app: FastAPI) -> None:
    """Add /docs, /redoc and the assets they load (from fastapi-offline's static folder)."""
    if app.openapi_url is None:
        raise ValueError("the docs pages show the OpenAPI schema: keep the app's openapi_url")
    assets = StaticFiles(packages=[("fastapi_offline", "static")])
    app.mount(ASSETS_URL, assets, name="docs-assets")
    app.add_api_route(DOCS_URL, _swagger_ui(app, app.openapi_url), include_in_schema=False)
    app.add_api_route(REDOC_URL, _redoc(app, app.openapi_url), include_in_schema=False)


def _swagger_ui(app: FastAPI, openapi_url: str) -> Page:
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = _root_path(request)
        return get_swagger_ui_html(
            openapi_url=root + openapi_url,
            title=f"{app.title} - Swagger UI",
            swagger_js_url=f"{root}{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
            swagger_ui_parameters=app.swagger_ui_parameters,
        )

    return swagger_ui


def _redoc(app: FastAPI, openapi_url: str) -> Page:
    async def redoc(request: Request) -> HTMLResponse:
        root = _root_path(request)
        return get_redoc_html(
            openapi_url=root + openapi_url,
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{root}{ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
            with_google_fonts=False,
        )

    return redoc


def _root_path(request: Request) -> str:
    """The prefix a reverse proxy serves the app under, so links work behind it too."""
    return str(request.scope.get("root_path", "")).rstrip("/")
