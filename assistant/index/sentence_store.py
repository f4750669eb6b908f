"""The corpus's sentences, embedded once at ingest and kept beside the chunk collection (in the
same Chroma, so a Chroma server deployment has them too), with their hub scores.

Each sentence is stored under a hash of the model, the sentence and the text embedded (the
sentence with synonyms expanded): re-ingesting an unchanged corpus embeds nothing, a changed
card embeds only its new sentences. Start-up reads the vectors; it never runs the encoder on
corpus text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.errors import IndexMismatchError
from assistant.index.embeddings import SentenceEmbeddings
from assistant.index.hubs import hub_scores
from assistant.schema import Chunk
from assistant.text import Analyzer, split_sentences

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

_WRITE = 1000  # rows per Chroma write (below every client's batch limit)


@dataclass(frozen=True)
class SentenceTable:
    """Sentence texts, their unit vectors (one row each) and hub scores, in the same order."""

    sentences: list[str]
    vectors: np.ndarray
    hubs: np.ndarray


def corpus_sentences(chunks: Sequence[Chunk]) -> list[str]:
    """Every distinct sentence of the chunks, in chunk order."""
    return list(dict.fromkeys(s for c in chunks for s in split_sentences(c.text)))


class SentenceStore:
    """One Chroma collection of sentence vectors, named after the chunk collection."""

    def __init__(
        self,
        client: ClientAPI,
        chunk_collection: str,
        embeddings: SentenceEmbeddings,
        analyzer: Analyzer,
    ) -> None:
        self._client = client
        self._name = f"{chunk_collection}-sentences"
        self._embeddings = embeddings
        self._analyzer = analyzer

    def sync(self, chunks: Sequence[Chunk], corpus_version: str) -> int:
        """Hold exactly the chunks' sentences, embedding only new ones, and refresh every hub
        score (a new sentence changes its neighbours' scores). Returns how many were embedded."""
        collection = self._client.get_or_create_collection(
            self._name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        sentences = corpus_sentences(chunks)
        expanded = {s: self._analyzer.expand(s) for s in sentences}
        keys = {s: self._key(s, expanded[s]) for s in sentences}
        existing = set(collection.get(include=[])["ids"])
        stale = sorted(existing - set(keys.values()))
        for start in range(0, len(stale), _WRITE):
            collection.delete(ids=stale[start : start + _WRITE])
        fresh = [s for s in sentences if keys[s] not in existing]
        vectors = self._embeddings.encode([expanded[s] for s in fresh])
        for start in range(0, len(fresh), _WRITE):
            part = fresh[start : start + _WRITE]
            collection.add(
                ids=[keys[s] for s in part],
                documents=part,
                embeddings=vectors[start : start + _WRITE],
                metadatas=[{"hub": 0.0}] * len(part),
            )
        if fresh or stale:
            self._store_hubs(collection, sentences, keys)
        collection.modify(metadata={"corpus_version": corpus_version})
        return len(fresh)

    def drop(self) -> None:
        """Forget every stored sentence (a rebuild, e.g. for another embedding model)."""
        if self._name in {c.name for c in self._client.list_collections()}:
            self._client.delete_collection(self._name)

    def load(self, corpus_version: str) -> SentenceTable:
        """The sentences the last ingest stored; refused if they belong to another version."""
        names = {c.name for c in self._client.list_collections()}
        collection = (
            self._client.get_collection(self._name, embedding_function=None)
            if self._name in names
            else None
        )
        stored = (collection.metadata or {}).get("corpus_version") if collection else None
        if collection is None or stored != corpus_version:
            raise IndexMismatchError(
                "the index has no sentence vectors for this corpus version (built by an "
                "older version of the assistant, or an ingest was interrupted)",
                hint="run `assistant ingest` to bring it up to date",
            )
        records = _all(collection, ["documents", "embeddings", "metadatas"])
        return SentenceTable(
            sentences=[str(d) for d in records["documents"]],
            vectors=np.asarray(records["embeddings"], dtype=np.float32).reshape(
                len(records["ids"]), self._embeddings.dimension
            ),
            hubs=np.asarray([m["hub"] for m in records["metadatas"]], dtype=np.float32),
        )

    def _store_hubs(
        self, collection: Collection, sentences: list[str], keys: dict[str, str]
    ) -> None:
        """Hub scores over the whole sentence set, in the order ingest and start-up share."""
        records = _all(collection, ["embeddings"])
        by_id = dict(zip(records["ids"], records["embeddings"], strict=True))
        ids = [keys[s] for s in sentences]
        hubs = hub_scores(np.asarray([by_id[i] for i in ids], dtype=np.float32))
        for start in range(0, len(ids), _WRITE):
            collection.update(
                ids=ids[start : start + _WRITE],
                metadatas=[{"hub": float(h)} for h in hubs[start : start + _WRITE]],
            )

    def _key(self, sentence: str, expanded: str) -> str:
        text = f"{self._embeddings.name}\x1f{sentence}\x1f{expanded}"
        return hashlib.sha256(text.encode()).hexdigest()[:32]


def _all(collection: Collection, include: list[str]) -> dict[str, Any]:
    """Every record, read a page at a time (a Chroma server caps one response's size)."""
    found: dict[str, list[Any]] = {"ids": [], **{name: [] for name in include}}
    offset = 0
    while True:
        page = collection.get(include=include, limit=_WRITE, offset=offset)  # type: ignore[arg-type]
        for name, values in found.items():
            values.extend(page[name])  # type: ignore[literal-required]
        if len(page["ids"]) < _WRITE:
            return found
        offset += _WRITE
