"""Protections in front of every route that answers, the API and the chat UI's Gradio routes
alike: calling site, blocked Gradio routes, question rate, and security headers. The body-size
limit is Starlette's and client addresses behind a proxy are uvicorn's (both in app.py)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence

from limits import RateLimitItem, RateLimitItemPerMinute
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.errors import AssistantError

log = logging.getLogger(__name__)
GRADIO_API = "/gradio_api/"
# Gradio routes the chat UI never uses: uploads, and the REST-style API that would answer
# questions from anywhere without the chat's guards.
_BLOCKED = ("/gradio_api/upload", "/gradio_api/call/", "/gradio_api/api/", "/gradio_api/mcp")
# Requests that start a question: each counts against the question allowance.
_QUESTIONS = ("/api/v1/ask", "/gradio_api/queue/join")
_OTHER_SHARE = 10  # other POSTs (feedback, the UI's small events) get this many times as many


class OriginGuard:
    """Refuses (403) browser calls from sites not in the allowed list; the server's own pages
    and callers that send no Origin (curl, servers) are not affected. The chat UI's Gradio
    routes answer only the server's own pages."""

    def __init__(self, app: ASGIApp, allowed: Sequence[str], prefix: str) -> None:
        self._app = app
        self._allowed = set(allowed)
        self._prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _guarded(scope["path"], self._prefix):
            headers = dict(scope["headers"])
            origin = headers.get(b"origin", b"").decode("latin-1")
            own = f"{scope.get('scheme', 'http')}://{headers.get(b'host', b'').decode('latin-1')}"
            allowed = self._allowed if scope["path"].startswith(self._prefix) else set()
            if origin and origin != own and origin not in allowed:
                await reply(send, 403, f"origin {origin} is not allowed to use this API")
                return
        await self._app(scope, receive, send)


class BlockedRoutes:
    """404 for Gradio routes the chat UI does not need (file upload, Gradio's own API)."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(_BLOCKED):
            await reply(send, 404, "not found")
            return
        await self._app(scope, receive, send)


class RateLimit:
    """At most `per_minute` questions per client in any sliding minute across the API and the
    chat UI (and ten times as many other POSTs), counted in `storage`: memory:// for one
    process, or a shared store (redis://...) for several workers. The memory store forgets a
    client once its minute has passed."""

    def __init__(
        self, app: ASGIApp, per_minute: int, limiter: MovingWindowRateLimiter, prefix: str
    ) -> None:
        self._app = app
        self._prefix = prefix
        self._questions = RateLimitItemPerMinute(per_minute)
        self._other = RateLimitItemPerMinute(per_minute * _OTHER_SHARE)
        self._limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self._app(scope, receive, send)
            return
        path = scope["path"]
        if _guarded(path, self._prefix):
            item, kind = (
                (self._questions, "question")
                if path.startswith(_QUESTIONS)
                else (self._other, "other")
            )
            wait = await self._wait(item, kind, _client(scope))
            if wait:
                detail = "too many questions; wait a minute and try again"
                await reply(send, 429, detail, {"retry-after": str(wait)})
                return
        await self._app(scope, receive, send)

    async def _wait(self, item: RateLimitItem, kind: str, client: str) -> int:
        """0 if the call may go ahead (and counts it), else whole seconds until it may. If the
        shared store is down the call goes ahead: answering beats refusing everyone."""
        try:
            if await self._limiter.hit(item, kind, client):
                return 0
            stats = await self._limiter.get_window_stats(item, kind, client)
        except Exception as exc:  # the store's client raises its own connection errors
            log.warning("rate-limit store unavailable: %s", exc)
            return 0
        return max(1, int(stats.reset_time - time.time()) + 1)


def rate_limiter(storage: str) -> MovingWindowRateLimiter:
    """The limiter on `storage` (memory://, redis://...), checked when the server starts."""
    options = {"implementation": "redispy"} if storage.startswith("redis") else {}
    try:
        return MovingWindowRateLimiter(storage_from_string(f"async+{storage}", **options))
    except Exception as exc:  # limits names the scheme or the missing client library
        raise AssistantError(
            f"ASSISTANT_RATE_LIMIT_STORAGE={storage!r} cannot be used: {exc}",
            hint="use memory:// or redis://HOST:PORT (pip install 'lumbar-guide[redis]')",
        ) from exc


class SecurityHeaders:
    """CSP (frames only from this site and the allowed origins), no MIME sniffing, and no full
    URL in the Referer, on every response."""

    def __init__(self, app: ASGIApp, allowed: Sequence[str]) -> None:
        self._app = app
        ancestors = " ".join(["'self'", *allowed])
        policy = (
            "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            "font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; "
            f"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors {ancestors}"
        )
        self._headers = [
            (b"content-security-policy", policy.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return

        async def with_headers(message: dict[str, object]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))  # type: ignore[call-overload]
                names = {name.lower() for name, _ in headers}
                headers += [h for h in self._headers if h[0] not in names]
                message["headers"] = headers
            await send(message)

        await self._app(scope, receive, with_headers)  # type: ignore[arg-type]


def _guarded(path: str, prefix: str) -> bool:
    return path.startswith((prefix, GRADIO_API))


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


async def reply(send: Send, status: int, detail: str, extra: dict[str, str] | None = None) -> None:
    """A JSON error response sent straight from a middleware."""
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in (extra or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
