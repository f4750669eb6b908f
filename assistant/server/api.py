"""The routes under /api/v1: each parses its input, calls the core, and shapes the output."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import StreamingResponse

from assistant.corpus.views import SourceView, source_views
from assistant.errors import InvalidQuestionError
from assistant.feedback import FeedbackStore
from assistant.index.store import IndexInfo
from assistant.pipeline import Assistant
from assistant.schema import Answer
from assistant.server.limits import RateLimiter
from assistant.server.models import AskRequest, FeedbackReceipt, FeedbackRequest, Health
from assistant.server.sse import answer_events, event

PREFIX = "/api/v1"


def build_router(
    assistant: Assistant, index: IndexInfo, feedback: FeedbackStore, limiter: RateLimiter
) -> APIRouter:
    router = APIRouter(prefix=PREFIX)
    router.include_router(_question_routes(assistant, limiter))
    router.include_router(_source_routes(assistant))
    router.include_router(_service_routes(index, feedback))
    return router


def _question_routes(assistant: Assistant, limiter: RateLimiter) -> APIRouter:
    router = APIRouter(dependencies=[Depends(_rate_limited(limiter))])

    @router.post("/ask", response_model=Answer)
    def ask(body: AskRequest) -> Answer:
        """Triage, then answer from the corpus: the full result object."""
        with _as_422():
            return assistant.ask(body.question, history=body.history, audience=body.audience)

    @router.post(
        "/ask/stream",
        response_class=StreamingResponse,
        responses={200: {"content": {"text/event-stream": {}}}},
    )
    def ask_stream(body: AskRequest) -> StreamingResponse:
        """The same answer as server-sent events: triage (if urgent), delta..., citations, done."""
        with _as_422():
            question = assistant.validate(body.question)
        stream = assistant.stream(question, history=body.history, audience=body.audience)
        return StreamingResponse(
            _guarded(answer_events(stream)),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    return router


def _source_routes(assistant: Assistant) -> APIRouter:
    router = APIRouter()
    sources = {view.ref: view for view in source_views(assistant.corpus)}

    @router.get("/sources", response_model=list[SourceView])
    def list_sources() -> list[SourceView]:
        """Every source card: metadata, match confidence and findings."""
        return list(sources.values())

    @router.get("/sources/{ref}", response_model=SourceView)
    def get_source(ref: int) -> SourceView:
        """One source card, by the number the synthesis cites it by."""
        if ref not in sources:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no source card with ref {ref}")
        return sources[ref]

    return router


def _service_routes(index: IndexInfo, feedback: FeedbackStore) -> APIRouter:
    router = APIRouter()

    @router.post("/feedback", response_model=FeedbackReceipt, status_code=201)
    def add_feedback(body: FeedbackRequest) -> FeedbackReceipt:
        """Thumbs up or down on an answer, with an optional comment."""
        return FeedbackReceipt(id=feedback.add(body.answer_id, body.rating, body.comment))

    @router.get("/healthz", response_model=Health)
    def health() -> Health:
        """Whether the index is loaded, and which corpus version and model it holds."""
        return Health(
            status="ok",
            index_loaded=True,
            chunks=index.chunks,
            corpus_version=index.corpus_version,
            embedding_model=index.embedding_model,
        )

    return router


def _rate_limited(limiter: RateLimiter) -> Callable[[Request], None]:
    def check(request: Request) -> None:
        wait = limiter.wait_time(request.client.host if request.client else "unknown")
        if wait:
            raise HTTPException(
                status.HTTP_429_TOO_MANY_REQUESTS,
                detail="too many questions; wait a minute and try again",
                headers={"Retry-After": str(int(wait) + 1)},
            )

    return check


@contextmanager
def _as_422() -> Iterator[None]:
    """A bad question becomes 422 with its message."""
    try:
        yield
    except InvalidQuestionError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, exc.message) from exc


def _guarded(events: Iterator[str]) -> Iterator[str]:
    """An error after the stream has started becomes an `error` event, not a broken stream."""
    try:
        yield from events
    except Exception as exc:  # the response has begun: report it in the stream
        yield event("error", {"detail": f"the answer failed: {type(exc).__name__}"})
