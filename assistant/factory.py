"""The one place the seams are wired together."""

from __future__ import annotations

from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.sentences import SentenceBank
from assistant.corpus.loader import load_corpus
from assistant.environment import configure_environment
from assistant.index.embeddings import SentenceEmbeddings
from assistant.index.store import ChunkStore
from assistant.pipeline import Assistant, Phrases
from assistant.prompts import render
from assistant.retrieval.lexical import LexicalIndex
from assistant.retrieval.retriever import HybridRetriever
from assistant.settings import Settings
from assistant.text import Analyzer


def build_embeddings(settings: Settings) -> SentenceEmbeddings:
    return SentenceEmbeddings(
        settings.embedding_model,
        offline=settings.offline,
        device=settings.embedding_device,
        batch_size=settings.embedding_batch_size,
    )


def build_assistant(settings: Settings) -> Assistant:
    """Load the corpus and open the index it was built into; fail early with a hint if stale."""
    configure_environment(settings)
    corpus = load_corpus(settings.corpus_dir)
    embeddings = build_embeddings(settings)
    analyzer = Analyzer(corpus.synonyms)
    store = ChunkStore(settings, embeddings, analyzer)
    store.check(corpus.version)
    embeddings.load()
    chunks = store.chunks()
    lexical = LexicalIndex(chunks, analyzer)
    retriever = HybridRetriever(store, lexical, settings)
    answerer = ExtractiveAnswerer(SentenceBank(chunks, embeddings, analyzer), lexical, settings)
    phrases = Phrases(insufficient_evidence=render(settings.prompts_dir, "insufficient_evidence"))
    return Assistant(
        settings=settings,
        corpus=corpus,
        embeddings=embeddings,
        analyzer=analyzer,
        retriever=retriever,
        answerer=answerer,
        phrases=phrases,
    )
