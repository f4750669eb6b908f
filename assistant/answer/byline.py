"""One way to name a cited document, so the CLI, chat UI, plain text and widget agree."""

from __future__ import annotations

from assistant.schema import Reference

MAX_AUTHORS = 3


def byline(reference: Reference) -> str:
    """Authors (three, then "et al."), journal, year, study type and any doubt about the
    reference's identity, joined by " · "; the title and link are the surface's to show."""
    authors = ", ".join(reference.authors[:MAX_AUTHORS])
    if len(reference.authors) > MAX_AUTHORS:
        authors += " et al."
    fields = [authors, reference.journal or "", str(reference.year or ""), reference.study_type]
    if reference.match_confidence == "low":
        fields.append("reference identity uncertain")
    if reference.identifiers_verified is False:
        fields.append("identifiers unverified")
    return " · ".join(f for f in fields if f)
