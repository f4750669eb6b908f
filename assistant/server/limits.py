"""Protections in front of the API: body size, calling site, and question rate."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodySizeLimit:
    """Answers 413 to a request whose body is larger than `limit` bytes, whether or not it
    declares its length (a chunked body is counted as it arrives)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self._app = app
        self._limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self._limit:
            await _reply(send, 413, f"request body over {self._limit} bytes")
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self._limit:
                raise _TooLarge
            return message

        try:
            await self._app(scope, counted, send)
        except _TooLarge:
            await _reply(send, 413, f"request body over {self._limit} bytes")


class OriginGuard:
    """Refuses (403) browser calls to the API from sites not in the allowed list; the server's
    own pages and callers that send no Origin (curl, servers) are not affected."""

    def __init__(self, app: ASGIApp, allowed: Sequence[str], prefix: str) -> None:
        self._app = app
        self._allowed = set(allowed)
        self._prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(self._prefix):
            headers = dict(scope["headers"])
            origin = headers.get(b"origin", b"").decode()
            own = f"{scope.get('scheme', 'http')}://{headers.get(b'host', b'').decode()}"
            if origin and origin != own and origin not in self._allowed:
                await _reply(send, 403, f"origin {origin} is not allowed to use this API")
                return
        await self._app(scope, receive, send)


class RateLimiter:
    """At most `per_minute` calls per client in any sliding minute, kept in memory only."""

    def __init__(self, per_minute: int) -> None:
        self._per_minute = per_minute
        self._calls: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait_time(self, client: str) -> float:
        """0 if the call may go ahead (and counts it), else seconds until it may."""
        now = time.monotonic()
        with self._lock:
            calls = self._calls.setdefault(client, deque())
            while calls and now - calls[0] >= 60:
                calls.popleft()
            if len(calls) >= self._per_minute:
                return 60 - (now - calls[0])
            calls.append(now)
            return 0.0


class _TooLarge(BaseException):
    """Raised mid-read; a BaseException so no handler on the way turns it into a 400."""


async def _reply(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
