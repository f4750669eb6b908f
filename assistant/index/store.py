"""The Chroma collection of chunks, through langchain-chroma: synced by content hash, and
refusing to be queried with another embedding model or a stale corpus."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.errors import (
    AssistantError,
    IndexMismatchError,
    IndexMissingError,
    IndexUnavailableError,
)
from assistant.index.chunking import lexical_text
from assistant.index.embeddings import SentenceEmbeddings
from assistant.index.sentence_store import SentenceStore, SentenceTable
from assistant.schema import SYNTHESIS, Chunk, Ref
from assistant.settings import Settings
from assistant.text import Analyzer

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from langchain_chroma import Chroma

SCHEMA_VERSION = 2  # 2: sentence vectors stored beside the chunks
INCOMPLETE = "incomplete"
# Chunks embedded per call: large enough that the encoder's own length-sorted batching runs at
# full speed, small enough for progress to move.
_BATCH = 512
_INGEST_HINT = "run `assistant ingest` to build it"
_TERMS = "\x1f"  # joins a chunk's keyword-search terms in its metadata
_UNREACHABLE_HINT = "check that the Chroma server is running and reachable; requests retry it"
_DAMAGED_HINT = "if the folder is damaged, run `assistant ingest --rebuild` to rebuild it"
_REBUILD_HINT = "run `assistant ingest --rebuild` to rebuild the index with the current settings"


@dataclass(frozen=True)
class SyncReport:
    """What a sync did: chunks added, kept unchanged, updated in place, and removed."""

    added: int
    kept: int
    updated: int
    removed: int


@dataclass(frozen=True)
class IndexInfo:
    """What the index records about how it was built."""

    embedding_model: str
    corpus_version: str
    chunks: int


class ChunkStore:
    """One Chroma collection of chunks; every access passes our embedding function."""

    def __init__(
        self,
        settings: Settings,
        embeddings: SentenceEmbeddings,
        analyzer: Analyzer | None = None,
        *,
        create: bool = False,
    ) -> None:
        """Open the store; unless `create`, a missing index folder is an error, not a new one."""
        self._settings = settings
        self._embeddings = embeddings
        self._analyzer = analyzer or Analyzer()
        if not (create or settings.chroma_host or settings.index_dir.is_dir()):
            raise IndexMissingError(f"no index at {settings.index_dir}", hint=_INGEST_HINT)
        self._client = _make_client(settings)
        self._reader: Chroma | None = None
        self._sentences = SentenceStore(
            self._client, settings.collection, embeddings, self._analyzer
        )

    def close(self) -> None:
        """Release the client; an embedded index is then read afresh from disk by the next
        store opened on it (Chroma keeps one in-memory copy per folder and process)."""
        self._reader = None
        self._client.close()  # type: ignore[attr-defined]  # both clients have it; ClientAPI omits it

    @property
    def location(self) -> str:
        s = self._settings
        return f"chroma://{s.chroma_host}:{s.chroma_port}" if s.chroma_host else str(s.index_dir)

    def exists(self) -> bool:
        with self._reachable():
            return self._settings.collection in {c.name for c in self._client.list_collections()}

    def info(self) -> IndexInfo:
        if not self.exists():
            raise IndexMissingError(f"no index at {self.location}", hint=_INGEST_HINT)
        with self._reachable():
            collection = self._client.get_collection(
                self._settings.collection, embedding_function=None
            )
            meta = collection.metadata or {}
            count = collection.count()
        return IndexInfo(
            embedding_model=str(meta.get("embedding_model", "")),
            corpus_version=str(meta.get("corpus_version", "")),
            chunks=count,
        )

    def corpus_version(self) -> str:
        """The corpus version the index holds, in one read (checked once per answer)."""
        with self._reachable():
            collection = self._client.get_collection(
                self._settings.collection, embedding_function=None
            )
        return str((collection.metadata or {}).get("corpus_version", ""))

    def check(self, corpus_version: str) -> IndexInfo:
        """Raise unless the index exists, is complete, and matches our model and corpus."""
        info = self.info()
        if info.embedding_model != self._embeddings.name:
            raise IndexMismatchError(
                f"the index at {self.location} was built with embedding model "
                f"{info.embedding_model!r}, but {self._embeddings.name!r} is configured",
                hint=_REBUILD_HINT,
            )
        if info.corpus_version == INCOMPLETE:
            raise IndexMismatchError(
                f"the index at {self.location} is incomplete (an ingest was interrupted)",
                hint=_INGEST_HINT,
            )
        if info.corpus_version != corpus_version:
            raise IndexMismatchError(
                f"the index at {self.location} was built from another version of the corpus",
                hint="run `assistant ingest` to bring it up to date",
            )
        return info

    def sync(
        self,
        chunks: Sequence[Chunk],
        corpus_version: str,
        *,
        rebuild: bool = False,
        on_progress: Callable[[int], None] | None = None,
    ) -> SyncReport:
        """Make the collection hold exactly `chunks`, embedding only what is new or changed."""
        self._prepare(rebuild)
        store = self._vectorstore(corpus_version=INCOMPLETE)
        existing = _existing_hashes(store)
        documents = {c.chunk_id: self._analyzer.expand(c.embedding_text) for c in chunks}
        terms = {c.chunk_id: _TERMS.join(self._analyzer.terms(lexical_text(c))) for c in chunks}
        hashes = {
            c.chunk_id: _meta_hash(c, documents[c.chunk_id], terms[c.chunk_id]) for c in chunks
        }
        stale = [i for i in existing if existing[i] != hashes.get(i)]
        fresh = [c for c in chunks if existing.get(c.chunk_id) != hashes[c.chunk_id]]
        if stale:
            store.delete(ids=stale)
        if on_progress:
            on_progress(len(chunks) - len(fresh))
        for start in range(0, len(fresh), _BATCH):
            batch = fresh[start : start + _BATCH]
            store.add_texts(
                [documents[c.chunk_id] for c in batch],
                metadatas=[_to_metadata(c, hashes[c.chunk_id], terms[c.chunk_id]) for c in batch],
                ids=[c.chunk_id for c in batch],
            )
            if on_progress:
                on_progress(len(batch))
        with self._reachable():
            self._sentences.sync(chunks, corpus_version)
        self._set_metadata(corpus_version)
        updated = sum(1 for c in fresh if c.chunk_id in existing)
        return SyncReport(
            added=len(fresh) - updated,
            kept=len(chunks) - len(fresh),
            updated=updated,
            removed=len(stale) - updated,
        )

    def search(self, vector: list[float], k: int) -> list[tuple[Chunk, float]]:
        """The k chunks nearest to `vector`, with cosine similarity (higher is closer)."""
        with self._reachable():
            results = self._read().similarity_search_by_vector_with_relevance_scores(vector, k=k)
        return [(_from_metadata(doc.metadata), 1.0 - float(dist)) for doc, dist in results]

    def sentence_table(self, corpus_version: str) -> SentenceTable:
        """The sentence vectors and hub scores ingest stored for `corpus_version`."""
        with self._reachable():
            return self._sentences.load(corpus_version)

    def chunks(self) -> list[Chunk]:
        """Every chunk in the collection, in a stable order (for the lexical index)."""
        return [chunk for chunk, _ in self.chunks_and_terms()]

    def chunks_and_terms(self) -> list[tuple[Chunk, list[str]]]:
        """Every chunk with the keyword-search terms ingest analysed it into, in a stable
        order: the lexical index is built from them without analysing the text again."""
        with self._reachable():
            records = self._read().get(include=["metadatas"])
        if any("terms" not in m for m in records["metadatas"]):
            raise IndexMismatchError(
                f"the index at {self.location} was built by an older version of the assistant",
                hint="run `assistant ingest` to bring it up to date",
            )
        found = [
            (_from_metadata(m), [t for t in str(m["terms"]).split(_TERMS) if t])
            for m in records["metadatas"]
        ]
        return sorted(found, key=lambda pair: (pair[0].doc_id, pair[0].start))

    def _prepare(self, rebuild: bool) -> None:
        if rebuild:
            if self.exists():
                self._client.delete_collection(self._settings.collection)
            self._sentences.drop()
            return
        if not self.exists():
            return
        model = self.info().embedding_model
        if model != self._embeddings.name:
            raise IndexMismatchError(
                f"the index at {self.location} holds vectors from {model!r}; refusing to mix "
                f"them with {self._embeddings.name!r}",
                hint=_REBUILD_HINT,
            )

    def _set_metadata(self, corpus_version: str) -> None:
        collection = self._client.get_collection(self._settings.collection, embedding_function=None)
        collection.modify(metadata=self._collection_metadata(corpus_version))

    def _collection_metadata(self, corpus_version: str) -> dict[str, Any]:
        return {
            "embedding_model": self._embeddings.name,
            "corpus_version": corpus_version,
            "schema_version": SCHEMA_VERSION,
        }

    @contextmanager
    def _reachable(self) -> Iterator[None]:
        """Chroma's own errors (a server down, a damaged folder) as one message naming where."""
        try:
            yield
        except AssistantError:
            raise
        except Exception as exc:  # chromadb raises many unrelated types for one cause
            raise IndexUnavailableError(
                f"cannot read the index at {self.location} ({type(exc).__name__}: {exc})",
                hint=_UNREACHABLE_HINT if self._settings.chroma_host else _DAMAGED_HINT,
            ) from exc

    def _read(self) -> Chroma:
        """The wrapper queries go through, built once: building it costs more than a query."""
        if self._reader is None:
            self._reader = self._vectorstore()
        return self._reader

    def _vectorstore(self, corpus_version: str | None = None) -> Chroma:
        from langchain_chroma import Chroma

        if corpus_version is None and not self.exists():
            raise IndexMissingError(f"no index at {self.location}", hint=_INGEST_HINT)
        store = Chroma(
            client=self._client,
            collection_name=self._settings.collection,
            embedding_function=self._embeddings,
            collection_metadata=(
                None if corpus_version is None else self._collection_metadata(corpus_version)
            ),
            collection_configuration={"hnsw": {"space": "cosine"}},
        )
        if corpus_version is not None:
            self._set_metadata(corpus_version)
        return store


