"""Corpus -> chunks -> Chroma, reporting what changed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from time import perf_counter

from filelock import FileLock, Timeout

from assistant.corpus.loader import load_corpus
from assistant.errors import IngestRunningError
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
    with _only_ingest(settings):
        store = ChunkStore(settings, embeddings, Analyzer(corpus.synonyms), create=True)
        report = store.sync(chunks, corpus.version, rebuild=rebuild, on_progress=on_progress)
    return IngestReport(
        documents=len(corpus.documents),
        chunks=len(chunks),
        sync=report,
        seconds=perf_counter() - started,
        location=store.location,
    )


@contextmanager
def _only_ingest(settings: Settings) -> Iterator[None]:
    """One ingest at a time per index: a second one fails at once, naming the lock. (Against
    a Chroma server the lock covers ingests started from this machine's data folder.)"""
    path = settings.index_dir.parent / f"{settings.index_dir.name}.ingest.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(path, timeout=0):
            yield
    except Timeout as exc:
        raise IngestRunningError(
            f"another ingest is running on this index (it holds {path})",
            hint="wait for it to finish (the lock is released when its process ends)",
        ) from exc
