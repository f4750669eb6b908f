"""Reciprocal rank fusion of several rankings, and removal of near-duplicate passages."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.schema import Passage
from assistant.text import Analyzer, jaccard


def reciprocal_rank_fusion(rankings: Sequence[Sequence[str]], k: int) -> dict[str, float]:
    """Sum of 1/(k + rank) over the rankings each id appears in; rank starts at 1."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


def drop_near_duplicates(passages: Sequence[Passage], threshold: float) -> list[Passage]:
    """Keep the best-ranked of any passages whose term sets overlap at `threshold` or more."""
    analyzer = Analyzer()
    kept: list[Passage] = []
    kept_terms: list[set[str]] = []
    for passage in passages:
        own = set(analyzer.terms(passage.chunk.text))
        if all(jaccard(own, other) < threshold for other in kept_terms):
            kept.append(passage)
            kept_terms.append(own)
    return kept
