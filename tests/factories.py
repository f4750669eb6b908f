"""Hand-made result objects for tests of code that reads them (grading, formatting), and a
wrapper that counts what the real encoder is asked to encode."""

from __future__ import annotations

from typing import Any

from assistant.answer.byline import byline
from assistant.schema import Answer, Citation, Reference, RetrievedPassage


def make_citation(**overrides: Any) -> Citation:
    fields: dict[str, Any] = dict(
        n=1, chunk_id="c1", ref=6, cites=[], quote="A quote.", section="Key findings",
        title="A paper", authors=[], year=None, journal=None, study_type="narrative review",
        url=None, match_confidence=None, identifiers_verified=None,
    )  # fmt: skip
    fields.update(overrides)
    described = {k: v for k, v in fields.items() if k in Reference.model_fields}
    fields.setdefault("byline", byline(Reference(**described)))
    return Citation(**fields)


def make_passage(**overrides: Any) -> RetrievedPassage:
    fields: dict[str, Any] = dict(
        rank=1, chunk_id="p1", ref=6, cites=[], score=0.1, dense_score=None, lexical_score=None,
        title="A paper", section="Key findings", text="Passage text.",
    )  # fmt: skip
    fields.update(overrides)
    return RetrievedPassage(**fields)


def make_answer(**overrides: Any) -> Answer:
    fields: dict[str, Any] = dict(
        id="a1", question="q", query="q", status="answered", answer="A claim. [1]",
        citations=[], references=[], retrieved=[], disclaimer="Not a diagnosis.", latency_ms=5.0,
    )  # fmt: skip
    fields.update(overrides)
    return Answer(**fields)


class CountingEncoder:
    """The real encoder, keeping the texts it is asked to encode."""

    def __init__(self, encoder: Any) -> None:
        self.name = encoder.name
        self._encoder = encoder
        self.encoded: list[str] = []

    def encode(self, texts: list[str], max_tokens: int | None = None) -> Any:
        self.encoded += texts
        return self._encoder.encode(texts, max_tokens=max_tokens)
