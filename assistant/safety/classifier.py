"""The clause classifier: a logistic-regression head per flag family on the packaged embeddings.

It catches descriptions no rule lists ("the loo roll feels like it is not touching anything").
The head is trained on training/*.yaml (phrasings and near-misses written apart from the eval
cases) by `assistant train-triage`, and shipped as classifier.npz with the name of the
embedding model and a hash of the training file; with another model it is retrained on load."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

import numpy as np
import yaml

from assistant.files import save_arrays_atomic
from assistant.recent import Recent

NONE = "none"
# Tokens of one clause the encoder reads: above the longest clause of the tuning messages (42),
# so only a run-on clause of a hostile text is cut.
CLAUSE_TOKENS = 48
HEAD_FILE = "classifier.npz"
TRAINING_FOLDER = "training"
REMEMBERED = 4096  # clauses whose verdict is kept: a message is triaged, then its parts are
# masked for the answerer, and a follow-up's query joins it to the turn before


class Encoder(Protocol):
    name: str

    def encode(self, texts: list[str], max_tokens: int | None = None) -> np.ndarray: ...


@dataclass(frozen=True)
class Head:
    """Softmax weights over the families and `none`."""

    classes: list[str]
    weights: np.ndarray
    bias: np.ndarray
    model: str
    data_hash: str

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        logits = vectors @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))

    def save(self, path: Path) -> None:
        save_arrays_atomic(
            path,
            classes=np.array(self.classes),
            weights=self.weights,
            bias=self.bias,
            model=np.array(self.model),
            data_hash=np.array(self.data_hash),
        )

    @classmethod
    def load(cls, path: Path) -> Head:
        with np.load(path) as data:
            return cls(
                classes=[str(c) for c in data["classes"]],
                weights=data["weights"].astype(np.float32),
                bias=data["bias"].astype(np.float32),
                model=str(data["model"]),
                data_hash=str(data["data_hash"]),
            )


def training_files() -> list[Path]:
    """Every YAML file of training phrasings, in a fixed order."""
    folder = Path(str(resources.files("assistant.safety").joinpath(TRAINING_FOLDER)))
    return sorted(folder.glob("*.yaml"))


def training_hash() -> str:
    digest = hashlib.sha256()
    for path in training_files():
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def training_examples() -> tuple[list[str], list[str]]:
    """Clauses and their labels, from every training file."""
    texts: list[str] = []
    labels: list[str] = []
    for path in training_files():
        for label, items in yaml.safe_load(path.read_text(encoding="utf-8")).items():
            texts += [str(t) for t in items]
            labels += [str(label)] * len(items)
    return texts, labels


def train(encoder: Encoder, regularisation: float = 4.0) -> Head:
    """Fit the head on the training clauses (a few seconds on a CPU)."""
    from sklearn.linear_model import LogisticRegression

    texts, labels = training_examples()
    vectors = encoder.encode(texts)
    # Solved to a tight tolerance: the regularised optimum is unique, so any scikit-learn
    # release (whose default stopping point moved between releases) ships the same head.
    model = LogisticRegression(C=regularisation, max_iter=20_000, tol=1e-9, class_weight="balanced")
    model.fit(vectors, labels)
    return Head(
        classes=[str(c) for c in model.classes_],
        weights=np.asarray(model.coef_, dtype=np.float32),
        bias=np.asarray(model.intercept_, dtype=np.float32),
        model=encoder.name,
        data_hash=training_hash(),
    )


def shipped_head_path() -> Path:
    return Path(str(resources.files("assistant.safety").joinpath(HEAD_FILE)))


class ClauseClassifier:
    """Which family a clause describes, with its probability; `none` for everything else."""

    def __init__(self, encoder: Encoder, threshold: float) -> None:
        self._encoder = encoder
        self._threshold = threshold
        self._head: Head | None = None
        self._seen: Recent[str, tuple[str, float]] = Recent(REMEMBERED)

    @property
    def head(self) -> Head:
        if self._head is None:
            path = shipped_head_path()
            head = Head.load(path) if path.exists() else None
            if head is None or head.model != self._encoder.name:
                head = train(self._encoder)
            self._head = head
        return self._head

    def classify(self, clauses: list[str]) -> list[tuple[str, float]]:
        """The most likely family of each clause and its probability, or (`none`, p); each
        different clause is encoded once, and a recently seen one not again."""

        def read(fresh: list[str]) -> list[tuple[str, float]]:
            rows = self.head.probabilities(self._encoder.encode(fresh, max_tokens=CLAUSE_TOKENS))
            best = rows.argmax(axis=1)
            return [
                (self.head.classes[i] if row[i] >= self._threshold else NONE, float(row[i]))
                for row, i in zip(rows, best, strict=True)
            ]

        return self._seen.values(clauses, read)
