"""Server-sent events for the streaming answer: delta..., then citations, then done."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from pydantic import BaseModel

from assistant.schema import Answer, AnswerDelta, TriageReport


def event(name: str, data: BaseModel | dict[str, object] | list[object]) -> str:
    payload = data.model_dump_json() if isinstance(data, BaseModel) else json.dumps(data)
    return f"event: {name}\ndata: {payload}\n\n"


def answer_events(stream: Iterable[TriageReport | AnswerDelta | Answer]) -> Iterator[str]:
    """`triage` (only when urgent), `delta` per piece of text, `citations`, then `done` with the
    whole result object."""
    for item in stream:
        if isinstance(item, TriageReport):
            yield event("triage", item)
        elif isinstance(item, AnswerDelta):
            yield event("delta", item)
        else:
            citations = [c.model_dump() for c in item.citations]
            references = [r.model_dump() for r in item.references]
            yield event("citations", {"citations": citations, "references": references})
            yield event("done", item)
