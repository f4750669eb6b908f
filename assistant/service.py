"""What the web surfaces share: the live assistant, the time limit, the audit trail, feedback
and metrics. The HTTP routes and the chat UI call this and nothing below it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import TypeVar

import anyio
import anyio.to_thread

from assistant.audit import AuditLog
from assistant.errors import AssistantError, IndexUnavailableError
from assistant.factory import Components
from assistant.feedback import FeedbackStore, Rating
from assistant.live import LiveAssistant
from assistant.metrics import Metrics
from assistant.pipeline import Assistant
from assistant.schema import Answer
from assistant.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")
_DONE = object()


class QuestionTimeoutError(AssistantError):
    """The answer took longer than ASSISTANT_REQUEST_TIMEOUT_S."""


class UnknownAnswerError(AssistantError):
    """Feedback named an answer this server never gave."""


class Service:
    """One per server process."""

    def __init__(
        self,
        settings: Settings,
        live: LiveAssistant,
        audit: AuditLog,
        feedback: FeedbackStore,
        metrics: Metrics,
    ) -> None:
        self.settings = settings
        self.live = live
        self.audit = audit
        self.feedback = feedback
        self.metrics = metrics

    @classmethod
    def start(cls, settings: Settings, parts: Components) -> Service:
        """The service on loaded components, with its stores opened."""
        return cls(
            settings,
            LiveAssistant(settings, parts),
            AuditLog(settings.audit_db),
            FeedbackStore(settings.feedback_db),
            Metrics(),
        )

    def assistant(self) -> Assistant:
        """The assistant to answer with now (IndexUnavailableError while none can)."""
        return self.live.current()

    async def within_deadline(self, work: Callable[[], T]) -> T:
        """`work` on a worker thread; QuestionTimeoutError past the request time limit (the
        thread is left to finish: each step's cost is bounded, so it does so soon)."""
        deadline = anyio.current_time() + self.settings.request_timeout_s
        return await self._before(deadline, work)

    async def next_within(self, items: Iterator[T], deadline: float) -> T | None:
        """The next item of a synchronous stream, or None at its end; QuestionTimeoutError if
        it is not ready by `deadline` (anyio's clock)."""
        item = await self._before(deadline, lambda: next(items, _DONE))
        return None if item is _DONE else item  # type: ignore[return-value]

    async def _before(self, deadline: float, work: Callable[[], T]) -> T:
        remaining = deadline - anyio.current_time()
        try:
            with anyio.fail_after(max(remaining, 0.001)):
                return await anyio.to_thread.run_sync(work, abandon_on_cancel=True)
        except TimeoutError as exc:
            raise QuestionTimeoutError(
                f"the answer took longer than {self.settings.request_timeout_s:g} s",
                hint="ask a shorter question, or try again when the server is less busy",
            ) from exc

    def finish(self, answer: Answer, surface: str) -> Answer:
        """Record a finished answer; an answer drawn while the index changed is not sent."""
        if not self.live.unchanged_since(answer.corpus_version):
            raise IndexUnavailableError(
                "the index changed while the answer was being drawn", hint="ask again"
            )
        self.audit.record(answer, surface)
        self.metrics.answered(answer, surface)
        fields: dict[str, object] = {
            "answer_id": answer.id,
            "surface": surface,
            "answer_status": answer.status,
            "flags": [flag.id for flag in answer.triage.flags] if answer.triage else [],
            "composer": answer.composer,
            "answer_ms": answer.latency_ms,
            "corpus_version": answer.corpus_version,
        }
        if self.settings.log_questions:
            fields["question"] = answer.question
        log.info("answered", extra=fields)
        return answer

    def rate(self, answer_id: str, rating: Rating, comment: str | None) -> int:
        """Store a rating of an answer this server gave."""
        if not self.audit.knows(answer_id):
            raise UnknownAnswerError(f"no answer with id {answer_id} was given by this server")
        return self.feedback.add(answer_id, rating, comment)
