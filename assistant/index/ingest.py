"""Corpus -> chunks -> Chroma, reporting what changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter

from assistant.corpus.loader import load_corpus
from assistant.index.chunking import chunk_corpus
from assistant.index.embeddings import SentenceEmbeddings
from assistant.index.store import ChunkStore, SyncReport
from assistant.settings import Settings
from assistant.text import Analyzer


@dataclass(frozen=True)
class IngestReport:
    """The summary line's facts."""

    documents: int
    chunks: int
    sync: SyncReport
    seconds: float
    location: str

    def summary(self) -> str:
        s = self.sync
        return (
            f"{self.documents} documents, {self.chunks} chunks: {s.added} added, {s.kept} kept, "
            f"{s.updated} updated, {s.removed} removed in {self.seconds:.1f} s ({self.location})"
        )


def ingest(
    settings: Settings,
    embeddings: SentenceEmbeddings,
    *,
    rebuild: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Validate the corpus, chunk it and sync the index; `on_start` gets the number of chunks."""
    started = perf_counter()
    corpus = load_corpus(settings.corpus_dir)
    chunks = chunk_corpus(corpus, settings.chunk_size, settings.chunk_overlap)
    if on_start:
        on_start(len(chunks))
    store = ChunkStore(settings, embeddings, Analyzer(corpus.synonyms), create=True)
    report = store.sync(chunks, corpus.version, rebuild=rebuild, on_progress=on_progress)
    return IngestReport(
        documents=len(corpus.documents),
        chunks=len(chunks),
        sync=report,
        seconds=perf_counter() - started,
        location=store.location,
    )
