"""The default answerer: no LLM, only sentences that stand in the corpus.

It scores every sentence of the retrieved passages against the question: meaning (cosine
similarity, less a share of how generic the sentence is), overlap with the question's terms
weighted by how rare they are, whether it offers the kind of answer asked for (a cause, a
figure, a treatment...), and passage rank. It keeps the best few that say different
things, and orders them so each passage's sentences read in their original order.
When no sentence is close enough in meaning to the question, it selects nothing, and the
pipeline reports insufficient evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answer.question_types import QuestionTypes
from assistant.answer.sentences import SentenceBank
from assistant.retrieval.lexical import LexicalIndex
from assistant.schema import Passage
from assistant.settings import Settings
from assistant.text import split_sentences

REDUNDANT = 0.9  # similarity above which a sentence repeats one already chosen
# A sentence opening with one of these leans on the sentence before it, which comes along.
ANAPHORS = frozenset(
    ["this", "these", "that", "those", "it", "its", "they", "their", "such", "he", "she"]
)


@dataclass(frozen=True)
class Query:
    """What sentences are matched against: the self-contained question, its embedding (which
    decides relevance), and the direction that ranks sentences (for a follow-up, a blend with
    its own words, so 'Should it be cut out?' still looks for excision)."""

    text: str
    vector: np.ndarray
    focus: np.ndarray


@dataclass(frozen=True)
class Selected:
    """A corpus sentence chosen for the answer, with the passage it comes from."""

    sentence: str
    passage: Passage
    position: int
    similarity: float
    score: float


class ExtractiveAnswerer:
    """Chooses 2 to `answer_max_sentences` corpus sentences that answer the question."""

    def __init__(
        self, bank: SentenceBank, lexical: LexicalIndex, types: QuestionTypes, settings: Settings
    ) -> None:
        self._bank = bank
        self._lexical = lexical
        self._types = types
        self._settings = settings

    def select(self, query: Query, passages: Sequence[Passage]) -> list[Selected]:
        """The chosen sentences in reading order; empty when none addresses the question."""
        candidates = self._score(query, passages)
        if not any(c.similarity >= self._settings.min_relevance for c in candidates):
            return []
        chosen = _with_antecedents(self._choose(candidates), candidates)
        return _reading_order(chosen[: self._settings.answer_max_sentences + 1])

    def _score(self, query: Query, passages: Sequence[Passage]) -> list[Selected]:
        wanted = set(self._lexical.analyzer.terms(query.text))
        asks_for = self._types.of(query.text)
        found = [
            (sentence, passage, position, rank)
            for rank, passage in enumerate(passages)
            for position, sentence in enumerate(split_sentences(passage.chunk.text))
        ]
        vectors = self._bank.vectors([s for s, *_ in found])
        closeness = vectors @ query.focus
        similarities = np.maximum(vectors @ query.vector, closeness)
        weights = self._settings
        scored = []
        for (sentence, passage, position, rank), similarity, close in zip(
            found, similarities, closeness, strict=True
        ):
            score = (
                float(close)
                - weights.hub_weight * self._bank.hub(sentence)
                + weights.term_weight * self._overlap(wanted, sentence)
                + weights.type_weight * self._types.offers(sentence, asks_for)
                + weights.rank_weight / (rank + 1)
            )
            scored.append(Selected(sentence, passage, position, float(similarity), score))
        return sorted(scored, key=lambda s: -s.score)

    def _overlap(self, wanted: set[str], sentence: str) -> float:
        """Share of the question's term weight (IDF) that the sentence contains; words the
        corpus never uses ("broadly", "exist") could not be matched, so they do not count."""
        wanted = {t for t in wanted if self._lexical.knows(t)}
        total = sum(self._lexical.weight(t) for t in wanted)
        found = wanted & set(self._lexical.analyzer.terms(sentence))
        return sum(self._lexical.weight(t) for t in found) / total if total else 0.0

    def _choose(self, candidates: list[Selected]) -> list[Selected]:
        """The best relevant sentence, then others close to it in score that add something new;
        if that leaves one, a companion from the same document rather than an unrelated one."""
        settings = self._settings
        best = next(c for c in candidates if c.similarity >= settings.min_relevance)
        floor = best.score - settings.sentence_margin
        chosen = [best]
        for candidate in candidates:
            if len(chosen) == settings.answer_max_sentences:
                break
            relevant = candidate.similarity >= settings.min_relevance and candidate.score >= floor
            if relevant and candidate is not best and not self._repeats(candidate, chosen):
                chosen.append(candidate)
        if len(chosen) == 1:
            same_doc = [
                c for c in candidates[1:] if c.passage.chunk.doc_id == best.passage.chunk.doc_id
            ]
            chosen += [c for c in same_doc if not self._repeats(c, chosen)][:1]
        return chosen

    def _repeats(self, candidate: Selected, chosen: list[Selected]) -> bool:
        if not chosen:
            return False
        vectors = self._bank.vectors([candidate.sentence, *(c.sentence for c in chosen)])
        return bool((vectors[1:] @ vectors[0] > REDUNDANT).any())


def _with_antecedents(chosen: list[Selected], candidates: list[Selected]) -> list[Selected]:
    """Add the sentence before any chosen one that opens with an anaphor ("These fractures...")."""
    by_place = {(c.passage.chunk.chunk_id, c.position): c for c in candidates}
    result = list(chosen)
    for selected in chosen:
        first_word = selected.sentence.split(maxsplit=1)[0].lower()
        before = by_place.get((selected.passage.chunk.chunk_id, selected.position - 1))
        if first_word in ANAPHORS and before is not None and before not in result:
            result.append(before)
    return result


def _reading_order(chosen: list[Selected]) -> list[Selected]:
    """Passages in the order of their best sentence; within one, the author's order."""
    first_seen: dict[str, int] = {}
    for i, selected in enumerate(chosen):
        first_seen.setdefault(selected.passage.chunk.chunk_id, i)
    return sorted(chosen, key=lambda s: (first_seen[s.passage.chunk.chunk_id], s.position))
