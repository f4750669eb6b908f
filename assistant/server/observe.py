"""Per request: an id (the caller's X-Request-ID if it is sane, else a new one) on the response
and on every log line, one access log line, and the request metrics."""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.logs import request_id
from assistant.metrics import Metrics
from assistant.server.limits import reply

log = logging.getLogger("assistant.access")
_SANE_ID = re.compile(rb"[A-Za-z0-9._-]{1,64}")
_GRADIO = re.compile(r"^(/gradio_api/[a-z_]+(?:/[a-z_]+)?)")


class RequestContext:
    """The outermost layer: whatever happens inside, the client gets a response with an id,
    and an unexpected error is one log line and a JSON 500 (never a traceback in the body)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self._app = app
        self._metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"")
        rid = given.decode() if _SANE_ID.fullmatch(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500
        sent = False

        async def tagged(message: Message) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status, sent = message["status"], True
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self._app(scope, receive, tagged)
        except Exception:
            log.exception("unhandled error", extra={"route": scope["path"]})
            if not sent:
                await reply(tagged, 500, f"internal error (request id {rid})")
        finally:
            seconds = time.perf_counter() - started
            route = _route(scope)
            self._metrics.requests.labels(route, scope["method"], str(status)).inc()
            self._metrics.latency.labels(route).observe(seconds)
            log.info(
                "request",
                extra={
                    "route": route,
                    "method": scope["method"],
                    "status": status,
                    "latency_ms": round(seconds * 1000, 1),
                },
            )
            request_id.reset(token)


def _route(scope: Scope) -> str:
    """The route's template (bounded label values), not the raw path."""
    route = scope.get("route")
    if isinstance(route, Route):
        return route.path
    path = str(scope["path"])
    if found := _GRADIO.match(path):
        return found.group(1)
    return path if path in {"/", "/metrics", "/widget.js", "/widget.css"} else "other"
