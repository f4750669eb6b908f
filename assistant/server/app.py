"""One server: the API under /api/v1, the widget's files, metrics, and the Gradio chat UI at /."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from assistant.errors import AssistantError, IndexUnavailableError
from assistant.factory import Components, load_components
from assistant.feedback import FeedbackBusyError
from assistant.logs import configure_logging
from assistant.metrics import Metrics
from assistant.server.api import build_router
from assistant.server.docs import serve_docs_locally
from assistant.server.limits import (
    BlockedRoutes,
    OriginGuard,
    RateLimit,
    SecurityHeaders,
    rate_limiter,
)
from assistant.server.observe import RequestContext
from assistant.service import QuestionTimeoutError, Service, UnknownAnswerError
from assistant.settings import Settings, load_settings

API_PREFIX = "/api/v1"
_STATIC = {"widget.js": "text/javascript", "widget.css": "text/css"}
_RETRY = {IndexUnavailableError: 5, QuestionTimeoutError: 10, FeedbackBusyError: 2}
log = logging.getLogger(__name__)


def app_from_environment() -> FastAPI:
    """For `uvicorn --factory assistant.server.app:app_from_environment --workers N`: every
    worker loads the settings from the environment and the index they name. A problem (a bad
    setting, no index yet) is one line on stderr and exit status 1 or 2, not a traceback."""
    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        return create_app(settings, load_components(settings))
    except AssistantError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        raise SystemExit(exc.exit_code) from None


def create_app(settings: Settings, parts: Components) -> FastAPI:
    """The whole web surface on loaded components."""
    service = Service.start(settings, parts)
    app = FastAPI(
        title="Lumbar Guide API",
        version="1",
        description="Evidence-grounded answers on low back pain above the buttocks.",
        docs_url=None,
        redoc_url=None,
    )
    serve_docs_locally(app)
    app.include_router(build_router(service))
    app.add_exception_handler(RequestValidationError, _malformed)
    app.add_exception_handler(AssistantError, _refused)
    app.add_api_route("/metrics", _metrics_route(service.metrics), include_in_schema=False)
    for name, media_type in _STATIC.items():
        app.add_api_route(f"/{name}", _static_file(name, media_type), include_in_schema=False)
    _with_chat_ui(app, service)
    return _guarded(app, settings, service.metrics)


def _guarded(app: FastAPI, settings: Settings, metrics: Metrics) -> FastAPI:
    """The same guards for every route (innermost first): rate, CORS, blocked Gradio routes,
    calling site, body size, proxy addresses, headers, then the request id and log line."""
    app.add_middleware(
        RateLimit,
        per_minute=settings.rate_limit_per_minute,
        limiter=rate_limiter(settings.rate_limit_storage),
        prefix=API_PREFIX,
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
        expose_headers=["Retry-After", "X-Request-ID"],
        max_age=600,
    )
    app.add_middleware(BlockedRoutes)
    app.add_middleware(OriginGuard, allowed=settings.allowed_origins, prefix=API_PREFIX)
    app.add_middleware(RequestBodyLimitMiddleware, max_body_size=settings.max_request_bytes)
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies or [])
    app.add_middleware(SecurityHeaders, allowed=settings.allowed_origins)
    app.add_middleware(RequestContext, metrics=metrics)
    return app


def _with_chat_ui(app: FastAPI, service: Service) -> None:
    import gradio as gr

    from assistant.ui.chat import build_ui, head_html, static_text

    blocks = build_ui(service).queue(default_concurrency_limit=service.settings.ui_concurrency)
    gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        css=static_text("chat.css"),
        head=head_html(),
        footer_links=["settings"],
    )


def _metrics_route(metrics: Metrics) -> Callable[[], Response]:
    def serve_metrics() -> Response:
        return Response(metrics.exposition(), media_type="text/plain; version=0.0.4")

    return serve_metrics


def _static_file(name: str, media_type: str) -> Callable[[], Response]:
    body = resources.files("assistant.server").joinpath("static", name).read_bytes()

    def serve() -> Response:
        return Response(body, media_type=media_type, headers={"Cache-Control": "max-age=300"})

    serve.__name__ = f"serve_{name.replace('.', '_')}"
    return serve


async def _malformed(request: Request, exc: Exception) -> JSONResponse:
    """422 with one readable sentence per problem, e.g. "question: Field required"."""
    assert isinstance(exc, RequestValidationError)
    problems = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"] if part != "body") or "body"
        problems.append(f"{where}: {error['msg']}")
    return JSONResponse({"detail": "; ".join(problems)}, status_code=422)


async def _refused(request: Request, exc: Exception) -> JSONResponse:
    """An error with a message for the user: 503 (retry later), 404 (no such answer) or 422,
    as JSON, logged once without a traceback."""
    assert isinstance(exc, AssistantError)
    retry = next((s for kind, s in _RETRY.items() if isinstance(exc, kind)), None)
    code = 503 if retry else 404 if isinstance(exc, UnknownAnswerError) else 422
    log.warning("%s", exc.message, extra={"error": type(exc).__name__, "status": code})
    headers = {"Retry-After": str(retry)} if retry else {}
    return JSONResponse({"detail": exc.message}, status_code=code, headers=headers)
