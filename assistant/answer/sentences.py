"""Every sentence of the indexed passages with its vector and how generic it is (its hub
score), as ingest stored them (assistant/index/sentence_store.py); questions are embedded here
the same way the sentences were.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from assistant.index.embeddings import SentenceEmbeddings
from assistant.index.sentence_store import SentenceTable
from assistant.recent import Recent
from assistant.text import Analyzer

CLOSEST = 3
# Tokens of a question-side text the encoder reads: above the longest the eval questions give
# (95, synonyms expanded, as the answerer reads them), so only a hostile text is cut.
QUERY_TOKENS = 96
# Question-side texts whose vectors are kept: one answer embeds the same ask more than once (a
# case story's lead and its kinds), and a conversation's turns are read again with each reply.
RECENT = 256


class SentenceBank:
    """Sentence text -> unit vector and hub score, for the corpus the index holds."""

    def __init__(
        self, table: SentenceTable, embeddings: SentenceEmbeddings, analyzer: Analyzer
    ) -> None:
        self._embeddings = embeddings
        self._analyzer = analyzer
        self._recent: defaultdict[int, Recent[str, np.ndarray]] = defaultdict(
            lambda: Recent(RECENT)
        )
        self._rows = {sentence: row for row, sentence in enumerate(table.sentences)}
        self._hubs = table.hubs
        self._matrix = table.vectors

    def embed(self, text: str) -> np.ndarray:
        """A question or query as the corpus sentences were embedded (synonyms expanded)."""
        return np.asarray(self._embed([text])[0])

    def embed_all(self, texts: list[str], max_tokens: int = QUERY_TOKENS) -> np.ndarray:
        """Several texts in one encoder call, embedded like `embed` (each read up to
        `max_tokens`, synonyms expanded)."""
        if not texts:
            return np.zeros((0, self._embeddings.dimension), dtype=np.float32)
        return np.asarray(self._embed(texts, max_tokens))

    def closeness(self, vector: np.ndarray) -> float:
        """Mean similarity of the three corpus sentences closest to `vector`: how near the
        corpus a question is."""
        if not len(self._matrix):
            return 0.0
        nearest = np.sort(self._matrix @ vector)[-CLOSEST:]
        return float(nearest.mean())

    def vectors(self, sentences: Sequence[str]) -> np.ndarray:
        """One row per sentence; a sentence not in the corpus is embedded on the spot (and kept
        only among the RECENT question-side texts: the bank holds the corpus)."""
        if not sentences:
            return np.zeros((0, self._embeddings.dimension), dtype=np.float32)
        missing = [s for s in dict.fromkeys(sentences) if s not in self._rows]
        fresh = dict(zip(missing, self._embed(missing), strict=True))
        return np.stack(
            [self._matrix[self._rows[s]] if s in self._rows else fresh[s] for s in sentences]
        )

    def hub(self, sentence: str) -> float:
        """Mean similarity to the nearest corpus sentences (0 for a sentence from elsewhere)."""
        row = self._rows.get(sentence)
        return 0.0 if row is None else float(self._hubs[row])

    def _embed(self, sentences: list[str], max_tokens: int = QUERY_TOKENS) -> np.ndarray:
        """Each text expanded and encoded once in one call; a recently embedded one not again."""
        if not sentences:
            return np.zeros((0, self._embeddings.dimension), dtype=np.float32)
        texts = [self._analyzer.expand(s) for s in sentences]

        def encode(fresh: list[str]) -> list[np.ndarray]:
            return list(self._embeddings.encode(fresh, max_tokens=max_tokens))

        return np.stack(self._recent[max_tokens].values(texts, encode))
