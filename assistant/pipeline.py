"""Answering one question: validate -> retrieve -> decide -> compose -> cite -> result."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from time import perf_counter

import numpy as np

from assistant.answer.citations import cite, references
from assistant.answer.extractive import ExtractiveAnswerer, Query
from assistant.conversation import Turn, standalone_query
from assistant.corpus.loader import Corpus
from assistant.errors import InvalidQuestionError
from assistant.index.embeddings import SentenceEmbeddings
from assistant.retrieval.retriever import HybridRetriever
from assistant.schema import Answer, AnswerDelta, Passage, RetrievedPassage
from assistant.settings import RetrievalMode, Settings
from assistant.text import Analyzer


@dataclass(frozen=True)
class Phrases:
    """Fixed wording, read once from prompts/ so every surface says the same thing."""

    insufficient_evidence: str


class Assistant:
    """The one code path every surface (CLI, UI, API, evals) uses to answer."""

    def __init__(
        self,
        *,
        settings: Settings,
        corpus: Corpus,
        embeddings: SentenceEmbeddings,
        analyzer: Analyzer,
        retriever: HybridRetriever,
        answerer: ExtractiveAnswerer,
        phrases: Phrases,
    ) -> None:
        self.settings = settings
        self.corpus = corpus
        self._embeddings = embeddings
        self._analyzer = analyzer
        self._retriever = retriever
        self._answerer = answerer
        self._phrases = phrases

    def ask(
        self,
        question: str,
        *,
        history: Sequence[Turn] = (),
        mode: RetrievalMode | None = None,
    ) -> Answer:
        """Answer from the corpus with a citation on every sentence, or say it cannot."""
        return self._answer(question, history, mode)[0]

    def stream(
        self,
        question: str,
        *,
        history: Sequence[Turn] = (),
        mode: RetrievalMode | None = None,
    ) -> Iterator[AnswerDelta | Answer]:
        """The answer text one cited sentence at a time, then the complete result."""
        answer, pieces = self._answer(question, history, mode)
        for i, piece in enumerate(pieces):
            yield AnswerDelta(text=piece if i == 0 else f" {piece}")
        yield answer

    def _embed(self, text: str) -> np.ndarray:
        return np.asarray(self._embeddings.encode([self._analyzer.expand(text)])[0])

    def validate(self, question: str) -> str:
        """The question stripped of surrounding space; empty or over-long ones are refused."""
        stripped = question.strip()
        if not stripped:
            raise InvalidQuestionError("the question is empty; type a question about low back pain")
        limit = self.settings.max_question_chars
        if len(stripped) > limit:
            raise InvalidQuestionError(
                f"the question is {len(stripped)} characters long; the limit is {limit}",
                hint="shorten it, or raise ASSISTANT_MAX_QUESTION_CHARS",
            )
        return stripped

    def _answer(
        self, question: str, history: Sequence[Turn], mode: RetrievalMode | None
    ) -> tuple[Answer, list[str]]:
        started = perf_counter()
        question = self.validate(question)
        recent = history[max(len(history) - self.settings.history_turns, 0) :]
        query = standalone_query(question, recent)
        vector = self._embed(query)
        passages = self._retriever.retrieve(query, [float(x) for x in vector], mode)
        focus = vector if query == question else _blend(vector, self._embed(question))
        selected = self._answerer.select(Query(query, vector, focus), passages)
        sentences, citations = cite(selected, self.corpus)
        pieces = sentences or [self._phrases.insufficient_evidence]
        answer = Answer(
            id=uuid.uuid4().hex,
            question=question,
            query=query,
            status="answered" if sentences else "insufficient_evidence",
            answer=" ".join(pieces),
            citations=citations,
            references=references(citations, self.corpus),
            retrieved=_report(passages),
            latency_ms=round((perf_counter() - started) * 1000, 1),
        )
        return answer, pieces


def _blend(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The unit vector halfway between two unit vectors."""
    both = a + b
    return np.asarray(both / np.linalg.norm(both), dtype=np.float32)


def _report(passages: Sequence[Passage]) -> list[RetrievedPassage]:
    return [
        RetrievedPassage(
            rank=rank,
            chunk_id=p.chunk.chunk_id,
            ref=p.chunk.ref,
            cites=list(p.chunk.cites),
            score=round(p.score, 6),
            dense_score=None if p.dense_score is None else round(p.dense_score, 4),
            lexical_score=None if p.lexical_score is None else round(p.lexical_score, 4),
            title=p.chunk.title,
            section=p.chunk.section,
            text=p.chunk.text,
        )
        for rank, p in enumerate(passages, start=1)
    ]
