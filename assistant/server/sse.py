"""Server-sent events for the streaming answer: delta..., then citations, then done."""

from __future__ import annotations

import json

from pydantic import BaseModel

from assistant.schema import Answer, AnswerDelta, TriageReport


def event(name: str, data: BaseModel | dict[str, object] | list[object]) -> str:
    payload = data.model_dump_json() if isinstance(data, BaseModel) else json.dumps(data)
    return f"event: {name}\ndata: {payload}\n\n"


def events_for(item: TriageReport | AnswerDelta | Answer) -> list[str]:
    """`triage` (only when urgent), `delta` per piece of text, and for the finished answer
    `citations` then `done` with the whole result object."""
    if isinstance(item, TriageReport):
        return [event("triage", item)]
    if isinstance(item, AnswerDelta):
        return [event("delta", item)]
    citations = [c.model_dump() for c in item.citations]
    references = [r.model_dump() for r in item.references]
    return [
        event("citations", {"citations": citations, "references": references}),
        event("done", item),
    ]
