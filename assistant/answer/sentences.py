"""Every sentence of the indexed passages, embedded once, with how generic each one is.

A long, general sentence ("X is a significant cause of low back pain...") sits close to almost
any question on the topic in embedding space and would crowd out the sentence that answers it.
Its hub score, the mean similarity to its nearest neighbours in the corpus, measures that; the
answerer subtracts a share of it (the CSLS correction used against hubness in embeddings).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.index.embeddings import SentenceEmbeddings
from assistant.schema import Chunk
from assistant.text import Analyzer, split_sentences

NEIGHBOURS = 10
CLOSEST = 3


class SentenceBank:
    """Sentence text -> unit vector and hub score, for the corpus the index holds."""

    def __init__(
        self, chunks: Sequence[Chunk], embeddings: SentenceEmbeddings, analyzer: Analyzer
    ) -> None:
        self._embeddings = embeddings
        self._analyzer = analyzer
        sentences = list(dict.fromkeys(s for c in chunks for s in split_sentences(c.text)))
        vectors = self._embed(sentences)
        self._vectors = dict(zip(sentences, vectors, strict=True))
        self._hubs = dict(zip(sentences, _hub_scores(vectors), strict=True))
        self._matrix = vectors

    def embed(self, text: str) -> np.ndarray:
        """A question or query as the corpus sentences were embedded (synonyms expanded)."""
        return np.asarray(self._embed([text])[0])

    def embed_all(self, texts: list[str]) -> np.ndarray:
        """Several texts in one encoder call, embedded like `embed`; nothing is kept."""
        if not texts:
            return np.zeros((0, self._embeddings.dimension), dtype=np.float32)
        return np.asarray(self._embed(texts))

    def closeness(self, vector: np.ndarray) -> float:
        """Mean similarity of the three corpus sentences closest to `vector`: how near the
        corpus a question is."""
        if not len(self._matrix):
            return 0.0
        nearest = np.sort(self._matrix @ vector)[-CLOSEST:]
        return float(nearest.mean())

    def vectors(self, sentences: Sequence[str]) -> np.ndarray:
        """One row per sentence; a sentence not in the corpus is embedded on the spot."""
        missing = [s for s in dict.fromkeys(sentences) if s not in self._vectors]
        self._vectors.update(zip(missing, self._embed(missing), strict=True))
        if not sentences:
            return np.zeros((0, self._embeddings.dimension), dtype=np.float32)
        return np.stack([self._vectors[s] for s in sentences])

    def hub(self, sentence: str) -> float:
        """Mean similarity to the nearest corpus sentences (0 for a sentence from elsewhere)."""
        return self._hubs.get(sentence, 0.0)

    def _embed(self, sentences: list[str]) -> np.ndarray:
        return self._embeddings.encode([self._analyzer.expand(s) for s in sentences])


def _hub_scores(vectors: np.ndarray) -> list[float]:
    if len(vectors) < 2:
        return [0.0] * len(vectors)
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -np.inf)
    k = min(NEIGHBOURS, len(vectors) - 1)
    nearest = np.sort(similarity, axis=1)[:, -k:]
    return [float(x) for x in nearest.mean(axis=1)]
