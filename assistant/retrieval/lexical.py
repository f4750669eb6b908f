"""BM25 over the indexed chunks, rebuilt from the store so it always matches the dense index."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

import bm25s
import numpy as np

from assistant.index.chunking import lexical_text
from assistant.schema import Chunk
from assistant.text import Analyzer


class LexicalIndex:
    """Okapi BM25 (Lucene variant) on stemmed, synonym-normalised content words."""

    def __init__(
        self,
        chunks: Sequence[Chunk],
        analyzer: Analyzer,
        names: Sequence[str] = (),
        terms: Sequence[list[str]] | None = None,
    ) -> None:
        """`names` (authors, journals) are words the corpus knows without them being searched;
        `terms`, each chunk's terms as ingest stored them (else the chunks are analysed here)."""
        self.analyzer = analyzer
        self._chunks = list(chunks)
        documents = (
            list(terms) if terms is not None else [analyzer.terms(lexical_text(c)) for c in chunks]
        )
        self._bm25 = bm25s.BM25()
        self._bm25.index([d or [""] for d in documents], show_progress=False)
        self._df = Counter(term for d in documents for term in set(d))
        self._names = {t for name in names for t in analyzer.terms(name)}

    def search(self, query: str, k: int) -> list[tuple[Chunk, float]]:
        """Up to k chunks sharing at least one term with the query, best first."""
        query_terms = self.analyzer.terms(query)
        if not query_terms or not self._chunks:
            return []
        scores = self._bm25.get_scores(query_terms)
        order = np.argsort(-scores, kind="stable")[:k]
        return [(self._chunks[i], float(scores[i])) for i in order if scores[i] > 0]

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        """Every indexed chunk of one document, in its order."""
        return [c for c in self._chunks if c.doc_id == doc_id]

    def knows(self, term: str) -> bool:
        """Whether any indexed passage, or a cited paper's authors or journal, has the term."""
        return term in self._df or term in self._names

    def indexed(self, term: str) -> bool:
        """Whether an indexed passage has the term (a cited author's name alone does not count)."""
        return term in self._df

    def near_known(self, term: str, edits: int, distance: Callable[[str, str], int]) -> bool:
        """Whether a term the corpus has is within `edits` edits of `term` (a slip of it):
        only terms that share its first letter and nearly its length are compared."""
        return any(
            known[:1] == term[:1]
            and abs(len(known) - len(term)) <= edits
            and distance(known, term) <= edits
            for known in self._df
        )

    def weight(self, term: str) -> float:
        """Inverse document frequency: how much a term says about which passage is meant."""
        n, df = len(self._chunks), self._df.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))
