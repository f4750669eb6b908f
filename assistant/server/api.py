"""The routes under /api/v1: each parses its input, calls the service, and shapes the output."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager

import anyio
from fastapi import APIRouter, HTTPException, status
from fastapi.responses import JSONResponse, StreamingResponse

from assistant.corpus.views import SourceView, source_views
from assistant.errors import AssistantError, InvalidQuestionError
from assistant.schema import Answer, AnswerDelta, TriageReport
from assistant.server.models import AskRequest, FeedbackReceipt, FeedbackRequest, Health
from assistant.server.sse import event, events_for
from assistant.service import Service

PREFIX = "/api/v1"
Item = TriageReport | AnswerDelta | Answer


def build_router(service: Service) -> APIRouter:
    router = APIRouter(prefix=PREFIX)
    router.include_router(_question_routes(service))
    router.include_router(_source_routes(service))
    router.include_router(_service_routes(service))
    return router


def _question_routes(service: Service) -> APIRouter:
    router = APIRouter()

    @router.post("/ask", response_model=Answer)
    async def ask(body: AskRequest) -> Answer:
        """Triage, then answer from the corpus: the full result object."""
        assistant = service.assistant()
        with _as_422():
            question = assistant.validate(body.question)
        answer = await service.within_deadline(
            lambda: assistant.ask(question, history=body.history, audience=body.audience)
        )
        return service.finish(answer, "api")

    @router.post(
        "/ask/stream",
        response_class=StreamingResponse,
        responses={200: {"content": {"text/event-stream": {}}}},
    )
    async def ask_stream(body: AskRequest) -> StreamingResponse:
        """The same answer as server-sent events: triage (if urgent), delta..., citations, done.
        A question that times out before its first event gets 503; later, an `error` event."""
        assistant = service.assistant()
        with _as_422():
            question = assistant.validate(body.question)
        deadline = anyio.current_time() + service.settings.request_timeout_s
        items = assistant.stream(question, history=body.history, audience=body.audience)
        first = await service.next_within(items, deadline)
        return StreamingResponse(
            _events(service, first, items, deadline),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    return router


async def _events(
    service: Service, first: Item | None, items: Iterator[Item], deadline: float
) -> AsyncIterator[str]:
    """Each item as its events; a failure once the response has begun is an `error` event."""
    item = first
    try:
        while item is not None:
            if isinstance(item, Answer):
                item = service.finish(item, "stream")
            for text in events_for(item):
                yield text
            item = await service.next_within(items, deadline)
    except AssistantError as exc:
        yield event("error", {"detail": exc.message})
    except Exception as exc:  # the response has begun: report it in the stream
        yield event("error", {"detail": f"the answer failed: {type(exc).__name__}"})


def _source_routes(service: Service) -> APIRouter:
    router = APIRouter()

    def sources() -> dict[int, SourceView]:
        return {view.ref: view for view in source_views(service.live.parts.corpus)}

    @router.get("/sources", response_model=list[SourceView])
    def list_sources() -> list[SourceView]:
        """Every source card: metadata, match confidence and findings."""
        return list(sources().values())

    @router.get("/sources/{ref}", response_model=SourceView)
    def get_source(ref: int) -> SourceView:
        """One source card, by the number the synthesis cites it by."""
        found = sources()
        if ref not in found:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no source card with ref {ref}")
        return found[ref]

    return router


def _service_routes(service: Service) -> APIRouter:
    router = APIRouter()

    @router.post("/feedback", response_model=FeedbackReceipt, status_code=201)
    def add_feedback(body: FeedbackRequest) -> FeedbackReceipt:
        """Thumbs up or down on an answer this server gave, with an optional comment."""
        return FeedbackReceipt(id=service.rate(body.answer_id, body.rating, body.comment))

    @router.get("/healthz", response_model=Health)
    def health() -> Health:
        """Liveness, with the real state: whether the index answers, which corpus version it
        holds and which one is served, its chunk count and embedding model."""
        return _health(service, fresh=True)

    @router.get("/readyz", response_model=Health, responses={503: {"model": Health}})
    def ready() -> JSONResponse:
        """200 when questions can be answered; 503 while the index is missing, stale,
        unreachable or being rebuilt (a load balancer's readiness probe)."""
        report = _health(service, fresh=True)
        code = status.HTTP_200_OK if report.index_loaded else status.HTTP_503_SERVICE_UNAVAILABLE
        headers = {} if report.index_loaded else {"Retry-After": "5"}
        return JSONResponse(report.model_dump(), status_code=code, headers=headers)

    return router


def _health(service: Service, *, fresh: bool) -> Health:
    readiness = service.live.readiness(fresh=fresh)
    info = readiness.index
    return Health(
        status="ok" if readiness.ready else "degraded",
        state=readiness.state,
        detail=readiness.detail,
        index_loaded=readiness.ready,
        chunks=info.chunks if info else 0,
        corpus_version=info.corpus_version if info else "",
        served_version=readiness.served_version or "",
        embedding_model=info.embedding_model if info else service.settings.embedding_model,
    )


@contextmanager
def _as_422() -> Iterator[None]:
    """A bad question becomes 422 with its message."""
    try:
        yield
    except InvalidQuestionError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, exc.message) from exc
