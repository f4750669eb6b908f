"""An answer as plain text with a numbered reference list, for copying into notes."""

from __future__ import annotations

from assistant.schema import Answer, Citation


def plain_text(answer: Answer) -> str:
    """Urgent message, answer, references (one per marker) and the disclaimer."""
    parts = []
    if answer.triage is not None and answer.answer != answer.triage.message:
        parts.append(answer.triage.message)
    parts.append(answer.answer)
    if answer.citations:
        parts.append("References\n" + "\n".join(_reference(c) for c in answer.citations))
    parts.append(answer.disclaimer)
    return "\n\n".join(parts)


def _reference(citation: Citation) -> str:
    authors = ", ".join(citation.authors[:3]) + (" et al." if len(citation.authors) > 3 else "")
    where = " ".join(f for f in (citation.journal or "", str(citation.year or "")) if f)
    fields = [authors, citation.title, where, citation.url or ""]
    text = f"[{citation.n}] " + ". ".join(f for f in fields if f)
    if citation.match_confidence == "low":
        text += " (reference identity uncertain)"
    if citation.cites:
        text += f" (synthesis passage citing refs {', '.join(map(str, citation.cites))})"
    return text
