"""An answer as plain text with a numbered reference list, for copying into notes."""

from __future__ import annotations

from assistant.schema import Answer, Citation


def plain_text(answer: Answer) -> str:
    """Urgent message (or its reminder), answer, references (one per marker), the safety-net
    checklist and the disclaimer."""
    parts = []
    triage = answer.triage
    if triage is not None:
        parts.append(triage.message if triage.new else triage.reminder)
    if answer.reply_kind != "none":
        parts.append(answer.answer)
    if answer.citations:
        parts.append("References\n" + "\n".join(_reference(c) for c in answer.citations))
    if answer.safety_net is not None and answer.reply_kind != "safety_net":
        parts.append(answer.safety_net.text)
    parts.append(answer.disclaimer)
    return "\n\n".join(parts)


def _reference(citation: Citation) -> str:
    fields = [citation.title, citation.byline, citation.url or ""]
    text = f"[{citation.n}] " + ". ".join(f for f in fields if f)
    if citation.cites:
        text += f" (synthesis passage citing refs {', '.join(map(str, citation.cites))})"
    return text
