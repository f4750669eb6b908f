"""Source cards as readers see them: metadata, match confidence, and the findings."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from assistant.corpus.loader import Corpus
from assistant.schema import Confidence

_BULLET = re.compile(r"^[-*]\s+(.+)$", re.MULTILINE)


class SourceView(BaseModel):
    """One cited paper, with how sure we are that it is the paper the synthesis meant."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ref: int
    title: str
    authors: list[str]
    journal: str
    year: int
    study_type: str
    doi: str | None
    pmid: str | None
    url: str | None
    match_confidence: Confidence
    identifiers_verified: bool
    identifiers_note: str
    match_note: str
    alternatives: list[str]
    findings: list[str]


def source_views(corpus: Corpus) -> list[SourceView]:
    """Every card, in ref order."""
    views = []
    for doc in corpus.cards:
        card = doc.card
        if card is None:
            continue
        views.append(
            SourceView(**card.model_dump(), findings=[m.strip() for m in _BULLET.findall(doc.text)])
        )
    return views
