"""The Chroma store on a temp dir: idempotent sync, replacement, model and corpus checks."""

from pathlib import Path

import pytest

from assistant.corpus.loader import load_corpus
from assistant.errors import IndexMismatchError, IndexMissingError
from assistant.index.embeddings import SentenceEmbeddings
from assistant.index.ingest import ingest
from assistant.index.store import ChunkStore


def test_reingesting_an_unchanged_corpus_adds_nothing(
    make_settings, fixture_corpus: Path, embeddings
) -> None:
    settings = make_settings(corpus_dir=fixture_corpus)
    first = ingest(settings, embeddings)
    assert (first.sync.added, first.sync.kept, first.sync.removed) == (first.chunks, 0, 0)
    second = ingest(settings, embeddings)
    assert (second.sync.added, second.sync.kept, second.sync.updated, second.sync.removed) == (
        0,
        first.chunks,
        0,
        0,
    )
    assert "0 added" in second.summary() and f"{first.chunks} kept" in second.summary()


def test_changed_chunks_are_replaced_and_removed_ones_deleted(
    make_settings, fixture_corpus: Path, embeddings
) -> None:
    settings = make_settings(corpus_dir=fixture_corpus)
    ingest(settings, embeddings)
    card = fixture_corpus / "sources" / "01-plantar-fasciitis.md"
    card.write_text(
        card.read_text()
        .replace("12% of the 500", "13% of the 500")
        .replace(
            "- Standing for more than 8 hours a day doubled the risk of plantar fasciitis.\n", ""
        )
    )
    report = ingest(settings, embeddings).sync
    assert (report.added, report.removed) == (1, 2)
    texts = [c.text for c in ChunkStore(settings, embeddings).chunks()]
    assert any("13% of the 500" in t for t in texts)
    assert not any("12% of the 500" in t or "8 hours" in t for t in texts)


def test_metadata_change_updates_a_chunk_in_place(
    make_settings, fixture_corpus: Path, embeddings
) -> None:
    settings = make_settings(corpus_dir=fixture_corpus)
    ingest(settings, embeddings)
    card = fixture_corpus / "sources" / "02-shock-wave.md"
    card.write_text(card.read_text().replace("year: 2018", "year: 2019"))
    report = ingest(settings, embeddings).sync
    assert (report.added, report.updated, report.removed) == (0, 1, 0)
    years = {c.ref: c.year for c in ChunkStore(settings, embeddings).chunks()}
    assert years[2] == 2019


def test_store_round_trips_chunks_and_searches(
    make_settings, fixture_corpus: Path, embeddings
) -> None:
    settings = make_settings(corpus_dir=fixture_corpus)
    ingest(settings, embeddings)
    store = ChunkStore(settings, embeddings)
    stored = store.chunks()
    synthesis = [c for c in stored if c.ref == "synthesis"]
    assert {c.cites for c in synthesis} == {(1,), (1, 2), (2,)}
    hits = store.search(embeddings.embed_query("shock wave therapy for heel pain"), k=2)
    assert hits[0][0].ref == 2
    assert 0.0 < hits[1][1] <= hits[0][1] <= 1.0


def test_missing_index_gives_a_hint_and_writes_nothing(make_settings, embeddings) -> None:
    settings = make_settings()
    with pytest.raises(IndexMissingError) as caught:
        ChunkStore(settings, embeddings)
    assert caught.value.hint == "run `assistant ingest` to build it"
    assert not settings.index_dir.exists()


def test_querying_with_another_model_is_refused(
    make_settings, fixture_corpus: Path, embeddings
) -> None:
    settings = make_settings(corpus_dir=fixture_corpus)
    ingest(settings, embeddings)
    other = SentenceEmbeddings("all-MiniLM-L6-v2", offline=True)
    with pytest.raises(IndexMismatchError) as caught:
        ChunkStore(settings, other).check(load_corpus(fixture_corpus).version)
    assert "all-MiniLM-L6-v2" in caught.value.message
    assert caught.value.hint and "--rebuild" in caught.value.hint
    with pytest.raises(IndexMismatchError, match="refusing to mix"):
        ingest(settings, other)
    assert ingest(settings, other, rebuild=True).sync.added > 0
    ChunkStore(settings, other).check(load_corpus(fixture_corpus).version)


def test_a_stale_corpus_version_is_refused(make_settings, fixture_corpus: Path, embeddings) -> None:
    settings = make_settings(corpus_dir=fixture_corpus)
    ingest(settings, embeddings)
    card = fixture_corpus / "sources" / "02-shock-wave.md"
    card.write_text(card.read_text().replace("40%", "41%"))
    with pytest.raises(IndexMismatchError, match="another version of the corpus"):
        ChunkStore(settings, embeddings).check(load_corpus(fixture_corpus).version)


def test_an_interrupted_ingest_is_never_served(
    make_settings, fixture_corpus: Path, embeddings
) -> None:
    settings = make_settings(corpus_dir=fixture_corpus)
    corpus = load_corpus(fixture_corpus)

    def interrupt(_: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest(settings, embeddings, on_progress=interrupt)
    with pytest.raises(IndexMismatchError, match="incomplete"):
        ChunkStore(settings, embeddings).check(corpus.version)
    ingest(settings, embeddings)
    ChunkStore(settings, embeddings).check(corpus.version)