def _make_client(settings: Settings) -> ClientAPI:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        try:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        except Exception as exc:
            raise AssistantError(
                f"cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port}",
                hint="start it with `chroma run --path DIR --host HOST --port PORT`",
            ) from exc
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(settings.index_dir), settings=chroma_settings)
    except Exception as exc:  # a damaged or foreign folder fails in many ways
        raise IndexUnavailableError(
            f"cannot open the index at {settings.index_dir} ({type(exc).__name__}: {exc})",
            hint=_DAMAGED_HINT,
        ) from exc


def _existing_hashes(store: Chroma) -> dict[str, str]:
    records = store.get(include=["metadatas"])
    return {
        i: str(m.get("meta_hash", ""))
        for i, m in zip(records["ids"], records["metadatas"], strict=True)
    }


def _to_metadata(chunk: Chunk, meta_hash: str, terms: str) -> dict[str, str | int]:
    meta: dict[str, str | int] = {
        "chunk_id": chunk.chunk_id,
        "doc_id": chunk.doc_id,
        "ref": str(chunk.ref),
        "section": chunk.section,
        "text": chunk.text,
        "cites": ",".join(map(str, chunk.cites)),
        "title": chunk.title,
        "study_type": chunk.study_type,
        "start": chunk.start,
        "end": chunk.end,
    }
    if chunk.year is not None:
        meta["year"] = chunk.year
    if chunk.match_confidence is not None:
        meta["match_confidence"] = chunk.match_confidence
    meta["meta_hash"] = meta_hash
    meta["terms"] = terms
    return meta


def _meta_hash(chunk: Chunk, document: str, terms: str) -> str:
    """Changes when anything stored for the chunk changes: metadata, the text embedded, or the
    terms its keyword search uses."""
    text = f"{chunk.model_dump_json()}\x1f{document}\x1f{terms}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _from_metadata(meta: dict[str, Any]) -> Chunk:
    ref: Ref = SYNTHESIS if meta["ref"] == SYNTHESIS else int(meta["ref"])
    cites = tuple(int(n) for n in str(meta.get("cites", "")).split(",") if n)
    return Chunk(
        chunk_id=meta["chunk_id"],
        doc_id=meta["doc_id"],
        ref=ref,
        section=meta["section"],
        text=meta["text"],
        cites=cites,
        title=meta["title"],
        year=meta.get("year"),
        study_type=meta["study_type"],
        match_confidence=meta.get("match_confidence"),
        start=int(meta["start"]),
        end=int(meta["end"]),
    )
