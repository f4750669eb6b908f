"""One server: the API under /api/v1, the widget's files, and the Gradio chat UI at /."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response

from assistant.factory import Components, assemble
from assistant.feedback import FeedbackStore
from assistant.pipeline import Assistant
from assistant.server.api import build_router
from assistant.server.limits import BodySizeLimit, OriginGuard, RateLimiter
from assistant.settings import Settings

API_PREFIX = "/api/v1"
_STATIC = {"widget.js": "text/javascript", "widget.css": "text/css"}


def create_app(settings: Settings, parts: Components) -> FastAPI:
    """The whole web surface on loaded components."""
    assistant = assemble(settings, parts)
    feedback = FeedbackStore(settings.feedback_db)
    app = FastAPI(
        title="Lumbar Guide API",
        version="1",
        description="Evidence-grounded answers on low back pain above the buttocks.",
    )
    app.include_router(
        build_router(assistant, parts.index, feedback, RateLimiter(settings.rate_limit_per_minute))
    )
    app.add_exception_handler(RequestValidationError, _malformed)
    for name, media_type in _STATIC.items():
        app.add_api_route(f"/{name}", _static_file(name, media_type), include_in_schema=False)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
        expose_headers=["Retry-After"],
        max_age=600,
    )
    app.add_middleware(OriginGuard, allowed=settings.allowed_origins, prefix=API_PREFIX)
    app.add_middleware(BodySizeLimit, limit=settings.max_request_bytes)
    return _with_chat_ui(app, assistant, feedback)


def _with_chat_ui(app: FastAPI, assistant: Assistant, feedback: FeedbackStore) -> FastAPI:
    import gradio as gr

    from assistant.ui.chat import build_ui, head_html, static_text

    blocks = build_ui(assistant, feedback).queue()
    mounted: FastAPI = gr.mount_gradio_app(
        app, blocks, path="/", css=static_text("chat.css"), head=head_html(), footer_links=["api"]
    )
    return mounted


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
