"""Prometheus metrics (the official client), one registry per app so tests can build several."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

from assistant.schema import Answer

_LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)


class Metrics:
    """Requests, latency, answers by status, red flags by family, composer fallbacks."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "lumbar_guide_http_requests",
            "HTTP requests by route, method and status.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "lumbar_guide_http_request_seconds",
            "Time to the end of the response, by route.",
            ["route"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.answers = Counter(
            "lumbar_guide_answers",
            "Answers given, by status and surface (api, stream, chat).",
            ["status", "surface"],
            registry=self.registry,
        )
        self.flags = Counter(
            "lumbar_guide_red_flags",
            "Red flags raised, by family.",
            ["family"],
            registry=self.registry,
        )
        self.fallbacks = Counter(
            "lumbar_guide_composer_fallbacks",
            "Composed answers replaced by corpus quotes (model down, or a sentence unsupported).",
            registry=self.registry,
        )

    def answered(self, answer: Answer, surface: str) -> None:
        self.answers.labels(answer.status, surface).inc()
        for flag in answer.triage.flags if answer.triage else []:
            self.flags.labels(flag.family).inc()
        if answer.composer_note:
            self.fallbacks.inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
