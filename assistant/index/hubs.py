"""How generic each corpus sentence is: the mean similarity to its nearest neighbours.

A long, general sentence ("X is a significant cause of low back pain...") sits close to almost
any question on the topic in embedding space and would crowd out the sentence that answers it;
the answerer subtracts a share of this hub score (the CSLS correction used against hubness).
Computed once at ingest, exactly, a block of rows at a time, so memory grows with the corpus,
not with its square.
"""

from __future__ import annotations

import numpy as np

NEIGHBOURS = 10
_BLOCK = 256


def hub_scores(vectors: np.ndarray) -> np.ndarray:
    """One score per row of unit `vectors`: the mean of its NEIGHBOURS highest similarities to
    the other rows (0 when there is no other row)."""
    count = len(vectors)
    if count < 2:
        return np.zeros(count, dtype=np.float32)
    k = min(NEIGHBOURS, count - 1)
    scores = np.empty(count, dtype=np.float32)
    for start in range(0, count, _BLOCK):
        similarity = vectors[start : start + _BLOCK] @ vectors.T
        rows = np.arange(len(similarity))
        similarity[rows, start + rows] = -np.inf
        nearest = np.sort(np.partition(similarity, -k, axis=1)[:, -k:], axis=1)
        scores[start : start + len(similarity)] = nearest.mean(axis=1)
    return scores
