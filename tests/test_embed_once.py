"""Corpus text is embedded once, at ingest: start-up reads stored vectors, an unchanged
re-ingest embeds nothing, a changed card embeds only its own text; hub scores are exact and
their memory grows with the corpus, not its square."""

import tracemalloc
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.factory import load_components
from assistant.index.embeddings import SentenceEmbeddings
from assistant.index.hubs import hub_scores
from assistant.index.ingest import ingest
from assistant.index.sentence_store import corpus_sentences
from assistant.settings import Settings

pytestmark = pytest.mark.slow


class CountingEmbeddings(SentenceEmbeddings):
    """The real model, counting the texts it is asked to embed."""

    def __init__(self, real: SentenceEmbeddings) -> None:
        super().__init__(real.name, offline=True)
        self._model = real._model
        self.texts = 0

    def encode(self, texts: list[str], max_tokens: int | None = None) -> np.ndarray:
        self.texts += len(texts)
        return super().encode(texts, max_tokens=max_tokens)


def test_start_up_and_an_unchanged_reingest_embed_no_corpus_text(
    real_corpus_copy: Path, tmp_path: Path, embeddings: Any
) -> None:
    corpus = real_corpus_copy
    settings = Settings(index_dir=tmp_path / "index", corpus_dir=corpus)
    counting = CountingEmbeddings(embeddings)
    first = ingest(settings, counting)
    sentences = len(corpus_sentences(load_components(settings, embeddings).store.chunks()))
    assert counting.texts == first.chunks + sentences
    counting.texts = 0
    parts = load_components(settings, counting)
    assert counting.texts == 0, "start-up reads the stored vectors"
    parts.bank.closeness(parts.bank.embed("sacroiliac joint pain"))
    assert counting.texts == 1
    counting.texts = 0
    again = ingest(settings, counting)
    assert again.sync.added == again.sync.updated == 0 and counting.texts == 0


def test_a_changed_card_embeds_only_its_new_text(
    real_corpus_copy: Path, tmp_path: Path, embeddings: Any
) -> None:
    corpus = real_corpus_copy
    settings = Settings(index_dir=tmp_path / "index", corpus_dir=corpus)
    ingest(settings, embeddings)
    card = next((corpus / "sources").glob("03-*.md"))
    added = "A clinic protocol adds a new sentence about osteochondroma follow-up."
    card.write_text(card.read_text().rstrip() + f"\n\n{added}\n")
    counting = CountingEmbeddings(embeddings)
    report = ingest(settings, counting)
    changed_chunks = report.sync.added + report.sync.updated
    assert 1 <= changed_chunks <= 2
    assert counting.texts == changed_chunks + 1, "the changed chunk(s) and the one new sentence"
    bank = load_components(settings, embeddings).bank
    assert bank.hub(added) > 0


def test_stored_hub_scores_equal_the_full_similarity_matrix(
    real_index_settings: Settings, embeddings: Any
) -> None:
    table = load_components(real_index_settings, embeddings).store.sentence_table(
        load_components(real_index_settings, embeddings).corpus.version
    )
    similarity = table.vectors @ table.vectors.T
    np.fill_diagonal(similarity, -np.inf)
    brute = np.sort(similarity, axis=1)[:, -10:].mean(axis=1)
    assert np.array_equal(table.hubs, brute.astype(np.float32))


def test_hub_memory_grows_linearly() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(8000, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    tracemalloc.start()
    hub_scores(vectors)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    full_matrix = 8000 * 8000 * 4
    assert peak < full_matrix / 10, f"peak {peak / 1e6:.0f} MB"


def test_keyword_terms_stored_at_ingest_match_analysing_again(
    real_index_settings: Settings, embeddings: Any
) -> None:
    from assistant.retrieval.lexical import LexicalIndex

    parts = load_components(real_index_settings, embeddings)
    stored = parts.store.chunks_and_terms()
    assert all(terms for _, terms in stored)
    analysed = LexicalIndex([c for c, _ in stored], parts.lexical.analyzer, parts.corpus.names)
    for query in ("sacroiliac joint injection", "cluneal nerve entrapment", "iron infusion"):
        assert parts.lexical.search(query, 8) == analysed.search(query, 8)


def test_a_question_side_text_is_encoded_once_while_recent(
    real_corpus_copy: Path, tmp_path: Path, embeddings: Any
) -> None:
    """A case story's answer embeds its ask for the lead and again for the kinds asked; a
    conversation re-reads its turns: the same text costs the encoder once, same vector."""
    settings = Settings(index_dir=tmp_path / "index", corpus_dir=real_corpus_copy)
    ingest(settings, embeddings)
    counting = CountingEmbeddings(embeddings)
    bank = load_components(settings, counting).bank
    ask = "what could it be and how is it confirmed"
    first = bank.embed_all([ask, ask, "what helps"], max_tokens=64)
    assert counting.texts == 2
    again = bank.embed_all(["what helps", ask], max_tokens=64)
    assert counting.texts == 2
    assert np.array_equal(again[1], first[0]) and np.array_equal(again[0], first[2])
    bank.embed_all([ask], max_tokens=96)
    assert counting.texts == 3, "read up to another length, it is another text"
