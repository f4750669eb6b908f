"""Structured logs: one JSON object per line on stderr, with the request id when there is one.

Questions are patient data: a log line carries a question's text only when
ASSISTANT_LOG_QUESTIONS is on; everything else (route, status, latency, answer status, flags,
composer) is always there.
"""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

request_id: ContextVar[str] = ContextVar("request_id", default="")

_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message"}


class JSONFormatter(logging.Formatter):
    """Time, level, logger, message, request id, and every `extra` field given."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if rid := request_id.get():
            line["request_id"] = rid
        line.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def configure_logging(level: str) -> None:
    """JSON lines for the package's loggers; uvicorn's own access log is replaced by ours."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JSONFormatter())
    package = logging.getLogger("assistant")
    package.handlers[:] = [handler]
    package.setLevel(level.upper())
    package.propagate = False
    logging.getLogger("uvicorn.access").disabled = True
