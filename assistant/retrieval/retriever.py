"""Hybrid retrieval: dense (Chroma) and lexical (BM25) rankings fused by reciprocal rank."""

from __future__ import annotations

from assistant.index.store import ChunkStore
from assistant.retrieval.fusion import drop_near_duplicates, reciprocal_rank_fusion
from assistant.retrieval.lexical import LexicalIndex
from assistant.retrieval.papers import NamedPapers
from assistant.schema import Chunk, Passage
from assistant.settings import RetrievalMode, Settings

WIDER = 3


class HybridRetriever:
    """Ranks passages for a question with one retriever or both; the mode is per call."""

    def __init__(
        self,
        store: ChunkStore,
        lexical: LexicalIndex,
        settings: Settings,
        papers: NamedPapers | None = None,
    ) -> None:
        self._store = store
        self._lexical = lexical
        self._settings = settings
        self._papers = papers

    def known_share(self, text: str) -> float:
        """The share of the content words of `text` (after synonyms) the indexed corpus uses;
        1.0 for a text of none."""
        terms = self._lexical.analyzer.terms(text)
        return sum(self._lexical.knows(t) for t in terms) / len(terms) if terms else 1.0

    def retrieve(
        self,
        question: str,
        vector: list[float],
        mode: RetrievalMode | None = None,
        *,
        wide: bool = False,
    ) -> list[Passage]:
        """The top_k passages, best first, without near-duplicates; `wide` looks three times
        as far (a definition sought among every passage that names its subject). Passages of
        a paper the question names by its first author are the only ones."""
        mode = mode or self._settings.retrieval_mode
        widen = WIDER if wide else 1
        n = self._settings.candidate_k * widen
        dense = self._store.search(vector, n) if mode != "bm25" else []
        lexical = self._lexical.search(question, n) if mode != "dense" else []
        passages = _fuse(dense, lexical, self._settings.rrf_k)
        unique = drop_near_duplicates(passages, self._settings.dedup_threshold)
        named = self._papers.named(question) if self._papers else set()
        if named:
            unique = self._named_first(unique, named)
        return unique[: self._settings.top_k * widen]

    def _named_first(self, ranked: list[Passage], named: set[str]) -> list[Passage]:
        """Only the named papers' passages: those ranked, in order, then their others."""
        first = [p for p in ranked if p.chunk.doc_id in named]
        seen = {p.chunk.chunk_id for p in first}
        rest = [
            Passage(chunk=c, score=0.0)
            for doc_id in sorted(named)
            for c in self._lexical.chunks_of(doc_id)
            if c.chunk_id not in seen
        ]
        return first + rest

    def unnamed(self, text: str) -> str:
        """The text without the names of the papers it names (see NamedPapers.unnamed)."""
        return self._papers.unnamed(text) if self._papers else text

    def document(self, doc_id: str) -> list[Passage]:
        """All passages of one document (a paper whose case matched a story), unranked."""
        return [Passage(chunk=c, score=0.0) for c in self._lexical.chunks_of(doc_id)]


def _fuse(
    dense: list[tuple[Chunk, float]], lexical: list[tuple[Chunk, float]], rrf_k: int
) -> list[Passage]:
    chunks = {c.chunk_id: c for c, _ in [*dense, *lexical]}
    dense_scores = {c.chunk_id: s for c, s in dense}
    lexical_scores = {c.chunk_id: s for c, s in lexical}
    fused = reciprocal_rank_fusion(
        [[c.chunk_id for c, _ in ranking] for ranking in (dense, lexical) if ranking], rrf_k
    )
    ranked = sorted(fused, key=lambda cid: (-fused[cid], -dense_scores.get(cid, 0.0)))
    return [
        Passage(
            chunk=chunks[cid],
            score=fused[cid],
            dense_score=dense_scores.get(cid),
            lexical_score=lexical_scores.get(cid),
        )
        for cid in ranked
    ]
