"""Scoring and choosing corpus sentences: no LLM, only sentences that stand in the corpus.

Every sentence of the retrieved passages is scored against the question: meaning (cosine
similarity, less a share of how generic the sentence is), overlap with the question's terms
weighted by how rare they are, whether it offers the kind of answer asked for (a cause, a
figure, a treatment...), passage rank, and what the sentence does (see roles.py). The composer
(compose.py) decides which sentences lead; the rest are the best few that say something new,
in the order their authors wrote them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    """Scores the sentences of retrieved passages against a question and chooses among them."""

    def __init__(
        self, bank: SentenceBank, lexical: LexicalIndex, types: QuestionTypes, settings: Settings
    ) -> None:
        self._bank = bank
        self._lexical = lexical
        self._types = types
        self._settings = settings

    @property
    def types(self) -> QuestionTypes:
        return self._types

    def terms(self, text: str) -> list[str]:
        """Stemmed, synonym-mapped content terms, as the corpus was analysed."""
        return self._lexical.analyzer.terms(text)

    def specificity(self, text: str) -> float:
        """Mean rarity (IDF) of the text's terms the corpus knows: how much it narrows down
        which passage is meant ("after childbirth" more than "lower back")."""
        known = [t for t in self.terms(text) if self._lexical.knows(t)]
        return sum(self._lexical.weight(t) for t in known) / len(known) if known else 0.0

    def lead(self, text: str, relevant: Sequence[Selected]) -> Selected:
        """The best relevant sentence; for a question asking for a figure, the best one that
        gives a figure, if any does."""
        if self._types.wants_figure(text):
            with_figure = [c for c in relevant if self._types.has_figure(c.sentence)]
            if with_figure:
                return with_figure[0]
        return relevant[0]

    def relevant(self, candidate: Selected, floor: float | None = None) -> bool:
        """Close enough in meaning to answer (`floor`, or the min_relevance setting)."""
        return candidate.similarity >= (self._settings.min_relevance if floor is None else floor)

    def candidates(
        self,
        query: Query,
        passages: Sequence[Passage],
        adjust: Callable[[str], float] | None = None,
    ) -> list[Selected]:
        """Every sentence of the passages, best first; `adjust` adds to a sentence's score for
        what it does (a comparison for a comparison question, a study's methods...)."""
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
                + (adjust(sentence) if adjust else 0.0)
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

    def fill(self, candidates: list[Selected], picked: list[Selected]) -> list[Selected]:
        """`picked` (or else the best relevant sentence), then others close to the best in
        score that add something new; if that leaves one, a companion from the same document
        rather than an unrelated one; then, room left, others of the papers already drawn on that
        score a good share of the best (a question whose best sentence scores high still gets
        the rest of what it asked, from the same evidence)."""
        settings = self._settings
        relevant = [c for c in candidates if self.relevant(c)]
        if not relevant:
            return list(picked)
        best = relevant[0]
        chosen = list(picked) or [best]
        limit = max(settings.answer_max_sentences, len(chosen))
        self._add(chosen, relevant, limit, best.score - settings.sentence_margin)
        if len(chosen) == 1:
            lead = chosen[0]
            same_doc = [
                c
                for c in candidates
                if c.passage.chunk.doc_id == lead.passage.chunk.doc_id
                and c.sentence != lead.sentence
            ]
            chosen += [c for c in same_doc if not self.repeats(c, chosen)][:1]
        papers = {c.passage.chunk.doc_id for c in chosen}
        own = [c for c in relevant if c.passage.chunk.doc_id in papers]
        self._add(chosen, own, limit, best.score * settings.sentence_share)
        return chosen

    def _add(
        self, chosen: list[Selected], relevant: list[Selected], limit: int, floor: float
    ) -> None:
        for candidate in relevant:
            if len(chosen) >= limit or candidate.score < floor:
                break
            if not self.repeats(candidate, chosen):
                chosen.append(candidate)

    def repeats(self, candidate: Selected, chosen: Sequence[Selected]) -> bool:
        """Whether the candidate says what a chosen sentence already says."""
        if not chosen:
            return False
        if any(candidate.sentence == c.sentence for c in chosen):
            return True
        vectors = self._bank.vectors([candidate.sentence, *(c.sentence for c in chosen)])
        return bool((vectors[1:] @ vectors[0] > REDUNDANT).any())


def blend(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The unit vector halfway between two unit vectors."""
    both = a + b
    return np.asarray(both / np.linalg.norm(both), dtype=np.float32)


def answer_order(chosen: list[Selected], leads: int, candidates: list[Selected]) -> list[Selected]:
    """The first `leads` sentences (the direct answers, in the order of the question's parts),
    then the rest as each passage's author wrote them; a sentence that opens with an anaphor
    ("These fractures...") comes after the sentence it refers to."""
    head = chosen[:leads]
    first_seen: dict[str, int] = {}
    for i, selected in enumerate(chosen):
        first_seen.setdefault(selected.passage.chunk.chunk_id, i)
    tail = sorted(chosen[leads:], key=lambda s: (first_seen[s.passage.chunk.chunk_id], s.position))
    return _with_antecedents(head + tail, candidates)


def opens_with_anaphor(sentence: str) -> bool:
    """ "These fractures...": the sentence leans on the one before it."""
    return sentence.split(maxsplit=1)[0].lower().strip(",") in ANAPHORS


def _by_place(candidates: list[Selected]) -> dict[tuple[str, int], Selected]:
    """Candidates by passage and place in it, to find a sentence's neighbour."""
    return {(c.passage.chunk.chunk_id, c.position): c for c in candidates}


def _with_antecedents(ordered: list[Selected], candidates: list[Selected]) -> list[Selected]:
    by_place = _by_place(candidates)
    result: list[Selected] = []
    for selected in ordered:
        before = by_place.get((selected.passage.chunk.chunk_id, selected.position - 1))
        if before is not None and opens_with_anaphor(selected.sentence):
            result = [r for r in result if r.sentence != before.sentence]
            result.append(before)
        if all(r.sentence != selected.sentence for r in result):
            result.append(selected)
    return result


def continued(ordered: list[Selected], candidates: list[Selected]) -> list[Selected]:
    """The leading sentence with the one after it in its passage when that one goes on about
    the same thing ("X is a common cause of back pain. This condition arises from..."): a
    definition is often told across the two."""
    if not ordered:
        return ordered
    first = ordered[0]
    after = _by_place(candidates).get((first.passage.chunk.chunk_id, first.position + 1))
    if after is None or not opens_with_anaphor(after.sentence):
        return ordered
    return [first, after, *(s for s in ordered[1:] if s.sentence != after.sentence)]
